// The stored monthly assessment (考核, issue 11) on a real server and SQLite file: a month opened (prefilled by
// app::assessment_prefill — what is stored must equal what it returns, whatever it returns), departments fill and
// sign their own sheets, the leader signs the whole; the signed figures equal the shared computation of the stored
// sheets; refusals (month not over, negative and over-cap counts, a changed count without a reason, another
// department's sheet, unsigned parts, signed sheets) change nothing; every write is an audit row; a provider sees
// only its own signed months; kiosks nothing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "app/assessment_prefill.hpp"
#include "app/photos.hpp"
#include "auth/crypto.hpp"
#include "harness.hpp"
#include "store/assessment.hpp"
#include "store/database.hpp"
#include "store/users.hpp"
#include "yiyang/assessment/scorecard.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/wire/assessment_months.hpp"
#include "yiyang/wire/care_projects.hpp"

namespace test_assessment_months {

using namespace yiyang;
using yiyang::test::ApiClient;
using yiyang::test::Reply;
using yiyang::test::TestEnv;
using nlohmann::json;

namespace {

constexpr const char* kMonth = "2026-10";   // over: the suite's clock starts on 2026-11-20

// A supervisor of `department`, created once in the suite's database, signed in.
ApiClient department_user(const std::string& department) {
    auto& env = TestEnv::get();
    const std::string name = "t_dept_" + department;
    const std::string pw = "pw-dept-" + department + "-0123456789";
    {
        auto db = store::open_connection(env.database_path(), false);
        if (!store::user_by_name(*db, name)) {
            User u;
            u.username = name;
            u.display_name = "测试" + department;
            u.role = Role::Supervisor;
            const Id id = store::insert_user(*db, u, auth::hash_password(pw), false, 0);
            store::set_user_department(*db, id, department);
        }
    }
    ApiClient c = env.client();
    REQUIRE(c.sign_in(name, pw).status == 200);
    return c;
}

assessment::ScorecardRule rule_of(ApiClient& admin, const std::string& version) {
    const Reply r = admin.get("/api/v1/rules/assessment_scorecard/" + version);
    REQUIRE(r.status == 200);
    return r.body["body"].get<assessment::ScorecardRule>();
}

json open_body(std::int64_t provider, const std::string& project, const std::string& month) {
    return {{"provider_id", provider}, {"project_code", project}, {"month", month}};
}

// The first item of the rule prefilled from the records (not manual, not satisfaction), and its part.
std::pair<const assessment::ScorePart*, const assessment::ScoreItem*> prefilled_item(const assessment::ScorecardRule& rule) {
    for (const auto& p : rule.parts)
        for (const auto& i : p.items)
            if (i.source != assessment::ItemSource::Manual && i.source != assessment::ItemSource::Satisfaction &&
                i.deduction > 0)
                return {&p, &i};
    FAIL("the rule has no prefilled item");
    return {nullptr, nullptr};
}

std::int64_t audit_rows(Id month_id, const std::string& action) {
    auto db = store::open_connection(TestEnv::get().database_path(), true);
    SQLite::Statement st(*db, "SELECT COUNT(*) FROM audit_events WHERE entity = 'assessment_month' AND entity_id = ? "
                              "AND action = ?");
    st.bind(1, month_id);
    st.bind(2, action);
    REQUIRE(st.executeStep());
    return st.getColumn(0).getInt64();
}

const json& sheet_in(const json& detail, const std::string& department) {
    for (const auto& s : detail["sheets"])
        if (s["department_code"] == department) return s;
    FAIL("no sheet " + department);
    static json none;
    return none;
}

}  // namespace

TEST_CASE("assessment months: the session carries the department", "[assessment][assessment_months]") {
    if (TestEnv::get().external()) return;
    ApiClient es = department_user("elder_services");
    const Reply me = es.get("/api/v1/me");
    REQUIRE(me.status == 200);
    CHECK(me.body["department_code"] == "elder_services");
    CHECK(me.body["department_name"] == "养老服务股");
    ApiClient plain = TestEnv::get().signed_in("supervisor");
    CHECK(plain.get("/api/v1/me").body["department_code"] == "");
}

TEST_CASE("assessment months: open, fill, sign by departments and the leader, refusals, audit",
          "[assessment][assessment_months]") {
    auto& env = TestEnv::get();
    if (env.external()) return;
    ApiClient es = department_user("elder_services");
    ApiClient sa = department_user("social_assistance");
    ApiClient pf = department_user("planning_finance");
    ApiClient leader = env.signed_in("leader");
    ApiClient admin = env.signed_in("admin");
    ApiClient provider = env.signed_in("provider");   // provider 1
    ApiClient kiosk = env.signed_in("kiosk");

    // ---- refusals at opening ------------------------------------------------------------------------------
    Reply r = es.post("/api/v1/assessment/months", open_body(1, "home_visit", "2026-11"));
    CHECK(r.status == 422);
    CHECK(r.body["error"]["message"].get<std::string>().find("尚未结束") != std::string::npos);
    CHECK(es.post("/api/v1/assessment/months", open_body(999999, "home_visit", kMonth)).status == 422);
    CHECK(es.post("/api/v1/assessment/months", open_body(1, "no_such_project", kMonth)).status == 422);
    r = es.post("/api/v1/assessment/months", open_body(2, "visiting", kMonth));   // provider 2: home_visit only
    CHECK(r.status == 422);
    CHECK(r.body["error"]["message"].get<std::string>().find("不承接") != std::string::npos);
    CHECK(es.post("/api/v1/assessment/months", open_body(1, "home_visit", "2026-13")).status == 422);
    CHECK(admin.post("/api/v1/assessment/months", open_body(1, "home_visit", kMonth)).status == 403);
    CHECK(provider.post("/api/v1/assessment/months", open_body(1, "home_visit", kMonth)).status == 403);
    CHECK(kiosk.get(std::string("/api/v1/assessment/months?month=") + kMonth).status == 403);

    // ---- open --------------------------------------------------------------------------------------------
    r = es.post("/api/v1/assessment/months", open_body(1, "home_visit", kMonth));
    REQUIRE(r.status == 201);
    const Id id = r.body["summary"]["id"].get<Id>();
    CHECK(r.body["summary"]["status"] == "open");
    const auto rule = rule_of(admin, r.body["summary"]["rule_version"].get<std::string>());
    // One sheet per active department plus the leader's review.
    std::vector<std::string> codes;
    for (const auto& s : r.body["summary"]["sheets"]) codes.push_back(s["department_code"].get<std::string>());
    CHECK(codes == std::vector<std::string>{"elder_services", "planning_finance", "social_assistance", "_leader"});
    // What is stored is what app::assessment_prefill returns (names as the supervisor sees them: in full).
    {
        auto db = store::open_connection(env.database_path(), true);
        const auto expected = app::assessment_prefill(*db, 1, "home_visit", *parse_period(kMonth), rule);
        CHECK(r.body["prefill"].get<wire::AssessmentPrefill>() == expected);
        const auto sheet = wire::prefilled_entries(rule, expected);
        for (const auto& s : r.body["sheets"]) {
            CHECK(s["entries"].get<wire::SheetEntries>() == sheet);
            CHECK(s["subjects_total"] == expected.subjects_total);
        }
    }
    CHECK(audit_rows(id, "open") == 1);
    r = es.post("/api/v1/assessment/months", open_body(1, "home_visit", kMonth));
    CHECK(r.status == 409);

    const auto picked = prefilled_item(rule);
    const assessment::ScorePart* part = picked.first;
    const assessment::ScoreItem* item = picked.second;
    const std::string label = assessment::item_label(*part, *item);
    const auto prefilled = sheet_in(es.get("/api/v1/assessment/months/" + std::to_string(id)).body, "elder_services")
                               ["entries"]["items"];
    std::int64_t pre = -1;
    for (const auto& e : prefilled)
        if (e["code"] == item->code) pre = e["prefilled"].get<std::int64_t>();
    REQUIRE(pre >= 0);
    const std::int64_t useful = (item->cap + item->deduction - 1) / item->deduction;
    const std::int64_t changed = pre == 1 ? 2 : 1;   // another count, within the cap
    REQUIRE(changed <= useful);
    const std::string path = "/api/v1/assessment/months/" + std::to_string(id);
    const std::string es_sheet = path + "/sheets/elder_services";
    const auto total_now = [&] { return es.get(path).body["figures"]["total"].get<wire::ExactScore>(); };
    const wire::ExactScore total_before = total_now();
    const auto entry = [&](std::int64_t count, const std::string& reason) {
        return json{{"items", json::array({{{"code", item->code}, {"count", count}, {"reason", reason},
                                             {"note", "抽查发现"}, {"evidence", json::array({"photo:1", "回访记录 3 号"})}}})}};
    };

    // ---- refusals at save: each names department and item, and nothing is written ----------------------------
    r = es.put(es_sheet, entry(changed, ""));
    CHECK(r.status == 422);
    CHECK(r.body["error"]["message"].get<std::string>().find("养老服务股·" + label) != std::string::npos);
    CHECK(r.body["error"]["message"].get<std::string>().find("理由") != std::string::npos);
    r = es.put(es_sheet, entry(-1, "负数"));
    CHECK(r.status == 422);
    CHECK(r.body["error"]["message"].get<std::string>().find("负数") != std::string::npos);
    if (pre != useful + 1) {
        r = es.put(es_sheet, entry(useful + 1, "超过封顶"));
        CHECK(r.status == 422);
        CHECK(r.body["error"]["message"].get<std::string>().find("最多填 " + std::to_string(useful)) != std::string::npos);
    }
    r = es.put(es_sheet, {{"satisfied", 5}, {"answered", 4}});
    CHECK(r.status == 422);
    r = es.put(es_sheet, {{"subjects_checked", 1000000}});
    CHECK(r.status == 422);
    r = es.put(es_sheet, {{"items", json::array({{{"code", "no_such_item"}, {"count", 1}}})}});
    CHECK(r.status == 422);
    r = es.put(es_sheet, {{"unknown_field", 1}});
    CHECK(r.status == 422);
    CHECK(total_now() == total_before);
    CHECK(audit_rows(id, "save_sheet") == 0);
    // Another department's sheet, the leader's review by a department, anyone's by the admin or a provider.
    CHECK(sa.put(es_sheet, entry(changed, "别的科室")).status == 403);
    CHECK(es.put(path + "/sheets/_leader", entry(changed, "不是领导")).status == 403);
    CHECK(admin.put(es_sheet, entry(changed, "管理员")).status == 403);
    CHECK(provider.put(es_sheet, entry(changed, "服务商")).status == 403);
    CHECK(leader.put(es_sheet, entry(changed, "领导")).status == 403);

    // ---- a changed count with its reason: saved, the total moves, audited with the reason ---------------------
    r = es.put(es_sheet, entry(changed, "核实后调整"));
    REQUIRE(r.status == 200);
    const auto& saved = sheet_in(r.body, "elder_services")["entries"];
    bool found = false;
    for (const auto& e : saved["items"])
        if (e["code"] == item->code) {
            found = true;
            CHECK(e["count"] == changed);
            CHECK(e["prefilled"] == pre);
            CHECK(e["reason"] == "核实后调整");
            CHECK(e["evidence"].size() == 2);
        }
    CHECK(found);
    CHECK(!(total_now() == total_before));
    CHECK(audit_rows(id, "save_sheet") == 1);
    {
        auto db = store::open_connection(env.database_path(), true);
        SQLite::Statement st(*db, "SELECT reason, actor FROM audit_events WHERE entity = 'assessment_month' AND entity_id = ? "
                                  "AND action = 'save_sheet'");
        st.bind(1, id);
        REQUIRE(st.executeStep());
        CHECK(st.getColumn(0).getString().find("核实后调整") != std::string::npos);
        CHECK(st.getColumn(1).getString() == "t_dept_elder_services");
    }
    // The leader's review: a bonus case.
    r = leader.put(path + "/sheets/_leader", {{"bonus_cases", json::array({rule.bonus.min_points})}});
    CHECK(r.status == 200);

    // ---- signing --------------------------------------------------------------------------------------------
    r = leader.post(path + "/sign", json::object());
    CHECK(r.status == 409);
    CHECK(r.body["error"]["message"].get<std::string>().find("养老服务股") != std::string::npos);
    CHECK(es.post(path + "/sign", json::object()).status == 403);   // the whole: the leader only
    CHECK(sa.post(es_sheet + "/sign", json::object()).status == 403);
    REQUIRE(es.post(es_sheet + "/sign", json::object()).status == 200);
    r = es.put(es_sheet, entry(pre, ""));
    CHECK(r.status == 409);                                           // signed: kept
    CHECK(es.post(es_sheet + "/sign", json::object()).status == 409);
    REQUIRE(sa.post(path + "/sheets/social_assistance/sign", json::object()).status == 200);
    r = leader.post(path + "/sign", json::object());
    CHECK(r.status == 409);
    CHECK(r.body["error"]["message"].get<std::string>().find("规划财务股") != std::string::npos);
    CHECK(r.body["error"]["message"].get<std::string>().find("领导评价") != std::string::npos);
    CHECK(r.body["error"]["message"].get<std::string>().find("养老服务股") == std::string::npos);
    REQUIRE(pf.post(path + "/sheets/planning_finance/sign", json::object()).status == 200);
    REQUIRE(leader.post(path + "/sheets/_leader/sign", json::object()).status == 200);
    // Before the whole is signed the provider sees nothing of it.
    CHECK(provider.get(path).status == 404);
    r = leader.post(path + "/sign", json::object());
    REQUIRE(r.status == 200);
    CHECK(r.body["summary"]["status"] == "signed");
    CHECK(leader.post(path + "/sign", json::object()).status == 409);
    CHECK(audit_rows(id, "sign_sheet") == 4);
    CHECK(audit_rows(id, "sign") == 1);

    // ---- the signed figures are the shared computation of the stored sheets -----------------------------------
    const auto detail = r.body.get<wire::AssessmentMonthDetail>();
    std::vector<wire::SheetEntries> departments;
    wire::SheetEntries lead;
    for (const auto& s : detail.sheets) {
        if (s.department_code == wire::kLeaderSheet) lead = s.entries;
        else departments.push_back(s.entries);
    }
    CHECK(departments.size() == 3);
    const wire::AssessmentMonth expected = wire::month_of_entries(rule, departments, lead);
    CHECK(detail.figures == expected);
    CHECK(detail.figures_sha256 == app::sha256_hex(json(expected).dump()));
    CHECK(detail.summary.grade_code == expected.grade_code);
    CHECK(detail.summary.payout_bp == expected.payout_bp);
    {
        auto db = store::open_connection(env.database_path(), false);
        SQLite::Statement st(*db, "SELECT status, grade_code, payout_bp, total_num, total_den FROM assessment_months WHERE id = ?");
        st.bind(1, id);
        REQUIRE(st.executeStep());
        CHECK(st.getColumn(0).getString() == "signed");
        CHECK(st.getColumn(1).getString() == expected.grade_code);
        CHECK(st.getColumn(2).getInt64() == expected.payout_bp);
        CHECK(st.getColumn(3).getInt64() == expected.total.num);
        CHECK(st.getColumn(4).getInt64() == expected.total.den);
        // Kept as signed: the triggers refuse any change.
        CHECK_THROWS(db->exec("UPDATE assessment_months SET payout_bp = 10000 WHERE id = " + std::to_string(id)));
        CHECK_THROWS(db->exec("UPDATE assessment_sheets SET entries = '{}' WHERE month_id = " + std::to_string(id)));
    }

    // ---- the provider: its own signed months only -----------------------------------------------------------
    // Provider 1's other project, opened but not signed: not listed for the provider, 404 when asked.
    r = es.post("/api/v1/assessment/months", open_body(1, "visiting", kMonth));
    REQUIRE(r.status == 201);
    const Id open_id = r.body["summary"]["id"].get<Id>();
    r = provider.get(std::string("/api/v1/assessment/months?month=") + kMonth);
    REQUIRE(r.status == 200);
    REQUIRE(r.body["items"].size() == 1);
    CHECK(r.body["items"][0]["id"] == id);
    CHECK(r.body["items"][0]["grade_code"] == expected.grade_code);
    CHECK(provider.get(path).status == 200);
    CHECK(provider.get("/api/v1/assessment/months/" + std::to_string(open_id)).status == 404);
    r = es.get(std::string("/api/v1/assessment/months?month=") + kMonth);
    CHECK(r.body["items"].size() >= 2);
    // Another provider's month.
    r = es.post("/api/v1/assessment/months", open_body(2, "home_visit", kMonth));
    REQUIRE(r.status == 201);
    CHECK(provider.get("/api/v1/assessment/months/" + std::to_string(r.body["summary"]["id"].get<Id>())).status == 404);
    CHECK(provider.get("/api/v1/assessment/providers/2/grade?month=2026-10").status == 404);

    // ---- the provider's grade: the lowest signed project, the unsigned ones named ------------------------------
    r = admin.get("/api/v1/assessment/providers/1/grade?month=2026-10");
    REQUIRE(r.status == 200);
    CHECK(r.body["complete"] == false);
    CHECK(r.body["unsigned_projects"] == json::array({"visiting"}));
    CHECK(r.body["lowest_project_code"] == "home_visit");
    CHECK(r.body["grade_code"] == expected.grade_code);
    CHECK(r.body["total"].get<wire::ExactScore>() == expected.total);
    CHECK(provider.get("/api/v1/assessment/providers/1/grade?month=2026-10").status == 200);
    CHECK(admin.get("/api/v1/assessment/providers/1/grade?month=bad").status == 400);
}

TEST_CASE("assessment months: check rate warned below the rule's minimum", "[assessment][assessment_months]") {
    auto& env = TestEnv::get();
    if (env.external()) return;
    ApiClient es = department_user("elder_services");
    // A month of its own (provider 3, home_visit, 2026-09).
    Reply r = es.post("/api/v1/assessment/months", open_body(3, "home_visit", "2026-09"));
    REQUIRE(r.status == 201);
    const auto& sheet = sheet_in(r.body, "elder_services");
    const std::int64_t total = sheet["subjects_total"].get<std::int64_t>();
    if (total == 0) {
        CHECK(sheet["check_rate"].is_null());
        CHECK(sheet["check_rate_warning_zh"] == "");
        return;   // no subjects this month (the placeholder prefill): nothing to warn about
    }
    CHECK(sheet["check_rate_warning_zh"].get<std::string>().find("核查率") != std::string::npos);
    const std::string path = "/api/v1/assessment/months/" + r.body["summary"]["id"].dump() + "/sheets/elder_services";
    r = es.put(path, {{"subjects_checked", total}});
    REQUIRE(r.status == 200);
    CHECK(sheet_in(r.body, "elder_services")["check_rate_warning_zh"] == "");
}

TEST_CASE("assessment projects: each care project with its providers by name; a provider only itself",
          "[assessment][assessment_months]") {
    auto& env = TestEnv::get();
    if (env.external()) return;
    // What the tables hold (the suite's database may have more projects and providers than the demo city's).
    std::map<std::string, std::vector<std::pair<std::string, std::int64_t>>> want;
    {
        auto db = store::open_connection(env.database_path(), true);
        SQLite::Statement st(*db, "SELECT cp.code, p.name, p.id FROM care_projects cp JOIN provider_projects pp ON "
                                  "pp.project_code = cp.code JOIN providers p ON p.id = pp.provider_id");
        while (st.executeStep())
            want[st.getColumn(0).getString()].emplace_back(st.getColumn(1).getString(), st.getColumn(2).getInt64());
    }
    REQUIRE(want.count("home_visit"));
    for (auto& [code, list] : want) std::sort(list.begin(), list.end());
    for (const char* role : {"supervisor", "admin", "leader"}) {
        INFO(role);
        const Reply r = env.signed_in(role).get("/api/v1/assessment/projects");
        REQUIRE(r.status == 200);
        const auto list = r.body.get<wire::CareProjectList>();
        std::string last;
        for (const auto& p : list.items) {
            CHECK(p.code > last);   // by code
            last = p.code;
            CHECK_FALSE(p.name_zh.empty());
            std::vector<std::pair<std::string, std::int64_t>> got;
            for (const auto& x : p.providers) got.emplace_back(x.name, x.id);
            CHECK(got == want[p.code]);   // every provider of the project, by name then id
        }
    }
    // The provider (provider 1): only its projects, only itself.
    const Reply mine = env.signed_in("provider").get("/api/v1/assessment/projects");
    REQUIRE(mine.status == 200);
    REQUIRE_FALSE(mine.body["items"].empty());
    for (const auto& p : mine.body["items"]) {
        REQUIRE(p["providers"].size() == 1);
        CHECK(p["providers"][0]["id"] == 1);
    }
    CHECK(env.signed_in("kiosk").get("/api/v1/assessment/projects").status == 403);
    CHECK(env.signed_in("agent").get("/api/v1/assessment/projects").status == 403);
    CHECK(env.client().get("/api/v1/assessment/projects").status == 401);
}

}  // namespace test_assessment_months
