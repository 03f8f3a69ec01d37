// Full-text search: FTS5 with the folding tokenizer, bm25 for selective queries, date order for
// very common words (bm25 over tens of thousands of matches is too slow to type against).
#include "core/library_search.h"

#include "core/search_text.h"

#include <algorithm>
#include <bit>
#include <limits>

namespace tidings {

namespace {

// Folded words of what was typed, as the tokenizer sees them.
std::vector<std::string> typed_words(const std::string& typed) {
    std::vector<std::string> words;
    for_each_token(typed, [&](std::string_view folded, size_t, size_t) {
        if (words.size() < 16) words.emplace_back(folded);
    });
    return words;
}

// Counts matching articles, but stops after CAP + 1: the cost is bounded however common the
// words are (FTS5 reads doclists lazily when no ranking is asked for).
Result<int64_t> count_matches_capped(Db& db, const std::string& match, const std::string& language, int64_t cap) {
    std::string sql = "SELECT count(*) FROM (SELECT article_fts.rowid FROM article_fts";
    if (!language.empty()) sql += " JOIN articles a ON a.rowid = article_fts.rowid";
    sql += " WHERE article_fts MATCH ?1";
    if (!language.empty()) sql += " AND a.language = ?3";
    sql += " LIMIT ?2)";
    auto st = db.prepare(sql);
    if (!st) return st.error();
    st->bind(1, match).bind(2, cap + 1);
    if (!language.empty()) st->bind(3, language);
    auto row = st->step();
    if (!row) return make_error(row.error().code, "search failed: " + row.error().message);
    return row.value() ? st->column_int(0) : int64_t{0};
}

// Every article MATCH finds, sorted by number. FAILED begins an error's message.
Result<std::vector<int64_t>> matching_rowids(Db& db, const std::string& match, const char* failed) {
    std::vector<int64_t> matching;
    auto st = db.prepare("SELECT rowid FROM article_fts WHERE article_fts MATCH ?1");
    if (!st) return st.error();
    st->bind(1, match);
    for (;;) {
        auto row = st->step();
        if (!row) return make_error(row.error().code, failed + row.error().message);
        if (!row.value()) break;
        matching.push_back(st->column_int(0));
    }
    std::sort(matching.begin(), matching.end()); // FTS5 gives them in order: one cheap pass
    return matching;
}

// Up to LIMIT of the articles in MATCHING (sorted by number), newest first (by date, then
// number), after the first SKIP of them; only those in LANGUAGE unless it is empty. Walks the date
// index and keeps what matches: cheap when the matches are many, so few articles are passed over.
Result<std::vector<int64_t>> newest_of(Db& db, const std::vector<int64_t>& matching,
                                       const std::string& language, int skip, int limit,
                                       const char* failed) {
    std::string sql = "SELECT rowid FROM articles";
    if (!language.empty()) sql += " WHERE language = ?1";
    sql += " ORDER BY sort_date DESC, rowid DESC";
    auto walk = db.prepare(sql);
    if (!walk) return walk.error();
    if (!language.empty()) walk->bind(1, language);
    std::vector<int64_t> page;
    while (static_cast<int>(page.size()) < limit) {
        auto row = walk->step();
        if (!row) return make_error(row.error().code, failed + row.error().message);
        if (!row.value()) break;
        const int64_t rowid = walk->column_int(0);
        if (!std::binary_search(matching.begin(), matching.end(), rowid)) continue;
        if (skip > 0) {
            --skip;
            continue;
        }
        page.push_back(rowid);
    }
    return page;
}

// Whether the last typed word is long enough to match as a prefix: one or two letters would
// make FTS5 merge the doclists of thousands of words before returning anything.
bool prefix_worthwhile(const std::vector<std::string>& words) {
    if (words.empty()) return false;
    size_t code_points = 0;
    for (unsigned char c : words.back())
        if ((c & 0xC0) != 0x80) ++code_points;
    return code_points >= 3;
}

// The words a search looks for, folded, the last one perhaps a prefix; matches a folded word
// the way FTS5 does.
struct WordMatcher {
    std::vector<std::string> words;
    bool prefix_last = false;
    bool matches(std::string_view folded) const {
        for (size_t i = 0; i < words.size(); ++i) {
            if (folded == words[i]) return true;
            if (prefix_last && i + 1 == words.size() && folded.substr(0, words[i].size()) == words[i]) return true;
        }
        return false;
    }
    // Which word FOLDED matches (for counting distinct words), or -1.
    int which(std::string_view folded) const {
        for (size_t i = 0; i < words.size(); ++i) {
            if (folded == words[i]) return static_cast<int>(i);
            if (prefix_last && i + 1 == words.size() && folded.substr(0, words[i].size()) == words[i])
                return static_cast<int>(i);
        }
        return -1;
    }
};

// A word of a text: its bytes and which searched word it is (-1: none).
struct TextWord {
    size_t begin = 0, end = 0;
    int word = -1;
};

std::vector<TextWord> words_of(std::string_view text, const WordMatcher& m) {
    std::vector<TextWord> out;
    for_each_token(text, [&](std::string_view folded, size_t begin, size_t end) {
        out.push_back({begin, end, m.which(folded)});
    });
    return out;
}

// TEXT from word FIRST to word LAST (exclusive) with the matched words between kMatchBegin and
// kMatchEnd, as FTS5's highlight() marks them.
std::string marked_span(std::string_view text, const std::vector<TextWord>& ws, size_t first, size_t last,
                        size_t from, size_t to) {
    std::string out;
    size_t at = from;
    for (size_t i = first; i < last; ++i) {
        if (ws[i].word < 0) continue;
        out.append(text.substr(at, ws[i].begin - at));
        out += kMatchBegin;
        out.append(text.substr(ws[i].begin, ws[i].end - ws[i].begin));
        out += kMatchEnd;
        at = ws[i].end;
    }
    out.append(text.substr(at, to - at));
    return out;
}

// TEXT with every matched word marked.
std::string mark_words(std::string_view text, const WordMatcher& m) {
    auto ws = words_of(text, m);
    return marked_span(text, ws, 0, ws.size(), 0, text.size());
}

constexpr size_t kSnippetWords = 24;

// The best window of kSnippetWords words of TEXT (most distinct searched words, then most
// matches, then the earliest), starting a few words before its first match; SCORE says how good.
std::string best_window(std::string_view text, const WordMatcher& m, int& score) {
    auto ws = words_of(text, m);
    score = -1;
    if (ws.empty()) return {};
    size_t best = 0;
    for (size_t i = 0; i < ws.size(); ++i) {
        if (ws[i].word < 0) continue;
        const size_t start = i >= 3 ? i - 3 : 0;
        const size_t stop = std::min(ws.size(), start + kSnippetWords);
        uint32_t seen = 0;
        int hits = 0;
        for (size_t k = start; k < stop; ++k)
            if (ws[k].word >= 0) {
                seen |= 1u << (ws[k].word & 31);
                ++hits;
            }
        const int sc = std::popcount(seen) * 1000 + hits;
        if (sc > score) {
            score = sc;
            best = start;
        }
    }
    if (score < 0) score = 0; // no match: the text's beginning
    const size_t stop = std::min(ws.size(), best + kSnippetWords);
    const size_t from = best == 0 ? 0 : ws[best].begin;
    const size_t to = stop == ws.size() ? text.size() : ws[stop - 1].end;
    std::string out = best == 0 ? std::string() : std::string("…");
    out += marked_span(text, ws, best, stop, from, to);
    if (stop < ws.size()) out += "…";
    return out;
}

// TEXT on one line: each run of white space holding a line break becomes one space (a snippet
// may span paragraphs).
std::string one_line(std::string text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        if (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t') {
            size_t j = i;
            bool breaks = false;
            while (j < text.size() && (text[j] == ' ' || text[j] == '\n' || text[j] == '\r' || text[j] == '\t')) {
                breaks |= text[j] != ' ';
                ++j;
            }
            if (breaks) out += ' ';
            else out.append(text, i, j - i);
            i = j;
        } else {
            out += text[i++];
        }
    }
    return out;
}

// A snippet like FTS5's snippet(): from the summary or the body, whichever shows more.
std::string snippet_of(std::string_view summary, std::string_view body, const WordMatcher& m) {
    int s1 = -1, s2 = -1;
    std::string a = best_window(summary, m, s1);
    std::string b = best_window(body, m, s2);
    return one_line(s2 > s1 || a.empty() ? std::move(b) : std::move(a));
}

// A last word typed matching at least this many articles as it is is not widened to a prefix.
constexpr int64_t kPrefixEnough = 200;

// Title suggestions matching at most this many articles are sorted by date; more are picked from
// the date index, newest first (at 100,000 articles a common word's title matches run to
// thousands, and sorting them would cost more than walking the index past a few misses).
constexpr size_t kSuggestSortAtMost = 1024;

} // namespace

