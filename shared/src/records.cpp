// Codes, Chinese labels and JSON for the core records (records.hpp). The codes are the wire and database
// format: never rename one; add new values at the end of an enum and of its table here.
#include "yiyang/records.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <string_view>

namespace yiyang {

namespace {

template <typename E>
struct EnumEntry {
    E value;
    const char* code;
    const char* label;
};

// One table per enum, in declaration order (so `value == index` holds and all_Xs() is the table's order).
constexpr std::array<EnumEntry<Role>, 7> kRoles{{
    {Role::Admin, "admin", "管理员"},
    {Role::Supervisor, "supervisor", "主管"},
    {Role::Agent, "agent", "话务坐席"},
    {Role::Town, "town", "镇街"},
    {Role::Provider, "provider", "服务商"},
    {Role::Kiosk, "kiosk", "展厅"},
    {Role::Leader, "leader", "局领导"},
}};

constexpr std::array<EnumEntry<ElderCategory>, 9> kElderCategories{{
    {ElderCategory::Subsistence, "subsistence", "低保"},
    {ElderCategory::ExtremePoverty, "extreme_poverty", "特困"},
    {ElderCategory::Marginal, "marginal", "低边"},
    {ElderCategory::LivingAlone, "living_alone", "独居"},
    {ElderCategory::EmptyNest, "empty_nest", "空巢"},
    {ElderCategory::LeftBehind, "left_behind", "留守"},
    {ElderCategory::Disabled, "disabled", "失能"},
    {ElderCategory::Handicapped, "handicapped", "残疾"},
    {ElderCategory::AdvancedAge, "advanced_age", "高龄"},
}};

constexpr std::array<EnumEntry<DisabilityLevel>, 5> kDisabilityLevels{{
    {DisabilityLevel::None, "none", "无"},
    {DisabilityLevel::Mild, "mild", "轻度"},
    {DisabilityLevel::Moderate, "moderate", "中度"},
    {DisabilityLevel::Severe, "severe", "重度"},
    {DisabilityLevel::Complete, "complete", "完全"},
}};

constexpr std::array<EnumEntry<ElderStatus>, 4> kElderStatuses{{
    {ElderStatus::Active, "active", "在册"},
    {ElderStatus::Suspended, "suspended", "暂停"},
    {ElderStatus::Removed, "removed", "核减"},
    {ElderStatus::Deceased, "deceased", "死亡"},
}};

constexpr std::array<EnumEntry<ServiceCategory>, 18> kServiceCategories{{
    {ServiceCategory::Meals, "meals", "助餐"},
    {ServiceCategory::Bathing, "bathing", "助浴"},
    {ServiceCategory::Cleaning, "cleaning", "助洁"},
    {ServiceCategory::Laundry, "laundry", "助洗"},
    {ServiceCategory::Mobility, "mobility", "助行"},
    {ServiceCategory::MedicalEscort, "medical_escort", "助医"},
    {ServiceCategory::Emergency, "emergency", "助急"},
    {ServiceCategory::Shopping, "shopping", "助购"},
    {ServiceCategory::Companionship, "companionship", "精神慰藉"},
    {ServiceCategory::Rehabilitation, "rehabilitation", "康复辅助"},
    {ServiceCategory::DailyCare, "daily_care", "生活照料"},
    {ServiceCategory::DayCare, "day_care", "日间照料"},
    {ServiceCategory::Respite, "respite", "喘息服务"},
    {ServiceCategory::HomeVisit, "home_visit", "上门服务"},
    {ServiceCategory::Assessment, "assessment", "评估服务"},
    {ServiceCategory::Errands, "errands", "代办代购代缴"},
    {ServiceCategory::HealthMonitoring, "health_monitoring", "健康监测"},
    {ServiceCategory::DataCollection, "data_collection", "信息采集"},
}};

constexpr std::array<EnumEntry<ProviderStatus>, 3> kProviderStatuses{{
    {ProviderStatus::Active, "active", "正常"},
    {ProviderStatus::Warned, "warned", "预警"},
    {ProviderStatus::Removed, "removed", "清退"},
}};

constexpr std::array<EnumEntry<Channel>, 5> kChannels{{
    {Channel::Hotline, "hotline", "88885252热线"},
    {Channel::Referral12345, "referral_12345", "12345转介"},
    {Channel::PublicPortal, "public_portal", "公众端"},
    {Channel::WalkIn, "walk_in", "现场"},
    {Channel::ProviderReport, "provider_report", "服务商上报"},
}};

constexpr std::array<EnumEntry<OrderType>, 7> kOrderTypes{{
    {OrderType::Consultation, "consultation", "咨询"},
    {OrderType::Booking, "booking", "预约"},
    {OrderType::Referral, "referral", "转介"},
    {OrderType::Callback, "callback", "回访"},
    {OrderType::Complaint, "complaint", "投诉"},
    {OrderType::Suggestion, "suggestion", "建议"},
    {OrderType::Emergency, "emergency", "紧急求助"},
}};

constexpr std::array<EnumEntry<OrderStatus>, 12> kOrderStatuses{{
    {OrderStatus::Received, "received", "已受理"},
    {OrderStatus::AnsweredOnSpot, "answered_on_spot", "即时解答"},
    {OrderStatus::Dispatched, "dispatched", "已派单"},
    {OrderStatus::Accepted, "accepted", "已接单"},
    {OrderStatus::InService, "in_service", "服务中"},
    {OrderStatus::Completed, "completed", "已完成"},
    {OrderStatus::Reviewed, "reviewed", "已审核"},
    {OrderStatus::CalledBack, "called_back", "已回访"},
    {OrderStatus::Closed, "closed", "已办结"},
    {OrderStatus::Cancelled, "cancelled", "已取消"},
    {OrderStatus::Escalated, "escalated", "已升级"},
    {OrderStatus::Rectifying, "rectifying", "整改中"},
}};

constexpr std::array<EnumEntry<Urgency>, 3> kUrgencies{{
    {Urgency::Normal, "normal", "一般"},
    {Urgency::Urgent, "urgent", "加急"},
    {Urgency::Emergency, "emergency", "紧急"},
}};

template <typename E, std::size_t N>
constexpr bool in_declaration_order(const std::array<EnumEntry<E>, N>& table) {
    for (std::size_t i = 0; i < N; ++i) {
        if (static_cast<std::size_t>(table[i].value) != i) return false;
    }
    return true;
}
static_assert(in_declaration_order(kRoles));
static_assert(in_declaration_order(kElderCategories));
static_assert(in_declaration_order(kDisabilityLevels));
static_assert(in_declaration_order(kElderStatuses));
static_assert(in_declaration_order(kServiceCategories));
static_assert(in_declaration_order(kProviderStatuses));
static_assert(in_declaration_order(kChannels));
static_assert(in_declaration_order(kOrderTypes));
static_assert(in_declaration_order(kOrderStatuses));
static_assert(in_declaration_order(kUrgencies));

template <typename E, std::size_t N>
const EnumEntry<E>& entry(const std::array<EnumEntry<E>, N>& table, E v) {
    auto index = static_cast<std::size_t>(v);
    // An out-of-range value (a cast from a bad integer) maps to the first entry rather than reading past the end.
    return index < N ? table[index] : table[0];
}

template <typename E, std::size_t N>
std::optional<E> parse_in(const std::array<EnumEntry<E>, N>& table, std::string_view text) {
    for (const auto& e : table) {
        if (text == e.code) return e.value;
    }
    return std::nullopt;
}

template <typename E, std::size_t N>
std::vector<E> values_of(const std::array<EnumEntry<E>, N>& table) {
    std::vector<E> out;
    out.reserve(N);
    for (const auto& e : table) out.push_back(e.value);
    return out;
}

template <typename E, std::size_t N>
void enum_from_json(const nlohmann::json& j, E& v, const std::array<EnumEntry<E>, N>& table, const char* what) {
    if (!j.is_string()) {
        throw nlohmann::json::type_error::create(
            302, std::string(what) + " code must be a string, got " + j.type_name(), &j);
    }
    const auto& text = j.get_ref<const std::string&>();
    auto parsed = parse_in(table, text);
    if (!parsed) {
        throw nlohmann::json::type_error::create(302, std::string("unknown ") + what + " code \"" + text + "\"", &j);
    }
    v = *parsed;
}

[[noreturn]] void bad_value(const nlohmann::json& j, const std::string& message) {
    throw nlohmann::json::type_error::create(302, message, &j);
}

// ---- optional helpers (nlohmann 3.11.2 has no std::optional support) ----------------------------
template <typename T>
void put_optional(nlohmann::json& j, const char* key, const std::optional<T>& v) {
    if (v) {
        j[key] = *v;
    } else {
        j[key] = nullptr;
    }
}

template <typename T>
void get_optional(const nlohmann::json& j, const char* key, std::optional<T>& v) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        v.reset();
    } else {
        v = it->template get<T>();
    }
}

