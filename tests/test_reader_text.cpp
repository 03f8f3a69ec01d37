// Tests for the reader's text: the five-language string table, dates, glyph sets and the font
// atlas built from text (no '?' for ə, Armenian or Georgian), rich text layout, options.
#include "test_support.h"

#include "app/reader/article_layout.h"
#include "app/reader/fonts.h"
#include "app/reader/glyphs.h"
#include "app/reader/library_glyphs.h"
#include "app/reader/options.h"
#include "app/reader/rich_text.h"
#include "app/reader/strings.h"
#include "app/reader/ui_kit.h"
#include "core/bundle_apply.h"
#include "core/text_model.h"

#include <catch2/catch.hpp>

#include <imgui.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>

using namespace tidings;
using namespace tidings::reader;

namespace {

// An ImGui context for atlas and layout tests (no renderer needed); destroyed with the object.
struct ImGuiScope {
    ImGuiScope() { ImGui::CreateContext(); }
    ~ImGuiScope() { ImGui::DestroyContext(); }
};

std::string fonts_dir() { return std::string(TIDINGS_BINARY_DIR) + "/share/fonts"; }

} // namespace

TEST_CASE("every UI string exists in all five languages", "[reader]") {
    for (int k = 0; k < kStrCount; ++k) {
        auto key = static_cast<Str>(k);
        const char* en = tr(key, UiLang::En);
        bool placeholder = std::strstr(en, "{}") != nullptr;
        for (int l = 0; l < kUiLangCount; ++l) {
            const char* s = tr(key, static_cast<UiLang>(l));
            INFO("key " << k << " language " << ui_lang_code(static_cast<UiLang>(l)));
            REQUIRE(s != nullptr);
            CHECK(std::strlen(s) > 0);
            // A translation keeps the "{}" its English has, and adds none.
            CHECK((std::strstr(s, "{}") != nullptr) == placeholder);
        }
    }
}

TEST_CASE("UI strings are translated, not copied from English", "[reader]") {
    for (int l = 1; l < kUiLangCount; ++l) {
        auto lang = static_cast<UiLang>(l);
        int same = 0;
        for (int k = 0; k < kStrCount; ++k)
            if (std::strcmp(tr(static_cast<Str>(k), lang), tr(static_cast<Str>(k), UiLang::En)) == 0) ++same;
        INFO(ui_lang_code(lang) << ": " << same << " strings equal to English");
        CHECK(same <= 2); // the app's name and a licence line may stay as they are
    }
}

TEST_CASE("language codes, placeholders and dates", "[reader]") {
    CHECK(ui_lang_from_code("hy") == UiLang::Hy);
    CHECK(ui_lang_from_code("ru_RU.UTF-8") == UiLang::Ru);
    CHECK(ui_lang_from_code("az-Latn") == UiLang::Az);
    CHECK_FALSE(ui_lang_from_code("de").has_value());
    CHECK_FALSE(ui_lang_from_code("english").has_value());
    CHECK(trf(Str::MinRead, UiLang::En, "4") == "4 min read");
    CHECK(format_date("2023-02-02", UiLang::En) == "2 February 2023");
    CHECK(format_date("2023-02-02T10:00:00Z", UiLang::Ru) == "2 февраля 2023");
    CHECK(format_date("2023-02-02", UiLang::Az) == "2 fevral 2023");
    CHECK(format_date("2023-02-02", UiLang::Hy) == "2023 թ. փետրվարի 2");
    CHECK(format_date("2023-02-02", UiLang::Ka) == "2 თებერვალი, 2023");
    CHECK(format_date("yesterday", UiLang::En) == "yesterday");
    CHECK(format_date("2023-13-02", UiLang::En) == "2023-13-02");
    CHECK(content_language_name("az") == "Azərbaycanca");
    CHECK(content_language_name("de") == "de");
}

TEST_CASE("glyph sets collect text, merge, and survive a round trip", "[reader]") {
    GlyphSet g;
    g.add_text("Azərbaycan Հայաստան საქართველო Ёлка\x01\xff");
    CHECK(g.contains(U'ə'));
    CHECK(g.contains(0x0540)); // Հ
    CHECK(g.contains(0x10E1)); // ს
    CHECK(g.contains(0x0401)); // Ё
    CHECK_FALSE(g.contains(0x01)); // control characters are not drawn
    GlyphSet back = GlyphSet::parse(g.serialize());
    CHECK(back == g);
    CHECK(back.size() == g.size());
    GlyphSet more;
    more.add_text("ə!");
    CHECK(g.covers(GlyphSet::parse("259")));
    CHECK_FALSE(g.covers(more));
    CHECK(g.merge(more));
    CHECK_FALSE(g.merge(more));
    CHECK(g.covers(more));
    CHECK(GlyphSet::parse("zz,20-22,,x-").contains(0x21));
}

