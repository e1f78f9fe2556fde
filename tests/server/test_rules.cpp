// The rules table and the rule registry through the API: seeding (idempotent) and picking the version in force;
// publishing a version (admin only, reason required, never in the past, never over an existing version, invalid
// bodies refused with a Chinese field error) that is in force on its date without a restart, and audited.
#include <catch2/catch.hpp>

#include <chrono>
#include <set>
#include <string>

#include "harness.hpp"
#include "store/rules.hpp"
#include "store/schema.hpp"

namespace test_rules {

using namespace yiyang;
using yiyang::test::ApiClient;
using yiyang::test::Reply;
using yiyang::test::TestEnv;
using nlohmann::json;

TEST_CASE("rule sets are seeded once and picked by effective date", "[rules]") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    store::migrate(db);
    const std::string dir = std::string(YIYANG_SOURCE_DIR) + "/assets/rules";
    CHECK(store::seed_rules(db, dir, 0) == 18);   // calendar, sla, dispatch weights, KPI targets, verification fees, eligibility, sampling, report, scorecard, settlement fees, service circle, public disclosure, public portal, kiosk playlist, exhibition visits, activity kinds, provider evaluation, inspections (issue 13)
    CHECK(store::seed_rules(db, dir, 0) == 0);   // same versions: left alone

    auto book = store::load_rules(db);
    REQUIRE(book.count("sla") == 1);
    REQUIRE(book.count("calendar") == 1);
    REQUIRE(book.count("dispatch_weights") == 1);
    REQUIRE(book.count("kpi_targets") == 1);
    REQUIRE(book.count("settlement_fees") == 1);
    CHECK(book.on<SettlementFees>(Date{2026, 11, 20}).find_tier("severe_or_complete")->fee_fen == 30000);
    CHECK(book.kpi_targets_on(Date{2026, 11, 20}).find("connection_rate") != nullptr);
    const auto base = book.sla_on(Date{2026, 11, 20});
    CHECK(book.sla_on(Date{2026, 11, 20}).find("review_24h") != nullptr);
    // Before the first version none is in force (one definition, rule_registry.hpp): the type's defaults.
    CHECK(book.in_force<SlaRuleSet>(Date{1999, 1, 1}) == nullptr);
    CHECK(book.sla_on(Date{1999, 1, 1}).rules.empty());
    CHECK(book.weights_on(Date{2026, 11, 20}).per_category > 0);

    // A later version takes over from its effective date only; its publisher and reason come from its audit event.
    RuleVersion next{"sla", "sla-2027-test", Date{2027, 1, 1}, json(base), 5, "admin", "测试原因"};
    next.body["version"] = "sla-2027-test";
    next.body["effective_from"] = "2027-01-01";
    const Id id = store::insert_rule_version(db, next, std::nullopt);
    CHECK(id > 0);
    CHECK(db.execAndGet("SELECT COUNT(*) FROM audit_events WHERE entity = 'rule' AND action = 'publish' AND entity_id = " +
                        std::to_string(id)).getInt() == 1);
    book = store::load_rules(db);
    CHECK(book.sla_on(Date{2026, 12, 31}).version == base.version);
    CHECK(book.sla_on(Date{2027, 1, 1}).version == "sla-2027-test");
    CHECK(book.find("sla", "sla-2027-test")->reason == "测试原因");
    CHECK(book.find("sla", "sla-2027-test")->published_by == "admin");
    CHECK_THROWS(store::insert_rule_version(db, next, std::nullopt));   // (kind, version) once

    // A stored version that no longer parses stops the start, naming kind, version, rule and field in Chinese.
    json broken = next.body;
    broken["version"] = "sla-2027-broken";
    broken["rules"][0]["counting"] = "weekly";
    SQLite::Statement st(db, "INSERT INTO rules (kind, version, effective_from, body, created_at) "
                             "VALUES ('sla', 'sla-2027-broken', '2027-02-01', ?, 0)");
    st.bind(1, broken.dump());
    st.exec();
    CHECK_THROWS_WITH(store::load_rules(db),
                      "规则 sla 版本 sla-2027-broken：SLA 规则 \"sla-2027-broken\"，rules[0]（" +
                          broken["rules"][0]["code"].get<std::string>() +
                          "）：字段 \"counting\" 应为 wall、workdays、business_hours 之一，实际为 \"weekly\"");

    CHECK_THROWS(store::seed_rules(db, "/nonexistent", 0));
}

