// KPI targets loader and the indicator formulas of DOMAIN.md "Indicators (KPIs), with formulas".
// Every figure carries its numerator / denominator IDs so a number on a report can be traced to its records.
#include "yiyang/kpi.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>

#include "yiyang/order_lifecycle.hpp"
#include "rule_text.hpp"

namespace yiyang {

namespace {

using nlohmann::json;

// Messages in Chinese (they reach administrators on 规则管理), locations as JSON paths (rule_text.hpp).
using rule_text::field, rule_text::json_kind_zh, rule_text::located, rule_text::missing, rule_text::named,
    rule_text::not_one_of, rule_text::then, rule_text::unknown, rule_text::wrong_kind;

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw std::invalid_argument(located("指标目标", where, what));
}

void reject_unknown(const json& j, const std::vector<std::string>& known, const std::string& where) {
    for (const auto& item : j.items()) {
        if (std::find(known.begin(), known.end(), item.key()) == known.end()) fail(where, unknown(item.key()));
    }
}

std::string required_string(const json& j, const char* key, const std::string& where) {
    if (!j.contains(key)) fail(where, missing(key));
    const auto& v = j.at(key);
    if (!v.is_string()) fail(where, wrong_kind(key, "文本", v));
    const auto& text = v.get_ref<const std::string&>();
    if (text.empty()) fail(where, field(key) + " 不能为空");
    return text;
}

std::string one_of(const json& j, const char* key, const std::vector<std::string>& allowed, const std::string& where) {
    std::string text = required_string(j, key, where);
    if (std::find(allowed.begin(), allowed.end(), text) == allowed.end()) fail(where, not_one_of(key, allowed, text));
    return text;
}

const std::vector<std::string> kUnits = {"percent", "count", "per_week", "as_needed"};
const std::vector<std::string> kPeriods = {"month", "quarter", "project_year"};
const std::vector<std::string> kComparisons = {"ge", "gt", "le", "lt", "eq"};

KpiTarget target_from_json(const json& j, const std::string& where_in) {
    std::string where = where_in;
    if (!j.is_object()) fail(where, std::string("应为对象，实际为") + json_kind_zh(j));
    if (j.contains("code") && j.at("code").is_string()) where = named(where, j.at("code").get<std::string>());
    reject_unknown(j, {"code", "item", "name_zh", "comparison", "target", "unit", "period", "source",
                       "requirement_zh"}, where);
    KpiTarget t;
    t.code = required_string(j, "code", where);
    t.name_zh = required_string(j, "name_zh", where);
    if (j.contains("item")) {
        const auto& v = j.at("item");
        if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > 99)
            fail(where, field("item") + " 应为 0 到 99 的整数（0 表示不在中山考核表中），实际为 " + v.dump());
        t.item = v.get<int>();
    }
    std::string cmp = one_of(j, "comparison", kComparisons, where);
    t.comparison = cmp == "ge" ? KpiComparison::Ge : cmp == "gt" ? KpiComparison::Gt
                 : cmp == "le" ? KpiComparison::Le : cmp == "lt" ? KpiComparison::Lt : KpiComparison::Eq;
    t.unit = one_of(j, "unit", kUnits, where);
    t.period = one_of(j, "period", kPeriods, where);
    t.source = one_of(j, "source", {"records", "entered"}, where) == "records" ? KpiSource::Records
                                                                               : KpiSource::Entered;
    if (j.contains("requirement_zh")) {
        const auto& r = j.at("requirement_zh");
        if (!r.is_string()) fail(where, wrong_kind("requirement_zh", "文本", r));
        t.requirement_zh = j.at("requirement_zh").get<std::string>();
    }
    if (!j.contains("target")) fail(where, missing("target"));
    const auto& v = j.at("target");
    if (t.is_percent()) {
        if (!v.is_object() || !v.contains("num") || !v.contains("den") || v.size() != 2 ||
            !v.at("num").is_number_integer() || !v.at("den").is_number_integer())
            fail(where, field("target") + " 在 unit 为 percent 时应为 {\"num\": 整数, \"den\": 整数}，例如 "
                        "{\"num\": 95, \"den\": 100}，实际为 " + v.dump());
        t.target = Ratio{v.at("num").get<std::int64_t>(), v.at("den").get<std::int64_t>()};
        if (t.target.den <= 0 || t.target.num < 0 || t.target.num > t.target.den)
            fail(where, field("target") + " 应满足 0 <= num <= den 且 den > 0，实际为 " + v.dump());
    } else {
        if (!v.is_number_integer() || v.get<std::int64_t>() < 0)
            fail(where, field("target") + " 在 unit 为 " + t.unit + " 时应为不小于 0 的整数，实际为 " + v.dump());
        t.target = Ratio{v.get<std::int64_t>(), 1};
    }
    return t;
}

