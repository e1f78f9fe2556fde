// 合同与年度 (admin, supervisor write; leader reads; a provider its own): a provider's service contracts with the
// payment schedule (GET /api/v1/contracts), recording a payment (POST /api/v1/contracts/{id}/payments), and the
// year's months with their grades and the annual result (GET /api/v1/assessment/year). Every figure is the
// server's (computed by shared code there); the screen only shows it and links to 考核 and 结算 by route.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/records.hpp"
#include "yiyang/wire/contracts.hpp"

namespace yiyang::client {

struct ContractsState {
    std::int64_t provider_id = 0;              // 0: none chosen yet (a provider user: its own)
    std::int64_t year = 0;                     // 0: the year before today's (the last complete one)
    std::vector<std::pair<std::int64_t, std::string>> providers;   // id, name (desk roles and the leader)
    bool providers_requested = false;
    bool loading_contracts = false, loading_year = false;
    std::optional<wire::ContractList> contracts;
    std::optional<wire::AssessmentYearView> year_view;
    std::string error;                         // loading failed (Chinese)
    std::string selected_month;                // "2025-03": the month whose links are shown
    // 登记付款
    std::int64_t pay_contract = 0;
    std::string pay_kind = "advance";          // advance | balance
    std::string pay_date, pay_amount, pay_note;   // amount in yuan as typed ("3000.00")
    bool paying = false;
    std::string pay_error, pay_notice;
};

// ---- intents ---------------------------------------------------------------------------------------
struct SelectContractsProvider { std::int64_t provider_id = 0; };
struct SetContractsYear { std::int64_t year = 0; };
struct ReloadContracts {};
struct EditContractPayment { std::int64_t contract_id = 0; std::string kind, date, amount, note; };
struct RecordContractPayment {};
struct SelectYearMonth { std::string month; };
struct OpenContractsLink { std::string hash; };    // "#/assessment", "#/settlement"

using ContractsIntent = std::variant<SelectContractsProvider, SetContractsYear, ReloadContracts, EditContractPayment,
                                     RecordContractPayment, SelectYearMonth, OpenContractsLink>;

// What the browser tests read of this area (yiyang_test_state()["contracts"]); defined in app/contracts.cpp.
nlohmann::json test_state_of(const ContractsState& s);

}  // namespace yiyang::client
