// Wire format of settlement (结算, issue 11) as the server will reply: a month's statement of one provider (its
// lines with their drill-down sources, the order of operations step by step, the payable amount) and a contract's
// payment schedule. Built from the shared computation (settlement/statement.hpp, contract_payments.hpp) only.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/records.hpp"
#include "yiyang/settlement/contract_payments.hpp"
#include "yiyang/settlement/statement.hpp"
#include "yiyang/validation.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct SettlementLineSourceView {
    std::string kind;                  // served_tier | verification_physical | verification_information | faked_case | deduction | receivable
    std::string ref;
    std::vector<Id> subject_ids;
};
void to_json(json& j, const SettlementLineSourceView& s);
void from_json(const json& j, SettlementLineSourceView& s);

struct SettlementLineView {
    std::string kind;                  // fee | faked | deduction | receivable
    std::string code;                  // home_visit.severe_or_complete | physical | information | faked.1 | deduction.1 | receivable
    std::string label_zh;
    std::int64_t count = 0;
    std::int64_t unit_fee_fen = 0;
    std::int64_t amount_fen = 0;
    std::string note_zh;
    SettlementLineSourceView source;
};
void to_json(json& j, const SettlementLineView& l);
void from_json(const json& j, SettlementLineView& l);

struct SettlementStepView {
    std::string code;                  // fees | grade | faked | deductions | payable
    std::string label_zh;
    std::int64_t before_fen = 0;
    std::int64_t after_fen = 0;
};
void to_json(json& j, const SettlementStepView& s);
void from_json(const json& j, SettlementStepView& s);

struct SettlementStatementView {
    Id provider_id = 0;
    std::string provider_name;
    std::string month;                 // "2025-03"
    std::string month_label_zh;        // "2025年3月"
    std::string grade;                 // excellent | good | pass | fail
    std::string grade_label_zh;
    std::int64_t payout_bp = 0;
    std::string payout_text;           // "96.50%"
    std::string fees_version, verification_fees_version;
    std::vector<std::string> order_of_operations;   // fees, grade, faked, deductions (the rule's)
    std::string grade_rounding;        // half_up | truncate
    int objection_workdays = 0;
    std::vector<SettlementLineView> lines;
    std::vector<SettlementStepView> steps;
    std::int64_t fees_total_fen = 0, graded_fen = 0, faked_total_fen = 0, deductions_total_fen = 0;
    std::int64_t payable_fen = 0, receivable_fen = 0;
};
void to_json(json& j, const SettlementStatementView& s);
void from_json(const json& j, SettlementStatementView& s);
SettlementStatementView statement_view(const settlement::SettlementStatement& s);

// The statement's input as posted (POST /api/v1/settlement/statements/preview):
//   {"provider_id":7, "provider_name":"…", "month":"2025-03", "payout_bp":9650, "grade":"excellent",
//    "served":[{"tier":"severe_or_complete","count":2,"subject_ids":[1,2]}], "physical_services":10,
//    "information_person_months":5, "physical_ref":"2025-Q1", "information_ref":"2025-Q1",
//    "faked":[{"subject_id":1,"tier":"severe_or_complete","case_ref":"callback 12"}],
//    "deductions":[{"subject_id":2,"reason":"death|removal|carried_over","amount_fen":10000,"note":""}]}
// Strict: unknown keys refused by name, wrong kinds and oversized texts or lists named (Chinese, the field's
// path such as served[1].count); nothing else is checked here — settle_month() validates the figures.
std::vector<FieldError> statement_input_from_json(const json& j, settlement::StatementInput& out);
json statement_input_json(const settlement::StatementInput& in);   // the same shape (tests, the client)

struct InstallmentView {
    std::string code;                  // advance | balance
    std::string label_zh;
    std::int64_t share_bp = 0;
    std::int64_t amount_fen = 0;
    std::optional<std::string> due_on; // "2026-02-27"; none while awaiting the assessment or when withheld
    std::string due_rule_zh;
    std::int64_t paid_fen = 0, outstanding_fen = 0, withheld_fen = 0;
    std::optional<std::string> paid_in_full_on;
    std::int64_t overdue_days = 0;
    std::string status;                // awaiting_assessment | due | overdue | paid | withheld
    std::string status_label_zh;
};
void to_json(json& j, const InstallmentView& i);
void from_json(const json& j, InstallmentView& i);

struct ContractPaymentView {
    std::string paid_on;
    std::int64_t amount_fen = 0;
    std::string note;
};
void to_json(json& j, const ContractPaymentView& p);
void from_json(const json& j, ContractPaymentView& p);

struct ContractScheduleView {
    std::string contract_no;
    std::int64_t contract_fen = 0;
    std::string signed_on;
    std::optional<std::string> annual_grade, annual_grade_label_zh, assessed_on;
    std::string rule_version, calendar_version;
    std::vector<InstallmentView> installments;   // advance, balance
    std::vector<ContractPaymentView> payments;    // in the order applied
    std::int64_t paid_total_fen = 0, due_now_fen = 0, overdue_fen = 0, withheld_fen = 0, overpaid_fen = 0;
    std::optional<std::string> next_due_on;
    std::int64_t next_due_fen = 0;
    bool contract_ended = false;
    std::string consequence_zh;
};
void to_json(json& j, const ContractScheduleView& s);
void from_json(const json& j, ContractScheduleView& s);
ContractScheduleView schedule_view(const settlement::ContractSchedule& s);

}  // namespace yiyang::wire
