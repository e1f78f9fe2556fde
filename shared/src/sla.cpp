// SLA clocks (see sla.hpp): rule data loading with clear errors, and due time / consumed time / state
// computed over the workday calendar, day by day, with pauses cut out of the counted time.
#include "yiyang/sla.hpp"
#include "yiyang/rule_registry.hpp"   // index_in_force: the one definition of "in force"
#include "rule_text.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <initializer_list>
#include <stdexcept>
#include <utility>

namespace yiyang {

namespace {

using nlohmann::json;

constexpr std::int64_t kDay = 86400;
constexpr int kMaxDays = 3700;   // ~10 years: a calendar with no counted day must not loop forever

// ---- counting ------------------------------------------------------------------------------------
struct Span {
    LocalSeconds from;
    LocalSeconds to;   // exclusive
};

// The counted part of one day, as seconds after midnight; empty when the day counts nothing.
std::optional<std::pair<std::int64_t, std::int64_t>> counted_part(const SlaRule& rule, const WorkCalendar& cal,
                                                                  const Date& day) {
    switch (rule.counting) {
        case SlaCounting::Wall: return std::make_pair(std::int64_t{0}, kDay);
        case SlaCounting::Workdays:
            if (!cal.is_workday(day)) return std::nullopt;
            return std::make_pair(std::int64_t{0}, kDay);
        case SlaCounting::BusinessHours:
            if (!cal.is_workday(day)) return std::nullopt;
            return std::make_pair(std::int64_t{rule.open_minute} * 60, std::int64_t{rule.close_minute} * 60);
    }
    return std::nullopt;
}

// Sorted, merged pauses clipped to start at or after `started`; an open pause ends at `open_end`.
std::vector<Span> normalise(const std::vector<Pause>& pauses, LocalSeconds started, LocalSeconds open_end) {
    std::vector<Span> spans;
    for (const Pause& p : pauses) {
        Span s{std::max(p.from, started), p.to ? *p.to : open_end};
        if (s.to > s.from) spans.push_back(s);
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
        return a.from != b.from ? a.from < b.from : a.to < b.to;
    });
    std::vector<Span> merged;
    for (const Span& s : spans) {
        if (!merged.empty() && s.from <= merged.back().to) {
            merged.back().to = std::max(merged.back().to, s.to);
        } else {
            merged.push_back(s);
        }
    }
    return merged;
}

// Calls `f(from, to)` for each counted, unpaused piece of time at or after `from`, in order, until f returns
// false or `until` (exclusive, when given) is reached. Returns false when the day limit was hit.
bool for_each_counted(const SlaRule& rule, const WorkCalendar& cal, LocalSeconds from,
                      std::optional<LocalSeconds> until, const std::vector<Span>& pauses,
                      const std::function<bool(LocalSeconds, LocalSeconds)>& f) {
    const std::int64_t first_day = days_from_civil(date_of(from));
    for (std::int64_t d = first_day; d < first_day + kMaxDays; ++d) {
        const LocalSeconds day_start = d * kDay;
        if (until && day_start >= *until) return true;
        auto part = counted_part(rule, cal, civil_from_days(d));
        if (!part) continue;
        LocalSeconds a = std::max(day_start + part->first, from);
        LocalSeconds b = day_start + part->second;
        if (until) b = std::min(b, *until);
        // Cut the pauses out of [a, b).
        for (const Span& p : pauses) {
            if (a >= b) break;
            if (p.to <= a || p.from >= b) continue;
            if (p.from > a && !f(a, p.from)) return true;
            a = std::max(a, p.to);
        }
        if (a < b && !f(a, b)) return true;
    }
    return until.has_value();
}

std::int64_t counted_between(const SlaRule& rule, const WorkCalendar& cal, LocalSeconds from, LocalSeconds to,
                             const std::vector<Span>& pauses) {
    if (to <= from) return 0;
    if (rule.counting == SlaCounting::Wall && pauses.empty()) return to - from;
    // Whole workdays in closed form: a clock of a year-old open order would otherwise walk every day.
    const std::int64_t d1 = days_from_civil(date_of(from)), d2 = days_from_civil(date_of(to - 1));
    if (rule.counting == SlaCounting::Workdays && pauses.empty() && d2 > d1) {
        std::int64_t sum = 0;
        if (cal.is_workday(civil_from_days(d1))) sum += (d1 + 1) * kDay - from;
        if (d2 - d1 > 1) sum += std::int64_t{cal.workdays_between(civil_from_days(d1 + 1), civil_from_days(d2 - 1))} * kDay;
        if (cal.is_workday(civil_from_days(d2))) sum += to - d2 * kDay;
        return sum;
    }
    std::int64_t total = 0;
    for_each_counted(rule, cal, from, to, pauses, [&](LocalSeconds a, LocalSeconds b) {
        total += b - a;
        return true;
    });
    return total;
}

// ---- JSON reading --------------------------------------------------------------------------------
// Messages in Chinese (they reach administrators on 规则管理), locations as JSON paths (rule_text.hpp).
using rule_text::field, rule_text::json_kind_zh, rule_text::located, rule_text::missing, rule_text::named,
    rule_text::not_one_of, rule_text::in_quotes, rule_text::then, rule_text::unknown, rule_text::wrong_kind;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw std::invalid_argument(located("SLA 规则", where, what));
}

