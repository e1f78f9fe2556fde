// Reporting periods: a month, a quarter or a year ("2026-10", "2026-Q4", "2026"), and a contract's project year
// (项目年度, "2026-P02": twelve months from 2026-02; "2026-P02-10": its first ten months, the year to date of a
// report on 2026-11). Which month a project year starts in is rule data (kpi.hpp project_year_of), not known here.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include "yiyang/date.hpp"

namespace yiyang {

enum class PeriodKind { Month, Quarter, Year, ProjectYear };

struct Period {
    PeriodKind kind = PeriodKind::Month;
    int year = 1970;
    int index = 1;   // month 1..12, quarter 1..4, 1 for a year; a project year: its first month 1..12
    int span = 12;   // a project year: how many of its months, 1..12 (12 = the whole year); 12 for the others

    Date first_day() const;
    Date last_day() const;
    bool contains(const Date& d) const;
    Period previous() const;
    Period next() const;
    std::string code() const;       // "2026-10", "2026-Q4", "2026", "2026-P02", "2026-P02-10"
    // "2026年10月", "2026年第四季度", "2026年", "2026年2月—2027年1月项目年度", "2026年2月—2026年11月（项目年度累计）"
    std::string label_zh() const;
    friend auto operator<=>(const Period&, const Period&) = default;
};

std::optional<Period> parse_period(std::string_view text);
Period month_of(const Date& d);
Period quarter_of(const Date& d);

}  // namespace yiyang
