// The export tables (wire/table.hpp): one column per cell in every row, the masked values as given, the Chinese
// file name, Ctrl+C's tab-separated line; and the KPI drill-down's failures (kpi.hpp failure_ids).
#include <catch2/catch.hpp>

#include "yiyang/kpi.hpp"
#include "yiyang/wire/table.hpp"

namespace test_wire_table {

using namespace yiyang;

TEST_CASE("failures are the denominator's records not in the numerator", "[kpi][table]") {
    CHECK(failure_ids({2, 3, 5}, {1, 2, 3, 4, 5, 6}) == std::vector<Id>{1, 4, 6});
    CHECK(failure_ids({}, {7, 8}) == std::vector<Id>{7, 8});
    CHECK(failure_ids({1, 2}, {1, 2}).empty());
    CHECK(failure_ids({4}, {}).empty());   // a count: no denominator list
}

TEST_CASE("order and elder tables: a cell per column, values as the wire rows hold them", "[table]") {
    WorkOrder o;
    o.id = 9;
    o.code = "GD202612040001";
    o.town_id = 1;
    o.provider_id = 3;
    o.status = OrderStatus::Dispatched;
    o.created_at = start_of(Date{2026, 12, 4}) + 10 * 3600;
    o.categories = {ServiceCategory::DailyCare};
    o.description = "需要\t上门";
    const auto t = wire::orders_table({wire::OrderView{o, 1, {}, true}}, {{1, "城关镇"}}, {{3, "颐康服务"}});
    REQUIRE(t.rows.size() == 1);
    CHECK(t.rows[0].size() == t.columns.size());
    CHECK(t.rows[0][0] == "GD202612040001");
    CHECK(t.rows[0][1] == "2026-12-04T10:00:00");
    CHECK(t.rows[0][5] == "城关镇");
    CHECK(t.rows[0][6] == "颐康服务");
    CHECK(t.rows[0][8] == "是");
    const auto line = wire::tsv_line(t.columns, t.rows[0]);
    CHECK(line.rfind("GD202612040001\t2026-12-04 10:00:00\t", 0) == 0);
    CHECK(line.find("需要 上门") != std::string::npos);   // a tab inside a cell does not split it

    Elder e;
    e.name = "郑**";
    e.id_number = "330102********1234";
    e.phone = "138****5678";
    e.age = 81;
    e.sex = "female";
    e.town_id = 1;
    const auto et = wire::elders_table({e}, {{1, "城关镇"}});
    CHECK(et.columns[2].header == "年龄");   // a masked role sees ages, not birth dates
    CHECK(et.rows[0] == std::vector<std::string>{"郑**", "女", "81", "330102********1234", "138****5678", "城关镇",
                                                 "", "", label_zh(ElderStatus::Active)});
    wire::Table named = et;
    named.exported_at = "2026-12-04 20:31";
    CHECK(wire::export_file_name(named, "xlsx") == "服务对象名册_2026-12-04.xlsx");
}

}  // namespace test_wire_table
