// JSON of the monthly assessment replies (yiyang/wire/assessment.hpp), and the replies built from the shared
// computation (assessment/scorecard.hpp). Members are read leniently (absent = default) so an older client reads
// a newer reply.
#include "yiyang/wire/assessment.hpp"

#include "yiyang/date.hpp"

namespace yiyang::wire {

void to_json(json& j, const ExactScore& s) { j = {{"num", s.num}, {"den", s.den}, {"text", s.text}}; }
void from_json(const json& j, ExactScore& s) {
    j.at("num").get_to(s.num);
    j.at("den").get_to(s.den);
    get_or(j, "text", s.text);
}

void to_json(json& j, const AssessmentItem& i) {
    j = {{"code", i.code},       {"short_zh", i.short_zh}, {"name_zh", i.name_zh},   {"unit", i.unit},
         {"source", i.source},   {"count", i.count},       {"deduction_per", i.deduction_per},
         {"cap", i.cap},         {"deducted", i.deducted}, {"capped", i.capped},     {"note_zh", i.note_zh}};
}
void from_json(const json& j, AssessmentItem& i) {
    j.at("code").get_to(i.code);
    get_or(j, "short_zh", i.short_zh);
    get_or(j, "name_zh", i.name_zh);
    get_or(j, "unit", i.unit);
    get_or(j, "source", i.source);
    get_or(j, "count", i.count);
    get_or(j, "deduction_per", i.deduction_per);
    get_or(j, "cap", i.cap);
    get_or(j, "deducted", i.deducted);
    get_or(j, "capped", i.capped);
    get_or(j, "note_zh", i.note_zh);
}

void to_json(json& j, const AssessmentPart& p) {
    j = {{"code", p.code},   {"name_zh", p.name_zh},         {"points", p.points},
         {"deducted", p.deducted}, {"bonus_claimed", p.bonus_claimed}, {"bonus", p.bonus},
         {"score", p.score}, {"bonus_capped", p.bonus_capped}, {"items", p.items}};
}
void from_json(const json& j, AssessmentPart& p) {
    j.at("code").get_to(p.code);
    get_or(j, "name_zh", p.name_zh);
    get_or(j, "points", p.points);
    get_or(j, "deducted", p.deducted);
    get_or(j, "bonus_claimed", p.bonus_claimed);
    get_or(j, "bonus", p.bonus);
    get_or(j, "score", p.score);
    get_or(j, "bonus_capped", p.bonus_capped);
    get_or(j, "items", p.items);
}

void to_json(json& j, const AssessmentSheet& s) {
    j = {{"parts", s.parts}, {"total", s.total}, {"total_capped", s.total_capped}, {"notes_zh", s.notes_zh}};
    j["satisfaction"] = s.satisfaction ? json(*s.satisfaction) : json(nullptr);
}
void from_json(const json& j, AssessmentSheet& s) {
    get_or(j, "parts", s.parts);
    get_or(j, "total", s.total);
    get_or(j, "total_capped", s.total_capped);
    get_opt(j, "satisfaction", s.satisfaction);
    get_or(j, "notes_zh", s.notes_zh);
}

void to_json(json& j, const AssessmentMonth& m) {
    j = {{"rule_version", m.rule_version},
         {"departments", m.departments},
         {"department_scores", m.department_scores},
         {"departments_mean", m.departments_mean},
         {"leader", m.leader},
         {"total", m.total},
         {"grade_code", m.grade_code},
         {"grade_name_zh", m.grade_name_zh},
         {"payout_bp", m.payout_bp},
         {"payout_text", m.payout_text},
         {"summon_head", m.summon_head},
         {"consequence_zh", m.consequence_zh}};
    j["leader_sheet"] = m.leader_sheet ? json(*m.leader_sheet) : json(nullptr);
    j["rectification_days"] = m.rectification_days ? json(*m.rectification_days) : json(nullptr);
}
void from_json(const json& j, AssessmentMonth& m) {
    get_or(j, "rule_version", m.rule_version);
    get_or(j, "departments", m.departments);
    get_opt(j, "leader_sheet", m.leader_sheet);
    get_or(j, "department_scores", m.department_scores);
    j.at("departments_mean").get_to(m.departments_mean);
    j.at("leader").get_to(m.leader);
    j.at("total").get_to(m.total);
    j.at("grade_code").get_to(m.grade_code);
    get_or(j, "grade_name_zh", m.grade_name_zh);
    j.at("payout_bp").get_to(m.payout_bp);
    get_or(j, "payout_text", m.payout_text);
    get_opt(j, "rectification_days", m.rectification_days);
    get_or(j, "summon_head", m.summon_head);
    get_or(j, "consequence_zh", m.consequence_zh);
}

void to_json(json& j, const AssessmentYear& y) {
    j = {{"rule_version", y.rule_version},   {"departments_mean", y.departments_mean},
         {"leader_mean", y.leader_mean},     {"total", y.total},
         {"grade_code", y.grade_code},       {"grade_name_zh", y.grade_name_zh},
         {"priority_renewal", y.priority_renewal}, {"contract_ended", y.contract_ended},
         {"barred_next_year", y.barred_next_year}, {"consequence_zh", y.consequence_zh}};
}
void from_json(const json& j, AssessmentYear& y) {
    get_or(j, "rule_version", y.rule_version);
    j.at("departments_mean").get_to(y.departments_mean);
    j.at("leader_mean").get_to(y.leader_mean);
    j.at("total").get_to(y.total);
    j.at("grade_code").get_to(y.grade_code);
    get_or(j, "grade_name_zh", y.grade_name_zh);
    get_or(j, "priority_renewal", y.priority_renewal);
    get_or(j, "contract_ended", y.contract_ended);
    get_or(j, "barred_next_year", y.barred_next_year);
    get_or(j, "consequence_zh", y.consequence_zh);
}

// ---- from the shared computation -------------------------------------------------------------------
ExactScore exact_score(const assessment::ScorecardRule& rule, const Ratio& score) {
    return ExactScore{score.num, score.den, assessment::score_text(rule, score)};
}

AssessmentSheet assessment_sheet(const assessment::SheetScore& s) {
    AssessmentSheet out;
    for (const auto& p : s.parts) {
        AssessmentPart wp{p.part->code, p.part->name_zh, p.part->points, p.deducted, p.bonus_claimed, p.bonus,
                          p.score, p.bonus_capped, {}};
        for (const auto& i : p.items) {
            wp.items.push_back(AssessmentItem{i.item->code, i.item->short_zh, i.item->name_zh, i.item->unit,
                                              assessment::code(i.item->source), i.count, i.item->deduction, i.item->cap,
                                              i.deducted, i.capped, i.note_zh});
        }
        out.parts.push_back(std::move(wp));
    }
    out.total = s.total;
    out.total_capped = s.total_capped;
    if (s.satisfaction.defined()) {
        // Truncated like the item's note: never shown at 95.00 % while below it.
        out.satisfaction = ExactScore{s.satisfaction.num, s.satisfaction.den, s.satisfaction.percent_text(2, Rounding::Truncate)};
    }
    out.notes_zh = s.notes_zh;
    return out;
}

AssessmentMonth assessment_month(const assessment::ScorecardRule& rule, const std::vector<assessment::SheetScore>& departments,
                                 const assessment::SheetScore* leader_sheet, const assessment::MonthScore& m) {
    AssessmentMonth out;
    out.rule_version = rule.version;
    for (const auto& d : departments) out.departments.push_back(assessment_sheet(d));
    if (leader_sheet) out.leader_sheet = assessment_sheet(*leader_sheet);
    for (const auto& s : m.department_scores) out.department_scores.push_back(exact_score(rule, s));
    out.departments_mean = exact_score(rule, m.departments_mean);
    out.leader = exact_score(rule, m.leader);
    out.total = exact_score(rule, m.total);
    out.grade_code = m.grade->code;
    out.grade_name_zh = m.grade->name_zh;
    out.payout_bp = m.payout_bp;
    out.payout_text = assessment::payout_text(m.payout_bp);
    out.rectification_days = m.grade->rectification_days;
    out.summon_head = m.grade->summon_head;
    out.consequence_zh = assessment::consequence_text(*m.grade);
    return out;
}

AssessmentYear assessment_year(const assessment::ScorecardRule& rule, const assessment::AnnualScore& a) {
    AssessmentYear out;
    out.rule_version = rule.version;
    out.departments_mean = exact_score(rule, a.departments_mean);
    out.leader_mean = exact_score(rule, a.leader_mean);
    out.total = exact_score(rule, a.total);
    out.grade_code = a.grade->code;
    out.grade_name_zh = a.grade->name_zh;
    out.priority_renewal = a.grade->priority_renewal;
    out.contract_ended = a.grade->contract_ended;
    out.barred_next_year = a.grade->barred_next_year;
    out.consequence_zh = a.grade->consequence_zh;
    return out;
}

}  // namespace yiyang::wire

