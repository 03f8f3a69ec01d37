// Tests for computed related lists: the term vocabulary, and that every way of computing the
// lists (in memory, per term from the library, with other channels present) gives the same.
#include "test_support.h"

#include "core/bundle_apply.h"
#include "core/library_store.h"
#include "core/related.h"
#include "core/search_text.h"
#include "core/sqlite_db.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

using namespace tidings;
using namespace tidings::test;

namespace {

// A body of WORDS words drawn from a small topic vocabulary, so articles share rare terms.
std::string topic_body(int topic, int seed, int words) {
    static const char* const kTopics[][6] = {
        {"glacier", "meltwater", "moraine", "crevasse", "icefield", "snowpack"},
        {"vineyard", "harvest", "grapevine", "cellar", "vintage", "fermentation"},
        {"railway", "locomotive", "timetable", "platform", "carriage", "junction"},
        {"parliament", "coalition", "ballot", "referendum", "minister", "caucus"},
        {"orchestra", "symphony", "conductor", "overture", "violinist", "rehearsal"},
    };
    static const char* const kCommon[] = {"the", "and", "people", "said", "today", "region", "report", "year"};
    std::string body;
    uint32_t x = static_cast<uint32_t>(seed * 2654435761u + 12345u);
    for (int i = 0; i < words; ++i) {
        x = x * 1103515245u + 12345u;
        const uint32_t r = (x >> 16) & 0x7FFF;
        if (!body.empty()) body += ' ';
        body += r % 3 == 0 ? kTopics[topic % 5][r % 6] : kCommon[r % 8];
        if (r % 17 == 0) body += "s"; // a few variants
    }
    return body + ".";
}

// A full bundle of channel CHANNEL with N articles in five topics.
BundleSpec topic_bundle(const std::string& channel, int n, int first_seed) {
    BundleSpec s;
    s.header = make_header(channel, 1);
    for (int i = 0; i < n; ++i) {
        const int topic = i % 5;
        s.articles.push_back(make_article(channel + "-" + std::to_string(i), "Story " + std::to_string(i) + " " +
                                              topic_body(topic, first_seed + i, 3),
                                          "en", topic_body(topic, first_seed + i, 60),
                                          "2024-01-" + std::to_string(10 + i % 20)));
    }
    return s;
}

// The computed lists and signatures of the library, as comparable text.
std::string computed_state(Db& db) {
    std::string out;
    auto lists = db.prepare("SELECT article, position, target_channel, target_id, score FROM related "
                            "WHERE source = 'computed' ORDER BY article, position");
    REQUIRE(lists.ok());
    while (lists->step().value())
        out += std::to_string(lists->column_int(0)) + " " + std::to_string(lists->column_int(1)) + " " +
               lists->column_text(2) + "/" + lists->column_text(3) + " " + std::to_string(lists->column_double(4)) + "\n";
    auto terms = db.prepare("SELECT article, term, weight FROM article_terms ORDER BY article, term");
    REQUIRE(terms.ok());
    while (terms->step().value())
        out += std::to_string(terms->column_int(0)) + " " + terms->column_text(1) + " " +
               std::to_string(terms->column_double(2)) + "\n";
    return out;
}

// How recompute() runs the builder.
enum class Way { Finish, Offline };

// Recomputes the lists of CHANNEL's articles with TUNING inside a transaction that is rolled
// back, and returns what they were. Way::Offline computes apart from the library (on another
// thread, as an apply does while it merges the search index), then writes.
std::string recompute(Library& lib, const std::string& channel, RelatedTuning tuning, Way way = Way::Finish) {
    Db& db = lib.db();
    auto tx = Transaction::begin(db);
    REQUIRE(tx.ok());
    TermVocabulary vocab;
    ArticleAnalyzer analyzer(tuning);
    RelatedBuilder builder(db, tuning);
    auto st = db.prepare(
        "SELECT a.rowid, a.id, a.title, a.summary, t.body_text, a.language FROM articles a "
        "JOIN article_text t ON t.article = a.rowid WHERE a.channel = ? ORDER BY a.rowid");
    REQUIRE(st.ok());
    st->bind(1, channel);
    TokenizedText words[3];
    ArticleTermStats stats;
    while (st->step().value()) {
        for (int i = 0; i < 3; ++i) words[i].assign(st->column_text_view(2 + i));
        analyzer.analyze(words[0], words[1], words[2], vocab, stats);
        REQUIRE(builder.add(st->column_int(0), st->column_text_view(1), st->column_text_view(5), true, stats).ok());
    }
    Status s;
    if (way == Way::Offline) {
        auto n = query_int(db, "SELECT count(*) FROM articles");
        REQUIRE(n.ok());
        REQUIRE(builder.can_compute_offline(vocab, n.value().value_or(0)));
        std::thread worker([&] { s = builder.compute_offline(vocab, nullptr); });
        worker.join();
        if (s.ok()) s = builder.write_computed(vocab, channel, {}, nullptr);
    } else {
        s = builder.finish(vocab, channel, {}, nullptr);
    }
    INFO((s.ok() ? std::string() : s.error().message));
    REQUIRE(s.ok());
    return computed_state(db); // the transaction rolls back here
}

} // namespace

