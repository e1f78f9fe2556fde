// The monthly settlement statement (settlement/statement.hpp) and its rule kind (settlement_fees): hand-computed
// cases from the seeds (fee standards 300 / 200 yuan, 30 yuan per 人次, 20 yuan per person-month, the grade
// percentage, 弄虚作假 deductions, deaths and removals, deductions exceeding the fees, a rule change mid-year),
// every validation message, a randomized invariant over generated statements, and the wire round trip.
// Hidden benchmark: `test_shared "[.settlement_bench]"` (400 statements).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include "support.hpp"
#include "yiyang/rng.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/settlement/statement.hpp"
#include "yiyang/wire/settlement.hpp"

namespace test_settlement_statement {

using namespace yiyang;
using namespace yiyang::settlement;
using nlohmann::json;

namespace {

json seed_body() { return test::load_json("assets/rules/settlement-fees.json"); }
json verification_seed() { return test::load_json("assets/rules/verification-fees.json"); }

// The seeded versions: county-2025-v1 from 2025-01-01, Hanjiang's verification fees from 2024-01-01.
RuleBook seeded_book() {
    RuleBook book;
    book.add({"settlement_fees", "county-2025-v1", Date{2025, 1, 1}, seed_body(), 0, "", ""});
    book.add({"verification_fees", "hanjiang-2024-v1", Date{2024, 1, 1}, verification_seed(), 0, "", ""});
    return book;
}

constexpr const char* kSevere = "severe_or_complete";
constexpr const char* kModerate = "subsistence_moderate_or_aged";

// 2025-03 for provider 7: severe 11, 12, 13; moderate 21, 22; graded `grade` at `bp`.
StatementInput march(std::int64_t bp = 10000, const char* grade = "excellent") {
    StatementInput in;
    in.provider_id = 7;
    in.provider_name = "示例服务机构";
    in.month = *parse_period("2025-03");
    in.served = {{kSevere, 3, {11, 12, 13}}, {kModerate, 2, {21, 22}}};
    in.payout_bp = bp;
    in.grade = grade;
    return in;
}

const Date kToday{2025, 4, 10};

SettlementStatement settle(const StatementInput& in, const RuleBook& book, const Date& today = kToday) {
    const auto out = settle_month(in, statement_rules_on(book, in.month), today);
    for (const auto& e : out.errors) UNSCOPED_INFO(e.field + " " + e.message_zh);
    REQUIRE(out.ok());
    return *out.statement;
}

const StatementStep& step(const SettlementStatement& s, const std::string& code) {
    for (const auto& st : s.steps) {
        if (st.code == code) return st;
    }
    FAIL("no step " << code);
    return s.steps.front();
}

std::vector<std::string> step_codes(const SettlementStatement& s) {
    std::vector<std::string> out;
    for (const auto& st : s.steps) out.push_back(st.code);
    return out;
}

// The one error of an input, as field + message.
std::pair<std::string, std::string> only_error(const StatementInput& in, const RuleBook& book, const Date& today = kToday) {
    const auto out = settle_month(in, statement_rules_on(book, in.month), today);
    CHECK_FALSE(out.statement.has_value());
    REQUIRE(out.errors.size() == 1);
    return {out.errors[0].field, out.errors[0].message_zh};
}

}  // namespace

TEST_CASE("settlement rule: the seed parses, canonical form, strict fields named", "[settlement]") {
    const RuleKind* kind = find_rule_kind("settlement_fees");
    REQUIRE(kind);
    CHECK(kind->seed_file == "settlement-fees.json");
    const auto v = kind->parse(seed_body());
    const auto& fees = *static_cast<const SettlementFees*>(v.get());
    CHECK(fees.version == "county-2025-v1");
    REQUIRE(fees.tiers.size() == 2);
    CHECK(fees.tiers[0] == HomeVisitTier{kSevere, "重度及完全失能老年人", 30000, "served"});
    CHECK(fees.tiers[1] == HomeVisitTier{kModerate, "低保对象中的中度失能和高龄老年人", 20000, "served"});
    CHECK(fees.faked_fee_step == FakedFeeStep::AfterGrade);   // the seed's reading
    CHECK(fees.grade_rounding == Rounding::HalfUp);
    CHECK(fees.objection_workdays == 5);
    CHECK(fees.contract.advance_bp == 3000);
    CHECK(fees.contract.advance_workdays == 10);
    CHECK_FALSE(fees.contract.signing_day_counts);
    CHECK(fees.contract.passes(Grade::Pass));
    CHECK_FALSE(fees.contract.passes(Grade::Fail));
    // Canonical: the comment and effective date dropped, everything else as published (the seed states it all).
    json expected = seed_body();
    expected.erase("comment");
    expected.erase("effective_from");
    CHECK(kind->canonical(v) == expected);
    // Defaults: a body with only the tiers reads as the seed's order, rounding and payment terms.
    const json minimal = {{"home_visit_tiers", expected["home_visit_tiers"]}};
    CHECK(kind->canonical(kind->parse(minimal))["contract_payment"] == expected["contract_payment"]);

    const auto error = [&](const std::function<void(json&)>& change) {
        json b = seed_body();
        change(b);
        return test::load_error<SettlementFees>(b);
    };
    CHECK(error([](json& b) { b["fee"] = 1; }) == "结算计费标准 \"county-2025-v1\"：未知字段 \"fee\"（是否拼写错误？）");
    CHECK(error([](json& b) { b["home_visit_tiers"][1]["fee_fen"] = 0; }) ==
          "结算计费标准 \"county-2025-v1\"，home_visit_tiers[1]（subsistence_moderate_or_aged）：字段 \"fee_fen\" 应在 1 到 "
          "10000000 之间，实际为 0");
    CHECK(error([](json& b) { b["home_visit_tiers"][0]["billed_on"] = "enrolled"; }) ==
          "结算计费标准 \"county-2025-v1\"，home_visit_tiers[0]（severe_or_complete）：字段 \"billed_on\" 应为 served 之一，实际为 "
          "\"enrolled\"");
    CHECK(error([](json& b) { b["home_visit_tiers"][1]["code"] = kSevere; }) ==
          "结算计费标准 \"county-2025-v1\"，home_visit_tiers[1]（severe_or_complete）：字段 \"code\" 与前面的档次重复");
    CHECK(error([](json& b) { b["order_of_operations"] = {"grade", "fees", "faked", "deductions"}; })
              .find("字段 \"order_of_operations\" 应为") != std::string::npos);
    CHECK(error([](json& b) { b["grade_rounding"] = "banker"; }) ==
          "结算计费标准 \"county-2025-v1\"：字段 \"grade_rounding\" 应为 half_up、truncate 之一，实际为 \"banker\"");
    CHECK(error([](json& b) { b["contract_payment"]["advance_bp"] = 10001; }) ==
          "结算计费标准 \"county-2025-v1\"，contract_payment：字段 \"advance_bp\" 应在 0 到 10000 之间，实际为 10001");
    CHECK(error([](json& b) { b["contract_payment"]["passing_grades"] = {"good", "ok"}; }) ==
          "结算计费标准 \"county-2025-v1\"，contract_payment：字段 \"passing_grades\" 应为 excellent、good、pass、fail 之一，实际为 \"ok\"");
    CHECK(error([](json& b) { b.erase("home_visit_tiers"); }) == "结算计费标准 \"county-2025-v1\"：缺少字段 \"home_visit_tiers\"");
    // The rules screen's form field for a parser message.
    CHECK(field_of_parse_error(error([](json& b) { b["home_visit_tiers"][1]["fee_fen"] = 0; })) ==
          "body.home_visit_tiers[1].fee_fen");

    // The other order parses and comes out the same.
    json before = seed_body();
    before["order_of_operations"] = {"fees", "faked", "grade", "deductions"};
    const auto b = kind->parse(before);
    CHECK(static_cast<const SettlementFees*>(b.get())->faked_fee_step == FakedFeeStep::BeforeGrade);
    CHECK(kind->canonical(b)["order_of_operations"] == before["order_of_operations"]);
}

TEST_CASE("statement: both tiers, physical and information lines, 100 %", "[settlement]") {
    const RuleBook book = seeded_book();
    StatementInput in = march();
    in.physical_services = 5;
    in.information_person_months = 4;
    in.physical_ref = in.information_ref = "2025-Q1";
    const auto s = settle(in, book);
    // 3 × 300 + 2 × 200 + 5 × 30 + 4 × 20 = 900 + 400 + 150 + 80 = 1 530 yuan.
    REQUIRE(s.lines.size() == 4);
    CHECK(s.lines[0].code == "home_visit.severe_or_complete");
    CHECK(s.lines[0].label_zh == "上门服务 · 重度及完全失能老年人");
    CHECK(s.lines[0].count == 3);
    CHECK(s.lines[0].unit_fee_fen == 30000);
    CHECK(s.lines[0].amount_fen == 90000);
    CHECK(s.lines[0].source == LineSource{"served_tier", kSevere, {11, 12, 13}});
    CHECK(s.lines[1].amount_fen == 40000);
    CHECK(s.lines[1].source.subject_ids == std::vector<Id>{21, 22});
    CHECK(s.lines[2].code == "physical");
    CHECK(s.lines[2].unit_fee_fen == 3000);
    CHECK(s.lines[2].amount_fen == 15000);
    CHECK(s.lines[2].source == LineSource{"verification_physical", "2025-Q1", {}});
    CHECK(s.lines[3].code == "information");
    CHECK(s.lines[3].unit_fee_fen == 2000);
    CHECK(s.lines[3].amount_fen == 8000);
    CHECK(s.fees_total_fen == 153000);
    CHECK(s.graded_fen == 153000);
    CHECK(s.payable_fen == 153000);
    CHECK(s.receivable_fen == 0);
    CHECK(s.fees_version == "county-2025-v1");
    CHECK(s.verification_fees_version == "hanjiang-2024-v1");
    CHECK(step_codes(s) == std::vector<std::string>{"fees", "grade", "faked", "deductions", "payable"});
    CHECK(step(s, "grade").label_zh == "按考核等级拨付 100.00%（优秀；四舍五入到分）");

    // Rows given in another order come out in the rule's tier order; without the verification counts no such line.
    StatementInput swapped = march();
    std::swap(swapped.served[0], swapped.served[1]);
    const auto t = settle(swapped, book);
    REQUIRE(t.lines.size() == 2);
    CHECK(t.lines[0].code == "home_visit.severe_or_complete");
    CHECK(t.payable_fen == 130000);
    CHECK(t.verification_fees_version.empty());
}

TEST_CASE("statement: 96.50 % with a fen that rounds at .5", "[settlement]") {
    // A 301-yuan standard (a later version, say): 30 100 × 96.50 % = 29 046.5 fen → 29 047 half-up, 29 046 truncated.
    json body = seed_body();
    body["home_visit_tiers"][0]["fee_fen"] = 30100;
    RuleBook book;
    book.add({"settlement_fees", "v301", Date{2025, 1, 1}, body, 0, "", ""});
    StatementInput in = march(9650, "good");
    in.served = {{kSevere, 1, {11}}};
    auto s = settle(in, book);
    CHECK(s.fees_total_fen == 30100);
    CHECK(step(s, "grade").before_fen == 30100);
    CHECK(step(s, "grade").after_fen == 29047);
    CHECK(step(s, "grade").label_zh == "按考核等级拨付 96.50%（良好；四舍五入到分）");
    CHECK(s.payable_fen == 29047);

    body["grade_rounding"] = "truncate";
    RuleBook truncating;
    truncating.add({"settlement_fees", "v301t", Date{2025, 1, 1}, body, 0, "", ""});
    s = settle(in, truncating);
    CHECK(s.payable_fen == 29046);
    CHECK(step(s, "grade").label_zh == "按考核等级拨付 96.50%（良好；截断到分）");

    // The seed's standards: 3 × 300 + 2 × 200 = 1 300 yuan × 96.50 % = 1 254.50 yuan exactly (no rounding needed).
    CHECK(settle(march(9650, "good"), seeded_book()).payable_fen == 125450);
}

TEST_CASE("statement: a faked subject, one case one deduction; the same subject twice is removed once", "[settlement]") {
    const RuleBook book = seeded_book();
    StatementInput in = march(9600, "good");
    in.faked = {{12, kSevere, "callback:881"}};
    auto s = settle(in, book);
    // 1 300 × 96 % = 1 248 − 300 (subject 12's fee for March) = 948 yuan.
    CHECK(s.fees_total_fen == 130000);
    CHECK(s.graded_fen == 124800);
    CHECK(s.faked_total_fen == 30000);
    CHECK(step(s, "faked").before_fen == 124800);
    CHECK(step(s, "faked").after_fen == 94800);
    CHECK(step(s, "faked").label_zh == "扣除弄虚作假对象当月服务费（1 起，1 人）");
    CHECK(s.payable_fen == 94800);
    REQUIRE(s.lines.size() == 3);
    CHECK(s.lines[2].kind == LineKind::Faked);
    CHECK(s.lines[2].amount_fen == 30000);
    CHECK(s.lines[2].source == LineSource{"faked_case", "callback:881", {12}});

    // Found again in the same month (another callback): listed, removes nothing more — the month's fee is gone once.
    in.faked.push_back({12, kSevere, "record:SR-9"});
    in.faked.push_back({21, kModerate, "callback:902"});
    s = settle(in, book);
    CHECK(s.faked_total_fen == 50000);
    REQUIRE(s.lines.size() == 5);
    CHECK(s.lines[3].amount_fen == 0);
    CHECK(s.lines[3].note_zh == "同一对象本月服务费已在第1条扣除，不重复扣除");
    CHECK(s.lines[4].amount_fen == 20000);
    CHECK(step(s, "faked").label_zh == "扣除弄虚作假对象当月服务费（3 起，2 人）");
    CHECK(s.payable_fen == 124800 - 50000);

    // The other order (a rule that removes the fee before the percentage): (1 300 − 500) × 96 % = 768 yuan.
    json body = seed_body();
    body["order_of_operations"] = {"fees", "faked", "grade", "deductions"};
    RuleBook before;
    before.add({"settlement_fees", "before", Date{2025, 1, 1}, body, 0, "", ""});
    s = settle(in, before);
    CHECK(step_codes(s) == std::vector<std::string>{"fees", "faked", "grade", "deductions", "payable"});
    CHECK(step(s, "faked").after_fen == 80000);
    CHECK(s.graded_fen == 76800);
    CHECK(s.payable_fen == 76800);
}

TEST_CASE("statement: death and removal deductions; deductions exceeding the fees", "[settlement]") {
    const RuleBook book = seeded_book();
    StatementInput in = march();
    in.deductions = {{13, DeductionReason::Death, 10000, "3月10日去世"}, {21, DeductionReason::Removal, 20000, "迁出本县"}};
    auto s = settle(in, book);
    // 1 300 − 100 − 200 = 1 000 yuan.
    CHECK(s.deductions_total_fen == 30000);
    CHECK(step(s, "deductions").before_fen == 130000);
    CHECK(step(s, "deductions").after_fen == 100000);
    CHECK(step(s, "deductions").label_zh == "扣除死亡、退出等扣减（2 条）");
    CHECK(s.payable_fen == 100000);
    REQUIRE(s.lines.size() == 4);
    CHECK(s.lines[2].label_zh == "死亡扣减 · 服务对象 13");
    CHECK(s.lines[2].note_zh == "3月10日去世");
    CHECK(s.lines[2].source == LineSource{"deduction", "death", {13}});
    CHECK(s.lines[3].label_zh == "退出扣减 · 服务对象 21");

    // One person served, 不合格 at 80 %: 300 × 80 % = 240; the faked subject's 300 → −60; a carried-over 50 → −110.
    // Payable 0 (never negative); the 110 yuan are a receivable line owed back by the provider.
    StatementInput over;
    over.provider_id = 7;
    over.month = *parse_period("2025-03");
    over.served = {{kSevere, 1, {11}}};
    over.payout_bp = 8000;
    over.grade = "fail";
    over.faked = {{11, kSevere, "callback:1"}};
    over.deductions = {{0, DeductionReason::CarriedOver, 5000, "2025年2月结算单应追回款"}};
    s = settle(over, book);
    CHECK(s.graded_fen == 24000);
    CHECK(step(s, "faked").after_fen == -6000);
    CHECK(step(s, "deductions").after_fen == -11000);
    CHECK(step(s, "payable").before_fen == -11000);
    CHECK(step(s, "payable").after_fen == 0);
    CHECK(step(s, "payable").label_zh == "应付金额（扣减超出 110.00 元，转为应追回款）");
    CHECK(s.payable_fen == 0);
    CHECK(s.receivable_fen == 11000);
    REQUIRE(s.lines.size() == 4);
    CHECK(s.lines[2].label_zh == "上期应追回款");
    CHECK(s.lines[3].kind == LineKind::Receivable);
    CHECK(s.lines[3].amount_fen == 11000);
    CHECK(s.lines[3].source == LineSource{"receivable", "2025-03", {}});
}

TEST_CASE("statement: a rule change effective mid-year applies from the first month it is in force on day 1", "[settlement]") {
    RuleBook book = seeded_book();
    json v2 = seed_body();
    v2["version"] = "county-2025-v2";
    v2["effective_from"] = "2025-07-15";
    v2["home_visit_tiers"][0]["fee_fen"] = 32000;
    book.add({"settlement_fees", "county-2025-v2", Date{2025, 7, 15}, v2, 0, "admin", "提高标准"});
    const auto month = [&](const char* m) {
        StatementInput in = march();
        in.month = *parse_period(m);
        return settle(in, book, Date{2025, 12, 1});
    };
    // June and July (in force on 1 July: v1) 3 × 300 + 2 × 200; August (v2) 3 × 320 + 2 × 200.
    CHECK(month("2025-06").payable_fen == 130000);
    CHECK(month("2025-07").payable_fen == 130000);
    CHECK(month("2025-07").fees_version == "county-2025-v1");
    CHECK(month("2025-08").payable_fen == 136000);
    CHECK(month("2025-08").fees_version == "county-2025-v2");
    CHECK(month("2025-08").lines[0].unit_fee_fen == 32000);
}

TEST_CASE("statement: every validation message", "[settlement]") {
    const RuleBook book = seeded_book();
    using E = std::pair<std::string, std::string>;

    StatementInput in = march();
    in.served[1].count = -1;
    in.served[1].subject_ids.clear();
    CHECK(only_error(in, book) == E{"served[1].count", "上门服务人数第2行：人数不能为负数"});

    in = march();
    in.served[1].tier = "orphan";
    CHECK(only_error(in, book) ==
          E{"served[1].tier", "上门服务人数第2行：档次 \"orphan\" 在结算计费标准 county-2025-v1 中没有收费标准"});

    in = march();
    CHECK(only_error(in, book, Date{2025, 3, 31}) == E{"month", "2025年3月尚未结束（今天是 2025-03-31）：月份结束后才能结算"});
    CHECK(only_error(in, book, Date{2025, 3, 2}).first == "month");
    CHECK(settle_month(in, statement_rules_on(book, in.month), Date{2025, 4, 1}).ok());   // the 1st of the next month

    in = march(9000, "great");
    CHECK(only_error(in, book) ==
          E{"grade", "考核等级 \"great\" 无法识别：应为 excellent（优秀）、good（良好）、pass（合格）、fail（不合格）之一"});

    in = march(10001);
    CHECK(only_error(in, book) == E{"payout_bp", "拨付比例应在 0 到 10000 个基点之间（10000 = 100%），实际为 10001"});

    in = march();
    in.provider_id = 0;
    CHECK(only_error(in, book) == E{"provider_id", "请选择服务机构"});

    in = march();
    in.month = *parse_period("2024-12");   // before the first version
    CHECK(only_error(in, book) == E{"month", "2024年12月没有生效的结算计费标准（settlement_fees），无法结算"});

    in = march();
    in.served[0].subject_ids = {11, 12};
    CHECK(only_error(in, book) == E{"served[0].subject_ids", "上门服务人数第1行：人数 3 与名单中的 2 人不一致"});

    in = march();
    in.served[1].subject_ids = {21, 11};
    CHECK(only_error(in, book) == E{"served[1].subject_ids", "上门服务人数第2行：服务对象 11 重复出现（第1行已有）"});

    in = march();
    in.served.push_back({kSevere, 0, {}});
    CHECK(only_error(in, book) == E{"served[2].tier", "上门服务人数第3行：档次 \"severe_or_complete\" 与第1行重复"});

    in = march();
    in.physical_services = -2;
    CHECK(only_error(in, book) == E{"physical_services", "实体服务人次不能为负数"});

    RuleBook no_verification;
    no_verification.add({"settlement_fees", "county-2025-v1", Date{2025, 1, 1}, seed_body(), 0, "", ""});
    in = march();
    in.information_person_months = 3;
    CHECK(only_error(in, no_verification) ==
          E{"information_person_months", "2025年3月没有生效的核查计费标准（verification_fees），无法计算信息化服务费"});

    in = march();
    in.served.pop_back();
    in.faked = {{21, kModerate, "x"}};
    CHECK(only_error(in, book) == E{"faked[0].tier", "弄虚作假第1条：档次 \"subsistence_moderate_or_aged\" 本月没有服务人数，无从扣除"});

    in = march();
    in.faked = {{99, kSevere, "x"}};
    CHECK(only_error(in, book) == E{"faked[0].subject_id", "弄虚作假第1条：服务对象 99 不在上门服务人数第1行的名单中"});

    in = march();
    in.served[0].subject_ids.clear();
    in.served[0].count = 1;
    in.faked = {{98, kSevere, "x"}, {99, kSevere, "y"}};
    CHECK(only_error(in, book) ==
          E{"faked[1].tier", "弄虚作假第2条：档次 \"severe_or_complete\" 的弄虚作假对象多于本月服务人数 1"});

    in = march();
    in.faked = {{11, kSevere, "x"}, {11, kModerate, "y"}};
    CHECK(only_error(in, book) == E{"faked[1].tier", "弄虚作假第2条：服务对象 11 在第1条中属于另一档次"});

    in = march();
    in.deductions = {{13, DeductionReason::Death, 0, ""}};
    CHECK(only_error(in, book) == E{"deductions[0].amount_fen", "扣减第1条：金额应大于 0"});

    in = march();
    in.deductions = {{0, DeductionReason::Removal, 100, ""}};
    CHECK(only_error(in, book) == E{"deductions[0].subject_id", "扣减第1条：退出扣减须注明服务对象"});

    // Several problems are all reported, and nothing is computed.
    in = march(-1, "x");
    in.served[0].count = -3;
    const auto out = settle_month(in, statement_rules_on(book, in.month), Date{2025, 3, 1});
    CHECK_FALSE(out.statement);
    CHECK(out.errors.size() == 5);   // month, grade, payout_bp, count, and the list that no longer matches
}

TEST_CASE("statement: randomized invariant — the payable recomputed from the lines, never negative, sums exact",
          "[settlement][random]") {
    Rng rng(20261205);
    int cases = 0, with_receivable = 0, with_repeat = 0, before_grade = 0;
    for (int n = 0; n < 1500; ++n) {
        // A random rule: 1..2 tiers (the home-visit care tiers, care_tier.hpp) with random standards, either order,
        // either rounding.
        static const char* const kTierCodes[] = {"severe_or_complete", "subsistence_moderate_or_aged"};
        json body = {{"version", "r" + std::to_string(n)}, {"home_visit_tiers", json::array()}};
        const int tiers = static_cast<int>(rng.between(1, 2));
        for (int t = 0; t < tiers; ++t) {
            body["home_visit_tiers"].push_back({{"code", kTierCodes[t]}, {"name", "档次" + std::to_string(t)},
                                                {"fee_fen", rng.between(1, 60000)}});
        }
        const bool faked_first = rng.chance(1, 3);
        if (faked_first) body["order_of_operations"] = {"fees", "faked", "grade", "deductions"};
        const bool truncate = rng.chance(1, 2);
        body["grade_rounding"] = truncate ? "truncate" : "half_up";
        const auto fees = body.get<SettlementFees>();
        VerificationFees vf{"vf", rng.between(1, 5000), rng.between(1, 8000)};

        StatementInput in;
        in.provider_id = rng.between(1, 400);
        in.month = *parse_period("2025-0" + std::to_string(rng.between(1, 9)));
        in.grade = code(static_cast<Grade>(rng.between(0, 3)));
        in.payout_bp = rng.between(0, 10000);
        Id next_id = 1;
        std::map<std::string, std::vector<Id>> ids;
        for (int t = 0; t < tiers; ++t) {
            if (rng.chance(1, 5)) continue;   // a tier nobody was served in
            ServedTier st{kTierCodes[t], rng.between(0, 300), {}};
            for (std::int64_t i = 0; i < st.count; ++i) st.subject_ids.push_back(next_id++);
            ids[st.tier] = st.subject_ids;
            if (rng.chance(1, 4)) st.subject_ids.clear();   // no drill-down list: counts only
            in.served.push_back(std::move(st));
        }
        if (rng.chance(1, 2)) in.physical_services = rng.between(0, 5000);
        if (rng.chance(1, 2)) in.information_person_months = rng.between(0, 5000);
        for (const auto& [tier, people] : ids) {
            if (people.empty()) continue;
            const auto k = rng.between(0, std::min<std::int64_t>(5, static_cast<std::int64_t>(people.size())));
            for (std::int64_t i = 0; i < k; ++i) {
                const Id who = people[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(people.size()) - 1))];
                in.faked.push_back({who, tier, "c"});   // the same subject may come twice: removed once
            }
        }
        // Deductions: usually small, sometimes larger than everything (the receivable).
        const auto d = rng.between(0, 4);
        for (std::int64_t i = 0; i < d; ++i) {
            const auto reason = static_cast<DeductionReason>(rng.between(0, 2));
            const Fen amount = rng.chance(1, 8) ? rng.between(1, 50'000'000) : rng.between(1, 50000);
            in.deductions.push_back({reason == DeductionReason::CarriedOver ? 0 : rng.between(1, 1000), reason, amount, ""});
        }