TEST_CASE("glyph ranges from text include ə, Armenian and Georgian", "[reader]") {
    ImGuiScope imgui;
    GlyphSet g;
    g.add_text("Azərbaycan Հայաստան საქართველო");
    ImVector<ImWchar> ranges = g.build_ranges();
    REQUIRE(ranges.Size >= 3);
    REQUIRE(ranges[ranges.Size - 1] == 0);
    auto in_ranges = [&](unsigned cp) {
        for (int i = 0; i + 1 < ranges.Size; i += 2)
            if (cp >= ranges[i] && cp <= ranges[i + 1]) return true;
        return false;
    };
    CHECK(in_ranges(0x259));
    CHECK(in_ranges(0x540));
    CHECK(in_ranges(0x10E5));
    CHECK_FALSE(in_ranges(0x4E00));
}

TEST_CASE("the font atlas has a real glyph for every character of the text", "[reader]") {
    ImGuiScope imgui;
    auto lib = FontLibrary::load(fonts_dir());
    REQUIRE(lib.ok());
    GlyphSet g;
    std::string text = all_ui_text();
    g.add_text(text);
    g.add_text(to_upper_label(text));
    g.add_text("Azərbaycan və Ermənistan · Հայաստանի Հանրապետություն · საქართველოს დედაქალაქი · "
               "Переговоры в Тбилиси «Ёлка» — 1–2 February 2023 … “quoted” ‘single’ Café Şuşa Gəncə");
    Fonts fonts;
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    REQUIRE(lib->build(atlas, 17.0f, g, fonts));
    ImFont* roles[] = {fonts.ui, fonts.ui_bold, fonts.small, fonts.small_bold, fonts.body,
                       fonts.body_bold, fonts.body_italic, fonts.heading, fonts.title};
    int missing = 0;
    std::string missing_list;
    for (uint32_t cp = 0x20; cp <= 0xFFFF; ++cp) {
        if (!g.contains(cp)) continue;
        for (ImFont* f : roles) {
            REQUIRE(f != nullptr);
            if (!f->FindGlyphNoFallback(static_cast<ImWchar>(cp))) {
                ++missing;
                if (missing_list.size() < 200) missing_list += std::to_string(cp) + " ";
            }
        }
    }
    INFO("code points without a glyph: " << missing_list);
    CHECK(missing == 0);
    CHECK(fonts.title->FontSize > fonts.body->FontSize);
    CHECK(fonts.body->FontSize > fonts.small->FontSize);
}

TEST_CASE("no character of the sample library is drawn as '?' in any font", "[reader]") {
    REQUIRE(std::filesystem::exists(test::sample_bundle()));
    test::TempDir dir;
    auto lib = Library::open(dir.file("lib.db"));
    REQUIRE(lib.ok());
    REQUIRE(apply_bundle(lib.value(), test::sample_bundle()).ok());
    std::atomic<bool> stop{false};
    auto found = collect_library_glyphs(lib.value(), stop);
    REQUIRE(found.ok());
    CHECK(found->size() > 60);
    CHECK(library_fingerprint(lib.value()).find(':') != std::string::npos);

    ImGuiScope imgui;
    auto fl = FontLibrary::load(fonts_dir());
    REQUIRE(fl.ok());
    GlyphSet g = found.value();
    g.add_text(all_ui_text());
    Fonts fonts;
    REQUIRE(fl->build(*ImGui::GetIO().Fonts, 17.0f, g, fonts));
    std::string missing;
    for (uint32_t cp = 0x20; cp <= 0xFFFF; ++cp) {
        if (!g.contains(cp)) continue;
        for (ImFont* f : {fonts.ui, fonts.ui_bold, fonts.small, fonts.small_bold, fonts.body, fonts.body_bold,
                          fonts.body_italic, fonts.heading, fonts.title})
            if (!f->FindGlyphNoFallback(static_cast<ImWchar>(cp))) {
                char buf[16];
                std::snprintf(buf, sizeof buf, "U+%04X ", cp);
                missing += buf;
                break;
            }
    }
    INFO("characters without a glyph: " << missing);
    CHECK(missing.empty());
}

TEST_CASE("the library's glyphs are those of the text shown: entities decoded", "[reader]") {
    test::TempDir dir;
    test::BundleSpec spec;
    spec.header = test::make_header("glyphs", 1);
    spec.articles = {test::make_article("one", "Plain title", "en",
                                        "A dash &mdash; and &#x10D0; here.", "2024-01-01")};
    test::write_bundle(dir.file("g.tidings"), spec);
    auto lib = Library::open(dir.file("lib.db"));
    REQUIRE(lib.ok());
    REQUIRE(apply_bundle(lib.value(), dir.file("g.tidings")).ok());
    std::atomic<bool> stop{false};
    auto found = collect_library_glyphs(lib.value(), stop);
    REQUIRE(found.ok());
    CHECK(found->contains(0x2014)); // em dash, written &mdash;
    CHECK(found->contains(0x10D0)); // Georgian an, written &#x10D0;
    CHECK(found->contains(U'A'));
}

