// Tests for the library: migrations, apply / re-apply / refusals / deltas / withdrawn, crash safety.
#include "test_support.h"

#include "core/bundle_apply.h"
#include "core/bundle_delta.h"
#include "core/bundle_reader.h"
#include "core/corpus_gen.h"
#include "core/library_search.h"
#include "core/library_store.h"
#include "core/sqlite_db.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <set>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

using namespace tidings;
using namespace tidings::test;

namespace {

// Day 1 of a channel: three articles sharing a photo, one with a related card.
BundleSpec day1(const std::string& channel = "daily") {
    BundleSpec s;
    s.header = make_header(channel, 1);
    BundlePhoto shared = make_photo(7);
    BundleArticle a = make_article("one", "First story about mountains", "en", "Mountains and rivers.", "2024-01-01");
    a.photo = shared.hash;
    BundleArticle b = make_article("two", "Second story about rivers", "en", "Rivers and lakes.", "2024-01-02");
    b.photo = shared.hash;
    b.flags = ArticleEditorsChoice;
    BundleArticle c = make_article("three", "Третья история", "ru", "Реки и озёра.", "2024-01-03");
    s.articles = {a, b, c};
    s.related = {{{"", "related", 0, "", "News", "Card outside the bundle", "Card summary"},
                  {"", "related", 1, "two", "", "", ""}}};
    s.photos = {shared};
    return s;
}

// Day 2: "one" changed, "three" withdrawn, "four" new with a new photo.
BundleSpec day2(const std::string& channel = "daily") {
    BundleSpec s = day1(channel);
    s.header.sequence = 2;
    s.header.created = "2026-01-02T00:00:00Z";
    s.articles[0].title = "First story about mountains, updated";
    s.articles.erase(s.articles.begin() + 2);
    BundlePhoto fresh = make_photo(8);
    BundleArticle d = make_article("four", "Fourth story", "en", "Brand new.\n\n![Lake](photo:" + fresh.hash + ")", "2024-01-04");
    s.articles.push_back(d);
    s.photos.push_back(fresh);
    return s;
}

int64_t count(Library& lib, const std::string& sql) {
    auto n = query_int(lib.db(), sql);
    REQUIRE(n.ok());
    return n.value().value_or(-1);
}

} // namespace

TEST_CASE("a statically bound text is stored as it was and unbound by reset", "[library][sqlite]") {
    auto db = Db::open(":memory:", OpenMode::ReadWrite);
    REQUIRE(db.ok());
    REQUIRE(db->exec("CREATE TABLE t(x)").ok());
    auto ins = db->prepare("INSERT INTO t(x) VALUES(?)");
    REQUIRE(ins.ok());
    std::string text(20000, 'a');
    ins->bind_static(1, text);
    REQUIRE(ins->run().ok());
    ins->reset();
    text.assign(20000, 'b'); // the caller may change its buffer once the statement was reset
    REQUIRE(ins->run().ok()); // unbound: NULL
    auto rows = db->prepare("SELECT x, typeof(x) FROM t ORDER BY rowid");
    REQUIRE(rows.ok());
    REQUIRE(rows->step().value());
    CHECK(rows->column_text(0) == std::string(20000, 'a'));
    REQUIRE(rows->step().value());
    CHECK(rows->column_text(1) == "null");
}

TEST_CASE("a new library is created in WAL mode with the current schema", "[library]") {
    TempDir dir;
    const std::string path = dir.file("lib.db");
    {
        auto lib = Library::open(path);
        REQUIRE(lib.ok());
        auto mode = lib->db().prepare("PRAGMA journal_mode");
        REQUIRE(mode.ok());
        REQUIRE(mode->step().value());
        CHECK(mode->column_text(0) == "wal");
        CHECK(count(lib.value(), "PRAGMA user_version") == library_schema_version());
    }
    auto again = Library::open(path);
    REQUIRE(again.ok());
    CHECK(count(again.value(), "SELECT count(*) FROM articles") == 0);
}

namespace {

// Turns LIB (the current schema) into the shape schema 4 left: each body's plain text stored in
// articles.body_text and the search index reading its text from there. With VERSION 2, also
// without the search index settings of steps 3 and 4. The stored text ends in a word the body
// does not hold ("stalemate"), so an index not rebuilt from the body would still find it.
void make_old_schema(Library& lib, int version) {
    REQUIRE(lib.db()
                .exec("DROP TABLE article_vocab; DROP TABLE article_fts; DROP VIEW article_text; "
                      "UPDATE articles SET body_text = tidings_body_text(body) || ' stalemate'; "
                      "CREATE VIRTUAL TABLE article_fts USING fts5(title, summary, body_text, "
                      "content='articles', "
                      "content_rowid='rowid', tokenize='tidings'); "
                      "INSERT INTO article_fts(article_fts, rank) VALUES('pgsz', 16000); "
                      "INSERT INTO article_fts(article_fts, rank) VALUES('automerge', 16); "
                      "INSERT INTO article_fts(article_fts) VALUES('rebuild'); "
                      "CREATE VIRTUAL TABLE article_vocab USING fts5vocab(article_fts, 'row');")
                .ok());
    if (version == 2)
        REQUIRE(
            lib.db().exec("DELETE FROM article_fts_config WHERE k IN ('pgsz', 'automerge')").ok());
    REQUIRE(lib.db().exec("PRAGMA user_version = " + std::to_string(version)).ok());
}

} // namespace

