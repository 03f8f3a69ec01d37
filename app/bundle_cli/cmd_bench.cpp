// tidings-bundle bench: generator, apply, search, suggestion and article-open figures at scale.
//
// Index of this file:
// [SECTION] Measuring: clocks, percentiles, resident memory, child processes, SQL profiles
// [SECTION] The query set
// [SECTION] Phases: generate, copy, apply, queries, delta
// [SECTION] The command
//
// Each phase that holds much memory runs in a forked child, so its peak resident memory is its
// own (ru_maxrss from wait4) and the phases do not mask each other. Children send their figures
// back to the parent as "key<TAB>value" lines on a pipe.
#include "cli.h"
#include "progress.h"

#include "core/bundle_apply.h"
#include "core/bundle_delta.h"
#include "core/corpus_gen.h"
#include "core/library_search.h"
#include "core/library_store.h"
#include "core/text_model.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>

namespace fs = std::filesystem;

namespace tidings::cli {

namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] Measuring
// ---------------------------------------------------------------------------------------------

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

double ms_since(Clock::time_point t0) { return seconds_since(t0) * 1000.0; }

// Nearest-rank percentile P (0..100) of VALUES; 0 when empty.
double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
    return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

// BYTES in MiB (the bench prints sizes in MiB and KiB).
double mb(double bytes) { return bytes / (1024.0 * 1024.0); }

int64_t file_bytes(const std::string& path) {
    std::error_code ec;
    auto n = fs::file_size(path, ec);
    return ec ? 0 : static_cast<int64_t>(n);
}

// Resident memory of this process now, in KiB (from /proc/self/statm; 0 when unavailable).
long current_rss_kb() {
    FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return 0;
    long size = 0, resident = 0;
    int n = std::fscanf(f, "%ld %ld", &size, &resident);
    std::fclose(f);
    return n == 2 ? resident * (sysconf(_SC_PAGESIZE) / 1024) : 0;
}

// Seconds a fixed CPU job takes now: 2,000 documents of 500 words (a fixed pseudo-random stream,
// skewed toward the first of 200,000 made-up words) indexed by FTS5 with its own tokenizer and
// the apply's 16 MB term table into an in-memory database, the best of three. The apply is CPU
// work of the same kind, so its time divided by this one compares runs made while the machine
// ran at different speeds (roughly: in one slow stretch here the ratio moved between 11 and 15
// while the apply took 5.7-5.8 s); the copy baseline, being I/O, says nothing about that.
double cpu_probe_seconds() {
    std::vector<std::string> words;
    uint64_t state = 0x9E3779B97F4A7C15ull;
    auto next = [&] {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<uint32_t>(state >> 33);
    };
    constexpr uint32_t kWords = 200'000;
    for (uint32_t i = 0; i < kWords; ++i) {
        std::string w;
        const int letters = 3 + static_cast<int>(next() % 8);
        for (int k = 0; k < letters; ++k)
            w += static_cast<char>('a' + next() % 26);
        words.push_back(std::move(w));
    }
    std::vector<std::string> docs(2000);
    for (auto& d : docs)
        for (int k = 0; k < 500; ++k) {
            // Skewed toward the first words, as real text is.
            const uint64_t r = next() % kWords;
            d += words[static_cast<size_t>(r * r * r / (uint64_t{kWords} * kWords))];
            d += ' ';
        }
    double best = 1e9;
    for (int round = 0; round < 3; ++round) {
        auto db = Db::open(":memory:", OpenMode::ReadWrite);
        if (!db) return 0;
        const auto t0 = Clock::now();
        if (!db->exec("CREATE VIRTUAL TABLE t USING fts5(x); "
                      "INSERT INTO t(t, rank) VALUES('hashsize', 16777216); BEGIN")
                 .ok())
            return 0;
        auto insert = db->prepare("INSERT INTO t(x) VALUES(?)");
        if (!insert) return 0;
        for (const auto& d : docs) {
            insert->reset();
            if (!insert->bind_static(1, d).run().ok()) return 0;
        }
        insert->reset();
        if (!db->exec("COMMIT").ok()) return 0;
        best = std::min(best, seconds_since(t0));
    }
    return best;
}

std::string load_average() {
    FILE* f = std::fopen("/proc/loadavg", "r");
    if (!f) return "?";
    char buf[64] = {};
    if (!std::fgets(buf, sizeof buf, f)) buf[0] = 0;
    std::fclose(f);
    std::string s(buf);
    size_t cut = 0;
    for (int spaces = 0; cut < s.size() && spaces < 3; ++cut)
        if (s[cut] == ' ') ++spaces;
    return s.substr(0, cut ? cut - 1 : 0);
}

