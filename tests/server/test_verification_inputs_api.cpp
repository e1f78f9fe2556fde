// One set of quarter inputs (app/quarter_inputs): the synthetic Hanjiang Q1 2024 lists imported through the API
// into a server of its own (a clock it moves: a fee rule is published, effective in the quarter's 2nd month, while
// the clock is in its 1st), a draw made and calls recorded through POST /samples/{id}/calls — then every figure of
// the report equals its route's (回访 reflecting the recorded calls, 实体服务费 priced per month), and a second GET
// without a write does not recompute (app::quarter_computations). Also the bounded cache (app::ObjectCache).
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>

#include "app/quarter_inputs.hpp"
#include "verification_fixture.hpp"
#include "yiyang/wire/verification.hpp"
#include "yiyang/wire/verification_deaths.hpp"
#include "yiyang/wire/verification_physical.hpp"
#include "yiyang/wire/verification_sampling.hpp"

namespace test_verification_inputs_api {

using namespace yiyang;
using yiyang::test::ApiClient;
using yiyang::test::Reply;
using json = nlohmann::json;
namespace hj = yiyang::test::hanjiang;

namespace {

// A server on a database of its own (verification_fixture), on a clock the test moves: a supervisor, a town user,
// an agent and an admin.
struct OwnServer : test::VerificationServer {
    OwnServer()
        : VerificationServer({"yiyang-inputs-test", "r_", "核查",
                              {{"supervisor", Role::Supervisor}, {"town", Role::Town}, {"agent", Role::Agent},
                               {"admin", Role::Admin}}}) {}
};

const json* cell(const json& report, const std::string& drill) { return test::report_cell(report, drill); }
std::string text(const json& report, const std::string& drill) { return test::report_text(report, drill); }

std::int64_t value(const json& report, const std::string& drill) {
    const json* c = cell(report, drill);
    INFO(drill);
    REQUIRE(c != nullptr);
    REQUIRE(c->contains("value"));
    return (*c)["value"].get<std::int64_t>();
}

}  // namespace

TEST_CASE("quarter inputs: the report's figures are its routes', with the frozen draw, recorded calls and a fee "
          "change inside the quarter; a repeated GET is not recomputed",
          "[verification][inputs][inprocess]") {
    OwnServer srv;
    auto admin = srv.signed_in("admin");
    auto sup = srv.signed_in("supervisor");
    auto agent = srv.signed_in("agent");

    // 2024-01-15: a 实体服务 fee of 35 yuan from 2024-02-01 (the seeded version, 30 yuan, is in force from 01-01).
    *srv.clock = start_of(Date{2024, 1, 15}) + 10 * 3600;
    {
        auto old = admin.get("/api/v1/rules/verification_fees/hanjiang-2024-v1");
        REQUIRE(old.status == 200);
        json body = old.body["body"];
        body["physical_service_fen"] = 3500;
        body["version"] = "inputs-test-feb";
        body["effective_from"] = "2024-02-01";
        auto published = admin.post("/api/v1/rules/verification_fees",
                                    {{"version", "inputs-test-feb"}, {"effective_from", "2024-02-01"},
                                     {"reason", "测试：季度内第二个月调整实体服务单价"}, {"body", body}});
        INFO(published.raw.substr(0, 600));
        REQUIRE(published.status == 201);
    }
    *srv.clock = start_of(Date{2026, 11, 20}) + 10 * 3600;   // back to "today"

    const auto towns = sup.get("/api/v1/towns");
    REQUIRE(towns.status == 200);
    test::import_hanjiang_lists(sup, srv.town_names(sup));
    // The survey's answers (imported); the callback sample's answers are recorded below, through the dashboard's route.
    REQUIRE(import_csv(sup, "callbacks", hj::callbacks_csv(hj::survey_answers(hj::served_ids()))).status == 201);

    // The draw, and three calls recorded on it.
    const auto drawn = sup.post("/api/v1/verification/samples",
                                {{"quarter", "2024Q1"}, {"draw_date", "2024-02-29"}, {"seed", "inputs-2024Q1"},
                                 {"rate_num", 5}, {"rate_den", 100}});
    INFO(drawn.raw.substr(0, 400));
    REQUIRE(drawn.status == 201);
    const auto id = drawn.body["draw"]["id"].get<std::int64_t>();
    const auto n = drawn.body["draw"]["size"].get<std::int64_t>();
    REQUIRE(n == 295);
    const std::string calls = "/api/v1/verification/samples/" + std::to_string(id) + "/calls";
    REQUIRE(agent.post(calls, {{"no", 1}, {"outcome", "接通"}, {"overall", "满意"}, {"package", "满意"},
                               {"knows_sos", "是"}}).status == 201);
    REQUIRE(agent.post(calls, {{"no", 2}, {"outcome", "停机"}, {"suspension_reason", "欠费"}}).status == 201);
    REQUIRE(agent.post(calls, {{"no", 3}, {"outcome", "无人接听"}}).status == 201);

    const std::string q = "?quarter=2024Q1";
    const auto rep = sup.get("/api/v1/verification/report" + q);
    INFO(rep.raw.substr(0, 400));
    REQUIRE(rep.status == 200);
    const json& j = rep.body;

    // 回访: the frozen draw and the recorded calls, as GET /verification/callbacks says.
    const auto cb_reply = sup.get("/api/v1/verification/callbacks" + q);
    REQUIRE(cb_reply.status == 200);
    const auto cb = cb_reply.body.get<wire::CallbackReport>();
    CHECK(cb.draw_id == id);
    CHECK(cb.sample == 295);
    CHECK(value(j, "callbacks.sample") == cb.sample);
    CHECK(value(j, "callbacks.frame") == drawn.body["draw"]["frame_size"].get<std::int64_t>());
    CHECK(cb.not_called == 292);
    CHECK(value(j, "callbacks.not_called") == cb.not_called);
    for (const auto& o : cb.outcomes) {
        if (o.count == 0) continue;
        INFO(o.outcome);
        CallOutcome oc{};
        for (int i = 0; i < 8; ++i)
            if (label_zh(static_cast<CallOutcome>(i)) == o.outcome) oc = static_cast<CallOutcome>(i);
        CHECK(value(j, std::string("callbacks.outcome_") + code(oc)) == o.count);
        CHECK(text(j, std::string("callbacks.share_") + code(oc)) == o.share.text);
    }
    CHECK(value(j, "callbacks.outcome_answered") == 1);
    CHECK(value(j, "callbacks.outcome_suspended") == 1);
    CHECK(value(j, "callbacks.outcome_no_answer") == 1);
    CHECK(value(j, "callbacks.suspended_arrears") == cb.suspended_arrears);
    CHECK(cb.suspended_arrears == 1);
    CHECK(text(j, "callbacks.overall") == cb.overall_satisfaction.text);
    CHECK(cb.overall_satisfaction.num == 1);
    CHECK(text(j, "callbacks.package") == cb.package_satisfaction.text);
    CHECK(text(j, "callbacks.knows_sos") == cb.knows_sos.text);
    // 实体服务质量 (the survey) as the callbacks route.
    CHECK(value(j, "survey.reached") == cb.survey.reached);
    CHECK(value(j, "survey.declined") == cb.survey.declined);
    CHECK(value(j, "survey.valid") == cb.survey.valid);
    CHECK(text(j, "survey.overall") == cb.survey.overall.text);
    CHECK(text(j, "survey.valid_share") == cb.survey.valid_share.text);

    // 实体服务: January at 30 yuan, February and March at 35 — the report, the route and Σ count × month's fee.
    const auto ph_reply = sup.get("/api/v1/verification/physical" + q);
    REQUIRE(ph_reply.status == 200);
    const auto ph = ph_reply.body.get<wire::PhysicalServiceReport>();
    REQUIRE(ph.months.size() == 3);
    CHECK(ph.months[0].unit_fee_fen == 3000);
    CHECK(ph.months[1].unit_fee_fen == 3500);
    CHECK(ph.months[2].unit_fee_fen == 3500);
    CHECK(ph.rule_versions == std::vector<std::string>{"hanjiang-2024-v1", "inputs-test-feb"});
    std::int64_t sum = 0;
    for (const auto& m : ph.months) sum += m.records * m.unit_fee_fen;
    CHECK(ph.fee_fen == sum);
    CHECK(ph.fee_fen == 3456 * 3000 + (2347 + 3759) * 3500);
    CHECK(value(j, "physical.fee") == ph.fee_fen);
    CHECK(value(j, "physical.records") == ph.records);
    CHECK(value(j, "physical.payable") == ph.payable);
    const char* months[] = {"2024-01", "2024-02", "2024-03"};
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(value(j, std::string("physical.records@") + months[i]) == ph.months[i].records);
        CHECK(value(j, std::string("physical.fee@") + months[i]) == ph.months[i].fee_fen);
        CHECK(value(j, std::string("physical.payable@") + months[i]) == ph.months[i].payable);
    }
    CHECK(ph.not_payable_fee_fen + ph.pending_fee_fen + ph.decided_not_payable_fee_fen + ph.payable_fee_fen == ph.fee_fen);
    const auto& header = j["tables"][0]["columns"][2].get_ref<const std::string&>();
    CHECK(header.find("30/35") != std::string::npos);

