// Tests for the core records (yiyang/records.hpp): enum codes and Chinese labels, JSON round trips of every
// struct with the wire format spelled out (dates, nulls, arrays, timestamps), bad codes refused, distances.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "yiyang/records.hpp"

namespace test_records {

using namespace yiyang;
using nlohmann::json;

namespace {

bool is_snake_code(const std::string& s) {
    if (s.empty() || s.front() == '_' || s.back() == '_') return false;
    for (char c : s) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return true;
}

// Every value: code is lower snake case and unique, the label is unique and not empty, parse(code) gives the
// value back, JSON is the code string and reads back; all_Xs() lists each value once, in declaration order.
template <typename E>
void check_enum(const std::vector<E>& all, std::optional<E> (*parse)(std::string_view), std::size_t expected_size) {
    REQUIRE(all.size() == expected_size);
    std::set<std::string> codes;
    std::set<std::string> labels;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const E v = all[i];
        CHECK(static_cast<std::size_t>(v) == i);
        const std::string c = code(v);
        INFO("code " << c);
        CHECK(is_snake_code(c));
        CHECK(codes.insert(c).second);
        CHECK(labels.insert(label_zh(v)).second);
        CHECK_FALSE(std::string(label_zh(v)).empty());
        REQUIRE(parse(c).has_value());
        CHECK(*parse(c) == v);
        json j = v;
        CHECK(j == json(c));
        CHECK(j.get<E>() == v);
    }
    CHECK_FALSE(parse("").has_value());
    CHECK_FALSE(parse("no_such_code").has_value());
    CHECK_FALSE(parse(std::string(code(all.front())) + " ").has_value());
    // Codes are case-sensitive: the wire format is lower case only.
    std::string upper = code(all.front());
    for (char& ch : upper) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
    CHECK_FALSE(parse(upper).has_value());
}

template <typename E>
void check_bad_json(const char* what) {
    INFO(what);
    try {
        (void)json("bogus_code").get<E>();
        FAIL("an unknown code was accepted");
    } catch (const json::type_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("bogus_code"));
    }
    CHECK_THROWS_AS(json(3).get<E>(), json::type_error);
    CHECK_THROWS_AS(json(nullptr).get<E>(), json::type_error);
}

Elder sample_elder() {
    Elder e;
    e.id = 17;
    e.name = "陈好";
    e.id_number = "442000194803150025";
    e.birth_date = Date{1948, 3, 15};
    e.sex = "female";
    e.phone = "13800138000";
    e.town_id = 1;
    e.community = "悦来社区";
    e.address = "中山市石岐街道悦来社区民生路12号";
    e.categories = {ElderCategory::AdvancedAge, ElderCategory::Subsistence, ElderCategory::Disabled};
    e.disability = DisabilityLevel::Moderate;
    e.subsidy_tier = "a";
    e.status = ElderStatus::Deceased;
    e.death_date = Date{2026, 2, 1};
    e.health_notes = "高血压";
    e.enrolments = {Enrolment{"home_visit", Date{2024, 1, 1}, Date{2026, 2, 1}, "死亡"},
                    Enrolment{"info_service", Date{2025, 6, 1}, std::nullopt, ""}};
    e.home = GeoPoint{22522000, 113383000};
    e.version = 3;
    return e;
}

void check_same(const Elder& a, const Elder& b) {
    CHECK(a.id == b.id);
    CHECK(a.name == b.name);
    CHECK(a.id_number == b.id_number);
    CHECK(a.birth_date == b.birth_date);
    CHECK(a.sex == b.sex);
    CHECK(a.phone == b.phone);
    CHECK(a.town_id == b.town_id);
    CHECK(a.community == b.community);
    CHECK(a.address == b.address);
    CHECK(a.categories == b.categories);
    CHECK(a.disability == b.disability);
    CHECK(a.subsidy_tier == b.subsidy_tier);
    CHECK(a.status == b.status);
    CHECK(a.death_date == b.death_date);
    CHECK(a.health_notes == b.health_notes);
    REQUIRE(a.enrolments.size() == b.enrolments.size());
    for (std::size_t i = 0; i < a.enrolments.size(); ++i) {
        CHECK(a.enrolments[i].programme == b.enrolments[i].programme);
        CHECK(a.enrolments[i].from == b.enrolments[i].from);
        CHECK(a.enrolments[i].to == b.enrolments[i].to);
        CHECK(a.enrolments[i].reason == b.enrolments[i].reason);
    }
    CHECK(a.home == b.home);
    CHECK(a.version == b.version);
}

}  // namespace