// Samples resident memory every 2 ms on its own thread and keeps the peak of each phase.
class RssSampler {
  public:
    explicit RssSampler(size_t phases) : peaks_(phases) {
        for (auto& p : peaks_) p.store(0);
        thread_ = std::thread([this] {
            while (!stop_.load()) {
                sample();
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
        });
    }
    ~RssSampler() {
        stop_.store(true);
        thread_.join();
    }
    RssSampler(const RssSampler&) = delete;
    RssSampler& operator=(const RssSampler&) = delete;

    void set_phase(size_t phase) {
        sample();
        phase_.store(phase);
        sample();
    }
    long peak_kb(size_t phase) const { return peaks_[phase].load(); }

  private:
    void sample() {
        const long now = current_rss_kb();
        auto& peak = peaks_[phase_.load()];
        long seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
    }
    std::vector<std::atomic<long>> peaks_; // per phase, KiB
    std::atomic<size_t> phase_{0};         // phase being sampled
    std::atomic<bool> stop_{false};        // ends the thread
    std::thread thread_;                   // the sampler
};

// Figures a child sends back: key -> value (numbers as text).
using Figures = std::map<std::string, std::string>;

void put(Figures& f, const std::string& key, double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", value);
    f[key] = buf;
}

double get(const Figures& f, const std::string& key) {
    auto it = f.find(key);
    return it == f.end() ? 0.0 : std::strtod(it->second.c_str(), nullptr);
}

// What a child process reported and what the kernel measured of it.
struct ChildRun {
    Figures figures;      // the child's figures
    long peak_rss_kb = 0; // ru_maxrss of the child (KiB)
    double seconds = 0;   // wall time from fork to exit
    std::string error;    // empty when the child succeeded
};

// Runs BODY in a forked child and collects its figures. The parent holds no threads, so the
// fork is safe; the child ends with _exit after flushing stdout.
ChildRun run_in_child(const std::function<Status(Figures&)>& body) {
    ChildRun run;
    std::fflush(stdout);
    std::fflush(stderr);
    int fds[2];
    if (pipe(fds) != 0) {
        run.error = std::string("cannot create a pipe: ") + std::strerror(errno);
        return run;
    }
    const auto t0 = Clock::now();
    pid_t pid = fork();
    if (pid < 0) {
        run.error = std::string("cannot fork: ") + std::strerror(errno);
        close(fds[0]);
        close(fds[1]);
        return run;
    }
    if (pid == 0) {
        close(fds[0]);
        Figures figures;
        Status s = body(figures);
        std::string out;
        for (const auto& [k, v] : figures) out += k + "\t" + v + "\n";
        if (!s.ok()) {
            std::string msg = s.error().message;
            std::replace(msg.begin(), msg.end(), '\n', ' ');
            out += "!error\t" + msg + "\n";
        }
        size_t off = 0;
        while (off < out.size()) {
            ssize_t n = write(fds[1], out.data() + off, out.size() - off);
            if (n <= 0) break;
            off += static_cast<size_t>(n);
        }
        close(fds[1]);
        std::fflush(stdout);
        std::fflush(stderr);
        _exit(s.ok() ? 0 : 1);
    }
    close(fds[1]);
    std::string in;
    char buf[4096];
    for (;;) {
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        in.append(buf, static_cast<size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    struct rusage usage {};
    while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    run.seconds = seconds_since(t0);
    run.peak_rss_kb = usage.ru_maxrss;
    size_t start = 0;
    while (start < in.size()) {
        size_t end = in.find('\n', start);
        if (end == std::string::npos) end = in.size();
        std::string line = in.substr(start, end - start);
        size_t tab = line.find('\t');
        if (tab != std::string::npos) run.figures[line.substr(0, tab)] = line.substr(tab + 1);
        start = end + 1;
    }
    if (auto it = run.figures.find("!error"); it != run.figures.end()) run.error = it->second;
    else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        run.error = "the measuring process ended abnormally (status " + std::to_string(status) + ")";
    return run;
}

// Time and calls per SQL statement on one connection, through sqlite3_trace_v2 profiling.
// Statements run inside virtual tables (FTS5's own) are counted too, so times nest.
class SqlProfile {
  public:
    explicit SqlProfile(sqlite3* db) : db_(db) { sqlite3_trace_v2(db_, SQLITE_TRACE_PROFILE, &SqlProfile::on_profile, this); }
    ~SqlProfile() { sqlite3_trace_v2(db_, 0, nullptr, nullptr); }
    SqlProfile(const SqlProfile&) = delete;
    SqlProfile& operator=(const SqlProfile&) = delete;

    // The TOP statements by total time, as printable lines.
    std::vector<std::string> top(size_t count) const {
        std::vector<std::pair<std::string, Entry>> all(entries_.begin(), entries_.end());
        std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.second.ns > b.second.ns; });
        std::vector<std::string> lines;
        for (size_t i = 0; i < all.size() && i < count; ++i) {
            std::string sql = all[i].first;
            std::replace(sql.begin(), sql.end(), '\n', ' ');
            if (sql.size() > 110) sql = sql.substr(0, 107) + "...";
            char buf[256];
            std::snprintf(buf, sizeof buf, "%9.2f s %10" PRId64 " calls %8.3f ms/call  ", static_cast<double>(all[i].second.ns) / 1e9,
                          all[i].second.calls, static_cast<double>(all[i].second.ns) / 1e6 / static_cast<double>(std::max<int64_t>(1, all[i].second.calls)));
            lines.push_back(buf + sql);
        }
        return lines;
    }

  private:
    // Totals of one statement text.
    struct Entry {
        int64_t calls = 0; // completed runs
        int64_t ns = 0;    // summed run time
    };
    static int on_profile(unsigned, void* ctx, void* stmt, void* ns) {
        auto* self = static_cast<SqlProfile*>(ctx);
        const char* sql = sqlite3_sql(static_cast<sqlite3_stmt*>(stmt));
        Entry& e = self->entries_[sql ? sql : "?"];
        ++e.calls;
        e.ns += *static_cast<const int64_t*>(ns);
        return 0;
    }
    sqlite3* db_;                                     // profiled connection (not owned)
    std::unordered_map<std::string, Entry> entries_; // per SQL text
};

// ---------------------------------------------------------------------------------------------
// [SECTION] The query set
// ---------------------------------------------------------------------------------------------

// One query of the set: what is typed, and what kind of query it is.
struct BenchQuery {
    std::string kind; // common, rare, two words, prefix, word, hostile
    std::string text; // as typed
};

std::vector<BenchQuery> query_set() {
    const auto w = [](const char* lang, int rank) { return corpus_word(lang, rank); };
    std::vector<BenchQuery> q = {
        // The most frequent words of each language's Zipf list.
        {"common", w("en", 1)}, {"common", "and"}, {"common", "и"}, {"common", "в"},  {"common", "և"},
        {"common", "է"},        {"common", "და"},  {"common", "არის"}, {"common", "və"},
        // Words people look for.
        {"word", "government"}, {"word", "Azərbaycan"}, {"word", "Երևան"}, {"word", "საქართველო"},
        {"word", "переговоры"},
        // Rare words (rank 30000 of 50000: a few articles per 10,000).
        {"rare", w("en", 30000)}, {"rare", w("hy", 30000)}, {"rare", w("az", 30000)}, {"rare", w("ka", 30000)},
        {"rare", w("ru", 30000)},
        // Two words.
        {"two words", "peace talks"}, {"two words", "the government"}, {"two words", "мирные переговоры"},
        {"two words", "sülh danışıqları"}, {"two words", w("en", 1) + " " + w("en", 30000)},
        // Prefixes as typed.
        {"prefix", "azər"}, {"prefix", "тби"}, {"prefix", "Երև"}, {"prefix", "თბი"}, {"prefix", "negoti"},
        // Hostile text.
        {"hostile", "\"; DROP TABLE articles; --"}, {"hostile", "NEAR(и в) OR the* AND title:*"},
        {"hostile", "((((\"\"\"))))***^^^"}, {"hostile", "the of and to in a is that for it"},
        {"hostile", "и the და և və"}, {"hostile", std::string(3000, 'x')},
    };
    return q;
}

// Words typed one letter at a time (each keystroke runs suggest_titles and search).
const char* const kTypedWords[] = {"azərbaycan", "тбилиси", "საქართველო", "government", "Երևան"};

// TEXT cut to about MAX bytes at a UTF-8 boundary, control characters shown as '?'.
std::string printable(const std::string& text, size_t max) {
    std::string s = text.size() > max ? text.substr(0, max) : text;
    while (!s.empty() && s.size() < text.size() && (static_cast<unsigned char>(text[s.size()]) & 0xC0) == 0x80)
        s.pop_back();
    for (char& c : s)
        if (static_cast<unsigned char>(c) < 0x20) c = '?';
    if (s.size() < text.size()) s += "...(" + std::to_string(text.size()) + " bytes)";
    return s;
}

// The prefixes of WORD, one more code point each.
std::vector<std::string> keystrokes(const std::string& word) {
    std::vector<std::string> out;
    for (size_t i = 1; i <= word.size(); ++i)
        if (i == word.size() || (static_cast<unsigned char>(word[i]) & 0xC0) != 0x80) out.push_back(word.substr(0, i));
    return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Phases
// ---------------------------------------------------------------------------------------------

// How the bench runs.
struct BenchConfig {
    std::vector<int64_t> sizes;   // article counts
    std::string dir;              // where files go
    bool keep = false;            // leave the files
    uint64_t seed = 1;            // corpus seed
    int photos = 200;             // photo pool
    int runs = 20;                // timed runs per query (after one warm-up run): of 20, p95 is
                                  // the second slowest (of 7, it was the slowest: one hiccup of
                                  // the machine made a query miss)
    int apply_runs = 0;           // applies into a fresh library per size, the median reported
                                  // (0: three up to 20,000 articles, one above)
    int opens = 300;              // articles opened
    bool delta = true;            // also measure a day-2 delta apply
    bool profile_sql = false;     // print the costliest SQL statements of apply and search
    bool queries = true;          // measure search, suggestions, typing and opens
    int cache_mb = 0;             // experiment: PRAGMA cache_size of the library connections (0: default)
    int fts_hashsize_mb = 0;      // experiment: FTS5 'hashsize' of a fresh library (0: default)
};

// Experiments the bench can make on a library connection before measuring.
Status tune_connection(Library& lib, const BenchConfig& cfg, bool fresh) {
    if (cfg.cache_mb > 0) TIDINGS_TRY(lib.db().exec("PRAGMA cache_size=-" + std::to_string(cfg.cache_mb * 1024)));
    if (fresh && cfg.fts_hashsize_mb > 0)
        TIDINGS_TRY(lib.db().exec("INSERT INTO article_fts(article_fts, rank) VALUES('hashsize', " +
                                  std::to_string(int64_t{cfg.fts_hashsize_mb} << 20) + ")"));
    return {};
}

// Figures of one size, for the summary.
struct SizeResult {
    int64_t articles = 0;        // size
    double gen_s = 0;            // generator wall time
    double bundle_mb = 0;        // bundle size
    double copy_s = 0;           // plain copy with fsync
    double probe_s = 0;          // cpu_probe_seconds() just before the apply runs
    double apply_s = 0;          // apply_bundle
    double apply_close_s = 0;    // apply_bundle plus closing the library (checkpoint)
    double apply_peak_mb = 0;    // ru_maxrss of the apply process
    double apply_growth_mb = 0;  // that peak less the process's resident memory when it started
    double library_mb = 0;       // library file size
    double search_p95_worst = 0; // worst per-query p95 (ms)
    std::string search_worst;    // the query with that p95
    double search_p50 = 0, search_p95 = 0, search_p99 = 0; // over all runs of the set
    double suggest_p95 = 0;      // suggest_titles p95 over the set
    double open_p50 = 0, open_p95 = 0; // article open
    int search_misses = 0;       // queries whose p95 is over 20 ms
    int search_queries = 0;      // queries in the set
    bool searched = false;       // the query phase ran
    bool ok = true;              // every phase ran
};

constexpr double kTargetSearchMs = 20.0;
constexpr double kTargetArticlesPerSecond = 2500.0;

Status copy_with_fsync(const std::string& from, const std::string& to) {
    int in = open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) return make_error(ErrorCode::Io, from + ": cannot read: " + std::strerror(errno));
    int out = open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        close(in);
        return make_error(ErrorCode::Io, to + ": cannot write: " + std::strerror(errno));
    }
    std::vector<char> buf(1 << 20);
    Status result;
    for (;;) {
        ssize_t n = read(in, buf.data(), buf.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            result = make_error(ErrorCode::Io, from + ": read failed: " + std::strerror(errno));
            break;
        }
        if (n == 0) break;
        for (ssize_t off = 0; off < n;) {
            ssize_t m = write(out, buf.data() + off, static_cast<size_t>(n - off));
            if (m < 0 && errno == EINTR) continue;
            if (m <= 0) {
                result = make_error(ErrorCode::Io, to + ": write failed: " + std::strerror(errno));
                break;
            }
            off += m;
        }
        if (!result.ok()) break;
    }
    if (result.ok() && fsync(out) != 0) result = make_error(ErrorCode::Io, to + ": fsync failed: " + std::strerror(errno));
    close(in);
    close(out);
    return result;
}

