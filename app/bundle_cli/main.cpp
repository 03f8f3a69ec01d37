// tidings-bundle: the editors' and admins' command-line program. Dispatches to one command.
#include "cli.h"

#include <cstdio>
#include <cstring>

namespace tidings::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        // Each command registers here; its code lives in cmd_<name>.cpp.
        {"build", "build a full bundle from a folder of articles and photos",
         "usage: tidings-bundle build SRC_DIR -o FILE.tidings [--sequence N] [--created ISO] [--expires ISO] [--quiet]\n"
         "  SRC_DIR holds channel.txt and *.md articles (see core/BUNDLE_FORMAT.md).\n",
         cmd_build},
        {"import-page", "turn a news page copied as text into an article file", "usage: tidings-bundle import-page PAGE.txt -o SRC_DIR [--id ID] [--force] [--quiet]\n  Writes SRC_DIR/<id>.md (id from the title) and prints what it found.\n", cmd_import_page},
        {"apply", "verify and apply signed bundles to a library, each in one transaction",
         "usage: tidings-bundle apply --library LIBRARY.db BUNDLE.tidings [MORE...] [--signature FILE.minisig] [--quiet]\n"
         "  Each bundle needs its signature (BUNDLE.tidings.minisig) by the key the library trusts for\n"
         "  its channel (see 'trust'). The bundle is copied to a private file beside the library while it\n"
         "  is hashed, and that copy is verified and applied.\n", cmd_apply},
        {"verify", "check a bundle's signature and contents without applying it",
         "usage: tidings-bundle verify (--library LIBRARY.db | --key PUBLIC.pub) BUNDLE.tidings [--signature FILE.minisig]\n"
         "  With --library: verified with the key that library trusts for the signing key's channel.\n"
         "  With --key: verified with that public key (an editor checking their own signature).\n", cmd_verify},
        {"trust", "list or change which key a library trusts for each channel",
         "usage: tidings-bundle trust --library LIBRARY.db --channel ID PUBLIC.pub   trust a channel's first key\n"
         "       tidings-bundle trust --library LIBRARY.db --rotation STATEMENT      accept a signed key rotation\n"
         "       tidings-bundle trust --library LIBRARY.db [--clear-alert ID]         list channels, keys and alerts\n"
         "  PUBLIC.pub is a minisign public key file (or its bare RWQ... line). A channel that already\n"
         "  has a key moves to a new one only by a rotation statement signed with its current key.\n", cmd_trust},
        {"keygen", "make a minisign key pair for signing a channel's bundles",
         "usage: tidings-bundle keygen -o NAME [--unencrypted] [--force]\n"
         "  Writes NAME.key (secret; password from $TIDINGS_KEY_PASSWORD or asked) and NAME.pub.\n", cmd_keygen},
        {"sign", "sign bundles (FILE.minisig beside each), as minisign -S does",
         "usage: tidings-bundle sign --key SECRET.key BUNDLE.tidings [MORE...] [--quiet]\n"
         "       tidings-bundle sign --key SECRET.key --plain FILE [--comment TEXT]\n"
         "  The trusted comment names the bundle's channel, sequence and kind. Signatures are minisign's\n"
         "  format: 'minisign -V -p KEY.pub -m BUNDLE.tidings' verifies them.\n", cmd_sign},
        {"publish", "add a full bundle to a channel folder, with its delta and a signed index",
         "usage: tidings-bundle publish --key SECRET.key NEW.tidings CHANNEL_DIR [--keep-deltas N] [--quiet]\n"
         "  Copies NEW.tidings into CHANNEL_DIR as <channel>-<seq>.tidings, writes the delta from the\n"
         "  previous sequence, signs both, replaces the signed channel.index, and prunes: only the newest\n"
         "  full bundle and the newest N deltas (default 30) stay. See core/CHANNEL_FORMAT.md.\n", cmd_publish},
        {"sync", "bring a library up to date from a channel folder or web server",
         "usage: tidings-bundle sync --library LIBRARY.db (CHANNEL_DIR | http(s)://HOST/PATH) [--label NAME]\n"
         "         [--connect-timeout S] [--stall-seconds S] [--quiet]\n"
         "  Verifies the folder's signed index, takes the cheapest way (deltas or the full bundle),\n"
         "  resumes broken downloads, verifies and applies each bundle in its own transaction.\n"
         "  A server that sends less than 512 bytes/s for --stall-seconds (default 30) is given up;\n"
         "  so is one that does not accept a connection within --connect-timeout (default 15).\n", cmd_sync},
        {"rotate-key", "write a key rotation statement signed by a channel's current key",
         "usage: tidings-bundle rotate-key --channel ID --key CURRENT.key --new-key NEW.pub -o STATEMENT\n", cmd_rotate_key},
        {"search", "search a library's articles",
         "usage: tidings-bundle search --library LIBRARY.db \"words\" [--limit N] [--language xx]\n", cmd_search},
        {"info", "show what a bundle holds",
         "usage: tidings-bundle info BUNDLE.tidings [--articles]\n", cmd_info},
        {"diff", "write the delta bundle between two full bundles",
         "usage: tidings-bundle diff OLD.tidings NEW.tidings -o DELTA.tidings\n", cmd_diff},
        {"gen-corpus", "write a deterministic synthetic channel bundle (tests, benchmarks)",
         "usage: tidings-bundle gen-corpus --articles N --seed S -o FILE.tidings [--channel ID] [--title TEXT]\n"
         "         [--sequence K] [--change-fraction F] [--base-seed B] [--photos P] [--quiet]\n"
         "  Articles in en, hy, az, ka and ru with Zipf-law vocabularies and a pool of P synthetic photos\n"
         "  (default 200). The same arguments always give the same bytes. --sequence K gives the channel\n"
         "  on day K: each day after the first edits F of the articles (default 0.01), adds F/4 and\n"
         "  withdraws F/10, so 'diff' between days K-1 and K is small. Day 1 comes from --base-seed\n"
         "  (default: --seed), the changes from --seed.\n",
         cmd_gen_corpus},
        {"usage", "sum kiosk usage files (counts only) for the editor",
         "usage: tidings-bundle usage FILE_OR_FOLDER... [--top N]\n"
         "       tidings-bundle usage --library LIBRARY.db --device ID [--name TEXT] -o FOLDER\n"
         "  Reads tidings-usage-*.txt files written by kiosks (a folder stands for the usage files in\n"
         "  it) and prints visits, articles opened, searches and how many found nothing, the\n"
         "  languages visitors chose and the N most opened articles (default 10). When two files\n"
         "  come from the same kiosk, the newer counts. With --library: writes that library's\n"
         "  counters as FOLDER/tidings-usage-ID.txt (format: core/USAGE_FORMAT.md).\n",
         cmd_usage},
        {"bench", "measure generating, applying, searching and opening at scale",
         "usage: tidings-bundle bench [--articles 10000,100000] [--dir DIR] [--keep] [--seed S] [--runs R]\n"
         "         [--apply-runs A] [--photos P] [--opens N] [--no-delta] [--no-queries] [--profile-sql]\n"
         "         [--cache-mb N] [--fts-hashsize-mb N]\n"
         "       tidings-bundle bench --library FILE [--runs R] [--opens N] [--profile-sql]\n"
         "  For each size: generates a corpus, copies it (read/write + fsync) as a baseline, applies it\n"
         "  to a fresh library (A times, the median reported; by default 3 up to 20,000 articles, else\n"
         "  1), then times searches (a fixed set of ~35 queries in five languages, R = 20 runs each\n"
         "  after a warm-up), title suggestions, typing, article opens and a day-2 delta. Memory-heavy\n"
         "  phases run in child processes so each peak RSS is its own. Prints PASS/MISS against the\n"
         "  targets (search p95 <= 20 ms for every query, apply >= 2500 articles/s, flat apply\n"
         "  memory); a miss does not fail the command. --profile-sql lists the costliest SQL\n"
         "  statements of each phase.\n"
         "  Experiments: --cache-mb sets the library connections' page cache, --fts-hashsize-mb the\n"
         "  FTS5 in-memory index size of the fresh library. With --library it only times the\n"
         "  searches, suggestions, typing and opens on that existing library (e.g. one kept with --keep).\n",
         cmd_bench},
    };
    return all;
}

} // namespace tidings::cli

