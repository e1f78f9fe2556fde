// The personal-data policy by role (access.hpp): which elders a viewer may read or edit and which fields
// they see in full. Masks are identity.hpp's; the server applies this before anything leaves it.
#include "yiyang/access.hpp"

#include "yiyang/identity.hpp"

namespace yiyang {

ElderFieldPolicy elder_policy(Role role) {
    ElderFieldPolicy p;
    switch (role) {
        case Role::Admin:
        case Role::Supervisor:
            p = {ElderScope::All, true, true, true, true, true, true, true};
            break;
        case Role::Agent:
            // Seats need name and address to dispatch; ID number and phone stay masked (revealing one is a
            // separate, audited action), and health notes are not theirs to read.
            p = {ElderScope::All, false, false, true, true, false, true, true};
            break;
        case Role::Town:
            // Town staff manage their own town's elders, health situation included.
            p = {ElderScope::OwnTown, true, true, true, true, true, true, true};
            break;
        case Role::Provider:
            // Enough to deliver the service to people they serve; nothing to change.
            p = {ElderScope::ServedByOwnProvider, false, true, true, true, false, false, false};
            break;
        case Role::Kiosk:
            p = {};   // aggregated figures only
            break;
        case Role::Leader:
            // The bureau leader reads the verification figures and signs them off; no elder records and nothing
            // personal in the drill-downs (names, ID numbers and phones masked there): nothing operational.
            p = {};
            break;
    }
    return p;
}

Elder redact_elder(const Elder& e, const ElderFieldPolicy& p, const Date& today) {
    if (p.scope == ElderScope::None) {
        // Nothing personal at all: only what identifies the row and its town for aggregation.
        Elder out;
        out.id = e.id;
        out.town_id = e.town_id;
        out.status = e.status;
        out.version = e.version;
        return out;
    }
    Elder out = e;
    if (!p.full_id_number) {
        out.id_number = mask_resident_id(e.id_number);
        // The birth date is digits 7-14 of the ID: the age is what serving someone needs.
        out.age = age_on(e.birth_date, today);
        out.birth_date = Date{};
    }
    if (!p.full_phone && !e.phone.empty()) out.phone = mask_phone(e.phone);
    if (!p.full_name) out.name = mask_name(e.name);
    if (!p.full_address) {
        out.address = mask_address(e.address);
        out.home = GeoPoint{};   // the home coordinates are the address
    }
    if (!p.health) out.health_notes.clear();
    return out;
}

Provider redact_provider(const Provider& p, Role role) {
    Provider out = p;
    if (role == Role::Kiosk) out.contact_phone.clear();
    return out;
}

namespace {

bool in_scope(const ElderFieldPolicy& p, const Viewer& v, const Elder& e, bool served_by_viewer) {
    switch (p.scope) {
        case ElderScope::All:
            return true;
        case ElderScope::OwnTown:
            return v.town_id.has_value() && *v.town_id == e.town_id;
        case ElderScope::ServedByOwnProvider:
            return v.provider_id.has_value() && served_by_viewer;
        case ElderScope::None:
            return false;
    }
    return false;
}

}  // namespace

bool may_read_elder(const Viewer& v, const Elder& e, bool served_by_viewer) {
    return in_scope(elder_policy(v.role), v, e, served_by_viewer);
}

bool may_edit_elder(const Viewer& v, const Elder& e) {
    ElderFieldPolicy p = elder_policy(v.role);
    // Editing never rests on "served by": a provider that served someone still may not change their record.
    return p.can_edit && in_scope(p, v, e, false);
}

// ---- Permissions -----------------------------------------------------------------------------------------

RoleSet roles_with(Permission p) {
    using R = Role;
    switch (p) {
        case Permission::ReadOverview:
        case Permission::ReadReference:
            return {R::Admin, R::Supervisor, R::Agent, R::Town, R::Provider, R::Kiosk, R::Leader};
        case Permission::ReadElders:
        case Permission::ReadOrders:
        case Permission::ActOnOrders:
        case Permission::ReadLive:
        case Permission::ReadKpis: return {R::Admin, R::Supervisor, R::Agent, R::Town, R::Provider};
        case Permission::WriteElders:
        case Permission::ReadWatch: return {R::Admin, R::Supervisor, R::Agent, R::Town};
        case Permission::RevealMasked:
        case Permission::LookupCaller:
        case Permission::CreateOrders:
        case Permission::RankProviders:
        case Permission::ReadCallKpis:
        case Permission::ReadCalls:
        case Permission::ReadKnowledge: return {R::Admin, R::Supervisor, R::Agent};
        case Permission::ReadElderHistory:
        case Permission::ImportCalls:
        case Permission::ImportLists:
        case Permission::WriteKnowledge:
        case Permission::ReadRules:
        case Permission::LinkComplaints: return {R::Admin, R::Supervisor};
        case Permission::PublishRules: return {R::Admin};
        case Permission::AttachEvidence: return {R::Provider};
        case Permission::ViewEvidence: return {R::Admin, R::Supervisor, R::Town, R::Provider};
        case Permission::ReadVerification: return {R::Admin, R::Supervisor, R::Town, R::Leader};
        case Permission::DecideVerification: return {R::Admin, R::Supervisor};
        case Permission::AnswerFlags: return {R::Provider};
        case Permission::RecordCallbacks: return {R::Admin, R::Supervisor, R::Agent};
        case Permission::SignVerification: return {R::Admin, R::Supervisor};
        case Permission::CountersignVerification: return {R::Leader};
        case Permission::ReadAssessment: return {R::Admin, R::Supervisor, R::Provider, R::Leader};
        case Permission::ScoreAssessment: return {R::Supervisor, R::Leader};
        case Permission::SignAssessment: return {R::Leader};
        case Permission::ReadContracts: return {R::Admin, R::Supervisor, R::Leader, R::Provider};
        case Permission::WriteContracts: return {R::Admin, R::Supervisor};
        case Permission::Settle: return {R::Admin, R::Supervisor};
        case Permission::ReadSettlement: return {R::Admin, R::Supervisor, R::Leader, R::Provider};
        case Permission::ObjectToSettlement: return {R::Provider};
        case Permission::ReadCoverage:   // map: aggregates only (every count through disclosure), so kiosks too
            return {R::Admin, R::Supervisor, R::Agent, R::Town, R::Provider, R::Kiosk, R::Leader};
        case Permission::ManageKiosks: return {R::Admin};   // issue 12, kiosk-devices
        case Permission::ResetDemo: return {R::Admin};
        // issue 12, part visits: the dispatch centre runs the hall (seed: 展示大厅参观的预约、安排和接待); the leader reads.
        case Permission::ReadVisits: return {R::Admin, R::Supervisor, R::Agent, R::Leader};
        case Permission::ReadTargetTable: return {R::Admin, R::Supervisor, R::Leader};
        case Permission::ManageVisits: return {R::Admin, R::Supervisor, R::Agent};
        case Permission::ReadReports: return {R::Admin, R::Supervisor, R::Leader};
        case Permission::SignReports: return {R::Admin, R::Supervisor};
        case Permission::CountersignReports: return {R::Leader};
        case Permission::CheckInVisits: return {R::Admin, R::Supervisor, R::Agent, R::Kiosk};
        // issue 13: the desk keeps the activity records, supervisors approve them, the leader reads them.
        case Permission::ReadActivities: return {R::Admin, R::Supervisor, R::Agent, R::Leader};
        case Permission::RecordActivities: return {R::Admin, R::Supervisor, R::Agent};
        case Permission::ApproveActivities: return {R::Admin, R::Supervisor};
        // issue 13, providers: the dispatch centre's supervisors evaluate (seed 002: 执行平台供应商评价机制); agents and
        // the leader read; providers and towns do not see other providers' evaluations.
        case Permission::ReadProviderSupervision: return {R::Admin, R::Supervisor, R::Agent, R::Leader};
        case Permission::SuperviseProviders: return {R::Supervisor};
        // issue 13, inspections: supervisors and town staff inspect (Yingkou 2.9.2); the leader reads; the supervisor
        // signs the quarter's star ratings and caregiver reviews (2.9.3, 2.9.4).
        case Permission::ReadInspections: return {R::Admin, R::Supervisor, R::Town, R::Leader};
        case Permission::Inspect: return {R::Admin, R::Supervisor, R::Town};
        case Permission::SignReviews: return {R::Admin, R::Supervisor};
    }
    return {};
}

namespace {
struct PermissionName {
    Permission p;
    const char* code;
    const char* zh;
};
constexpr PermissionName kPermissionNames[] = {
    {Permission::ReadOverview, "read_overview", "查看首页概况"},
    {Permission::ReadReference, "read_reference", "查看镇街与服务商"},
    {Permission::ReadElders, "read_elders", "查看老人档案"},
    {Permission::WriteElders, "write_elders", "登记或修改老人档案"},
    {Permission::ReadElderHistory, "read_elder_history", "查看档案修改记录"},
    {Permission::RevealMasked, "reveal_masked", "查看完整的脱敏信息"},
    {Permission::LookupCaller, "lookup_caller", "按号码查询来电人"},
    {Permission::ReadOrders, "read_orders", "查看工单"},
    {Permission::CreateOrders, "create_orders", "受理工单"},
    {Permission::ActOnOrders, "act_on_orders", "处理工单"},
    {Permission::RankProviders, "rank_providers", "查看派单候选服务商"},
    {Permission::ReadLive, "read_live", "接收工单动态"},
    {Permission::ReadWatch, "read_watch", "查看督办清单"},
    {Permission::ReadKpis, "read_kpis", "查看绩效指标"},
    {Permission::ReadCallKpis, "read_call_kpis", "查看话务指标"},
    {Permission::ReadCalls, "read_calls", "查看通话记录"},
    {Permission::ImportCalls, "import_calls", "导入通话记录"},
    {Permission::ReadKnowledge, "read_knowledge", "查看知识库"},
    {Permission::WriteKnowledge, "write_knowledge", "编辑知识库"},
    {Permission::ReadRules, "read_rules", "查看规则版本"},
    {Permission::PublishRules, "publish_rules", "发布规则新版本"},
    {Permission::AttachEvidence, "attach_evidence", "上传服务照片"},
    {Permission::ViewEvidence, "view_evidence", "查看服务照片"},
    {Permission::ImportLists, "import_lists", "导入核查名单"},
    {Permission::LinkComplaints, "link_complaints", "更改投诉对象"},
    {Permission::ReadVerification, "read_verification", "查看季度核查"},
    {Permission::DecideVerification, "decide_verification", "审核核查疑点"},
    {Permission::AnswerFlags, "answer_flags", "答复本机构的核查疑点"},
    {Permission::RecordCallbacks, "record_callbacks", "登记回访结果"},
    {Permission::SignVerification, "sign_verification", "签署季度核查报告"},
    {Permission::CountersignVerification, "countersign_verification", "会签或退回季度核查报告"},
    {Permission::ReadAssessment, "read_assessment", "查看月度考核"},
    {Permission::ScoreAssessment, "score_assessment", "填写并签署本科室考核评分"},
    {Permission::SignAssessment, "sign_assessment", "签署月度考核"},
    {Permission::ReadContracts, "read_contracts", "查看服务合同与年度考核"},
    {Permission::WriteContracts, "write_contracts", "登记服务合同与付款"},
    {Permission::Settle, "settle", "结算：签署结算单、补充结算单、答复申诉"},
    {Permission::ReadSettlement, "read_settlement", "查看结算单"},
    {Permission::ObjectToSettlement, "object_to_settlement", "对本机构结算单提出申诉"},
    {Permission::ReadCoverage, "read_coverage", "查看服务地图与15分钟服务圈"},   // map
    {Permission::ManageKiosks, "manage_kiosks", "管理展厅设备"},   // issue 12, kiosk-devices
    {Permission::ResetDemo, "reset_demo", "复位演示数据"},   // issue 12 part demo
    {Permission::ReadVisits, "read_visits", "查看展厅参观预约与开放日"},
    {Permission::ReadTargetTable, "read_target_table", "查看绩效目标表"},
    {Permission::ManageVisits, "manage_visits", "安排展厅参观与开放日（审批预约）"},
    {Permission::ReadReports, "read_reports", "查看运营分析报告"},
    {Permission::SignReports, "sign_reports", "编写并签署运营分析报告"},
    {Permission::CountersignReports, "countersign_reports", "会签或退回已签署的运营分析报告"},
    {Permission::CheckInVisits, "check_in_visits", "展厅参观与开放日签到"},
    {Permission::ReadActivities, "read_activities", "查看工作台账"},
    {Permission::RecordActivities, "record_activities", "录入工作台账与佐证文件"},
    {Permission::ApproveActivities, "approve_activities", "审核或退回工作台账记录"},
    {Permission::ReadProviderSupervision, "read_provider_supervision", "查看服务商监管（评价、关键信息检查、状态）"},
    {Permission::SuperviseProviders, "supervise_providers", "评价服务商并签名、确认预警或清退、登记关键信息检查"},
    {Permission::ReadInspections, "read_inspections", "查看机构巡查、整改与星级评定"},
    {Permission::Inspect, "inspect", "录入机构巡查与整改复查"},
    {Permission::SignReviews, "sign_reviews", "签署星级评定与护理员考核"},
};
const PermissionName& name_of(Permission p) {
    for (const auto& n : kPermissionNames)
        if (n.p == p) return n;
    return kPermissionNames[0];
}
}  // namespace

const char* code(Permission p) { return name_of(p).code; }
const char* label_zh(Permission p) { return name_of(p).zh; }

const std::vector<Permission>& all_permissions() {
    static const std::vector<Permission> all = [] {
        std::vector<Permission> v;
        for (const auto& n : kPermissionNames) v.push_back(n.p);
        return v;
    }();
    return all;
}

std::vector<Role> RoleSet::roles() const {
    std::vector<Role> out;
    for (Role r : {Role::Admin, Role::Supervisor, Role::Agent, Role::Town, Role::Provider, Role::Kiosk, Role::Leader})
        if (has(r)) out.push_back(r);
    return out;
}

std::string RoleSet::codes() const {
    std::string out;
    for (Role r : roles()) {
        if (!out.empty()) out += ", ";
        out += code(r);
    }
    return out;
}

}  // namespace yiyang