Result<SearchResults> search(Library& library, const std::string& typed, const SearchOptions& options) {
    SearchResults results;
    auto words = typed_words(typed);
    if (words.empty()) return results;
    Db& db = library.db();
    bool prefix = options.prefix_last && prefix_worthwhile(words);
    if (prefix) {
        // Words that already match plenty as typed are taken as typed: "the" is the word, not
        // every word starting with it, and a prefix that common costs FTS5 a merge of thousands
        // of doclists for nothing a reader would miss.
        auto exact = count_matches_capped(db, user_query_to_fts(typed, false), options.language, kPrefixEnough);
        if (!exact) return exact.error();
        if (exact.value() >= kPrefixEnough) prefix = false;
    }
    const std::string match = user_query_to_fts(typed, prefix);
    if (match.empty()) return results;
    // Ranking costs about the matches times the words: the budget is shared by the words.
    const int64_t cap = std::max<int64_t>(options.limit + options.offset,
                                          options.relevance_cap / static_cast<int64_t>(words.size()));
    auto counted = count_matches_capped(db, match, options.language, cap);
    if (!counted) return counted.error();
    results.estimated_total = counted.value();
    results.total_is_exact = counted.value() <= cap;
    if (results.estimated_total == 0) return results;
    results.order = results.total_is_exact ? SearchOrder::Relevance : SearchOrder::Newest;

    if (results.order == SearchOrder::Relevance) {
        // FTS5 sorts the matches by bm25 itself (ORDER BY rank, with title matches weighing most,
        // then the summary, then the body), so highlight() and snippet() are computed only for the
        // rows of this page. CROSS JOIN keeps the index outermost, or SQLite could sort the
        // articles itself, computing both for every match.
        std::string sql =
            std::string("SELECT ") + kCardColumns +
            ", highlight(article_fts, 0, '\x02', '\x03'), "
            "snippet(article_fts, -1, '\x02', '\x03', '…', 24), article_fts.rank "
            "FROM article_fts CROSS JOIN articles a ON a.rowid = article_fts.rowid "
            "WHERE article_fts MATCH ?1 AND article_fts.rank MATCH 'bm25(8.0, 3.0, 1.0)'";
        if (!options.language.empty()) sql += " AND a.language = ?4";
        sql += " ORDER BY article_fts.rank LIMIT ?2 OFFSET ?3";
        auto st = db.prepare(sql);
        if (!st) return st.error();
        st->bind(1, match).bind(2, options.limit).bind(3, options.offset);
        if (!options.language.empty()) st->bind(4, options.language);
        for (;;) {
            auto row = st->step();
            if (!row) return make_error(row.error().code, "search failed: " + row.error().message);
            if (!row.value()) break;
            SearchHit hit;
            read_card(st.value(), hit.card);
            hit.title_marked = st->column_text(11);
            hit.snippet = one_line(st->column_text(12));
            hit.rank = st->column_double(13);
            results.hits.push_back(std::move(hit));
        }
        return results;
    }

    // Very common words: every matching rowid in one pass over the index (FTS5 merges a prefix's
    // doclists once, not once per article), then the articles newest first by the date index,
    // keeping those that match. The words are common, so few are skipped. Highlights are made
    // here, for this page only: asking FTS5 per article would merge the prefix's doclists again.
    auto matching = matching_rowids(db, match, "search failed: ");
    if (!matching) return matching.error();
    auto page = newest_of(db, matching.value(), options.language, options.offset, options.limit,
                          "search failed: ");
    if (!page) return page.error();
    auto one =
        db.prepare(std::string("SELECT ") + kCardColumns +
                   ", a.summary, tidings_body_text(a.body) FROM articles a WHERE a.rowid = ?1");
    if (!one) return one.error();
    const WordMatcher matcher{words, prefix};
    for (int64_t rowid : page.value()) {
        one->reset();
        one->bind(1, rowid);
        auto row = one->step();
        if (!row) return make_error(row.error().code, "search failed: " + row.error().message);
        if (!row.value()) continue;
        SearchHit hit;
        read_card(one.value(), hit.card);
        hit.title_marked = mark_words(hit.card.title, matcher);
        hit.snippet = snippet_of(one->column_text(11), one->column_text(12), matcher);
        results.hits.push_back(std::move(hit));
    }
    return results;
}