void remove_library(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

ChildRun generate(const std::string& path, int64_t articles, int64_t sequence, const BenchConfig& cfg) {
    return run_in_child([&](Figures& f) -> Status {
        CorpusOptions o;
        o.articles = articles;
        o.seed = cfg.seed;
        o.sequence = sequence;
        o.photo_pool = cfg.photos;
        ProgressLine line(false);
        o.progress = [&](const char* phase, int64_t done, int64_t total) { line.update(phase, done, total); };
        const auto t0 = Clock::now();
        auto r = generate_corpus(path, o);
        line.finish();
        if (!r) return r.error();
        put(f, "seconds", seconds_since(t0));
        put(f, "articles", static_cast<double>(r->articles));
        put(f, "photos", static_cast<double>(r->photos));
        put(f, "words", static_cast<double>(r->words));
        put(f, "bytes", static_cast<double>(r->bundle_bytes));
        return {};
    });
}

// SECONDS as "4.11".
std::string two_decimals(double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", seconds);
    return text;
}

// The apply phases in the order apply_bundle reports them, plus opening and closing.
const char* const kApplyPhases[] = {"open", "checking", "photos", "articles", "indexing", "related", "finishing", "close"};
constexpr size_t kApplyPhaseCount = sizeof kApplyPhases / sizeof kApplyPhases[0];

ChildRun apply_in_child(const std::string& library, const std::string& bundle, const BenchConfig& cfg, bool fresh,
                        const char* label) {
    return run_in_child([&](Figures& f) -> Status {
        RssSampler rss(kApplyPhaseCount);
        put(f, "rss_start_kb", static_cast<double>(current_rss_kb()));
        std::vector<double> phase_start(kApplyPhaseCount, -1);
        const auto t0 = Clock::now();
        phase_start[0] = 0;
        size_t current = 0;
        auto lib = Library::open(library);
        if (!lib) return lib.error();
        TIDINGS_TRY(tune_connection(lib.value(), cfg, fresh));
        std::unique_ptr<SqlProfile> profile;
        if (cfg.profile_sql && fresh) profile = std::make_unique<SqlProfile>(lib->db().handle());
        ProgressLine line(false);
        ApplyOptions options;
        options.progress = [&](const ApplyProgress& p) {
            line.update(std::string(label) + " " + p.phase, p.done, p.total);
            for (size_t i = 1; i + 1 < kApplyPhaseCount; ++i) {
                if (std::strcmp(p.phase, kApplyPhases[i]) == 0 && i != current) {
                    current = i;
                    if (phase_start[i] < 0) phase_start[i] = seconds_since(t0);
                    rss.set_phase(i);
                }
            }
        };
        const auto applied_at = Clock::now();
        auto report = apply_bundle(lib.value(), bundle, options);
        line.finish();
        if (!report) return report.error();
        const double apply_s = seconds_since(applied_at);
        phase_start[kApplyPhaseCount - 1] = seconds_since(t0);
        rss.set_phase(kApplyPhaseCount - 1);
        if (profile) {
            for (const auto& l : profile->top(12)) std::printf("    sql %s\n", l.c_str());
            profile.reset();
        }
        lib = make_error(ErrorCode::Internal, "closed"); // closes the connection: checkpoint
        const double total_s = seconds_since(t0);
        put(f, "apply_s", apply_s);
        put(f, "apply_close_s", total_s);
        put(f, "added", static_cast<double>(report->added));
        put(f, "updated", static_cast<double>(report->updated));
        put(f, "removed", static_cast<double>(report->removed));
        put(f, "photos_added", static_cast<double>(report->photos_added));
        // Phase durations: from a phase's start to the next phase that started.
        for (size_t i = 0; i < kApplyPhaseCount; ++i) {
            if (phase_start[i] < 0) continue;
            double end = total_s;
            for (size_t j = i + 1; j < kApplyPhaseCount; ++j)
                if (phase_start[j] >= 0) {
                    end = phase_start[j];
                    break;
                }
            put(f, std::string("phase_s.") + kApplyPhases[i], end - phase_start[i]);
            put(f, std::string("phase_rss_kb.") + kApplyPhases[i], static_cast<double>(rss.peak_kb(i)));
        }
        return {};
    });
}

// Per-query timings of one query over the runs.
struct QueryTiming {
    BenchQuery query;           // what was typed
    std::vector<double> ms;     // timed runs
    int64_t estimated = 0;      // estimated_total of the last run
    size_t hits = 0;            // hits shown
    bool newest = false;        // ordered by date
    std::string error;          // search error, if any
};

// Search, suggestions, typing and article opens on an applied library, in one child.
ChildRun queries_in_child(const std::string& library, const BenchConfig& cfg) {
    return run_in_child([&](Figures& f) -> Status {
        auto lib = Library::open(library);
        if (!lib) return lib.error();
        TIDINGS_TRY(tune_connection(lib.value(), cfg, false));
        std::unique_ptr<SqlProfile> profile;
        if (cfg.profile_sql) profile = std::make_unique<SqlProfile>(lib->db().handle());
        const auto set = query_set();

        // [search] every query of the set: one warm-up run, then cfg.runs timed runs.
        std::vector<QueryTiming> timings;
        std::vector<double> all;
        for (const auto& q : set) {
            QueryTiming t;
            t.query = q;
            for (int run = 0; run <= cfg.runs; ++run) {
                const auto t0 = Clock::now();
                auto r = search(lib.value(), q.text);
                const double ms = ms_since(t0);
                if (!r) {
                    t.error = r.error().message;
                    break;
                }
                t.estimated = r->estimated_total;
                t.hits = r->hits.size();
                t.newest = r->order == SearchOrder::Newest;
                if (run > 0) {
                    t.ms.push_back(ms);
                    all.push_back(ms);
                }
            }
            timings.push_back(std::move(t));
        }
        put(f, "search_p50", percentile(all, 50));
        put(f, "search_p95", percentile(all, 95));
        put(f, "search_p99", percentile(all, 99));
        std::printf("  search     %zu queries x %d runs (after a warm-up run), limit 20, search as you type "
                    "(last word a prefix):\n",
                    set.size(), cfg.runs);
        std::printf("             all runs: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n", percentile(all, 50),
                    percentile(all, 95), percentile(all, 99));
        std::printf("      p50 ms    p95 ms    max ms   matches~  order      kind       query\n");
        double worst = 0;
        std::string worst_query;
        int misses = 0;
        std::vector<size_t> order(timings.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
            return percentile(timings[a].ms, 95) > percentile(timings[b].ms, 95);
        });
        for (size_t i : order) {
            const auto& t = timings[i];
            const double p95 = percentile(t.ms, 95);
            if (!t.error.empty()) {
                std::printf("      ERROR %s  %-10s %s\n", t.error.c_str(), t.query.kind.c_str(),
                            printable(t.query.text, 40).c_str());
                ++misses;
                continue;
            }
            if (p95 > kTargetSearchMs) ++misses;
            if (p95 > worst) {
                worst = p95;
                worst_query = printable(t.query.text, 40);
            }
            std::printf("    %8.2f  %8.2f  %8.2f  %9lld  %-9s  %-10s %s%s\n", percentile(t.ms, 50), p95,
                        percentile(t.ms, 100), static_cast<long long>(t.estimated), t.newest ? "newest" : "relevance",
                        t.query.kind.c_str(), printable(t.query.text, 40).c_str(), p95 > kTargetSearchMs ? "   <-- over 20 ms" : "");
        }
        put(f, "search_worst_p95", worst);
        f["search_worst"] = worst_query;
        put(f, "search_misses", misses);
        put(f, "search_queries", static_cast<double>(set.size()));

        // [suggest] suggest_titles(…, 5) as the reader calls it, over the same set.
        std::vector<double> sug;
        std::vector<std::pair<double, std::string>> sug_worst;
        for (const auto& q : set) {
            std::vector<double> mine;
            for (int run = 0; run <= cfg.runs; ++run) {
                const auto t0 = Clock::now();
                auto r = suggest_titles(lib.value(), q.text, 5);
                const double ms = ms_since(t0);
                if (!r) return r.error();
                if (run > 0) {
                    sug.push_back(ms);
                    mine.push_back(ms);
                }
            }
            sug_worst.emplace_back(percentile(mine, 95), q.text);
        }
        std::sort(sug_worst.begin(), sug_worst.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        std::printf("  suggest    suggest_titles(limit 5) over the set: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; worst p95:",
                    percentile(sug, 50), percentile(sug, 95), percentile(sug, 99));
        for (size_t i = 0; i < 3 && i < sug_worst.size(); ++i)
            std::printf("%s %.1f ms \"%s\"", i ? "," : "", sug_worst[i].first, printable(sug_worst[i].second, 24).c_str());
        std::printf("\n");
        put(f, "suggest_p95", percentile(sug, 95));

        // [typing] a keystroke = suggest_titles + search, for each prefix of a few words.
        std::printf("  typing     p95 ms per keystroke (suggest_titles + search), word typed one letter at a time:\n");
        double typing_worst = 0;
        for (const char* word : kTypedWords) {
            std::string row;
            for (const auto& prefix : keystrokes(word)) {
                std::vector<double> ms;
                for (int run = 0; run <= cfg.runs; ++run) {
                    const auto t0 = Clock::now();
                    auto s = suggest_titles(lib.value(), prefix, 5);
                    auto r = search(lib.value(), prefix);
                    if (run > 0) ms.push_back(ms_since(t0));
                    if (!s || !r) return s ? r.error() : s.error();
                }
                const double p95 = percentile(ms, 95);
                typing_worst = std::max(typing_worst, p95);
                char buf[64];
                std::snprintf(buf, sizeof buf, " %.1f", p95);
                row += " " + prefix + buf;
            }
            std::printf("            %s\n", row.c_str());
        }
        put(f, "typing_worst_p95", typing_worst);

        // [open] article + parse_markdown + related + hero thumbnail, over random articles.
        std::vector<int64_t> rowids;
        {
            auto st = lib->db().prepare("SELECT rowid FROM articles ORDER BY rowid");
            if (!st) return st.error();
            for (;;) {
                auto row = st->step();
                if (!row) return row.error();
                if (!row.value()) break;
                rowids.push_back(st->column_int(0));
            }
        }
        std::vector<double> opens;
        uint64_t x = cfg.seed * 0x9E3779B97F4A7C15ull + 12345;
        size_t blocks = 0, related_n = 0;
        for (int i = 0; i < cfg.opens && !rowids.empty(); ++i) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            const int64_t rowid = rowids[x % rowids.size()];
            const auto t0 = Clock::now();
            auto view = lib->article(rowid);
            if (!view) return view.error();
            TextModel model = parse_markdown(view->body);
            auto rel = lib->related(rowid);
            if (!rel) return rel.error();
            if (!view->card.photo.empty()) {
                auto thumb = lib->photo(view->card.photo, true);
                if (!thumb) return thumb.error();
            }
            opens.push_back(ms_since(t0));
            blocks += model.blocks.size();
            related_n += rel->size();
        }
        std::printf("  open       %zu random articles (article + parse_markdown + related + hero thumbnail): p50 %.2f ms, "
                    "p95 %.2f ms, p99 %.2f ms (%.1f blocks, %.1f related entries each)\n",
                    opens.size(), percentile(opens, 50), percentile(opens, 95), percentile(opens, 99),
                    static_cast<double>(blocks) / std::max<double>(1, static_cast<double>(opens.size())),
                    static_cast<double>(related_n) / std::max<double>(1, static_cast<double>(opens.size())));
        put(f, "open_p50", percentile(opens, 50));
        put(f, "open_p95", percentile(opens, 95));
        if (profile) {
            std::printf("  costliest SQL of the query phase:\n");
            for (const auto& l : profile->top(10)) std::printf("    sql %s\n", l.c_str());
        }
        return {};
    });
}

