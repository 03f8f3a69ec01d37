// Tests for page import: the five seed pages, pages from other sites, dates, slugs, the CLI.
#include "core/page_import.h"
#include "core/source_article.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

using namespace tidings;
using namespace tidings::test;

namespace {

// [SECTION] Helpers

// The seed page whose file name starts with PREFIX ("000").
std::string seed_path(const std::string& prefix) {
    for (const auto& e : std::filesystem::directory_iterator(seeds_dir()))
        if (e.path().filename().string().rfind(prefix + "_", 0) == 0) return e.path().string();
    FAIL("no seed " << prefix);
    return {};
}

// Line N (1-based) of FILE as text: no-break spaces as spaces, runs of spaces as one, trimmed.
std::string page_line(const std::string& file, int n) {
    std::istringstream in(read_file(file));
    std::string line;
    for (int i = 0; i < n; ++i)
        std::getline(in, line);
    std::string out;
    for (size_t i = 0; i < line.size(); ++i) {
        const bool nbsp = line.compare(i, 2, "\xC2\xA0") == 0;
        const bool space = nbsp || line[i] == ' ' || line[i] == '\t' || line[i] == '\r';
        if (nbsp) ++i;
        if (!space)
            out += line[i];
        else if (!out.empty() && out.back() != ' ')
            out += ' ';
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

PageImport import_seed(const std::string& prefix) {
    const std::string path = seed_path(prefix);
    auto r = import_page(read_file(path), path);
    if (!r.ok()) FAIL(r.error().message);
    return r.value();
}

PageImport import_text(const std::string& text) {
    auto r = import_page(text, "page.txt");
    if (!r.ok()) FAIL(r.error().message);
    return r.value();
}

// The body's blocks (Markdown, split at blank lines).
std::vector<std::string> blocks_of(const std::string& body) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < body.size()) {
        size_t end = body.find("\n\n", start);
        if (end == std::string::npos) end = body.size();
        std::string block = body.substr(start, end - start);
        while (!block.empty() && block.back() == '\n')
            block.pop_back();
        if (!block.empty()) out.push_back(block);
        start = end + 2;
    }
    return out;
}

// "list|kind|title" of every card, in order.
std::vector<std::string> cards_of(const SourceArticle& a) {
    std::vector<std::string> out;
    for (const auto& r : a.related)
        out.push_back(r.list + "|" + r.kind + "|" + r.title);
    return out;
}

bool starts_with(const std::string& s, const std::string& p) {
    return s.rfind(p, 0) == 0;
}
bool ends_with(const std::string& s, const std::string& p) {
    return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

// Nothing of these lines appears anywhere in what the article file holds.
void check_absent(const SourceArticle& a, const std::vector<std::string>& chrome) {
    const std::string all = format_source_article(a);
    for (const auto& c : chrome) {
        INFO("chrome: " << c);
        CHECK(all.find(c) == std::string::npos);
    }
}

} // namespace

// [SECTION] The seed pages

TEST_CASE("seed 000: press statement with standfirst, source line, related and popular cards",
          "[import]") {
    const PageImport p = import_seed("000");
    const SourceArticle& a = p.article;
    const std::string path = seed_path("000");
    CHECK(a.title == "Armenian and Azerbaijani experts discuss process of confidence-building with "
                     "EU officials in Brussels");
    CHECK(a.id == "armenian-and-azerbaijani-experts-discuss-process-of");
    CHECK(a.language == "en");
    CHECK(a.published.empty()); // the page shows no date
    CHECK(a.authors.empty());
    CHECK(a.source_name ==
          "commonspace.eu with The Joint Armenian-Azerbaijani Liaison Group on Confidence-building "
          "measures in support of lasting peace in the South Caucasus (JOLIG)");
    CHECK(a.source_url.empty());
    CHECK(a.photo_caption.empty());
    CHECK(a.photo_credit == "JOLIG");
    CHECK(p.summary_from == SummaryFrom::Standfirst);
    CHECK(a.summary == page_line(path, 3));
    CHECK(starts_with(a.summary, "Press Statement issued following the meeting of The Joint"));
    const auto blocks = blocks_of(a.body);
    REQUIRE(blocks.size() == 6);
    CHECK(blocks.front() == page_line(path, 5));
    CHECK(starts_with(
        blocks.front(),
        "The Joint Armenian-Azerbaijani Liaison Group on Confidence-building measures"));
    CHECK(blocks.back() == page_line(path, 15));
    CHECK(ends_with(blocks.back(),
                    "please contact Maximiliaan van Lange (maximiliaan@links-europe.eu)."));
    CHECK(p.paragraphs == 6);
    CHECK(cards_of(a) == std::vector<std::string>{
                             "related|News|Washington to invest in Armenia’s nuclear energy sector",
                             "popular|Interview|Thursday Interview: Murad Muradov"});
    CHECK(a.related[0].summary == page_line(path, 32));
    CHECK(starts_with(a.related[0].summary, "US Vice President JD Vance announced a $9 billion"));
    CHECK(a.related[1].summary == page_line(path, 42));
    CHECK(ends_with(a.related[1].summary, "(click the image to read the interview in full)"));
    // The standfirst is the summary, not the body's first paragraph (the reader shows it above).
    CHECK(a.body.find("Press Statement") == std::string::npos);
    check_absent(a, {"Editor's choice", "Related articles", "Popular\n", "photo: JOLIG"});
    CHECK(a.body.find("source:") == std::string::npos);
}

TEST_CASE("seed 001: caption and credit split at the last semicolon, a card in two lists", "[import]") {
    const PageImport p = import_seed("001");
    const SourceArticle& a = p.article;
    const std::string path = seed_path("001");
    CHECK(a.title ==
          "Armenian and Azerbaijani experts discuss the role of confidence-building measures in "
          "support "
          "of lasting peace in the South Caucasus during a workshop in Kachreti, Georgia");
    CHECK(a.published.empty());
    CHECK(a.source_name == "commonspace.eu");
    CHECK(a.photo_caption == "Armenian and Azerbaijani participants at a workshop on "
                             "confidence-building measures in Georgia on 30 September 2021");
    CHECK(a.photo_credit == "© commonspace.eu");
    CHECK(p.summary_from == SummaryFrom::FirstParagraph);
    // The first paragraph is 462 characters: the summary is its first sentence.
    CHECK(a.summary ==
          "Armenian and Azerbaijan academics, policy experts and think tank representatives met in "
          "Kachreti, Georgia, on Thursday 30 September 2021 to discuss “How confidence-building "
          "measures "
          "can contribute to lasting peace in the South Caucasus”.");
    const auto blocks = blocks_of(a.body);
    REQUIRE(blocks.size() == 6);
    CHECK(blocks.front() == page_line(path, 3));
    CHECK(blocks.back() == page_line(path, 13));
    CHECK(blocks.back() ==
          "The meeting was facilitated by LINKS Europe. Representatives of the Office of the EU "
          "Special "
          "Representative for the South Caucasus and the crisis in Georgia were in attendance.");
    // The Global Alliance card is in both blocks on the page: once in each list.
    CHECK(
        cards_of(a) ==
        std::vector<std::string>{
            "related|News|Borrell tells the European Parliament that the situation in Afghanistan "
            "was critical, but the EU will remain engaged",
            "related|News|European Commission launches a Global Alliance to Counter Migrant "
            "Smuggling",
            "popular|News|European Commission launches a Global Alliance to Counter Migrant "
            "Smuggling"});
    CHECK(a.related[0].summary == page_line(path, 28));
    CHECK(a.related[1].summary == page_line(path, 35));
    CHECK(a.related[2].summary == page_line(path, 45));
    check_absent(a, {"Editor's choice", "Related articles", "photo: Armenian"});
}

TEST_CASE("seed 002: tagline before the title, Updated date, bullets, a subheading, Wix chrome",
          "[import]") {
    const PageImport p = import_seed("002");
    const SourceArticle& a = p.article;
    const std::string path = seed_path("002");
    CHECK(a.title == "Restart Initiative Welcomes Confidence Building Measures Recommendations");
    CHECK(a.updated == "2022-08-09");
    CHECK(a.published == "2022-08-09"); // the page's only date
    CHECK(a.photo_credit == "İltun Huseynli");
    CHECK(a.photo_caption.empty());
    CHECK(a.source_name.empty());
    CHECK(a.summary ==
          "At the beginning of April, LINKS Europe published its long awaited recommendations for "
          "confidence building measures (CBMs), drawn up by a Joint Armenian-Azerbaijani Liaison "
          "Group "
          "after six months of consultations in Baku, Yerevan, and Kakheti (Georgia).");
    const auto blocks = blocks_of(a.body);
    CHECK(blocks.front() == page_line(path, 12));
    CHECK(blocks.back() == page_line(path, 64));
    CHECK(ends_with(blocks.back(), "recommend that people read their full paper here."));
    CHECK(p.list_items == 5);
    CHECK(p.headings == 1);
    CHECK(
        a.body.find("are necessary:\n\n"
                    "- Confidence-building in the field of diplomacy, politics, policy, security "
                    "and geopolitics\n"
                    "- Confidence-building in the border areas, and within the communities "
                    "directly affected by "
                    "the conflict, and broader people-to-people contacts\n"
                    "- Confidence-building in the field of connectivity and economic activity\n") !=
        std::string::npos);
    CHECK(a.body.find("\n\n## 30 Measures by 2030\n\nIn its recommendations") != std::string::npos);
    CHECK(a.related.empty());
    CHECK(a.body.find("•") == std::string::npos);
    check_absent(a, {"top of page", "bottom of page", "Building Connections for Development in",
                     "Azerbaijan and the South Caucasus\n", "Image by", "Updated:"});
}

TEST_CASE("seed 003: date and byline under the title, the page's own URL, a dangling label",
          "[import]") {
    const PageImport p = import_seed("003");
    const SourceArticle& a = p.article;
    const std::string path = seed_path("003");
    CHECK(a.title == "Armenia and Azerbaijan Advance Peace Talks, Release Joint Statement");
    CHECK(a.id == "armenia-and-azerbaijan-advance-peace-talks-release-joint");
    CHECK(a.published == "2023-12-29");
    CHECK(a.updated.empty());
    CHECK(a.authors == std::vector<std::string>{"Momen Zellmi"});
    CHECK(a.source_url == "https://bnnbreaking.com/world/azerbaijan/"
                          "armenia-and-azerbaijan-advance-peace-talks-release-joint-statement/");
    CHECK(a.source_name == "bnnbreaking.com");
    CHECK(a.photo_credit.empty());
    CHECK(a.summary == "In a major breakthrough in the volatile Caucasus region, Armenia and "
                       "Azerbaijan have announced "
                       "significant progress in peace talks as 2023 draws to a close.");
    const auto blocks = blocks_of(a.body);
    REQUIRE(blocks.size() == 5);
    CHECK(blocks.front() == page_line(path, 10));
    CHECK(blocks.back() == page_line(path, 18));
    CHECK(starts_with(blocks.back(),
                      "To conclude, this joint statement, released on December 7, 2023,"));
    CHECK(a.related.empty());
    CHECK(a.body.find("https://") == std::string::npos);
    check_absent(a, {"Categories", "Karapet Navasardian", "By: ", "Dec 29 2023"});
    CHECK_FALSE(starts_with(a.body, "X"));
    CHECK(std::find(p.dropped.begin(), p.dropped.end(), "Karapet Navasardian:") != p.dropped.end());
}

TEST_CASE("seed 004: social chrome, an author box and an empty Related posts block", "[import]") {
    const PageImport p = import_seed("004");
    const SourceArticle& a = p.article;
    const std::string path = seed_path("004");
    CHECK(a.title == "Prospects for peace-building in the South Caucasus in the context of "
                     "post-conflict relations "
                     "between Azerbaijan and Armenia");
    CHECK(a.published.empty());
    // The author box names the desk that wrote it; its biography is dropped.
    CHECK(a.authors == std::vector<std::string>{"EUToday Correspondents"});
    CHECK(p.summary_from == SummaryFrom::FirstParagraph);
    CHECK(a.summary == page_line(path, 3)); // one sentence of 244 characters
    const auto blocks = blocks_of(a.body);
    REQUIRE(blocks.size() == 9);
    CHECK(blocks.front() == page_line(path, 3));
    CHECK(blocks.back() == page_line(path, 19));
    CHECK(starts_with(
        blocks.back(),
        "The Caspian Initiative for European Integration & Partnership (CIEIP) is a non-"));
    CHECK(a.related.empty());
    check_absent(a, {"Follow EU Today", "Our team of independent correspondents", "Related posts",
                     "take our job very seriously"});
    CHECK(a.body.find("EUToday Correspondents") == std::string::npos);
}

TEST_CASE("every imported seed writes an article file that reads back the same", "[import]") {
    for (const char* prefix : {"000", "001", "002", "003", "004"}) {
        INFO("seed " << prefix);
        const SourceArticle a = import_seed(prefix).article;
        auto back = parse_source_article(format_source_article(a), "x.md");
        REQUIRE(back.ok());
        CHECK(format_source_article(back.value()) == format_source_article(a));
        CHECK(back->body == a.body);
        CHECK(back->related.size() == a.related.size());
        CHECK(!a.id.empty());
        CHECK(a.id.size() <= 60);
    }
}

// [SECTION] Pages from other sites

TEST_CASE("a Russian page: menu, Фото credit, Russian date and byline, bullets, Читайте также",
          "[import]") {
    const std::string page =
        "Главная\n"
        "Новости\n"
        "Политика\n"
        "\n"
        "Армения и Азербайджан договорились о демаркации границы\n"
        "\n"
        "Фото: Пресс-служба правительства Армении\n"
        "\n"
        "15 марта 2024, 10:45\n"
        "Автор: Анна Петрова\n"
        "\n"
        "Ереван и Баку подписали протокол о демаркации участка границы. Об этом сообщили в "
        "правительстве Армении в пятницу.\n"
        "\n"
        "Стороны договорились:\n"
        "\n"
        "  • продолжить работу комиссий;\n"
        "  • встретиться снова в апреле.\n"
        "\n"
        "Следующая встреча пройдёт в Тбилиси.\n"
        "\n"
        "Поделиться\n"
        "\n"
        "Читайте также\n"
        "Новости\n"
        "Премьер-министр посетил Тбилиси\n"
        "\n"
        "Премьер-министр посетил Тбилиси\n"
        "\n"
        "Визит продлился два дня.\n";
    const PageImport p = import_text(page);
    const SourceArticle& a = p.article;
    CHECK(a.title == "Армения и Азербайджан договорились о демаркации границы");
    CHECK(a.id == "armeniya-i-azerbaidzhan-dogovorilis-o-demarkatsii-granitsy");
    CHECK(a.language == "ru");
    CHECK(a.published == "2024-03-15");
    CHECK(a.authors == std::vector<std::string>{"Анна Петрова"});
    CHECK(a.photo_credit == "Пресс-служба правительства Армении");
    CHECK(a.summary ==
          "Ереван и Баку подписали протокол о демаркации участка границы. Об этом сообщили в "
          "правительстве Армении в пятницу.");
    CHECK(a.body == "Ереван и Баку подписали протокол о демаркации участка границы. Об этом "
                    "сообщили в правительстве "
                    "Армении в пятницу.\n\n"
                    "Стороны договорились:\n\n"
                    "- продолжить работу комиссий;\n"
                    "- встретиться снова в апреле.\n\n"
                    "Следующая встреча пройдёт в Тбилиси.\n");
    REQUIRE(a.related.size() == 1);
    CHECK(a.related[0].list == "related");
    CHECK(a.related[0].kind == "Новости");
    CHECK(a.related[0].title == "Премьер-министр посетил Тбилиси");
    CHECK(a.related[0].summary == "Визит продлился два дня.");
    check_absent(a, {"Главная", "Политика", "Поделиться", "Читайте также", "Фото:", "10:45"});
}

TEST_CASE("an English page with share, read-more and footer chrome and no related block",
          "[import]") {
    const std::string page =
        "Skip to main content\n"
        "Menu\n"
        "World | Politics | Business\n"
        "\n"
        "Georgia's parliament passes budget after a long debate\n"
        "\n"
        "By Jane Doe and John Roe | March 3, 2024 10:30 GMT\n"
        "\n"
        "Share this article\n"
        "\n"
        "Lawmakers approved the 2024 budget on Tuesday after a debate that lasted more than "
        "twelve hours. The vote was 84 to 36.\n"
        "\n"
        "Read more\n"
        "\n"
        "The opposition said the budget does too little for regions outside Tbilisi & Batumi, "
        "and promised to *challenge* it.\n"
        "\n"
        "Read more: Georgian opposition calls for protests over new law\n"
        "\n"
        "Photo: Lawmakers in the chamber of the parliament in Tbilisi on Tuesday. © Example Photo "
        "Agency\n"
        "\n"
        "\"We will keep working,\" the speaker said after the vote.\n"
        "\n"
        "Share this article\n"
        "Facebook\n"
        "Twitter\n"
        "\n"
        "Tags: Georgia, Budget\n"
        "\n"
        "© 2024 Example News. All rights reserved.\n";
    const PageImport p = import_text(page);
    const SourceArticle& a = p.article;
    CHECK(a.title == "Georgia's parliament passes budget after a long debate");
    CHECK(a.id == "georgias-parliament-passes-budget-after-a-long-debate");
    CHECK(a.language == "en");
    CHECK(a.authors == std::vector<std::string>{"Jane Doe", "John Roe"});
    CHECK(a.published == "2024-03-03");
    CHECK(a.photo_caption == "Lawmakers in the chamber of the parliament in Tbilisi on Tuesday.");
    CHECK(a.photo_credit == "© Example Photo Agency");
    CHECK(
        a.summary ==
        "Lawmakers approved the 2024 budget on Tuesday after a debate that lasted more than twelve "
        "hours. The vote was 84 to 36.");
    CHECK(
        a.body ==
        "Lawmakers approved the 2024 budget on Tuesday after a debate that lasted more than twelve "
        "hours. "
        "The vote was 84 to 36.\n\n"
        "The opposition said the budget does too little for regions outside Tbilisi & Batumi, and "
        "promised to \\*challenge\\* it.\n\n"
        "\"We will keep working,\" the speaker said after the vote.\n");
    CHECK(a.related.empty());
    check_absent(a, {"Skip to", "Menu", "World | Politics", "Share", "Read more", "Facebook",
                     "Twitter", "Tags", "All rights reserved", "Georgian opposition calls"});
    CHECK(p.dropped.size() >= 10);
}

TEST_CASE("an Azerbaijani page: standfirst before the byline, editor's choice and most-read blocks",
          "[import]") {
    const std::string page =
        "Kiosk Xəbərləri\n"
        "\n"
        "Bakıda sülh forumu başa çatdı\n"
        "\n"
        "Forum iştirakçıları regionda etimadın artırılması üçün on tövsiyə qəbul etdilər.\n"
        "\n"
        "Müəllif: Leyla Məmmədova\n"
        "9 avqust 2022\n"
        "\n"
        "Forumda Azərbaycan, Ermənistan və Gürcüstandan əlli nəfər iştirak edib. Onlar iki gün "
        "ərzində etimad tədbirlərini müzakirə ediblər.\n"
        "\n"
        "İkinci gün işçi qruplar təkliflərini təqdim etdilər.\n"
        "\n"
        "Redaktorun seçimi\n"
        "Təhlil\n"
        "Tbilisidə gənclər üçün yeni məktəb açılır\n"
        "\n"
        "Tbilisidə gənclər üçün yeni məktəb açılır\n"
        "\n"
        "Məktəb sentyabrda ilk tələbələrini qəbul edəcək.\n"
        "\n"
        "Ən çox oxunan\n"
        "\n"
        "Sərhəd kəndlərində yeni yollar\n"
        "\n"
        "Kəndlər arasında yeni yol tikilir.\n"
        "\n"
        "Qaxda payız festivalı keçirildi\n";
    const PageImport p = import_text(page);
    const SourceArticle& a = p.article;
    CHECK(a.title == "Bakıda sülh forumu başa çatdı");
    CHECK(a.id == "bakida-sulh-forumu-basa-catdi");
    CHECK(a.language == "az");
    CHECK(a.authors == std::vector<std::string>{"Leyla Məmmədova"});
    CHECK(a.published == "2022-08-09");
    CHECK(p.summary_from == SummaryFrom::Standfirst);
    CHECK(a.summary ==
          "Forum iştirakçıları regionda etimadın artırılması üçün on tövsiyə qəbul etdilər.");
    const auto blocks = blocks_of(a.body);
    REQUIRE(blocks.size() == 2);
    CHECK(starts_with(blocks[0], "Forumda Azərbaycan"));
    CHECK(blocks[1] == "İkinci gün işçi qruplar təkliflərini təqdim etdilər.");
    CHECK(cards_of(a) == std::vector<std::string>{
                             "editors_choice|Təhlil|Tbilisidə gənclər üçün yeni məktəb açılır",
                             "popular||Sərhəd kəndlərində yeni yollar",
                             "popular||Qaxda payız festivalı keçirildi"});
    CHECK(a.related[0].summary == "Məktəb sentyabrda ilk tələbələrini qəbul edəcək.");
    CHECK(a.related[1].summary == "Kəndlər arasında yeni yol tikilir.");
    CHECK(a.related[2].summary.empty());
    check_absent(a, {"Kiosk Xəbərləri", "Redaktorun seçimi", "Ən çox oxunan", "Müəllif"});
}

TEST_CASE("pages without a headline or body, or not UTF-8, are refused with a reason", "[import]") {
    struct Case {
        std::string text;     // the page
        std::string expected; // part of the message
    };
    const std::vector<Case> cases = {
        {"", "page.txt: the page is empty"},
        {"\xC2\xA0\n \n\t\n", "page.txt: the page is empty"},
        {"top of page\n\nbottom of page\n", "page.txt: found no headline"},
        {"A headline with nothing under it\n\nRelated articles\nNews\nSome other story here\n",
         "page.txt: found the headline 'A headline with nothing under it' but no article text"},
        {"A fine headline\n\nBody text.\n\nMore text \xE9 in Latin-1.\n",
         "page.txt:5: not valid UTF-8 text"},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        auto r = import_page(c.text, "page.txt");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Invalid);
        CHECK(r.error().message.find(c.expected) != std::string::npos);
    }
}