TEST_CASE("an older library is migrated: the body's text is no longer stored, the index is rebuilt "
          "from the view",
          "[library]") {
    const int version = GENERATE(2, 4);
    INFO("from schema " << version);
    TempDir dir;
    const std::string path = dir.file("lib.db");
    write_bundle(dir.file("d1.tidings"), day1());
    write_bundle(dir.file("d2.tidings"), day2());
    const char* const queries[] = {"rivers", "mountains", "lakes", "озёра", "summary"};
    std::vector<int64_t> before;
    {
        auto lib = Library::open(path);
        REQUIRE(lib.ok());
        REQUIRE(apply_bundle(lib.value(), dir.file("d1.tidings")).ok());
        make_old_schema(lib.value(), version);
        CHECK(count(lib.value(), "SELECT count(*) FROM articles WHERE body_text <> ''") == 3);
        CHECK(count(lib.value(),
                    "SELECT count(*) FROM article_fts WHERE article_fts MATCH 'stalemate'") == 3);
        for (const char* q : queries) {
            auto r = search(lib.value(), q);
            REQUIRE(r.ok());
            before.push_back(static_cast<int64_t>(r->hits.size()));
        }
    }
    CHECK(before == std::vector<int64_t>{2, 1, 1, 1, 3});
    std::vector<std::pair<int, int>> told; // what Library::open said it would migrate
    auto lib = Library::open(path, [&](int from, int to) { told.emplace_back(from, to); });
    REQUIRE(lib.ok());
    CHECK(told == std::vector<std::pair<int, int>>{{version, library_schema_version()}});
    CHECK(count(lib.value(), "PRAGMA user_version") == library_schema_version());
    CHECK(count(lib.value(), "SELECT count(*) FROM articles WHERE body_text <> ''") == 0);
    CHECK(count(lib.value(),
                "SELECT count(*) FROM article_fts WHERE article_fts MATCH 'stalemate'") == 0);
    CHECK(count(lib.value(), "SELECT v FROM article_fts_config WHERE k = 'pgsz'") == 16000);
    CHECK(count(lib.value(), "SELECT v FROM article_fts_config WHERE k = 'automerge'") == 16);
    // The index holds what the view gives, and finds and shows what it found before.
    REQUIRE(lib->db()
                .exec("INSERT INTO article_fts(article_fts, rank) VALUES('integrity-check', 1)")
                .ok());
    for (size_t i = 0; i < std::size(queries); ++i) {
        auto r = search(lib.value(), queries[i]);
        REQUIRE(r.ok());
        CHECK(static_cast<int64_t>(r->hits.size()) == before[i]);
    }
    auto lakes = search(lib.value(), "lakes");
    REQUIRE(lakes.ok());
    REQUIRE(lakes->hits.size() == 1);
    CHECK(lakes->hits[0].snippet == "Rivers and \x02lakes\x03.");
    // Day 2 changes "one" (its old words are removed by the view's text), withdraws "three".
    REQUIRE(apply_bundle(lib.value(), dir.file("d2.tidings")).ok());
    REQUIRE(lib->db()
                .exec("INSERT INTO article_fts(article_fts, rank) VALUES('integrity-check', 1)")
                .ok());
    CHECK(count(lib.value(), "SELECT count(*) FROM article_fts WHERE article_fts MATCH 'rivers'") == 2);
    CHECK(count(lib.value(), "SELECT count(*) FROM article_fts WHERE article_fts MATCH 'fourth'") == 1);
    CHECK(count(lib.value(), "SELECT count(*) FROM article_fts WHERE article_fts MATCH 'updated'") == 1);
    CHECK(count(lib.value(), "SELECT count(*) FROM article_fts WHERE article_fts MATCH 'озёра'") ==
          0);
    CHECK(count(lib.value(), "SELECT count(*) FROM articles WHERE body_text <> ''") == 0);
    // Up to date, and a new library: nothing to say.
    told.clear();
    REQUIRE(Library::open(path, [&](int from, int to) { told.emplace_back(from, to); }).ok());
    REQUIRE(Library::open(dir.file("new.db"), [&](int from, int to) {
                told.emplace_back(from, to);
            }).ok());
    CHECK(told.empty());
}

