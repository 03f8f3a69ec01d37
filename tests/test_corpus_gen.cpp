// Tests for the corpus generator: determinism, five languages, valid bundles, day-2 deltas, search.
#include "test_support.h"

#include "core/bundle_apply.h"
#include "core/bundle_delta.h"
#include "core/bundle_reader.h"
#include "core/corpus_gen.h"
#include "core/library_search.h"
#include "core/search_text.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace tidings;
using namespace tidings::test;

namespace {

// A small corpus: few photos keep the test fast; everything else as the benchmark makes it.
CorpusOptions small(int64_t articles, uint64_t seed, int64_t sequence = 1) {
    CorpusOptions o;
    o.articles = articles;
    o.seed = seed;
    o.sequence = sequence;
    o.photo_pool = 6;
    o.channel = "corpus-test";
    return o;
}

// id -> content hash of every article of a bundle, read back through BundleReader.
std::map<std::string, std::string> article_hashes(const std::string& path) {
    auto r = BundleReader::open(path);
    REQUIRE(r.ok());
    std::map<std::string, std::string> out;
    REQUIRE(r->for_each_article([&](const BundleArticle& a) -> Status {
                  auto related = r->related_of(a.id);
                  if (!related) return related.error();
                  out[a.id] = article_content_hash(a, related.value());
                  return {};
              }).ok());
    return out;
}

size_t count_words(const std::string& text) {
    size_t n = 0;
    for_each_token(text, [&](std::string_view, size_t, size_t) { ++n; });
    return n;
}

} // namespace

TEST_CASE("the same options give byte-identical bundles", "[corpus]") {
    TempDir dir;
    auto a = generate_corpus(dir.file("a.tidings"), small(200, 42));
    auto b = generate_corpus(dir.file("b.tidings"), small(200, 42));
    auto c = generate_corpus(dir.file("c.tidings"), small(200, 43));
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(c.ok());
    CHECK(read_bytes(dir.file("a.tidings")) == read_bytes(dir.file("b.tidings")));
    CHECK(read_bytes(dir.file("a.tidings")) != read_bytes(dir.file("c.tidings")));
    CHECK(a->articles == 200);
    CHECK(a->words == b->words);
    CHECK_FALSE(std::filesystem::exists(dir.file("a.tidings.part")));
}

