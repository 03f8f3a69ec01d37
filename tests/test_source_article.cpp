// Tests for the source article format: round trips, the related-line syntax, escapes, errors.
#include "core/source_article.h"

#include <catch2/catch.hpp>

#include <random>
#include <sstream>

using namespace tidings;

namespace {

// [SECTION] Helpers

// Every field of a card, readable in failure messages.
std::string describe(const RelatedCard& r) {
    std::ostringstream os;
    os << "{list=" << r.list << " id=" << r.article_id << " kind=" << r.kind << " title=" << r.title
       << " summary=" << r.summary << "}";
    return os.str();
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v)
        out += "[" + s + "]";
    return out;
}

// Checks A and B field by field, so a failure names the field that differs.
void check_same(const SourceArticle& a, const SourceArticle& b) {
    CHECK(a.id == b.id);
    CHECK(a.title == b.title);
    CHECK(a.language == b.language);
    CHECK(a.section == b.section);
    CHECK(a.kind == b.kind);
    CHECK(a.published == b.published);
    CHECK(a.updated == b.updated);
    CHECK(join(a.authors) == join(b.authors));
    CHECK(a.source_name == b.source_name);
    CHECK(a.source_url == b.source_url);
    CHECK(a.summary == b.summary);
    CHECK(a.photo == b.photo);
    CHECK(a.photo_caption == b.photo_caption);
    CHECK(a.photo_credit == b.photo_credit);
    CHECK(join(a.flags) == join(b.flags));
    REQUIRE(a.related.size() == b.related.size());
    for (size_t i = 0; i < a.related.size(); ++i)
        CHECK(describe(a.related[i]) == describe(b.related[i]));
    CHECK(a.body == b.body);
}

// An article using every field, every script the reader supports and every awkward character.
SourceArticle rich_article() {
    SourceArticle a;
    a.id = "brussels-2023-jolig";
    a.title = "Armenian and Azerbaijani experts | JOLIG: \"confidence\" in Brussels";
    a.language = "en";
    a.section = "South Caucasus";
    a.kind = "Press release";
    a.published = "2023-02-02";
    a.updated = "2023-02-03T10:00:00Z";
    a.authors = {"Ahmad Alili", "Benyamin Poghosyan", "Name; with semicolon", "Ramazan Samadov"};
    a.source_name = "commonspace.eu with The Joint Armenian-Azerbaijani Liaison Group (JOLIG)";
    a.source_url = "https://commonspace.eu/news/jolig?x=1&y=2#top";
    a.summary =
        "Press Statement issued following the meeting.\nSecond line with a tab\there and C:\\path.";
    a.photo = "photos/01.jpg";
    a.photo_caption = "Participants; 1 February 2023";
    a.photo_credit = "© commonspace.eu";
    a.flags = {"editors_choice", "popular"};
    a.related = {
        {"related", "", "News", "Washington to invest in Armenia’s nuclear energy sector",
         "US Vice President JD Vance announced a $9 billion | investment; in Armenia’s sector."},
        {"related", "kachreti-2021", "", "", ""},
        {"editors_choice", "kachreti-2021", "Interview", "Title | with | bars",
         "Summary\nover two lines \\ and a \\| literal"},
        {"popular", "", "", "@handle starts with at", "| summary starting with a bar"},
        {"popular", "", "@kind", " padded title ", " padded summary "},
        {"popular", "", "Opinion", "Title only, no summary", ""},
        {"related", "x-1", "", "", "summary only, on a card with an id"},
        {"related", "", "Новости", "Армения и Азербайджан: ქართული, Հայերեն, Azərbaycan",
         "Ünvan ə ı ğ ş"},
    };
    a.body = "\nThe Joint Group met in Brussels on 1 – 2 February 2023.\n\n---\n\n- a list\n- of "
             "items\r\n\n"
             "related: not a key, this is the body\n---\n";
    return a;
}

Result<SourceArticle> parse(const std::string& text, const std::string& origin = "articles/x.md") {
    return parse_source_article(text, origin);
}

// The message of a parse that must fail.
std::string error_of(const std::string& text) {
    auto r = parse(text);
    REQUIRE_FALSE(r.ok());
    return r.error().message;
}

} // namespace

// [SECTION] Round trips

TEST_CASE("a rich article survives format then parse", "[source_article][import]") {
    const SourceArticle a = rich_article();
    const std::string text = format_source_article(a);
    auto back = parse(text);
    INFO(text);
    REQUIRE(back.ok());
    check_same(back.value(), a);
    // And the text is stable: formatting the parsed article gives the same bytes.
    CHECK(format_source_article(back.value()) == text);
}