TEST_CASE(
    "the body's text is not stored: the search index reads it through the view, from the Markdown",
    "[library][search]") {
    TempDir dir;
    BundleSpec s = day1();
    s.articles[0].body = "Mountains and **rivers**, see [the "
                         "map](https://example.org/glaciers).\n\n<b>hidden</b> words";
    write_bundle(dir.file("d1.tidings"), s);
    auto lib = Library::open(dir.file("lib.db"));
    REQUIRE(lib.ok());
    // The view calls an application function: with schema settings untrusted, SQLite allows that
    // only for a function declared innocuous.
    REQUIRE(lib->db().exec("PRAGMA trusted_schema=OFF").ok());
    REQUIRE(apply_bundle(lib.value(), dir.file("d1.tidings")).ok());
    CHECK(count(lib.value(), "SELECT count(*) FROM articles WHERE body_text <> ''") == 0);
    auto text = lib->db().prepare("SELECT body_text FROM article_text WHERE article = "
                                  "(SELECT rowid FROM articles WHERE id = 'one')");
    REQUIRE(text.ok());
    REQUIRE(text->step().value());
    const std::string body_text = text->column_text(0);
    CHECK(body_text.find("Mountains and rivers, see the map.") != std::string::npos);
    CHECK(body_text.find("**") == std::string::npos);
    CHECK(body_text.find("hidden words") != std::string::npos); // raw HTML: tags dropped, text kept
    CHECK(body_text.find("<b>") == std::string::npos);
    // Indexed as the reader sees it: words of the text, not of the markup or link targets.
    CHECK(count(lib.value(), "SELECT count(*) FROM article_fts WHERE article_fts MATCH 'map'") ==
          1);
    CHECK(count(lib.value(),
                "SELECT count(*) FROM article_fts WHERE article_fts MATCH 'glaciers'") == 0);
    CHECK(count(lib.value(), "SELECT count(*) FROM article_fts WHERE article_fts MATCH 'b'") == 0);
    REQUIRE(lib->db()
                .exec("INSERT INTO article_fts(article_fts, rank) VALUES('integrity-check', 1)")
                .ok());
    auto r = search(lib.value(), "map");
    REQUIRE(r.ok());
    REQUIRE(r->hits.size() == 1);
    CHECK(r->hits[0].snippet.find("see the \x02map\x03") != std::string::npos);
    // The integrity check compares the index with the view's text: a body changed behind the
    // index's back fails it.
    REQUIRE(
        lib->db().exec("UPDATE articles SET body = 'Other words entirely' WHERE id = 'one'").ok());
    CHECK_FALSE(lib->db()
                    .exec("INSERT INTO article_fts(article_fts, rank) VALUES('integrity-check', 1)")
                    .ok());
}

TEST_CASE("the body text the search index holds is pinned: a change to it needs a migration",
          "[library][search]") {
    // The index holds the words of tidings_body_text(body), and removes an article's words by
    // asking the view for that text again. If what the function gives for a body changed, libraries
    // indexed before would remove other words than they hold. A change that makes this test fail
    // needs a new migration that rebuilds article_fts (see migration 5 in library_store.cpp).
    auto lib = Library::open_memory();
    REQUIRE(lib.ok());
    auto st = lib->db().prepare(
        "SELECT tidings_body_text(?1), tidings_body_text(''), tidings_body_text(NULL)");
    REQUIRE(st.ok());
    st->bind(
        1, std::string(
               "# Talks resume\n\nThe *foreign* ministers met in **Tbilisi** &mdash; see "
               "[the statement](https://example.org/s).\n\n- Armenia: Երևան\n- Georgia: თბილისი\n\n"
               "> A quote, with <b>markup</b>.\n\n![Caption of the photo](photo:" +
               std::string(64, 'a') + ")\n\nLast paragraph."));
    REQUIRE(st->step().value());
    CHECK(st->column_text(0) ==
          "Talks resume\n\nThe foreign ministers met in Tbilisi — see the statement.\n\n"
          "Armenia: Երևան\nGeorgia: თბილისი\n\nA quote, with markup.\n\nCaption of the photo\n\n"
          "Last paragraph.");
    CHECK(st->column_text(1).empty());
    CHECK(st->column_text(2).empty());
}

namespace {

// The number of segments in the search index, from FTS5's structure record (row 10 of
// article_fts_data: a 4-byte cookie, then varints: levels, segments, ...).
int64_t index_segments(Library& lib) {
    auto st = lib.db().prepare("SELECT block FROM article_fts_data WHERE id = 10");
    REQUIRE(st.ok());
    REQUIRE(st->step().value());
    const std::vector<uint8_t> b = st->column_blob(0);
    size_t i = 4;
    auto varint = [&]() {
        int64_t v = 0;
        for (int k = 0; k < 9 && i < b.size(); ++k) {
            const uint8_t c = b[i++];
            if (k == 8) return (v << 8) | c;
            v = (v << 7) | (c & 0x7f);
            if (!(c & 0x80)) break;
        }
        return v;
    };
    varint(); // levels
    return varint();
}

} // namespace

