// Call-record import through the API: a clean file (counts, the call linked to the order it produced), the
// same file again (duplicates skipped), bad files (wrong columns, an impossible date, GBK bytes, empty)
// rejected with a row/column report and nothing written, role refusals, and the masked call list.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>

#include "harness.hpp"
#include "yiyang/date.hpp"

namespace test_calls {

using namespace yiyang::test;

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(YIYANG_SOURCE_DIR) + "/tests/fixtures/cdr/" + name, std::ios::binary);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The raw file as the body, Content-Type text/csv (the harness's post() sends JSON).
Reply upload(ApiClient& c, const std::string& body, const std::string& query) {
    return c.send("POST", "/api/v1/calls/import?" + query, body,
                  {{"X-Yiyang-Request", "1"}, {"Content-Type", "text/csv"}});
}

std::int64_t calls_total(ApiClient& admin) {
    auto r = admin.get("/api/v1/calls?page_size=1");
    REQUIRE(r.status == 200);
    return r.body["total"].get<std::int64_t>();
}

std::string ts(yiyang::LocalSeconds t) {
    auto s = yiyang::format_timestamp(t);
    s[10] = ' ';
    return s;
}

// A run-unique prefix so the suite can run twice against one database (the nginx pass) without its own
// calls turning into duplicates.
std::string unique_prefix() {
    std::random_device rd;
    return "t" + std::to_string(rd()) + "-";
}

}  // namespace

TEST_CASE("a clean CDR file is imported, linked to its order, and a second import only counts duplicates", "[calls]") {
    auto& env = TestEnv::get();
    auto admin = env.signed_in("admin");
    auto agent = env.signed_in("agent");
    // An elder with a phone number, who calls and gets a work order registered.
    auto elders = admin.get("/api/v1/elders?status=active&page_size=50");
    REQUIRE(elders.status == 200);
    std::int64_t elder = 0;
    std::string phone;
    // One with no work order yet: the import links a call to the earliest unlinked order of the caller's number in
    // its window, and other files' cases give orders to elders of this same server.
    for (const auto& e : elders.body["items"]) {
        const auto p = e["phone"].get<std::string>();
        if (p.size() >= 7 && p.find_first_not_of("0123456789") == std::string::npos &&
            admin.get("/api/v1/orders?elder=" + std::to_string(e["id"].get<std::int64_t>()) + "&page_size=1")
                    .body["total"] == 0) {
            elder = e["id"].get<std::int64_t>();
            phone = p;
            break;
        }
    }
    REQUIRE(elder > 0);
    const auto now = server_clock(agent);
    auto created = agent.post("/api/v1/orders", {{"channel", "hotline"}, {"type", "consultation"}, {"elder_id", elder},
                                                 {"description", "测试：来电咨询补贴政策"}});
    REQUIRE(created.status == 201);
    const auto order_id = created.body["order"]["id"].get<std::int64_t>();
    const auto order_code = created.body["order"]["code"].get<std::string>();

    const auto id = unique_prefix();
    std::string csv = "方向,主叫号码,被叫号码,开始时间,接听时间,结束时间,坐席,结果,话单编号\n";
    csv += "呼入," + phone + ",88885252," + ts(now - 60) + "," + ts(now - 50) + "," + ts(now + 120) + ",agent01,接通," + id + "1\n";
    csv += "in,13900001111,88885252," + ts(now - 40) + ",," + ts(now - 10) + ",,no_answer," + id + "2\n";
    csv += "out,8002,13900002222," + ts(now - 30) + "," + ts(now - 20) + "," + ts(now) + ",agent02,answered," + id + "3\n";

    const auto before = calls_total(admin);
    auto r = upload(admin, csv, "name=%E8%AF%9D%E5%8D%95.csv");
    INFO(r.raw);
    REQUIRE(r.status == 201);
    CHECK(r.body["rows"] == 3);
    CHECK(r.body["imported"] == 3);
    CHECK(r.body["duplicates"] == 0);
    CHECK(r.body["linked"] == 1);
    CHECK(r.body["format"] == "yiyang_csv");
    CHECK(r.body["import_id"].get<std::int64_t>() > 0);
    CHECK(calls_total(admin) == before + 3);

    // The inbound call from the elder carries the order; the list is newest first within the period.
    const auto period = yiyang::format_date(yiyang::date_of(now - 60)).substr(0, 7);
    auto list = admin.get("/api/v1/calls?period=" + period + "&page_size=200");
    REQUIRE(list.status == 200);
    bool found = false;
    for (const auto& c : list.body["items"]) {
        if (c["call_key"] != id + "1") continue;
        found = true;
        CHECK(c["order_id"] == order_id);
        CHECK(c["order_code"] == order_code);
        CHECK(c["caller"] == phone);   // supervisors and admins see the number
        CHECK(c["direction"] == "inbound");
        CHECK(c["answered"] == true);
        CHECK(c["agent"] == "agent01");
    }
    CHECK(found);
    // Agents see the outside number masked.
    auto masked = agent.get("/api/v1/calls?period=" + period + "&page_size=200");
    REQUIRE(masked.status == 200);
    CHECK(masked.body["masked"] == true);
    for (const auto& c : masked.body["items"]) {
        if (c["call_key"] == id + "1") CHECK(c["caller"].get<std::string>().find("****") != std::string::npos);
    }

    // The same file again: nothing new, every row a duplicate, no failure half-way.
    auto again = upload(admin, csv, "name=again.csv");
    REQUIRE(again.status == 201);
    CHECK(again.body["imported"] == 0);
    CHECK(again.body["duplicates"] == 3);
    CHECK(again.body["linked"] == 0);
    CHECK(calls_total(admin) == before + 3);

    // An Asterisk Master.csv as is, with format=asterisk.
    auto ast = upload(admin, fixture("asterisk-master.csv"), "name=Master.csv&format=asterisk");
    REQUIRE(ast.status == 201);
    CHECK(ast.body["format"] == "asterisk");
    CHECK(ast.body["rows"] == 3);
    CHECK(ast.body["imported"].get<int>() + ast.body["duplicates"].get<int>() == 3);
    // ... but not when the other format was asked for.
    auto wrong = upload(admin, fixture("asterisk-master.csv"), "format=yiyang");
    CHECK(wrong.status == 422);
    CHECK(wrong.body["error"]["code"] == "invalid_cdr");
}

