// tidings-bundle import-page: turns a news page copied as text into an article source file.
#include "cli.h"

#include "core/bundle_format.h"
#include "core/page_import.h"
#include "core/source_article.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace tidings::cli {

namespace {

namespace fs = std::filesystem;

Result<std::string> read_page(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return make_error(ErrorCode::NotFound,
                          path + ": no such file (give the page saved as a .txt file)");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in && !in.eof()) return make_error(ErrorCode::Io, path + ": cannot read the file");
    return ss.str();
}

// Writes TEXT to PATH through a temporary file, so a failure leaves no half-written article.
Status write_atomically(const fs::path& path, const std::string& text) {
    const fs::path tmp = path.string() + ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            std::error_code ec;
            fs::remove(tmp, ec);
            return make_error(ErrorCode::Io,
                              tmp.string() + ": cannot write (is the disk full or read-only?)");
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return make_error(ErrorCode::Io, path.string() + ": cannot write: " + ec.message());
    }
    return {};
}

// TEXT shortened to N characters (code points, not bytes) for a terminal line.
std::string clip(const std::string& text, size_t n) {
    size_t chars = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (chars++ == n) return text.substr(0, i) + "...";
    }
    return text;
}

} // namespace

int cmd_import_page(const std::vector<std::string>& argv) {
    auto args = parse_args(argv, {"o", "output", "id"}, {"force", "quiet"});
    if (!args) return fail_usage(args.error().message);
    auto out_dir = args->option("o") ? args->option("o") : args->option("output");
    if (args->positional.size() != 1 || !out_dir)
        return fail_usage(
            "usage: tidings-bundle import-page PAGE.txt -o SRC_DIR [--id ID] [--force] [--quiet]");
    const std::string page_path = args->positional[0];
    auto text = read_page(page_path);
    if (!text) return fail(text.error());
    auto imported = import_page(text.value(), page_path);
    if (!imported) return fail(imported.error());
    PageImport& page = imported.value();
    SourceArticle& a = page.article;

    if (auto id = args->option("id")) {
        if (!is_valid_article_id(*id))
            return fail_usage("--id '" + *id +
                              "' is not a valid article id (1-80 of a-z, 0-9 and '-')");
        a.id = *id;
    }
    if (a.id.empty()) a.id = slug_from_title(fs::path(page_path).stem().string());
    if (a.id.empty()) a.id = "article";

    const fs::path dir(*out_dir);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return fail(make_error(ErrorCode::Io,
                               dir.string() + ": cannot create the folder: " + ec.message()));
    const fs::path target = dir / (a.id + ".md");
    if (fs::exists(target, ec) && !args->flag("force"))
        return fail(make_error(ErrorCode::Refused,
                               target.string() +
                                   " already exists; use --force to replace it, or --id to "
                                   "choose another id"));
    const std::string formatted = format_source_article(a);
    // The file must read back as written; anything else is a bug here, not in the page.
    auto check = parse_source_article(formatted, target.string());
    if (!check)
        return fail(
            make_error(ErrorCode::Internal, "the article written for " + page_path +
                                                " does not read back: " + check.error().message));
    if (auto st = write_atomically(target, formatted); !st.ok()) return fail(st.error());

    if (args->flag("quiet")) return 0;
    std::printf("wrote %s\n", target.string().c_str());
    std::printf("  title      %s\n", a.title.c_str());
    std::printf("  id         %s\n", a.id.c_str());
    std::printf("  language   %s (guessed from the letters; check it)\n", a.language.c_str());
    std::printf("  published  %s\n",
                a.published.empty() ? "(none on the page)" : a.published.c_str());
    if (!a.updated.empty()) std::printf("  updated    %s\n", a.updated.c_str());
    std::string authors;
    for (const auto& name : a.authors)
        authors += (authors.empty() ? "" : "; ") + name;
    std::printf("  authors    %s\n", authors.empty() ? "(none on the page)" : authors.c_str());
    std::printf("  source     %s\n",
                a.source_name.empty() ? "(none on the page)" : clip(a.source_name, 70).c_str());
    if (!a.source_url.empty()) std::printf("  source_url %s\n", a.source_url.c_str());
    if (!a.photo_caption.empty())
        std::printf("  caption    %s\n", clip(a.photo_caption, 70).c_str());
    std::printf("  credit     %s\n",
                a.photo_credit.empty() ? "(none on the page)" : a.photo_credit.c_str());
    const char* from = page.summary_from == SummaryFrom::Standfirst       ? "standfirst"
                       : page.summary_from == SummaryFrom::FirstParagraph ? "first paragraph"
                                                                          : "none";
    std::printf("  summary    (%s) %s\n", from, clip(a.summary, 70).c_str());
    std::printf("  body       %d paragraphs, %d list items, %d subheadings\n", page.paragraphs,
                page.list_items, page.headings);
    int related = 0, editors = 0, popular = 0;
    for (const auto& r : a.related) {
        if (r.list == "related")
            ++related;
        else if (r.list == "editors_choice")
            ++editors;
        else
            ++popular;
    }
    std::printf("  related    %d related, %d editor's choice, %d popular\n", related, editors,
                popular);
    for (const auto& r : a.related)
        std::printf("    %-14s %s%s%s\n", r.list.c_str(),
                    r.kind.empty() ? "" : ("[" + r.kind + "] ").c_str(), clip(r.title, 70).c_str(),
                    r.summary.empty() ? "" : " (with summary)");
    std::printf("  dropped    %zu lines of site chrome\n", page.dropped.size());
    for (const auto& d : page.dropped)
        std::printf("    - %s\n", clip(d, 70).c_str());
    std::printf("next: add section, kind and flags, and a photo, then 'tidings-bundle build'\n");
    return 0;
}

} // namespace tidings::cli
