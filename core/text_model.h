// The text model of an article body: blocks and styled spans parsed from a safe Markdown subset.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tidings {

// Style bits of a span of text.
enum SpanStyle : uint8_t {
    SpanPlain = 0,
    SpanEmphasis = 1 << 0, // *text* or _text_
    SpanStrong = 1 << 1,   // **text** or __text__
    SpanCode = 1 << 2,     // `text`
    SpanLink = 1 << 3,     // [text](href): href is in Span::href
};

// A run of text with one style.
struct Span {
    std::string text; // UTF-8, no markup left
    uint8_t style = SpanPlain; // SpanStyle bits
    std::string href; // link target when style has SpanLink (http, https or mailto only)

    bool operator==(const Span&) const = default;
};

enum class BlockKind : uint8_t {
    Heading,   // level 1..3 (#, ##, ###; deeper levels are clamped to 3)
    Paragraph, // spans
    ListItem,  // one item of a list: ordered/number/depth say which list it belongs to
    Quote,     // a paragraph inside "> " quotation
    Photo,     // ![caption](ref "credit"): photo_ref is the target, caption and credit set
    Rule,      // --- thematic break
};

// One block of the body, drawn top to bottom.
struct Block {
    BlockKind kind = BlockKind::Paragraph;
    int level = 0;          // heading level 1..3; list nesting depth 0..3 for ListItem
    bool ordered = false;   // ListItem: numbered list
    int number = 0;         // ListItem in an ordered list: its number
    std::vector<Span> spans; // text of Heading, Paragraph, ListItem, Quote
    std::string photo_ref;  // Photo: as written (a file name in source, "photo:<hash>" in bundles)
    std::string caption;    // Photo: caption (alt text)
    std::string credit;     // Photo: credit (the title part of the image link)

    bool operator==(const Block&) const = default;
};

// A parsed body.
struct TextModel {
    std::vector<Block> blocks;
};

// Parses the Markdown subset. Never fails: anything unknown becomes plain text; raw HTML tags
// are dropped (their text content is kept), links other than http/https/mailto lose the link.
TextModel parse_markdown(std::string_view markdown);

// Plain text of the body for search and summaries: blocks separated by "\n\n", no markup.
std::string plain_text(const TextModel& model);

// Every photo_ref in the body, in order.
std::vector<std::string> photo_refs(const TextModel& model);

// Rewrites photo refs (e.g. file names to "photo:<hash>") in Markdown text, leaving the rest of
// the text byte-for-byte as it was. MAP is called with each ref and returns the replacement.
std::string rewrite_photo_refs(std::string_view markdown,
                               const std::function<std::string(std::string_view)>& map);

} // namespace tidings
