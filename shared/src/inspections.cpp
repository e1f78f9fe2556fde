// Institution inspections, rectifications, the monthly inspection-rate table, star rating and caregiver review
// (inspections.hpp).
#include "yiyang/inspections.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <tuple>

#include "rule_text.hpp"
#include "yiyang/knowledge.hpp"   // utf8_length

namespace yiyang::inspections {

using json = nlohmann::json;

// ---- the rule -------------------------------------------------------------------------------------
const ChecklistItem* InspectionRule::item(std::string_view c) const {
    for (const auto& i : checklist)
        if (i.code == c) return &i;
    return nullptr;
}
std::int64_t InspectionRule::star_max() const {
    std::int64_t s = 0;
    for (const auto& i : star_items) s += i.points;
    return s;
}
std::int64_t InspectionRule::caregiver_max() const {
    std::int64_t s = 0;
    for (const auto& i : caregiver_items) s += i.points;
    return s;
}

namespace {

const char* const kName = "巡查与评定规则";

std::int64_t int_in(const json& j, const std::string& key, std::int64_t lo, std::int64_t hi, const std::string& where) {
    if (!j.contains(key)) throw std::invalid_argument(rule_text::then(where, rule_text::missing(key)));
    const auto& v = j.at(key);
    if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi)
        throw std::invalid_argument(rule_text::then(where, rule_text::field(key) + " 应为 " + std::to_string(lo) + " 到 " +
                                                               std::to_string(hi) + " 之间的整数，实际为 " + v.dump()));
    return v.get<std::int64_t>();
}

std::string text_of(const json& j, const std::string& key, std::size_t max_chars, const std::string& where) {
    if (!j.contains(key)) throw std::invalid_argument(rule_text::then(where, rule_text::missing(key)));
    const auto& v = j.at(key);
    if (!v.is_string()) throw std::invalid_argument(rule_text::then(where, rule_text::wrong_kind(key, "文本", v)));
    const auto s = v.get<std::string>();
    if (s.empty() || utf8_length(s) > max_chars)
        throw std::invalid_argument(rule_text::then(where, rule_text::field(key) + " 应为 1 到 " +
                                                               std::to_string(max_chars) + " 个字的文本"));
    return s;
}

void only_fields(const json& j, std::initializer_list<const char*> keys, const std::string& where) {
    if (!j.is_object()) throw std::invalid_argument(where + " 应为 JSON 对象");
    for (const auto& it : j.items()) {
        if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return it.key() == k; }))
            throw std::invalid_argument(rule_text::then(where, rule_text::unknown(it.key())));
    }
}

