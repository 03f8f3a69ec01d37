// Related lists computed in the library: each article's most similar articles across channels.
#pragma once

#include "core/result.h"
#include "core/sqlite_db.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace tidings {

// Tuning of the similarity computation. Defaults are what the library uses.
struct RelatedTuning {
    int terms_per_article = 16;     // strongest terms kept per article (its signature)
    int candidate_terms = 48;       // most frequent terms whose rarity is looked up
    int postings_per_term = 64;     // best-weighted articles read per shared term
    int results = 6;                // computed entries kept per article
    double min_score = 0.04;        // weaker matches are not shown
    double max_doc_fraction = 0.2;  // terms in more than this share of articles are ignored
};

// Computes related lists inside the caller's transaction. Uses the library's search index for
// term rarity (so call it after the articles are indexed). Keeps a cache of term rarity for the
// life of the object; create one per apply.
class RelatedComputer {
  public:
    explicit RelatedComputer(Db& db, RelatedTuning tuning = {});

    // Recomputes ARTICLE's signature terms (article_terms). Call for every new or changed
    // article first, then compute_list() for each: so articles of one bundle see each other.
    Status update_terms(int64_t article);
    // Reads the rarity of every indexed term at once: cheaper than one lookup per term when many
    // articles are computed together (a large bundle). Memory grows with the vocabulary only.
    Status preload_vocabulary();
    // Replaces ARTICLE's computed related entries.
    Status compute_list(int64_t article);

  private:
    Result<int64_t> doc_frequency(const std::string& term);
    Db& db_;                                     // the library connection (not owned)
    RelatedTuning tuning_;                       // parameters
    int64_t total_docs_ = -1;                    // articles in the library, read once
    std::unordered_map<std::string, int64_t> df_cache_; // term -> documents containing it
    bool vocabulary_complete_ = false;           // df_cache_ holds every term (absent = 0)
    Stmt read_text_, df_, del_terms_, ins_term_, terms_of_, postings_, del_list_, ins_list_, key_of_;
};

} // namespace tidings