TEST_CASE("bad CDR files are rejected with a report and nothing is imported", "[calls]") {
    auto admin = TestEnv::get().signed_in("admin");
    const auto before = calls_total(admin);

    SECTION("wrong columns") {
        auto r = upload(admin, fixture("wrong-columns.csv"), "name=wrong.csv");
        REQUIRE(r.status == 422);
        CHECK(r.body["error"]["code"] == "invalid_cdr");
        const auto msg = r.body["error"]["message"].get<std::string>();
        CHECK(msg.find("表头缺少列") != std::string::npos);
        CHECK(msg.find("disposition") != std::string::npos);
        CHECK(msg.find("未导入任何记录") != std::string::npos);
    }
    SECTION("an impossible date names its row and column") {
        auto r = upload(admin, fixture("broken-date.csv"), "name=broken.csv");
        REQUIRE(r.status == 422);
        bool named = false;
        for (const auto& e : r.body["error"]["report"]) {
            if (e["row"] == 3 && e["column"] == "开始时间") named = true;
        }
        CHECK(named);
        CHECK(r.body["error"]["message"].get<std::string>().find("第 3 行") != std::string::npos);
    }
    SECTION("bytes that are neither UTF-8 nor GBK / GB18030 nor UTF-16") {
        auto r = upload(admin, std::string("direction,caller\n\xFF\xFF\x01in,138\n", 22), "name=junk.csv");
        REQUIRE(r.status == 422);
        CHECK(r.body["error"]["message"].get<std::string>().find("文件不是 UTF-8 编码") != std::string::npos);
    }
    SECTION("an empty file") {
        auto r = upload(admin, fixture("empty.csv"), "name=empty.csv");
        REQUIRE(r.status == 422);
        CHECK(r.body["error"]["message"].get<std::string>().find("文件为空") != std::string::npos);
    }
    SECTION("a JSON body or an unknown format parameter") {
        CHECK(admin.post("/api/v1/calls/import", {{"x", 1}}).status == 415);
        CHECK(upload(admin, fixture("asterisk-master.csv"), "format=excel").status == 400);
    }
    CHECK(calls_total(admin) == before);
}