        const auto out = settle_month(in, StatementRules{&fees, &vf}, Date{2025, 12, 31});
        for (const auto& e : out.errors) UNSCOPED_INFO(e.field + " " + e.message_zh);
        REQUIRE(out.ok());
        const auto& s = *out.statement;
        ++cases;

        // Recomputed here from the lines alone, by the documented formula.
        Fen fee_sum = 0, faked_sum = 0, ded_sum = 0, receivable_line = 0;
        std::set<Id> faked_seen;
        for (const auto& l : s.lines) {
            switch (l.kind) {
                case LineKind::Fee:
                    CHECK(l.amount_fen == l.count * l.unit_fee_fen);
                    fee_sum += l.amount_fen;
                    break;
                case LineKind::Faked: {
                    REQUIRE(l.source.subject_ids.size() == 1);
                    const bool first = faked_seen.insert(l.source.subject_ids[0]).second;
                    CHECK(l.amount_fen == (first ? l.unit_fee_fen : 0));
                    if (!first) ++with_repeat;
                    faked_sum += l.amount_fen;
                    break;
                }
                case LineKind::Deduction: ded_sum += l.amount_fen; break;
                case LineKind::Receivable: receivable_line += l.amount_fen; break;
            }
        }
        const auto pct = [&](Fen base) {
            const Fen whole = base * in.payout_bp;   // < 2^63 at these sizes
            return truncate ? whole / 10000 : (whole + 5000) / 10000;
        };
        const Fen raw = faked_first ? pct(fee_sum - faked_sum) - ded_sum : pct(fee_sum) - faked_sum - ded_sum;
        CHECK(s.fees_total_fen == fee_sum);
        CHECK(s.faked_total_fen == faked_sum);
        CHECK(s.deductions_total_fen == ded_sum);
        CHECK(s.payable_fen == std::max<Fen>(0, raw));
        CHECK(s.receivable_fen == std::max<Fen>(0, -raw));
        CHECK(receivable_line == s.receivable_fen);
        CHECK(s.payable_fen >= 0);
        // The steps chain: each starts where the previous ended; the last ends at the payable amount.
        REQUIRE(s.steps.size() == 5);
        CHECK(s.steps.front().before_fen == 0);
        for (std::size_t i = 1; i < s.steps.size(); ++i) CHECK(s.steps[i].before_fen == s.steps[i - 1].after_fen);
        CHECK(s.steps.back().after_fen == s.payable_fen);
        if (faked_first) {
            ++before_grade;
            CHECK(step(s, "faked").after_fen >= 0);   // at most one fee per subject served: never below zero
        }
        if (s.receivable_fen) ++with_receivable;
    }
    CHECK(cases == 1500);
    // The generator reaches the interesting corners.
    CHECK(with_receivable > 20);
    CHECK(with_repeat > 20);
    CHECK(before_grade > 300);
}