TEST_CASE("the term vocabulary numbers terms in order and keeps to its caps", "[related]") {
    TermVocabulary vocab(3, 1000);
    CHECK(vocab.intern("alpha", false) == 0);
    CHECK(vocab.intern("beta", false) == 1);
    CHECK(vocab.intern("alpha", false) == 0);
    CHECK(vocab.find("beta") == 1);
    CHECK(vocab.find("gamma") == TermVocabulary::kNone);
    CHECK(vocab.term(1) == "beta");
    CHECK(vocab.intern("gamma", false) == 2);
    CHECK_FALSE(vocab.overflowed());
    // Past the soft cap only essential terms get in, up to twice the cap.
    CHECK(vocab.intern("delta", false) == TermVocabulary::kNone);
    CHECK(vocab.overflowed());
    CHECK(vocab.intern("delta", true) == 3);
    CHECK(vocab.intern("epsilon", true) == 4);
    CHECK(vocab.intern("zeta", true) == 5);
    CHECK(vocab.intern("eta", true) == TermVocabulary::kNone);
    CHECK(vocab.size() == 6);
    // Many terms: the table grows and every term keeps its number; intern_all agrees.
    TermVocabulary big;
    std::vector<std::string> names;
    for (int i = 0; i < 5000; ++i) names.push_back("term" + std::to_string(i * 7919));
    for (size_t i = 0; i < names.size(); ++i) REQUIRE(big.intern(names[i], false) == i);
    std::vector<std::string_view> views(names.begin(), names.end());
    views.push_back("fresh");
    std::vector<uint32_t> ids;
    big.intern_all(views, 0, ids);
    REQUIRE(ids.size() == views.size());
    for (size_t i = 0; i < names.size(); ++i) REQUIRE(ids[i] == i);
    CHECK(ids.back() == 5000);
    CHECK(big.term(5000) == "fresh");
}

