// Tests for civil dates and local timestamps (yiyang/date.hpp): known day numbers, leap years, month
// ends, weekdays, strict parsing and ages.
#include <catch2/catch.hpp>

#include "yiyang/date.hpp"
#include "yiyang/minute_text.hpp"

namespace test_date {

using namespace yiyang;

TEST_CASE("days_from_civil matches known day numbers", "[date]") {
    CHECK(days_from_civil(Date{1970, 1, 1}) == 0);
    CHECK(days_from_civil(Date{1970, 1, 2}) == 1);
    CHECK(days_from_civil(Date{1969, 12, 31}) == -1);
    CHECK(days_from_civil(Date{2000, 3, 1}) == 11017);
    CHECK(days_from_civil(Date{2026, 1, 1}) == 20454);   // 56 years incl. 14 leap days: 56*365 + 14
    CHECK(days_from_civil(Date{1900, 1, 1}) == -25567);
    CHECK(days_from_civil(Date{1, 1, 1}) == -719162);
}

TEST_CASE("civil_from_days inverts days_from_civil across centuries", "[date]") {
    for (std::int64_t n = days_from_civil(Date{1599, 12, 1}); n <= days_from_civil(Date{2401, 3, 1}); n += 13) {
        CHECK(days_from_civil(civil_from_days(n)) == n);
    }
    CHECK(civil_from_days(0) == Date{1970, 1, 1});
    CHECK(civil_from_days(-1) == Date{1969, 12, 31});
    CHECK(civil_from_days(11016) == Date{2000, 2, 29});
    CHECK(civil_from_days(days_from_civil(Date{9999, 12, 31})) == Date{9999, 12, 31});
}

TEST_CASE("leap years follow the Gregorian rule", "[date]") {
    CHECK(is_leap_year(2000));
    CHECK_FALSE(is_leap_year(1900));
    CHECK(is_leap_year(2024));
    CHECK_FALSE(is_leap_year(2026));
    CHECK_FALSE(is_leap_year(2100));
    CHECK(days_in_month(2000, 2) == 29);
    CHECK(days_in_month(1900, 2) == 28);
    CHECK(days_in_month(2024, 2) == 29);
    CHECK(days_in_month(2026, 2) == 28);
    CHECK(days_in_month(2026, 4) == 30);
    CHECK(days_in_month(2026, 12) == 31);
    CHECK(days_in_month(2026, 13) == 0);
}

TEST_CASE("is_valid_date rejects impossible dates", "[date]") {
    CHECK(is_valid_date(2024, 2, 29));
    CHECK_FALSE(is_valid_date(1900, 2, 29));
    CHECK(is_valid_date(2000, 2, 29));
    CHECK_FALSE(is_valid_date(2026, 2, 29));
    CHECK_FALSE(is_valid_date(2026, 4, 31));
    CHECK_FALSE(is_valid_date(2026, 0, 1));
    CHECK_FALSE(is_valid_date(2026, 13, 1));
    CHECK_FALSE(is_valid_date(2026, 1, 0));
    CHECK_FALSE(is_valid_date(0, 1, 1));
}

TEST_CASE("iso_weekday: Monday is 1, Sunday is 7", "[date]") {
    CHECK(iso_weekday(Date{1970, 1, 1}) == 4);    // Thursday
    CHECK(iso_weekday(Date{1969, 12, 28}) == 7);  // Sunday before the epoch
    CHECK(iso_weekday(Date{2000, 1, 1}) == 6);    // Saturday
    CHECK(iso_weekday(Date{2026, 2, 14}) == 6);   // Saturday
    CHECK(iso_weekday(Date{2026, 2, 17}) == 2);   // Tuesday (Spring Festival 2026)
    CHECK(iso_weekday(Date{2026, 11, 23}) == 1);  // Monday
    CHECK(iso_weekday(Date{2025, 10, 1}) == 3);   // Wednesday
}

TEST_CASE("add_days crosses month, year and leap-day boundaries", "[date]") {
    CHECK(add_days(Date{2026, 1, 31}, 1) == Date{2026, 2, 1});
    CHECK(add_days(Date{2024, 2, 28}, 1) == Date{2024, 2, 29});
    CHECK(add_days(Date{2026, 2, 28}, 1) == Date{2026, 3, 1});
    CHECK(add_days(Date{2026, 12, 31}, 1) == Date{2027, 1, 1});
    CHECK(add_days(Date{2026, 1, 1}, -1) == Date{2025, 12, 31});
    CHECK(add_days(Date{2024, 3, 1}, -1) == Date{2024, 2, 29});
    CHECK(add_days(Date{2026, 11, 23}, 0) == Date{2026, 11, 23});
    CHECK(add_days(Date{2025, 1, 1}, 365) == Date{2026, 1, 1});
}

TEST_CASE("parse_date accepts only YYYY-MM-DD real dates", "[date]") {
    CHECK(parse_date("2026-11-23") == Date{2026, 11, 23});
    CHECK(parse_date("2024-02-29") == Date{2024, 2, 29});
    CHECK(parse_date("2000-02-29") == Date{2000, 2, 29});
    CHECK_FALSE(parse_date("1900-02-29"));
    CHECK_FALSE(parse_date("2026-02-29"));
    CHECK_FALSE(parse_date("2026-04-31"));
    CHECK_FALSE(parse_date("2026-13-01"));
    CHECK_FALSE(parse_date("2026-00-10"));
    CHECK_FALSE(parse_date("2026-1-5"));
    CHECK_FALSE(parse_date("2026/11/23"));
    CHECK_FALSE(parse_date("20261123"));
    CHECK_FALSE(parse_date("2026-11-23 "));
    CHECK_FALSE(parse_date(" 2026-11-23"));
    CHECK_FALSE(parse_date("2026-11-2x"));
    CHECK_FALSE(parse_date("+026-11-23"));
    CHECK_FALSE(parse_date("0000-01-01"));
    CHECK_FALSE(parse_date(""));
    CHECK_FALSE(parse_date("2026-11-23T08:00:00"));
}

TEST_CASE("format_date pads to YYYY-MM-DD and round-trips", "[date]") {
    CHECK(format_date(Date{2026, 1, 5}) == "2026-01-05");
    CHECK(format_date(Date{987, 3, 9}) == "0987-03-09");
    for (const char* text : {"2026-11-23", "2024-02-29", "1900-01-01", "9999-12-31", "0001-01-01"}) {
        auto d = parse_date(text);
        REQUIRE(d);
        CHECK(format_date(*d) == text);
    }
}

TEST_CASE("age_on counts whole years", "[date]") {
    CHECK(age_on(Date{1949, 12, 31}, Date{2026, 11, 23}) == 76);
    CHECK(age_on(Date{1946, 11, 23}, Date{2026, 11, 23}) == 80);   // 80th birthday: now 高龄
    CHECK(age_on(Date{1946, 11, 24}, Date{2026, 11, 23}) == 79);
    CHECK(age_on(Date{1946, 12, 1}, Date{2026, 11, 30}) == 79);
    // Born on 29 February: a year older on 1 March in common years.
    CHECK(age_on(Date{2000, 2, 29}, Date{2026, 2, 28}) == 25);
    CHECK(age_on(Date{2000, 2, 29}, Date{2026, 3, 1}) == 26);
    CHECK(age_on(Date{2000, 2, 29}, Date{2024, 2, 29}) == 24);
    CHECK(age_on(Date{2026, 1, 1}, Date{2026, 1, 1}) == 0);
}

TEST_CASE("local timestamps: day of, start of, format and parse", "[date]") {
    CHECK(start_of(Date{1970, 1, 2}) == 86400);
    CHECK(date_of(0) == Date{1970, 1, 1});
    CHECK(date_of(86399) == Date{1970, 1, 1});
    CHECK(date_of(86400) == Date{1970, 1, 2});
    CHECK(date_of(-1) == Date{1969, 12, 31});       // floor, not truncation
    CHECK(format_timestamp(-1) == "1969-12-31T23:59:59");

    const LocalSeconds t = start_of(Date{2026, 11, 23}) + 8 * 3600 + 30 * 60;
    CHECK(format_timestamp(t) == "2026-11-23T08:30:00");
    CHECK(parse_timestamp("2026-11-23T08:30:00") == t);
    CHECK(parse_timestamp("2026-11-23T00:00:00") == start_of(Date{2026, 11, 23}));
    CHECK(parse_timestamp("2024-02-29T23:59:59") == start_of(Date{2024, 3, 1}) - 1);
    CHECK(format_timestamp(start_of(Date{2024, 3, 1}) - 1) == "2024-02-29T23:59:59");

    CHECK_FALSE(parse_timestamp("2026-11-23 08:30:00"));
    CHECK_FALSE(parse_timestamp("2026-11-23T24:00:00"));
    CHECK_FALSE(parse_timestamp("2026-11-23T08:60:00"));
    CHECK_FALSE(parse_timestamp("2026-11-23T08:30:60"));
    CHECK_FALSE(parse_timestamp("2026-11-23T08:30"));
    CHECK_FALSE(parse_timestamp("2026-11-23T08:30:00Z"));
    CHECK_FALSE(parse_timestamp("2026-11-23T08:30:00+08:00"));
    CHECK_FALSE(parse_timestamp("2026-02-30T08:30:00"));
    CHECK_FALSE(parse_timestamp("2026-11-23T8:30:00 "));
}

TEST_CASE("minute_text prints a timestamp to the minute, other text as it is", "[date]") {
    CHECK(minute_text("2026-11-23T08:30:59") == "2026-11-23 08:30");
    CHECK(minute_text(format_timestamp(start_of(Date{2024, 2, 29}) + 3600 * 19 + 60 * 57)) == "2024-02-29 19:57");
    CHECK(minute_text("2026-11-23") == "2026-11-23");
    CHECK(minute_text("") == "");
    CHECK(minute_text("2026-11-23 08:30:00") == "2026-11-23 08:30:00");   // not a wire timestamp: untouched
}

}  // namespace test_date
