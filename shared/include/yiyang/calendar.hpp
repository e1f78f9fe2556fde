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

// {"version":..,"effective_from":"2026-01-01","holidays":[{"name":"春节","first":"..","last":".."}],
//  "makeup_workdays":["2026-02-14", ...]}. Throws nlohmann::json::exception or std::invalid_argument on bad data.
void from_json(const nlohmann::json& j, WorkCalendar& c);
void to_json(nlohmann::json& j, const WorkCalendar& c);

}  // namespace yiyang
