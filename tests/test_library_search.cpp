// Tests for library search: five languages, case and diacritics, hostile text, snippets, suggestions.
#include "test_support.h"

#include "core/bundle_apply.h"
#include "core/library_search.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <set>

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

TEST_CASE("title suggestions come newest first, across languages", "[search]") {
    // One bundle numbers its articles language by language (az before en), so the order they
    // were numbered in is not the order of their dates.
    const int old_ones = GENERATE(3, 1100); // few matches are sorted; many are picked from the date index
    BundleSpec s;
    s.header = make_header("two", 1);
    for (int i = 0; i < old_ones; ++i) {
        char date[16];
        std::snprintf(date, sizeof date, "2022-%02d-%02d", 1 + i % 12, 1 + i % 28);
        s.articles.push_back(make_article("en-old-" + std::to_string(i), "Baku report " + std::to_string(i), "en",
                                          "Text.", date));
    }
    s.articles.push_back(make_article("az-1", "Bakı xəbərləri", "az", "Mətn.", "2024-03-01"));
    s.articles.push_back(make_article("en-1", "Baku news", "en", "Text.", "2024-02-01"));
    s.articles.push_back(make_article("az-2", "Bakıda görüş", "az", "Mətn.", "2024-01-01"));
    s.articles.push_back(make_article("en-2", "Baku again", "en", "Text.", "2023-06-01"));
    s.articles.push_back(make_article("ru-1", "Новости", "ru", "Текст.", "2025-01-01")); // matches nothing
    TempDir dir;
    write_bundle(dir.file("two.tidings"), s);
    auto lib = Library::open(dir.file("lib.db"));
    REQUIRE(lib.ok());
    REQUIRE(apply_bundle(lib.value(), dir.file("two.tidings")).ok());
    INFO("older matches: " << old_ones);
    auto sug = suggest_titles(lib.value(), "bak", 5);
    REQUIRE(sug.ok());
    std::vector<std::string> ids;
    for (const auto& c : sug.value()) ids.push_back(c.id);
    REQUIRE(ids.size() == 5);
    CHECK(std::vector<std::string>(ids.begin(), ids.begin() + 4) == std::vector<std::string>{"az-1", "en-1", "az-2", "en-2"});
    CHECK(ids[4].rfind("en-old-", 0) == 0);
    // Fewer than asked: all of them, still newest first.
    auto two = suggest_titles(lib.value(), "bakıda", 5);
    REQUIRE(two.ok());
    REQUIRE(two->size() == 1);
    CHECK((*two)[0].id == "az-2");
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
    CHECK(r->total_is_exact);
    CHECK(r->estimated_total == 1);
    // A prefix that several words share still counts articles, not words.
    auto p = search(f.lib.value(), "peac", {});
    REQUIRE(p.ok());
    CHECK(p->estimated_total == static_cast<int64_t>(p->hits.size()));
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

namespace {

// 250 articles about "the peace process" (dated one day apart), one with Peace in its title, and
// five about peacekeeping only.
struct ManyFixture {
    TempDir dir;
    Result<Library> lib = make_error(ErrorCode::Internal, "not opened");
    ManyFixture() {
        BundleSpec s;
        s.header = make_header("many", 1);
        char date[16];
        std::string filler;
        for (int k = 0; k < 4; ++k) filler += "one two three four five six seven eight nine ten ";
        for (int i = 0; i < 250; ++i) {
            std::snprintf(date, sizeof date, "2023-%02d-%02d", 1 + i / 28, 1 + i % 28);
            std::string body = filler;
            body += "\n\nDelegates spoke about the peace process and the border.\n\n";
            body += filler;
            std::string id = "p", title = "Report number ";
            id += std::to_string(i);
            title += std::to_string(i);
            s.articles.push_back(make_article(id, title, "en", body, date));
        }
        s.articles.push_back(make_article("title", "Peace", "en", "A short note on the border.", "2022-06-01"));
        for (int i = 0; i < 5; ++i)
        {
            std::string id = "k", title = "Mission ", date2 = "2022-01-0";
            id += std::to_string(i);
            title += std::to_string(i);
            date2 += std::to_string(i + 1);
            s.articles.push_back(make_article(id, title, "en", "Peacekeeping forces arrived.", date2));
        }
        write_bundle(dir.file("many.tidings"), s);
        lib = Library::open(dir.file("lib.db"));
        REQUIRE(lib.ok());
        REQUIRE(apply_bundle(lib.value(), dir.file("many.tidings")).ok());
    }
    SearchResults find(const std::string& typed, int64_t cap = 3000, int offset = 0) {
        SearchOptions o;
        o.relevance_cap = cap;
        o.offset = offset;
        auto r = search(lib.value(), typed, o);
        REQUIRE(r.ok());
        return std::move(r.value());
    }
};

bool marked(const SearchHit& h) {
    return h.title_marked.find(kMatchBegin) != std::string::npos || h.snippet.find(kMatchBegin) != std::string::npos;
}

} // namespace

TEST_CASE("ranked results: title matches first, pages in rank order, each hit highlighted", "[search]") {
    ManyFixture f;
    auto first = f.find("peace");
    CHECK(first.order == SearchOrder::Relevance);
    CHECK(first.total_is_exact);
    CHECK(first.estimated_total == 251);
    REQUIRE(first.hits.size() == 20);
    CHECK(first.hits[0].card.id == "title"); // a title match weighs most
    auto second = f.find("peace", 3000, 20);
    REQUIRE(second.hits.size() == 20);
    std::set<std::string> seen;
    double last = -1e300;
    for (const auto* page : {&first, &second})
        for (const SearchHit& h : page->hits) {
            CHECK(seen.insert(h.card.id).second); // no article on two pages
            CHECK(h.rank >= last);                // bm25: lower is better, so ranks never fall
            last = h.rank;
            CHECK(marked(h));
        }
}

TEST_CASE("a word typed that already matches plenty is not widened to a prefix", "[search]") {
    ManyFixture f;
    // "peace" as typed matches 251 articles: the five about peacekeeping stay out.
    auto r = f.find("peace");
    CHECK(r.estimated_total == 251);
    for (int offset = 0; offset < 260; offset += 20)
        for (const SearchHit& h : f.find("peace", 3000, offset).hits) CHECK(h.card.id[0] != 'k');
    // A rarer start of a word is still a prefix.
    CHECK(f.find("peacek").estimated_total == 5);
    CHECK(f.find("missi").estimated_total == 5);
}

TEST_CASE("very common words are listed newest first, and the cap is shared by the words", "[search]") {
    ManyFixture f;
    // Within the cap: by relevance. Over it: newest first, still highlighted.
    CHECK(f.find("peace", 400).order == SearchOrder::Relevance);
    auto common = f.find("peace", 100);
    CHECK(common.order == SearchOrder::Newest);
    CHECK_FALSE(common.total_is_exact);
    CHECK(common.estimated_total == 101); // counted up to the cap and one more
    REQUIRE(common.hits.size() == 20);
    CHECK(common.hits[0].card.id == "p249");
    for (size_t i = 1; i < common.hits.size(); ++i)
        CHECK(common.hits[i - 1].card.published >= common.hits[i].card.published);
    for (const SearchHit& h : common.hits) CHECK(marked(h));
    // Marks made for a page ordered by date look like FTS5's: a window of the body around the
    // words, cut with ellipses; a prefix marks the whole word.
    auto widened = f.find("delegates pea", 100);
    REQUIRE(widened.order == SearchOrder::Newest);
    REQUIRE_FALSE(widened.hits.empty());
    const std::string snippet = render_marks(widened.hits[0].snippet, "[", "]");
    INFO(snippet);
    CHECK(snippet.find("[Delegates] spoke about the [peace] process") != std::string::npos);
    CHECK(snippet.rfind("…", 0) == 0);
    CHECK(snippet.find("ten [Delegates]") != std::string::npos); // paragraphs joined on one line
    CHECK(snippet.find('\n') == std::string::npos);
    CHECK(snippet.size() > 6);
    CHECK(snippet.compare(snippet.size() - 3, 3, "…") == 0);
    CHECK(render_marks(f.find("repo", 100).hits[0].title_marked, "[", "]") == "[Report] number 249");
    // Two words share a cap of 400: 200 each, fewer than the 250 that match both.
    CHECK(f.find("peace process", 400).order == SearchOrder::Newest);
    CHECK(f.find("peace process", 600).order == SearchOrder::Relevance);
}
