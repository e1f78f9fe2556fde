// Provider evaluation: the rule, the prefill from orders, the supervisor's completion and grading on the exact total,
// and the key-information check (provider_evaluation.hpp).
#include "yiyang/provider_evaluation.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "rule_text.hpp"
#include "yiyang/knowledge.hpp"        // utf8_length
#include "yiyang/order_lifecycle.hpp"  // is_satisfied

namespace yiyang::providers {

using json = nlohmann::json;

// ---- enums ----------------------------------------------------------------------------------------
namespace {
template <class E>
struct Named {
    E value;
    const char* code;
    const char* zh;
};
const Named<Dimension> kDimensions[] = {{Dimension::Qualification, "qualification", "资质"},
                                        {Dimension::Reputation, "reputation", "信誉"},
                                        {Dimension::Performance, "performance", "履约"},
                                        {Dimension::Activity, "activity", "活跃度"},
                                        {Dimension::Satisfaction, "satisfaction", "满意度"}};
const Named<Grade> kGrades[] = {{Grade::Excellent, "excellent", "优"},
                                {Grade::Good, "good", "良"},
                                {Grade::Fair, "fair", "中"},
                                {Grade::Poor, "poor", "差"}};
const Named<Platform> kPlatforms[] = {{Platform::Mzt, "mzt", "民政通"}, {Platform::SmartCare, "smart_care", "智慧养老平台"}};
const Named<PoorAction> kActions[] = {
    {PoorAction::Warn, "warn", "预警"}, {PoorAction::Remove, "remove", "清退"}, {PoorAction::Lift, "lift", "解除预警"}};

template <class E, std::size_t N>
const Named<E>& named(const Named<E> (&table)[N], E v) {
    for (const auto& n : table)
        if (n.value == v) return n;
    return table[0];
}
template <class E, std::size_t N>
std::optional<E> parse(const Named<E> (&table)[N], std::string_view c) {
    for (const auto& n : table)
        if (c == n.code) return n.value;
    return std::nullopt;
}
}  // namespace

const char* code(Dimension d) { return named(kDimensions, d).code; }
const char* label_zh(Dimension d) { return named(kDimensions, d).zh; }
std::optional<Dimension> parse_dimension(std::string_view c) { return parse(kDimensions, c); }
const std::vector<Dimension>& all_dimensions() {
    static const std::vector<Dimension> all = {Dimension::Qualification, Dimension::Reputation, Dimension::Performance,
                                               Dimension::Activity, Dimension::Satisfaction};
    return all;
}
const char* code(Grade g) { return named(kGrades, g).code; }
const char* label_zh(Grade g) { return named(kGrades, g).zh; }
std::optional<Grade> parse_grade(std::string_view c) { return parse(kGrades, c); }
const char* code(Platform p) { return named(kPlatforms, p).code; }
const char* label_zh(Platform p) { return named(kPlatforms, p).zh; }
std::optional<Platform> parse_platform(std::string_view c) { return parse(kPlatforms, c); }
const char* code(PoorAction a) { return named(kActions, a).code; }
const char* label_zh(PoorAction a) { return named(kActions, a).zh; }
std::optional<PoorAction> parse_poor_action(std::string_view c) { return parse(kActions, c); }
PoorAction action_for(Platform p) { return p == Platform::Mzt ? PoorAction::Warn : PoorAction::Remove; }
ProviderStatus status_after(PoorAction a) {
    switch (a) {
        case PoorAction::Warn: return ProviderStatus::Warned;
        case PoorAction::Remove: return ProviderStatus::Removed;
        case PoorAction::Lift: return ProviderStatus::Active;
    }
    return ProviderStatus::Active;
}

std::string lift_refusal(const LiftBasis& b) {
    if (b.status == ProviderStatus::Removed) return "该服务商已清退，不能解除预警（重新入驻按新准入办理）";
    if (b.status != ProviderStatus::Warned) return "该服务商不在预警中，无需解除";
    if (!b.latest_grade || !b.latest_day) return "尚无评价：请先对整改后的服务商重新评价（中及以上），再解除预警";
    if (*b.latest_grade == Grade::Poor) return "最近一次评价仍为“差”：请整改后重新评价（中及以上），再解除预警";
    if (b.warned_on && !(*b.warned_on < *b.latest_day))
        return "最近一次评价不晚于导致预警的评价（" + format_date(*b.warned_on) + "）：请整改后重新评价，再解除预警";
    return "";
}

// ---- the rule -------------------------------------------------------------------------------------
namespace {

const char* const kInterval = "[min, next_min)";

std::int64_t rule_int(const json& j, const char* key, std::int64_t lo, std::int64_t hi) {
    if (!j.is_object() || !j.contains(key)) throw std::invalid_argument(rule_text::missing(key));
    const auto& v = j.at(key);
    if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi)
        throw std::invalid_argument(rule_text::field(key) + " 应为 " + std::to_string(lo) + " 到 " + std::to_string(hi) +
                                    " 之间的整数，实际为 " + v.dump());
    return v.get<std::int64_t>();
}

void only(const json& j, const char* where, std::initializer_list<const char*> keys) {
    if (!j.is_object()) throw std::invalid_argument(rule_text::wrong_kind(where, "对象", j));
    for (const auto& item : j.items()) {
        if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return item.key() == k; }))
            throw std::invalid_argument(rule_text::unknown(std::string(where) + "." + item.key()));
    }
}

