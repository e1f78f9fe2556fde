// Who may see what: the masking and scoping policy for personal data, by role (DOMAIN.md "Actors and roles").
// The server applies it before anything leaves; the client only draws what it was sent.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>
#include "yiyang/records.hpp"

namespace yiyang {

struct Viewer {
    Role role = Role::Kiosk;
    Id user_id = 0;
    std::optional<Id> town_id;
    std::optional<Id> provider_id;
};

enum class ElderScope { All, OwnTown, ServedByOwnProvider, None };

struct ElderFieldPolicy {
    ElderScope scope = ElderScope::None;
    bool full_id_number = false;
    bool full_phone = false;
    bool full_name = false;
    bool full_address = false;
    bool health = false;
    bool can_edit = false;
    bool can_create = false;
};

ElderFieldPolicy elder_policy(Role role);
// The elder as this viewer may see it: masked fields replaced by their masked forms, health cleared, and
// for a viewer that sees the ID number masked the birth date replaced by the age on `today` (whole years):
// nothing sent beside a mask may give back what the mask hides (identity.cpp mask_resident_id).
Elder redact_elder(const Elder& e, const ElderFieldPolicy& p, const Date& today);
// The provider as this role may see it: the kiosk (public screens) gets public fields only — no contact
// phone (often a person's mobile).
Provider redact_provider(const Provider& p, Role role);
// May this viewer read/edit this particular elder (scope check; provider scope is decided by the caller,
// who knows whether the provider has served the elder: pass served_by_viewer).
bool may_read_elder(const Viewer& v, const Elder& e, bool served_by_viewer);
bool may_edit_elder(const Viewer& v, const Elder& e);

// ---- What a role may do: the one table of permissions (routes declare one; the router enforces it) -------
// Row-level scope (own town, own provider, served elders) is decided by the policies above and the handlers;
// this answers only "may this role call it at all".
enum class Permission {
    ReadOverview,        // aggregated home figures (every role, kiosks included)
    ReadReference,       // towns, communities, providers (public fields for kiosks)
    ReadElders,          // elder records, masked by role and scoped
    WriteElders,         // register and edit elders
    ReadElderHistory,    // who changed an elder record, when and why
    RevealMasked,        // show one masked field in full (audited, with a reason)
    LookupCaller,        // who is calling: whole phone or ID number (audited)
    ReadOrders,          // work orders, scoped by role
    CreateOrders,        // register a work order (工单受理)
    ActOnOrders,         // lifecycle actions (each action's own roles: order_lifecycle.hpp)
    RankProviders,       // dispatch candidates
    ReadLive,            // the live feed of order changes
    ReadWatch,           // the watch list of running clocks (督办)
    ReadKpis,            // indicators and their drill-down
    ReadCallKpis,        // the indicators counted from call records
    ReadCalls,           // call records
    ImportCalls,         // import a call-detail file
    ReadKnowledge,       // the knowledge base
    WriteKnowledge,      // write, edit, archive articles
    ReadRules,           // rule versions in force and planned
    PublishRules,        // publish a new rule version
    AttachEvidence,      // add service photos to an order (the provider of the order, own orders only)
    ViewEvidence,        // see an order's service photos (scoped as the order: town own town, provider own orders)
    ImportLists,         // import the verification lists (subscribers, service records, cremations, checks, callbacks)
    LinkComplaints,      // change what a complaint is about (被投诉工单/服务商), with a reason (supervisors judge them)
    ReadVerification,    // the quarterly verification figures (核查) and the people behind them; a town user its town
    DecideVerification,  // decide flagged service records, confirm name mismatches, record family contacts, draw samples
    AnswerFlags,         // a provider reads its own flagged service records and answers each
    RecordCallbacks,     // work the callback list: record each sampled subject's call outcome and answers
    SignVerification,    // sign the district's quarterly report (seals the quarter), open a correction
    CountersignVerification,   // countersign or return a signed quarterly report (the bureau leader)
    ReadAssessment,      // the stored monthly assessments (考核); a provider its own, once signed
    ScoreAssessment,     // open a month, fill and sign one's own department's sheet (the leader: the review)
    SignAssessment,      // sign a month's assessment as a whole (the bureau leader)
    ReadContracts,       // service contracts, their payment schedule and the annual evaluation (provider: its own)
    WriteContracts,      // register a contract, record a payment (advance / balance)
    Settle,              // monthly settlement statements (结算): drafts, sign, supplements, answer objections
    ReadSettlement,      // read settlement statements: + the leader; a provider only its own signed ones (handlers)
    ObjectToSettlement,  // a provider files an objection (申诉) to its own signed statement within the deadline
    ReadCoverage,        // map: the service map's aggregates (15-minute circle, density cells) — every role, kiosks too
    ManageKiosks,        // issue 12 (kiosk-devices): register kiosk devices, revoke them, re-issue their tokens
    ResetDemo,           // issue 12 part demo: reset the open-day demo's data to its pristine copy (a real administrator)
    // issue 12, part visits: the exhibition hall (展厅参观预约, 市民开放日)
    ReadVisits,          // the hall's slots, bookings, open days and registrations (contacts masked without ManageVisits)
    ManageVisits,        // slots, open days; approve / decline / cancel bookings (the staff who run the hall: full contacts)
    CheckInVisits,       // check a booking or registration in by its code (the hall's staff and its kiosks)
    // issue 13: supervision and reports
    ReadTargetTable,     // the contract's target table (绩效目标表), city-wide: the centre's managers and the bureau
    // issue 13, activity records (工作台账): the evidence behind the target table's entered items
    ReadActivities,      // the activity records and their evidence files (the desk; the leader reads)
    RecordActivities,    // enter a record, correct a returned one, upload its evidence (agents and supervisors)
    ApproveActivities,   // approve or return a record entered by someone else (supervisors)
    // issue 13, providers: provider supervision (服务商监管)
    ReadProviderSupervision,   // the providers' evaluations, key-information checks and status (the desk, the leader)
    SuperviseProviders,        // evaluate and sign, confirm a 差's warning / removal, record key-information checks
    // issue 13, part inspections: institution inspections (机构巡查), star rating, caregiver review
    ReadInspections,     // the inspection-rate table, inspections, rectifications, star ratings, caregiver reviews
    Inspect,             // record an inspection and re-check a rectification (a town user: its own town's institutions)
    SignReviews,         // sign a quarter's star rating of a community centre or a caregiver's review (the supervisor)
    // issue 13, part reports: 月度运营分析报告, 项目总结报告, 调查分析报告
    ReadReports,         // the operation reports (figures, drafts, signed files): the centre's staff and the bureau
    SignReports,         // save the 问题与建议 draft and sign a report (a supervisor; a second signature is a supplement)
    CountersignReports,  // countersign (会签) or return (退回) a signed operation report (the bureau leader)
};

// A set of roles, for declarations and documentation.
class RoleSet {
public:
    constexpr RoleSet() = default;
    constexpr RoleSet(std::initializer_list<Role> roles) {
        for (Role r : roles) bits_ |= bit(r);
    }
    constexpr bool has(Role r) const { return (bits_ & bit(r)) != 0; }
    constexpr bool empty() const { return bits_ == 0; }
    std::vector<Role> roles() const;
    // "admin, supervisor, agent" (role codes, in the order of the Role enum).
    std::string codes() const;
    constexpr bool operator==(const RoleSet& o) const { return bits_ == o.bits_; }

private:
    static constexpr std::uint8_t bit(Role r) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(r)); }
    std::uint8_t bits_ = 0;
};

