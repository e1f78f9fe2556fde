// JSON of settlement statements and contract payment schedules (yiyang/wire/settlement.hpp).
#include "yiyang/wire/settlement.hpp"

namespace yiyang::wire {

void to_json(json& j, const SettlementLineSourceView& s) {
    j = {{"kind", s.kind}, {"ref", s.ref}, {"subject_ids", s.subject_ids}};
}
void from_json(const json& j, SettlementLineSourceView& s) {
    j.at("kind").get_to(s.kind);
    get_or(j, "ref", s.ref);
    get_or(j, "subject_ids", s.subject_ids);
}

void to_json(json& j, const SettlementLineView& l) {
    j = {{"kind", l.kind}, {"code", l.code}, {"label", l.label_zh}, {"count", l.count}, {"unit_fee_fen", l.unit_fee_fen},
         {"amount_fen", l.amount_fen}, {"note", l.note_zh}, {"source", l.source}};
}
void from_json(const json& j, SettlementLineView& l) {
    j.at("kind").get_to(l.kind);
    j.at("code").get_to(l.code);
    get_or(j, "label", l.label_zh);
    j.at("count").get_to(l.count);
    j.at("unit_fee_fen").get_to(l.unit_fee_fen);
    j.at("amount_fen").get_to(l.amount_fen);
    get_or(j, "note", l.note_zh);
    j.at("source").get_to(l.source);
}

void to_json(json& j, const SettlementStepView& s) {
    j = {{"code", s.code}, {"label", s.label_zh}, {"before_fen", s.before_fen}, {"after_fen", s.after_fen}};
}
void from_json(const json& j, SettlementStepView& s) {
    j.at("code").get_to(s.code);
    get_or(j, "label", s.label_zh);
    j.at("before_fen").get_to(s.before_fen);
    j.at("after_fen").get_to(s.after_fen);
}

void to_json(json& j, const SettlementStatementView& s) {
    j = {{"provider_id", s.provider_id}, {"provider_name", s.provider_name}, {"month", s.month},
         {"month_label", s.month_label_zh}, {"grade", s.grade}, {"grade_label", s.grade_label_zh},
         {"payout_bp", s.payout_bp}, {"payout_text", s.payout_text}, {"fees_version", s.fees_version},
         {"verification_fees_version", s.verification_fees_version}, {"order_of_operations", s.order_of_operations},
         {"grade_rounding", s.grade_rounding}, {"objection_workdays", s.objection_workdays}, {"lines", s.lines},
         {"steps", s.steps}, {"fees_total_fen", s.fees_total_fen}, {"graded_fen", s.graded_fen},
         {"faked_total_fen", s.faked_total_fen}, {"deductions_total_fen", s.deductions_total_fen},
         {"payable_fen", s.payable_fen}, {"receivable_fen", s.receivable_fen}};
}
void from_json(const json& j, SettlementStatementView& s) {
    j.at("provider_id").get_to(s.provider_id);
    get_or(j, "provider_name", s.provider_name);
    j.at("month").get_to(s.month);
    get_or(j, "month_label", s.month_label_zh);
    j.at("grade").get_to(s.grade);
    get_or(j, "grade_label", s.grade_label_zh);
    j.at("payout_bp").get_to(s.payout_bp);
    get_or(j, "payout_text", s.payout_text);
    get_or(j, "fees_version", s.fees_version);
    get_or(j, "verification_fees_version", s.verification_fees_version);
    get_or(j, "order_of_operations", s.order_of_operations);
    get_or(j, "grade_rounding", s.grade_rounding);
    get_or(j, "objection_workdays", s.objection_workdays);
    j.at("lines").get_to(s.lines);
    j.at("steps").get_to(s.steps);
    j.at("fees_total_fen").get_to(s.fees_total_fen);
    j.at("graded_fen").get_to(s.graded_fen);
    j.at("faked_total_fen").get_to(s.faked_total_fen);
    j.at("deductions_total_fen").get_to(s.deductions_total_fen);
    j.at("payable_fen").get_to(s.payable_fen);
    get_or(j, "receivable_fen", s.receivable_fen);
}

SettlementStatementView statement_view(const settlement::SettlementStatement& s) {
    SettlementStatementView v;
    v.provider_id = s.provider_id;
    v.provider_name = s.provider_name;
    v.month = s.month.code();
    v.month_label_zh = s.month.label_zh();
    v.grade = settlement::code(s.grade);
    v.grade_label_zh = settlement::label_zh(s.grade);
    v.payout_bp = s.payout_bp;
    v.payout_text = settlement::bp_text(s.payout_bp);
    v.fees_version = s.fees_version;
    v.verification_fees_version = s.verification_fees_version;
    for (const auto& st : s.steps) {
        if (st.code != "payable") v.order_of_operations.push_back(st.code);
    }
    v.grade_rounding = code(s.grade_rounding);
    v.objection_workdays = s.objection_workdays;
    for (const auto& l : s.lines) {
        v.lines.push_back({settlement::code(l.kind), l.code, l.label_zh, l.count, l.unit_fee_fen, l.amount_fen, l.note_zh,
                           {l.source.kind, l.source.ref, l.source.subject_ids}});
    }
    for (const auto& st : s.steps) v.steps.push_back({st.code, st.label_zh, st.before_fen, st.after_fen});
    v.fees_total_fen = s.fees_total_fen;
    v.graded_fen = s.graded_fen;
    v.faked_total_fen = s.faked_total_fen;
    v.deductions_total_fen = s.deductions_total_fen;
    v.payable_fen = s.payable_fen;
    v.receivable_fen = s.receivable_fen;
    return v;
}

namespace {
std::optional<std::string> date_text(const std::optional<Date>& d) {
    return d ? std::optional<std::string>(format_date(*d)) : std::nullopt;
}
}  // namespace

void to_json(json& j, const InstallmentView& i) {
    j = {{"code", i.code}, {"label", i.label_zh}, {"share_bp", i.share_bp}, {"amount_fen", i.amount_fen},
         {"due_rule", i.due_rule_zh}, {"paid_fen", i.paid_fen}, {"outstanding_fen", i.outstanding_fen},
         {"withheld_fen", i.withheld_fen}, {"overdue_days", i.overdue_days}, {"status", i.status},
         {"status_label", i.status_label_zh}};
    put_opt(j, "due_on", i.due_on);
    put_opt(j, "paid_in_full_on", i.paid_in_full_on);
}
void from_json(const json& j, InstallmentView& i) {
    j.at("code").get_to(i.code);
    get_or(j, "label", i.label_zh);
    get_or(j, "share_bp", i.share_bp);
    j.at("amount_fen").get_to(i.amount_fen);
    get_opt(j, "due_on", i.due_on);
    get_or(j, "due_rule", i.due_rule_zh);
    j.at("paid_fen").get_to(i.paid_fen);
    j.at("outstanding_fen").get_to(i.outstanding_fen);
    get_or(j, "withheld_fen", i.withheld_fen);
    get_opt(j, "paid_in_full_on", i.paid_in_full_on);
    get_or(j, "overdue_days", i.overdue_days);
    j.at("status").get_to(i.status);
    get_or(j, "status_label", i.status_label_zh);
}

void to_json(json& j, const ContractPaymentView& p) {
    j = {{"paid_on", p.paid_on}, {"amount_fen", p.amount_fen}, {"note", p.note}};
}
void from_json(const json& j, ContractPaymentView& p) {
    j.at("paid_on").get_to(p.paid_on);
    j.at("amount_fen").get_to(p.amount_fen);
    get_or(j, "note", p.note);
}

void to_json(json& j, const ContractScheduleView& s) {
    j = {{"contract_no", s.contract_no}, {"contract_fen", s.contract_fen}, {"signed_on", s.signed_on},
         {"rule_version", s.rule_version}, {"calendar_version", s.calendar_version}, {"installments", s.installments},
         {"payments", s.payments}, {"paid_total_fen", s.paid_total_fen}, {"due_now_fen", s.due_now_fen},
         {"overdue_fen", s.overdue_fen}, {"withheld_fen", s.withheld_fen}, {"overpaid_fen", s.overpaid_fen},
         {"next_due_fen", s.next_due_fen}, {"contract_ended", s.contract_ended}, {"consequence", s.consequence_zh}};
    put_opt(j, "annual_grade", s.annual_grade);
    put_opt(j, "annual_grade_label", s.annual_grade_label_zh);
    put_opt(j, "assessed_on", s.assessed_on);
    put_opt(j, "next_due_on", s.next_due_on);
}
void from_json(const json& j, ContractScheduleView& s) {
    get_or(j, "contract_no", s.contract_no);
    j.at("contract_fen").get_to(s.contract_fen);
    j.at("signed_on").get_to(s.signed_on);
    get_opt(j, "annual_grade", s.annual_grade);
    get_opt(j, "annual_grade_label", s.annual_grade_label_zh);
    get_opt(j, "assessed_on", s.assessed_on);
    get_or(j, "rule_version", s.rule_version);
    get_or(j, "calendar_version", s.calendar_version);
    j.at("installments").get_to(s.installments);
    get_or(j, "payments", s.payments);
    j.at("paid_total_fen").get_to(s.paid_total_fen);
    get_or(j, "due_now_fen", s.due_now_fen);
    get_or(j, "overdue_fen", s.overdue_fen);
    get_or(j, "withheld_fen", s.withheld_fen);
    get_or(j, "overpaid_fen", s.overpaid_fen);
    get_opt(j, "next_due_on", s.next_due_on);
    get_or(j, "next_due_fen", s.next_due_fen);
    get_or(j, "contract_ended", s.contract_ended);
    get_or(j, "consequence", s.consequence_zh);
}

ContractScheduleView schedule_view(const settlement::ContractSchedule& s) {
    ContractScheduleView v;
    v.contract_no = s.contract_no;
    v.contract_fen = s.contract_fen;
    v.signed_on = format_date(s.signed_on);
    if (s.annual_grade) {
        v.annual_grade = settlement::code(*s.annual_grade);
        v.annual_grade_label_zh = settlement::label_zh(*s.annual_grade);
    }
    v.assessed_on = date_text(s.assessed_on);
    v.rule_version = s.rule_version;
    v.calendar_version = s.calendar_version;
    for (const settlement::Installment* x : {&s.advance, &s.balance}) {
        v.installments.push_back({x->code, x->label_zh, x->share_bp, x->amount_fen, date_text(x->due_on), x->due_rule_zh,
                                  x->paid_fen, x->outstanding_fen, x->withheld_fen, date_text(x->paid_in_full_on),
                                  x->overdue_days, settlement::code(x->status), settlement::label_zh(x->status)});
    }
    for (const auto& p : s.payments) v.payments.push_back({format_date(p.paid_on), p.amount_fen, p.note});
    v.paid_total_fen = s.paid_total_fen;
    v.due_now_fen = s.due_now_fen;
    v.overdue_fen = s.overdue_fen;
    v.withheld_fen = s.withheld_fen;
    v.overpaid_fen = s.overpaid_fen;
    v.next_due_on = date_text(s.next_due_on);
    v.next_due_fen = s.next_due_fen;
    v.contract_ended = s.contract_ended;
    v.consequence_zh = s.consequence_zh;
    return v;
}

}  // namespace yiyang::wire