const json& member(const json& j, const char* key) {
    if (!j.contains(key)) throw std::invalid_argument(rule_text::missing(key));
    return j.at(key);
}

}  // namespace

void from_json(const json& j, EvaluationRule& r) {
    EvaluationRule out;
    out.grades.clear();                    // the defaults (the seed's values) are replaced, not extended
    out.required_service_items.clear();
    out.version = rule_text::envelope(j, "服务商评价规则",
                                      {"max_points", "window_months", "performance", "activity", "grades", "interval",
                                       "rounding", "decimals", "active_providers", "required_service_items"});
    const auto& mp = member(j, "max_points");
    only(mp, "max_points", {"qualification", "reputation", "performance", "activity", "satisfaction"});
    std::int64_t sum = 0;
    for (Dimension d : all_dimensions()) {
        out.max_points[d] = rule_int(mp, code(d), 0, 100);
        sum += out.max_points[d];
    }
    if (sum != 100) throw std::invalid_argument(rule_text::field("max_points") + " 五项分值之和应为 100，实际为 " + std::to_string(sum));
    out.window_months = rule_int(j, "window_months", 1, 12);
    const auto& perf = member(j, "performance");
    only(perf, "performance", {"acceptance_points", "on_time_points", "on_time_hours", "complaint_deduction"});
    out.acceptance_points = rule_int(perf, "acceptance_points", 0, 100);
    out.on_time_points = rule_int(perf, "on_time_points", 0, 100);
    if (out.acceptance_points + out.on_time_points != out.max_points[Dimension::Performance])
        throw std::invalid_argument(rule_text::field("performance.acceptance_points") +
                                    " 与 on_time_points 之和应等于 max_points.performance");
    out.on_time_hours = rule_int(perf, "on_time_hours", 1, 24 * 60);
    out.complaint_deduction = rule_int(perf, "complaint_deduction", 0, 100);
    const auto& act = member(j, "activity");
    only(act, "activity", {"full_orders_per_month"});
    out.full_orders_per_month = rule_int(act, "full_orders_per_month", 1, 100000);
    const auto& g = member(j, "grades");
    if (!g.is_array() || g.size() != 4) throw std::invalid_argument(rule_text::field("grades") + " 应为 4 个等级（优、良、中、差）的列表");
    std::set<Grade> seen;
    for (std::size_t i = 0; i < g.size(); ++i) {
        only(g[i], "grades[]", {"grade", "min_points"});
        const auto& gc = member(g[i], "grade");
        const auto grade = gc.is_string() ? parse_grade(gc.get<std::string>()) : std::nullopt;
        if (!grade || seen.count(*grade))
            throw std::invalid_argument(rule_text::field("grades[" + std::to_string(i) + "].grade") +
                                        " 应为 excellent、good、fair、poor 之一且不重复，实际为 " + gc.dump());
        seen.insert(*grade);
        GradeThreshold t{*grade, rule_int(g[i], "min_points", 0, 100)};
        if (!out.grades.empty() && t.min_points >= out.grades.back().min_points)
            throw std::invalid_argument(rule_text::field("grades[" + std::to_string(i) + "].min_points") + " 应严格递减");
        out.grades.push_back(t);
    }
    if (out.grades.back().min_points != 0)
        throw std::invalid_argument(rule_text::field("grades[3].min_points") + " 最低等级的下限应为 0（每个总分都有等级）");
    const auto& iv = member(j, "interval");
    if (!iv.is_string() || iv.get<std::string>() != kInterval)
        throw std::invalid_argument(rule_text::field("interval") + " 应为 \"" + kInterval + "\"（含下限、不含上限），实际为 " + iv.dump());
    const auto& rv = member(j, "rounding");
    const auto mode = rv.is_string() ? rounding_from_code(rv.get<std::string>()) : std::nullopt;
    if (!mode) throw std::invalid_argument(rule_text::not_one_of("rounding", {"half_up", "truncate"}, rv.dump()));
    out.rounding = *mode;
    out.decimals = static_cast<int>(rule_int(j, "decimals", 0, 3));
    const auto& ap = member(j, "active_providers");
    only(ap, "active_providers", {"min_orders_per_month", "window_months"});
    out.active_min_orders_per_month = rule_int(ap, "min_orders_per_month", 1, 100000);
    out.active_window_months = rule_int(ap, "window_months", 1, 12);
    const auto& items = member(j, "required_service_items");
    if (!items.is_array() || items.empty())
        throw std::invalid_argument(rule_text::field("required_service_items") + " 应为非空的服务类别代码列表");
    for (const auto& it : items) {
        const auto c = it.is_string() ? parse_ServiceCategory(it.get<std::string>()) : std::nullopt;
        if (!c) throw std::invalid_argument(rule_text::field("required_service_items") + " 含未知服务类别 " + it.dump());
        if (std::find(out.required_service_items.begin(), out.required_service_items.end(), *c) == out.required_service_items.end())
            out.required_service_items.push_back(*c);
    }
    r = std::move(out);
}

