// Source articles: reads and writes the editor-facing NAME.md file (key: value header + Markdown
// body).
//
// The file:
//
//     ---
//     id: brussels-meeting            (optional; see below)
//     title: Experts meet in Brussels
//     authors: Ann Lee; Bo Park       ("; " between names)
//     flags: editors_choice, popular  (", " between flags)
//     related: related | News | A title | Its summary, which may hold | or anything else
//     related: popular | @other-article-id
//     ---
//
//     Markdown body, kept byte for byte.
//
// Header values are one line each. The writer escapes what a line cannot hold, and the reader
// turns the escapes back: "\\" backslash, "\n" newline, "\r" carriage return, "\t" tab,
// "\xHH" any other ASCII control byte (and a space at the start or end of a value, which the
// reader would otherwise trim), "\|" "\;" "\," "\@" the separators of related lines, author and
// flag lists. A backslash before anything else is kept as written, so hand-typed values such as
// "C:\photos" read as typed.
//
// related: lines, one card each, in display order:
//     related: LIST | @ARTICLE-ID                         names an article only
//     related: LIST | KIND | TITLE | SUMMARY              a card (SUMMARY is optional)
//     related: LIST | @ARTICLE-ID | KIND | TITLE | SUMMARY both
//     related: LIST | TITLE                               shorthand for a card with no kind
// LIST is related, editors_choice or popular. SUMMARY is the rest of the line, so it may hold
// "|" as it is; in KIND and TITLE a "|" is written "\|", and a leading "@" is written "\@".
//
// id: when the header has no id, parse returns an empty id and the bundle builder uses the file
// name without ".md" (articles/brussels-meeting.md -> brussels-meeting).
//
// Round trip: parse_source_article(format_source_article(a)) == a for every article that
// parses at all, except that empty author names and empty flags are dropped.
#include "core/source_article.h"

#include "core/bundle_format.h"
#include "core/search_text.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

namespace tidings {

namespace {

// [SECTION] Escapes

// Appends VALUE escaped for a header line. EXTRA lists the separator bytes to escape as well.
// LEAD_AT escapes an "@" at the start (related fields, where "@" names an article id).
void append_escaped(std::string& out, std::string_view value, std::string_view extra = {},
                    bool lead_at = false) {
    for (size_t i = 0; i < value.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(value[i]);
        const bool edge = i == 0 || i + 1 == value.size();
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f || (c == ' ' && edge)) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else if (extra.find(static_cast<char>(c)) != std::string_view::npos ||
                   (lead_at && i == 0 && c == '@')) {
            out += '\\';
            out += static_cast<char>(c);
        } else {
            out += static_cast<char>(c);
        }
    }
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Turns the escapes of a header value back into the bytes they stand for.
std::string unescape(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c != '\\' || i + 1 == raw.size()) {
            out += c;
            continue;
        }
        const char n = raw[i + 1];
        switch (n) {
        case '\\':
            out += '\\';
            ++i;
            continue;
        case 'n':
            out += '\n';
            ++i;
            continue;
        case 'r':
            out += '\r';
            ++i;
            continue;
        case 't':
            out += '\t';
            ++i;
            continue;
        case '|':
        case ';':
        case ',':
        case '@':
            out += n;
            ++i;
            continue;
        case 'x':
            if (i + 3 < raw.size() && hex_digit(raw[i + 2]) >= 0 && hex_digit(raw[i + 3]) >= 0) {
                const int v = hex_digit(raw[i + 2]) * 16 + hex_digit(raw[i + 3]);
                if (v < 0x80) {
                    out += static_cast<char>(v);
                    i += 3;
                    continue;
                }
            }
            break;
        default:
            break;
        }
        out += c; // an unknown escape: the backslash stays as written
    }
    return out;
}

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_blank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && (is_blank(s.back()) || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// Splits RAW at SEP where SEP is not escaped, into at most MAX_PARTS parts (the last part keeps
// the rest of the line, separators included). Parts are trimmed but not unescaped.
std::vector<std::string_view> split_unescaped(std::string_view raw, char sep,
                                              size_t max_parts = std::string_view::npos) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\') {
            ++i;
            continue;
        }
        if (raw[i] == sep && parts.size() + 1 < max_parts) {
            parts.push_back(trim(raw.substr(start, i - start)));
            start = i + 1;
        }
    }
    parts.push_back(trim(raw.substr(start)));
    return parts;
}

// Non-empty items of a SEP-separated list value, unescaped.
std::vector<std::string> split_list(std::string_view raw, char sep) {
    std::vector<std::string> items;
    for (std::string_view part : split_unescaped(raw, sep))
        if (!part.empty()) items.push_back(unescape(part));
    return items;
}