TEST_CASE("a corpus has five languages and realistic, valid articles", "[corpus]") {
    TempDir dir;
    const std::string path = dir.file("c.tidings");
    auto report = generate_corpus(path, small(200, 7));
    REQUIRE(report.ok());
    REQUIRE(report->languages.size() == 5);
    for (const auto& [code, n] : report->languages) {
        INFO(code);
        CHECK(n >= 20); // ~40 each
        CHECK(n <= 70);
    }
    CHECK(report->photos >= 1);
    CHECK(report->photos <= 6);

    auto r = BundleReader::open(path);
    REQUIRE(r.ok());
    CHECK(r->check_integrity().ok());
    CHECK(r->article_count() == 200);
    CHECK(r->header().channel == "corpus-test");
    CHECK(r->header().kind == BundleKind::Full);
    int64_t photos = 0;
    REQUIRE(r->for_each_photo([&](const BundlePhoto& p) -> Status {
                  ++photos;
                  CHECK(p.width >= 800);
                  CHECK(p.thumb_width <= 400);
                  CHECK(p.thumb_height <= 400);
                  return {};
              }).ok());
    CHECK(photos == report->photos);

    std::set<std::string> languages, kinds, sections;
    int heroes = 0, headings = 0, lists = 0, quotes = 0, inline_photos = 0, links = 0, emphasis = 0;
    int editors = 0, targets = 0, cards = 0;
    REQUIRE(r->for_each_article_by_date([&](const BundleArticle& a) -> Status {
                  languages.insert(a.language);
                  kinds.insert(a.kind);
                  sections.insert(a.section);
                  const size_t title_words = count_words(a.title);
                  CHECK(title_words >= 6);
                  CHECK(title_words <= 14);
                  const size_t summary_words = count_words(a.summary);
                  CHECK(summary_words >= 30);
                  CHECK(summary_words <= 60);
                  const size_t body_words = count_words(a.body);
                  CHECK(body_words >= 300);
                  CHECK(body_words <= 1800);
                  CHECK(!a.authors.empty());
                  CHECK(a.source_url.rfind("https://", 0) == 0);
                  CHECK(a.published >= "2023-01-01");
                  CHECK(a.published < "2026-01-02");
                  heroes += !a.photo.empty();
                  headings += a.body.find("\n## ") != std::string::npos;
                  lists += a.body.find("\n- ") != std::string::npos;
                  quotes += a.body.find("\n> ") != std::string::npos;
                  inline_photos += a.body.find("](photo:") != std::string::npos;
                  links += a.body.find("](https://example.org/") != std::string::npos;
                  emphasis += a.body.find(" *") != std::string::npos;
                  editors += (a.flags & ArticleEditorsChoice) != 0;
                  auto related = r->related_of(a.id);
                  if (!related) return related.error();
                  CHECK(related->size() <= 4);
                  for (const auto& e : related.value()) {
                      if (e.target_id.empty()) ++cards;
                      else ++targets;
                      CHECK(!e.title.empty());
                  }
                  return {};
              }).ok());
    CHECK(languages == std::set<std::string>{"az", "en", "hy", "ka", "ru"});
    CHECK(kinds == std::set<std::string>{"Analysis", "Interview", "News", "Opinion"});
    CHECK(sections.size() >= 20);
    CHECK(heroes > 100); // ~70%
    CHECK(heroes < 180);
    CHECK(headings > 10);
    CHECK(lists > 10);
    CHECK(quotes > 10);
    CHECK(inline_photos > 10);
    CHECK(links > 10);
    CHECK(emphasis > 10);
    CHECK(editors >= 1);
    CHECK(editors < 30);
    CHECK(targets > 50);
    CHECK(cards > 30);
}

