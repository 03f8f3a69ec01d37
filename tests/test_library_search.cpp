// Tests for library search: five languages, case and diacritics, hostile text, snippets, suggestions.
#include "test_support.h"

#include "core/bundle_apply.h"
#include "core/library_search.h"

#include <catch2/catch.hpp>

using namespace tidings;
using namespace tidings::test;

namespace {

// A library with one article per language (and a few more), applied from a real bundle file.
struct SearchFixture {
    TempDir dir;
    Result<Library> lib = make_error(ErrorCode::Internal, "not opened");

    SearchFixture() {
        BundleSpec s;
        s.header = make_header("five", 1);
        s.articles = {
            make_article("en-1", "Peace talks in Brussels", "en",
                         "Negotiators from both countries met in Brussels to discuss confidence-building measures.", "2024-01-01"),
            make_article("az-1", "Azərbaycan və Ermənistan sülh danışıqları", "az",
                         "AZƏRBAYCAN nümayəndə heyəti Brüsseldə görüşdü. Şuşa və Gəncə haqqında danışıldı.", "2024-01-02"),
            make_article("ru-1", "Переговоры в Тбилиси", "ru",
                         "Делегации встретились в ТБИЛИСИ. Ёлка стояла у входа.", "2024-01-03"),
            make_article("hy-1", "Հայաստանի խաղաղության բանակցություններ", "hy",
                         "ՀԱՅԱՍՏԱՆԻ պատվիրակությունը հանդիպեց Երևանում։", "2024-01-04"),
            make_article("ka-1", "საქართველოს დედაქალაქი თბილისი", "ka",
                         "ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ მასპინძლობდა შეხვედრას. თბილისი ლამაზია.", "2024-01-05"),
            make_article("en-2", "Café culture in Yerevan", "en", "The café was full of people.", "2024-01-06"),
        };
        write_bundle(dir.file("five.tidings"), s);
        lib = Library::open(dir.file("lib.db"));
        REQUIRE(lib.ok());
        auto r = apply_bundle(lib.value(), dir.file("five.tidings"));
        REQUIRE(r.ok());
    }

    std::vector<std::string> ids(const std::string& typed, bool prefix = false) {
        SearchOptions o;
        o.prefix_last = prefix;
        auto r = search(lib.value(), typed, o);
        REQUIRE(r.ok());
        std::vector<std::string> out;
        for (const auto& h : r->hits) out.push_back(h.card.id);
        std::sort(out.begin(), out.end());
        return out;
    }

    bool library_articles_intact() {
        auto n = lib->article_count();
        return n.ok() && n.value() == 6;
    }
};

using Ids = std::vector<std::string>;

} // namespace

TEST_CASE("search ignores case and diacritics in all five languages", "[search]") {
    SearchFixture f;
    // Azerbaijani: ə, and its plain Latin look-alike
    CHECK(f.ids("azərbaycan") == Ids{"az-1"});
    CHECK(f.ids("Azərbaycan") == Ids{"az-1"});
    CHECK(f.ids("AZƏRBAYCAN") == Ids{"az-1"});
    CHECK(f.ids("azerbaycan") == Ids{"az-1"});
    CHECK(f.ids("susa") == Ids{"az-1"});
    // Russian
    CHECK(f.ids("тбилиси") == Ids{"ru-1"});
    CHECK(f.ids("Тбилиси") == Ids{"ru-1"});
    CHECK(f.ids("елка") == Ids{"ru-1"});
    // Armenian, upper and lower case
    CHECK(f.ids("հայաստանի") == Ids{"hy-1"});
    CHECK(f.ids("ՀԱՅԱՍՏԱՆԻ") == Ids{"hy-1"});
    // Georgian: Mtavruli capitals fold to Mkhedruli
    CHECK(f.ids("საქართველო") == Ids{"ka-1"});
    CHECK(f.ids("ᲗᲑᲘᲚᲘᲡᲘ") == Ids{"ka-1"});
    // English and Latin diacritics
    CHECK(f.ids("BRUSSELS") == Ids{"en-1"});
    CHECK(f.ids("cafe") == Ids{"en-2"});
    CHECK(f.ids("café") == Ids{"en-2"});
    // Several words must all match.
    CHECK(f.ids("peace brussels") == Ids{"en-1"});
    CHECK(f.ids("peace tbilisi").empty());
}

TEST_CASE("search as you type matches the last word as a prefix", "[search]") {
    SearchFixture f;
    CHECK(f.ids("azər", true) == Ids{"az-1"});
    CHECK(f.ids("тби", true) == Ids{"ru-1"});
    CHECK(f.ids("тби", false).empty());
    auto s = suggest_titles(f.lib.value(), "peace tal");
    REQUIRE(s.ok());
    REQUIRE(s->size() == 1);
    CHECK((*s)[0].id == "en-1");
    auto none = suggest_titles(f.lib.value(), "negotiators"); // in the body, not the title
    REQUIRE(none.ok());
    CHECK(none->empty());
}

TEST_CASE("search highlights the matched words in the original text", "[search]") {
    SearchFixture f;
    auto r = search(f.lib.value(), "azerbaycan", {});
    REQUIRE(r.ok());
    REQUIRE(r->hits.size() == 1);
    CHECK(render_marks(r->hits[0].title_marked, "[", "]") == "[Azərbaycan] və Ermənistan sülh danışıqları");
    const std::string snippet = render_marks(r->hits[0].snippet, "[", "]");
    CHECK((snippet.find("[AZƏRBAYCAN]") != std::string::npos || snippet.find("[Azərbaycan]") != std::string::npos));
    CHECK(r->order == SearchOrder::Relevance);
}

TEST_CASE("what a person types is never query syntax", "[search][hostile]") {
    SearchFixture f;
    const std::vector<std::string> hostile = {
        "\"", "\"\"", "*", "**", "NEAR(", "NEAR(peace brussels", "AND", "OR", "NOT", "peace AND", "- ", "-",
        "title:peace", "{title}: x", ")(", "(", "^peace", "peace*", "'; DROP TABLE articles; --",
        std::string("pea\0ce", 6), std::string(1, '\0'), "\xff\xfe", "\xc3", std::string(10000, '('),
        "peace\"brussels", "a:b:c", "+", ":", "peace NEAR brussels"};
    for (const auto& q : hostile) {
        for (bool prefix : {false, true}) {
            SearchOptions o;
            o.prefix_last = prefix;
            auto r = search(f.lib.value(), q, o);
            INFO("query: " << q);
            CHECK(r.ok());
            auto s = suggest_titles(f.lib.value(), q);
            CHECK(s.ok());
        }
    }
    // Quotes, stars and brackets are not syntax: the words inside still match as words.
    CHECK(f.ids("\"peace\" \"brussels\"") == Ids{"en-1"});
    CHECK(f.ids("peace*") == Ids{"en-1"});
    CHECK(f.ids("(brussels)") == Ids{"en-1"});
    // Operator words are plain words that must be in the text.
    CHECK(f.ids("peace NOT brussels").empty());
    CHECK(f.ids("").empty());
    CHECK(f.ids("   ").empty());
    CHECK(f.library_articles_intact());
}
