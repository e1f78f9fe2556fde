// 展厅大屏 in the app layer (app/kiosk.cpp; issue 12, kiosk-ui): the kiosk role signs in straight into the kiosk
// screen (no home, no live feed, no navigation); the public figures are polled on the playlist's refresh; the panels
// rotate by their seconds; a touch pauses until the idle time has passed; a swipe steps; a failed poll keeps the
// figures and the time they are from (网络中断) and the next good one clears it; a lost session never shows the
// sign-in form. Replies are the wire type the server writes.
#include <catch2/catch.hpp>

#include "fakes.hpp"
#include "yiyang/wire/public_figures.hpp"

namespace test_kiosk {

using namespace yiyang;
using namespace yiyang::client;
using namespace yiyang::client::testing;
using nlohmann::json;

namespace {

json figures(const std::string& version, std::int64_t today_total) {
    wire::PublicFiguresReply r;
    r.as_of = "2026-12-06 09:30";
    r.day = "2026-12-06";
    r.month_code = "2026-12";
    r.month_label = "2026年12月";
    r.disclosure_version = "disclosure-2025-v1";
    r.today_total = {today_total, std::to_string(today_total)};
    r.month_total = {std::nullopt, "<5"};
    r.elders_total = {300, "300"};
    r.providers_total = {12, "12"};
    r.points_total = {20, "20"};
    r.playlist_version = version;
    r.playlist = {{"figures", "今日与本月", 3}, {"elders", "服务对象", 4}, {"policies", "政策", 3}};
    r.resume_after_seconds = 5;
    r.refresh_seconds = 10;
    return json(r);
}

void sign_in_kiosk(Dashboard& d) {
    d.app.start();
    REQUIRE(d.http.answer("GET", "/api/v1/me", recorded("me_signed_out")));
    Recorded s = recorded("session_supervisor");
    s.body["user"]["role"] = "kiosk";
    d.sign_in_with(s);
}

}  // namespace

TEST_CASE("kiosk: signs in to the playlist, rotates, pauses on a touch, resumes, steps by a swipe", "[kiosk]") {
    Dashboard d;
    sign_in_kiosk(d);
    CHECK(d.state().screen == Screen::Kiosk);
    d.run(100);
    REQUIRE(d.http.answer("GET", "/api/v1/public/figures", 200, figures("v-test", 7)));
    CHECK_FALSE(sent(d, "GET /api/v1/overview"));     // the kiosk reads its public figures only
    CHECK_FALSE(sent(d, "GET /api/v1/live"));
    CHECK_FALSE(sent(d, "GET /api/v1/towns"));
    const KioskState& K = d.state().kiosk;
    REQUIRE(K.figures);
    CHECK(K.figures->today_total.text == "7");
    CHECK(K.playlist.version == "v-test");
    REQUIRE(K.playlist.panels.size() == 3);
    CHECK(K.index == 0);
    CHECK_FALSE(K.offline);

    d.run(3100);                                      // figures 3 s → elders
    CHECK(K.index == 1);
    CHECK(K.rotations == 1);
    d.apply(KioskIntent{KioskTouch{}});
    CHECK(K.paused);
    d.run(4500);                                      // elders would have ended after 4 s: held
    CHECK(K.index == 1);
    CHECK(K.paused);
    d.run(700);                                       // 5 s untouched: rotating again, elders shown anew
    CHECK_FALSE(K.paused);
    CHECK(K.index == 1);
    d.run(4100);
    CHECK(K.index == 2);

    d.apply(KioskIntent{KioskStep{1}});               // swipe left: the next (wraps to the first)
    CHECK(K.index == 0);
    CHECK(K.paused);
    d.apply(KioskIntent{KioskStep{-1}});              // swipe right: back
    CHECK(K.index == 2);
    d.apply(KioskIntent{KioskShowPanel{1}});          // a page dot
    CHECK(K.index == 1);
    d.apply(Navigate{Screen::Home});                  // no navigation on a kiosk
    CHECK(d.state().screen == Screen::Kiosk);
}

TEST_CASE("kiosk: offline keeps the last figures and their time, recovers by itself; a lost session stays on the kiosk",
          "[kiosk]") {
    Dashboard d;
    sign_in_kiosk(d);
    d.run(100);
    REQUIRE(d.http.answer("GET", "/api/v1/public/figures", 200, figures("v-test", 7)));
    const KioskState& K = d.state().kiosk;
    const std::string updated = K.updated_at;
    CHECK(updated.size() == 5);
    d.run(10100);                                     // the refresh is due: the server is gone
    REQUIRE(d.http.fail("GET", "/api/v1/public/figures"));
    CHECK(K.offline);
    REQUIRE(K.figures);
    CHECK(K.figures->today_total.text == "7");        // the last figures stay
    d.run(65000);                                     // retried every 5 s, still down; a minute later
    for (int i = 0; i < 3; ++i) {
        REQUIRE(d.http.fail("GET", "/api/v1/public/figures"));
        d.run(5100);
    }
    CHECK(K.offline);
    CHECK(K.updated_at == updated);                   // 数据更新于 the last good reply, not now
    CHECK(d.state().screen == Screen::Kiosk);
    d.run(5100);                                      // the server is back: 502 from the proxy first, then figures
    REQUIRE(d.http.answer("GET", "/api/v1/public/figures", 502, json::object()));
    CHECK(K.offline);
    d.run(5100);
    REQUIRE(d.http.answer("GET", "/api/v1/public/figures", 200, figures("v-test", 9)));
    CHECK_FALSE(K.offline);
    CHECK(K.figures->today_total.text == "9");
    CHECK(K.updated_at != updated);

    d.run(10100);                                     // the session is gone (401): no sign-in form on a public screen
    REQUIRE(d.http.answer("GET", "/api/v1/public/figures", 401, json{{"error", {{"code", "unauthorized"}, {"message", "未登录"}}}}));
    CHECK(d.state().screen == Screen::Kiosk);
    CHECK(K.session_lost);
    CHECK(K.figures);
    // No device token (a kiosk user signed in by password): nothing to sign in with — only the device part's
    // heartbeat (GET /api/v1/me) may be waiting.
    for (const auto& u : d.http.waiting_urls()) CHECK(u.find("/api/v1/kiosk/session") == std::string::npos);
}

}  // namespace test_kiosk