void reject_unknown_keys(const json& j, const std::string& where, std::initializer_list<const char*> known) {
    for (const auto& item : j.items()) {
        bool found = false;
        for (const char* k : known) found = found || item.key() == k;
        if (!found) fail(where, unknown(item.key()));
    }
}

std::string read_text(const json& j, const std::string& where, const char* key) {
    if (!j.contains(key)) fail(where, missing(key));
    const json& v = j.at(key);
    if (!v.is_string()) fail(where, wrong_kind(key, "文本", v));
    std::string text = v.get<std::string>();
    if (text.empty()) fail(where, field(key) + " 不能为空");
    return text;
}

void check_doc_string(const json& j, const std::string& where, const char* key) {
    if (j.contains(key) && !j.at(key).is_string()) fail(where, wrong_kind(key, "文本", j.at(key)));
}

std::int64_t read_int(const json& j, const std::string& where, const char* key, std::int64_t lo, std::int64_t hi) {
    const json& v = j.at(key);
    if (!v.is_number_integer()) fail(where, field(key) + " 应为整数，实际为 " + v.dump());
    const auto n = v.get<std::int64_t>();
    if (n < lo || n > hi) {
        fail(where, field(key) + " 应在 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 之间，实际为 " +
                        std::to_string(n));
    }
    return n;
}

// "08:30" -> 510
int read_clock_time(const json& j, const std::string& where, const char* key) {
    const std::string text = read_text(j, where, key);
    const bool shape = text.size() == 5 && text[2] == ':' && std::isdigit(static_cast<unsigned char>(text[0])) &&
                       std::isdigit(static_cast<unsigned char>(text[1])) &&
                       std::isdigit(static_cast<unsigned char>(text[3])) &&
                       std::isdigit(static_cast<unsigned char>(text[4]));
    const int h = shape ? (text[0] - '0') * 10 + (text[1] - '0') : -1;
    const int m = shape ? (text[3] - '0') * 10 + (text[4] - '0') : -1;
    const bool ok = shape && ((h < 24 && m < 60) || (h == 24 && m == 0));
    if (!ok) fail(where, field(key) + " 应为 HH:MM 格式的时刻（00:00–24:00），实际为 " + in_quotes(text));
    return h * 60 + m;
}

std::string hhmm(int minutes) {
    std::string s = "00:00";
    s[0] = static_cast<char>('0' + minutes / 600);
    s[1] = static_cast<char>('0' + minutes / 60 % 10);
    s[3] = static_cast<char>('0' + minutes % 60 / 10);
    s[4] = static_cast<char>('0' + minutes % 10);
    return s;
}

