// Test helpers: temporary folders, file I/O and running commands.
#include "test_support.h"

#include "core/bundle_writer.h"
#include "core/hash.h"
#include "core/image.h"
#include "core/sqlite_db.h"

#include <algorithm>

#include <array>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace tidings::test {

TempDir::TempDir() {
    std::random_device rd;
    auto base = std::filesystem::temp_directory_path();
    for (int i = 0; i < 100; ++i) {
        auto p = base / ("tidings-test-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
        std::error_code ec;
        if (std::filesystem::create_directory(p, ec)) {
            path_ = p;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<uint8_t> read_bytes(const std::filesystem::path& p) {
    std::string s = read_file(p);
    return std::vector<uint8_t>(s.begin(), s.end());
}

void write_file(const std::filesystem::path& p, const std::string& content) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + p.string());
    out << content;
}

void write_bytes(const std::filesystem::path& p, const std::vector<uint8_t>& content) {
    write_file(p, std::string(content.begin(), content.end()));
}

CommandResult run_command(const std::string& command_line) {
    CommandResult result;
    std::string full = command_line + " 2>&1";
    FILE* pipe = popen(full.c_str(), "r");
    if (!pipe) return result;
    std::array<char, 4096> buf{};
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) result.output.append(buf.data(), n);
    int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::string bundle_cli() { return TIDINGS_BUNDLE_CLI; }
std::string sample_bundle() { return std::string(TIDINGS_BINARY_DIR) + "/share/sample.tidings"; }
std::string sample_key() { return std::string(TIDINGS_BINARY_DIR) + "/share/sample-channel.pub"; }
std::string seeds_dir() { return TIDINGS_SEEDS_DIR; }
std::string source_dir() { return TIDINGS_SOURCE_DIR; }

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

std::vector<uint8_t> tiny_jpeg(int w, int h, int seed) {
    Image img;
    img.width = w;
    img.height = h;
    img.channels = 3;
    img.pixels.resize(static_cast<size_t>(w * h * 3));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            uint8_t* p = &img.pixels[static_cast<size_t>((y * w + x) * 3)];
            p[0] = static_cast<uint8_t>((x * 255) / std::max(1, w - 1));
            p[1] = static_cast<uint8_t>((y * 255) / std::max(1, h - 1));
            p[2] = static_cast<uint8_t>(seed * 37);
        }
    return encode_jpeg(img, 80);
}

BundlePhoto make_photo(int seed) {
    BundlePhoto p;
    p.data = tiny_jpeg(64, 48, seed);
    p.width = 64;
    p.height = 48;
    p.thumb = tiny_jpeg(16, 12, seed);
    p.thumb_width = 16;
    p.thumb_height = 12;
    p.hash = sha256_hex(p.data);
    p.caption = "Caption " + std::to_string(seed);
    p.credit = "Credit " + std::to_string(seed);
    return p;
}

BundleArticle make_article(const std::string& id, const std::string& title, const std::string& language,
                           const std::string& body, const std::string& published) {
    BundleArticle a;
    a.id = id;
    a.title = title;
    a.language = language;
    a.body = body;
    a.published = published;
    a.summary = "Summary of " + title;
    a.section = "World";
    a.kind = "News";
    return a;
}

BundleHeader make_header(const std::string& channel, int64_t sequence) {
    BundleHeader h;
    h.channel = channel;
    h.channel_title = "Channel " + channel;
    h.sequence = sequence;
    h.created = "2026-01-01T00:00:00Z";
    h.expires = "2100-01-01T00:00:00Z";
    return h;
}

void write_bundle(const std::string& path, const BundleSpec& spec) {
    auto w = BundleWriter::create(path);
    if (!w) throw std::runtime_error(w.error().message);
    for (const auto& p : spec.photos)
        if (auto s = w->add_photo(p); !s.ok()) throw std::runtime_error(s.error().message);
    for (size_t i = 0; i < spec.articles.size(); ++i) {
        std::vector<BundleRelated> rel = i < spec.related.size() ? spec.related[i] : std::vector<BundleRelated>{};
        if (auto s = w->add_article(spec.articles[i], rel); !s.ok()) throw std::runtime_error(s.error().message);
    }
    for (const auto& id : spec.withdrawn)
        if (auto s = w->add_withdrawn(id); !s.ok()) throw std::runtime_error(s.error().message);
    if (auto s = w->finish(spec.header); !s.ok()) throw std::runtime_error(s.error().message);
}

std::string content_digest(const std::string& path) {
    auto db = Db::open(path, OpenMode::ReadOnly);
    if (!db) throw std::runtime_error(db.error().message);
    std::vector<std::string> names;
    {
        auto tables = db->prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                  "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name");
        if (!tables) throw std::runtime_error(tables.error().message);
        while (tables->step().value()) names.push_back(tables->column_text(0));
    }
    Sha256 all;
    for (const auto& name : names) {
        auto rows = db->prepare("SELECT * FROM \"" + name + "\"");
        if (!rows) throw std::runtime_error(rows.error().message);
        std::vector<std::string> lines;
        int cols = rows->column_count();
        for (;;) {
            auto r = rows->step();
            if (!r) throw std::runtime_error(r.error().message);
            if (!r.value()) break;
            Sha256 row;
            for (int c = 0; c < cols; ++c) {
                auto blob = rows->column_blob_view(c);
                row.field(std::string_view(reinterpret_cast<const char*>(blob.data()), blob.size()));
            }
            lines.push_back(row.finish_hex());
        }
        std::sort(lines.begin(), lines.end());
        all.field(name);
        for (const auto& l : lines) all.field(l);
    }
    return all.finish_hex();
}

