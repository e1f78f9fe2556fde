// Tests for the target table's judgement (yiyang/target_table.hpp): which figure decides, the projection of a
// running year's counts, the end of the year, 按需, no data; and the whole table from two indicator replies.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/target_table.hpp"

namespace test_target_table {

using namespace yiyang;
using namespace yiyang::target_table;

namespace {

KpiTargetSet shipped() { return yiyang::test::load_json("assets/rules/kpi-targets.json").get<KpiTargetSet>(); }

wire::KpiItemReply figure(const KpiTarget& t, std::int64_t num, std::int64_t den, bool met) {
    wire::KpiItemReply r;
    r.code = t.code;
    r.applicable = true;
    r.value = wire::KpiFraction{num, den};
    r.met = met;
    return r;
}

wire::KpiItemReply none(const KpiTarget& t) {
    wire::KpiItemReply r;
    r.code = t.code;
    r.note = "人工填报";
    return r;
}

}  // namespace

TEST_CASE("target table: a monthly target is judged on the month, a yearly one on the year to date", "[target_table]") {
    const auto set = shipped();
    const auto year = project_year_of(set, Date{2026, 11, 1});
    const KpiTarget& sat = *set.find("satisfaction");   // ≥ 95 %, month
    auto j = judge(sat, figure(sat, 90, 100, false), none(sat), figure(sat, 99, 100, true), year, Date{2026, 11, 30});
    CHECK(j.status == Status::NotMet);                  // the year's 99 % does not rescue the month
    CHECK_FALSE(j.on_year);
    CHECK(j.basis_zh == "按本月");
    j = judge(sat, figure(sat, 96, 100, true), none(sat), figure(sat, 10, 100, false), year, Date{2026, 11, 30});
    CHECK(j.status == Status::Met);

    const KpiTarget& tr = *set.find("trainings");       // ≥ 6 in the project year
    j = judge(tr, figure(tr, 0, 1, false), none(tr), figure(tr, 6, 1, true), year, Date{2026, 11, 30});
    CHECK(j.status == Status::Met);
    CHECK(j.on_year);
}

TEST_CASE("target table: a running year's count is projected by days to the year's end", "[target_table]") {
    const auto set = shipped();
    const auto year = project_year_of(set, Date{2026, 8, 1});   // 2026-02-01 … 2027-01-31: 365 days
    const KpiTarget& tr = *set.find("trainings");                // ≥ 6
    CHECK(days_inclusive(year.first, year.last) == 365);
    // 2026-02-01 … 2026-07-31 is 181 days: 3 trainings project to 3 × 365 / 181 = 6.05 → on track.
    auto j = judge(tr, figure(tr, 0, 1, false), none(tr), figure(tr, 3, 1, false), year, Date{2026, 7, 31});
    CHECK(j.status == Status::OnTrack);
    REQUIRE(j.projection);
    CHECK(*j.projection == Ratio{3 * 365, 181});
    CHECK(j.projection_display == "6");
    CHECK(j.basis_zh == "按项目年度累计，预计全年 6");
    // One day later (182 days) the same 3 project to 6.016…, still on track; at 183 days 5.98 → behind, although
    // it still shows 6 when rounded: the judgement is on the exact ratio.
    CHECK(judge(tr, none(tr), none(tr), figure(tr, 3, 1, false), year, Date{2026, 8, 1}).status == Status::OnTrack);
    j = judge(tr, none(tr), none(tr), figure(tr, 3, 1, false), year, Date{2026, 8, 2});
    CHECK(j.status == Status::Behind);
    CHECK(j.projection_display == "6");
    // The year over: no projection, simply not met.
    j = judge(tr, none(tr), none(tr), figure(tr, 5, 1, false), year, Date{2027, 1, 31});
    CHECK(j.status == Status::NotMet);
    CHECK_FALSE(j.projection);
    // A day past the year counts as its end.
    CHECK(judge(tr, none(tr), none(tr), figure(tr, 5, 1, false), year, Date{2027, 3, 1}).status == Status::NotMet);
    // A yearly rate is not projected: not met so far.
    const KpiTarget& poor = *set.find("poor_provider_warn_remove_rate");
    j = judge(poor, none(poor), none(poor), figure(poor, 1, 2, false), year, Date{2026, 7, 31});
    CHECK(j.status == Status::NotMet);
    CHECK_FALSE(j.projection);
}

TEST_CASE("target table: as-needed rows are never judged, missing figures are no data", "[target_table]") {
    const auto set = shipped();
    const auto year = project_year_of(set, Date{2026, 11, 1});
    const KpiTarget& tel = *set.find("telephony_maintenance");
    CHECK(judge(tel, none(tel), none(tel), figure(tel, 0, 1, false), year, Date{2026, 11, 30}).status == Status::AsNeeded);
    const KpiTarget& sat = *set.find("satisfaction");
    CHECK(judge(sat, none(sat), none(sat), none(sat), year, Date{2026, 11, 30}).status == Status::NoData);
    // A ratio with no data (den 0) is no data, not 未达标.
    CHECK(judge(sat, figure(sat, 0, 0, false), none(sat), none(sat), year, Date{2026, 11, 30}).status == Status::NoData);
}

TEST_CASE("target table: the whole table keeps the targets' order and the printed layout", "[target_table]") {
    const auto set = shipped();
    const auto year = project_year_of(set, Date{2026, 11, 1});
    wire::KpisReply month, quarter, ytd;
    month.period = {"2026-11", "2026年11月", "2026-11-01", "2026-11-30"};
    ytd.period = {"2026-P02-10", "", "2026-02-01", "2026-11-30"};
    const KpiTarget& sat = *set.find("satisfaction");
    month.items.push_back(figure(sat, 96, 100, true));
    const KpiTarget& tr = *set.find("trainings");
    ytd.items.push_back(figure(tr, 1, 1, false));
    quarter.period = {"2026-Q4", "2026年第四季度", "2026-10-01", "2026-12-31"};
    const KpiTarget& keep = *set.find("promotional_item_maintenance_rate");   // = 100 % a quarter
    quarter.items.push_back(figure(keep, 9, 10, false));
    month.items.push_back(figure(keep, 1, 1, true));
    const auto t = build(set, month, quarter, ytd, year, Date{2026, 11, 30});
    REQUIRE(t.rows.size() == set.items.size());
    for (std::size_t i = 0; i < t.rows.size(); ++i) CHECK(t.rows[i].month.code == set.items[i].code);
    CHECK(t.project_year.code == "2026-P02");
    CHECK(t.counted_through == "2026-11-30");
    CHECK(t.rows[0].category_zh == "养老服务需求响应与管理");
    CHECK(t.rows[0].title_zh == "提供话务服务（2026年2月-2027年2月）");
    const auto row = [&](const std::string& code) {
        for (const auto& r : t.rows) {
            if (r.month.code == code) return r;
        }
        FAIL("no row " << code);
        return wire::TargetTableRow{};
    };
    CHECK(row("satisfaction").status == "met");
    CHECK(row("trainings").status == "behind");           // 1 in 303 days projects to 1.2
    CHECK(row("trainings").projection == std::optional<std::string>("1"));
    CHECK(row("telephony_maintenance").status == "as_needed");
    // A quarterly target is judged on its quarter: this month's 100 % does not hide the quarter's 90 %.
    CHECK(row("promotional_item_maintenance_rate").status == "not_met");
    CHECK(row("promotional_item_maintenance_rate").on_quarter);
    CHECK(row("promotional_item_maintenance_rate").basis_zh == "按本季度");
    CHECK(t.quarter.code == "2026-Q4");
    CHECK(row("connection_rate").category_zh == "其他合同指标");
    CHECK(t.counts.met == 1);
    CHECK(t.counts.not_met == 1);
    CHECK(t.counts.behind == 1);
    CHECK(t.counts.met + t.counts.not_met + t.counts.on_track + t.counts.behind + t.counts.no_data +
              t.counts.as_needed == static_cast<int>(t.rows.size()));
    // The reply survives its wire form.
    CHECK(nlohmann::json(t).get<wire::TargetTableReply>() == t);
}

}  // namespace test_target_table
