// The on-screen keyboard's layouts and key logic (see osk.h).
#include "app/reader/osk.h"

#include "core/search_text.h"

#include <algorithm>
#include <array>

namespace tidings::reader {

namespace {

// Decodes the first code point of S (valid UTF-8 from our own tables); 0 when empty.
char32_t first_code_point(std::string_view s) {
    if (s.empty()) return 0;
    auto b = static_cast<unsigned char>(s[0]);
    int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (s.size() < static_cast<size_t>(n)) return 0;
    char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (int i = 1; i < n; ++i)
        cp = (cp << 6) | (static_cast<unsigned char>(s[static_cast<size_t>(i)]) & 0x3F);
    return cp;
}

char32_t upper_of(char32_t c, bool dotted_i) {
    if (c == U'i') return dotted_i ? 0x0130 : U'I';
    if (c >= U'a' && c <= U'z') return c - 0x20;
    switch (c) {
    case 0x00E7:
        return 0x00C7; // ç
    case 0x00F6:
        return 0x00D6; // ö
    case 0x00FC:
        return 0x00DC; // ü
    case 0x011F:
        return 0x011E; // ğ
    case 0x015F:
        return 0x015E; // ş
    case 0x0131:
        return U'I'; // ı
    case 0x0259:
        return 0x018F; // ə
    case 0x0451:
        return 0x0401; // ё
    default:
        break;
    }
    if (c >= 0x0430 && c <= 0x044F) return c - 0x20; // а..я
    if (c >= 0x0561 && c <= 0x0586) return c - 0x30; // ա..ֆ (և, U+0587, has no single capital)
    return c;
}

// A row of Char keys from space-separated TEXT.
std::vector<OskKey> chars(std::string_view text) {
    std::vector<OskKey> row;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find(' ', pos);
        if (end == std::string_view::npos) end = text.size();
        if (end > pos)
            row.push_back(
                OskKey{OskKeyKind::Char, std::string(text.substr(pos, end - pos)), 1.0f, {}});
        pos = end + 1;
    }
    return row;
}

OskKey special(OskKeyKind kind, float width) {
    return OskKey{kind, {}, width, {}};
}

constexpr std::array<const char*, 6> kNames = {"ABC", "АБВ", "ԱԲԳ", "აბგ", "123", "123"};

// The bottom row of the script and symbol keyboards: the other keyboards, space, done.
std::vector<OskKey> bottom_row() {
    std::vector<OskKey> row;
    row.push_back(OskKey{OskKeyKind::Layout, kNames[4], 1.25f, OskLayoutId::Symbols});
    for (int i = 0; i < kOskScriptLayouts; ++i)
        row.push_back(OskKey{OskKeyKind::Layout, kNames[static_cast<size_t>(i)], 1.25f,
                             static_cast<OskLayoutId>(i)});
    row.push_back(special(OskKeyKind::Space, 4.0f));
    row.push_back(special(OskKeyKind::Done, 1.75f));
    return row;
}

// A row of letters with shift before and backspace after.
std::vector<OskKey> shifted_row(std::string_view letters) {
    std::vector<OskKey> row;
    row.push_back(special(OskKeyKind::Shift, 1.5f));
    for (OskKey& k : chars(letters))
        row.push_back(std::move(k));
    row.push_back(special(OskKeyKind::Backspace, 1.5f));
    return row;
}

std::vector<OskKey> with_backspace(std::vector<OskKey> row) {
    row.push_back(special(OskKeyKind::Backspace, 1.5f));
    return row;
}

OskLayout make_layout(OskLayoutId id) {
    OskLayout l;
    l.id = id;
    l.name = kNames[static_cast<size_t>(id)];
    switch (id) {
    case OskLayoutId::Latin: // QWERTY with the Azerbaijani letters at the ends of the rows
        l.has_case = true;
        l.rows = {chars("q w e r t y u i o p ü ğ"), chars("a s d f g h j k l ı ə ş"),
                  shifted_row("z x c v b n m ö ç"), bottom_row()};
        break;
    case OskLayoutId::Cyrillic: // ЙЦУКЕН with ё
        l.has_case = true;
        l.rows = {chars("й ц у к е н г ш щ з х ъ"), chars("ф ы в а п р о л д ж э ё"),
                  shifted_row("я ч с м и т ь б ю"), bottom_row()};
        break;
    case OskLayoutId::Armenian: // after the phonetic layout: all 38 letters and և
        l.has_case = true;
        l.rows = {chars("է թ փ ձ ջ և ր չ ճ ժ խ ծ"), chars("ք ո ե ռ տ ը ւ ի օ պ"),
                  chars("ա ս դ ֆ գ հ յ կ լ շ"), shifted_row("զ ղ ց վ բ ն մ"), bottom_row()};
        break;
    case OskLayoutId::Georgian: // after the QWERTY-mapped layout, its shifted letters on their own
                                // keys
        l.has_case = false;
        l.rows = {chars("ქ წ ე რ ტ ყ უ ი ო პ ჭ"), chars("ა ს დ ფ გ ჰ ჯ კ ლ ღ თ"),
                  with_backspace(chars("ზ ხ ც ვ ბ ნ მ შ ჩ ძ ჟ")), bottom_row()};
        break;
    case OskLayoutId::Symbols:
        l.rows = {chars("1 2 3 4 5 6 7 8 9 0"), chars("- / : ; ( ) « » \" '"),
                  with_backspace(chars(". , ? ! @ & # % +")), bottom_row()};
        break;
    case OskLayoutId::Digits: // the PIN pad
        l.rows = {chars("1 2 3"),
                  chars("4 5 6"),
                  chars("7 8 9"),
                  {special(OskKeyKind::Backspace, 1.0f), chars("0").front(),
                   special(OskKeyKind::Done, 1.0f)}};
        break;
    }
    return l;
}

} // namespace

