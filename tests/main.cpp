// Catch2 test runner entry point (kept alone so test files rebuild without it).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