const char* pass(bool ok) { return ok ? "PASS" : "MISS"; }

// The per-phase table of an apply child's figures.
void print_phases(const Figures& f) {
    std::printf("             phase        seconds   peak RSS MiB\n");
    for (const char* phase : kApplyPhases) {
        const std::string key = std::string("phase_s.") + phase;
        if (!f.count(key)) continue;
        std::printf("             %-10s %9.2f %13.1f\n", phase, get(f, key), get(f, std::string("phase_rss_kb.") + phase) / 1024.0);
    }
}

SizeResult bench_size(int64_t n, const BenchConfig& cfg) {
    SizeResult res;
    res.articles = n;
    const std::string base = (fs::path(cfg.dir) / ("bench-" + std::to_string(n))).string();
    const std::string bundle = base + ".tidings", copy = base + "-copy.tidings", library = base + "-library.db";
    std::printf("\n== %lld articles (load average %s) ==\n", static_cast<long long>(n), load_average().c_str());

    // [generate]
    ChildRun gen = generate(bundle, n, 1, cfg);
    if (!gen.error.empty()) {
        std::printf("  generate   FAILED: %s\n", gen.error.c_str());
        res.ok = false;
        return res;
    }
    res.gen_s = get(gen.figures, "seconds");
    res.bundle_mb = mb(get(gen.figures, "bytes"));
    std::printf("  generate   %.1f s: %.1f MiB bundle, %.0f articles, %.0f photos, %.1f M words; "
                "%.0f articles/s; "
                "generator peak RSS %.0f MiB\n",
                res.gen_s, res.bundle_mb, get(gen.figures, "articles"), get(gen.figures, "photos"),
                get(gen.figures, "words") / 1e6,
                get(gen.figures, "articles") / std::max(1e-9, res.gen_s),
                static_cast<double>(gen.peak_rss_kb) / 1024.0);

    // [copy] the same bytes with read/write and fsync: what moving the bundle costs at least.
    {
        const auto t0 = Clock::now();
        Status s = copy_with_fsync(bundle, copy);
        res.copy_s = seconds_since(t0);
        std::error_code ec;
        fs::remove(copy, ec);
        if (!s.ok()) {
            std::printf("  copy       FAILED: %s\n", s.error().message.c_str());
            res.ok = false;
            return res;
        }
        std::printf("  copy       %.2f s (read/write 1 MiB blocks + fsync): %.0f MiB/s\n",
                    res.copy_s, res.bundle_mb / std::max(1e-9, res.copy_s));
    }

    // [probe] how fast the machine runs CPU work of the apply's kind just now; in a child, so
    // the memory it used is not resident in the processes forked after it.
    {
        ChildRun probe = run_in_child([](Figures& f) -> Status {
            put(f, "seconds", cpu_probe_seconds());
            return {};
        });
        res.probe_s = probe.error.empty() ? get(probe.figures, "seconds") : 0;
    }
    std::printf(
        "  cpu probe  %.3f s (a fixed FTS5 indexing job, best of 3; apply time / probe time "
        "compares runs made at different machine speeds)\n",
        res.probe_s);

    // [apply] into a fresh library file; at small sizes a few times, since one run moves by
    // 10% or so with the machine's other work, and the median run is reported. Peak memory is
    // the largest of all runs.
    const int apply_runs = cfg.apply_runs > 0 ? cfg.apply_runs : (n <= 20'000 ? 3 : 1);
    std::vector<ChildRun> runs;
    double peak_growth_mb = 0, peak_mb = 0;
    for (int run = 0; run < apply_runs; ++run) {
        remove_library(library);
        ChildRun one = apply_in_child(library, bundle, cfg, true, "apply");
        if (!one.error.empty()) {
            std::printf("  apply      FAILED: %s\n", one.error.c_str());
            res.ok = false;
            return res;
        }
        peak_mb = std::max(peak_mb, static_cast<double>(one.peak_rss_kb) / 1024.0);
        peak_growth_mb = std::max(peak_growth_mb, static_cast<double>(one.peak_rss_kb) / 1024.0 -
                                                      get(one.figures, "rss_start_kb") / 1024.0);
        runs.push_back(std::move(one));
    }
    std::vector<size_t> by_time(runs.size());
    for (size_t i = 0; i < by_time.size(); ++i) by_time[i] = i;
    std::sort(by_time.begin(), by_time.end(), [&](size_t a, size_t b) {
        return get(runs[a].figures, "apply_s") < get(runs[b].figures, "apply_s");
    });
    ChildRun& ap = runs[by_time[by_time.size() / 2]];
    if (runs.size() > 1) {
        std::string times;
        for (const auto& r : runs) times += (times.empty() ? "" : ", ") + two_decimals(get(r.figures, "apply_s"));
        std::printf("  apply runs %s s into a fresh library each; the median run follows\n", times.c_str());
    }
    res.apply_s = get(ap.figures, "apply_s");
    res.apply_close_s = get(ap.figures, "apply_close_s");
    res.apply_peak_mb = peak_mb;
    res.apply_growth_mb = peak_growth_mb;
    res.library_mb = mb(static_cast<double>(file_bytes(library)));
    const double rate = static_cast<double>(n) / std::max(1e-9, res.apply_s);
    std::printf(
        "  apply      %.2f s: %.0f articles/s, %.1f MiB/s of bundle; %.1fx the copy time, %.1fx "
        "the cpu probe; with closing the library (checkpoint) %.2f s = %.0f articles/s\n",
        res.apply_s, rate, res.bundle_mb / std::max(1e-9, res.apply_s),
        res.apply_s / std::max(1e-9, res.copy_s), res.apply_s / std::max(1e-9, res.probe_s),
        res.apply_close_s, static_cast<double>(n) / std::max(1e-9, res.apply_close_s));
    print_phases(ap.figures);
    std::printf("             peak RSS of the apply process %.1f MiB (ru_maxrss), %.1f MiB above "
                "its start%s\n",
                res.apply_peak_mb, res.apply_growth_mb,
                runs.size() > 1 ? " (the largest of the runs)" : "");
    std::printf("  library    %.1f MiB (%.2fx the bundle)\n", res.library_mb,
                res.library_mb / std::max(1e-9, res.bundle_mb));

    // [queries]
    ChildRun q;
    if (!cfg.queries) {
        q.error = "not measured (--no-queries)";
    } else {
        q = queries_in_child(library, cfg);
        if (!q.error.empty()) {
            std::printf("  queries    FAILED: %s\n", q.error.c_str());
            res.ok = false;
        } else {
            res.searched = true;
            res.search_p50 = get(q.figures, "search_p50");
            res.search_p95 = get(q.figures, "search_p95");
            res.search_p99 = get(q.figures, "search_p99");
            res.search_p95_worst = get(q.figures, "search_worst_p95");
            res.search_worst = q.figures["search_worst"];
            res.search_misses = static_cast<int>(get(q.figures, "search_misses"));
            res.search_queries = static_cast<int>(get(q.figures, "search_queries"));
            res.suggest_p95 = get(q.figures, "suggest_p95");
            res.open_p50 = get(q.figures, "open_p50");
            res.open_p95 = get(q.figures, "open_p95");
            std::printf("             query process peak RSS %.1f MiB\n",
                        static_cast<double>(q.peak_rss_kb) / 1024.0);
        }
    }

    // [delta] day 2 of the channel: 1% edited, a few added and withdrawn.
    if (cfg.delta) {
        const std::string day2 = base + "-day2.tidings", delta = base + "-delta.tidings";
        ChildRun g2 = generate(day2, n, 2, cfg);
        if (!g2.error.empty()) {
            std::printf("  delta      FAILED to generate day 2: %s\n", g2.error.c_str());
        } else {
            ChildRun d = run_in_child([&](Figures& f) -> Status {
                const auto t0 = Clock::now();
                auto r = make_delta(bundle, day2, delta);
                if (!r) return r.error();
                put(f, "seconds", seconds_since(t0));
                put(f, "changed", static_cast<double>(r->changed));
                put(f, "withdrawn", static_cast<double>(r->withdrawn));
                put(f, "bytes", static_cast<double>(r->bytes));
                return {};
            });
            if (!d.error.empty()) {
                std::printf("  delta      FAILED: %s\n", d.error.c_str());
            } else {
                ChildRun da = apply_in_child(library, delta, cfg, false, "delta");
                if (!da.error.empty())
                    std::printf("  delta      FAILED to apply: %s\n", da.error.c_str());
                else
                    std::printf("  delta      day 2: %.0f changed + %.0f withdrawn, %.1f KiB (diff "
                                "%.2f s); applied in %.3f s "
                                "(%.3f s with close), peak RSS %.1f MiB\n",
                                get(d.figures, "changed"), get(d.figures, "withdrawn"),
                                get(d.figures, "bytes") / 1024.0, get(d.figures, "seconds"),
                                get(da.figures, "apply_s"), get(da.figures, "apply_close_s"),
                                static_cast<double>(da.peak_rss_kb) / 1024.0);
                if (da.error.empty()) print_phases(da.figures);
            }
        }
        if (!cfg.keep) {
            std::error_code ec;
            fs::remove(day2, ec);
            fs::remove(delta, ec);
        }
    }

    std::printf("  targets    apply >= %.0f articles/s: %s (%.0f)\n", kTargetArticlesPerSecond,
                pass(rate >= kTargetArticlesPerSecond), rate);
    if (q.error.empty())
        std::printf("             search p95 <= %.0f ms for every query: %s (%d of %d over; worst %.1f ms \"%s\")\n",
                    kTargetSearchMs, pass(res.search_misses == 0), res.search_misses, res.search_queries,
                    res.search_p95_worst, res.search_worst.c_str());
    if (!cfg.keep) {
        std::error_code ec;
        fs::remove(bundle, ec);
        remove_library(library);
    }
    return res;
}

Result<std::vector<int64_t>> parse_sizes(const std::string& text) {
    std::vector<int64_t> sizes;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        std::string part = text.substr(start, end - start);
        char* stop = nullptr;
        long long v = std::strtoll(part.c_str(), &stop, 10);
        if (part.empty() || *stop != '\0' || v < 1 || v > 1'000'000)
            return make_error(ErrorCode::Invalid, "--articles takes sizes such as 10000,100000 (1 to 1000000 each)");
        sizes.push_back(v);
        start = end + 1;
    }
    return sizes;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] The command
