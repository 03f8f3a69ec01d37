// Sync from channel folders (see sync.h).
#include "core/sync.h"

#include "core/file_util.h"
#include "core/hash.h"
#include "core/minisign.h"
#include "core/trust.h"

#include <curl/curl.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include <unistd.h>

namespace tidings {

namespace fs = std::filesystem;

std::string format_bytes(int64_t bytes) {
    char buf[64];
    if (bytes < 1000) std::snprintf(buf, sizeof buf, "%lld bytes", static_cast<long long>(bytes));
    else if (bytes < 1000 * 1000) std::snprintf(buf, sizeof buf, "%.0f kB", double(bytes) / 1e3);
    else if (bytes < 1000LL * 1000 * 1000) std::snprintf(buf, sizeof buf, "%.1f MB", double(bytes) / 1e6);
    else std::snprintf(buf, sizeof buf, "%.2f GB", double(bytes) / 1e9);
    return buf;
}

// [SECTION] Sources

namespace {

constexpr size_t kChunk = 1 << 20;

bool stopped(const TransferOptions& t) { return t.stop && t.stop->load(); }

class FolderSource final : public SyncSource {
  public:
    FolderSource(std::string dir, std::string label) : dir_(std::move(dir)), label_(std::move(label)) {
        if (label_.empty()) label_ = "folder " + fs::path(dir_).filename().string();
    }
    std::string label() const override { return label_; }

    Result<std::string> read_small(const std::string& name, size_t max_bytes, const TransferOptions&) override {
        auto text = read_small_file(path(name), max_bytes, name);
        if (!text && text.error().code == ErrorCode::NotFound && gone()) return vanished();
        if (!text && text.error().code == ErrorCode::NotFound && name == kChannelIndexFile)
            return make_error(ErrorCode::NotFound, label_ + " has no " + name + ": it is not a Tidings channel folder "
                                                                            "(or the stick was removed)");
        if (!text && text.error().code == ErrorCode::NotFound)
            return make_error(ErrorCode::NotFound, name + " is missing from " + label_ +
                                                       " though its index lists it (was the stick removed, or the "
                                                       "folder copied in part?); nothing was changed");
        if (!text && text.error().code == ErrorCode::Io)
            return make_error(ErrorCode::Io, label_ + ": cannot read " + name + " (was the stick removed?)");
        return text;
    }

    Result<int64_t> fetch(const std::string& name, const std::string& dest, int64_t expected,
                          const TransferOptions& t) override {
        std::error_code ec;
        int64_t have = fs::exists(dest, ec) ? static_cast<int64_t>(fs::file_size(dest, ec)) : 0;
        if (have > expected) {
            fs::remove(dest, ec);
            have = 0;
        }
        FILE* in = std::fopen(path(name).c_str(), "rb");
        if (!in && errno == ENOENT && gone()) return vanished();
        if (!in)
            return make_error(errno == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                              label_ + ": cannot read " + name + ": " + std::strerror(errno) + " (was the stick removed?)");
        FILE* out = std::fopen(dest.c_str(), "ab");
        if (!out) {
            std::fclose(in);
            return make_error(ErrorCode::Io, dest + ": cannot write: " + std::strerror(errno));
        }
        int64_t moved = 0;
        Status result;
        if (have > 0 && std::fseek(in, static_cast<long>(have), SEEK_SET) != 0) result = make_error(ErrorCode::Io, "seek");
        std::vector<char> buf(kChunk);
        while (result && have + moved < expected) {
            if (stopped(t)) {
                result = make_error(ErrorCode::Cancelled, "cancelled: nothing was changed by the bundle being copied");
                break;
            }
            const size_t want = static_cast<size_t>(std::min<int64_t>(kChunk, expected - have - moved));
            const size_t n = std::fread(buf.data(), 1, want, in);
            if (n == 0) {
                result = make_error(ErrorCode::Io, label_ + ": " + name +
                                                       (std::ferror(in) ? " could not be read to the end"
                                                                        : " is shorter than its index says") +
                                                       " (was the stick removed?); nothing was changed");
                break;
            }
            if (std::fwrite(buf.data(), 1, n, out) != n) {
                result = make_error(ErrorCode::Io, dest + ": cannot write (disk full?)");
                break;
            }
            moved += static_cast<int64_t>(n);
            if (t.progress) t.progress(have + moved, expected);
        }
        std::fclose(in);
        if (std::fclose(out) != 0 && result) result = make_error(ErrorCode::Io, dest + ": cannot write (disk full?)");
        if (!result) return result.error();
        return moved;
    }

