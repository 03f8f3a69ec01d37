// Related lists: tf-idf signatures of articles and a cosine-like overlap through shared rare terms.
//
// [SECTION] Hashing and the term vocabulary
// [SECTION] Analyzing one article
// [SECTION] A temporary spool for per-article records
// [SECTION] RelatedBuilder: recording articles
// [SECTION] RelatedBuilder: document frequencies
// [SECTION] RelatedBuilder: signatures
// [SECTION] RelatedBuilder: posting lists and the lists
// [SECTION] RelatedBuilder: the fallback when the vocabulary overflowed
#include "core/related.h"

#include "core/search_text.h"
#include "core/text_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unordered_map>

namespace tidings {

//-----------------------------------------------------------------------------
// [SECTION] Hashing and the term vocabulary
//-----------------------------------------------------------------------------

namespace {

// Common words are cut only among at least this many articles (fewer say nothing about which
// words are common); a language with fewer articles is judged with the whole library.
constexpr int64_t kLanguagePoolMin = 20;

// A fast 32-bit hash of short strings (folded terms): eight bytes at a time, multiply-mixed.
uint32_t hash_term(std::string_view s) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        uint64_t chunk;
        std::memcpy(&chunk, s.data() + i, 8);
        h = (h ^ chunk) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    uint64_t tail = 0;
    std::memcpy(&tail, s.data() + i, s.size() - i);
    h = (h ^ tail) * 0x94D049BB133111EBull;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return static_cast<uint32_t>(h >> 32);
}

bool all_digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

TermVocabulary::TermVocabulary(size_t max_terms, size_t max_bytes)
    : max_terms_(max_terms), max_bytes_(max_bytes) {
    slots_.assign(1024, 0);
}

size_t TermVocabulary::probe(std::string_view term, uint32_t hash) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const uint64_t s = slots_[i];
        if (s == 0) return i;
        if (static_cast<uint32_t>(s >> 32) == hash && record_text(static_cast<uint32_t>(s) - 1) == term) return i;
    }
}

void TermVocabulary::grow() {
    std::vector<uint64_t> bigger(slots_.size() * 2, 0);
    const size_t mask = bigger.size() - 1;
    for (uint64_t s : slots_) {
        if (s == 0) continue;
        size_t i = (s >> 32) & mask;
        while (bigger[i] != 0) i = (i + 1) & mask;
        bigger[i] = s;
    }
    slots_.swap(bigger);
}

uint32_t TermVocabulary::add(std::string_view term, uint32_t hash, size_t slot, bool essential) {
    const size_t factor = essential ? 2 : 1;
    const size_t record = 6 + term.size();
    if (size() >= factor * max_terms_ || arena_.size() + record > factor * max_bytes_ || term.size() > 0xFFFF) {
        overflowed_ = true;
        return kNone;
    }
    const auto id = static_cast<uint32_t>(size());
    const auto at = static_cast<uint32_t>(arena_.size());
    const auto length = static_cast<uint16_t>(term.size());
    arena_.append(reinterpret_cast<const char*>(&id), 4);
    arena_.append(reinterpret_cast<const char*>(&length), 2);
    arena_.append(term);
    offsets_.push_back(at);
    slots_[slot] = (static_cast<uint64_t>(hash) << 32) | (static_cast<uint64_t>(at) + 1);
    if (offsets_.size() * 2 > slots_.size()) grow();
    return id;
}

uint32_t TermVocabulary::find(std::string_view term) const {
    const uint64_t s = slots_[probe(term, hash_term(term))];
    return s == 0 ? kNone : record_id(static_cast<uint32_t>(s) - 1);
}

uint32_t TermVocabulary::intern(std::string_view term, bool essential) {
    const uint32_t hash = hash_term(term);
    const size_t slot = probe(term, hash);
    if (slots_[slot] != 0) return record_id(static_cast<uint32_t>(slots_[slot]) - 1);
    return add(term, hash, slot, essential);
}

