// Tests for the personal-data policy (yiyang/access.hpp): each role's view of one elder, the kiosk that sees
// nothing personal, and the town and provider scopes for reading and editing.
#include <catch2/catch.hpp>

#include "yiyang/access.hpp"
#include "yiyang/identity.hpp"

#include <set>
#include <string>

namespace test_access {

using namespace yiyang;

namespace {

const Date kToday{2026, 3, 14};   // the day before the sample's 78th birthday

Elder sample() {
    Elder e;
    e.id = 7;
    e.name = "陈美好";
    e.id_number = "44200019480315002" + std::string(1, resident_id_check_char("44200019480315002"));
    e.birth_date = Date{1948, 3, 15};
    e.sex = "female";
    e.phone = "13800138000";
    e.town_id = 2;
    e.community = "库充社区";
    e.address = "中山市东区街道库充社区兴中路8号";
    e.categories = {ElderCategory::Disabled, ElderCategory::LivingAlone};
    e.disability = DisabilityLevel::Severe;
    e.status = ElderStatus::Active;
    e.health_notes = "脑卒中后遗症";
    e.enrolments = {Enrolment{"home_visit", Date{2025, 1, 1}, std::nullopt, ""}};
    e.home = GeoPoint{22517000, 113408000};
    e.version = 4;
    return e;
}

Viewer viewer(Role role, std::optional<Id> town = std::nullopt, std::optional<Id> provider = std::nullopt) {
    Viewer v;
    v.role = role;
    v.user_id = 100;
    v.town_id = town;
    v.provider_id = provider;
    return v;
}

}  // namespace

TEST_CASE("admin and supervisor see and change everything", "[access]") {
    const Elder e = sample();
    for (Role role : {Role::Admin, Role::Supervisor}) {
        const ElderFieldPolicy p = elder_policy(role);
        CHECK(p.scope == ElderScope::All);
        CHECK(p.full_id_number);
        CHECK(p.full_phone);
        CHECK(p.full_name);
        CHECK(p.full_address);
        CHECK(p.health);
        CHECK(p.can_edit);
        CHECK(p.can_create);
        const Elder seen = redact_elder(e, p, kToday);
        CHECK(seen.id_number == e.id_number);
        CHECK(seen.phone == e.phone);
        CHECK(seen.health_notes == e.health_notes);
        CHECK(seen.home == e.home);
        CHECK(may_read_elder(viewer(role), e, false));
        CHECK(may_edit_elder(viewer(role), e));
    }
}

TEST_CASE("agent: names and addresses to dispatch, ID and phone masked, no health", "[access]") {
    const Elder e = sample();
    const ElderFieldPolicy p = elder_policy(Role::Agent);
    CHECK(p.scope == ElderScope::All);
    CHECK(p.can_create);
    CHECK(p.can_edit);
    const Elder seen = redact_elder(e, p, kToday);
    CHECK(seen.name == "陈美好");
    CHECK(seen.address == e.address);
    CHECK(seen.id_number == mask_resident_id(e.id_number));
    CHECK(seen.id_number.find("19480315") == std::string::npos);
    CHECK(seen.phone == "138****8000");
    CHECK(seen.health_notes.empty());
    CHECK(seen.categories == e.categories);   // categories decide the service, they stay
    CHECK(may_read_elder(viewer(Role::Agent), e, false));
    CHECK(may_edit_elder(viewer(Role::Agent), e));
}

TEST_CASE("town staff: their own town only, in full", "[access]") {
    const Elder e = sample();   // town 2
    const ElderFieldPolicy p = elder_policy(Role::Town);
    CHECK(p.scope == ElderScope::OwnTown);
    const Elder seen = redact_elder(e, p, kToday);
    CHECK(seen.id_number == e.id_number);
    CHECK(seen.phone == e.phone);
    CHECK(seen.health_notes == e.health_notes);
    CHECK(may_read_elder(viewer(Role::Town, Id{2}), e, false));
    CHECK(may_edit_elder(viewer(Role::Town, Id{2}), e));
    CHECK_FALSE(may_read_elder(viewer(Role::Town, Id{3}), e, false));
    CHECK_FALSE(may_edit_elder(viewer(Role::Town, Id{3}), e));
    CHECK_FALSE(may_read_elder(viewer(Role::Town), e, true));   // a town user without a town sees nobody
}

TEST_CASE("provider: only people they serve, ID masked, no health, no changes", "[access]") {
    const Elder e = sample();
    const ElderFieldPolicy p = elder_policy(Role::Provider);
    CHECK(p.scope == ElderScope::ServedByOwnProvider);
    CHECK_FALSE(p.can_edit);
    CHECK_FALSE(p.can_create);
    const Elder seen = redact_elder(e, p, kToday);
    CHECK(seen.name == e.name);
    CHECK(seen.phone == e.phone);
    CHECK(seen.address == e.address);
    CHECK(seen.id_number == mask_resident_id(e.id_number));
    CHECK(seen.health_notes.empty());
    CHECK(may_read_elder(viewer(Role::Provider, std::nullopt, Id{5}), e, true));
    CHECK_FALSE(may_read_elder(viewer(Role::Provider, std::nullopt, Id{5}), e, false));
    CHECK_FALSE(may_read_elder(viewer(Role::Provider), e, true));   // no provider on the account
    CHECK_FALSE(may_edit_elder(viewer(Role::Provider, std::nullopt, Id{5}), e));
}

TEST_CASE("kiosk sees nothing personal", "[access]") {
    const Elder e = sample();
    const ElderFieldPolicy p = elder_policy(Role::Kiosk);
    CHECK(p.scope == ElderScope::None);
    CHECK_FALSE(p.full_id_number);
    CHECK_FALSE(p.full_phone);
    CHECK_FALSE(p.full_name);
    CHECK_FALSE(p.full_address);
    CHECK_FALSE(p.health);
    CHECK_FALSE(p.can_edit);
    CHECK_FALSE(p.can_create);
    CHECK_FALSE(may_read_elder(viewer(Role::Kiosk), e, true));
    CHECK_FALSE(may_edit_elder(viewer(Role::Kiosk), e));

    const Elder seen = redact_elder(e, p, kToday);
    CHECK(seen.name.empty());
    CHECK(seen.id_number.empty());
    CHECK(seen.phone.empty());
    CHECK(seen.address.empty());
    CHECK(seen.community.empty());
    CHECK(seen.health_notes.empty());
    CHECK(seen.sex.empty());
    CHECK(seen.birth_date == Date{});
    CHECK(seen.categories.empty());
    CHECK(seen.disability == DisabilityLevel::None);
    CHECK(seen.enrolments.empty());
    CHECK(seen.home == GeoPoint{});
    const std::string dump = nlohmann::json(seen).dump();
    CHECK(dump.find("陈") == std::string::npos);
    CHECK(dump.find("13800138000") == std::string::npos);
    CHECK(dump.find("1948") == std::string::npos);
}

TEST_CASE("masked fields in a custom policy: name and address", "[access]") {
    ElderFieldPolicy p = elder_policy(Role::Admin);
    p.full_name = false;
    p.full_address = false;
    const Elder seen = redact_elder(sample(), p, kToday);
    CHECK(seen.name == "陈*好");
    CHECK(seen.address == mask_address(sample().address));
    CHECK(seen.home == GeoPoint{});   // coordinates would give the address away

    Elder no_phone = sample();
    no_phone.phone.clear();
    CHECK(redact_elder(no_phone, elder_policy(Role::Agent), kToday).phone.empty());
}

TEST_CASE("roles that see the ID masked get the age, never the birth date", "[access]") {
    const Elder e = sample();
    for (Role role : {Role::Agent, Role::Provider}) {
        const Elder seen = redact_elder(e, elder_policy(role), kToday);
        REQUIRE(seen.age);
        CHECK(*seen.age == 77);                          // 78 only from tomorrow
        CHECK(*redact_elder(e, elder_policy(role), Date{2026, 3, 15}).age == 78);
        CHECK(seen.birth_date == Date{});
        const nlohmann::json j = seen;
        CHECK_FALSE(j.contains("birth_date"));
        CHECK(j["age"] == 77);
        CHECK(j.dump().find("1948") == std::string::npos);
        CHECK(j.dump().find("0315") == std::string::npos);
        // The client reads it back without a birth date.
        const Elder back = j.get<Elder>();
        CHECK(back.age == 77);
    }
    for (Role role : {Role::Admin, Role::Supervisor, Role::Town}) {
        const Elder seen = redact_elder(e, elder_policy(role), kToday);
        CHECK_FALSE(seen.age);
        CHECK(seen.birth_date == e.birth_date);
        const nlohmann::json j = seen;
        CHECK(j["birth_date"] == "1948-03-15");
        CHECK_FALSE(j.contains("age"));
    }
}

TEST_CASE("the kiosk gets providers without contact phones", "[access]") {
    Provider p;
    p.id = 3;
    p.name = "石岐颐康居家养老服务中心";
    p.contact_phone = "13912345678";
    CHECK(redact_provider(p, Role::Kiosk).contact_phone.empty());
    CHECK(redact_provider(p, Role::Kiosk).name == p.name);
    for (Role role : {Role::Admin, Role::Supervisor, Role::Agent, Role::Town, Role::Provider}) {
        CHECK(redact_provider(p, role).contact_phone == "13912345678");
    }
}

TEST_CASE("permissions: one table, kiosks read aggregates only, publishing rules is the administrator's", "[access]") {
    using yiyang::Permission;
    using yiyang::Role;
    // The kiosk (exhibition hall) holds only the public permissions — and checks visitors in by their code
    // (issue 12: the reply carries no personal data).
    for (auto p : yiyang::all_permissions()) {
        const bool public_one = p == Permission::ReadOverview || p == Permission::ReadReference ||
                                p == Permission::ReadCoverage ||   // map: aggregates, small cells suppressed
                                p == Permission::CheckInVisits;    // visits: a hall's kiosk checks visitors in
        CHECK(yiyang::may(Role::Kiosk, p) == public_one);
        CHECK(!yiyang::roles_with(p).empty());
        CHECK(std::string(yiyang::code(p)).size() > 3);
        CHECK(std::string(yiyang::label_zh(p)).size() > 3);
    }
    CHECK(yiyang::roles_with(Permission::PublishRules) == yiyang::RoleSet{Role::Admin});
    CHECK(yiyang::roles_with(Permission::ImportCalls).codes() == "admin, supervisor");
    CHECK(!yiyang::may(Role::Provider, Permission::WriteElders));
    CHECK(yiyang::may(Role::Town, Permission::WriteElders));
    CHECK(!yiyang::may(Role::Town, Permission::CreateOrders));
    CHECK(yiyang::may(Role::Agent, Permission::RevealMasked));
    // Codes are unique (the OpenAPI document and 403s use them).
    std::set<std::string> codes;
    for (auto p : yiyang::all_permissions()) CHECK(codes.insert(yiyang::code(p)).second);
    CHECK(codes.size() == 57);   // + read_coverage, manage_kiosks, reset_demo, read/manage/check_in visits (issue 12)
                                 // + read_target_table, read/record/approve activities, read_provider_supervision,
                                 //   supervise_providers, read_inspections, inspect, sign_reviews, read_reports, sign_reports,
                                 //   countersign_reports (issue 13)
    // Resetting the open-day demo is a real administrator's (issue 12 part demo): no visitor role has it.
    CHECK(yiyang::roles_with(Permission::ResetDemo) == yiyang::RoleSet{Role::Admin});
    // The quarterly verification figures: supervisors and admins, town users (their own town: the route forces it).
    CHECK(yiyang::roles_with(Permission::ReadVerification).codes() == "admin, supervisor, town, leader");
    // Sign-off: supervisors (and admins) sign, the bureau leader countersigns or returns — never the same role.
    CHECK(yiyang::roles_with(Permission::SignVerification).codes() == "admin, supervisor");
    CHECK(yiyang::roles_with(Permission::CountersignVerification).codes() == "leader");
    // The operation reports likewise (issue 13): the supervisor signs, the leader reads and countersigns or returns.
    CHECK(yiyang::roles_with(Permission::SignReports).codes() == "admin, supervisor");
    CHECK(yiyang::roles_with(Permission::CountersignReports).codes() == "leader");
    CHECK(yiyang::may(Role::Leader, Permission::ReadReports));
    // Settlement (结算): supervisors and admins settle; the leader and providers (own signed only: the routes) read;
    // only a provider objects; kiosks nothing.
    CHECK(yiyang::roles_with(Permission::Settle).codes() == "admin, supervisor");
    CHECK(yiyang::roles_with(Permission::ReadSettlement).codes() == "admin, supervisor, provider, leader");
    CHECK(yiyang::roles_with(Permission::ObjectToSettlement).codes() == "provider");
    for (auto p : {Permission::Settle, Permission::ReadSettlement, Permission::ObjectToSettlement})
        CHECK(!yiyang::may(Role::Kiosk, p));
    // The leader is a reader of figures: nothing operational — beyond the monthly assessment's review (领导评价),
    // which the leader fills and signs, and the month signed as a whole.
    for (auto p : yiyang::all_permissions()) {
        const bool leaders = p == Permission::ReadOverview || p == Permission::ReadReference ||
                             p == Permission::ReadVerification || p == Permission::CountersignVerification ||
                             p == Permission::ReadAssessment || p == Permission::ScoreAssessment ||
                             p == Permission::SignAssessment || p == Permission::ReadContracts ||
                             p == Permission::ReadSettlement || p == Permission::ReadCoverage || p == Permission::ReadVisits ||
                             p == Permission::ReadActivities || p == Permission::ReadProviderSupervision ||
                             p == Permission::ReadTargetTable || p == Permission::ReadInspections ||
                             p == Permission::ReadReports || p == Permission::CountersignReports;
        CHECK(yiyang::may(Role::Leader, p) == leaders);
    }
    CHECK(yiyang::roles_with(Permission::ImportLists).codes() == "admin, supervisor");
    // Inspections (issue 13): supervisors and town staff inspect; the leader reads; the supervisor signs reviews.
    CHECK(yiyang::roles_with(Permission::Inspect).codes() == "admin, supervisor, town");
    CHECK(yiyang::roles_with(Permission::ReadInspections).codes() == "admin, supervisor, town, leader");
    CHECK(yiyang::roles_with(Permission::SignReviews).codes() == "admin, supervisor");
    // The monthly assessment: departments' supervisors and the leader score; only the leader signs the whole;
    // providers read their own signed months (the routes scope them).
    CHECK(yiyang::roles_with(Permission::ScoreAssessment).codes() == "supervisor, leader");
    CHECK(yiyang::roles_with(Permission::SignAssessment).codes() == "leader");
    CHECK(yiyang::roles_with(Permission::ReadAssessment).codes() == "admin, supervisor, provider, leader");
    // What a complaint is about is changed by those who judge complaints (supervisors; admins).
    CHECK(yiyang::roles_with(Permission::LinkComplaints).codes() == "admin, supervisor");
    // Evidence photos: only a provider attaches (its own orders: shared may_attach_evidence); agents do not see them.
    CHECK(yiyang::roles_with(Permission::AttachEvidence) == yiyang::RoleSet{Role::Provider});
    CHECK(yiyang::roles_with(Permission::ViewEvidence).codes() == "admin, supervisor, town, provider");
    // Contracts and the year: supervisors and admins write; the leader reads; a provider reads its own (the route).
    CHECK(yiyang::roles_with(Permission::WriteContracts).codes() == "admin, supervisor");
    CHECK(yiyang::roles_with(Permission::ReadContracts).codes() == "admin, supervisor, provider, leader");
    // The exhibition hall (issue 12): the dispatch centre runs it (contacts in full), the leader reads it masked,
    // the hall's kiosks check visitors in.
    CHECK(yiyang::roles_with(Permission::ManageVisits).codes() == "admin, supervisor, agent");
    CHECK(yiyang::roles_with(Permission::ReadVisits).codes() == "admin, supervisor, agent, leader");
    CHECK(yiyang::roles_with(Permission::CheckInVisits).codes() == "admin, supervisor, agent, kiosk");
    // Activity records (issue 13): the desk enters, supervisors approve (never their own: the route), the leader reads.
    CHECK(yiyang::roles_with(Permission::RecordActivities).codes() == "admin, supervisor, agent");
    CHECK(yiyang::roles_with(Permission::ApproveActivities).codes() == "admin, supervisor");
    CHECK(yiyang::roles_with(Permission::ReadActivities).codes() == "admin, supervisor, agent, leader");
}

// ---- screens_for / may_open_screen (access.hpp "screens") -----------------------------------------------
namespace {
std::vector<std::string> screen_codes(Role role) {
    std::vector<std::string> out;
    for (ScreenCode s : screens_for(role)) out.emplace_back(code(s));
    return out;
}
}  // namespace

TEST_CASE("screens per role: the desk, towns, providers, the kiosk", "[access][screens]") {
    using V = std::vector<std::string>;
    CHECK(screen_codes(Role::Admin) == V{"home", "intake", "orders", "order_detail", "watch", "kpis", "knowledge",
                                         "calls", "elder_list", "elder_profile", "rules", "verification", "assessment",
                                         "settlement", "contracts", "service_map", "kiosk_devices", "exhibition",
                                         "target_table", "activities", "provider_supervision", "inspections", "reports"});
    CHECK(screen_codes(Role::Supervisor) == V{"home", "intake", "orders", "order_detail", "watch", "kpis",
                                              "knowledge", "calls", "elder_list", "elder_profile", "verification",
                                              "assessment", "settlement", "contracts", "service_map", "exhibition",
                                              "target_table", "activities", "provider_supervision", "inspections", "reports"});
    CHECK(screen_codes(Role::Agent) == V{"home", "intake", "orders", "order_detail", "watch", "kpis", "knowledge",
                                         "calls", "elder_list", "elder_profile", "verification", "service_map", "exhibition",
                                         "activities", "provider_supervision"});
    CHECK(screen_codes(Role::Town) == V{"home", "orders", "order_detail", "watch", "kpis", "elder_list",
                                        "elder_profile", "verification", "service_map", "inspections"});
    CHECK(screen_codes(Role::Provider) == V{"home", "orders", "order_detail", "kpis", "elder_list",
                                            "elder_profile", "verification", "assessment", "settlement", "contracts"});
    CHECK(screen_codes(Role::Kiosk) == V{"home"});
    CHECK(screen_codes(Role::Leader) == V{"home", "verification", "assessment", "settlement", "contracts", "service_map", "exhibition",
                                          "target_table", "activities", "provider_supervision", "inspections", "reports"});
}

TEST_CASE("the kiosk has no staff screen; an agent has no 规则管理", "[access][screens]") {
    for (ScreenCode s : all_screen_codes()) {
        CHECK(may_open_screen(Role::Kiosk, s) == (s == ScreenCode::Home));
    }
    CHECK_FALSE(may_open_screen(Role::Agent, ScreenCode::Rules));
    CHECK_FALSE(may_open_screen(Role::Supervisor, ScreenCode::Rules));
    CHECK(may_open_screen(Role::Admin, ScreenCode::Rules));
    CHECK_FALSE(may_open_screen(Role::Provider, ScreenCode::Intake));
    CHECK_FALSE(may_open_screen(Role::Town, ScreenCode::Knowledge));
    for (Role r : all_Roles()) CHECK(may_open_screen(r, ScreenCode::Calls) == may(r, Permission::ReadCalls));
    // 展厅设备 (issue 12): the administrator's alone, as managing kiosks is.
    for (Role r : all_Roles()) CHECK(may_open_screen(r, ScreenCode::KioskDevices) == (r == Role::Admin));
    for (Role r : all_Roles()) CHECK(may(r, Permission::ManageKiosks) == (r == Role::Admin));
}

TEST_CASE("the elder screens follow the personal-data policy", "[access][screens]") {
    for (Role r : all_Roles()) {
        const bool reads_elders = elder_policy(r).scope != ElderScope::None;
        CHECK(may_open_screen(r, ScreenCode::ElderList) == reads_elders);
        CHECK(may_open_screen(r, ScreenCode::ElderProfile) == reads_elders);
    }
}

TEST_CASE("screen codes are stable and parse back", "[access][screens]") {
    CHECK(all_screen_codes().size() == 23);   // + target_table, activities, provider_supervision, inspections, reports (issue 13)
    for (ScreenCode s : all_screen_codes()) {
        REQUIRE(parse_screen_code(code(s)).has_value());
        CHECK(*parse_screen_code(code(s)) == s);
    }
    CHECK(std::string(code(ScreenCode::OrderDetail)) == "order_detail");
    CHECK_FALSE(parse_screen_code("sign_in").has_value());
    CHECK_FALSE(parse_screen_code("").has_value());
}

}  // namespace test_access
