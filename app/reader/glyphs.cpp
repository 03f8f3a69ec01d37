// GlyphSet: a bitset of BMP code points, ImGui glyph ranges, and a compact text form.
#include "app/reader/glyphs.h"

#include <bit>
#include <cstdio>

namespace tidings::reader {

namespace {
constexpr uint32_t kMaxCodepoint = 0xFFFF;
constexpr size_t kWords = (kMaxCodepoint + 1) / 64;
} // namespace

int utf8_next(const char* s, const char* e, uint32_t& cp) {
    if (s >= e) {
        cp = 0;
        return 0;
    }
    auto c = static_cast<unsigned char>(*s);
    int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || e - s < len) {
        cp = 0xFFFD;
        return 1;
    }
    if (len == 1) {
        cp = c;
        return 1;
    }
    uint32_t v = c & (0x7F >> len);
    for (int k = 1; k < len; ++k) {
        auto cc = static_cast<unsigned char>(s[k]);
        if ((cc & 0xC0) != 0x80) {
            cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (cc & 0x3F);
    }
    cp = v;
    return len;
}

GlyphSet::GlyphSet() : bits_(kWords, 0) {}

void GlyphSet::add(uint32_t cp) {
    if (cp > kMaxCodepoint || cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return;
    if (cp >= 0xD800 && cp <= 0xDFFF) return; // surrogates are not characters
    bits_[cp >> 6] |= uint64_t{1} << (cp & 63);
}

bool GlyphSet::contains(uint32_t cp) const {
    if (cp > kMaxCodepoint) return false;
    return (bits_[cp >> 6] >> (cp & 63)) & 1;
}

void GlyphSet::add_text(std::string_view text) {
    for_each_codepoint(text, [this](uint32_t cp) { add(cp); });
}

size_t GlyphSet::size() const {
    size_t n = 0;
    for (uint64_t w : bits_) n += static_cast<size_t>(std::popcount(w));
    return n;
}

bool GlyphSet::merge(const GlyphSet& other) {
    bool grew = false;
    for (size_t i = 0; i < kWords; ++i) {
        uint64_t before = bits_[i];
        bits_[i] |= other.bits_[i];
        grew |= bits_[i] != before;
    }
    return grew;
}

bool GlyphSet::covers(const GlyphSet& other) const {
    for (size_t i = 0; i < kWords; ++i)
        if ((other.bits_[i] & ~bits_[i]) != 0) return false;
    return true;
}

ImVector<ImWchar> GlyphSet::build_ranges() const {
    ImFontGlyphRangesBuilder builder;
    for (size_t w = 0; w < kWords; ++w) {
        uint64_t word = bits_[w];
        while (word) {
            int b = std::countr_zero(word);
            builder.AddChar(static_cast<ImWchar>(w * 64 + static_cast<size_t>(b)));
            word &= word - 1;
        }
    }
    ImVector<ImWchar> ranges;
    builder.BuildRanges(&ranges);
    return ranges;
}

std::string GlyphSet::serialize() const {
    std::string out;
    uint32_t cp = 0;
    char buf[32];
    while (cp <= kMaxCodepoint) {
        if (!contains(cp)) {
            ++cp;
            continue;
        }
        uint32_t end = cp;
        while (end + 1 <= kMaxCodepoint && contains(end + 1)) ++end;
        if (!out.empty()) out += ',';
        if (end == cp) std::snprintf(buf, sizeof buf, "%x", cp);
        else std::snprintf(buf, sizeof buf, "%x-%x", cp, end);
        out += buf;
        cp = end + 1;
    }
    return out;
}

GlyphSet GlyphSet::parse(std::string_view text) {
    GlyphSet g;
    size_t i = 0;
    auto hex = [&](uint32_t& v) {
        size_t start = i;
        v = 0;
        while (i < text.size() && i - start < 6) {
            char c = text[i];
            int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                  : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
            if (d < 0) break;
            v = v * 16 + static_cast<uint32_t>(d);
            ++i;
        }
        return i > start;
    };
    while (i < text.size()) {
        uint32_t a = 0, b = 0;
        if (!hex(a)) {
            ++i;
            continue;
        }
        b = a;
        if (i < text.size() && text[i] == '-') {
            ++i;
            if (!hex(b)) b = a;
        }
        if (b > kMaxCodepoint) b = kMaxCodepoint;
        for (uint32_t cp = a; cp <= b; ++cp) g.add(cp);
        if (i < text.size() && text[i] == ',') ++i;
    }
    return g;
}

} // namespace tidings::reader