nlohmann::json timestamp_json(LocalSeconds t) { return format_timestamp(t); }

LocalSeconds timestamp_from(const nlohmann::json& j) {
    if (!j.is_string()) bad_value(j, std::string("timestamp must be a string, got ") + j.type_name());
    auto t = parse_timestamp(j.get_ref<const std::string&>());
    if (!t) bad_value(j, "bad timestamp \"" + j.get<std::string>() + "\" (expected YYYY-MM-DDTHH:MM:SS)");
    return *t;
}

void put_optional_timestamp(nlohmann::json& j, const char* key, const std::optional<LocalSeconds>& t) {
    if (t) {
        j[key] = timestamp_json(*t);
    } else {
        j[key] = nullptr;
    }
}

void get_optional_timestamp(const nlohmann::json& j, const char* key, std::optional<LocalSeconds>& t) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        t.reset();
    } else {
        t = timestamp_from(*it);
    }
}

}  // namespace

#define YIYANG_ENUM_IMPL(E, table, what)                                                   \
    const char* code(E v) { return entry(table, v).code; }                                 \
    const char* label_zh(E v) { return entry(table, v).label; }                            \
    std::optional<E> parse_##E(std::string_view text) { return parse_in(table, text); }    \
    const std::vector<E>& all_##E##s() {                                                   \
        static const std::vector<E> values = values_of(table);                             \
        return values;                                                                     \
    }                                                                                      \
    void to_json(nlohmann::json& j, const E& v) { j = code(v); }                           \
    void from_json(const nlohmann::json& j, E& v) { enum_from_json(j, v, table, what); }

