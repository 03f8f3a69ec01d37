// Dates and times: ISO 8601 parsing and formatting in UTC, and plain-words dates for messages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tidings {

// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]Z" or with a "+HH:MM" offset, to Unix seconds (UTC).
// nullopt when the text is not such a date or names an impossible day.
std::optional<int64_t> parse_iso8601(std::string_view text);

// Formats Unix seconds as "YYYY-MM-DDTHH:MM:SSZ".
std::string format_iso8601(int64_t unix_seconds);

// Formats Unix seconds as "3 March 2026" for messages people read.
std::string format_day_in_words(int64_t unix_seconds);

} // namespace tidings