void TermVocabulary::intern_all(const std::vector<std::string_view>& terms, size_t essential,
                                std::vector<uint32_t>& ids) {
    // Three passes over the batch: fetch each term's home slot, then the record the slot points
    // to, then compare. Each pass only touches lines the previous one asked for.
    std::vector<uint32_t>& hashes = ids; // reused: hashes first, then ids
    hashes.resize(terms.size());
    const size_t mask = slots_.size() - 1;
    for (size_t i = 0; i < terms.size(); ++i) {
        hashes[i] = hash_term(terms[i]);
        __builtin_prefetch(&slots_[hashes[i] & mask]);
    }
    for (size_t i = 0; i < terms.size(); ++i) {
        const uint64_t s = slots_[hashes[i] & mask];
        if (s != 0 && static_cast<uint32_t>(s >> 32) == hashes[i]) __builtin_prefetch(arena_.data() + (static_cast<uint32_t>(s) - 1));
    }
    for (size_t i = 0; i < terms.size(); ++i) {
        const uint32_t hash = hashes[i];
        const size_t slot = probe(terms[i], hash);
        ids[i] = slots_[slot] != 0 ? record_id(static_cast<uint32_t>(slots_[slot]) - 1)
                                   : add(terms[i], hash, slot, i < essential);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Analyzing one article
//-----------------------------------------------------------------------------

// The terms of the article being analyzed: an open-addressing table whose entries belong to the
// current article only when their generation matches, so nothing is cleared between articles.
struct ArticleAnalyzer::Scratch {
    // One distinct term of the current article.
    struct Entry {
        uint32_t generation = 0; // article the entry belongs to
        uint32_t hash = 0;       // hash_term of the term
        uint32_t offset = 0;     // term bytes in arena
        uint32_t length = 0;     // term length in bytes
        uint32_t tf = 0;         // boosted frequency
    };
    std::vector<Entry> table = std::vector<Entry>(4096); // power of two
    std::vector<uint32_t> used;  // table slots holding the current article's terms
    std::string arena;           // the current article's term bytes
    uint32_t generation = 0;     // current article
    std::vector<std::string_view> views; // the terms, strongest first, for the vocabulary
    std::vector<uint32_t> ids;   // their numbers in the vocabulary

    std::string_view text_of(const Entry& e) const { return std::string_view(arena.data() + e.offset, e.length); }

    void start() {
        if (++generation == 0) { // wrapped: forget every old entry for real
            for (auto& e : table) e.generation = 0;
            generation = 1;
        }
        used.clear();
        arena.clear();
    }

    void add(std::string_view term, uint32_t boost) {
        if (used.size() * 2 >= table.size()) grow();
        const uint32_t hash = hash_term(term);
        const size_t mask = table.size() - 1;
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            Entry& e = table[i];
            if (e.generation != generation) {
                e = Entry{generation, hash, static_cast<uint32_t>(arena.size()), static_cast<uint32_t>(term.size()), boost};
                arena.append(term);
                used.push_back(static_cast<uint32_t>(i));
                return;
            }
            if (e.hash == hash && text_of(e) == term) {
                e.tf += boost;
                return;
            }
        }
    }

    void grow() {
        std::vector<Entry> bigger(table.size() * 2);
        const size_t mask = bigger.size() - 1;
        for (uint32_t& slot : used) {
            const Entry& e = table[slot];
            size_t i = e.hash & mask;
            while (bigger[i].generation == generation) i = (i + 1) & mask;
            bigger[i] = e;
            slot = static_cast<uint32_t>(i);
        }
        table.swap(bigger);
    }
};

ArticleAnalyzer::ArticleAnalyzer(RelatedTuning tuning) : tuning_(tuning), scratch_(std::make_unique<Scratch>()) {}
ArticleAnalyzer::~ArticleAnalyzer() = default;

void ArticleAnalyzer::analyze(const TokenizedText& title, const TokenizedText& summary,
                              const TokenizedText& body_text, TermVocabulary& vocabulary, ArticleTermStats& out) {
    Scratch& s = *scratch_;
    s.start();
    const TokenizedText* texts[3] = {&title, &summary, &body_text};
    for (int col = 0; col < 3; ++col) {
        const uint32_t boost = col == 0 ? 3 : col == 1 ? 2 : 1;
        const TokenizedText& words = *texts[col];
        for (size_t i = 0; i < words.size(); ++i) {
            const std::string_view folded = words.folded(i);
            if (folded.size() < 3 || all_digits(folded)) continue;
            s.add(folded, boost);
        }
    }
    out.distinct.clear();
    out.candidates.clear();
    // The most frequent terms, ties by term, are the candidates for the signature.
    auto stronger = [&](uint32_t a, uint32_t b) {
        const auto& ea = s.table[a];
        const auto& eb = s.table[b];
        return ea.tf != eb.tf ? ea.tf > eb.tf : s.text_of(ea) < s.text_of(eb);
    };
    std::vector<uint32_t>& order = s.used; // table order is not needed any more
    const size_t keep = std::min(order.size(), static_cast<size_t>(std::max(0, tuning_.candidate_terms)));
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(), stronger);
    out.candidates.reserve(keep);
    s.views.clear();
    for (uint32_t slot : order) s.views.push_back(s.text_of(s.table[slot]));
    vocabulary.intern_all(s.views, keep, s.ids);
    for (size_t i = 0; i < order.size(); ++i) {
        if (s.ids[i] == TermVocabulary::kNone) continue;
        out.distinct.push_back(s.ids[i]);
        if (i < keep) out.candidates.emplace_back(s.ids[i], s.table[order[i]].tf);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] A temporary spool for per-article records
//-----------------------------------------------------------------------------

namespace {

// Bytes written once and read back in order. Held in memory up to a cap, then in an anonymous
// temporary file (removed by the system when closed, even after a crash).
class Spool {
  public:
    Spool() = default;
    ~Spool() {
        if (file_) std::fclose(file_);
    }
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;

    Status append(const void* data, size_t size) {
        if (!file_ && buffer_.size() + size <= kMemoryCap) {
            buffer_.append(static_cast<const char*>(data), size);
            return {};
        }
        if (!file_) {
            file_ = std::tmpfile();
            if (!file_)
                return make_error(ErrorCode::Io, "cannot create a temporary file for the related lists: is the "
                                                 "temporary folder full or read-only?");
            if (!write(buffer_.data(), buffer_.size())) return write_error();
            buffer_.clear();
            buffer_.shrink_to_fit();
        }
        if (!write(data, size)) return write_error();
        return {};
    }
    template <class T> Status put(const T& value) { return append(&value, sizeof value); }

    // Starts reading from the beginning.
    Status rewind() {
        read_at_ = 0;
        if (file_ && (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0)) return write_error();
        return {};
    }
    // Reads SIZE bytes; false at the end (or on a read error, which the caller reports).
    bool read(void* out, size_t size) {
        if (file_) return std::fread(out, 1, size, file_) == size;
        if (read_at_ + size > buffer_.size()) return false;
        std::memcpy(out, buffer_.data() + read_at_, size);
        read_at_ += size;
        return true;
    }
    template <class T> bool get(T& value) { return read(&value, sizeof value); }

  private:
    static constexpr size_t kMemoryCap = 1u << 20; // bytes held before spilling to a file
    bool write(const void* data, size_t size) { return size == 0 || std::fwrite(data, 1, size, file_) == size; }
    static Error write_error() {
        return make_error(ErrorCode::Io, "cannot write the temporary file of the related lists: is the temporary "
                                         "folder full?");
    }
    std::string buffer_;   // contents while small
    size_t read_at_ = 0;   // read position in buffer_
    FILE* file_ = nullptr; // contents once spilled
};

Error spool_damaged() {
    return make_error(ErrorCode::Io, "the temporary file of the related lists could not be read back");
}

// One posting: an article (by its index in RelatedBuilder's table) and its weight for a term.
struct Posting {
    uint32_t index; // article index
    float weight;   // its signature weight for the term
};

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] RelatedBuilder: recording articles
//-----------------------------------------------------------------------------

namespace {

// Posting entries held in memory at most; beyond, postings are read per term from SQLite.
constexpr size_t kMaxPostingsInMemory = 4'000'000;
// Postings read per term from SQLite that are kept for later articles, at most.
constexpr size_t kMaxCachedSqlPostings = 1'000'000;

constexpr uint32_t kNoIndex = 0xFFFFFFFFu; // an article that is not in the builder's table

Error cancelled_error() { return make_error(ErrorCode::Cancelled, "cancelled: the library is as it was before"); }

// One candidate of an article's list.
struct Match {
    double score;   // summed weight products over shared terms
    int64_t rowid;  // the other article
    uint32_t index; // its index in the builder's table, kNoIndex when not there
};

// One signature row waiting to be written.
struct SignatureRow {
    uint32_t term;  // vocabulary number
    float weight;   // stored weight
    int64_t rowid;  // article
};

// Signature rows are written in batches of this many, sorted the way article_terms is keyed.
constexpr size_t kSignatureBatch = 1u << 17;

} // namespace

struct RelatedBuilder::Impl {
    Db& db;                          // the library connection (not owned)
    RelatedTuning tuning;            // parameters
    int64_t added = 0;               // articles recorded
    Spool candidates;                // per added article: rowid, replaced, candidate (term, tf) pairs
    Spool signatures;                // per added article: index, replaced, (term, weight) pairs
    std::vector<int64_t> rowids;     // article index -> rowid: added articles, then others met
    std::string ids;                 // ids of the added articles, back to back
    std::vector<uint32_t> id_ends;   // end of each added article's id in ids
    std::vector<uint32_t> df;        // term -> articles holding it (library-wide once finished)
    std::vector<uint8_t> df_known;   // per-term mode: term -> df[term] was looked up
    bool per_term_df = false;        // document frequencies are looked up per term
    int64_t total_docs = 1;          // articles in the library
    std::vector<uint32_t> begin;     // in-memory postings: term -> first posting (vocabulary + 1)
    std::vector<uint16_t> fill;      // in-memory postings: term -> postings held
    std::vector<Posting> postings;   // in-memory postings: each term's best, by weight
    bool in_memory = false;          // postings are in memory (else read per term)
    bool bulk = false;               // counts and postings are gathered, not looked up per term
    bool deferred = false;           // compute_offline(): no database; rows wait in spools
    Spool lists;                     // deferred: per added article: index, match count, (index, score) pairs
    std::vector<uint32_t> language;  // added article index -> its language's number
    std::vector<std::string> languages;                    // language number -> language
    std::unordered_map<std::string, uint32_t> language_number; // language -> its number
    std::vector<uint32_t> term_rank; // term -> its place in byte order (signature rows are written so)
    std::unordered_map<uint32_t, std::vector<std::pair<int64_t, double>>> sql_postings; // term -> postings read
    size_t sql_postings_held = 0;    // entries in sql_postings
    Stmt df_lookup, del_terms, ins_term, del_list, ins_known, ins_lookup, postings_sql; // reused statements

    Impl(Db& d, RelatedTuning t) : db(d), tuning(t) {}

    Status prepare(Stmt& st, const char* sql) {
        if (st.is_prepared()) return {};
        auto p = db.prepare(sql);
        if (!p) return p.error();
        st = std::move(p.value());
        return {};
    }
    std::string_view id_of(uint32_t index) const {
        const uint32_t from = index == 0 ? 0 : id_ends[index - 1];
        return std::string_view(ids).substr(from, id_ends[index] - from);
    }
    bool better(const Posting& a, const Posting& b) const {
        return a.weight != b.weight ? a.weight > b.weight : rowids[a.index] < rowids[b.index];
    }

    Status document_frequencies(const TermVocabulary& vocab, int64_t others);
    Result<int64_t> doc_frequency(const TermVocabulary& vocab, uint32_t term);
    Status write_signatures(const TermVocabulary& vocab, const std::function<Status()>& tick);
    Status build_postings(const TermVocabulary& vocab, int64_t others);
    Status write_lists(const TermVocabulary& vocab, const std::string& channel, const std::function<Status()>& tick);
    void rank_terms(const TermVocabulary& vocab);
    Status insert_terms(const TermVocabulary& vocab, std::vector<SignatureRow>& batch);
    Status insert_list(int64_t rowid, bool replaced, const std::vector<Match>& best, const std::string& channel);
    Result<const std::vector<std::pair<int64_t, double>>*> postings_from_sql(const TermVocabulary& vocab, uint32_t term);
};

RelatedBuilder::RelatedBuilder(Db& db, RelatedTuning tuning) : impl_(std::make_unique<Impl>(db, tuning)) {}
RelatedBuilder::~RelatedBuilder() = default;
int64_t RelatedBuilder::count() const { return impl_->added; }

Status RelatedBuilder::add(int64_t article, std::string_view id, std::string_view language, bool replaced,
                           const ArticleTermStats& stats) {
    Impl& m = *impl_;
    auto [known, fresh] = m.language_number.try_emplace(std::string(language), static_cast<uint32_t>(m.languages.size()));
    if (fresh) m.languages.emplace_back(language);
    m.language.push_back(known->second);
    for (uint32_t t : stats.distinct) {
        if (t >= m.df.size()) m.df.resize(std::max<size_t>(t + 1, m.df.size() * 2), 0);
        ++m.df[t];
    }
    m.rowids.push_back(article);
    m.ids.append(id);
    m.id_ends.push_back(static_cast<uint32_t>(m.ids.size()));
    const auto n = static_cast<uint8_t>(std::min<size_t>(stats.candidates.size(), 255));
    TIDINGS_TRY(m.candidates.put(article));
    TIDINGS_TRY(m.candidates.put(static_cast<uint8_t>(replaced ? 1 : 0)));
    TIDINGS_TRY(m.candidates.put(n));
    for (size_t i = 0; i < n; ++i) {
        TIDINGS_TRY(m.candidates.put(stats.candidates[i].first));
        TIDINGS_TRY(m.candidates.put(stats.candidates[i].second));
    }
    ++m.added;
    return {};
}

Status RelatedBuilder::finish(const TermVocabulary& vocab, const std::string& channel,
                              const std::function<void(int64_t, int64_t)>& progress, const std::atomic<bool>* stop) {
    Impl& m = *impl_;
    if (m.added == 0) return {};
    auto n = query_int(m.db, "SELECT count(*) FROM articles");
    if (!n) return n.error();
    m.total_docs = std::max<int64_t>(1, n.value().value_or(1));
    const int64_t others = std::max<int64_t>(0, m.total_docs - m.added);
    const int64_t steps = 2 * m.added;
    int64_t done = 0;
    const std::function<Status()> tick = [&]() -> Status {
        if (++done % 256 == 0) {
            if (stop && stop->load(std::memory_order_relaxed)) return cancelled_error();
            if (progress) progress(done, steps);
        }
        return {};
    };
    if (m.df.size() < vocab.size()) m.df.resize(vocab.size(), 0);
    m.bulk = m.tuning.bulk_from >= 0 && (m.added >= m.tuning.bulk_from || others == 0);
    TIDINGS_TRY(m.document_frequencies(vocab, others));
    TIDINGS_TRY(m.write_signatures(vocab, tick));
    TIDINGS_TRY(m.build_postings(vocab, others));
    TIDINGS_TRY(m.write_lists(vocab, channel, tick));
    if (progress) progress(steps, steps);
    return {};
}

//-----------------------------------------------------------------------------
// [SECTION] RelatedBuilder: document frequencies
//-----------------------------------------------------------------------------

// The added articles' own counts are exact when nothing else is in the library. Otherwise the
// other articles' share comes from the search index: per term for small applies, from the
// whole vocabulary for large ones, or by tokenizing the few other articles again.
Status RelatedBuilder::Impl::document_frequencies(const TermVocabulary& vocab, int64_t others) {
    if (bulk && others == 0 && !vocab.overflowed()) return {};
    if (!bulk || vocab.overflowed()) {
        per_term_df = true;
        df_known.assign(vocab.size(), 0);
        return {};
    }
    if (others <= tuning.retokenize_others_up_to) {
        std::vector<int64_t> sorted(rowids.begin(), rowids.begin() + added);
        std::sort(sorted.begin(), sorted.end());
        std::vector<uint32_t> seen_in(vocab.size(), 0); // term -> last other article counted (1-based)
        // The body's text is made here, for the other articles only (the article_text view would
        // make it for every row, the skipped ones too).
        auto st = db.prepare("SELECT rowid, title, summary, body FROM articles");
        if (!st) return st.error();
        uint32_t article = 0;
        std::string body_text;
        for (;;) {
            auto row = st->step();
            if (!row) return row.error();
            if (!row.value()) break;
            if (std::binary_search(sorted.begin(), sorted.end(), st->column_int(0))) continue;
            ++article;
            body_text = plain_text(parse_markdown(st->column_text_view(3)));
            for (int col = 1; col <= 3; ++col) {
                const std::string_view text =
                    col == 3 ? std::string_view(body_text) : st->column_text_view(col);
                for_each_token(text, [&](std::string_view folded, size_t, size_t) {
                    if (folded.size() < 3) return;
                    const uint32_t t = vocab.find(folded);
                    if (t == TermVocabulary::kNone || seen_in[t] == article) return;
                    seen_in[t] = article;
                    ++df[t];
                });
            }
        }
        return {};
    }
    std::fill(df.begin(), df.end(), 0);
    auto st = db.prepare("SELECT term, doc FROM article_vocab");
    if (!st) return st.error();
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!row.value()) break;
        const uint32_t t = vocab.find(st->column_text_view(0));
        if (t != TermVocabulary::kNone) df[t] = static_cast<uint32_t>(st->column_int(1));
    }
    return {};
}