TEST_CASE("only admins and supervisors import call records; kiosks, towns and providers cannot list them", "[calls]") {
    auto& env = TestEnv::get();
    const auto file = fixture("asterisk-master.csv");
    for (const char* role : {"agent", "town", "provider", "kiosk"}) {
        auto c = env.signed_in(role);
        INFO(role);
        CHECK(upload(c, file, "name=x.csv").status == 403);
    }
    for (const char* role : {"town", "provider", "kiosk"}) {
        auto c = env.signed_in(role);
        INFO(role);
        CHECK(c.get("/api/v1/calls").status == 403);
    }
    auto anon = env.client();
    CHECK(anon.get("/api/v1/calls").status == 401);
    CHECK(upload(anon, file, "").status == 401);
    auto sup = env.signed_in("supervisor");
    CHECK(sup.get("/api/v1/calls?period=2026-13").status == 400);
    CHECK(upload(sup, fixture("broken-date.csv"), "").status == 422);
}

TEST_CASE("a CDR file saved by Excel on Chinese Windows (GBK) or as Unicode text (UTF-16) is converted and imported",
          "[calls]") {
    auto admin = TestEnv::get().signed_in("admin");
    const auto now = server_clock(admin);
    const auto prefix = unique_prefix();
    // 张三 in GBK is D5 C5 C8 FD; the fixture holds the same row (fx-gbk-0001).
    const std::string zhang_gbk = "\xD5\xC5\xC8\xFD";
    const std::string header = "direction,caller,callee,start,answer,end,agent,disposition,call_id\n";
    const std::string row = "in,13800138000,88885252," + ts(now - 600) + "," + ts(now - 590) + "," + ts(now - 400) +
                            "," + zhang_gbk + ",answered," + prefix + "gbk\n";
    const auto before = calls_total(admin);
    auto r = upload(admin, header + row, "name=gbk.csv");
    REQUIRE(r.status == 201);
    CHECK(r.body["encoding"] == "gb18030");
    CHECK(r.body["imported"] == 1);
    CHECK(calls_total(admin) == before + 1);
    bool found = false;   // newest first: ours is near the top, but the demo city's calls may be newer
    for (int p = 1; p <= 20 && !found; ++p) {
        auto page = admin.get("/api/v1/calls?page_size=200&page=" + std::to_string(p));
        REQUIRE(page.status == 200);
        for (const auto& c : page.body["items"]) {
            if (c["agent"] == "张三" && c["call_key"].get<std::string>().find(prefix) != std::string::npos) found = true;
        }
        if (page.body["items"].empty()) break;
    }
    CHECK(found);
    // The shipped GBK fixture converts too (its row may already be there from an earlier run: imported or duplicate).
    auto f = upload(admin, fixture("gbk.csv"), "name=gbk-fixture.csv");
    REQUIRE(f.status == 201);
    CHECK(f.body["imported"].get<int>() + f.body["duplicates"].get<int>() == 1);

    // UTF-16 LE with its byte-order mark (Excel's "Unicode text"): ASCII-only content, each byte then a NUL.
    const std::string utf8 = header + "out,88885252,13900139000," + ts(now - 300) + "," + ts(now - 290) + "," +
                             ts(now - 200) + ",agent01,answered," + prefix + "u16\n";
    std::string utf16 = "\xFF\xFE";
    for (char ch : utf8) { utf16 += ch; utf16 += '\0'; }
    auto u = upload(admin, utf16, "name=unicode.txt");
    REQUIRE(u.status == 201);
    CHECK(u.body["encoding"] == "utf-16");
    CHECK(u.body["imported"] == 1);
}

