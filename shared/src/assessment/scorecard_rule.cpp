// Parsing and checking of the scorecard rule data (assessment/scorecard_rule.hpp): strict, every message in
// Chinese naming the element and the field (`parts[1].items[0]（code）：字段 "cap" …`), so that 规则管理 shows it
// beside the field. The formulas are in scorecard.cpp.
#include "yiyang/assessment/scorecard_rule.hpp"
#include "yiyang/care_tier.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "../rule_text.hpp"

namespace yiyang::assessment {

namespace {

using nlohmann::json;
using rule_text::field, rule_text::in_quotes, rule_text::json_kind_zh, rule_text::located, rule_text::missing,
    rule_text::named, rule_text::not_one_of, rule_text::then, rule_text::unknown, rule_text::wrong_kind;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw std::invalid_argument(located("考核评分表", where, what));
}

template <class List>
void reject_unknown_in(const json& j, const List& known, const std::string& where) {
    for (const auto& item : j.items()) {
        if (std::none_of(known.begin(), known.end(), [&](const char* k) { return item.key() == k; }))
            fail(where, unknown(item.key()));
    }
}
void reject_unknown(const json& j, std::initializer_list<const char*> known, const std::string& where) {
    reject_unknown_in(j, known, where);
}
void reject_unknown(const json& j, const std::vector<const char*>& known, const std::string& where) {
    reject_unknown_in(j, known, where);
}

const json& member(const json& j, const char* key, const std::string& where) {
    if (!j.contains(key)) fail(where, missing(key));
    return j.at(key);
}

const json& object_member(const json& j, const char* key, const std::string& where) {
    const json& v = member(j, key, where);
    if (!v.is_object()) fail(where, wrong_kind(key, "对象", v));
    return v;
}

const json& array_member(const json& j, const char* key, const std::string& where, std::size_t max_size) {
    const json& v = member(j, key, where);
    if (!v.is_array()) fail(where, wrong_kind(key, "列表", v));
    if (v.empty()) fail(where, field(key) + " 不能为空");
    if (v.size() > max_size) fail(where, field(key) + " 最多 " + std::to_string(max_size) + " 项，实际为 " + std::to_string(v.size()));
    return v;
}

std::string text(const json& j, const char* key, const std::string& where, std::size_t max_bytes = 400) {
    const json& v = member(j, key, where);
    if (!v.is_string()) fail(where, wrong_kind(key, "文本", v));
    const auto& s = v.get_ref<const std::string&>();
    if (s.empty()) fail(where, field(key) + " 不能为空");
    if (s.size() > max_bytes) fail(where, field(key) + " 过长（最多 " + std::to_string(max_bytes) + " 字节）");
    return s;
}

// A stable ASCII code: 1..40 of [a-z0-9_].
std::string code_text(const json& j, const char* key, const std::string& where) {
    std::string s = text(j, key, where);
    const bool ok = s.size() <= 40 && std::all_of(s.begin(), s.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    });
    if (!ok) fail(where, field(key) + " 应为 1 到 40 个小写字母、数字或下划线，实际为 " + in_quotes(s));
    return s;
}

std::int64_t integer(const json& j, const char* key, const std::string& where, std::int64_t lo, std::int64_t hi) {
    const json& v = member(j, key, where);
    if (!v.is_number_integer()) fail(where, wrong_kind(key, "整数", v));
    const auto n = v.get<std::int64_t>();
    if (n < lo) {
        fail(where, field(key) + (lo == 0 ? std::string(" 不能为负数") : " 不能小于 " + std::to_string(lo)) +
                        "，实际为 " + std::to_string(n));
    }
    if (n > hi) fail(where, field(key) + " 不能大于 " + std::to_string(hi) + "，实际为 " + std::to_string(n));
    return n;
}

bool boolean(const json& j, const char* key, const std::string& where) {
    const json& v = member(j, key, where);
    if (!v.is_boolean()) fail(where, wrong_kind(key, "布尔值", v));
    return v.get<bool>();
}

std::string one_of(const json& j, const char* key, const std::vector<std::string>& allowed, const std::string& where) {
    std::string s = text(j, key, where);
    if (std::find(allowed.begin(), allowed.end(), s) == allowed.end()) fail(where, not_one_of(key, allowed, s));
    return s;
}

