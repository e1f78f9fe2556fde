// 合同与年度 (contracts_state.hpp): the provider's contracts and schedule (GET /api/v1/contracts), a payment
// recorded (POST /api/v1/contracts/{id}/payments: the reply is the contract as now scheduled), and the year
// (GET /api/v1/assessment/year). No figure is computed here: the server's shared code does it.
#include <algorithm>

#include "app/app.hpp"
#include "app/screens.hpp"
#include "app/json_read.hpp"
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
            } else if constexpr (std::is_same_v<T, ToggleContractForm>) {
                C.form_open = !C.form_open;
                if (!C.form_open || C.projects) return;
                request_care_projects([this](std::optional<wire::CareProjectList> list, const std::string& error) {
                    ContractsState& S = s_.contracts;
                    if (!list) {
                        S.form_error = error;
                        return;
                    }
                    S.projects = std::move(*list);
                    if (S.form.project_code.empty() && !S.projects->items.empty())
                        S.form.project_code = S.projects->items.front().code;
                    // The provider shown above, when it serves in the project.
                    for (const auto& p : S.projects->items)
                        if (p.code == S.form.project_code && S.form.provider_id == 0)
                            for (const auto& x : p.providers)
                                if (x.id == S.provider_id) S.form.provider_id = x.id;
                });
            } else if constexpr (std::is_same_v<T, EditContractForm>) {
                ContractForm f = i.form;
                if (f.project_code != C.form.project_code && C.projects) {   // the provider stays only when it serves there
                    bool serves = false;
                    for (const auto& p : C.projects->items)
                        if (p.code == f.project_code)
                            for (const auto& x : p.providers) serves = serves || x.id == f.provider_id;
                    if (!serves) f.provider_id = 0;
                }
                // A field edited loses its error (the others keep theirs until the next answer).
                const auto edited = [&](const std::string& a, const std::string& b, const char* field) {
                    if (a != b) C.form_errors.erase(field);
                };
                edited(f.project_code, C.form.project_code, "project_code");
                if (f.provider_id != C.form.provider_id) C.form_errors.erase("provider_id");
                edited(f.contract_no, C.form.contract_no, "contract_no");
                edited(f.signed_on, C.form.signed_on, "signed_on");
                edited(f.period_from, C.form.period_from, "period_from");
                edited(f.period_to, C.form.period_to, "period_to");
                edited(f.amount, C.form.amount, "total_fen");
                edited(f.note, C.form.note, "note");
                C.form = std::move(f);
                C.form_notice.clear();
            } else if constexpr (std::is_same_v<T, CreateContract>) {
                if (C.creating) return;
                const ContractForm& f = C.form;
                C.form_errors.clear();
                C.form_error.clear();
                C.form_notice.clear();
                const auto fen = parse_yuan(f.amount);
                if (f.project_code.empty()) C.form_errors["project_code"] = "请选择服务项目";
                if (f.provider_id <= 0) C.form_errors["provider_id"] = "请按名称选择服务机构";
                if (!fen || *fen <= 0)
                    C.form_errors["total_fen"] = "合同金额应为大于 0 的元金额（最多两位小数），实际为“" + f.amount + "”";
                if (!C.form_errors.empty()) return;
                wire::ContractCreateRequest ask;
                ask.provider_id = f.provider_id;
                ask.project_code = f.project_code;
                ask.year = C.year;
                ask.contract_no = f.contract_no;
                ask.signed_on = f.signed_on;
                ask.period_from = f.period_from;
                ask.period_to = f.period_to;
                ask.total_fen = *fen;
                ask.note = f.note;
                json body = ask;
                for (const char* k : {"period_from", "period_to"})   // empty: the whole contract year
                    if (body[k] == "") body.erase(k);
                C.creating = true;
                request("POST", "/api/v1/contracts", &body, [this](const HttpResponse& r) {
                    ContractsState& S = s_.contracts;
                    S.creating = false;
                    if (r.status != 201) {
                        S.form_errors = field_errors_of(r.body);
                        S.form_error = error_message_zh(r);
                        return;
                    }
                    auto c = wire::read_reply<wire::ContractView>(r.body);
                    if (!c) {
                        S.form_error = "合同已登记，但回复格式无法识别：请刷新";
                        return;
                    }
                    S.form_notice = "已登记合同 " + c->contract_no + "（" + c->provider_name + " · " + c->project_name_zh +
                                    "，" + format_yuan(c->total_fen) + " 元）";
                    ContractForm next;   // a fresh form on the same project
                    next.project_code = S.form.project_code;
                    S.form = std::move(next);
                    S.form_open = false;
                    // The new contract selected: its provider and year shown, its schedule, the payment form on it.
                    S.created_contract = c->id;
                    S.provider_id = c->provider_id;
                    S.year = c->year;
                    S.contracts = wire::ContractList{{*c}};
                    S.year_view.reset();
                    S.selected_month.clear();
                    S.pay_contract = c->id;
                    load_contracts();
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
              {"pay_notice", s.pay_notice}, {"paying", s.paying}, {"form_open", s.form_open},
              {"creating", s.creating}, {"form_errors", s.form_errors}, {"form_error", s.form_error},
              {"form_notice", s.form_notice}, {"created_contract", s.created_contract},
              {"form", {{"project_code", s.form.project_code}, {"provider_id", s.form.provider_id},
                        {"contract_no", s.form.contract_no}, {"signed_on", s.form.signed_on}, {"amount", s.form.amount}}}};
    j["projects"] = s.projects ? json(*s.projects) : json();
    j["contracts"] = s.contracts ? json(*s.contracts) : json();
    j["year_view"] = s.year_view ? json(*s.year_view) : json();
    return j;
}

}  // namespace yiyang::client
