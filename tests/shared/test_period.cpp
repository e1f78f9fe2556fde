// Tests for reporting periods (yiyang/period.hpp): bounds, quarter boundaries, neighbours across years,
// codes, Chinese labels and strict parsing.
#include <catch2/catch.hpp>

#include "yiyang/period.hpp"

namespace test_period {

using namespace yiyang;

TEST_CASE("month bounds, including February in leap years", "[period]") {
    const Period oct{PeriodKind::Month, 2026, 10};
    CHECK(oct.first_day() == Date{2026, 10, 1});
    CHECK(oct.last_day() == Date{2026, 10, 31});
    CHECK(Period{PeriodKind::Month, 2026, 11}.last_day() == Date{2026, 11, 30});
    CHECK(Period{PeriodKind::Month, 2024, 2}.last_day() == Date{2024, 2, 29});
    CHECK(Period{PeriodKind::Month, 2000, 2}.last_day() == Date{2000, 2, 29});
    CHECK(Period{PeriodKind::Month, 1900, 2}.last_day() == Date{1900, 2, 28});
    CHECK(Period{PeriodKind::Month, 2026, 2}.last_day() == Date{2026, 2, 28});
}

TEST_CASE("quarter bounds and membership at the edges", "[period]") {
    const Period q1{PeriodKind::Quarter, 2026, 1};
    CHECK(q1.first_day() == Date{2026, 1, 1});
    CHECK(q1.last_day() == Date{2026, 3, 31});
    CHECK(Period{PeriodKind::Quarter, 2026, 2}.last_day() == Date{2026, 6, 30});
    CHECK(Period{PeriodKind::Quarter, 2026, 3}.first_day() == Date{2026, 7, 1});
    CHECK(Period{PeriodKind::Quarter, 2026, 3}.last_day() == Date{2026, 9, 30});
    const Period q4{PeriodKind::Quarter, 2026, 4};
    CHECK(q4.first_day() == Date{2026, 10, 1});
    CHECK(q4.last_day() == Date{2026, 12, 31});

    CHECK(q1.contains(Date{2026, 3, 31}));
    CHECK_FALSE(q1.contains(Date{2026, 4, 1}));
    CHECK_FALSE(q1.contains(Date{2025, 12, 31}));
    CHECK(q4.contains(Date{2026, 10, 1}));
    CHECK_FALSE(q4.contains(Date{2027, 1, 1}));

    CHECK(quarter_of(Date{2026, 3, 31}) == q1);
    CHECK(quarter_of(Date{2026, 4, 1}) == Period{PeriodKind::Quarter, 2026, 2});
    CHECK(quarter_of(Date{2026, 6, 30}).index == 2);
    CHECK(quarter_of(Date{2026, 7, 1}).index == 3);
    CHECK(quarter_of(Date{2026, 9, 30}).index == 3);
    CHECK(quarter_of(Date{2026, 10, 1}) == q4);
    CHECK(quarter_of(Date{2026, 12, 31}) == q4);
    CHECK(month_of(Date{2024, 2, 29}) == Period{PeriodKind::Month, 2024, 2});
}

TEST_CASE("year bounds", "[period]") {
    const Period y{PeriodKind::Year, 2026, 1};
    CHECK(y.first_day() == Date{2026, 1, 1});
    CHECK(y.last_day() == Date{2026, 12, 31});
    CHECK(y.contains(Date{2026, 6, 15}));
    CHECK_FALSE(y.contains(Date{2027, 1, 1}));
}

TEST_CASE("previous and next wrap across years", "[period]") {
    CHECK(Period{PeriodKind::Month, 2026, 1}.previous() == Period{PeriodKind::Month, 2025, 12});
    CHECK(Period{PeriodKind::Month, 2026, 12}.next() == Period{PeriodKind::Month, 2027, 1});
    CHECK(Period{PeriodKind::Month, 2026, 5}.next() == Period{PeriodKind::Month, 2026, 6});
    CHECK(Period{PeriodKind::Quarter, 2026, 1}.previous() == Period{PeriodKind::Quarter, 2025, 4});
    CHECK(Period{PeriodKind::Quarter, 2026, 4}.next() == Period{PeriodKind::Quarter, 2027, 1});
    CHECK(Period{PeriodKind::Quarter, 2026, 2}.previous() == Period{PeriodKind::Quarter, 2026, 1});
    CHECK(Period{PeriodKind::Year, 2026, 1}.previous() == Period{PeriodKind::Year, 2025, 1});
    CHECK(Period{PeriodKind::Year, 2026, 1}.next() == Period{PeriodKind::Year, 2027, 1});
    // Consecutive periods tile the calendar with no gap.
    Period m{PeriodKind::Month, 2023, 11};
    for (int i = 0; i < 30; ++i) {
        CHECK(add_days(m.last_day(), 1) == m.next().first_day());
        m = m.next();
    }
}

TEST_CASE("codes and Chinese labels", "[period]") {
    CHECK(Period{PeriodKind::Month, 2026, 10}.code() == "2026-10");
    CHECK(Period{PeriodKind::Month, 2026, 3}.code() == "2026-03");
    CHECK(Period{PeriodKind::Quarter, 2026, 4}.code() == "2026-Q4");
    CHECK(Period{PeriodKind::Year, 2026, 1}.code() == "2026");
    CHECK(Period{PeriodKind::Month, 987, 1}.code() == "0987-01");   // always four-digit years
    CHECK(Period{PeriodKind::Month, 2026, 10}.label_zh() == "2026年10月");
    CHECK(Period{PeriodKind::Month, 2026, 3}.label_zh() == "2026年3月");
    CHECK(Period{PeriodKind::Quarter, 2026, 1}.label_zh() == "2026年第一季度");
    CHECK(Period{PeriodKind::Quarter, 2026, 2}.label_zh() == "2026年第二季度");
    CHECK(Period{PeriodKind::Quarter, 2026, 3}.label_zh() == "2026年第三季度");
    CHECK(Period{PeriodKind::Quarter, 2026, 4}.label_zh() == "2026年第四季度");
    CHECK(Period{PeriodKind::Year, 2026, 1}.label_zh() == "2026年");
}

TEST_CASE("parse_period reads codes strictly and round-trips", "[period]") {
    CHECK(parse_period("2026-10") == Period{PeriodKind::Month, 2026, 10});
    CHECK(parse_period("2026-01") == Period{PeriodKind::Month, 2026, 1});
    CHECK(parse_period("2026-Q4") == Period{PeriodKind::Quarter, 2026, 4});
    CHECK(parse_period("2026") == Period{PeriodKind::Year, 2026, 1});
    for (const char* code : {"2026-10", "2026-01", "2025-12", "2026-Q1", "2026-Q4", "2026", "0001"}) {
        auto p = parse_period(code);
        REQUIRE(p);
        CHECK(p->code() == code);
    }
    for (const char* bad : {"", "26", "2026-", "2026-1", "2026-13", "2026-00", "2026-Q0", "2026-Q5",
                            "2026-q4", "2026Q4", "2026-Q", "2026-10-01", "0000", "abcd", "2026 ", "2026-1a",
                            "-2026", "2026-Q12"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_period(bad));
    }
}

TEST_CASE("project years: bounds across the calendar year, codes, labels, parsing", "[period][project_year]") {
    const Period y{PeriodKind::ProjectYear, 2026, 2};
    CHECK(y.first_day() == Date{2026, 2, 1});
    CHECK(y.last_day() == Date{2027, 1, 31});
    CHECK(y.code() == "2026-P02");
    CHECK(y.label_zh() == "2026年2月—2027年1月项目年度");
    CHECK(y.contains(Date{2027, 1, 31}));
    CHECK_FALSE(y.contains(Date{2027, 2, 1}));
    CHECK(y.previous() == Period{PeriodKind::ProjectYear, 2025, 2});
    CHECK(y.next().first_day() == Date{2027, 2, 1});
    const Period ytd{PeriodKind::ProjectYear, 2026, 2, 10};
    CHECK(ytd.last_day() == Date{2026, 11, 30});
    CHECK(ytd.code() == "2026-P02-10");
    CHECK(ytd.label_zh() == "2026年2月—2026年11月（项目年度累计）");
    const Period jan{PeriodKind::ProjectYear, 2024, 1};          // a project year that is a calendar year
    CHECK(jan.last_day() == Date{2024, 12, 31});
    const Period dec{PeriodKind::ProjectYear, 2023, 12, 3};      // December to February, through a leap year
    CHECK(dec.last_day() == Date{2024, 2, 29});
    for (const char* code : {"2026-P02", "2026-P02-10", "2023-P12-03", "2024-P01-12"}) {
        auto p = parse_period(code);
        REQUIRE(p);
        CHECK(p->kind == PeriodKind::ProjectYear);
        CHECK(parse_period(p->code()) == p);
    }
    CHECK(parse_period("2024-P01-12")->code() == "2024-P01");   // twelve months is the whole year
    for (const char* bad : {"2026-P13", "2026-P00", "2026-P2", "2026-P02-13", "2026-P02-00", "2026-P02x10", "2026-P"}) {
        CHECK_FALSE(parse_period(bad));
    }
}

}  // namespace test_period
