// Reporting periods: a month, a quarter or a year ("2026-10", "2026-Q4", "2026").
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include "yiyang/date.hpp"

namespace yiyang {

enum class PeriodKind { Month, Quarter, Year };

struct Period {
    PeriodKind kind = PeriodKind::Month;
    int year = 1970;
    int index = 1;   // month 1..12, quarter 1..4, 1 for a year

    Date first_day() const;
    Date last_day() const;
    bool contains(const Date& d) const;
    Period previous() const;
    Period next() const;
    std::string code() const;       // "2026-10", "2026-Q4", "2026"
    std::string label_zh() const;   // "2026年10月", "2026年第四季度", "2026年"
    friend auto operator<=>(const Period&, const Period&) = default;
};

std::optional<Period> parse_period(std::string_view text);
Period month_of(const Date& d);
Period quarter_of(const Date& d);

}  // namespace yiyang