std::vector<Id> sorted_unique(std::vector<Id> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

// Handled: past received and not cancelled (answered on the spot, dispatched or anything after, escalated).
bool handled(const WorkOrder& o) { return o.status != OrderStatus::Received && o.status != OrderStatus::Cancelled; }

bool completed_or_later(OrderStatus s) {
    return s == OrderStatus::Completed || s == OrderStatus::Reviewed || s == OrderStatus::CalledBack ||
           s == OrderStatus::Rectifying || s == OrderStatus::Closed;
}

bool needs_provider(OrderType t) {
    return t == OrderType::Booking || t == OrderType::Referral || t == OrderType::Emergency;
}

bool answered_callback(const WorkOrder& o) { return o.satisfaction && *o.satisfaction >= 1 && *o.satisfaction <= 5; }

// ---- the per-order predicates of each formula (kpi.hpp) ----
bool every_order(const WorkOrder&) { return true; }
bool satisfied(const WorkOrder& o, const SlaRuleSet&) { return is_satisfied(*o.satisfaction); }
bool handled_numerator(const WorkOrder& o, const SlaRuleSet&) { return handled(o); }
bool valid_complaint(const WorkOrder& o, const SlaRuleSet&) { return o.type == OrderType::Complaint && o.complaint_valid == true; }
bool provider_demand(const WorkOrder& o) { return needs_provider(o.type); }
bool matched(const WorkOrder& o, const SlaRuleSet&) { return completed_or_later(o.status); }
bool from_portal(const WorkOrder& o) { return o.channel == Channel::PublicPortal; }
// The provider activity count (provider_kpi.hpp active_providers: orders per provider and month): every order
// not cancelled. Not a target of its own; kept with the order counters so a year of it is 12 sums.
bool not_cancelled(const WorkOrder& o) { return o.status != OrderStatus::Cancelled; }
bool counted(const WorkOrder&, const SlaRuleSet&) { return true; }
bool referral_done(const WorkOrder& o) { return o.type == OrderType::Referral && completed_or_later(o.status); }
bool referral_called_back(const WorkOrder& o, const SlaRuleSet&) {
    return o.status == OrderStatus::CalledBack ||
           ((o.status == OrderStatus::Closed || o.status == OrderStatus::Rectifying) && answered_callback(o));
}
// Yingkou 3.1: the SOS is answered within its window (the SLA rule data of the order's day, the same deadline the
// banner counts down to); a cancelled one (误拨) was still a call to answer.
bool emergency(const WorkOrder& o) { return o.type == OrderType::Emergency; }
bool answered_in_time(const WorkOrder& o, const SlaRuleSet& sla) {
    return o.acknowledged_at && *o.acknowledged_at <= emergency_answer_due(o, sla);
}

const std::vector<std::string> kOrderKpis = {"response_rate",          "satisfaction",
                                             "valid_complaint_rate",   "demand_matching_rate",
                                             "portal_acceptance_rate", "referral_callback_rate",
                                             "emergency_answer_rate"};
const std::vector<std::string> kCallKpis = {"connection_rate", "yearly_call_volume", "seats_per_workday"};

bool listed(const std::vector<std::string>& list, std::string_view code) {
    return std::find(list.begin(), list.end(), code) != list.end();
}

}  // namespace