Result<int64_t> RelatedBuilder::Impl::doc_frequency(const TermVocabulary& vocab, uint32_t term) {
    if (per_term_df && !df_known[term]) {
        TIDINGS_TRY(prepare(df_lookup, "SELECT doc FROM article_vocab WHERE term = ?"));
        df_lookup.reset();
        df_lookup.bind(1, vocab.term(term));
        auto row = df_lookup.step();
        if (!row) return row.error();
        df[term] = row.value() ? static_cast<uint32_t>(df_lookup.column_int(0)) : 0;
        df_lookup.reset();
        df_known[term] = 1;
    }
    return static_cast<int64_t>(df[term]);
}

//-----------------------------------------------------------------------------
// [SECTION] RelatedBuilder: signatures
//-----------------------------------------------------------------------------

// Numbers every term by its place in byte order, the order article_terms is keyed in.
void RelatedBuilder::Impl::rank_terms(const TermVocabulary& vocab) {
    std::vector<uint32_t> order(vocab.size());
    for (uint32_t t = 0; t < order.size(); ++t) order[t] = t;
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return vocab.term(a) < vocab.term(b); });
    term_rank.assign(vocab.size(), 0);
    for (uint32_t i = 0; i < order.size(); ++i) term_rank[order[i]] = i;
}