TEST_CASE("a delta's search index writes share segments, not one per changed article", "[library][apply]") {
    // FTS5 writes its in-memory term table out at every statement savepoint and whenever a rowid
    // is lower than the last: written between the other statements of each changed article, a
    // delta's index became a segment per article, and merging those rewrote the whole index.
    TempDir dir;
    CorpusOptions o;
    o.articles = 400;
    o.seed = 5;
    o.photo_pool = 5;
    REQUIRE(generate_corpus(dir.file("d1.tidings"), o).ok());
    o.sequence = 2;
    o.change_fraction = 0.5;
    REQUIRE(generate_corpus(dir.file("d2.tidings"), o).ok());
    REQUIRE(make_delta(dir.file("d1.tidings"), dir.file("d2.tidings"), dir.file("delta.tidings")).ok());
    auto lib = Library::open(dir.file("lib.db"));
    REQUIRE(lib.ok());
    REQUIRE(apply_bundle(lib.value(), dir.file("d1.tidings")).ok());
    // No merging, so each segment the delta adds is one write-out of FTS5's term table.
    REQUIRE(lib->db().exec("INSERT INTO article_fts(article_fts, rank) VALUES('automerge', 0); "
                           "INSERT INTO article_fts(article_fts, rank) VALUES('crisismerge', 1999)").ok());
    const int64_t before = index_segments(lib.value());
    auto report = apply_bundle(lib.value(), dir.file("delta.tidings"));
    REQUIRE(report.ok());
    CHECK(report->updated >= 150);
    CHECK(report->removed >= 10);
    const int64_t added = index_segments(lib.value()) - before;
    INFO("segments the delta added: " << added);
    CHECK(added <= 12); // the term table's size (1 MB) decides, not the number of articles
    CHECK(lib->db().exec("INSERT INTO article_fts(article_fts, rank) VALUES('integrity-check', 1)").ok());
    // References are still whole: the apply keeps them itself while enforcement is off.
    CHECK(count(lib.value(), "PRAGMA foreign_keys") == 1);
    CHECK(count(lib.value(), "SELECT count(*) FROM pragma_foreign_key_check") == 0);
    CHECK(count(lib.value(), "SELECT count(*) FROM related WHERE article NOT IN (SELECT rowid FROM articles)") == 0);
    CHECK(count(lib.value(), "SELECT count(*) FROM article_photos WHERE article NOT IN (SELECT rowid FROM articles)") == 0);
}

TEST_CASE("a library from a newer Tidings or another program is refused", "[library]") {
    TempDir dir;
    const std::string path = dir.file("lib.db");
    {
        auto lib = Library::open(path);
        REQUIRE(lib.ok());
        REQUIRE(lib->db().exec("PRAGMA user_version = 99").ok());
    }
    auto newer = Library::open(path);
    REQUIRE_FALSE(newer.ok());
    CHECK(newer.error().code == ErrorCode::TooNew);
    CHECK(newer.error().message.find("newer Tidings") != std::string::npos);
    CHECK(newer.error().message.find("lib.db") != std::string::npos);

    {
        auto db = Db::open(dir.file("other.db"), OpenMode::ReadWrite);
        REQUIRE(db.ok());
        REQUIRE(db->exec("CREATE TABLE notes(x)").ok());
    }
    auto other = Library::open(dir.file("other.db"));
    REQUIRE_FALSE(other.ok());
    CHECK(other.error().code == ErrorCode::NotOurs);
    const std::string before = content_digest(dir.file("other.db"));
    CHECK(content_digest(dir.file("other.db")) == before);

    write_file(dir.file("text.db"), "just some text, not a database at all..........");
    auto text = Library::open(dir.file("text.db"));
    REQUIRE_FALSE(text.ok());
    CHECK(text.error().code == ErrorCode::NotOurs);
    CHECK(read_file(dir.file("text.db")) == "just some text, not a database at all..........");

    write_bundle(dir.file("b.tidings"), day1());
    auto bundle_as_library = Library::open(dir.file("b.tidings"));
    REQUIRE_FALSE(bundle_as_library.ok());
    CHECK(bundle_as_library.error().message.find("is a bundle") != std::string::npos);
}

