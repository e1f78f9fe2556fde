// 通话记录 and the smaller list gaps in the app layer: the call list's URL (filters, sort, page; never the number),
// its request and rows, a refused number fragment shown; the watch list's and the knowledge base's sort and page in
// their URLs; the 更改投诉对象 history line in words (before ＞ after).
#include <catch2/catch.hpp>

#include <algorithm>

#include "app/routes.hpp"
#include "app/screens.hpp"
#include "fakes.hpp"
#include "yiyang/wire/calls.hpp"
#include "yiyang/wire/orders.hpp"

namespace test_calls {

using namespace yiyang;
using namespace yiyang::client;
using namespace yiyang::client::testing;
using nlohmann::json;

namespace {

json call_page(bool masked) {
    wire::CallPage p;
    p.page.page = 2;
    p.page.page_size = 50;
    p.page.total = 51;
    wire::CallRow r;
    r.id = 7;
    r.call_key = "k7";
    r.direction = "inbound";
    r.caller = masked ? "139****1234" : "13900001234";
    r.callee = "88885252";
    r.started_at = 1'000'000'000;
    r.ended_at = r.started_at + 125;
    r.duration_s = 125;
    r.talk_s = 100;
    r.answered = true;
    r.disposition = "answered";
    r.agent = "agent01";
    r.order_code = "GD202612040001";
    r.order_id = 3;
    p.page.items.push_back(r);
    p.masked = masked;
    return json(p);
}

}  // namespace

TEST_CASE("通话记录: the URL's filters become the request; rows as sent; the number never in the URL",
          "[client][calls]") {
    Dashboard d;
    d.sign_in_as("session_supervisor");
    d.settle();
    d.app.open_location("#/calls?direction=inbound&disposition=answered&from=2026-12-01&sort=-duration&page=2&page_size=50");
    REQUIRE(d.state().screen == Screen::Calls);
    CHECK(sent(d, "GET /api/v1/calls?page=2&page_size=50", "sort=-duration"));
    CHECK(sent(d, "GET /api/v1/calls?", "direction=inbound"));
    CHECK(sent(d, "GET /api/v1/calls?", "from=2026-12-01"));
    CHECK(d.state().list_paths.at("calls").find("disposition=answered") != std::string::npos);
    REQUIRE(d.http.answer("GET", "/api/v1/calls", 200, call_page(false)));
    const CallsState& c = d.state().calls;
    REQUIRE(c.list.loaded);
    CHECK(c.list.total == 51);
    REQUIRE(c.list.items.size() == 1);
    CHECK(c.list.items[0].caller == "13900001234");
    CHECK(c.list.items[0].disposition_label == "接通");
    CHECK(c.list.items[0].direction_label == "呼入");
    CHECK(c.list.items[0].order_code == "GD202612040001");
    CHECK(d.app.location() ==
          "#/calls?direction=inbound&disposition=answered&from=2026-12-01&page=2&page_size=50&sort=-duration");

    // A number searched for goes to the server (and the export) but not into the URL.
    CallQuery q = c.list.query;
    q.number = "13900001234";
    q.page = 1;
    d.apply(CallsIntent{CallsSearch{q}});
    CHECK(sent(d, "GET /api/v1/calls?page=1", "number=13900001234"));
    CHECK(d.state().list_paths.at("calls").find("number=13900001234") != std::string::npos);
    REQUIRE(d.http.answer("GET", "/api/v1/calls", 200, call_page(false)));
    CHECK(d.app.location()->find("139") == std::string::npos);

    // A refusal (a fragment from a masked role) is said once: beside the list, not again in the status line.
    q.number = "1390";
    d.apply(CallsIntent{CallsSearch{q}});
    REQUIRE(d.http.answer("GET", "/api/v1/calls", 400,
                          json{{"error", {{"code", "bad_query"}, {"message", "话务员看到的外部号码已脱敏，不能按号码片段查找：请输入完整的号码"}}}}));
    CHECK(d.state().calls.error.find("完整的号码") != std::string::npos);
    CHECK(d.state().status.kind != StatusKind::Error);
    // A failure of the server is also said in the status line.
    d.apply(CallsIntent{CallsSearch{q}});
    REQUIRE(d.http.answer("GET", "/api/v1/calls", 503,
                          json{{"error", {{"code", "busy"}, {"message", "服务器繁忙，请稍后再试"}}}}));
    CHECK(d.state().status.kind == StatusKind::Error);

    // The linked order opens by its code.
    d.apply(CallsIntent{CallsOpenOrder{"GD202612040001"}});
    CHECK(sent(d, "GET /api/v1/orders/by-code/GD202612040001"));
}

TEST_CASE("通话记录: routes round-trip; a kiosk or town has no such screen", "[client][calls][navigation]") {
    CallQuery q;
    q.from = "2026-12-01";
    q.to = "2026-12-04";
    q.direction = "outbound";
    q.disposition = "no_answer";
    q.agent = "agent02";
    q.sort = "talk";
    q.page = 3;
    q.page_size = 100;
    auto r = parse_route(format_route(Route{Screen::Calls, "", query_of(q)}));
    REQUIRE(r);
    CHECK(r->screen == Screen::Calls);
    CHECK(call_query_of(r->query) == q);
    q.number = "13900001234";
    CHECK(query_of(q).count("number") == 0);

    Dashboard d;
    d.sign_in_as("session_supervisor");
    d.settle();
    CHECK(role_has_screen(d.state(), Screen::Calls));
}

TEST_CASE("督办 and 知识库: sort and page are in the URL and come back from it", "[client][navigation]") {
    WatchFilter f;
    f.provider = 4;
    f.sort = "-due_at";
    f.page = 2;
    f.page_size = 50;
    auto wr = parse_route(format_route(Route{Screen::Watch, "", query_of(f)}));
    REQUIRE(wr);
    CHECK(watch_filter_of(wr->query) == f);

    KbSearch k;
    k.kind = "policy";
    k.sort = "-updated_at";
    k.page = 2;
    k.q = "补贴";
    const auto kq = kb_query_of(k);
    CHECK(kq.count("q") == 0);                              // the words typed stay out of the URL
    auto kr = parse_route(format_route(Route{Screen::Knowledge, "", kq}));
    REQUIRE(kr);
    KbSearch back;
    apply_kb_query(kr->query, back);
    CHECK(back.sort == "-updated_at");
    CHECK(back.kind == "policy");
    CHECK(back.page == 2);

    Dashboard d;
    d.sign_in_as("session_supervisor");
    d.settle();
    d.app.open_location("#/knowledge?sort=title");
    CHECK(d.state().screen == Screen::Knowledge);
    CHECK(sent(d, "GET /api/v1/knowledge?", "sort=title"));
    d.app.open_location("#/watch?sort=minutes&page=2&page_size=50");
    CHECK(d.state().screen == Screen::Watch);
    CHECK(sent(d, "GET /api/v1/watch?", "sort=minutes&page=2&page_size=50"));
    CHECK(d.app.location() == "#/watch?page=2&page_size=50&sort=minutes");
    // Another order starts at page 1 again.
    WatchFilter sorted = d.state().live.watch_filter;
    sorted.sort = "order_code";
    d.apply(LiveIntent{SetWatchFilter{sorted}});
    CHECK(d.state().live.watch_filter.page == 1);
    CHECK(d.state().live.watch_filter.page_size == 50);
}

TEST_CASE("更改投诉对象 in the order's history: the earlier order and provider, before ＞ after", "[client][complaints]") {
    Dashboard d;
    d.sign_in_as("session_supervisor");
    d.settle();
    const Recorded detail = recorded("order_detail");
    const Id id = detail.body["order"]["id"].get<Id>();
    d.apply(OrdersIntent{OrdersOpen{id}});
    REQUIRE(d.http.answer("GET", "/api/v1/orders/" + std::to_string(id), detail));
    wire::OrderHistory h;
    wire::AuditEntry e;
    e.at = 1'000'000'000;
    e.actor = "supervisor1";
    e.action = "link_complaint";
    e.reason = "回拨核实";
    e.changes = {{"about_order_id", {40, 41}},
                 {"about_order_code", {"GD202612010003", "GD202612020001"}},
                 {"about_provider_name", {"颐康居家服务中心", nullptr}}};
    h.events.push_back(e);
    wire::AuditEntry old = e;                                // an event written before the names were recorded
    old.changes = {{"about_order_id", {41, nullptr}}};
    h.events.push_back(old);
    REQUIRE(d.http.answer("GET", "/api/v1/orders/" + std::to_string(id) + "/history", 200, json(h)));
    const auto& hist = d.state().orders.history;
    REQUIRE(hist.size() == 2);
    CHECK(hist[0].change_text == "被投诉工单 GD202612010003 ＞ GD202612020001；被投诉服务商 颐康居家服务中心 ＞ 无");
    CHECK(hist[1].change_text == "投诉对象已更改");
}

}  // namespace test_calls