TEST_CASE("every header value is written on one line", "[source_article][import]") {
    const std::string text = format_source_article(rich_article());
    const size_t header_end = text.find("\n---\n");
    REQUIRE(header_end != std::string::npos);
    std::istringstream in(text.substr(0, header_end));
    std::string line;
    std::getline(in, line);
    CHECK(line == "---");
    int lines = 0;
    while (std::getline(in, line)) {
        ++lines;
        INFO(line);
        CHECK(line.find(": ") != std::string::npos);
        CHECK(line.find('\r') == std::string::npos);
        CHECK(line.find('\t') == std::string::npos);
    }
    // 13 single fields + authors + flags + 8 related lines.
    CHECK(lines == 23);
}

TEST_CASE("the related line syntax is the documented one", "[source_article][import]") {
    SourceArticle a;
    a.title = "T";
    a.related = {{"related", "", "News", "A | B", "Sum | mary"},
                 {"popular", "other-id", "", "", ""},
                 {"editors_choice", "other-id", "Interview", "Title", ""},
                 {"related", "", "", "@at", ""}};
    const std::string text = format_source_article(a);
    CHECK(text == "---\n"
                  "title: T\n"
                  "related: related | News | A \\| B | Sum | mary\n"
                  "related: popular | @other-id\n"
                  "related: editors_choice | @other-id | Interview | Title\n"
                  "related: related |  | \\@at\n"
                  "---\n");
}

TEST_CASE("hand-written files parse: CRLF, BOM, blank lines, shorthand, kept backslashes",
          "[source_article][import]") {
    const std::string text = "\xEF\xBB\xBF---\r\n"
                             "title:   Peace talks  \r\n"
                             "\r\n"
                             "authors: Ann Lee ;Bo Park;  \r\n"
                             "flags: editors_choice ,popular\r\n"
                             "photo: C:\\photos\\Q1.jpg\r\n"
                             "related: related | Just a title\r\n"
                             "related: popular | @peace-talks-2023 | News | Talks resume\r\n"
                             "related: related|News|No spaces|Summary: a | b\r\n"
                             "---\r\n"
                             "\r\n"
                             "Body line one.\r\n";
    auto r = parse(text);
    REQUIRE(r.ok());
    const SourceArticle& a = r.value();
    CHECK(a.id.empty()); // the builder derives it from the file name
    CHECK(a.title == "Peace talks");
    CHECK(a.authors == std::vector<std::string>{"Ann Lee", "Bo Park"});
    CHECK(a.flags == std::vector<std::string>{"editors_choice", "popular"});
    CHECK(a.photo == "C:\\photos\\Q1.jpg"); // \p and \Q are no escapes: kept as typed
    REQUIRE(a.related.size() == 3);
    CHECK(describe(a.related[0]) == describe({"related", "", "", "Just a title", ""}));
    CHECK(describe(a.related[1]) ==
          describe({"popular", "peace-talks-2023", "News", "Talks resume", ""}));
    CHECK(describe(a.related[2]) ==
          describe({"related", "", "News", "No spaces", "Summary: a | b"}));
    CHECK(a.body == "Body line one.\r\n");
}

TEST_CASE("escapes in values decode", "[source_article][import]") {
    auto r = parse("---\ntitle: a\\nb\\tc\\\\d\\x07e\\x20\nsummary: \\x20lead\n---\n");
    REQUIRE(r.ok());
    CHECK(r->title == "a\nb\tc\\d\x07"
                      "e ");
    CHECK(r->summary == " lead");
    CHECK(r->body.empty());
}

TEST_CASE("random articles round trip", "[source_article][import]") {
    std::mt19937 rng(20231229);
    const std::vector<std::string> pieces = {"a",  "Z",  " ",    "  ",  "|",         " | ",   ";",
                                             "; ", ",",  "@",    "\\",  "\\n",       "\\x41", "\n",
                                             "\r", "\t", "\x01", "---", ":",         "ə",     "Ա",
                                             "ა",  "ж",  "’",    "#",   "related: ", "\x7f",  "€"};
    auto text = [&](size_t max_pieces, bool allow_empty) {
        std::string s;
        const size_t n =
            std::uniform_int_distribution<size_t>(allow_empty ? 0 : 1, max_pieces)(rng);
        for (size_t i = 0; i < n; ++i)
            s += pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(rng)];
        return s;
    };
    const std::vector<std::string> lists = {"related", "editors_choice", "popular"};
    for (int iter = 0; iter < 400; ++iter) {
        SourceArticle a;
        a.title = text(8, false);
        a.id = iter % 3 ? "id-" + std::to_string(iter) : "";
        for (std::string* f :
             {&a.language, &a.section, &a.kind, &a.published, &a.updated, &a.source_name,
              &a.source_url, &a.summary, &a.photo, &a.photo_caption, &a.photo_credit})
            *f = text(5, true);
        for (int i = iter % 4; i > 0; --i) {
            std::string name = text(4, false);
            a.authors.push_back(name);
        }
        if (iter % 5 == 0) a.flags = {"popular", text(3, false)};
        for (int i = iter % 6; i > 0; --i) {
            RelatedCard c;
            c.list = lists[static_cast<size_t>(i) % lists.size()];
            if (i % 2) c.article_id = "target-" + std::to_string(i);
            c.kind = text(2, true);
            c.title = c.article_id.empty() ? text(4, false) : text(4, true);
            c.summary = text(6, true);
            a.related.push_back(c);
        }
        a.body = text(10, true);
        const std::string formatted = format_source_article(a);
        auto back = parse(formatted);
        INFO("iteration " << iter << "\n" << formatted);
        REQUIRE(back.ok());
        check_same(back.value(), a);
    }
}