// Inserts BATCH sorted the way article_terms is keyed (term, weight, article), so the table's
// pages are visited in order once per batch instead of once per row; empties BATCH.
Status RelatedBuilder::Impl::insert_terms(const TermVocabulary& vocab, std::vector<SignatureRow>& batch) {
    TIDINGS_TRY(prepare(ins_term, "INSERT INTO article_terms(term, weight, article) VALUES(?, ?, ?)"));
    std::sort(batch.begin(), batch.end(), [&](const SignatureRow& a, const SignatureRow& b) {
        if (a.term != b.term) return term_rank[a.term] < term_rank[b.term];
        return a.weight != b.weight ? a.weight < b.weight : a.rowid < b.rowid;
    });
    for (const SignatureRow& r : batch) {
        ins_term.reset();
        ins_term.bind(1, vocab.term(r.term)).bind(2, static_cast<double>(r.weight)).bind(3, r.rowid);
        TIDINGS_TRY(ins_term.run());
    }
    batch.clear();
    return {};
}

// Weighs each added article's candidates by tf-idf, keeps the strongest (ties by term), stores
// them normalized in article_terms (unless deferred) and spools them for the lists. Weights are kept at float
// precision everywhere (memory, the database), so every way of computing a list sees exactly
// the same numbers.
Status RelatedBuilder::Impl::write_signatures(const TermVocabulary& vocab, const std::function<Status()>& tick) {
    if (!deferred) TIDINGS_TRY(prepare(del_terms, "DELETE FROM article_terms WHERE article = ?"));
    rank_terms(vocab);
    std::vector<SignatureRow> batch;
    if (!deferred) batch.reserve(std::min<size_t>(kSignatureBatch, static_cast<size_t>(added) * 16 + 16));
    // A language's own common words ("и", "და", "և") are judged among the articles in that
    // language: in a library where Georgian is one article in twenty, "და" is in every Georgian
    // article yet in only 5% of all, and would otherwise make every Georgian article look alike.
    // Deferred, the library holds only the added articles, so their own counts are the library's.
    std::vector<int64_t> pool_of(languages.size(), 0); // language number -> articles in it
    if (deferred) {
        for (uint32_t l : language) ++pool_of[l];
    } else {
        auto counts = db.prepare("SELECT language, count(*) FROM articles GROUP BY language");
        if (!counts) return counts.error();
        for (;;) {
            auto row = counts->step();
            if (!row) return row.error();
            if (!row.value()) break;
            auto it = language_number.find(counts->column_text(0));
            if (it != language_number.end()) pool_of[it->second] = counts->column_int(1);
        }
    }
    TIDINGS_TRY(candidates.rewind());
    std::vector<std::pair<double, uint32_t>> weighted;
    const auto total = static_cast<double>(total_docs);
    for (uint32_t index = 0; index < added; ++index) {
        int64_t rowid = 0;
        uint8_t replaced = 0, n = 0;
        if (!candidates.get(rowid) || !candidates.get(replaced) || !candidates.get(n)) return spool_damaged();
        weighted.clear();
        double pool = total; // the articles a common word is judged among
        if (const int64_t in_language = pool_of[language[index]]; in_language >= kLanguagePoolMin)
            pool = static_cast<double>(in_language);
        for (uint8_t k = 0; k < n; ++k) {
            uint32_t term = 0, tf = 0;
            if (!candidates.get(term) || !candidates.get(tf)) return spool_damaged();
            auto df_found = doc_frequency(vocab, term);
            if (!df_found) return df_found.error();
            const auto d = static_cast<double>(std::max<int64_t>(1, df_found.value()));
            if (total_docs >= kLanguagePoolMin && d > tuning.max_doc_fraction * pool) continue;
            const double idf = std::log(1.0 + total / d);
            weighted.emplace_back((1.0 + std::log(static_cast<double>(tf))) * idf, term);
        }
        std::sort(weighted.begin(), weighted.end(), [&](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : vocab.term(a.second) < vocab.term(b.second);
        });
        if (static_cast<int>(weighted.size()) > tuning.terms_per_article)
            weighted.resize(static_cast<size_t>(std::max(0, tuning.terms_per_article)));
        double norm = 0;
        for (const auto& w : weighted) norm += w.first * w.first;
        norm = norm > 0 ? std::sqrt(norm) : 1.0;
        if (replaced && !deferred) {
            del_terms.reset();
            del_terms.bind(1, rowid);
            TIDINGS_TRY(del_terms.run());
        }
        TIDINGS_TRY(signatures.put(index));
        TIDINGS_TRY(signatures.put(replaced));
        TIDINGS_TRY(signatures.put(static_cast<uint8_t>(weighted.size())));
        for (const auto& [w, term] : weighted) {
            const auto stored = static_cast<float>(w / norm);
            if (!deferred) batch.push_back(SignatureRow{term, stored, rowid});
            TIDINGS_TRY(signatures.put(term));
            TIDINGS_TRY(signatures.put(stored));
        }
        if (batch.size() >= kSignatureBatch) TIDINGS_TRY(insert_terms(vocab, batch));
        TIDINGS_TRY(tick());
    }
    return deferred ? Status{} : insert_terms(vocab, batch);
}