YIYANG_ENUM_IMPL(Role, kRoles, "role")
YIYANG_ENUM_IMPL(ElderCategory, kElderCategories, "elder category")
YIYANG_ENUM_IMPL(DisabilityLevel, kDisabilityLevels, "disability level")
YIYANG_ENUM_IMPL(ElderStatus, kElderStatuses, "elder status")
YIYANG_ENUM_IMPL(ServiceCategory, kServiceCategories, "service category")
YIYANG_ENUM_IMPL(ProviderStatus, kProviderStatuses, "provider status")
YIYANG_ENUM_IMPL(Channel, kChannels, "channel")
YIYANG_ENUM_IMPL(OrderType, kOrderTypes, "order type")
YIYANG_ENUM_IMPL(OrderStatus, kOrderStatuses, "order status")
YIYANG_ENUM_IMPL(Urgency, kUrgencies, "urgency")
#undef YIYANG_ENUM_IMPL

// ---- geometry ------------------------------------------------------------------------------------
std::int64_t distance_m(const GeoPoint& a, const GeoPoint& b) {
    constexpr double kEarthRadiusM = 6371008.8;   // IUGG mean radius
    constexpr double kRadPerMicroDeg = 3.14159265358979323846 / 180.0 / 1e6;
    const double lat1 = a.lat_e6 * kRadPerMicroDeg;
    const double lat2 = b.lat_e6 * kRadPerMicroDeg;
    const double dlat = (static_cast<double>(b.lat_e6) - a.lat_e6) * kRadPerMicroDeg;
    const double dlon = (static_cast<double>(b.lon_e6) - a.lon_e6) * kRadPerMicroDeg;
    const double s1 = std::sin(dlat / 2);
    const double s2 = std::sin(dlon / 2);
    double h = s1 * s1 + std::cos(lat1) * std::cos(lat2) * s2 * s2;
    if (h > 1) h = 1;
    return std::llround(2 * kEarthRadiusM * std::asin(std::sqrt(h)));
}