TEST_CASE("rich text wraps inside its width and clamps with an ellipsis", "[reader]") {
    ImGuiScope imgui;
    auto lib = FontLibrary::load(fonts_dir());
    REQUIRE(lib.ok());
    GlyphSet g;
    g.add_text(all_ui_text());
    g.add_text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    Fonts fonts;
    REQUIRE(lib->build(*ImGui::GetIO().Fonts, 17.0f, g, fonts));
    RichFonts rf{fonts.body, fonts.body_bold, fonts.body_italic, fonts.body_bold};
    RichText t;
    t.add("The quick brown fox ");
    t.add("jumps", RichBold);
    t.add(" over the lazy dog and keeps running far across the wide green fields ");
    t.add("into the night", RichItalic | RichLink, 0);
    t.add(". Averyveryveryveryveryveryveryveryveryveryveryverylongwordthatcannotfit.");
    RichParams p;
    p.width = 200;
    RichLayout l = layout_rich(t, rf, p);
    CHECK(l.lines() > 3);
    CHECK(l.width <= 200.5f);
    for (const RichRun& r : l.runs) CHECK(r.x + r.w <= 200.5f);
    CHECK(l.height == Approx(l.line_advance * static_cast<float>(l.lines())));
    bool has_link = false;
    for (const RichRun& r : l.runs) has_link |= r.link == 0;
    CHECK(has_link);

    p.max_lines = 2;
    RichLayout cut = layout_rich(t, rf, p);
    CHECK(cut.lines() == 2);
    CHECK(cut.truncated);
    CHECK(cut.text.size() >= 3);
    CHECK(cut.text.substr(cut.text.size() - 3) == "…");
    CHECK(cut.width <= 200.5f);

    RichText marked;
    marked.add_marked("peace \x02" "talks\x03 in \x02" "Brussels\x03");
    int marks = 0;
    for (const auto& piece : marked.pieces()) marks += (piece.style & RichMark) ? 1 : 0;
    CHECK(marks == 2);
    CHECK(marked.text() == "peace talks in Brussels");
}

TEST_CASE("an article body becomes positioned blocks", "[reader]") {
    ImGuiScope imgui;
    auto lib = FontLibrary::load(fonts_dir());
    REQUIRE(lib.ok());
    GlyphSet g;
    g.add_text(all_ui_text());
    Fonts fonts;
    REQUIRE(lib->build(*ImGui::GetIO().Fonts, 17.0f, g, fonts));
    TextModel m = parse_markdown("## Heading\n\nA *short* paragraph with a [link](https://example.org).\n\n"
                                 "- one\n- two\n\n> A quotation.\n\n![Caption](photo:abc \"Credit\")\n\n---\n\nEnd.");
    BodyLayout b = layout_body(m, fonts, 500, [](const std::string& h) { return h == "abc" ? 2.0f : 0.0f; });
    REQUIRE(b.items.size() == m.blocks.size());
    float y = -1;
    for (const DocItem& it : b.items) {
        CHECK(it.y > y);
        y = it.y;
    }
    CHECK(b.links.size() == 1);
    bool photo = false, list = false;
    for (const DocItem& it : b.items) {
        if (it.kind == DocItem::Kind::Photo) {
            photo = true;
            CHECK(it.photo == "abc");
            CHECK(it.photo_h == Approx(250));
        }
        if (it.block == BlockKind::ListItem) {
            list = true;
            CHECK(it.marker == "•");
            CHECK(it.indent > 0);
        }
    }
    CHECK(photo);
    CHECK(list);
    CHECK(b.height > 0);
    CHECK(reading_minutes(std::string(1100, 'a') + " b c") == 1);
}

TEST_CASE("reader command line", "[reader]") {
    auto ok = parse_options({"--screenshot", "x.png", "--screen", "article", "--article", "abc", "--size", "720x1280",
                             "--ui-lang", "hy", "--scroll", "end"});
    REQUIRE(ok.error.empty());
    CHECK(ok.options.screen == ScreenName::Article);
    CHECK(ok.options.width == 720);
    CHECK(ok.options.height == 1280);
    CHECK(ok.options.ui_lang == "hy");
    CHECK(ok.options.scroll == "end");
    CHECK_FALSE(parse_options({"--size", "12x"}).error.empty());
    CHECK_FALSE(parse_options({"--screen", "nowhere", "--screenshot", "a.png"}).error.empty());
    CHECK_FALSE(parse_options({"--screen", "home"}).error.empty()); // needs --screenshot
    CHECK_FALSE(parse_options({"--ui-lang", "de"}).error.empty());
    CHECK_FALSE(parse_options({"--library"}).error.empty());
    CHECK_FALSE(parse_options({"--frobnicate"}).error.empty());
    CHECK(parse_options({"--library", "/tmp/x.db"}).options.library == "/tmp/x.db");
}