TEST_CASE("statement: the objection deadline is workdays after signing", "[settlement]") {
    const WorkCalendar cal = test::load_json("assets/rules/calendar-cn.json").get<WorkCalendar>();
    const SettlementFees fees = seed_body().get<SettlementFees>();
    // Signed Friday 2026-02-13: Saturday the 14th is a 调休 workday (1), then 春节 to the 23rd: 24, 25, 26, 27 (5).
    CHECK(objection_deadline(Date{2026, 2, 13}, fees, cal) == Date{2026, 2, 27});
    CHECK(objection_deadline(Date{2026, 3, 2}, fees, cal) == Date{2026, 3, 9});
}

TEST_CASE("wire: a statement round-trips as the server will reply", "[settlement][wire]") {
    StatementInput in = march(9650, "good");
    in.physical_services = 2;
    in.faked = {{12, kSevere, "callback:1"}};
    in.deductions = {{13, DeductionReason::Death, 500, "去世"}};
    const auto s = settle(in, seeded_book());
    const auto v = wire::statement_view(s);
    CHECK(v.month == "2025-03");
    CHECK(v.month_label_zh == "2025年3月");
    CHECK(v.grade_label_zh == "良好");
    CHECK(v.payout_text == "96.50%");
    CHECK(v.order_of_operations == std::vector<std::string>{"fees", "grade", "faked", "deductions"});
    CHECK(v.grade_rounding == "half_up");
    REQUIRE(v.lines.size() == 5);
    CHECK(v.lines[3].kind == "faked");
    CHECK(v.lines[3].source.subject_ids == std::vector<Id>{12});
    CHECK(v.payable_fen == s.payable_fen);
    // (1 300 + 60) × 96.50 % = 1 312.40 − 300 − 5 = 1 007.40 yuan.
    CHECK(v.payable_fen == 100740);
    const auto back = test::round_trip(v);
    CHECK(back.steps.size() == 5);
    CHECK(json(back)["lines"][0]["source"]["kind"] == "served_tier");
}