TEST_CASE("applying a full bundle, then the same again, then an older one", "[library][apply]") {
    TempDir dir;
    write_bundle(dir.file("d1.tidings"), day1());
    write_bundle(dir.file("d2.tidings"), day2());
    const std::string lib_path = dir.file("lib.db");
    auto lib = Library::open(lib_path);
    REQUIRE(lib.ok());

    auto r1 = apply_bundle(lib.value(), dir.file("d1.tidings"));
    REQUIRE(r1.ok());
    CHECK(r1->added == 3);
    CHECK(r1->photos_added == 1); // shared by two articles, stored once
    CHECK(r1->summary() == "3 new articles, 0 updated, 0 withdrawn, 1 new photo");
    CHECK(count(lib.value(), "SELECT count(*) FROM articles") == 3);
    CHECK(count(lib.value(), "SELECT count(*) FROM photos") == 1);
    auto ch = lib->channel("daily");
    REQUIRE(ch.ok());
    REQUIRE(ch->has_value());
    CHECK((*ch)->applied_sequence == 1);

    auto home = lib->latest(10, 0);
    REQUIRE(home.ok());
    REQUIRE(home->size() == 3);
    CHECK((*home)[0].id == "three"); // newest first
    auto ec = lib->editors_choice(10, 0);
    REQUIRE(ec.ok());
    REQUIRE(ec->size() == 1);
    CHECK((*ec)[0].id == "two");
    auto langs = lib->languages();
    REQUIRE(langs.ok());
    REQUIRE(langs->size() == 2);
    CHECK((*langs)[0].value == "en");
    CHECK((*langs)[0].count == 2);

    auto one = lib->article("daily", "one");
    REQUIRE(one.ok());
    auto rel = lib->related(one->card.rowid);
    REQUIRE(rel.ok());
    REQUIRE(rel->size() >= 2);
    CHECK((*rel)[0].source == "publisher");
    CHECK((*rel)[0].title == "Card outside the bundle");
    CHECK((*rel)[0].target_rowid == 0);
    CHECK((*rel)[1].title == "Second story about rivers");
    CHECK((*rel)[1].target_rowid != 0);
    auto photo = lib->photo(one->card.photo, false);
    REQUIRE(photo.ok());
    CHECK(photo->size() > 100);

    lib = Result<Library>(make_error(ErrorCode::Internal, "closed"));
    const std::string digest = content_digest(lib_path);
    lib = Library::open(lib_path);
    REQUIRE(lib.ok());

    auto again = apply_bundle(lib.value(), dir.file("d1.tidings"));
    REQUIRE(again.ok());
    CHECK(again->already_applied);
    CHECK(content_digest(lib_path) == digest);

    auto r2 = apply_bundle(lib.value(), dir.file("d2.tidings"));
    REQUIRE(r2.ok());
    CHECK(r2->added == 1);
    CHECK(r2->updated == 1);
    CHECK(r2->unchanged == 1);
    CHECK(r2->removed == 1); // "three" is not in the day-2 full bundle
    CHECK(count(lib.value(), "SELECT count(*) FROM articles") == 3);
    CHECK(count(lib.value(), "SELECT count(*) FROM articles WHERE id = 'three'") == 0);

    const std::string digest2 = content_digest(lib_path);
    auto older = apply_bundle(lib.value(), dir.file("d1.tidings"));
    REQUIRE_FALSE(older.ok());
    CHECK(older.error().code == ErrorCode::Refused);
    CHECK(older.error().message.find("older than the news you already have") != std::string::npos);
    CHECK(older.error().message.find("(sequence 1 < 2)") != std::string::npos);
    CHECK(content_digest(lib_path) == digest2);
}

TEST_CASE("deltas apply on their base only, and withdrawn articles go", "[library][apply][delta]") {
    TempDir dir;
    write_bundle(dir.file("d1.tidings"), day1());
    write_bundle(dir.file("d2.tidings"), day2());
    auto delta = make_delta(dir.file("d1.tidings"), dir.file("d2.tidings"), dir.file("d1-2.tidings"));
    REQUIRE(delta.ok());
    CHECK(delta->changed == 2);   // "one" changed, "four" new
    CHECK(delta->withdrawn == 1); // "three"
    CHECK(delta->photos == 1);    // only the new photo
    auto dr = BundleReader::open(dir.file("d1-2.tidings"));
    REQUIRE(dr.ok());
    CHECK(dr->header().kind == BundleKind::Delta);
    CHECK(dr->header().base_sequence == 1);
    CHECK(dr->article_count() == 2);

    SECTION("a delta on an empty library names the full bundle needed") {
        const std::string lib_path = dir.file("empty.db");
        { REQUIRE(Library::open(lib_path).ok()); }
        const std::string before = content_digest(lib_path);
        auto lib = Library::open(lib_path);
        auto r = apply_bundle(lib.value(), dir.file("d1-2.tidings"));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Refused);
        CHECK(r.error().message.find("full bundle") != std::string::npos);
        CHECK(content_digest(lib_path) == before);
    }
    SECTION("the delta gives the same library as the full day-2 bundle") {
        auto via_delta = Library::open(dir.file("a.db"));
        auto via_full = Library::open(dir.file("b.db"));
        REQUIRE((via_delta.ok() && via_full.ok()));
        REQUIRE(apply_bundle(via_delta.value(), dir.file("d1.tidings")).ok());
        auto r = apply_bundle(via_delta.value(), dir.file("d1-2.tidings"));
        REQUIRE(r.ok());
        CHECK(r->added == 1);
        CHECK(r->updated == 1);
        CHECK(r->removed == 1);
        REQUIRE(apply_bundle(via_full.value(), dir.file("d1.tidings")).ok());
        REQUIRE(apply_bundle(via_full.value(), dir.file("d2.tidings")).ok());
        auto dump = [](Library& l) {
            auto st = l.db().prepare("SELECT id || ':' || content_hash FROM articles ORDER BY id");
            std::string s;
            while (st->step().value()) s += st->column_text(0) + "\n";
            return s;
        };
        CHECK(dump(via_delta.value()) == dump(via_full.value()));
        CHECK(count(via_delta.value(), "SELECT count(*) FROM photos") == 2);
        // Re-applying the full day-2 bundle after the delta is "already applied": same state.
        auto same = apply_bundle(via_delta.value(), dir.file("d2.tidings"));
        REQUIRE(same.ok());
        CHECK(same->already_applied);
    }
    SECTION("a delta whose base is not the applied sequence is refused, naming what is needed") {
        BundleSpec d3 = day2();
        d3.header.sequence = 3;
        d3.articles[1].title = "Second story, third day";
        write_bundle(dir.file("d3.tidings"), d3);
        REQUIRE(make_delta(dir.file("d2.tidings"), dir.file("d3.tidings"), dir.file("d2-3.tidings")).ok());
        const std::string lib_path = dir.file("c.db");
        {
            auto lib = Library::open(lib_path);
            REQUIRE(apply_bundle(lib.value(), dir.file("d1.tidings")).ok());
        }
        const std::string before = content_digest(lib_path);
        auto lib = Library::open(lib_path);
        auto r = apply_bundle(lib.value(), dir.file("d2-3.tidings"));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("updates sequence 2 to 3, but the library has sequence 1") != std::string::npos);
        CHECK(r.error().message.find("apply the delta from 1 to 2 first") != std::string::npos);
        CHECK(content_digest(lib_path) == before);
    }
    SECTION("withdrawn ids in a delta remove the articles and unused photos") {
        auto lib = Library::open(dir.file("w.db"));
        REQUIRE(apply_bundle(lib.value(), dir.file("d2.tidings")).ok());
        CHECK(count(lib.value(), "SELECT count(*) FROM photos") == 2);
        BundleSpec d3 = day2();
        d3.header.sequence = 3;
        d3.articles.pop_back(); // "four" and its photo go
        write_bundle(dir.file("d3.tidings"), d3);
        auto d = make_delta(dir.file("d2.tidings"), dir.file("d3.tidings"), dir.file("d2-3.tidings"));
        REQUIRE(d.ok());
        CHECK(d->withdrawn == 1);
        auto r = apply_bundle(lib.value(), dir.file("d2-3.tidings"));
        REQUIRE(r.ok());
        CHECK(r->removed == 1);
        CHECK(r->photos_removed == 1);
        CHECK(count(lib.value(), "SELECT count(*) FROM articles WHERE id = 'four'") == 0);
        CHECK(count(lib.value(), "SELECT count(*) FROM photos") == 1);
        CHECK(count(lib.value(), "SELECT count(*) FROM article_fts WHERE article_fts MATCH 'brand'") == 0);
    }
}

