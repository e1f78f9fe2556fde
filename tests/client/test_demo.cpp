// The open-day demo in the dashboard's app layer (app/demo.cpp): every screen code has its first-step hint (a screen
// added later fails here until it has one), each one or two short sentences; demo mode from GET /health on the
// sign-in screen, the one-tap sign-in, the hint dismissed, sign-out keeping the demo; the administrator's reset asked
// first (a visitor's does nothing).
#include <catch2/catch.hpp>

#include <string>

#include "app/demo_state.hpp"
#include "fakes.hpp"
#include "yiyang/access.hpp"

namespace test_demo {

using namespace yiyang;
using namespace yiyang::client;
using namespace yiyang::client::testing;
using nlohmann::json;

namespace {

int sentences(const std::string& t) {
    int n = 0;
    for (std::size_t at = 0; (at = t.find("。", at)) != std::string::npos; at += 3) ++n;
    return n;
}

}  // namespace

TEST_CASE("demo: every screen code has a first-step hint of one or two sentences", "[demo]") {
    REQUIRE(!all_screen_codes().empty());
    for (ScreenCode c : all_screen_codes()) {
        INFO("screen " << code(c));
        const char* text = demo_guide_zh(c);
        REQUIRE(text != nullptr);
        const std::string t = text;
        CHECK(t.size() >= 3 * 10);          // at least ten Chinese characters
        CHECK(t.size() <= 3 * 60);          // short: read at a glance
        CHECK(sentences(t) >= 1);
        CHECK(sentences(t) <= 2);
    }
}

TEST_CASE("demo: the sign-in screen learns demo mode, one tap signs in, the hint is dismissed, sign-out keeps the demo",
          "[client][demo]") {
    Dashboard d;
    d.app.start();
    REQUIRE(d.http.answer("GET", "/api/v1/me", recorded("me_signed_out")));
    CHECK_FALSE(d.state().demo.on);
    REQUIRE(d.answer_health(true));
    CHECK(d.state().demo.on);
    CHECK(d.state().screen == Screen::SignIn);

    d.apply(DemoIntent{DemoSignIn{Role::Agent}});
    REQUIRE(d.http.waiting().size() == 1);
    CHECK(d.http.waiting().front().url == "/api/v1/session/demo");
    CHECK(d.http.waiting().front().body == json{{"role", "agent"}});
    Recorded visitor = recorded("session_supervisor");
    visitor.body["user"]["role"] = "agent";
    visitor.body["user"]["username"] = "demo_agent";
    visitor.body["user"]["display_name"] = "体验坐席";
    visitor.body["demo"] = true;
    visitor.body["demo_account"] = true;
    d.http.always("GET", "/api/v1/towns", recorded("towns"));
    d.http.always("GET", "/api/v1/overview", recorded("overview"));
    d.http.always("GET", "/api/v1/queues", recorded("queues"));
    d.http.always("GET", "/api/v1/kpis", recorded("kpis"));
    d.http.always("GET", "/api/v1/providers", recorded("providers"));
    REQUIRE(d.http.answer("POST", "/api/v1/session/demo", visitor));
    CHECK(d.state().screen == Screen::Home);
    CHECK(d.state().demo.visitor);
    CHECK(d.state().demo.guides_seen.empty());
    d.apply(DemoIntent{DismissGuide{ScreenCode::Home}});
    CHECK(d.state().demo.guides_seen.count(ScreenCode::Home) == 1);

    // A visitor has no reset: nothing asked, nothing sent.
    const auto sent_before = d.http.log().size();
    d.apply(DemoIntent{ResetDemo{}});
    CHECK_FALSE(d.state().nav.confirm.has_value());
    CHECK(d.http.log().size() == sent_before);

    // Signed out: the sign-in screen still knows it is a demo (the buttons stay), the hints start afresh.
    d.apply(SignOut{});
    CHECK(d.state().screen == Screen::SignIn);
    CHECK(d.state().demo.on);
    CHECK_FALSE(d.state().demo.visitor);
    CHECK(d.state().demo.guides_seen.empty());
}

TEST_CASE("demo: an administrator's reset asks first, then posts and reloads the figures", "[client][demo]") {
    Dashboard d;
    Recorded admin = recorded("session_supervisor");
    admin.body["user"]["role"] = "admin";
    admin.body["demo"] = true;
    d.sign_in_as("session_supervisor");   // start-up answers in place
    d.apply(SignOut{});
    d.http.forget();
    d.sign_in_with(admin);
    d.settle();
    REQUIRE(d.state().user);
    REQUIRE(d.state().user->role == Role::Admin);
    CHECK(d.state().demo.on);
    CHECK_FALSE(d.state().demo.visitor);
    d.apply(DemoIntent{ResetDemo{}});
    REQUIRE(d.state().nav.confirm.has_value());
    CHECK(d.state().nav.confirm->id == "demo.reset");
    CHECK_FALSE(sent(d, "POST /api/v1/demo/reset"));
    d.apply(NavIntent{NavConfirm{}});
    CHECK(d.state().demo.resetting);
    REQUIRE(d.http.answer("POST", "/api/v1/demo/reset", 200, {{"reset_at", "2026-12-06T10:00:00"}}));
    CHECK_FALSE(d.state().demo.resetting);
    CHECK(d.state().demo.resets_done == 1);
    CHECK(d.state().status.kind == StatusKind::Success);
    CHECK(sent(d, "GET /api/v1/overview"));
}

}  // namespace test_demo
