// Content hashing: SHA-256 of bytes, strings and whole files (streamed), as lowercase hex.
#pragma once

#include "core/result.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

struct evp_md_ctx_st; // libcrypto's EVP_MD_CTX

namespace tidings {

// SHA-256 of BYTES as 64 lowercase hex digits.
std::string sha256_hex(std::span<const uint8_t> bytes);
std::string sha256_hex(std::string_view text);

// SHA-256 of a file, read in chunks (constant memory). Error names the file.
Result<std::string> sha256_file_hex(const std::string& path);

// Incremental SHA-256 for canonical serializations built from many fields. Move-only.
class Sha256 {
  public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&& other) noexcept;
    Sha256& operator=(Sha256&& other) noexcept;
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    // Adds bytes.
    void update(std::string_view data);
    // Adds a field as its length and bytes, so ("ab","c") and ("a","bc") differ.
    void field(std::string_view data);
    void field(int64_t number);
    // The digest as 64 hex digits; call once.
    std::string finish_hex();

  private:
    evp_md_ctx_st* ctx_ = nullptr; // libcrypto's running state (EVP_MD_CTX), owned
};

// True when TEXT is 64 lowercase hex digits.
bool is_sha256_hex(std::string_view text);

} // namespace tidings