TEST_CASE("the call list filters by days, direction, outcome, seat and number, sorts by its columns, and exports so",
          "[calls]") {
    auto& env = TestEnv::get();
    auto admin = env.signed_in("admin");
    auto agent = env.signed_in("agent");
    // The three calls lie 900 to 500 s before `now` and the filters ask for one day: within the first 20 minutes of
    // a day (China time) they would straddle midnight, so they are placed before the previous midnight instead.
    const auto clock = server_clock(admin);
    const auto since_midnight = clock - yiyang::start_of(yiyang::date_of(clock));
    const auto now = since_midnight < 1200 ? clock - since_midnight - 3600 : clock;
    const auto prefix = unique_prefix();
    // A seat name of this run only, so the filters see exactly these three calls.
    const std::string seat = "s" + prefix.substr(1, 8);
    const std::string caller = "139" + std::to_string(10000000 + std::random_device{}() % 89999999);
    std::string csv = "direction,caller,callee,start,answer,end,agent,disposition,call_id\n";
    csv += "in," + caller + ",88885252," + ts(now - 900) + "," + ts(now - 890) + "," + ts(now - 500) + "," + seat +
           ",answered," + prefix + "a\n";
    csv += "in," + caller + ",88885252," + ts(now - 800) + "," + ts(now - 795) + "," + ts(now - 780) + "," + seat +
           ",answered," + prefix + "b\n";
    csv += "out,8002,13700137000," + ts(now - 700) + ",," + ts(now - 690) + "," + seat + ",no_answer," + prefix + "c\n";
    REQUIRE(upload(admin, csv, "name=filters.csv").status == 201);
    const std::string day = yiyang::format_date(yiyang::date_of(now - 900));
    const std::string base = "/api/v1/calls?agent=" + seat + "&from=" + day + "&to=" + day;

    auto all = admin.get(base);
    REQUIRE(all.status == 200);
    CHECK(all.body["total"] == 3);
    CHECK(admin.get(base + "&direction=inbound").body["total"] == 2);
    CHECK(admin.get(base + "&direction=outbound").body["total"] == 1);
    CHECK(admin.get(base + "&disposition=no_answer").body["total"] == 1);
    CHECK(admin.get(base + "&disposition=answered&direction=inbound").body["total"] == 2);
    // Days after the calls: none of them.
    const std::string next = yiyang::format_date(yiyang::add_days(yiyang::date_of(now - 900), 1));
    CHECK(admin.get("/api/v1/calls?agent=" + seat + "&from=" + next).body["total"] == 0);
    CHECK(admin.get("/api/v1/calls?agent=" + seat + "&from=" + next + "&to=" + day).status == 400);   // to before from
    CHECK(admin.get(base + "&direction=sideways").status == 400);
    CHECK(admin.get(base + "&disposition=maybe").status == 400);

    // Sorted by duration, both ways (ties by id); by talk time; not by a number.
    auto by_dur = admin.get(base + "&sort=duration");
    REQUIRE(by_dur.status == 200);
    REQUIRE(by_dur.body["items"].size() == 3);
    CHECK(by_dur.body["items"][0]["call_key"] == prefix + "c");
    CHECK(by_dur.body["items"][2]["call_key"] == prefix + "a");
    auto by_dur_desc = admin.get(base + "&sort=-duration");
    CHECK(by_dur_desc.body["items"][0]["call_key"] == prefix + "a");
    auto by_talk = admin.get(base + "&sort=talk&dir=desc");
    CHECK(by_talk.body["items"][0]["call_key"] == prefix + "a");
    CHECK(by_talk.body["items"][2]["call_key"] == prefix + "c");
    CHECK(admin.get(base + "&sort=caller").status == 400);

    // Numbers: a supervisor (numbers in full) finds by 3+ digits anywhere; an agent (masked) only by the whole
    // number, exactly — a fragment is refused, whatever it is.
    CHECK(admin.get(base + "&number=" + caller.substr(3, 6)).body["total"] == 2);
    CHECK(admin.get(base + "&number=13700137").body["total"] == 1);
    CHECK(admin.get(base + "&number=12").status == 400);
    CHECK(admin.get(base + "&number=13a").status == 400);
    for (const std::string& fragment : {caller.substr(0, 4), caller.substr(3, 4), caller.substr(0, 6)}) {
        INFO("agent number=" << fragment);
        auto r = agent.get(base + "&number=" + fragment);
        CHECK(r.status == 400);
        CHECK(r.body["error"]["message"].get<std::string>().find("完整") != std::string::npos);
    }
    auto whole = agent.get(base + "&number=" + caller);
    REQUIRE(whole.status == 200);
    CHECK(whole.body["total"] == 2);
    CHECK(whole.body["items"][0]["caller"].get<std::string>().find("****") != std::string::npos);
    CHECK(agent.get(base + "&number=86" + caller).body["total"] == 2);   // the trunk prefix is the same number

    // The export holds what the screen's filters select, in its order.
    auto x = admin.send("GET", "/api/v1/export/calls.html?" + base.substr(std::string("/api/v1/calls?").size()) +
                                   "&direction=inbound&sort=duration", "", {});
    REQUIRE(x.status == 200);
    CHECK(x.raw.find("呼入") != std::string::npos);
    CHECK(x.raw.find(seat) != std::string::npos);
    CHECK(x.raw.find(prefix + "c") == std::string::npos);
    CHECK(agent.send("GET", "/api/v1/export/calls.xlsx?number=" + caller.substr(0, 5), "", {}).status == 400);
}

}  // namespace test_calls
