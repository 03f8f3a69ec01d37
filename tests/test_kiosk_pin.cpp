// The kiosk's staff PIN: shape rules, salted hashes (never the PIN itself) in the library.
#include "test_support.h"

#include "core/kiosk_pin.h"
#include "core/library_store.h"

#include <catch2/catch.hpp>

using namespace tidings;
using namespace tidings::test;

TEST_CASE("a PIN is 4 to 12 digits", "[kiosk][pin]") {
    CHECK(check_pin_shape("1234").ok());
    CHECK(check_pin_shape("123456789012").ok());
    CHECK_FALSE(check_pin_shape("123").ok());
    CHECK_FALSE(check_pin_shape("1234567890123").ok());
    CHECK_FALSE(check_pin_shape("12a4").ok());
    CHECK_FALSE(check_pin_shape("").ok());
    CHECK_FALSE(hash_pin("12 34").ok());
}

TEST_CASE("the PIN is stored as a salted hash that only it matches", "[kiosk][pin]") {
    auto a = hash_pin("2468");
    auto b = hash_pin("2468");
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a.value() != b.value()); // salted: the same PIN hashes differently each time
    CHECK(a->find("2468") == std::string::npos);
    CHECK(a->rfind("$argon2id$", 0) == 0);
    CHECK(pin_matches("2468", a.value()));
    CHECK(pin_matches("2468", b.value()));
    CHECK_FALSE(pin_matches("2469", a.value()));
    CHECK_FALSE(pin_matches("24680", a.value()));
    CHECK_FALSE(pin_matches("2468", ""));
    CHECK_FALSE(pin_matches("2468", "$argon2id$garbage"));

    TempDir dir;
    auto lib = Library::open(dir.file("l.db"));
    REQUIRE(lib.ok());
    auto none = kiosk_pin_hash(lib.value());
    REQUIRE(none.ok());
    CHECK(none.value().empty());
    REQUIRE(set_kiosk_pin(lib.value(), "97531").ok());
    auto stored = kiosk_pin_hash(lib.value());
    REQUIRE(stored.ok());
    CHECK(stored->find("97531") == std::string::npos);
    CHECK(pin_matches("97531", stored.value()));
    CHECK_FALSE(set_kiosk_pin(lib.value(), "12").ok());
    auto kept = kiosk_pin_hash(lib.value());
    REQUIRE(kept.ok());
    CHECK(kept.value() == stored.value()); // a refused PIN changes nothing
}