// ---- the what-if request --------------------------------------------------------------------------
namespace yiyang::wire {

void to_json(json& j, const AssessmentSheetInput& s) {
    j = json{{"counts", s.counts}, {"bonus_cases", s.bonus_cases}, {"satisfied", s.satisfied}, {"answered", s.answered}};
}

assessment::Sheet sheet_of(const AssessmentSheetInput& s) {
    assessment::Sheet out;
    out.counts = s.counts;
    out.bonus_cases = s.bonus_cases;
    out.satisfaction = Ratio{s.satisfied, s.answered};
    return out;
}

void to_json(json& j, const AssessmentPreviewRequest& r) {
    j = json{{"departments", r.departments}, {"leader", r.leader}};
    put_opt(j, "on", r.on);
}

namespace {

bool read_int(const json& v, const std::string& field, std::int64_t& out, std::vector<FieldError>& errors) {
    if (!v.is_number_integer()) {
        errors.push_back({field, "type", "字段 " + field + " 必须是整数"});
        return false;
    }
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
        errors.push_back({field, "range", "字段 " + field + " 超出范围"});
        return false;
    }
    out = v.get<std::int64_t>();
    return true;
}

void read_sheet(const json& j, const std::string& at, AssessmentSheetInput& out, std::vector<FieldError>& errors) {
    if (!j.is_object()) {
        errors.push_back({at, "type", "字段 " + at + " 必须是 JSON 对象（一张评分表）"});
        return;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& k = it.key();
        const std::string f = at + "." + k;
        const json& v = it.value();
        if (k == "counts") {
            if (!v.is_object()) {
                errors.push_back({f, "type", "字段 " + f + " 必须是对象（评分项代码 → 次数）"});
            } else if (v.size() > kMaxItemCodes) {
                errors.push_back({f, "too_many", "字段 " + f + " 最多 " + std::to_string(kMaxItemCodes) + " 项"});
            } else {
                for (auto c = v.begin(); c != v.end(); ++c) {
                    std::int64_t n = 0;
                    if (c.key().size() > 64) errors.push_back({f, "too_long", "字段 " + f + " 中的评分项代码过长"});
                    else if (read_int(c.value(), f + "." + c.key(), n, errors)) out.counts[c.key()] = n;
                }
            }
        } else if (k == "bonus_cases") {
            if (!v.is_array()) {
                errors.push_back({f, "type", "字段 " + f + " 必须是整数列表（每项加分）"});
            } else if (v.size() > kMaxItemCodes) {
                errors.push_back({f, "too_many", "字段 " + f + " 最多 " + std::to_string(kMaxItemCodes) + " 项"});
            } else {
                for (std::size_t i = 0; i < v.size(); ++i) {
                    std::int64_t n = 0;
                    if (read_int(v[i], f + "[" + std::to_string(i) + "]", n, errors)) out.bonus_cases.push_back(n);
                }
            }
        } else if (k == "satisfied") {
            read_int(v, f, out.satisfied, errors);
        } else if (k == "answered") {
            read_int(v, f, out.answered, errors);
        } else {
            errors.push_back({f, "unknown", "未知字段：" + f});
        }
    }
}

// "第 2 个科室" / "领导评价" — whose sheet a message is about.
std::string sheet_name(std::size_t department, bool leader) {
    return leader ? std::string("领导评价") : "第 " + std::to_string(department + 1) + " 个科室";
}

}  // namespace

