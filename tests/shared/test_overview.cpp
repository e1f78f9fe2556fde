// Tests for the home screen's figures (yiyang/overview.hpp): totals, town order and shares, open orders,
// and the wire format with codes, Chinese labels and every enum value in enum order.
#include <catch2/catch.hpp>

#include "yiyang/overview.hpp"

namespace test_overview {

using namespace yiyang;
using nlohmann::json;

namespace {

OverviewInputs sample_inputs() {
    OverviewInputs in;
    in.month = Period{PeriodKind::Month, 2026, 11};
    in.town_names = {{1, "石岐街道"}, {2, "东区街道"}, {3, "西区街道"}, {4, "五桂山街道"}};
    in.active_elders_by_town = {{1, 100}, {2, 1000}, {3, 200}};   // town 4 has none yet
    in.active_elders_by_category = {{ElderCategory::EmptyNest, 390}, {ElderCategory::Subsistence, 65}};
    in.elders_by_status = {{ElderStatus::Active, 1300}, {ElderStatus::Deceased, 20}, {ElderStatus::Removed, 5}};
    in.providers_by_status = {{ProviderStatus::Active, 50}, {ProviderStatus::Removed, 2}};
    in.month_orders_by_status = {{OrderStatus::Closed, 300},       {OrderStatus::AnsweredOnSpot, 400},
                                 {OrderStatus::Cancelled, 10},     {OrderStatus::Dispatched, 7},
                                 {OrderStatus::InService, 3},      {OrderStatus::CalledBack, 2}};
    in.month_orders_by_channel = {{Channel::Hotline, 600}, {Channel::Referral12345, 122}};
    in.month_orders_by_type = {{OrderType::Consultation, 500}, {OrderType::Emergency, 22}, {OrderType::Booking, 200}};
    return in;
}

}  // namespace

TEST_CASE("totals, towns by active elders then id, shares of the active total", "[overview]") {
    const Overview o = build_overview(sample_inputs());
    CHECK(o.month == Period{PeriodKind::Month, 2026, 11});
    CHECK(o.active_elders == 1300);
    CHECK(o.all_elders == 1325);
    REQUIRE(o.towns.size() == 4);
    CHECK(o.towns[0].town_id == 2);
    CHECK(o.towns[0].name == "东区街道");
    CHECK(o.towns[0].active_elders == 1000);
    CHECK(o.towns[0].share == Ratio{1000, 1300});
    CHECK(o.towns[0].share.percent_text() == "76.92%");
    CHECK(o.towns[1].town_id == 3);
    CHECK(o.towns[2].town_id == 1);
    CHECK(o.towns[2].share.percent_text() == "7.69%");
    CHECK(o.towns[3].town_id == 4);   // every town has a row, even with nobody
    CHECK(o.towns[3].active_elders == 0);
    CHECK(o.towns[3].share.percent_text() == "0.00%");

    // Ties go by town id.
    OverviewInputs tie = sample_inputs();
    tie.active_elders_by_town = {{3, 50}, {1, 50}, {2, 50}, {4, 50}};
    const Overview t = build_overview(tie);
    CHECK(t.towns[0].town_id == 1);
    CHECK(t.towns[3].town_id == 4);
    CHECK(t.towns[0].share.percent_text() == "25.00%");
}

TEST_CASE("orders this month: total and open", "[overview]") {
    const Overview o = build_overview(sample_inputs());
    CHECK(o.month_orders == 722);
    CHECK(o.month_orders_open == 12);   // dispatched 7 + in service 3 + called back 2
    CHECK(o.month_orders_by_status.at(OrderStatus::Received) == 0);
    CHECK(o.month_orders_by_channel.at(Channel::Hotline) == 600);
    CHECK(o.month_orders_by_type.at(OrderType::Emergency) == 22);
    CHECK(o.providers_by_status.at(ProviderStatus::Warned) == 0);
    CHECK(o.elders_by_category.size() == all_ElderCategorys().size());
}

TEST_CASE("no data at all: zero counts and undefined shares", "[overview]") {
    OverviewInputs in;
    in.month = Period{PeriodKind::Month, 2026, 1};
    in.town_names = {{1, "石岐街道"}};
    const Overview o = build_overview(in);
    CHECK(o.active_elders == 0);
    CHECK(o.month_orders == 0);
    REQUIRE(o.towns.size() == 1);
    CHECK_FALSE(o.towns[0].share.defined());
    const json j = o;
    CHECK(j["towns"][0]["share"] == json{{"num", 0}, {"den", 0}, {"text", "—"}});
}

TEST_CASE("wire format: codes, labels, arrays in enum order", "[overview]") {
    const json j = build_overview(sample_inputs());
    CHECK(j["month"] == json{{"code", "2026-11"}, {"label", "2026年11月"}});
    CHECK(j["active_elders"] == 1300);
    CHECK(j["all_elders"] == 1325);
    CHECK(j["towns"][0] ==
          json{{"town_id", 2}, {"name", "东区街道"}, {"active_elders", 1000},
               {"share", {{"num", 1000}, {"den", 1300}, {"text", "76.92%"}}}});

    const json& cats = j["elders_by_category"];
    REQUIRE(cats.size() == 9);
    CHECK(cats[0] == json{{"code", "subsistence"}, {"label", "低保"}, {"count", 65}});
    CHECK(cats[1] == json{{"code", "extreme_poverty"}, {"label", "特困"}, {"count", 0}});
    CHECK(cats[4] == json{{"code", "empty_nest"}, {"label", "空巢"}, {"count", 390}});
    CHECK(cats[8]["code"] == "advanced_age");

    CHECK(j["elders_by_status"].size() == 4);
    CHECK(j["elders_by_status"][3] == json{{"code", "deceased"}, {"label", "死亡"}, {"count", 20}});
    CHECK(j["providers_by_status"].size() == 3);
    CHECK(j["providers_by_status"][1]["label"] == "预警");
    CHECK(j["month_orders"] == 722);
    CHECK(j["month_orders_open"] == 12);
    CHECK(j["month_orders_by_status"].size() == all_OrderStatuss().size());
    CHECK(j["month_orders_by_status"][8] == json{{"code", "closed"}, {"label", "已办结"}, {"count", 300}});
    CHECK(j["month_orders_by_channel"].size() == 5);
    CHECK(j["month_orders_by_channel"][1] == json{{"code", "referral_12345"}, {"label", "12345转介"}, {"count", 122}});
    CHECK(j["month_orders_by_type"].size() == 7);
    CHECK(j["month_orders_by_type"][6] == json{{"code", "emergency"}, {"label", "紧急求助"}, {"count", 22}});
}

}  // namespace test_overview