  private:
    std::string path(const std::string& name) const { return (fs::path(dir_) / name).string(); }
    bool gone() const {
        std::error_code ec;
        return !fs::is_directory(dir_, ec);
    }
    Error vanished() const {
        return make_error(ErrorCode::Io, label_ + " is gone (was the stick removed?): the bundle being copied "
                                                  "changed nothing; plug it in again to go on where it stopped");
    }
    std::string dir_, label_;
};

void curl_init_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// One HTTP GET into a sink with a byte cap; resumable from OFFSET.
struct HttpGet {
    std::string url;
    int64_t offset = 0;          // bytes already held (Range request)
    int64_t cap = 0;             // most bytes this request may bring
    std::function<bool(const char*, size_t)> sink; // false: abort (write error)
    const TransferOptions* t = nullptr;
    int64_t received = 0;
    bool small = false;          // an index or a signature (capped by Tidings, not by an index)
    bool over_cap = false;
    bool restart = false;        // server ignored the Range: the sink must start again
    bool redirected = false;     // a 3xx answer: never followed, its body never kept
    bool bad_range = false;      // a 206 answer for another range than asked
    int64_t range_start = -1;    // from Content-Range of a 206 answer
    long code = 0;
    CURL* curl = nullptr;

    static size_t on_header(char* data, size_t size, size_t n, void* self_ptr) {
        auto* self = static_cast<HttpGet*>(self_ptr);
        const std::string_view line(data, size * n);
        constexpr std::string_view key = "content-range:";
        if (line.size() > key.size()) {
            bool match = true;
            for (size_t i = 0; i < key.size() && match; ++i)
                match = static_cast<char>(std::tolower(static_cast<unsigned char>(line[i]))) == key[i];
            if (match) { // "Content-Range: bytes START-END/TOTAL"
                const size_t bytes = line.find("bytes ");
                if (bytes != std::string_view::npos) {
                    int64_t start = -1;
                    const char* p = line.data() + bytes + 6;
                    auto [end, ec] = std::from_chars(p, line.data() + line.size(), start);
                    if (ec == std::errc() && end < line.data() + line.size() && *end == '-') self->range_start = start;
                }
            }
        }
        return size * n;
    }
    static size_t on_write(char* data, size_t size, size_t n, void* self_ptr) {
        auto* self = static_cast<HttpGet*>(self_ptr);
        const size_t bytes = size * n;
        if (self->received == 0) {
            curl_easy_getinfo(self->curl, CURLINFO_RESPONSE_CODE, &self->code);
            if (self->code >= 300) { // FAILONERROR ends 4xx/5xx; a redirect's body is not ours
                self->redirected = true;
                return 0;
            }
            if (self->offset > 0 && self->code == 200) self->restart = true;
            if (self->offset > 0 && self->code == 206 && self->range_start != self->offset) {
                self->bad_range = true;
                return 0;
            }
        }
        const int64_t limit = self->restart ? self->cap + self->offset : self->cap;
        if (self->received + static_cast<int64_t>(bytes) > limit) {
            self->over_cap = true;
            return 0;
        }
        if (!self->sink(data, bytes)) return 0;
        self->received += static_cast<int64_t>(bytes);
        return bytes;
    }
    static int on_progress(void* self_ptr, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
        auto* self = static_cast<HttpGet*>(self_ptr);
        return self->t && stopped(*self->t) ? 1 : 0;
    }
};

class HttpSource final : public SyncSource {
  public:
    explicit HttpSource(std::string base) : base_(std::move(base)) {
        while (!base_.empty() && base_.back() == '/') base_.pop_back();
        const size_t scheme = base_.find("://");
        host_ = base_.substr(scheme + 3);
        host_ = host_.substr(0, host_.find('/'));
    }
    std::string label() const override { return host_; }

