// Tests for dispatch ranking (yiyang/dispatch.hpp): the ranking order and its integer score parts, exclusions
// with Chinese reasons after the eligible ones, ties by provider id, input-order independence, and weights as data.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "yiyang/dispatch.hpp"

namespace test_dispatch {

using namespace yiyang;
using nlohmann::json;
using yiyang::test::load_json;

namespace {

constexpr Id kTown = 3;
const GeoPoint kHome{22500000, 113400000};
const std::map<Id, std::string> kTowns{{3, "石岐街道"}, {4, "东区街道"}};

GeoPoint north_of_home(std::int32_t micro_degrees) { return GeoPoint{kHome.lat_e6 + micro_degrees, kHome.lon_e6}; }

Provider provider(Id id, std::string name, std::set<ServiceCategory> cats, std::set<Id> towns, int rating,
                  std::vector<std::pair<std::string, GeoPoint>> points = {}) {
    Provider p;
    p.id = id;
    p.name = std::move(name);
    p.categories = std::move(cats);
    p.towns_covered = std::move(towns);
    p.rating_permille = rating;
    Id point_id = id * 10;
    for (auto& [n, where] : points) {
        ServicePoint sp;
        sp.id = ++point_id;
        sp.provider_id = id;
        sp.name = n;
        sp.location = where;
        p.points.push_back(sp);
    }
    return p;
}

WorkOrder meals_and_cleaning() {
    WorkOrder o;
    o.id = 1;
    o.type = OrderType::Booking;
    o.town_id = kTown;
    o.categories = {ServiceCategory::Meals, ServiceCategory::Cleaning};
    return o;
}

std::vector<Provider> city() {
    using C = ServiceCategory;
    std::vector<Provider> ps;
    ps.push_back(provider(5, "颐康居家", {C::Meals, C::Cleaning, C::Bathing}, {3}, 862,
                          {{"远郊站", north_of_home(45000)}, {"悦来站", north_of_home(9000)}}));
    ps.push_back(provider(2, "安居助餐", {C::Meals}, {3, 4}, 900, {{"东门站", north_of_home(18000)}}));
    ps.push_back(provider(9, "预警服务商", {C::Meals, C::Cleaning}, {3}, 990, {{"近站", north_of_home(100)}}));
    ps.back().status = ProviderStatus::Warned;
    ps.push_back(provider(1, "清退服务商", {C::Meals, C::Cleaning}, {4}, 700));
    ps.back().status = ProviderStatus::Removed;
    ps.push_back(provider(4, "助浴专营", {C::Bathing}, {3}, 950, {{"浴站", north_of_home(500)}}));
    ps.push_back(provider(6, "东区家政", {C::Meals, C::Cleaning}, {4}, 950, {{"东区站", north_of_home(300)}}));
    ps.push_back(provider(3, "无网点服务社", {C::Meals, C::Cleaning}, {3}, 1000));
    return ps;
}

const std::map<Id, int> kLoad{{5, 3}, {6, 1}, {3, 0}};

std::vector<Id> ids(const std::vector<Candidate>& cs) {
    std::vector<Id> out;
    for (const auto& c : cs) out.push_back(c.provider_id);
    return out;
}

}  // namespace

TEST_CASE("distances shown in Chinese", "[dispatch]") {
    CHECK(format_distance_zh(0) == "0 米");
    CHECK(format_distance_zh(850) == "850 米");
    CHECK(format_distance_zh(1000) == "1.0 公里");
    CHECK(format_distance_zh(1249) == "1.2 公里");
    CHECK(format_distance_zh(1250) == "1.3 公里");
    CHECK(format_distance_zh(12345) == "12.3 公里");
}

TEST_CASE("ranking: eligible providers by score, with their parts and reasons", "[dispatch]") {
    const DispatchWeights w;   // defaults = the shipped file
    const auto cs = rank_candidates(meals_and_cleaning(), kHome, city(), kLoad, w, kTowns);
    REQUIRE(cs.size() == 7);
    CHECK(ids(cs) == std::vector<Id>{5, 2, 3, 1, 4, 6, 9});

    const Candidate& best = cs[0];
    CHECK(best.eligible);
    CHECK(best.rank == 1);
    CHECK(best.nearest_point_name == "悦来站");   // the nearer of its two points
    REQUIRE(best.nearest_distance_m.has_value());
    const std::int64_t d5 = distance_m(north_of_home(9000), kHome);
    CHECK(*best.nearest_distance_m == d5);
    CHECK(d5 > 995);
    CHECK(d5 < 1005);
    CHECK(best.parts.category == 200);
    CHECK(best.parts.distance == static_cast<int>(300 * (10000 - d5) / 10000));
    CHECK(best.parts.load == -60);
    CHECK(best.parts.rating == 172);
    CHECK(best.score == best.parts.total());
    CHECK(best.reasons_zh == "覆盖石岐街道；类别匹配 2/2；最近网点 1.0 公里（悦来站）；在办 3 单；评分 86.2");

    const Candidate& second = cs[1];
    CHECK(second.rank == 2);
    CHECK(second.matched_categories == 1);
    CHECK(second.missing_categories == std::vector<ServiceCategory>{ServiceCategory::Cleaning});
    CHECK(second.parts.category == 100);
    CHECK(second.parts.load == 0);
    CHECK(second.parts.rating == 180);
    CHECK(second.reasons_zh == "覆盖石岐街道；类别匹配 1/2（缺助洁）；最近网点 2.0 公里（东门站）；在办 0 单；评分 90.0");

    const Candidate& third = cs[2];
    CHECK(third.rank == 3);
    CHECK_FALSE(third.nearest_distance_m.has_value());
    CHECK(third.parts.distance == 0);
    CHECK(third.score == 400);
    CHECK(third.reasons_zh == "覆盖石岐街道；类别匹配 2/2；无服务网点；在办 0 单；评分 100.0");
    CHECK(best.score > second.score);
    CHECK(second.score > third.score);

    const json j = best;
    CHECK(j["score"] == best.score);
    CHECK(j["parts"]["load"] == -60);
    CHECK(j["nearest_point_name"] == "悦来站");
}

TEST_CASE("exclusions: warned, removed, no category, town not covered; listed after, with reasons", "[dispatch]") {
    const auto cs = rank_candidates(meals_and_cleaning(), kHome, city(), kLoad, DispatchWeights{}, kTowns);
    REQUIRE(cs.size() == 7);
    for (std::size_t i = 3; i < cs.size(); ++i) {
        CHECK_FALSE(cs[i].eligible);
        CHECK(cs[i].rank == 0);
        CHECK(cs[i].score == 0);
    }
    CHECK(cs[3].ineligible_reason_zh == "已清退，不再派单；不覆盖石岐街道");
    CHECK(cs[4].ineligible_reason_zh == "不提供助餐、助洁服务");
    CHECK(cs[5].ineligible_reason_zh == "不覆盖石岐街道");
    CHECK(cs[6].ineligible_reason_zh == "预警中，暂停派单");
    CHECK(cs[6].reasons_zh == cs[6].ineligible_reason_zh);
    // The warned provider is the nearest and best rated, and still never ranked.
    CHECK(*cs[6].nearest_distance_m < *cs[0].nearest_distance_m);

    const std::vector<Provider> ps = city();
    CHECK_FALSE(ineligibility_zh(meals_and_cleaning(), ps[0], kTowns).has_value());
    CHECK(ineligibility_zh(meals_and_cleaning(), ps[2]) == std::string("预警中，暂停派单"));
    CHECK(ineligibility_zh(meals_and_cleaning(), ps[5]) == std::string("不覆盖镇街#3"));   // no name known
    // An order that asks for no category: only status and town count.
    WorkOrder any = meals_and_cleaning();
    any.categories.clear();
    CHECK_FALSE(ineligibility_zh(any, ps[4], kTowns).has_value());
}

TEST_CASE("ties are broken by provider id; input order does not matter", "[dispatch]") {
    using C = ServiceCategory;
    std::vector<Provider> ps{
        provider(12, "乙", {C::Meals}, {3}, 800, {{"乙站", north_of_home(9000)}}),
        provider(11, "甲", {C::Meals}, {3}, 800, {{"甲站", north_of_home(9000)}}),
        provider(13, "丙", {C::Meals}, {3}, 800, {{"丙站", north_of_home(9000)}}),
    };
    const auto cs = rank_candidates(meals_and_cleaning(), kHome, ps, {}, DispatchWeights{}, kTowns);
    CHECK(ids(cs) == std::vector<Id>{11, 12, 13});
    CHECK(cs[0].score == cs[1].score);
    CHECK(cs[1].rank == 2);

    std::vector<Provider> shuffled = city();
    std::reverse(shuffled.begin(), shuffled.end());
    std::rotate(shuffled.begin(), shuffled.begin() + 3, shuffled.end());
    const auto a = rank_candidates(meals_and_cleaning(), kHome, city(), kLoad, DispatchWeights{}, kTowns);
    const auto b = rank_candidates(meals_and_cleaning(), kHome, shuffled, kLoad, DispatchWeights{}, kTowns);
    CHECK(json(a) == json(b));
}

TEST_CASE("open load lowers the score, up to its cap", "[dispatch]") {
    using C = ServiceCategory;
    std::vector<Provider> ps{provider(1, "甲", {C::Meals}, {3}, 800, {{"甲站", north_of_home(9000)}}),
                             provider(2, "乙", {C::Meals}, {3}, 800, {{"乙站", north_of_home(9000)}})};
    auto cs = rank_candidates(meals_and_cleaning(), kHome, ps, {{1, 2}}, DispatchWeights{}, kTowns);
    CHECK(ids(cs) == std::vector<Id>{2, 1});   // less busy first
    CHECK(cs[1].parts.load == -40);
    cs = rank_candidates(meals_and_cleaning(), kHome, ps, {{1, 50}}, DispatchWeights{}, kTowns);
    CHECK(cs[1].parts.load == -200);
}

TEST_CASE("weights are data: the shipped file, other weights change the order, errors", "[dispatch]") {
    const DispatchWeights shipped = load_json("assets/rules/dispatch-weights.json").get<DispatchWeights>();
    CHECK(shipped.version == "dispatch-2026-v2");
    CHECK(shipped.accept_within_s == 4 * 3600);
    const DispatchWeights defaults;
    CHECK(json(shipped)["per_category"] == json(defaults)["per_category"]);
    CHECK(shipped.distance_zero_m == defaults.distance_zero_m);
    CHECK(shipped.rating_max_points == defaults.rating_max_points);

    // Rating only: the unnamed-point provider 3 (rating 100.0) wins; categories no longer weigh.
    const DispatchWeights rating_only =
        json::parse(R"({"version": "t", "per_category": 0, "distance_max_points": 0, "load_penalty_per_order": 0})")
            .get<DispatchWeights>();
    auto cs = rank_candidates(meals_and_cleaning(), kHome, city(), kLoad, rating_only, kTowns);
    CHECK(ids(cs) == std::vector<Id>{3, 2, 5, 1, 4, 6, 9});
    CHECK(cs[0].score == 200);
    // Distance heavy: nearest first.
    const DispatchWeights near_first =
        json::parse(R"({"per_category": 0, "distance_max_points": 5000, "rating_max_points": 0})").get<DispatchWeights>();
    cs = rank_candidates(meals_and_cleaning(), kHome, city(), kLoad, near_first, kTowns);
    CHECK(ids(cs) == std::vector<Id>{5, 2, 3, 1, 4, 6, 9});
    CHECK(json(near_first).get<DispatchWeights>().distance_max_points == 5000);

    // Chinese (they reach administrators on 规则管理), with the version and the ASCII-quoted field name.
    CHECK(test::load_error<DispatchWeights>(json{{"version", "x"}, {"per_categories", 1}}) ==
          "派单权重 \"x\"：未知字段 \"per_categories\"（是否拼写错误？）");
    CHECK(test::load_error<DispatchWeights>(json{{"version", "x"}, {"per_category", -1}}) ==
          "派单权重 \"x\"：字段 \"per_category\" 应为 0 到 1000000 之间的整数，实际为 -1");
    CHECK(test::load_error<DispatchWeights>(json{{"rating_max_points", 2.5}}) ==
          "派单权重 \"default\"：字段 \"rating_max_points\" 应为 0 到 1000000 之间的整数，实际为 2.5");
    CHECK(test::load_error<DispatchWeights>(json{{"distance_zero_m", 0}}) ==
          "派单权重 \"default\"：字段 \"distance_zero_m\" 应大于 0，实际为 0");
    CHECK(test::load_error<DispatchWeights>(json{{"version", 3}}) == "派单权重：字段 \"version\" 应为文本，实际为数字");
    CHECK(test::load_error<DispatchWeights>(json{{"version", "x"}, {"comment", json::array()}}) ==
          "派单权重 \"x\"：字段 \"comment\" 应为文本，实际为列表");
    CHECK(test::load_error<DispatchWeights>(json::array()) == "派单权重：规则内容应为 JSON 对象，实际为列表");
}

TEST_CASE("an order nobody accepts within the window is due for escalation", "[dispatch]") {
    DispatchWeights w;
    w.accept_within_s = 4 * 3600;
    WorkOrder o;
    o.id = 9;
    o.status = OrderStatus::Dispatched;
    const LocalSeconds at = start_of(Date{2026, 12, 4}) + 9 * 3600;
    o.dispatched_at = at;
    CHECK_FALSE(acceptance_overdue(o, at, w));
    CHECK_FALSE(acceptance_overdue(o, at + 4 * 3600 - 1, w));
    CHECK(acceptance_overdue(o, at + 4 * 3600, w));
    // Accepted, declined back to the queue, or already escalated: nothing to escalate.
    for (auto st : {OrderStatus::Accepted, OrderStatus::Received, OrderStatus::Escalated, OrderStatus::Closed}) {
        o.status = st;
        CHECK_FALSE(acceptance_overdue(o, at + 10 * 3600, w));
    }
    // The window is data; a file may shorten it but not below a minute.
    const auto shorter = json::parse(R"({"version":"t","accept_within_seconds":1800})").get<DispatchWeights>();
    o.status = OrderStatus::Dispatched;
    CHECK(acceptance_overdue(o, at + 1800, shorter));
    CHECK_THROWS_WITH(json::parse(R"({"version":"t","accept_within_seconds":5})").get<DispatchWeights>(),
                      "派单权重 \"t\"：字段 \"accept_within_seconds\" 应不少于 60（秒），实际为 5");
    CHECK_THROWS_WITH(json::parse(R"({"version":"t","effective_from":"2026-13-01"})").get<DispatchWeights>(),
                      "派单权重 \"t\"：字段 \"effective_from\" 应为 YYYY-MM-DD 格式的真实日期，实际为 \"2026-13-01\"");
}

}  // namespace test_dispatch