// ---- Date ----------------------------------------------------------------------------------------
void to_json(nlohmann::json& j, const Date& v) { j = format_date(v); }

void from_json(const nlohmann::json& j, Date& v) {
    if (!j.is_string()) bad_value(j, std::string("date must be a string, got ") + j.type_name());
    auto d = parse_date(j.get_ref<const std::string&>());
    if (!d) bad_value(j, "bad date \"" + j.get<std::string>() + "\" (expected YYYY-MM-DD)");
    v = *d;
}

// ---- GeoPoint ------------------------------------------------------------------------------------
void to_json(nlohmann::json& j, const GeoPoint& v) { j = nlohmann::json{{"lat_e6", v.lat_e6}, {"lon_e6", v.lon_e6}}; }

void from_json(const nlohmann::json& j, GeoPoint& v) {
    j.at("lat_e6").get_to(v.lat_e6);
    j.at("lon_e6").get_to(v.lon_e6);
}

// ---- Town ----------------------------------------------------------------------------------------
void to_json(nlohmann::json& j, const Town& v) {
    j = nlohmann::json{{"id", v.id},         {"code", v.code},     {"name", v.name},
                       {"is_street", v.is_street}, {"centre", v.centre}, {"communities", v.communities}};
}

void from_json(const nlohmann::json& j, Town& v) {
    j.at("id").get_to(v.id);
    j.at("code").get_to(v.code);
    j.at("name").get_to(v.name);
    j.at("is_street").get_to(v.is_street);
    j.at("centre").get_to(v.centre);
    j.at("communities").get_to(v.communities);
}

// ---- Enrolment -----------------------------------------------------------------------------------
void to_json(nlohmann::json& j, const Enrolment& v) {
    j = nlohmann::json{{"programme", v.programme}, {"from", v.from}};
    put_optional(j, "to", v.to);
    if (!v.reason.empty()) j["reason"] = v.reason;
}

void from_json(const nlohmann::json& j, Enrolment& v) {
    j.at("programme").get_to(v.programme);
    j.at("from").get_to(v.from);
    get_optional(j, "to", v.to);
    v.reason = j.value("reason", std::string());
}

// ---- Elder ---------------------------------------------------------------------------------------
void to_json(nlohmann::json& j, const Elder& v) {
    j = nlohmann::json::object();
    j["id"] = v.id;
    j["name"] = v.name;
    j["id_number"] = v.id_number;
    if (v.age) j["age"] = *v.age;        // birth date withheld for this viewer (records.hpp)
    else j["birth_date"] = v.birth_date;
    j["sex"] = v.sex;
    j["phone"] = v.phone;
    j["town_id"] = v.town_id;
    j["community"] = v.community;
    j["address"] = v.address;
    j["categories"] = v.categories;
    j["disability"] = v.disability;
    j["subsidy_tier"] = v.subsidy_tier;
    j["status"] = v.status;
    put_optional(j, "death_date", v.death_date);
    j["health_notes"] = v.health_notes;
    j["enrolments"] = v.enrolments;
    j["home"] = v.home;
    j["version"] = v.version;
}

