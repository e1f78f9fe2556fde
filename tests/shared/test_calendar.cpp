// Tests for the workday calendar (yiyang/calendar.hpp): workdays, holidays and make-up workdays on small
// inline calendars, workday arithmetic across Spring Festival, loader errors, and the shipped data file.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support.hpp"
#include "yiyang/calendar.hpp"
#include "yiyang/rng.hpp"

namespace test_calendar {

using namespace yiyang;
using nlohmann::json;

namespace {

// Spring Festival 2026 as announced by the State Council (2月15日至23日放假, 2月14日、2月28日上班).
json spring_2026_json() {
    return json::parse(R"({
        "version": "test-2026-spring",
        "effective_from": "2026-01-01",
        "holidays": [
            {"name": "元旦", "first": "2026-01-01", "last": "2026-01-03"},
            {"name": "春节", "first": "2026-02-15", "last": "2026-02-23"}
        ],
        "makeup_workdays": ["2026-01-04", "2026-02-14", "2026-02-28"]
    })");
}

WorkCalendar spring_2026() { return spring_2026_json().get<WorkCalendar>(); }

constexpr Date d(int y, int m, int day) { return Date{y, m, day}; }

std::string load_error(const json& j) {
    try {
        (void)j.get<WorkCalendar>();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("plain weeks: Monday to Friday are workdays", "[calendar]") {
    const WorkCalendar empty;
    CHECK(empty.is_workday(d(2026, 11, 23)));        // Monday
    CHECK(empty.is_workday(d(2026, 11, 27)));        // Friday
    CHECK_FALSE(empty.is_workday(d(2026, 11, 28)));  // Saturday
    CHECK_FALSE(empty.is_workday(d(2026, 11, 29)));  // Sunday
    CHECK_FALSE(empty.is_holiday(d(2026, 11, 23)));
    CHECK(empty.add_workdays(d(2026, 11, 27), 1) == d(2026, 11, 30));
    CHECK(empty.workdays_between(d(2026, 11, 23), d(2026, 11, 29)) == 5);
}

TEST_CASE("Spring Festival 2026: holidays and make-up Saturdays", "[calendar]") {
    const WorkCalendar cal = spring_2026();
    REQUIRE(iso_weekday(d(2026, 2, 14)) == 6);
    CHECK(cal.is_workday(d(2026, 2, 14)));           // Saturday, 调休上班
    CHECK_FALSE(cal.is_holiday(d(2026, 2, 14)));
    for (Date day = d(2026, 2, 15); day <= d(2026, 2, 23); day = add_days(day, 1)) {
        CAPTURE(format_date(day));
        CHECK(cal.is_holiday(day));
        CHECK_FALSE(cal.is_workday(day));
    }
    CHECK(cal.is_workday(d(2026, 2, 13)));           // Friday before
    CHECK(cal.is_workday(d(2026, 2, 24)));           // Tuesday after
    CHECK(cal.is_workday(d(2026, 2, 28)));           // Saturday, 调休上班
    CHECK_FALSE(cal.is_workday(d(2026, 3, 1)));      // ordinary Sunday
    CHECK_FALSE(cal.is_workday(d(2026, 2, 21)));     // Saturday inside the holiday
    CHECK(cal.is_workday(d(2026, 1, 4)));            // Sunday, 调休上班 after New Year
    CHECK_FALSE(cal.is_workday(d(2026, 1, 2)));      // Friday, New Year holiday
}

TEST_CASE("add_workdays across Spring Festival", "[calendar]") {
    const WorkCalendar cal = spring_2026();
    CHECK(cal.add_workdays(d(2026, 2, 13), 1) == d(2026, 2, 14));   // to the make-up Saturday
    CHECK(cal.add_workdays(d(2026, 2, 13), 2) == d(2026, 2, 24));   // jumps the nine-day holiday
    CHECK(cal.add_workdays(d(2026, 2, 12), 3) == d(2026, 2, 24));
    CHECK(cal.add_workdays(d(2026, 2, 16), 1) == d(2026, 2, 24));   // counted from inside the holiday
    // "within 10 workdays" of signing on 2026-02-10 (Tuesday): 11,12,13,14,24,25,26,27,28, 3-02.
    CHECK(cal.add_workdays(d(2026, 2, 10), 10) == d(2026, 3, 2));
    // n == 0: the day itself when it is a workday, otherwise the next one.
    CHECK(cal.add_workdays(d(2026, 2, 14), 0) == d(2026, 2, 14));
    CHECK(cal.add_workdays(d(2026, 2, 17), 0) == d(2026, 2, 24));
    CHECK(cal.add_workdays(d(2026, 3, 1), 0) == d(2026, 3, 2));
    // n < 0 counts back.
    CHECK(cal.add_workdays(d(2026, 2, 24), -1) == d(2026, 2, 14));
    CHECK(cal.add_workdays(d(2026, 2, 24), -2) == d(2026, 2, 13));
    CHECK(cal.add_workdays(d(2026, 1, 5), -1) == d(2026, 1, 4));
    CHECK(cal.add_workdays(d(2026, 1, 4), -1) == d(2025, 12, 31));
}

TEST_CASE("workdays_between counts inclusively", "[calendar]") {
    const WorkCalendar cal = spring_2026();
    // February 2026: 20 weekdays, 6 of them holiday (16-20, 23), plus 2 make-up Saturdays.
    CHECK(cal.workdays_between(d(2026, 2, 1), d(2026, 2, 28)) == 16);
    CHECK(cal.workdays_between(d(2026, 2, 15), d(2026, 2, 23)) == 0);
    CHECK(cal.workdays_between(d(2026, 2, 14), d(2026, 2, 14)) == 1);
    CHECK(cal.workdays_between(d(2026, 2, 24), d(2026, 2, 14)) == 0);   // reversed range
    // Consistent with add_workdays.
    CHECK(cal.workdays_between(d(2026, 2, 11), cal.add_workdays(d(2026, 2, 10), 10)) == 10);
}

TEST_CASE("to_json and from_json round-trip", "[calendar]") {
    const WorkCalendar cal = spring_2026();
    CHECK(cal.version == "test-2026-spring");
    CHECK(cal.effective_from == d(2026, 1, 1));
    REQUIRE(cal.holidays.size() == 2);
    CHECK(cal.holidays[1].name_zh == "春节");
    CHECK(cal.holidays[1].first == d(2026, 2, 15));
    CHECK(cal.holidays[1].last == d(2026, 2, 23));
    CHECK(cal.makeup_workdays.size() == 3);

    const json out = cal;
    CHECK(out["holidays"][1]["name"] == "春节");
    CHECK(out["holidays"][1]["first"] == "2026-02-15");
    CHECK(out["makeup_workdays"][1] == "2026-02-14");
    const WorkCalendar again = out.get<WorkCalendar>();
    CHECK(again.version == cal.version);
    CHECK(again.effective_from == cal.effective_from);
    CHECK(again.makeup_workdays == cal.makeup_workdays);
    REQUIRE(again.holidays.size() == cal.holidays.size());
    CHECK(again.holidays[0].first == cal.holidays[0].first);
    CHECK(json(again) == out);
}

TEST_CASE("from_json says which entry and field are wrong", "[calendar]") {
    // Chinese (they reach administrators on 规则管理), the location as JSON paths and ASCII-quoted field names.
    using Catch::Matchers::Contains;
    CHECK(load_error(json::array()) == "工作日历：规则内容应为 JSON 对象，实际为列表");

    json j = spring_2026_json();
    j.erase("version");
    CHECK(load_error(j) == "工作日历：缺少字段 \"version\"");

    j = spring_2026_json();
    j["effective_from"] = "2026-1-1";
    CHECK(load_error(j) ==
          "工作日历 \"test-2026-spring\"：字段 \"effective_from\" 应为 YYYY-MM-DD 格式的真实日期，实际为 \"2026-1-1\"");

    j = spring_2026_json();
    j["holidays"][1]["last"] = "2026-02-30";
    CHECK(load_error(j) == "工作日历 \"test-2026-spring\"，holidays[1]（春节）：字段 \"last\" 应为 YYYY-MM-DD 格式的"
                           "真实日期，实际为 \"2026-02-30\"");

    j = spring_2026_json();
    j["holidays"][0]["first"] = 20260101;
    CHECK_THAT(load_error(j), Contains("holidays[0]（元旦）：字段 \"first\" 应为日期文本 \"YYYY-MM-DD\"，实际为数字"));

    j = spring_2026_json();
    j["holidays"][1]["last"] = "2026-02-01";
    CHECK_THAT(load_error(j), Contains("holidays[1]（春节）：字段 \"last\" 2026-02-01 早于 \"first\" 2026-02-15"));

    j = spring_2026_json();
    j["holidays"][1]["first"] = "2026-01-03";
    CHECK_THAT(load_error(j), Contains("holidays[1]（春节）：与 holidays[0]（元旦，2026-01-01 至 2026-01-03）日期重叠"));

    j = spring_2026_json();
    j["holidays"][1].erase("name");
    CHECK_THAT(load_error(j), Contains("holidays[1]：缺少字段 \"name\""));

    j = spring_2026_json();
    j["holidays"][0]["from"] = "2026-01-01";
    CHECK_THAT(load_error(j), Contains("holidays[0]（元旦）：未知字段 \"from\"（是否拼写错误？）"));

    j = spring_2026_json();
    j["holidays"] = json::object();
    CHECK_THAT(load_error(j), Contains("：字段 \"holidays\" 应为列表，实际为对象"));

    j = spring_2026_json();
    j["holidays"][0] = "元旦";
    CHECK_THAT(load_error(j), Contains("holidays[0]：应为对象 {\"name\", \"first\", \"last\"}，实际为文本"));

    j = spring_2026_json();
    j["makeup_workdays"].push_back("2026-02-13");   // a Friday
    CHECK_THAT(load_error(j), Contains("makeup_workdays[3]：2026-02-13 是工作日（周一至周五）；调休上班日应为周六或周日"));

    j = spring_2026_json();
    j["makeup_workdays"].push_back("2026-02-21");   // a Saturday inside Spring Festival
    CHECK_THAT(load_error(j), Contains("makeup_workdays[3]：2026-02-21 落在节假日范围内"));

    j = spring_2026_json();
    j["makeup_workdays"].push_back("2026-02-14");
    CHECK_THAT(load_error(j), Contains("makeup_workdays[3]：2026-02-14 重复出现"));

    j = spring_2026_json();
    j["makeup_workdays"].push_back(true);
    CHECK_THAT(load_error(j), Contains("makeup_workdays[3]：应为日期文本 \"YYYY-MM-DD\"，实际为布尔值"));

    j = spring_2026_json();
    j.erase("makeup_workdays");
    CHECK_THAT(load_error(j), Contains("缺少字段 \"makeup_workdays\"（没有调休上班日时写 []）"));
    j["makeup_workday"] = json::array();   // misspelt key must not pass silently
    CHECK_THAT(load_error(j), Contains("未知字段 \"makeup_workday\"（是否拼写错误？）"));

    j = spring_2026_json();
    j["sources"] = json::array({"ok", 5});
    CHECK_THAT(load_error(j), Contains("sources[1]：应为文本，实际为数字"));

    // A failed load leaves the target untouched.
    WorkCalendar target = spring_2026();
    j = spring_2026_json();
    j["holidays"][1]["last"] = "bad";
    CHECK_THROWS_AS(from_json(j, target), std::invalid_argument);
    CHECK(target.version == "test-2026-spring");
    CHECK(target.holidays.size() == 2);
}

TEST_CASE("shipped calendar assets/rules/calendar-cn.json (2025 and 2026 State Council notices)", "[calendar][data]") {
    std::ifstream in(YIYANG_SOURCE_DIR "/assets/rules/calendar-cn.json");
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    const WorkCalendar cal = json::parse(text.str()).get<WorkCalendar>();

    // A full year has 104 weekend days and, since 2025, 13 statutory holiday days; 调休 moves days but
    // keeps the total, so each year has 365 - 104 - 13 = 248 workdays.
    CHECK(cal.workdays_between(d(2025, 1, 1), d(2025, 12, 31)) == 248);
    CHECK(cal.workdays_between(d(2026, 1, 1), d(2026, 12, 31)) == 248);

    // 2025 (国办发明电〔2024〕12号)
    CHECK_FALSE(cal.is_workday(d(2025, 1, 1)));
    CHECK(cal.is_workday(d(2025, 1, 26)));         // Sunday worked
    CHECK_FALSE(cal.is_workday(d(2025, 1, 28)));   // 除夕
    CHECK_FALSE(cal.is_workday(d(2025, 2, 4)));
    CHECK(cal.is_workday(d(2025, 2, 5)));
    CHECK(cal.is_workday(d(2025, 2, 8)));          // Saturday worked
    CHECK(cal.is_workday(d(2025, 4, 27)));
    CHECK_FALSE(cal.is_workday(d(2025, 5, 5)));
    CHECK_FALSE(cal.is_workday(d(2025, 6, 2)));
    CHECK(cal.is_workday(d(2025, 9, 28)));
    CHECK_FALSE(cal.is_workday(d(2025, 10, 8)));   // National Day and Mid-Autumn together, 8 days
    CHECK(cal.is_workday(d(2025, 10, 11)));

    // 2026 (国务院办公厅 2025-11-04)
    CHECK_FALSE(cal.is_workday(d(2026, 1, 2)));
    CHECK(cal.is_workday(d(2026, 1, 4)));
    CHECK(cal.is_workday(d(2026, 2, 14)));
    CHECK_FALSE(cal.is_workday(d(2026, 2, 17)));   // 春节 (正月初一)
    CHECK_FALSE(cal.is_workday(d(2026, 2, 23)));
    CHECK(cal.is_workday(d(2026, 2, 28)));
    CHECK_FALSE(cal.is_workday(d(2026, 4, 6)));
    CHECK_FALSE(cal.is_workday(d(2026, 5, 5)));
    CHECK(cal.is_workday(d(2026, 5, 9)));
    CHECK_FALSE(cal.is_workday(d(2026, 6, 19)));
    CHECK(cal.is_workday(d(2026, 9, 20)));
    CHECK_FALSE(cal.is_workday(d(2026, 9, 25)));
    CHECK_FALSE(cal.is_workday(d(2026, 10, 7)));
    CHECK(cal.is_workday(d(2026, 10, 8)));
    CHECK(cal.is_workday(d(2026, 10, 10)));
    CHECK(cal.add_workdays(d(2026, 9, 30), 1) == d(2026, 10, 8));
}

TEST_CASE("workdays_between in closed form equals counting day by day on the shipped calendar", "[calendar]") {
    const WorkCalendar cal = yiyang::test::load_json("assets/rules/calendar-cn.json").get<WorkCalendar>();
    yiyang::Rng rng(20261123);
    const std::int64_t lo = days_from_civil(d(2024, 12, 1)), span = 800;   // December 2024 .. early 2027
    for (int i = 0; i < 3000; ++i) {
        const std::int64_t a = lo + static_cast<std::int64_t>(rng.next() % span);
        const std::int64_t b = a + static_cast<std::int64_t>(rng.next() % 400) - 20;   // some reversed ranges
        int expected = 0;
        for (std::int64_t day = a; day <= b; ++day) expected += cal.is_workday(civil_from_days(day)) ? 1 : 0;
        INFO(format_date(civil_from_days(a)) << " .. " << format_date(civil_from_days(b)));
        REQUIRE(cal.workdays_between(civil_from_days(a), civil_from_days(b)) == expected);
    }
}

}  // namespace test_calendar
