// Tests for SLA compliance per rule (yiyang/sla_kpi.hpp): codes, which clocks are decided, exact met / not-met
// against the target, and the drill-down lists — on clocks computed by the real compute_clock.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/sla_kpi.hpp"

namespace test_sla_kpi {

using namespace yiyang;

namespace {

KpiTarget sla_target(const char* code, std::int64_t percent) {
    KpiTarget t;
    t.code = code;
    t.name_zh = "回访按时率";
    t.comparison = KpiComparison::Ge;
    t.target = Ratio{percent, 100};
    t.unit = "percent";
    t.period = "month";
    return t;
}

SlaRule wall_rule(const char* code, std::int64_t seconds) {
    SlaRule r;
    r.code = code;
    r.name_zh = code;
    r.kind = SlaTargetKind::Elapsed;
    r.target_seconds = seconds;
    r.counting = SlaCounting::Wall;
    return r;
}

OrderClocks order_with(Id id, std::vector<SlaClock> clocks) {
    OrderClocks oc;
    oc.order.id = id;
    oc.clocks = std::move(clocks);
    return oc;
}

}  // namespace

TEST_CASE("SLA indicator codes name their rule", "[sla_kpi]") {
    CHECK(is_sla_kpi("sla_callback_24h"));
    CHECK(sla_kpi_rule("sla_callback_24h") == "callback_24h");
    CHECK_FALSE(is_sla_kpi("sla_"));
    CHECK_FALSE(is_sla_kpi("satisfaction"));
    CHECK(sla_kpi_rule("satisfaction").empty());
    CHECK_THROWS_AS(compute_sla_kpi(sla_target("satisfaction", 100), {}), std::invalid_argument);
}

TEST_CASE("SLA compliance counts decided clocks of its rule only", "[sla_kpi]") {
    const WorkCalendar calendar;   // wall counting does not consult it
    const SlaRule cb = wall_rule("callback_24h", 86400);
    const SlaRule rv = wall_rule("review_24h", 86400);
    const LocalSeconds t0 = 1'000'000;
    const LocalSeconds now = t0 + 3 * 86400;
    std::vector<OrderClocks> orders = {
        order_with(5, {compute_clock(cb, calendar, t0, {}, t0 + 3600, now)}),              // met
        order_with(3, {compute_clock(cb, calendar, t0, {}, t0 + 90000, now)}),             // stopped late
        order_with(9, {compute_clock(cb, calendar, t0, {}, std::nullopt, now)}),           // running, overdue
        order_with(7, {compute_clock(cb, calendar, now - 60, {}, std::nullopt, now)}),     // running, not due
        order_with(8, {compute_clock(rv, calendar, t0, {}, t0 + 60, now)}),                // another rule
        order_with(4, {}),                                                                 // no clock
    };
    REQUIRE(orders[0].clocks[0].state == SlaState::Met);
    REQUIRE(orders[1].clocks[0].state == SlaState::Breached);
    REQUIRE(orders[2].clocks[0].state == SlaState::Breached);
    REQUIRE(orders[3].clocks[0].state == SlaState::Running);

    const KpiResult r = compute_sla_kpi(sla_target("sla_callback_24h", 100), orders);
    CHECK(r.code == "sla_callback_24h");
    CHECK(r.value.num == 1);
    CHECK(r.value.den == 3);
    CHECK(r.display == "33.33%");
    CHECK_FALSE(r.met);
    CHECK(r.numerator_ids == std::vector<Id>{5});
    CHECK(r.denominator_ids == std::vector<Id>{3, 5, 9});

    // Only met clocks: 100 % meets a "≥ 100%" target exactly.
    const KpiResult all_met = compute_sla_kpi(sla_target("sla_review_24h", 100), orders);
    CHECK(all_met.value.num == 1);
    CHECK(all_met.value.den == 1);
    CHECK(all_met.met);
}

TEST_CASE("SLA compliance without decided clocks is no data, never met", "[sla_kpi]") {
    const KpiResult r = compute_sla_kpi(sla_target("sla_emergency_30s", 0), {});
    CHECK_FALSE(r.value.defined());
    CHECK(r.display == "—");
    CHECK_FALSE(r.met);
}

TEST_CASE("every shipped SLA indicator names a shipped SLA rule", "[sla_kpi]") {
    const auto targets = yiyang::test::load_json("assets/rules/kpi-targets.json").get<KpiTargetSet>();
    const auto rules = yiyang::test::load_json("assets/rules/sla-rules.json").get<SlaRuleSet>();
    int count = 0;
    for (const auto& t : targets.items) {
        if (!is_sla_kpi(t.code)) continue;
        ++count;
        INFO(t.code);
        CHECK(rules.find(sla_kpi_rule(t.code)) != nullptr);
        CHECK(t.source == KpiSource::Records);
        CHECK(t.is_percent());
    }
    CHECK(count >= 4);
}

}  // namespace test_sla_kpi
