// Provider supervision (http/provider_routes.cpp, issue 13 providers) on the real in-process server and SQLite file:
// an evaluation of 差 that is not yet acted on keeps poor_provider_warn_remove_rate below 100 % (and lists the provider
// among its failures); the removal takes the provider out of the dispatch suggestion; a role that may not evaluate
// gets 403; bad input is 422 naming the field; audit events; the key-information check lists what is missing; GET
// /api/v1/kpis shows the provider figures instead of 人工填报; the XLSX export.
//
// The shared test city is used by every API suite: provider 1 (the harness's provider user) is never evaluated 差
// here; the provider warned or removed is another eligible one.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>
#include <string>

#include "harness.hpp"
#include "store/provider_supervision.hpp"
#include "yiyang/date.hpp"

namespace test_provider_supervision {

using namespace yiyang::test;

namespace {

std::int64_t audit_count(TestEnv& env, const std::string& entity, std::int64_t id, const std::string& action) {
    SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
    SQLite::Statement st(db, "SELECT COUNT(*) FROM audit_events WHERE entity = ? AND entity_id = ? AND action = ?");
    st.bind(1, entity);
    st.bind(2, id);
    st.bind(3, action);
    st.executeStep();
    return st.getColumn(0).getInt64();
}

std::string today(ApiClient& c) { return yiyang::format_date(yiyang::date_of(server_clock(c))); }

const json* kpi_item(const Reply& r, const std::string& code) {
    for (const auto& i : r.body["items"])
        if (i["code"] == code) return &i;
    return nullptr;
}

bool lists(const Reply& r, std::int64_t id) {
    for (const auto& i : r.body["items"])
        if (i["id"] == id) return true;
    return false;
}

json candidate(const Reply& r, std::int64_t provider) {
    for (const auto& c : r.body["candidates"])
        if (c["provider_id"] == provider) return c;
    return json();
}

// An active provider other than provider 1 whose supervision row (`list`) is `wanted`, with an active elder in a town
// it covers: `s` is set so that a booking there in a category it offers makes it a dispatch candidate. 0 = none.
std::int64_t eligible_provider(ApiClient& agent, const Reply& list, const std::function<bool(const json&)>& wanted,
                               ProviderOneSetup& s) {
    auto providers = agent.get("/api/v1/providers?status=active");
    REQUIRE(providers.status == 200);
    for (const auto& p : providers.body["items"]) {
        if (p["id"] == 1 || p["categories"].empty()) continue;
        bool ok = false;
        for (const auto& x : list.body["items"])
            if (x["id"] == p["id"] && wanted(x)) ok = true;
        if (!ok) continue;
        for (const auto& t : p["towns_covered"]) {
            auto elders = agent.get("/api/v1/elders?status=active&page_size=1&town=" + std::to_string(t.get<std::int64_t>()));
            if (elders.status == 200 && !elders.body["items"].empty()) {
                s.town = t.get<std::int64_t>();
                s.elder = elders.body["items"][0]["id"].get<std::int64_t>();
                s.category = p["categories"][0].get<std::string>();
                return p["id"].get<std::int64_t>();
            }
        }
    }
    return 0;
}

// Every dimension 0: a total of 0 is 差 (a reason for each prefilled score changed).
json poor_body(const std::string& day) {
    json scores = json::object();
    for (const char* d : {"qualification", "reputation", "performance", "activity", "satisfaction"})
        scores[d] = {{"tenths", 0}, {"reason", "测试：评价调查发现多次未按约定提供服务"}};
    return {{"day", day}, {"scores", scores}, {"note", "测试评价"}};
}

}  // namespace

TEST_CASE("providers: 差 not acted on keeps the warn/remove rate below 100 %; removal leaves the dispatch ranking",
          "[providers][inprocess]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto sup = env.signed_in("supervisor");
    // A provider other than provider 1, active, not evaluated today, with an active elder in a town it covers: a
    // booking there in a category it offers makes it eligible. Its platform decides what a 差 leads to: removal (清退)
    // on the 智慧养老平台, a warning (预警) on 民政通 — either takes it out of the ranking.
    auto list = agent.get("/api/v1/provider-supervision");
    REQUIRE(list.status == 200);
    std::string platform;
    ProviderOneSetup s;
    const std::string day = today(agent);
    const std::int64_t target = eligible_provider(agent, list, [&](const json& x) {
        platform = x["platform"].get<std::string>();
        return x["last_evaluation_day"] != day;
    }, s);
    REQUIRE(target != 0);
    auto created = agent.post("/api/v1/orders", booking_body(s, "测试：服务商评价后的派单推荐"));
    REQUIRE(created.status == 201);
    const auto order = created.body["order"]["id"].get<std::int64_t>();
    const std::string cand_path = "/api/v1/dispatch/candidates?order=" + std::to_string(order);
    REQUIRE(candidate(agent.get(cand_path), target)["eligible"] == true);
    const std::string action = platform == "mzt" ? "warn" : "remove";
    const std::string action_zh = platform == "mzt" ? "预警" : "清退";
    const std::string base = "/api/v1/provider-supervision/" + std::to_string(target);

    // The form, prefilled: qualification and reputation entered, the others from the records with their orders.
    auto pre = sup.get(base + "/prefill?day=" + today(sup));
    REQUIRE(pre.status == 200);
    REQUIRE(pre.body["dimensions"].size() == 5);
    CHECK(pre.body["dimensions"][0]["dimension"] == "qualification");
    CHECK(pre.body["dimensions"][0]["entered"] == true);
    CHECK(pre.body["dimensions"][3]["dimension"] == "activity");
    CHECK(pre.body["dimensions"][3]["has_points"] == true);
    CHECK(sup.get(base + "/prefill?day=2999-01-01").status == 400);

    // A role that may not evaluate: 403. Bad input: 422 naming the field.
    CHECK(agent.post(base + "/evaluations", poor_body(today(agent))).status == 403);
    auto bad = sup.post(base + "/evaluations", {{"day", today(sup)}, {"scores", json::object()}});
    REQUIRE(bad.status == 422);
    CHECK(bad.body["error"]["fields"][0]["field"] == "scores.qualification");
    auto changed_without_reason = poor_body(today(sup));
    changed_without_reason["scores"]["activity"] = {{"tenths", 149}};   // over the prefill, no reason
    auto no_reason = sup.post(base + "/evaluations", changed_without_reason);
    REQUIRE(no_reason.status == 422);
    CHECK(no_reason.body["error"]["fields"][0]["field"] == "scores.activity");
    CHECK(no_reason.body["error"]["fields"][0]["code"] == "reason_required");

    // 差, signed.
    auto ev = sup.post(base + "/evaluations", poor_body(today(sup)));
    REQUIRE(ev.status == 201);
    CHECK(ev.body["grade"] == "poor");
    CHECK(ev.body["grade_label"] == "差");
    CHECK(ev.body["total"]["text"] == "0.0");
    CHECK(ev.body["required_action"] == action);
    CHECK(ev.body["content_sha256"].get<std::string>().size() == 64);
    const auto eval_id = ev.body["id"].get<std::int64_t>();
    CHECK(audit_count(env, "provider_evaluation", eval_id, "sign") == 1);
    CHECK(sup.post(base + "/evaluations", poor_body(today(sup))).status == 409);   // one per provider per day

    // Not yet acted on: the rate is below 100 % and the provider is among its failures; the list says 待清退.
    const std::string month = today(sup).substr(0, 7);
    auto kpis = sup.get("/api/v1/kpis?period=" + month);
    REQUIRE(kpis.status == 200);
    const json* rate = kpi_item(kpis, "poor_provider_warn_remove_rate");
    REQUIRE(rate);
    CHECK((*rate)["applicable"] == true);
    CHECK((*rate)["kind"] == "providers");
    CHECK((*rate)["met"] == false);
    CHECK((*rate)["failure_count"].get<std::int64_t>() >= 1);
    auto failures = sup.get("/api/v1/kpis/poor_provider_warn_remove_rate/records?period=" + month + "&side=failures");
    REQUIRE(failures.status == 200);
    CHECK(lists(failures, target));
    auto evaluated = sup.get("/api/v1/kpis/provider_evaluations/records?period=" + month);
    REQUIRE(evaluated.status == 200);
    CHECK(lists(evaluated, target));
    list = sup.get("/api/v1/provider-supervision");
    for (const auto& p : list.body["items"])
        if (p["id"] == target) {
            CHECK(p["action_due"] == true);
            CHECK(p["action_due_label"] == "待" + action_zh);
        }
    CHECK(candidate(agent.get(cand_path), target)["eligible"] == true);

    // The removal: a reason is required; the agent may not; then the provider leaves the dispatch ranking.
    const std::string act = "/api/v1/provider-supervision/evaluations/" + std::to_string(eval_id) + "/action";
    CHECK(sup.post(act, json::object()).status == 422);
    CHECK(agent.post(act, {{"reason", "评价为差，予以清退"}}).status == 403);
    auto done = sup.post(act, {{"reason", "评价为差，按智慧养老平台规定予以清退"}});
    REQUIRE(done.status == 200);
    CHECK(done.body["action"] == action);
    CHECK(done.body["action_label"] == action_zh);
    CHECK(audit_count(env, "provider", target, action) == 1);
    CHECK(sup.post(act, {{"reason", "重复清退"}}).status == 409);
    const auto after = candidate(agent.get(cand_path), target);
    REQUIRE(after.is_object());
    CHECK(after["eligible"] == false);
    CHECK(after["ineligible_reason"].get<std::string>().find(action_zh) != std::string::npos);
    auto numerator = sup.get("/api/v1/kpis/poor_provider_warn_remove_rate/records?period=" + month);
    REQUIRE(numerator.status == 200);
    CHECK(lists(numerator, target));
    // Removed: no longer counted among the platform's providers (warned: still on it).
    auto on_platform = sup.get("/api/v1/kpis/platform_providers/records?period=" + month + "&page_size=200");
    REQUIRE(on_platform.status == 200);
    CHECK(lists(on_platform, target) == (action == "warn"));
    // A non-差 evaluation cannot be acted on.
    auto history = sup.get(base + "/evaluations");
    REQUIRE(history.status == 200);
    CHECK(history.body["items"][0]["action"] == action);
}

TEST_CASE("providers: the key-information check lists what is missing; the KPIs and the XLSX", "[providers][inprocess]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto agent = env.signed_in("agent");
    const std::string path = "/api/v1/provider-supervision/2/key-checks";
    auto bad = sup.post(path, {{"day", today(sup)}, {"licence_expires", "2026-13-01"}});
    REQUIRE(bad.status == 422);
    CHECK(bad.body["error"]["fields"][0]["field"] == "licence_expires");
    CHECK(agent.post(path, {{"day", today(sup)}}).status == 403);
    auto r = sup.post(path, {{"day", today(sup)}, {"licence_expires", "2020-01-31"}});
    REQUIRE(r.status == 201);
    CHECK(r.body["complete"] == false);
    CHECK(r.body["missing"][0]["code"] == "licence_expired");
    CHECK(r.body["missing_text"].get<std::string>().find("资质已过期（2020-01-31）") != std::string::npos);
    CHECK(audit_count(env, "provider_key_check", r.body["id"].get<std::int64_t>(), "create") == 1);
    CHECK(audit_count(env, "provider", 2, "update") >= 1);   // the licence expiry recorded
    auto list = agent.get("/api/v1/provider-supervision");
    REQUIRE(list.status == 200);
    for (const auto& p : list.body["items"])
        if (p["id"] == 2) {
            CHECK(p["licence_expires"] == "2020-01-31");
            CHECK(p["last_check_day"] == today(agent));
            CHECK(p["missing_text"].get<std::string>().find("资质已过期") != std::string::npos);
        }
    // A valid expiry the same day: the check is replaced (one per provider per day).
    r = sup.post(path, {{"day", today(sup)}, {"licence_expires", "2099-12-31"}});
    REQUIRE(r.status == 201);
    for (const auto& m : r.body["missing"]) CHECK(m["code"] != "licence_expired");

    // GET /api/v1/kpis: every provider indicator has a figure (none says 人工填报), city-wide only.
    const std::string month = today(sup).substr(0, 7);
    auto kpis = sup.get("/api/v1/kpis?period=" + month);
    REQUIRE(kpis.status == 200);
    for (const char* code : {"provider_evaluations", "poor_provider_warn_remove_rate", "active_providers",
                             "platform_providers", "miniprogram_disclosure_rate", "providers_radiating_to_points",
                             "key_information_checks", "service_item_online_rate"}) {
        const json* item = kpi_item(kpis, code);
        INFO(code);
        REQUIRE(item);
        CHECK((*item)["applicable"] == true);
        CHECK((!item->contains("note") || (*item)["note"].is_null()));
    }
    CHECK((*kpi_item(kpis, "platform_providers"))["display"].get<std::string>() != "—");
    auto checked = sup.get("/api/v1/kpis/key_information_checks/records?period=" + month + "&page_size=200");
    REQUIRE(checked.status == 200);
    CHECK(checked.body["kind"] == "providers");
    CHECK(lists(checked, 2));
    auto towns = sup.get("/api/v1/kpis/service_item_online_rate/records?period=" + month + "&side=denominator");
    REQUIRE(towns.status == 200);
    CHECK(towns.body["kind"] == "towns");
    CHECK(towns.body["total"].get<std::int64_t>() >= 1);
    auto town_kpis = sup.get("/api/v1/kpis?period=" + month + "&town=1");
    REQUIRE(town_kpis.status == 200);
    CHECK((*kpi_item(town_kpis, "platform_providers"))["applicable"] == false);

    // The list as XLSX.
    auto x = sup.get("/api/v1/export/provider-supervision.xlsx");
    REQUIRE(x.status == 200);
    CHECK(x.raw.substr(0, 2) == "PK");
    auto town = env.signed_in("town");
    CHECK(town.get("/api/v1/provider-supervision").status == 403);
}

// The active-provider indicator's orders per provider and month come from the order aggregates (kpi_monthly
// "kept_orders", migration 35), kept by every order write: they equal the count from the records — before and after
// an order is created, dispatched and cancelled through the API.
TEST_CASE("providers: orders per provider and month from the aggregates equal the records", "[providers][inprocess]") {
    auto& env = TestEnv::get();
    if (env.external()) return;   // needs the server's SQLite file (the in-process run checks it)
    auto reference = [&env] {
        SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
        SQLite::Statement st(db, "SELECT provider_id, strftime('%Y-%m', created_at, 'unixepoch'), COUNT(*) FROM work_orders "
                                 "WHERE provider_id IS NOT NULL AND status <> 'cancelled' GROUP BY 1, 2");
        yiyang::providers::MonthlyOrders out;
        while (st.executeStep()) out[st.getColumn(0).getInt64()][st.getColumn(1).getString()] = st.getColumn(2).getInt64();
        return out;
    };
    auto aggregated = [&env] {
        SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
        return yiyang::store::monthly_orders(db, yiyang::Date{2000, 1, 1}, yiyang::Date{2100, 12, 31});
    };
    const auto before = reference();
    REQUIRE(!before.empty());
    CHECK(aggregated() == before);

    auto agent = env.signed_in("agent");
    const auto setup = provider_one_setup(agent);
    const std::int64_t id = dispatched_booking(agent, setup, 1, "测试：服务商活跃度计数");
    const std::string month = yiyang::format_date(yiyang::date_of(server_clock(agent))).substr(0, 7);
    const auto added = reference();
    CHECK(added.at(1).at(month) == (before.count(1) && before.at(1).count(month) ? before.at(1).at(month) : 0) + 1);
    CHECK(aggregated() == added);
    REQUIRE(transition(agent, id, {{"action", "cancel"}, {"reason", "测试结束，取消"}}).status == 200);
    CHECK(aggregated() == reference());
    CHECK(reference() == before);
}

// 解除预警: a 民政通 provider evaluated 差 and warned cannot be lifted on that evaluation (409 with the refusal), nor
// by the agent (403), nor without a reason (422); once evaluated again (优, a later day) the supervisor lifts it: the
// provider is 正常 again, back in the dispatch ranking, audited; a lift is not a warning for the warn/remove rate; a
// second lift is refused (not warned any more).
TEST_CASE("providers: a warning lifted after a later evaluation; the provider returns to the dispatch ranking",
          "[providers][inprocess]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto sup = env.signed_in("supervisor");
    const std::string now_day = today(sup);
    const auto now_date = *yiyang::parse_date(now_day);
    const std::string poor_day = yiyang::format_date(yiyang::add_days(now_date, -20));
    // A 民政通 provider other than provider 1, active, never evaluated on either day, with an active elder in a
    // covered town (so that a booking there makes it a candidate).
    auto list = sup.get("/api/v1/provider-supervision");
    REQUIRE(list.status == 200);
    ProviderOneSetup s;
    const std::int64_t target = eligible_provider(agent, list, [&](const json& x) {
        return x["platform"] == "mzt" && x["last_evaluation_day"] < poor_day;   // "" (never) sorts first
    }, s);
    REQUIRE(target != 0);
    auto created = agent.post("/api/v1/orders", booking_body(s, "测试：解除预警后的派单推荐"));
    REQUIRE(created.status == 201);
    const std::string cand_path =
        "/api/v1/dispatch/candidates?order=" + std::to_string(created.body["order"]["id"].get<std::int64_t>());
    REQUIRE(candidate(agent.get(cand_path), target)["eligible"] == true);
    const std::string base = "/api/v1/provider-supervision/" + std::to_string(target);
    const std::string lift = base + "/lift";
    auto row = [&]() {
        const auto all = sup.get("/api/v1/provider-supervision");
        for (const auto& p : all.body["items"])
            if (p["id"] == target) return p;
        return json();
    };

    // Not warned: nothing to lift.
    auto not_warned = sup.post(lift, {{"reason", "测试：未预警"}});
    CHECK(not_warned.status == 409);
    CHECK(not_warned.body["error"]["message"].get<std::string>().find("不在预警中") != std::string::npos);

    // 差 twenty days ago, warned today: out of the ranking; the lift is refused on that evaluation.
    auto poor = sup.post(base + "/evaluations", poor_body(poor_day));
    REQUIRE(poor.status == 201);
    const auto poor_id = poor.body["id"].get<std::int64_t>();
    auto warned = sup.post("/api/v1/provider-supervision/evaluations/" + std::to_string(poor_id) + "/action",
                           {{"reason", "测试：评价为差，按民政通规定预警"}});
    REQUIRE(warned.status == 200);
    CHECK(warned.body["action"] == "warn");
    CHECK(candidate(agent.get(cand_path), target)["eligible"] == false);
    auto r = row();
    CHECK(r["status"] == "warned");
    CHECK(r["can_lift"] == false);
    CHECK(r["lift_refusal"].get<std::string>().find("仍为“差”") != std::string::npos);
    auto too_soon = sup.post(lift, {{"reason", "测试：尚未重新评价"}});
    CHECK(too_soon.status == 409);
    CHECK(too_soon.body["error"]["code"] == "cannot_lift");

    // Evaluated again today: 优 (every dimension at its maximum, each change with a reason).
    json scores = json::object();
    const std::map<std::string, int> max_tenths = {{"qualification", 200}, {"reputation", 150}, {"performance", 300},
                                                   {"activity", 150}, {"satisfaction", 200}};
    for (const auto& [d, t] : max_tenths) scores[d] = {{"tenths", t}, {"reason", "测试：整改后复评，各项达标"}};
    auto good = sup.post(base + "/evaluations", {{"day", now_day}, {"scores", scores}, {"note", "整改复评"}});
    REQUIRE(good.status == 201);
    CHECK(good.body["grade"] == "excellent");
    r = row();
    CHECK(r["can_lift"] == true);
    CHECK(r["lift_refusal"] == "");

    // The reason is required; the agent may not; then the supervisor lifts it.
    auto no_reason = sup.post(lift, json::object());
    REQUIRE(no_reason.status == 422);
    CHECK(no_reason.body["error"]["fields"][0]["field"] == "reason");
    CHECK(agent.post(lift, {{"reason", "测试：整改完成"}}).status == 403);
    auto lifted = sup.post(lift, {{"reason", "测试：整改完成，复评为优"}});
    REQUIRE(lifted.status == 200);
    CHECK(lifted.body["action"] == "lift");
    CHECK(lifted.body["action_label"] == "解除预警");
    CHECK(lifted.body["id"] == good.body["id"]);
    CHECK(audit_count(env, "provider", target, "lift") == 1);
    r = row();
    CHECK(r["status"] == "active");
    CHECK(r["can_lift"] == false);
    CHECK(candidate(agent.get(cand_path), target)["eligible"] == true);
    auto again = sup.post(lift, {{"reason", "测试：重复解除"}});
    CHECK(again.status == 409);
    // The history shows both decisions.
    auto history = sup.get(base + "/evaluations");
    REQUIRE(history.status == 200);
    REQUIRE(history.body["items"].size() >= 2);
    CHECK(history.body["items"][0]["action"] == "lift");
    CHECK(history.body["items"][1]["action"] == "warn");
}

}  // namespace test_provider_supervision