void to_json(json& j, const EvaluationRule& r) {
    json mp = json::object();
    for (const auto& [d, p] : r.max_points) mp[code(d)] = p;
    json grades = json::array();
    for (const auto& g : r.grades) grades.push_back({{"grade", code(g.grade)}, {"min_points", g.min_points}});
    json items = json::array();
    for (auto c : r.required_service_items) items.push_back(code(c));
    j = json{{"version", r.version},
             {"max_points", mp},
             {"window_months", r.window_months},
             {"performance", {{"acceptance_points", r.acceptance_points}, {"on_time_points", r.on_time_points},
                              {"on_time_hours", r.on_time_hours}, {"complaint_deduction", r.complaint_deduction}}},
             {"activity", {{"full_orders_per_month", r.full_orders_per_month}}},
             {"grades", grades},
             {"interval", kInterval},
             {"rounding", code(r.rounding)},
             {"decimals", r.decimals},
             {"active_providers", {{"min_orders_per_month", r.active_min_orders_per_month},
                                   {"window_months", r.active_window_months}}},
             {"required_service_items", items}};
}

// ---- exact points -----------------------------------------------------------------------------------
namespace {
__extension__ typedef __int128 Wide;   // as ratio.cpp: GCC and Clang (also wasm32); quiet under -Wpedantic
Wide gcd128(Wide a, Wide b) {
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b != 0) {
        const Wide t = a % b;
        a = b;
        b = t;
    }
    return a;
}
Ratio reduce128(Wide num, Wide den) {
    if (den < 0) {
        num = -num;
        den = -den;
    }
    const Wide g = gcd128(num, den);
    if (g > 1) {
        num /= g;
        den /= g;
    }
    const Wide lim = INT64_MAX;
    if (num > lim || num < -lim || den > lim) throw std::overflow_error("provider evaluation: points out of range");
    return Ratio{static_cast<std::int64_t>(num), static_cast<std::int64_t>(den)};
}
Ratio scale(std::int64_t points, std::int64_t num, std::int64_t den) {   // points × num / den
    return reduce128(static_cast<Wide>(points) * num, den);
}
Ratio whole(std::int64_t n) { return Ratio{n, 1}; }
}  // namespace