TEST_CASE("the same sequence with different content is a conflict", "[library][apply]") {
    TempDir dir;
    write_bundle(dir.file("d1.tidings"), day1());
    BundleSpec forged = day1();
    forged.articles[0].body = "Different words under the same sequence.";
    write_bundle(dir.file("forged.tidings"), forged);
    const std::string lib_path = dir.file("lib.db");
    {
        auto lib = Library::open(lib_path);
        REQUIRE(apply_bundle(lib.value(), dir.file("d1.tidings")).ok());
    }
    const std::string before = content_digest(lib_path);
    auto lib = Library::open(lib_path);
    auto r = apply_bundle(lib.value(), dir.file("forged.tidings"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Conflict);
    CHECK(r.error().message.find("CONFLICT") != std::string::npos);
    CHECK(content_digest(lib_path) == before);
}

TEST_CASE("photos are stored once across channels and bundles", "[library][apply]") {
    TempDir dir;
    write_bundle(dir.file("a.tidings"), day1("chan-a"));
    write_bundle(dir.file("b.tidings"), day1("chan-b"));
    auto lib = Library::open(dir.file("lib.db"));
    REQUIRE(apply_bundle(lib.value(), dir.file("a.tidings")).ok());
    auto r = apply_bundle(lib.value(), dir.file("b.tidings"));
    REQUIRE(r.ok());
    CHECK(r->photos_added == 0);
    CHECK(count(lib.value(), "SELECT count(*) FROM photos") == 1);
    CHECK(count(lib.value(), "SELECT count(*) FROM articles") == 6);
}

TEST_CASE("bad bundles leave the library unchanged, with the file named", "[library][apply][hostile]") {
    TempDir dir;
    const std::string lib_path = dir.file("lib.db");
    write_bundle(dir.file("d1.tidings"), day1());
    {
        auto lib = Library::open(lib_path);
        REQUIRE(apply_bundle(lib.value(), dir.file("d1.tidings")).ok());
    }
    const std::string before = content_digest(lib_path);

    SECTION("an article naming a photo that is nowhere") {
        BundleSpec s = day2();
        s.photos.pop_back(); // "four" names a photo the bundle does not carry
        write_bundle(dir.file("bad.tidings"), s);
        auto lib = Library::open(lib_path);
        auto r = apply_bundle(lib.value(), dir.file("bad.tidings"));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("bad.tidings") != std::string::npos);
        CHECK(r.error().message.find("neither in the bundle nor in the library") != std::string::npos);
    }
    SECTION("invalid UTF-8 deep inside") {
        write_bundle(dir.file("bad.tidings"), day2());
        {
            auto db = Db::open(dir.file("bad.tidings"), OpenMode::ReadWrite);
            REQUIRE(db->exec("UPDATE articles SET summary = CAST(X'6869FF' AS TEXT) WHERE id = 'two'").ok());
        }
        auto lib = Library::open(lib_path);
        auto r = apply_bundle(lib.value(), dir.file("bad.tidings"));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("UTF-8") != std::string::npos);
    }
    SECTION("a truncated bundle") {
        write_bundle(dir.file("full.tidings"), day2());
        auto bytes = read_bytes(dir.file("full.tidings"));
        bytes.resize(bytes.size() / 2);
        write_bytes(dir.file("bad.tidings"), bytes);
        auto lib = Library::open(lib_path);
        auto r = apply_bundle(lib.value(), dir.file("bad.tidings"));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("bad.tidings") != std::string::npos);
    }
    SECTION("a state digest that does not match the articles") {
        write_bundle(dir.file("bad.tidings"), day2());
        {
            auto db = Db::open(dir.file("bad.tidings"), OpenMode::ReadWrite);
            REQUIRE(db->exec("UPDATE articles SET title = 'Edited after building' WHERE id = 'two'").ok());
        }
        auto lib = Library::open(lib_path);
        auto r = apply_bundle(lib.value(), dir.file("bad.tidings"));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("inconsistent") != std::string::npos);
    }
    SECTION("an expired bundle brings nothing") {
        BundleSpec s = day2();
        s.header.expires = "2026-03-03T00:00:00Z";
        write_bundle(dir.file("bad.tidings"), s);
        auto lib = Library::open(lib_path);
        ApplyOptions o;
        o.now_unix = 1800000000; // 2027
        auto r = apply_bundle(lib.value(), dir.file("bad.tidings"), o);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("expired on 3 March 2026") != std::string::npos);
    }
    SECTION("cancelled half way") {
        write_bundle(dir.file("ok.tidings"), day2());
        auto lib = Library::open(lib_path);
        std::atomic<bool> stop{false};
        ApplyOptions o;
        o.stop = &stop;
        o.progress = [&](const ApplyProgress& p) {
            if (std::string(p.phase) == "articles") stop = true;
        };
        auto r = apply_bundle(lib.value(), dir.file("ok.tidings"), o);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Cancelled);
    }
    CHECK(content_digest(lib_path) == before);
}

