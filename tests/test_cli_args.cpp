// Tests for the CLI's argument parser: options, flags, positionals and errors.
#include "../app/bundle_cli/cli.h"

#include <catch2/catch.hpp>

using namespace tidings::cli;

TEST_CASE("parse_args splits options, flags and positionals", "[cli]") {
    auto r = parse_args({"in.txt", "-o", "out", "--quiet", "--limit=5", "--", "--raw"},
                        {"o", "limit"}, {"quiet"});
    REQUIRE(r.ok());
    CHECK(r->positional == std::vector<std::string>{"in.txt", "--raw"});
    CHECK(r->option("o") == "out");
    CHECK(r->option("limit") == "5");
    CHECK(r->flag("quiet"));
    CHECK_FALSE(r->option("missing").has_value());
}

TEST_CASE("parse_args rejects unknown options and missing values", "[cli]") {
    auto unknown = parse_args({"--frobnicate"}, {}, {});
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message.find("--frobnicate") != std::string::npos);
    auto missing = parse_args({"-o"}, {"o"}, {});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("needs a value") != std::string::npos);
}
