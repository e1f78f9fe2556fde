// The exhibition hall (http/visit_routes.cpp, issue 12 part visits) on the real in-process server and SQLite file:
// every route, 409 名额已满 on a full slot or open day, 422 on bad input, audit events, contacts masked for a role that
// does not run the hall, check-in twice, the public rate limit — and the seat race: many concurrent requests over
// HTTP (threads) at the last seats, exactly `capacity` of them succeed.
//
// The visit day: a group books at least a day ahead (rule), so to check a group in "on its day" the test moves the
// slot's day to the server's today in the SQLite file (the visit day arriving), rather than moving the shared clock
// of the whole test process by a day. Public POSTs are rate-limited per address (20 in 10 minutes, rule data): each
// case that posts moves the clock 11 minutes first, so the window starts empty.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <cctype>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "harness.hpp"
#include "yiyang/date.hpp"
#include "yiyang/period.hpp"

namespace test_visits {

using namespace yiyang::test;

namespace {

std::string day_after(ApiClient& c, int days) {
    return yiyang::format_date(yiyang::add_days(yiyang::date_of(server_clock(c)), days));
}

void fresh_window(TestEnv& env) { env.advance_clock(11 * 60); }

// A slot at a free hour of a day `days` ahead (or later: the next free hour, moving on a day when the day is full).
json new_slot(ApiClient& staff, int days, std::int64_t capacity) {
    static int hour = 9;
    static int offset = 0;
    for (int attempt = 0; attempt < 40; ++attempt) {
        if (hour > 16) {
            hour = 9;
            ++offset;
        }
        const int h = hour++;
        const std::string start = (h < 10 ? "0" : "") + std::to_string(h) + ":00";
        const std::string end = (h + 1 < 10 ? "0" : "") + std::to_string(h + 1) + ":00";
        auto r = staff.post("/api/v1/visits/slots", {{"day", day_after(staff, days + (days == 0 ? 0 : offset))},
                                                     {"start", start}, {"end", end}, {"capacity", capacity}});
        if (r.status == 409) continue;
        INFO(r.raw);
        REQUIRE(r.status == 201);
        return r.body;
    }
    FAIL("no free hour for a slot");
    return json();
}

json group(std::int64_t slot, std::int64_t visitors, const std::string& org = "中山市实验小学",
           const std::string& phone = "13800138000") {
    return {{"slot_id", slot}, {"organisation", org}, {"visitors", visitors}, {"contact_name", "李晓红"},
            {"contact_phone", phone}, {"purpose", "社会实践"}};
}

json new_open_day(ApiClient& staff, std::int64_t capacity, int days_ahead = 10) {
    auto r = staff.post("/api/v1/visits/open-days",
                        {{"title", "市民开放日"}, {"day", day_after(staff, days_ahead)}, {"start", "09:30"}, {"end", "11:30"},
                         {"place", "智慧养老展示大厅"}, {"capacity", capacity}, {"registration_opens", day_after(staff, 0)},
                         {"registration_closes", day_after(staff, days_ahead - 1)}, {"description", "参观与体验"}});
    INFO(r.raw);
    REQUIRE(r.status == 201);
    return r.body;
}

std::int64_t audit_count(TestEnv& env, const std::string& entity, std::int64_t id, const std::string& action) {
    SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
    SQLite::Statement st(db, "SELECT COUNT(*) FROM audit_events WHERE entity = ? AND entity_id = ? AND action = ?");
    st.bind(1, entity);
    st.bind(2, id);
    st.bind(3, action);
    st.executeStep();
    return st.getColumn(0).getInt64();
}

// The visit day arrives (or has passed): the slot's day set in the file (see the header).
void move_slot_day(TestEnv& env, std::int64_t slot, const std::string& day) {
    SQLite::Database db(env.database_path(), SQLite::OPEN_READWRITE);
    db.setBusyTimeout(5000);
    SQLite::Statement st(db, "UPDATE visit_slots SET day = ? WHERE id = ?");
    st.bind(1, day);
    st.bind(2, slot);
    REQUIRE(st.exec() == 1);
}

// The ids of a slot's bookings, from the board of its day.
std::vector<std::int64_t> booking_ids(ApiClient& staff, const json& slot) {
    const std::string day = slot["day"];
    auto board = staff.get("/api/v1/visits?from=" + day + "&to=" + day);
    REQUIRE(board.status == 200);
    std::vector<std::int64_t> ids;
    for (const auto& x : board.body["slots"])
        if (x["id"] == slot["id"])
            for (const auto& bk : x["bookings"]) ids.push_back(bk["id"]);
    return ids;
}

const json* kpi_item(const Reply& r, const std::string& code) {
    for (const auto& i : r.body["items"])
        if (i["code"] == code) return &i;
    return nullptr;
}

}  // namespace

TEST_CASE("visits: a group books, the bureau approves, the kiosk checks it in once", "[visits][inprocess]") {
    auto& env = TestEnv::get();
    fresh_window(env);
    auto staff = env.signed_in("agent");
    auto pub = env.client();
    const json slot = new_slot(staff, 3, 40);
    const std::int64_t slot_id = slot["id"];
    CHECK(slot["seats_left"] == 40);

    // Public offer lists it with its seats, nothing personal.
    auto offer = pub.get("/api/v1/public/visits");
    REQUIRE(offer.status == 200);
    bool listed = false;
    for (const auto& s : offer.body["slots"]) listed = listed || (s["id"] == slot_id && s["seats_left"] == 40);
    CHECK(listed);
    CHECK(offer.body["rules"]["group_max_visitors"] == 60);

    auto booked = pub.post("/api/v1/public/visits/bookings", group(slot_id, 25));
    INFO(booked.raw);
    REQUIRE(booked.status == 201);
    const std::string code = booked.body["code"];
    CHECK(code.size() == 6);
    CHECK(booked.body["status"] == "requested");
    CHECK(booked.raw.find("13800138000") == std::string::npos);
    CHECK(booked.raw.find("李晓红") == std::string::npos);

    // The status by code + last four digits; wrong digits say nothing more than an unknown code.
    auto st = pub.get("/api/v1/public/visits/status?code=" + code + "&phone4=8000");
    REQUIRE(st.status == 200);
    CHECK(st.body["status_label"] == "待审批");
    CHECK(st.raw.find("实验小学") == std::string::npos);
    auto wrong = pub.get("/api/v1/public/visits/status?code=" + code + "&phone4=1234");
    CHECK(wrong.status == 404);
    CHECK(wrong.body["error"]["message"] == "未找到该预约码，或手机号后四位不符");
    CHECK(pub.get("/api/v1/public/visits/status?code=ABC&phone4=8000").status == 400);

    // The board: the request holds no seats yet.
    auto board = staff.get("/api/v1/visits?from=" + slot["day"].get<std::string>() + "&to=" + slot["day"].get<std::string>());
    REQUIRE(board.status == 200);
    const json* s = nullptr;
    for (const auto& x : board.body["slots"])
        if (x["id"] == slot_id) s = &x;
    REQUIRE(s);
    CHECK((*s)["seats_taken"] == 0);
    CHECK((*s)["requested_visitors"] == 25);
    REQUIRE((*s)["bookings"].size() == 1);
    const std::int64_t id = (*s)["bookings"][0]["id"];
    CHECK((*s)["bookings"][0]["contact_phone"] == "13800138000");   // the agent runs the hall
    CHECK((*s)["bookings"][0]["contact_masked"] == false);

    // The leader reads the board with the contact masked; a provider may not read it at all.
    auto leader = env.signed_in("leader");
    auto lb = leader.get("/api/v1/visits?from=" + slot["day"].get<std::string>() + "&to=" + slot["day"].get<std::string>());
    REQUIRE(lb.status == 200);
    CHECK(lb.raw.find("13800138000") == std::string::npos);
    CHECK(lb.raw.find("138****8000") != std::string::npos);
    CHECK(lb.raw.find("李晓红") == std::string::npos);
    CHECK(leader.post("/api/v1/visits/bookings/" + std::to_string(id) + "/approve", json::object()).status == 403);
    CHECK(env.signed_in("provider").get("/api/v1/visits").status == 403);
    CHECK(pub.get("/api/v1/visits").status == 401);

    auto ok = staff.post("/api/v1/visits/bookings/" + std::to_string(id) + "/approve", json::object());
    INFO(ok.raw);
    REQUIRE(ok.status == 200);
    CHECK(ok.body["status"] == "approved");
    CHECK(audit_count(env, "visit_booking", id, "create") == 1);
    CHECK(audit_count(env, "visit_booking", id, "status") == 1);
    CHECK(staff.post("/api/v1/visits/bookings/" + std::to_string(id) + "/approve", json::object()).status == 409);

    // Not on its day yet: the kiosk refuses, naming the day.
    auto kiosk = env.signed_in("kiosk");
    auto early = kiosk.post("/api/v1/visits/check-in", {{"code", code}});
    CHECK(early.status == 409);
    CHECK(early.body["error"]["code"] == "wrong_day");
    // The day arrives: checked in by the kiosk, lower case and a dash typed.
    move_slot_day(env, slot_id, day_after(staff, 0));
    std::string typed = code;
    for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    typed.insert(3, "-");
    auto in = kiosk.post("/api/v1/visits/check-in", {{"code", typed}});
    INFO(in.raw);
    REQUIRE(in.status == 200);
    CHECK(in.body["status"] == "received");
    CHECK(in.body["people"] == 25);
    CHECK(in.raw.find("李晓红") == std::string::npos);
    CHECK(in.raw.find("8000") == std::string::npos);
    CHECK(audit_count(env, "visit_booking", id, "check_in") == 1);
    // Twice: a clear message with the time of the first.
    auto again = kiosk.post("/api/v1/visits/check-in", {{"code", code}});
    CHECK(again.status == 409);
    CHECK(again.body["error"]["code"] == "already_checked_in");
    CHECK_THAT(again.body["error"]["message"].get<std::string>(), Catch::Contains("请勿重复签到"));
    CHECK(kiosk.post("/api/v1/visits/check-in", {{"code", "ZZZZZZ"}}).status == 404);
    CHECK(kiosk.post("/api/v1/visits/check-in", {{"code", "0000"}}).status == 422);
    // The kiosk may check in, but not read the board.
    CHECK(kiosk.get("/api/v1/visits").status == 403);

    // The kiosk's schedule: today's visit by organisation, no person.
    auto sch = pub.get("/api/v1/public/exhibition/schedule");
    REQUIRE(sch.status == 200);
    REQUIRE(sch.body["days"].size() == 8);
    bool shown = false;
    for (const auto& item : sch.body["days"][0]["items"]) shown = shown || (item["title"] == "中山市实验小学" && item["visitors"] == "25");
    CHECK(shown);
    CHECK(sch.raw.find("李晓红") == std::string::npos);
    CHECK(sch.raw.find("13800138000") == std::string::npos);
}

TEST_CASE("visits: bad input is 422 naming the field; a full slot is 409 名额已满", "[visits][inprocess]") {
    auto& env = TestEnv::get();
    fresh_window(env);
    auto staff = env.signed_in("supervisor");
    auto pub = env.client();
    const json slot = new_slot(staff, 4, 30);
    const std::int64_t slot_id = slot["id"];

    auto bad = pub.post("/api/v1/public/visits/bookings", group(slot_id, 61, "校", "12345"));
    CHECK(bad.status == 422);
    std::set<std::string> fields;
    for (const auto& f : bad.body["error"]["fields"]) fields.insert(f["field"].get<std::string>());
    CHECK(fields == std::set<std::string>{"visitors", "organisation", "contact_phone"});
    CHECK(pub.post("/api/v1/public/visits/bookings", group(999999, 10)).status == 422);
    auto bad_slot = staff.post("/api/v1/visits/slots", {{"day", day_after(staff, 4)}, {"start", "09:00"}, {"end", "09:30"},
                                                        {"capacity", 10}});
    CHECK(bad_slot.status == 422);
    CHECK(bad_slot.body["error"]["fields"][0]["field"] == "end");
    // Today is too soon for a group (one day's notice).
    const json today_slot = new_slot(staff, 0, 30);
    auto soon = pub.post("/api/v1/public/visits/bookings", group(today_slot["id"], 10));
    CHECK(soon.status == 422);
    CHECK(soon.body["error"]["fields"][0]["code"] == "too_soon");
    // The desk may register today's group (a telephone request), with its audit event naming the staff member.
    auto desk = staff.post("/api/v1/visits/bookings", group(today_slot["id"], 10, "电话预约的社区"));
    INFO(desk.raw);
    REQUIRE(desk.status == 201);
    CHECK(desk.body["status"] == "requested");
    CHECK(desk.body["contact_masked"] == false);
    CHECK(audit_count(env, "visit_booking", desk.body["id"], "create") == 1);
    CHECK(env.signed_in("leader").post("/api/v1/visits/bookings", group(today_slot["id"], 10)).status == 403);

    // Two groups of 20 in a slot of 30: both may ask; the first approval takes 20, the second is 名额已满.
    auto a = pub.post("/api/v1/public/visits/bookings", group(slot_id, 20, "东区中学"));
    auto b = pub.post("/api/v1/public/visits/bookings", group(slot_id, 20, "西区中学"));
    REQUIRE(a.status == 201);
    REQUIRE(b.status == 201);
    const std::vector<std::int64_t> ids = booking_ids(staff, slot);
    REQUIRE(ids.size() == 2);
    CHECK(staff.post("/api/v1/visits/bookings/" + std::to_string(ids[0]) + "/approve", json::object()).status == 200);
    auto full = staff.post("/api/v1/visits/bookings/" + std::to_string(ids[1]) + "/approve", json::object());
    CHECK(full.status == 409);
    CHECK_THAT(full.body["error"]["message"].get<std::string>(), Catch::StartsWith("名额已满"));
    // A new request that cannot fit the seats left is refused at once.
    auto c = pub.post("/api/v1/public/visits/bookings", group(slot_id, 11, "南区中学"));
    CHECK(c.status == 409);
    CHECK_THAT(c.body["error"]["message"].get<std::string>(), Catch::StartsWith("名额已满"));
    CHECK(pub.post("/api/v1/public/visits/bookings", group(slot_id, 10, "北区中学")).status == 201);
    // The capacity cannot fall below the approved 20.
    CHECK(staff.put("/api/v1/visits/slots/" + std::to_string(slot_id), {{"capacity", 19}}).status == 409);
    CHECK(staff.put("/api/v1/visits/slots/" + std::to_string(slot_id), {{"capacity", 25}, {"note", "小厅"}}).status == 200);
    CHECK(audit_count(env, "visit_slot", slot_id, "update") == 1);

    // Decline needs a reason; with one, it is kept and shown on the status page.
    auto no_reason = staff.post("/api/v1/visits/bookings/" + std::to_string(ids[1]) + "/decline", json::object());
    CHECK(no_reason.status == 422);
    CHECK(no_reason.body["error"]["fields"][0]["field"] == "reason");
    auto declined = staff.post("/api/v1/visits/bookings/" + std::to_string(ids[1]) + "/decline", {{"reason", "该时段已满，请改约"}});
    REQUIRE(declined.status == 200);
    CHECK(declined.body["status_label"] == "未批准");
    auto st = pub.get("/api/v1/public/visits/status?code=" + b.body["code"].get<std::string>() + "&phone4=8000");
    CHECK(st.body["reason"] == "该时段已满，请改约");
    CHECK(audit_count(env, "visit_booking", ids[1], "status") == 1);
    // Cancel frees the seats; a no-show only after the day.
    CHECK(staff.post("/api/v1/visits/bookings/" + std::to_string(ids[0]) + "/no-show", json::object()).status == 409);
    CHECK(staff.post("/api/v1/visits/bookings/" + std::to_string(ids[0]) + "/cancel", {{"reason", "学校改期"}}).status == 200);
    auto after = staff.get("/api/v1/visits?from=" + slot["day"].get<std::string>() + "&to=" + slot["day"].get<std::string>());
    for (const auto& x : after.body["slots"])
        if (x["id"] == slot_id) CHECK(x["seats_left"] == 25);
}

TEST_CASE("visits: open days — create, register, masked list, check-in, cancel", "[visits][inprocess]") {
    auto& env = TestEnv::get();
    fresh_window(env);
    auto staff = env.signed_in("admin");
    auto pub = env.client();
    const json day = new_open_day(staff, 6);
    const std::int64_t day_id = day["id"];
    CHECK(audit_count(env, "open_day", day_id, "create") == 1);

    auto offer = pub.get("/api/v1/public/visits");
    bool open = false;
    for (const auto& d : offer.body["open_days"]) open = open || (d["id"] == day_id && d["registration_open"] == true && d["seats_left"] == 6);
    CHECK(open);

    auto r1 = pub.post("/api/v1/public/open-days/registrations", {{"open_day_id", day_id}, {"name", "陈大文"}, {"phone", "13912345678"}, {"people", 4}});
    INFO(r1.raw);
    REQUIRE(r1.status == 201);
    auto too_many = pub.post("/api/v1/public/open-days/registrations", {{"open_day_id", day_id}, {"name", "陈小文"}, {"phone", "13912345679"}, {"people", 5}});
    CHECK(too_many.status == 422);
    CHECK(too_many.body["error"]["fields"][0]["field"] == "people");
    auto full = pub.post("/api/v1/public/open-days/registrations", {{"open_day_id", day_id}, {"name", "陈小文"}, {"phone", "13912345679"}, {"people", 3}});
    CHECK(full.status == 409);
    CHECK(full.body["error"]["message"] == "名额已满");
    REQUIRE(pub.post("/api/v1/public/open-days/registrations", {{"open_day_id", day_id}, {"name", "陈小文"}, {"phone", "13912345679"}, {"people", 2}}).status == 201);

    // Staff that run the hall see names; the leader sees them masked.
    auto detail = staff.get("/api/v1/visits/open-days/" + std::to_string(day_id));
    REQUIRE(detail.status == 200);
    CHECK(detail.body["open_day"]["seats_left"] == 0);
    CHECK(detail.body["registrations"].size() == 2);
    CHECK(detail.raw.find("陈大文") != std::string::npos);
    auto masked = env.signed_in("leader").get("/api/v1/visits/open-days/" + std::to_string(day_id));
    REQUIRE(masked.status == 200);
    CHECK(masked.raw.find("陈大文") == std::string::npos);
    CHECK(masked.raw.find("13912345678") == std::string::npos);

    // The capacity cannot fall below 6 registered; a cancelled day takes no registrations.
    json edit = {{"title", "市民开放日（第二场）"}, {"day", day["day"]}, {"start", "09:30"}, {"end", "11:30"},
                 {"place", "智慧养老展示大厅"}, {"capacity", 5}, {"registration_opens", day["registration_opens"]},
                 {"registration_closes", day["registration_closes"]}};
    CHECK(staff.put("/api/v1/visits/open-days/" + std::to_string(day_id), edit).status == 409);
    edit["capacity"] = 8;
    auto edited = staff.put("/api/v1/visits/open-days/" + std::to_string(day_id), edit);
    REQUIRE(edited.status == 200);
    CHECK(edited.body["seats_left"] == 2);
    CHECK(audit_count(env, "open_day", day_id, "update") == 1);

    // Check-in on the day (the open day moved to today in the file).
    {
        SQLite::Database db(env.database_path(), SQLite::OPEN_READWRITE);
        db.setBusyTimeout(5000);
        SQLite::Statement q(db, "UPDATE open_days SET day = ? WHERE id = ?");
        q.bind(1, day_after(staff, 0));
        q.bind(2, day_id);
        q.exec();
    }
    auto kiosk = env.signed_in("kiosk");
    auto in = kiosk.post("/api/v1/visits/check-in", {{"code", r1.body["code"]}});
    INFO(in.raw);
    REQUIRE(in.status == 200);
    CHECK(in.body["kind"] == "open_day");
    CHECK(in.body["people"] == 4);
    CHECK(in.raw.find("陈大文") == std::string::npos);
    CHECK(kiosk.post("/api/v1/visits/check-in", {{"code", r1.body["code"]}}).status == 409);

    edit["cancelled"] = true;
    edit["day"] = day_after(staff, 0);
    edit["registration_closes"] = day_after(staff, 0);
    REQUIRE(staff.put("/api/v1/visits/open-days/" + std::to_string(day_id), edit).status == 200);
    CHECK(audit_count(env, "open_day", day_id, "cancel") == 1);
    auto late = pub.post("/api/v1/public/open-days/registrations", {{"open_day_id", day_id}, {"name", "陈三"}, {"phone", "13912345670"}});
    CHECK(late.status == 422);
}

TEST_CASE("visits: the seat race — concurrent registrations and approvals for the last seats", "[visits][race][inprocess]") {
    auto& env = TestEnv::get();
    auto staff = env.signed_in("supervisor");
    constexpr int kSeats = 7, kRacers = 20;   // 20 public POSTs: the rate limit's window (20) holds them all

    // Open day: 20 people race for 7 seats at once.
    fresh_window(env);
    const json day = new_open_day(staff, kSeats, 12);
    const std::int64_t day_id = day["id"];
    std::atomic<int> ok{0}, full{0}, other{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < kRacers; ++i) {
        threads.emplace_back([&, i] {
            ApiClient c = env.client();
            const std::string phone = "1391234" + std::to_string(5000 + i);
            while (!go.load()) std::this_thread::yield();
            auto r = c.post("/api/v1/public/open-days/registrations",
                            {{"open_day_id", day_id}, {"name", "赛跑者"}, {"phone", phone}, {"people", 1}});
            if (r.status == 201) ++ok;
            else if (r.status == 409 && r.body["error"]["message"] == "名额已满") ++full;
            else ++other;
        });
    }
    go = true;
    for (auto& t : threads) t.join();
    CHECK(ok == kSeats);
    CHECK(full == kRacers - kSeats);
    CHECK(other == 0);
    {
        SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
        SQLite::Statement q(db, "SELECT COALESCE(SUM(people), 0) FROM open_day_registrations WHERE open_day_id = ? AND status <> 'cancelled'");
        q.bind(1, day_id);
        q.executeStep();
        CHECK(q.getColumn(0).getInt64() == kSeats);
    }

    // Groups: 12 requests of 5 for a slot of 30; 12 staff approvals at once → exactly 6 approved.
    fresh_window(env);
    const json slot = new_slot(staff, 5, 30);
    const std::int64_t slot_id = slot["id"];
    auto pub = env.client();
    for (int i = 0; i < 12; ++i)
        REQUIRE(pub.post("/api/v1/public/visits/bookings", group(slot_id, 5, "参观团" + std::to_string(i))).status == 201);
    const std::vector<std::int64_t> ids = booking_ids(staff, slot);
    REQUIRE(ids.size() == 12);
    std::atomic<int> approved{0}, refused{0}, odd{0};
    go = false;
    threads.clear();
    for (auto id : ids) {
        threads.emplace_back([&, id] {
            ApiClient c = staff;
            while (!go.load()) std::this_thread::yield();
            auto r = c.post("/api/v1/visits/bookings/" + std::to_string(id) + "/approve", json::object());
            if (r.status == 200) ++approved;
            else if (r.status == 409 && r.body["error"]["code"] == "full") ++refused;
            else ++odd;
        });
    }
    go = true;
    for (auto& t : threads) t.join();
    CHECK(approved == 6);
    CHECK(refused == 6);
    CHECK(odd == 0);
    auto after = staff.get("/api/v1/visits?from=" + slot["day"].get<std::string>() + "&to=" + slot["day"].get<std::string>());
    for (const auto& x : after.body["slots"])
        if (x["id"] == slot_id) {
            CHECK(x["seats_taken"] == 30);
            CHECK(x["seats_left"] == 0);
        }
}

TEST_CASE("visits: public POSTs are rate-limited per address", "[visits][inprocess]") {
    auto& env = TestEnv::get();
    fresh_window(env);
    auto pub = env.client();
    int accepted = 0;
    Reply last;
    for (int i = 0; i < 21; ++i) {
        last = pub.post("/api/v1/public/open-days/registrations", {{"open_day_id", 999999}, {"name", "测试"}, {"phone", "13900000000"}});
        if (last.status != 429) ++accepted;
    }
    CHECK(accepted == 20);
    CHECK(last.status == 429);
    CHECK_THAT(last.body["error"]["message"].get<std::string>(), Catch::Contains("提交过于频繁"));
    fresh_window(env);
    CHECK(pub.post("/api/v1/public/open-days/registrations", {{"open_day_id", 999999}, {"name", "测试"}, {"phone", "13900000000"}}).status == 422);
}

TEST_CASE("visits: the reception rate and open days held move in the KPI table", "[visits][kpi][inprocess]") {
    auto& env = TestEnv::get();
    fresh_window(env);
    auto staff = env.signed_in("supervisor");
    auto pub = env.client();
    const auto today = yiyang::date_of(server_clock(staff));
    const std::string quarter = yiyang::quarter_of(today).code();
    auto before = staff.get("/api/v1/kpis?period=" + quarter);
    REQUIRE(before.status == 200);
    const json* rate0 = kpi_item(before, "exhibition_reception_rate");
    REQUIRE(rate0);
    CHECK((*rate0)["source"] == "records");
    CHECK((*rate0)["kind"] == "visits");
    const std::int64_t num0 = (*rate0)["numerator_count"], den0 = (*rate0)["denominator_count"];

    // Two approved groups: one received today, one whose day passed without anyone coming.
    const json s1 = new_slot(staff, 6, 40), s2 = new_slot(staff, 6, 40);
    std::vector<std::int64_t> ids;
    std::vector<std::string> codes;
    for (const auto* s : {&s1, &s2}) {
        auto r = pub.post("/api/v1/public/visits/bookings", group((*s)["id"], 10, "幸福社区"));
        REQUIRE(r.status == 201);
        codes.push_back(r.body["code"]);
        ids.push_back(booking_ids(staff, *s).at(0));
        REQUIRE(staff.post("/api/v1/visits/bookings/" + std::to_string(ids.back()) + "/approve", json::object()).status == 200);
    }
    // Same quarter for both days (today and yesterday, unless today is a quarter's first day: then today only).
    const auto yesterday = yiyang::add_days(today, -1);
    const bool same_quarter = yiyang::quarter_of(yesterday).code() == quarter;
    move_slot_day(env, s1["id"], yiyang::format_date(today));
    move_slot_day(env, s2["id"], yiyang::format_date(same_quarter ? yesterday : today));
    REQUIRE(env.signed_in("kiosk").post("/api/v1/visits/check-in", {{"code", codes[0]}}).status == 200);
    if (same_quarter) REQUIRE(staff.post("/api/v1/visits/bookings/" + std::to_string(ids[1]) + "/no-show", json::object()).status == 200);

    auto after = staff.get("/api/v1/kpis?period=" + quarter);
    const json* rate = kpi_item(after, "exhibition_reception_rate");
    REQUIRE(rate);
    CHECK((*rate)["numerator_count"] == num0 + 1);
    CHECK((*rate)["denominator_count"] == den0 + (same_quarter ? 2 : 1));
    CHECK((*rate)["applicable"] == true);
    // A town's view: city-wide only.
    const json* held = kpi_item(after, "open_days");
    REQUIRE(held);
    CHECK((*held)["applicable"] == true);
    CHECK(staff.get("/api/v1/kpis/exhibition_reception_rate/records?period=" + quarter).status == 422);
}

TEST_CASE("visits: a malformed public POST is refused without using the address's allowance", "[visits][inprocess]") {
    auto& env = TestEnv::get();
    fresh_window(env);
    auto pub = env.client();
    const httplib::Headers from{{"X-Yiyang-Request", "1"}, {"X-Real-IP", "203.0.113.78"}};
    for (int i = 0; i < 25; ++i)   // more than the rule's 20 a window: none of them could ever be accepted
        CHECK(pub.send("POST", "/api/v1/public/open-days/registrations", "{}", from).status == 422);
    const json well_formed{{"open_day_id", 999999}, {"name", "测试"}, {"phone", "13900000000"}};
    CHECK(pub.send("POST", "/api/v1/public/open-days/registrations", well_formed.dump(), from).status == 422);
}

TEST_CASE("visits: the desk's day list (接待名单) — groups and open-day registrations, XLSX and print, masked for the leader",
          "[visits][export][inprocess]") {
    auto& env = TestEnv::get();
    fresh_window(env);
    auto staff = env.signed_in("admin");
    auto pub = env.client();
    const json slot = new_slot(staff, 25, 60);
    const std::int64_t slot_id = slot["id"];
    const std::string day = slot["day"];
    auto a = pub.post("/api/v1/public/visits/bookings", group(slot_id, 12, "名单测试一中", "13800138011"));
    REQUIRE(a.status == 201);
    auto b = pub.post("/api/v1/public/visits/bookings", group(slot_id, 8, "名单测试二中", "13800138012"));
    REQUIRE(b.status == 201);
    // b is declined: not on the list.
    std::int64_t b_id = 0;
    const auto board = staff.get("/api/v1/visits?from=" + day + "&to=" + day);
    INFO(board.raw.substr(0, 2000));
    INFO(b.raw);
    for (const auto& s : board.body["slots"])
        for (const auto& bk : s["bookings"])
            if (bk["code"] == b.body["code"]) b_id = bk["id"];
    REQUIRE(b_id != 0);
    REQUIRE(staff.post("/api/v1/visits/bookings/" + std::to_string(b_id) + "/decline", {{"reason", "时段已安排其他活动"}}).status == 200);
    auto od = staff.post("/api/v1/visits/open-days",
                         {{"title", "名单测试开放日"}, {"day", day}, {"start", "14:00"}, {"end", "16:00"}, {"place", "展厅"},
                          {"capacity", 20}, {"registration_opens", day_after(staff, 0)},
                          {"registration_closes", day_after(staff, 20)}, {"description", ""}});
    INFO(od.raw);
    REQUIRE(od.status == 201);
    auto reg = pub.post("/api/v1/public/open-days/registrations",
                        {{"open_day_id", od.body["id"]}, {"name", "欧阳玥"}, {"phone", "13912340001"}, {"people", 2}});
    REQUIRE(reg.status == 201);

    const std::string q = "?from=" + day + "&to=" + day;
    auto page = staff.get("/api/v1/export/visits.html" + q);
    REQUIRE(page.status == 200);
    CHECK(page.header("Content-Type").find("text/html") == 0);
    CHECK(page.raw.find("展厅接待名单") != std::string::npos);
    CHECK(page.raw.find("名单测试一中") != std::string::npos);
    CHECK(page.raw.find(a.body["code"].get<std::string>()) != std::string::npos);
    CHECK(page.raw.find("13800138011") != std::string::npos);       // the desk calls the group's contact
    CHECK(page.raw.find("名单测试二中") == std::string::npos);      // declined: not expected
    CHECK(page.raw.find("欧阳玥") != std::string::npos);            // every character of a name
    CHECK(page.raw.find("名单测试开放日") != std::string::npos);
    CHECK(page.raw.find("签字") != std::string::npos);

    auto xlsx = staff.get("/api/v1/export/visits.xlsx" + q);
    REQUIRE(xlsx.status == 200);
    CHECK(xlsx.raw.rfind("PK", 0) == 0);
    CHECK(xlsx.header("Content-Disposition").find("attachment") == 0);

    // The leader reads the hall but does not run it: names and phones masked, as on the board.
    auto leader = env.signed_in("leader").get("/api/v1/export/visits.html" + q);
    REQUIRE(leader.status == 200);
    CHECK(leader.raw.find("名单测试一中") != std::string::npos);
    CHECK(leader.raw.find("13800138011") == std::string::npos);
    CHECK(leader.raw.find("欧阳玥") == std::string::npos);
    CHECK(leader.raw.find("脱敏") != std::string::npos);
    // Providers do not read the hall; a bad day is named.
    CHECK(env.signed_in("provider").get("/api/v1/export/visits.html" + q).status == 403);
    CHECK(staff.get("/api/v1/export/visits.xlsx?from=2026-13-01").status == 400);
    // Every export is an audit event.
    SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("SELECT COUNT(*) FROM audit_events WHERE entity = 'export' AND changes LIKE '%\"table\":\"visits\"%'")
              .getInt() >= 3);
}

}  // namespace test_visits
