// Tests for the demo telephony (yiyang/demo_calls.hpp): which orders bring calls, their times against the
// order's own, determinism, and the call indicators they give a demo city (computed by shared/kpi).
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include "support.hpp"
#include "yiyang/demo_calls.hpp"
#include "yiyang/demo_city.hpp"
#include "yiyang/kpi.hpp"

namespace test_demo_calls {

using namespace yiyang;

namespace {

const Date kToday{2026, 11, 23};
const LocalSeconds kNow = start_of(kToday) + 9 * 3600 + 30 * 60;

struct Orders : DemoSink {
    std::map<Id, std::string> phones;
    std::vector<WorkOrder> orders;
    void town(const Town&) override {}
    void provider(const Provider&) override {}
    void elder(const Elder& e) override { phones[e.id] = e.phone; }
    void work_order(const WorkOrder& o) override { orders.push_back(o); }
    void service_record(const ServiceRecord&) override {}
};

const Orders& demo_orders() {
    static const Orders city = [] {
        Orders c;
        generate_demo_city(7, *demo_scale("demo"), kNow, c);
        return c;
    }();
    return city;
}

std::string phone_of(const Orders& c, const WorkOrder& o) {
    if (!o.elder_id) return "";
    auto it = c.phones.find(*o.elder_id);
    return it == c.phones.end() ? "" : it->second;
}

}  // namespace

TEST_CASE("demo calls: hotline orders come with the call that registered them, callbacks follow completion",
          "[demo_calls]") {
    const auto& c = demo_orders();
    std::size_t hotline = 0, other = 0, callbacks = 0, retries = 0;
    for (const auto& o : c.orders) {
        const auto calls = demo_calls_for(7, o, phone_of(c, o), kNow);
        const bool inbound = o.channel == Channel::Hotline || o.type == OrderType::Emergency;
        std::size_t in = 0, out = 0;
        for (const auto& dc : calls) {
            const CallRecord& r = dc.record;
            CHECK(dc.order_id == o.id);
            CHECK(r.start < kNow);
            CHECK(r.end >= r.start);
            CHECK(r.end < kNow);
            if (r.disposition == CallDisposition::Answered) {
                REQUIRE(r.answer);
                CHECK(*r.answer >= r.start);
                CHECK(r.end >= *r.answer);
                CHECK(r.agent.size() == 7);
                CHECK(r.agent.rfind("agent0", 0) == 0);
            } else {
                CHECK(!r.answer);
                CHECK(r.agent.empty());
            }
            if (r.direction == CallDirection::Inbound) {
                ++in;
                CHECK(r.callee == "88885252");
                CHECK(r.start < o.created_at);   // the order was registered during the call
                // the elder's phone; elders registered without one (and town-level calls) get a made-up mobile
                const std::string ph = phone_of(c, o);
                if (!ph.empty()) CHECK(r.caller == ph);
                else CHECK((r.caller.size() == 11 && r.caller.rfind("13", 0) == 0));
            } else {
                ++out;
                CHECK(r.caller == "88885252");
                REQUIRE(o.completed_at);
                CHECK(r.start > *o.completed_at);
                if (o.closed_at) CHECK(r.start < *o.closed_at);
                CHECK(r.disposition == CallDisposition::Answered);
            }
        }
        if (inbound) {
            ++hotline;
            REQUIRE(in >= 1);
            REQUIRE(in <= 2);
            // the last inbound call is the answered one; a first one, if any, was not answered
            CHECK(calls[in - 1].record.disposition == CallDisposition::Answered);
            if (in == 2) {
                ++retries;
                CHECK(calls[0].record.disposition == CallDisposition::NoAnswer);
                CHECK(calls[0].record.start < calls[1].record.start);
            }
        } else {
            ++other;
            CHECK(in == 0);
        }
        if (out) ++callbacks;
        CHECK(out <= 1);
        if (o.satisfaction && o.completed_at && out == 0) {
            // only a callback that would fall after `now` is left out
            CHECK(*o.completed_at > kNow - 21 * 3600);
        }
        if (!o.satisfaction) CHECK(out == 0);
    }
    CHECK(hotline > 1000);
    CHECK(other > 1000);
    CHECK(callbacks > 1000);
    CHECK(retries > 0);
    CHECK(retries < hotline / 10);
}

TEST_CASE("demo calls are deterministic per order, whatever the order of asking", "[demo_calls]") {
    const auto& c = demo_orders();
    const auto& a = c.orders.at(10);
    const auto& b = c.orders.at(500);
    const auto a1 = demo_calls_for(7, a, phone_of(c, a), kNow);
    const auto b1 = demo_calls_for(7, b, phone_of(c, b), kNow);
    const auto b2 = demo_calls_for(7, b, phone_of(c, b), kNow);
    const auto a2 = demo_calls_for(7, a, phone_of(c, a), kNow);
    auto same = [](const std::vector<DemoCall>& x, const std::vector<DemoCall>& y) {
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i) {
            const auto& p = x[i].record;
            const auto& q = y[i].record;
            if (p.call_id != q.call_id || p.start != q.start || p.answer != q.answer || p.end != q.end ||
                p.agent != q.agent || p.caller != q.caller || p.disposition != q.disposition) {
                return false;
            }
        }
        return true;
    };
    CHECK(same(a1, a2));
    CHECK(same(b1, b2));
    // Another seed, other calls (for some order with calls).
    bool differs = false;
    for (std::size_t i = 0; i < 50 && !differs; ++i) {
        const auto& o = c.orders.at(i);
        differs = !same(demo_calls_for(7, o, phone_of(c, o), kNow), demo_calls_for(8, o, phone_of(c, o), kNow));
    }
    CHECK(differs);
}

TEST_CASE("the demo city's calls meet the telephony targets the way a staffed hotline would", "[demo_calls]") {
    const auto& c = demo_orders();
    std::vector<KpiCall> calls;
    std::set<std::string> ids;
    for (const auto& o : c.orders) {
        for (const auto& dc : demo_calls_for(7, o, phone_of(c, o), kNow)) {
            CHECK(ids.insert(dc.record.call_id).second);   // call ids are unique
            calls.push_back({static_cast<Id>(calls.size() + 1), dc.record.direction == CallDirection::Inbound,
                             dc.record.start, dc.record.disposition == CallDisposition::Answered, dc.record.agent});
        }
    }
    const auto targets = yiyang::test::load_json("assets/rules/kpi-targets.json").get<KpiTargetSet>();
    const Date first{2026, 10, 1}, last{2026, 10, 31};
    const auto cal = yiyang::test::load_json("assets/rules/calendar-cn.json").get<WorkCalendar>();
    const auto rate = compute_call_kpi(*targets.find("connection_rate"), calls, first, last, cal);
    INFO(rate.display);
    CHECK(rate.value.den > 500);
    CHECK(rate.met == true);
    const auto seats = compute_call_kpi(*targets.find("seats_per_workday"), calls, first, last, cal);
    INFO(seats.display);
    CHECK(seats.met == true);
}

}  // namespace test_demo_calls