float OskLayout::max_row_units() const {
    float best = 0;
    for (const auto& row : rows) {
        float w = 0;
        for (const OskKey& k : row)
            w += k.width;
        best = std::max(best, w);
    }
    return best;
}

const OskLayout& osk_layout(OskLayoutId id) {
    static const std::array<OskLayout, 6> all = {
        make_layout(OskLayoutId::Latin),    make_layout(OskLayoutId::Cyrillic),
        make_layout(OskLayoutId::Armenian), make_layout(OskLayoutId::Georgian),
        make_layout(OskLayoutId::Symbols),  make_layout(OskLayoutId::Digits)};
    return all[static_cast<size_t>(id)];
}

OskLayoutId osk_layout_for_language(std::string_view code) {
    if (code == "hy") return OskLayoutId::Armenian;
    if (code == "ka") return OskLayoutId::Georgian;
    if (code == "ru") return OskLayoutId::Cyrillic;
    return OskLayoutId::Latin;
}

std::string osk_upper(std::string_view lower, bool dotted_i) {
    std::string out;
    size_t pos = 0;
    while (pos < lower.size()) {
        char32_t c = first_code_point(lower.substr(pos));
        auto b = static_cast<unsigned char>(lower[pos]);
        size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        if (c == 0) return std::string(lower); // not UTF-8 from our tables: leave it alone
        append_utf8(out, upper_of(c, dotted_i));
        pos += n;
    }
    return out;
}

std::string osk_all_text() {
    std::string all;
    for (int i = 0; i <= static_cast<int>(OskLayoutId::Digits); ++i)
        for (const auto& row : osk_layout(static_cast<OskLayoutId>(i)).rows)
            for (const OskKey& k : row) {
                all += k.text;
                all += osk_upper(k.text, false);
                all += osk_upper(k.text, true);
            }
    return all;
}

size_t utf8_last_code_point(std::string_view text) {
    if (text.empty()) return 0;
    size_t i = text.size() - 1;
    // Step back over continuation bytes (10xxxxxx), at most three.
    for (int k = 0; k < 3 && i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; ++k)
        --i;
    return i;
}

void Osk::set_layout(OskLayoutId layout) {
    layout_ = layout;
    shift_ = false;
}

std::string Osk::label(const OskKey& key) const {
    if (key.kind == OskKeyKind::Layout) return key.text;
    if (key.kind != OskKeyKind::Char) return {};
    return shift_ && layout().has_case ? osk_upper(key.text, dotted_i_) : key.text;
}

OskResult Osk::press(const OskKey& key, std::string& text, size_t max_bytes) {
    switch (key.kind) {
    case OskKeyKind::Char: {
        std::string s = label(key);
        if (text.size() + s.size() > max_bytes) return OskResult::Nothing;
        text += s;
        shift_ = false;
        return OskResult::Changed;
    }
    case OskKeyKind::Space:
        if (text.size() + 1 > max_bytes) return OskResult::Nothing;
        text += ' ';
        return OskResult::Changed;
    case OskKeyKind::Backspace:
        if (text.empty()) return OskResult::Nothing;
        text.erase(utf8_last_code_point(text));
        return OskResult::Changed;
    case OskKeyKind::Shift:
        if (!layout().has_case) return OskResult::Nothing;
        shift_ = !shift_;
        return OskResult::ShiftChanged;
    case OskKeyKind::Layout:
        set_layout(key.target);
        return OskResult::LayoutChanged;
    case OskKeyKind::Done:
        return OskResult::Done;
    }
    return OskResult::Nothing;
}

const OskKey* Osk::find(std::string_view name) const {
    for (const auto& row : layout().rows)
        for (const OskKey& k : row) {
            switch (k.kind) {
            case OskKeyKind::Char:
                if (k.text == name || label(k) == name) return &k;
                break;
            case OskKeyKind::Shift:
                if (name == "shift") return &k;
                break;
            case OskKeyKind::Backspace:
                if (name == "backspace") return &k;
                break;
            case OskKeyKind::Space:
                if (name == "space") return &k;
                break;
            case OskKeyKind::Done:
                if (name == "done") return &k;
                break;
            case OskKeyKind::Layout:
                if (name.substr(0, 7) == "layout:" && name.substr(7) == k.text) return &k;
                break;
            }
        }
    return nullptr;
}

} // namespace tidings::reader