TEST_CASE("every enum: codes, labels, parse and JSON round trip", "[records]") {
    check_enum(all_Roles(), &parse_Role, 7);
    check_enum(all_ElderCategorys(), &parse_ElderCategory, 9);
    check_enum(all_DisabilityLevels(), &parse_DisabilityLevel, 5);
    check_enum(all_ElderStatuss(), &parse_ElderStatus, 4);
    check_enum(all_ServiceCategorys(), &parse_ServiceCategory, 18);
    check_enum(all_ProviderStatuss(), &parse_ProviderStatus, 3);
    check_enum(all_Channels(), &parse_Channel, 5);
    check_enum(all_OrderTypes(), &parse_OrderType, 7);
    check_enum(all_OrderStatuss(), &parse_OrderStatus, 12);
    check_enum(all_Urgencys(), &parse_Urgency, 3);
}

TEST_CASE("stable codes and the domain's Chinese labels", "[records]") {
    CHECK(std::string(code(Role::Admin)) == "admin");
    CHECK(std::string(code(ElderCategory::Subsistence)) == "subsistence");
    CHECK(std::string(code(ServiceCategory::MedicalEscort)) == "medical_escort");
    CHECK(std::string(code(Channel::Referral12345)) == "referral_12345");
    CHECK(std::string(code(OrderStatus::AnsweredOnSpot)) == "answered_on_spot");

    const char* roles[] = {"管理员", "主管", "话务坐席", "镇街", "服务商", "展厅", "局领导"};
    for (std::size_t i = 0; i < 7; ++i) CHECK(std::string(label_zh(all_Roles()[i])) == roles[i]);

    const char* categories[] = {"低保", "特困", "低边", "独居", "空巢", "留守", "失能", "残疾", "高龄"};
    for (std::size_t i = 0; i < 9; ++i) CHECK(std::string(label_zh(all_ElderCategorys()[i])) == categories[i]);

    const char* services[] = {"助餐",     "助浴",     "助洁",     "助洗",     "助行",     "助医",
                              "助急",     "助购",     "精神慰藉", "康复辅助", "生活照料", "日间照料",
                              "喘息服务", "上门服务", "评估服务", "代办代购代缴", "健康监测", "信息采集"};
    for (std::size_t i = 0; i < 18; ++i) CHECK(std::string(label_zh(all_ServiceCategorys()[i])) == services[i]);

    const char* levels[] = {"无", "轻度", "中度", "重度", "完全"};
    for (std::size_t i = 0; i < 5; ++i) CHECK(std::string(label_zh(all_DisabilityLevels()[i])) == levels[i]);
    CHECK(std::string(label_zh(ElderStatus::Removed)) == "核减");
    CHECK(std::string(label_zh(ProviderStatus::Warned)) == "预警");
    CHECK(std::string(label_zh(ProviderStatus::Removed)) == "清退");
    CHECK(std::string(label_zh(OrderType::Emergency)) == "紧急求助");
    CHECK(std::string(label_zh(OrderType::Callback)) == "回访");
}

TEST_CASE("unknown or mistyped codes are refused with the code named", "[records]") {
    check_bad_json<Role>("Role");
    check_bad_json<ElderCategory>("ElderCategory");
    check_bad_json<DisabilityLevel>("DisabilityLevel");
    check_bad_json<ElderStatus>("ElderStatus");
    check_bad_json<ServiceCategory>("ServiceCategory");
    check_bad_json<ProviderStatus>("ProviderStatus");
    check_bad_json<Channel>("Channel");
    check_bad_json<OrderType>("OrderType");
    check_bad_json<OrderStatus>("OrderStatus");
    check_bad_json<Urgency>("Urgency");

    // Inside a record too: one bad category makes the whole elder unreadable.
    json j = sample_elder();
    j["categories"] = json::array({"subsistence", "rich"});
    try {
        (void)j.get<Elder>();
        FAIL("accepted");
    } catch (const json::type_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("\"rich\""));
    }
}

