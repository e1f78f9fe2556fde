// The stored monthly assessment's wire types (yiyang/wire/assessment_months.hpp): JSON, the strict reading of a
// sheet as entered, its validation (the server at save, the screen at every edit) and the month computed from the
// sheets (wire::preview_month, the same code as the what-if).
#include "yiyang/wire/assessment_months.hpp"

#include <set>

#include "yiyang/assessment/scorecard.hpp"

namespace yiyang::wire {

namespace {

std::string n(std::int64_t v) { return std::to_string(v); }

const assessment::ScoreItem* find_item(const assessment::ScorecardRule& rule, const std::string& code,
                                       const assessment::ScorePart** part_out) {
    for (const auto& p : rule.parts)
        for (const auto& i : p.items)
            if (i.code == code) {
                if (part_out) *part_out = &p;
                return &i;
            }
    return nullptr;
}

bool read_int(const json& v, const std::string& at, std::int64_t& out, std::vector<FieldError>& errors) {
    if (!v.is_number_integer()) {
        errors.push_back({at, "type", "字段 " + at + " 必须是整数"});
        return false;
    }
    out = v.get<std::int64_t>();
    return true;
}

bool read_text(const json& v, const std::string& at, std::string& out, std::vector<FieldError>& errors) {
    if (!v.is_string()) {
        errors.push_back({at, "type", "字段 " + at + " 必须是文字"});
        return false;
    }
    out = v.get<std::string>();
    if (out.size() > kMaxEntryText) {
        errors.push_back({at, "too_long", "字段 " + at + " 最多 " + n(static_cast<std::int64_t>(kMaxEntryText)) +
                                              " 字节（实际为 " + n(static_cast<std::int64_t>(out.size())) + "）"});
        return false;
    }
    return true;
}

void read_item(const json& j, const std::string& at, SheetItemEntry& e, std::vector<FieldError>& errors) {
    if (!j.is_object()) {
        errors.push_back({at, "type", at + " 必须是对象"});
        return;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string k = it.key();
        const std::string f = at + "." + k;
        const json& v = it.value();
        if (k == "code") {
            read_text(v, f, e.code, errors);
        } else if (k == "prefilled") {
            // What the server prefilled: kept from the stored sheet whatever the client sends (read, then ignored).
            if (!v.is_null()) {
                std::int64_t x = 0;
                if (read_int(v, f, x, errors)) e.prefilled = x;
            }
        } else if (k == "count") {
            read_int(v, f, e.count, errors);
        } else if (k == "reason") {
            read_text(v, f, e.reason, errors);
        } else if (k == "note") {
            read_text(v, f, e.note, errors);
        } else if (k == "evidence") {
            if (!v.is_array()) {
                errors.push_back({f, "type", "字段 " + f + " 必须是列表"});
            } else if (v.size() > kMaxEvidenceRefs) {
                errors.push_back({f, "too_many", "每项证据最多 " + n(static_cast<std::int64_t>(kMaxEvidenceRefs)) + " 条"});
            } else {
                for (std::size_t i = 0; i < v.size(); ++i) {
                    std::string ref;
                    if (read_text(v[i], f + "[" + n(static_cast<std::int64_t>(i)) + "]", ref, errors))
                        e.evidence.push_back(std::move(ref));
                }
            }
        } else {
            errors.push_back({f, "unknown", "未知字段：" + f});
        }
    }
    if (!j.contains("code")) errors.push_back({at + ".code", "required", "缺少字段 " + at + ".code"});
}

}  // namespace

// ---- JSON ----------------------------------------------------------------------------------------------

void to_json(json& j, const SheetItemEntry& e) {
    j = {{"code", e.code}, {"count", e.count}, {"reason", e.reason}, {"note", e.note}, {"evidence", e.evidence}};
    j["prefilled"] = e.prefilled ? json(*e.prefilled) : json(nullptr);
}
void from_json(const json& j, SheetItemEntry& e) {
    j.at("code").get_to(e.code);
    get_opt(j, "prefilled", e.prefilled);
    get_or(j, "count", e.count);
    get_or(j, "reason", e.reason);
    get_or(j, "note", e.note);
    get_or(j, "evidence", e.evidence);
}

void to_json(json& j, const SheetEntries& s) {
    j = {{"items", s.items},         {"bonus_cases", s.bonus_cases}, {"satisfied", s.satisfied},
         {"answered", s.answered},   {"subjects_checked", s.subjects_checked}};
}
void from_json(const json& j, SheetEntries& s) {
    get_or(j, "items", s.items);
    get_or(j, "bonus_cases", s.bonus_cases);
    get_or(j, "satisfied", s.satisfied);
    get_or(j, "answered", s.answered);
    get_or(j, "subjects_checked", s.subjects_checked);
}

std::vector<FieldError> sheet_entries_from_json(const json& j, SheetEntries& out) {
    std::vector<FieldError> errors;
    if (!j.is_object()) return {{"body", "format", "请求体必须是 JSON 对象"}};
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& k = it.key();
        const json& v = it.value();
        if (k == "items") {
            if (!v.is_array()) {
                errors.push_back({k, "type", "字段 items 必须是列表"});
            } else if (v.size() > kMaxItemCodes) {
                errors.push_back({k, "too_many", "评分项最多 " + n(static_cast<std::int64_t>(kMaxItemCodes)) + " 项"});
            } else {
                out.items.resize(v.size());
                for (std::size_t i = 0; i < v.size(); ++i)
                    read_item(v[i], "items[" + n(static_cast<std::int64_t>(i)) + "]", out.items[i], errors);
            }
        } else if (k == "bonus_cases") {
            if (!v.is_array()) {
                errors.push_back({k, "type", "字段 bonus_cases 必须是列表"});
            } else if (v.size() > kMaxBonusCases) {
                errors.push_back({k, "too_many", "加分事项最多 " + n(static_cast<std::int64_t>(kMaxBonusCases)) + " 项"});
            } else {
                for (std::size_t i = 0; i < v.size(); ++i) {
                    std::int64_t x = 0;
                    if (read_int(v[i], "bonus_cases[" + n(static_cast<std::int64_t>(i)) + "]", x, errors))
                        out.bonus_cases.push_back(x);
                }
            }
        } else if (k == "satisfied") {
            read_int(v, k, out.satisfied, errors);
        } else if (k == "answered") {
            read_int(v, k, out.answered, errors);
        } else if (k == "subjects_checked") {
            read_int(v, k, out.subjects_checked, errors);
        } else {
            errors.push_back({k, "unknown", "未知字段：" + k});
        }
    }
    return errors;
}