//-----------------------------------------------------------------------------
// [SECTION] RelatedBuilder: posting lists and the lists
//-----------------------------------------------------------------------------

// For a large apply, each shared term's best postings (by weight, then rowid) are gathered in
// memory from the spooled signatures and, when the library holds other articles, from theirs.
// Terms held by a single signature are skipped: they can relate nothing.
Status RelatedBuilder::Impl::build_postings(const TermVocabulary& vocab, int64_t others) {
    in_memory = bulk && others <= 4 * added; // else reading every other signature would cost more
    if (!in_memory) return {};
    const size_t cap = static_cast<size_t>(std::clamp(tuning.postings_per_term, 1, 60000));
    std::vector<uint32_t> uses(vocab.size(), 0); // term -> signatures holding it
    std::vector<int64_t> sorted_added;
    auto read_signature = [&](uint32_t& index, std::vector<std::pair<uint32_t, float>>& terms) -> bool {
        uint8_t replaced = 0, n = 0;
        if (!signatures.get(index) || !signatures.get(replaced) || !signatures.get(n)) return false;
        terms.resize(n);
        for (auto& [t, w] : terms)
            if (!signatures.get(t) || !signatures.get(w)) return false;
        return true;
    };
    std::vector<std::pair<uint32_t, float>> terms;
    TIDINGS_TRY(signatures.rewind());
    for (int64_t i = 0; i < added; ++i) {
        uint32_t index = 0;
        if (!read_signature(index, terms)) return spool_damaged();
        for (const auto& tw : terms) ++uses[tw.first];
    }
    Stmt rows;
    if (others > 0) {
        sorted_added.assign(rowids.begin(), rowids.begin() + added);
        std::sort(sorted_added.begin(), sorted_added.end());
        auto st = db.prepare("SELECT term, weight, article FROM article_terms");
        if (!st) return st.error();
        rows = std::move(st.value());
        for (;;) {
            auto row = rows.step();
            if (!row) return row.error();
            if (!row.value()) break;
            const uint32_t t = vocab.find(rows.column_text_view(0));
            if (t == TermVocabulary::kNone || uses[t] == 0) continue;
            if (std::binary_search(sorted_added.begin(), sorted_added.end(), rows.column_int(2))) continue;
            ++uses[t];
        }
        rows.reset();
    }
    begin.assign(vocab.size() + 1, 0);
    size_t total = 0;
    for (size_t t = 0; t < vocab.size(); ++t) {
        begin[t] = static_cast<uint32_t>(total);
        if (uses[t] >= 2) total += std::min<size_t>(uses[t], cap);
        if (total > kMaxPostingsInMemory) break;
    }
    if (total > kMaxPostingsInMemory) {
        in_memory = false;
        std::vector<uint32_t>().swap(begin);
        return {};
    }
    begin[vocab.size()] = static_cast<uint32_t>(total);
    std::vector<uint32_t>().swap(uses);
    postings.resize(total);
    fill.assign(vocab.size(), 0);
    auto worse_on_top = [this](const Posting& a, const Posting& b) { return better(a, b); };
    auto offer = [&](uint32_t t, Posting p) {
        Posting* slice = postings.data() + begin[t];
        const size_t room = begin[t + 1] - begin[t];
        if (room == 0) return;
        if (fill[t] < room) {
            slice[fill[t]++] = p;
            if (fill[t] == room) std::make_heap(slice, slice + room, worse_on_top);
        } else if (better(p, slice[0])) {
            std::pop_heap(slice, slice + room, worse_on_top);
            slice[room - 1] = p;
            std::push_heap(slice, slice + room, worse_on_top);
        }
    };
    TIDINGS_TRY(signatures.rewind());
    for (int64_t i = 0; i < added; ++i) {
        uint32_t index = 0;
        if (!read_signature(index, terms)) return spool_damaged();
        for (const auto& [t, w] : terms) offer(t, Posting{index, w});
    }
    if (others > 0) {
        std::unordered_map<int64_t, uint32_t> index_of; // other article's rowid -> index
        for (;;) {
            auto row = rows.step();
            if (!row) return row.error();
            if (!row.value()) break;
            const uint32_t t = vocab.find(rows.column_text_view(0));
            if (t == TermVocabulary::kNone || begin[t] == begin[t + 1]) continue;
            const int64_t rowid = rows.column_int(2);
            if (std::binary_search(sorted_added.begin(), sorted_added.end(), rowid)) continue;
            auto [it, fresh] = index_of.emplace(rowid, static_cast<uint32_t>(rowids.size()));
            if (fresh) rowids.push_back(rowid);
            offer(t, Posting{it->second, static_cast<float>(rows.column_double(1))});
        }
    }
    for (size_t t = 0; t < vocab.size(); ++t)
        std::sort(postings.begin() + begin[t], postings.begin() + begin[t] + fill[t],
                  [this](const Posting& a, const Posting& b) { return better(a, b); });
    return {};
}