    // 信息化服务, 死亡核查, 新增服务对象: the routes' figures.
    const auto info = sup.get("/api/v1/verification/info-service" + q).body.get<wire::InfoServiceReport>();
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(value(j, std::string("info_service.total@") + months[i]) == info.months[i].total);
        CHECK(value(j, std::string("info_service.added@") + months[i]) == info.months[i].added);
    }
    CHECK(value(j, "info_service.total") == info.person_months);
    CHECK(value(j, "info_service.fee") == info.fee_fen);
    const auto deaths = sup.get("/api/v1/verification/deaths" + q).body.get<wire::DeathsReport>();
    CHECK(value(j, "deaths.matched") == deaths.matched);
    CHECK(value(j, "deaths.already_removed") == deaths.already_removed);
    CHECK(value(j, "deaths.to_deduct") == deaths.to_deduct);
    CHECK(value(j, "deaths.next_quarter") == deaths.next_quarter);
    CHECK(deaths.to_deduct == 75);
    const auto news = sup.get("/api/v1/verification/new-subjects" + q).body.get<wire::NewSubjectsReport>();
    CHECK(value(j, "new_subjects.provided") == news.total.provided);
    CHECK(text(j, "new_subjects.usage") == news.usage_text);
    CHECK(news.total.provided == 75);

    // A town's report is its town's routes (flags over the district, figures of the town's subjects).
    const std::string tq = q + "&town=" + std::to_string(towns.body["towns"][0]["id"].get<std::int64_t>());
    const auto tj = sup.get("/api/v1/verification/report" + tq).body;
    const auto tph = sup.get("/api/v1/verification/physical" + tq).body.get<wire::PhysicalServiceReport>();
    const auto tcb = sup.get("/api/v1/verification/callbacks" + tq).body.get<wire::CallbackReport>();
    const auto tinfo = sup.get("/api/v1/verification/info-service" + tq).body.get<wire::InfoServiceReport>();
    const auto tdeaths = sup.get("/api/v1/verification/deaths" + tq).body.get<wire::DeathsReport>();
    CHECK(tph.records <= ph.records);   // (the synthetic records' subjects are mostly not registry elders of a town)
    CHECK(value(tj, "physical.records") == tph.records);
    CHECK(value(tj, "physical.fee") == tph.fee_fen);
    CHECK(value(tj, "physical.payable") == tph.payable);
    CHECK(value(tj, "callbacks.sample") == tcb.sample);
    CHECK(tcb.sample < cb.sample);
    CHECK(value(tj, "survey.reached") == tcb.survey.reached);
    CHECK(value(tj, "info_service.total") == tinfo.person_months);
    CHECK(value(tj, "deaths.matched") == tdeaths.matched);

    // A second GET of every route without a write in between: nothing recomputed.
    const auto computed = app::quarter_computations();
    for (const char* route : {"report", "callbacks", "physical", "info-service", "deaths", "new-subjects"})
        CHECK(sup.get(std::string("/api/v1/verification/") + route + q).status == 200);
    CHECK(app::quarter_computations() == computed);
    // A recorded call is a write: the next GET recomputes, and shows it.
    REQUIRE(agent.post(calls, {{"no", 4}, {"outcome", "接通"}, {"overall", "不满意"}}).status == 201);
    const auto again = sup.get("/api/v1/verification/callbacks" + q).body.get<wire::CallbackReport>();
    CHECK(app::quarter_computations() > computed);
    CHECK(again.not_called == 291);
    CHECK(value(sup.get("/api/v1/verification/report" + q).body, "callbacks.outcome_answered") == 2);

    // What the cache saves (reported, not asserted: timings vary): a GET after a write recomputes, the next does not.
    REQUIRE(agent.post(calls, {{"no", 5}, {"outcome", "关机"}}).status == 201);
    const auto t0 = std::chrono::steady_clock::now();
    CHECK(sup.get("/api/v1/verification/physical" + q).status == 200);
    const auto t1 = std::chrono::steady_clock::now();
    CHECK(sup.get("/api/v1/verification/physical" + q).status == 200);
    const auto t2 = std::chrono::steady_clock::now();
    const auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
    WARN("GET …/physical (Hanjiang Q1): " << ms(t1 - t0) << " ms computed, " << ms(t2 - t1) << " ms from the cache");
}

TEST_CASE("quarter cache: newer data drops older entries; at most the bound is kept", "[verification][inputs]") {
    app::ObjectCache cache;
    auto v = [](int i) { return std::make_shared<const int>(i); };
    cache.put("a", 1, v(1), app::kQuarterCacheSize);
    REQUIRE(cache.find("a", 1) != nullptr);
    CHECK(*std::static_pointer_cast<const int>(cache.find("a", 1)) == 1);
    CHECK(cache.find("a", 2) == nullptr);   // a write since: not served
    cache.put("b", 2, v(2), app::kQuarterCacheSize);
    CHECK(cache.find("a", 1) == nullptr);   // older data dropped
    CHECK(cache.size() == 1);
    for (int i = 0; i < 40; ++i) cache.put("k" + std::to_string(i), 2, v(i), app::kQuarterCacheSize);
    CHECK(cache.size() == app::kQuarterCacheSize);
    CHECK(cache.find("k39", 2) != nullptr);   // the newest kept, the oldest out
    CHECK(cache.find("k0", 2) == nullptr);
}

}  // namespace test_verification_inputs_api
