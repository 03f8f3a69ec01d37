// Content hashing: SHA-256 of bytes, strings and whole files (streamed), as lowercase hex.
#pragma once

#include "core/result.h"

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace tidings {

// SHA-256 of BYTES as 64 lowercase hex digits.
std::string sha256_hex(std::span<const uint8_t> bytes);
std::string sha256_hex(std::string_view text);

// SHA-256 of a file, read in chunks (constant memory). Error names the file.
Result<std::string> sha256_file_hex(const std::string& path);

// Incremental SHA-256 for canonical serializations built from many fields.
class Sha256 {
  public:
    Sha256();
    // Adds bytes.
    void update(std::string_view data);
    // Adds a field as its length and bytes, so ("ab","c") and ("a","bc") differ.
    void field(std::string_view data);
    void field(int64_t number);
    std::string finish_hex();

  private:
    alignas(64) std::array<uint8_t, 128> state_{}; // crypto_hash_sha256_state, opaque here
};

// True when TEXT is 64 lowercase hex digits.
bool is_sha256_hex(std::string_view text);

} // namespace tidings
