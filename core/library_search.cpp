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

// Whether the last typed word is long enough to match as a prefix: one or two letters would
// make FTS5 merge the doclists of thousands of words before returning anything.
bool prefix_worthwhile(const std::vector<std::string>& words) {
    if (words.empty()) return false;
    size_t code_points = 0;
    for (unsigned char c : words.back())
        if ((c & 0xC0) != 0x80) ++code_points;
    return code_points >= 3;
}

// A last word typed matching at least this many articles as it is is not widened to a prefix.
constexpr int64_t kPrefixEnough = 200;

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

    const char* card_cols = "a.rowid, a.channel, a.id, a.title, a.language, a.section, a.kind, a.published, "
                            "a.summary, a.photo, a.flags";
    if (results.order == SearchOrder::Relevance) {
        // FTS5 sorts the matches by bm25 itself (ORDER BY rank, with title matches weighing most,
        // then the summary, then the body), so highlight() and snippet() are computed only for the
        // rows of this page. CROSS JOIN keeps the index outermost, or SQLite could sort the
        // articles itself, computing both for every match.
        std::string sql = std::string("SELECT ") + card_cols +
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
            hit.snippet = st->column_text(12);
            hit.rank = st->column_double(13);
            results.hits.push_back(std::move(hit));
        }
        return results;
    }

    // Very common words: walk articles newest first by the date index and keep those that match
    // (a seek into the index per article). The words are common, so few are skipped; reading
    // their whole doclists backwards would cost far more.
    std::string sql = std::string("SELECT ") + card_cols +
                      " FROM articles a WHERE EXISTS (SELECT 1 FROM "
                      "article_fts WHERE article_fts MATCH ?1 AND article_fts.rowid = a.rowid)";
    if (!options.language.empty()) sql += " AND a.language = ?4";
    sql += " ORDER BY a.sort_date DESC, a.rowid DESC LIMIT ?2 OFFSET ?3";
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
        results.hits.push_back(std::move(hit));
    }
    if (!results.hits.empty()) {
        // Highlights for this page only, one seek each.
        auto marks = db.prepare("SELECT highlight(article_fts, 0, '\x02', '\x03'), "
                                "snippet(article_fts, -1, '\x02', '\x03', '…', 24) FROM article_fts "
                                "WHERE article_fts MATCH ?1 AND rowid = ?2");
        if (!marks) return marks.error();
        for (auto& hit : results.hits) {
            marks->reset();
            marks->bind(1, match).bind(2, hit.card.rowid);
            auto row = marks->step();
            if (!row) return make_error(row.error().code, "search failed: " + row.error().message);
            if (row.value()) {
                hit.title_marked = marks->column_text(0);
                hit.snippet = marks->column_text(1);
            }
        }
    }
    return results;
}

Result<std::vector<ArticleCard>> suggest_titles(Library& library, const std::string& typed, int limit) {
    std::vector<ArticleCard> out;
    const std::string match = user_query_to_fts(typed, prefix_worthwhile(typed_words(typed)));
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
        read_card(st.value(), c);
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