// ---------------------------------------------------------------------------------------------

int cmd_bench(const std::vector<std::string>& argv) {
    auto args = parse_args(argv, {"articles", "dir", "seed", "runs", "apply-runs", "photos", "opens", "cache-mb", "fts-hashsize-mb", "library"},
                           {"keep", "no-delta", "no-queries", "profile-sql"});
    if (!args) return fail_usage(args.error().message);
    if (!args->positional.empty()) return fail_usage("usage: tidings-bundle bench [--articles 10000,100000] [--dir DIR] [--keep]");
    BenchConfig cfg;
    auto sizes = parse_sizes(args->option("articles").value_or("10000,100000"));
    if (!sizes) return fail_usage(sizes.error().message);
    cfg.sizes = sizes.value();
    for (const char* name : {"seed", "runs", "apply-runs", "photos", "opens", "cache-mb", "fts-hashsize-mb"}) {
        auto text = args->option(name);
        if (!text) continue;
        char* stop = nullptr;
        long long v = std::strtoll(text->c_str(), &stop, 10);
        if (text->empty() || *stop != '\0' || v < 1 || v > 1'000'000)
            return fail_usage(std::string("--") + name + " needs a whole number from 1");
        if (std::string_view(name) == "seed") cfg.seed = static_cast<uint64_t>(v);
        else if (std::string_view(name) == "runs") cfg.runs = static_cast<int>(v);
        else if (std::string_view(name) == "apply-runs") cfg.apply_runs = static_cast<int>(std::min<long long>(v, 15));
        else if (std::string_view(name) == "photos") cfg.photos = static_cast<int>(std::min<long long>(v, 10'000));
        else if (std::string_view(name) == "opens") cfg.opens = static_cast<int>(v);
        else if (std::string_view(name) == "cache-mb") cfg.cache_mb = static_cast<int>(std::min<long long>(v, 4096));
        else cfg.fts_hashsize_mb = static_cast<int>(std::min<long long>(v, 1024));
    }
    cfg.keep = args->flag("keep");
    cfg.delta = !args->flag("no-delta");
    cfg.profile_sql = args->flag("profile-sql");
    cfg.queries = !args->flag("no-queries");
    if (auto library = args->option("library")) {
        // Only the queries, on a library that already exists (a kept bench library, or a real one).
        std::error_code ec;
        if (!fs::is_regular_file(*library, ec))
            return fail(make_error(ErrorCode::NotFound, *library + ": no such library file"));
        std::printf("tidings-bundle bench: queries on %s; %d runs per query; SQLite %s\n", library->c_str(), cfg.runs,
                    sqlite3_libversion());
        ChildRun q = queries_in_child(*library, cfg);
        if (!q.error.empty()) {
            std::printf("  queries    FAILED: %s\n", q.error.c_str());
            return 1;
        }
        std::printf("             query process peak RSS %.1f MiB\n",
                    static_cast<double>(q.peak_rss_kb) / 1024.0);
        return 0;
    }
    bool made_dir = false;
    if (auto d = args->option("dir")) {
        cfg.dir = *d;
        std::error_code ec;
        if (!fs::exists(cfg.dir, ec)) {
            if (!fs::create_directories(cfg.dir, ec))
                return fail(make_error(ErrorCode::Io, cfg.dir + ": cannot create the folder: " + ec.message()));
            made_dir = true;
        }
    } else {
        std::string tmpl = (fs::temp_directory_path() / "tidings-bench-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) return fail(make_error(ErrorCode::Io, "cannot create a temporary folder"));
        cfg.dir = tmpl;
        made_dir = true;
    }

    std::printf("tidings-bundle bench: sizes");
    for (int64_t n : cfg.sizes) std::printf(" %lld", static_cast<long long>(n));
    std::printf("; seed %" PRIu64 ", %d photos, %d runs per query; SQLite %s; %u cores; folder %s\n", cfg.seed,
                cfg.photos, cfg.runs, sqlite3_libversion(), std::thread::hardware_concurrency(), cfg.dir.c_str());
    if (cfg.profile_sql)
        std::printf("NOTE: --profile-sql traces every SQL statement; apply and search run markedly slower with it\n");
    if (cfg.cache_mb || cfg.fts_hashsize_mb)
        std::printf("EXPERIMENT: library cache_size %d MiB, FTS5 hashsize %d MiB (0 = default)\n",
                    cfg.cache_mb, cfg.fts_hashsize_mb);
    std::vector<SizeResult> results;
    for (int64_t n : cfg.sizes) results.push_back(bench_size(n, cfg));

    std::printf("\n== summary ==\n");
    std::printf("  articles   gen s  bundle MiB   copy s  apply s  art/s  apply/copy  apply/probe  "
                "apply RSS MiB  library MiB  search p50/p95/p99 ms  worst query p95  suggest p95  "
                "open p50/p95\n");
    for (const auto& r : results) {
        if (!r.ok && r.apply_s == 0) {
            std::printf("  %8lld   (failed)\n", static_cast<long long>(r.articles));
            continue;
        }
        std::printf("  %8lld %7.1f %10.1f %8.2f %8.2f %6.0f %11.1f %12.1f %13.1f %11.1f   "
                    "%6.2f/%6.2f/%7.2f %12.1f ms %9.2f ms  %5.2f/%5.2f ms\n",
                    static_cast<long long>(r.articles), r.gen_s, r.bundle_mb, r.copy_s, r.apply_s,
                    static_cast<double>(r.articles) / std::max(1e-9, r.apply_s),
                    r.apply_s / std::max(1e-9, r.copy_s), r.apply_s / std::max(1e-9, r.probe_s),
                    r.apply_peak_mb, r.library_mb, r.search_p50, r.search_p95, r.search_p99,
                    r.search_p95_worst, r.suggest_p95, r.open_p50, r.open_p95);
    }
    std::printf("  targets:\n");
    for (const auto& r : results) {
        if (r.apply_s == 0) continue;
        const double rate = static_cast<double>(r.articles) / std::max(1e-9, r.apply_s);
        std::printf("    %8lld articles: apply >= %.0f articles/s %s (%.0f)", static_cast<long long>(r.articles),
                    kTargetArticlesPerSecond, pass(rate >= kTargetArticlesPerSecond), rate);
        if (r.searched)
            std::printf("; search p95 <= %.0f ms for every query %s (%d over, worst %.1f ms)", kTargetSearchMs,
                        pass(r.search_misses == 0), r.search_misses, r.search_p95_worst);
        std::printf("\n");
    }
    if (results.size() >= 2 && results.front().apply_peak_mb > 0 && results.back().apply_peak_mb > 0) {
        // Judged on the growth above each apply process's start, so inherited pages do not count.
        const auto& small = results.front();
        const auto& large = results.back();
        const double allowed = small.apply_growth_mb * 1.25 + 8.0;
        std::printf("    apply memory does not grow with the bundle: %s (peak %.1f MiB above start "
                    "at %lld articles, "
                    "%.1f MiB at %lld; allowed %.1f MiB)\n",
                    pass(large.apply_growth_mb <= allowed), small.apply_growth_mb,
                    static_cast<long long>(small.articles), large.apply_growth_mb,
                    static_cast<long long>(large.articles), allowed);
    }
    if (!cfg.keep && made_dir) {
        std::error_code ec;
        fs::remove(cfg.dir, ec);
    } else if (cfg.keep) {
        std::printf("  files kept in %s\n", cfg.dir.c_str());
    }
    return 0;
}

} // namespace tidings::cli