TEST_CASE("statement: the posted input (wire) is read strictly and round-trips", "[settlement]") {
    const RuleBook book = seeded_book();
    StatementInput in = march(9650);
    in.physical_services = 7;
    in.information_person_months = 4;
    in.faked.push_back({12, kSevere, "回访"});
    in.deductions.push_back({22, DeductionReason::Removal, 20000, "迁出"});
    const json j = wire::statement_input_json(in);
    StatementInput back;
    REQUIRE(wire::statement_input_from_json(j, back).empty());
    CHECK(json(wire::statement_view(settle(back, book))) == json(wire::statement_view(settle(in, book))));
    // (1 300 + 210 + 80) × 96.50 % = 1 534.35 − 300 − 200 = 1 034.35 yuan.
    CHECK(settle(back, book).payable_fen == 103435);

    const auto first_field = [](const json& body) {
        StatementInput out;
        const auto errors = wire::statement_input_from_json(body, out);
        return errors.empty() ? std::string() : errors.front().field + " " + errors.front().message_zh;
    };
    json typo = j;
    typo["payout"] = 1;
    CHECK(first_field(typo) == "payout 未知字段 \"payout\"（是否拼写错误？）");
    json kind = j;
    kind["served"][1]["count"] = "2";
    CHECK(first_field(kind) == "served[1].count 字段 \"served[1].count\" 应为整数");
    json month = j;
    month["month"] = "2025-13";
    CHECK(first_field(month) == "month 字段 \"month\" 应为 YYYY-MM 格式的月份，实际为 \"2025-13\"");
    json reason = j;
    reason["deductions"][0]["reason"] = "moved";
    CHECK(first_field(reason).rfind("deductions[0].reason ", 0) == 0);
    json missing = j;
    missing.erase("served");
    CHECK(first_field(missing) == "served 缺少字段 \"served\"");
    json nested = j;
    nested["faked"][0]["extra"] = json::object();
    CHECK(first_field(nested) == "faked[0].extra 未知字段 \"faked[0].extra\"（是否拼写错误？）");
    CHECK(first_field(json::array()) == "body 请求体应为 JSON 对象");
}