Ratio add(const Ratio& a, const Ratio& b) {
    return reduce128(static_cast<Wide>(a.num) * b.den + static_cast<Wide>(b.num) * a.den,
                     static_cast<Wide>(a.den) * b.den);
}

Grade grade_of(const Ratio& total, const EvaluationRule& rule) {
    for (const auto& g : rule.grades) {
        if (!(total < whole(g.min_points))) return g.grade;   // total >= min: the lower bound is included
    }
    return Grade::Poor;
}

std::string points_text(const Ratio& points, const EvaluationRule& rule) {
    if (!points.defined()) return "\xE2\x80\x94";
    // points ÷ 100 as a percentage is the points themselves: the one rounding routine of Ratio, without its "%".
    std::string s = Ratio{points.num, points.den * 100}.percent_text(rule.decimals, rule.rounding);
    if (!s.empty() && s.back() == '%') s.pop_back();
    return s;
}

// ---- prefill ----------------------------------------------------------------------------------------
EvalWindow evaluation_window(const Date& day, const EvaluationRule& rule) {
    int y = day.year, m = day.month;
    auto back = [&](int n) {
        int total = y * 12 + (m - 1) - n;
        return std::pair<int, int>{total / 12, total % 12 + 1};
    };
    const auto [fy, fm] = back(static_cast<int>(rule.window_months));
    const auto [ly, lm] = back(1);
    return EvalWindow{Date{fy, fm, 1}, Date{ly, lm, days_in_month(ly, lm)}};
}

const PrefilledScore* Prefill::find(Dimension d) const {
    for (const auto& s : scores)
        if (s.dimension == d) return &s;
    return nullptr;
}

namespace {
bool in(const EvalWindow& w, LocalSeconds t) {
    const Date d = date_of(t);
    return !(d < w.first) && !(w.last < d);
}
bool accepted_or_later(OrderStatus s) {
    switch (s) {
        case OrderStatus::Accepted: case OrderStatus::InService: case OrderStatus::Completed: case OrderStatus::Reviewed:
        case OrderStatus::CalledBack: case OrderStatus::Closed: case OrderStatus::Rectifying: return true;
        default: return false;
    }
}
Ratio clamp(const Ratio& r, std::int64_t hi) {
    if (r < whole(0)) return whole(0);
    if (whole(hi) < r) return whole(hi);
    return r;
}
std::vector<Id> sorted(std::vector<Id> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}
}  // namespace