std::vector<FieldError> preview_request_from_json(const json& j, AssessmentPreviewRequest& out) {
    std::vector<FieldError> errors;
    if (!j.is_object()) return {{"body", "format", "请求体必须是 JSON 对象"}};
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& k = it.key();
        const json& v = it.value();
        if (k == "departments") {
            if (!v.is_array()) {
                errors.push_back({k, "type", "字段 departments 必须是列表（每个科室一张评分表）"});
            } else if (v.size() > kMaxDepartments) {
                errors.push_back({k, "too_many", "科室最多 " + std::to_string(kMaxDepartments) + " 个（实际为 " +
                                                     std::to_string(v.size()) + " 个）"});
            } else {
                out.departments.resize(v.size());
                for (std::size_t i = 0; i < v.size(); ++i)
                    read_sheet(v[i], "departments[" + std::to_string(i) + "]", out.departments[i], errors);
            }
        } else if (k == "leader") {
            read_sheet(v, "leader", out.leader, errors);
        } else if (k == "on") {
            if (v.is_null()) continue;
            if (!v.is_string() || !parse_date(v.get<std::string>()))
                errors.push_back({k, "format", "字段 on 应为日期，如 2026-11-30"});
            else out.on = v.get<std::string>();
        } else {
            errors.push_back({k, "unknown", "未知字段：" + k});
        }
    }
    if (!j.contains("departments")) errors.push_back({"departments", "required", "缺少字段 departments（各科室评分表）"});
    else if (errors.empty() && out.departments.empty())
        errors.push_back({"departments", "required", "至少需要一个科室的评分表"});
    if (!j.contains("leader")) errors.push_back({"leader", "required", "缺少字段 leader（领导评价）"});
    return errors;
}

AssessmentMonth preview_month(const assessment::ScorecardRule& rule, const AssessmentPreviewRequest& r) {
    std::vector<FieldError> errors;
    // Every sheet checked before anything is scored: all the messages at once, each naming its sheet.
    const auto check = [&](const AssessmentSheetInput& s, const std::string& at, const std::string& who) {
        for (auto e : assessment::check_sheet(rule, sheet_of(s))) {
            e.field = at + "." + e.field;
            e.message_zh = who + "·" + e.message_zh;
            errors.push_back(std::move(e));
        }
    };
    for (std::size_t i = 0; i < r.departments.size(); ++i)
        check(r.departments[i], "departments[" + std::to_string(i) + "]", sheet_name(i, false));
    check(r.leader, "leader", sheet_name(0, true));
    if (!errors.empty()) throw assessment::SheetError(std::move(errors));
    std::vector<assessment::SheetScore> deps;
    deps.reserve(r.departments.size());
    for (const auto& s : r.departments) deps.push_back(assessment::score_sheet(rule, sheet_of(s)));
    const assessment::SheetScore leader = assessment::score_sheet(rule, sheet_of(r.leader));
    return assessment_month(rule, deps, &leader, assessment::month_score(rule, deps, leader));
}

}  // namespace yiyang::wire
