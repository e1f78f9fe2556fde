// 合同与年度 (contracts_state.hpp): the provider's contracts and schedule (GET /api/v1/contracts), a payment
// recorded (POST /api/v1/contracts/{id}/payments: the reply is the contract as now scheduled), and the year
// (GET /api/v1/assessment/year). No figure is computed here: the server's shared code does it.
#include <algorithm>

#include "app/app.hpp"
#include "app/screens.hpp"
#include "platform/http.hpp"
#include "platform/services.hpp"
#include "yiyang/money.hpp"
#include "yiyang/wire/reference.hpp"

namespace yiyang::client {

using nlohmann::json;

void App::enter_contracts() {
    if (!role_has_screen(s_, Screen::Contracts)) return;
    ContractsState& C = s_.contracts;
    if (C.year == 0) C.year = s_.today.year - 1;   // the last complete year (its final assessment)
    if (s_.user && s_.user->role == Role::Provider) {
        C.provider_id = s_.user->provider_id.value_or(0);
    } else if (!C.providers_requested) {
        C.providers_requested = true;
        // The first provider is chosen when the list arrives: the URL waits for it (one history entry, with the
        // provider and year, not a bare "#/contracts" that Back would return to only to choose the same again).
        if (C.provider_id == 0) {
            route_wait_ = "#/contracts?provider";   // never reached: given up once the replies are in
            route_wait_since_ = now_ms();
        }
        request("GET", "/api/v1/providers", nullptr, [this](const HttpResponse& r) {
            ContractsState& S = s_.contracts;
            auto list = r.status == 200 ? wire::read_reply<wire::ProviderList>(r.body) : std::nullopt;
            if (!list) {
                S.providers_requested = false;
                S.error = "服务机构列表加载失败：" + error_message_zh(r);
                return;
            }
            S.providers.clear();
            for (const auto& p : list->items) S.providers.emplace_back(p.id, p.name);
            std::sort(S.providers.begin(), S.providers.end());
            if (S.provider_id == 0 && !S.providers.empty()) {
                S.provider_id = S.providers.front().first;
                load_contracts();
            }
        });
    }
    if (C.provider_id != 0) load_contracts();
}

void App::load_contracts() {
    ContractsState& C = s_.contracts;
    if (C.provider_id == 0) return;
    const std::string q = "provider_id=" + std::to_string(C.provider_id) + "&year=" + std::to_string(C.year);
    const std::int64_t provider = C.provider_id, year = C.year;
    C.loading_contracts = C.loading_year = true;
    C.error.clear();
    request("GET", "/api/v1/contracts?" + q, nullptr, [this, provider, year](const HttpResponse& r) {
        ContractsState& S = s_.contracts;
        if (S.provider_id != provider || S.year != year) return;   // another provider or year chosen meanwhile
        S.loading_contracts = false;
        std::string parse_error;
        S.contracts = r.status == 200 ? wire::read_reply<wire::ContractList>(r.body, &parse_error) : std::nullopt;
        if (!S.contracts) S.error = "合同加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r));
        else if (S.pay_contract == 0 && !S.contracts->items.empty()) S.pay_contract = S.contracts->items.front().id;
    });
    request("GET", "/api/v1/assessment/year?" + q, nullptr, [this, provider, year](const HttpResponse& r) {
        ContractsState& S = s_.contracts;
        if (S.provider_id != provider || S.year != year) return;
        S.loading_year = false;
        std::string parse_error;
        S.year_view = r.status == 200 ? wire::read_reply<wire::AssessmentYearView>(r.body, &parse_error) : std::nullopt;
        if (!S.year_view) S.error = "年度考核加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r));
    });
}

void App::apply_contracts(const ContractsIntent& intent) {
    ContractsState& C = s_.contracts;
    // Another provider or year: nothing of the last one stays on screen.
    const auto reload_fresh = [&] {
        C.contracts.reset();
        C.year_view.reset();
        C.pay_contract = 0;
        C.selected_month.clear();
        load_contracts();
    };
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, SelectContractsProvider>) {
                if (s_.user && s_.user->role == Role::Provider) return;   // its own only
                C.provider_id = i.provider_id;
                reload_fresh();
            } else if constexpr (std::is_same_v<T, SetContractsYear>) {
                if (i.year < 2000 || i.year > 2100) return;
                C.year = i.year;
                reload_fresh();
            } else if constexpr (std::is_same_v<T, ReloadContracts>) {
                load_contracts();
            } else if constexpr (std::is_same_v<T, EditContractPayment>) {
                C.pay_contract = i.contract_id;
                C.pay_kind = i.kind;
                C.pay_date = i.date;
                C.pay_amount = i.amount;
                C.pay_note = i.note;
                C.pay_error.clear();
            } else if constexpr (std::is_same_v<T, RecordContractPayment>) {
                if (C.paying) return;
                const auto fen = parse_yuan(C.pay_amount);
                if (C.pay_contract == 0) { C.pay_error = "请选择合同"; return; }
                if (!fen || *fen <= 0) { C.pay_error = "付款金额应为大于 0 的元金额（最多两位小数），实际为“" + C.pay_amount + "”"; return; }
                const json body = {{"kind", C.pay_kind}, {"paid_on", C.pay_date}, {"amount_fen", *fen}, {"note", C.pay_note}};
                C.paying = true;
                C.pay_error.clear();
                C.pay_notice.clear();
                const std::int64_t id = C.pay_contract;
                request("POST", "/api/v1/contracts/" + std::to_string(id) + "/payments", &body, [this, id](const HttpResponse& r) {
                    ContractsState& S = s_.contracts;
                    S.paying = false;
                    if (r.status != 201) {
                        S.pay_error = error_message_zh(r);
                        return;
                    }
                    auto c = wire::read_reply<wire::ContractView>(r.body);
                    if (!c) {
                        S.pay_error = "付款已登记，但回复格式无法识别：请刷新";
                        return;
                    }
                    if (S.contracts)
                        for (auto& x : S.contracts->items)
                            if (x.id == id) x = *c;
                    S.pay_notice = "已登记付款 " + S.pay_amount + " 元（合同 " + c->contract_no + "）";
                    S.pay_amount.clear();
                    S.pay_note.clear();
                });
            } else if constexpr (std::is_same_v<T, SelectYearMonth>) {
                C.selected_month = i.month;
            } else if constexpr (std::is_same_v<T, OpenContractsLink>) {
                open_location(i.hash);
            }
        },
        intent);
}

json test_state_of(const ContractsState& s) {
    json j = {{"provider_id", s.provider_id}, {"year", s.year}, {"error", s.error},
              {"loading", s.loading_contracts || s.loading_year}, {"selected_month", s.selected_month},
              {"pay_contract", s.pay_contract}, {"pay_kind", s.pay_kind}, {"pay_error", s.pay_error},
              {"pay_notice", s.pay_notice}, {"paying", s.paying}};
    j["contracts"] = s.contracts ? json(*s.contracts) : json();
    j["year_view"] = s.year_view ? json(*s.year_view) : json();
    return j;
}

}  // namespace yiyang::client