// ---- the sheet -------------------------------------------------------------------------------------------

SheetEntries prefilled_entries(const assessment::ScorecardRule& rule, const AssessmentPrefill& prefill) {
    SheetEntries s;
    for (const auto& p : rule.parts) {
        for (const auto& i : p.items) {
            if (i.source == assessment::ItemSource::Satisfaction) continue;
            SheetItemEntry e;
            e.code = i.code;
            if (i.source != assessment::ItemSource::Manual) {
                e.prefilled = 0;
                for (const auto& pi : prefill.items)
                    if (pi.code == i.code) e.prefilled = pi.count;
                e.count = *e.prefilled;
            }
            s.items.push_back(std::move(e));
        }
    }
    s.satisfied = prefill.satisfied;
    s.answered = prefill.answered;
    return s;
}

std::vector<FieldError> check_sheet_entries(const assessment::ScorecardRule& rule, const SheetEntries& s,
                                            std::int64_t subjects_total, const std::string& department_zh) {
    std::vector<FieldError> errors;
    const auto add = [&](std::string field, std::string code, const std::string& what) {
        errors.push_back({std::move(field), std::move(code), department_zh + "·" + what});
    };
    std::set<std::string> seen;
    for (std::size_t k = 0; k < s.items.size(); ++k) {
        const auto& e = s.items[k];
        const std::string at = "items[" + n(static_cast<std::int64_t>(k)) + "]";
        const assessment::ScorePart* part = nullptr;
        const assessment::ScoreItem* item = find_item(rule, e.code, &part);
        if (!item || item->source == assessment::ItemSource::Satisfaction) {
            add(at + ".code", "unknown", "评分表没有这一项：" + e.code);
            continue;
        }
        const std::string label = assessment::item_label(*part, *item);
        if (!seen.insert(e.code).second) {
            add(at + ".code", "duplicate", label + "：重复填写");
            continue;
        }
        if (e.count < 0) {
            add(at + ".count", "negative", label + "：次数不能为负数（实际为 " + n(e.count) + "）");
            continue;
        }
        if (item->deduction > 0) {
            // The largest useful count: the first that reaches the cap; a larger one typed in is refused at save
            // (the what-if preview shows the capped deduction instead). A prefilled count kept as it is stands:
            // it is what the records say, and the deduction is capped.
            const std::int64_t useful = (item->cap + item->deduction - 1) / item->deduction;
            if (e.count > useful && !(e.prefilled && e.count == *e.prefilled)) {
                add(at + ".count", "over_cap",
                    label + "：次数 " + n(e.count) + " 超过封顶（每" + item->unit + "扣 " + n(item->deduction) +
                        " 分，最多扣 " + n(item->cap) + " 分），最多填 " + n(useful));
                continue;
            }
        }
        if (e.prefilled && e.count != *e.prefilled && e.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
            add(at + ".reason", "required",
                label + "：次数由预填的 " + n(*e.prefilled) + " 改为 " + n(e.count) + "，须填写理由");
        }
    }
    if (s.answered < 0 || s.satisfied < 0) add("satisfied", "negative", "满意度：人数不能为负数");
    else if (s.satisfied > s.answered)
        add("satisfied", "inconsistent",
            "满意度：满意人数 " + n(s.satisfied) + " 大于有效答卷 " + n(s.answered));
    if (s.subjects_checked < 0) add("subjects_checked", "negative", "核查人数不能为负数（实际为 " + n(s.subjects_checked) + "）");
    else if (s.subjects_checked > subjects_total)
        add("subjects_checked", "too_many",
            "核查人数 " + n(s.subjects_checked) + " 超过本月服务对象 " + n(subjects_total) + " 人");
    if (!errors.empty()) return errors;
    for (auto e : assessment::check_sheet(rule, sheet_of(sheet_input_of(s)))) {
        e.message_zh = department_zh + "·" + e.message_zh;
        errors.push_back(std::move(e));
    }
    return errors;
}

