// Test helpers: temporary folders cleaned by RAII, file I/O, running the CLI.
#pragma once

#include "core/bundle_format.h"
#include "core/image.h"
#include "core/result.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tidings::test {

// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

  private:
    std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& p);
std::vector<uint8_t> read_bytes(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& content);
void write_bytes(const std::filesystem::path& p, const std::vector<uint8_t>& content);

// Output and exit status of a shell command (stdout and stderr together).
struct CommandResult {
    int exit_code = -1;  // exit status, or -1 when the command could not run
    std::string output;  // stdout + stderr
};
CommandResult run_command(const std::string& command_line);

// Path of the built tidings-bundle program, the sample bundle and the seed pages.
std::string bundle_cli();
std::string sample_bundle();
// The sample channel's public key (share/sample-channel.pub); the sample bundle is signed with it.
std::string sample_key();
std::string seeds_dir();
std::string source_dir();

// Quote a string for /bin/sh.
std::string shell_quote(const std::string& s);

// A real PNG file of IMG (8-bit RGB or RGBA, filter 0 on every row, stored deflate).
std::vector<uint8_t> make_png(const Image& img);
// A PNG whose valid header (right CRCs) claims W x H RGB pixels, followed by a few bytes of data.
std::vector<uint8_t> png_claiming(uint32_t w, uint32_t h);

// [Fixtures] small bundles written directly, for format and library tests.

// A small real JPEG (a gradient seeded by SEED), W x H pixels.
std::vector<uint8_t> tiny_jpeg(int w, int h, int seed);
// A photo record with a display image and a thumbnail made by tiny_jpeg.
BundlePhoto make_photo(int seed);
// An article with the given fields and a short Markdown body.
BundleArticle make_article(const std::string& id, const std::string& title, const std::string& language = "en",
                           const std::string& body = "Body text.", const std::string& published = "2024-01-01");

// Everything one bundle holds, for write_bundle().
struct BundleSpec {
    BundleHeader header;                            // channel, sequence, kind, times
    std::vector<BundleArticle> articles;            // in any order
    std::vector<std::vector<BundleRelated>> related; // per article (same index), may be shorter
    std::vector<BundlePhoto> photos;                // photos to include
    std::vector<std::string> withdrawn;             // withdrawn ids
};
// A header for channel CHANNEL at SEQUENCE, full, created 2026-01-01, expiring 2100.
BundleHeader make_header(const std::string& channel, int64_t sequence);
// Writes SPEC with BundleWriter; throws on error (tests only).
void write_bundle(const std::string& path, const BundleSpec& spec);

// A digest of every row of every table of the SQLite file at PATH (order-independent), to show
// that a refused operation left a library byte-for-byte equal in content.
std::string content_digest(const std::string& path);

} // namespace tidings::test