// [SECTION] Keys

// The keys a header may hold, in the order format_source_article writes them.
constexpr std::array<std::string_view, 16> kKeys = {
    "id",      "title",  "language",   "section", "kind",  "published",     "updated",
    "authors", "source", "source_url", "summary", "photo", "photo_caption", "photo_credit",
    "flags",   "related"};

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            const char ca = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i - 1])));
            const char cb = b[j - 1];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (ca == cb ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

// " (did you mean 'title'?)" for a key one or two typos away from a known key, else "".
std::string suggestion_for(std::string_view key) {
    std::string_view best;
    size_t best_d = 3;
    for (std::string_view k : kKeys) {
        const size_t d = edit_distance(key, k);
        if (d < best_d) best_d = d, best = k;
    }
    return best.empty() ? std::string() : " (did you mean '" + std::string(best) + "'?)";
}

std::string list_names() {
    return "related, editors_choice or popular";
}

// Parses the value of one related: line.
Result<RelatedCard> parse_related(std::string_view raw, const std::string& where) {
    RelatedCard card;
    auto head = split_unescaped(raw, '|', 2);
    card.list = unescape(head[0]);
    if (!is_valid_related_list(card.list))
        return make_error(ErrorCode::Invalid,
                          where + ": related list '" + card.list + "' is not one of " +
                              list_names() +
                              " (write 'related: LIST | KIND | TITLE | SUMMARY' or "
                              "'related: LIST | @article-id')");
    if (head.size() < 2)
        return make_error(ErrorCode::Invalid,
                          where + ": related line names no card (write 'related: " + card.list +
                              " | KIND | TITLE | SUMMARY' or 'related: " + card.list +
                              " | @article-id')");
    std::string_view rest = head[1];
    if (!rest.empty() && rest.front() == '@') {
        auto id_part = split_unescaped(rest, '|', 2);
        card.article_id = unescape(id_part[0].substr(1));
        if (!is_valid_article_id(card.article_id))
            return make_error(
                ErrorCode::Invalid,
                where + ": related article id '" + card.article_id +
                    "' is not valid (use 1-80 of a-z, 0-9 and '-', starting with a letter "
                    "or digit)");
        rest = id_part.size() > 1 ? id_part[1] : std::string_view();
        if (id_part.size() == 1) return card; // "LIST | @id": no card text
    }
    auto fields = split_unescaped(rest, '|', 3);
    if (fields.size() == 1) {
        card.title = unescape(fields[0]);
    } else {
        card.kind = unescape(fields[0]);
        card.title = unescape(fields[1]);
        if (fields.size() == 3) card.summary = unescape(fields[2]);
    }
    if (card.article_id.empty() && card.title.empty())
        return make_error(ErrorCode::Invalid,
                          where + ": a related card needs a title or an @article-id");
    return card;
}

// Line number (1-based) of the first line of TEXT that is not valid UTF-8, or 0.
size_t first_bad_utf8_line(std::string_view text) {
    size_t line = 1;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        if (!is_valid_utf8(text.substr(start, end - start))) return line;
        start = end + 1;
        ++line;
    }
    return 0;
}

} // namespace

// [SECTION] Parse

