// The workday calendar (see calendar.hpp): holiday ranges and make-up workdays loaded from data, and the
// workday arithmetic that SLA clocks and contract terms ("within 10 workdays") are computed with.
#include "yiyang/calendar.hpp"

#include <algorithm>

#include <initializer_list>
#include <stdexcept>

#include "rule_text.hpp"

namespace yiyang {

namespace {

using nlohmann::json;

// Messages in Chinese (they reach administrators on 规则管理), locations as JSON paths (rule_text.hpp).
using rule_text::field, rule_text::json_kind_zh, rule_text::located, rule_text::missing, rule_text::named,
    rule_text::in_quotes, rule_text::then, rule_text::unknown, rule_text::wrong_kind;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw std::invalid_argument(located("工作日历", where, what));
}

// `j[key]` must be a "YYYY-MM-DD" string naming a real date.
Date read_date(const json& j, const std::string& where, const std::string& key) {
    if (!j.contains(key)) fail(where, missing(key));
    const json& v = j.at(key);
    if (!v.is_string()) fail(where, wrong_kind(key, "日期文本 \"YYYY-MM-DD\"", v));
    const auto& text = v.get_ref<const std::string&>();
    auto d = parse_date(text);
    if (!d) fail(where, field(key) + " 应为 YYYY-MM-DD 格式的真实日期，实际为 " + in_quotes(text));
    return *d;
}

std::string read_text(const json& j, const std::string& where, const std::string& key) {
    if (!j.contains(key)) fail(where, missing(key));
    const json& v = j.at(key);
    if (!v.is_string()) fail(where, wrong_kind(key, "文本", v));
    std::string text = v.get<std::string>();
    if (text.empty()) fail(where, field(key) + " 不能为空");
    return text;
}

void reject_unknown_keys(const json& j, const std::string& where, std::initializer_list<const char*> known) {
    for (const auto& item : j.items()) {
        bool found = false;
        for (const char* k : known) found = found || item.key() == k;
        if (!found) fail(where, unknown(item.key()));
    }
}

bool is_weekend(const Date& d) { return iso_weekday(d) >= 6; }

}  // namespace

bool WorkCalendar::is_holiday(const Date& d) const {
    for (const auto& h : holidays) {
        if (h.first <= d && d <= h.last) return true;
    }
    return false;
}

bool WorkCalendar::is_workday(const Date& d) const {
    if (makeup_workdays.count(d) != 0) return true;
    if (is_holiday(d)) return false;
    return !is_weekend(d);
}

Date WorkCalendar::add_workdays(const Date& d, int n) const {
    std::int64_t day = days_from_civil(d);
    if (n == 0) {
        while (!is_workday(civil_from_days(day))) ++day;
        return civil_from_days(day);
    }
    const int step = n > 0 ? 1 : -1;   // negative n counts back to earlier workdays
    for (int remaining = n > 0 ? n : -n; remaining > 0;) {
        day += step;
        if (is_workday(civil_from_days(day))) --remaining;
    }
    return civil_from_days(day);
}

namespace {
// Mondays to Fridays among the day numbers [a, b] (days_from_civil; day 0, 1970-01-01, was a Thursday).
std::int64_t weekdays_in(std::int64_t a, std::int64_t b) {
    if (b < a) return 0;
    const std::int64_t n = b - a + 1;
    std::int64_t count = n / 7 * 5;
    // ISO weekday of day a: 1970-01-01 is 4 (Thursday).
    int wd = static_cast<int>(((a % 7) + 7 + 3) % 7) + 1;
    for (std::int64_t i = 0; i < n % 7; ++i, wd = wd % 7 + 1) {
        if (wd <= 5) ++count;
    }
    return count;
}
}  // namespace

// Closed form (clocks of year-old open orders ask for hundreds of days): the weekdays of the range, less the
// weekdays inside holiday ranges (merged, so overlapping ranges count once), plus the make-up workdays that
// fall on a weekend. Equals counting is_workday day by day (tests/shared/test_calendar.cpp checks both).
int WorkCalendar::workdays_between(const Date& first, const Date& last) const {
    const std::int64_t a = days_from_civil(first), b = days_from_civil(last);
    if (b < a) return 0;
    std::int64_t count = weekdays_in(a, b);
    std::vector<std::pair<std::int64_t, std::int64_t>> spans;
    for (const auto& h : holidays) {
        const std::int64_t lo = std::max(a, days_from_civil(h.first)), hi = std::min(b, days_from_civil(h.last));
        if (lo <= hi) spans.emplace_back(lo, hi);
    }
    std::sort(spans.begin(), spans.end());
    std::int64_t covered_to = a - 1;
    for (const auto& [lo, hi] : spans) {
        const std::int64_t from = std::max(lo, covered_to + 1);
        if (from <= hi) count -= weekdays_in(from, hi);
        covered_to = std::max(covered_to, hi);
    }
    for (auto it = makeup_workdays.lower_bound(first); it != makeup_workdays.end() && !(last < *it); ++it) {
        if (is_weekend(*it) && !is_holiday(*it)) ++count;
    }
    return static_cast<int>(count);
}

