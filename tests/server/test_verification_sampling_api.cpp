// Callback sampling through the API (issue 10): a draw of 5 882 active subscribers gives 295, reproducibly (same
// seed, same list; a key checked against OpenSSL's SHA-256), frozen against later ledger imports, stratified sizes
// summing to n; call outcomes recorded by an agent and reflected in the figures; a replacement; the survey's
// 188 valid / 93.61 %; who may do what. Quarters of 2022 keep these people apart from the demo city (enrolled
// from late 2022) and from the other verification tests (2024).
#include <catch2/catch.hpp>

#include <openssl/sha.h>

#include <algorithm>
#include <random>
#include <set>

#include "harness.hpp"
#include "yiyang/identity.hpp"

namespace test_verification_sampling_api {

using namespace yiyang::test;

namespace {

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// A valid ID number for person i of this run (birth dates one day apart from `from`, `seq` this run's).
std::string person(int i, int seq, yiyang::Date from) {
    const auto birth = yiyang::civil_from_days(yiyang::days_from_civil(from) + i);
    const std::string first17 = "350304" + std::to_string(birth.year) + two(birth.month) + two(birth.day) + std::to_string(seq);
    return first17 + yiyang::resident_id_check_char(first17);
}

std::string openssl_sha256(const std::string& text) {
    unsigned char d[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), d);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char c : d) {
        out += hex[c >> 4];
        out += hex[c & 15];
    }
    return out;
}

// Every subject of a draw (all pages), as the caller sees them.
std::vector<json> all_subjects(ApiClient& c, std::int64_t id) {
    std::vector<json> out;
    for (int page = 1;; ++page) {
        auto r = c.get("/api/v1/verification/samples/" + std::to_string(id) + "?page_size=500&page=" + std::to_string(page));
        REQUIRE(r.status == 200);
        for (const auto& s : r.body["subjects"]) out.push_back(s);
        if (static_cast<std::int64_t>(out.size()) >= r.body["subjects_total"].get<std::int64_t>() || r.body["subjects"].empty()) break;
    }
    return out;
}

std::int64_t seq_of_run() {
    std::random_device rd;
    return 100 + static_cast<int>(rd() % 100);   // 1xx: test_imports uses 2xx, test_verification 3xx–9xx
}

}  // namespace