    Result<std::string> read_small(const std::string& name, size_t max_bytes, const TransferOptions& t) override {
        std::string out;
        HttpGet g;
        g.url = base_ + "/" + name;
        g.cap = static_cast<int64_t>(max_bytes);
        g.small = true;
        g.t = &t;
        g.sink = [&](const char* d, size_t n) {
            out.append(d, n);
            return true;
        };
        TIDINGS_TRY(run(g, name));
        return out;
    }

    Result<int64_t> fetch(const std::string& name, const std::string& dest, int64_t expected,
                          const TransferOptions& t) override {
        std::error_code ec;
        int64_t have = fs::exists(dest, ec) ? static_cast<int64_t>(fs::file_size(dest, ec)) : 0;
        if (have > expected) {
            fs::remove(dest, ec);
            have = 0;
        }
        if (have == expected) return int64_t{0};
        FILE* out = std::fopen(dest.c_str(), "ab");
        if (!out) return make_error(ErrorCode::Io, dest + ": cannot write: " + std::strerror(errno));
        HttpGet g;
        g.url = base_ + "/" + name;
        g.offset = have;
        g.cap = expected - have;
        g.t = &t;
        bool restarted = false;
        g.sink = [&](const char* d, size_t n) {
            if (g.restart && !restarted) { // the server sent the whole file: start the partial again
                restarted = true;
                if (std::fflush(out) != 0 || ::ftruncate(fileno(out), 0) != 0) return false;
                have = 0;
            }
            if (std::fwrite(d, 1, n, out) != n) return false;
            if (t.progress) t.progress(have + g.received + static_cast<int64_t>(n), expected);
            return true;
        };
        Status st = run(g, name);
        if (std::fclose(out) != 0 && st) st = make_error(ErrorCode::Io, dest + ": cannot write (disk full?)");
        if (!st) {
            // A partial copy the server will not continue (416: the file changed, or a 206 for
            // another range) is of no use: drop it, so the next try starts afresh.
            if (g.bad_range || g.code == 416) fs::remove(dest, ec);
            if (g.code == 416 && have > 0) return fetch(name, dest, expected, t);
            return st.error();
        }
        if (have + g.received != expected)
            return make_error(ErrorCode::Corrupt, host_ + " sent " + std::to_string(have + g.received) + " bytes of " +
                                                      name + ", but the index says " + std::to_string(expected) +
                                                      ": it is not the file the index lists; nothing was changed");
        return g.received;
    }

