// 合同与年度 in the app layer (app/contracts.cpp): on opening, the providers (desk roles), then the chosen
// provider's contracts and year for last year; a payment typed in yuan is posted in fen and the reply replaces the
// contract; a refused one shows the server's Chinese message; an amount that is not yuan is refused before sending.
// Replies are the wire types the server writes.
#include <catch2/catch.hpp>

#include <algorithm>

#include "app/screens.hpp"
#include "fakes.hpp"
#include "yiyang/wire/contracts.hpp"
#include "yiyang/wire/reference.hpp"

namespace test_contracts {

using namespace yiyang;
using namespace yiyang::client;
using namespace yiyang::client::testing;
using nlohmann::json;

namespace {

wire::ContractView contract(std::int64_t paid) {
    wire::ContractView c;
    c.id = 7;
    c.provider_id = 3;
    c.provider_name = "丙机构";
    c.project_code = "home_visit";
    c.project_name_zh = "居家养老上门服务";
    c.year = 2025;
    c.contract_no = "HT-7";
    c.signed_on = "2025-01-06";
    c.total_fen = 1000000;
    c.schedule.contract_no = "HT-7";
    c.schedule.contract_fen = 1000000;
    c.schedule.signed_on = "2025-01-06";
    wire::InstallmentView a;
    a.code = "advance";
    a.amount_fen = 300000;
    a.paid_fen = paid;
    a.outstanding_fen = 300000 - paid;
    a.status = paid == 300000 ? "paid" : "overdue";
    c.schedule.installments.push_back(a);
    c.schedule.paid_total_fen = paid;
    return c;
}

void open_contracts(Dashboard& d) {
    d.sign_in_as("session_supervisor");
    d.settle();
    d.apply(Navigate{Screen::Contracts});
    REQUIRE(d.state().screen == Screen::Contracts);
    CHECK_FALSE(d.app.location());   // the first provider is not chosen yet: the URL waits for it
    wire::ProviderList providers;
    Provider p3, p1;
    p3.id = 3;
    p3.name = "丙机构";
    p1.id = 1;
    p1.name = "甲机构";
    providers.items = {p3, p1};
    REQUIRE(d.http.answer("GET", "/api/v1/providers", 200, json(providers)));
    // The first by id is chosen; last year (the fakes' today is 2026-12-04).
    CHECK(d.state().contracts.provider_id == 1);
    CHECK(d.state().contracts.year == 2025);
    CHECK(sent(d, "GET /api/v1/contracts", "provider_id=1&year=2025"));
    CHECK(sent(d, "GET /api/v1/assessment/year", "provider_id=1&year=2025"));
    d.apply(ContractsIntent{SelectContractsProvider{3}});
    REQUIRE(d.http.answer("GET", "/api/v1/contracts", 200, json(wire::ContractList{})));   // the stale reply of 1: dropped
    REQUIRE(d.http.answer("GET", "/api/v1/assessment/year", 200, json(wire::AssessmentYearView{})));
    CHECK_FALSE(d.state().contracts.contracts);
    REQUIRE(d.http.answer("GET", "/api/v1/contracts", 200, json(wire::ContractList{{contract(0)}})));
    wire::AssessmentYearView y;
    y.provider_id = 3;
    y.year = 2025;
    y.note_zh = "尚有 12 个项目月未签署";
    REQUIRE(d.http.answer("GET", "/api/v1/assessment/year", 200, json(y)));
    REQUIRE(d.state().contracts.contracts);
    REQUIRE(d.state().contracts.year_view);
    CHECK(d.state().contracts.pay_contract == 7);
    CHECK(d.app.location() == "#/contracts?provider=3&year=2025");   // the provider's URL (routes.hpp contracts_link)
}

}  // namespace

TEST_CASE("合同与年度: contracts and the year of the chosen provider; a payment refused, then recorded",
          "[client][contracts]") {
    Dashboard d;
    open_contracts(d);
    // Not yuan: refused here, nothing sent.
    d.apply(ContractsIntent{EditContractPayment{7, "advance", "2025-01-15", "三千", ""}});
    d.apply(ContractsIntent{RecordContractPayment{}});
    CHECK(d.state().contracts.pay_error.find("元金额") != std::string::npos);
    CHECK_FALSE(sent(d, "POST /api/v1/contracts/7/payments"));
    // One fen too many: the server's message.
    d.apply(ContractsIntent{EditContractPayment{7, "advance", "2025-01-15", "3000.01", "首笔"}});
    d.apply(ContractsIntent{RecordContractPayment{}});
    const auto post = std::find_if(d.http.waiting().begin(), d.http.waiting().end(),
                                   [](const SentRequest& r) { return r.method == "POST"; });
    REQUIRE(post != d.http.waiting().end());
    CHECK(post->url == "/api/v1/contracts/7/payments");
    CHECK(post->body["amount_fen"] == 300001);
    CHECK(post->body["kind"] == "advance");
    json refused = {{"error", {{"code", "validation_failed"}, {"message", "预付款（30%）尚欠 3,000.00 元，本次付款 3,000.01 元超过应付余额"},
                               {"fields", json::array()}}}};
    REQUIRE(d.http.answer("POST", "/api/v1/contracts/7/payments", 422, refused));
    CHECK(d.state().contracts.pay_error.find("超过应付余额") != std::string::npos);
    CHECK(d.state().contracts.contracts->items[0].schedule.paid_total_fen == 0);
    // The exact advance: the reply replaces the contract.
    d.apply(ContractsIntent{EditContractPayment{7, "advance", "2025-01-15", "3000", ""}});
    d.apply(ContractsIntent{RecordContractPayment{}});
    REQUIRE(d.http.answer("POST", "/api/v1/contracts/7/payments", 201, json(contract(300000))));
    CHECK(d.state().contracts.pay_error.empty());
    CHECK(d.state().contracts.pay_notice.find("HT-7") != std::string::npos);
    CHECK(d.state().contracts.contracts->items[0].schedule.installments[0].status == "paid");
    // A month's link opens 考核 by route.
    d.apply(ContractsIntent{SelectYearMonth{"2025-03"}});
    CHECK(d.state().contracts.selected_month == "2025-03");
    d.apply(ContractsIntent{OpenContractsLink{"#/assessment"}});
    CHECK(d.state().screen == Screen::Assessment);
}

TEST_CASE("合同与年度 is in the navigation of the roles that read contracts", "[client][contracts]") {
    CHECK(std::string(screen_spec(Screen::Contracts).route) == "contracts");
    Dashboard d;
    d.sign_in_as("session_agent");
    d.settle();
    const auto entries = nav_entries(d.state());
    CHECK(std::none_of(entries.begin(), entries.end(), [](const ScreenSpec* e) { return e->screen == Screen::Contracts; }));
}

namespace {

wire::CareProjectList care_projects() {
    wire::CareProjectList l;
    l.items.push_back({"home_visit", "居家养老上门服务", {{3, "丙机构"}, {1, "甲机构"}}});
    l.items.push_back({"visiting", "探视巡访服务", {{1, "甲机构"}}});
    return l;
}

}  // namespace

TEST_CASE("合同与年度: 登记合同 — the provider by name within the project, yuan to fen, the server's 422 beside the "
          "field, the new contract selected",
          "[client][contracts]") {
    Dashboard d;
    open_contracts(d);
    ContractsState const& C = d.state().contracts;
    d.apply(ContractsIntent{ToggleContractForm{}});
    REQUIRE(C.form_open);
    REQUIRE(d.http.answer("GET", "/api/v1/assessment/projects", 200, json(care_projects())));
    REQUIRE(C.projects);
    CHECK(C.form.project_code == "home_visit");   // the first project; the provider shown above (3) serves in it
    CHECK(C.form.provider_id == 3);
    // Another project where provider 3 does not serve: the provider is cleared, not kept silently.
    ContractForm f = C.form;
    f.project_code = "visiting";
    d.apply(ContractsIntent{EditContractForm{f}});
    CHECK(C.form.provider_id == 0);
    // Not chosen, not yuan: named per field, nothing sent.
    f = C.form;
    f.amount = "一百万";
    d.apply(ContractsIntent{EditContractForm{f}});
    d.apply(ContractsIntent{CreateContract{}});
    CHECK_FALSE(sent(d, "POST /api/v1/contracts"));
    CHECK(C.form_errors.at("provider_id") == "请按名称选择服务机构");
    CHECK(C.form_errors.at("total_fen").find("一百万") != std::string::npos);
    // Chosen and typed: the request is in fen for the year shown; the server's 422 lands beside its fields.
    f = C.form;
    f.project_code = "home_visit";
    f.provider_id = 3;
    f.contract_no = "HT-2025-9";
    f.signed_on = "2026-01-06";
    f.amount = "1,000,000.05";
    d.apply(ContractsIntent{EditContractForm{f}});
    CHECK_FALSE(C.form_errors.count("total_fen"));   // an edited field loses its error
    d.apply(ContractsIntent{CreateContract{}});
    const auto post = std::find_if(d.http.waiting().begin(), d.http.waiting().end(),
                                   [](const SentRequest& r) { return r.method == "POST"; });
    REQUIRE(post != d.http.waiting().end());
    CHECK(post->url == "/api/v1/contracts");
    CHECK(post->body["total_fen"] == 100000005);
    CHECK(post->body["year"] == 2025);
    CHECK(post->body["provider_id"] == 3);
    CHECK_FALSE(post->body.contains("period_from"));   // empty: the whole contract year
    json refused = {{"error", {{"code", "validation_failed"}, {"message", "请求有误"},
                               {"fields", {{{"field", "signed_on"}, {"code", "after_year"},
                                            {"message", "签订日期（2026-01-06）晚于合同年度 2025 年"}}}}}}};
    REQUIRE(d.http.answer("POST", "/api/v1/contracts", 422, refused));
    CHECK(C.form_errors.at("signed_on") == "签订日期（2026-01-06）晚于合同年度 2025 年");
    CHECK_FALSE(C.creating);
    // Fixed: created; the contract is selected (its provider, year, the payment form on it), the list reloaded.
    f = C.form;
    f.signed_on = "2025-01-06";
    d.apply(ContractsIntent{EditContractForm{f}});
    CHECK(C.form_errors.empty());
    d.apply(ContractsIntent{CreateContract{}});
    wire::ContractView made = contract(0);
    made.id = 11;
    made.contract_no = "HT-2025-9";
    REQUIRE(d.http.answer("POST", "/api/v1/contracts", 201, json(made)));
    CHECK_FALSE(C.form_open);
    CHECK(C.created_contract == 11);
    CHECK(C.pay_contract == 11);
    CHECK(C.provider_id == 3);
    CHECK(C.form_notice.find("HT-2025-9") != std::string::npos);
    REQUIRE(C.contracts);
    CHECK(C.contracts->items.front().id == 11);
    REQUIRE(d.http.answer("GET", "/api/v1/contracts", 200, json(wire::ContractList{{made, contract(0)}})));
    CHECK(C.contracts->items.size() == 2);
    CHECK(C.pay_contract == 11);
}

}  // namespace test_contracts