TEST_CASE("a crash in the middle of an apply leaves the library as it was", "[library][apply][crash]") {
    TempDir dir;
    const std::string lib_path = dir.file("lib.db");
    write_bundle(dir.file("d1.tidings"), day1());
    write_bundle(dir.file("d2.tidings"), day2());
    {
        auto lib = Library::open(lib_path);
        REQUIRE(apply_bundle(lib.value(), dir.file("d1.tidings")).ok());
    }
    const std::string before = content_digest(lib_path);
    // Kill the applying process at each phase in turn: no cleanup, no rollback, like a power cut
    // (for the library file; the page cache survives, which is what WAL's atomic commit relies on).
    for (const char* phase : {"photos", "articles", "related", "finishing"}) {
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            auto lib = Library::open(lib_path);
            if (!lib) _exit(2);
            ApplyOptions o;
            o.progress = [&](const ApplyProgress& p) {
                if (std::string(p.phase) == phase) _exit(9);
            };
            auto r = apply_bundle(lib.value(), dir.file("d2.tidings"), o);
            _exit(r.ok() ? 0 : 3);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        INFO(phase);
        REQUIRE(WIFEXITED(status));
        REQUIRE(WEXITSTATUS(status) == 9); // every phase reports its start, so each is reached
        CHECK(content_digest(lib_path) == before);
        auto lib = Library::open(lib_path);
        REQUIRE(lib.ok());
        auto check = lib->db().prepare("PRAGMA integrity_check");
        REQUIRE(check->step().value());
        CHECK(check->column_text(0) == "ok");
    }
    // And the same bundle still applies afterwards.
    auto lib = Library::open(lib_path);
    REQUIRE(apply_bundle(lib.value(), dir.file("d2.tidings")).ok());
}

TEST_CASE("reading state survives an article update", "[library][state]") {
    TempDir dir;
    write_bundle(dir.file("d1.tidings"), day1());
    write_bundle(dir.file("d2.tidings"), day2());
    auto lib = Library::open(dir.file("lib.db"));
    REQUIRE(apply_bundle(lib.value(), dir.file("d1.tidings")).ok());
    auto one = lib->article("daily", "one");
    REQUIRE(one.ok());
    REQUIRE(lib->set_bookmark(one->card.rowid, true).ok());
    REQUIRE(lib->record_opened(one->card.rowid, 1000).ok());
    REQUIRE(lib->set_progress(one->card.rowid, 0.4).ok());
    REQUIRE(apply_bundle(lib.value(), dir.file("d2.tidings")).ok());
    auto again = lib->article("daily", "one");
    REQUIRE(again.ok());
    CHECK(again->card.title == "First story about mountains, updated");
    CHECK(lib->is_bookmarked(again->card.rowid).value());
    CHECK(lib->progress(again->card.rowid).value() == Approx(0.4));
    auto b = lib->bookmarks(10, 0);
    REQUIRE(b.ok());
    REQUIRE(b->size() == 1);
    auto h = lib->history(10, 0);
    REQUIRE(h.ok());
    REQUIRE(h->size() == 1);
    REQUIRE(lib->clear_history().ok());
    CHECK(lib->history(10, 0)->empty());
    REQUIRE(lib->set_setting("text_size", "1.25").ok());
    CHECK(lib->setting("text_size").value() == std::optional<std::string>("1.25"));
    REQUIRE(lib->bump_counter("articles_opened").ok());
    REQUIRE(lib->bump_counter("articles_opened", 2).ok());
    auto c = lib->counters();
    REQUIRE(c.ok());
    REQUIRE(c->size() == 1);
    CHECK((*c)[0].count == 3);
}

