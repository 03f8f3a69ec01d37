// tidings-bundle keygen, sign and rotate-key: the editor's side of signatures. Keys and
// signatures are in the minisign format, so `minisign -S` / `minisign -V` work on them too.
#include "cli.h"
#include "keys.h"

#include "core/bundle_reader.h"
#include "core/file_util.h"
#include "core/trust.h"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <sys/stat.h>

namespace tidings::cli {

namespace fs = std::filesystem;

int cmd_keygen(const std::vector<std::string>& argv) {
    auto args = parse_args(argv, {"o"}, {"unencrypted", "force"});
    if (!args) return fail_usage(args.error().message);
    auto out = args->option("o");
    if (!out || !args->positional.empty())
        return fail_usage("usage: tidings-bundle keygen -o NAME [--unencrypted] [--force]");
    const std::string pub = *out + ".pub", sec = *out + ".key";
    if (!args->flag("force"))
        for (const auto& p : {pub, sec})
            if (fs::exists(p))
                return fail(make_error(ErrorCode::Refused, p + " already exists: choose another name, or pass --force "
                                                              "to replace it (the old key is lost)"));
    std::string password;
    if (!args->flag("unencrypted")) {
        auto p = new_password();
        if (!p) return fail(p.error());
        password = *p;
    }
    auto files = generate_keypair(password);
    if (!files) return fail(files.error());
    if (auto st = write_file_atomic(sec, files->secret_key, 0600); !st) return fail(st.error());
    if (auto st = write_file_atomic(pub, files->public_key); !st) return fail(st.error());
    auto key = parse_public_key(files->public_key);
    std::printf("wrote %s (keep it secret%s) and %s (key %s: give it to readers' admins)\n", sec.c_str(),
                password.empty() ? ", it has no password" : "", pub.c_str(),
                key ? key_id_hex(key->key_id).c_str() : "?");
    return 0;
}

int cmd_sign(const std::vector<std::string>& argv) {
    auto args = parse_args(argv, {"key", "comment"}, {"plain", "quiet"});
    if (!args) return fail_usage(args.error().message);
    auto key_path = args->option("key");
    if (!key_path || args->positional.empty())
        return fail_usage("usage: tidings-bundle sign --key SECRET.key FILE [MORE...] [--plain --comment TEXT]");
    auto key = load_secret_key(*key_path);
    if (!key) return fail(key.error());
    for (const auto& path : args->positional) {
        Status st = args->flag("plain")
                        ? sign_plain_file(path, *key, args->option("comment").value_or(
                                                          default_trusted_comment(fs::path(path).filename().string(),
                                                                                  std::time(nullptr))))
                        : sign_bundle_file(path, *key);
        if (!st) return fail(st.error());
        if (!args->flag("quiet"))
            std::printf("signed %s with key %s: wrote %s.minisig\n", path.c_str(),
                        key_id_hex(key->key_id).c_str(), path.c_str());
    }
    return 0;
}

int cmd_rotate_key(const std::vector<std::string>& argv) {
    auto args = parse_args(argv, {"channel", "key", "new-key", "o"}, {});
    if (!args) return fail_usage(args.error().message);
    auto channel = args->option("channel"), old_key = args->option("key"), new_key = args->option("new-key"),
         out = args->option("o");
    if (!channel || !old_key || !new_key || !out || !args->positional.empty())
        return fail_usage("usage: tidings-bundle rotate-key --channel ID --key CURRENT.key --new-key NEW.pub -o STATEMENT");
    if (!is_valid_channel_id(*channel))
        return fail(make_error(ErrorCode::Invalid, "'" + *channel + "' is not a channel id"));
    auto secret = load_secret_key(*old_key);
    if (!secret) return fail(secret.error());
    auto next = load_public_key(*new_key);
    if (!next) return fail(next.error());
    if (*next == secret->public_key())
        return fail(make_error(ErrorCode::Invalid, *new_key + " is the current key: nothing to rotate"));
    if (auto st = write_file_atomic(*out, format_key_rotation(*channel, *next)); !st) return fail(st.error());
    if (auto st = sign_plain_file(*out, *secret,
                                  "tidings key rotation channel=" + *channel + " new=" + key_id_hex(next->key_id));
        !st)
        return fail(st.error());
    std::printf("wrote %s and %s.minisig: channel '%s' moves from key %s to key %s.\n"
                "Readers apply it with: tidings-bundle trust --library LIBRARY --rotation %s\n",
                out->c_str(), out->c_str(), channel->c_str(), key_id_hex(secret->key_id).c_str(),
                key_id_hex(next->key_id).c_str(), out->c_str());
    return 0;
}

} // namespace tidings::cli
