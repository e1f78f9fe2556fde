// The contract and the year on the wire, and the year computed from the stored months (wire/contracts.hpp).
#include "yiyang/wire/contracts.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>

#include "yiyang/date.hpp"
#include "yiyang/wire/fields.hpp"

namespace yiyang::wire {

namespace {

std::string month_text(std::int64_t year, int m) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", static_cast<int>(year), m);
    return buf;
}

Ratio ratio_of(const ExactScore& s) { return Ratio{s.num, s.den}; }

std::int64_t int_of(const json& j, const char* key, const char* name_zh, std::int64_t lo, std::int64_t hi,
                    std::vector<FieldError>& e) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        e.push_back({key, "required", std::string("请填写") + name_zh + "（" + key + "）"});
        return 0;
    }
    if (!it->is_number_integer()) {
        e.push_back({key, "format", std::string(name_zh) + "（" + key + "）应为整数"});
        return 0;
    }
    const std::int64_t v = it->get<std::int64_t>();
    if (v < lo || v > hi) {
        e.push_back({key, "range", std::string(name_zh) + "（" + key + "）应在 " + std::to_string(lo) + " 到 " +
                                       std::to_string(hi) + " 之间，实际为 " + std::to_string(v)});
    }
    return v;
}

std::optional<Date> date_of(const json& j, const char* key, const char* name_zh, bool required,
                            std::vector<FieldError>& e) {
    const std::string s = text_of(j, key, name_zh, 10, required, e);
    if (s.empty()) return std::nullopt;
    auto d = parse_date(s);
    if (!d) e.push_back({key, "format", std::string(name_zh) + "（" + key + "）应为 YYYY-MM-DD 格式的日期，实际为“" + s + "”"});
    return d;
}

constexpr std::int64_t kMaxFen = 1'000'000'000'00;   // 10 亿元 (the schedule's own limit)

}  // namespace

// ---- the year ---------------------------------------------------------------------------------------

AssessmentYearView assessment_year_view(const assessment::ScorecardRule& rule, std::int64_t provider_id,
                                        std::string provider_name, std::int64_t year,
                                        std::vector<YearProjectInput> projects) {
    if (year < 2000 || year > 2100) throw std::invalid_argument("考核年度应在 2000 到 2100 之间");
    AssessmentYearView v;
    v.provider_id = provider_id;
    v.provider_name = std::move(provider_name);
    v.year = year;
    std::sort(projects.begin(), projects.end(),
              [](const YearProjectInput& a, const YearProjectInput& b) { return a.code < b.code; });
    bool all_complete = !projects.empty();
    std::string last_signed;
    std::vector<Ratio> totals;
    std::vector<std::size_t> with_year;
    for (const auto& p : projects) {
        YearProjectView pv;
        pv.project_code = p.code;
        pv.project_name_zh = p.name_zh;
        std::map<std::string, const YearMonthRecord*> by_month;
        for (const auto& m : p.months) by_month[m.month] = &m;
        std::vector<Ratio> means, leaders;
        for (int m = 1; m <= 12; ++m) {
            YearMonthView mv;
            mv.month = month_text(year, m);
            const auto it = by_month.find(mv.month);
            if (it == by_month.end()) {
                mv.status = "missing";
                mv.status_label_zh = "未建立";
            } else if (!it->second->is_signed) {
                mv.status = "open";
                mv.status_label_zh = "未签署";
                mv.month_id = it->second->month_id;
            } else {
                const YearMonthRecord& r = *it->second;
                if (!r.figures) throw std::invalid_argument(p.name_zh + " " + mv.month + " 已签署但没有考核数据");
                mv.status = "signed";
                mv.status_label_zh = "已签署";
                mv.month_id = r.month_id;
                mv.departments_mean = r.figures->departments_mean;
                mv.leader = r.figures->leader;
                mv.total = r.figures->total;
                mv.grade_code = r.figures->grade_code;
                mv.grade_name_zh = r.figures->grade_name_zh;
                mv.payout_text = r.figures->payout_text;
                mv.signed_on = r.signed_on;
                means.push_back(ratio_of(r.figures->departments_mean));
                leaders.push_back(ratio_of(r.figures->leader));
                last_signed = std::max(last_signed, r.signed_on);
            }
            if (mv.status != "signed") pv.missing_months.push_back(mv.month);
            pv.months.push_back(std::move(mv));
        }
        pv.signed_months = static_cast<std::int64_t>(means.size());
        if (!means.empty()) {
            const auto a = assessment::annual_score(rule, means, leaders);
            pv.year = assessment_year(rule, a);
            totals.push_back(a.total);
            with_year.push_back(v.projects.size());
        }
        if (!pv.missing_months.empty()) all_complete = false;
        v.projects.push_back(std::move(pv));
    }
    if (!totals.empty()) {
        const std::size_t low = with_year[assessment::lowest_project(totals)];
        v.lowest_project_code = v.projects[low].project_code;
        v.result = v.projects[low].year;
    }
    v.final_result = all_complete && v.result.has_value();
    std::string lowest_name;
    for (const auto& p : v.projects)
        if (v.lowest_project_code && p.project_code == *v.lowest_project_code) lowest_name = p.project_name_zh;
    const std::string chosen = v.projects.size() > 1 && v.lowest_project_code
                                   ? "多个项目按得分最低的项目（" + lowest_name + "）评定"
                                   : "";
    if (v.final_result) {
        v.assessed_on = last_signed;
        v.note_zh = "全年 12 个月均已签署，终期考核结果于 " + last_signed + " 确定" + (chosen.empty() ? "" : "；" + chosen);
    } else if (v.projects.empty()) {
        v.note_zh = "该机构在本年度没有服务项目";
    } else {
        std::int64_t missing = 0;
        for (const auto& p : v.projects) missing += static_cast<std::int64_t>(p.missing_months.size());
        v.note_zh = "尚有 " + std::to_string(missing) + " 个项目月未签署：年度结果为暂算，终期考核尚未完成" +
                    (chosen.empty() ? "" : "；" + chosen);
    }
    return v;
}