TEST_CASE("Date and GeoPoint wire format", "[records]") {
    CHECK(json(Date{2026, 3, 5}) == json("2026-03-05"));
    CHECK(json("2024-02-29").get<Date>() == Date{2024, 2, 29});
    CHECK_THROWS_AS(json("2023-02-29").get<Date>(), json::exception);
    CHECK_THROWS_AS(json("2026-3-5").get<Date>(), json::exception);
    CHECK_THROWS_AS(json(20260305).get<Date>(), json::exception);

    const GeoPoint p{22517000, 113392000};
    const json j = p;
    CHECK(j == json{{"lat_e6", 22517000}, {"lon_e6", 113392000}});
    CHECK(j.get<GeoPoint>() == p);
    const json half = json::parse(R"({"lat_e6": 1})");
    CHECK_THROWS_AS(half.get<GeoPoint>(), json::exception);
}

TEST_CASE("Town and Enrolment round trip", "[records]") {
    Town t;
    t.id = 23;
    t.code = "xiaolan";
    t.name = "小榄镇";
    t.is_street = false;
    t.centre = GeoPoint{22668000, 113245000};
    t.communities = {"小榄社区", "永宁社区"};
    const json j = t;
    CHECK(j["communities"] == json::array({"小榄社区", "永宁社区"}));
    CHECK(j["centre"]["lat_e6"] == 22668000);
    const Town back = j.get<Town>();
    CHECK(back.id == t.id);
    CHECK(back.code == t.code);
    CHECK(back.name == t.name);
    CHECK(back.is_street == t.is_street);
    CHECK(back.centre == t.centre);
    CHECK(back.communities == t.communities);

    const Enrolment open{"info_service", Date{2025, 6, 1}, std::nullopt};
    const json je = open;
    CHECK(je == json{{"programme", "info_service"}, {"from", "2025-06-01"}, {"to", nullptr}});
    CHECK_FALSE(je.get<Enrolment>().to.has_value());
    const Enrolment closed{"home_visit", Date{2024, 1, 1}, Date{2026, 2, 1}};
    CHECK(json(closed)["to"] == "2026-02-01");
    CHECK(json(closed).get<Enrolment>().to == Date{2026, 2, 1});
}

TEST_CASE("Elder round trip: dates as text, sets as arrays in enum order, null for absent", "[records]") {
    const Elder e = sample_elder();
    const json j = e;
    CHECK(j["birth_date"] == "1948-03-15");
    CHECK(j["death_date"] == "2026-02-01");
    CHECK(j["categories"] == json::array({"subsistence", "disabled", "advanced_age"}));
    CHECK(j["disability"] == "moderate");
    CHECK(j["status"] == "deceased");
    CHECK(j["home"] == json{{"lat_e6", 22522000}, {"lon_e6", 113383000}});
    CHECK(j["enrolments"][1]["to"].is_null());
    CHECK(j["enrolments"][0]["reason"] == "死亡");          // 拆机原因, only when set
    CHECK_FALSE(j["enrolments"][1].contains("reason"));
    check_same(j.get<Elder>(), e);
    // Through text too (what the server and the client really exchange).
    check_same(json::parse(j.dump()).get<Elder>(), e);

    Elder alive = e;
    alive.status = ElderStatus::Active;
    alive.death_date.reset();
    alive.categories.clear();
    const json ja = alive;
    CHECK(ja["death_date"].is_null());
    CHECK(ja["categories"] == json::array());
    check_same(ja.get<Elder>(), alive);

    json missing = j;
    missing.erase("name");
    CHECK_THROWS_AS(missing.get<Elder>(), json::exception);
}