TEST_CASE("computed lists are the same however they are computed", "[related]") {
    TempDir dir;
    write_bundle(dir.file("a.tidings"), topic_bundle("alpha", 60, 1));
    write_bundle(dir.file("b.tidings"), topic_bundle("beta", 25, 1000));
    auto lib = Library::open(dir.file("lib.db"));
    REQUIRE(lib.ok());
    ApplyOptions unsigned_ok;
    REQUIRE(apply_bundle(lib.value(), dir.file("a.tidings"), unsigned_ok).ok());
    const std::string applied = computed_state(lib->db());
    REQUIRE_FALSE(applied.empty());

    RelatedTuning in_memory;
    in_memory.bulk_from = 0;
    RelatedTuning per_term;
    per_term.bulk_from = -1;
    // The library holds only this channel: the apply's own counts.
    CHECK(recompute(lib.value(), "alpha", in_memory) == applied);
    CHECK(recompute(lib.value(), "alpha", per_term) == applied);
    CHECK(recompute(lib.value(), "alpha", in_memory, Way::Offline) == applied);

    // With another channel in the library, its articles count for rarity and can be listed.
    REQUIRE(apply_bundle(lib.value(), dir.file("b.tidings"), unsigned_ok).ok());
    RelatedTuning vocabulary_scan = in_memory;
    vocabulary_scan.retokenize_others_up_to = 0;
    const std::string by_terms = recompute(lib.value(), "alpha", per_term);
    CHECK(recompute(lib.value(), "alpha", in_memory) == by_terms);       // other articles tokenized again
    CHECK(recompute(lib.value(), "alpha", vocabulary_scan) == by_terms); // the whole search vocabulary read
    CHECK(by_terms.find("beta/beta-") != std::string::npos);            // lists reach the other channel
    {
        // With other articles in the library, the lists need it: not computed apart.
        TermVocabulary vocab;
        RelatedBuilder builder(lib->db());
        ArticleTermStats stats;
        REQUIRE(builder.add(1, "alpha-1", "en", true, stats).ok());
        CHECK_FALSE(builder.can_compute_offline(vocab, 85));
        CHECK(builder.can_compute_offline(vocab, 1));
        std::atomic<bool> stop{true};
        Status s = builder.compute_offline(vocab, &stop);
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == ErrorCode::Cancelled);
    }

    // Articles a later full bundle no longer holds take their signatures with them.
    BundleSpec fewer = topic_bundle("alpha", 40, 1);
    fewer.header.sequence = 2;
    write_bundle(dir.file("a2.tidings"), fewer);
    auto report = apply_bundle(lib.value(), dir.file("a2.tidings"), unsigned_ok);
    REQUIRE(report.ok());
    CHECK(report->removed == 20);
    auto orphans = query_int(lib->db(), "SELECT count(*) FROM article_terms WHERE article NOT IN (SELECT rowid FROM articles)");
    REQUIRE(orphans.ok());
    CHECK(orphans.value().value_or(-1) == 0);
    auto kept = query_int(lib->db(), "SELECT count(DISTINCT article) FROM article_terms");
    REQUIRE(kept.ok());
    CHECK(kept.value().value_or(0) == 65);
}

TEST_CASE("a large apply indexes in bulk and leaves a sound search index", "[related][apply]") {
    TempDir dir;
    write_bundle(dir.file("big.tidings"), topic_bundle("big", 2100, 7));
    auto lib = Library::open(dir.file("lib.db"));
    REQUIRE(lib.ok());
    auto report = apply_bundle(lib.value(), dir.file("big.tidings"));
    INFO((report.ok() ? std::string() : report.error().message));
    REQUIRE(report.ok());
    CHECK(report->added == 2100);
    // The index matches the articles, and FTS5's settings are back to what they were.
    CHECK(lib->db().exec("INSERT INTO article_fts(article_fts, rank) VALUES('integrity-check', 1)").ok());
    auto automerge = query_int(lib->db(), "SELECT v FROM article_fts_config WHERE k = 'automerge'");
    REQUIRE(automerge.ok());
    CHECK(automerge.value().value_or(0) == 16); // the library's own setting (schema 4), not the apply's 0
    auto hits = query_int(lib->db(), "SELECT count(*) FROM article_fts WHERE article_fts MATCH 'glacier'");
    REQUIRE(hits.ok());
    CHECK(hits.value().value_or(0) > 380); // topic 0 is 420 articles, nearly all with the word
    CHECK(hits.value().value_or(0) <= 420);
    // Every article got a list, and the lists pair articles of the same topic.
    auto listed = query_int(lib->db(), "SELECT count(DISTINCT article) FROM related WHERE source = 'computed'");
    REQUIRE(listed.ok());
    CHECK(listed.value().value_or(0) == 2100);
    auto off_topic = query_int(lib->db(),
                               "SELECT count(*) FROM related r JOIN articles a ON a.rowid = r.article "
                               "JOIN articles t ON t.channel = r.target_channel AND t.id = r.target_id "
                               "WHERE r.source = 'computed' AND CAST(substr(a.id, 5) AS INTEGER) % 5 != "
                               "CAST(substr(t.id, 5) AS INTEGER) % 5");
    REQUIRE(off_topic.ok());
    CHECK(off_topic.value().value_or(-1) == 0);
}