bool code_ok(const std::string& c) {
    if (c.empty() || c.size() > 40) return false;
    return std::all_of(c.begin(), c.end(), [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'; });
}

std::string code_of(const json& j, const std::string& where, std::set<std::string>& seen) {
    const auto c = text_of(j, "code", 40, where);
    if (!code_ok(c)) throw std::invalid_argument(rule_text::then(where, rule_text::field("code") + " 应为小写字母、数字和下划线，实际为 " + rule_text::in_quotes(c)));
    if (!seen.insert(c).second) throw std::invalid_argument(rule_text::then(where, rule_text::field("code") + " 重复：" + rule_text::in_quotes(c)));
    return c;
}

std::vector<ScoreItem> score_items(const json& j, const char* key) {
    if (!j.contains(key)) throw std::invalid_argument(rule_text::missing(key));
    const auto& a = j.at(key);
    if (!a.is_array() || a.empty()) throw std::invalid_argument(rule_text::field(key) + " 应为非空列表");
    std::vector<ScoreItem> out;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string where = std::string(key) + "[" + std::to_string(i) + "]";
        only_fields(a[i], {"code", "text", "points"}, where);
        ScoreItem s;
        s.code = code_of(a[i], where, seen);
        s.text = text_of(a[i], "text", 100, where);
        s.points = int_in(a[i], "points", 1, 100, where);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace

void from_json(const json& j, InspectionRule& r) {
    InspectionRule out;
    out.version = rule_text::envelope(j, kName,
                                      {"inspections_per_month", "checklist", "star_rating", "caregiver_review", "rounding",
                                       "decimals"});
    out.inspections_per_month = int_in(j, "inspections_per_month", 1, 31, "");
    if (!j.contains("checklist")) throw std::invalid_argument(rule_text::missing("checklist"));
    const auto& list = j.at("checklist");
    if (!list.is_array() || list.empty() || list.size() > 200)
        throw std::invalid_argument(rule_text::field("checklist") + " 应为 1 到 200 项的列表");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string where = "checklist[" + std::to_string(i) + "]";
        only_fields(list[i], {"code", "group", "text", "failure", "deadline_days", "workdays"}, where);
        ChecklistItem c;
        c.code = code_of(list[i], where, seen);
        const std::string named = rule_text::named(where, c.code);
        c.group = text_of(list[i], "group", 20, named);
        c.text = text_of(list[i], "text", 100, named);
        c.failure = text_of(list[i], "failure", 100, named);
        c.deadline_days = int_in(list[i], "deadline_days", 0, 90, named);
        if (!list[i].contains("workdays") || !list[i].at("workdays").is_boolean())
            throw std::invalid_argument(rule_text::then(named, rule_text::field("workdays") + " 应为 true 或 false"));
        c.workdays = list[i].at("workdays").get<bool>();
        out.checklist.push_back(std::move(c));
    }
    // star_rating: {"items": [...], "bands": [{"stars", "from", "to"}]}
    if (!j.contains("star_rating")) throw std::invalid_argument(rule_text::missing("star_rating"));
    const auto& sr = j.at("star_rating");
    only_fields(sr, {"items", "bands", "comment"}, "star_rating");
    out.star_items = score_items(sr, "items");
    if (!sr.contains("bands") || !sr.at("bands").is_array() || sr.at("bands").empty())
        throw std::invalid_argument("star_rating，" + rule_text::field("bands") + " 应为非空列表");
    for (std::size_t i = 0; i < sr.at("bands").size(); ++i) {
        const auto& b = sr.at("bands")[i];
        const std::string where = "star_rating.bands[" + std::to_string(i) + "]";
        only_fields(b, {"stars", "from", "to"}, where);
        StarBand band;
        band.stars = static_cast<int>(int_in(b, "stars", 1, 5, where));
        band.from = int_in(b, "from", 0, 10000, where);
        band.to = int_in(b, "to", 1, 10001, where);
        if (band.to <= band.from) throw std::invalid_argument(rule_text::then(where, rule_text::field("to") + " 应大于 from"));
        if (!out.star_bands.empty()) {
            const auto& prev = out.star_bands.back();
            if (band.from != prev.to)
                throw std::invalid_argument(rule_text::then(where, rule_text::field("from") + " 应等于上一档的 to（" +
                                                                       std::to_string(prev.to) + "）：区间左闭右开，首尾相接"));
            if (band.stars <= prev.stars)
                throw std::invalid_argument(rule_text::then(where, rule_text::field("stars") + " 应比上一档多"));
        }
        out.star_bands.push_back(band);
    }
    if (out.star_bands.back().to <= out.star_max())
        throw std::invalid_argument("star_rating.bands，最高一档的 to 应大于满分 " + std::to_string(out.star_max()) +
                                    "（满分也要落在某一档内）");
    // caregiver_review: {"items": [...], "pass_mark", "excellent_mark"}
    if (!j.contains("caregiver_review")) throw std::invalid_argument(rule_text::missing("caregiver_review"));
    const auto& cr = j.at("caregiver_review");
    only_fields(cr, {"items", "pass_mark", "excellent_mark", "comment"}, "caregiver_review");
    out.caregiver_items = score_items(cr, "items");
    out.caregiver_pass_mark = int_in(cr, "pass_mark", 0, out.caregiver_max(), "caregiver_review");
    out.caregiver_excellent_mark = int_in(cr, "excellent_mark", out.caregiver_pass_mark, out.caregiver_max(), "caregiver_review");
    if (!j.contains("rounding")) throw std::invalid_argument(rule_text::missing("rounding"));
    const auto& rv = j.at("rounding");
    const auto mode = rv.is_string() ? rounding_from_code(rv.get<std::string>()) : std::nullopt;
    if (!mode) throw std::invalid_argument(rule_text::not_one_of("rounding", {"half_up", "truncate"}, rv.dump()));
    out.rounding = *mode;
    out.decimals = static_cast<int>(int_in(j, "decimals", 0, 4, ""));
    r = std::move(out);
}

void to_json(json& j, const InspectionRule& r) {
    json list = json::array();
    for (const auto& c : r.checklist)
        list.push_back({{"code", c.code}, {"group", c.group}, {"text", c.text}, {"failure", c.failure},
                        {"deadline_days", c.deadline_days}, {"workdays", c.workdays}});
    auto items = [](const std::vector<ScoreItem>& v) {
        json a = json::array();
        for (const auto& s : v) a.push_back({{"code", s.code}, {"text", s.text}, {"points", s.points}});
        return a;
    };
    json bands = json::array();
    for (const auto& b : r.star_bands) bands.push_back({{"stars", b.stars}, {"from", b.from}, {"to", b.to}});
    j = json{{"version", r.version},
             {"inspections_per_month", r.inspections_per_month},
             {"checklist", list},
             {"star_rating", {{"items", items(r.star_items)}, {"bands", bands}}},
             {"caregiver_review",
              {{"items", items(r.caregiver_items)}, {"pass_mark", r.caregiver_pass_mark},
               {"excellent_mark", r.caregiver_excellent_mark}}},
             {"rounding", code(r.rounding)},
             {"decimals", r.decimals}};
}

// ---- an inspection --------------------------------------------------------------------------------
namespace {

void unknown_fields(const json& j, std::initializer_list<const char*> keys, const std::string& prefix,
                    std::vector<FieldError>& e) {
    for (const auto& it : j.items()) {
        if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return it.key() == k; })) {
            const auto k = it.key().substr(0, 40);
            e.push_back({prefix + k, "unknown", "未知字段“" + k + "”"});
        }
    }
}