TEST_CASE("sampling: 5 882 active give 295, reproducible, frozen, strata sum to n", "[verification][sampling][inprocess]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const auto towns = sup.get("/api/v1/towns");
    REQUIRE(towns.status == 200);
    const std::string town_a = towns.body["towns"][0]["name"].get<std::string>();
    const std::string town_b = towns.body["towns"][1]["name"].get<std::string>();
    const int seq = static_cast<int>(seq_of_run());

    // Whoever is already active on the draw date (nobody of the demo city; other tests' people, maybe).
    const json ask = {{"quarter", "2022Q1"}, {"draw_date", "2022-02-28"}, {"seed", "t-2022Q1"}, {"by_town", true},
                      {"reason", "测试：重新抽样"}};
    auto first = sup.post("/api/v1/verification/samples", ask);
    REQUIRE(first.status == 201);
    const auto before = first.body["draw"]["frame_size"].get<std::int64_t>();
    REQUIRE(before <= 5882);
    CHECK(first.body["draw"]["rule_version"] == "sampling-2020-v1");   // the rate is the rule's

    // The ledger: enough people active on 2022-02-28 to make 5 882, two towns; plus some not active that day.
    std::string csv = "姓名,身份证号,服务号码,镇街,开通日期,拆机日期,拆机原因\n";
    const int ours = static_cast<int>(5882 - before);
    for (int i = 0; i < ours + 30; ++i) {
        const bool gone = i >= ours;   // 20 removed on the draw date, 10 opened after it
        const std::string opened = gone && i >= ours + 20 ? "2022-03-01" : "2021-06-01";
        const std::string removed = gone && i < ours + 20 ? "2022-02-28" : "";
        csv += "抽样" + std::to_string(i) + "号," + person(i, seq, {1910, 1, 1}) + ",139" + std::to_string(20000000 + i) +
               "," + (i % 3 ? town_a : town_b) + "," + opened + "," + removed + "," + (removed.empty() ? "" : "死亡") + "\n";
    }
    auto imported = import_csv(sup, "subscribers", csv);
    REQUIRE(imported.status == 201);

    auto drawn = sup.post("/api/v1/verification/samples", ask);
    REQUIRE(drawn.status == 201);
    const auto& d = drawn.body["draw"];
    CHECK(d["frame_size"] == 5882);
    CHECK(d["size"] == 295);
    CHECK(d["share"] == "5.01%");   // truncated by the report rule
    CHECK(d["rate_num"] == 5);
    CHECK(d["rate_den"] == 100);
    CHECK(d["seed"] == "t-2022Q1");
    CHECK(d["current"] == true);
    CHECK(d["algorithm"].get<std::string>().find("sha256sum") != std::string::npos);
    const auto id = d["id"].get<std::int64_t>();
    std::int64_t sum = 0, frames = 0;
    for (const auto& s : drawn.body["strata"]) {
        sum += s["size"].get<std::int64_t>();
        frames += s["frame_size"].get<std::int64_t>();
    }
    CHECK(sum == 295);
    CHECK(frames == 5882);
    CHECK(drawn.body["subjects_total"] == 295);

    // The first draw is superseded, with the reason recorded.
    auto list = sup.get("/api/v1/verification/samples?quarter=2022Q1");
    REQUIRE(list.status == 200);
    REQUIRE(list.body["draws"].size() >= 2);
    CHECK(list.body["draws"][0]["id"] == id);
    CHECK(list.body["draws"][1]["current"] == false);
    CHECK(list.body["draws"][1]["superseded_by"] == id);
    CHECK(list.body["draws"][0]["reason"] == "测试：重新抽样");

    // The key is SHA-256 of seed:ID (checked with OpenSSL); within a stratum the drawn come in key order.
    const auto subjects = all_subjects(sup, id);
    REQUIRE(subjects.size() == 295);
    const auto& s0 = subjects[0];
    CHECK(s0["key"] == openssl_sha256("t-2022Q1:" + s0["id_number"].get<std::string>()));
    for (std::size_t i = 1; i < subjects.size(); ++i) {
        if (subjects[i]["town"] == subjects[i - 1]["town"]) CHECK(subjects[i - 1]["key"] < subjects[i]["key"]);
    }

    // Same seed, same date: the same list.
    auto again = sup.post("/api/v1/verification/samples", ask);
    REQUIRE(again.status == 201);
    const auto again_id = again.body["draw"]["id"].get<std::int64_t>();
    const auto again_subjects = all_subjects(sup, again_id);
    REQUIRE(again_subjects.size() == subjects.size());
    for (std::size_t i = 0; i < subjects.size(); ++i) CHECK(again_subjects[i]["id_number"] == subjects[i]["id_number"]);

    // Frozen: more people active on the draw date imported afterwards change neither draw.
    std::string more = "姓名,身份证号,服务号码,镇街,开通日期,拆机日期,拆机原因\n";
    for (int i = 0; i < 100; ++i) {
        more += "补录" + std::to_string(i) + "号," + person(i, seq, {1928, 1, 1}) + ",137" + std::to_string(20000000 + i) + "," +
                town_a + ",2021-07-01,,\n";
    }
    REQUIRE(import_csv(sup, "subscribers", more).status == 201);
    auto later = sup.get("/api/v1/verification/samples/" + std::to_string(again_id) + "?page_size=500");
    REQUIRE(later.status == 200);
    CHECK(later.body["draw"]["frame_size"] == 5882);
    CHECK(later.body["draw"]["size"] == 295);
    const auto later_subjects = all_subjects(sup, again_id);
    REQUIRE(later_subjects.size() == subjects.size());
    for (std::size_t i = 0; i < subjects.size(); ++i) CHECK(later_subjects[i]["id_number"] == subjects[i]["id_number"]);

    // Without a reason, a quarter already drawn is refused.
    json bare = ask;
    bare.erase("reason");
    auto refused = sup.post("/api/v1/verification/samples", bare);
    CHECK(refused.status == 422);
    // A seed is generated when none is given: "2022Q1-" and 8 hex digits.
    bare["reason"] = "测试：自动种子";
    bare.erase("seed");
    auto generated = sup.post("/api/v1/verification/samples", bare);
    REQUIRE(generated.status == 201);
    const auto seed = generated.body["draw"]["seed"].get<std::string>();
    CHECK(seed.size() == 15);
    CHECK(seed.rfind("2022Q1-", 0) == 0);
}

