// Civil dates and local timestamps (see date.hpp). Day arithmetic uses Howard Hinnant's
// days_from_civil / civil_from_days (http://howardhinnant.github.io/date_algorithms.html).
#include "yiyang/date.hpp"
#include <cstdio>
#include "yiyang/minute_text.hpp"

namespace yiyang {

namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

// Floor division and modulo: the epoch sits in the middle of the range, negatives must round down.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}
std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

void append_padded(std::string& out, std::int64_t value, int width) {
    std::string digits;
    bool negative = value < 0;
    std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + magnitude % 10));
        magnitude /= 10;
    } while (magnitude != 0);
    while (static_cast<int>(digits.size()) < width) digits.insert(digits.begin(), '0');
    if (negative) out.push_back('-');
    out += digits;
}

// Reads exactly `count` ASCII digits at `pos`; no signs, no spaces.
std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t count) {
    if (pos + count > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        char c = text[i];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace

std::int64_t days_from_civil(const Date& d) {
    std::int64_t y = d.year;
    const std::int64_t m = d.month;
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = floor_div(y, 400);
    const std::int64_t yoe = y - era * 400;                                   // [0, 399]
    const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d.day - 1;  // [0, 365]
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          // [0, 146096]
    return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t days) {
    const std::int64_t z = days + 719468;
    const std::int64_t era = floor_div(z, 146097);
    const std::int64_t doe = z - era * 146097;                                     // [0, 146096]
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const std::int64_t y = yoe + era * 400;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);  // [0, 365]
    const std::int64_t mp = (5 * doy + 2) / 153;                       // [0, 11]
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;               // [1, 31]
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;                  // [1, 12]
    return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    switch (month) {
        case 1: case 3: case 5: case 7: case 8: case 10: case 12: return 31;
        case 4: case 6: case 9: case 11: return 30;
        case 2: return is_leap_year(year) ? 29 : 28;
        default: return 0;
    }
}

bool is_valid_date(int year, int month, int day) {
    if (year < 1 || year > 9999) return false;
    if (month < 1 || month > 12) return false;
    return day >= 1 && day <= days_in_month(year, month);
}

int iso_weekday(const Date& d) {
    // 1970-01-01 was a Thursday (4).
    return static_cast<int>(floor_mod(days_from_civil(d) + 3, 7)) + 1;
}

Date add_days(const Date& d, std::int64_t n) { return civil_from_days(days_from_civil(d) + n); }

IsoWeek iso_week_of(const Date& d) {
    // The week's Thursday decides its year; the week number counts from that year's first Thursday.
    const Date thursday = add_days(d, 4 - iso_weekday(d));
    const std::int64_t jan1 = days_from_civil(Date{thursday.year, 1, 1});
    return IsoWeek{thursday.year, static_cast<int>((days_from_civil(thursday) - jan1) / 7 + 1)};
}

Date iso_week_thursday(const IsoWeek& w) {
    // Week 1 holds 4 January.
    const Date jan4{w.year, 1, 4};
    const Date monday1 = add_days(jan4, 1 - iso_weekday(jan4));
    return add_days(monday1, static_cast<std::int64_t>(w.week - 1) * 7 + 3);
}

Date iso_week_monday(const IsoWeek& w) { return add_days(iso_week_thursday(w), -3); }

std::string format_iso_week(const IsoWeek& w) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-W%02d", w.year, w.week);
    return buf;
}

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto y = read_digits(text, 0, 4);
    auto m = read_digits(text, 5, 2);
    auto d = read_digits(text, 8, 2);
    if (!y || !m || !d || !is_valid_date(*y, *m, *d)) return std::nullopt;
    return Date{*y, *m, *d};
}

std::string format_date(const Date& d) {
    std::string out;
    out.reserve(10);
    append_padded(out, d.year, 4);
    out.push_back('-');
    append_padded(out, d.month, 2);
    out.push_back('-');
    append_padded(out, d.day, 2);
    return out;
}

int age_on(const Date& birth, const Date& on) {
    int years = on.year - birth.year;
    // Someone born on 29 February becomes a year older on 1 March in common years.
    if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --years;
    return years;
}

Date date_of(LocalSeconds t) { return civil_from_days(floor_div(t, kSecondsPerDay)); }

LocalSeconds start_of(const Date& d) { return days_from_civil(d) * kSecondsPerDay; }

std::string format_timestamp(LocalSeconds t) {
    const std::int64_t seconds_of_day = floor_mod(t, kSecondsPerDay);
    std::string out = format_date(date_of(t));
    out.push_back('T');
    append_padded(out, seconds_of_day / 3600, 2);
    out.push_back(':');
    append_padded(out, seconds_of_day / 60 % 60, 2);
    out.push_back(':');
    append_padded(out, seconds_of_day % 60, 2);
    return out;
}

std::optional<LocalSeconds> parse_timestamp(std::string_view text) {
    if (text.size() != 19 || text[10] != 'T' || text[13] != ':' || text[16] != ':') return std::nullopt;
    auto date = parse_date(text.substr(0, 10));
    auto hh = read_digits(text, 11, 2);
    auto mm = read_digits(text, 14, 2);
    auto ss = read_digits(text, 17, 2);
    if (!date || !hh || !mm || !ss || *hh > 23 || *mm > 59 || *ss > 59) return std::nullopt;
    return start_of(*date) + *hh * 3600 + *mm * 60 + *ss;
}

std::string minute_text(std::string_view timestamp) {
    if (timestamp.size() < 16 || timestamp[10] != 'T') return std::string(timestamp);
    std::string out(timestamp.substr(0, 16));
    out[10] = ' ';
    return out;
}

}  // namespace yiyang