const char* code(KpiComparison v) {
    switch (v) {
        case KpiComparison::Ge: return "ge";
        case KpiComparison::Gt: return "gt";
        case KpiComparison::Le: return "le";
        case KpiComparison::Lt: return "lt";
        case KpiComparison::Eq: return "eq";
    }
    return "ge";
}

const char* code(KpiSource v) { return v == KpiSource::Records ? "records" : "entered"; }

const char* symbol(KpiComparison v) {
    switch (v) {
        case KpiComparison::Ge: return "≥";
        case KpiComparison::Gt: return "＞";
        case KpiComparison::Le: return "≤";
        case KpiComparison::Lt: return "＜";
        case KpiComparison::Eq: return "=";
    }
    return "≥";
}

std::string KpiTarget::target_text() const {
    if (unit == "as_needed") return requirement_zh.empty() ? "按需开展" : requirement_zh;
    std::string value;
    if (is_percent()) {
        // Whole percentages without decimals (95%), otherwise two (92.50%).
        value = target.percent_scaled(2) % 100 == 0 ? target.percent_text(0) : target.percent_text(2);
    } else {
        value = std::to_string(target.num);
        if (unit == "per_week") value += " / 周";
    }
    return std::string(symbol(comparison)) + " " + value;
}

const KpiTableRow* KpiTargetSet::row(int item) const {
    for (const auto& r : rows) {
        if (r.item == item) return &r;
    }
    return nullptr;
}

const KpiTarget* KpiTargetSet::find(std::string_view c) const {
    for (const auto& t : items)
        if (t.code == c) return &t;
    return nullptr;
}

void from_json(const json& j, KpiTarget& t) { t = target_from_json(j, "item"); }

void to_json(json& j, const KpiTarget& t) {
    j = json{{"code", t.code}, {"item", t.item}, {"name_zh", t.name_zh}, {"comparison", code(t.comparison)},
             {"unit", t.unit}, {"period", t.period}, {"source", code(t.source)}};
    if (t.is_percent()) j["target"] = json{{"num", t.target.num}, {"den", t.target.den}};
    else j["target"] = t.target.num;
    if (!t.requirement_zh.empty()) j["requirement_zh"] = t.requirement_zh;
}