  private:
    Status run(HttpGet& g, const std::string& name) {
        curl_init_once();
        CURL* c = curl_easy_init();
        if (!c) return make_error(ErrorCode::Internal, "libcurl could not start");
        g.curl = c;
        char err[CURL_ERROR_SIZE] = {};
        curl_easy_setopt(c, CURLOPT_URL, g.url.c_str());
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L); // never to a host the user did not name
        curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "identity");
        curl_easy_setopt(c, CURLOPT_USERAGENT, "Tidings/" TIDINGS_VERSION);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, g.t->connect_timeout_s);
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, g.t->low_speed_bytes);
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, g.t->low_speed_time_s);
        curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &HttpGet::on_header);
        curl_easy_setopt(c, CURLOPT_HEADERDATA, &g);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &HttpGet::on_write);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &g);
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &HttpGet::on_progress);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, &g);
        if (g.offset > 0) curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(g.offset));
        CURLcode rc = curl_easy_perform(c);
        long code = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
        curl_easy_cleanup(c);
        if (g.code == 0) g.code = code;
        const std::string what = host_ + ": " + name;
        if (g.redirected || (rc == CURLE_OK && code >= 300))
            return make_error(ErrorCode::Refused, what + ": the server answered " + std::to_string(code) +
                                                      " (a redirect): Tidings fetches only from the address you gave");
        if (rc == CURLE_OK) return {};
        if (g.over_cap && g.small)
            return make_error(ErrorCode::Corrupt, what + " is larger than Tidings accepts (" + std::to_string(g.cap) +
                                                      " bytes): not a channel folder's file; nothing was changed");
        if (g.over_cap)
            return make_error(ErrorCode::Corrupt, what + ": the server sent more than the index declares: "
                                                         "refused, nothing was changed");
        if (g.bad_range)
            return make_error(ErrorCode::Corrupt, what + ": the server answered the resumed download with other "
                                                         "bytes than asked for; the partial copy is dropped, try again");
        if (rc == CURLE_ABORTED_BY_CALLBACK && g.t && stopped(*g.t))
            return make_error(ErrorCode::Cancelled, "cancelled: what was downloaded is kept for next time");
        if (rc == CURLE_HTTP_RETURNED_ERROR) {
            if (code == 404)
                return make_error(ErrorCode::NotFound, what + " is not on the server (404): check the address");
            if (code >= 500)
                return make_error(ErrorCode::Unavailable, what + ": the server answered " + std::to_string(code) +
                                                              " (a server error): try again later");
            return make_error(ErrorCode::Refused, what + ": the server answered " + std::to_string(code) +
                                                      " (it refuses the request): check the address");
        }
        if (rc == CURLE_OPERATION_TIMEDOUT)
            return make_error(ErrorCode::Unavailable, what + ": the server stalled (less than " +
                                                          std::to_string(g.t->low_speed_bytes) + " bytes/s for " +
                                                          std::to_string(g.t->low_speed_time_s) +
                                                          " s); what arrived is kept, try again later");
        if (rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY)
            return make_error(ErrorCode::Unavailable, "cannot reach " + host_ +
                                                          ": the name is not known (no network, or a typing "
                                                          "mistake in the address); try again when the network is up");
        if (rc == CURLE_COULDNT_CONNECT)
            return make_error(ErrorCode::Unavailable, "cannot reach " + host_ +
                                                          ": nothing answers there (the server is down, or the "
                                                          "network is); try again later");
        if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_SSL_CERTPROBLEM ||
            rc == CURLE_SSL_CACERT_BADFILE)
            return make_error(ErrorCode::Refused, host_ + ": its certificate cannot be trusted (" +
                                                      (err[0] ? std::string(err) : curl_easy_strerror(rc)) +
                                                      "): Tidings does not fetch from it. Check the address; a "
                                                      "private server's authority must be installed on this device");
        if (rc == CURLE_WEIRD_SERVER_REPLY || rc == CURLE_UNSUPPORTED_PROTOCOL)
            return make_error(ErrorCode::Corrupt, what + ": the answer is not HTTP (is this the right address and "
                                                         "port?); nothing was changed");
        if (rc == CURLE_WRITE_ERROR)
            return make_error(ErrorCode::Io, what + ": cannot write the download beside the library (disk full?)");
        return make_error(ErrorCode::Unavailable, what + ": " + (err[0] ? std::string(err) : curl_easy_strerror(rc)) +
                                                      "; what arrived is kept, try again later");
    }
    std::string base_, host_;
};

} // namespace

std::unique_ptr<SyncSource> folder_source(const std::string& dir, const std::string& label) {
    return std::make_unique<FolderSource>(dir, label);
}

Result<std::unique_ptr<SyncSource>> http_source(const std::string& base_url) {
    const bool http = base_url.rfind("http://", 0) == 0, https = base_url.rfind("https://", 0) == 0;
    if (!http && !https) return make_error(ErrorCode::Invalid, base_url + ": only http:// and https:// addresses");
    const std::string rest = base_url.substr(http ? 7 : 8);
    if (rest.empty() || rest[0] == '/' || rest.find_first_of(" \t\r\n@") != std::string::npos)
        return make_error(ErrorCode::Invalid, base_url + " is not an address Tidings can use");
    return std::unique_ptr<SyncSource>(std::make_unique<HttpSource>(base_url));
}

Result<std::unique_ptr<SyncSource>> open_source(const std::string& where) {
    if (where.find("://") != std::string::npos) return http_source(where);
    std::error_code ec;
    if (!fs::is_directory(where, ec)) return make_error(ErrorCode::NotFound, where + ": no such folder");
    return folder_source(where);
}

// [SECTION] Syncing

std::string SyncReport::summary() const {
    std::string s;
    if (bundles == 0) s = "already up to date";
    else
        s = std::to_string(added) + (added == 1 ? " new article, " : " new articles, ") + std::to_string(updated) +
            " updated, " + std::to_string(removed) + " withdrawn";
    s += " · " + format_bytes(bytes_transferred) + " · from " + source;
    return s;
}