namespace {

// A version name no other run has used, so the test also holds against a long-lived server (nginx run).
std::string unique_version(const std::string& prefix) {
    const auto ns = std::chrono::steady_clock::now().time_since_epoch().count();
    static int counter = 0;
    return prefix + "-t" + std::to_string(ns % 1000000007) + "x" + std::to_string(++counter);
}

const json* kind_of(const Reply& r, const std::string& code) {
    for (const auto& k : r.body["kinds"]) {
        if (k["code"] == code) return &k;
    }
    return nullptr;
}

bool has_field_error(const Reply& r, const std::string& field) {
    const json& fields = r.body.contains("error") ? r.body["error"]["fields"] : r.body["errors"];
    for (const auto& f : fields) {
        if (f["field"] == field) return true;
    }
    return false;
}

std::string month_of(const std::string& date) { return date.substr(0, 7); }

}  // namespace

TEST_CASE("rules API: publish a version, in force on its date without a restart, audited, immutable", "[rules]") {
    auto& env = TestEnv::get();
    ApiClient admin = env.signed_in("admin");
    ApiClient supervisor = env.signed_in("supervisor");

    auto list = admin.get("/api/v1/rules");
    REQUIRE(list.status == 200);
    const std::string today = list.body["today"].get<std::string>();
    REQUIRE(kind_of(list, "kpi_targets"));
    REQUIRE(kind_of(list, "sla"));
    CHECK((*kind_of(list, "sla"))["name"] == "服务时限规则（SLA）");
    const std::string old_version = (*kind_of(list, "kpi_targets"))["in_force"].get<std::string>();
    auto old = admin.get("/api/v1/rules/kpi_targets/" + old_version);
    REQUIRE(old.status == 200);
    CHECK(old.body["in_force"] == true);

    // The same targets with another comment: figures stay as they are for the other tests.
    json body = old.body["body"];
    body["comment"] = "测试版本：仅修改说明";
    const std::string v1 = unique_version("kpi");
    json candidate = {{"version", v1}, {"effective_from", today}, {"reason", "测试：发布后无需重启即生效"}, {"body", body}};

    SECTION("who may") {
        CHECK(supervisor.get("/api/v1/rules").status == 200);   // supervisors read
        auto r = supervisor.post("/api/v1/rules/kpi_targets", candidate);
        CHECK(r.status == 403);
        CHECK(r.body["error"]["message"].get<std::string>().find("只有管理员") != std::string::npos);
        CHECK(supervisor.post("/api/v1/rules/kpi_targets/preview", candidate).status == 403);
        CHECK(env.signed_in("agent").get("/api/v1/rules").status == 403);
        CHECK(env.client().get("/api/v1/rules").status == 401);
        CHECK(admin.get("/api/v1/rules/kpi_targets/" + v1).status == 404);   // nothing was written
    }

    SECTION("refused: past date, missing reason, invalid body, unknown kind") {
        json past = candidate;
        past["effective_from"] = "2020-01-01";
        auto r = admin.post("/api/v1/rules/kpi_targets", past);
        CHECK(r.status == 422);
        CHECK(has_field_error(r, "effective_from"));
        CHECK(r.body["error"]["message"].get<std::string>().find("不能早于今天") != std::string::npos);

        json no_reason = candidate;
        no_reason["reason"] = "";
        r = admin.post("/api/v1/rules/kpi_targets", no_reason);
        CHECK(r.status == 422);
        CHECK(has_field_error(r, "reason"));

        json bad = candidate;
        bad["body"]["items"][0]["comparison"] = "gte";
        r = admin.post("/api/v1/rules/kpi_targets", bad);
        CHECK(r.status == 422);
        CHECK(has_field_error(r, "body.items[0].comparison"));
        // All Chinese, saying where: the parser's message inside the screen's sentence.
        CHECK(r.body["error"]["message"].get<std::string>() ==
              "规则版本未通过校验：规则内容有误：指标目标 \"" + v1 + "\"，items[0]（" + body["items"][0]["code"].get<std::string>() +
                  "）：字段 \"comparison\" 应为 ge、gt、le、lt、eq 之一，实际为 \"gte\"");
        // The same through the preview: 200 with the errors and still the diff.
        r = admin.post("/api/v1/rules/kpi_targets/preview", bad);
        CHECK(r.status == 200);
        CHECK(r.body["ok"] == false);
        CHECK(has_field_error(r, "body.items[0].comparison"));

        json shape = candidate;
        shape["body"] = "not an object";
        shape["extra"] = 1;
        r = admin.post("/api/v1/rules/kpi_targets", shape);
        CHECK(r.status == 422);
        CHECK(has_field_error(r, "extra"));
        CHECK(admin.post("/api/v1/rules/fees", candidate).status == 404);
        CHECK(admin.get("/api/v1/rules/kpi_targets/" + v1).status == 404);   // nothing was written
    }

    SECTION("preview, publish, in force at once, audited, immutable") {
        auto p = admin.post("/api/v1/rules/kpi_targets/preview", candidate);
        REQUIRE(p.status == 200);
        CHECK(p.body["ok"] == true);
        CHECK(p.body["replaces"] == old_version);
        bool comment_changed = false;
        for (const auto& c : p.body["changes"]) {
            if (c["path"] == "comment" && c["op"] == "changed") comment_changed = true;
            CHECK(c["path"].get<std::string>().rfind("items", 0) != 0);   // the targets themselves: unchanged
        }
        CHECK(comment_changed);
        CHECK(admin.get("/api/v1/rules/kpi_targets/" + v1).status == 404);   // a preview writes nothing

        auto r = admin.post("/api/v1/rules/kpi_targets", candidate);
        REQUIRE(r.status == 201);
        CHECK(r.body["in_force_today"] == true);

        // In force now, with no restart: the list, the version and the indicators all say so.
        list = admin.get("/api/v1/rules");
        CHECK((*kind_of(list, "kpi_targets"))["in_force"] == v1);
        auto got = admin.get("/api/v1/rules/kpi_targets/" + v1);
        REQUIRE(got.status == 200);
        CHECK(got.body["in_force"] == true);
        CHECK(got.body["published_by"] == env.user("admin").first);   // from the audit event
        CHECK(got.body["reason"] == "测试：发布后无需重启即生效");
        CHECK(got.body["body"]["version"] == v1);
        CHECK(got.body["body"]["effective_from"] == today);
        auto kpis = admin.get("/api/v1/kpis?period=" + month_of(today));
        REQUIRE(kpis.status == 200);
        CHECK(kpis.body["targets_version"] == v1);

        // Never over an existing version; the old one is unchanged and no longer in force.
        json again = candidate;
        again["body"]["comment"] = "改写";
        r = admin.post("/api/v1/rules/kpi_targets", again);
        CHECK(r.status == 422);
        CHECK(has_field_error(r, "version"));
        CHECK(admin.get("/api/v1/rules/kpi_targets/" + v1).body["body"]["comment"] == "测试版本：仅修改说明");
        auto before = admin.get("/api/v1/rules/kpi_targets/" + old_version);
        CHECK(before.body["in_force"] == false);
        CHECK(before.body["body"] == old.body["body"]);

        // A version dated later is scheduled: not in force today, in force for the month it starts in.
        const std::string later_date = std::to_string(std::stoi(today.substr(0, 4)) + 1) + "-03-01";
        const std::string v2 = unique_version("kpi");
        json later = candidate;
        later["version"] = v2;
        later["effective_from"] = later_date;
        r = admin.post("/api/v1/rules/kpi_targets", later);
        REQUIRE(r.status == 201);
        CHECK(r.body["in_force_today"] == false);
        list = admin.get("/api/v1/rules");
        CHECK((*kind_of(list, "kpi_targets"))["in_force"] == v1);
        bool scheduled = false;
        for (const auto& v : (*kind_of(list, "kpi_targets"))["versions"]) {
            if (v["version"] == v2) scheduled = v["scheduled"].get<bool>();
        }
        CHECK(scheduled);
        CHECK(admin.get("/api/v1/kpis?period=" + month_of(later_date)).body["targets_version"] == v2);
        CHECK(admin.get("/api/v1/kpis?period=" + month_of(today)).body["targets_version"] == v1);
    }
}