void from_json(const json& j, KpiTargetSet& s) {
    if (!j.is_object()) fail("", std::string("规则内容应为 JSON 对象，实际为") + json_kind_zh(j));
    KpiTargetSet out;
    out.version = required_string(j, "version", "");
    const std::string where = in_quotes(out.version);
    reject_unknown(j, {"version", "effective_from", "project_start", "comment", "items", "rows"}, where);
    const std::string date_text = required_string(j, "effective_from", where);
    auto d = parse_date(date_text);
    if (!d) fail(where, field("effective_from") + " 应为 YYYY-MM-DD 格式的真实日期，实际为 " + in_quotes(date_text));
    out.effective_from = *d;
    out.project_start = *d;
    if (j.contains("project_start")) {
        const std::string ps = required_string(j, "project_start", where);
        auto p = parse_date(ps);
        if (!p) fail(where, field("project_start") + " 应为 YYYY-MM-DD 格式的真实日期，实际为 " + in_quotes(ps));
        out.project_start = *p;
    }
    if (j.contains("comment") && !j.at("comment").is_string()) {
        fail(where, wrong_kind("comment", "文本", j.at("comment")));
    }
    if (!j.contains("items")) fail(where, missing("items"));
    const auto& items = j.at("items");
    if (!items.is_array()) fail(where, wrong_kind("items", "列表", items));
    std::set<std::string> codes;
    for (std::size_t i = 0; i < items.size(); ++i) {
        KpiTarget t = target_from_json(items[i], then(where, "items[" + std::to_string(i) + "]"));
        if (!codes.insert(t.code).second)
            fail(named(then(where, "items[" + std::to_string(i) + "]"), t.code), "指标代码重复出现");
        out.items.push_back(std::move(t));
    }
    if (j.contains("rows")) {
        const auto& rows = j.at("rows");
        if (!rows.is_array()) fail(where, wrong_kind("rows", "列表", rows));
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const std::string at = then(where, "rows[" + std::to_string(i) + "]");
            const auto& r = rows[i];
            if (!r.is_object()) fail(at, std::string("应为 JSON 对象，实际为") + json_kind_zh(r));
            reject_unknown(r, {"item", "category_zh", "title_zh", "content_zh"}, at);
            KpiTableRow row;
            if (!r.contains("item") || !r.at("item").is_number_integer()) fail(at, missing("item") + "（整数）");
            row.item = r.at("item").get<int>();
            if (row.item < 1 || row.item > 99) fail(at, field("item") + " 应为 1 到 99 的整数");
            if (!out.rows.empty() && row.item <= out.rows.back().item) fail(at, field("item") + " 应按升序且不重复");
            row.category_zh = required_string(r, "category_zh", at);
            row.title_zh = required_string(r, "title_zh", at);
            row.content_zh = required_string(r, "content_zh", at);
            out.rows.push_back(std::move(row));
        }
        for (const auto& t : out.items) {
            if (t.item > 0 && !out.row(t.item))
                fail(named(where, t.code), "第 " + std::to_string(t.item) + " 项在 rows 中没有对应的行");
        }
    }
    s = std::move(out);
}

void to_json(json& j, const KpiTargetSet& s) {
    j = json{{"version", s.version}, {"effective_from", format_date(s.effective_from)}, {"items", s.items}};
    if (s.project_start != s.effective_from) j["project_start"] = format_date(s.project_start);
    if (!s.rows.empty()) {
        json rows = json::array();
        for (const auto& r : s.rows) {
            rows.push_back(json{{"item", r.item}, {"category_zh", r.category_zh}, {"title_zh", r.title_zh},
                                {"content_zh", r.content_zh}});
        }
        j["rows"] = std::move(rows);
    }
}

namespace {
Date add_months_first(const Date& d, int months) {   // the same day-of-month, `months` later (day clamped by caller)
    int m0 = d.month - 1 + months;
    int y = d.year + m0 / 12;
    m0 %= 12;
    if (m0 < 0) { m0 += 12; --y; }
    return Date{y, m0 + 1, d.day};
}
}  // namespace

std::string ProjectYear::label_zh() const {
    return std::to_string(first.year) + "年" + std::to_string(first.month) + "月—" + std::to_string(last.year) + "年" +
           std::to_string(last.month) + "月";
}

std::vector<Period> ProjectYear::months() const {
    std::vector<Period> out;
    Period p = month_of(first);
    for (int i = 0; i < 12; ++i, p = p.next()) out.push_back(p);
    return out;
}

Period ProjectYear::period() const { return Period{PeriodKind::ProjectYear, first.year, first.month, 12}; }

Period ProjectYear::period_through(const Period& through) const {
    Period p = period();
    const Date end = through.last_day();
    if (end < first || last < end) return p;
    p.span = (end.year - first.year) * 12 + (end.month - first.month) + 1;
    return p;
}

ProjectYear project_year_of(const KpiTargetSet& targets, const Date& d) {
    // Project years start on the first of the start's month (a contract signed mid-month still reports by month).
    const Date start{targets.project_start.year, targets.project_start.month, 1};
    int n = 0;
    if (!(d < start)) n = ((d.year - start.year) * 12 + (d.month - start.month)) / 12;
    ProjectYear y;
    y.first = add_months_first(start, 12 * n);
    y.last = add_days(add_months_first(start, 12 * (n + 1)), -1);
    y.number = n + 1;
    return y;
}

