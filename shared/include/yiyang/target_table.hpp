// 绩效目标表 (the contract's target table, Zhongshan 附件2): every indicator of the targets in force, with the
// month's figure and the project year's to date, and ONE judgement per row — the one definition used by the
// screen, the XLSX and the monthly report:
//   - a target whose own period is a month is judged on the chosen month's figure, a quarter's on the figure of the
//     quarter holding the month (to date while it runs) (达标 / 未达标);
//   - a target of the project year is judged on the year to date: 达标 once met; when the year is over, 未达标;
//     while it runs, a count that must reach a number (≥ 6 trainings) is projected to the year's end linearly by
//     days — projection = count × days of the year ÷ days counted — and is 按进度 when the projection meets the
//     target, else 落后; a rate of the year not yet met is 未达标 (so far);
//   - 按需开展 (as_needed) is never judged: 按需;
//   - no figure (an entered item without records, a scope without data) is 无数据, with the reply's note.
// The projection is an exact Ratio, shown rounded half-up to a whole count once.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "yiyang/kpi.hpp"
#include "yiyang/ratio.hpp"
#include "yiyang/wire/kpis.hpp"
#include "yiyang/wire/target_table.hpp"

namespace yiyang::target_table {

enum class Status { Met, NotMet, OnTrack, Behind, NoData, AsNeeded };
const char* code(Status s);      // "met" "not_met" "on_track" "behind" "no_data" "as_needed"
const char* label_zh(Status s);  // 达标 未达标 按进度 落后 无数据 按需

struct Judgement {
    Status status = Status::NoData;
    bool on_year = false;                  // judged on the project year to date
    bool on_quarter = false;               // judged on the quarter holding the month (neither: on the month)
    std::optional<Ratio> projection;       // a running year's count projected to its end
    std::string projection_display;        // "7" ("" when none)
    std::string basis_zh;                  // "按本月" | "按本季度" | "按项目年度累计" | "按项目年度累计，预计全年 7"
};

// `month`, `quarter` and `year_to_date`: the rows of GET /api/v1/kpis for the month, the quarter holding it and the
// project year through it (same code). `counted_through`: the last day the year-to-date figure counts (the month's last day, or today
// when the month is still running) — the projection's elapsed days run from year.first to it.
Judgement judge(const KpiTarget& target, const wire::KpiItemReply& month, const wire::KpiItemReply& quarter,
                const wire::KpiItemReply& year_to_date, const ProjectYear& year, const Date& counted_through);

// The whole table from the two replies of the indicators (same targets): one row per target of `targets`, in its
// order, with the layout's wording; a target missing from a reply has no figure (无数据). as_of is the caller's.
wire::TargetTableReply build(const KpiTargetSet& targets, const wire::KpisReply& month, const wire::KpisReply& quarter,
                             const wire::KpisReply& year_to_date, const ProjectYear& year, const Date& counted_through);

// The days of [first, last] (inclusive), for the projection: days_between(2026-02-01, 2027-01-31) = 365.
std::int64_t days_inclusive(const Date& first, const Date& last);

}  // namespace yiyang::target_table