SlaRule read_rule(const json& r, const std::string& at_index) {
    if (!r.is_object()) fail(at_index, std::string("应为对象，实际为") + json_kind_zh(r));
    SlaRule rule;
    rule.code = read_text(r, at_index, "code");
    const std::string where = named(at_index, rule.code);
    reject_unknown_keys(r, where, {"code", "name", "starts_on", "stops_on", "applies_to", "target", "counting",
                                   "business_hours", "pausable", "due_soon", "source", "comment"});
    rule.name_zh = read_text(r, where, "name");
    rule.starts_on = read_text(r, where, "starts_on");
    rule.stops_on = read_text(r, where, "stops_on");
    if (rule.starts_on == rule.stops_on) {
        fail(where, field("stops_on") + " 与 \"starts_on\" 是同一事件 " + in_quotes(rule.stops_on) + "，时限无从计算");
    }
    if (r.contains("applies_to")) {
        const json& a = r.at("applies_to");
        if (!a.is_array()) fail(where, wrong_kind("applies_to", "工单类型代码的列表", a));
        for (std::size_t i = 0; i < a.size(); ++i) {
            auto t = a[i].is_string() ? parse_OrderType(a[i].get<std::string>()) : std::nullopt;
            if (!t) {
                fail(where, field("applies_to") + " 中的 applies_to[" + std::to_string(i) + "] 不是工单类型代码：" +
                                a[i].dump());
            }
            rule.applies_to.push_back(*t);
        }
    }

    if (!r.contains("target")) fail(where, missing("target"));
    const json& t = r.at("target");
    if (!t.is_object()) fail(where, wrong_kind("target", "对象", t));
    const std::string at_target = then(where, "target");
    const std::string kind = read_text(t, at_target, "kind");
    if (kind == "elapsed") {
        reject_unknown_keys(t, at_target, {"kind", "seconds"});
        if (!t.contains("seconds")) fail(at_target, missing("seconds") + "（kind 为 elapsed 时必填）");
        rule.kind = SlaTargetKind::Elapsed;
        rule.target_seconds = read_int(t, at_target, "seconds", 1, 366 * kDay);
    } else if (kind == "same_day") {
        reject_unknown_keys(t, at_target, {"kind"});
        rule.kind = SlaTargetKind::SameDay;
    } else {
        fail(at_target, not_one_of("kind", {"elapsed", "same_day"}, kind));
    }

    const std::string counting = read_text(r, where, "counting");
    if (counting == "wall") {
        rule.counting = SlaCounting::Wall;
    } else if (counting == "workdays") {
        rule.counting = SlaCounting::Workdays;
    } else if (counting == "business_hours") {
        rule.counting = SlaCounting::BusinessHours;
    } else {
        fail(where, not_one_of("counting", {"wall", "workdays", "business_hours"}, counting));
    }
    if (rule.counting == SlaCounting::BusinessHours) {
        if (!r.contains("business_hours")) fail(where, missing("business_hours") + "（counting 为 business_hours 时必填）");
        const json& b = r.at("business_hours");
        if (!b.is_object()) fail(where, field("business_hours") + " 应为对象 {\"open\", \"close\"}，实际为" + json_kind_zh(b));
        const std::string at_hours = then(where, "business_hours");
        reject_unknown_keys(b, at_hours, {"open", "close"});
        rule.open_minute = read_clock_time(b, at_hours, "open");
        rule.close_minute = read_clock_time(b, at_hours, "close");
        if (rule.close_minute <= rule.open_minute) {
            fail(at_hours, field("close") + " 应晚于 \"open\"，实际为 " + hhmm(rule.close_minute) + "，不晚于 " +
                               hhmm(rule.open_minute));
        }
    } else if (r.contains("business_hours")) {
        fail(where, field("business_hours") + " 只能与 counting business_hours 一起使用");
    }

    if (!r.contains("pausable")) fail(where, missing("pausable"));
    if (!r.at("pausable").is_boolean()) {
        fail(where, field("pausable") + " 应为 true 或 false，实际为 " + r.at("pausable").dump());
    }
    rule.pausable = r.at("pausable").get<bool>();

    if (r.contains("due_soon")) {
        const json& d = r.at("due_soon");
        const std::string at = then(where, "due_soon");
        if (!d.is_object()) fail(where, field("due_soon") + " 应为对象 {\"seconds\", \"percent\"}，实际为" + json_kind_zh(d));
        reject_unknown_keys(d, at, {"seconds", "percent"});
        if (d.contains("seconds")) rule.due_soon_seconds = read_int(d, at, "seconds", 0, 366 * kDay);
        if (d.contains("percent")) rule.due_soon_percent = static_cast<int>(read_int(d, at, "percent", 0, 100));
    }
    check_doc_string(r, where, "source");
    check_doc_string(r, where, "comment");
    if (r.contains("source")) rule.source = r.at("source").get<std::string>();
    return rule;
}

}  // namespace

