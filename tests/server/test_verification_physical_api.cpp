// Physical-service flags through the API (issue 10, 实体服务): service records imported for a provider; the Hanjiang
// figures (9 562 人次, 286 860 元) through GET /api/v1/verification/physical; flagged records with their reasons; a
// supervisor's decision (audited, the latest counts, a blocked record refused); a provider sees only its own flags
// and answers them; who sees what; a quarter without a fee rule refused.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdio>
#include <random>
#include <set>

#include "harness.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/import.hpp"
#include "yiyang/period.hpp"

namespace test_verification_physical_api {

using namespace yiyang::test;

namespace {

Reply upload(ApiClient& c, const std::string& list, const std::string& body, const std::string& query) {
    return c.send("POST", "/api/v1/imports/" + list + "?" + query, body,
                  {{"X-Yiyang-Request", "1"}, {"Content-Type", "text/csv"}});
}

std::string header(yiyang::ImportList l) {
    std::string s;
    for (const auto& c : yiyang::import_columns(l)) s += (s.empty() ? "" : ",") + c.header_zh;
    return s + "\n";
}

// A valid ID number for person i of this run (`seq`: three digits).
std::string person(int i, int seq) {
    const auto birth = yiyang::add_days(yiyang::Date{1920, 1, 1}, i);   // before every other test's people (1930 on)
    char buf[32];
    std::snprintf(buf, sizeof buf, "350303%04d%02d%02d%03d", birth.year, birth.month, birth.day, seq);
    return std::string(buf) + yiyang::resident_id_check_char(buf);
}

int run_seq() {
    std::random_device rd;
    return 100 + static_cast<int>(rd() % 900);
}

std::vector<std::int64_t> figures(const json& r) {
    std::vector<std::int64_t> out;
    for (const auto& m : r["months"])
        for (const char* k : {"records", "fee_fen", "payable", "payable_fee_fen"}) out.push_back(m[k].get<std::int64_t>());
    for (const char* k : {"records", "fee_fen", "payable", "payable_fee_fen", "not_payable", "not_payable_fee_fen",
                          "pending", "pending_fee_fen", "decided_payable", "decided_not_payable", "flagged"})
        out.push_back(r[k].get<std::int64_t>());
    return out;
}

// Every flagged record of a reply's pages whose number starts with `prefix`, by number.
std::map<std::string, json> ours(ApiClient& c, const std::string& path, const std::string& prefix) {
    std::map<std::string, json> out;
    for (int page = 1;; ++page) {
        auto r = c.get(path + "&page_size=200&page=" + std::to_string(page));
        REQUIRE(r.status == 200);
        for (const auto& it : r.body["items"])
            if (it["record_no"].get<std::string>().rfind(prefix, 0) == 0) out[it["record_no"].get<std::string>()] = it;
        if (page * 200 >= r.body["flagged_total"].get<std::int64_t>()) break;
    }
    return out;
}

Reply post(ApiClient& c, const std::string& path, const json& body) {
    return c.send("POST", path, body.dump(), {{"X-Yiyang-Request", "1"}, {"Content-Type", "application/json"}});
}

}  // namespace

TEST_CASE("physical services: the Hanjiang records give 9 562 人次 / 286 860 元 through the route",
          "[verification][physical]") {
    auto& env = TestEnv::get();
    auto admin = env.signed_in("admin");
    const std::string report = "/api/v1/verification/physical?quarter=2024Q1";
    const auto before = admin.get(report);
    REQUIRE(before.status == 200);
    const auto base = figures(before.body);

    // 3 456 / 2 347 / 3 759 records over 3 750 subjects, each caregiver at one subject at a time, own evidence.
    const int seq = run_seq();
    std::string file = header(yiyang::ImportList::ServiceRecords);
    const int per_month[] = {3456, 2347, 3759};
    int n = 0;
    for (int m = 0; m < 3; ++m) {
        for (int k = 0; k < per_month[m]; ++k, ++n) {
            char no[32];
            std::snprintf(no, sizeof no, "HJ%03d-%06d", seq, n);
            const int start_h = 8 + k / 280;
            char times[32];
            std::snprintf(times, sizeof times, "%02d:00,%02d:50", start_h, start_h);
            file += std::string(no) + "," + person(n % 3750, seq) + ",服务对象" + std::to_string(n % 3750) + ",2024-0" +
                    std::to_string(m + 1) + "-" + (1 + k % 28 < 10 ? "0" : "") + std::to_string(1 + k % 28) + "," +
                    times + ",上门助洁,助老员" + std::to_string(seq) + "-" + std::to_string(k % 40) + ",photo/" + no +
                    ".jpg\n";
        }
    }
    auto done = upload(admin, "service_records", file, "dry_run=0&provider_id=1&name=hanjiang-fw.csv");
    REQUIRE(done.status == 201);
    CHECK(done.body["added"] == 9562);

    const auto after = admin.get(report);
    REQUIRE(after.status == 200);
    INFO(after.body.dump().substr(0, 2000));
    const auto got = figures(after.body);
    REQUIRE(got.size() == base.size());
    std::vector<std::int64_t> diff;
    for (std::size_t i = 0; i < got.size(); ++i) diff.push_back(got[i] - base[i]);
    const std::vector<std::int64_t> hanjiang = {3456, 10368000, 3456, 10368000,   //
                                                2347, 7041000,  2347, 7041000,    //
                                                3759, 11277000, 3759, 11277000,   //
                                                9562, 28686000, 9562, 28686000, 0, 0, 0, 0, 0, 0, 0};
    CHECK(diff == hanjiang);
    CHECK(after.body["months"][0]["unit_fee_fen"] == 3000);
    CHECK(after.body["rule_versions"] == json::array({"hanjiang-2024-v1"}));
    CHECK(after.body["quarter"] == "2024-Q1");
}

TEST_CASE("physical services: flags, a supervisor's decision, a provider's answers, who sees what",
          "[verification][physical]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto admin = env.signed_in("admin");
    const int seq = run_seq();
    const std::string prefix = "P" + std::to_string(seq) + "-";
    const auto towns = sup.get("/api/v1/towns");
    REQUIRE(towns.status == 200);
    std::string town1, town2;
    for (const auto& t : towns.body["towns"]) {
        if (t["id"] == 1) town1 = t["name"].get<std::string>();
        else if (town2.empty()) town2 = t["name"].get<std::string>();
    }
    REQUIRE(!town1.empty());
    REQUIRE(!town2.empty());
    std::int64_t other_provider = 0;
    const auto providers = sup.get("/api/v1/providers");
    INFO(providers.body.dump().substr(0, 600));
    for (const auto& p : providers.body["items"])
        if (p["id"] != 1 && other_provider == 0) other_provider = p["id"].get<std::int64_t>();
    REQUIRE(other_provider > 0);

    // Subjects A, B, C of town 1 and D of town 2 in the registry (through the subscriber ledger); A died 2025-07-10.
    const std::string a = person(1, seq), b = person(2, seq), c = person(3, seq), d = person(4, seq);
    std::string ledger = header(yiyang::ImportList::Subscribers);
    int phone = 0;
    for (const auto& [id, town] : std::vector<std::pair<std::string, std::string>>{{a, town1}, {b, town1}, {c, town1}, {d, town2}}) {
        ++phone;   // not inside the expression below: its operands are unsequenced
        ledger += "核查" + std::to_string(phone) + "号," + id + ",1390" + std::to_string(seq) + "000" +
                  std::to_string(phone) + "," + town + ",2020-01-01,,\n";
    }
    auto subs = upload(sup, "subscribers", ledger, "dry_run=0");
    REQUIRE(subs.status == 201);
    auto crem = upload(sup, "cremations", header(yiyang::ImportList::Cremations) + "核查1号," + a + ",2025-07-10,2025-07-12\n",
                       "dry_run=0");
    REQUIRE(crem.status == 201);

    const std::string report = "/api/v1/verification/physical?quarter=2025Q3";
    const auto before = sup.get(report);
    REQUIRE(before.status == 200);
    const auto base = figures(before.body);

    // Provider 1: -01 after A's death; -02 and -03 the same visit (-03 a duplicate); -04 C at the same caregiver's
    // overlapping time; -07 a normal record. The other provider: -05 and -06 sharing one photo.
    const std::string cg = "护工" + std::to_string(seq);
    std::string mine = header(yiyang::ImportList::ServiceRecords);
    mine += prefix + "01," + a + ",核查1号,2025-07-20,08:00,09:00,助洁," + cg + "乙,p" + prefix + "1.jpg\n";
    mine += prefix + "02," + b + ",核查2号,2025-07-05,09:00,10:00,助洁," + cg + "甲,p" + prefix + "2.jpg\n";
    mine += prefix + "03," + b + ",核查2号,2025-07-05,09:00,10:00,助洁," + cg + "甲,p" + prefix + "3.jpg\n";
    mine += prefix + "04," + c + ",核查3号,2025-07-05,09:30,10:30,助餐," + cg + "甲,p" + prefix + "4.jpg\n";
    mine += prefix + "07," + c + ",核查3号,2025-08-05,09:30,10:30,助餐," + cg + "甲,p" + prefix + "7.jpg\n";
    std::string theirs = header(yiyang::ImportList::ServiceRecords);
    theirs += prefix + "05," + d + ",核查4号,2025-09-01,08:00,09:00,助浴," + cg + "丙,shared" + prefix + ".jpg\n";
    theirs += prefix + "06," + d + ",核查4号,2025-09-02,08:00,09:00,助浴," + cg + "丙,shared" + prefix + ".jpg\n";

    // provider_id: required for service records, an existing provider, refused on other lists.
    CHECK(upload(sup, "service_records", mine, "dry_run=0").status == 400);
    auto unknown = upload(sup, "service_records", mine, "dry_run=0&provider_id=999999");
    CHECK(unknown.status == 400);
    CHECK(unknown.body["error"]["code"] == "bad_query");
    CHECK(upload(sup, "cremations", header(yiyang::ImportList::Cremations), "provider_id=1").status == 400);
    REQUIRE(upload(sup, "service_records", mine, "dry_run=0&provider_id=1").status == 201);
    REQUIRE(upload(sup, "service_records", theirs, "dry_run=0&provider_id=" + std::to_string(other_provider)).status == 201);

    auto after = sup.get(report);
    REQUIRE(after.status == 200);
    auto got = figures(after.body);
    // records, fee, payable, payable fee; not payable 2 (-01, -03); pending 4 (-02, -04, -05, -06); flagged 6.
    CHECK(got[12] - base[12] == 7);
    CHECK(got[13] - base[13] == 7 * 3000);
    CHECK(got[14] - base[14] == 1);
    CHECK(got[16] - base[16] == 2);
    CHECK(got[17] - base[17] == 2 * 3000);
    CHECK(got[18] - base[18] == 4);
    CHECK(got[22] - base[22] == 6);
    auto flagged = ours(sup, report, prefix);
    REQUIRE(flagged.size() == 6);
    CHECK(flagged[prefix + "01"]["status"] == "not_payable");
    CHECK(flagged[prefix + "01"]["reasons"][0]["flag"] == "after_death");
    CHECK(flagged[prefix + "01"]["reasons"][0]["why"] == "服务日期2025-07-20晚于死亡日期2025-07-10（火化名单）");
    CHECK(flagged[prefix + "02"]["status"] == "pending");
    CHECK(flagged[prefix + "02"]["reasons"][0]["flag"] == "caregiver_overlap");
    CHECK(flagged[prefix + "02"]["reasons"][0]["other_records"] == json::array({prefix + "04"}));
    CHECK(flagged[prefix + "03"]["status"] == "not_payable");
    CHECK(flagged[prefix + "03"]["reasons"][0]["flag"] == "duplicate");
    CHECK(flagged[prefix + "03"]["reasons"][0]["blocks_payment"] == true);
    CHECK(flagged[prefix + "05"]["reasons"][0]["flag"] == "shared_evidence");
    CHECK(flagged[prefix + "05"]["provider_id"] == other_provider);
    CHECK(flagged[prefix + "02"]["provider_id"] == 1);
    CHECK(flagged[prefix + "02"]["id_number"] == b);   // a supervisor sees it whole
    CHECK(flagged[prefix + "02"]["name"] == "核查2号");
    CHECK(flagged[prefix + "02"]["start"] == "09:00");
    CHECK(after.body["masked"] == false);
    // Filters.
    CHECK(ours(sup, report + "&flag=shared_evidence", prefix).size() == 2);
    CHECK(ours(sup, report + "&status=not_payable", prefix).size() == 2);
    CHECK(ours(sup, report + "&month=2025-09", prefix).size() == 2);
    CHECK(sup.get(report + "&status=maybe").status == 400);
    CHECK(sup.get(report + "&flag=nope").status == 400);
    CHECK(sup.get(report + "&month=2025-01").status == 400);

    // A decision: -02 payable. The figures follow; the decision is audited with its reason.
    const std::string decide2 = "/api/v1/verification/physical/" + prefix + "02/decision";
    CHECK(post(sup, decide2, {{"payable", true}}).status == 422);                       // a reason is required
    CHECK(post(sup, decide2, {{"payable", "yes"}, {"reason", "x"}}).status == 422);
    CHECK(post(sup, decide2, {{"payable", true}, {"reason", std::string(501 * 3, 'a')}}).status == 422);
    auto yes = post(sup, decide2, {{"payable", true}, {"reason", "签到记录证明先到B家"}});
    REQUIRE(yes.status == 201);
    CHECK(yes.body["status"] == "decided_payable");
    CHECK(yes.body["decision"]["reason"] == "签到记录证明先到B家");
    CHECK(yes.body["decision"]["decided_by"] == env.user("supervisor").first);
    CHECK(yes.body["decisions"] == 1);
    auto decided = figures(sup.get(report).body);
    CHECK(decided[14] - got[14] == 1);      // payable
    CHECK(decided[15] - got[15] == 3000);
    CHECK(decided[18] - got[18] == -1);     // pending
    CHECK(decided[20] - got[20] == 1);      // decided payable
    // A later decision replaces it; both are kept.
    auto no = post(admin, decide2, {{"payable", false}, {"reason", "复核：服务人员当时在C家"}});
    REQUIRE(no.status == 201);
    CHECK(no.body["status"] == "decided_not_payable");
    CHECK(no.body["decisions"] == 2);
    auto redecided = figures(sup.get(report).body);
    CHECK(redecided[14] == got[14]);
    CHECK(redecided[21] - got[21] == 1);    // decided not payable
    CHECK(redecided[20] == got[20]);
    if (!env.external()) {
        SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
        SQLite::Statement st(db, "SELECT actor, action, changes, reason FROM audit_events WHERE entity = 'physical_decision' "
                                 "AND json_extract(changes, '$.record_no') = ? ORDER BY id");
        st.bind(1, prefix + "02");
        REQUIRE(st.executeStep());
        CHECK(st.getColumn(0).getString() == env.user("supervisor").first);
        CHECK(st.getColumn(1).getString() == "decide");
        CHECK(st.getColumn(3).getString() == "签到记录证明先到B家");
        REQUIRE(st.executeStep());
        CHECK(nlohmann::json::parse(st.getColumn(2).getString())["payable"] == json::array({true, false}));
        CHECK_FALSE(st.executeStep());
    }
    // Blocked (duplicate, after death): refused whatever is decided; unflagged and unknown records: 404.
    auto blocked = post(sup, "/api/v1/verification/physical/" + prefix + "03/decision", {{"payable", true}, {"reason", "看过照片"}});
    CHECK(blocked.status == 409);
    CHECK(blocked.body["error"]["message"].get<std::string>().find("重复记录") != std::string::npos);
    CHECK(post(sup, "/api/v1/verification/physical/" + prefix + "01/decision", {{"payable", true}, {"reason", "x"}}).status == 409);
    CHECK(post(sup, "/api/v1/verification/physical/" + prefix + "07/decision", {{"payable", true}, {"reason", "x"}}).status == 404);
    CHECK(post(sup, "/api/v1/verification/physical/" + prefix + "99/decision", {{"payable", true}, {"reason", "x"}}).status == 404);
    CHECK(figures(sup.get(report).body) == redecided);

    // The provider: only its own records' flags, ID numbers masked; it answers its own, not another's.
    auto prov = env.signed_in("provider");
    const std::string own = "/api/v1/verification/physical/own?quarter=2025Q3";
    auto own_reply = prov.get(own);
    REQUIRE(own_reply.status == 200);
    CHECK(own_reply.body["provider_id"] == 1);
    CHECK(own_reply.body["masked"] == true);
    auto own_flags = ours(prov, own, prefix);
    CHECK(own_flags.size() == 4);   // -01..-04; not the other provider's -05, -06
    for (const auto& [no, f] : own_flags) {
        CHECK(f["provider_id"] == 1);
        CHECK(f["id_number"] != b);
        CHECK(f["id_number"].get<std::string>().find("****") != std::string::npos);
    }
    CHECK(own_reply.body["flagged"].get<std::int64_t>() >= 4);
    const auto own_page = prov.get(own + "&page_size=200");   // held: a range-for over a temporary's member dangles
    for (const auto& it : own_page.body["items"]) CHECK(it["provider_id"] == 1);
    CHECK(prov.get(report).status == 403);
    const std::string answer4 = "/api/v1/verification/physical/" + prefix + "04/answer";
    CHECK(post(prov, answer4, {{"text", "  "}}).status == 422);
    CHECK(post(prov, answer4, {{"text", std::string(501, 'x')}}).status == 422);
    auto ans = post(prov, answer4, {{"text", "助老员先到C家，B家为另一位助老员代签"}});
    REQUIRE(ans.status == 201);
    REQUIRE(ans.body["answers"].size() == 1);
    CHECK(ans.body["answers"][0]["text"] == "助老员先到C家，B家为另一位助老员代签");
    CHECK(ans.body["answers"][0]["provider_id"] == 1);
    auto ans2 = post(prov, answer4, {{"text", "附签到表"}});
    REQUIRE(ans2.status == 201);
    CHECK(ans2.body["answers"].size() == 2);
    CHECK(post(prov, "/api/v1/verification/physical/" + prefix + "05/answer", {{"text", "不是我们的"}}).status == 403);
    CHECK(post(prov, "/api/v1/verification/physical/" + prefix + "07/answer", {{"text", "没有疑点"}}).status == 404);
    CHECK(post(sup, answer4, {{"text", "主管不能答复"}}).status == 403);
    auto seen = ours(sup, report, prefix);
    CHECK(seen[prefix + "04"]["answers"].size() == 2);
    if (!env.external()) {
        SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
        SQLite::Statement st(db, "SELECT COUNT(*) FROM audit_events WHERE entity = 'physical_answer' AND action = 'answer' "
                                 "AND json_extract(changes, '$.record_no') = ?");
        st.bind(1, prefix + "04");
        REQUIRE(st.executeStep());
        CHECK(st.getColumn(0).getInt() == 2);
    }

    // A town user: its own town only (A, B, C), with the fields its role sees (town staff see their elders whole).
    auto town = env.signed_in("town");
    auto town_reply = town.get(report);
    REQUIRE(town_reply.status == 200);
    CHECK(town_reply.body["town_id"] == 1);
    auto town_flags = ours(town, report, prefix);
    CHECK(town_flags.size() == 4);
    CHECK(town_flags.count(prefix + "05") == 0);
    CHECK(town_reply.body["masked"] == false);
    CHECK(town_flags[prefix + "02"]["id_number"] == b);
    CHECK(town.get(report + "&town=" + std::to_string(towns.body["towns"][1]["id"].get<std::int64_t>())).status == 403);

    // A quarter no fee rule covers (the first version is in force from 2024-01-01): refused, naming the rule.
    auto missing = sup.get("/api/v1/verification/physical?quarter=2023Q4");
    CHECK(missing.status == 409);
    CHECK(missing.body["error"]["code"] == "rule_missing");
    CHECK(missing.body["error"]["message"].get<std::string>().find("verification_fees") != std::string::npos);
    CHECK(sup.get("/api/v1/verification/physical").status == 400);
}

// A fee rule changed inside a quarter: test_verification_inputs_api.cpp ("quarter inputs: …"), on a server of its
// own whose clock the test sets (publish in January, effective February 1st), so it no longer depends on today.

}  // namespace test_verification_physical_api