Prefill prefill(const std::vector<EvalOrder>& orders, const std::vector<EvalComplaint>& complaints, const EvalWindow& window,
                const EvaluationRule& rule) {
    Prefill out;
    out.window = window;
    // Performance.
    std::int64_t dispatched = 0, accepted = 0, completed = 0, on_time = 0, valid = 0;
    std::vector<Id> perf_ids, act_ids, sat_ids;
    for (const auto& o : orders) {
        if (!o.dispatched_at || !in(window, *o.dispatched_at) || o.status == OrderStatus::Cancelled) continue;
        ++dispatched;
        perf_ids.push_back(o.id);
        if (accepted_or_later(o.status)) ++accepted;
        if (o.completed_at) {
            ++completed;
            if (*o.completed_at - *o.dispatched_at <= rule.on_time_hours * 3600) ++on_time;
        }
    }
    for (const auto& c : complaints) {
        if (c.valid && in(window, c.created_at)) {
            ++valid;
            perf_ids.push_back(c.id);
        }
    }
    PrefilledScore perf{Dimension::Performance, std::nullopt, "", sorted(perf_ids)};
    perf.basis_zh = "派单 " + std::to_string(dispatched) + " 单，接单 " + std::to_string(accepted) + " 单；完成 " +
                    std::to_string(completed) + " 单，" + std::to_string(rule.on_time_hours) + " 小时内完成 " +
                    std::to_string(on_time) + " 单；有效投诉 " + std::to_string(valid) + " 件";
    if (dispatched > 0 && completed > 0) {
        Ratio p = add(scale(rule.acceptance_points, accepted, dispatched), scale(rule.on_time_points, on_time, completed));
        p = add(p, whole(-rule.complaint_deduction * valid));
        perf.points = clamp(p, rule.max_points.at(Dimension::Performance));
    } else {
        perf.basis_zh += "（无派单或无已完成工单，需人工评分）";
    }
    // Activity.
    std::int64_t n = 0;
    for (const auto& o : orders) {
        if (o.status == OrderStatus::Cancelled || !in(window, o.created_at)) continue;
        ++n;
        act_ids.push_back(o.id);
    }
    const std::int64_t full = rule.full_orders_per_month * rule.window_months;
    PrefilledScore act{Dimension::Activity, scale(rule.max_points.at(Dimension::Activity), std::min(n, full), full),
                       std::to_string(rule.window_months) + " 个月工单 " + std::to_string(n) + " 单（每月 " +
                           std::to_string(rule.full_orders_per_month) + " 单为满分）",
                       sorted(act_ids)};
    // Satisfaction.
    std::int64_t answered = 0, satisfied = 0;
    for (const auto& o : orders) {
        if (!o.satisfaction || !o.closed_at || !in(window, *o.closed_at)) continue;
        ++answered;
        sat_ids.push_back(o.id);
        if (is_satisfied(*o.satisfaction)) ++satisfied;
    }
    PrefilledScore sat{Dimension::Satisfaction, std::nullopt,
                       "回访 " + std::to_string(answered) + " 次，满意 " + std::to_string(satisfied) + " 次", sorted(sat_ids)};
    if (answered > 0) sat.points = scale(rule.max_points.at(Dimension::Satisfaction), satisfied, answered);
    else sat.basis_zh += "（无回访，需人工评分）";
    out.scores = {perf, act, sat};
    return out;
}

// ---- the evaluation ---------------------------------------------------------------------------------
std::vector<FieldError> evaluation_from_json(const json& j, EvaluationInput& out) {
    std::vector<FieldError> e;
    if (!j.is_object()) return {{"body", "format", "请求体应为 JSON 对象"}};
    for (const auto& item : j.items()) {
        if (item.key() != "day" && item.key() != "scores" && item.key() != "note")
            e.push_back({item.key().substr(0, 40), "unknown", "未知字段“" + item.key().substr(0, 40) + "”"});
    }
    const auto day = j.contains("day") && j["day"].is_string() ? parse_date(j["day"].get<std::string>()) : std::nullopt;
    if (!day) e.push_back({"day", "format", "评价日期应为 YYYY-MM-DD 格式的真实日期"});
    else out.day = *day;
    if (j.contains("note")) {
        if (!j["note"].is_string() || utf8_length(j["note"].get<std::string>()) > 200)
            e.push_back({"note", "too_long", "备注应为不超过 200 字的文本"});
        else out.note = j["note"].get<std::string>();
    }
    if (!j.contains("scores") || !j["scores"].is_object()) {
        e.push_back({"scores", "required", "缺少各项评分（scores）"});
        return e;
    }
    for (const auto& item : j["scores"].items()) {
        const auto d = parse_dimension(item.key());
        const std::string f = "scores." + item.key().substr(0, 40);
        if (!d) {
            e.push_back({f, "unknown", "未知评价维度“" + item.key().substr(0, 40) + "”（应为资质、信誉、履约、活跃度、满意度）"});
            continue;
        }
        const auto& v = item.value();
        if (!v.is_object()) {
            e.push_back({f, "format", std::string(label_zh(*d)) + "评分应为对象 {\"tenths\", \"reason\"}"});
            continue;
        }
        ScoreInput s;
        for (const auto& m : v.items()) {
            if (m.key() == "tenths") {
                if (m.value().is_null()) continue;
                if (!m.value().is_number_integer()) e.push_back({f, "format", std::string(label_zh(*d)) + "评分应为整数（以 0.1 分计）"});
                else s.tenths = m.value().get<std::int64_t>();
            } else if (m.key() == "reason") {
                if (!m.value().is_string() || utf8_length(m.value().get<std::string>()) > 200)
                    e.push_back({f, "too_long", std::string(label_zh(*d)) + "的修改理由应为不超过 200 字的文本"});
                else s.reason = m.value().get<std::string>();
            } else {
                e.push_back({f, "unknown", std::string(label_zh(*d)) + "评分含未知字段“" + m.key().substr(0, 40) + "”"});
            }
        }
        out.scores[*d] = s;
    }
    return e;
}