void to_json(json& j, const KpiResult& r) {
    j = json{{"code", r.code},
             {"name_zh", r.name_zh},
             {"is_count", r.is_count},
             {"display", r.display},
             {"target_text", r.target_text},
             {"met", r.met},
             {"numerator_ids", r.numerator_ids},
             {"denominator_ids", r.denominator_ids},
             {"failure_count", r.failure_count ? json(*r.failure_count) : json(nullptr)}};
    if (r.is_count) j["value"] = r.value.defined() ? json(r.value.num) : json(nullptr);
    else j["value"] = json{{"num", r.value.num}, {"den", r.value.den}};
}

bool kpi_met(const Ratio& value, KpiComparison cmp, const Ratio& target) {
    if (!value.defined() || !target.defined()) return false;
    auto c = value.compare(target);
    switch (cmp) {
        case KpiComparison::Ge: return c != std::strong_ordering::less;
        case KpiComparison::Gt: return c == std::strong_ordering::greater;
        case KpiComparison::Le: return c != std::strong_ordering::greater;
        case KpiComparison::Lt: return c == std::strong_ordering::less;
        case KpiComparison::Eq: return c == std::strong_ordering::equal;
    }
    return false;
}

std::vector<Id> failure_ids(const std::vector<Id>& numerator_ids, const std::vector<Id>& denominator_ids) {
    std::vector<Id> out;
    std::set_difference(denominator_ids.begin(), denominator_ids.end(), numerator_ids.begin(), numerator_ids.end(),
                        std::back_inserter(out));
    return out;
}

KpiResult make_kpi_result(const KpiTarget& target, Ratio value, std::vector<Id> numerator_ids,
                          std::vector<Id> denominator_ids) {
    KpiResult r;
    r.code = target.code;
    r.name_zh = target.name_zh;
    r.value = value;
    r.is_count = !target.is_percent();
    if (r.is_count) r.display = value.defined() ? std::to_string(value.num) : "—";
    else r.display = value.percent_text(2);
    r.target_text = target.target_text();
    r.met = target.unit != "as_needed" && kpi_met(value, target.comparison, target.target);
    r.numerator_ids = sorted_unique(std::move(numerator_ids));
    r.denominator_ids = sorted_unique(std::move(denominator_ids));
    r.numerator_count = static_cast<std::int64_t>(r.numerator_ids.size());
    r.denominator_count = static_cast<std::int64_t>(r.denominator_ids.size());
    if (!r.is_count) r.failure_count = static_cast<std::int64_t>(failure_ids(r.numerator_ids, r.denominator_ids).size());
    return r;
}

KpiResult make_kpi_result_counts(const KpiTarget& target, Ratio value, std::int64_t numerator_count,
                                 std::int64_t denominator_count) {
    KpiResult r = make_kpi_result(target, value, {}, {});
    r.numerator_count = numerator_count;
    r.denominator_count = denominator_count;
    // The numerator is a subset of the denominator (every formula asks in_numerator only of denominator records).
    if (!r.is_count) r.failure_count = denominator_count - numerator_count;
    return r;
}

bool is_order_kpi(std::string_view c) { return listed(kOrderKpis, c); }
bool is_call_kpi(std::string_view c) { return listed(kCallKpis, c); }

const std::vector<OrderKpiFormula>& order_kpi_formulas() {
    static const std::vector<OrderKpiFormula> formulas = {
        {"response_rate", every_order, handled_numerator},
        {"satisfaction", answered_callback, satisfied},
        {"valid_complaint_rate", handled, valid_complaint},
        {"demand_matching_rate", provider_demand, matched},
        {"portal_acceptance_rate", from_portal, handled_numerator},
        {"referral_callback_rate", referral_done, referral_called_back},
        {"emergency_answer_rate", emergency, answered_in_time},
        {"kept_orders", not_cancelled, counted},   // not a KPI target (is_order_kpi is false): provider activity
    };
    return formulas;
}