TEST_CASE("Windows line ends, a byte order mark and a title printed twice", "[import]") {
    const PageImport p = import_text("\xEF\xBB\xBF"
                                     "Peace talks resume in Geneva\r\n\r\n"
                                     "Peace talks resume in Geneva\r\n\r\n"
                                     "Delegations met on Monday.\r\n\r\n"
                                     "They will meet again.\r\n");
    CHECK(p.article.title == "Peace talks resume in Geneva");
    CHECK(p.article.body == "Delegations met on Monday.\n\nThey will meet again.\n");
}

// [SECTION] Dates, slugs, language

TEST_CASE("dates as news pages print them", "[import]") {
    struct Case {
        const char* line; // as shown on a page
        const char* iso;  // expected, "" when not a date line
        bool updated;     // expected label
    };
    const Case cases[] = {
        {"Updated: Aug 9, 2022", "2022-08-09", true},
        {"Dec 29 2023", "2023-12-29", false},
        {"1 February 2023", "2023-02-01", false},
        {"Published on 1st February, 2023", "2023-02-01", false},
        {"Thursday, 2 March 2023 10:30", "2023-03-02", false},
        {"March 3, 2024 at 10:30 pm GMT", "2024-03-03", false},
        {"Last updated: Sept. 30, 2021", "2021-09-30", true},
        {"29 декабря 2023 г.", "2023-12-29", false},
        {"Обновлено: 15 марта 2024, 10:45", "2024-03-15", true},
        {"9 avqust 2022", "2022-08-09", false},
        {"2023-12-29", "2023-12-29", false},
        {"2023-12-29T10:00:00Z", "2023-12-29", false},
        {"29.12.2023", "2023-12-29", false},
        {"Feb 29, 2024", "2024-02-29", false},
        {"Feb 29, 2023", "", false},
        {"31 April 2023", "", false},
        {"1-2 February 2023", "", false},
        {"On 1 February, the Group had a substantive meeting", "", false},
        {"30 Measures by 2030", "", false},
        {"December 7, 2023, marked a milestone", "", false},
        {"2023", "", false},
        {"Categories: 2023", "", false},
        {"", "", false},
    };
    for (const auto& c : cases) {
        INFO(c.line);
        auto d = parse_page_date(c.line);
        if (*c.iso == 0) {
            CHECK_FALSE(d.has_value());
        } else {
            REQUIRE(d.has_value());
            CHECK(d->iso == c.iso);
            CHECK(d->updated == c.updated);
        }
    }
}

