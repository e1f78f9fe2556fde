// Navigation in the app layer: hash routes parsed and formatted from the screen table, the browser history kept
// in step (NavHistory), deep links opened after sign-in (by order code), refused screens, confirmations before
// irreversible order actions and before leaving unsaved edits, and the intake draft kept across a reload.
#include <catch2/catch.hpp>

#include <algorithm>
#include <tuple>

#include "app/routes.hpp"
#include "app/screens.hpp"
#include "fakes.hpp"

namespace test_navigation {

using namespace yiyang;
using namespace yiyang::client;
using namespace yiyang::client::testing;
using nlohmann::json;

namespace {

std::size_t transitions_sent(const Dashboard& d) {
    return static_cast<std::size_t>(std::count_if(d.http.log().begin(), d.http.log().end(), [](const std::string& l) {
        return l.rfind("POST ", 0) == 0 && l.find("/transitions") != std::string::npos;
    }));
}

void signed_in(Dashboard& d, const std::string& session = "session_supervisor") {
    d.sign_in_as(session);
    d.settle();
    REQUIRE(d.state().screen == Screen::Home);
}

// Opens the recorded order (GD…, received, may be dispatched) by its URL.
std::string open_recorded_order(Dashboard& d) {
    const Recorded detail = recorded("order_detail");
    const std::string code = detail.body["order"]["code"].get<std::string>();
    d.app.open_location("#/orders/" + code);
    REQUIRE(d.http.answer("GET", "/api/v1/orders/by-code/" + code, detail));
    REQUIRE(d.state().screen == Screen::OrderDetail);
    return code;
}

}  // namespace

TEST_CASE("routes: every framed screen has a URL that parses back to it", "[client][navigation]") {
    for (const ScreenSpec& spec : screen_table()) {
        if (spec.layout != ScreenLayout::Framed) {
            CHECK(spec.route == nullptr);
            continue;
        }
        REQUIRE(spec.route != nullptr);
        Route r;
        r.screen = spec.screen;
        if (spec.screen == Screen::OrderDetail) r.record = "GD202612040001";
        if (spec.screen == Screen::ElderProfile) r.record = "6001";
        const std::string hash = format_route(r);
        INFO(hash);
        const auto back = parse_route(hash);
        REQUIRE(back);
        CHECK(*back == r);
    }
    CHECK(format_route(Route{Screen::OrderDetail, "GD202612040001", {}}) == "#/orders/GD202612040001");
    CHECK(format_route(Route{Screen::ElderProfile, "6001", {}}) == "#/elders/6001");
    CHECK(format_route(Route{Screen::Kpis, "", {}}) == "#/kpis");
}

TEST_CASE("routes: parsing accepts what people paste and refuses what is not a record", "[client][navigation]") {
    CHECK(parse_route("")->screen == Screen::Home);
    CHECK(parse_route("#")->screen == Screen::Home);
    CHECK(parse_route("#/")->screen == Screen::Home);
    CHECK(parse_route("#/watch/")->screen == Screen::Watch);
    auto o = parse_route("#/orders/gd202612040001");              // typed in lower case
    REQUIRE(o);
    CHECK(o->screen == Screen::OrderDetail);
    CHECK(o->record == "GD202612040001");
    CHECK(parse_route("#/orders/GD2026120400011")->record == "GD2026120400011");   // the 10 000th order of a day
    CHECK_FALSE(parse_route("#/orders/1024"));                     // orders are linked by code
    CHECK_FALSE(parse_route("#/orders/GD2026"));
    CHECK_FALSE(parse_route("#/elders/abc"));
    CHECK_FALSE(parse_route("#/elders/-3"));
    CHECK_FALSE(parse_route("#/nowhere"));
    CHECK(parse_route("#/elders/new")->record == "new");
    CHECK(parse_route("#/elders/006001")->record == "6001");
}

TEST_CASE("routes: list filters go in the query part, defaults left out, encoded both ways", "[client][navigation]") {
    OrderQuery q;
    CHECK(query_of(q).empty());
    q.status = "dispatched";
    q.town_id = 12;
    q.overdue_only = true;
    q.period = "2026-Q4";
    q.page = 3;
    const std::string hash = format_route(Route{Screen::Orders, "", query_of(q)});
    CHECK(hash == "#/orders?overdue=1&page=3&period=2026-Q4&status=dispatched&town=12");
    auto r = parse_route(hash);
    REQUIRE(r);
    CHECK(r->screen == Screen::Orders);
    CHECK(order_query_of(r->query) == q);
    // A value outside the unreserved set survives (percent-encoded UTF-8).
    Route odd{Screen::Orders, "", {{"period", "2026 年"}}};
    CHECK(format_route(odd) == "#/orders?period=2026%20%E5%B9%B4");
    CHECK(*parse_route(format_route(odd)) == odd);
    // The elder search text (a name) never goes into a URL.
    ElderQuery e;
    e.q = "郑嫦莲";
    e.town_id = 3;
    CHECK(query_of(e) == std::map<std::string, std::string>{{"town", "3"}});
}

TEST_CASE("routes: a list's sort, page size and date range survive the URL", "[client][navigation]") {
    ElderQuery e;
    e.sort = "-name";
    e.page_size = 50;
    e.page = 2;
    const std::string eh = format_route(Route{Screen::ElderList, "", query_of(e)});
    CHECK(eh.find("sort=-name") != std::string::npos);
    auto er = parse_route(eh);
    REQUIRE(er);
    CHECK(elder_query_of(er->query) == e);
    OrderQuery o;
    o.from = "2026-12-01";
    o.to = "2026-12-04";
    o.sort = "id";
    const auto oq = query_of(o);
    CHECK(oq.at("from") == "2026-12-01");
    CHECK(oq.at("to") == "2026-12-04");
    auto orr = parse_route(format_route(Route{Screen::Orders, "", oq}));
    REQUIRE(orr);
    CHECK(order_query_of(orr->query) == o);
}

TEST_CASE("history: clicks push entries, the browser's own moves do not, a failed open replaces",
          "[client][navigation]") {
    NavHistory h;
    h.browser_at("");                                               // page loaded without a hash
    CHECK(h.sync(std::nullopt).step == NavHistory::Step::None);     // signing in: nothing settled
    auto a = h.sync(std::string("#/home"));
    CHECK(a.step == NavHistory::Step::Replace);                     // the bare URL becomes #/home, no extra entry
    CHECK(h.sync(std::string("#/home")).step == NavHistory::Step::None);
    a = h.sync(std::string("#/orders"));
    CHECK(a.step == NavHistory::Step::Push);
    CHECK(a.hash == "#/orders");
    a = h.sync(std::string("#/orders/GD202612040001"));
    CHECK(a.step == NavHistory::Step::Push);
    // Back: the browser is at #/orders; the app follows without pushing.
    h.browser_at("#/orders");
    CHECK(h.sync(std::nullopt).step == NavHistory::Step::None);     // still loading
    CHECK(h.sync(std::string("#/orders")).step == NavHistory::Step::None);
    CHECK(h.sync(std::string("#/kpis")).step == NavHistory::Step::Push);   // the next click pushes again
    // A pasted link that cannot be opened: the app stays where it was, the entry is rewritten, not added.
    h.browser_at("#/orders/GD209901010001");
    a = h.sync(std::string("#/kpis"));
    CHECK(a.step == NavHistory::Step::Replace);
    CHECK(a.hash == "#/kpis");
}

TEST_CASE("deep link: an order's URL opens it by code after the session check", "[client][navigation]") {
    Dashboard d;
    const Recorded detail = recorded("order_detail");
    const std::string code = detail.body["order"]["code"].get<std::string>();
    d.app.open_location("#/orders/" + code);                        // the page was loaded with this hash
    CHECK_FALSE(d.app.location());                                  // nobody signed in: the URL is left alone
    d.sign_in_as("session_supervisor");
    CHECK_FALSE(d.app.location());                                  // the order is loading: still left alone
    REQUIRE(d.http.answer("GET", "/api/v1/orders/by-code/" + code, detail));
    CHECK(d.state().screen == Screen::OrderDetail);
    CHECK(d.app.location() == "#/orders/" + code);
    d.settle();
    // Navigating away and the browser's Back.
    d.apply(Navigate{Screen::Kpis});
    CHECK(d.app.location() == "#/kpis");
    d.app.open_location("#/orders/" + code);
    REQUIRE(d.http.answer("GET", "/api/v1/orders/by-code/" + code, detail));
    CHECK(d.state().screen == Screen::OrderDetail);
}

TEST_CASE("deep link: a screen the role does not have goes home with a Chinese message", "[client][navigation]") {
    Dashboard d;
    d.app.open_location("#/rules");
    d.sign_in_as("session_agent");
    d.settle();
    CHECK(d.state().screen == Screen::Home);
    CHECK(d.state().status.kind == StatusKind::Error);
    CHECK(d.state().status.text == "当前账号无权打开「规则管理」，已转到首页");
    CHECK(d.app.location() == "#/home");
}

TEST_CASE("deep link: an unknown order says which code was not found", "[client][navigation]") {
    Dashboard d;
    signed_in(d);
    d.app.open_location("#/orders/GD209901010001");
    REQUIRE(d.http.answer("GET", "/api/v1/orders/by-code/GD209901010001", 404,
                          json{{"error", {{"code", "not_found"}, {"message", "未找到编号为 GD209901010001 的工单"}}}}));
    CHECK(d.state().screen == Screen::Home);
    CHECK(d.state().status.text == "工单 GD209901010001 打开失败：未找到编号为 GD209901010001 的工单");
    CHECK(d.app.location() == "#/home");                            // the bad link is replaced by where we are
}

TEST_CASE("deep link: list filters in the URL become the list's query", "[client][navigation]") {
    Dashboard d;
    signed_in(d);
    d.app.open_location("#/orders?status=dispatched&page=2");
    CHECK(d.state().screen == Screen::Orders);
    CHECK(d.state().orders.query.status == "dispatched");
    CHECK(d.state().orders.query.page == 2);
    bool asked = false;
    for (const auto& line : d.http.log()) asked |= line.find("/api/v1/orders?page=2") != std::string::npos &&
                                                  line.find("status=dispatched") != std::string::npos;
    CHECK(asked);
    CHECK(d.app.location() == "#/orders?page=2&status=dispatched");
}

TEST_CASE("confirm: dispatch to the town asks, naming the order and the town; cancel sends nothing",
          "[client][navigation][orders]") {
    Dashboard d;
    signed_in(d);
    const std::string code = open_recorded_order(d);
    d.settle();
    d.apply(OrdersIntent{OrdersQuickAction{"dispatch_town"}});
    REQUIRE(d.state().nav.confirm);
    CHECK(d.state().nav.confirm->id == "order.dispatch_town");
    CHECK(d.state().nav.confirm->message.find(code) != std::string::npos);
    CHECK(d.state().nav.confirm->message.find("镇街将收到通知") != std::string::npos);
    CHECK(transitions_sent(d) == 0);                                // nothing sent yet
    d.apply(NavIntent{NavCancel{}});
    CHECK_FALSE(d.state().nav.confirm);
    CHECK(transitions_sent(d) == 0);
    d.apply(OrdersIntent{OrdersQuickAction{"dispatch_town"}});
    d.apply(NavIntent{NavConfirm{}});
    REQUIRE(transitions_sent(d) == 1);
    const auto sent_it = std::find_if(d.http.waiting().begin(), d.http.waiting().end(),
                                      [](const SentRequest& r) { return r.url.find("/transitions") != std::string::npos; });
    REQUIRE(sent_it != d.http.waiting().end());
    CHECK(sent_it->body["action"] == "dispatch_town");
}

TEST_CASE("confirm: dispatch to a provider names it; without a choice the form's own message shows first",
          "[client][navigation][orders]") {
    Dashboard d;
    signed_in(d);
    open_recorded_order(d);
    d.settle();
    d.apply(OrdersIntent{OrdersSelectAction{"dispatch_provider"}});
    d.apply(OrdersIntent{OrdersSubmit{}});
    CHECK_FALSE(d.state().nav.confirm);                             // no provider chosen: the field says so
    CHECK(d.state().orders.field_errors.count("provider_id"));
    OrderActionForm f = d.state().orders.form;
    REQUIRE_FALSE(d.state().orders.providers.empty());
    f.provider_id = d.state().orders.providers.front().id;
    d.apply(OrdersIntent{OrdersEditForm{f}});
    d.apply(OrdersIntent{OrdersSubmit{}});
    REQUIRE(d.state().nav.confirm);
    CHECK(d.state().nav.confirm->message.find(d.state().orders.providers.front().name) != std::string::npos);
    CHECK(d.state().nav.confirm->message.find("服务商将收到通知") != std::string::npos);
}

TEST_CASE("confirm: leaving an order with typed input asks; leaving without input does not",
          "[client][navigation]") {
    Dashboard d;
    signed_in(d);
    open_recorded_order(d);
    d.settle();
    d.apply(Navigate{Screen::Kpis});                                // nothing typed: leaves at once
    CHECK(d.state().screen == Screen::Kpis);
    CHECK_FALSE(d.state().nav.confirm);
    open_recorded_order(d);
    d.settle();
    d.apply(OrdersIntent{OrdersSelectAction{"cancel"}});
    OrderActionForm f = d.state().orders.form;
    f.reason = "老人已入住养老院";
    d.apply(OrdersIntent{OrdersEditForm{f}});
    CHECK(d.app.has_unsaved_edits());
    d.apply(Navigate{Screen::Kpis});
    REQUIRE(d.state().nav.confirm);
    CHECK(d.state().nav.confirm->id == "leave");
    CHECK(d.state().screen == Screen::OrderDetail);
    d.apply(NavIntent{NavCancel{}});
    CHECK(d.state().screen == Screen::OrderDetail);
    CHECK(d.state().orders.form.reason == "老人已入住养老院");
    // The cancel itself confirms with its reason in the message.
    d.apply(OrdersIntent{OrdersSubmit{}});
    REQUIRE(d.state().nav.confirm);
    CHECK(d.state().nav.confirm->message.find("老人已入住养老院") != std::string::npos);
    d.apply(NavIntent{NavCancel{}});
    d.apply(Navigate{Screen::Kpis});
    d.apply(NavIntent{NavConfirm{}});
    CHECK(d.state().screen == Screen::Kpis);
}

TEST_CASE("draft: the intake draft is kept for its user, restored after a reload, cleared on sign-out",
          "[client][navigation][intake]") {
    std::string stored;
    {
        Dashboard d;
        signed_in(d, "session_agent");
        CHECK(d.app.draft_storage() == std::string());              // nothing typed: nothing kept
        d.apply(Navigate{Screen::Intake});
        OrderDraft draft = d.state().intake.form.draft;
        draft.type = OrderType::Complaint;
        draft.description = "上门服务迟到两小时";
        d.apply(IntakeIntent{EditDraft{draft, "description"}});
        const auto saved = d.app.draft_storage();
        REQUIRE(saved);
        REQUIRE_FALSE(saved->empty());
        stored = *saved;
        CHECK(json::parse(stored)["user"] == d.state().user->username);
        CHECK(d.app.has_unsaved_edits());
        // 新来电 with a draft asks first.
        d.apply(IntakeIntent{NewCall{}});
        REQUIRE(d.state().nav.confirm);
        CHECK(d.state().nav.confirm->id == "intake.new_call");
        d.apply(NavIntent{NavCancel{}});
        CHECK(d.state().intake.form.draft.description == "上门服务迟到两小时");
    }
    {
        Dashboard d;                                                // F5: a new page in the same tab
        d.app.set_stored_draft(stored);
        d.app.open_location("#/intake");
        CHECK_FALSE(d.app.draft_storage());                         // loading: storage left alone
        d.sign_in_as("session_agent");
        d.settle();
        CHECK(d.state().screen == Screen::Intake);
        CHECK(d.state().nav.draft_restored);
        CHECK(d.state().intake.form.draft.description == "上门服务迟到两小时");
        CHECK(d.state().intake.form.draft.type == OrderType::Complaint);
        CHECK(d.state().status.text == "已恢复未提交的草稿（来电受理）");
        d.apply(SignOut{});                                         // asks: the draft would be lost
        REQUIRE(d.state().nav.confirm);
        d.apply(NavIntent{NavConfirm{}});
        CHECK(d.state().screen == Screen::SignIn);
        CHECK(d.app.draft_storage() == std::string());              // removed from sessionStorage
    }
    {
        Dashboard d;                                                // another user in the same tab
        d.app.set_stored_draft(stored);
        signed_in(d, "session_supervisor");
        CHECK_FALSE(d.state().nav.draft_restored);
        CHECK(d.state().intake.form.draft == OrderDraft{});
    }
}

// ---- the chain's records (issue 11): assessment month, statement, year ------------------------------------------

TEST_CASE("routes: a provider's assessment month, statement and year each have a URL; a malformed one is named",
          "[client][navigation][chain]") {
    CHECK(assessment_link(12, "2026-10", "home_visit") == "#/assessment?month=2026-10&project=home_visit&provider=12");
    CHECK(assessment_link(12, "2026-10") == "#/assessment?month=2026-10&provider=12");
    CHECK(settlement_link(12, "2026-10") == "#/settlement?month=2026-10&provider=12");
    CHECK(settlement_link(12, "2026-10", 4) == "#/settlement?month=2026-10&provider=12&statement=4");
    CHECK(contracts_link(12, 2026) == "#/contracts?provider=12&year=2026");
    CHECK(contracts_link(12, std::string("2026-10")) == "#/contracts?provider=12&year=2026");
    for (const std::string& hash : {assessment_link(12, "2026-10", "home_visit"), settlement_link(3, "2025-01", 9),
                                   contracts_link(7, 2025)}) {
        INFO(hash);
        const auto r = parse_route(hash);
        REQUIRE(r);
        CHECK(format_route(*r) == hash);
        CHECK(route_query_error(*r).empty());
    }
    CHECK(parse_route("#/assessment?provider=12&month=2026-10")->screen == Screen::Assessment);
    const auto error_of = [](const std::string& hash) { return route_query_error(*parse_route(hash)); };
    CHECK(error_of("#/settlement?provider=12&month=2026-13") == "「结算」链接中的 month=“2026-13” 应写作 2026-10");
    CHECK(error_of("#/assessment?provider=abc&month=2026-10") == "「考核」链接中的 provider=“abc” 应为正整数编号");
    CHECK(error_of("#/assessment?provider=1&project=Home-Visit") ==
          "「考核」链接中的 project=“Home-Visit” 应为项目代码（如 home_visit）");
    CHECK(error_of("#/assessment?project=home_visit") == "「考核」链接中有 project 而没有 provider：请指明服务机构");
    CHECK(error_of("#/contracts?provider=1&year=26") == "「合同与年度」链接中的 year=“26” 应为 2000–2100 的年份");
    CHECK(error_of("#/contracts?provider=1&month=2026-10") == "「合同与年度」链接中的 month=“2026-10” 不是该页面的参数");
    CHECK(error_of("#/orders?page=x").empty());   // other screens: their own lenient filters
}

TEST_CASE("deep link: an assessment month's URL opens that provider's month from the month's list",
          "[client][navigation][chain]") {
    Dashboard d;
    signed_in(d);
    wire::AssessmentMonthList list;
    list.month = "2026-10";
    for (const auto& [id, provider, project] : {std::tuple{31, 12, "home_visit"}, std::tuple{32, 12, "visiting"},
                                                std::tuple{33, 14, "home_visit"}}) {
        wire::AssessmentMonthSummary m;
        m.id = id;
        m.provider_id = provider;
        m.project_code = project;
        m.month = "2026-10";
        m.status = "open";
        list.items.push_back(m);
    }
    SECTION("the project named") {
        d.app.open_location(assessment_link(12, "2026-10", "visiting"));
        CHECK(d.state().screen == Screen::Assessment);
        CHECK(d.state().assessment.months.month == "2026-10");
        CHECK(sent(d, "GET /api/v1/assessment/months?month=2026-10"));
        REQUIRE(d.http.answer("GET", "/api/v1/assessment/months", 200, json(list)));
        CHECK(sent(d, "GET /api/v1/assessment/months/32"));
        CHECK_FALSE(sent(d, "GET /api/v1/assessment/months/31"));
        CHECK_FALSE(d.app.location());   // the month is loading: the URL is left as the link said
    }
    SECTION("no project: the provider's first") {
        d.app.open_location(assessment_link(12, "2026-10"));
        REQUIRE(d.http.answer("GET", "/api/v1/assessment/months", 200, json(list)));
        CHECK(sent(d, "GET /api/v1/assessment/months/31"));
    }
    SECTION("a provider without a month that month: said so") {
        d.app.open_location(assessment_link(99, "2026-10"));
        REQUIRE(d.http.answer("GET", "/api/v1/assessment/months", 200, json(list)));
        CHECK_FALSE(sent(d, "GET /api/v1/assessment/months/3"));
        CHECK(d.state().assessment.months.error == "服务机构 #99 2026-10 的考核尚未开启");
        d.settle();
        CHECK(d.app.location() == "#/assessment?month=2026-10");   // the list of that month, not the link
    }
}

TEST_CASE("deep link: a statement's and a year's URLs open that provider's; a click between them is a history entry",
          "[client][navigation][chain]") {
    Dashboard d;
    signed_in(d);
    d.app.open_location(settlement_link(12, "2026-10"));
    CHECK(d.state().screen == Screen::Settlement);
    CHECK(d.state().settlement.month == "2026-10");
    CHECK(d.state().settlement.provider_id == 12);
    CHECK(sent(d, "GET /api/v1/settlement/statements?month=2026-10"));
    CHECK(sent(d, "GET /api/v1/settlement/drafts?provider_id=12&month=2026-10"));
    CHECK(d.app.location() == settlement_link(12, "2026-10"));
    // 年度付款: a click (NavOpen) to the provider's year.
    d.apply(NavIntent{NavOpen{contracts_link(12, 2026)}});
    CHECK(d.state().screen == Screen::Contracts);
    CHECK(d.state().contracts.provider_id == 12);
    CHECK(d.state().contracts.year == 2026);
    CHECK(sent(d, "GET /api/v1/contracts?provider_id=12&year=2026"));
    CHECK(sent(d, "GET /api/v1/assessment/year?provider_id=12&year=2026"));
    CHECK(d.app.location() == contracts_link(12, 2026));
    // Back: the browser is at the statement again.
    d.app.open_location(settlement_link(12, "2026-10"));
    CHECK(d.state().screen == Screen::Settlement);
    CHECK(d.app.location() == settlement_link(12, "2026-10"));
    // A malformed one: the screen, as it was, and what is wrong.
    d.app.open_location("#/settlement?provider=12&month=2026-13");
    CHECK(d.state().screen == Screen::Settlement);
    CHECK(d.state().status.kind == StatusKind::Error);
    CHECK(d.state().status.text == "「结算」链接中的 month=“2026-13” 应写作 2026-10，已打开该页面");
    CHECK(d.state().settlement.month == "2026-10");
}

TEST_CASE("order: a callback that found no service points at the provider's month", "[client][navigation][chain]") {
    OrdersState o;
    CHECK_FALSE(not_received_month(o));
    o.current = OrderView{};
    o.current->order.provider_id = 12;
    o.history_loaded = true;
    OrderHistoryEntry create;
    create.at = "2026-10-02T09:00:00";
    create.action = "create";
    OrderHistoryEntry callback;
    callback.at = "2026-10-28T16:30:00";
    callback.action = "callback";
    callback.details = json{{"satisfaction", 5}, {"service_received", true}};
    o.history = {create, callback};
    CHECK_FALSE(not_received_month(o));   // the elder said it happened
    o.history[1].details["service_received"] = false;
    CHECK(not_received_month(o) == ChainMonth{12, "2026-10"});
    o.current->order.provider_id.reset();
    CHECK_FALSE(not_received_month(o));   // no provider: nothing to count against
}

}  // namespace test_navigation