KpiResult compute_order_kpi(const KpiTarget& target, const std::vector<WorkOrder>& orders, const SlaRulesOn& sla_on) {
    const std::string& c = target.code;
    const OrderKpiFormula* f = nullptr;
    for (const auto& x : order_kpi_formulas()) if (c == x.code) f = &x;
    if (!f) throw std::invalid_argument("KPI " + in_quotes(c) + " is not computed from work orders");
    std::vector<Id> num, den;
    for (const auto& o : orders) {
        if (!f->in_denominator(o)) continue;
        den.push_back(o.id);
        if (f->in_numerator(o, sla_on(date_of(o.created_at)))) num.push_back(o.id);
    }
    Ratio value{static_cast<std::int64_t>(num.size()), static_cast<std::int64_t>(den.size())};
    return make_kpi_result(target, value, std::move(num), std::move(den));
}

bool call_is_inbound(const KpiCall& c) { return c.inbound; }
bool call_connected(const KpiCall& c) { return c.inbound && c.answered; }
bool call_staffs_day(const KpiCall& c) { return !c.agent.empty() && (!c.inbound || c.answered); }

Date last_judged_day(const Date& period_last, const Date& today) {
    const Date yesterday = add_days(today, -1);
    return period_last < today ? period_last : yesterday;
}

Date first_judged_day(const Date& period_first, const Date& period_last, const std::optional<Date>& first_recorded) {
    if (!first_recorded) return add_days(period_last, 1);
    return period_first < *first_recorded ? *first_recorded : period_first;
}

KpiResult compute_call_kpi(const KpiTarget& target, const std::vector<KpiCall>& calls, const Date& first,
                           const Date& last, const WorkCalendar& calendar) {
    const std::string& c = target.code;
    std::vector<Id> num, den;
    if (c == "connection_rate") {
        for (const auto& call : calls) {
            if (!call_is_inbound(call)) continue;
            den.push_back(call.id);
            if (call_connected(call)) num.push_back(call.id);
        }
        Ratio value{static_cast<std::int64_t>(num.size()), static_cast<std::int64_t>(den.size())};
        return make_kpi_result(target, value, std::move(num), std::move(den));
    }
    if (c == "yearly_call_volume") {
        for (const auto& call : calls) num.push_back(call.id);
        Ratio value{static_cast<std::int64_t>(num.size()), 1};
        return make_kpi_result(target, value, std::move(num), {});
    }
    if (c == "seats_per_workday") {
        // Agents staffing each day: an answered inbound call or any outbound call with an agent.
        std::map<Date, std::set<std::string>> agents;
        std::map<Date, std::vector<Id>> ids;
        for (const auto& call : calls) {
            if (!call_staffs_day(call)) continue;
            Date day = date_of(call.started_at);
            agents[day].insert(call.agent);
            ids[day].push_back(call.id);
        }
        std::optional<std::int64_t> worst;
        std::vector<Id> worst_ids;
        for (Date d = first; d <= last; d = add_days(d, 1)) {
            if (!calendar.is_workday(d)) continue;
            auto it = agents.find(d);
            std::int64_t n = it == agents.end() ? 0 : static_cast<std::int64_t>(it->second.size());
            if (!worst || n < *worst) {
                worst = n;
                worst_ids = it == agents.end() ? std::vector<Id>{} : ids[d];
            }
        }
        Ratio value = worst ? Ratio{*worst, 1} : Ratio{0, 0};
        return make_kpi_result(target, value, std::move(worst_ids), {});
    }
    throw std::invalid_argument("KPI " + in_quotes(c) + " is not computed from call records");
}

}  // namespace yiyang
