// The core records of the domain (DOMAIN.md "Core records"): towns, elders, providers, service points,
// users and roles, work orders and service records. Enums serialise as stable lower-case strings
// (the wire format and the database both use these codes); Chinese labels are for display only.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "yiyang/date.hpp"
#include "yiyang/money.hpp"

namespace yiyang {

using Id = std::int64_t;

// ---- Roles ---------------------------------------------------------------------------------------
// Leader (局领导): the bureau leader — reads the verification figures of every town and countersigns or returns the
// signed quarterly report; nothing operational (appended last: role codes, not numbers, are stored).
enum class Role { Admin, Supervisor, Agent, Town, Provider, Kiosk, Leader };

// ---- Elder categories (困难情形 / 服务对象类别) ------------------------------------------------------
enum class ElderCategory {
    Subsistence,     // 低保 dibao
    ExtremePoverty,  // 特困 tekun
    Marginal,        // 低边 dibian
    LivingAlone,     // 独居 dujiu
    EmptyNest,       // 空巢 kongchao
    LeftBehind,      // 留守 liushou
    Disabled,        // 失能 shineng (see DisabilityLevel)
    Handicapped,     // 残疾 canji
    AdvancedAge,     // 高龄 gaoling (80+)
};
enum class DisabilityLevel { None, Mild, Moderate, Severe, Complete };   // 无/轻度/中度/重度/完全
enum class ElderStatus { Active, Suspended, Removed, Deceased };          // 在册/暂停/核减/死亡

// ---- Service categories --------------------------------------------------------------------------
enum class ServiceCategory {
    Meals, Bathing, Cleaning, Laundry, Mobility, MedicalEscort, Emergency, Shopping, Companionship,
    Rehabilitation, DailyCare, DayCare, Respite, HomeVisit, Assessment, Errands, HealthMonitoring,
    DataCollection,
};
enum class ProviderStatus { Active, Warned, Removed };                    // 正常/预警/清退

// ---- Work orders ---------------------------------------------------------------------------------
enum class Channel { Hotline, Referral12345, PublicPortal, WalkIn, ProviderReport };
enum class OrderType { Consultation, Booking, Referral, Callback, Complaint, Suggestion, Emergency };
enum class OrderStatus {
    Received, AnsweredOnSpot, Dispatched, Accepted, InService, Completed, Reviewed, CalledBack, Closed,
    Cancelled,
    Escalated,    // 已升级: nobody accepted it in time; a supervisor re-dispatches (order_lifecycle.hpp)
    Rectifying,   // 整改中: an unsatisfied callback or a valid complaint opened a rectification to be closed
};
enum class Urgency { Normal, Urgent, Emergency };

// Every enum: code (stable string), Chinese label, parse from code, and the list of all values in order.
#define YIYANG_ENUM_API(E)                                                   \
    const char* code(E v);                                                   \
    const char* label_zh(E v);                                               \
    std::optional<E> parse_##E(std::string_view code);                       \
    const std::vector<E>& all_##E##s();                                      \
    void to_json(nlohmann::json& j, const E& v);                             \
    void from_json(const nlohmann::json& j, E& v);
YIYANG_ENUM_API(Role)
YIYANG_ENUM_API(ElderCategory)
YIYANG_ENUM_API(DisabilityLevel)
YIYANG_ENUM_API(ElderStatus)
YIYANG_ENUM_API(ServiceCategory)
YIYANG_ENUM_API(ProviderStatus)
YIYANG_ENUM_API(Channel)
YIYANG_ENUM_API(OrderType)
YIYANG_ENUM_API(OrderStatus)
YIYANG_ENUM_API(Urgency)
#undef YIYANG_ENUM_API

struct GeoPoint {
    // Micro-degrees (integers keep both builds identical): 22.517 N -> 22517000.
    std::int32_t lat_e6 = 0;
    std::int32_t lon_e6 = 0;
    friend auto operator<=>(const GeoPoint&, const GeoPoint&) = default;
};
// Great-circle distance in metres, rounded to the metre (uses <cmath>; deterministic enough for ranking,
// never used for money).
std::int64_t distance_m(const GeoPoint& a, const GeoPoint& b);

struct Town {                       // 镇街
    Id id = 0;
    std::string code;               // "shiqi"
    std::string name;               // 石岐街道
    bool is_street = false;         // 街道 vs 镇
    GeoPoint centre;
    std::vector<std::string> communities;   // 村（社区）
};

struct Enrolment {                  // which programme an elder is in, from when to when
    std::string programme;          // "home_visit" (居家上门), "info_service" (信息化服务), "physical_service"
    Date from;
    std::optional<Date> to;         // the day it ended (拆机日期); not billed in that month (info_service_fees.hpp)
    std::string reason;             // why it ended (拆机原因); JSON "reason", only when set
};

struct Elder {                      // 服务对象
    Id id = 0;
    std::string name;
    std::string id_number;          // 18-digit resident ID
    Date birth_date;                // derived from id_number
    // Sent instead of birth_date to roles that see the ID number masked (access.hpp redact_elder): the
    // birth date would give back the digits the mask hides. Whole years on the day of the reply. When set,
    // birth_date is not meaningful (left default) and the JSON carries "age" and no "birth_date".
    std::optional<int> age;
    std::string sex;                // "male" | "female", derived
    std::string phone;
    Id town_id = 0;
    std::string community;          // 村（社区）
    std::string address;
    std::set<ElderCategory> categories;
    DisabilityLevel disability = DisabilityLevel::None;
    std::string subsidy_tier;       // "" | "a" | "b" | "c"
    ElderStatus status = ElderStatus::Active;
    std::optional<Date> death_date;
    std::string health_notes;       // personal health data: never on kiosk/public screens or in logs
    std::vector<Enrolment> enrolments;
    GeoPoint home;
    std::int64_t version = 0;       // optimistic concurrency: bumped on each update
};

struct ServicePoint {               // 服务网点
    Id id = 0;
    Id provider_id = 0;
    std::string name;
    Id town_id = 0;
    std::string address;
    GeoPoint location;
};

struct Provider {                   // 服务商
    Id id = 0;
    std::string name;
    std::string licence_no;         // 统一社会信用代码 / 资质
    std::set<ServiceCategory> categories;
    std::set<Id> towns_covered;
    ProviderStatus status = ProviderStatus::Active;
    bool published_on_miniprogram = false;   // 小程序公开
    bool radiates_to_points = false;         // 服务产品辐射到养老服务网点
    std::string contact_phone;
    int staff_count = 0;
    int rating_permille = 0;        // evaluation 0..1000 (e.g. 862 = 86.2 %)
    std::vector<ServicePoint> points;
};

struct User {
    Id id = 0;
    std::string username;
    std::string display_name;
    Role role = Role::Agent;
    std::optional<Id> town_id;       // required for Role::Town
    std::optional<Id> provider_id;   // required for Role::Provider
    bool active = true;
};

struct WorkOrder {                  // 工单
    Id id = 0;
    std::string code;               // "GD202610230001"
    Channel channel = Channel::Hotline;
    OrderType type = OrderType::Consultation;
    std::set<ServiceCategory> categories;
    std::optional<Id> elder_id;
    Id town_id = 0;
    std::optional<Id> provider_id;
    OrderStatus status = OrderStatus::Received;
    Urgency urgency = Urgency::Normal;
    std::string description;
    LocalSeconds created_at = 0;
    std::optional<LocalSeconds> dispatched_at;
    std::optional<LocalSeconds> completed_at;
    std::optional<LocalSeconds> closed_at;
    std::optional<int> satisfaction;   // 1 非常满意 .. 5 很不满意 (county questionnaire, question 7)
    std::optional<LocalSeconds> paused_since;   // set while the clocks wait on the elder (暂停计时)
    std::optional<bool> complaint_valid;        // complaints only: the supervisor's judgement (有效/无效投诉)
    std::optional<LocalSeconds> acknowledged_at;   // emergencies: when a seat confirmed the SOS (确认接警)
    std::optional<Id> acknowledged_by;             // ... and which user did
    // Complaints only (投诉对象, order_request.hpp check_complaint_link): the earlier order the complaint is
    // about and the provider it is about (that order's provider, or one named alone by a caller who knows only
    // the company). Set at registration, changed later by a supervisor with a reason.
    std::optional<Id> about_order_id;
    std::optional<Id> about_provider_id;
};

struct ServiceRecord {              // 服务记录: one visit or session = one 人次
    Id id = 0;
    Id provider_id = 0;
    Id elder_id = 0;
    std::optional<Id> order_id;
    ServiceCategory category = ServiceCategory::DailyCare;
    std::string caregiver;
    LocalSeconds started_at = 0;
    LocalSeconds ended_at = 0;
    GeoPoint location;
    Fen price_basis = 0;            // unit price applied, in fen
};

void to_json(nlohmann::json& j, const GeoPoint& v);   void from_json(const nlohmann::json& j, GeoPoint& v);
void to_json(nlohmann::json& j, const Town& v);       void from_json(const nlohmann::json& j, Town& v);
void to_json(nlohmann::json& j, const Enrolment& v);  void from_json(const nlohmann::json& j, Enrolment& v);
void to_json(nlohmann::json& j, const Elder& v);      void from_json(const nlohmann::json& j, Elder& v);
void to_json(nlohmann::json& j, const ServicePoint& v); void from_json(const nlohmann::json& j, ServicePoint& v);
void to_json(nlohmann::json& j, const Provider& v);   void from_json(const nlohmann::json& j, Provider& v);
void to_json(nlohmann::json& j, const User& v);       void from_json(const nlohmann::json& j, User& v);
void to_json(nlohmann::json& j, const WorkOrder& v);  void from_json(const nlohmann::json& j, WorkOrder& v);
void to_json(nlohmann::json& j, const ServiceRecord& v); void from_json(const nlohmann::json& j, ServiceRecord& v);
void to_json(nlohmann::json& j, const Date& v);       void from_json(const nlohmann::json& j, Date& v);

}  // namespace yiyang
