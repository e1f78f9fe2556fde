// Round trips of the death reconciliation and new-subject replies (wire/verification_deaths.hpp): what the server
// writes, the dashboard reads back unchanged (optional members absent or null alike).
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/wire/verification_deaths.hpp"

namespace test_wire_verification_deaths {

using namespace yiyang;

TEST_CASE("wire: deaths report with a drill-down page, contacts and mismatches", "[wire][verification]") {
    wire::DeathsReport r;
    r.quarter = "2024-Q1";
    r.quarter_label_zh = "2024年第一季度";
    r.town_id = 3;
    r.town_name = "国欢镇";
    r.window_from = "2023-11-01";
    r.window_to = "2023-12-31";
    r.window_default = true;
    r.window_note_zh = "默认";
    r.due_month = "2024-01";
    r.unit_fee_fen = 2000;
    r.rule_versions = {"hanjiang-2024-v1"};
    r.matched = 91;
    r.already_removed = 16;
    r.to_deduct = 75;
    r.deducted = 75;
    r.still_billed = 37;
    r.to_recover_fen = 74000;
    r.next_quarter = 150;
    r.contacted = 1;
    r.name_mismatches = {{"350303195001010012", "林阿妹", "林亚妹", "2023-12-01"}};
    r.drill_count = "next_quarter";
    r.people_total = 2;
    wire::DeathPerson a;
    a.id_number = "350303195001020014";
    a.name = "张三";
    a.died = "2024-02-01";
    a.opened = "2022-06-01";
    a.contact = wire::DeathContact{"confirmed_dead", "确认死亡", "2024-04-05", "其子接听", "supervisor", "2024-04-05T09:00:00"};
    wire::DeathPerson b = a;
    b.removed = "2024-02-10";
    b.billed_months = {"2024-01"};
    b.to_recover_fen = 2000;
    b.contact.reset();
    b.same_person_confirmed = true;
    r.people = {a, b};
    const auto back = test::round_trip(r);
    CHECK(back.people.at(0).contact->outcome_label_zh == "确认死亡");
    CHECK_FALSE(back.people.at(1).contact.has_value());
    CHECK(back.town_id == 3);

    wire::DeathsReport district;
    district.quarter = "2024-Q1";
    CHECK_FALSE(test::round_trip(district).town_id.has_value());
    CHECK(test::round_trip(wire::DeathContactRequest{"number_kept_self_paid", "2024-04-08", ""}).outcome ==
          "number_kept_self_paid");
}

TEST_CASE("wire: new-subjects report", "[wire][verification]") {
    wire::NewSubjectsReport r;
    r.quarter = "2024-Q1";
    r.checks_from = "2024-01-01";
    r.checks_to = "2024-04-30";
    r.eligibility_version = "e1";
    r.report_version = "r1";
    r.rounding = "truncate";
    r.months = {{"2024-01", "2024年1月", 11, 0, 0, 0}, {"2024-02", "2024年2月", 6, 0, 0, 0}, {"2024-03", "2024年3月", 58, 0, 3, 0}};
    r.total = {"2024-Q1", "2024年第一季度", 75, 0, 3, 0};
    r.ineligible = {{"350303195001010012", "李四", "", "", "2024-02-03", std::string("answered"), "接通", "电话核查：不符合条件"}};
    r.called = 75;
    r.outcomes = {{"answered", "接通", 27}};
    r.in_use = 51;
    r.usage_text = "68.00%";
    r.drill_month = "2024-03";
    r.drill_count = "empty";
    r.people = {{"350303195001010013", "王五", "", "", "2024-03-01", std::nullopt, "", ""}};
    const auto back = test::round_trip(r);
    CHECK(back.total.provided == 75);
    CHECK_FALSE(back.people.at(0).outcome.has_value());
    CHECK(back.ineligible.at(0).outcome == "answered");
}

}  // namespace test_wire_verification_deaths