// [SECTION] PNG files written by hand (for image and hostile-input tests)

namespace {

uint32_t crc32(const uint8_t* data, size_t size) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < size; ++i) {
        c ^= data[i];
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xFFFFFFFFu;
}

void put32(std::vector<uint8_t>& out, uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(uint8_t(v >> shift));
}

// Appends a PNG chunk: length, type, data, and the CRC of type and data.
void chunk(std::vector<uint8_t>& png, const char* type, const std::vector<uint8_t>& data) {
    put32(png, uint32_t(data.size()));
    const size_t start = png.size();
    png.insert(png.end(), type, type + 4);
    png.insert(png.end(), data.begin(), data.end());
    put32(png, crc32(&png[start], png.size() - start));
}

// A zlib stream holding DATA in stored (uncompressed) deflate blocks.
std::vector<uint8_t> zlib_stored(const std::vector<uint8_t>& data) {
    std::vector<uint8_t> z = {0x78, 0x01};
    size_t pos = 0;
    do {
        const size_t n = std::min<size_t>(65535, data.size() - pos);
        z.push_back(pos + n == data.size() ? 1 : 0);
        z.push_back(uint8_t(n));
        z.push_back(uint8_t(n >> 8));
        z.push_back(uint8_t(~n));
        z.push_back(uint8_t(~n >> 8));
        z.insert(z.end(), data.begin() + long(pos), data.begin() + long(pos + n));
        pos += n;
    } while (pos < data.size());
    uint32_t a = 1, b = 0;
    for (uint8_t byte : data) {
        a = (a + byte) % 65521;
        b = (b + a) % 65521;
    }
    put32(z, (b << 16) | a);
    return z;
}

std::vector<uint8_t> ihdr(uint32_t w, uint32_t h, uint8_t colour_type) {
    std::vector<uint8_t> d;
    put32(d, w);
    put32(d, h);
    d.insert(d.end(),
             {8, colour_type, 0, 0, 0}); // depth, colour type, deflate, filter, no interlace
    return d;
}

const std::vector<uint8_t> kPngSignature = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

} // namespace

// A real PNG file of IMG (8-bit RGB or RGBA, filter 0 on every row, stored deflate).
std::vector<uint8_t> make_png(const Image& img) {
    std::vector<uint8_t> raw;
    const size_t row = size_t(img.width) * img.channels;
    for (int y = 0; y < img.height; ++y) {
        raw.push_back(0);
        raw.insert(raw.end(), img.pixels.begin() + long(y * row),
                   img.pixels.begin() + long((y + 1) * row));
    }
    std::vector<uint8_t> png = kPngSignature;
    chunk(png, "IHDR", ihdr(uint32_t(img.width), uint32_t(img.height), img.channels == 4 ? 6 : 2));
    chunk(png, "IDAT", zlib_stored(raw));
    chunk(png, "IEND", {});
    return png;
}

// A PNG whose valid header claims W x H RGB pixels, followed by a few bytes of image data.
std::vector<uint8_t> png_claiming(uint32_t w, uint32_t h) {
    std::vector<uint8_t> png = kPngSignature;
    chunk(png, "IHDR", ihdr(w, h, 2));
    chunk(png, "IDAT", zlib_stored({0, 1, 2, 3, 4, 5, 6}));
    chunk(png, "IEND", {});
    return png;
}

} // namespace tidings::test
