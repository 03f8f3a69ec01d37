// Delta bundles: the change from one full bundle of a channel to the next.
#pragma once

#include "core/result.h"

#include <cstdint>
#include <string>

namespace tidings {

// What make_delta() put in the delta.
struct DeltaReport {
    int64_t base_sequence = 0; // sequence of OLD
    int64_t sequence = 0;      // sequence of NEW
    int64_t changed = 0;       // new or changed articles carried
    int64_t withdrawn = 0;     // ids removed since OLD
    int64_t photos = 0;        // photos OLD did not have
    int64_t bytes = 0;         // size of the delta file
};

// Writes OUT_PATH: a delta that turns the state of full bundle OLD_PATH into that of full bundle
// NEW_PATH (same channel, higher sequence). It carries only new and changed articles, photos the
// old bundle lacks, and the ids that disappeared. Errors name the file; nothing is left at
// OUT_PATH on error.
Result<DeltaReport> make_delta(const std::string& old_path, const std::string& new_path,
                               const std::string& out_path);

} // namespace tidings
