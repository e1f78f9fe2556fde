// Institution inspections (http/inspection_routes.cpp, issue 13 part inspections) on the real in-process server and
// SQLite file: an inspection with a failed item opens a rectification with the rule's deadline; the clock moved past
// it makes it overdue; a failed re-check sets a new deadline, a passed one closes it; a role that may not inspect gets
// 403; bad input is refused naming the field with nothing written; audit events; the demo month; the rate table and
// its XLSX; star ratings and caregiver reviews computed by the rule and signed once.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <stb_image_write.h>   // the implementation is test_evidence.cpp's

#include <string>

#include "harness.hpp"
#include "yiyang/date.hpp"

namespace test_inspections {

using namespace yiyang::test;

namespace {

std::string day_after(ApiClient& c, int days) {
    return yiyang::format_date(yiyang::add_days(yiyang::date_of(server_clock(c)), days));
}

std::int64_t count_rows(TestEnv& env, const std::string& sql) {
    SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getInt64();
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

// Every checklist item of the board passed, but those named failed with a note.
json inspection(const json& board, std::int64_t institution, const std::string& day,
                const std::vector<std::string>& failed = {}) {
    json items = json::array();
    for (const auto& c : board["checklist"]) {
        const auto code = c["code"].get<std::string>();
        const bool fail = std::find(failed.begin(), failed.end(), code) != failed.end();
        json item = {{"code", code}, {"passed", !fail}};
        if (fail) item["note"] = "测试：发现问题";
        items.push_back(item);
    }
    return {{"institution_id", institution}, {"day", day}, {"inspector", "王主管"}, {"items", items}};
}

const json* rect_of(const json& board, std::int64_t id) {
    for (const auto& r : board["rectifications"])
        if (r["id"] == id) return &r;
    return nullptr;
}

void append_bytes(void* ctx, void* data, int size) { static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), static_cast<std::size_t>(size)); }

std::string small_png() {
    std::vector<unsigned char> px(64 * 48 * 3, 120);
    std::string out;
    stbi_write_png_to_func(append_bytes, &out, 64, 48, 3, px.data(), 64 * 3);
    return out;
}

}  // namespace

TEST_CASE("inspections: the demo month, the rate table and its XLSX", "[inspections]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto r = sup.get("/api/v1/inspections");
    INFO(r.raw.substr(0, 400));
    REQUIRE(r.status == 200);
    const auto& board = r.body;
    CHECK(board["checklist"].size() == 12);
    REQUIRE(!board["institutions"].empty());
    CHECK(board["rate"]["required"] == 2);
    CHECK(board["rate"]["institutions"].get<std::int64_t>() == static_cast<std::int64_t>(board["rate"]["rows"].size()));
    // The demo month: some inspected twice (met), some once (not met), at least one rectification overdue.
    bool twice = false, once = false;
    for (const auto& row : board["rate"]["rows"]) {
        if (row["count"] == 2) { twice = true; CHECK(row["met"] == true); }
        if (row["count"] == 1) { once = true; CHECK(row["met"] == false); }
    }
    CHECK(twice);
    CHECK(once);
    CHECK(board["overdue"].get<int>() >= 1);
    CHECK(board["rate"]["rate"]["den"] == board["rate"]["institutions"]);
    CHECK(board["rate"]["rate"]["text"].get<std::string>().find('%') != std::string::npos);

    auto x = sup.get("/api/v1/export/inspection-rate.xlsx?month=" + board["rate"]["month"].get<std::string>());
    REQUIRE(x.status == 200);
    CHECK(x.raw.substr(0, 2) == "PK");
    CHECK(sup.get("/api/v1/inspections/rate?month=2026-13").status == 400);
    CHECK(sup.get("/api/v1/inspections/rate?month=2099-01").status == 400);
}