// {"num": n, "den": d} with d > 0 and 0 <= n/d <= 1 (when at_most_one).
Ratio fraction(const json& j, const char* key, const std::string& where, bool at_most_one) {
    const json& v = member(j, key, where);
    if (!v.is_object() || v.size() != 2 || !v.contains("num") || !v.contains("den") || !v.at("num").is_number_integer() ||
        !v.at("den").is_number_integer()) {
        fail(where, field(key) + " 应为 {\"num\": 整数, \"den\": 整数}，例如 {\"num\": 9, \"den\": 10}，实际为 " + v.dump());
    }
    const Ratio r{v.at("num").get<std::int64_t>(), v.at("den").get<std::int64_t>()};
    if (r.den <= 0 || r.den > 1000000 || r.num < 0 || r.num > 1000000)
        fail(where, field(key) + " 应满足 0 <= num、0 < den <= 1000000，实际为 " + v.dump());
    if (at_most_one && r.num > r.den) fail(where, field(key) + " 不能大于 1，实际为 " + v.dump());
    return r;
}

json fraction_json(const Ratio& r) { return json{{"num", r.num}, {"den", r.den}}; }

const std::vector<std::string> kUnits = {"人", "人次", "项", "次", "档"};
const std::vector<std::string> kSources = {"manual", "visits_below_frequency", "service_not_real", "rude_service",
                                           "satisfaction", "not_rectified_in_time"};

ItemSource source_of(const std::string& s) {
    if (s == "visits_below_frequency") return ItemSource::VisitsBelowFrequency;
    if (s == "service_not_real") return ItemSource::ServiceNotReal;
    if (s == "rude_service") return ItemSource::RudeService;
    if (s == "satisfaction") return ItemSource::Satisfaction;
    if (s == "not_rectified_in_time") return ItemSource::NotRectifiedInTime;
    return ItemSource::Manual;
}

Rounding rounding_of(const json& j, const std::string& where) {
    return *rounding_from_code(one_of(j, "rounding", {"half_up", "truncate"}, where));
}

// The band edges shared by the monthly and the annual grades.
struct Edges {
    std::int64_t from = 0;
    std::optional<std::int64_t> to;
};

Edges band_edges(const json& b, const std::string& where, std::int64_t total_points) {
    Edges e;
    e.from = integer(b, "from", where, 0, total_points);
    const json& to = member(b, "to", where);
    if (!to.is_null()) {
        e.to = integer(b, "to", where, 0, total_points);
        if (*e.to <= e.from)
            fail(where, field("to") + " 应大于 from（" + std::to_string(e.from) + "），实际为 " + std::to_string(*e.to));
    }
    return e;
}

// Bands as half-open intervals [from, to) covering [0, ∞) exactly once: sorted by from, the first starts at 0,
// each starts where the previous ends, only the last is open.
void check_cover(const std::string& top, const std::vector<Edges>& edges, const std::vector<std::string>& codes,
                 const char* key) {
    std::vector<std::size_t> order(edges.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return edges[a].from < edges[b].from; });
    auto at = [&](std::size_t i) { return named(then(top, std::string(key) + "[" + std::to_string(i) + "]"), codes[i]); };
    if (edges[order.front()].from != 0)
        fail(at(order.front()), field("from") + " 最低的等级应从 0 分起，实际为 " + std::to_string(edges[order.front()].from));
    for (std::size_t k = 1; k < order.size(); ++k) {
        const Edges& prev = edges[order[k - 1]];
        const Edges& cur = edges[order[k]];
        if (!prev.to || cur.from < *prev.to)
            fail(at(order[k]), field("from") + " 与 " + key + "[" + std::to_string(order[k - 1]) + "]（" +
                                   codes[order[k - 1]] + "）的区间重叠（区间为左闭右开 [from, to)）");
        if (cur.from > *prev.to)
            fail(at(order[k]), field("from") + " 为 " + std::to_string(cur.from) + "，与 " + key + "[" +
                                   std::to_string(order[k - 1]) + "]（" + codes[order[k - 1]] + "）的 to（" +
                                   std::to_string(*prev.to) + "）之间有空档");
    }
    if (edges[order.back()].to)
        fail(at(order.back()), field("to") + " 最高的等级应无上限（null），实际为 " + std::to_string(*edges[order.back()].to));
}

