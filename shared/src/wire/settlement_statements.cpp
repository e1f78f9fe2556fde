// Stored settlement statements on the wire (wire/settlement_statements.hpp).
#include "yiyang/wire/settlement_statements.hpp"

namespace yiyang::wire {

void to_json(json& j, const SettlementPersonView& p) {
    j = {{"elder_id", p.elder_id}, {"name", p.name}, {"tier", p.tier}};
}
void from_json(const json& j, SettlementPersonView& p) {
    j.at("elder_id").get_to(p.elder_id);
    get_or(j, "name", p.name);
    get_or(j, "tier", p.tier);
}

const char* objection_status_label_zh(const std::string& status) {
    if (status == "open") return "待答复";
    if (status == "upheld") return "申诉成立";
    if (status == "rejected") return "申诉不成立";
    return "";
}

void to_json(json& j, const SettlementObjectionFileView& f) {
    j = {{"id", f.id}, {"objection_id", f.objection_id}, {"name", f.name}, {"mime", f.mime}, {"sha256", f.sha256},
         {"size", f.size}, {"width", f.width}, {"height", f.height}, {"uploaded_by", f.uploaded_by},
         {"uploaded_at", f.uploaded_at}, {"thumb_url", f.thumb_url}, {"full_url", f.full_url}};
}
void from_json(const json& j, SettlementObjectionFileView& f) {
    j.at("id").get_to(f.id);
    get_or(j, "objection_id", f.objection_id);
    get_or(j, "name", f.name);
    get_or(j, "mime", f.mime);
    get_or(j, "sha256", f.sha256);
    get_or(j, "size", f.size);
    get_or(j, "width", f.width);
    get_or(j, "height", f.height);
    get_or(j, "uploaded_by", f.uploaded_by);
    get_or(j, "uploaded_at", f.uploaded_at);
    get_or(j, "thumb_url", f.thumb_url);
    get_or(j, "full_url", f.full_url);
}

void to_json(json& j, const SettlementObjectionView& o) {
    j = {{"id", o.id}, {"statement_id", o.statement_id}, {"filed_by", o.filed_by}, {"filed_at", o.filed_at},
         {"text", o.text}, {"evidence", o.evidence}, {"status", o.status}, {"status_label", o.status_label_zh},
         {"answer", o.answer}, {"answered_by", o.answered_by}, {"answered_at", o.answered_at}, {"files", o.files},
         {"may_attach", o.may_attach}};
}
void from_json(const json& j, SettlementObjectionView& o) {
    j.at("id").get_to(o.id);
    j.at("statement_id").get_to(o.statement_id);
    get_or(j, "filed_by", o.filed_by);
    get_or(j, "filed_at", o.filed_at);
    get_or(j, "text", o.text);
    get_or(j, "evidence", o.evidence);
    j.at("status").get_to(o.status);
    get_or(j, "status_label", o.status_label_zh);
    get_or(j, "answer", o.answer);
    get_or(j, "answered_by", o.answered_by);
    get_or(j, "answered_at", o.answered_at);
    get_or(j, "files", o.files);
    get_or(j, "may_attach", o.may_attach);
}

void to_json(json& j, const SignedStatementView& s) {
    j = {{"id", s.id}, {"provider_id", s.provider_id}, {"provider_name", s.provider_name}, {"month", s.month},
         {"supplement_no", s.supplement_no}, {"title", s.title_zh}, {"status", s.status}, {"reason", s.reason},
         {"payable_fen", s.payable_fen}, {"payable_capitals", s.payable_capitals},
         {"figures_sha256", s.figures_sha256}, {"pdf_sha256", s.pdf_sha256}, {"xlsx_sha256", s.xlsx_sha256},
         {"signed_by", s.signed_by}, {"signed_at", s.signed_at}, {"objection_deadline", s.objection_deadline},
         {"objection_open", s.objection_open}, {"statement", s.statement}, {"objections", s.objections},
         {"people", s.people}};
    put_opt(j, "cites_id", s.cites_id);
}
void from_json(const json& j, SignedStatementView& s) {
    j.at("id").get_to(s.id);
    j.at("provider_id").get_to(s.provider_id);
    get_or(j, "provider_name", s.provider_name);
    j.at("month").get_to(s.month);
    get_or(j, "supplement_no", s.supplement_no);
    get_opt(j, "cites_id", s.cites_id);
    get_or(j, "title", s.title_zh);
    j.at("status").get_to(s.status);
    get_or(j, "reason", s.reason);
    j.at("payable_fen").get_to(s.payable_fen);
    get_or(j, "payable_capitals", s.payable_capitals);
    get_or(j, "figures_sha256", s.figures_sha256);
    get_or(j, "pdf_sha256", s.pdf_sha256);
    get_or(j, "xlsx_sha256", s.xlsx_sha256);
    get_or(j, "signed_by", s.signed_by);
    get_or(j, "signed_at", s.signed_at);
    get_or(j, "objection_deadline", s.objection_deadline);
    get_or(j, "objection_open", s.objection_open);
    j.at("statement").get_to(s.statement);
    get_or(j, "objections", s.objections);
    get_or(j, "people", s.people);
}

void to_json(json& j, const StatementDraftView& d) {
    j = {{"statement", d.statement}, {"people", d.people}, {"assessment_month_ids", d.assessment_month_ids},
         {"notes", d.notes_zh}};
    put_opt(j, "signed_id", d.signed_id);
}
void from_json(const json& j, StatementDraftView& d) {
    j.at("statement").get_to(d.statement);
    get_or(j, "people", d.people);
    get_or(j, "assessment_month_ids", d.assessment_month_ids);
    get_or(j, "notes", d.notes_zh);
    get_opt(j, "signed_id", d.signed_id);
}

void to_json(json& j, const SettlementMonthRow& r) {
    j = {{"provider_id", r.provider_id}, {"provider_name", r.provider_name}, {"state", r.state},
         {"problem", r.problem_zh}, {"supplement_no", r.supplement_no}, {"payable_fen", r.payable_fen},
         {"open_objections", r.open_objections}};
    put_opt(j, "draft_payable_fen", r.draft_payable_fen);
    put_opt(j, "statement_id", r.statement_id);
}
void from_json(const json& j, SettlementMonthRow& r) {
    j.at("provider_id").get_to(r.provider_id);
    get_or(j, "provider_name", r.provider_name);
    j.at("state").get_to(r.state);
    get_or(j, "problem", r.problem_zh);
    get_opt(j, "draft_payable_fen", r.draft_payable_fen);
    get_opt(j, "statement_id", r.statement_id);
    get_or(j, "supplement_no", r.supplement_no);
    get_or(j, "payable_fen", r.payable_fen);
    get_or(j, "open_objections", r.open_objections);
}

void to_json(json& j, const SettlementMonthList& l) {
    j = {{"month", l.month}, {"month_label", l.month_label_zh}, {"month_over", l.month_over}, {"rows", l.rows}};
}
void from_json(const json& j, SettlementMonthList& l) {
    j.at("month").get_to(l.month);
    get_or(j, "month_label", l.month_label_zh);
    get_or(j, "month_over", l.month_over);
    get_or(j, "rows", l.rows);
}

}  // namespace yiyang::wire
