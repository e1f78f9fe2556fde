// The contract payment schedule (settlement/contract_payments.hpp): the two installments, their due dates on the
// workday calendar, payments applied in date order, overdue and withheld amounts.
#include "yiyang/settlement/contract_payments.hpp"

#include <algorithm>

#include "yiyang/rule_registry.hpp"

namespace yiyang::settlement {

const char* code(InstallmentStatus s) {
    switch (s) {
        case InstallmentStatus::AwaitingAssessment: return "awaiting_assessment";
        case InstallmentStatus::Due: return "due";
        case InstallmentStatus::Overdue: return "overdue";
        case InstallmentStatus::Paid: return "paid";
        case InstallmentStatus::Withheld: return "withheld";
    }
    return "";
}

const char* label_zh(InstallmentStatus s) {
    switch (s) {
        case InstallmentStatus::AwaitingAssessment: return "待终期考核";
        case InstallmentStatus::Due: return "待支付";
        case InstallmentStatus::Overdue: return "已逾期";
        case InstallmentStatus::Paid: return "已付清";
        case InstallmentStatus::Withheld: return "不予支付（终期考核不合格）";
    }
    return "";
}

const char* annual_consequence_zh(Grade g) {
    switch (g) {
        case Grade::Excellent: return "优秀：可优先考虑下年度续约";
        case Grade::Good: return "良好：要求进一步提升服务质量";
        case Grade::Pass: return "合格：要求提交整改计划";
        case Grade::Fail: return "不合格：解除服务合同，并取消下一年度投标资格";
    }
    return "";
}

namespace {

inline constexpr Fen kMaxContractFen = 1'000'000'000'00;   // 10 亿元
inline constexpr std::size_t kMaxPayments = 1000;

std::vector<FieldError> validate(const ContractInput& in, const Date& today, std::optional<Grade>& grade) {
    std::vector<FieldError> e;
    if (in.contract_no.size() > 60) e.push_back({"contract_no", "too_long", "合同编号不能超过 60 字节"});
    if (in.contract_fen <= 0) e.push_back({"contract_fen", "not_positive", "合同金额应大于 0"});
    else if (in.contract_fen > kMaxContractFen) e.push_back({"contract_fen", "too_large", "合同金额不能超过 10 亿元"});
    if (today < in.signed_on) {
        e.push_back({"signed_on", "future", "签订日期 " + format_date(in.signed_on) + " 晚于今天（" + format_date(today) + "）"});
    }
    if (!in.annual_grade.empty()) {
        grade = grade_from_code(in.annual_grade);
        if (!grade) {
            e.push_back({"annual_grade", "unknown", "终期考核等级 \"" + in.annual_grade +
                                                        "\" 无法识别：应为 excellent（优秀）、good（良好）、pass（合格）、fail（不合格）之一"});
        }
        if (!in.assessed_on) e.push_back({"assessed_on", "required", "有终期考核等级时须填写考核结果的日期"});
    } else if (in.assessed_on) {
        e.push_back({"annual_grade", "required", "填写了终期考核日期，但没有考核等级"});
    }
    if (in.assessed_on) {
        if (*in.assessed_on < in.signed_on) e.push_back({"assessed_on", "before_signing", "终期考核日期早于合同签订日期"});
        if (today < *in.assessed_on) e.push_back({"assessed_on", "future", "终期考核日期 " + format_date(*in.assessed_on) + " 晚于今天"});
    }
    if (in.payments.size() > kMaxPayments) {
        e.push_back({"payments", "too_many", "付款记录最多 " + std::to_string(kMaxPayments) + " 条"});
        return e;
    }
    for (std::size_t i = 0; i < in.payments.size(); ++i) {
        const auto& p = in.payments[i];
        const std::string r = "付款第" + std::to_string(i + 1) + "条";
        const std::string f = "payments[" + std::to_string(i) + "].";
        if (p.amount_fen <= 0) e.push_back({f + "amount_fen", "not_positive", r + "：金额应大于 0"});
        else if (p.amount_fen > kMaxContractFen) e.push_back({f + "amount_fen", "too_large", r + "：金额不能超过 10 亿元"});
        if (p.paid_on < in.signed_on) e.push_back({f + "paid_on", "before_signing", r + "：付款日期早于合同签订日期"});
        if (today < p.paid_on) e.push_back({f + "paid_on", "future", r + "：付款日期 " + format_date(p.paid_on) + " 晚于今天"});
        if (p.note.size() > 400) e.push_back({f + "note", "too_long", r + "：说明不能超过 400 字节"});
    }
    return e;
}

// Status, outstanding and days of an installment with a due date, from what was applied to it.
void settle_status(Installment& x, const Date& today) {
    x.outstanding_fen = x.amount_fen - x.paid_fen;
    if (x.outstanding_fen == 0) {
        x.status = InstallmentStatus::Paid;
        if (x.due_on && x.paid_in_full_on && *x.due_on < *x.paid_in_full_on) {
            x.overdue_days = days_from_civil(*x.paid_in_full_on) - days_from_civil(*x.due_on);
        }
    } else if (!x.due_on) {
        x.status = InstallmentStatus::AwaitingAssessment;
    } else if (*x.due_on < today) {
        x.status = InstallmentStatus::Overdue;
        x.overdue_days = days_from_civil(today) - days_from_civil(*x.due_on);
    } else {
        x.status = InstallmentStatus::Due;
    }
}

}  // namespace

ScheduleOutcome contract_schedule(const ContractInput& in, const SettlementFees& rule, const WorkCalendar& at_signing,
                                  const WorkCalendar& at_assessment, const Date& today) {
    ScheduleOutcome out;
    std::optional<Grade> grade;
    out.errors = validate(in, today, grade);
    if (!out.errors.empty()) return out;
    const ContractPaymentRule& r = rule.contract;

    ContractSchedule s;
    s.contract_no = in.contract_no;
    s.contract_fen = in.contract_fen;
    s.signed_on = in.signed_on;
    s.annual_grade = grade;
    s.assessed_on = in.assessed_on;
    s.rule_version = rule.version;
    s.calendar_version = at_signing.version;

    // ---- the two installments: amounts sum exactly to the contract ----
    const Fen advance = share_of(in.contract_fen, r.advance_bp, r.rounding);
    s.advance.code = "advance";
    s.advance.share_bp = r.advance_bp;
    s.advance.label_zh = "预付款（" + bp_text(r.advance_bp) + "）";
    s.advance.amount_fen = advance;
    const bool first_counts = r.signing_day_counts && at_signing.is_workday(in.signed_on);
    s.advance.due_on = at_signing.add_workdays(in.signed_on, first_counts ? r.advance_workdays - 1 : r.advance_workdays);
    s.advance.due_rule_zh = "合同签订（" + format_date(in.signed_on) + "）后第 " + std::to_string(r.advance_workdays) + " 个工作日" +
                            (r.signing_day_counts ? "（签订当日为工作日时计入）" : "（签订当日不计）");

    s.balance.code = "balance";
    s.balance.share_bp = 10000 - r.advance_bp;
    s.balance.label_zh = "尾款（" + bp_text(10000 - r.advance_bp) + "）";
    s.balance.amount_fen = in.contract_fen - advance;
    const bool failed = grade && !r.passes(*grade);
    if (grade && !failed) {
        s.balance.due_on = at_assessment.add_workdays(*in.assessed_on, r.balance_workdays);
        s.balance.due_rule_zh = "终期考核合格（" + format_date(*in.assessed_on) + "，" + label_zh(*grade) + "）后第 " +
                                std::to_string(r.balance_workdays) + " 个工作日";
    } else if (failed) {
        s.balance.due_rule_zh = "终期考核不合格（" + format_date(*in.assessed_on) + "）：尾款不予支付";
    } else {
        s.balance.due_rule_zh = "合同期满经终期考核合格后支付";
    }

    // ---- payments in date order: the advance first, then the balance (unless withheld), the rest overpaid ----
    s.payments = in.payments;
    std::stable_sort(s.payments.begin(), s.payments.end(),
                     [](const ContractPayment& a, const ContractPayment& b) { return a.paid_on < b.paid_on; });
    for (const auto& p : s.payments) {
        Fen left = p.amount_fen;
        s.paid_total_fen += p.amount_fen;
        for (Installment* x : {&s.advance, &s.balance}) {
            if (x == &s.balance && failed) break;
            const Fen take = std::min(left, x->amount_fen - x->paid_fen);
            if (take <= 0) continue;
            x->paid_fen += take;
            left -= take;
            if (x->paid_fen == x->amount_fen) x->paid_in_full_on = p.paid_on;
        }
        s.overpaid_fen += left;
    }

    settle_status(s.advance, today);
    if (failed) {
        s.balance.status = InstallmentStatus::Withheld;
        s.balance.withheld_fen = s.balance.amount_fen;
        s.balance.outstanding_fen = 0;
        s.withheld_fen = s.balance.amount_fen;
        s.contract_ended = true;
    } else {
        settle_status(s.balance, today);
    }
    if (grade) s.consequence_zh = annual_consequence_zh(*grade);

    for (const Installment* x : {&s.advance, &s.balance}) {
        if (!x->due_on || x->outstanding_fen == 0) continue;
        if (*x->due_on <= today) s.due_now_fen += x->outstanding_fen;
        if (*x->due_on < today) s.overdue_fen += x->outstanding_fen;
        if (!s.next_due_on || *x->due_on < *s.next_due_on) {
            s.next_due_on = x->due_on;
            s.next_due_fen = x->outstanding_fen;
        }
    }
    out.schedule = std::move(s);
    return out;
}

ScheduleOutcome contract_schedule(const ContractInput& in, const RuleBook& book, const Date& today) {
    const SettlementFees* rule = book.in_force<SettlementFees>(in.signed_on);
    if (!rule) {
        ScheduleOutcome out;
        out.errors.push_back({"signed_on", "no_rule", "签订日期 " + format_date(in.signed_on) +
                                                           " 没有生效的结算计费标准（settlement_fees），无法确定付款比例与期限"});
        return out;
    }
    const Date assessed = in.assessed_on.value_or(in.signed_on);
    return contract_schedule(in, *rule, book.calendar_on(in.signed_on), book.calendar_on(assessed), today);
}

}  // namespace yiyang::settlement
