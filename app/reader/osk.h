// The on-screen keyboard's model, without SDL or ImGui: layouts (Latin with the Azerbaijani
// letters, Cyrillic, Armenian, Georgian, symbols, a PIN pad), shift, and what a key press does to
// a UTF-8 text (backspace removes a whole code point). screen_kiosk.cpp draws it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tidings::reader {

// The keyboards.
enum class OskLayoutId : uint8_t { Latin, Cyrillic, Armenian, Georgian, Symbols, Digits };
constexpr int kOskScriptLayouts = 4; // Latin .. Georgian: the ones the layout keys switch between

// What a key does.
enum class OskKeyKind : uint8_t {
    Char,      // inserts its text (upper case after shift, where the script has case)
    Shift,     // upper case for the next letter
    Backspace, // removes the last character (one code point)
    Space,     // inserts a space
    Layout,    // switches to another layout
    Done,      // the text is finished (search: hide the keyboard; PIN: check it)
};

// One key.
struct OskKey {
    OskKeyKind kind = OskKeyKind::Char;
    std::string text;   // Char: what it inserts (lower case); Layout: its label
    float width = 1.0f; // in key widths
    OskLayoutId target = OskLayoutId::Latin; // Layout: where it switches to
};

// A keyboard: rows of keys, top to bottom.
struct OskLayout {
    OskLayoutId id = OskLayoutId::Latin;
    const char* name = ""; // its label on layout keys: "ABC", "АБВ", "ԱԲԳ", "აბგ", "123"
    bool has_case = false; // shift makes capitals
    std::vector<std::vector<OskKey>> rows;
    // Widest row in key widths (the drawing scales keys so it fills the keyboard's width).
    float max_row_units() const;
};

// The layout ID (built once, lives as long as the program).
const OskLayout& osk_layout(OskLayoutId id);

// The script keyboard for an interface language code: hy Armenian, ka Georgian, ru Cyrillic,
// anything else Latin.
OskLayoutId osk_layout_for_language(std::string_view ui_lang_code);

// The capital of a lower-case key text: Latin (with ə ı ğ ş ç ö ü; i gives İ when DOTTED_I, as
// in Azerbaijani, else I), Cyrillic (with ё) and Armenian (և has no single capital and stays).
// Text without a capital is returned unchanged.
std::string osk_upper(std::string_view lower, bool dotted_i = false);

// Every character any keyboard can show or type, capitals included (for the glyph atlas).
std::string osk_all_text();

// The byte offset where the last code point of TEXT starts (TEXT.size() when empty).
size_t utf8_last_code_point(std::string_view text);

// What a press did.
enum class OskResult : uint8_t { Nothing, Changed, Done, LayoutChanged, ShiftChanged };

// A keyboard's state: the layout shown and shift.
class Osk {
  public:
    explicit Osk(OskLayoutId layout = OskLayoutId::Latin) : layout_(layout) {}

    OskLayoutId layout_id() const { return layout_; }
    const OskLayout& layout() const { return osk_layout(layout_); }
    // Shows LAYOUT, with shift off.
    void set_layout(OskLayoutId layout);
    bool shift() const { return shift_; }
    // i gives İ with shift (Azerbaijani).
    void set_dotted_i(bool on) { dotted_i_ = on; }

    // What KEY shows now (capitals while shift is on). Special keys have no text: empty.
    std::string label(const OskKey& key) const;

    // Applies KEY to TEXT, which may grow to at most MAX_BYTES bytes (a key that does not fit
    // inserts nothing). Shift ends after one character.
    OskResult press(const OskKey& key, std::string& text, size_t max_bytes);

    // The key of the current layout whose label or text is NAME, or a special key by name
    // ("shift", "backspace", "space", "done", "layout:ABC"). Null when there is none (scripts and
    // tests).
    const OskKey* find(std::string_view name) const;

  private:
    OskLayoutId layout_;    // shown now
    bool shift_ = false;    // next letter in capitals
    bool dotted_i_ = false; // Azerbaijani capital İ for i
};

} // namespace tidings::reader
