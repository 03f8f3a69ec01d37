// An article body laid out for the screen: the core's text model turned into positioned
// paragraphs, headings, list items, quotes, rules and photos at a given column width.
#pragma once

#include "app/reader/fonts.h"
#include "app/reader/rich_text.h"
#include "core/text_model.h"

#include <functional>
#include <string>
#include <vector>

namespace tidings::reader {

// One positioned block of the body.
struct DocItem {
    enum class Kind : uint8_t { Text, Photo, Rule };
    Kind kind = Kind::Text;
    BlockKind block = BlockKind::Paragraph; // what the text model called it
    float y = 0;            // top, relative to the body's top
    float h = 0;            // height
    float indent = 0;       // left indent (lists, quotes)
    RichLayout text;        // Text: the paragraph; Photo: the caption
    RichLayout credit;      // Photo: the credit line
    std::string marker;     // ListItem: "•" or "3."
    std::string photo;      // Photo: the photo hash ("photo:<hash>" refs), else the ref as written
    float photo_h = 0;      // Photo: image height (its width is the column width)
};

// The whole body at one width.
struct BodyLayout {
    std::vector<DocItem> items;     // top to bottom
    std::vector<std::string> links; // link targets; RichRun::link indexes into this
    float width = 0;                // column width it was laid out for
    float height = 0;               // total height
    int font_generation = -1;       // Fonts::generation it was made with
};

// Text model spans as rich text (emphasis, strong, code, links); link targets go to LINKS.
void spans_to_rich(const std::vector<Span>& spans, RichText& out, std::vector<std::string>& links,
                   uint8_t base_style = RichPlain);

// Lays out MODEL at WIDTH. ASPECT gives a photo's width/height by hash (0 when unknown:
// a 3:2 box is reserved).
BodyLayout layout_body(const TextModel& model, const Fonts& fonts, float width,
                       const std::function<float(const std::string& hash)>& aspect);

// The hash in a "photo:<hash>" ref, or the ref itself.
std::string photo_hash_of_ref(const std::string& ref);

// Reading time in whole minutes (at least 1) for TEXT, at about 220 words a minute.
int reading_minutes(const std::string& text);

} // namespace tidings::reader
