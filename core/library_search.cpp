// Full-text search: FTS5 with the folding tokenizer, bm25 for selective queries, date order for
// very common words (bm25 over tens of thousands of matches is too slow to type against).
#include "core/library_search.h"

#include "core/search_text.h"

#include <algorithm>
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

// An upper bound on how many articles match: the smallest document count among the words.
Result<int64_t> estimate_matches(Db& db, const std::vector<std::string>& words, bool prefix_last) {
    int64_t best = std::numeric_limits<int64_t>::max();
    auto exact = db.prepare("SELECT doc FROM article_vocab WHERE term = ?");
    if (!exact) return exact.error();
    auto prefix = db.prepare("SELECT sum(doc) FROM (SELECT doc FROM article_vocab WHERE term >= ?1 AND term < ?2 LIMIT 2000)");
    if (!prefix) return prefix.error();
    for (size_t i = 0; i < words.size(); ++i) {
        int64_t n = 0;
        if (prefix_last && i + 1 == words.size()) {
            std::string hi = words[i];
            hi.push_back('\xff');
            prefix->reset();
            prefix->bind(1, words[i]).bind(2, hi);
            auto row = prefix->step();
            if (!row) return row.error();
            n = row.value() ? prefix->column_int(0) : 0;
            prefix->reset();
        } else {
            exact->reset();
            exact->bind(1, words[i]);
            auto row = exact->step();
            if (!row) return row.error();
            n = row.value() ? exact->column_int(0) : 0;
            exact->reset();
        }
        best = std::min(best, n);
    }
    return best == std::numeric_limits<int64_t>::max() ? 0 : best;
}

} // namespace

Result<SearchResults> search(Library& library, const std::string& typed, const SearchOptions& options) {
    SearchResults results;
    const std::string match = user_query_to_fts(typed, options.prefix_last);
    if (match.empty()) return results;
    Db& db = library.db();
    auto words = typed_words(typed);
    auto estimate = estimate_matches(db, words, options.prefix_last);
    if (!estimate) return estimate.error();
    results.estimated_total = estimate.value();
    if (results.estimated_total == 0) return results;
    results.order = results.estimated_total <= options.relevance_cap ? SearchOrder::Relevance : SearchOrder::Newest;

    std::string sql =
        "SELECT a.rowid, a.channel, a.id, a.title, a.language, a.section, a.kind, a.published, a.summary, a.photo, "
        "a.flags, highlight(article_fts, 0, '\x02', '\x03'), "
        "snippet(article_fts, -1, '\x02', '\x03', '…', 24), ";
    if (results.order == SearchOrder::Relevance) {
        // Title matches weigh most, then the summary, then the body.
        sql += "bm25(article_fts, 8.0, 3.0, 1.0) AS score FROM article_fts JOIN articles a ON a.rowid = article_fts.rowid "
               "WHERE article_fts MATCH ?1";
        if (!options.language.empty()) sql += " AND a.language = ?4";
        sql += " ORDER BY score LIMIT ?2 OFFSET ?3";
    } else {
        // Articles are numbered oldest first as bundles are applied, so rowid order is date order.
        sql += "0 FROM article_fts JOIN articles a ON a.rowid = article_fts.rowid WHERE article_fts MATCH ?1";
        if (!options.language.empty()) sql += " AND a.language = ?4";
        sql += " ORDER BY article_fts.rowid DESC LIMIT ?2 OFFSET ?3";
    }
    if (results.order == SearchOrder::Relevance) {
        // Few enough matches to rank them all, so few enough to count them exactly.
        std::string count_sql = "SELECT count(*) FROM article_fts JOIN articles a ON a.rowid = article_fts.rowid "
                                "WHERE article_fts MATCH ?1";
        if (!options.language.empty()) count_sql += " AND a.language = ?2";
        auto count = db.prepare(count_sql);
        if (!count) return count.error();
        count->bind(1, match);
        if (!options.language.empty()) count->bind(2, options.language);
        auto row = count->step();
        if (!row) return make_error(row.error().code, "search failed: " + row.error().message);
        results.estimated_total = row.value() ? count->column_int(0) : 0;
        results.total_is_exact = true;
    }
    auto st = db.prepare(sql);
    if (!st) return st.error();
    st->bind(1, match).bind(2, options.limit).bind(3, options.offset);
    if (!options.language.empty()) st->bind(4, options.language);
    for (;;) {
        auto row = st->step();
        if (!row) return make_error(row.error().code, "search failed: " + row.error().message);
        if (!row.value()) break;
        SearchHit hit;
        hit.card.rowid = st->column_int(0);
        hit.card.channel = st->column_text(1);
        hit.card.id = st->column_text(2);
        hit.card.title = st->column_text(3);
        hit.card.language = st->column_text(4);
        hit.card.section = st->column_text(5);
        hit.card.kind = st->column_text(6);
        hit.card.published = st->column_text(7);
        hit.card.summary = st->column_text(8);
        hit.card.photo = st->column_text(9);
        hit.card.flags = st->column_int(10);
        hit.title_marked = st->column_text(11);
        hit.snippet = st->column_text(12);
        hit.rank = st->column_double(13);
        results.hits.push_back(std::move(hit));
    }
    return results;
}

Result<std::vector<ArticleCard>> suggest_titles(Library& library, const std::string& typed, int limit) {
    std::vector<ArticleCard> out;
    const std::string match = user_query_to_fts(typed, true);
    if (match.empty()) return out;
    auto st = library.db().prepare(
        "SELECT a.rowid, a.channel, a.id, a.title, a.language, a.section, a.kind, a.published, a.summary, a.photo, "
        "a.flags FROM article_fts JOIN articles a ON a.rowid = article_fts.rowid "
        "WHERE article_fts MATCH ?1 ORDER BY article_fts.rowid DESC LIMIT ?2");
    if (!st) return st.error();
    st->bind(1, "{title} : (" + match + ")").bind(2, limit);
    for (;;) {
        auto row = st->step();
        if (!row) return make_error(row.error().code, "title suggestions failed: " + row.error().message);
        if (!row.value()) break;
        ArticleCard c;
        c.rowid = st->column_int(0);
        c.channel = st->column_text(1);
        c.id = st->column_text(2);
        c.title = st->column_text(3);
        c.language = st->column_text(4);
        c.section = st->column_text(5);
        c.kind = st->column_text(6);
        c.published = st->column_text(7);
        c.summary = st->column_text(8);
        c.photo = st->column_text(9);
        c.flags = st->column_int(10);
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