void from_json(const nlohmann::json& j, Elder& v) {
    j.at("id").get_to(v.id);
    j.at("name").get_to(v.name);
    j.at("id_number").get_to(v.id_number);
    // Either a birth date or, for a role that sees the ID masked, an age (records.hpp).
    get_optional(j, "age", v.age);
    if (j.contains("birth_date")) j.at("birth_date").get_to(v.birth_date);
    j.at("sex").get_to(v.sex);
    j.at("phone").get_to(v.phone);
    j.at("town_id").get_to(v.town_id);
    j.at("community").get_to(v.community);
    j.at("address").get_to(v.address);
    j.at("categories").get_to(v.categories);
    j.at("disability").get_to(v.disability);
    j.at("subsidy_tier").get_to(v.subsidy_tier);
    j.at("status").get_to(v.status);
    get_optional(j, "death_date", v.death_date);
    j.at("health_notes").get_to(v.health_notes);
    j.at("enrolments").get_to(v.enrolments);
    j.at("home").get_to(v.home);
    j.at("version").get_to(v.version);
}

// ---- ServicePoint --------------------------------------------------------------------------------
void to_json(nlohmann::json& j, const ServicePoint& v) {
    j = nlohmann::json{{"id", v.id},           {"provider_id", v.provider_id}, {"name", v.name},
                       {"town_id", v.town_id}, {"address", v.address},         {"location", v.location}};
}

void from_json(const nlohmann::json& j, ServicePoint& v) {
    j.at("id").get_to(v.id);
    j.at("provider_id").get_to(v.provider_id);
    j.at("name").get_to(v.name);
    j.at("town_id").get_to(v.town_id);
    j.at("address").get_to(v.address);
    j.at("location").get_to(v.location);
}

// ---- Provider ------------------------------------------------------------------------------------
void to_json(nlohmann::json& j, const Provider& v) {
    j = nlohmann::json::object();
    j["id"] = v.id;
    j["name"] = v.name;
    j["licence_no"] = v.licence_no;
    j["categories"] = v.categories;
    j["towns_covered"] = v.towns_covered;
    j["status"] = v.status;
    j["published_on_miniprogram"] = v.published_on_miniprogram;
    j["radiates_to_points"] = v.radiates_to_points;
    j["contact_phone"] = v.contact_phone;
    j["staff_count"] = v.staff_count;
    j["rating_permille"] = v.rating_permille;
    j["points"] = v.points;
}

void from_json(const nlohmann::json& j, Provider& v) {
    j.at("id").get_to(v.id);
    j.at("name").get_to(v.name);
    j.at("licence_no").get_to(v.licence_no);
    j.at("categories").get_to(v.categories);
    j.at("towns_covered").get_to(v.towns_covered);
    j.at("status").get_to(v.status);
    j.at("published_on_miniprogram").get_to(v.published_on_miniprogram);
    j.at("radiates_to_points").get_to(v.radiates_to_points);
    j.at("contact_phone").get_to(v.contact_phone);
    j.at("staff_count").get_to(v.staff_count);
    j.at("rating_permille").get_to(v.rating_permille);
    j.at("points").get_to(v.points);
}

// ---- User ----------------------------------------------------------------------------------------
void to_json(nlohmann::json& j, const User& v) {
    j = nlohmann::json{{"id", v.id},
                       {"username", v.username},
                       {"display_name", v.display_name},
                       {"role", v.role},
                       {"active", v.active}};
    put_optional(j, "town_id", v.town_id);
    put_optional(j, "provider_id", v.provider_id);
}

void from_json(const nlohmann::json& j, User& v) {
    j.at("id").get_to(v.id);
    j.at("username").get_to(v.username);
    j.at("display_name").get_to(v.display_name);
    j.at("role").get_to(v.role);
    j.at("active").get_to(v.active);
    get_optional(j, "town_id", v.town_id);
    get_optional(j, "provider_id", v.provider_id);
}

