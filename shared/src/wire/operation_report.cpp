// JSON of the operation reports (yiyang/wire/operation_report.hpp).
#include "yiyang/wire/operation_report.hpp"

namespace yiyang::wire {

void to_json(json& j, const ChartSeries& s) {
    j = {{"name", s.name_zh}, {"values", json::array()}};
    for (const auto& v : s.values) j["values"].push_back(v ? json(*v) : json(nullptr));
}
void from_json(const json& j, ChartSeries& s) {
    j.at("name").get_to(s.name_zh);
    s.values.clear();
    for (const auto& v : j.at("values")) s.values.push_back(v.is_null() ? std::nullopt : std::optional<double>(v.get<double>()));
}

void to_json(json& j, const ReportChart& c) {
    j = {{"code", c.code}, {"kind", c.kind}, {"title", c.title_zh}, {"unit", c.unit}, {"categories", c.categories},
         {"series", c.series}, {"table_code", c.table_code}};
}
void from_json(const json& j, ReportChart& c) {
    j.at("code").get_to(c.code);
    j.at("kind").get_to(c.kind);
    j.at("title").get_to(c.title_zh);
    j.at("unit").get_to(c.unit);
    j.at("categories").get_to(c.categories);
    j.at("series").get_to(c.series);
    get_or(j, "table_code", c.table_code);
}

void to_json(json& j, const OperationReport& r) {
    j = {{"kind", r.kind}, {"period", r.period}, {"period_label", r.period_label_zh}, {"title", r.title_zh},
         {"previous_period", r.previous_period}, {"targets_version", r.targets_version}, {"tables", r.tables},
         {"charts", r.charts}, {"problems", r.problems_zh}, {"draft_saved_at", r.draft_saved_at},
         {"draft_saved_by", r.draft_saved_by}, {"generated_at", r.generated_at}};
}
void from_json(const json& j, OperationReport& r) {
    j.at("kind").get_to(r.kind);
    j.at("period").get_to(r.period);
    j.at("period_label").get_to(r.period_label_zh);
    j.at("title").get_to(r.title_zh);
    get_or(j, "previous_period", r.previous_period);
    get_or(j, "targets_version", r.targets_version);
    j.at("tables").get_to(r.tables);
    j.at("charts").get_to(r.charts);
    get_or(j, "problems", r.problems_zh);
    get_or(j, "draft_saved_at", r.draft_saved_at);
    get_or(j, "draft_saved_by", r.draft_saved_by);
    get_or(j, "generated_at", r.generated_at);
}

void to_json(json& j, const SignedOperationReport& r) {
    j = {{"id", r.id}, {"kind", r.kind}, {"period", r.period}, {"title", r.title_zh},
         {"supplement_no", r.supplement_no}, {"signed_by", r.signed_by}, {"signed_at", r.signed_at},
         {"note", r.note_zh}, {"figures_sha256", r.figures_sha256}, {"pdf_sha256", r.pdf_sha256},
         {"xlsx_sha256", r.xlsx_sha256}, {"pdf_bytes", r.pdf_bytes}, {"xlsx_bytes", r.xlsx_bytes}};
    put_opt(j, "supersedes", r.supersedes);
    j["status"] = r.status;
    j["status_zh"] = r.status_zh;
    j["decided_by"] = r.decided_by;
    j["decided_at"] = r.decided_at;
    j["decision_note"] = r.decision_note_zh;
    put_opt(j, "superseded_by", r.superseded_by);
}
void from_json(const json& j, SignedOperationReport& r) {
    j.at("id").get_to(r.id);
    j.at("kind").get_to(r.kind);
    j.at("period").get_to(r.period);
    j.at("title").get_to(r.title_zh);
    j.at("supplement_no").get_to(r.supplement_no);
    get_opt(j, "supersedes", r.supersedes);
    j.at("signed_by").get_to(r.signed_by);
    j.at("signed_at").get_to(r.signed_at);
    get_or(j, "note", r.note_zh);
    j.at("figures_sha256").get_to(r.figures_sha256);
    j.at("pdf_sha256").get_to(r.pdf_sha256);
    j.at("xlsx_sha256").get_to(r.xlsx_sha256);
    get_or(j, "pdf_bytes", r.pdf_bytes);
    get_or(j, "xlsx_bytes", r.xlsx_bytes);
    get_or(j, "status", r.status);
    get_or(j, "status_zh", r.status_zh);
    get_or(j, "decided_by", r.decided_by);
    get_or(j, "decided_at", r.decided_at);
    get_or(j, "decision_note", r.decision_note_zh);
    get_opt(j, "superseded_by", r.superseded_by);
}

// Only the fields given: the countersign takes "note", the return "reason" (an unknown field is refused).
void to_json(json& j, const ReportDecisionRequest& r) {
    j = json::object();
    if (!r.note.empty()) j["note"] = r.note;
    if (!r.reason.empty()) j["reason"] = r.reason;
}
void from_json(const json& j, ReportDecisionRequest& r) {
    get_or(j, "note", r.note);
    get_or(j, "reason", r.reason);
}

void to_json(json& j, const SignedOperationReportList& r) { j = {{"items", r.items}}; }
void from_json(const json& j, SignedOperationReportList& r) { j.at("items").get_to(r.items); }

void to_json(json& j, const SignedOperationReportDetail& r) { j = {{"report", r.report}, {"figures", r.figures}}; }
void from_json(const json& j, SignedOperationReportDetail& r) {
    j.at("report").get_to(r.report);
    j.at("figures").get_to(r.figures);
}

}  // namespace yiyang::wire