// ---- rules ---------------------------------------------------------------------------------------
bool SlaRule::applies_to_type(OrderType t) const {
    return applies_to.empty() || std::find(applies_to.begin(), applies_to.end(), t) != applies_to.end();
}

const SlaRule* SlaRuleSet::find(const std::string& rule_code) const {
    for (const SlaRule& r : rules) {
        if (r.code == rule_code) return &r;
    }
    return nullptr;
}

const SlaRuleSet* rule_set_in_force(const std::vector<SlaRuleSet>& sets, const Date& on) {
    // The one definition of "in force" (rule_registry.hpp); `sets` in publication order.
    std::vector<Date> dates;
    dates.reserve(sets.size());
    for (const SlaRuleSet& s : sets) dates.push_back(s.effective_from);
    const auto i = index_in_force(dates, on);
    return i ? &sets[*i] : nullptr;
}

// ---- clocks --------------------------------------------------------------------------------------
std::int64_t counted_seconds(const SlaRule& rule, const WorkCalendar& calendar, LocalSeconds from, LocalSeconds to) {
    return counted_between(rule, calendar, from, to, {});
}

SlaClock compute_clock(const SlaRule& rule, const WorkCalendar& calendar, LocalSeconds started,
                       const std::vector<Pause>& pauses, std::optional<LocalSeconds> stopped, LocalSeconds now) {
    SlaClock c;
    c.rule_code = rule.code;
    c.name_zh = rule.name_zh;
    c.started_at = started;
    c.stopped_at = stopped;
    const LocalSeconds at = std::max(stopped.value_or(now), started);
    const std::vector<Span> paused = rule.pausable ? normalise(pauses, started, at) : std::vector<Span>{};

    c.consumed_seconds = counted_between(rule, calendar, started, at, paused);
    std::int64_t target = 0;
    if (rule.kind == SlaTargetKind::Elapsed) {
        target = rule.target_seconds;
        std::int64_t left = target;
        bool found = false;
        for_each_counted(rule, calendar, started, std::nullopt, paused, [&](LocalSeconds a, LocalSeconds b) {
            if (b - a >= left) {
                c.due_at = a + left;
                found = true;
                return false;
            }
            left -= b - a;
            return true;
        });
        if (!found) throw std::invalid_argument("SLA rule " + rule.code + ": the calendar counts no time within 10 years");
        c.remaining_seconds = target - c.consumed_seconds;
        c.seconds_to_due = c.due_at - at;
    } else {
        Date day = date_of(started);
        if (rule.uses_calendar()) day = calendar.add_workdays(day, 0);
        std::int64_t paused_total = 0;
        for (const Span& p : paused) paused_total += p.to - p.from;
        c.due_at = start_of(day) + kDay - 1 + paused_total;
        target = c.due_at - started;
        c.remaining_seconds = c.due_at - at;
        c.seconds_to_due = c.due_at - at;
    }

    const bool paused_now = !stopped && std::any_of(pauses.begin(), pauses.end(), [&](const Pause& p) {
        return rule.pausable && p.from <= now && (!p.to || *p.to > now);
    });
    const std::int64_t threshold = std::max(rule.due_soon_seconds, target * rule.due_soon_percent / 100);
    if (stopped) {
        c.state = *stopped <= c.due_at ? SlaState::Met : SlaState::Breached;
    } else if (now > c.due_at) {
        c.state = SlaState::Breached;
    } else if (paused_now) {
        c.state = SlaState::Paused;
    } else if (c.remaining_seconds <= threshold) {
        c.state = SlaState::DueSoon;
    } else {
        c.state = SlaState::Running;
    }
    return c;
}

// ---- codes ---------------------------------------------------------------------------------------
const char* code(SlaTargetKind v) { return v == SlaTargetKind::Elapsed ? "elapsed" : "same_day"; }

const char* code(SlaCounting v) {
    switch (v) {
        case SlaCounting::Wall: return "wall";
        case SlaCounting::Workdays: return "workdays";
        case SlaCounting::BusinessHours: return "business_hours";
    }
    return "wall";
}

const char* code(SlaState v) {
    switch (v) {
        case SlaState::Running: return "running";
        case SlaState::Paused: return "paused";
        case SlaState::DueSoon: return "due_soon";
        case SlaState::Met: return "met";
        case SlaState::Breached: return "breached";
    }
    return "running";
}