TEST_CASE("an apply leaves its write-ahead log for checkpoint() to empty", "[library][apply]") {
    TempDir dir;
    write_bundle(dir.file("d1.tidings"), day1());
    auto lib = Library::open(dir.file("lib.db"));
    REQUIRE(lib.ok());
    REQUIRE(apply_bundle(lib.value(), dir.file("d1.tidings")).ok());
    std::error_code ec;
    CHECK(std::filesystem::file_size(dir.file("lib.db-wal"), ec) > 0);
    REQUIRE(lib->checkpoint().ok());
    CHECK(std::filesystem::file_size(dir.file("lib.db-wal"), ec) == 0);
    // Nothing was lost: a second connection sees the articles.
    auto other = Library::open(dir.file("lib.db"));
    REQUIRE(other.ok());
    CHECK(other->article_count().value() == 3);
}

namespace {

// Pages on the free list of the (checkpointed) SQLite file at PATH that hold anything but zeros.
// Trunk pages, which list the free pages, are left out: only the leaves are free of content.
std::set<uint32_t> free_pages_with_content(const std::string& path) {
    const std::vector<uint8_t> file = read_bytes(path);
    REQUIRE(file.size() >= 100);
    auto be32 = [&](size_t at) {
        return uint32_t{file[at]} << 24 | uint32_t{file[at + 1]} << 16 | uint32_t{file[at + 2]} << 8 | file[at + 3];
    };
    const uint32_t raw_size = uint32_t{file[16]} << 8 | file[17];
    const size_t page_size = raw_size == 1 ? 65536 : raw_size;
    std::set<uint32_t> out;
    for (uint32_t trunk = be32(32); trunk != 0; trunk = be32((trunk - 1) * page_size)) {
        const size_t base = (trunk - 1) * page_size;
        REQUIRE(base + page_size <= file.size());
        const uint32_t leaves = be32(base + 4);
        for (uint32_t i = 0; i < leaves; ++i) {
            const uint32_t leaf = be32(base + 8 + 4 * i);
            const size_t at = (leaf - 1) * page_size;
            REQUIRE(at + page_size <= file.size());
            if (std::any_of(file.begin() + at, file.begin() + at + page_size, [](uint8_t b) { return b != 0; }))
                out.insert(leaf);
        }
    }
    return out;
}

} // namespace

TEST_CASE("a first large install frees merged index pages without zeroing them, and later merges zero them",
          "[library][apply]") {
    TempDir dir;
    CorpusOptions o;
    o.articles = 2100; // a large apply: its index is merged once at the end
    o.photo_pool = 4;
    o.channel = "first";
    REQUIRE(generate_corpus(dir.file("first.tidings"), o).ok());
    o.channel = "second";
    o.seed = 2;
    REQUIRE(generate_corpus(dir.file("second.tidings"), o).ok());
    const std::string path = dir.file("lib.db");

    {
        auto lib = Library::open(path);
        REQUIRE(lib.ok());
        auto applied = apply_bundle(lib.value(), dir.file("first.tidings"));
        REQUIRE(applied.ok());
        CHECK(applied->added == 2100);
        // Zeroing is back on for everything after the merge.
        CHECK(query_int(lib->db(), "PRAGMA secure_delete").value().value_or(0) == 1);
    }
    const std::set<uint32_t> after_first = free_pages_with_content(path);
    // The segments the merge freed held only this apply's terms, and were left as they were.
    CHECK(after_first.size() > 10);

    {
        auto lib = Library::open(path);
        REQUIRE(lib.ok());
        auto applied = apply_bundle(lib.value(), dir.file("second.tidings"));
        REQUIRE(applied.ok());
        CHECK(applied->added == 2100);
    }
    const std::set<uint32_t> after_second = free_pages_with_content(path);
    // The index held the first channel's segments: every page the second merge freed is zeroed,
    // so any free page with content was already free (and left so) after the first apply.
    CHECK(std::includes(after_first.begin(), after_first.end(), after_second.begin(), after_second.end()));
    auto db = Db::open(path, OpenMode::ReadOnly);
    REQUIRE(db.ok());
    auto free_count = query_int(db.value(), "PRAGMA freelist_count");
    REQUIRE(free_count.ok());
    CHECK(free_count->value_or(0) > static_cast<int64_t>(after_second.size()));
}