bool text_field(const json& j, const char* key, const std::string& field, std::size_t lo, std::size_t hi,
                const std::string& label, std::string& out, std::vector<FieldError>& e) {
    if (!j.contains(key) || j.at(key).is_null()) {
        if (lo > 0) e.push_back({field, "required", "请填写" + label});
        return lo == 0;
    }
    if (!j.at(key).is_string()) {
        e.push_back({field, "format", label + "应为文本"});
        return false;
    }
    out = j.at(key).get<std::string>();
    const auto n = utf8_length(out);
    if (n < lo || n > hi) {
        e.push_back({field, n < lo ? "required" : "too_long",
                     label + "应为 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 个字（现为 " + std::to_string(n) + " 个）"});
        return false;
    }
    return true;
}

std::optional<Date> day_field(const json& j, const char* key, const std::string& label, std::string& text,
                              std::vector<FieldError>& e) {
    if (!j.contains(key) || !j.at(key).is_string()) {
        e.push_back({key, "required", "请填写" + label + "（YYYY-MM-DD）"});
        return std::nullopt;
    }
    text = j.at(key).get<std::string>();
    const auto d = parse_date(text);
    if (!d) {
        e.push_back({key, "format", label + "应为 YYYY-MM-DD 格式的真实日期，实际为“" + text.substr(0, 20) + "”"});
        return std::nullopt;
    }
    return d;
}

}  // namespace

