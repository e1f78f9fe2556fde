// The physical-service flags' wire types (yiyang/wire/verification_physical.hpp) survive JSON both ways, optional
// members absent and present.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/wire/verification_physical.hpp"

namespace test_wire_verification_physical {

using namespace yiyang;
using yiyang::test::round_trip;

TEST_CASE("wire: the physical-service report, a flagged record and the request bodies round-trip", "[wire]") {
    wire::PhysicalServiceReport r;
    r.quarter = "2024-Q1";
    r.quarter_label_zh = "2024年第一季度";
    r.rule_versions = {"hanjiang-2024-v1"};
    r.months.push_back({"2024-01", "2024年1月", 3456, 3000, 10368000, 3455, 10365000});
    r.records = 9562;
    r.fee_fen = 28686000;
    r.not_payable = 1;
    r.not_payable_fee_fen = 3000;
    r.flagged = 1;
    r.flagged_total = 1;
    wire::PhysicalFlaggedRecord f;
    f.record_no = "FW000001";
    f.name = "张*";
    f.id_number = "350303**********12";
    f.day = "2024-01-20";
    f.start = "08:30";
    f.end = "09:20";
    f.status = "not_payable";
    f.status_label_zh = "不予结算";
    f.reasons.push_back({"after_death", "死亡后服务", "服务日期2024-01-20晚于死亡日期2024-01-10（火化名单）", {}, true});
    f.answers.push_back({7, "家属代签", 1, "t_provider", "2026-12-05 08:00:00"});
    r.items.push_back(f);
    r.masked = true;
    const auto back = round_trip(r);
    CHECK(!back.town_id);
    CHECK(!back.items[0].decision);

    r.town_id = 1;
    r.provider_id = 2;
    r.items[0].provider_id = 2;
    r.items[0].decision = wire::PhysicalDecisionView{false, "重复", "t_supervisor", "2026-12-05 08:00:00"};
    r.items[0].decisions = 2;
    const auto full = round_trip(r);
    CHECK(full.items[0].decision->reason == "重复");

    round_trip(wire::PhysicalDecisionRequest{true, "签到表证明"});
    round_trip(wire::PhysicalAnswerRequest{"已核实"});
}

}  // namespace test_wire_verification_physical
