// The target table's entered indicators (人工填报项) computed from APPROVED activity records (工作台账, issue 13) over a
// date range [first, last] — the month, or the project year to date (kpi.hpp ProjectYear). Which records feed an
// indicator and how is rule data (activities.hpp ActivityKinds: the kind that names the code, and its measure):
//   records          count of the kind's approved records dated in the range           (培训场次 6次)
//   quantity         Σ quantity                                                         (印制宣传品 3000份)
//   counts           Σ numerator ÷ Σ denominator, exact, shown rounded once (2 decimals) (检查维护率 100%)
//   distinct_places  distinct places (trimmed text)                                     (不少于10个场地)
//   per_week (the target's unit; 每周2条): met WEEK BY WEEK, not on average. The figure is the MINIMUM, over the ISO
//                    weeks judged, of the approved records dated in that week (Monday–Sunday, all seven days counted
//                    even when some lie outside the range). A week is judged in the range that holds its THURSDAY
//                    (the ISO rule that places a week in its year; so each week falls in exactly one month, and a year
//                    to date is the union of its months' weeks), and only once it is over (its Sunday before today;
//                    the week still running is not judged). No judged week = no data. The weeks below the target are
//                    listed (weeks_below).
// Returned records, records waiting for approval and records of other kinds never count. The result's
// numerator_ids are the records behind the figure (drill-down); for counts, the records whose counts were summed,
// and the denominator_ids the same list (the failures are then none: a rate's shortfall is inside records).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "yiyang/activities.hpp"
#include "yiyang/kpi.hpp"

namespace yiyang::activity {

struct KpiActivity {
    Id id = 0;
    std::string kind;
    Date day{};
    Status status = Status::Entered;
    std::string place;
    std::int64_t quantity = 0, numerator = 0, denominator = 0;
};

// The codes of kpi-targets.json this part computes (the entered rows backed by activity records).
bool is_activity_kpi(std::string_view code);
const std::vector<std::string>& activity_kpi_codes();

struct WeekCount {
    IsoWeek week;
    std::int64_t records = 0;
    friend bool operator==(const WeekCount&, const WeekCount&) = default;
};

struct ActivityFigure {
    KpiResult result;
    std::vector<WeekCount> weeks;         // per_week: every judged week with its count, in order
    std::vector<WeekCount> weeks_below;   // per_week: the judged weeks below the target
    std::string note_zh;                  // per_week: "未达标周：2026-W49（1条）…"; "" otherwise
};

// The records that may matter for [first, last]: the caller loads approved (or all) records dated from
// records_from(first) to records_to(last) — a per-week figure reads the whole weeks around the range.
Date records_from(const Date& first);
Date records_to(const Date& last);

// Throws std::invalid_argument when target.code is not an activity indicator. A code no kind of the rule feeds
// gives no data (den 0).
ActivityFigure compute_activity_kpi(const KpiTarget& target, const ActivityKinds& kinds,
                                    const std::vector<KpiActivity>& records, const Date& first, const Date& last,
                                    const Date& today);

}  // namespace yiyang::activity
