// tidings-bundle: shared command-line plumbing (argument parsing, messages) for every command.
#pragma once

#include "core/library_store.h"
#include "core/result.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tidings::cli {

// Parsed arguments of one command: positionals in order, --name value options, --flags.
struct Args {
    std::vector<std::string> positional;          // arguments without a leading --
    std::map<std::string, std::string> options;   // --name VALUE or --name=VALUE
    std::vector<std::string> flags;               // --name given without a value

    bool flag(const std::string& name) const;
    std::optional<std::string> option(const std::string& name) const;
};

// Splits ARGV (after the command word). VALUE_OPTIONS names the options that take a value;
// an unknown --option is an error naming it.
Result<Args> parse_args(const std::vector<std::string>& argv,
                        const std::vector<std::string>& value_options,
                        const std::vector<std::string>& flag_options);

// Library::open, saying on stderr when an older library is brought up to date first (a step may
// rebuild its search index: about a minute at 100,000 articles).
Result<Library> open_library(const std::string& path);

// Prints "tidings-bundle: MESSAGE" to stderr and returns the exit status for that error kind.
int fail(const Error& error);
int fail_usage(const std::string& message);

// One command: name, one-line help, usage and entry point.
struct Command {
    const char* name;                                // the word after tidings-bundle
    const char* summary;                             // one line for the command list
    const char* usage;                               // full usage text
    int (*run)(const std::vector<std::string>& argv); // returns the exit status
};

// Every command, in the order the help lists them. Defined in main.cpp.
const std::vector<Command>& commands();

// Entry points, one file each (cmd_<name>.cpp).
int cmd_build(const std::vector<std::string>& argv);
int cmd_import_page(const std::vector<std::string>& argv);
int cmd_apply(const std::vector<std::string>& argv);
int cmd_search(const std::vector<std::string>& argv);
int cmd_info(const std::vector<std::string>& argv);
int cmd_diff(const std::vector<std::string>& argv);
int cmd_gen_corpus(const std::vector<std::string>& argv);
int cmd_bench(const std::vector<std::string>& argv);
int cmd_verify(const std::vector<std::string>& argv);
int cmd_trust(const std::vector<std::string>& argv);
int cmd_usage(const std::vector<std::string>& argv);
// keygen, sign and rotate-key share cmd_sign.cpp.
int cmd_keygen(const std::vector<std::string>& argv);
int cmd_sign(const std::vector<std::string>& argv);
int cmd_rotate_key(const std::vector<std::string>& argv);
int cmd_publish(const std::vector<std::string>& argv);
int cmd_sync(const std::vector<std::string>& argv);

} // namespace tidings::cli