TEST_CASE("inspections: a failed item opens a rectification, overdue after its deadline, closed by a re-check",
          "[inspections][inprocess]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const json board = sup.get("/api/v1/inspections").body;
    const std::int64_t inst = board["institutions"][0]["id"];
    const std::string yesterday = day_after(sup, -1), today = day_after(sup, 0);
    const auto before = count_rows(env, "SELECT COUNT(*) FROM inspections");

    // fire_exits: 1 calendar day (rule inspections-2026-v1) → found yesterday, due today.
    auto r = sup.post("/api/v1/inspections", inspection(board, inst, yesterday, {"fire_exits"}));
    INFO(r.raw.substr(0, 400));
    REQUIRE(r.status == 201);
    const std::int64_t id = r.body["id"];
    CHECK(r.body["failed"] == 1);
    CHECK(r.body["passed"] == 11);
    CHECK(r.body["result_label"] == "需整改");
    CHECK(count_rows(env, "SELECT COUNT(*) FROM inspections") == before + 1);
    CHECK(audit_count(env, "inspection", id, "create") == 1);

    json now_board = sup.get("/api/v1/inspections").body;
    std::int64_t rect = 0;
    for (const auto& x : now_board["rectifications"])
        if (x["inspection_id"] == id) rect = x["id"];
    REQUIRE(rect != 0);
    CHECK(audit_count(env, "rectification", rect, "open") == 1);
    CHECK((*rect_of(now_board, rect))["deadline"] == today);
    CHECK((*rect_of(now_board, rect))["overdue"] == false);   // the deadline day itself

    // The clock past the deadline: overdue the day after.
    env.advance_clock(24 * 3600 + 60);
    auto sup2 = env.signed_in("supervisor");
    now_board = sup2.get("/api/v1/inspections").body;
    REQUIRE(rect_of(now_board, rect) != nullptr);
    CHECK((*rect_of(now_board, rect))["overdue"] == true);
    CHECK((*rect_of(now_board, rect))["days_overdue"] == 1);

    // A failed re-check keeps it open with a new deadline from the re-check day; its note is required.
    const std::string day2 = day_after(sup2, 0);
    CHECK(sup2.post("/api/v1/rectifications/" + std::to_string(rect) + "/recheck", {{"day", day2}, {"passed", false}}).status == 422);
    r = sup2.post("/api/v1/rectifications/" + std::to_string(rect) + "/recheck",
                  {{"day", day2}, {"passed", false}, {"note", "仍有杂物"}});
    INFO(r.raw);
    REQUIRE(r.status == 200);
    CHECK(r.body["status"] == "open");
    CHECK(r.body["deadline"] == day_after(sup2, 1));
    CHECK(r.body["overdue"] == false);
    CHECK(r.body["rechecks"].size() == 1);
    r = sup2.post("/api/v1/rectifications/" + std::to_string(rect) + "/recheck", {{"day", day2}, {"passed", true}});
    REQUIRE(r.status == 200);
    CHECK(r.body["status"] == "closed");
    CHECK(r.body["closed_on"] == day2);
    CHECK(audit_count(env, "rectification", rect, "recheck") == 2);
    CHECK(sup2.post("/api/v1/rectifications/" + std::to_string(rect) + "/recheck", {{"day", day2}, {"passed", true}}).status == 409);
    CHECK(sup2.post("/api/v1/rectifications/999999/recheck", {{"day", day2}, {"passed", true}}).status == 404);
    // The clock back where it was: the in-process server is shared by the files after this one, and a day moved
    // on changed what they judge (test_kpis' staffing figure judged a workday without the tiny city's calls).
    env.advance_clock(-(24 * 3600 + 60));
}

