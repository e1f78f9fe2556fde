// The monthly settlement statement (结算单, issue 11) of one provider: an invoice that explains itself. Every fee
// line with its count, unit fee and the people behind it; the order of operations of the rule in force, each step
// with its amount before and after; the payable amount. THE formula (statement.cpp), integer fen throughout:
//   Σ fees = Σ tier count × tier fee + physical 人次 × physical fee + information person-months × information fee
//   graded = Σ fees × payout_bp / 10000, rounded once to the fen by the rule's grade_rounding (half-up)
//   − each faked subject's fee for the month (one subject's fee comes off once a month; a second case of the
//     same subject is listed with 0)                 [order_of_operations may put this before the percentage]
//   − death, removal and carried-over deductions
//   payable = max(0, the result); the excess of deductions, if any, is a receivable owed back by the provider
//   (a line of its own; a later statement takes it as a carried_over deduction).
// The scorecard hands over payout_bp and the grade code; they are inputs here, never computed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/calendar.hpp"
#include "yiyang/info_service_fees.hpp"
#include "yiyang/money.hpp"
#include "yiyang/period.hpp"
#include "yiyang/records.hpp"
#include "yiyang/settlement/fees.hpp"
#include "yiyang/validation.hpp"

namespace yiyang {
class RuleBook;
}

namespace yiyang::settlement {

// Limits of one statement's input (a provider has hundreds of subjects, not millions).
inline constexpr std::int64_t kMaxCount = 1'000'000;          // people per tier, 人次, person-months
inline constexpr std::size_t kMaxCases = 10'000;              // faked cases, deductions
inline constexpr Fen kMaxDeductionFen = 100'000'000'00;       // one deduction: 1 亿元

// People actually served in one tier this month; subject_ids (when given) are the drill-down and must number
// exactly `count`, each once across all tiers.
struct ServedTier {
    std::string tier;                  // a tier code of the rule in force: severe_or_complete
    std::int64_t count = 0;
    std::vector<Id> subject_ids;
};

// One case of 弄虚作假 found this month: the subject's fee for the month (its tier's fee) is removed.
struct FakedCase {
    Id subject_id = 0;
    std::string tier;
    std::string case_ref;              // what found it (a callback, a flagged record): the drill-down
};

enum class DeductionReason { Death, Removal, CarriedOver };
const char* code(DeductionReason r);       // death | removal | carried_over
const char* label_zh(DeductionReason r);   // 死亡扣减 | 退出扣减 | 上期应追回款
std::optional<DeductionReason> deduction_reason_from_code(std::string_view c);

struct Deduction {
    Id subject_id = 0;                 // 0 for a carried-over receivable
    DeductionReason reason = DeductionReason::Death;
    Fen amount_fen = 0;                // > 0: what comes off
    std::string note;
};

struct StatementInput {
    Id provider_id = 0;
    std::string provider_name;
    Period month;
    std::vector<ServedTier> served;
    std::optional<std::int64_t> physical_services;          // 实体服务人次 (the verification's payable count)
    std::optional<std::int64_t> information_person_months;  // 信息化服务 合计人数 of the month
    std::string physical_ref, information_ref;              // drill-down of those two (e.g. the quarter "2024-Q1")
    std::int64_t payout_bp = 10000;    // from the scorecard: 10000 = 100 %
    std::string grade;                 // from the scorecard: excellent | good | pass | fail
    std::vector<FakedCase> faked;
    std::vector<Deduction> deductions;
};

// The rules in force on the month's first day (a version effective mid-month applies from the next month).
struct StatementRules {
    const SettlementFees* fees = nullptr;
    const VerificationFees* verification_fees = nullptr;
};
StatementRules statement_rules_on(const RuleBook& book, const Period& month);

enum class LineKind { Fee, Faked, Deduction, Receivable };
const char* code(LineKind k);          // fee | faked | deduction | receivable

// What a line's drill-down opens: the people of a tier, the verification's physical / information figures, a
// faked case, a deduction's subject.
struct LineSource {
    std::string kind;                  // served_tier | verification_physical | verification_information |
                                       // faked_case | deduction | receivable
    std::string ref;                   // tier code, the verification ref, the case ref, the reason code
    std::vector<Id> subject_ids;
    friend bool operator==(const LineSource&, const LineSource&) = default;
};

struct StatementLine {
    LineKind kind = LineKind::Fee;
    std::string code;                  // home_visit.severe_or_complete | physical | information | faked.1 | deduction.1 | receivable
    std::string label_zh;
    std::int64_t count = 0;
    Fen unit_fee_fen = 0;
    Fen amount_fen = 0;                // what the line adds (Fee) or takes off (Faked, Deduction); Receivable: owed back
    std::string note_zh;
    LineSource source;
};

struct StatementStep {
    std::string code;                  // fees | grade | faked | deductions | payable
    std::string label_zh;
    Fen before_fen = 0;
    Fen after_fen = 0;
};

struct SettlementStatement {
    Id provider_id = 0;
    std::string provider_name;
    Period month;
    Grade grade = Grade::Excellent;
    std::int64_t payout_bp = 10000;
    std::string fees_version, verification_fees_version;   // the rule versions used ("" when not needed)
    FakedFeeStep faked_fee_step = FakedFeeStep::AfterGrade;
    Rounding grade_rounding = Rounding::HalfUp;
    int objection_workdays = 0;
    std::vector<StatementLine> lines;  // fees (rule's tier order, physical, information), faked, deductions, receivable
    std::vector<StatementStep> steps;  // in the rule's order of operations, then payable
    Fen fees_total_fen = 0;            // Σ fee lines
    Fen graded_fen = 0;                // the percentage step's result (of Σ fees, or of Σ fees − faked)
    Fen faked_total_fen = 0;
    Fen deductions_total_fen = 0;
    Fen payable_fen = 0;               // never negative
    Fen receivable_fen = 0;            // what the deductions exceed by (owed back); 0 normally
};

struct StatementOutcome {
    std::optional<SettlementStatement> statement;
    std::vector<FieldError> errors;    // Chinese, each naming the field: nothing computed when any
    bool ok() const { return errors.empty(); }
};

// Validates and computes. `today` decides whether the month is over (a statement for a month not yet over is
// refused). Pure: everything is passed in.
StatementOutcome settle_month(const StatementInput& in, const StatementRules& rules, const Date& today);

// The last day a provider may object (申诉) to a statement signed on `signed_on`: the rule's objection_workdays-th
// workday after it (the signing day not counted).
Date objection_deadline(const Date& signed_on, const SettlementFees& rule, const WorkCalendar& calendar);

}  // namespace yiyang::settlement