const char* label_zh(SlaState v) {
    switch (v) {
        case SlaState::Running: return "计时中";
        case SlaState::Paused: return "已暂停";
        case SlaState::DueSoon: return "即将超时";
        case SlaState::Met: return "按时完成";
        case SlaState::Breached: return "已超时";
    }
    return "计时中";
}

// ---- JSON ----------------------------------------------------------------------------------------
void from_json(const nlohmann::json& j, SlaRuleSet& s) {
    if (!j.is_object()) fail("", std::string("规则内容应为 JSON 对象，实际为") + json_kind_zh(j));
    SlaRuleSet out;
    out.version = read_text(j, "", "version");
    const std::string where = in_quotes(out.version);
    reject_unknown_keys(j, where, {"version", "effective_from", "rules", "comment"});
    check_doc_string(j, where, "comment");
    {
        const std::string text = read_text(j, where, "effective_from");
        auto d = parse_date(text);
        if (!d) fail(where, field("effective_from") + " 应为 YYYY-MM-DD 格式的真实日期，实际为 " + in_quotes(text));
        out.effective_from = *d;
    }
    if (!j.contains("rules")) fail(where, missing("rules"));
    const json& rs = j.at("rules");
    if (!rs.is_array()) fail(where, wrong_kind("rules", "列表", rs));
    for (std::size_t i = 0; i < rs.size(); ++i) {
        const std::string at = then(where, "rules[" + std::to_string(i) + "]");
        SlaRule rule = read_rule(rs[i], at);
        if (out.find(rule.code) != nullptr) fail(at, "规则代码 " + in_quotes(rule.code) + " 重复出现");
        out.rules.push_back(std::move(rule));
    }
    s = std::move(out);
}

void to_json(nlohmann::json& j, const SlaRuleSet& s) {
    json rules = json::array();
    for (const SlaRule& r : s.rules) {
        json o = {{"code", r.code}, {"name", r.name_zh}, {"starts_on", r.starts_on}, {"stops_on", r.stops_on}};
        if (!r.applies_to.empty()) o["applies_to"] = r.applies_to;
        o["target"] = r.kind == SlaTargetKind::Elapsed ? json{{"kind", "elapsed"}, {"seconds", r.target_seconds}}
                                                       : json{{"kind", "same_day"}};
        o["counting"] = code(r.counting);
        if (r.counting == SlaCounting::BusinessHours) {
            o["business_hours"] = {{"open", hhmm(r.open_minute)}, {"close", hhmm(r.close_minute)}};
        }
        o["pausable"] = r.pausable;
        o["due_soon"] = {{"seconds", r.due_soon_seconds}, {"percent", r.due_soon_percent}};
        if (!r.source.empty()) o["source"] = r.source;
        rules.push_back(std::move(o));
    }
    j = json{{"version", s.version}, {"effective_from", format_date(s.effective_from)}, {"rules", std::move(rules)}};
}

void to_json(nlohmann::json& j, const SlaClock& c) {
    j = json{{"rule", c.rule_code},
             {"name", c.name_zh},
             {"started_at", format_timestamp(c.started_at)},
             {"stopped_at", c.stopped_at ? json(format_timestamp(*c.stopped_at)) : json(nullptr)},
             {"due_at", format_timestamp(c.due_at)},
             {"consumed_seconds", c.consumed_seconds},
             {"remaining_seconds", c.remaining_seconds},
             {"seconds_to_due", c.seconds_to_due},
             {"state", code(c.state)}};
}

bool is_overdue(const std::vector<SlaClock>& clocks) {
    for (const auto& c : clocks) {
        if (c.state == SlaState::Breached && !c.stopped_at) return true;
    }
    return false;
}

std::optional<std::int64_t> emergency_answer_seconds(const SlaRuleSet& set) {
    for (const SlaRule& r : set.rules) {
        if (r.applies_to_type(OrderType::Emergency) && !r.applies_to.empty() && r.starts_on == "created" &&
            r.kind == SlaTargetKind::Elapsed && r.counting == SlaCounting::Wall) {
            return r.target_seconds;
        }
    }
    return std::nullopt;
}

LocalSeconds emergency_answer_due(const WorkOrder& order, const SlaRuleSet& set) {
    return order.created_at + emergency_answer_seconds(set).value_or(0);
}

}  // namespace yiyang