Result<const std::vector<std::pair<int64_t, double>>*> RelatedBuilder::Impl::postings_from_sql(const TermVocabulary& vocab,
                                                                                              uint32_t term) {
    if (auto it = sql_postings.find(term); it != sql_postings.end()) return &it->second;
    TIDINGS_TRY(prepare(postings_sql, "SELECT article, weight FROM article_terms WHERE term = ? "
                                      "ORDER BY weight DESC, article LIMIT ?"));
    if (sql_postings_held > kMaxCachedSqlPostings) {
        sql_postings.clear();
        sql_postings_held = 0;
    }
    std::vector<std::pair<int64_t, double>> list;
    postings_sql.reset();
    postings_sql.bind(1, vocab.term(term)).bind(2, std::max(1, tuning.postings_per_term));
    for (;;) {
        auto row = postings_sql.step();
        if (!row) return row.error();
        if (!row.value()) break;
        list.emplace_back(postings_sql.column_int(0), postings_sql.column_double(1));
    }
    postings_sql.reset();
    sql_postings_held += list.size() + 1;
    return &sql_postings.emplace(term, std::move(list)).first->second;
}

// Each added article's list: the articles sharing its signature terms, scored by the sum of
// weight products over the shared terms (terms in text order, postings best first), the best
// few at or above the minimum score, ties by rowid.
Status RelatedBuilder::Impl::write_lists(const TermVocabulary& vocab, const std::string& channel,
                                         const std::function<Status()>& tick) {
    std::vector<double> score(in_memory ? rowids.size() : 0, 0.0);
    std::vector<uint32_t> stamp(in_memory ? rowids.size() : 0, 0); // article -> last list it scored in (1-based)
    std::vector<uint32_t> touched;
    std::unordered_map<int64_t, double> sql_score;
    std::vector<std::pair<uint32_t, float>> terms;
    std::vector<Match> best;
    TIDINGS_TRY(signatures.rewind());
    for (int64_t i = 0; i < added; ++i) {
        uint32_t index = 0;
        uint8_t replaced = 0, n = 0;
        if (!signatures.get(index) || !signatures.get(replaced) || !signatures.get(n)) return spool_damaged();
        terms.resize(n);
        for (auto& [t, w] : terms)
            if (!signatures.get(t) || !signatures.get(w)) return spool_damaged();
        std::sort(terms.begin(), terms.end(),
                  [&](const auto& a, const auto& b) { return vocab.term(a.first) < vocab.term(b.first); });
        const int64_t rowid = rowids[index];
        best.clear();
        if (in_memory) {
            touched.clear();
            for (const auto& [t, w] : terms) {
                for (uint32_t p = begin[t], end = begin[t] + fill[t]; p < end; ++p) {
                    const Posting& post = postings[p];
                    if (post.index == index) continue;
                    if (stamp[post.index] != static_cast<uint32_t>(i + 1)) {
                        stamp[post.index] = static_cast<uint32_t>(i + 1);
                        touched.push_back(post.index);
                    }
                    score[post.index] += static_cast<double>(w) * static_cast<double>(post.weight);
                }
            }
            for (uint32_t o : touched) {
                if (score[o] >= tuning.min_score) best.push_back(Match{score[o], rowids[o], o});
                score[o] = 0.0;
            }
        } else {
            sql_score.clear();
            for (const auto& [t, w] : terms) {
                auto list = postings_from_sql(vocab, t);
                if (!list) return list.error();
                for (const auto& [other, ow] : *list.value())
                    if (other != rowid) sql_score[other] += static_cast<double>(w) * ow;
            }
            for (const auto& [other, s] : sql_score)
                if (s >= tuning.min_score) best.push_back(Match{s, other, kNoIndex});
        }
        std::sort(best.begin(), best.end(), [](const Match& a, const Match& b) {
            return a.score != b.score ? a.score > b.score : a.rowid < b.rowid;
        });
        if (static_cast<int>(best.size()) > tuning.results) best.resize(static_cast<size_t>(std::max(0, tuning.results)));
        if (deferred) {
            // Deferred, every match is an added article (nothing else is in the library).
            TIDINGS_TRY(lists.put(index));
            TIDINGS_TRY(lists.put(replaced));
            TIDINGS_TRY(lists.put(static_cast<uint32_t>(best.size())));
            for (const Match& match : best) {
                TIDINGS_TRY(lists.put(match.index));
                TIDINGS_TRY(lists.put(match.score));
            }
        } else {
            TIDINGS_TRY(insert_list(rowid, replaced != 0, best, channel));
        }
        TIDINGS_TRY(tick());
    }
    return {};
}