static void print_help() {
    std::printf("tidings-bundle %s: build, inspect and apply Tidings news bundles\n\n",
                TIDINGS_VERSION);
    std::printf("usage: tidings-bundle COMMAND [ARGS]\n\ncommands:\n");
    for (const auto& c : tidings::cli::commands()) std::printf("  %-12s %s\n", c.name, c.summary);
    std::printf("\n'tidings-bundle help COMMAND' shows a command's usage.\n");
}

int main(int argc, char** argv) {
    using namespace tidings::cli;
    if (argc < 2 || !std::strcmp(argv[1], "help") || !std::strcmp(argv[1], "--help") ||
        !std::strcmp(argv[1], "-h")) {
        if (argc >= 3) {
            for (const auto& c : commands()) {
                if (!std::strcmp(c.name, argv[2])) {
                    std::printf("%s", c.usage);
                    return 0;
                }
            }
        }
        print_help();
        return argc < 2 ? 2 : 0;
    }
    if (!std::strcmp(argv[1], "--version")) {
        std::printf("tidings-bundle %s\n", TIDINGS_VERSION);
        return 0;
    }
    std::vector<std::string> rest(argv + 2, argv + argc);
    for (const auto& c : commands()) {
        if (!std::strcmp(c.name, argv[1])) return c.run(rest);
    }
    return fail_usage(std::string("unknown command '") + argv[1] + "'");
}