std::vector<FieldError> inspection_from_json(const json& j, InspectionInput& out, const InspectionRule& r,
                                             const Date& today) {
    std::vector<FieldError> e;
    if (!j.is_object()) return {{"body", "format", "请求体应为 JSON 对象"}};
    unknown_fields(j, {"institution_id", "day", "inspector", "items", "note"}, "", e);
    if (!j.contains("institution_id") || !j.at("institution_id").is_number_integer() ||
        j.at("institution_id").get<std::int64_t>() < 1)
        e.push_back({"institution_id", "required", "请选择被巡查的机构"});
    else
        out.institution_id = j.at("institution_id").get<std::int64_t>();
    if (const auto d = day_field(j, "day", "巡查日期", out.day, e)) {
        if (*d > today) e.push_back({"day", "future", "巡查日期（" + out.day + "）晚于今天"});
        else if (*d < add_days(today, -60)) e.push_back({"day", "too_old", "巡查日期（" + out.day + "）早于 60 天前：请按实际日期及时录入"});
        else out.date = *d;
    }
    text_field(j, "inspector", "inspector", 2, 20, "巡查人员", out.inspector, e);
    text_field(j, "note", "note", 0, 500, "巡查备注", out.note, e);
    if (!j.contains("items") || !j.at("items").is_array()) {
        e.push_back({"items", "required", "请逐项填写检查结果（共 " + std::to_string(r.checklist.size()) + " 项）"});
        return e;
    }
    const auto& items = j.at("items");
    if (items.size() > r.checklist.size() + 20) {
        e.push_back({"items", "too_long", "检查项过多：规则只有 " + std::to_string(r.checklist.size()) + " 项"});
        return e;
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string at = "items[" + std::to_string(i) + "]";
        const auto& it = items[i];
        if (!it.is_object()) {
            e.push_back({at, "format", "第 " + std::to_string(i + 1) + " 项应为对象 {code, passed, note}"});
            continue;
        }
        unknown_fields(it, {"code", "passed", "note"}, at + ".", e);
        ItemResult res;
        if (!it.contains("code") || !it.at("code").is_string()) {
            e.push_back({at + ".code", "required", "第 " + std::to_string(i + 1) + " 项缺少检查项代码"});
            continue;
        }
        res.code = it.at("code").get<std::string>();
        const ChecklistItem* rule_item = r.item(res.code);
        if (!rule_item) {
            e.push_back({at + ".code", "unknown", "未知检查项“" + res.code.substr(0, 40) + "”：不在巡查规则 " + r.version + " 的清单中"});
            continue;
        }
        if (!seen.insert(res.code).second) {
            e.push_back({at + ".code", "duplicate", "检查项“" + rule_item->text + "”重复填写"});
            continue;
        }
        if (!it.contains("passed") || !it.at("passed").is_boolean()) {
            e.push_back({at + ".passed", "required", "检查项“" + rule_item->text + "”请选择合格或不合格"});
            continue;
        }
        res.passed = it.at("passed").get<bool>();
        text_field(it, "note", at + ".note", res.passed ? 0 : 2, 200,
                   "检查项“" + rule_item->text + "”的" + (res.passed ? "备注" : "问题描述"), res.note, e);
        out.items.push_back(std::move(res));
    }
    for (const auto& c : r.checklist) {
        if (!seen.count(c.code)) e.push_back({"items", "missing", "检查项“" + c.group + "：" + c.text + "”未填写"});
    }
    // The results in checklist order (the stored order and the form's).
    std::sort(out.items.begin(), out.items.end(), [&](const ItemResult& a, const ItemResult& b) {
        return r.item(a.code) < r.item(b.code);
    });
    return e;
}

ChecklistOutcome checklist_outcome(const std::vector<ItemResult>& items, const InspectionRule& r) {
    ChecklistOutcome o;
    for (const auto& c : r.checklist) {
        for (const auto& it : items) {
            if (it.code != c.code) continue;
            if (it.passed) ++o.passed;
            else {
                ++o.failed;
                o.failed_codes.push_back(c.code);
            }
        }
    }
    return o;
}

// ---- rectification --------------------------------------------------------------------------------
Date rectification_deadline(const ChecklistItem& item, const Date& found, const WorkCalendar& calendar) {
    if (!item.workdays) return add_days(found, item.deadline_days);
    if (item.deadline_days == 0) return found;
    return calendar.add_workdays(found, static_cast<int>(item.deadline_days));
}

const char* code(RectificationStatus s) { return s == RectificationStatus::Open ? "open" : "closed"; }
const char* label_zh(RectificationStatus s) { return s == RectificationStatus::Open ? "整改中" : "已整改"; }
std::optional<RectificationStatus> parse_rectification_status(std::string_view c) {
    if (c == "open") return RectificationStatus::Open;
    if (c == "closed") return RectificationStatus::Closed;
    return std::nullopt;
}
bool overdue(RectificationStatus s, const Date& deadline, const Date& today) {
    return s == RectificationStatus::Open && deadline < today;
}
std::int64_t days_overdue(RectificationStatus s, const Date& deadline, const Date& today) {
    return overdue(s, deadline, today) ? days_from_civil(today) - days_from_civil(deadline) : 0;
}

std::vector<FieldError> recheck_from_json(const json& j, RecheckInput& out, const Date& found, const Date& today) {
    std::vector<FieldError> e;
    if (!j.is_object()) return {{"body", "format", "请求体应为 JSON 对象"}};
    unknown_fields(j, {"day", "passed", "note"}, "", e);
    if (const auto d = day_field(j, "day", "复查日期", out.day, e)) {
        if (*d > today) e.push_back({"day", "future", "复查日期（" + out.day + "）晚于今天"});
        else if (*d < found) e.push_back({"day", "before_found", "复查日期（" + out.day + "）早于发现问题的日期（" + format_date(found) + "）"});
        else out.date = *d;
    }
    if (!j.contains("passed") || !j.at("passed").is_boolean()) e.push_back({"passed", "required", "请选择复查结果：已整改或未整改"});
    else out.passed = j.at("passed").get<bool>();
    text_field(j, "note", "note", out.passed ? 0 : 2, 200, out.passed ? "复查备注" : "未整改的情况说明", out.note, e);
    return e;
}