TEST_CASE("slugs from titles in every script", "[import]") {
    CHECK(slug_from_title("Washington to invest in Armenia’s nuclear energy sector") ==
          "washington-to-invest-in-armenias-nuclear-energy-sector");
    CHECK(slug_from_title("Thursday Interview: Murad Muradov") ==
          "thursday-interview-murad-muradov");
    CHECK(slug_from_title("Şəhər Günü — İlham Əliyev") == "seher-gunu-ilham-eliyev");
    CHECK(slug_from_title("Щи и борщ: ёлка") == "shchi-i-borshch-elka");
    CHECK(slug_from_title("Հայաստան և Եվրոպա") == "hayastan-ev-evropa");
    CHECK(slug_from_title("Ուկրաինա") == "ukraina");
    CHECK(slug_from_title("საქართველო") == "sakartvelo");
    CHECK(slug_from_title("  --Peace!!  2023--  ") == "peace-2023");
    CHECK(slug_from_title("!!! ???").empty());
    CHECK(slug_from_title("和平").empty());
    // Cut at a word boundary within 60 bytes; one overlong word is cut hard.
    const std::string cut =
        slug_from_title("Armenian and Azerbaijani experts discuss process of confidence-building");
    CHECK(cut == "armenian-and-azerbaijani-experts-discuss-process-of");
    CHECK(slug_from_title(std::string(70, 'a')) == std::string(60, 'a'));
    CHECK(slug_from_title("one two three", 7) == "one-two");
}

