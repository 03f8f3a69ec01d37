// Kiosk usage files: the library's usage counters (counts only, nothing about a person) as a
// small text file a kiosk writes to a USB stick for the editor. Format: core/USAGE_FORMAT.md.
#pragma once

#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tidings {

class Library;

// Counter names the reader uses (the format allows any name of its alphabet).
namespace usage {
inline constexpr const char* kVisits = "visits"; // idle resets after a visitor's input
inline constexpr const char* kArticlesOpened = "articles_opened"; // every article opened
inline constexpr const char* kArticlePrefix = "article."; // + CHANNEL/ID: opens of one article
inline constexpr const char* kSearches = "searches";      // searches a visitor finished
inline constexpr const char* kSearchesEmpty = "searches_empty"; // ...of which found nothing
inline constexpr const char* kUiLanguagePrefix =
    "ui_language."; // + en|hy|az|ka|ru: languages chosen
} // namespace usage

// One usage file's content.
struct UsageReport {
    std::string device;  // which kiosk: 1-64 of a-z 0-9 -
    std::string name;    // the kiosk's name for people ("Hall 2"); may be empty
    int64_t written = 0; // Unix seconds when the file was written
    std::vector<std::pair<std::string, int64_t>> counters; // name -> count, names unique
};

// Caps of the format (a usage file is small; anything bigger is not one).
inline constexpr size_t kUsageFileMaxBytes = 1u << 20;
inline constexpr size_t kUsageMaxCounters = 20000;

// True when NAME may be a counter name: 1-200 of a-z 0-9 . _ / : -
bool is_usage_counter_name(std::string_view name);
// True when ID may be a device id: 1-64 of a-z 0-9 -, starting with a letter or digit.
bool is_usage_device_id(std::string_view id);

// The file's text for REPORT, counters sorted by name. Invalid: a bad device id, name,
// counter name, negative count or duplicate counter (a programmer mistake made visible).
Result<std::string> format_usage(const UsageReport& report);

// Parses TEXT strictly (see USAGE_FORMAT.md); SOURCE names the file in messages. Errors:
// NotOurs (not a usage file), TooNew (a later format version), Invalid or Corrupt with the line
// number and what is wrong.
Result<UsageReport> parse_usage(std::string_view text, std::string_view source);

// Reads and parses the usage file at PATH (at most kUsageFileMaxBytes).
Result<UsageReport> read_usage_file(const std::string& path);

// The file name a device writes: "tidings-usage-DEVICE.txt".
std::string usage_file_name(std::string_view device);

// Writes REPORT into the folder DIR as usage_file_name(device), atomically (temporary file,
// fsync, rename, fsync of the folder): a pulled stick leaves the old file or the new one.
// Returns the path written. Errors: Invalid (see format_usage), Io naming the file.
Result<std::string> write_usage_file(const std::string& dir, const UsageReport& report);

// Library settings of the kiosk's identity in usage files.
inline constexpr const char* kUsageDeviceSetting = "kiosk.device_id"; // made once, at random
inline constexpr const char* kUsageNameSetting = "kiosk.name";        // set by staff; may be unset

// LIB's device id ("k-" and 12 random hex digits), made and stored on first use.
Result<std::string> usage_device_id(Library& lib);

// A report of LIB's usage counters for DEVICE (NAME optional), stamped WRITTEN.
Result<UsageReport> usage_report_from_library(Library& lib, const std::string& device,
                                              const std::string& name, int64_t written);

} // namespace tidings