void to_json(json& j, const YearMonthView& m) {
    j = {{"month", m.month}, {"status", m.status}, {"status_label", m.status_label_zh}, {"grade_code", m.grade_code},
         {"grade_name", m.grade_name_zh}, {"payout_text", m.payout_text}, {"signed_on", m.signed_on}};
    put_opt(j, "month_id", m.month_id);
    put_opt(j, "departments_mean", m.departments_mean);
    put_opt(j, "leader", m.leader);
    put_opt(j, "total", m.total);
}
void from_json(const json& j, YearMonthView& m) {
    j.at("month").get_to(m.month);
    j.at("status").get_to(m.status);
    get_or(j, "status_label", m.status_label_zh);
    get_opt(j, "month_id", m.month_id);
    get_opt(j, "departments_mean", m.departments_mean);
    get_opt(j, "leader", m.leader);
    get_opt(j, "total", m.total);
    get_or(j, "grade_code", m.grade_code);
    get_or(j, "grade_name", m.grade_name_zh);
    get_or(j, "payout_text", m.payout_text);
    get_or(j, "signed_on", m.signed_on);
}

void to_json(json& j, const YearProjectView& p) {
    j = {{"project_code", p.project_code}, {"project_name", p.project_name_zh}, {"months", p.months},
         {"missing_months", p.missing_months}, {"signed_months", p.signed_months}};
    put_opt(j, "year", p.year);
}
void from_json(const json& j, YearProjectView& p) {
    j.at("project_code").get_to(p.project_code);
    get_or(j, "project_name", p.project_name_zh);
    j.at("months").get_to(p.months);
    get_or(j, "missing_months", p.missing_months);
    get_or(j, "signed_months", p.signed_months);
    get_opt(j, "year", p.year);
}

void to_json(json& j, const AssessmentYearView& y) {
    j = {{"provider_id", y.provider_id}, {"provider_name", y.provider_name}, {"year", y.year},
         {"projects", y.projects}, {"final", y.final_result}, {"note", y.note_zh}};
    put_opt(j, "lowest_project_code", y.lowest_project_code);
    put_opt(j, "result", y.result);
    put_opt(j, "assessed_on", y.assessed_on);
}
void from_json(const json& j, AssessmentYearView& y) {
    j.at("provider_id").get_to(y.provider_id);
    get_or(j, "provider_name", y.provider_name);
    j.at("year").get_to(y.year);
    j.at("projects").get_to(y.projects);
    get_opt(j, "lowest_project_code", y.lowest_project_code);
    get_opt(j, "result", y.result);
    get_or(j, "final", y.final_result);
    get_opt(j, "assessed_on", y.assessed_on);
    get_or(j, "note", y.note_zh);
}

// ---- the contract -----------------------------------------------------------------------------------

void to_json(json& j, const StoredPaymentView& p) {
    j = {{"id", p.id}, {"kind", p.kind}, {"kind_label", p.kind_label_zh}, {"paid_on", p.paid_on},
         {"amount_fen", p.amount_fen}, {"recorded_by", p.recorded_by}, {"note", p.note}};
}
void from_json(const json& j, StoredPaymentView& p) {
    j.at("id").get_to(p.id);
    j.at("kind").get_to(p.kind);
    get_or(j, "kind_label", p.kind_label_zh);
    j.at("paid_on").get_to(p.paid_on);
    j.at("amount_fen").get_to(p.amount_fen);
    get_or(j, "recorded_by", p.recorded_by);
    get_or(j, "note", p.note);
}