// A list of bands (grades, annual_grades): each {code, name_zh, from, to, consequence_zh} plus the kind's own fields
// (read by `own`), codes unique, together covering [0, ∞) exactly once.
template <class Band, class Own>
std::vector<Band> band_list(const json& j, const char* key, const std::string& top, std::int64_t total_points,
                            std::initializer_list<const char*> own_fields, Own own) {
    const json& list = array_member(j, key, top, 10);
    std::vector<Band> out;
    std::vector<Edges> edges;
    std::vector<std::string> codes;
    std::set<std::string> seen;
    std::vector<const char*> known = {"code", "name_zh", "from", "to", "consequence_zh"};
    known.insert(known.end(), own_fields.begin(), own_fields.end());
    for (std::size_t g = 0; g < list.size(); ++g) {
        std::string where = then(top, std::string(key) + "[" + std::to_string(g) + "]");
        const json& gj = list[g];
        if (!gj.is_object()) fail(where, std::string("应为对象，实际为") + json_kind_zh(gj));
        if (gj.contains("code") && gj.at("code").is_string()) where = named(where, gj.at("code").get<std::string>());
        reject_unknown(gj, known, where);
        Band band;
        band.code = code_text(gj, "code", where);
        if (!seen.insert(band.code).second) fail(where, field("code") + " 与前面的等级重复");
        band.name_zh = text(gj, "name_zh", where);
        const Edges e = band_edges(gj, where, total_points);
        band.from = e.from;
        band.to = e.to;
        own(gj, where, band);
        band.consequence_zh = text(gj, "consequence_zh", where);
        edges.push_back(e);
        codes.push_back(band.code);
        out.push_back(std::move(band));
    }
    check_cover(top, edges, codes, key);
    return out;
}