TEST_CASE("rules API: the monthly assessment scorecard is a kind like the others (listed, read, previewed)", "[rules]") {
    auto& env = TestEnv::get();
    ApiClient admin = env.signed_in("admin");
    auto list = admin.get("/api/v1/rules");
    REQUIRE(list.status == 200);
    const json* kind = kind_of(list, "assessment_scorecard");
    REQUIRE(kind);
    CHECK((*kind)["name"] == "月度考核评分表");
    REQUIRE((*kind)["in_force"].is_string());
    const std::string version = (*kind)["in_force"].get<std::string>();
    auto got = admin.get("/api/v1/rules/assessment_scorecard/" + version);
    REQUIRE(got.status == 200);
    json body = got.body["body"];
    CHECK(body["parts"].size() == 4);
    CHECK(body["parts"][1]["items"][0]["code"] == "visits_below_frequency");

    // A candidate that only reads satisfaction the other way: the diff names the nested field (preview writes nothing).
    body["satisfaction"]["steps"] = "started";
    body["parts"][1]["items"][2]["cap"] = 9;           // rude_service 10 → 9 ...
    body["parts"][1]["items"][1]["cap"] = 21;          // ... and service_not_real 20 → 21: the part still adds up to 50
    json candidate = {{"version", unique_version("scorecard")}, {"effective_from", list.body["today"]},
                      {"reason", "测试：满意度按不足5%计"}, {"body", body}};
    auto p = admin.post("/api/v1/rules/assessment_scorecard/preview", candidate);
    REQUIRE(p.status == 200);
    CHECK(p.body["ok"] == true);
    CHECK(p.body["replaces"] == version);
    std::set<std::string> paths;
    for (const auto& c : p.body["changes"]) paths.insert(c["path"].get<std::string>());
    CHECK(paths.count("satisfaction.steps") == 1);
    CHECK(paths.count("parts[execution].items[rude_service].cap") == 1);
    CHECK(paths.count("parts[execution].items[service_not_real].cap") == 1);

    // A deduction above its cap: refused, on the nested field.
    candidate["body"]["parts"][1]["items"][2]["deduction"] = 10;
    p = admin.post("/api/v1/rules/assessment_scorecard/preview", candidate);
    REQUIRE(p.status == 200);
    CHECK(p.body["ok"] == false);
    CHECK(has_field_error(p, "body.parts[1].items[2].deduction"));
    CHECK(admin.get("/api/v1/rules/assessment_scorecard/" + candidate["version"].get<std::string>()).status == 404);
}