Result<SourceArticle> parse_source_article(std::string_view text, std::string_view origin) {
    const std::string o(origin);
    if (!is_valid_utf8(text)) {
        const size_t bad = first_bad_utf8_line(text);
        return make_error(ErrorCode::Invalid,
                          o + ":" + std::to_string(bad ? bad : 1) +
                              ": not valid UTF-8 text (save the file as UTF-8)");
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3); // a byte order mark

    SourceArticle a;
    std::map<std::string, size_t> seen; // key -> line it first appeared on
    size_t pos = 0;
    size_t line_no = 0;
    bool header_open = false;
    bool header_closed = false;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        const size_t next = end == std::string_view::npos ? text.size() : end + 1;
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos = next;
        ++line_no;
        const std::string where = o + ":" + std::to_string(line_no);
        if (!header_open) {
            if (trim(line) != "---")
                return make_error(
                    ErrorCode::Invalid,
                    where + ": the file must start with a line '---' that opens the header "
                            "(then 'title: ...' and the other keys, then '---', then the body)");
            header_open = true;
            continue;
        }
        if (trim(line) == "---") {
            header_closed = true;
            break;
        }
        if (trim(line).empty()) continue;
        const size_t colon = line.find(':');
        std::string_view key =
            colon == std::string_view::npos ? std::string_view() : trim(line.substr(0, colon));
        const bool key_ok = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
        });
        if (!key_ok)
            return make_error(ErrorCode::Invalid,
                              where +
                                  ": this header line is not 'key: value' (is the closing '---' "
                                  "missing before the body?)");
        if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end())
            return make_error(ErrorCode::Invalid, where + ": unknown key '" + std::string(key) +
                                                      "'" + suggestion_for(key));
        const std::string k(key);
        if (k != "related") {
            auto [it, fresh] = seen.emplace(k, line_no);
            if (!fresh)
                return make_error(ErrorCode::Invalid, where + ": key '" + k +
                                                          "' appears twice (first on line " +
                                                          std::to_string(it->second) + ")");
        }
        const std::string_view raw = trim(line.substr(colon + 1));
        if (k == "related") {
            auto card = parse_related(raw, where);
            if (!card) return card.error();
            a.related.push_back(std::move(card.value()));
        } else if (k == "authors") {
            a.authors = split_list(raw, ';');
        } else if (k == "flags") {
            a.flags = split_list(raw, ',');
        } else {
            std::string value = unescape(raw);
            if (k == "id") {
                if (!is_valid_article_id(value))
                    return make_error(
                        ErrorCode::Invalid,
                        where + ": id '" + value.substr(0, 100) +
                            "' is not valid (use 1-80 of a-z, 0-9 and '-', starting with a "
                            "letter or digit), or leave it out to use the file name");
                a.id = std::move(value);
            } else if (k == "title")
                a.title = std::move(value);
            else if (k == "language")
                a.language = std::move(value);
            else if (k == "section")
                a.section = std::move(value);
            else if (k == "kind")
                a.kind = std::move(value);
            else if (k == "published")
                a.published = std::move(value);
            else if (k == "updated")
                a.updated = std::move(value);
            else if (k == "source")
                a.source_name = std::move(value);
            else if (k == "source_url")
                a.source_url = std::move(value);
            else if (k == "summary")
                a.summary = std::move(value);
            else if (k == "photo")
                a.photo = std::move(value);
            else if (k == "photo_caption")
                a.photo_caption = std::move(value);
            else if (k == "photo_credit")
                a.photo_credit = std::move(value);
        }
    }
    if (!header_open)
        return make_error(ErrorCode::Invalid,
                          o + ": the file is empty (an article starts with '---', a "
                              "'title: ...' line and '---')");
    if (!header_closed)
        return make_error(ErrorCode::Invalid,
                          o + ": the header is not closed: add a line '---' after "
                              "the last 'key: value' line");
    if (a.title.empty())
        return make_error(ErrorCode::Invalid,
                          o + ": the article has no title (add 'title: ...' to the header)");
    // One empty line after the closing '---' separates header and body; the rest is the body.
    if (text.substr(pos, 1) == "\n")
        pos += 1;
    else if (text.substr(pos, 2) == "\r\n")
        pos += 2;
    a.body = std::string(text.substr(pos));
    return a;
}

// [SECTION] Format

std::string format_source_article(const SourceArticle& a) {
    std::string out = "---\n";
    auto field = [&](std::string_view key, const std::string& value) {
        if (value.empty()) return;
        out += key;
        out += ": ";
        append_escaped(out, value);
        out += '\n';
    };
    auto list = [&](std::string_view key, const std::vector<std::string>& items, char sep) {
        std::string joined;
        for (const auto& item : items) {
            if (item.empty()) continue;
            if (!joined.empty()) joined += std::string(1, sep) + " ";
            append_escaped(joined, item, std::string_view(&sep, 1));
        }
        if (joined.empty()) return;
        out += key;
        out += ": " + joined + "\n";
    };
    field("id", a.id);
    field("title", a.title);
    field("language", a.language);
    field("section", a.section);
    field("kind", a.kind);
    field("published", a.published);
    field("updated", a.updated);
    list("authors", a.authors, ';');
    field("source", a.source_name);
    field("source_url", a.source_url);
    field("summary", a.summary);
    field("photo", a.photo);
    field("photo_caption", a.photo_caption);
    field("photo_credit", a.photo_credit);
    list("flags", a.flags, ',');
    for (const RelatedCard& r : a.related) {
        out += "related: ";
        append_escaped(out, r.list, "|", true);
        if (!r.article_id.empty()) {
            out += " | @";
            append_escaped(out, r.article_id, "|");
        }
        if (!r.kind.empty() || !r.title.empty() || !r.summary.empty()) {
            out += " | ";
            append_escaped(out, r.kind, "|", true);
            out += " | ";
            append_escaped(out, r.title, "|", true);
            if (!r.summary.empty()) {
                out += " | ";
                append_escaped(out, r.summary, {}, false);
            }
        }
        out += '\n';
    }
    out += "---\n";
    if (!a.body.empty()) out += "\n" + a.body;
    return out;
}

} // namespace tidings
