// The quarterly verification report's reply (GET /api/v1/verification/report) survives JSON both ways.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/wire/verification_report.hpp"

namespace test_wire_verification_report {

using namespace yiyang;

TEST_CASE("wire: the quarterly report round-trips, cells with and without drill codes", "[wire]") {
    wire::QuarterReport r;
    r.quarter = "2024-Q1";
    r.quarter_label_zh = "2024年第一季度";
    r.period_label_zh = "2024年1月-2024年3月";
    r.title_zh = "莆田市涵江区2024年第一季度居家养老服务项目核查报告";
    r.town_id = 3;
    r.town_name = "涵东街道";
    wire::ReportTable t;
    t.code = "physical";
    t.title_zh = "1、实体服务数量";
    t.columns = {"月份", "实体服务数量（人次）", "实体服务费（元）"};
    t.rows = {{{"2024年1月", {}, "", {}}, {"3456", 3456, "physical.records@2024-01", "3300"}, {"103680", 10368000, "physical.fee@2024-01", {}}},
              {{"合计", {}, "", {}}, {"9562", 9562, "physical.records", {}}, {"286860", 28686000, "physical.fee", {}}}};
    t.note_zh = "共计完成实体服务9562人次";
    r.tables = {t};
    r.previous_quarter = "2023-Q4";
    r.previous_available = true;
    r.recommendations_zh = "1、持续优化新增服务对象宣传与沟通";
    r.recommendations_default = false;
    r.rule_versions = {"verification_fees 2024-01-01", "verification_report 2024-01-01"};
    r.rounding = "truncate";
    r.decimals = 2;
    r.generated_at = "2026-12-05T07:00:00Z";
    r.masked = true;
    const auto back = test::round_trip(r);
    CHECK(back == r);
    REQUIRE(wire::find_cell(back, "physical.records") != nullptr);
    CHECK(wire::find_cell(back, "physical.records")->value == 9562);
    CHECK(wire::find_cell(back, "physical.records@2024-01")->previous == "3300");
    CHECK(wire::find_cell(back, "deaths.matched") == nullptr);

    // A district-wide report without previous figures: no town_id, no previous.
    r.town_id.reset();
    r.previous_available = false;
    r.tables[0].rows[0][1].previous.reset();
    CHECK(test::round_trip(r) == r);
}

}  // namespace test_wire_verification_report