TEST_CASE("rules API: the settlement fee standard is a rule kind — listed, read, checked field by field", "[rules][settlement]") {
    auto& env = TestEnv::get();
    ApiClient admin = env.signed_in("admin");
    auto list = admin.get("/api/v1/rules");
    REQUIRE(list.status == 200);
    const json* kind = kind_of(list, "settlement_fees");
    REQUIRE(kind);
    CHECK((*kind)["name"] == "结算计费标准（上门服务费、结算顺序、合同付款）");
    CHECK((*kind)["in_force"] == "county-2025-v1");

    auto got = admin.get("/api/v1/rules/settlement_fees/county-2025-v1");
    REQUIRE(got.status == 200);
    CHECK(got.body["in_force"] == true);
    const json& body = got.body["body"];
    CHECK(body["home_visit_tiers"][0]["fee_fen"] == 30000);
    CHECK(body["home_visit_tiers"][1]["fee_fen"] == 20000);
    CHECK(body["order_of_operations"] == json::array({"fees", "grade", "faked", "deductions"}));
    CHECK(body["contract_payment"]["advance_bp"] == 3000);
    CHECK(env.signed_in("agent").get("/api/v1/rules/settlement_fees/county-2025-v1").status == 403);

    // A candidate with a bad standard: the preview names the field; nothing is written.
    json bad = body;
    bad["home_visit_tiers"][1]["fee_fen"] = -200;
    const std::string version = unique_version("settle");
    const json candidate = {{"version", version}, {"effective_from", list.body["today"]}, {"reason", "测试"}, {"body", bad}};
    auto p = admin.post("/api/v1/rules/settlement_fees/preview", candidate);
    REQUIRE(p.status == 200);
    CHECK(p.body["ok"] == false);
    CHECK(has_field_error(p, "body.home_visit_tiers[1].fee_fen"));
    bool diff_names_fee = false;
    for (const auto& c : p.body["changes"]) {
        if (c["path"] == "home_visit_tiers[subsistence_moderate_or_aged].fee_fen") diff_names_fee = true;
    }
    CHECK(diff_names_fee);
    CHECK(admin.post("/api/v1/rules/settlement_fees", candidate).status == 422);
    CHECK(admin.get("/api/v1/rules/settlement_fees/" + version).status == 404);
}

}  // namespace test_rules
