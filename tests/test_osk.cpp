// The on-screen keyboard's model: complete alphabets, shift and capitals per script, backspace
// by whole code points, the byte limit, layout switching.
#include "app/reader/osk.h"
#include "core/search_text.h"

#include <catch2/catch.hpp>

#include <set>

using namespace tidings;
using namespace tidings::reader;

namespace {

// Every Char key's text in LAYOUT.
std::multiset<std::string> letters(OskLayoutId id) {
    std::multiset<std::string> out;
    for (const auto& row : osk_layout(id).rows)
        for (const OskKey& k : row)
            if (k.kind == OskKeyKind::Char) out.insert(k.text);
    return out;
}

// The code points of TEXT, each as its own string.
std::vector<std::string> split(std::string_view text) {
    std::vector<std::string> out;
    std::string s(text);
    while (!s.empty()) {
        size_t at = utf8_last_code_point(s);
        out.insert(out.begin(), s.substr(at));
        s.erase(at);
    }
    return out;
}

// Types KEYS (names as Osk::find takes them) into TEXT.
void type(Osk& osk, std::string& text, std::initializer_list<const char*> keys, size_t max = 100) {
    for (const char* k : keys) {
        const OskKey* key = osk.find(k);
        INFO("key " << k);
        REQUIRE(key != nullptr);
        osk.press(*key, text, max);
    }
}

} // namespace

TEST_CASE("each script keyboard holds its whole alphabet once", "[osk]") {
    struct Want {
        OskLayoutId id;
        const char* alphabet;
    };
    const Want wants[] = {
        {OskLayoutId::Latin, "abcdefghijklmnopqrstuvwxyzəığşçöü"},
        {OskLayoutId::Cyrillic, "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"},
        {OskLayoutId::Armenian, "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆև"},
        {OskLayoutId::Georgian, "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ"},
        {OskLayoutId::Symbols, "1234567890"},
        {OskLayoutId::Digits, "1234567890"},
    };
    for (const Want& w : wants) {
        INFO(osk_layout(w.id).name);
        auto keys = letters(w.id);
        for (const std::string& letter : split(w.alphabet)) {
            INFO(letter);
            CHECK(keys.count(letter) == 1);
        }
        for (const std::string& k : keys) {
            CHECK(is_valid_utf8(k));
            CHECK(split(k).size() == 1); // one character per key
        }
        if (w.id != OskLayoutId::Symbols) CHECK(keys.size() == split(w.alphabet).size());
    }
    // Every script and symbol keyboard can reach every other script keyboard and the symbols.
    for (int i = 0; i <= static_cast<int>(OskLayoutId::Symbols); ++i) {
        Osk osk(static_cast<OskLayoutId>(i));
        for (const char* name : {"ABC", "АБВ", "ԱԲԳ", "აბგ", "123"})
            CHECK(osk.find(std::string("layout:") + name) != nullptr);
        CHECK(osk.find("backspace") != nullptr);
        CHECK(osk.find("space") != nullptr);
        CHECK(osk.find("done") != nullptr);
    }
    // The glyph atlas gets every letter and capital of every keyboard.
    std::string all = osk_all_text();
    for (const char* c : {"ə", "Ə", "İ", "ё", "Ё", "ֆ", "Ֆ", "և", "ჭ", "«", "0"}) CHECK(all.find(c) != std::string::npos);
    // The PIN pad: digits, backspace and done only.
    Osk pad(OskLayoutId::Digits);
    CHECK(pad.find("space") == nullptr);
    CHECK(pad.find("layout:ABC") == nullptr);
    CHECK(pad.find("done") != nullptr);
}

