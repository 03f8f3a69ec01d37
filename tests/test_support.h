// Test helpers: temporary folders cleaned by RAII, file I/O, running the CLI.
#pragma once

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
std::string seeds_dir();
std::string source_dir();

// Quote a string for /bin/sh.
std::string shell_quote(const std::string& s);

} // namespace tidings::test