TEST_CASE("a language's own common words are judged among its articles, not the whole library", "[related]") {
    TempDir dir;
    auto lib = Library::open(dir.file("lib.db"));
    REQUIRE(lib.ok());
    write_bundle(dir.file("en.tidings"), topic_bundle("en", 200, 1));
    REQUIRE(apply_bundle(lib.value(), dir.file("en.tidings")).ok());

    // 25 Georgian articles (one in nine of the library): "და", "არის" and "რომ" in every one,
    // and words of one of six topics.
    static const char* const kTopics[][4] = {
        {"მყინვარი", "თოვლი", "ყინული", "მწვერვალი"}, {"ვენახი", "ღვინო", "მოსავალი", "მარანი"},
        {"მატარებელი", "სადგური", "ლიანდაგი", "ვაგონი"}, {"პარლამენტი", "არჩევნები", "მინისტრი", "კოალიცია"},
        {"ორკესტრი", "სიმფონია", "დირიჟორი", "ვიოლინო"}, {"ნავსადგური", "გემი", "ტვირთი", "ნაპირი"}};
    static const char* const kCommon[] = {"და", "არის", "რომ"};
    BundleSpec s;
    s.header = make_header("ka", 1);
    for (int i = 0; i < 25; ++i) {
        std::string body;
        uint32_t x = static_cast<uint32_t>(i * 2654435761u + 7u);
        for (int w = 0; w < 80; ++w) {
            x = x * 1103515245u + 12345u;
            const uint32_t r = (x >> 16) & 0x7FFF;
            if (!body.empty()) body += ' ';
            body += r % 2 == 0 ? kCommon[r % 3] : kTopics[i % 6][(r / 2) % 4];
        }
        std::string id = "ka-";
        id += std::to_string(i);
        s.articles.push_back(make_article(id, "ამბავი", "ka", body, "2024-02-01"));
    }
    write_bundle(dir.file("ka.tidings"), s);
    REQUIRE(apply_bundle(lib.value(), dir.file("ka.tidings")).ok());

    Db& db = lib->db();
    auto stop = db.prepare("SELECT count(*) FROM article_terms WHERE term IN ('და', 'არის', 'რომ')");
    REQUIRE(stop.ok());
    REQUIRE(stop->step().value());
    CHECK(stop->column_int(0) == 0); // in 11% of the library, but in every Georgian article
    auto topic = db.prepare("SELECT count(*) FROM article_terms t JOIN articles a ON a.rowid = t.article "
                            "WHERE a.language = 'ka' AND t.term IN ('მყინვარი', 'ვენახი', 'სადგური', 'მინისტრი', "
                            "'ორკესტრი', 'გემი')");
    REQUIRE(topic.ok());
    REQUIRE(topic->step().value());
    CHECK(topic->column_int(0) >= 20); // the topics' words still make the signatures
    // Each Georgian article's computed list holds articles of its own topic only.
    auto lists = db.prepare("SELECT a.id, r.target_id FROM related r JOIN articles a ON a.rowid = r.article "
                            "WHERE r.source = 'computed' AND a.channel = 'ka'");
    REQUIRE(lists.ok());
    int entries = 0;
    while (lists->step().value()) {
        const int from = std::stoi(lists->column_text(0).substr(3));
        const std::string to = lists->column_text(1);
        REQUIRE(to.rfind("ka-", 0) == 0);
        CHECK(std::stoi(to.substr(3)) % 6 == from % 6);
        ++entries;
    }
    CHECK(entries >= 25);
}
