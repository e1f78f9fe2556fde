// Workday calendar: weekends, public holidays and make-up workdays (调休) as versioned data.
// Loaded from JSON (assets/rules/calendar-cn.json); the domain never hard-codes a holiday.
#pragma once
#include <set>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "yiyang/date.hpp"

namespace yiyang {

struct HolidayRange {
    std::string name_zh;       // 春节
    Date first;
    Date last;                 // inclusive
};

struct WorkCalendar {
    std::string version;       // "cn-2026-v1"
    Date effective_from;
    std::vector<HolidayRange> holidays;
    std::set<Date> makeup_workdays;   // weekend days that are workdays (调休上班)

    bool is_holiday(const Date& d) const;
    bool is_workday(const Date& d) const;   // Mon–Fri not holiday, or a make-up workday
    // The n-th workday after d (n >= 1); n == 0 returns d if it is a workday, else the next one.
    Date add_workdays(const Date& d, int n) const;
    int workdays_between(const Date& first, const Date& last) const;   // inclusive count
};

// One calendar is ONE JSON object (assets/rules/calendar-cn.json holds one, covering every year it lists;
// a corrected or extended calendar is a new object with a new version, not an edit of the old one):
//   {"version": "cn-2026-v1",                  non-empty string
//    "effective_from": "2025-01-01",           date "YYYY-MM-DD"
//    "holidays": [{"name": "春节", "first": "2026-02-15", "last": "2026-02-23"}, ...],   inclusive, no overlaps
//    "makeup_workdays": ["2026-02-14", ...],   Saturdays/Sundays worked (调休上班), outside holidays, no repeats
//    "comment": "...", "sources": ["国务院办公厅关于…的通知", ...]}   optional strings, documentation only
//                                                                  (checked, not kept by from_json)
// Unknown fields are rejected (a misspelt key must not silently drop data). Bad data throws
// std::invalid_argument naming the calendar, the entry and the field: work calendar "cn-2026-v1",
// holidays[1] (春节): field "last" is not a real date in the form YYYY-MM-DD: "2026-02-30".
// add_workdays with n < 0 counts back to the |n|-th earlier workday.
void from_json(const nlohmann::json& j, WorkCalendar& c);
void to_json(nlohmann::json& j, const WorkCalendar& c);

}  // namespace yiyang
