// Navigation in the app layer: hash routes parsed and formatted from the screen table, the browser history kept
// in step (NavHistory), deep links opened after sign-in (by order code), refused screens, confirmations before
// irreversible order actions and before leaving unsaved edits, and the intake draft kept across a reload.
#include <catch2/catch.hpp>

#include <algorithm>

#include "app/routes.hpp"
#include "app/screens.hpp"
#include "fakes.hpp"

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