TEST_CASE("language from the letters", "[import]") {
    CHECK(guess_language("Peace talks resume") == "en");
    CHECK(guess_language("Sülh danışıqları bərpa olunur") == "az");
    CHECK(guess_language("Мирные переговоры возобновились") == "ru");
    CHECK(guess_language("Խաղաղության բանակցությունները վերսկսվել են") == "hy");
    CHECK(guess_language("სამშვიდობო მოლაპარაკებები განახლდა") == "ka");
    CHECK(guess_language("Мир (peace) в Ереване") == "ru");
    CHECK(guess_language("") == "en");
}

// [SECTION] The command

TEST_CASE("tidings-bundle import-page writes a file that parses, and will not overwrite it",
          "[import][cli]") {
    TempDir dir;
    const std::string src = dir.file("src");
    const std::string page = seed_path("003");
    auto cli = [&](const std::string& args) {
        return run_command(shell_quote(bundle_cli()) + " " + args);
    };

    auto r = cli("import-page " + shell_quote(page) + " -o " + shell_quote(src));
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(r.output.find("Armenia and Azerbaijan Advance Peace Talks") != std::string::npos);
    CHECK(r.output.find("Momen Zellmi") != std::string::npos);
    CHECK(r.output.find("2023-12-29") != std::string::npos);
    const std::string file = src + "/armenia-and-azerbaijan-advance-peace-talks-release-joint.md";
    REQUIRE(std::filesystem::exists(file));
    auto parsed = parse_source_article(read_file(file), file);
    REQUIRE(parsed.ok());
    CHECK(parsed->id == "armenia-and-azerbaijan-advance-peace-talks-release-joint");
    CHECK(parsed->title == "Armenia and Azerbaijan Advance Peace Talks, Release Joint Statement");
    CHECK(parsed->published == "2023-12-29");
    CHECK(parsed->authors == std::vector<std::string>{"Momen Zellmi"});
    CHECK(parsed->source_url ==
          "https://bnnbreaking.com/world/azerbaijan/"
          "armenia-and-azerbaijan-advance-peace-talks-release-joint-statement/");
    CHECK(starts_with(parsed->body, "In a major breakthrough in the volatile Caucasus region,"));

    // An editor's changes are not overwritten without --force.
    write_file(file, "edited by hand\n");
    auto again = cli("import-page " + shell_quote(page) + " -o " + shell_quote(src));
    CHECK(again.exit_code != 0);
    CHECK(again.output.find("already exists") != std::string::npos);
    CHECK(again.output.find("--force") != std::string::npos);
    CHECK(read_file(file) == "edited by hand\n");
    auto forced =
        cli("import-page " + shell_quote(page) + " -o " + shell_quote(src) + " --force --quiet");
    CHECK(forced.exit_code == 0);
    CHECK(forced.output.empty());
    CHECK(read_file(file) != "edited by hand\n");
    CHECK(parse_source_article(read_file(file), file).ok());

    // --id names the file; a missing page and a bad id are refused.
    REQUIRE(cli("import-page " + shell_quote(seed_path("000")) + " -o " + shell_quote(src) +
                " --id jolig-brussels --quiet")
                .exit_code == 0);
    auto jolig = parse_source_article(read_file(src + "/jolig-brussels.md"), "jolig-brussels.md");
    REQUIRE(jolig.ok());
    CHECK(jolig->id == "jolig-brussels");
    CHECK(jolig->related.size() == 2);
    auto missing =
        cli("import-page " + shell_quote(dir.file("nope.txt")) + " -o " + shell_quote(src));
    CHECK(missing.exit_code != 0);
    CHECK(missing.output.find("nope.txt: no such file") != std::string::npos);
    auto bad_id =
        cli("import-page " + shell_quote(page) + " -o " + shell_quote(src) + " --id Bad_Id");
    CHECK(bad_id.exit_code != 0);
    CHECK(bad_id.output.find("not a valid article id") != std::string::npos);
    auto usage = cli("import-page " + shell_quote(page));
    CHECK(usage.exit_code != 0);
    CHECK(usage.output.find("usage: tidings-bundle import-page") != std::string::npos);
    // No temporary files left behind.
    for (const auto& e : std::filesystem::directory_iterator(src))
        CHECK(e.path().extension() == ".md");
}