TEST_CASE("sampling: outcomes recorded by an agent, the figures, a replacement, the survey, access",
          "[verification][sampling]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto agent = env.signed_in("agent");
    auto town = env.signed_in("town");
    const auto towns = sup.get("/api/v1/towns");
    REQUIRE(towns.status == 200);
    const std::string town_a = towns.body["towns"][0]["name"].get<std::string>();
    const int seq = static_cast<int>(seq_of_run());

    // A small ledger for 2022 Q2 so the quarter has someone to draw.
    std::string csv = "姓名,身份证号,服务号码,镇街,开通日期,拆机日期,拆机原因\n";
    for (int i = 0; i < 60; ++i) {
        csv += "回访" + std::to_string(i) + "号," + person(i, seq, {1927, 1, 1}) + ",136" + std::to_string(20000000 + i) + "," +
               town_a + ",2022-04-01,,\n";
    }
    REQUIRE(import_csv(sup, "subscribers", csv).status == 201);

    // A town user may not draw; a supervisor may.
    const json ask = {{"quarter", "2022Q2"}, {"draw_date", "2022-05-31"}, {"seed", "t-2022Q2"}, {"reason", "测试：重新抽样"}};
    CHECK(town.post("/api/v1/verification/samples", ask).status == 403);
    CHECK(agent.post("/api/v1/verification/samples", ask).status == 403);
    auto drawn = sup.post("/api/v1/verification/samples", ask);
    REQUIRE(drawn.status == 201);
    const auto id = drawn.body["draw"]["id"].get<std::int64_t>();
    const auto n = drawn.body["draw"]["size"].get<std::int64_t>();
    REQUIRE(n >= 3);
    const std::string calls = "/api/v1/verification/samples/" + std::to_string(id) + "/calls";

    // The agent works the call list: phones masked (revealed one at a time, audited, by the elder reveal).
    auto work = agent.get("/api/v1/verification/call-list?quarter=2022Q2");
    REQUIRE(work.status == 200);
    CHECK(work.body["draw"]["id"] == id);
    CHECK(work.body["masked"] == true);
    CHECK(work.body["subjects"][0]["phone"].get<std::string>().find("****") != std::string::npos);
    CHECK(work.body["subjects"][0]["elder_id"].get<std::int64_t>() > 0);
    // No key beside a masked ID number: seed + key would give the hidden digits back by brute force.
    CHECK(work.body["subjects"][0]["key"] == "");
    CHECK(work.body["subjects"][0]["id_number"].get<std::string>().find("*") != std::string::npos);
    CHECK(agent.get("/api/v1/verification/samples/" + std::to_string(id)).status == 403);
    CHECK(town.post(calls, {{"no", 1}, {"outcome", "接通"}}).status == 403);

    auto answered = agent.post(calls, {{"no", 1}, {"outcome", "接通"}, {"overall", "满意"}, {"package", "不清楚"},
                                       {"knows_sos", "是"}});
    REQUIRE(answered.status == 201);
    CHECK(answered.body["subject"]["last_outcome"] == "接通");
    CHECK(answered.body["audit_id"].get<std::int64_t>() > 0);
    CHECK(agent.post(calls, {{"no", 2}, {"outcome", "停机"}, {"suspension_reason", "欠费"}}).status == 201);
    CHECK(agent.post(calls, {{"no", 3}, {"outcome", "无人接听"}}).status == 201);
    CHECK(agent.post(calls, {{"no", 3}, {"outcome", "关机"}}).status == 201);   // the last call counts
    // Refused as the import refuses them.
    auto bad = agent.post(calls, {{"no", 1}, {"outcome", "接通了"}});
    CHECK(bad.status == 422);
    CHECK(agent.post(calls, {{"no", 999999}, {"outcome", "接通"}}).status == 422);
    CHECK(agent.post(calls, {{"outcome", "接通"}}).status == 422);

    auto figures = sup.get("/api/v1/verification/callbacks?quarter=2022Q2");
    REQUIRE(figures.status == 200);
    INFO(figures.body.dump());
    CHECK(figures.body["draw_id"] == id);
    CHECK(figures.body["sample"] == n);
    CHECK(figures.body["not_called"] == n - 3);
    std::map<std::string, std::int64_t> counts;
    for (const auto& o : figures.body["outcomes"]) counts[o["outcome"].get<std::string>()] = o["count"].get<std::int64_t>();
    CHECK(counts["接通"] == 1);
    CHECK(counts["停机"] == 1);
    CHECK(counts["关机"] == 1);
    CHECK(counts["无人接听"] == 0);
    CHECK(figures.body["suspended_arrears"] == 1);
    CHECK(figures.body["overall_satisfaction"]["text"] == "100.00%");
    CHECK(figures.body["package_satisfaction"]["num"] == 0);   // 不清楚 is an answer, not satisfied
    CHECK(figures.body["package_satisfaction"]["den"] == 1);
    CHECK(figures.body["knows_sos"]["text"] == "100.00%");
    CHECK(figures.body["report_rule_version"] == "report-2020-v1");

    // Replacement: not for someone who answered; for the powered-off one, the next in its stratum.
    const std::string replace = "/api/v1/verification/samples/" + std::to_string(id) + "/replace";
    CHECK(agent.post(replace, {{"no", 1}}).status == 409);
    auto rep = agent.post(replace, {{"no", 3}});
    REQUIRE(rep.status == 201);
    CHECK(rep.body["replaced_no"] == 3);
    CHECK(rep.body["replacement"]["no"] == n + 1);
    CHECK(rep.body["replacement"]["replaces"] == 3);
    CHECK(agent.post(replace, {{"no", 3}}).status == 409);   // already replaced
    auto after = sup.get("/api/v1/verification/callbacks?quarter=2022Q2");
    CHECK(after.body["sample"] == n);                        // the replacement stands in its place
    CHECK(after.body["not_called"] == n - 2);
    auto detail = sup.get("/api/v1/verification/samples/" + std::to_string(id) + "?page_size=500");
    REQUIRE(detail.status == 200);
    CHECK(detail.body["draw"]["replacements"] == 1);
    CHECK(detail.body["subjects_total"] == n + 1);
    CHECK(detail.body["masked"] == false);

    // A town user sees the draw with its own town's subjects only (in full: its own elders).
    auto town_view = town.get("/api/v1/verification/samples/" + std::to_string(id) + "?page_size=500");
    REQUIRE(town_view.status == 200);
    for (const auto& s : town_view.body["subjects"]) CHECK(s["town"] == town_a);
    CHECK(town_view.body["subjects_total"].get<std::int64_t>() <= n + 1);
    // A town user reads the figures of its own town only; an agent not at all.
    auto own = town.get("/api/v1/verification/callbacks?quarter=2022Q2");
    CHECK(own.status == 200);
    CHECK(agent.get("/api/v1/verification/callbacks?quarter=2022Q2").status == 403);
    // No rule in force before 2020: refused, naming it.
    auto early = sup.post("/api/v1/verification/samples", {{"quarter", "2019Q1"}, {"draw_date", "2019-02-28"}});
    CHECK(early.status == 409);
    CHECK(early.body["error"]["message"].get<std::string>().find("verification_sampling") != std::string::npos);
}

