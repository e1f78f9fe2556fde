// The contract and the year as the routes reply them (http/contract_routes.cpp): rows from store/contracts, the
// year computed by wire::assessment_year_view (shared), the schedule by settlement::contract_schedule (shared) from
// the stored payments and the year's final result.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "store/contracts.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/settlement/contract_payments.hpp"
#include "yiyang/wire/contracts.hpp"

namespace yiyang::app {

// Thrown when no scorecard rule is in force for the year, or the contract rule for the signing day (409).
struct RuleMissing : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The provider's year: the scorecard rule in force on the year's last day (or today, while the year runs).
wire::AssessmentYearView year_view(SQLite::Database& db, const RuleBook& rules, Id provider, std::int64_t year,
                                   const Date& today);

// The schedule's input: the contract's terms, its stored payments plus `extra` (a payment being recorded), and
// the year's final grade with its day when the year is final.
settlement::ContractInput contract_input(const store::ContractRow& c,
                                         const std::vector<store::ContractPaymentRow>& payments,
                                         const wire::AssessmentYearView& year);

// The contract with its payments and schedule; `year` is the provider's year of the contract (year_view).
wire::ContractView contract_view(const store::ContractRow& c, const std::vector<store::ContractPaymentRow>& payments,
                                 const wire::AssessmentYearView& year, const RuleBook& rules, const Date& today);

}  // namespace yiyang::app
