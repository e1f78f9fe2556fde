// The contract payment schedule (合同付款, issue 11; seed yingkou-platform-operations.txt 付款方式): the advance
// (预付款, 30 % due 10 workdays after signing on the workday calendar) and the balance (尾款 = contract − advance,
// due after the final assessment passes), what was paid, what is due and when, what is overdue, and the balance
// withheld when the final assessment fails (不合格: the contract is ended). Pure: `today` is passed in.
//   advance  = contract × advance_bp / 10000, rounded once to the fen (half-up); balance = contract − advance
//   advance due = the advance_workdays-th workday after the signing day (the signing day is not counted unless the
//                 rule says so; then a signing day that is a workday is the first)
//   balance due = the balance_workdays-th workday after the day the final assessment's pass is recorded
//   payments are applied in date order (input order on a day): to the advance, then the balance; beyond: overpaid
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/calendar.hpp"
#include "yiyang/date.hpp"
#include "yiyang/money.hpp"
#include "yiyang/settlement/fees.hpp"
#include "yiyang/validation.hpp"

namespace yiyang {
class RuleBook;
}

namespace yiyang::settlement {

struct ContractPayment {
    Date paid_on;
    Fen amount_fen = 0;
    std::string note;
};

struct ContractInput {
    std::string contract_no;
    Fen contract_fen = 0;              // 合同总服务费
    Date signed_on;
    std::string annual_grade;          // the final assessment's grade code; "" = not assessed yet
    std::optional<Date> assessed_on;   // the day the final grade was recorded (required with a grade)
    std::vector<ContractPayment> payments;
};

enum class InstallmentStatus { AwaitingAssessment, Due, Overdue, Paid, Withheld };
const char* code(InstallmentStatus s);       // awaiting_assessment | due | overdue | paid | withheld
const char* label_zh(InstallmentStatus s);   // 待终期考核 | 待支付 | 已逾期 | 已付清 | 不予支付（考核不合格）

struct Installment {
    std::string code;                  // advance | balance
    std::string label_zh;              // 预付款（30%） | 尾款（70%）
    std::int64_t share_bp = 0;
    Fen amount_fen = 0;
    std::optional<Date> due_on;        // none for the balance until the final assessment passes (or when withheld)
    std::string due_rule_zh;           // 合同签订（2026-02-06）后第 10 个工作日
    Fen paid_fen = 0;
    Fen outstanding_fen = 0;           // amount − paid (0 when withheld)
    Fen withheld_fen = 0;
    std::optional<Date> paid_in_full_on;
    std::int64_t overdue_days = 0;     // calendar days past due_on (unpaid on `today`), or paid that many days late
    InstallmentStatus status = InstallmentStatus::Due;
};

struct ContractSchedule {
    std::string contract_no;
    Fen contract_fen = 0;
    Date signed_on;
    std::optional<Grade> annual_grade;
    std::optional<Date> assessed_on;
    std::string rule_version, calendar_version;
    Installment advance, balance;
    std::vector<ContractPayment> payments;   // in the order applied
    Fen paid_total_fen = 0;
    Fen due_now_fen = 0;               // outstanding on installments whose due date has come (due today or overdue)
    Fen overdue_fen = 0;
    Fen withheld_fen = 0;
    Fen overpaid_fen = 0;              // paid beyond what is payable (to be returned)
    std::optional<Date> next_due_on;   // the earliest due date of an installment not paid in full
    Fen next_due_fen = 0;
    bool contract_ended = false;       // the final assessment failed: 解除服务合同，取消下一年度投标资格
    std::string consequence_zh;        // the annual grade's consequence (seed 五（二）2)
};

struct ScheduleOutcome {
    std::optional<ContractSchedule> schedule;
    std::vector<FieldError> errors;
    bool ok() const { return errors.empty(); }
};

// With the rule and the calendars given: `at_signing` dates the advance, `at_assessment` the balance.
ScheduleOutcome contract_schedule(const ContractInput& in, const SettlementFees& rule, const WorkCalendar& at_signing,
                                  const WorkCalendar& at_assessment, const Date& today);
// The rule in force on the signing day (the contract's terms), the calendar in force on each start day.
ScheduleOutcome contract_schedule(const ContractInput& in, const RuleBook& book, const Date& today);

// The annual grade's consequence (年度等级评定及成果运用).
const char* annual_consequence_zh(Grade g);

}  // namespace yiyang::settlement