// Replaces the computed list of ROWID (which had one before when REPLACED) with BEST.
Status RelatedBuilder::Impl::insert_list(int64_t rowid, bool replaced, const std::vector<Match>& best,
                                         const std::string& channel) {
    TIDINGS_TRY(prepare(del_list, "DELETE FROM related WHERE article = ? AND source = 'computed'"));
    TIDINGS_TRY(prepare(ins_known, "INSERT INTO related(article, source, list, position, target_channel, "
                                   "target_id, score) VALUES(?, 'computed', 'related', ?, ?, ?, ?)"));
    TIDINGS_TRY(prepare(ins_lookup, "INSERT INTO related(article, source, list, position, target_channel, "
                                    "target_id, score) SELECT ?, 'computed', 'related', ?, channel, id, ? "
                                    "FROM articles WHERE rowid = ?"));
    if (replaced) {
        del_list.reset();
        del_list.bind(1, rowid);
        TIDINGS_TRY(del_list.run());
    }
    int64_t position = 0;
    for (const Match& match : best) {
        if (match.index < added) {
            ins_known.reset();
            ins_known.bind(1, rowid).bind(2, position++).bind(3, channel).bind(4, id_of(match.index));
            ins_known.bind(5, match.score);
            TIDINGS_TRY(ins_known.run());
        } else {
            ins_lookup.reset();
            ins_lookup.bind(1, rowid).bind(2, position++).bind(3, match.score).bind(4, match.rowid);
            TIDINGS_TRY(ins_lookup.run());
        }
    }
    return {};
}

