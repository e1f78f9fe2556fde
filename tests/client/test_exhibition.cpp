// 展厅 in the app layer (app/exhibition.cpp): on opening, the fortnight's board from today; the day listed is the
// first with a slot; approve posts to the booking and reloads the board; a decline sends the typed reason; the check-in
// posts the code typed by chips and shows the server's message (a second check-in: its Chinese refusal). Replies are
// the wire types the server writes.
#include <catch2/catch.hpp>

#include <algorithm>

#include "app/screens.hpp"
#include "fakes.hpp"
#include "yiyang/wire/visits.hpp"

namespace test_exhibition {

using namespace yiyang;
using namespace yiyang::client;
using namespace yiyang::client::testing;
using nlohmann::json;

namespace {

// The body of the waiting request to `path` (null when none waits).
json body_of(const Dashboard& d, const std::string& path) {
    for (const auto& r : d.http.waiting())
        if (r.path() == path) return r.body;
    return nullptr;
}

wire::VisitBoard board(const std::string& status) {
    wire::VisitBoard b;
    b.from = "2026-12-04";
    b.to = "2026-12-17";
    b.requested = status == "requested" ? 1 : 0;
    wire::VisitSlotView s;
    s.id = 5;
    s.day = "2026-12-07";
    s.start = "09:00";
    s.end = "10:00";
    s.capacity = 40;
    wire::VisitBookingView v;
    v.id = 11;
    v.code = "AB2C3D";
    v.slot_id = 5;
    v.organisation = "实验小学";
    v.visitors = 25;
    v.status = status;
    s.bookings.push_back(v);
    b.slots.push_back(s);
    return b;
}

}  // namespace

TEST_CASE("展厅: the board, approve, decline with a reason, check-in", "[exhibition]") {
    Dashboard d;
    d.sign_in_as("session_supervisor");
    d.settle();
    d.apply(Navigate{Screen::Exhibition});
    REQUIRE(d.state().screen == Screen::Exhibition);
    CHECK(sent(d, "GET /api/v1/visits", "from=2026-12-04&to=2026-12-17"));
    REQUIRE(d.http.answer("GET", "/api/v1/visits", 200, json(board("requested"))));
    REQUIRE(d.state().exhibition.board);
    CHECK(d.state().exhibition.day == "2026-12-07");   // the first day with a slot

    d.apply(ExhibitionIntent{DecideBooking{11, true}});
    CHECK(sent(d, "POST /api/v1/visits/bookings/11/approve"));
    wire::VisitBookingView approved = board("approved").slots[0].bookings[0];
    REQUIRE(d.http.answer("POST", "/api/v1/visits/bookings/11/approve", 200, json(approved)));
    CHECK(d.state().exhibition.action_notice == "预约 AB2C3D（实验小学）已批准");
    REQUIRE(d.http.answer("GET", "/api/v1/visits", 200, json(board("approved"))));   // reloaded
    CHECK(d.state().exhibition.board->requested == 0);

    // A decline without a reason is the server's 422, shown as it says.
    d.apply(ExhibitionIntent{StartDecline{11}});
    d.apply(ExhibitionIntent{EditDeclineReason{11, "展厅检修"}});
    d.apply(ExhibitionIntent{DecideBooking{11, false}});
    CHECK(body_of(d, "/api/v1/visits/bookings/11/decline") == json{{"reason", "展厅检修"}});
    REQUIRE(d.http.answer("POST", "/api/v1/visits/bookings/11/decline", 409,
                          json{{"error", {{"code", "wrong_status"}, {"message", "预约 AB2C3D 当前为“已批准”，不能改为“未批准”"}}}}));
    CHECK(d.state().exhibition.action_error.find("不能改为“未批准”") != std::string::npos);

    // Check-in: the code typed by the chips, posted; the reply's message shown and the code cleared.
    const auto boards = [&d] {
        return std::count_if(d.http.log().begin(), d.http.log().end(),
                             [](const std::string& l) { return l.rfind("GET /api/v1/visits?", 0) == 0; });
    };
    const auto loads = boards();
    d.apply(ExhibitionIntent{EditCheckInCode{"AB2C3D"}});
    d.apply(ExhibitionIntent{SubmitCheckIn{}});
    CHECK(body_of(d, "/api/v1/visits/check-in") == json{{"code", "AB2C3D"}});
    REQUIRE(d.http.answer("POST", "/api/v1/visits/check-in", 200,
                          json(wire::CheckInReply{"group", "AB2C3D", "received", "已接待", "实验小学", 25, "2026-12-07",
                                                  "09:00", "10:00", "签到成功：实验小学，25 人，欢迎参观"})));
    REQUIRE(d.state().exhibition.checked_in);
    CHECK(d.state().exhibition.code.empty());
    CHECK(boards() == loads + 1);   // the board reloaded: the reception shows
    d.apply(ExhibitionIntent{EditCheckInCode{"AB2C3D"}});
    d.apply(ExhibitionIntent{SubmitCheckIn{}});
    REQUIRE(d.http.answer("POST", "/api/v1/visits/check-in", 409,
                          json{{"error", {{"code", "already_checked_in"}, {"message", "预约码 AB2C3D 已于 09:05 签到，请勿重复签到"}}}}));
    CHECK(d.state().exhibition.check_in_error.find("请勿重复签到") != std::string::npos);
    CHECK_FALSE(d.state().exhibition.checked_in);
}

}  // namespace test_exhibition