AssessmentSheetInput sheet_input_of(const SheetEntries& s) {
    AssessmentSheetInput in;
    for (const auto& e : s.items) in.counts[e.code] = e.count;
    in.bonus_cases = s.bonus_cases;
    in.satisfied = s.satisfied;
    in.answered = s.answered;
    return in;
}

AssessmentMonth month_of_entries(const assessment::ScorecardRule& rule, const std::vector<SheetEntries>& departments,
                                 const SheetEntries& leader) {
    AssessmentPreviewRequest r;
    for (const auto& d : departments) r.departments.push_back(sheet_input_of(d));
    r.leader = sheet_input_of(leader);
    return preview_month(rule, r);
}

// ---- requests and replies ---------------------------------------------------------------------------------

std::vector<FieldError> open_month_request_from_json(const json& j, OpenMonthRequest& out) {
    std::vector<FieldError> errors;
    if (!j.is_object()) return {{"body", "format", "请求体必须是 JSON 对象"}};
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& k = it.key();
        const json& v = it.value();
        if (k == "provider_id") {
            if (!v.is_number_integer() || v.get<std::int64_t>() <= 0)
                errors.push_back({k, "type", "字段 provider_id 必须是正整数"});
            else out.provider_id = v.get<std::int64_t>();
        } else if (k == "project_code") {
            if (!v.is_string() || v.get<std::string>().empty() || v.get<std::string>().size() > 64)
                errors.push_back({k, "type", "字段 project_code 必须是项目代码（如 home_visit）"});
            else out.project_code = v.get<std::string>();
        } else if (k == "month") {
            if (!v.is_string()) errors.push_back({k, "type", "字段 month 必须是月份，如 2026-10"});
            else out.month = v.get<std::string>();
        } else {
            errors.push_back({k, "unknown", "未知字段：" + k});
        }
    }
    for (const char* k : {"provider_id", "project_code", "month"})
        if (!j.contains(k)) errors.push_back({k, "required", std::string("缺少字段 ") + k});
    return errors;
}
void to_json(json& j, const OpenMonthRequest& r) {
    j = {{"provider_id", r.provider_id}, {"project_code", r.project_code}, {"month", r.month}};
}

void to_json(json& j, const SheetStatus& s) {
    j = {{"department_code", s.department_code}, {"department_name", s.department_name}, {"signed", s.is_signed}};
}
void from_json(const json& j, SheetStatus& s) {
    j.at("department_code").get_to(s.department_code);
    get_or(j, "department_name", s.department_name);
    get_or(j, "signed", s.is_signed);
}

void to_json(json& j, const AssessmentMonthSummary& s) {
    j = {{"id", s.id},
         {"provider_id", s.provider_id},
         {"provider_name", s.provider_name},
         {"project_code", s.project_code},
         {"project_name", s.project_name},
         {"month", s.month},
         {"status", s.status},
         {"rule_version", s.rule_version},
         {"sheets", s.sheets},
         {"grade_code", s.grade_code},
         {"grade_name_zh", s.grade_name_zh}};
    j["total"] = s.total ? json(*s.total) : json(nullptr);
    j["payout_bp"] = s.payout_bp ? json(*s.payout_bp) : json(nullptr);
}
void from_json(const json& j, AssessmentMonthSummary& s) {
    j.at("id").get_to(s.id);
    get_or(j, "provider_id", s.provider_id);
    get_or(j, "provider_name", s.provider_name);
    get_or(j, "project_code", s.project_code);
    get_or(j, "project_name", s.project_name);
    get_or(j, "month", s.month);
    get_or(j, "status", s.status);
    get_or(j, "rule_version", s.rule_version);
    get_or(j, "sheets", s.sheets);
    get_opt(j, "total", s.total);
    get_or(j, "grade_code", s.grade_code);
    get_or(j, "grade_name_zh", s.grade_name_zh);
    get_opt(j, "payout_bp", s.payout_bp);
}

