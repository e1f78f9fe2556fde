// The service contracts and their payments (migration 23), and what the year reads of the assessment months
// (migration 21): plain rows; the schedule and the year are computed in shared/ (wire/contracts.hpp).
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/records.hpp"
#include "yiyang/wire/contracts.hpp"

namespace yiyang::store {

struct ContractRow {
    Id id = 0;
    Id provider_id = 0;
    std::string provider_name;
    std::string project_code, project_name_zh;
    std::int64_t year = 0;
    std::string contract_no, signed_on, period_from, period_to;
    std::int64_t total_fen = 0;
    std::string note;
};

struct ContractPaymentRow {
    Id id = 0;
    Id contract_id = 0;
    std::string kind;        // advance | balance
    std::string paid_on;
    std::int64_t amount_fen = 0;
    std::string note;
    std::string recorded_by;
    std::optional<Id> recorded_by_id;
    LocalSeconds recorded_at = 0;
};

// Contracts, newest year first, then project code; a provider's only when `provider` is given, a year's only when
// `year` is given.
std::vector<ContractRow> list_contracts(SQLite::Database& db, std::optional<Id> provider, std::optional<std::int64_t> year);
std::optional<ContractRow> find_contract(SQLite::Database& db, Id id);
// The payments of one contract in the order recorded.
std::vector<ContractPaymentRow> contract_payments(SQLite::Database& db, Id contract_id);

// (provider_exists: store/reference.hpp; provider_name: store/kpi_inputs.hpp; project_name: store/assessment.hpp)
bool contract_no_taken(SQLite::Database& db, const std::string& contract_no);
bool contract_exists(SQLite::Database& db, Id provider, const std::string& project_code, std::int64_t year);

// Inside the writer's transaction.
Id insert_contract(SQLite::Database& db, const ContractRow& c, const std::string& by, std::optional<Id> by_id,
                   LocalSeconds at);
Id insert_contract_payment(SQLite::Database& db, const ContractPaymentRow& p);

// The provider's projects in `year` (provider_projects, plus any project with an assessment month or a contract in
// the year) with their months of the year as stored: signed ones with their figures (wire::AssessmentMonth).
std::vector<wire::YearProjectInput> year_inputs(SQLite::Database& db, Id provider, std::int64_t year);

}  // namespace yiyang::store
