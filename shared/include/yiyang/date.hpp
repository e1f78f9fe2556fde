// Civil dates and timestamps for the domain: proleptic Gregorian, no time zones inside the domain
// (all times are China Standard Time, UTC+8, by convention). Time is always passed in, never read here.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yiyang {

struct Date {
    int year = 1970;
    int month = 1;   // 1..12
    int day = 1;     // 1..31
    friend auto operator<=>(const Date&, const Date&) = default;
};

// Days since 1970-01-01 (may be negative) and back. Exact for any year in 1..9999.
std::int64_t days_from_civil(const Date& d);
Date civil_from_days(std::int64_t days);
bool is_leap_year(int year);
int days_in_month(int year, int month);
bool is_valid_date(int year, int month, int day);
// 1 = Monday .. 7 = Sunday (ISO 8601).
int iso_weekday(const Date& d);
Date add_days(const Date& d, std::int64_t n);

// ISO 8601 weeks: Monday to Sunday; week 1 of a year is the week holding its first Thursday, so a week belongs to
// the year (and, by the same rule, the month) of its Thursday. 2026-12-28 … 2027-01-03 is 2026-W53; 2027-01-04
// starts 2027-W01. Ordered by (year, week).
struct IsoWeek {
    int year = 1970;
    int week = 1;   // 1..53
    friend auto operator<=>(const IsoWeek&, const IsoWeek&) = default;
};
IsoWeek iso_week_of(const Date& d);
Date iso_week_monday(const IsoWeek& w);                // the week's first day
Date iso_week_thursday(const IsoWeek& w);              // the day that places the week in its year and month
std::string format_iso_week(const IsoWeek& w);         // "2026-W53"
// "2026-11-23" only; nullopt when malformed or not a real calendar date.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(const Date& d);          // 2026-11-23
// Whole years between birth and on (age on a given day).
int age_on(const Date& birth, const Date& on);

// Seconds since 1970-01-01T00:00:00 in China Standard Time (UTC+8), i.e. a "local epoch".
// The server converts from the system clock once at the boundary (unix_seconds + 8*3600).
using LocalSeconds = std::int64_t;
Date date_of(LocalSeconds t);
LocalSeconds start_of(const Date& d);
// "2026-11-23T08:30:00" (local, no zone suffix) and back.
std::string format_timestamp(LocalSeconds t);
std::optional<LocalSeconds> parse_timestamp(std::string_view text);

}  // namespace yiyang
