// The set of characters the font atlas must hold, collected from text (UI strings, articles).
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tidings::reader {

// Decodes one UTF-8 character at [S, E): sets CP and returns its length in bytes (1 for a
// malformed byte, which gives U+FFFD).
int utf8_next(const char* s, const char* e, uint32_t& cp);

// Calls EMIT for each code point of UTF-8 TEXT; malformed bytes are skipped.
template <class F> void for_each_codepoint(std::string_view text, F&& emit);

// A set of Unicode code points of the Basic Multilingual Plane (what ImGui's 16-bit ImWchar
// atlas can hold). Plain data: copyable, comparable, cheap to merge.
class GlyphSet {
  public:
    GlyphSet();

    // Adds every printable code point of UTF-8 TEXT (control characters are skipped).
    void add_text(std::string_view text);
    void add(uint32_t codepoint);
    bool contains(uint32_t codepoint) const;
    size_t size() const;
    // Adds OTHER's code points; true when that brought any new one.
    bool merge(const GlyphSet& other);
    // True when every code point of OTHER is here.
    bool covers(const GlyphSet& other) const;
    bool operator==(const GlyphSet& other) const { return bits_ == other.bits_; }

    // Zero-terminated ImGui glyph ranges built with ImFontGlyphRangesBuilder.
    ImVector<ImWchar> build_ranges() const;

    // Compact text form "20-7e,a0-17f,259" (hex ranges) for storing in the library's settings;
    // parse() ignores anything it cannot read.
    std::string serialize() const;
    static GlyphSet parse(std::string_view text);

  private:
    std::vector<uint64_t> bits_; // bit N set when code point N is in the set (0..0xFFFF)
};

// [Implementation of the template]
template <class F> void for_each_codepoint(std::string_view text, F&& emit) {
    size_t i = 0, n = text.size();
    while (i < n) {
        auto c = static_cast<unsigned char>(text[i]);
        uint32_t cp;
        size_t len;
        if (c < 0x80) { cp = c; len = 1; }
        else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; len = 2; }
        else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; len = 3; }
        else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; len = 4; }
        else { ++i; continue; }
        if (i + len > n) break;
        bool ok = true;
        for (size_t k = 1; k < len; ++k) {
            auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) { ok = false; break; }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (!ok) { ++i; continue; }
        emit(cp);
        i += len;
    }
}

} // namespace tidings::reader