void to_json(json& j, const AssessmentMonthList& l) { j = {{"month", l.month}, {"items", l.items}}; }
void from_json(const json& j, AssessmentMonthList& l) {
    get_or(j, "month", l.month);
    get_or(j, "items", l.items);
}

void to_json(json& j, const AssessmentSheetView& s) {
    j = {{"department_code", s.department_code},
         {"department_name", s.department_name},
         {"entries", s.entries},
         {"computed", s.computed},
         {"subjects_total", s.subjects_total},
         {"check_rate_warning_zh", s.check_rate_warning_zh},
         {"updated_at", s.updated_at},
         {"signed_by", s.signed_by},
         {"signed_at", s.signed_at}};
    j["check_rate"] = s.check_rate ? json(*s.check_rate) : json(nullptr);
}
void from_json(const json& j, AssessmentSheetView& s) {
    j.at("department_code").get_to(s.department_code);
    get_or(j, "department_name", s.department_name);
    get_or(j, "entries", s.entries);
    get_or(j, "computed", s.computed);
    get_or(j, "subjects_total", s.subjects_total);
    get_opt(j, "check_rate", s.check_rate);
    get_or(j, "check_rate_warning_zh", s.check_rate_warning_zh);
    get_or(j, "updated_at", s.updated_at);
    get_or(j, "signed_by", s.signed_by);
    get_or(j, "signed_at", s.signed_at);
}

void to_json(json& j, const AssessmentMonthDetail& d) {
    j = {{"summary", d.summary},
         {"sheets", d.sheets},
         {"prefill", d.prefill},
         {"figures", d.figures},
         {"figures_sha256", d.figures_sha256},
         {"signed_by", d.signed_by},
         {"signed_at", d.signed_at},
         {"rule", d.rule}};
}
void from_json(const json& j, AssessmentMonthDetail& d) {
    j.at("summary").get_to(d.summary);
    get_or(j, "sheets", d.sheets);
    get_or(j, "prefill", d.prefill);
    get_or(j, "figures", d.figures);
    get_or(j, "figures_sha256", d.figures_sha256);
    get_or(j, "signed_by", d.signed_by);
    get_or(j, "signed_at", d.signed_at);
    if (auto it = j.find("rule"); it != j.end()) d.rule = *it;
}

void to_json(json& j, const ProjectGrade& g) {
    j = {{"project_code", g.project_code}, {"project_name", g.project_name}, {"status", g.status},
         {"grade_code", g.grade_code}};
    j["month_id"] = g.month_id ? json(*g.month_id) : json(nullptr);
    j["total"] = g.total ? json(*g.total) : json(nullptr);
}
void from_json(const json& j, ProjectGrade& g) {
    j.at("project_code").get_to(g.project_code);
    get_or(j, "project_name", g.project_name);
    get_or(j, "status", g.status);
    get_opt(j, "month_id", g.month_id);
    get_opt(j, "total", g.total);
    get_or(j, "grade_code", g.grade_code);
}

void to_json(json& j, const ProviderMonthGrade& g) {
    j = {{"provider_id", g.provider_id},
         {"month", g.month},
         {"projects", g.projects},
         {"unsigned_projects", g.unsigned_projects},
         {"complete", g.complete},
         {"lowest_project_code", g.lowest_project_code},
         {"grade_code", g.grade_code},
         {"grade_name_zh", g.grade_name_zh}};
    j["total"] = g.total ? json(*g.total) : json(nullptr);
    j["payout_bp"] = g.payout_bp ? json(*g.payout_bp) : json(nullptr);
}
void from_json(const json& j, ProviderMonthGrade& g) {
    get_or(j, "provider_id", g.provider_id);
    get_or(j, "month", g.month);
    get_or(j, "projects", g.projects);
    get_or(j, "unsigned_projects", g.unsigned_projects);
    get_or(j, "complete", g.complete);
    get_or(j, "lowest_project_code", g.lowest_project_code);
    get_opt(j, "total", g.total);
    get_or(j, "grade_code", g.grade_code);
    get_or(j, "grade_name_zh", g.grade_name_zh);
    get_opt(j, "payout_bp", g.payout_bp);
}

}  // namespace yiyang::wire