TEST_CASE("inspections: who may inspect; bad input refused with nothing written", "[inspections][inprocess]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const json board = sup.get("/api/v1/inspections").body;
    const std::int64_t inst = board["institutions"][0]["id"];
    const std::string today = day_after(sup, 0);
    const auto before = count_rows(env, "SELECT COUNT(*) FROM inspections");
    const auto rects = count_rows(env, "SELECT COUNT(*) FROM rectifications");
    const char* const kAudits = "SELECT COUNT(*) FROM audit_events WHERE entity IN ('inspection', 'rectification')";
    const auto audits = count_rows(env, kAudits);

    auto agent = env.signed_in("agent");
    auto r = agent.post("/api/v1/inspections", inspection(board, inst, today));
    CHECK(r.status == 403);
    CHECK(agent.get("/api/v1/inspections").status == 403);
    CHECK(env.signed_in("provider").get("/api/v1/inspections").status == 403);
    CHECK(env.signed_in("leader").get("/api/v1/inspections").status == 200);
    CHECK(env.signed_in("leader").post("/api/v1/inspections", inspection(board, inst, today)).status == 403);

    // A town user (town 1) may not inspect another town's institution.
    for (const auto& i : board["institutions"]) {
        if (i["town_id"] == 1) continue;
        auto town = env.signed_in("town");
        r = town.post("/api/v1/inspections", inspection(board, i["id"], today));
        CHECK(r.status == 403);
        break;
    }

    json bad = inspection(board, inst, today, {"food_samples"});
    bad["items"][0]["code"] = "no_such_item";
    r = sup.post("/api/v1/inspections", bad);
    INFO(r.raw);
    CHECK(r.status == 422);
    bool named = false;
    for (const auto& f : r.body["error"]["fields"])
        if (f["field"] == "items[0].code") named = f["message"].get<std::string>().find("未知检查项") != std::string::npos;
    CHECK(named);

    bad = inspection(board, inst, "2026-13-45", {"food_samples"});
    r = sup.post("/api/v1/inspections", bad);
    CHECK(r.status == 422);
    CHECK(r.body["error"]["fields"][0]["field"] == "day");

    bad = inspection(board, 99999999, today, {"food_samples"});
    CHECK(sup.post("/api/v1/inspections", bad).status == 422);

    // A huge body is refused before it is read; a deeply nested one before it is parsed.
    const std::string huge = "{\"note\":\"" + std::string(2 << 20, 'x') + "\"}";
    CHECK(sup.send("POST", "/api/v1/inspections", huge, {{"X-Yiyang-Request", "1"}}).status == 413);
    const std::string deep = std::string(100, '[') + std::string(100, ']');
    CHECK(sup.send("POST", "/api/v1/inspections", "{\"items\":" + deep + "}", {{"X-Yiyang-Request", "1"}}).status == 400);
    CHECK(sup.send("POST", "/api/v1/inspections", "not json", {{"X-Yiyang-Request", "1"}}).status == 400);

    CHECK(count_rows(env, "SELECT COUNT(*) FROM inspections") == before);
    CHECK(count_rows(env, "SELECT COUNT(*) FROM rectifications") == rects);
    CHECK(count_rows(env, kAudits) == audits);
}

TEST_CASE("inspections: an inspection counts in the month's rate table", "[inspections][inprocess]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    json board = sup.get("/api/v1/inspections").body;
    // An institution not yet inspected this month (the demo leaves one of every four).
    std::int64_t inst = 0;
    for (const auto& row : board["rate"]["rows"])
        if (row["count"] == 0) { inst = row["institution_id"]; break; }
    REQUIRE(inst != 0);
    const std::int64_t met = board["rate"]["met"];
    REQUIRE(sup.post("/api/v1/inspections", inspection(board, inst, day_after(sup, 0))).status == 201);
    board = sup.get("/api/v1/inspections").body;
    for (const auto& row : board["rate"]["rows"])
        if (row["institution_id"] == inst) { CHECK(row["count"] == 1); CHECK(row["met"] == false); }
    CHECK(board["rate"]["met"] == met);   // once is not met
    REQUIRE(sup.post("/api/v1/inspections", inspection(board, inst, day_after(sup, 0))).status == 201);
    board = sup.get("/api/v1/inspections").body;
    CHECK(board["rate"]["met"] == met + 1);
}

