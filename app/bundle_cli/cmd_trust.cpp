// tidings-bundle trust: which key a library trusts for each channel (add, rotate, list, clear alerts).
#include "cli.h"
#include "keys.h"

#include "core/trust.h"

#include <cstdio>

namespace tidings::cli {

int cmd_trust(const std::vector<std::string>& argv) {
    auto args = parse_args(argv, {"library", "channel", "rotation", "clear-alert"}, {});
    if (!args) return fail_usage(args.error().message);
    auto library = args->option("library");
    const char* usage =
        "usage: tidings-bundle trust --library LIBRARY.db --channel ID PUBLIC.pub\n"
        "       tidings-bundle trust --library LIBRARY.db --rotation STATEMENT\n"
        "       tidings-bundle trust --library LIBRARY.db [--clear-alert ID]";
    if (!library) return fail_usage(usage);
    auto lib = open_library(*library);
    if (!lib) return fail(lib.error());

    if (auto channel = args->option("channel")) {
        if (args->positional.size() != 1 || args->option("rotation")) return fail_usage(usage);
        auto key = load_public_key(args->positional[0]);
        if (!key) return fail(key.error());
        if (auto st = trust_channel_key(*lib, *channel, *key); !st) return fail(st.error());
        std::printf("channel '%s' now trusts key %s\n", channel->c_str(), key_id_hex(key->key_id).c_str());
        return 0;
    }
    if (auto rotation = args->option("rotation")) {
        if (!args->positional.empty()) return fail_usage(usage);
        auto r = apply_key_rotation(*lib, *rotation);
        if (!r) return fail(r.error());
        std::printf("channel '%s' moved from key %s to key %s\n", r->channel.c_str(),
                    key_id_hex(r->old_key.key_id).c_str(), key_id_hex(r->new_key.key_id).c_str());
        return 0;
    }
    if (auto clear = args->option("clear-alert")) {
        auto st = lib->db().prepare("DELETE FROM settings WHERE key = ?");
        if (!st) return fail(st.error());
        st->bind(1, "alert.conflict." + *clear);
        if (auto r = st->run(); !r) return fail(r.error());
        std::printf("cleared the alert of channel '%s'\n", clear->c_str());
        return 0;
    }
    if (!args->positional.empty()) return fail_usage(usage);
    auto channels = lib->channels();
    if (!channels) return fail(channels.error());
    if (channels->empty()) std::printf("this library knows no channels yet\n");
    for (const ChannelInfo& c : *channels) {
        std::string key = "no key: its bundles are refused";
        if (!c.public_key.empty()) {
            auto k = parse_public_key(c.public_key);
            key = k ? "key " + key_id_hex(k->key_id) : "damaged key";
        }
        std::printf("%-24s %s, sequence %lld, %lld articles\n", c.id.c_str(), key.c_str(),
                    static_cast<long long>(c.applied_sequence), static_cast<long long>(c.article_count));
        if (auto alert = lib->setting("alert.conflict." + c.id); alert && alert.value())
            std::printf("  ALERT: %s\n", alert.value()->c_str());
    }
    return 0;
}

} // namespace tidings::cli