void to_json(json& j, const ContractView& c) {
    j = {{"id", c.id}, {"provider_id", c.provider_id}, {"provider_name", c.provider_name},
         {"project_code", c.project_code}, {"project_name", c.project_name_zh}, {"year", c.year},
         {"contract_no", c.contract_no}, {"signed_on", c.signed_on}, {"period_from", c.period_from},
         {"period_to", c.period_to}, {"total_fen", c.total_fen}, {"note", c.note}, {"payments", c.payments},
         {"schedule", c.schedule}, {"year_note", c.year_note_zh}};
}
void from_json(const json& j, ContractView& c) {
    j.at("id").get_to(c.id);
    j.at("provider_id").get_to(c.provider_id);
    get_or(j, "provider_name", c.provider_name);
    j.at("project_code").get_to(c.project_code);
    get_or(j, "project_name", c.project_name_zh);
    j.at("year").get_to(c.year);
    j.at("contract_no").get_to(c.contract_no);
    j.at("signed_on").get_to(c.signed_on);
    get_or(j, "period_from", c.period_from);
    get_or(j, "period_to", c.period_to);
    j.at("total_fen").get_to(c.total_fen);
    get_or(j, "note", c.note);
    get_or(j, "payments", c.payments);
    j.at("schedule").get_to(c.schedule);
    get_or(j, "year_note", c.year_note_zh);
}

void to_json(json& j, const ContractList& l) { j = {{"items", l.items}}; }
void from_json(const json& j, ContractList& l) { j.at("items").get_to(l.items); }

void to_json(json& j, const ContractCreateRequest& r) {
    j = {{"provider_id", r.provider_id}, {"project_code", r.project_code}, {"year", r.year},
         {"contract_no", r.contract_no}, {"signed_on", r.signed_on}, {"period_from", r.period_from},
         {"period_to", r.period_to}, {"total_fen", r.total_fen}, {"note", r.note}};
}

std::vector<FieldError> contract_request_from_json(const json& j, ContractCreateRequest& out) {
    std::vector<FieldError> e;
    if (!j.is_object()) return {{"", "format", "请求体应为 JSON 对象"}};
    unknown_members(j, {"provider_id", "project_code", "year", "contract_no", "signed_on", "period_from", "period_to",
                        "total_fen", "note"},
                    e);
    out.provider_id = int_of(j, "provider_id", "服务机构", 1, 1'000'000'000, e);
    out.project_code = text_of(j, "project_code", "服务项目", 40, true, e);
    out.year = int_of(j, "year", "合同年度", 2000, 2100, e);
    out.contract_no = text_of(j, "contract_no", "合同编号", 60, true, e);
    const auto signed_on = date_of(j, "signed_on", "签订日期", true, e);
    const auto from = date_of(j, "period_from", "服务期起", false, e);
    const auto to = date_of(j, "period_to", "服务期止", false, e);
    out.total_fen = int_of(j, "total_fen", "合同金额（分）", 1, kMaxFen, e);
    out.note = text_of(j, "note", "说明", 400, false, e);
    if (signed_on) out.signed_on = format_date(*signed_on);
    const int y = static_cast<int>(out.year);
    if (out.year >= 2000 && out.year <= 2100) {
        const Date f = from.value_or(Date{y, 1, 1}), t = to.value_or(Date{y, 12, 31});
        out.period_from = format_date(f);
        out.period_to = format_date(t);
        if (t < f) e.push_back({"period_to", "before_start", "服务期止（" + out.period_to + "）早于服务期起（" + out.period_from + "）"});
        if (f.year != y || t.year != y)
            e.push_back({"period_from", "outside_year", "服务期（" + out.period_from + " 至 " + out.period_to + "）应在合同年度 " +
                                                            std::to_string(y) + " 年之内"});
        if (signed_on && signed_on->year > y)
            e.push_back({"signed_on", "after_year", "签订日期（" + out.signed_on + "）晚于合同年度 " + std::to_string(y) + " 年"});
    }
    return e;
}

void to_json(json& j, const PaymentRequest& r) {
    j = {{"kind", r.kind}, {"paid_on", r.paid_on}, {"amount_fen", r.amount_fen}, {"note", r.note}};
}

std::vector<FieldError> payment_request_from_json(const json& j, PaymentRequest& out) {
    std::vector<FieldError> e;
    if (!j.is_object()) return {{"", "format", "请求体应为 JSON 对象"}};
    unknown_members(j, {"kind", "paid_on", "amount_fen", "note"}, e);
    out.kind = text_of(j, "kind", "付款类别", 20, true, e);
    if (!out.kind.empty() && out.kind != "advance" && out.kind != "balance")
        e.push_back({"kind", "unknown", "付款类别（kind）应为 advance（预付款）或 balance（尾款），实际为“" + out.kind.substr(0, 20) + "”"});
    if (const auto d = date_of(j, "paid_on", "付款日期", true, e)) out.paid_on = format_date(*d);
    out.amount_fen = int_of(j, "amount_fen", "付款金额（分）", 1, kMaxFen, e);
    out.note = text_of(j, "note", "说明", 400, false, e);
    return e;
}

}  // namespace yiyang::wire
