// The dashboard's app layer (client_wasm/app) driven natively: the real App, fed recorded server replies
// (tests/fixtures/replies, scripts/record-replies.sh) through the fake transport, with a fake clock and page.
// Each test follows one path a person takes: signing in, lists, an order, the live feed, failures, navigation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "app/screens.hpp"
#include "fakes.hpp"
#include "yiyang/date.hpp"

namespace test_app {

using namespace yiyang;
using namespace yiyang::client;
using namespace yiyang::client::testing;
using nlohmann::json;

namespace {

// Signed in as the recorded user, start-up loads answered; the first live poll may be left waiting.
void signed_in(Dashboard& d, const std::string& session = "session_supervisor") {
    d.sign_in_as(session);
    d.settle();
    REQUIRE(d.state().screen == Screen::Home);
}

}  // namespace

TEST_CASE("start: no session cookie shows the sign-in screen without an error", "[client][session]") {
    Dashboard d;
    CHECK(d.state().screen == Screen::Loading);
    d.app.start();
    REQUIRE(d.http.waiting_urls() == std::vector<std::string>{"GET /api/v1/me"});
    REQUIRE(d.http.answer("GET", "/api/v1/me", recorded("me_signed_out")));
    CHECK(d.state().screen == Screen::SignIn);
    CHECK(d.state().status.kind == StatusKind::None);      // a missing session is not an error
    CHECK_FALSE(d.state().user.has_value());
}

TEST_CASE("sign-in: a refused password keeps the name, clears the password, shows the server's message",
          "[client][session]") {
    Dashboard d;
    d.app.start();
    d.http.answer("GET", "/api/v1/me", recorded("me_signed_out"));
    REQUIRE(d.answer_health());                             // the sign-in screen asks whether this is a demo
    d.apply(SignIn{});                                      // empty form: refused here, nothing sent
    CHECK(d.state().sign_in.error == "请输入用户名和密码");
    CHECK(d.http.waiting().empty());
    d.apply(EditSignIn{SignInForm{"r_supervisor", "wrong-password-1", ""}});
    d.apply(SignIn{});
    REQUIRE(d.http.waiting().size() == 1);
    const SentRequest& req = d.http.waiting().front();
    CHECK(req.url == "/api/v1/session");
    CHECK(req.body == json{{"username", "r_supervisor"}, {"password", "wrong-password-1"}});
    REQUIRE(d.http.answer("POST", "/api/v1/session", recorded("session_bad_password")));
    CHECK(d.state().screen == Screen::SignIn);
    CHECK(d.state().sign_in.error == recorded("session_bad_password").body["error"]["message"].get<std::string>());
    CHECK(d.state().sign_in.username == "r_supervisor");
    CHECK(d.state().sign_in.password.empty());
}

TEST_CASE("sign-in: the supervisor reaches the home screen with towns, figures and tiles loaded",
          "[client][session]") {
    Dashboard d;
    d.sign_in_as("session_supervisor");
    CHECK(d.state().screen == Screen::Home);
    REQUIRE(d.state().user);
    CHECK(d.state().user->role == Role::Supervisor);
    CHECK(d.state().sign_in.password.empty());             // the password does not stay in memory
    CHECK(d.state().can_edit_elders);
    d.settle();
    CHECK(sent(d, "GET /api/v1/towns"));
    CHECK(sent(d, "GET /api/v1/overview"));
    CHECK(sent(d, "GET /api/v1/kpis?period="));
    const json overview = recorded("overview").body;
    REQUIRE(d.state().overview);
    CHECK(d.state().overview->active_elders == overview["active_elders"].get<std::int64_t>());
    CHECK(d.state().overview->month_orders == overview["month_orders"].get<std::int64_t>());
    CHECK(d.state().overview->towns.size() == overview["towns"].size());
    CHECK(d.state().towns.size() == recorded("towns").body["towns"].size());
    CHECK(d.state().live.tiles.items.size() == recorded("kpis").body["items"].size());
    // The work queues with their counts, for the home's queue tiles.
    CHECK(sent(d, "GET /api/v1/queues"));
    REQUIRE(d.state().orders.queues);
    CHECK(d.state().orders.queues->queues.size() == 4);
    CHECK(d.state().orders.queues->scope_label == "全市");
    CHECK(d.state().pending_requests == 0);
}

TEST_CASE("work queues: a home tile opens the list of its queue; the search box searches as you type",
          "[client][orders][queues]") {
    Dashboard d;
    d.sign_in_as("session_supervisor");
    d.settle();
    d.http.always("GET", "/api/v1/orders", recorded("orders"));
    d.app.apply(OrdersIntent{OrdersOpenQueue{"awaiting_review"}});
    d.settle();
    CHECK(d.state().screen == Screen::Orders);
    CHECK(sent(d, "GET /api/v1/orders?page=1&page_size=20&queue=awaiting_review"));
    CHECK(d.state().orders.list.query.queue == "awaiting_review");

    // Typing: nothing is sent until a quiet moment, then one search with the last text.
    OrderQuery q = d.state().orders.query;
    q.queue.clear();
    for (const char* text : {"G", "GD", "GD2026"}) {
        q.q = text;
        d.app.apply(OrdersIntent{OrdersSearchSoon{q}});
        d.run(100);
    }
    auto searches = [&] {
        return std::count_if(d.http.log().begin(), d.http.log().end(),
                             [](const std::string& l) { return l.find("/api/v1/orders?") != std::string::npos &&
                                                               l.find("&q=") != std::string::npos; });
    };
    CHECK(searches() == 0);
    d.run(400);
    d.settle();
    CHECK(searches() == 1);
    CHECK(sent(d, "GET /api/v1/orders?page=1&page_size=20&sort=-created_at&q=GD2026"));
    CHECK(d.state().orders.list.query.q == "GD2026");
}

TEST_CASE("orders: a list page is parsed into state with its total", "[client][orders]") {
    Dashboard d;
    signed_in(d);
    d.apply(Navigate{Screen::Orders});
    CHECK(d.state().screen == Screen::Orders);
    const auto it = std::find_if(d.http.waiting().begin(), d.http.waiting().end(),
                                 [](const SentRequest& r) { return r.path() == "/api/v1/orders"; });
    REQUIRE(it != d.http.waiting().end());
    CHECK(it->url == "/api/v1/orders?page=1&page_size=20&sort=-created_at");
    const Recorded page = recorded("orders");
    REQUIRE(d.http.answer("GET", "/api/v1/orders", page));
    const OrderListData& list = d.state().orders.list;
    REQUIRE(list.loaded);
    CHECK(list.total == page.body["total"].get<std::int64_t>());
    REQUIRE(list.items.size() == page.body["items"].size());
    CHECK(list.items.front().order.code == page.body["items"][0]["code"].get<std::string>());
    CHECK(list.items.front().version == page.body["items"][0]["version"].get<std::int64_t>());
    CHECK(list.items.back().order.id == page.body["items"].back()["id"].get<Id>());
}

TEST_CASE("orders: an order's detail is parsed with the actions the server offers", "[client][orders]") {
    Dashboard d;
    signed_in(d);
    const Recorded detail = recorded("order_detail");
    const Id id = detail.body["order"]["id"].get<Id>();
    d.apply(OrdersIntent{OrdersOpen{id}});
    REQUIRE(d.http.answer("GET", "/api/v1/orders/" + std::to_string(id), detail));
    CHECK(d.state().screen == Screen::OrderDetail);
    REQUIRE(d.state().orders.current);
    CHECK(d.state().orders.current->order.code == detail.body["order"]["code"].get<std::string>());
    CHECK(d.state().orders.current->order.status == OrderStatus::Received);
    CHECK(d.state().orders.current->version == detail.body["order"]["version"].get<std::int64_t>());
    CHECK(d.state().orders.legal_actions == detail.body["legal_actions"].get<std::vector<std::string>>());
    // It may be dispatched to a provider: the ranked candidates and the history are asked for.
    CHECK(sent(d, "GET /api/v1/dispatch/candidates?order=" + std::to_string(id)));
    CHECK(sent(d, "GET /api/v1/orders/" + std::to_string(id) + "/history"));
    REQUIRE(d.http.answer("GET", "/api/v1/orders/" + std::to_string(id) + "/history", recorded("order_history")));
    CHECK(d.state().orders.history_loaded);
    CHECK(d.state().orders.history.size() == recorded("order_history").body["events"].size());
}

TEST_CASE("live feed: polling on the clock brings an emergency with its due time, the alarm beeps",
          "[client][live]") {
    Dashboard d;
    signed_in(d);
    // settle() ran frames: the first poll is out, quietly (no spinner), and only one at a time.
    auto polls = [&] {
        return std::count_if(d.http.waiting().begin(), d.http.waiting().end(),
                             [](const SentRequest& r) { return r.path() == "/api/v1/live"; });
    };
    REQUIRE(polls() == 1);
    CHECK(d.http.waiting().back().quiet);
    d.run(3000);
    CHECK(polls() == 1);
    const Recorded live = recorded("live_baseline");
    REQUIRE(d.http.answer("GET", "/api/v1/live", live));
    const json& e = live.body["emergencies"][0];
    REQUIRE(d.state().live.emergencies.size() == 1);
    const EmergencyItem& item = d.state().live.emergencies.front();
    CHECK(item.code == e["code"].get<std::string>());
    CHECK(item.due_at == e["due_s"].get<LocalSeconds>());              // "due_at" text, same instant
    CHECK(item.due_at == *parse_timestamp(e["due_at"].get<std::string>()));
    CHECK_FALSE(item.acknowledged_at.has_value());
    CHECK(d.state().live.seq == live.body["seq"].get<std::int64_t>());
    CHECK(d.page.wakes > 0);                                           // the idle page is woken to show it
    // The countdown runs on the fake clock: 10 s later 10 s less are left.
    const double left0 = emergency_seconds_left(item, d.state().live.server_now_s);
    d.run(10000);
    const double left1 = emergency_seconds_left(d.state().live.emergencies.front(), d.state().live.server_now_s);
    CHECK(left0 - left1 == Approx(10.0).margin(0.2));
    CHECK(d.page.beeps >= 4);                                          // every ~2 s while nobody acknowledged
    CHECK(d.app.animating());
    // The next poll asks for what came after the seq seen.
    CHECK(sent(d, "GET /api/v1/live?after=" + std::to_string(live.body["seq"].get<std::int64_t>())));
}

TEST_CASE("live feed: a failed poll backs off and polling resumes", "[client][live]") {
    Dashboard d;
    signed_in(d);
    REQUIRE(d.http.fail("GET", "/api/v1/live"));
    CHECK(d.state().live.poll_errors == 1);
    d.run(3000);                                                        // within the 5 s back-off: no poll
    CHECK(d.http.waiting().empty());
    d.run(2500);
    REQUIRE(d.http.waiting().size() == 1);
    CHECK(d.http.waiting().front().path() == "/api/v1/live");
    CHECK(d.state().screen == Screen::Home);                           // still signed in
}

TEST_CASE("a 401 after sign-in ends the session: back to sign-in, name kept", "[client][session]") {
    Dashboard d;
    signed_in(d);
    d.apply(Navigate{Screen::Orders});
    REQUIRE(d.http.answer("GET", "/api/v1/orders", recorded("me_signed_out")));   // the session ran out
    CHECK(d.state().screen == Screen::SignIn);
    CHECK_FALSE(d.state().user.has_value());
    CHECK(d.state().sign_in.username == "r_supervisor");
    CHECK(d.state().sign_in.error == "会话已过期，请重新登录");
    CHECK(d.state().orders.list.items.empty());                        // nothing of the old session stays
    // A late reply of the ended session is dropped.
    const std::size_t before = d.state().live.emergencies.size();
    d.http.answer("GET", "/api/v1/live", recorded("live_baseline"));
    CHECK(d.state().live.emergencies.size() == before);
    CHECK(d.state().screen == Screen::SignIn);
}

TEST_CASE("a network error (status 0) is reported and the typed input stays", "[client][errors]") {
    Dashboard d;
    signed_in(d);
    d.apply(Navigate{Screen::ElderList});
    d.http.answer("GET", "/api/v1/elders", recorded("elders"));
    ElderQuery q = d.state().query;
    q.q = "陈";
    d.apply(EditQuery{q});
    d.apply(SearchElders{q});
    REQUIRE(d.http.fail("GET", "/api/v1/elders"));
    CHECK(d.state().status.kind == StatusKind::Error);
    CHECK(d.state().status.text == "查询失败：无法连接服务器，请检查网络后重试");
    CHECK(d.state().query.q == "陈");                                  // the search text is still there
    CHECK(d.state().screen == Screen::ElderList);
    CHECK(d.state().user.has_value());                                 // not signed out
    CHECK(d.state().elders.total == recorded("elders").body["total"].get<std::int64_t>());   // last result kept
}

TEST_CASE("intake: the draft survives a refused submit and a failed one, then goes through",
          "[client][intake]") {
    Dashboard d;
    signed_in(d, "session_agent");
    d.apply(Navigate{Screen::Intake});
    REQUIRE(d.state().screen == Screen::Intake);
    d.http.forget();                                                    // the screen's own loads: not this test's
    OrderDraft draft = d.state().intake.form.draft;
    draft.channel = Channel::Hotline;
    draft.type = OrderType::Consultation;
    draft.without_elder = true;
    draft.town_id = 99999;                                              // as recorded: no such town
    draft.description = "咨询助餐补贴";
    d.apply(IntakeIntent{EditDraft{draft, "description"}});
    d.apply(IntakeIntent{SubmitOrder{}});
    REQUIRE(d.http.waiting().size() == 1);
    CHECK(d.http.waiting().front().body["town_id"] == 99999);
    CHECK(d.http.waiting().front().body["type"] == "consultation");
    REQUIRE(d.http.answer("POST", "/api/v1/orders", recorded("order_create_refused")));
    const IntakeForm& f = d.state().intake.form;
    CHECK(f.draft == draft);
    CHECK_FALSE(f.submitting);
    CHECK_FALSE(f.created.has_value());
    REQUIRE(f.server.count("town_id"));
    CHECK(f.server.at("town_id") == "未找到编号为 99999 的镇街");
    CHECK(d.state().status.text == "提交失败：工单信息未通过校验：未找到编号为 99999 的镇街");

    // The network fails on the second try: still nothing lost.
    d.apply(IntakeIntent{SubmitOrder{}});
    REQUIRE(d.http.fail("POST", "/api/v1/orders"));
    CHECK(d.state().intake.form.draft == draft);
    CHECK(d.state().status.text == "提交失败：无法连接服务器，请检查网络后重试");

    // The third goes through: the created order is shown with its code.
    d.apply(IntakeIntent{SubmitOrder{}});
    const Recorded created = recorded("order_created_emergency");
    REQUIRE(d.http.answer("POST", "/api/v1/orders", created));
    REQUIRE(d.state().intake.form.created);
    CHECK(d.state().intake.form.created->code == created.body["order"]["code"].get<std::string>());
    CHECK(d.state().status.text == "已受理：" + created.body["order"]["code"].get<std::string>());
}

TEST_CASE("knowledge search is debounced on the timer: one request with the last text", "[client][intake]") {
    Dashboard d;
    signed_in(d);
    d.apply(Navigate{Screen::Knowledge});
    d.settle();
    d.http.forget();
    const std::size_t sent_before = d.http.log().size();
    d.apply(IntakeIntent{EditKbSearch{false, "助", ""}});
    d.timers.advance(200);
    d.apply(IntakeIntent{EditKbSearch{false, "助餐", ""}});
    d.timers.advance(200);                                             // 400 ms after the first key, 200 after the last
    CHECK(d.http.log().size() == sent_before);
    d.timers.advance(150);
    REQUIRE(d.http.log().size() == sent_before + 1);
    CHECK(d.http.log().back() == "GET /api/v1/knowledge?page=1&page_size=20&q=%E5%8A%A9%E9%A4%90");
    const Recorded r = recorded("knowledge_search");
    REQUIRE(d.http.answer("GET", "/api/v1/knowledge", r));
    CHECK(d.state().intake.kb.loaded);
    CHECK(d.state().intake.kb.total == r.body["total"].get<std::int64_t>());
    CHECK(d.state().intake.kb.items.size() == r.body["items"].size());
}

TEST_CASE("navigation refuses a screen the role does not have", "[client][screens]") {
    Dashboard d;
    signed_in(d, "session_agent");
    const std::size_t sent_before = d.http.log().size();
    d.apply(Navigate{Screen::Rules});
    CHECK(d.state().screen == Screen::Home);
    CHECK(d.state().status.text == "当前账号无权打开「规则管理」");
    CHECK(d.http.log().size() == sent_before);                          // nothing asked of the server
    d.apply(Navigate{Screen::Orders});                                  // one it has
    CHECK(d.state().screen == Screen::Orders);
}

TEST_CASE("the administrator opens 规则管理 and its list loads", "[client][screens]") {
    Dashboard d;
    signed_in(d, "session_admin");
    d.apply(Navigate{Screen::Rules});
    REQUIRE(d.state().screen == Screen::Rules);
    const Recorded rules = recorded("rules");
    REQUIRE(d.http.answer("GET", "/api/v1/rules", rules));
    CHECK(d.state().rules.loaded);
    REQUIRE(d.state().rules.kinds.size() == rules.body["kinds"].size());
    CHECK(d.state().rules.kinds.front().code == rules.body["kinds"][0]["code"].get<std::string>());
}

TEST_CASE("the screen table: one row per screen, navigation per role from shared/access", "[client][screens]") {
    const auto& table = screen_table();
    std::set<std::string> ids;
    std::set<ScreenCode> codes;
    for (const ScreenSpec& row : table) {
        CHECK(&screen_spec(row.screen) == &row);                         // every Screen found, once
        CHECK(ids.insert(row.id).second);
        CHECK(std::string(row.title_zh).size() > 0);
        CHECK(row.code.has_value() == (row.layout == ScreenLayout::Framed));   // framed = some role has it
        if (row.code) CHECK(codes.insert(*row.code).second);
    }
    CHECK(codes.size() == all_screen_codes().size());                   // every shared code has its row
    CHECK(std::string(screen_name(Screen::OrderDetail)) == "order_detail");
    CHECK(std::string(screen_title_zh(Screen::Rules)) == "规则管理");

    auto nav_of = [](Role role) {
        AppState s;
        s.user = User{};
        s.user->role = role;
        std::vector<std::string> out;
        for (const ScreenSpec* e : nav_entries(s)) out.emplace_back(e->title_zh);
        return out;
    };
    using V = std::vector<std::string>;
    CHECK(nav_of(Role::Admin) ==
          V{"首页", "来电受理", "工单", "督办", "绩效指标", "绩效目标表", "知识库", "通话记录", "服务对象", "规则管理", "核查", "考核", "结算",
            "合同与年度", "服务地图", "展厅设备", "展厅", "工作台账", "服务商监管", "巡查", "报表"});
    CHECK(nav_of(Role::Supervisor) ==
          V{"首页", "来电受理", "工单", "督办", "绩效指标", "绩效目标表", "知识库", "通话记录", "服务对象", "核查", "考核", "结算", "合同与年度", "服务地图", "展厅",
            "工作台账", "服务商监管", "巡查", "报表"});
    CHECK(nav_of(Role::Agent) ==
          V{"首页", "来电受理", "工单", "督办", "绩效指标", "知识库", "通话记录", "服务对象", "核查", "服务地图", "展厅", "工作台账", "服务商监管"});
    CHECK(nav_of(Role::Town) == V{"首页", "工单", "督办", "绩效指标", "服务对象", "核查", "服务地图", "巡查"});
    CHECK(nav_of(Role::Provider) == V{"首页", "工单", "绩效指标", "服务对象", "核查", "考核", "结算", "合同与年度"});   // own signed months
    CHECK(nav_of(Role::Kiosk) == V{"首页"});
    CHECK(nav_of(Role::Leader) == V{"首页", "绩效目标表", "核查", "考核", "结算", "合同与年度", "服务地图", "展厅", "工作台账", "服务商监管", "巡查", "报表"});   // the bureau leader: figures, sign-off, review, reading
    CHECK(nav_entries(AppState{}).empty());                            // nobody signed in
}

TEST_CASE("sign-out forgets the session and drops its late replies", "[client][session]") {
    Dashboard d;
    signed_in(d);
    d.apply(Navigate{Screen::Orders});
    d.apply(SignOut{});
    CHECK(d.state().screen == Screen::SignIn);
    CHECK(d.state().status.text == "已退出登录");
    CHECK(sent(d, "DELETE /api/v1/session"));
    d.http.answer("GET", "/api/v1/orders", recorded("orders"));        // arrives after signing out
    CHECK_FALSE(d.state().orders.list.loaded);
    CHECK_FALSE(d.state().user.has_value());
}

TEST_CASE("start: a live session cookie goes straight to the home screen", "[client][session]") {
    Dashboard d;
    d.app.start();
    const Recorded me = recorded("me_supervisor");
    REQUIRE(d.http.answer("GET", "/api/v1/me", me));
    CHECK(d.state().screen == Screen::Home);
    REQUIRE(d.state().user);
    CHECK(d.state().user->username == me.body["user"]["username"].get<std::string>());
    CHECK(sent(d, "GET /api/v1/overview"));
}

TEST_CASE("督办: the watch list is parsed with the server's counts and refreshed on the clock", "[client][live]") {
    Dashboard d;
    signed_in(d);
    d.apply(Navigate{Screen::Watch});
    const Recorded watch = recorded("watch");
    REQUIRE(d.http.answer("GET", "/api/v1/watch", watch));
    const WatchData& w = d.state().live.watch;
    REQUIRE(w.loaded);
    CHECK(w.rows.size() == watch.body["items"].size());
    CHECK(w.overdue == watch.body["overdue"].get<std::int64_t>());
    CHECK(w.due_soon == watch.body["due_soon"].get<std::int64_t>());
    CHECK(w.by_town.size() == watch.body["by_town"].size());
    CHECK(w.rows.front().order_code == watch.body["items"][0]["order_code"].get<std::string>());
    // Every 10 s while the screen is shown it asks again.
    d.run(11000);
    // (paged like the other lists: page 1 of 20 unless the person chose otherwise)
    CHECK(std::count(d.http.log().begin(), d.http.log().end(), "GET /api/v1/watch?page=1&page_size=20") == 2);
}

TEST_CASE("sign-in: a network error says so and keeps what was typed, the retry signs in", "[client][session][errors]") {
    Dashboard d;
    d.app.start();
    d.http.answer("GET", "/api/v1/me", recorded("me_signed_out"));
    d.answer_health();
    d.apply(EditSignIn{SignInForm{"r_supervisor", "pw-record-supervisor-Kx7q", ""}});
    d.apply(SignIn{});
    REQUIRE(d.http.fail("POST", "/api/v1/session"));
    CHECK(d.state().screen == Screen::SignIn);
    CHECK(d.state().sign_in.error == "无法连接服务器，请检查网络后重试");
    CHECK(d.state().sign_in.username == "r_supervisor");
    CHECK(d.state().sign_in.password == "pw-record-supervisor-Kx7q");   // no reply: nothing was refused
    d.apply(SignIn{});                                                 // the same input, sent again
    REQUIRE(d.http.waiting().size() == 1);
    CHECK(d.http.waiting().front().body["password"] == "pw-record-supervisor-Kx7q");
    REQUIRE(d.http.answer("POST", "/api/v1/session", recorded("session_supervisor")));
    CHECK(d.state().screen == Screen::Home);
    CHECK(d.state().sign_in.password.empty());
}

TEST_CASE("intake: an emergency is sent without a description typed first", "[client][intake][emergency]") {
    Dashboard d;
    signed_in(d, "session_agent");
    d.apply(Navigate{Screen::Intake});
    d.http.forget();
    OrderDraft draft = d.state().intake.form.draft;
    draft.channel = Channel::Hotline;
    draft.type = OrderType::Emergency;
    draft.without_elder = true;
    draft.town_id = 1;
    draft.description.clear();                                          // 30 seconds count: nothing typed
    d.apply(IntakeIntent{EditDraft{draft, "type"}});
    CHECK(d.state().intake.form.local.count("description") == 0);
    d.apply(IntakeIntent{SubmitOrder{}});
    REQUIRE(d.http.waiting().size() == 1);
    CHECK(d.http.waiting().front().body["type"] == "emergency");
    CHECK(d.http.waiting().front().body["description"] == "");
    CHECK(d.state().intake.form.submitting);
}

TEST_CASE("indicators: each figure's 未达标 count is the reply's failure_count, not worked out in the client",
          "[client][kpis]") {
    Dashboard d;
    signed_in(d);
    const json items = recorded("kpis").body["items"];
    REQUIRE(d.state().live.tiles.items.size() == items.size());
    int ratios = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& k = d.state().live.tiles.items[i];
        CAPTURE(k.code);
        REQUIRE(items[i].contains("failure_count"));
        if (items[i]["failure_count"].is_null()) {
            CHECK_FALSE(k.failure_count);
        } else {
            REQUIRE(k.failure_count);
            CHECK(*k.failure_count == items[i]["failure_count"].get<std::int64_t>());
            ++ratios;
        }
    }
    CHECK(ratios > 0);
}

}  // namespace test_app
