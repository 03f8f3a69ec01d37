// Synthetic news corpora for tests and benchmarks: deterministic full bundles in five languages.
#pragma once

#include "core/result.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tidings {

// What generate_corpus() makes. The same options always give the same bytes.
struct CorpusOptions {
    int64_t articles = 1000;        // articles on day 1 (sequence 1)
    uint64_t seed = 1;              // seed of the day-to-day changes (and of day 1 when base_seed is 0)
    uint64_t base_seed = 0;         // seed of the day-1 articles and photos; 0 means "same as seed"
    std::string channel = "synthetic"; // channel id
    std::string channel_title;      // channel name; empty gives "Synthetic news (CHANNEL)"
    int64_t sequence = 1;           // day number: 1 is the base corpus, K is it after K-1 days of changes
    double change_fraction = 0.01;  // share of articles edited on each day after the first
    int photo_pool = 200;           // distinct photos the articles share (1..10000)
    // Called now and then with the phase ("photos", "articles", "finishing"), done and total.
    std::function<void(const char* phase, int64_t done, int64_t total)> progress;
};

// What generate_corpus() wrote.
struct CorpusReport {
    int64_t articles = 0;      // articles in the bundle
    int64_t photos = 0;        // distinct photos in the bundle (only those some article shows)
    int64_t inline_photos = 0; // photo blocks inside bodies
    int64_t related = 0;       // publisher related entries
    int64_t edited = 0;        // articles in the bundle edited since day 1
    int64_t added = 0;         // articles in the bundle added after day 1
    int64_t withdrawn = 0;     // articles withdrawn on this day (listed in the bundle's withdrawn table)
    int64_t words = 0;         // words in titles, summaries and bodies
    int64_t bundle_bytes = 0;  // size of the finished file
    std::vector<std::pair<std::string, int64_t>> languages; // articles per language, in corpus order
};

// Writes a full bundle of a synthetic channel to OUT_PATH with BundleWriter. Day 1 holds
// OPTIONS.articles articles; each later day edits OPTIONS.change_fraction of them, adds about a
// quarter as many new ones and withdraws about a tenth as many, so consecutive sequences differ by
// a small delta. Errors: options out of range (Invalid), the file cannot be written (Io); nothing
// is left at OUT_PATH on error.
Result<CorpusReport> generate_corpus(const std::string& out_path, const CorpusOptions& options);

// The languages of generated corpora, in order: en, hy, az, ka, ru.
const std::vector<std::string>& corpus_languages();

// The word of LANGUAGE's vocabulary at frequency RANK (1 = most frequent). Ranks up to a few
// hundred are real words written for each language; above that the words are synthetic, made of
// the language's letters, with Zipf-law frequencies. Empty for an unknown language or rank.
std::string corpus_word(const std::string& language, int rank);

// How many words LANGUAGE's vocabulary has (0 for an unknown language).
int corpus_vocabulary_size(const std::string& language);

} // namespace tidings
