// Kiosk usage files: formatting, strict parsing, atomic writing (see usage_file.h).
#include "core/usage_file.h"

#include "core/file_util.h"
#include "core/library_store.h"
#include "core/search_text.h"
#include "core/time_util.h"

#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>

namespace tidings {

namespace {

constexpr std::string_view kMagic = "tidings-usage";
constexpr int kVersion = 1;
constexpr size_t kMaxNameBytes = 100; // the kiosk's name for people
constexpr int64_t kMaxCount = int64_t{1} << 62;

bool is_lower_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// True when TEXT is valid UTF-8 without control characters (one line of text for people).
bool is_plain_line(std::string_view text) {
    if (!is_valid_utf8(text)) return false;
    return std::none_of(text.begin(), text.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

// A count: decimal digits, no sign, no leading zero (except "0"), at most kMaxCount.
bool parse_count(std::string_view s, int64_t& out) {
    if (s.empty() || s.size() > 19 || (s.size() > 1 && s[0] == '0')) return false;
    int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    if (v > kMaxCount) return false;
    out = v;
    return true;
}

// TEXT's first 40 bytes in quotes, for messages.
std::string quoted(std::string_view text) {
    std::string s(1, '\'');
    s.append(text.substr(0, 40));
    s.push_back('\'');
    return s;
}

} // namespace

bool is_usage_counter_name(std::string_view name) {
    if (name.empty() || name.size() > 200) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return is_lower_alnum(c) || c == '.' || c == '_' || c == '/' || c == ':' || c == '-';
    });
}

bool is_usage_device_id(std::string_view id) {
    if (id.empty() || id.size() > 64 || !is_lower_alnum(id[0])) return false;
    return std::all_of(id.begin(), id.end(), [](char c) { return is_lower_alnum(c) || c == '-'; });
}

Result<std::string> format_usage(const UsageReport& report) {
    if (!is_usage_device_id(report.device))
        return make_error(ErrorCode::Invalid, "usage file: the device id '" + report.device +
                                                  "' is not 1-64 of a-z, 0-9 and '-'");
    if (report.name.size() > kMaxNameBytes || !is_plain_line(report.name))
        return make_error(ErrorCode::Invalid,
                          "usage file: the kiosk name must be one line of at most 100 bytes");
    if (report.counters.size() > kUsageMaxCounters)
        return make_error(ErrorCode::Invalid, "usage file: more than " +
                                                  std::to_string(kUsageMaxCounters) + " counters");
    std::map<std::string, int64_t> sorted;
    for (const auto& [name, count] : report.counters) {
        if (!is_usage_counter_name(name))
            return make_error(ErrorCode::Invalid,
                              "usage file: '" + name +
                                  "' is not a counter name (1-200 of a-z 0-9 . _ / : -)");
        if (count < 0 || count > kMaxCount)
            return make_error(ErrorCode::Invalid,
                              "usage file: the counter " + name + " is out of range");
        if (!sorted.emplace(name, count).second)
            return make_error(ErrorCode::Invalid,
                              "usage file: the counter " + name + " is listed twice");
    }
    std::string out;
    out += std::string(kMagic) + " " + std::to_string(kVersion) + "\n";
    out += "device " + report.device + "\n";
    if (!report.name.empty()) out += "name " + report.name + "\n";
    out += "written " + format_iso8601(report.written) + "\n";
    for (const auto& [name, count] : sorted)
        out += "count " + name + " " + std::to_string(count) + "\n";
    out += "end\n";
    return out;
}

Result<UsageReport> parse_usage(std::string_view text, std::string_view source) {
    const std::string src(source);
    auto bad = [&](size_t line, const std::string& what) {
        return make_error(ErrorCode::Invalid,
                          src + ", line " + std::to_string(line) + ": " + what +
                              " (a usage file is written by a Tidings kiosk; do not edit it)");
    };
    if (text.size() > kUsageFileMaxBytes)
        return make_error(ErrorCode::Invalid, src + " is over 1 MiB: it is not a usage file");
    // The first line says what the file is before anything else is judged.
    size_t first_end = text.find('\n');
    std::string_view first =
        text.substr(0, first_end == std::string_view::npos ? text.size() : first_end);
    if (first.substr(0, kMagic.size()) != kMagic ||
        (first.size() > kMagic.size() && first[kMagic.size()] != ' '))
        return make_error(ErrorCode::NotOurs,
                          src + " is not a Tidings usage file (it does not start with '" +
                              std::string(kMagic) + "')");
    int64_t version = 0;
    if (first.size() <= kMagic.size() + 1 ||
        !parse_count(first.substr(kMagic.size() + 1), version) || version < 1)
        return bad(1, "the format version is missing or not a number");
    if (version > kVersion)
        return make_error(ErrorCode::TooNew,
                          src + " is usage format " + std::to_string(version) +
                              ", made by a newer Tidings: update tidings-bundle to read it");
    if (text.empty() || text.back() != '\n')
        return make_error(
            ErrorCode::Corrupt,
            src + " ends in the middle of a line: the file was cut short (copy it again)");

    UsageReport r;
    bool have_device = false, have_name = false, have_written = false, ended = false;
    std::map<std::string, int64_t, std::less<>> seen;
    size_t line_no = 1;
    size_t pos = first_end + 1;
    while (pos < text.size()) {
        ++line_no;
        size_t end = text.find('\n', pos);
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        if (ended) return bad(line_no, "text after the 'end' line");
        if (line.find('\r') != std::string_view::npos)
            return bad(line_no, "a carriage return (the file was edited?)");
        if (line == "end") {
            ended = true;
            continue;
        }
        size_t sp = line.find(' ');
        if (sp == std::string_view::npos)
            return bad(line_no, quoted(line) + " is not a known line");
        std::string_view key = line.substr(0, sp), rest = line.substr(sp + 1);
        if (key == "device") {
            if (have_device) return bad(line_no, "a second 'device' line");
            if (!is_usage_device_id(rest))
                return bad(line_no, "the device id is not 1-64 of a-z, 0-9 and '-'");
            r.device = std::string(rest);
            have_device = true;
        } else if (key == "name") {
            if (have_name) return bad(line_no, "a second 'name' line");
            if (rest.empty() || rest.size() > kMaxNameBytes || !is_plain_line(rest))
                return bad(line_no, "the name is not one line of 1-100 bytes of UTF-8 text");
            r.name = std::string(rest);
            have_name = true;
        } else if (key == "written") {
            if (have_written) return bad(line_no, "a second 'written' line");
            auto t = parse_iso8601(rest);
            if (!t || format_iso8601(*t) != rest)
                return bad(line_no, "the time is not YYYY-MM-DDTHH:MM:SSZ");
            r.written = *t;
            have_written = true;
        } else if (key == "count") {
            size_t sp2 = rest.find(' ');
            if (sp2 == std::string_view::npos)
                return bad(line_no, "a count needs a name and a number");
            std::string_view name = rest.substr(0, sp2), number = rest.substr(sp2 + 1);
            if (!is_usage_counter_name(name))
                return bad(line_no, quoted(name) + " is not a counter name");
            int64_t n = 0;
            if (!parse_count(number, n))
                return bad(line_no,
                           "the count of " + std::string(name) + " is not a number of 0 or more");
            if (seen.count(name))
                return bad(line_no, "the counter " + std::string(name) + " is listed twice");
            if (seen.size() >= kUsageMaxCounters)
                return bad(line_no, "more than " + std::to_string(kUsageMaxCounters) + " counters");
            seen.emplace(std::string(name), n);
            r.counters.emplace_back(std::string(name), n);
        } else {
            return bad(line_no, quoted(key) + " is not a known line");
        }
    }
    if (!ended)
        return make_error(ErrorCode::Corrupt,
                          src + " has no 'end' line: the file was cut short (copy it again)");
    if (!have_device) return bad(line_no, "no 'device' line");
    if (!have_written) return bad(line_no, "no 'written' line");
    return r;
}

Result<UsageReport> read_usage_file(const std::string& path) {
    auto text = read_small_file(path, kUsageFileMaxBytes, "usage file");
    if (!text) return text.error();
    return parse_usage(text.value(), path);
}

std::string usage_file_name(std::string_view device) {
    return "tidings-usage-" + std::string(device) + ".txt";
}

Result<std::string> write_usage_file(const std::string& dir, const UsageReport& report) {
    auto text = format_usage(report);
    if (!text) return text.error();
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return make_error(ErrorCode::Io, dir + " is not a folder (is the stick mounted?)");
    std::string path = (std::filesystem::path(dir) / usage_file_name(report.device)).string();
    TIDINGS_TRY(write_file_atomic(path, text.value()));
    return path;
}

Result<UsageReport> usage_report_from_library(Library& lib, const std::string& device,
                                              const std::string& name, int64_t written) {
    auto counters = lib.counters();
    if (!counters) return counters.error();
    UsageReport r;
    r.device = device;
    r.name = name;
    r.written = written;
    for (const FacetCount& c : counters.value())
        if (is_usage_counter_name(c.value)) r.counters.emplace_back(c.value, c.count);
    return r;
}

Result<std::string> usage_device_id(Library& lib) {
    auto v = lib.setting(kUsageDeviceSetting);
    if (!v) return v.error();
    if (v.value() && is_usage_device_id(*v.value())) return *v.value();
    if (sodium_init() < 0)
        return make_error(ErrorCode::Internal, "libsodium could not be initialised");
    unsigned char bytes[6];
    randombytes_buf(bytes, sizeof bytes);
    static const char* hex = "0123456789abcdef";
    std::string id = "k-";
    for (unsigned char b : bytes) {
        id += hex[b >> 4];
        id += hex[b & 15];
    }
    TIDINGS_TRY(lib.set_setting(kUsageDeviceSetting, id));
    return id;
}

} // namespace tidings
