// Source articles: the editor-facing Markdown file (metadata header + body) a bundle is built from.
#pragma once

#include "core/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace tidings {

// One entry of a publisher's related list. Either names an article by id (which may or may not
// be in the bundle), or is a free-standing card with title, kind and summary, or both.
struct RelatedCard {
    std::string list;       // which block: "related", "editors_choice", "popular"
    std::string article_id; // stable id of the target article, empty when unknown
    std::string kind;       // "News", "Interview", "Opinion", ... (may be empty)
    std::string title;      // card title (required when article_id is empty)
    std::string summary;    // card summary, may be empty
};

// An article as an editor writes it. Dates are ISO 8601 ("2023-02-02" or
// "2023-02-02T10:00:00Z"). Photo fields name files relative to the source folder.
struct SourceArticle {
    std::string id;                   // stable id: [a-z0-9-]{1,80}; defaults from the file name
    std::string title;                // required
    std::string language;             // BCP 47 primary tag: en, hy, az, ka, ru
    std::string section;              // e.g. "South Caucasus"; may be empty
    std::string kind;                 // "News", "Interview", "Opinion", "Analysis", "Press release"
    std::string published;            // ISO date; may be empty when the page gave none
    std::string updated;              // ISO date, may be empty
    std::vector<std::string> authors; // in byline order
    std::string source_name;          // where the text comes from, e.g. "commonspace.eu"
    std::string source_url;           // link to the original page, may be empty
    std::string summary;              // one paragraph; may be empty (the builder derives one)
    std::string photo;                // hero photo file name, may be empty
    std::string photo_caption;        // caption of the hero photo
    std::string photo_credit;         // credit line, e.g. "JOLIG" or "© commonspace.eu"
    std::vector<std::string> flags;   // "editors_choice", "popular"
    std::vector<RelatedCard> related; // publisher's related lists, in display order
    std::string body;                 // Markdown subset (see text_model.h); images name files
};

// Parses a source article file. ORIGIN names the file in error messages. Errors: missing
// header or title, unknown key, invalid id, invalid UTF-8.
Result<SourceArticle> parse_source_article(std::string_view text, std::string_view origin);

// Writes an article in the source format; parse_source_article(format(a)) == a.
std::string format_source_article(const SourceArticle& article);

} // namespace tidings
