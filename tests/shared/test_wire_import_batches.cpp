// The kept imports' page (GET /api/v1/imports) survives JSON both ways.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/wire/import_batches.hpp"

namespace test_wire_import_batches {

using namespace yiyang;

TEST_CASE("wire: a page of kept imports round-trips", "[wire]") {
    wire::ImportBatchSummary b;
    b.id = 12;
    b.list = "cremations";
    b.list_name = "火化名单";
    b.file_name = "火化名单 2024.xlsx";
    b.sha256 = std::string(64, 'a');
    b.file_kind = "xlsx";
    b.bytes = 5120;
    b.user_id = 2;
    b.username = "supervisor";
    b.imported_at = "2026-12-05T03:30:00";
    b.rows = 3;
    b.added = 2;
    b.changed = 1;
    CHECK(test::round_trip(b) == b);
    wire::ImportBatchPage page;
    page.items = {b};
    page.total = 41;
    page.page = 3;
    page.page_size = 20;
    const auto back = test::round_trip(page);
    CHECK(back.total == 41);
    CHECK(back.page == 3);
    REQUIRE(back.items.size() == 1);
    CHECK(back.items[0] == b);
}

}  // namespace test_wire_import_batches