namespace {

// Reads the index and its signature and verifies them with the key the library trusts.
Result<ChannelIndex> read_verified_index(Library& library, SyncSource& source, const TransferOptions& t) {
    auto text = source.read_small(kChannelIndexFile, kMaxChannelIndexBytes, t);
    if (!text) return text.error();
    auto sig_text = source.read_small(std::string(kChannelIndexFile) + ".minisig", kMinisignMaxSignatureFile, t);
    if (!sig_text) return sig_text.error();
    const std::string index_name = source.label() + " " + kChannelIndexFile;
    auto sig = parse_signature(*sig_text, index_name + ".minisig");
    if (!sig) return sig.error();
    std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(text->data()), text->size());
    auto channels = verify_trusted_bytes(library, bytes, *sig, index_name);
    if (!channels) return channels.error();
    auto index = parse_channel_index(*text, index_name);
    if (!index) return index.error();
    if (std::find(channels->begin(), channels->end(), index->channel) == channels->end())
        return make_error(ErrorCode::Refused, index_name + " is for channel '" + index->channel +
                                                  "', but it is signed with the key of channel '" + channels->front() +
                                                  "': refused, nothing was changed");
    return index;
}

} // namespace

Result<ChannelCheck> check_channel(Library& library, SyncSource& source, const TransferOptions& t) {
    auto index = read_verified_index(library, source, t);
    // A publisher replaces the signature and then the index: a reader between the two sees a
    // pair that does not match. One more read a moment later sees the finished folder.
    if (!index && index.error().code != ErrorCode::NotFound && index.error().code != ErrorCode::Cancelled &&
        index.error().code != ErrorCode::Unavailable && !stopped(t)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        index = read_verified_index(library, source, t);
    }
    if (!index) return index.error();
    ChannelCheck check;
    check.index = std::move(*index);
    auto current = library.channel(check.index.channel);
    if (!current) return current.error();
    check.applied = current.value() ? current.value()->applied_sequence : 0;
    if (check.applied > check.index.latest)
        return make_error(ErrorCode::Refused, source.label() + " holds older news than you have for channel '" +
                                                  check.index.channel + "' (sequence " +
                                                  std::to_string(check.index.latest) + " < " +
                                                  std::to_string(check.applied) + "): nothing to do");
    check.plan = plan_sync(check.index, check.applied);
    for (const auto& e : check.plan) check.plan_bytes += e.size;
    return check;
}