TEST_CASE("vocabularies are large and word frequencies follow a Zipf law", "[corpus]") {
    CHECK(corpus_word("en", 1) == "the");
    CHECK(corpus_word("ru", 1) == "и");
    CHECK(corpus_word("hy", 1) == "և");
    CHECK(corpus_word("ka", 1) == "და");
    CHECK(corpus_word("az", 1) == "və");
    CHECK(corpus_word("xx", 1).empty());
    CHECK(corpus_word("en", 0).empty());
    for (const auto& lang : corpus_languages()) {
        INFO(lang);
        const int n = corpus_vocabulary_size(lang);
        CHECK(n >= 20'000);
        CHECK(!corpus_word(lang, n).empty());
        CHECK(corpus_word(lang, n + 1).empty());
        CHECK(is_valid_utf8(corpus_word(lang, n)));
    }
    // Synthetic words are distinct.
    std::set<std::string> seen;
    for (int rank = 1; rank <= corpus_vocabulary_size("ka"); ++rank) seen.insert(corpus_word("ka", rank));
    CHECK(static_cast<int>(seen.size()) == corpus_vocabulary_size("ka"));

    // In generated English text, rank 1 is ~10x as frequent as rank 20 and the long tail is used.
    TempDir dir;
    REQUIRE(generate_corpus(dir.file("z.tidings"), small(150, 3)).ok());
    auto r = BundleReader::open(dir.file("z.tidings"));
    REQUIRE(r.ok());
    std::map<std::string, int64_t> counts;
    int64_t total = 0;
    REQUIRE(r->for_each_article([&](const BundleArticle& a) -> Status {
                  if (a.language != "en") return {};
                  for_each_token(a.body, [&](std::string_view w, size_t, size_t) {
                      ++counts[std::string(w)];
                      ++total;
                  });
                  return {};
              }).ok());
    const double top = static_cast<double>(counts[corpus_word("en", 1)]);
    const double twentieth = static_cast<double>(counts[corpus_word("en", 20)]);
    CHECK(top / static_cast<double>(total) > 0.03);
    CHECK(top / std::max(1.0, twentieth) > 5);
    CHECK(top / std::max(1.0, twentieth) < 20);
    CHECK(counts.size() > 5'000);
}

TEST_CASE("day 2 changes about 1% and gives a small delta that applies", "[corpus]") {
    TempDir dir;
    const std::string day1 = dir.file("day1.tidings"), day2 = dir.file("day2.tidings");
    auto r1 = generate_corpus(day1, small(300, 11, 1));
    auto r2 = generate_corpus(day2, small(300, 11, 2));
    REQUIRE(r1.ok());
    REQUIRE(r2.ok());
    CHECK(r2->edited == 3);
    CHECK(r2->added == 1);
    CHECK(r2->withdrawn == 1);
    CHECK(r2->articles == 300);

    const auto h1 = article_hashes(day1), h2 = article_hashes(day2);
    int changed = 0, added = 0, removed = 0;
    for (const auto& [id, hash] : h2) {
        auto it = h1.find(id);
        if (it == h1.end()) ++added;
        else if (it->second != hash) ++changed;
    }
    for (const auto& [id, hash] : h1) removed += h2.count(id) == 0;
    CHECK(changed == 3);
    CHECK(added == 1);
    CHECK(removed == 1);

    auto delta = make_delta(day1, day2, dir.file("delta.tidings"));
    REQUIRE(delta.ok());
    CHECK(delta->changed == 4);
    CHECK(delta->withdrawn == 1);
    CHECK(delta->bytes < static_cast<int64_t>(std::filesystem::file_size(day1) / 10));

    auto lib = Library::open_memory();
    REQUIRE(lib.ok());
    auto a1 = apply_bundle(lib.value(), day1);
    REQUIRE(a1.ok());
    CHECK(a1->added == 300);
    auto a2 = apply_bundle(lib.value(), dir.file("delta.tidings"));
    REQUIRE(a2.ok());
    CHECK(a2->added == 1);
    CHECK(a2->updated == 3);
    CHECK(a2->removed == 1);
    CHECK(lib->article_count().value() == 300);

    // A later day from the same seed continues the same history.
    auto r3 = generate_corpus(dir.file("day3.tidings"), small(300, 11, 3));
    REQUIRE(r3.ok());
    CHECK(r3->edited >= 5);
    CHECK(apply_bundle(lib.value(), dir.file("day3.tidings")).ok());
}

TEST_CASE("a generated corpus applies to a library and is searchable in every language", "[corpus]") {
    TempDir dir;
    const std::string path = dir.file("s.tidings");
    REQUIRE(generate_corpus(path, small(200, 5)).ok());
    auto lib = Library::open_memory();
    REQUIRE(lib.ok());
    auto applied = apply_bundle(lib.value(), path);
    REQUIRE(applied.ok());
    CHECK(applied->added == 200);
    auto languages = lib->languages();
    REQUIRE(languages.ok());
    CHECK(languages->size() == 5);
    for (const auto& lang : corpus_languages()) {
        INFO(lang);
        for (int rank : {1, 2, 40}) {
            SearchOptions o;
            o.language = lang;
            o.prefix_last = false;
            auto r = search(lib.value(), corpus_word(lang, rank), o);
            REQUIRE(r.ok());
            CHECK(!r->hits.empty());
            for (const auto& h : r->hits) CHECK(h.card.language == lang);
        }
    }
    // Proper names written by hand, as people type them.
    for (const char* typed : {"Azərbaycan", "Тбилиси", "Երևան", "საქართველო", "Yerevan"}) {
        INFO(typed);
        auto r = search(lib.value(), typed);
        REQUIRE(r.ok());
        CHECK(!r->hits.empty());
    }
}

TEST_CASE("bad corpus options are refused with a message", "[corpus]") {
    TempDir dir;
    auto o = small(0, 1);
    auto r = generate_corpus(dir.file("x.tidings"), o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Invalid);
    o = small(10, 1);
    o.channel = "Bad Channel";
    r = generate_corpus(dir.file("x.tidings"), o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("channel") != std::string::npos);
    o = small(10, 1);
    o.change_fraction = 2;
    CHECK_FALSE(generate_corpus(dir.file("x.tidings"), o).ok());
    CHECK_FALSE(std::filesystem::exists(dir.file("x.tidings")));
}
