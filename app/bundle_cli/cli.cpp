// tidings-bundle: argument parsing and error reporting shared by every command.
#include "cli.h"

#include <algorithm>
#include <cstdio>

namespace tidings::cli {

bool Args::flag(const std::string& name) const {
    return std::find(flags.begin(), flags.end(), name) != flags.end();
}

std::optional<std::string> Args::option(const std::string& name) const {
    auto it = options.find(name);
    if (it == options.end()) return std::nullopt;
    return it->second;
}

Result<Args> parse_args(const std::vector<std::string>& argv,
                        const std::vector<std::string>& value_options,
                        const std::vector<std::string>& flag_options) {
    auto takes_value = [&](const std::string& n) {
        return std::find(value_options.begin(), value_options.end(), n) != value_options.end();
    };
    auto is_flag = [&](const std::string& n) {
        return std::find(flag_options.begin(), flag_options.end(), n) != flag_options.end();
    };
    Args args;
    bool only_positional = false;
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (only_positional || a.size() < 2 || a[0] != '-' || a == "-") {
            args.positional.push_back(a);
            continue;
        }
        if (a == "--") {
            only_positional = true;
            continue;
        }
        std::string name = a.substr(a[1] == '-' ? 2 : 1);
        std::string value;
        bool has_value = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            has_value = true;
        }
        if (takes_value(name)) {
            if (!has_value) {
                if (i + 1 >= argv.size())
                    return make_error(ErrorCode::Invalid, "option --" + name + " needs a value");
                value = argv[++i];
            }
            args.options[name] = value;
        } else if (is_flag(name) && !has_value) {
            args.flags.push_back(name);
        } else {
            return make_error(ErrorCode::Invalid, "unknown option --" + name);
        }
    }
    return args;
}

Result<Library> open_library(const std::string& path) {
    return Library::open(path, [&](int from, int to) {
        std::fprintf(
            stderr,
            "tidings-bundle: updating %s from schema %d to %d; rebuilding its search index can "
            "take a minute for a large library\n",
            path.c_str(), from, to);
    });
}

int fail(const Error& error) {
    std::fprintf(stderr, "tidings-bundle: %s\n", error.message.c_str());
    switch (error.code) {
    case ErrorCode::Invalid: return 2;
    case ErrorCode::Refused:
    case ErrorCode::Conflict: return 3;
    case ErrorCode::Busy: return 4;
    case ErrorCode::Cancelled: return 130;
    default: return 1;
    }
}

int fail_usage(const std::string& message) {
    std::fprintf(stderr, "tidings-bundle: %s\n(run 'tidings-bundle help' for usage)\n",
                 message.c_str());
    return 2;
}

} // namespace tidings::cli
