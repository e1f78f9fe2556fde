// Provider evaluation (issue 13, providers): the rule, grading on the exact total (a total exactly on a threshold),
// the weights, the prefill from orders, the supervisor's completion, the key-information check, and each provider
// indicator on hand-built data. Runs natively and as WASM.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/access.hpp"
#include "yiyang/provider_evaluation.hpp"
#include "yiyang/provider_kpi.hpp"
#include "yiyang/rule_registry.hpp"

namespace test_provider_evaluation {

using namespace yiyang;
using namespace yiyang::providers;
using nlohmann::json;

namespace {

EvaluationRule seed_rule() { return test::load_json("assets/rules/provider-evaluation.json").get<EvaluationRule>(); }

LocalSeconds at(int y, int m, int d, int h = 9) { return start_of(Date{y, m, d}) + h * 3600; }

KpiTarget target(const std::string& code, bool percent, std::int64_t tgt) {
    KpiTarget t;
    t.code = code;
    t.name_zh = code;
    t.unit = percent ? "percent" : "count";
    t.comparison = percent ? KpiComparison::Eq : KpiComparison::Ge;
    t.target = percent ? Ratio{100, 100} : Ratio{tgt, 1};
    return t;
}

Provider provider(Id id, std::set<Id> towns = {1}, std::set<ServiceCategory> cats = {ServiceCategory::Cleaning}) {
    Provider p;
    p.id = id;
    p.name = "服务商" + std::to_string(id);
    p.licence_no = "91442000X";
    p.contact_phone = "0760-88885252";
    p.categories = std::move(cats);
    p.towns_covered = std::move(towns);
    ServicePoint s;
    s.id = id * 10;
    s.provider_id = id;
    s.name = "网点" + std::to_string(id);
    s.location = {22517000, 113392000};
    p.points.push_back(s);
    return p;
}

}  // namespace

TEST_CASE("provider evaluation: the seed rule and its registry kind", "[providers]") {
    const auto r = seed_rule();
    std::int64_t sum = 0;
    for (const auto& [d, p] : r.max_points) sum += p;
    CHECK(sum == 100);
    CHECK(r.max_points.at(Dimension::Performance) == 30);
    CHECK(r.grades.size() == 4);
    // The struct's defaults (the demo loader's, before rules are stored) are the seed's values.
    json defaults = EvaluationRule{};
    json seeded = r;
    defaults.erase("version");
    seeded.erase("version");
    CHECK(defaults == seeded);
    const RuleKind* k = find_rule_kind("provider_evaluation");
    REQUIRE(k);
    CHECK(k->seed_file == "provider-evaluation.json");
    CHECK(k->canonical(k->parse(test::load_json("assets/rules/provider-evaluation.json")))["max_points"]["qualification"] == 20);
    // Weights that do not sum to 100 are refused, naming the field.
    json bad = test::load_json("assets/rules/provider-evaluation.json");
    bad["max_points"]["qualification"] = 25;
    CHECK_THROWS_WITH(bad.get<EvaluationRule>(), Catch::Contains("max_points"));
    bad = test::load_json("assets/rules/provider-evaluation.json");
    bad["grades"][1]["min_points"] = 95;   // not descending
    CHECK_THROWS_WITH(bad.get<EvaluationRule>(), Catch::Contains("grades[1].min_points"));
    bad = test::load_json("assets/rules/provider-evaluation.json");
    bad["interval"] = "(min, next_min]";
    CHECK_THROWS_WITH(bad.get<EvaluationRule>(), Catch::Contains("interval"));
    bad = test::load_json("assets/rules/provider-evaluation.json");
    bad["required_service_items"] = json::array({"cleaning", "flying"});
    CHECK_THROWS_WITH(bad.get<EvaluationRule>(), Catch::Contains("required_service_items"));
}

TEST_CASE("provider evaluation: grades on the exact total, half-open intervals", "[providers]") {
    const auto r = seed_rule();
    CHECK(grade_of(Ratio{90, 1}, r) == Grade::Excellent);          // exactly on the threshold: the higher grade
    CHECK(grade_of(Ratio{8999, 100}, r) == Grade::Good);           // 89.99
    CHECK(grade_of(Ratio{179999, 2000}, r) == Grade::Good);        // 89.9995 would be shown "90.0" but is 良
    CHECK(points_text(Ratio{179999, 2000}, r) == "90.0");
    CHECK(grade_of(Ratio{75, 1}, r) == Grade::Good);
    CHECK(grade_of(Ratio{149, 2}, r) == Grade::Fair);              // 74.5
    CHECK(grade_of(Ratio{60, 1}, r) == Grade::Fair);
    CHECK(grade_of(Ratio{5999, 100}, r) == Grade::Poor);
    CHECK(grade_of(Ratio{0, 1}, r) == Grade::Poor);
    CHECK(points_text(Ratio{175, 2}, r) == "87.5");
    CHECK(add(Ratio{1, 3}, Ratio{1, 6}) == Ratio{1, 2});
}

TEST_CASE("provider evaluation: prefill from the orders of the window, the weights", "[providers]") {
    const auto r = seed_rule();
    const auto w = evaluation_window(Date{2026, 11, 15}, r);
    CHECK(w.first == Date{2026, 8, 1});
    CHECK(w.last == Date{2026, 10, 31});
    CHECK(evaluation_window(Date{2026, 2, 3}, r).first == Date{2025, 11, 1});
    std::vector<EvalOrder> orders;
    // 4 dispatched in the window: 3 accepted and completed (2 within 48 h), 1 escalated (never accepted).
    orders.push_back({1, "A1", OrderStatus::Closed, at(2026, 8, 2), at(2026, 8, 2), at(2026, 8, 3), at(2026, 8, 4), 1});
    orders.push_back({2, "A2", OrderStatus::Closed, at(2026, 9, 2), at(2026, 9, 2), at(2026, 9, 10), at(2026, 9, 11), 5});
    orders.push_back({3, "A3", OrderStatus::Completed, at(2026, 10, 2), at(2026, 10, 2), at(2026, 10, 3), std::nullopt, std::nullopt});
    orders.push_back({4, "A4", OrderStatus::Escalated, at(2026, 10, 5), at(2026, 10, 5), std::nullopt, std::nullopt, std::nullopt});
    // Outside the window: not read.
    orders.push_back({5, "A5", OrderStatus::Closed, at(2026, 11, 2), at(2026, 11, 2), at(2026, 11, 2), at(2026, 11, 3), 5});
    orders.push_back({6, "A6", OrderStatus::Cancelled, at(2026, 9, 2), at(2026, 9, 2), std::nullopt, std::nullopt, std::nullopt});
    std::vector<EvalComplaint> complaints = {{100, "T1", at(2026, 9, 20), true}, {101, "T2", at(2026, 9, 21), false}};
    const auto pre = prefill(orders, complaints, w, r);
    const auto* perf = pre.find(Dimension::Performance);
    REQUIRE(perf);
    REQUIRE(perf->points);
    // 15 × 3/4 + 15 × 2/3 − 3 × 1 = 11.25 + 10 − 3 = 18.25
    CHECK(*perf->points == Ratio{73, 4});
    CHECK(perf->order_ids == std::vector<Id>{1, 2, 3, 4, 100});
    const auto* act = pre.find(Dimension::Activity);
    REQUIRE(act->points);
    CHECK(*act->points == Ratio{15 * 4, 30});   // 4 orders of 30 for full points
    const auto* sat = pre.find(Dimension::Satisfaction);
    REQUIRE(sat->points);
    CHECK(*sat->points == Ratio{10, 1});        // 1 satisfied of 2 answered × 20
    // No orders at all: performance and satisfaction have no prefill, activity 0.
    const auto empty = prefill({}, {}, w, r);
    CHECK_FALSE(empty.find(Dimension::Performance)->points);
    CHECK_FALSE(empty.find(Dimension::Satisfaction)->points);
    CHECK(*empty.find(Dimension::Activity)->points == Ratio{0, 1});
}

TEST_CASE("provider evaluation: the supervisor completes it; a change of a prefill needs a reason", "[providers]") {
    const auto r = seed_rule();
    const auto w = evaluation_window(Date{2026, 11, 15}, r);
    const auto pre = prefill({}, {}, w, r);
    EvaluationInput in;
    in.day = Date{2026, 11, 15};
    Evaluation ev;
    auto e = complete_evaluation(in, pre, r, ev);
    // qualification, reputation, performance and satisfaction have nothing to prefill from: each must be entered.
    REQUIRE(e.size() == 4);
    CHECK(e[0].field == "scores.qualification");
    in.scores[Dimension::Qualification].tenths = 200;
    in.scores[Dimension::Reputation].tenths = 150;
    in.scores[Dimension::Performance].tenths = 300;
    in.scores[Dimension::Satisfaction].tenths = 200;
    in.scores[Dimension::Activity].tenths = 50;   // changes the prefilled 0 without a reason
    e = complete_evaluation(in, pre, r, ev);
    REQUIRE(e.size() == 1);
    CHECK(e[0].field == "scores.activity");
    CHECK(e[0].code == "reason_required");
    in.scores[Dimension::Activity].reason = "展厅交流活动中接单";
    e = complete_evaluation(in, pre, r, ev);
    REQUIRE(e.empty());
    CHECK(ev.total == Ratio{90, 1});            // 20 + 15 + 30 + 5 + 20: exactly on 优
    CHECK(ev.grade == Grade::Excellent);
    CHECK(ev.scores[3].changed);
    in.scores[Dimension::Activity].tenths = 49;
    e = complete_evaluation(in, pre, r, ev);
    REQUIRE(e.empty());
    CHECK(ev.total == Ratio{899, 10});
    CHECK(ev.grade == Grade::Good);
    in.scores[Dimension::Qualification].tenths = 201;   // above the weight
    CHECK(complete_evaluation(in, pre, r, ev).at(0).code == "range");
    // The request's shape.
    EvaluationInput parsed;
    auto pe = evaluation_from_json(json{{"day", "2026-11-31"}, {"scores", {{"quality", {{"tenths", 1}}}}}, {"x", 1}}, parsed);
    REQUIRE(pe.size() == 3);
}

TEST_CASE("provider evaluation: the key-information check lists what is missing", "[providers]") {
    Provider p = provider(7);
    CHECK(check_key_information(p, Date{2027, 1, 1}, Date{2026, 12, 6}).empty());
    CHECK(missing_text({}) == "完整");
    p.contact_phone.clear();
    p.points[0].location = {};
    p.categories.clear();
    const auto m = check_key_information(p, Date{2026, 5, 1}, Date{2026, 12, 6});
    REQUIRE(m.size() == 4);
    CHECK(m[0].code == "licence_expired");
    CHECK(m[0].text_zh == "资质已过期（2026-05-01）");
    CHECK(m[1].code == "contact_phone");
    CHECK(m[2].code == "coordinates");
    CHECK(m[3].code == "service_list");
    CHECK(check_key_information(p, std::nullopt, Date{2026, 12, 6})[0].code == "licence_expiry");
}

TEST_CASE("provider evaluation: when a warning may be lifted (解除预警)", "[providers]") {
    LiftBasis b;
    b.status = ProviderStatus::Active;
    CHECK(lift_refusal(b).find("不在预警中") != std::string::npos);
    b.status = ProviderStatus::Removed;
    CHECK(lift_refusal(b).find("已清退") != std::string::npos);
    b.status = ProviderStatus::Warned;
    CHECK(lift_refusal(b).find("尚无评价") != std::string::npos);          // warned as registered, never evaluated
    b.latest_grade = Grade::Poor;
    b.latest_day = Date{2026, 11, 1};
    b.warned_on = Date{2026, 11, 1};
    CHECK(lift_refusal(b).find("仍为“差”") != std::string::npos);
    b.latest_grade = Grade::Fair;                                          // 中 on the 差's own day cannot happen, but
    CHECK(lift_refusal(b).find("不晚于") != std::string::npos);           // an evaluation not after it is no basis
    b.latest_day = Date{2026, 11, 20};
    CHECK(lift_refusal(b).empty());                                        // 中 or better, later: it may be lifted
    b.warned_on.reset();                                                   // warned as registered, evaluated since
    CHECK(lift_refusal(b).empty());
    CHECK(status_after(PoorAction::Lift) == ProviderStatus::Active);
    CHECK(std::string(code(PoorAction::Lift)) == "lift");
    CHECK(parse_poor_action("lift") == PoorAction::Lift);
    CHECK(std::string(label_zh(PoorAction::Lift)) == "解除预警");
}

TEST_CASE("provider indicators on hand-built data", "[providers]") {
    const auto r = seed_rule();
    ProviderKpiInput in;
    for (Id id = 1; id <= 4; ++id) in.providers.push_back({provider(id), id % 2 ? Platform::Mzt : Platform::SmartCare});
    in.providers[0].provider.published_on_miniprogram = true;
    in.providers[1].provider.published_on_miniprogram = true;
    in.providers[1].provider.contact_phone.clear();       // published but incomplete
    in.providers[2].provider.radiates_to_points = true;
    in.providers[3].provider.status = ProviderStatus::Removed;   // registered removed: not on the platform
    in.towns = {1, 2};
    const Date first{2026, 2, 1}, last{2027, 1, 31}, today{2026, 12, 6};

    SECTION("evaluations and the warn/remove rate of 差") {
        in.evaluations = {{1, 1, Date{2026, 10, 1}, Grade::Poor}, {2, 1, Date{2026, 11, 1}, Grade::Poor},
                          {3, 2, Date{2026, 11, 2}, Grade::Poor}, {4, 3, Date{2026, 11, 3}, Grade::Good},
                          {5, 3, Date{2025, 11, 3}, Grade::Poor}};
        CHECK(compute_provider_kpi(target("provider_evaluations", false, 50), in, first, last, today, r).value ==
              Ratio{3, 1});
        auto rate = compute_provider_kpi(target("poor_provider_warn_remove_rate", true, 0), in, first, last, today, r);
        CHECK(rate.value == Ratio{0, 2});
        CHECK_FALSE(rate.met);
        // Warned before its latest 差: does not count for it; warned after: counts.
        in.actions = {{1, 1, Date{2026, 10, 5}, PoorAction::Warn}};
        CHECK(compute_provider_kpi(target("poor_provider_warn_remove_rate", true, 0), in, first, last, today, r).value ==
              Ratio{0, 2});
        in.actions.push_back({2, 1, Date{2026, 11, 2}, PoorAction::Warn});
        in.actions.push_back({3, 2, Date{2026, 11, 4}, PoorAction::Remove});
        rate = compute_provider_kpi(target("poor_provider_warn_remove_rate", true, 0), in, first, last, today, r);
        CHECK(rate.value == Ratio{2, 2});
        CHECK(rate.met);
        CHECK(rate.numerator_ids == std::vector<Id>{1, 2});
        // The removal took provider 2 off the platform from its day on.
        CHECK(compute_provider_kpi(target("platform_providers", false, 200), in, first, last, today, r).value == Ratio{2, 1});
        CHECK(compute_provider_kpi(target("platform_providers", false, 200), in, first, Date{2026, 11, 3}, today, r).value ==
              Ratio{3, 1});
    }
    SECTION("active providers: each month of the window") {
        // Window judged on 2026-12-06 for the project year: September, October, November.
        CHECK(active_window(last, today, r) == std::vector<std::string>{"2026-09", "2026-10", "2026-11"});
        CHECK(active_window(Date{2026, 10, 15}, today, r) == std::vector<std::string>{"2026-07", "2026-08", "2026-09"});
        in.monthly_orders[1] = {{"2026-09", 5}, {"2026-10", 5}, {"2026-11", 9}};
        in.monthly_orders[2] = {{"2026-09", 50}, {"2026-10", 4}, {"2026-11", 50}};   // one month short
        in.monthly_orders[4] = {{"2026-09", 9}, {"2026-10", 9}, {"2026-11", 9}};     // removed
        const auto a = compute_provider_kpi(target("active_providers", false, 10), in, first, last, today, r);
        CHECK(a.numerator_ids == std::vector<Id>{1});
    }
    SECTION("disclosure, radiating, key checks, service items online") {
        auto d = compute_provider_kpi(target("miniprogram_disclosure_rate", true, 0), in, first, last, today, r);
        CHECK(d.value == Ratio{1, 3});
        CHECK(d.numerator_ids == std::vector<Id>{1});
        CHECK(compute_provider_kpi(target("providers_radiating_to_points", false, 5), in, first, last, today, r)
                  .numerator_ids == std::vector<Id>{3});
        in.key_checks = {{1, 1, Date{2026, 3, 1}}, {2, 1, Date{2026, 4, 1}}, {3, 2, Date{2026, 1, 1}}};
        CHECK(compute_provider_kpi(target("key_information_checks", false, 80), in, first, last, today, r).value ==
              Ratio{1, 1});
        // Town 1: every required item offered by provider 1 → online; town 2: none.
        in.providers[0].provider.categories.clear();
        for (auto c : r.required_service_items) in.providers[0].provider.categories.insert(c);
        auto s = compute_provider_kpi(target("service_item_online_rate", true, 0), in, first, last, today, r);
        CHECK(s.value == Ratio{1, 2});
        CHECK(s.numerator_ids == std::vector<Id>{1});
        CHECK(missing_items_of_town(2, in, last, r).size() == r.required_service_items.size());
        // A warned provider is not "online" for the items.
        in.actions = {{9, 1, Date{2026, 6, 1}, PoorAction::Warn}};
        CHECK(compute_provider_kpi(target("service_item_online_rate", true, 0), in, first, last, today, r).value ==
              Ratio{0, 2});
        // Its warning lifted (解除预警): online again from the lift's day on, not before.
        in.actions.push_back({10, 1, Date{2026, 8, 1}, PoorAction::Lift});
        CHECK(compute_provider_kpi(target("service_item_online_rate", true, 0), in, first, last, today, r).value ==
              Ratio{1, 2});
        CHECK(compute_provider_kpi(target("service_item_online_rate", true, 0), in, first, Date{2026, 7, 31}, today, r)
                  .value == Ratio{0, 2});
        CHECK(status_on(in.providers[0], in.actions, Date{2026, 7, 31}) == ProviderStatus::Warned);
        CHECK(status_on(in.providers[0], in.actions, Date{2026, 8, 1}) == ProviderStatus::Active);
    }
    SECTION("a lift is not a warning for the warn/remove rate") {
        in.evaluations = {{1, 1, Date{2026, 11, 1}, Grade::Poor}};
        in.actions = {{1, 1, Date{2026, 11, 2}, PoorAction::Lift}};
        CHECK(compute_provider_kpi(target("poor_provider_warn_remove_rate", true, 0), in, first, last, today, r).value ==
              Ratio{0, 1});
        in.actions.insert(in.actions.begin(), {2, 1, Date{2026, 11, 2}, PoorAction::Warn});
        CHECK(compute_provider_kpi(target("poor_provider_warn_remove_rate", true, 0), in, first, last, today, r).value ==
              Ratio{1, 1});
    }
    CHECK(is_provider_kpi("key_information_checks"));
    // Who evaluates: the dispatch centre's supervisors only; the desk and the leader read.
    CHECK(roles_with(Permission::SuperviseProviders).codes() == "supervisor");
    CHECK(roles_with(Permission::ReadProviderSupervision).codes() == "admin, supervisor, agent, leader");
    CHECK_FALSE(is_provider_kpi("response_rate"));
}

}  // namespace test_provider_evaluation
