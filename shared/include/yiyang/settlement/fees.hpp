// The settlement rule (结算计费标准, issue 11, kind "settlement_fees", assets/rules/settlement-fees.json): the
// home-visit fee standard per tier, the order of operations of a month's payable amount and its rounding, the
// objection (申诉) deadline, and the contract payment schedule (预付 30 % / 尾款 70 %). Physical and information
// services keep their own kind (verification_fees, info_service_fees.hpp); the statement reads both.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>

#include "yiyang/money.hpp"
#include "yiyang/ratio.hpp"

namespace yiyang {

namespace settlement {

// The month's (or the year's) assessment grade, as the scorecard hands it over (its code is the interface).
enum class Grade { Excellent, Good, Pass, Fail };
const char* code(Grade g);        // excellent | good | pass | fail
const char* label_zh(Grade g);    // 优秀 | 良好 | 合格 | 不合格
std::optional<Grade> grade_from_code(std::string_view c);

// Where the faked subjects' fees come off (the seed: 拨付服务经费的 X%……如发现一起弄虚作假的服务对象，则扣除当月
// 该对象的服务费 — the fee itself is removed from what is paid, so after the percentage; DOMAIN.md writes the same).
enum class FakedFeeStep { AfterGrade, BeforeGrade };

// Basis points as a percentage text: 9650 -> "96.50%".
std::string bp_text(std::int64_t bp);
// amount × bp / 10000 rounded once to the fen by `mode` (amount >= 0, 0 <= bp <= 10000): the grade step of a
// statement and the advance of a contract.
Fen share_of(Fen amount, std::int64_t bp, Rounding mode);

}  // namespace settlement

struct HomeVisitTier {
    std::string code;                     // severe_or_complete
    std::string name_zh;                  // 重度及完全失能老年人
    Fen fee_fen = 0;                      // per person per month
    std::string billed_on = "served";     // only "served": 每月按实际服务人数结算
    friend bool operator==(const HomeVisitTier&, const HomeVisitTier&) = default;
};

struct ContractPaymentRule {
    std::int64_t advance_bp = 3000;       // 预付总服务费的 30 %; the balance (尾款) is the contract minus the advance
    int advance_workdays = 10;            // 合同签订后十个工作日
    bool signing_day_counts = false;      // the day of signing is not one of the ten (期间开始的当日不计入)
    Rounding rounding = Rounding::HalfUp; // of the advance, to the fen
    int balance_workdays = 10;            // after the final assessment's pass is recorded (the seed sets no term)
    std::vector<settlement::Grade> passing_grades{settlement::Grade::Excellent, settlement::Grade::Good,
                                                  settlement::Grade::Pass};   // 考核合格; otherwise the balance is withheld
    bool passes(settlement::Grade g) const;
    friend bool operator==(const ContractPaymentRule&, const ContractPaymentRule&) = default;
};

struct SettlementFees {                   // assets/rules/settlement-fees.json
    std::string version;
    std::vector<HomeVisitTier> tiers;     // rule order = statement order
    settlement::FakedFeeStep faked_fee_step = settlement::FakedFeeStep::AfterGrade;
    Rounding grade_rounding = Rounding::HalfUp;   // Σ fees × grade % rounded once, to the fen
    int objection_workdays = 5;           // 申诉 within this many workdays after the statement is signed
    ContractPaymentRule contract;
    const HomeVisitTier* find_tier(std::string_view code) const;   // nullptr when the rule has no such tier
};
// Body: {"version", "effective_from", "comment", "home_visit_tiers": [{"code","name","fee_fen","billed_on"}],
// "order_of_operations": ["fees","grade","faked","deductions"] or ["fees","faked","grade","deductions"],
// "grade_rounding": "half_up"|"truncate", "objection_workdays": 1..60, "contract_payment": {"advance_bp",
// "advance_workdays", "signing_day_counts", "rounding", "balance_workdays", "passing_grades"}}.
// Unknown fields and bad values throw std::invalid_argument naming the field (字段 "x"), in Chinese.
void from_json(const nlohmann::json& j, SettlementFees& v);
void to_json(nlohmann::json& j, const SettlementFees& v);

}  // namespace yiyang
