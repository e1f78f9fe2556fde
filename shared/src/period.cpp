// Reporting periods (see period.hpp): month, quarter and year, their bounds, neighbours, codes and
// Chinese labels as used in report titles (2026年第四季度).
#include "yiyang/period.hpp"

#include <utility>

namespace yiyang {

namespace {

std::string padded(int value, std::size_t width) {
    std::string s = std::to_string(value);
    return s.size() < width ? std::string(width - s.size(), '0') + s : s;
}

std::optional<int> read_digits(std::string_view text) {
    if (text.empty()) return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

int first_month(const Period& p) {
    switch (p.kind) {
        case PeriodKind::Month: return p.index;
        case PeriodKind::Quarter: return (p.index - 1) * 3 + 1;
        case PeriodKind::Year: return 1;
        case PeriodKind::ProjectYear: return p.index;
    }
    return 1;
}

int last_month(const Period& p) {
    switch (p.kind) {
        case PeriodKind::Month: return p.index;
        case PeriodKind::Quarter: return p.index * 3;
        case PeriodKind::Year: return 12;
        case PeriodKind::ProjectYear: return p.index + p.span - 1;   // may pass 12: the next calendar year
    }
    return 12;
}

// A month counted from January of `year` (13 = January of the next year) as a calendar (year, month).
std::pair<int, int> calendar_month(int year, int month) { return {year + (month - 1) / 12, (month - 1) % 12 + 1}; }

int periods_per_year(PeriodKind kind) {
    switch (kind) {
        case PeriodKind::Month: return 12;
        case PeriodKind::Quarter: return 4;
        case PeriodKind::Year: return 1;
        case PeriodKind::ProjectYear: return 1;
    }
    return 1;
}

}  // namespace

Date Period::first_day() const { return Date{year, first_month(*this), 1}; }

Date Period::last_day() const {
    const auto [y, month] = calendar_month(year, last_month(*this));
    return Date{y, month, days_in_month(y, month)};
}

bool Period::contains(const Date& d) const { return first_day() <= d && d <= last_day(); }

Period Period::previous() const {
    Period p = *this;
    if (kind == PeriodKind::ProjectYear) {   // the year before, the same months of it
        --p.year;
        return p;
    }
    if (--p.index < 1) {
        p.index = periods_per_year(kind);
        --p.year;
    }
    return p;
}

Period Period::next() const {
    Period p = *this;
    if (kind == PeriodKind::ProjectYear) {
        ++p.year;
        return p;
    }
    if (++p.index > periods_per_year(kind)) {
        p.index = 1;
        ++p.year;
    }
    return p;
}

std::string Period::code() const {
    switch (kind) {
        case PeriodKind::Month: return padded(year, 4) + "-" + padded(index, 2);
        case PeriodKind::Quarter: return padded(year, 4) + "-Q" + std::to_string(index);
        case PeriodKind::Year: return padded(year, 4);
        case PeriodKind::ProjectYear:
            return padded(year, 4) + "-P" + padded(index, 2) + (span == 12 ? "" : "-" + padded(span, 2));
    }
    return padded(year, 4);
}

std::string Period::label_zh() const {
    static const char* const kQuarterNumerals[] = {"一", "二", "三", "四"};
    const std::string y = std::to_string(year) + "年";
    switch (kind) {
        case PeriodKind::Month: return y + std::to_string(index) + "月";
        case PeriodKind::Quarter:
            if (index >= 1 && index <= 4) return y + "第" + kQuarterNumerals[index - 1] + "季度";
            return y + "第" + std::to_string(index) + "季度";
        case PeriodKind::Year: return y;
        case PeriodKind::ProjectYear: {
            const auto [ly, lm] = calendar_month(year, last_month(*this));
            const std::string range = y + std::to_string(index) + "月—" + std::to_string(ly) + "年" + std::to_string(lm) + "月";
            return span == 12 ? range + "项目年度" : range + "（项目年度累计）";
        }
    }
    return y;
}

std::optional<Period> parse_period(std::string_view text) {
    if (text.size() < 4) return std::nullopt;
    auto year = read_digits(text.substr(0, 4));
    if (!year || *year < 1) return std::nullopt;
    const std::string_view rest = text.substr(4);
    if (rest.empty()) return Period{PeriodKind::Year, *year, 1};
    if (rest.size() == 3 && rest[0] == '-' && rest[1] != 'Q') {   // -MM
        auto month = read_digits(rest.substr(1));
        if (!month || *month < 1 || *month > 12) return std::nullopt;
        return Period{PeriodKind::Month, *year, *month};
    }
    if ((rest.size() == 4 || rest.size() == 7) && rest[0] == '-' && rest[1] == 'P') {   // -Pmm or -Pmm-nn
        auto month = read_digits(rest.substr(2, 2));
        if (!month || *month < 1 || *month > 12) return std::nullopt;
        int span = 12;
        if (rest.size() == 7) {
            if (rest[4] != '-') return std::nullopt;
            auto n = read_digits(rest.substr(5));
            if (!n || *n < 1 || *n > 12) return std::nullopt;
            span = *n;
        }
        return Period{PeriodKind::ProjectYear, *year, *month, span};
    }
    if (rest.size() == 3 && rest[0] == '-' && rest[1] == 'Q') {   // -Qn
        auto quarter = read_digits(rest.substr(2));
        if (!quarter || *quarter < 1 || *quarter > 4) return std::nullopt;
        return Period{PeriodKind::Quarter, *year, *quarter};
    }
    return std::nullopt;
}

Period month_of(const Date& d) { return Period{PeriodKind::Month, d.year, d.month}; }

Period quarter_of(const Date& d) { return Period{PeriodKind::Quarter, d.year, (d.month - 1) / 3 + 1}; }

}  // namespace yiyang