TEST_CASE("an id of 80 characters is valid, 81 is not", "[source_article][import]") {
    const std::string id80(80, 'a');
    auto ok = parse("---\nid: " + id80 + "\ntitle: T\n---\n");
    REQUIRE(ok.ok());
    CHECK(ok->id == id80);
    CHECK(error_of("---\nid: " + id80 + "b\ntitle: T\n---\n").find("articles/x.md:2: id '") == 0);
}

// [SECTION] Errors

TEST_CASE("errors name the file and the line and say what to do", "[source_article][import]") {
    struct Case {
        std::string text;     // the file
        std::string expected; // the start of the message
    };
    const std::vector<Case> cases = {
        {"---\nid: x\ntitle: T\nlanguage: en\nsection: S\nkind: News\ntitel: T\n---\n",
         "articles/x.md:7: unknown key 'titel' (did you mean 'title'?)"},
        {"---\ntitle: T\nTitle: U\n---\n",
         "articles/x.md:3: unknown key 'Title' (did you mean 'title'?)"},
        {"---\ntitle: T\nweather: fine\n---\n", "articles/x.md:3: unknown key 'weather'"},
        {"title: T\n---\n", "articles/x.md:1: the file must start with a line '---'"},
        {"---\ntitle: T\n", "articles/x.md: the header is not closed"},
        {"---\ntitle: T\nThe meeting was: long\n---\n",
         "articles/x.md:3: this header line is not 'key: value'"},
        {"---\ntitle: T\nno colon here\n", "articles/x.md:3: this header line is not 'key: value'"},
        {"---\nlanguage: en\n---\nbody\n", "articles/x.md: the article has no title"},
        {"", "articles/x.md: the file is empty"},
        {"---\ntitle: T\nid: Brussels\n---\n", "articles/x.md:3: id 'Brussels' is not valid"},
        {"---\ntitle: T\nid: -lead\n---\n", "articles/x.md:3: id '-lead' is not valid"},
        {"---\ntitle: T\nid: a_b\n---\n", "articles/x.md:3: id 'a_b' is not valid"},
        {"---\ntitle: T\nid:\n---\n", "articles/x.md:3: id '' is not valid"},
        {"---\ntitle: T\ntitle: U\n---\n",
         "articles/x.md:3: key 'title' appears twice (first on line 2)"},
        {"---\ntitle: T\nrelated: relatd | News | X\n---\n",
         "articles/x.md:3: related list 'relatd' is not one of related, editors_choice or popular"},
        {"---\ntitle: T\nrelated: popular\n---\n", "articles/x.md:3: related line names no card"},
        {"---\ntitle: T\nrelated: popular | News |  | summary\n---\n",
         "articles/x.md:3: a related card needs a title or an @article-id"},
        {"---\ntitle: T\nrelated: popular | @Bad_Id\n---\n",
         "articles/x.md:3: related article id 'Bad_Id' is not valid"},
        {"---\ntitle: T\nsummary: ok\nsection: caf\xC3\n---\n",
         "articles/x.md:4: not valid UTF-8 text"},
        {"---\ntitle: \xC0\xAF overlong\n---\n", "articles/x.md:2: not valid UTF-8 text"},
        {"---\ntitle: T\n---\nbody \xED\xA0\x80 surrogate\n",
         "articles/x.md:4: not valid UTF-8 text"},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        auto r = parse(c.text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Invalid);
        CHECK(r.error().message.substr(0, c.expected.size()) == c.expected);
    }
}

TEST_CASE("a body may hold --- lines and header-like lines", "[source_article][import]") {
    auto r = parse("---\ntitle: T\n---\n---\ntitle: not a key\n---\n");
    REQUIRE(r.ok());
    CHECK(r->title == "T");
    CHECK(r->body == "---\ntitle: not a key\n---\n");
}