TEST_CASE("Provider and ServicePoint round trip", "[records]") {
    Provider p;
    p.id = 4;
    p.name = "中山市石岐区颐康居家养老服务中心";
    p.licence_no = "52442000MJL123456X";
    p.categories = {ServiceCategory::HomeVisit, ServiceCategory::Meals, ServiceCategory::Companionship};
    p.towns_covered = {5, 1, 3};
    p.status = ProviderStatus::Warned;
    p.published_on_miniprogram = true;
    p.radiates_to_points = true;
    p.contact_phone = "0760-88123456";
    p.staff_count = 42;
    p.rating_permille = 862;
    p.points = {ServicePoint{7, 4, "颐康悦来社区服务站", 1, "中山市石岐街道悦来社区民生路1号", GeoPoint{22522100, 113383200}}};
    const json j = p;
    CHECK(j["categories"] == json::array({"meals", "companionship", "home_visit"}));
    CHECK(j["towns_covered"] == json::array({1, 3, 5}));
    CHECK(j["status"] == "warned");
    CHECK(j["points"][0]["location"]["lon_e6"] == 113383200);
    const Provider back = json::parse(j.dump()).get<Provider>();
    CHECK(back.id == p.id);
    CHECK(back.name == p.name);
    CHECK(back.licence_no == p.licence_no);
    CHECK(back.categories == p.categories);
    CHECK(back.towns_covered == p.towns_covered);
    CHECK(back.status == p.status);
    CHECK(back.published_on_miniprogram);
    CHECK(back.radiates_to_points);
    CHECK(back.contact_phone == p.contact_phone);
    CHECK(back.staff_count == 42);
    CHECK(back.rating_permille == 862);
    REQUIRE(back.points.size() == 1);
    CHECK(back.points[0].id == 7);
    CHECK(back.points[0].provider_id == 4);
    CHECK(back.points[0].name == p.points[0].name);
    CHECK(back.points[0].town_id == 1);
    CHECK(back.points[0].address == p.points[0].address);
    CHECK(back.points[0].location == p.points[0].location);
}

TEST_CASE("User round trip", "[records]") {
    User town_user{9, "shiqi01", "石岐街道 李主任", Role::Town, Id{1}, std::nullopt, true};
    const json j = town_user;
    CHECK(j["role"] == "town");
    CHECK(j["town_id"] == 1);
    CHECK(j["provider_id"].is_null());
    const User back = j.get<User>();
    CHECK(back.id == 9);
    CHECK(back.username == "shiqi01");
    CHECK(back.display_name == town_user.display_name);
    CHECK(back.role == Role::Town);
    CHECK(back.town_id == Id{1});
    CHECK_FALSE(back.provider_id.has_value());
    CHECK(back.active);

    json bad = j;
    bad["role"] = "root";
    CHECK_THROWS_AS(bad.get<User>(), json::type_error);
}