TEST_CASE("inspections: star rating and caregiver review computed by the rule, signed once", "[inspections][inprocess]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto q = sup.get("/api/v1/inspections/quarter");
    REQUIRE(q.status == 200);
    REQUIRE(!q.body["centres"].empty());
    CHECK(q.body["star_items"].size() == 6);
    const std::int64_t centre = q.body["centres"][0]["id"];
    const std::string quarter = q.body["quarter"];
    const json scores = {{"facilities", 18}, {"services", 22}, {"management", 17}, {"staff", 12}, {"safety", 9}, {"satisfaction", 10}};

    CHECK(env.signed_in("town").post("/api/v1/star-ratings", {{"institution_id", centre}, {"quarter", quarter}, {"scores", scores}}).status == 403);
    json bad = scores;
    bad["safety"] = 11;
    auto r = sup.post("/api/v1/star-ratings", {{"institution_id", centre}, {"quarter", quarter}, {"scores", bad}});
    CHECK(r.status == 422);
    CHECK(r.body["error"]["fields"][0]["field"] == "scores.safety");
    r = sup.post("/api/v1/star-ratings", {{"institution_id", centre}, {"quarter", quarter}, {"scores", scores}, {"note", "现场+线上"}});
    INFO(r.raw);
    REQUIRE(r.status == 201);
    CHECK(r.body["total"] == 88);
    CHECK(r.body["stars"] == 4);
    CHECK(r.body["stars_label"] == "四星级");
    CHECK(audit_count(env, "star_rating", r.body["id"], "sign") == 1);
    CHECK(sup.post("/api/v1/star-ratings", {{"institution_id", centre}, {"quarter", quarter}, {"scores", scores}}).status == 409);
    CHECK(sup.post("/api/v1/star-ratings", {{"institution_id", centre}, {"quarter", "2099-Q1"}, {"scores", scores}}).status == 422);

    const json cs = {{"attitude", 12}, {"standards", 15}, {"timeliness", 9}, {"evidence", 9}, {"callbacks", 9}, {"training", 5}};
    r = sup.post("/api/v1/caregiver-reviews", {{"caregiver", "陈秀英"}, {"provider_id", 1}, {"quarter", quarter}, {"scores", cs}});
    INFO(r.raw);
    REQUIRE(r.status == 201);
    CHECK(r.body["total"] == 59);
    CHECK(r.body["grade"] == "fail");
    CHECK(r.body["grade_label"] == "不合格");
    CHECK(sup.post("/api/v1/caregiver-reviews", {{"caregiver", "陈秀英"}, {"provider_id", 1}, {"quarter", quarter}, {"scores", cs}}).status == 409);
    json cs2 = cs;
    cs2["training"] = 6;
    r = sup.post("/api/v1/caregiver-reviews", {{"caregiver", "黄丽华"}, {"provider_id", 1}, {"quarter", quarter}, {"scores", cs2}});
    REQUIRE(r.status == 201);
    CHECK(r.body["total"] == 60);
    CHECK(r.body["grade"] == "pass");   // the pass mark itself passes
    q = sup.get("/api/v1/inspections/quarter?quarter=" + quarter);
    CHECK(q.body["ratings"].size() >= 1);
    CHECK(q.body["reviews"].size() >= 2);
    CHECK(sup.get("/api/v1/inspections/quarter?quarter=2026-Q5").status == 400);
}

TEST_CASE("inspections: evidence photos judged by content, nothing stored when refused", "[inspections][inprocess]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const json board = sup.get("/api/v1/inspections").body;
    REQUIRE(!board["inspections"].empty());
    const std::int64_t id = board["inspections"][0]["id"];
    const std::string path = "/api/v1/inspections/" + std::to_string(id) + "/photos";
    const auto before = count_rows(env, "SELECT COUNT(*) FROM inspection_photos");
    // A text file that says it is a PNG, an empty body: refused, nothing stored.
    auto r = sup.send("POST", path, "this is not a photo", {{"X-Yiyang-Request", "1"}, {"Content-Type", "image/png"}});
    CHECK(r.status == 422);
    r = sup.send("POST", path, "", {{"X-Yiyang-Request", "1"}, {"Content-Type", "image/png"}});
    CHECK(r.status == 422);
    CHECK(env.signed_in("agent").send("POST", path, small_png(), {{"X-Yiyang-Request", "1"}, {"Content-Type", "image/png"}}).status == 403);
    CHECK(count_rows(env, "SELECT COUNT(*) FROM inspection_photos") == before);
    r = sup.send("POST", path, small_png(), {{"X-Yiyang-Request", "1"}, {"Content-Type", "application/octet-stream"}});
    INFO(r.raw);
    REQUIRE(r.status == 201);
    CHECK(r.body["mime"] == "image/png");
    CHECK(r.body["sha256"].get<std::string>().size() == 64);
    CHECK(audit_count(env, "inspection_photo", r.body["id"], "upload") == 1);
    auto list = sup.get(path);
    REQUIRE(list.status == 200);
    CHECK(list.body["items"].size() == 1);
    auto thumb = sup.get(r.body["thumb_url"].get<std::string>());
    CHECK(thumb.status == 200);
    CHECK(thumb.header("Content-Type") == "image/jpeg");
    CHECK(sup.get("/api/v1/inspections/" + std::to_string(id)).body["photos"] == 1);
}

}  // namespace test_inspections
