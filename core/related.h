// Related lists computed in the library: each article's most similar articles across channels.
//
// An article's signature is its strongest terms by tf-idf; two articles are similar when their
// signatures share rare terms. An apply computes it in three steps:
//   1. while the articles are read (any thread): ArticleAnalyzer tokenizes each article once and
//      keeps its candidate terms and distinct terms, numbered in a TermVocabulary;
//   2. while they are written (the library's thread): RelatedBuilder::add() records them;
//   3. after every article is written and indexed: RelatedBuilder::finish() weighs the candidates
//      by their document frequency, stores the signatures (article_terms) and the lists.
#pragma once

#include "core/result.h"
#include "core/search_text.h"
#include "core/sqlite_db.h"

#include <atomic>
#include <cstring>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tidings {

// Tuning of the similarity computation. Defaults are what the library uses.
struct RelatedTuning {
    int terms_per_article = 16;     // strongest terms kept per article (its signature)
    int candidate_terms = 48;       // most frequent terms whose rarity is looked up
    int postings_per_term = 64;     // best-weighted articles read per shared term
    int results = 6;                // computed entries kept per article
    double min_score = 0.04;        // weaker matches are not shown
    double max_doc_fraction = 0.2;  // terms in more than this share of articles are ignored (of the
                                    // articles in the same language, when it has 20 or more)
    // How, not what: every way gives the same lists. From this many added articles (or when the
    // library holds nothing else), posting lists are gathered in memory and document frequencies
    // come from the apply's own counts (or the whole search vocabulary); below, both are read per
    // term from the library. Negative: always per term.
    int64_t bulk_from = 2000;
    int64_t retokenize_others_up_to = 5000; // in bulk, other articles up to this many are tokenized
                                            // again for document frequencies
};

// Folded terms numbered from 0 in the order they were first seen. Strings live in one arena and
// the lookup table holds only numbers, so a vocabulary of 250,000 terms takes a few megabytes.
// Two caps bound it: past the soft cap only terms marked essential are added (and overflowed()
// turns true), past the hard cap nothing is. Not thread-safe: one thread adds terms at a time.
class TermVocabulary {
  public:
    static constexpr uint32_t kNone = 0xFFFFFFFFu; // "no such term" / "vocabulary full"

    // A vocabulary whose soft cap is MAX_TERMS terms or MAX_BYTES bytes of text; the hard cap is
    // twice that.
    explicit TermVocabulary(size_t max_terms = 1'000'000, size_t max_bytes = 16u << 20);

    // The number of TERM, added when new; kNone when it is new and the vocabulary is full (past
    // the soft cap for a term that is not ESSENTIAL, past the hard cap for any term).
    uint32_t intern(std::string_view term, bool essential);
    // intern() for many terms at once: IDS[i] gets the number of TERMS[i]; the first ESSENTIAL
    // terms are essential. Faster than one by one: the table is fetched for all terms before any
    // is compared, so memory latency overlaps.
    void intern_all(const std::vector<std::string_view>& terms, size_t essential, std::vector<uint32_t>& ids);
    // The number of TERM, or kNone when it is not in the vocabulary.
    uint32_t find(std::string_view term) const;
    // The text of term ID (an id this vocabulary gave out).
    std::string_view term(uint32_t id) const { return record_text(offsets_[id]); }
    size_t size() const { return offsets_.size(); }
    // True once a term was refused: document frequencies counted on it are incomplete.
    bool overflowed() const { return overflowed_; }

  private:
    // The arena holds one record per term: its id (4 bytes), its length (2 bytes), its bytes.
    std::string_view record_text(uint32_t at) const {
        uint16_t length;
        std::memcpy(&length, arena_.data() + at + 4, 2);
        return std::string_view(arena_.data() + at + 6, length);
    }
    uint32_t record_id(uint32_t at) const {
        uint32_t id;
        std::memcpy(&id, arena_.data() + at, 4);
        return id;
    }
    size_t probe(std::string_view term, uint32_t hash) const; // slot of TERM, or the empty slot for it
    uint32_t add(std::string_view term, uint32_t hash, size_t slot, bool essential);
    void grow();
    std::string arena_;              // term records back to back
    std::vector<uint32_t> offsets_;  // term id -> its record in arena_
    std::vector<uint64_t> slots_;    // open addressing: hash << 32 | (record offset + 1); 0 = empty
    size_t max_terms_;               // soft cap on terms
    size_t max_bytes_;               // soft cap on arena bytes
    bool overflowed_ = false;        // a term was refused
};

