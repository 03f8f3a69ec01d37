// Turns a TextModel into positioned blocks: fonts per block kind, spacing, list markers, photos.
#include "app/reader/article_layout.h"

#include <algorithm>
#include <cmath>

namespace tidings::reader {

void spans_to_rich(const std::vector<Span>& spans, RichText& out, std::vector<std::string>& links,
                   uint8_t base_style) {
    for (const Span& s : spans) {
        uint8_t st = base_style;
        if (s.style & SpanStrong) st |= RichBold;
        if (s.style & SpanEmphasis) st ^= RichItalic; // emphasis inside an italic quote turns upright
        if (s.style & SpanCode) st |= RichCode;
        int link = -1;
        if ((s.style & SpanLink) && !s.href.empty()) {
            st |= RichLink;
            link = static_cast<int>(links.size());
            links.push_back(s.href);
        }
        out.add(s.text, st, link);
    }
}

std::string photo_hash_of_ref(const std::string& ref) {
    constexpr std::string_view prefix = "photo:";
    if (ref.compare(0, prefix.size(), prefix) == 0) return ref.substr(prefix.size());
    return ref;
}

int reading_minutes(const std::string& text) {
    size_t words = 0;
    bool in_word = false;
    for (char c : text) {
        bool space = c == ' ' || c == '\n' || c == '\t';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return std::max<int>(1, static_cast<int>((words + 110) / 220));
}

BodyLayout layout_body(const TextModel& model, const Fonts& fonts, float width,
                       const std::function<float(const std::string& hash)>& aspect) {
    BodyLayout out;
    out.width = width;
    out.font_generation = fonts.generation;
    const float em = fonts.body->FontSize;
    const float para_gap = std::round(em * 0.95f);
    RichFonts body{fonts.body, fonts.body_bold, fonts.body_italic, fonts.body_bold};
    RichFonts heading{fonts.heading, fonts.heading, fonts.heading, fonts.heading};
    RichFonts subheading{fonts.body_bold, fonts.body_bold, fonts.body_bold, fonts.body_bold};
    RichFonts small{fonts.small, fonts.small_bold, fonts.small, fonts.small_bold};

    float y = 0;
    BlockKind prev = BlockKind::Paragraph;
    bool first = true;
    for (const Block& b : model.blocks) {
        DocItem it;
        it.block = b.kind;
        // Space above: headings get more, consecutive list items less.
        float gap = para_gap;
        if (b.kind == BlockKind::Heading) gap = std::round(em * 1.6f);
        else if (b.kind == BlockKind::ListItem && prev == BlockKind::ListItem) gap = std::round(em * 0.4f);
        else if (b.kind == BlockKind::Quote && prev == BlockKind::Quote) gap = std::round(em * 0.5f);
        else if (prev == BlockKind::Heading) gap = std::round(em * 0.55f);
        else if (b.kind == BlockKind::Photo || prev == BlockKind::Photo) gap = std::round(em * 1.4f);
        if (!first) y += gap;
        first = false;
        prev = b.kind;

        switch (b.kind) {
        case BlockKind::Heading:
        case BlockKind::Paragraph:
        case BlockKind::ListItem:
        case BlockKind::Quote: {
            RichText t;
            uint8_t base = b.kind == BlockKind::Quote ? RichItalic : RichPlain;
            spans_to_rich(b.spans, t, out.links, base);
            RichParams params;
            params.width = width;
            params.line_height = 1.6f;
            const RichFonts* f = &body;
            if (b.kind == BlockKind::Heading) {
                f = b.level <= 2 ? &heading : &subheading;
                params.line_height = 1.3f;
            } else if (b.kind == BlockKind::ListItem) {
                it.indent = std::round(em * (1.6f + 1.3f * static_cast<float>(std::clamp(b.level, 0, 3))));
                it.marker = b.ordered ? std::to_string(b.number) + "." : (b.level % 2 ? "–" : "•");
            } else if (b.kind == BlockKind::Quote) {
                it.indent = std::round(em * 1.4f);
            }
            params.width = std::max(em * 4, width - it.indent);
            it.text = layout_rich(t, *f, params);
            it.h = it.text.height;
            break;
        }
        case BlockKind::Photo: {
            it.kind = DocItem::Kind::Photo;
            it.photo = photo_hash_of_ref(b.photo_ref);
            float a = aspect ? aspect(it.photo) : 0.0f;
            if (a <= 0.1f) a = 1.5f;
            it.photo_h = std::round(width / a);
            float h = it.photo_h;
            if (!b.caption.empty()) {
                RichText t;
                t.add(b.caption);
                RichParams params;
                params.width = width;
                params.line_height = 1.4f;
                it.text = layout_rich(t, small, params);
                h += std::round(em * 0.5f) + it.text.height;
            }
            if (!b.credit.empty()) {
                RichText t;
                t.add(b.credit);
                RichParams params;
                params.width = width;
                params.line_height = 1.4f;
                it.credit = layout_rich(t, small, params);
                h += (b.caption.empty() ? std::round(em * 0.5f) : 0.0f) + it.credit.height;
            }
            it.h = h;
            break;
        }
        case BlockKind::Rule:
            it.kind = DocItem::Kind::Rule;
            it.h = std::round(em * 1.5f);
            break;
        }
        it.y = y;
        y += it.h;
        out.items.push_back(std::move(it));
    }
    out.height = y;
    return out;
}

} // namespace tidings::reader