TEST_CASE("WorkOrder round trip: timestamps as local text, absent ones null", "[records]") {
    WorkOrder o;
    o.id = 12;
    o.code = "GD202610230001";
    o.channel = Channel::Referral12345;
    o.type = OrderType::Booking;
    o.categories = {ServiceCategory::Bathing, ServiceCategory::Meals};
    o.elder_id = 17;
    o.town_id = 3;
    o.provider_id = 4;
    o.status = OrderStatus::Closed;
    o.urgency = Urgency::Urgent;
    o.description = "预约助浴服务";
    o.created_at = start_of(Date{2026, 10, 23}) + 8 * 3600 + 30 * 60;
    o.dispatched_at = o.created_at + 600;
    o.completed_at = o.created_at + 86400;
    o.closed_at = o.created_at + 2 * 86400;
    o.satisfaction = 1;
    o.paused_since = o.created_at + 300;
    o.complaint_valid = false;
    const json j = o;
    CHECK(j["created_at"] == "2026-10-23T08:30:00");
    CHECK(j["dispatched_at"] == "2026-10-23T08:40:00");
    CHECK(j["channel"] == "referral_12345");
    CHECK(j["categories"] == json::array({"meals", "bathing"}));
    CHECK(j["satisfaction"] == 1);
    CHECK(j["paused_since"] == "2026-10-23T08:35:00");
    CHECK(j["complaint_valid"] == false);
    const WorkOrder back = json::parse(j.dump()).get<WorkOrder>();
    CHECK(back.id == o.id);
    CHECK(back.code == o.code);
    CHECK(back.channel == o.channel);
    CHECK(back.type == o.type);
    CHECK(back.categories == o.categories);
    CHECK(back.elder_id == o.elder_id);
    CHECK(back.town_id == o.town_id);
    CHECK(back.provider_id == o.provider_id);
    CHECK(back.status == o.status);
    CHECK(back.urgency == o.urgency);
    CHECK(back.description == o.description);
    CHECK(back.created_at == o.created_at);
    CHECK(back.dispatched_at == o.dispatched_at);
    CHECK(back.completed_at == o.completed_at);
    CHECK(back.closed_at == o.closed_at);
    CHECK(back.satisfaction == o.satisfaction);
    CHECK(back.paused_since == o.paused_since);
    CHECK(back.complaint_valid == false);

    WorkOrder fresh;
    fresh.id = 1;
    fresh.code = "GD202610230002";
    fresh.created_at = o.created_at;
    const json jf = fresh;
    for (const char* key : {"elder_id", "provider_id", "dispatched_at", "completed_at", "closed_at", "satisfaction",
                            "paused_since", "complaint_valid"}) {
        INFO(key);
        CHECK(jf[key].is_null());
    }
    const WorkOrder fb = jf.get<WorkOrder>();
    CHECK_FALSE(fb.elder_id.has_value());
    CHECK_FALSE(fb.closed_at.has_value());
    CHECK_FALSE(fb.complaint_valid.has_value());
    CHECK(fb.status == OrderStatus::Received);

    json bad = jf;
    bad["created_at"] = "2026-10-23 08:30";
    CHECK_THROWS_AS(bad.get<WorkOrder>(), json::exception);
}

TEST_CASE("ServiceRecord round trip", "[records]") {
    ServiceRecord r;
    r.id = 99;
    r.provider_id = 4;
    r.elder_id = 17;
    r.order_id = 12;
    r.category = ServiceCategory::Bathing;
    r.caregiver = "黄美";
    r.started_at = start_of(Date{2026, 10, 24}) + 9 * 3600;
    r.ended_at = r.started_at + 3600;
    r.location = GeoPoint{22522050, 113383010};
    r.price_basis = 3000;
    const json j = r;
    CHECK(j["category"] == "bathing");
    CHECK(j["started_at"] == "2026-10-24T09:00:00");
    CHECK(j["ended_at"] == "2026-10-24T10:00:00");
    CHECK(j["price_basis"] == 3000);
    const ServiceRecord back = json::parse(j.dump()).get<ServiceRecord>();
    CHECK(back.id == 99);
    CHECK(back.provider_id == 4);
    CHECK(back.elder_id == 17);
    CHECK(back.order_id == Id{12});
    CHECK(back.category == ServiceCategory::Bathing);
    CHECK(back.caregiver == "黄美");
    CHECK(back.started_at == r.started_at);
    CHECK(back.ended_at == r.ended_at);
    CHECK(back.location == r.location);
    CHECK(back.price_basis == 3000);

    r.order_id.reset();
    CHECK(json(r)["order_id"].is_null());
    CHECK_FALSE(json(r).get<ServiceRecord>().order_id.has_value());
}

TEST_CASE("great-circle distance in metres", "[records]") {
    const GeoPoint shiqi{22522000, 113383000};
    CHECK(distance_m(shiqi, shiqi) == 0);
    // One degree of latitude on the mean-radius sphere: 111 195 m.
    CHECK(distance_m(GeoPoint{22000000, 113000000}, GeoPoint{23000000, 113000000}) == 111195);
    // One micro-degree of latitude is about 11 cm: rounds to 0 m.
    CHECK(distance_m(shiqi, GeoPoint{shiqi.lat_e6 + 1, shiqi.lon_e6}) == 0);
    // Symmetric, and 石岐 to 小榄 is about 20 km.
    const GeoPoint xiaolan{22668000, 113245000};
    CHECK(distance_m(shiqi, xiaolan) == distance_m(xiaolan, shiqi));
    CHECK(distance_m(shiqi, xiaolan) > 19000);
    CHECK(distance_m(shiqi, xiaolan) < 23000);
}

}  // namespace test_records
