// Catch2 main for the API tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
