// Full-text search over the library: ranked results with highlighted snippets, title suggestions.
#pragma once

#include "core/library_store.h"
#include "core/result.h"

#include <string>
#include <vector>

namespace tidings {

// Markers around matched words in SearchHit::title_marked and ::snippet.
constexpr const char* kMatchBegin = "\x02";
constexpr const char* kMatchEnd = "\x03";

// How results were ordered (common words are ordered by date, not by relevance).
enum class SearchOrder { Relevance, Newest };

struct SearchHit {
    ArticleCard card;          // the article
    std::string title_marked;  // title with kMatchBegin/kMatchEnd around matches
    std::string snippet;       // a few words of context around matches, marked the same way
    double rank = 0;           // bm25 (lower is better) when ordered by relevance
};

struct SearchResults {
    std::vector<SearchHit> hits;      // this page of results
    int64_t estimated_total = 0;      // matching articles: exact when total_is_exact, else a lower bound
    bool total_is_exact = false;      // at most the relevance cap matched, so all were counted
    SearchOrder order = SearchOrder::Relevance;
};

struct SearchOptions {
    int limit = 20;                 // hits per page
    int offset = 0;                 // hits to skip
    std::string language;           // only this language when not empty
    bool prefix_last = true;        // the last word may be incomplete (search as you type), unless
                                    // the words as typed already match 200 articles or more
    int64_t relevance_cap = 3000;   // rank by relevance only when at most this many match, divided
                                    // by the number of words (ranking costs matches x words)
};

// Searches titles, summaries and bodies. TYPED is what the person typed: never FTS syntax, never
// an SQL error for any text; an empty or wordless query gives no hits.
Result<SearchResults> search(Library& library, const std::string& typed, const SearchOptions& options = {});

// Titles that contain words starting with what was typed, newest first (by date, then the
// article last added), for search as you type.
// A last word of one or two letters matches whole words only (prefixes that short are too costly).
Result<std::vector<ArticleCard>> suggest_titles(Library& library, const std::string& typed, int limit = 8);

// Replaces the match markers with BEGIN and END (e.g. "[" "]" or terminal bold).
std::string render_marks(const std::string& marked, const std::string& begin, const std::string& end);

} // namespace tidings
