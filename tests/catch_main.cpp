// Catch2's main (its runner and reporters) for every test executable: test_shared (natively and as WebAssembly),
// test_server and test_client link it from the yiyang_catch_main library, so it is compiled once per build tree.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