//-----------------------------------------------------------------------------
// [SECTION] RelatedBuilder: computing apart from writing
//-----------------------------------------------------------------------------

bool RelatedBuilder::can_compute_offline(const TermVocabulary& vocab, int64_t library_articles) const {
    const Impl& m = *impl_;
    // Every added article holds at most terms_per_article postings, so this bounds them all.
    const auto most_postings = static_cast<size_t>(m.added) * static_cast<size_t>(std::max(0, m.tuning.terms_per_article));
    return m.added > 0 && library_articles == m.added && m.tuning.bulk_from >= 0 && !vocab.overflowed() &&
           most_postings <= kMaxPostingsInMemory;
}

Status RelatedBuilder::compute_offline(const TermVocabulary& vocab, const std::atomic<bool>* stop) {
    Impl& m = *impl_;
    if (stop && stop->load(std::memory_order_relaxed)) return cancelled_error();
    m.deferred = true;
    m.total_docs = std::max<int64_t>(1, m.added);
    m.bulk = true;
    int64_t done = 0;
    const std::function<Status()> tick = [&]() -> Status {
        if (++done % 256 == 0 && stop && stop->load(std::memory_order_relaxed)) return cancelled_error();
        return {};
    };
    if (m.df.size() < vocab.size()) m.df.resize(vocab.size(), 0);
    TIDINGS_TRY(m.document_frequencies(vocab, 0));
    TIDINGS_TRY(m.write_signatures(vocab, tick));
    TIDINGS_TRY(m.build_postings(vocab, 0));
    if (!m.in_memory) return make_error(ErrorCode::Internal, "related lists: the posting lists did not fit in memory");
    return m.write_lists(vocab, std::string(), tick);
}

Status RelatedBuilder::write_computed(const TermVocabulary& vocab, const std::string& channel,
                                      const std::function<void(int64_t, int64_t)>& progress,
                                      const std::atomic<bool>* stop) {
    Impl& m = *impl_;
    if (!m.deferred) return make_error(ErrorCode::Internal, "related lists: write_computed() before compute_offline()");
    const int64_t steps = 2 * m.added;
    int64_t done = 0;
    auto tick = [&]() -> Status {
        if (++done % 256 == 0) {
            if (stop && stop->load(std::memory_order_relaxed)) return cancelled_error();
            if (progress) progress(done, steps);
        }
        return {};
    };
    TIDINGS_TRY(m.prepare(m.del_terms, "DELETE FROM article_terms WHERE article = ?"));
    std::vector<SignatureRow> batch;
    batch.reserve(std::min<size_t>(kSignatureBatch, static_cast<size_t>(m.added) * 16 + 16));
    TIDINGS_TRY(m.signatures.rewind());
    for (int64_t i = 0; i < m.added; ++i) {
        uint32_t index = 0;
        uint8_t replaced = 0, n = 0;
        if (!m.signatures.get(index) || !m.signatures.get(replaced) || !m.signatures.get(n)) return spool_damaged();
        const int64_t rowid = m.rowids[index];
        if (replaced) {
            m.del_terms.reset();
            m.del_terms.bind(1, rowid);
            TIDINGS_TRY(m.del_terms.run());
        }
        for (uint8_t k = 0; k < n; ++k) {
            SignatureRow row{0, 0.0f, rowid};
            if (!m.signatures.get(row.term) || !m.signatures.get(row.weight)) return spool_damaged();
            batch.push_back(row);
        }
        if (batch.size() >= kSignatureBatch) TIDINGS_TRY(m.insert_terms(vocab, batch));
        TIDINGS_TRY(tick());
    }
    TIDINGS_TRY(m.insert_terms(vocab, batch));
    TIDINGS_TRY(m.lists.rewind());
    std::vector<Match> best;
    for (int64_t i = 0; i < m.added; ++i) {
        uint32_t index = 0, count = 0;
        uint8_t replaced = 0;
        if (!m.lists.get(index) || !m.lists.get(replaced) || !m.lists.get(count)) return spool_damaged();
        best.clear();
        for (uint32_t k = 0; k < count; ++k) {
            Match match{0.0, 0, 0};
            if (!m.lists.get(match.index) || !m.lists.get(match.score) || match.index >= m.added) return spool_damaged();
            match.rowid = m.rowids[match.index];
            best.push_back(match);
        }
        TIDINGS_TRY(m.insert_list(m.rowids[index], replaced != 0, best, channel));
        TIDINGS_TRY(tick());
    }
    if (progress) progress(steps, steps);
    return {};
}

} // namespace tidings