TEST_CASE("sampling: the physical-service survey gives 203 reached, 9 declined, 188 valid, 93.61 %",
          "[verification][sampling][inprocess]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const int seq = static_cast<int>(seq_of_run());
    // 3 750 subjects served in 2022 Q3, one record each; 230 of them called after the quarter.
    std::string records = "记录编号,身份证号,姓名,服务日期,开始时间,结束时间,服务项目,服务人员,佐证\n";
    std::vector<std::string> ids;
    for (int i = 0; i < 3750; ++i) {
        ids.push_back(person(i, seq, {1912, 1, 1}));
        records += "SV" + std::to_string(seq) + "-" + std::to_string(i) + "," + ids.back() + ",服务对象" + std::to_string(i) +
                   ",2022-" + two(7 + i % 3) + "-" + two(1 + i % 28) + ",08:00,08:50,上门助洁,助老员" +
                   std::to_string(i) + ",photo/" + std::to_string(seq) + "-" + std::to_string(i) + ".jpg\n";
    }
    auto rec = import_csv(sup, "service_records", records);
    INFO(rec.body.dump().substr(0, 2000));
    REQUIRE(rec.status == 201);
    std::string answers = "身份证号,回访日期,回访结果,总体满意度,服务态度与专业性\n";
    for (int k = 0; k < 230; ++k) {
        std::string outcome = "无人接听", overall, staff;
        if (k < 9) {
            outcome = "拒访";
        } else if (k < 203) {
            outcome = "接通";
            if (k >= 15) {
                const int v = k - 15;
                overall = v < 100 ? "非常满意" : v < 176 ? "满意" : "一般";
                staff = v < 177 ? "满意" : "不满意";
            } else {
                overall = "满意";   // staff question left blank: invalid
            }
        }
        answers += ids[static_cast<std::size_t>(k)] + ",2022-10-20," + outcome + "," + overall + "," + staff + "\n";
    }
    auto cb = import_csv(sup, "callbacks", answers);
    INFO(cb.body.dump().substr(0, 2000));
    REQUIRE(cb.status == 201);
    auto r = sup.get("/api/v1/verification/callbacks?quarter=2022Q3");
    REQUIRE(r.status == 200);
    INFO(r.body.dump());
    const auto& s = r.body["survey"];
    CHECK(s["subjects_served"] == 3750);
    CHECK(s["reached"] == 203);
    CHECK(s["declined"] == 9);
    CHECK(s["invalid"] == 6);
    CHECK(s["valid"] == 188);
    CHECK(s["not_reached"] == 27);
    CHECK(s["overall"]["text"] == "93.61%");   // 176/188 truncated (half-up would say 93.62 %)
    CHECK(s["staff"]["text"] == "94.14%");
    CHECK(s["valid_share"]["text"] == "5.01%");
    CHECK(r.body["draw_id"] == 0);              // no draw for the quarter: the sample figures are empty
}

}  // namespace test_verification_sampling_api