// ---- the monthly rate table -----------------------------------------------------------------------
RateTable rate_table(const Period& month, const std::vector<InstitutionRef>& institutions,
                     const std::vector<InspectionRef>& inspections, const InspectionRule& r) {
    RateTable t;
    t.month = month;
    t.required = r.inspections_per_month;
    std::map<std::int64_t, std::int64_t> counts;
    for (const auto& i : inspections) {
        if (!month.contains(i.date)) continue;
        ++counts[i.institution_id];
    }
    std::map<std::int64_t, TownRate> towns;
    for (const auto& inst : institutions) {
        RateRow row;
        row.institution_id = inst.id;
        row.name = inst.name;
        row.town_id = inst.town_id;
        row.town_name = inst.town_name;
        const auto it = counts.find(inst.id);
        row.count = it == counts.end() ? 0 : it->second;
        row.required = t.required;
        row.met = row.count >= row.required;
        auto& town = towns[inst.town_id];
        town.town_id = inst.town_id;
        town.town_name = inst.town_name;
        ++town.institutions;
        if (row.met) ++town.met;
        ++t.institutions;
        if (row.met) ++t.met;
        t.inspections += row.count;
        t.rows.push_back(std::move(row));
    }
    std::sort(t.rows.begin(), t.rows.end(), [](const RateRow& a, const RateRow& b) {
        return std::tie(a.town_id, a.name, a.institution_id) < std::tie(b.town_id, b.name, b.institution_id);
    });
    for (auto& [id, town] : towns) {
        town.rate = Ratio{town.met, town.institutions};
        t.towns.push_back(town);
    }
    t.rate = Ratio{t.met, t.institutions};
    return t;
}

// ---- scores ---------------------------------------------------------------------------------------
std::vector<FieldError> scores_from_json(const json& j, const std::vector<ScoreItem>& items,
                                         std::map<std::string, std::int64_t>& out) {
    std::vector<FieldError> e;
    if (!j.is_object()) return {{"scores", "format", "评分应为 {项目代码: 分数} 的对象"}};
    for (const auto& it : j.items()) {
        const bool known = std::any_of(items.begin(), items.end(), [&](const ScoreItem& s) { return s.code == it.key(); });
        if (!known) e.push_back({"scores." + it.key().substr(0, 40), "unknown", "未知评分项“" + it.key().substr(0, 40) + "”"});
    }
    for (const auto& s : items) {
        const std::string field = "scores." + s.code;
        if (!j.contains(s.code)) {
            e.push_back({field, "required", "评分项“" + s.text + "”未评分"});
            continue;
        }
        const auto& v = j.at(s.code);
        if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > s.points) {
            e.push_back({field, "range", "评分项“" + s.text + "”应为 0 到 " + std::to_string(s.points) + " 之间的整数分"});
            continue;
        }
        out[s.code] = v.get<std::int64_t>();
    }
    return e;
}

std::int64_t total_of(const std::map<std::string, std::int64_t>& scores) {
    std::int64_t t = 0;
    for (const auto& [k, v] : scores) t += v;
    return t;
}

int stars_for(std::int64_t total, const InspectionRule& r) {
    for (const auto& b : r.star_bands)
        if (b.from <= total && total < b.to) return b.stars;
    return 0;
}

std::string stars_label_zh(int stars) {
    static const char* const names[] = {"未评星", "一星级", "二星级", "三星级", "四星级", "五星级"};
    return stars >= 0 && stars <= 5 ? names[stars] : "未评星";
}

ReviewGrade review_grade(std::int64_t total, const InspectionRule& r) {
    if (total >= r.caregiver_excellent_mark) return ReviewGrade::Excellent;
    if (total >= r.caregiver_pass_mark) return ReviewGrade::Pass;
    return ReviewGrade::Fail;
}
const char* code(ReviewGrade g) {
    return g == ReviewGrade::Excellent ? "excellent" : g == ReviewGrade::Pass ? "pass" : "fail";
}
const char* label_zh(ReviewGrade g) {
    return g == ReviewGrade::Excellent ? "优秀" : g == ReviewGrade::Pass ? "合格" : "不合格";
}

std::optional<Period> parse_quarter(std::string_view text) {
    const auto p = parse_period(text);
    if (!p || p->kind != PeriodKind::Quarter) return std::nullopt;
    return p;
}

}  // namespace yiyang::inspections
