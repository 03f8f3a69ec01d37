// The characters a library's text uses, so the font atlas can hold exactly those (and a
// fingerprint of the library's content, to know when they must be collected again).
#pragma once

#include "app/reader/glyphs.h"
#include "core/library_store.h"
#include "core/result.h"

#include <atomic>
#include <string>

namespace tidings::reader {

// The state of every channel in one string: when it changes, the library's text may have.
std::string library_fingerprint(Library& lib);

// Every character of the library's text: titles, summaries, bodies, sections and kinds (also in
// upper case, as labels show them), authors, sources, captions, credits, related cards, channel
// names, and the names of its languages. Reads the library's documented columns directly in one
// pass (the core has no call that streams all text). Cancelled (ErrorCode::Cancelled) by STOP.
Result<GlyphSet> collect_library_glyphs(Library& lib, const std::atomic<bool>& stop);

} // namespace tidings::reader