Result<std::vector<ArticleCard>> suggest_titles(Library& library, const std::string& typed, int limit) {
    std::vector<ArticleCard> out;
    const std::string match = user_query_to_fts(typed, prefix_worthwhile(typed_words(typed)));
    if (match.empty() || limit <= 0) return out;
    Db& db = library.db();
    const char* failed = "title suggestions failed: ";
    auto matching = matching_rowids(db, "{title} : (" + match + ")", failed);
    if (!matching) return matching.error();
    // Newest first: a few matches are sorted by date, many are picked from the date index.
    std::vector<int64_t> page;
    if (matching->size() <= kSuggestSortAtMost) {
        auto date = db.prepare("SELECT sort_date FROM articles WHERE rowid = ?1");
        if (!date) return date.error();
        std::vector<std::pair<std::string, int64_t>> dated;
        dated.reserve(matching->size());
        for (int64_t rowid : matching.value()) {
            date->reset();
            date->bind(1, rowid);
            auto row = date->step();
            if (!row) return make_error(row.error().code, failed + row.error().message);
            if (row.value()) dated.emplace_back(date->column_text(0), rowid);
        }
        const size_t keep = std::min(dated.size(), static_cast<size_t>(limit));
        std::partial_sort(dated.begin(), dated.begin() + static_cast<std::ptrdiff_t>(keep),
                          dated.end(), [](const auto& x, const auto& y) { return x > y; });
        for (size_t i = 0; i < keep; ++i)
            page.push_back(dated[i].second);
    } else {
        auto newest = newest_of(db, matching.value(), "", 0, limit, failed);
        if (!newest) return newest.error();
        page = std::move(newest.value());
    }
    auto card =
        db.prepare(std::string("SELECT ") + kCardColumns + " FROM articles a WHERE a.rowid = ?1");
    if (!card) return card.error();
    for (int64_t rowid : page) {
        card->reset();
        card->bind(1, rowid);
        auto row = card->step();
        if (!row) return make_error(row.error().code, failed + row.error().message);
        if (!row.value()) continue;
        ArticleCard c;
        read_card(card.value(), c);
        out.push_back(std::move(c));
    }
    return out;
}

std::string render_marks(const std::string& marked, const std::string& begin, const std::string& end) {
    std::string out;
    out.reserve(marked.size() + 16);
    for (char c : marked) {
        if (c == kMatchBegin[0]) out += begin;
        else if (c == kMatchEnd[0]) out += end;
        else out += c;
    }
    return out;
}

} // namespace tidings
