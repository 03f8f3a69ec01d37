// Sync: bring a library up to date from a channel folder on a stick or a web server, by the
// cheapest chain of deltas or a full bundle, each verified (trust rules) and applied in its own
// transaction. Downloads resume from a partial file kept beside the library.
//
// Index
//   [SECTION] Sources
//   [SECTION] Syncing
#pragma once

#include "core/bundle_apply.h"
#include "core/channel_index.h"
#include "core/library_store.h"
#include "core/result.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace tidings {

// [SECTION] Sources

// Limits of one transfer.
struct TransferOptions {
    long connect_timeout_s = 15;   // HTTP: give up connecting after this
    long low_speed_bytes = 512;    // HTTP: slower than this ...
    long low_speed_time_s = 30;    // ... for this long ends the transfer ("the server stalled")
    const std::atomic<bool>* stop = nullptr;                              // set to cancel
    std::function<void(int64_t done, int64_t total)> progress;            // bytes of this file
};

// Where a channel folder is: a directory (a stick) or an http(s) URL.
class SyncSource {
  public:
    virtual ~SyncSource() = default;
    // A small file of the folder (the index, a signature), at most MAX_BYTES.
    virtual Result<std::string> read_small(const std::string& name, size_t max_bytes, const TransferOptions& t) = 0;
    // Brings NAME into DEST, exactly EXPECTED_SIZE bytes. DEST may already hold a prefix (a
    // broken earlier transfer): sources that can resume continue after it. Never writes more
    // than EXPECTED_SIZE bytes. Returns the bytes transferred by this call.
    virtual Result<int64_t> fetch(const std::string& name, const std::string& dest, int64_t expected_size,
                                  const TransferOptions& t) = 0;
    // "USB stick NEWS-0311", "news.example.org".
    virtual std::string label() const = 0;
};

// A channel folder on a mounted volume. LABEL defaults to "folder <name>".
std::unique_ptr<SyncSource> folder_source(const std::string& dir, const std::string& label = {});
// A channel folder on a web server (BASE_URL ends at the folder; http or https only). Requests
// go to that host only: redirects are not followed.
Result<std::unique_ptr<SyncSource>> http_source(const std::string& base_url);
// A folder path or an http(s) URL.
Result<std::unique_ptr<SyncSource>> open_source(const std::string& where);

// [SECTION] Syncing

// Where a sync is.
struct SyncProgress {
    std::string phase;          // "index", "download", "verifying", "applying", then apply phases
    int step = 0, steps = 0;    // bundle being handled, bundles to handle
    int64_t bytes_done = 0;     // bytes of all bundles transferred so far (including resumed parts)
    int64_t bytes_total = 0;    // bytes of all bundles on the plan
    int64_t items_done = 0, items_total = 0; // within an apply phase
    double seconds = 0;         // since the sync started
};

struct SyncOptions {
    std::string work_dir;       // partial downloads (.tidings-partial/); default: beside the library
    int64_t now_unix = 0;       // clock for expiry (0 = system clock)
    TransferOptions transfer;   // timeouts, stop flag (progress is set by sync)
    std::function<void(const SyncProgress&)> progress;
};

// What a sync did.
struct SyncReport {
    std::string channel, title, source; // channel id and name; source label
    int64_t from_sequence = 0;           // applied before
    int64_t to_sequence = 0;             // applied after
    int bundles = 0;                     // bundles applied
    bool used_full = false;              // the plan took the full bundle
    int64_t added = 0, updated = 0, removed = 0;
    int64_t bytes_transferred = 0;       // bytes actually moved by this sync
    int64_t bytes_planned = 0;           // bytes of the bundles on the plan
    // "12 new articles, 3 updated, 1 withdrawn · 1.4 MB · from USB stick NEWS-0311", or
    // "already up to date · from ...".
    std::string summary() const;
};

// Syncs the channel whose folder SOURCE is: reads and verifies the signed index (with the key
// the library trusts for that channel), plans the cheapest way, fetches each bundle into a
// partial file (kept for resuming when a transfer breaks), checks its size and SHA-256 against
// the index, verifies its signature and applies it in its own transaction. Stops at the first
// failure with a message in plain words; bundles applied before it stay applied (each is
// complete), the failing one changes nothing.
Result<SyncReport> sync_channel(Library& library, SyncSource& source, const SyncOptions& options = {});

// "1.4 MB", "820 kB", "12 bytes".
std::string format_bytes(int64_t bytes);

} // namespace tidings