TEST_CASE("statement: 400 statements (benchmark)", "[.settlement_bench]") {
    // A city month: 400 providers, each ~250 people in two tiers (drill-down lists), physical and information
    // counts, a few faked cases and deductions. Median of 7 runs; printed for docs/BENCHMARKS.md.
    const RuleBook book = seeded_book();
    Rng rng(400);
    std::vector<StatementInput> inputs;
    Id next_id = 1;
    for (int p = 1; p <= 400; ++p) {
        StatementInput in;
        in.provider_id = p;
        in.month = *parse_period("2025-03");
        in.grade = "good";
        in.payout_bp = rng.between(9500, 9800);
        for (const char* tier : {kSevere, kModerate}) {
            ServedTier st{tier, rng.between(80, 170), {}};
            for (std::int64_t i = 0; i < st.count; ++i) st.subject_ids.push_back(next_id++);
            in.served.push_back(std::move(st));
        }
        in.physical_services = rng.between(100, 2000);
        in.information_person_months = rng.between(100, 6000);
        for (int i = 0; i < 3; ++i) in.faked.push_back({in.served[0].subject_ids[static_cast<std::size_t>(i)], kSevere, "c"});
        for (int i = 0; i < 3; ++i) in.deductions.push_back({in.served[1].subject_ids[static_cast<std::size_t>(i)], DeductionReason::Death, 6000, ""});
        inputs.push_back(std::move(in));
    }
    std::vector<double> ms;
    Fen total = 0;
    for (int run = 0; run < 7; ++run) {
        const auto t0 = std::chrono::steady_clock::now();
        for (const auto& in : inputs) {
            const auto out = settle_month(in, statement_rules_on(book, in.month), kToday);
            total += out.statement->payable_fen;
            (void)nlohmann::json(wire::statement_view(*out.statement)).dump();   // the reply as the server writes it
        }
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("settlement: 400 statements (validate + compute + wire JSON): median %.1f ms, min %.1f ms, max %.1f ms "
                "(checksum %lld)\n", ms[3], ms[0], ms[6], static_cast<long long>(total));
    CHECK(total > 0);
}

}  // namespace test_settlement_statement
