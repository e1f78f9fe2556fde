// 合同与年度 (admin, supervisor write; leader reads; a provider its own): a provider's service contracts with the
// payment schedule (GET /api/v1/contracts), recording a payment (POST /api/v1/contracts/{id}/payments), and the
// year's months with their grades and the annual result (GET /api/v1/assessment/year). Every figure is the
// server's (computed by shared code there); the screen only shows it and links to 考核 and 结算 by route.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/records.hpp"
#include "yiyang/wire/care_projects.hpp"
#include "yiyang/wire/contracts.hpp"

namespace yiyang::client {

// 登记合同 as typed: the project and its provider chosen by name, the number, the signing day (date picker), the
// amount in yuan (shown fen-exact with 大写 before sending), the service period (empty: the whole contract year).
struct ContractForm {
    std::string project_code;
    std::int64_t provider_id = 0;
    std::string contract_no, signed_on, period_from, period_to, amount, note;
};

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
    // 登记合同 (write_contracts): for the year shown (C.year)
    bool form_open = false;
    std::optional<wire::CareProjectList> projects;          // the projects and their providers (on opening the form)
    ContractForm form;
    bool creating = false;
    std::map<std::string, std::string> form_errors;         // by request member: the server's 422 / 409 fields
    std::string form_error;                                 // a refusal not about one field (server's Chinese)
    std::string form_notice;                                // "已登记合同 …"
    std::int64_t created_contract = 0;                      // the contract just registered (shown selected)
};

// ---- intents ---------------------------------------------------------------------------------------
struct SelectContractsProvider { std::int64_t provider_id = 0; };
struct SetContractsYear { std::int64_t year = 0; };
struct ReloadContracts {};
struct EditContractPayment { std::int64_t contract_id = 0; std::string kind, date, amount, note; };
struct RecordContractPayment {};
struct SelectYearMonth { std::string month; };
struct ToggleContractForm {};                     // 登记合同 opens (loads the projects) / closes
struct EditContractForm { ContractForm form; };
struct CreateContract {};
struct OpenContractsLink { std::string hash; };    // "#/assessment", "#/settlement"

using ContractsIntent = std::variant<SelectContractsProvider, SetContractsYear, ReloadContracts, EditContractPayment,
                                     RecordContractPayment, SelectYearMonth, OpenContractsLink, ToggleContractForm,
                                     EditContractForm, CreateContract>;

// What the browser tests read of this area (yiyang_test_state()["contracts"]); defined in app/contracts.cpp.
nlohmann::json test_state_of(const ContractsState& s);

}  // namespace yiyang::client
