// Sync tests: channel folders published by tidings-bundle, synced from a folder (a stick) and
// over HTTP from a real nginx on 127.0.0.1, with broken, hostile and stalled servers.
#include "test_support.h"

#include "core/bundle_reader.h"
#include "core/channel_index.h"
#include "core/library_store.h"
#include "core/minisign.h"
#include "core/sync.h"
#include "core/trust.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <csignal>
#include <fstream>
#include <netinet/in.h>
#include <sstream>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace tidings;
using namespace tidings::test;

namespace {

namespace fs = std::filesystem;

std::string q(const std::string& s) { return shell_quote(s); }
CommandResult cli(const std::string& args) { return run_command(q(bundle_cli()) + " " + args); }

int free_port() {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(s);
    return ntohs(a.sin_port);
}

bool can_connect(int port) {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(s);
    return ok;
}

// A real nginx on 127.0.0.1 serving WWW under /, plus test locations: /slow/ (rate-limited),
// /stall/ (1 byte a second), /err500/, /redirect/, and /alt/ serving ALT (a second folder).
class Nginx {
  public:
    Nginx(const std::string& www, const std::string& alt) {
        port_ = free_port();
        fs::create_directories(dir_.path() / "logs");
        std::ofstream conf(dir_.file("nginx.conf"));
        conf << "daemon off;\nmaster_process off;\nworker_processes 1;\npid " << dir_.file("nginx.pid")
             << ";\nerror_log " << dir_.file("logs/error.log") << ";\n"
             << "events { worker_connections 64; }\n"
             << "http {\n  log_format bytes '$request_uri $status $body_bytes_sent $http_range';\n"
             << "  access_log " << dir_.file("logs/access.log") << " bytes;\n"
             << "  client_body_temp_path " << dir_.file("tmp") << ";\n"
             << "  types { application/octet-stream tidings; }\n  sendfile off;\n"
             << "  server {\n    listen 127.0.0.1:" << port_ << ";\n    root " << www << ";\n"
             << "    location /slow/ { alias " << www << "/; limit_rate 4m; }\n"
             << "    location /stall/ { alias " << www << "/; limit_rate 1; }\n"
             << "    location /err500/ { return 500; }\n"
             << "    location /redirect/ { return 302 http://example.org/elsewhere/; }\n"
             << "    location /alt/ { alias " << alt << "/; }\n"
             << "  }\n}\n";
        conf.close();
        fs::create_directories(dir_.path() / "tmp");
        pid_ = ::fork();
        if (pid_ == 0) {
            ::execlp("nginx", "nginx", "-p", dir_.path().c_str(), "-c", dir_.file("nginx.conf").c_str(), "-e",
                     dir_.file("logs/error.log").c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        for (int i = 0; i < 200 && !can_connect(port_); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
        INFO("nginx (Debian package nginx-light, installed by .ci/setup) did not start: "
             << read_file(dir_.file("logs/error.log")));
        REQUIRE(can_connect(port_));
    }
    ~Nginx() {
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }
    // Bytes nginx sent for requests whose URI ends with SUFFIX (from its access log).
    int64_t bytes_sent(const std::string& suffix, int* requests = nullptr) const {
        std::istringstream log(read_file(dir_.file("logs/access.log")));
        std::string uri, status, bytes, line;
        int64_t total = 0;
        int n = 0;
        while (std::getline(log, line)) {
            std::istringstream fields(line);
            fields >> uri >> status >> bytes;
            if (uri.size() >= suffix.size() && uri.compare(uri.size() - suffix.size(), suffix.size(), suffix) == 0) {
                total += std::stoll(bytes);
                ++n;
            }
        }
        if (requests) *requests = n;
        return total;
    }
    std::string access_log() const { return read_file(dir_.file("logs/access.log")); }

  private:
    TempDir dir_;
    int port_ = 0;
    pid_t pid_ = -1;
};

// An editor with a key pair, publishing a generated channel "gen" day by day into a folder.
struct Editor {
    TempDir dir;
    std::string key = dir.file("gen.key"), pub = dir.file("gen.pub");
    std::string folder = dir.file("channel");
    Editor() {
        auto r = cli("keygen --unencrypted -o " + q(dir.file("gen")));
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
    }
    // Generates day N (N=1 the first, later days change 2% of the articles) and publishes it.
    std::string publish_day(int day, int articles = 400) {
        const std::string bundle = dir.file("day" + std::to_string(day) + ".tidings");
        auto g = cli("gen-corpus --quiet --channel gen --articles " + std::to_string(articles) +
                     " --photos 20 --base-seed 1 --seed " + std::to_string(day) + " --sequence " + std::to_string(day) +
                     " --change-fraction 0.02 -o " + q(bundle));
        INFO(g.output);
        REQUIRE(g.exit_code == 0);
        auto p = cli("publish --key " + q(key) + " " + q(bundle) + " " + q(folder));
        INFO(p.output);
        REQUIRE(p.exit_code == 0);
        return bundle;
    }
    int64_t file_size(const std::string& name) const { return static_cast<int64_t>(fs::file_size(fs::path(folder) / name)); }
};

// A reader's library that trusts the editor's key.
struct Reader {
    TempDir dir;
    std::string lib_path = dir.file("library.db");
    explicit Reader(const Editor& editor) {
        auto lib = Library::open(lib_path);
        REQUIRE(lib.ok());
        auto key = parse_public_key(read_file(editor.pub));
        REQUIRE(key.ok());
        REQUIRE(trust_channel_key(*lib, "gen", *key).ok());
    }
    Result<SyncReport> sync(SyncSource& source, SyncOptions options = {}) {
        auto lib = Library::open(lib_path);
        REQUIRE(lib.ok());
        return sync_channel(*lib, source, options);
    }
    Result<SyncReport> sync_url(const std::string& url, SyncOptions options = {}) {
        auto src = http_source(url);
        REQUIRE(src.ok());
        return sync(**src, options);
    }
    // Syncs expecting a failure whose message holds EXPECTED; the library stays the same.
    Error fails(const std::string& url, const std::string& expected, SyncOptions options = {}) {
        const std::string before = content_digest(lib_path);
        auto r = sync_url(url, options);
        REQUIRE_FALSE(r.ok());
        INFO(r.error().message);
        CHECK(r.error().message.find(expected) != std::string::npos);
        CHECK(content_digest(lib_path) == before);
        return r.error();
    }
    int64_t applied() {
        auto lib = Library::open(lib_path);
        auto ch = lib->channel("gen");
        REQUIRE(ch.ok());
        return ch.value() ? ch.value()->applied_sequence : 0;
    }
};

} // namespace

TEST_CASE("index: strict parsing and the cheapest plan", "[sync]") {
    ChannelIndex idx;
    idx.channel = "gen";
    idx.title = "Gen";
    idx.latest = 4;
    const std::string h(64, 'a');
    idx.bundles = {{BundleKind::Full, 4, 0, 1000, h, "gen-4.tidings"},
                   {BundleKind::Delta, 2, 1, 100, h, "gen-1-2.tidings"},
                   {BundleKind::Delta, 3, 2, 100, h, "gen-2-3.tidings"},
                   {BundleKind::Delta, 4, 3, 100, h, "gen-3-4.tidings"}};
    auto parsed = parse_channel_index(format_channel_index(idx));
    REQUIRE(parsed.ok());
    CHECK(parsed->bundles.size() == 4);
    CHECK(plan_sync(*parsed, 4).empty());
    CHECK(plan_sync(*parsed, 0).size() == 1);            // nothing applied: the full bundle
    CHECK(plan_sync(*parsed, 1).size() == 3);            // 300 bytes of deltas < 1000
    CHECK(plan_sync(*parsed, 3).front().file == "gen-3-4.tidings");
    idx.bundles[1].size = 900;                           // now the chain from 1 costs 1100 > 1000
    CHECK(plan_sync(*parse_channel_index(format_channel_index(idx)), 1).front().kind == BundleKind::Full);
    idx.bundles.erase(idx.bundles.begin() + 2);          // a missing delta: the full bundle
    CHECK(plan_sync(*parse_channel_index(format_channel_index(idx)), 2).front().kind == BundleKind::Full);

    const std::string good = format_channel_index(idx);
    for (const std::string& bad : {
             std::string("hello"),
             good.substr(0, good.find("bundle:")),                            // no full bundle of latest
             std::string(good).replace(good.find("gen-4.tidings"), 13, "../etc.tidings"),
             std::string(good).replace(good.find("gen-4.tidings"), 13, "/tmp/x.tidings"),
             std::string(good).replace(good.find(" 1000 "), 6, " -5 "),
             std::string(good).replace(good.find("full 4"), 6, "full 9"),   // above latest
             good + "bundle: full 4 0 10 " + h + " gen-4.tidings\n",          // listed twice
         }) {
        INFO(bad);
        CHECK_FALSE(parse_channel_index(bad).ok());
    }
    CHECK(is_safe_bundle_file_name("gen-1-2.tidings"));
    CHECK_FALSE(is_safe_bundle_file_name(".tidings"));
    CHECK_FALSE(is_safe_bundle_file_name("a/b.tidings"));
    CHECK_FALSE(is_safe_bundle_file_name("gen.tidings.minisig"));
}

TEST_CASE("two devices: day 1 from a stick, day 2 over HTTP as a delta", "[sync][http]") {
    Editor editor;
    const std::string day1 = editor.publish_day(1);
    Reader reader(editor);

    // Day 1 from the folder, as from a USB stick.
    auto stick = folder_source(editor.folder, "USB stick NEWS-0311");
    std::vector<std::string> phases;
    SyncOptions options;
    options.progress = [&](const SyncProgress& p) {
        if (phases.empty() || phases.back() != p.phase) phases.push_back(p.phase);
        CHECK(p.bytes_done <= p.bytes_total);
    };
    auto first = reader.sync(*stick, options);
    INFO((first.ok() ? std::string() : first.error().message));
    REQUIRE(first.ok());
    auto b1 = BundleReader::open(day1);
    REQUIRE(b1.ok());
    CHECK(first->added == b1->article_count());
    CHECK(first->used_full);
    CHECK(first->to_sequence == 1);
    CHECK(first->summary().find(std::to_string(b1->article_count()) + " new articles, 0 updated, 0 withdrawn") == 0);
    CHECK(first->summary().find("from USB stick NEWS-0311") != std::string::npos);
    CHECK(std::find(phases.begin(), phases.end(), "download") != phases.end());
    CHECK(std::find(phases.begin(), phases.end(), "articles") != phases.end());
    CHECK(phases.back() == "done");

    // Day 2 published; the reader syncs over HTTP and moves only the delta.
    editor.publish_day(2);
    Nginx nginx(editor.folder, editor.folder);
    const int64_t delta_size = editor.file_size("gen-1-2.tidings");
    const int64_t full_size = editor.file_size("gen-2.tidings");
    auto second = reader.sync_url(nginx.url("/"));
    INFO((second.ok() ? std::string() : second.error().message));
    REQUIRE(second.ok());
    CHECK_FALSE(second->used_full);
    CHECK(second->to_sequence == 2);
    int delta_requests = 0;
    const int64_t served = nginx.bytes_sent("/gen-1-2.tidings", &delta_requests);
    CHECK(served == delta_size);
    CHECK(delta_requests == 1);
    CHECK(nginx.bytes_sent("/gen-2.tidings") == 0); // the full bundle was not fetched
    CHECK(delta_size * 10 < full_size);
    // The summary counts what the delta carried.
    auto delta = BundleReader::open(editor.folder + "/gen-1-2.tidings");
    REQUIRE(delta.ok());
    auto withdrawn = delta->withdrawn_ids();
    REQUIRE(withdrawn.ok());
    CHECK(second->added + second->updated == delta->article_count());
    CHECK(second->removed == static_cast<int64_t>(withdrawn->size()));
    CHECK(second->bytes_transferred < delta_size + 2000);
    WARN("sync bytes: day 1 full " << first->bytes_transferred << ", day 2 delta " << second->bytes_transferred
                                   << " (full bundle of day 2: " << full_size << ")");

    // Again: nothing to do, nothing fetched.
    auto third = reader.sync_url(nginx.url("/"));
    REQUIRE(third.ok());
    CHECK(third->bundles == 0);
    CHECK(third->summary().find("already up to date") == 0);

    // The CLI says the same.
    Reader other(editor);
    auto out = cli("sync --library " + q(other.lib_path) + " " + q(nginx.url("/")));
    INFO(out.output);
    CHECK(out.exit_code == 0);
    CHECK(out.output.find("new articles, 0 updated, 0 withdrawn") != std::string::npos);
    CHECK(out.output.find("from 127.0.0.1") != std::string::npos);
}

TEST_CASE("a download cut in the middle resumes where it stopped", "[sync][http]") {
    Editor editor;
    editor.publish_day(1, 1500);
    Nginx nginx(editor.folder, editor.folder);
    Reader reader(editor);
    const int64_t size = editor.file_size("gen-1.tidings");
    const std::string before = content_digest(reader.lib_path);

    std::atomic<bool> stop{false};
    SyncOptions options;
    options.transfer.stop = &stop;
    options.progress = [&](const SyncProgress& p) {
        if (p.phase == "download" && p.bytes_done > size / 2) stop = true;
    };
    auto cut = reader.sync_url(nginx.url("/slow/"), options);
    REQUIRE_FALSE(cut.ok());
    CHECK(cut.error().code == ErrorCode::Cancelled);
    CHECK(content_digest(reader.lib_path) == before);
    int64_t partial = 0;
    for (const auto& e : fs::directory_iterator(reader.dir.path() / ".tidings-partial"))
        if (e.path().extension() == ".tidings") partial = static_cast<int64_t>(fs::file_size(e.path()));
    CHECK(partial > size / 2);
    CHECK(partial < size);

    auto resumed = reader.sync_url(nginx.url("/"));
    INFO((resumed.ok() ? std::string() : resumed.error().message));
    REQUIRE(resumed.ok());
    CHECK(resumed->to_sequence == 1);
    int requests = 0;
    const int64_t sent = nginx.bytes_sent("/gen-1.tidings", &requests);
    CHECK(requests == 2);
    CHECK(nginx.access_log().find("bytes=" + std::to_string(partial) + "-") != std::string::npos);
    // Bytes sent twice: what nginx had sent beyond what reached the partial file.
    const int64_t twice = sent - size;
    CHECK(twice >= 0);
    CHECK(twice < size / 10);
    WARN("resume: file " << size << " bytes, partial " << partial << ", sent in all " << sent << ", sent twice "
                         << twice);
    CHECK(resumed->bytes_transferred < size - partial + 2000);
    // The partial file is gone once applied.
    int left = 0;
    for (const auto& e : fs::directory_iterator(reader.dir.path() / ".tidings-partial")) (void)e, ++left;
    CHECK(left == 0);
}

TEST_CASE("broken and hostile servers leave the library unchanged with a clear message", "[sync][http][hostile]") {
    Editor editor;
    editor.publish_day(1, 300);
    // A second folder: the same channel, but its bundle swapped for other bytes of the same size.
    TempDir alt;
    fs::copy(editor.folder, alt.path(), fs::copy_options::recursive);
    {
        auto bytes = read_bytes(alt.file("gen-1.tidings"));
        bytes[bytes.size() / 2] ^= 0xFF;
        write_bytes(alt.file("gen-1.tidings"), bytes);
    }
    Nginx nginx(editor.folder, alt.path().string());
    Reader reader(editor);

    SECTION("404") {
        auto e = reader.fails(nginx.url("/no-such-channel/"), "is not on the server (404)");
        CHECK(e.code == ErrorCode::NotFound);
    }
    SECTION("500") { reader.fails(nginx.url("/err500/"), "the server answered 500"); }
    SECTION("a redirect to another host is not followed") {
        reader.fails(nginx.url("/redirect/"), "fetches only from the address you gave");
        CHECK(nginx.access_log().find("example.org") == std::string::npos);
    }
    SECTION("another file than the index lists") {
        reader.fails(nginx.url("/alt/"), "is not the file its index lists");
    }
    SECTION("a garbage index") {
        write_file(alt.file("channel.index"), "garbage\x01\x02");
        reader.fails(nginx.url("/alt/"), "signature does not match");
        write_file(alt.file("channel.index.minisig"), "not a signature");
        reader.fails(nginx.url("/alt/"), "is not a minisign signature");
    }
    SECTION("a bigger file than the index declares is cut off") {
        auto bytes = read_bytes(editor.folder + "/gen-1.tidings");
        bytes.resize(bytes.size() + 100000, 0);
        write_bytes(alt.file("gen-1.tidings"), bytes);
        reader.fails(nginx.url("/alt/"), "sent more than the index declares");
    }
    SECTION("a server that stalls") {
        SyncOptions options;
        options.transfer.low_speed_time_s = 2;
        options.transfer.low_speed_bytes = 1000;
        reader.fails(nginx.url("/stall/"), "the server stalled", options);
    }
    SECTION("nobody listening") {
        reader.fails("http://127.0.0.1:1/", "cannot reach 127.0.0.1:1");
    }
    CHECK(reader.applied() == 0);
}

TEST_CASE("a stick pulled mid-copy ends in a clear message and the library as it was", "[sync][usb]") {
    Editor editor;
    editor.publish_day(1, 800);
    TempDir stick;
    fs::copy(editor.folder, stick.path(), fs::copy_options::recursive);
    Reader reader(editor);
    const std::string before = content_digest(reader.lib_path);
    auto source = folder_source(stick.path().string(), "USB stick NEWS-0311");
    SyncOptions options;
    bool pulled = false;
    options.progress = [&](const SyncProgress& p) {
        if (!pulled && p.phase == "download" && p.bytes_done > 0) {
            pulled = true; // the stick goes: its files are cut short under the reader
            ::truncate(stick.file("gen-1.tidings").c_str(), 1000);
        }
    };
    auto r = reader.sync(*source, options);
    REQUIRE(pulled);
    REQUIRE_FALSE(r.ok());
    INFO(r.error().message);
    CHECK(r.error().message.find("was the stick removed?") != std::string::npos);
    CHECK(content_digest(reader.lib_path) == before);

    // A stick without a channel, and one whose index is signed by an unknown key.
    TempDir empty;
    auto nothing = folder_source(empty.path().string(), "USB stick EMPTY");
    auto e = reader.sync(*nothing);
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().message.find("USB stick EMPTY has no channel.index") != std::string::npos);
    Editor stranger;
    stranger.publish_day(1, 50);
    auto foreign = folder_source(stranger.folder, "USB stick FOREIGN");
    auto f = reader.sync(*foreign);
    REQUIRE_FALSE(f.ok());
    CHECK(f.error().message.find("does not trust for any channel") != std::string::npos);
    CHECK(content_digest(reader.lib_path) == before);
}

TEST_CASE("publish keeps the folder small and refuses what does not belong", "[sync][cli]") {
    Editor editor;
    editor.publish_day(1, 100);
    for (int day = 2; day <= 5; ++day) editor.publish_day(day, 100);
    auto keep = cli("publish --keep-deltas 2 --key " + q(editor.key) + " " + q(editor.dir.file("day5.tidings")) +
                    " " + q(editor.folder));
    CHECK(keep.exit_code != 0); // same sequence again
    CHECK(keep.output.find("already has sequence 5") != std::string::npos);
    const std::string day6 = editor.dir.file("day6.tidings");
    REQUIRE(cli("gen-corpus --quiet --channel gen --articles 100 --photos 20 --base-seed 1 --seed 6 --sequence 6 -o " +
                q(day6)).exit_code == 0);
    auto p = cli("publish --keep-deltas 2 --key " + q(editor.key) + " " + q(day6) + " " + q(editor.folder));
    INFO(p.output);
    REQUIRE(p.exit_code == 0);
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(editor.folder))
        if (e.path().extension() == ".tidings") files.push_back(e.path().filename().string());
    std::sort(files.begin(), files.end());
    CHECK(files == std::vector<std::string>{"gen-4-5.tidings", "gen-5-6.tidings", "gen-6.tidings"});
    // A reader at day 4 takes two deltas.
    auto idx = parse_channel_index(read_file(editor.folder + "/channel.index"));
    REQUIRE(idx.ok());
    CHECK(plan_sync(*idx, 4).size() == 2);
    CHECK(plan_sync(*idx, 2).front().kind == BundleKind::Full);
    // Another key cannot publish into this folder.
    Editor other;
    auto wrong = cli("publish --key " + q(other.key) + " " + q(day6) + " " + q(editor.folder));
    CHECK(wrong.exit_code != 0);
    CHECK(wrong.output.find("is signed by key") != std::string::npos);
}