// ---- screens (access.hpp "screens") --------------------------------------------------------------------
namespace yiyang {

namespace {

struct ScreenRow {
    ScreenCode screen;
    const char* code;
};
constexpr ScreenRow kScreenRows[] = {
    {ScreenCode::Home, "home"},           {ScreenCode::Intake, "intake"},
    {ScreenCode::Orders, "orders"},       {ScreenCode::OrderDetail, "order_detail"},
    {ScreenCode::Watch, "watch"},         {ScreenCode::Kpis, "kpis"},
    {ScreenCode::Knowledge, "knowledge"}, {ScreenCode::Calls, "calls"},
    {ScreenCode::ElderList, "elder_list"},
    {ScreenCode::ElderProfile, "elder_profile"}, {ScreenCode::Rules, "rules"},
    {ScreenCode::Verification, "verification"}, {ScreenCode::Assessment, "assessment"},
    {ScreenCode::Settlement, "settlement"},
    {ScreenCode::Contracts, "contracts"},
    {ScreenCode::ServiceMap, "service_map"},   // map
    {ScreenCode::KioskDevices, "kiosk_devices"},   // issue 12, kiosk-devices
    {ScreenCode::Exhibition, "exhibition"},
    {ScreenCode::TargetTable, "target_table"},   // issue 13
    {ScreenCode::Activities, "activities"},   // issue 13
    {ScreenCode::ProviderSupervision, "provider_supervision"},   // issue 13, providers
    {ScreenCode::Inspections, "inspections"},
    {ScreenCode::Reports, "reports"},
};

bool desk(Role r) { return r == Role::Admin || r == Role::Supervisor || r == Role::Agent; }

}  // namespace

const char* code(ScreenCode s) {
    for (const ScreenRow& row : kScreenRows) {
        if (row.screen == s) return row.code;
    }
    return "";
}

std::optional<ScreenCode> parse_screen_code(std::string_view text) {
    for (const ScreenRow& row : kScreenRows) {
        if (text == row.code) return row.screen;
    }
    return std::nullopt;
}

const std::vector<ScreenCode>& all_screen_codes() {
    static const std::vector<ScreenCode> all = [] {
        std::vector<ScreenCode> v;
        for (const ScreenRow& row : kScreenRows) v.push_back(row.screen);
        return v;
    }();
    return all;
}

bool may_open_screen(Role role, ScreenCode screen) {
    switch (screen) {
        case ScreenCode::Home:
            return true;                                   // the kiosk's aggregates too
        case ScreenCode::Intake:                           // the call desk: taking calls and the knowledge base
        case ScreenCode::Knowledge:
            return desk(role);
        case ScreenCode::Orders:                           // towns and providers see their own orders
        case ScreenCode::OrderDetail:
            return desk(role) || role == Role::Town || role == Role::Provider;
        case ScreenCode::Watch:
            return desk(role) || role == Role::Town;
        case ScreenCode::Kpis:
            return may(role, Permission::ReadKpis);
        case ScreenCode::Calls:
            return may(role, Permission::ReadCalls);
        case ScreenCode::ElderList:                        // whoever may read some elders (elder_policy)
        case ScreenCode::ElderProfile:
            return elder_policy(role).scope != ElderScope::None;
        case ScreenCode::Rules:
            return role == Role::Admin;                    // publishing rules is the administrator's
        case ScreenCode::Verification:
            return may(role, Permission::ReadVerification) || may(role, Permission::AnswerFlags) ||
                   may(role, Permission::RecordCallbacks);
        case ScreenCode::Assessment:                       // the what-if (rules) and the stored months
            return may(role, Permission::ReadRules) || may(role, Permission::ReadAssessment);
        case ScreenCode::Settlement:
            return may(role, Permission::ReadSettlement);
        case ScreenCode::Contracts:
            return may(role, Permission::ReadContracts);
        case ScreenCode::ServiceMap:                       // map: planning who serves where
            return desk(role) || role == Role::Town || role == Role::Leader;
        case ScreenCode::KioskDevices:                     // issue 12, kiosk-devices
            return may(role, Permission::ManageKiosks);
        case ScreenCode::Exhibition:
            return may(role, Permission::ReadVisits);
        case ScreenCode::TargetTable:                      // issue 13
            return may(role, Permission::ReadTargetTable);
        case ScreenCode::Activities:
            return may(role, Permission::ReadActivities);
        case ScreenCode::ProviderSupervision:
            return may(role, Permission::ReadProviderSupervision);
        case ScreenCode::Inspections:
            return may(role, Permission::ReadInspections);
        case ScreenCode::Reports:
            return may(role, Permission::ReadReports);
    }
    return false;
}

std::vector<ScreenCode> screens_for(Role role) {
    std::vector<ScreenCode> out;
    for (ScreenCode s : all_screen_codes()) {
        if (may_open_screen(role, s)) out.push_back(s);
    }
    return out;
}

}  // namespace yiyang