// ---- WorkOrder -----------------------------------------------------------------------------------
void to_json(nlohmann::json& j, const WorkOrder& v) {
    j = nlohmann::json::object();
    j["id"] = v.id;
    j["code"] = v.code;
    j["channel"] = v.channel;
    j["type"] = v.type;
    j["categories"] = v.categories;
    put_optional(j, "elder_id", v.elder_id);
    j["town_id"] = v.town_id;
    put_optional(j, "provider_id", v.provider_id);
    j["status"] = v.status;
    j["urgency"] = v.urgency;
    j["description"] = v.description;
    j["created_at"] = timestamp_json(v.created_at);
    put_optional_timestamp(j, "dispatched_at", v.dispatched_at);
    put_optional_timestamp(j, "completed_at", v.completed_at);
    put_optional_timestamp(j, "closed_at", v.closed_at);
    put_optional(j, "satisfaction", v.satisfaction);
    put_optional_timestamp(j, "paused_since", v.paused_since);
    put_optional(j, "complaint_valid", v.complaint_valid);
    // Only once an SOS is acknowledged: orders that never were serialise as before (the demo stream's
    // fingerprint and stored JSON stay the same); readers treat a missing key as null.
    if (v.acknowledged_at) put_optional_timestamp(j, "acknowledged_at", v.acknowledged_at);
    if (v.acknowledged_by) put_optional(j, "acknowledged_by", v.acknowledged_by);
    // Only on a linked complaint, for the same reason.
    if (v.about_order_id) put_optional(j, "about_order_id", v.about_order_id);
    if (v.about_provider_id) put_optional(j, "about_provider_id", v.about_provider_id);
}

void from_json(const nlohmann::json& j, WorkOrder& v) {
    j.at("id").get_to(v.id);
    j.at("code").get_to(v.code);
    j.at("channel").get_to(v.channel);
    j.at("type").get_to(v.type);
    j.at("categories").get_to(v.categories);
    get_optional(j, "elder_id", v.elder_id);
    j.at("town_id").get_to(v.town_id);
    get_optional(j, "provider_id", v.provider_id);
    j.at("status").get_to(v.status);
    j.at("urgency").get_to(v.urgency);
    j.at("description").get_to(v.description);
    v.created_at = timestamp_from(j.at("created_at"));
    get_optional_timestamp(j, "dispatched_at", v.dispatched_at);
    get_optional_timestamp(j, "completed_at", v.completed_at);
    get_optional_timestamp(j, "closed_at", v.closed_at);
    get_optional(j, "satisfaction", v.satisfaction);
    get_optional_timestamp(j, "paused_since", v.paused_since);
    get_optional(j, "complaint_valid", v.complaint_valid);
    get_optional_timestamp(j, "acknowledged_at", v.acknowledged_at);
    get_optional(j, "acknowledged_by", v.acknowledged_by);
    get_optional(j, "about_order_id", v.about_order_id);
    get_optional(j, "about_provider_id", v.about_provider_id);
}

// ---- ServiceRecord -------------------------------------------------------------------------------
void to_json(nlohmann::json& j, const ServiceRecord& v) {
    j = nlohmann::json::object();
    j["id"] = v.id;
    j["provider_id"] = v.provider_id;
    j["elder_id"] = v.elder_id;
    put_optional(j, "order_id", v.order_id);
    j["category"] = v.category;
    j["caregiver"] = v.caregiver;
    j["started_at"] = timestamp_json(v.started_at);
    j["ended_at"] = timestamp_json(v.ended_at);
    j["location"] = v.location;
    j["price_basis"] = v.price_basis;
}

void from_json(const nlohmann::json& j, ServiceRecord& v) {
    j.at("id").get_to(v.id);
    j.at("provider_id").get_to(v.provider_id);
    j.at("elder_id").get_to(v.elder_id);
    get_optional(j, "order_id", v.order_id);
    j.at("category").get_to(v.category);
    j.at("caregiver").get_to(v.caregiver);
    v.started_at = timestamp_from(j.at("started_at"));
    v.ended_at = timestamp_from(j.at("ended_at"));
    j.at("location").get_to(v.location);
    j.at("price_basis").get_to(v.price_basis);
}

}  // namespace yiyang
