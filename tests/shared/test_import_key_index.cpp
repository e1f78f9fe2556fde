// The per-file index of natural keys (shared/import KeyIndex): every key found again with its first row, across
// the table's growth; keys that differ only in length or in their last byte stay apart.
#include <catch2/catch.hpp>

#include <string>

#include "yiyang/import.hpp"

namespace test_import_key_index {

using namespace yiyang;

TEST_CASE("key index: first rows across growth, near keys apart", "[import]") {
    KeyIndex index;
    for (int i = 0; i < 100000; ++i) CHECK(index.first_row("R" + std::to_string(i), i + 2) == -1);
    for (int i = 0; i < 100000; i += 997) CHECK(index.first_row("R" + std::to_string(i), 999999) == i + 2);
    CHECK(index.first_row("", 7) == -1);
    CHECK(index.first_row("", 8) == 7);
    CHECK(index.first_row("R1", 9) == 3);
    CHECK(index.first_row("R1 ", 10) == -1);
    CHECK(index.first_row(std::string("R1\0", 3), 11) == -1);
    CHECK(index.first_row("R100000", 12) == -1);
}

}  // namespace test_import_key_index