void from_json(const nlohmann::json& j, WorkCalendar& c) {
    if (!j.is_object()) fail("", std::string("规则内容应为 JSON 对象，实际为") + json_kind_zh(j));
    WorkCalendar out;
    out.version = read_text(j, "", "version");
    const std::string where = in_quotes(out.version);
    reject_unknown_keys(j, where, {"comment", "version", "effective_from", "holidays", "makeup_workdays", "sources"});
    out.effective_from = read_date(j, where, "effective_from");

    if (j.contains("comment") && !j.at("comment").is_string()) {   // documentation only; not kept
        fail(where, wrong_kind("comment", "文本", j.at("comment")));
    }
    if (j.contains("sources")) {   // documentation only (which notices the data comes from); not kept
        const json& s = j.at("sources");
        if (!s.is_array()) fail(where, wrong_kind("sources", "文本的列表", s));
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (!s[i].is_string()) {
                fail(then(where, "sources[" + std::to_string(i) + "]"), std::string("应为文本，实际为") + json_kind_zh(s[i]));
            }
        }
    }

    if (!j.contains("holidays")) fail(where, missing("holidays"));
    const json& hs = j.at("holidays");
    if (!hs.is_array()) fail(where, wrong_kind("holidays", "列表", hs));
    for (std::size_t i = 0; i < hs.size(); ++i) {
        std::string at = then(where, "holidays[" + std::to_string(i) + "]");
        const json& h = hs[i];
        if (!h.is_object()) fail(at, std::string("应为对象 {\"name\", \"first\", \"last\"}，实际为") + json_kind_zh(h));
        HolidayRange range;
        range.name_zh = read_text(h, at, "name");
        at = named(at, range.name_zh);
        reject_unknown_keys(h, at, {"name", "first", "last"});
        range.first = read_date(h, at, "first");
        range.last = read_date(h, at, "last");
        if (range.last < range.first) {
            fail(at, field("last") + " " + format_date(range.last) + " 早于 \"first\" " + format_date(range.first));
        }
        for (std::size_t k = 0; k < out.holidays.size(); ++k) {
            const HolidayRange& other = out.holidays[k];
            if (range.first <= other.last && other.first <= range.last) {
                fail(at, "与 holidays[" + std::to_string(k) + "]（" + other.name_zh + "，" + format_date(other.first) +
                             " 至 " + format_date(other.last) + "）日期重叠");
            }
        }
        out.holidays.push_back(std::move(range));
    }

    if (!j.contains("makeup_workdays")) fail(where, missing("makeup_workdays") + "（没有调休上班日时写 []）");
    const json& ms = j.at("makeup_workdays");
    if (!ms.is_array()) fail(where, wrong_kind("makeup_workdays", "日期的列表", ms));
    for (std::size_t i = 0; i < ms.size(); ++i) {
        const std::string at = then(where, "makeup_workdays[" + std::to_string(i) + "]");
        if (!ms[i].is_string()) fail(at, std::string("应为日期文本 \"YYYY-MM-DD\"，实际为") + json_kind_zh(ms[i]));
        const auto& text = ms[i].get_ref<const std::string&>();
        auto d = parse_date(text);
        if (!d) fail(at, "应为 YYYY-MM-DD 格式的真实日期，实际为 " + in_quotes(text));
        if (!is_weekend(*d)) fail(at, text + " 是工作日（周一至周五）；调休上班日应为周六或周日");
        if (out.is_holiday(*d)) fail(at, text + " 落在节假日范围内");
        if (!out.makeup_workdays.insert(*d).second) fail(at, text + " 重复出现");
    }
    c = std::move(out);
}

void to_json(nlohmann::json& j, const WorkCalendar& c) {
    json holidays = json::array();
    for (const auto& h : c.holidays) {
        holidays.push_back({{"name", h.name_zh}, {"first", format_date(h.first)}, {"last", format_date(h.last)}});
    }
    json makeup = json::array();
    for (const auto& d : c.makeup_workdays) makeup.push_back(format_date(d));
    j = json{{"version", c.version},
             {"effective_from", format_date(c.effective_from)},
             {"holidays", std::move(holidays)},
             {"makeup_workdays", std::move(makeup)}};
}

}  // namespace yiyang
