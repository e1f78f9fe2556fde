// The dashboard's one state (AppState) and the intents panels return. Panels read a const AppState and
// return intents; only the App (app.hpp) changes the state, talks HTTP and calls the shared validation.
// Figures arrive computed by the server (shared/overview.hpp); the client keeps them as sent.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/records.hpp"
#include "yiyang/wire/overview.hpp"

#include "app/intake_state.hpp"
#include "app/live_state.hpp"
#include "app/nav_state.hpp"
#include "app/orders_state.hpp"
#include "app/complaint_state.hpp"
#include "app/evidence_state.hpp"
#include "app/rules_state.hpp"
#include "app/calls_state.hpp"
#include "app/verification_state.hpp"
#include "app/assessment_state.hpp"
#include "app/settlement_state.hpp"
#include "app/contracts_state.hpp"
#include "app/service_map_state.hpp"
#include "app/kiosk_devices_state.hpp"
#include "app/kiosk_state.hpp"
#include "app/demo_state.hpp"
#include "app/exhibition_state.hpp"
#include "app/target_table_state.hpp"
#include "app/activities_state.hpp"
#include "app/provider_supervision_state.hpp"   // issue 13, providers
#include "app/inspections_state.hpp"
#include "app/reports_state.hpp"

namespace yiyang::client {

enum class Screen {
    Loading, SignIn, ChangePassword, Home, ElderList, ElderProfile,
    Intake,        // 受理: caller lookup + new order + knowledge panel (app/intake.cpp)
    Orders,        // 工单: list (app/orders.cpp)
    OrderDetail,   // 工单详情: clocks, history, actions (app/orders.cpp)
    Watch,         // 督办: overdue / due soon by town and provider (app/live.cpp)
    Kpis,          // 指标: indicators with targets and drill-down (app/live.cpp)
    Knowledge,     // 知识库: search and (supervisors) edit articles (app/intake.cpp)
    Rules,         // 规则管理: rule versions, preview and publish (administrators; app/rules.cpp)
    Calls,         // 通话记录: the call list with filters, sort, paging, export (app/calls.cpp)
    Verification,  // 核查: list imports and the quarter report (app/verification.cpp)
    Assessment,    // 考核: the month's what-if (app/assessment.cpp)
    Settlement,    // 结算: the month's statements (app/settlement.cpp)
    Contracts,     // 合同与年度: contracts, payments, the year (app/contracts.cpp)
    ServiceMap,    // map: 服务地图, the 15-minute circle (app/service_map.cpp)
    KioskDevices,  // 展厅设备 (issue 12, kiosk-devices): register, revoke, re-issue (app/kiosk_devices.cpp)
    KioskStopped,  // 本设备已停用: a kiosk whose device token no longer works (issue 12, kiosk-devices)
    Kiosk,         // 展厅大屏: the kiosk role's full-screen playlist (app/kiosk.cpp; issue 12, kiosk-ui)
    Exhibition,    // 展厅: visits, open days, check-in (app/exhibition.cpp; issue 12, part visits)
    TargetTable,   // 绩效目标表: the contract's 19 items judged (app/target_table.cpp; issue 13)
    Activities,    // 工作台账: activity records with evidence, approval (app/activities.cpp; issue 13)
    ProviderSupervision,   // 服务商监管: evaluations, 差 → 预警/清退, key information (issue 13, providers)
    Inspections,   // 巡查: inspections, rectifications, star ratings, caregiver reviews (app/inspections.cpp; issue 13)
    Reports,       // 报表: operation reports (app/reports.cpp; issue 13, part reports)
};
// Each Screen has one row in the screen table (app/screens.hpp): id, title, roles, layout, draw function.
const char* screen_name(Screen s);      // stable id for tests: "sign_in", "home", ...
const char* screen_title_zh(Screen s);  // 登录, 首页, ...

enum class StatusKind { None, Info, Success, Error };
struct StatusMessage {
    StatusKind kind = StatusKind::None;
    std::string text;
};

// ---- forms (the text the person is typing; panels hand back edited copies) --------------------------
struct SignInForm {
    std::string username;
    std::string password;
    std::string error;                  // Chinese, from the server or the network
};

struct PasswordForm {
    std::string old_password;
    std::string new_password;
    std::string confirm;
    std::string error;
};

// ---- home ----------------------------------------------------------------------------------------
// The overview reply as the server sent it (shared wire/overview.hpp: codes, labels, counts, shares).
using CountRow = wire::CountRow;
using TownShareRow = wire::TownShareRow;
using OverviewData = wire::OverviewReply;

// ---- elder list ----------------------------------------------------------------------------------
struct ElderQuery {
    std::string q;                      // name or ID fragment
    Id town_id = 0;                     // 0: all towns
    std::string category;               // "" or an ElderCategory code
    std::string status;                 // "" or an ElderStatus code
    std::string sort;                   // "" (by id) | "name" | "-name": the server sorts (its whitelist)
    int page = 1;
    int page_size = 20;
    friend bool operator==(const ElderQuery&, const ElderQuery&) = default;
};
struct ElderListData {
    ElderQuery query;                   // the query these results answer
    std::vector<Elder> items;           // masked fields arrive masked
    std::int64_t total = 0;
    bool masked = false;
    bool loaded = false;
};

// ---- elder profile (view and edit) ----------------------------------------------------------------
struct ElderForm {
    bool is_new = true;
    Elder elder;                        // what is being edited (id/version from the server)
    std::string death_date_text;        // typed as text: "2026-11-02"
    std::set<std::string> touched;      // fields the person has edited: local errors show for these
    bool show_all_errors = false;       // after a save attempt every local error shows
    bool read_only = false;             // the role may not edit elders
    // Fields that arrived masked ("442000********1234"): shown read-only; the server keeps a mask sent back
    // unchanged, so they are not validated here.
    std::set<std::string> masked_fields;
    // Derived by shared validate_elder from a valid ID number (shown, never typed).
    std::optional<Date> derived_birth;
    // A role that sees the ID number masked is sent the age instead of the birth date (records.hpp Elder::age).
    std::optional<int> derived_age;
    std::string derived_sex;            // "male" | "female" | ""
};

struct FieldMessages {
    std::map<std::string, std::string> local;    // from shared validate_elder (live)
    std::map<std::string, std::string> server;   // from the server's 422 `fields`
};

struct AppState {
    Screen screen = Screen::Loading;
    Date today{};                                // China Standard Time, passed in by the platform
    // session
    std::optional<User> user;
    bool must_change_password = false;
    bool can_create_elders = false;              // from shared elder_policy(role)
    bool can_edit_elders = false;
    bool can_see_health = false;
    bool can_list_elders = false;
    SignInForm sign_in;
    PasswordForm password;
    // reference data
    std::vector<Town> towns;
    std::set<Id> town_ids;
    // home
    std::optional<OverviewData> overview;
    // elder list
    ElderQuery query;                            // as edited in the search bar
    ElderListData elders;
    // elder profile
    std::optional<ElderForm> form;
    std::string profile_town_name;
    FieldMessages field_errors;
    bool version_conflict = false;
    std::optional<bool> last_save_ok;
    // areas, each owned by its own files (see the headers)
    IntakeState intake;
    OrdersState orders;
    LiveState live;
    RulesState rules;
    NavState nav;                                // app/navigation.cpp: confirmations, links, the restored draft
    // The last list request of each table ("orders", "elders", "kpis", "kpi_records", "watch", "knowledge"):
    // its export / print URL is the same path and query under /api/v1/export/ (ui/table_tools).
    std::map<std::string, std::string> list_paths;
    EvidenceState evidence;                      // the open order's photos (app/evidence.cpp)
    ComplaintState complaint;                    // the open order's complaint link (app/complaints.cpp)
    CallsState calls;                            // 通话记录 (app/calls.cpp)
    VerificationState verification;              // 核查 (app/verification.cpp)
    AssessmentState assessment;                  // 考核 (app/assessment.cpp)
    SettlementState settlement;                  // 结算 (app/settlement.cpp)
    ContractsState contracts;                    // 合同与年度 (app/contracts.cpp)
    ServiceMapState service_map;                 // map: 服务地图 (app/service_map.cpp)
    KioskDevicesState kiosk_device;              // 展厅设备 and the kiosk's own sign-in (app/kiosk_devices.cpp)
    KioskState kiosk;                            // 展厅大屏 (app/kiosk.cpp; issue 12, kiosk-ui)
    DemoState demo;                              // the open-day demo (app/demo.cpp)
    ExhibitionState exhibition;                  // 展厅 (app/exhibition.cpp; issue 12, part visits)
    TargetTableState target_table;               // 绩效目标表 (app/target_table.cpp; issue 13)
    ActivitiesState activities;                  // 工作台账 (app/activities.cpp; issue 13)
    ProviderSupervisionState provider_supervision;   // 服务商监管 (app/provider_supervision.cpp; issue 13, providers)
    InspectionsState inspections;                // 巡查 (app/inspections.cpp; issue 13, part inspections)
    ReportsState reports;                        // 报表 (app/reports.cpp; issue 13, part reports)
    // global
    StatusMessage status;
    int pending_requests = 0;
};

// ---- intents -------------------------------------------------------------------------------------
struct EditSignIn { SignInForm form; };
struct SignIn {};
struct SignOut {};
struct EditPassword { PasswordForm form; };
struct ChangePassword {};
struct Navigate { Screen to; };
struct LoadOverview {};
struct EditQuery { ElderQuery query; };
struct SearchElders { ElderQuery query; };   // page included
struct SearchEldersSoon { ElderQuery query; };   // typing in the search box: searches after a quiet moment
struct OpenElder { Id id; };
struct NewElder {};
struct EditElder { ElderForm form; };
struct SaveElder {};
struct ReloadElder {};
struct DismissStatus {};

using Intent = std::variant<EditSignIn, SignIn, SignOut, EditPassword, ChangePassword, Navigate, LoadOverview,
                            EditQuery, SearchElders, SearchEldersSoon, OpenElder, NewElder, EditElder, SaveElder, ReloadElder,
                            DismissStatus, IntakeIntent, OrdersIntent, LiveIntent, RulesIntent, NavIntent, EvidenceIntent,
                            ComplaintIntent, CallsIntent, VerificationIntent, VerWorkIntent, AssessmentIntent,
                            SettlementIntent,
                            ContractsIntent,
                            ServiceMapIntent,     // map
                            KioskDevicesIntent,   // issue 12, kiosk-devices
                            KioskIntent,          // kiosk-ui (issue 12)
                            DemoIntent,           // issue 12 part demo
                            ExhibitionIntent,     // issue 12 part visits
                            TargetTableIntent,    // issue 13
                            ActivitiesIntent,     // issue 13, activity records
                            ProviderSupervisionIntent,   // issue 13, providers
                            InspectionsIntent,    // issue 13 part inspections
                            ReportsIntent>;       // issue 13 part reports
using Intents = std::vector<Intent>;

}  // namespace yiyang::client