json optional_int(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

const char* code(ItemSource s) {
    switch (s) {
        case ItemSource::Manual: return "manual";
        case ItemSource::VisitsBelowFrequency: return "visits_below_frequency";
        case ItemSource::ServiceNotReal: return "service_not_real";
        case ItemSource::RudeService: return "rude_service";
        case ItemSource::Satisfaction: return "satisfaction";
        case ItemSource::NotRectifiedInTime: return "not_rectified_in_time";
    }
    return "manual";
}
const char* code(SatisfactionSteps s) { return s == SatisfactionSteps::Started ? "started" : "full"; }
const char* code(BonusCap c) { return c == BonusCap::Total ? "total" : c == BonusCap::None ? "none" : "part"; }
const char* code(PayoutMethod m) { return m == PayoutMethod::BandLow ? "band_low" : "linear"; }

std::int64_t ScorecardRule::total_points() const {
    std::int64_t sum = 0;
    for (const auto& p : parts) sum += p.points;
    return sum;
}

const ScorePart* ScorecardRule::find_part(const std::string& c) const {
    for (const auto& p : parts)
        if (p.code == c) return &p;
    return nullptr;
}

const VisitFrequency* ScorecardRule::find_tier(const std::string& tier) const {
    for (const auto& f : visit_frequency)
        if (f.tier == tier) return &f;
    return nullptr;
}

void from_json(const json& j, ScorecardRule& out_rule) {
    if (!j.is_object()) fail("", std::string("规则内容应为 JSON 对象，实际为") + json_kind_zh(j));
    ScorecardRule r;
    r.version = text(j, "version", "", 40);
    const std::string top = in_quotes(r.version);
    reject_unknown(j, {"version", "effective_from", "comment", "parts", "satisfaction", "bonus", "combination",
                       "score_display", "grades", "payout_in_band", "min_check_rate", "visit_frequency",
                       "annual_grades"}, top);
    const std::string date_text = text(j, "effective_from", top);
    const auto d = parse_date(date_text);
    if (!d) fail(top, field("effective_from") + " 应为 YYYY-MM-DD 格式的真实日期，实际为 " + in_quotes(date_text));
    r.effective_from = *d;
    if (j.contains("comment") && !j.at("comment").is_string()) fail(top, wrong_kind("comment", "文本", j.at("comment")));

    // ---- parts and items ----
    const json& parts = array_member(j, "parts", top, 10);
    std::set<std::string> part_codes, item_codes, prefilled_sources;
    for (std::size_t p = 0; p < parts.size(); ++p) {
        std::string where = then(top, "parts[" + std::to_string(p) + "]");
        const json& pj = parts[p];
        if (!pj.is_object()) fail(where, std::string("应为对象，实际为") + json_kind_zh(pj));
        if (pj.contains("code") && pj.at("code").is_string()) where = named(where, pj.at("code").get<std::string>());
        reject_unknown(pj, {"code", "name_zh", "points", "items"}, where);
        ScorePart part;
        part.code = code_text(pj, "code", where);
        if (!part_codes.insert(part.code).second) fail(where, field("code") + " 与前面的部分重复");
        part.name_zh = text(pj, "name_zh", where);
        part.points = integer(pj, "points", where, 1, 100);
        const json& items = array_member(pj, "items", where, 20);
        std::int64_t caps = 0;
        for (std::size_t i = 0; i < items.size(); ++i) {
            std::string iw = then(top, "parts[" + std::to_string(p) + "].items[" + std::to_string(i) + "]");
            const json& ij = items[i];
            if (!ij.is_object()) fail(iw, std::string("应为对象，实际为") + json_kind_zh(ij));
            if (ij.contains("code") && ij.at("code").is_string()) iw = named(iw, ij.at("code").get<std::string>());
            reject_unknown(ij, {"code", "short_zh", "name_zh", "cap", "deduction", "unit", "source"}, iw);
            ScoreItem item;
            item.code = code_text(ij, "code", iw);
            if (!item_codes.insert(item.code).second) fail(iw, field("code") + " 与前面的评分项重复");
            item.short_zh = text(ij, "short_zh", iw, 60);
            item.name_zh = text(ij, "name_zh", iw);
            item.cap = integer(ij, "cap", iw, 0, part.points);
            item.deduction = integer(ij, "deduction", iw, 1, 100);
            if (item.deduction > item.cap)
                fail(iw, field("deduction") + " 每次扣分 " + std::to_string(item.deduction) + " 不能大于本项分值 cap（" +
                             std::to_string(item.cap) + "）");
            item.unit = one_of(ij, "unit", kUnits, iw);
            const std::string source = one_of(ij, "source", kSources, iw);
            item.source = source_of(source);
            if (source != "manual" && !prefilled_sources.insert(source).second)
                fail(iw, field("source") + " " + in_quotes(source) + " 只能用于一个评分项");
            caps += item.cap;
            part.items.push_back(std::move(item));
        }
        if (caps != part.points)
            fail(where, field("points") + " 为 " + std::to_string(part.points) + "，但各评分项 cap 之和为 " +
                            std::to_string(caps) + "（应相等）");
        r.parts.push_back(std::move(part));
    }
    if (r.total_points() != 100)
        fail(top, field("parts") + " 各部分分值（points）之和应为 100，实际为 " + std::to_string(r.total_points()));

    // ---- satisfaction ----
    {
        const std::string where = then(top, "satisfaction");
        const json& s = object_member(j, "satisfaction", top);
        reject_unknown(s, {"item", "threshold", "step", "steps"}, where);
        r.satisfaction.item = text(s, "item", where);
        const ScoreItem* item = nullptr;
        for (const auto& part : r.parts)
            for (const auto& i : part.items)
                if (i.code == r.satisfaction.item) item = &i;
        if (!item) fail(where, field("item") + " " + in_quotes(r.satisfaction.item) + " 不是评分表中的评分项");
        if (item->source != ItemSource::Satisfaction)
            fail(where, field("item") + " " + in_quotes(r.satisfaction.item) + " 的 source 应为 satisfaction");
        r.satisfaction.threshold = fraction(s, "threshold", where, true);
        if (r.satisfaction.threshold.num == 0) fail(where, field("threshold") + " 应大于 0");
        r.satisfaction.step = fraction(s, "step", where, true);
        if (r.satisfaction.step.num == 0) fail(where, field("step") + " 应大于 0");
        r.satisfaction.steps = one_of(s, "steps", {"full", "started"}, where) == "started" ? SatisfactionSteps::Started
                                                                                          : SatisfactionSteps::Full;
    }
    if (prefilled_sources.count("satisfaction") == 0) fail(top, field("parts") + " 中应有一个 source 为 satisfaction 的评分项");

    // ---- bonus ----
    {
        const std::string where = then(top, "bonus");
        const json& b = object_member(j, "bonus", top);
        reject_unknown(b, {"code", "short_zh", "name_zh", "part", "min_points", "max_points", "unit", "max_cases", "bonus_cap"}, where);
        r.bonus.code = code_text(b, "code", where);
        r.bonus.short_zh = text(b, "short_zh", where, 60);
        r.bonus.name_zh = text(b, "name_zh", where);
        r.bonus.part = text(b, "part", where);
        const ScorePart* part = r.find_part(r.bonus.part);
        if (!part) fail(where, field("part") + " " + in_quotes(r.bonus.part) + " 不是评分表中的部分");
        r.bonus.min_points = integer(b, "min_points", where, 1, part->points);
        r.bonus.max_points = integer(b, "max_points", where, r.bonus.min_points, part->points);
        r.bonus.unit = one_of(b, "unit", kUnits, where);
        r.bonus.max_cases = integer(b, "max_cases", where, 0, 1000);
        const std::string cap = one_of(b, "bonus_cap", {"part", "total", "none"}, where);
        r.bonus.cap = cap == "total" ? BonusCap::Total : cap == "none" ? BonusCap::None : BonusCap::Part;
    }

    // ---- combination and display ----
    {
        const std::string where = then(top, "combination");
        const json& c = object_member(j, "combination", top);
        reject_unknown(c, {"departments", "leader"}, where);
        r.combination.departments = fraction(c, "departments", where, true);
        r.combination.leader = fraction(c, "leader", where, true);
        // a/b + c/d == 1  <=>  a*d + c*b == b*d (each at most 10^12).
        const Ratio& x = r.combination.departments;
        const Ratio& y = r.combination.leader;
        if (x.num * y.den + y.num * x.den != x.den * y.den) fail(where, field("leader") + " 与 departments 之和应为 1");
    }
    {
        const std::string where = then(top, "score_display");
        const json& s = object_member(j, "score_display", top);
        reject_unknown(s, {"decimals", "rounding"}, where);
        r.score_display.decimals = static_cast<int>(integer(s, "decimals", where, 0, 4));
        r.score_display.rounding = rounding_of(s, where);
    }

    // ---- grades ----
    r.grades = band_list<GradeBand>(j, "grades", top, r.total_points(),
        {"payout_low_bp", "payout_high_bp", "rectification_days", "summon_head"},
        [](const json& gj, const std::string& where, GradeBand& band) {
            band.payout_low_bp = integer(gj, "payout_low_bp", where, 0, 10000);
            band.payout_high_bp = integer(gj, "payout_high_bp", where, band.payout_low_bp, 10000);
            if (!band.to && band.payout_low_bp != band.payout_high_bp)
                fail(where, field("payout_high_bp") + " 无上限的等级只能有一个拨付比例（应等于 payout_low_bp）");
            if (gj.contains("rectification_days") && !gj.at("rectification_days").is_null())
                band.rectification_days = integer(gj, "rectification_days", where, 1, 365);
            band.summon_head = boolean(gj, "summon_head", where);
        });
    {
        const std::string where = then(top, "payout_in_band");
        const json& p = object_member(j, "payout_in_band", top);
        reject_unknown(p, {"method", "low_edge_gets", "rounding"}, where);
        r.payout_in_band.method = one_of(p, "method", {"linear", "band_low"}, where) == "band_low" ? PayoutMethod::BandLow
                                                                                               : PayoutMethod::Linear;
        r.payout_in_band.low_edge_gets_low = one_of(p, "low_edge_gets", {"low", "high"}, where) == "low";
        r.payout_in_band.rounding = rounding_of(p, where);
    }
    r.min_check_rate = fraction(j, "min_check_rate", top, true);

    // ---- visit frequency ----
    {
        const json& tiers = array_member(j, "visit_frequency", top, 20);
        std::set<std::string> seen;
        for (std::size_t t = 0; t < tiers.size(); ++t) {
            std::string where = then(top, "visit_frequency[" + std::to_string(t) + "]");
            const json& tj = tiers[t];
            if (!tj.is_object()) fail(where, std::string("应为对象，实际为") + json_kind_zh(tj));
            reject_unknown(tj, {"tier", "name_zh", "visits_per_month"}, where);
            VisitFrequency f;
            f.tier = code_text(tj, "tier", where);
            if (!care_tier_from_code(f.tier))
                fail(where, field("tier") + " 不是已知的服务对象分类（severe_or_complete、subsistence_moderate_or_aged、visiting），实际为 " + f.tier);
            if (!seen.insert(f.tier).second) fail(where, field("tier") + " 与前面的类别重复");
            f.name_zh = text(tj, "name_zh", where);
            f.visits_per_month = integer(tj, "visits_per_month", where, 1, 100);
            r.visit_frequency.push_back(std::move(f));
        }
    }

    // ---- annual grades ----
    r.annual_grades = band_list<AnnualBand>(j, "annual_grades", top, r.total_points(),
        {"priority_renewal", "contract_ended", "barred_next_year"},
        [](const json& gj, const std::string& where, AnnualBand& band) {
            band.priority_renewal = boolean(gj, "priority_renewal", where);
            band.contract_ended = boolean(gj, "contract_ended", where);
            band.barred_next_year = boolean(gj, "barred_next_year", where);
        });
    out_rule = std::move(r);
}

void to_json(json& j, const ScorecardRule& r) {
    json parts = json::array();
    for (const auto& p : r.parts) {
        json items = json::array();
        for (const auto& i : p.items) {
            items.push_back(json{{"code", i.code}, {"short_zh", i.short_zh}, {"name_zh", i.name_zh}, {"cap", i.cap}, {"deduction", i.deduction},
                                 {"unit", i.unit}, {"source", code(i.source)}});
        }
        parts.push_back(json{{"code", p.code}, {"name_zh", p.name_zh}, {"points", p.points}, {"items", std::move(items)}});
    }
    json grades = json::array();
    for (const auto& g : r.grades) {
        grades.push_back(json{{"code", g.code}, {"name_zh", g.name_zh}, {"from", g.from}, {"to", optional_int(g.to)},
                              {"payout_low_bp", g.payout_low_bp}, {"payout_high_bp", g.payout_high_bp},
                              {"rectification_days", optional_int(g.rectification_days)},
                              {"summon_head", g.summon_head}, {"consequence_zh", g.consequence_zh}});
    }
    json tiers = json::array();
    for (const auto& f : r.visit_frequency)
        tiers.push_back(json{{"tier", f.tier}, {"name_zh", f.name_zh}, {"visits_per_month", f.visits_per_month}});
    json annual = json::array();
    for (const auto& g : r.annual_grades) {
        annual.push_back(json{{"code", g.code}, {"name_zh", g.name_zh}, {"from", g.from}, {"to", optional_int(g.to)},
                              {"priority_renewal", g.priority_renewal}, {"contract_ended", g.contract_ended},
                              {"barred_next_year", g.barred_next_year}, {"consequence_zh", g.consequence_zh}});
    }
    j = json{{"version", r.version},
             {"effective_from", format_date(r.effective_from)},
             {"parts", std::move(parts)},
             {"satisfaction", {{"item", r.satisfaction.item}, {"threshold", fraction_json(r.satisfaction.threshold)},
                               {"step", fraction_json(r.satisfaction.step)}, {"steps", code(r.satisfaction.steps)}}},
             {"bonus", {{"code", r.bonus.code}, {"short_zh", r.bonus.short_zh}, {"name_zh", r.bonus.name_zh}, {"part", r.bonus.part},
                        {"min_points", r.bonus.min_points}, {"max_points", r.bonus.max_points}, {"unit", r.bonus.unit},
                        {"max_cases", r.bonus.max_cases}, {"bonus_cap", code(r.bonus.cap)}}},
             {"combination", {{"departments", fraction_json(r.combination.departments)},
                              {"leader", fraction_json(r.combination.leader)}}},
             {"score_display", {{"decimals", r.score_display.decimals}, {"rounding", code(r.score_display.rounding)}}},
             {"grades", std::move(grades)},
             {"payout_in_band", {{"method", code(r.payout_in_band.method)},
                                 {"low_edge_gets", r.payout_in_band.low_edge_gets_low ? "low" : "high"},
                                 {"rounding", code(r.payout_in_band.rounding)}}},
             {"min_check_rate", fraction_json(r.min_check_rate)},
             {"visit_frequency", std::move(tiers)},
             {"annual_grades", std::move(annual)}};
}

}  // namespace yiyang::assessment