RoleSet roles_with(Permission p);
inline bool may(Role role, Permission p) { return roles_with(p).has(role); }
// Stable code and Chinese label of a permission ("read_elders", "查看老人档案"), for documents and 403 messages.
const char* code(Permission p);
const char* label_zh(Permission p);
// Every permission, in declaration order (tests and the OpenAPI document walk it).
const std::vector<Permission>& all_permissions();

}  // namespace yiyang

// ---- screens: which dashboard screens a role has ---------------------------------------------------
// One list for both sides: the dashboard builds its navigation from it and refuses to open the others; the server
// may hand it out. The screens before sign-in (sign-in, first password change) belong to no role and are not here.
// The client's screen table (client_wasm/app/screens.cpp) maps each code to its title, layout and draw function.
#include <string_view>
#include <vector>

namespace yiyang {

enum class ScreenCode {
    Home,          // 首页 (every role, the kiosk's aggregates too)
    Intake,        // 来电受理
    Orders,        // 工单
    OrderDetail,   // 工单详情
    Watch,         // 督办
    Kpis,          // 绩效指标
    Knowledge,     // 知识库
    Calls,         // 通话记录 (whoever reads call records: read_calls)
    ElderList,     // 服务对象
    ElderProfile,  // 服务对象档案
    Rules,         // 规则管理
    Verification,  // 季度核查 (whoever reads the figures, answers flags or works the callback list)
    Assessment,    // 考核: the what-if (whoever reads the rules) and the stored months (read_assessment)
    Settlement,    // 结算 (whoever reads settlement: read_settlement; a provider its own signed statements)
    Contracts,     // 合同与年度 (whoever reads contracts: read_contracts; a provider its own)
    ServiceMap,    // map: 服务地图 (the desk, towns, leaders; not providers, not the kiosk's framed dashboard)
    KioskDevices,  // 展厅设备 (issue 12, kiosk-devices: whoever manages kiosks: manage_kiosks)
    Exhibition,    // 展厅 (issue 12, part visits: whoever reads the hall's bookings: read_visits)
    TargetTable,   // 绩效目标表 (issue 13: read_target_table)
    Activities,    // 工作台账 (issue 13, activity records: read_activities)
    ProviderSupervision,   // 服务商监管 (issue 13, providers: read_provider_supervision)
    Inspections,   // 巡查 (issue 13, part inspections: whoever reads inspections: read_inspections)
    Reports,       // 报表 (issue 13, part reports: whoever reads the operation reports: read_reports)
};
const char* code(ScreenCode s);                                  // stable: "home", "intake", ...
std::optional<ScreenCode> parse_screen_code(std::string_view code);
const std::vector<ScreenCode>& all_screen_codes();               // in navigation order
// The screens this role has, in navigation order.
std::vector<ScreenCode> screens_for(Role role);
bool may_open_screen(Role role, ScreenCode screen);

}  // namespace yiyang
