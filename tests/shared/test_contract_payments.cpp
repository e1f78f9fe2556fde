// The contract payment schedule (settlement/contract_payments.hpp), hand-computed on the seeded workday calendar
// (assets/rules/calendar-cn.json): the Yingkou contract of 55 万元 (30 % within 10 workdays of signing, 70 % after
// the final assessment passes) across the 2025 and 2026 Spring Festivals and their 调休 days, payments on time,
// late and short, a passed and a failed final assessment, the rounding of the advance, every validation message.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/settlement/contract_payments.hpp"
#include "yiyang/wire/settlement.hpp"

namespace test_contract_payments {

using namespace yiyang;
using namespace yiyang::settlement;
using nlohmann::json;

namespace {

RuleBook book_with_calendar() {
    RuleBook book;
    book.add({"calendar", "cn-2026-v1", Date{2025, 1, 1}, test::load_json("assets/rules/calendar-cn.json"), 0, "", ""});
    book.add({"settlement_fees", "county-2025-v1", Date{2025, 1, 1}, test::load_json("assets/rules/settlement-fees.json"), 0,
              "", ""});
    return book;
}

// 营口智慧养老服务平台运营：预算总额 55 万元.
ContractInput yingkou(const Date& signed_on) {
    ContractInput in;
    in.contract_no = "YK-2025-001";
    in.contract_fen = 55'000'000;
    in.signed_on = signed_on;
    return in;
}

ContractSchedule schedule(const ContractInput& in, const RuleBook& book, const Date& today) {
    const auto out = contract_schedule(in, book, today);
    for (const auto& e : out.errors) UNSCOPED_INFO(e.field + " " + e.message_zh);
    REQUIRE(out.ok());
    return *out.schedule;
}

}  // namespace

TEST_CASE("contract: the advance falls due 10 workdays after signing, across the Spring Festival and 调休 days",
          "[settlement][contract]") {
    const RuleBook book = book_with_calendar();
    // Signed Monday 2025-01-20. Workdays after it: 21, 22, 23, 24 (4), Sunday the 26th worked (调休, 5), 27 (6),
    // 春节 28 Jan – 4 Feb, then 5, 6, 7 (9) and Saturday 8 Feb worked (调休, 10).
    auto s = schedule(yingkou(Date{2025, 1, 20}), book, Date{2025, 1, 21});
    CHECK(s.advance.amount_fen == 16'500'000);
    CHECK(s.balance.amount_fen == 38'500'000);
    CHECK(s.advance.amount_fen + s.balance.amount_fen == s.contract_fen);
    CHECK(s.advance.due_on == Date{2025, 2, 8});
    CHECK(s.advance.label_zh == "预付款（30.00%）");
    CHECK(s.balance.label_zh == "尾款（70.00%）");
    CHECK(s.advance.due_rule_zh == "合同签订（2025-01-20）后第 10 个工作日（签订当日不计）");
    CHECK(s.advance.status == InstallmentStatus::Due);
    CHECK(s.balance.status == InstallmentStatus::AwaitingAssessment);
    CHECK_FALSE(s.balance.due_on);
    CHECK(s.rule_version == "county-2025-v1");
    CHECK(s.calendar_version == "cn-2026-v1");
    CHECK(s.next_due_on == Date{2025, 2, 8});
    CHECK(s.next_due_fen == 16'500'000);
    CHECK(s.due_now_fen == 0);   // not due yet on 21 Jan
    // The same contract without the holiday calendar: ten plain weekdays, 3 Feb.
    const SettlementFees fees = test::load_json("assets/rules/settlement-fees.json").get<SettlementFees>();
    const WorkCalendar plain;
    CHECK(contract_schedule(yingkou(Date{2025, 1, 20}), fees, plain, plain, Date{2025, 1, 21}).schedule->advance.due_on ==
          Date{2025, 2, 3});

    // 2026: signed Friday 6 Feb; 9–13 Feb (5), Saturday 14 Feb worked (调休, 6), 春节 15–23 Feb, 24, 25, 26, 27 (10).
    s = schedule(yingkou(Date{2026, 2, 6}), book, Date{2026, 2, 6});
    CHECK(s.advance.due_on == Date{2026, 2, 27});

    // Signed on the 调休 Saturday itself: it is a workday, but the signing day is not counted; 24–27 Feb (4),
    // Saturday 28 Feb worked (调休, 5), 2–6 Mar (10).
    s = schedule(yingkou(Date{2026, 2, 14}), book, Date{2026, 2, 14});
    CHECK(s.advance.due_on == Date{2026, 3, 6});

    // A rule that counts the signing day (when it is a workday): one workday earlier; a Sunday signing day cannot count.
    SettlementFees counting = fees;
    counting.contract.signing_day_counts = true;
    const WorkCalendar cal = book.calendar_on(Date{2026, 1, 1});
    CHECK(contract_schedule(yingkou(Date{2026, 2, 14}), counting, cal, cal, Date{2026, 2, 14}).schedule->advance.due_on ==
          Date{2026, 3, 5});
    CHECK(contract_schedule(yingkou(Date{2026, 2, 6}), counting, cal, cal, Date{2026, 2, 6}).schedule->advance.due_on ==
          Date{2026, 2, 26});
    CHECK(contract_schedule(yingkou(Date{2026, 2, 15}), counting, cal, cal, Date{2026, 2, 15}).schedule->advance.due_on ==
          contract_schedule(yingkou(Date{2026, 2, 15}), fees, cal, cal, Date{2026, 2, 15}).schedule->advance.due_on);
}

TEST_CASE("contract: the advance rounds half-up to the fen and the two installments sum exactly", "[settlement][contract]") {
    const SettlementFees fees = test::load_json("assets/rules/settlement-fees.json").get<SettlementFees>();
    const WorkCalendar plain;
    const auto amounts = [&](Fen contract) {
        ContractInput in = yingkou(Date{2025, 3, 3});
        in.contract_fen = contract;
        const auto s = *contract_schedule(in, fees, plain, plain, Date{2025, 3, 3}).schedule;
        CHECK(s.advance.amount_fen + s.balance.amount_fen == contract);
        return std::pair<Fen, Fen>{s.advance.amount_fen, s.balance.amount_fen};
    };
    CHECK(amounts(5) == std::pair<Fen, Fen>{2, 3});                          // 1.5 fen → 2
    CHECK(amounts(55'000'001) == std::pair<Fen, Fen>{16'500'000, 38'500'001});   // 16 500 000.3 → 16 500 000
    CHECK(amounts(55'000'002) == std::pair<Fen, Fen>{16'500'001, 38'500'001});   // .6 → up
    CHECK(amounts(1) == std::pair<Fen, Fen>{0, 1});                          // 0.3 fen → 0
}

TEST_CASE("contract: payments — late, short, out of order; what is due and when", "[settlement][contract]") {
    const RuleBook book = book_with_calendar();
    // The advance (due 8 Feb 2025) paid in full on 12 Feb: paid, 4 days late; the balance awaits the assessment.
    ContractInput in = yingkou(Date{2025, 1, 20});
    in.payments = {{Date{2025, 2, 12}, 16'500'000, "预付款"}};
    auto s = schedule(in, book, Date{2025, 6, 1});
    CHECK(s.advance.status == InstallmentStatus::Paid);
    CHECK(s.advance.paid_in_full_on == Date{2025, 2, 12});
    CHECK(s.advance.overdue_days == 4);
    CHECK(s.advance.outstanding_fen == 0);
    CHECK(s.balance.status == InstallmentStatus::AwaitingAssessment);
    CHECK(s.paid_total_fen == 16'500'000);
    CHECK(s.due_now_fen == 0);
    CHECK_FALSE(s.next_due_on);

    // Two short payments, given out of order: applied by date; on 1 March 6 500 000 fen are 21 days overdue.
    in.payments = {{Date{2025, 2, 20}, 4'000'000, ""}, {Date{2025, 2, 7}, 6'000'000, ""}};
    s = schedule(in, book, Date{2025, 3, 1});
    CHECK(s.payments.front().paid_on == Date{2025, 2, 7});
    CHECK(s.advance.paid_fen == 10'000'000);
    CHECK(s.advance.outstanding_fen == 6'500'000);
    CHECK(s.advance.status == InstallmentStatus::Overdue);
    CHECK(s.advance.overdue_days == 21);
    CHECK_FALSE(s.advance.paid_in_full_on);
    CHECK(s.due_now_fen == 6'500'000);
    CHECK(s.overdue_fen == 6'500'000);
    CHECK(s.next_due_on == Date{2025, 2, 8});
    // On the due day itself (the later payment not yet made) it is due, not overdue.
    in.payments.erase(in.payments.begin());
    s = schedule(in, book, Date{2025, 2, 8});
    CHECK(s.advance.status == InstallmentStatus::Due);
    CHECK(s.advance.overdue_days == 0);
    CHECK(s.due_now_fen == 10'500'000);
    CHECK(s.overdue_fen == 0);
}

TEST_CASE("contract: the final assessment passes — the balance falls due; fails — the balance is withheld",
          "[settlement][contract]") {
    const RuleBook book = book_with_calendar();
    ContractInput in = yingkou(Date{2025, 1, 20});
    in.payments = {{Date{2025, 2, 7}, 16'500'000, "预付款"}};
    in.annual_grade = "good";
    in.assessed_on = Date{2026, 1, 20};   // a Tuesday: 21–23 (3), 26–30 (8), 2, 3 Feb (10)
    auto s = schedule(in, book, Date{2026, 2, 10});
    CHECK(s.balance.due_on == Date{2026, 2, 3});
    CHECK(s.balance.due_rule_zh == "终期考核合格（2026-01-20，良好）后第 10 个工作日");
    CHECK(s.balance.status == InstallmentStatus::Overdue);
    CHECK(s.balance.overdue_days == 7);
    CHECK(s.due_now_fen == 38'500'000);
    CHECK(s.overdue_fen == 38'500'000);
    CHECK(s.consequence_zh == "良好：要求进一步提升服务质量");
    CHECK_FALSE(s.contract_ended);
    in.payments.push_back({Date{2026, 2, 9}, 38'500'000, "尾款"});
    s = schedule(in, book, Date{2026, 2, 10});
    CHECK(s.balance.status == InstallmentStatus::Paid);
    CHECK(s.balance.overdue_days == 6);   // paid 6 days late
    CHECK(s.paid_total_fen == 55'000'000);
    CHECK(s.due_now_fen == 0);
    CHECK(s.overpaid_fen == 0);

    // 不合格: the contract is ended, the 70 % withheld; a balance paid anyway is an overpayment to be returned.
    in.annual_grade = "fail";
    s = schedule(in, book, Date{2026, 2, 10});
    CHECK(s.balance.status == InstallmentStatus::Withheld);
    CHECK(std::string(label_zh(s.balance.status)) == "不予支付（终期考核不合格）");
    CHECK_FALSE(s.balance.due_on);
    CHECK(s.balance.withheld_fen == 38'500'000);
    CHECK(s.balance.outstanding_fen == 0);
    CHECK(s.withheld_fen == 38'500'000);
    CHECK(s.contract_ended);
    CHECK(s.consequence_zh == "不合格：解除服务合同，并取消下一年度投标资格");
    CHECK(s.overpaid_fen == 38'500'000);
    CHECK(s.due_now_fen == 0);
    in.payments.pop_back();
    s = schedule(in, book, Date{2026, 2, 10});
    CHECK(s.overpaid_fen == 0);
    CHECK(s.advance.status == InstallmentStatus::Paid);
    CHECK_FALSE(s.next_due_on);

    const auto v = test::round_trip(wire::schedule_view(s));
    REQUIRE(v.installments.size() == 2);
    CHECK(v.installments[1].status == "withheld");
    CHECK_FALSE(v.installments[1].due_on);
    CHECK(v.installments[0].due_on == std::optional<std::string>("2025-02-08"));
    CHECK(v.annual_grade_label_zh == std::optional<std::string>("不合格"));
    CHECK(v.contract_ended);
}

TEST_CASE("contract: every validation message", "[settlement][contract]") {
    const RuleBook book = book_with_calendar();
    const Date today{2025, 6, 1};
    const auto only_error = [&](const ContractInput& in) {
        const auto out = contract_schedule(in, book, today);
        CHECK_FALSE(out.schedule);
        REQUIRE(out.errors.size() == 1);
        return std::pair<std::string, std::string>{out.errors[0].field, out.errors[0].message_zh};
    };
    using E = std::pair<std::string, std::string>;
    ContractInput in = yingkou(Date{2025, 1, 20});
    in.contract_fen = 0;
    CHECK(only_error(in) == E{"contract_fen", "合同金额应大于 0"});
    in = yingkou(Date{2025, 7, 1});
    CHECK(only_error(in) == E{"signed_on", "签订日期 2025-07-01 晚于今天（2025-06-01）"});
    in = yingkou(Date{2024, 12, 20});
    CHECK(only_error(in) ==
          E{"signed_on", "签订日期 2024-12-20 没有生效的结算计费标准（settlement_fees），无法确定付款比例与期限"});
    in = yingkou(Date{2025, 1, 20});
    in.annual_grade = "great";
    in.assessed_on = Date{2025, 5, 1};
    CHECK(only_error(in) ==
          E{"annual_grade", "终期考核等级 \"great\" 无法识别：应为 excellent（优秀）、good（良好）、pass（合格）、fail（不合格）之一"});
    in.annual_grade = "pass";
    in.assessed_on.reset();
    CHECK(only_error(in) == E{"assessed_on", "有终期考核等级时须填写考核结果的日期"});
    in.annual_grade = "";
    in.assessed_on = Date{2025, 5, 1};
    CHECK(only_error(in) == E{"annual_grade", "填写了终期考核日期，但没有考核等级"});
    in.annual_grade = "pass";
    in.assessed_on = Date{2025, 1, 1};
    CHECK(only_error(in) == E{"assessed_on", "终期考核日期早于合同签订日期"});
    in.assessed_on = Date{2025, 6, 2};
    CHECK(only_error(in) == E{"assessed_on", "终期考核日期 2025-06-02 晚于今天"});
    in = yingkou(Date{2025, 1, 20});
    in.payments = {{Date{2025, 2, 1}, 100, ""}, {Date{2025, 6, 2}, 100, ""}};
    CHECK(only_error(in) == E{"payments[1].paid_on", "付款第2条：付款日期 2025-06-02 晚于今天"});
    in.payments = {{Date{2025, 1, 19}, 100, ""}};
    CHECK(only_error(in) == E{"payments[0].paid_on", "付款第1条：付款日期早于合同签订日期"});
    in.payments = {{Date{2025, 2, 1}, 0, ""}};
    CHECK(only_error(in) == E{"payments[0].amount_fen", "付款第1条：金额应大于 0"});
}

}  // namespace test_contract_payments