Result<SyncReport> sync_channel(Library& library, SyncSource& source, const SyncOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    SyncProgress prog;
    auto report_progress = [&] {
        if (!options.progress) return;
        prog.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        options.progress(prog);
    };
    TransferOptions t = options.transfer;
    SyncReport report;
    report.source = source.label();
    prog.phase = "index";
    report_progress();

    // [1] The signed index, verified before it is parsed, and the cheapest plan.
    auto check = check_channel(library, source, t);
    if (!check) return check.error();
    const ChannelIndex* index = &check->index;
    report.channel = index->channel;
    report.title = index->title;
    report.from_sequence = report.to_sequence = check->applied;
    const std::vector<IndexEntry>& plan = check->plan;
    report.bytes_planned = check->plan_bytes;
    report.used_full = !plan.empty() && plan.front().kind == BundleKind::Full;
    prog.steps = static_cast<int>(plan.size());
    prog.bytes_total = report.bytes_planned;

    if (plan.empty()) {
        prog.phase = "done";
        report_progress();
        return report;
    }

    // [2] Each bundle: fetch (resumable), check against the index, verify and apply.
    std::string work = options.work_dir;
    if (work.empty()) {
        const std::string lib = library.path();
        work = (lib.empty() || lib == ":memory:") ? fs::temp_directory_path().string()
                                                  : fs::path(lib).parent_path().string();
        if (work.empty()) work = ".";
    }
    const fs::path partial_dir = fs::path(work) / ".tidings-partial";
    std::error_code ec;
    fs::create_directories(partial_dir, ec);
    if (ec) return make_error(ErrorCode::Io, partial_dir.string() + ": cannot create: " + ec.message());
    fs::permissions(partial_dir, fs::perms::owner_all, fs::perm_options::replace, ec); // ours alone

    // Partial files of bundles not on this plan go once they are a day old (a broken transfer
    // of another channel, or of a bundle the index no longer lists): they are never resumed.
    {
        std::set<std::string> keep;
        for (const IndexEntry& e : plan) {
            keep.insert(e.sha256 + ".tidings");
            keep.insert(e.sha256 + ".tidings.minisig");
        }
        for (fs::directory_iterator it(partial_dir, ec), end; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (keep.count(name)) continue;
            auto age = fs::file_time_type::clock::now() - fs::last_write_time(it->path(), ec);
            if (!ec && age > std::chrono::hours(24)) fs::remove(it->path(), ec);
        }
    }

    int64_t done_before = 0; // bytes of earlier bundles of the plan
    for (const IndexEntry& e : plan) {
        ++prog.step;
        const std::string dest = (partial_dir / (e.sha256 + ".tidings")).string();
        prog.phase = "download";
        report_progress();
        auto sig_bytes = source.read_small(e.file + ".minisig", kMinisignMaxSignatureFile, t);
        if (!sig_bytes) return sig_bytes.error();
        TIDINGS_TRY(write_file_atomic(dest + ".minisig", *sig_bytes, 0600));
        const int64_t resumed_from = fs::exists(dest, ec) ? static_cast<int64_t>(fs::file_size(dest, ec)) : 0;
        const int64_t moved_before = report.bytes_transferred;
        int64_t kept = resumed_from; // bytes of this file already here before this transfer
        t.progress = [&](int64_t done, int64_t) {
            if (done < kept) kept = 0; // the source started the file again
            prog.bytes_done = done_before + done;
            prog.bytes_moved = moved_before + (done - kept);
            report_progress();
        };
        auto moved = source.fetch(e.file, dest, e.size, t);
        if (!moved) return moved.error();
        report.bytes_transferred += *moved + static_cast<int64_t>(sig_bytes->size());
        auto hash = sha256_file_hex(dest);
        if (!hash) return hash.error();
        if (*hash != e.sha256 && resumed_from > 0) {
            // The kept part came from an earlier, different copy: fetch the whole file once more.
            fs::remove(dest, ec);
            kept = 0;
            moved = source.fetch(e.file, dest, e.size, t);
            if (!moved) return moved.error();
            report.bytes_transferred += *moved;
            hash = sha256_file_hex(dest);
            if (!hash) return hash.error();
        }
        t.progress = nullptr;
        prog.bytes_done = done_before + e.size;
        if (*hash != e.sha256) {
            fs::remove(dest, ec);
            return make_error(ErrorCode::Corrupt, source.label() + ": " + e.file +
                                                      " is not the file its index lists (its hash differs): refused, "
                                                      "nothing was changed. The copy may be damaged or tampered with");
        }
        prog.phase = "verifying";
        report_progress();
        SignedApplyOptions sa;
        sa.signature_path = dest + ".minisig";
        sa.already_private = true;
        sa.apply.now_unix = options.now_unix;
        sa.apply.stop = t.stop;
        sa.apply.require_channel = index->channel;
        sa.apply.progress = [&](const ApplyProgress& p) {
            prog.phase = p.phase;
            prog.items_done = p.done;
            prog.items_total = p.total;
            report_progress();
        };
        auto applied_report = apply_signed_bundle(library, dest, sa);
        if (!applied_report) {
            Error err = applied_report.error();
            if (err.code != ErrorCode::Cancelled) { // a bundle that fails its checks is of no use later
                fs::remove(dest, ec);
                fs::remove(dest + ".minisig", ec);
            }
            // Name the file as the source has it.
            size_t pos;
            while ((pos = err.message.find(dest)) != std::string::npos)
                err.message.replace(pos, dest.size(), source.label() + "/" + e.file);
            return err;
        }
        if (applied_report->channel != index->channel || applied_report->sequence != e.sequence)
            return make_error(ErrorCode::Corrupt, e.file + " is not the bundle its index lists");
        fs::remove(dest, ec);
        fs::remove(dest + ".minisig", ec);
        ++report.bundles;
        report.added += applied_report->added;
        report.updated += applied_report->updated;
        report.removed += applied_report->removed;
        report.to_sequence = e.sequence;
        done_before += e.size;
    }
    if (report.bundles > 0) TIDINGS_TRY(library.checkpoint()); // here, not in the next small write
    prog.phase = "done";
    report_progress();
    return report;
}

} // namespace tidings