// [SECTION] Hostile pages

TEST_CASE("markup in page text is escaped, so the body shows it as written", "[import]") {
    const PageImport p = import_text(
        "Markup in a page\n\n"
        "A <script>alert(1)</script> tag, *stars*, _under_ and [a](link) & &amp; stay text.\n\n"
        "# not a heading\n\n"
        "> not a quote, - not a list\n\n"
        "2024. Not a numbered item either.\n");
    CHECK(p.article.body == "A \\<script>alert(1)\\</script> tag, \\*stars\\*, \\_under\\_ and "
                            "\\[a\\](link) & \\&amp; stay text.\n\n"
                            "\\# not a heading\n\n"
                            "\\> not a quote, - not a list\n\n"
                            "2024\\. Not a numbered item either.\n");
}

TEST_CASE("random pages give a valid article or a reason, never a crash", "[import]") {
    std::vector<std::string> pool;
    for (const char* prefix : {"000", "001", "002", "003", "004"}) {
        std::istringstream in(read_file(seed_path(prefix)));
        for (std::string line; std::getline(in, line);)
            pool.push_back(line);
    }
    const std::vector<std::string> tricky = {"",
                                             "\xC2\xA0",
                                             "   ",
                                             "X",
                                             "---",
                                             "# Heading",
                                             "* star",
                                             "- dash item",
                                             "  • bullet",
                                             "1. one",
                                             "Related articles",
                                             "Editor's choice",
                                             "Popular",
                                             "Related posts",
                                             "News",
                                             "Interview",
                                             "Read more",
                                             "Share this article",
                                             "Follow us on Social media:",
                                             "bottom of page",
                                             "Tags: a, b",
                                             "By: Ann Lee",
                                             "By the end of the year, nothing",
                                             "Updated: Aug 9, 2022",
                                             "Dec 29 2023",
                                             "Фото: ТАСС",
                                             "photo: a; b; c",
                                             "source: https://example.org/a-b-c",
                                             "https://example.org/x",
                                             "Name:",
                                             "Հայաստան և Վրաստան",
                                             "საქართველო",
                                             "Азербайджан",
                                             "<b>bold</b> &amp; [x](y)",
                                             "\\",
                                             "|",
                                             "Same line",
                                             "Same line",
                                             std::string(5000, 'a'),
                                             std::string(3000, ' ') + "x",
                                             "© 2024 All rights reserved"};
    std::mt19937 rng(4242);
    auto pick = [&](const std::vector<std::string>& v) {
        return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
    };
    int ok = 0;
    for (int iter = 0; iter < 600; ++iter) {
        std::string page;
        const int lines = std::uniform_int_distribution<int>(0, 70)(rng);
        for (int l = 0; l < lines; ++l)
            page += (rng() % 3 ? pick(tricky) : pick(pool)) + (rng() % 5 ? "\n" : "\r\n");
        auto r = import_page(page, "page.txt");
        INFO("iteration " << iter << "\n" << page.substr(0, 3000));
        if (!r.ok()) {
            CHECK(r.error().code == ErrorCode::Invalid);
            CHECK(r.error().message.rfind("page.txt", 0) == 0);
            continue;
        }
        ++ok;
        const SourceArticle& a = r->article;
        CHECK_FALSE(a.title.empty());
        CHECK(a.title.size() <= 1000);
        CHECK(a.summary.size() <= 10000);
        CHECK(a.related.size() <= 100);
        CHECK_FALSE(a.body.empty());
        CHECK(a.body.back() == '\n');
        for (const std::string* f : {&a.title, &a.summary, &a.source_name, &a.source_url,
                                     &a.photo_caption, &a.photo_credit, &a.published, &a.updated})
            CHECK(f->find('\n') == std::string::npos);
        CHECK((a.id.empty() || (a.id.size() <= 60 && a.id.front() != '-' && a.id.back() != '-')));
        for (const auto& c : a.related) {
            CHECK((c.list == "related" || c.list == "editors_choice" || c.list == "popular"));
            CHECK_FALSE(c.title.empty());
            CHECK(c.summary.size() <= 10000);
        }
        auto back = parse_source_article(format_source_article(a), "x.md");
        REQUIRE(back.ok());
        CHECK(format_source_article(back.value()) == format_source_article(a));
    }
    CHECK(ok > 100); // most random pages still hold something that reads like an article
}