// What the related computation needs of one article, found by tokenizing its text once.
struct ArticleTermStats {
    std::vector<uint32_t> distinct; // every distinct term that may join a signature, for document
                                    // frequencies (terms the vocabulary refused are missing)
    std::vector<std::pair<uint32_t, uint32_t>> candidates; // (term, boosted frequency), strongest
                                    // first, ties by term: the terms whose rarity is weighed
};

// Tokenizes articles for their term statistics, reusing its scratch memory from one article to
// the next. One per thread.
class ArticleAnalyzer {
  public:
    explicit ArticleAnalyzer(RelatedTuning tuning = {});
    ~ArticleAnalyzer();
    ArticleAnalyzer(const ArticleAnalyzer&) = delete;
    ArticleAnalyzer& operator=(const ArticleAnalyzer&) = delete;

    // Fills OUT from the words of the article's title, summary and plain body text. Title words
    // count three times, summary words twice; words shorter than 3 bytes and numbers are left
    // out. Candidates are added to VOCABULARY as essential terms, the other terms as ordinary ones.
    void analyze(const TokenizedText& title, const TokenizedText& summary, const TokenizedText& body_text,
                 TermVocabulary& vocabulary, ArticleTermStats& out);

  private:
    struct Scratch;
    RelatedTuning tuning_;            // candidate count
    std::unique_ptr<Scratch> scratch_; // per-article term table, reused
};

// Computes related lists inside the caller's transaction for the articles added to it, and
// replaces their signatures (article_terms). Memory stays bounded: the per-article data goes to
// a temporary file, and only per-term tables (vocabulary sized) and capped posting lists are held.
class RelatedBuilder {
  public:
    RelatedBuilder(Db& db, RelatedTuning tuning = {});
    ~RelatedBuilder();
    RelatedBuilder(const RelatedBuilder&) = delete;
    RelatedBuilder& operator=(const RelatedBuilder&) = delete;

    // Records ARTICLE (rowid), new or changed in this transaction, with the statistics of its
    // text as it is now. ID is its id in CHANNEL (the apply's channel), LANGUAGE its language.
    // REPLACED: the article had a signature and a list before. Errors: the temporary file could
    // not be written.
    Status add(int64_t article, std::string_view id, std::string_view language, bool replaced,
               const ArticleTermStats& stats);
    // How many articles were added.
    int64_t count() const;

    // Computes the signature and the list of every added article. Call once, after all added
    // articles are written and indexed and withdrawn articles are gone. VOCABULARY is the one
    // the statistics were numbered in. PROGRESS (may be empty) gets (done, total); STOP (may be
    // null) cancels with ErrorCode::Cancelled.
    Status finish(const TermVocabulary& vocabulary, const std::string& channel,
                  const std::function<void(int64_t, int64_t)>& progress, const std::atomic<bool>* stop);

    // finish() in two halves, so that the computing can run on another thread while the
    // library's connection is busy with something else (an apply merges its search index then).
    // True when compute_offline() can do all of finish()'s computing without the library: it holds
    // only the added articles (LIBRARY_ARTICLES of them), the vocabulary is complete and the
    // posting lists fit in memory. Any other time, call finish().
    bool can_compute_offline(const TermVocabulary& vocabulary, int64_t library_articles) const;
    // Computes every signature and list, touching no database: the results wait in temporary
    // spools. Call once, on any thread, after can_compute_offline() said yes; nothing else may use
    // this builder meanwhile. STOP (may be null) cancels with ErrorCode::Cancelled.
    Status compute_offline(const TermVocabulary& vocabulary, const std::atomic<bool>* stop);
    // Writes what compute_offline() found, on the library's thread, inside the caller's
    // transaction: the same rows finish() writes. PROGRESS and STOP as for finish().
    Status write_computed(const TermVocabulary& vocabulary, const std::string& channel,
                          const std::function<void(int64_t, int64_t)>& progress, const std::atomic<bool>* stop);

    struct Impl; // spools, counts and statements (in related.cpp)

  private:
    std::unique_ptr<Impl> impl_; // the state
};

} // namespace tidings
