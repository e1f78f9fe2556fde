// POST /api/v1/assessment/preview (the 考核 what-if): a real server computes a month's sheets with the scorecard
// rule in force on `on` and must reply exactly what the shared computation gives natively for the same sheets and
// the same rule version (read back through the rules API); who may call it; bad sheets are 422 naming the sheet and
// the item; nothing else (no 5xx, kiosks never).
#include <catch2/catch.hpp>

#include <string>

#include "harness.hpp"
#include "yiyang/assessment/scorecard.hpp"
#include "yiyang/rng.hpp"
#include "yiyang/wire/assessment.hpp"

namespace test_assessment_preview {

using namespace yiyang;
using yiyang::test::ApiClient;
using yiyang::test::Reply;
using yiyang::test::TestEnv;
using nlohmann::json;

namespace {

constexpr const char* kOn = "2026-11-30";

// The rule the server uses on kOn, read back through the rules API (its version is the reply's rule_version).
assessment::ScorecardRule rule_of(ApiClient& admin, const std::string& version) {
    const Reply r = admin.get("/api/v1/rules/assessment_scorecard/" + version);
    REQUIRE(r.status == 200);
    return r.body["body"].get<assessment::ScorecardRule>();
}

// A sheet as the screen would send it: some items counted (sometimes past the cap), bonus cases, a survey.
wire::AssessmentSheetInput generated_input(Rng& rng, const assessment::ScorecardRule& rule, std::int64_t severity) {
    wire::AssessmentSheetInput s;
    for (const auto& p : rule.parts) {
        for (const auto& i : p.items) {
            if (i.source == assessment::ItemSource::Satisfaction || !rng.chance(severity, 6)) continue;
            s.counts[i.code] = rng.between(0, i.cap / i.deduction + (severity >= 3 ? 3 : 0));
        }
    }
    if (rng.chance(1, 4)) s.bonus_cases.push_back(rng.between(rule.bonus.min_points, rule.bonus.max_points));
    s.answered = rng.chance(1, 10) ? 0 : rng.between(1, 240);
    s.satisfied = s.answered - (rng.chance(1, 5) ? rng.between(0, s.answered) : rng.between(0, s.answered / 6));
    return s;
}

}  // namespace

TEST_CASE("assessment preview: 300 generated months, each reply equals the shared computation", "[assessment]") {
    auto& env = TestEnv::get();
    ApiClient admin = env.signed_in("admin");
    ApiClient supervisor = env.signed_in("supervisor");
    // The version in force on kOn, from the first reply; then every reply must name the same one.
    wire::AssessmentPreviewRequest first;
    first.departments.resize(1);
    first.on = kOn;
    const Reply r0 = admin.post("/api/v1/assessment/preview", json(first));
    REQUIRE(r0.status == 200);
    const std::string version = r0.body["rule_version"].get<std::string>();
    const assessment::ScorecardRule rule = rule_of(admin, version);
    CHECK(r0.body["total"]["text"] == "100.00");
    CHECK(r0.body["grade_code"] == "excellent");

    Rng rng(20261205);
    std::map<std::string, int> grades;
    int capped = 0;
    for (int k = 0; k < 300; ++k) {
        INFO("month " << k);
        wire::AssessmentPreviewRequest ask;
        const auto severity = rng.between(0, 4);
        const auto n = rng.between(1, 7);
        for (std::int64_t d = 0; d < n; ++d) ask.departments.push_back(generated_input(rng, rule, severity));
        ask.leader = generated_input(rng, rule, severity);
        ask.on = kOn;
        const Reply r = (k % 2 ? supervisor : admin).post("/api/v1/assessment/preview", json(ask));
        REQUIRE(r.status == 200);
        const wire::AssessmentMonth expected = wire::preview_month(rule, ask);
        const auto got = r.body.get<wire::AssessmentMonth>();
        REQUIRE(got == expected);
        REQUIRE(r.body == json(expected));   // the same canonical JSON, member for member
        ++grades[got.grade_code];
        for (const auto& dep : got.departments)
            for (const auto& p : dep.parts)
                for (const auto& i : p.items) capped += i.capped ? 1 : 0;
    }
    CHECK(grades.size() == 4);   // every band reached (else the comparison proves little)
    CHECK(capped > 20);
}

TEST_CASE("assessment preview: who may, bad sheets named in Chinese, strict shape, rule by date", "[assessment]") {
    auto& env = TestEnv::get();
    ApiClient admin = env.signed_in("admin");
    json ask = {{"departments", json::array({json::object()})}, {"leader", json::object()}, {"on", kOn}};

    SECTION("who may") {
        for (const char* role : {"agent", "town", "provider", "kiosk", "leader"}) {
            INFO(role);
            CHECK(env.signed_in(role).post("/api/v1/assessment/preview", ask).status == 403);
        }
        CHECK(env.client().post("/api/v1/assessment/preview", ask).status == 401);
        CHECK(env.signed_in("supervisor").post("/api/v1/assessment/preview", ask).status == 200);
    }
    SECTION("a negative count: 422 naming the department and the item; nothing else is scored") {
        ask["departments"].push_back({{"counts", {{"visits_below_frequency", -1}}}});
        const Reply r = admin.post("/api/v1/assessment/preview", ask);
        REQUIRE(r.status == 422);
        CHECK(r.body["error"]["code"] == "validation_failed");
        const std::string msg = r.body["error"]["message"].get<std::string>();
        CHECK(msg.find("第 2 个科室·服务执行·走访频次不足：次数不能为负数") == 0);
        CHECK(r.body["error"]["fields"][0]["field"] == "departments[1].counts.visits_below_frequency");
    }
    SECTION("the leader's sheet, an unknown item, satisfaction beyond the answers") {
        ask["leader"] = {{"counts", {{"no_such_item", 1}}}, {"satisfied", 5}, {"answered", 4}};
        const Reply r = admin.post("/api/v1/assessment/preview", ask);
        REQUIRE(r.status == 422);
        REQUIRE(r.body["error"]["fields"].size() == 2);
        CHECK(r.body["error"]["fields"][0]["field"] == "leader.counts.no_such_item");
        CHECK(r.body["error"]["fields"][1]["field"] == "leader.satisfaction");
        CHECK(r.body["error"]["message"].get<std::string>().find("领导评价·") == 0);
    }
    SECTION("a count past the cap is legal: capped, and the reply says so") {
        ask["departments"][0]["counts"]["visits_below_frequency"] = 1000;
        const Reply r = admin.post("/api/v1/assessment/preview", ask);
        REQUIRE(r.status == 200);
        const auto m = r.body.get<wire::AssessmentMonth>();
        bool seen = false;
        for (const auto& p : m.departments[0].parts)
            for (const auto& i : p.items)
                if (i.code == "visits_below_frequency") {
                    seen = true;
                    CHECK(i.capped);
                    CHECK(i.deducted == i.cap);
                    CHECK(!i.note_zh.empty());
                }
        CHECK(seen);
    }
    SECTION("strict shape: unknown members, wrong types, too many departments, no departments") {
        Reply r = admin.post("/api/v1/assessment/preview", {{"departments", json::array({{{"count", 1}}})}, {"leader", json::object()}});
        REQUIRE(r.status == 422);
        CHECK(r.body["error"]["fields"][0]["field"] == "departments[0].count");
        r = admin.post("/api/v1/assessment/preview", {{"departments", json::array({{{"counts", {{"rude_service", "2"}}}}})}, {"leader", json::object()}});
        REQUIRE(r.status == 422);
        CHECK(r.body["error"]["fields"][0]["field"] == "departments[0].counts.rude_service");
        json many = ask;
        many["departments"] = json::array();
        for (int i = 0; i < 21; ++i) many["departments"].push_back(json::object());
        r = admin.post("/api/v1/assessment/preview", many);
        REQUIRE(r.status == 422);
        CHECK(r.body["error"]["fields"][0]["code"] == "too_many");
        many["departments"] = json::array();
        r = admin.post("/api/v1/assessment/preview", many);
        REQUIRE(r.status == 422);
        CHECK(r.body["error"]["fields"][0]["field"] == "departments");
        r = admin.post("/api/v1/assessment/preview", {{"departments", json::array({json::object()})}, {"leader", json::object()}, {"on", "2026-13-01"}});
        REQUIRE(r.status == 422);
        CHECK(r.body["error"]["fields"][0]["field"] == "on");
    }
    SECTION("a date before the first scorecard: 409 rule_missing naming the rule") {
        ask["on"] = "2000-01-01";
        const Reply r = admin.post("/api/v1/assessment/preview", ask);
        REQUIRE(r.status == 409);
        CHECK(r.body["error"]["code"] == "rule_missing");
        CHECK(r.body["error"]["message"].get<std::string>().find("assessment_scorecard") != std::string::npos);
    }
}

}  // namespace test_assessment_preview
