// GET /api/v1/public/figures (issue 12, kiosk-ui): every count the kiosk gets equals the truth the test counts itself
// from the admin's replies, unless it is a small cell — then it is "<5" with no number at all — and no group gives a
// hidden cell back by subtraction; rates hidden or shown; the playlist in force; who may read it.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include "harness.hpp"

namespace test_public_figures {

using namespace yiyang::test;

namespace {

// A group of the reply against the truth per code: returns how many small cells (1..min−1) it hid.
int check_group(const json& rows, const std::map<std::string, std::int64_t>& truth, std::int64_t min,
                const std::string& what) {
    int small = 0, hidden = 0, nonzero = 0;
    for (const auto& row : rows) {
        const std::string code = row["code"].get<std::string>();
        const auto it = truth.find(code);
        const std::int64_t t = it == truth.end() ? 0 : it->second;
        const json& c = row["count"];
        INFO(what << " " << code << " (" << row["label"].get<std::string>() << "): truth " << t << ", shown " << c.dump());
        if (t > 0) ++nonzero;
        if (t > 0 && t < min) {
            ++small;
            CHECK(c["value"].is_null());
            CHECK(c["text"] == "<" + std::to_string(min));
            CHECK(c.dump().find(std::to_string(t)) == std::string::npos);   // "<5" only: the 5 is the threshold
        }
        if (c["value"].is_null()) {
            ++hidden;
            CHECK(t > 0);                          // a zero is shown as 0, never hidden
        } else {
            CHECK(c["value"] == t);
            CHECK(c["text"] == std::to_string(t));
        }
    }
    // Complementary suppression: never exactly one hidden cell when another non-zero cell could be hidden too.
    if (nonzero > 1) CHECK(hidden != 1);
    return small;
}

}  // namespace

TEST_CASE("public figures: small cells shown as <5, the rest exact, rates and playlist", "[public_figures]") {
    auto& env = TestEnv::get();
    ApiClient admin = env.signed_in("admin");
    ApiClient kiosk = env.signed_in("kiosk");

    auto r = kiosk.get("/api/v1/public/figures");
    REQUIRE(r.status == 200);
    // No sign-in needed (the portal may show them too): the same figures to anyone.
    auto anyone = env.client().get("/api/v1/public/figures");
    REQUIRE(anyone.status == 200);
    CHECK(anyone.body == r.body);
    const json& f = r.body;
    const std::int64_t min = f["disclosure"]["small_cell_min"].get<std::int64_t>();
    CHECK(min == 5);   // the shipped rule (assets/rules/public-disclosure.json)

    // Providers and service points: the truth from the admin's provider list (every field).
    auto providers = admin.get("/api/v1/providers");
    REQUIRE(providers.status == 200);
    std::map<std::string, std::int64_t> by_category, points_by_category, points_by_town;
    std::int64_t provider_total = 0, point_total = 0;
    for (const auto& p : providers.body["items"]) {
        if (p["status"] == "removed") continue;
        ++provider_total;
        for (const auto& c : p["categories"]) {
            ++by_category[c.get<std::string>()];
            points_by_category[c.get<std::string>()] += static_cast<std::int64_t>(p["points"].size());
        }
        for (const auto& pt : p["points"]) {
            ++point_total;
            ++points_by_town[std::to_string(pt["town_id"].get<std::int64_t>())];
        }
    }
    int small = 0;
    small += check_group(f["providers"]["by_category"], by_category, min, "providers by category");
    small += check_group(f["points"]["by_category"], points_by_category, min, "points by category");
    small += check_group(f["points"]["by_town"], points_by_town, min, "points by town");
    CHECK(f["providers"]["total"]["value"] == provider_total);
    CHECK(f["points"]["total"]["value"] == point_total);

    // Elders and this month's orders: the truth from the admin's overview (the same month, unsuppressed).
    auto o = admin.get("/api/v1/overview");
    REQUIRE(o.status == 200);
    std::map<std::string, std::int64_t> towns, categories, channels, types;
    for (const auto& t : o.body["towns"]) towns[std::to_string(t["town_id"].get<std::int64_t>())] = t["active_elders"];
    for (const auto& c : o.body["elders_by_category"]) categories[c["code"]] = c["count"];
    for (const auto& c : o.body["month_orders_by_channel"]) channels[c["code"]] = c["count"];
    for (const auto& c : o.body["month_orders_by_type"]) types[c["code"]] = c["count"];
    small += check_group(f["elders"]["by_town"], towns, min, "elders by town");
    small += check_group(f["elders"]["by_category"], categories, min, "elders by category");
    small += check_group(f["this_month"]["by_channel"], channels, min, "month by channel");
    small += check_group(f["this_month"]["by_type"], types, min, "month by type");
    CHECK(f["elders"]["total"]["value"] == o.body["active_elders"]);
    CHECK(f["elders"]["by_town"].size() == o.body["towns"].size());
    // The tiny city (300 elders, 12 providers) has cells of 1..4: the suppression was really exercised.
    CHECK(small > 0);

    // Rates: the month's indicators, shown only with a percentage, hidden without a number.
    auto k = admin.get("/api/v1/kpis");
    REQUIRE(k.status == 200);
    std::set<std::string> codes;
    for (const auto& rate : f["rates"]) {
        codes.insert(rate["code"].get<std::string>());
        INFO(rate.dump());
        if (rate["shown"] == true) {
            CHECK(rate["text"].get<std::string>().back() == '%');
            CHECK(rate.contains("met"));
        } else {
            CHECK(rate["text"] == "—");
            CHECK_FALSE(rate.contains("met"));
        }
        CHECK_FALSE(rate.contains("num"));
        CHECK_FALSE(rate.contains("den"));
    }
    CHECK(codes == std::set<std::string>{"response_rate", "satisfaction", "emergency_answer_rate"});

    // Public articles: policies, service and subsidy items only.
    for (const auto& a : f["articles"]) {
        const auto kind = a["kind"].get<std::string>();
        CHECK((kind == "policy" || kind == "service_item" || kind == "subsidy_item"));
        CHECK_FALSE(a["title"].get<std::string>().empty());
    }
    // The playlist in force (assets/rules/kiosk-playlist.json unless a test published another).
    CHECK_FALSE(f["playlist"]["panels"].empty());
    CHECK(f["playlist"]["refresh_seconds"].get<int>() >= 5);

    // Cached: the same body again until a write.
    auto again = kiosk.get("/api/v1/public/figures");
    REQUIRE(again.status == 200);
    CHECK(again.body == f);
}

TEST_CASE("kiosk playlist rule: refused with the field named", "[public_figures]") {
    auto& env = TestEnv::get();
    ApiClient admin = env.signed_in("admin");
    auto list = admin.get("/api/v1/rules");
    REQUIRE(list.status == 200);
    const std::string today = list.body["today"].get<std::string>();
    json body = {{"version", "kiosk-test-bad"}, {"panels", json::array({{{"code", "weather"}, {"seconds", 10}}})}};
    json candidate = {{"version", "kiosk-test-bad"}, {"effective_from", today}, {"reason", "测试：未知面板"}, {"body", body}};
    auto r = admin.post("/api/v1/rules/kiosk_playlist", candidate);
    CHECK(r.status == 422);
    CHECK(r.body["error"]["message"].get<std::string>().find("panels[0]") != std::string::npos);
    body["panels"] = json::array({{{"code", "figures"}, {"seconds", 1}}});
    candidate["body"] = body;
    r = admin.post("/api/v1/rules/kiosk_playlist", candidate);
    CHECK(r.status == 422);
    CHECK(r.body["error"]["message"].get<std::string>().find("seconds") != std::string::npos);
}

}  // namespace test_public_figures