std::vector<FieldError> complete_evaluation(const EvaluationInput& in, const Prefill& pre, const EvaluationRule& rule,
                                            Evaluation& out) {
    std::vector<FieldError> e;
    Evaluation ev;
    ev.total = whole(0);
    for (Dimension d : all_dimensions()) {
        const std::string f = std::string("scores.") + code(d);
        const std::int64_t max = rule.max_points.at(d);
        const auto* p = pre.find(d);
        const auto it = in.scores.find(d);
        const ScoreInput none;
        const ScoreInput& s = it == in.scores.end() ? none : it->second;
        FinalScore fs;
        fs.dimension = d;
        if (p) fs.prefilled = p->points;
        if (s.tenths) {
            if (*s.tenths < 0 || *s.tenths > max * 10) {
                e.push_back({f, "range", std::string(label_zh(d)) + "评分应在 0 到 " + std::to_string(max) + " 分之间"});
                continue;
            }
            fs.points = reduce128(*s.tenths, 10);
            if (fs.prefilled && !(fs.points == *fs.prefilled)) {
                fs.changed = true;
                const auto len = utf8_length(s.reason);
                if (len < 2 || len > 200) {
                    e.push_back({f, "reason_required", std::string("修改预填的") + label_zh(d) + "评分须填写理由（2 到 200 字）"});
                    continue;
                }
                fs.reason = s.reason;
            }
        } else if (fs.prefilled) {
            fs.points = *fs.prefilled;
        } else {
            e.push_back({f, "required", std::string(label_zh(d)) + (p ? "无可预填的记录" : "由监管人员评定") + "，请填写评分（0 到 " +
                                            std::to_string(max) + " 分）"});
            continue;
        }
        ev.total = add(ev.total, fs.points);
        ev.scores.push_back(fs);
    }
    if (!e.empty()) return e;
    ev.grade = grade_of(ev.total, rule);
    out = std::move(ev);
    return e;
}

// ---- key information ----------------------------------------------------------------------------------
std::vector<MissingItem> check_key_information(const Provider& p, const std::optional<Date>& licence_expires,
                                               const Date& today) {
    std::vector<MissingItem> out;
    if (p.licence_no.empty()) out.push_back({"licence_no", "缺少资质证号（统一社会信用代码）"});
    if (!licence_expires) out.push_back({"licence_expiry", "缺少资质有效期"});
    else if (*licence_expires < today) out.push_back({"licence_expired", "资质已过期（" + format_date(*licence_expires) + "）"});
    if (p.contact_phone.empty()) out.push_back({"contact_phone", "缺少联系电话"});
    if (p.points.empty()) out.push_back({"service_points", "缺少服务网点"});
    for (const auto& pt : p.points) {
        if (pt.location.lat_e6 == 0 || pt.location.lon_e6 == 0) {
            out.push_back({"coordinates", "服务网点“" + pt.name + "”缺少坐标"});
        }
    }
    if (p.categories.empty()) out.push_back({"service_list", "缺少服务项目清单"});
    if (p.towns_covered.empty()) out.push_back({"towns", "缺少服务镇街"});
    return out;
}

std::string missing_text(const std::vector<MissingItem>& items) {
    if (items.empty()) return "完整";
    std::string s;
    for (const auto& m : items) s += (s.empty() ? "" : "；") + m.text_zh;
    return s;
}

void to_json(json& j, const MissingItem& m) { j = json{{"code", m.code}, {"text_zh", m.text_zh}}; }
void from_json(const json& j, MissingItem& m) {
    m.code = j.at("code").get<std::string>();
    m.text_zh = j.at("text_zh").get<std::string>();
}

}  // namespace yiyang::providers