TEST_CASE("a very large page imports in linear time", "[import]") {
    std::string page = "A headline for a very long page\n\n";
    for (int i = 0; i < 60000; ++i)
        page += "Paragraph number " + std::to_string(i) + " of the body text.\n\n";
    page += "Related articles\n\n";
    for (int i = 0; i < 20000; ++i)
        page += "News\nCard title " + std::to_string(i) + "\n\nCard summary.\n\n";
    const auto start = std::chrono::steady_clock::now();
    const PageImport p = import_text(page);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(p.paragraphs == 60000);
    CHECK(p.article.related.size() == 100); // the bundle's cap per article
    CHECK(seconds < 20.0);
}

// [SECTION] The sample source

TEST_CASE("the sample articles are the imported seeds with an editor's metadata",
          "[import][sample]") {
    struct Sample {
        const char* seed; // seed page prefix
        const char* id;   // the sample's article id (and file name)
    };
    const Sample samples[] = {{"000", "jolig-brussels-2023"},
                              {"001", "jolig-kachreti-workshop-2021"},
                              {"002", "restart-welcomes-cbm-recommendations"},
                              {"003", "armenia-azerbaijan-joint-statement-2023"},
                              {"004", "cieip-forum-peace-building"}};
    int n = 1;
    for (const auto& s : samples) {
        INFO(s.id);
        const std::string file = source_dir() + "/assets/sample/" + s.id + ".md";
        const std::string text = read_file(file);
        auto parsed = parse_source_article(text, file);
        REQUIRE(parsed.ok());
        const SourceArticle& a = parsed.value();
        // Written in the canonical form, so the tool and hand edits do not fight.
        CHECK(format_source_article(a) == text);
        CHECK(a.id == s.id);
        CHECK(a.language == "en");
        CHECK(a.section == "South Caucasus");
        CHECK_FALSE(a.kind.empty());
        CHECK(a.photo == "photos/0" + std::to_string(n++) + ".jpg");
        // Title, body, summary and cards are what import-page finds on the page. The photo is a
        // free substitute for the page's, so caption and credit are the substitute's, as
        // recorded in photos/CREDITS.txt.
        const SourceArticle imported = import_seed(s.seed).article;
        CHECK(a.title == imported.title);
        CHECK(a.body == imported.body);
        CHECK(a.summary == imported.summary);
        const std::string credits = read_file(source_dir() + "/assets/sample/photos/CREDITS.txt");
        CHECK(a.photo_credit.rfind("Photo: ", 0) == 0);
        CHECK(credits.find("Credit: \"" + a.photo_credit + "\"") != std::string::npos);
        CHECK(a.photo_caption.find("Illustrative photo") != std::string::npos);
        CHECK(a.authors == imported.authors);
        CHECK(cards_of(a) == cards_of(imported));
        if (!imported.source_name.empty()) CHECK(a.source_name == imported.source_name);
        CHECK(a.source_url == imported.source_url);
    }
    const std::string channel = read_file(source_dir() + "/assets/sample/channel.txt");
    CHECK(channel.find("channel: sample\n") != std::string::npos);
    CHECK(channel.find("sequence: 1\n") != std::string::npos);
}
