// Related lists: tf-idf signatures of articles and a cosine-like overlap through shared rare terms.
#include "core/related.h"

#include "core/search_text.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace tidings {

RelatedComputer::RelatedComputer(Db& db, RelatedTuning tuning) : db_(db), tuning_(tuning) {}

static Status prepare_once(Db& db, Stmt& st, const char* sql) {
    if (st.is_prepared()) return {};
    auto p = db.prepare(sql);
    if (!p) return p.error();
    st = std::move(p.value());
    return {};
}

Result<int64_t> RelatedComputer::doc_frequency(const std::string& term) {
    if (auto it = df_cache_.find(term); it != df_cache_.end()) return it->second;
    if (vocabulary_complete_) return int64_t{0};
    TIDINGS_TRY(prepare_once(db_, df_, "SELECT doc FROM article_vocab WHERE term = ?"));
    df_.reset();
    df_.bind(1, term);
    auto row = df_.step();
    if (!row) return row.error();
    int64_t df = row.value() ? df_.column_int(0) : 0;
    df_.reset();
    if (df_cache_.size() > 500'000) df_cache_.clear(); // bound the memory on huge vocabularies
    df_cache_.emplace(term, df);
    return df;
}

Status RelatedComputer::preload_vocabulary() {
    auto st = db_.prepare("SELECT term, doc FROM article_vocab");
    if (!st) return st.error();
    df_cache_.clear();
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!row.value()) break;
        if (df_cache_.size() >= 1'000'000) { // too large to hold: look terms up one by one
            df_cache_.clear();
            return {};
        }
        df_cache_.emplace(st->column_text(0), st->column_int(1));
    }
    vocabulary_complete_ = true;
    return {};
}

Status RelatedComputer::update_terms(int64_t article) {
    if (total_docs_ < 0) {
        auto n = query_int(db_, "SELECT count(*) FROM articles");
        if (!n) return n.error();
        total_docs_ = std::max<int64_t>(1, n.value().value_or(1));
    }
    TIDINGS_TRY(prepare_once(db_, read_text_, "SELECT title, summary, body_text FROM articles WHERE rowid = ?"));
    TIDINGS_TRY(prepare_once(db_, del_terms_, "DELETE FROM article_terms WHERE article = ?"));
    TIDINGS_TRY(prepare_once(db_, ins_term_, "INSERT INTO article_terms(term, weight, article) VALUES(?, ?, ?)"));

    read_text_.reset();
    read_text_.bind(1, article);
    auto row = read_text_.step();
    if (!row) return row.error();
    if (!row.value()) return make_error(ErrorCode::NotFound, "article " + std::to_string(article) + " is gone");
    // Term frequencies; title words count three times, summary words twice.
    std::map<std::string, double> tf;
    for (int col = 0; col < 3; ++col) {
        const double boost = col == 0 ? 3.0 : col == 1 ? 2.0 : 1.0;
        std::string_view text = read_text_.column_text_view(col);
        for_each_token(text, [&](std::string_view folded, size_t, size_t) {
            if (folded.size() < 3) return;
            if (std::all_of(folded.begin(), folded.end(), [](char c) { return c >= '0' && c <= '9'; })) return;
            tf[std::string(folded)] += boost;
        });
    }
    read_text_.reset();

    // Look up rarity for the most frequent terms only, then keep the strongest by tf-idf.
    std::vector<std::pair<double, const std::string*>> by_tf;
    by_tf.reserve(tf.size());
    for (const auto& [term, f] : tf) by_tf.emplace_back(f, &term);
    std::stable_sort(by_tf.begin(), by_tf.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    if (static_cast<int>(by_tf.size()) > tuning_.candidate_terms) by_tf.resize(static_cast<size_t>(tuning_.candidate_terms));
    std::vector<std::pair<double, const std::string*>> weighted;
    for (const auto& [f, term] : by_tf) {
        auto df = doc_frequency(*term);
        if (!df) return df.error();
        int64_t d = std::max<int64_t>(1, df.value());
        if (total_docs_ >= 20 && static_cast<double>(d) > tuning_.max_doc_fraction * static_cast<double>(total_docs_))
            continue;
        double idf = std::log(1.0 + static_cast<double>(total_docs_) / static_cast<double>(d));
        weighted.emplace_back((1.0 + std::log(f)) * idf, term);
    }
    std::stable_sort(weighted.begin(), weighted.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : *a.second < *b.second;
    });
    if (static_cast<int>(weighted.size()) > tuning_.terms_per_article)
        weighted.resize(static_cast<size_t>(tuning_.terms_per_article));
    double norm = 0;
    for (const auto& w : weighted) norm += w.first * w.first;
    norm = norm > 0 ? std::sqrt(norm) : 1.0;

    del_terms_.reset();
    del_terms_.bind(1, article);
    TIDINGS_TRY(del_terms_.run());
    for (const auto& [w, term] : weighted) {
        ins_term_.reset();
        ins_term_.bind(1, *term).bind(2, w / norm).bind(3, article);
        TIDINGS_TRY(ins_term_.run());
    }
    return {};
}

Status RelatedComputer::compute_list(int64_t article) {
    TIDINGS_TRY(prepare_once(db_, terms_of_, "SELECT term, weight FROM article_terms WHERE article = ? ORDER BY term"));
    TIDINGS_TRY(prepare_once(db_, postings_,
                             "SELECT article, weight FROM article_terms WHERE term = ? "
                             "ORDER BY weight DESC, article LIMIT ?"));
    TIDINGS_TRY(prepare_once(db_, del_list_, "DELETE FROM related WHERE article = ? AND source = 'computed'"));
    TIDINGS_TRY(prepare_once(db_, ins_list_,
                             "INSERT INTO related(article, source, list, position, target_channel, target_id, score) "
                             "SELECT ?, 'computed', 'related', ?, channel, id, ? FROM articles WHERE rowid = ?"));
    std::vector<std::pair<std::string, double>> terms;
    terms_of_.reset();
    terms_of_.bind(1, article);
    for (;;) {
        auto row = terms_of_.step();
        if (!row) return row.error();
        if (!row.value()) break;
        terms.emplace_back(terms_of_.column_text(0), terms_of_.column_double(1));
    }
    terms_of_.reset();
    std::map<int64_t, double> score;
    for (const auto& [term, w] : terms) {
        postings_.reset();
        postings_.bind(1, term).bind(2, tuning_.postings_per_term);
        for (;;) {
            auto row = postings_.step();
            if (!row) return row.error();
            if (!row.value()) break;
            int64_t other = postings_.column_int(0);
            if (other != article) score[other] += w * postings_.column_double(1);
        }
        postings_.reset();
    }
    std::vector<std::pair<double, int64_t>> best;
    for (const auto& [other, s] : score)
        if (s >= tuning_.min_score) best.emplace_back(s, other);
    std::sort(best.begin(), best.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (static_cast<int>(best.size()) > tuning_.results) best.resize(static_cast<size_t>(tuning_.results));

    del_list_.reset();
    del_list_.bind(1, article);
    TIDINGS_TRY(del_list_.run());
    int64_t position = 0;
    for (const auto& [s, other] : best) {
        ins_list_.reset();
        ins_list_.bind(1, article).bind(2, position++).bind(3, s).bind(4, other);
        TIDINGS_TRY(ins_list_.run());
    }
    return {};
}

} // namespace tidings
