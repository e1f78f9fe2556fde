// Wire format of the contract and its year (合同与年度, issue 11 "The year"): a provider's service contract per care
// project and contract year with its stored payments and the payment schedule (settlement/contract_payments.hpp),
// and the annual evaluation (年度考核) computed from the provider's signed assessment months:
//   per project   = assessment::annual_score over the year's signed months (departments' means × 9/10 + leader
//                   reviews' mean × 1/10, the rule's weights); months missing or not yet signed are listed
//   the provider  = its lowest project (a provider in several projects is graded by its lowest project)
//   final         = every project has all 12 months signed; the day of the last signature is the day the final
//                   assessment's result is recorded (the contract's balance is due from it, or withheld on 不合格)
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/assessment/scorecard.hpp"
#include "yiyang/wire/assessment.hpp"
#include "yiyang/wire/common.hpp"
#include "yiyang/wire/settlement.hpp"

namespace yiyang::wire {

// ---- the year ---------------------------------------------------------------------------------------
// One month of one project as stored: signed (with its figures) or not.
struct YearMonthRecord {
    std::int64_t month_id = 0;
    std::string month;                      // "2025-03"
    bool is_signed = false;
    std::optional<AssessmentMonth> figures; // the signed figures (required when signed)
    std::string signed_on;                  // "2025-04-03" when signed
};

struct YearProjectInput {
    std::string code, name_zh;
    std::vector<YearMonthRecord> months;    // any order; months outside the year are ignored
};

struct YearMonthView {
    std::string month;                      // "2025-03"
    std::string status;                     // signed | open | missing
    std::string status_label_zh;            // 已签署 | 未签署 | 未建立
    std::optional<std::int64_t> month_id;
    std::optional<ExactScore> departments_mean, leader, total;
    std::string grade_code, grade_name_zh, payout_text;
    std::string signed_on;
    friend bool operator==(const YearMonthView&, const YearMonthView&) = default;
};
void to_json(json& j, const YearMonthView& m);
void from_json(const json& j, YearMonthView& m);

struct YearProjectView {
    std::string project_code, project_name_zh;
    std::vector<YearMonthView> months;           // the 12 months of the year, in order
    std::vector<std::string> missing_months;     // months not signed (missing or open), in order
    std::int64_t signed_months = 0;
    std::optional<AssessmentYear> year;          // from the signed months; none without one
    friend bool operator==(const YearProjectView&, const YearProjectView&) = default;
};
void to_json(json& j, const YearProjectView& p);
void from_json(const json& j, YearProjectView& p);

struct AssessmentYearView {
    std::int64_t provider_id = 0;
    std::string provider_name;
    std::int64_t year = 0;
    std::vector<YearProjectView> projects;       // by project code
    std::optional<std::string> lowest_project_code;
    std::optional<AssessmentYear> result;        // the lowest project's year (provisional until final)
    bool final_result = false;                   // every project's 12 months signed
    std::optional<std::string> assessed_on;      // when final: the day of the last signature
    std::string note_zh;                         // what is missing, or how the result was chosen
    friend bool operator==(const AssessmentYearView&, const AssessmentYearView&) = default;
};
void to_json(json& j, const AssessmentYearView& y);
void from_json(const json& j, AssessmentYearView& y);

// The year of one provider from its projects' stored months (the server's reply and the screen's figures). Throws
// std::invalid_argument (Chinese) for a signed month without figures or a year outside 2000..2100.
AssessmentYearView assessment_year_view(const assessment::ScorecardRule& rule, std::int64_t provider_id,
                                        std::string provider_name, std::int64_t year,
                                        std::vector<YearProjectInput> projects);

// ---- the contract -----------------------------------------------------------------------------------
struct StoredPaymentView {
    std::int64_t id = 0;
    std::string kind;                       // advance | balance
    std::string kind_label_zh;              // 预付款 | 尾款
    std::string paid_on;
    std::int64_t amount_fen = 0;
    std::string recorded_by;
    std::string note;
    friend bool operator==(const StoredPaymentView&, const StoredPaymentView&) = default;
};
void to_json(json& j, const StoredPaymentView& p);
void from_json(const json& j, StoredPaymentView& p);

struct ContractView {
    std::int64_t id = 0;
    std::int64_t provider_id = 0;
    std::string provider_name;
    std::string project_code, project_name_zh;
    std::int64_t year = 0;
    std::string contract_no;
    std::string signed_on, period_from, period_to;
    std::int64_t total_fen = 0;
    std::string note;
    std::vector<StoredPaymentView> payments;     // as recorded (id order)
    ContractScheduleView schedule;               // from the stored payments and the year's final result
    std::string year_note_zh;                    // where the final assessment stands
};
void to_json(json& j, const ContractView& c);
void from_json(const json& j, ContractView& c);

struct ContractList {
    std::vector<ContractView> items;             // by year (newest first), then project code
};
void to_json(json& j, const ContractList& l);
void from_json(const json& j, ContractList& l);

// POST /api/v1/contracts
struct ContractCreateRequest {
    std::int64_t provider_id = 0;
    std::string project_code;
    std::int64_t year = 0;
    std::string contract_no;
    std::string signed_on, period_from, period_to;
    std::int64_t total_fen = 0;
    std::string note;
};
void to_json(json& j, const ContractCreateRequest& r);
// Strict: unknown members, wrong types, bad dates, a period outside the year or upside down, money ≤ 0 or above
// 10 亿元, texts too long — field errors in Chinese naming the member.
std::vector<FieldError> contract_request_from_json(const json& j, ContractCreateRequest& out);

// POST /api/v1/contracts/{id}/payments
struct PaymentRequest {
    std::string kind;                        // advance | balance
    std::string paid_on;
    std::int64_t amount_fen = 0;
    std::string note;
};
void to_json(json& j, const PaymentRequest& r);
std::vector<FieldError> payment_request_from_json(const json& j, PaymentRequest& out);

}  // namespace yiyang::wire
