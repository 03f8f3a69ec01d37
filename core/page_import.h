// Page import: turns a news page copied as plain text from a browser into a SourceArticle.
#pragma once

#include "core/result.h"
#include "core/source_article.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tidings {

// Where an imported article's summary came from.
enum class SummaryFrom {
    None,           // the page has no body paragraph to summarise
    Standfirst,     // the page's standfirst (taken out of the body; the reader shows it as the dek)
    FirstParagraph, // the first body paragraph, shortened at a sentence boundary
};

// What import_page found, for the article file and for telling the editor what happened.
struct PageImport {
    SourceArticle article; // id from the title's slug, language guessed from the script
    SummaryFrom summary_from = SummaryFrom::None; // where article.summary came from
    int paragraphs = 0;                           // body paragraphs written
    int list_items = 0;                           // body list items written
    int headings = 0;                             // body subheadings written
    std::vector<std::string> dropped;             // lines left out as site chrome, in page order
};

// Reads a page copied as text (one paragraph a line, as browsers copy). Finds the headline,
// dates, byline, standfirst, body paragraphs, bullet lists and subheadings, the photo credit
// and caption, the source line, the page's own URL, and the related/editor's choice/popular
// blocks as RelatedCards; drops site chrome (menus, share and follow lines, "top of page",
// categories, author boxes, dangling labels). ORIGIN names the file in messages.
// Errors (Invalid): the text is not UTF-8 (the message names the line), or no line reads like
// a headline, or the page has no body text.
Result<PageImport> import_page(std::string_view text, std::string_view origin);

// An article id made from a title: lower-case ASCII words joined by '-', Latin letters without
// their accents, Cyrillic, Armenian and Georgian transliterated, apostrophes dropped, at most
// MAX_LEN bytes cut at a word boundary. Empty when the title has no letter or digit it can use.
std::string slug_from_title(std::string_view title, size_t max_len = 60);

// A date as news pages show it on a line of its own.
struct PageDate {
    std::string iso;      // "YYYY-MM-DD"
    bool updated = false; // the line says the page was updated ("Updated: Aug 9, 2022")
};

// Reads LINE as a date alone, with an optional "Published:"/"Updated:" label, weekday, time of
// day and zone: "Aug 9, 2022", "Dec 29 2023", "1 February 2023", "Thursday, 2 March 2023 10:30",
// "29 декабря 2023 г.", "9 avqust 2022", "2023-12-29", "29.12.2023". nullopt when LINE holds
// anything else or names an impossible day.
std::optional<PageDate> parse_page_date(std::string_view line);

// The language of TEXT guessed from its letters: "hy" (Armenian script), "ka" (Georgian), "ru"
// (Cyrillic), "az" (Latin with ə), else "en".
std::string guess_language(std::string_view text);

} // namespace tidings
