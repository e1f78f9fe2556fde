// Tests for the demo city generator (yiyang/demo_city.hpp): Zhongshan's towns, valid and unique elders,
// plausible shares, a consistent time-ordered stream, and one fingerprint that native and WebAssembly share.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "yiyang/demo_city.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/validation.hpp"

namespace test_demo_city {

using namespace yiyang;
using nlohmann::json;

namespace {

const Date kToday{2026, 11, 23};
const LocalSeconds kNow = start_of(kToday) + 9 * 3600 + 30 * 60;

// Everything the generator streams, in the order it came, plus the order of kinds.
struct Collect : DemoSink {
    std::vector<Town> towns;
    std::vector<Provider> providers;
    std::vector<Elder> elders;
    std::vector<WorkOrder> orders;
    std::vector<ServiceRecord> records;
    std::string kinds;   // one letter per call: t p e o r
    void town(const Town& t) override { towns.push_back(t); kinds += 't'; }
    void provider(const Provider& p) override { providers.push_back(p); kinds += 'p'; }
    void elder(const Elder& e) override { elders.push_back(e); kinds += 'e'; }
    void work_order(const WorkOrder& o) override { orders.push_back(o); kinds += 'o'; }
    void service_record(const ServiceRecord& r) override { records.push_back(r); kinds += 'r'; }
};

// FNV-1a (64-bit) over the JSON text of every streamed record, with its kind.
struct Fingerprint : DemoSink {
    std::uint64_t hash = 14695981039346656037ULL;
    void add(char kind, const json& j) {
        const std::string text = std::string(1, kind) + j.dump() + "\n";
        for (unsigned char c : text) {
            hash ^= c;
            hash *= 1099511628211ULL;
        }
    }
    void town(const Town& t) override { add('t', t); }
    void provider(const Provider& p) override { add('p', p); }
    void elder(const Elder& e) override { add('e', e); }
    void work_order(const WorkOrder& o) override { add('o', o); }
    void service_record(const ServiceRecord& r) override { add('r', r); }
};

const Collect& tiny_city() {
    static const Collect c = [] {
        Collect out;
        generate_demo_city(42, *demo_scale("tiny"), kNow, out);
        return out;
    }();
    return c;
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

TEST_CASE("scales", "[demo_city]") {
    const auto tiny = demo_scale("tiny");
    REQUIRE(tiny);
    CHECK(tiny->name == "tiny");
    CHECK(tiny->elders == 300);
    CHECK(tiny->providers == 12);
    CHECK(tiny->work_orders == 400);
    CHECK(tiny->service_records == 1200);
    CHECK(tiny->months == 2);
    const auto demo = demo_scale("demo");
    REQUIRE(demo);
    CHECK(demo->elders == 6000);
    CHECK(demo->providers == 60);
    CHECK(demo->work_orders == 8000);
    CHECK(demo->service_records == 24000);
    CHECK(demo->months == 4);
    const auto city = demo_scale("city");
    REQUIRE(city);
    CHECK(city->elders == 600000);
    CHECK(city->providers == 400);
    CHECK(city->work_orders == 2000000);
    CHECK(city->service_records == 6000000);
    CHECK(city->months == 12);
    CHECK_FALSE(demo_scale("huge"));
    CHECK_FALSE(demo_scale(""));
}

TEST_CASE("Zhongshan's 23 towns and streets, placed plausibly", "[demo_city]") {
    const auto& towns = zhongshan_towns();
    REQUIRE(towns.size() == 23);
    std::map<std::string, Town> by_name;
    std::set<std::string> codes;
    int streets = 0;
    for (std::size_t i = 0; i < towns.size(); ++i) {
        const Town& t = towns[i];
        CHECK(t.id == static_cast<Id>(i + 1));
        CHECK(codes.insert(t.code).second);
        by_name[t.name] = t;
        streets += t.is_street ? 1 : 0;
        CHECK(ends_with(t.name, t.is_street ? "街道" : "镇"));
        CHECK(t.centre.lat_e6 > 22200000);
        CHECK(t.centre.lat_e6 < 22800000);
        CHECK(t.centre.lon_e6 > 113100000);
        CHECK(t.centre.lon_e6 < 113600000);
        CHECK(t.communities.size() >= 3);
        for (const auto& c : t.communities) CHECK((ends_with(c, "社区") || ends_with(c, "村")));
    }
    CHECK(streets == 8);
    for (const char* name : {"石岐街道", "东区街道", "西区街道", "南区街道", "五桂山街道", "中山港街道", "民众街道",
                             "南朗街道", "黄圃镇", "东凤镇", "古镇镇", "沙溪镇", "坦洲镇", "港口镇", "三角镇",
                             "横栏镇", "南头镇", "阜沙镇", "三乡镇", "板芙镇", "大涌镇", "神湾镇", "小榄镇"}) {
        INFO(name);
        CHECK(by_name.count(name) == 1);
    }
    const GeoPoint centre = by_name["石岐街道"].centre;
    for (const char* nw : {"小榄镇", "古镇镇", "东凤镇", "黄圃镇", "南头镇", "阜沙镇"}) {
        INFO(nw);
        CHECK(by_name[nw].centre.lat_e6 > centre.lat_e6 + 50000);
        CHECK(by_name[nw].centre.lon_e6 < centre.lon_e6);
    }
    for (const char* south : {"坦洲镇", "三乡镇", "神湾镇"}) {
        INFO(south);
        CHECK(by_name[south].centre.lat_e6 < centre.lat_e6 - 100000);
    }
    for (const char* east : {"南朗街道", "中山港街道", "民众街道"}) {
        INFO(east);
        CHECK(by_name[east].centre.lon_e6 > centre.lon_e6 + 50000);
    }
}

TEST_CASE("tiny city: the stream's shape and ids", "[demo_city]") {
    const Collect& c = tiny_city();
    CHECK(c.towns.size() == 23);
    CHECK(c.providers.size() == 12);
    CHECK(c.elders.size() == 300);
    CHECK(c.orders.size() == 400);
    CHECK(c.records.size() == 1200);
    // Towns, then providers, then elders, then orders and records interleaved.
    CHECK(c.kinds.substr(0, 23 + 12 + 300) == std::string(23, 't') + std::string(12, 'p') + std::string(300, 'e'));
    CHECK(c.kinds.find_first_not_of("or", 23 + 12 + 300) == std::string::npos);
    for (std::size_t i = 0; i < c.providers.size(); ++i) CHECK(c.providers[i].id == static_cast<Id>(i + 1));
    for (std::size_t i = 0; i < c.elders.size(); ++i) CHECK(c.elders[i].id == static_cast<Id>(i + 1));
    for (std::size_t i = 0; i < c.orders.size(); ++i) CHECK(c.orders[i].id == static_cast<Id>(i + 1));
    for (std::size_t i = 0; i < c.records.size(); ++i) CHECK(c.records[i].id == static_cast<Id>(i + 1));
}

TEST_CASE("tiny city: every elder is a valid record of a person over 60", "[demo_city]") {
    const Collect& c = tiny_city();
    std::set<Id> town_ids;
    for (const auto& t : c.towns) town_ids.insert(t.id);
    std::set<std::string> ids;
    for (const Elder& e : c.elders) {
        INFO("elder " << e.id << " " << e.name << " " << e.id_number);
        const IdCheck check = check_resident_id(e.id_number, kToday);
        REQUIRE(check.ok);
        CHECK(check.area_code == "442000");
        CHECK(check.birth == e.birth_date);
        CHECK(e.sex == (check.sex == Sex::Male ? "male" : "female"));
        const int age = age_on(e.birth_date, kToday);
        CHECK(age >= 60);
        CHECK(age <= 110);
        CHECK(ids.insert(e.id_number).second);
        // 高龄 is exactly the 80+.
        CHECK((e.categories.count(ElderCategory::AdvancedAge) == 1) == (age >= 80));
        // Everything else the validator asks of a record typed in by a person.
        Elder copy = e;
        const auto errors = validate_elder(copy, town_ids, kToday);
        INFO(json(errors).dump());
        CHECK(errors.empty());
        CHECK(copy.birth_date == e.birth_date);
        CHECK(copy.sex == e.sex);
        // Community and address in the elder's own town, home near its centre.
        const Town& town = c.towns[static_cast<std::size_t>(e.town_id - 1)];
        CHECK(std::find(town.communities.begin(), town.communities.end(), e.community) != town.communities.end());
        CHECK(e.address.find(town.name) != std::string::npos);
        CHECK(distance_m(e.home, town.centre) < 3000);
        if (e.status == ElderStatus::Deceased) {
            REQUIRE(e.death_date);
            CHECK(*e.death_date < kToday);
            for (const auto& en : e.enrolments) CHECK(en.to == e.death_date);
        }
        for (const auto& en : e.enrolments) {
            CHECK(en.from <= kToday);
            if (en.to) CHECK(en.from <= *en.to);
        }
    }
}

TEST_CASE("tiny city: providers", "[demo_city]") {
    const Collect& c = tiny_city();
    std::set<std::string> names;
    std::set<Id> covered;
    Id last_point = 0;
    for (const Provider& p : c.providers) {
        INFO(p.name);
        CHECK(names.insert(p.name).second);
        CHECK((p.name.find("中山市") == 0 || p.name.find("镇") != std::string::npos ||
               p.name.find("街道") != std::string::npos));
        CHECK(p.licence_no.size() == 18);
        CHECK(p.licence_no.substr(2, 6) == "442000");
        CHECK(p.categories.size() >= 2);
        CHECK(p.categories.size() <= 6);
        CHECK(p.towns_covered.size() >= 1);
        CHECK(p.towns_covered.size() <= 4);
        CHECK(p.rating_permille >= 0);
        CHECK(p.rating_permille <= 1000);
        CHECK(p.staff_count > 0);
        if (p.status != ProviderStatus::Removed) covered.insert(p.towns_covered.begin(), p.towns_covered.end());
        CHECK(p.points.size() >= 1);
        CHECK(p.points.size() <= 3);
        for (const auto& sp : p.points) {
            CHECK(sp.id == ++last_point);
            CHECK(sp.provider_id == p.id);
            CHECK(p.towns_covered.count(sp.town_id) == 1);
            const Town& town = c.towns[static_cast<std::size_t>(sp.town_id - 1)];
            CHECK(distance_m(sp.location, town.centre) < 3000);
            CHECK(sp.address.find(town.name) != std::string::npos);
        }
    }
    CHECK(covered.size() == 23);   // every town has a provider serving it
}

TEST_CASE("tiny city: orders and records are consistent and in time order", "[demo_city]") {
    const Collect& c = tiny_city();
    const LocalSeconds end = start_of(kToday);
    const LocalSeconds first = start_of(Date{2026, 10, 1});   // two months ending with yesterday's month
    std::map<Id, const WorkOrder*> orders;
    std::set<std::string> codes;
    for (const WorkOrder& o : c.orders) {
        INFO(json(o).dump());
        orders[o.id] = &o;
        CHECK(codes.insert(o.code).second);
        const Date day = date_of(o.created_at);
        std::string prefix = "GD" + format_date(day);
        prefix.erase(std::remove(prefix.begin(), prefix.end(), '-'), prefix.end());
        CHECK(o.code.substr(0, 10) == prefix);
        CHECK(o.code.size() >= 14);
        CHECK(o.code.size() <= 16);
        CHECK(o.created_at >= first);
        CHECK(o.created_at < end);
        for (const auto& t : {o.dispatched_at, o.completed_at, o.closed_at}) {
            if (t) {
                CHECK(*t >= o.created_at);
                CHECK(*t < end);
            }
        }
        if (o.elder_id) {
            REQUIRE(*o.elder_id >= 1);
            REQUIRE(*o.elder_id <= 300);
            const Elder& e = c.elders[static_cast<std::size_t>(*o.elder_id - 1)];
            CHECK(e.status == ElderStatus::Active);
            CHECK(e.town_id == o.town_id);
        }
        if (o.provider_id) {
            CHECK(o.dispatched_at);
            const Provider& p = c.providers[static_cast<std::size_t>(*o.provider_id - 1)];
            CHECK(p.status != ProviderStatus::Removed);
            CHECK(p.towns_covered.count(o.town_id) == 1);
        }
        // closed_at is set on reaching closed or cancelled (order_lifecycle.hpp).
        CHECK(o.closed_at.has_value() == (o.status == OrderStatus::Closed || o.status == OrderStatus::Cancelled));
        CHECK_FALSE(o.paused_since);
        // Each order type keeps to its path of the lifecycle.
        using S = OrderStatus;
        switch (o.type) {
            case OrderType::Consultation:
            case OrderType::Suggestion:
            case OrderType::Callback:   // on the spot: never dispatched
                CHECK((o.status == S::Received || o.status == S::AnsweredOnSpot || o.status == S::Closed));
                CHECK_FALSE(o.dispatched_at);
                CHECK_FALSE(o.satisfaction);
                CHECK_FALSE(o.complaint_valid);
                break;
            case OrderType::Complaint:   // judged, then rectified or closed
                CHECK((o.status == S::Received || o.status == S::Rectifying || o.status == S::Closed));
                CHECK_FALSE(o.dispatched_at);
                CHECK(o.complaint_valid.has_value() == (o.status != S::Received));
                if (o.status == S::Rectifying) CHECK(o.complaint_valid == true);
                break;
            case OrderType::Booking:
            case OrderType::Referral:
            case OrderType::Emergency:
                CHECK(o.status != S::AnsweredOnSpot);
                CHECK_FALSE(o.complaint_valid);
                if (o.status != S::Received && o.status != S::Cancelled) CHECK(o.dispatched_at);
                if (o.status == S::CalledBack || o.status == S::Rectifying || o.status == S::Closed) {
                    CHECK(o.completed_at);
                    if (o.elder_id) CHECK(o.satisfaction);
                }
                if (o.status == S::CalledBack && o.satisfaction) CHECK(*o.satisfaction <= 3);
                if (o.status == S::Rectifying) CHECK(o.satisfaction.value_or(0) >= 4);
                break;
        }
        if (o.satisfaction) {
            CHECK(*o.satisfaction >= 1);
            CHECK(*o.satisfaction <= 5);
        }
        if (o.type == OrderType::Emergency) {
            CHECK(o.urgency == Urgency::Emergency);
            if (o.dispatched_at) CHECK(*o.dispatched_at - o.created_at <= 30);   // the 30-second rule
        }
    }

    std::size_t linked = 0;
    std::set<Id> seen_orders;
    std::size_t oi = 0;
    std::size_t ri = 0;
    LocalSeconds last = 0;
    for (char kind : c.kinds) {
        if (kind == 'o') {
            const WorkOrder& o = c.orders[oi++];
            CHECK(o.created_at >= last);
            last = o.created_at;
            seen_orders.insert(o.id);
        } else if (kind == 'r') {
            const ServiceRecord& r = c.records[ri++];
            INFO(json(r).dump());
            CHECK(r.started_at >= last);
            last = r.started_at;
            CHECK(r.started_at < r.ended_at);
            CHECK(r.ended_at < end);
            REQUIRE(r.provider_id >= 1);
            REQUIRE(r.provider_id <= 12);
            const Provider& p = c.providers[static_cast<std::size_t>(r.provider_id - 1)];
            CHECK(p.categories.count(r.category) == 1);
            REQUIRE(r.elder_id >= 1);
            REQUIRE(r.elder_id <= 300);
            const Elder& e = c.elders[static_cast<std::size_t>(r.elder_id - 1)];
            CHECK(p.towns_covered.count(e.town_id) == 1);
            CHECK(distance_m(r.location, e.home) < 6000);
            CHECK(r.price_basis > 0);
            CHECK_FALSE(r.caregiver.empty());
            if (r.order_id) {
                ++linked;
                CHECK(seen_orders.count(*r.order_id) == 1);   // the order came first
                const WorkOrder& o = *orders.at(*r.order_id);
                CHECK(o.elder_id == r.elder_id);
                CHECK(o.provider_id == r.provider_id);
                CHECK(o.completed_at == r.ended_at);
            }
        }
    }
    CHECK(linked > 0);
}

TEST_CASE("demo city: shares within sane bounds", "[demo_city]") {
    Collect c;
    generate_demo_city(7, *demo_scale("demo"), kNow, c);
    REQUIRE(c.elders.size() == 6000);
    const double n = 6000.0;
    std::map<ElderCategory, int> cats;
    std::map<DisabilityLevel, int> levels;
    std::map<ElderStatus, int> statuses;
    std::set<std::string> ids;
    std::set<std::string> phones;
    int with_phone = 0;
    int age60s = 0;
    int age90 = 0;
    for (const Elder& e : c.elders) {
        for (auto cat : e.categories) ++cats[cat];
        ++levels[e.disability];
        ++statuses[e.status];
        ids.insert(e.id_number);
        if (!e.phone.empty()) {
            ++with_phone;
            phones.insert(e.phone);
        }
        const int age = age_on(e.birth_date, kToday);
        age60s += age < 70 ? 1 : 0;
        age90 += age >= 90 ? 1 : 0;
    }
    CHECK(ids.size() == 6000);
    auto share = [&](ElderCategory cat) { return cats[cat] / n; };
    CHECK(share(ElderCategory::EmptyNest) == Approx(0.30).margin(0.04));
    CHECK(share(ElderCategory::LivingAlone) == Approx(0.12).margin(0.025));
    CHECK(share(ElderCategory::Subsistence) == Approx(0.05).margin(0.015));
    CHECK(share(ElderCategory::ExtremePoverty) == Approx(0.015).margin(0.008));
    CHECK(share(ElderCategory::Marginal) == Approx(0.02).margin(0.01));
    CHECK(share(ElderCategory::LeftBehind) == Approx(0.03).margin(0.012));
    CHECK(share(ElderCategory::Disabled) == Approx(0.08).margin(0.02));
    CHECK(share(ElderCategory::Handicapped) == Approx(0.06).margin(0.015));
    CHECK(share(ElderCategory::AdvancedAge) == Approx(0.135).margin(0.025));
    CHECK(levels[DisabilityLevel::Mild] > levels[DisabilityLevel::Moderate]);
    CHECK(levels[DisabilityLevel::Moderate] > levels[DisabilityLevel::Severe]);
    CHECK(levels[DisabilityLevel::Severe] > levels[DisabilityLevel::Complete]);
    CHECK(levels[DisabilityLevel::Complete] > 0);
    CHECK(statuses[ElderStatus::Active] / n > 0.88);
    CHECK(statuses[ElderStatus::Suspended] > 0);
    CHECK(statuses[ElderStatus::Removed] > 0);
    CHECK(statuses[ElderStatus::Deceased] > 0);
    CHECK(age60s / n > 0.45);       // most are in their sixties
    CHECK(age90 / n < 0.05);        // a few are 90 or older
    CHECK(age90 > 0);
    CHECK(with_phone / n == Approx(0.88).margin(0.03));
    CHECK(phones.size() >= static_cast<std::size_t>(with_phone) * 99 / 100);   // mostly unique

    std::map<Channel, int> channels;
    std::map<OrderType, int> types;
    std::map<int, int> satisfaction;
    int old_orders = 0;
    int old_finished = 0;
    int recent_open = 0;
    const LocalSeconds end = start_of(kToday);
    for (const WorkOrder& o : c.orders) {
        ++channels[o.channel];
        ++types[o.type];
        if (o.satisfaction) ++satisfaction[*o.satisfaction];
        const bool finished = o.status == OrderStatus::Closed || o.status == OrderStatus::AnsweredOnSpot ||
                              o.status == OrderStatus::Cancelled;
        if (o.created_at < end - 7 * 86400) {
            ++old_orders;
            old_finished += finished ? 1 : 0;
        } else if (o.created_at >= end - 3 * 86400 && !finished) {
            ++recent_open;
        }
    }
    const double orders = static_cast<double>(c.orders.size());
    for (Channel ch : all_Channels()) {
        if (ch != Channel::Hotline) CHECK(channels[Channel::Hotline] > channels[ch]);
    }
    CHECK((types[OrderType::Consultation] + types[OrderType::Booking]) / orders > 0.6);
    CHECK(types[OrderType::Emergency] > 0);
    CHECK(types[OrderType::Emergency] / orders < 0.05);
    const int answers = satisfaction[1] + satisfaction[2] + satisfaction[3] + satisfaction[4] + satisfaction[5];
    CHECK((satisfaction[1] + satisfaction[2]) / static_cast<double>(answers) > 0.8);
    CHECK(satisfaction[4] + satisfaction[5] > 0);
    CHECK(old_finished / static_cast<double>(old_orders) > 0.95);
    CHECK(recent_open > 20);
    CHECK(c.records.size() == 24000);
}

TEST_CASE("determinism: same seed, same stream; the fingerprint is fixed across builds", "[demo_city]") {
    const DemoScale tiny = *demo_scale("tiny");
    Fingerprint a;
    Fingerprint b;
    Fingerprint other;
    generate_demo_city(42, tiny, kNow, a);
    generate_demo_city(42, tiny, kNow, b);
    generate_demo_city(43, tiny, kNow, other);
    CHECK(a.hash == b.hash);
    CHECK(a.hash != other.hash);
    // Recorded from the native build; the WebAssembly build must produce the very same stream. If the generator
    // changes on purpose, record the new value from a native run and check the WASM run agrees.
    CHECK(a.hash == 0x3abf5351cdf3aec3ULL);
}

}  // namespace test_demo_city