TEST_CASE("shift gives one capital in each script that has them", "[osk]") {
    std::string text;
    Osk latin(OskLayoutId::Latin);
    type(latin, text, {"shift", "ə", "l", "i", "shift", "ş", "shift", "ı", "ç", "ö", "ü", "ğ"});
    CHECK(text == "ƏliŞIçöüğ");
    CHECK_FALSE(latin.shift());
    latin.set_dotted_i(true); // Azerbaijani
    text.clear();
    type(latin, text, {"shift", "i", "shift", "ı"});
    CHECK(text == "İI");
    latin.set_dotted_i(false);
    text.clear();
    type(latin, text, {"shift", "i"});
    CHECK(text == "I");

    Osk ru(OskLayoutId::Cyrillic);
    text.clear();
    type(ru, text, {"shift", "ё", "ж", "shift", "я"});
    CHECK(text == "ЁжЯ");

    Osk hy(OskLayoutId::Armenian);
    text.clear();
    type(hy, text, {"shift", "ա", "բ", "shift", "ֆ", "shift", "և"});
    CHECK(text == "ԱբՖև"); // և has no single capital
    // While shift is on, keys show capitals, and find() takes either.
    hy.press(*hy.find("shift"), text, 100);
    CHECK(hy.label(*hy.find("ա")) == "Ա");
    CHECK(hy.find("Ա") != nullptr);

    Osk ka(OskLayoutId::Georgian);
    text.clear();
    const OskKey* shift = ka.find("shift");
    CHECK(shift == nullptr); // Georgian has no case: no shift key
    type(ka, text, {"ს", "ა", "ქ"});
    CHECK(text == "საქ");
    CHECK(osk_upper("ა") == "ა");
}

TEST_CASE("backspace removes one whole character, whatever its length in bytes", "[osk]") {
    Osk osk(OskLayoutId::Latin);
    std::string text = "aə\xe1\x83\x90\xf0\x9f\x98\x80"; // a, ə (2 bytes), ა (3 bytes), 😀 (4 bytes)
    const OskKey& bs = *osk.find("backspace");
    CHECK(osk.press(bs, text, 100) == OskResult::Changed);
    CHECK(text == "aə\xe1\x83\x90");
    osk.press(bs, text, 100);
    CHECK(text == "aə");
    osk.press(bs, text, 100);
    CHECK(text == "a");
    CHECK(is_valid_utf8(text));
    osk.press(bs, text, 100);
    CHECK(text.empty());
    CHECK(osk.press(bs, text, 100) == OskResult::Nothing);
}

TEST_CASE("a key that does not fit the field inserts nothing", "[osk]") {
    Osk hy(OskLayoutId::Armenian);
    std::string text = "abc";
    CHECK(hy.press(*hy.find("ա"), text, 4) == OskResult::Nothing); // 2 bytes, 1 left
    CHECK(text == "abc");
    CHECK(hy.press(*hy.find("space"), text, 4) == OskResult::Changed);
    CHECK(text == "abc ");
    CHECK(hy.press(*hy.find("space"), text, 4) == OskResult::Nothing);
}

TEST_CASE("layout keys switch keyboards and drop shift, done says so", "[osk]") {
    Osk osk(OskLayoutId::Latin);
    std::string text;
    osk.press(*osk.find("shift"), text, 100);
    CHECK(osk.shift());
    CHECK(osk.press(*osk.find("layout:ԱԲԳ"), text, 100) == OskResult::LayoutChanged);
    CHECK(osk.layout_id() == OskLayoutId::Armenian);
    CHECK_FALSE(osk.shift());
    CHECK(osk.press(*osk.find("layout:123"), text, 100) == OskResult::LayoutChanged);
    type(osk, text, {"2", "0", "2", "3"});
    CHECK(text == "2023");
    CHECK(osk.press(*osk.find("done"), text, 100) == OskResult::Done);
    CHECK(text == "2023");

    CHECK(osk_layout_for_language("hy") == OskLayoutId::Armenian);
    CHECK(osk_layout_for_language("ka") == OskLayoutId::Georgian);
    CHECK(osk_layout_for_language("ru") == OskLayoutId::Cyrillic);
    CHECK(osk_layout_for_language("az") == OskLayoutId::Latin);
    CHECK(osk_layout_for_language("en") == OskLayoutId::Latin);
    // Rows are balanced enough to draw: no row is more than twice as wide as another.
    for (int i = 0; i < 6; ++i) {
        const OskLayout& l = osk_layout(static_cast<OskLayoutId>(i));
        for (const auto& row : l.rows) {
            float w = 0;
            for (const OskKey& k : row)
                w += k.width;
            CHECK(w * 2 >= l.max_row_units());
        }
    }
}
