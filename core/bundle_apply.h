// Applying a bundle to the library in one transaction: checks, articles, photos, lists, search.
#pragma once

#include "core/bundle_format.h"
#include "core/library_store.h"
#include "core/result.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace tidings {

// Where an apply is, for progress displays.
struct ApplyProgress {
    const char* phase = "";  // "checking", "photos", "articles", "related", "finishing"
    int64_t done = 0;        // items done in this phase
    int64_t total = 0;       // items in this phase (0 when unknown)
};

struct ApplyOptions {
    BundleLimits limits;                                    // caps on what the bundle declares
    int64_t now_unix = 0;                                   // clock for expiry checks; 0 = system clock
    std::function<void(const ApplyProgress&)> progress;     // called now and then; may be empty
    const std::atomic<bool>* stop = nullptr;                // set to cancel; nothing is kept
    std::string require_channel; // when set, a bundle of any other channel is refused (the channel
                                 // whose trusted key verified the signature)
};

// What an apply did.
struct ApplyReport {
    std::string channel;        // channel id
    int64_t sequence = 0;       // the bundle's sequence
    BundleKind kind = BundleKind::Full;
    bool already_applied = false; // the library already had exactly this state: nothing changed
    int64_t added = 0;          // new articles
    int64_t updated = 0;        // changed articles
    int64_t unchanged = 0;      // articles already as the bundle has them
    int64_t removed = 0;        // withdrawn, or absent from a full bundle
    int64_t photos_added = 0;   // photos new to the library
    int64_t photos_removed = 0; // photos no article uses any more
    int64_t bundle_bytes = 0;   // size of the bundle file

    // "12 new articles, 3 updated, 1 withdrawn" in plain words.
    std::string summary() const;
};

// Applies the bundle at BUNDLE_PATH to LIBRARY in one transaction. Refuses (library unchanged):
// a damaged or foreign file, a bundle older than the channel's applied sequence, the same
// sequence with a different state (Conflict), a delta whose base is not the applied sequence
// (the message names the bundle needed), an expired bundle, a photo or field over the limits,
// a missing photo. Applying the bundle already applied changes nothing. Cancelled via
// OPTIONS.stop, or any failure, rolls everything back.
Result<ApplyReport> apply_bundle(Library& library, const std::string& bundle_path,
                                 const ApplyOptions& options = {});

} // namespace tidings
