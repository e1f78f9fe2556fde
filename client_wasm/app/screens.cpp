// The screen table (screens.hpp). The draw column names ui/ functions; the headless build of the app layer
// (tests/client, no ImGui) defines YIYANG_CLIENT_HEADLESS and gets null there, so one table serves both builds.
#include "app/screens.hpp"

#ifndef YIYANG_CLIENT_HEADLESS
#include "ui/ui.hpp"
#define YIYANG_DRAW(fn) &ui::fn
#else
#define YIYANG_DRAW(fn) nullptr
#endif

namespace yiyang::client {

namespace {
using L = ScreenLayout;
using C = ScreenCode;
}  // namespace

const std::vector<ScreenSpec>& screen_table() {
    static const std::vector<ScreenSpec> table = {
        {Screen::Loading, "loading", "正在加载", std::nullopt, L::Blank, nullptr, nullptr, Screen::Loading,
         nullptr},
        {Screen::SignIn, "sign_in", "登录", std::nullopt, L::FullWindow, YIYANG_DRAW(draw_sign_in), nullptr,
         Screen::SignIn, nullptr},
        {Screen::ChangePassword, "change_password", "修改密码", std::nullopt, L::FullWindow,
         YIYANG_DRAW(draw_change_password), nullptr, Screen::ChangePassword, nullptr},
        {Screen::Home, "home", "首页", C::Home, L::Framed, YIYANG_DRAW(draw_home), "nav.home", Screen::Home, "home"},
        {Screen::Intake, "intake", "来电受理", C::Intake, L::Framed, YIYANG_DRAW(draw_intake), "nav.intake",
         Screen::Intake, "intake"},
        {Screen::Orders, "orders", "工单", C::Orders, L::Framed, YIYANG_DRAW(draw_orders), "nav.orders",
         Screen::Orders, "orders"},
        {Screen::OrderDetail, "order_detail", "工单详情", C::OrderDetail, L::Framed,
         YIYANG_DRAW(draw_order_detail), nullptr, Screen::Orders, "orders/:code"},
        {Screen::Watch, "watch", "督办", C::Watch, L::Framed, YIYANG_DRAW(draw_watch), "nav.watch", Screen::Watch,
         "watch"},
        {Screen::Kpis, "kpis", "绩效指标", C::Kpis, L::Framed, YIYANG_DRAW(draw_kpis), "nav.kpis", Screen::Kpis,
         "kpis"},
        {Screen::TargetTable, "target_table", "绩效目标表", C::TargetTable, L::Framed, YIYANG_DRAW(draw_target_table),
         "nav.target_table", Screen::TargetTable, "target-table"},   // issue 13
        {Screen::Knowledge, "knowledge", "知识库", C::Knowledge, L::Framed, YIYANG_DRAW(draw_knowledge),
         "nav.knowledge", Screen::Knowledge, "knowledge"},
        {Screen::Calls, "calls", "通话记录", C::Calls, L::Framed, YIYANG_DRAW(draw_calls), "nav.calls", Screen::Calls,
         "calls"},
        {Screen::ElderList, "elder_list", "服务对象", C::ElderList, L::Framed, YIYANG_DRAW(draw_elder_list),
         "nav.elders", Screen::ElderList, "elders"},
        {Screen::ElderProfile, "elder_profile", "服务对象档案", C::ElderProfile, L::Framed,
         YIYANG_DRAW(draw_elder_profile), nullptr, Screen::ElderList, "elders/:id"},
        {Screen::Rules, "rules", "规则管理", C::Rules, L::Framed, YIYANG_DRAW(draw_rules), "nav.rules",
         Screen::Rules, "rules"},
        {Screen::Verification, "verification", "核查", C::Verification, L::Framed, YIYANG_DRAW(draw_verification),
         "nav.verification", Screen::Verification, "verification"},
        {Screen::Assessment, "assessment", "考核", C::Assessment, L::Framed, YIYANG_DRAW(draw_assessment),
         "nav.assessment", Screen::Assessment, "assessment"},
        {Screen::Settlement, "settlement", "结算", C::Settlement, L::Framed, YIYANG_DRAW(draw_settlement),
         "nav.settlement", Screen::Settlement, "settlement"},
        {Screen::Contracts, "contracts", "合同与年度", C::Contracts, L::Framed, YIYANG_DRAW(draw_contracts),
         "nav.contracts", Screen::Contracts, "contracts"},
        {Screen::ServiceMap, "service_map", "服务地图", C::ServiceMap, L::Framed, YIYANG_DRAW(draw_service_map),
         "nav.service_map", Screen::ServiceMap, "map"},   // map
        // issue 12, kiosk-devices
        {Screen::KioskDevices, "kiosk_devices", "展厅设备", C::KioskDevices, L::Framed, YIYANG_DRAW(draw_kiosk_devices),
         "nav.kiosk_devices", Screen::KioskDevices, "kiosk-devices"},
        {Screen::KioskStopped, "kiosk_stopped", "本设备已停用", std::nullopt, L::FullWindow,
         YIYANG_DRAW(draw_kiosk_stopped), nullptr, Screen::KioskStopped, nullptr},
        // kiosk-ui (issue 12): the kiosk role's only screen, entered at sign-in (no navigation entry, no URL).
        {Screen::Kiosk, "kiosk", "展厅大屏", std::nullopt, L::FullWindow, YIYANG_DRAW(draw_kiosk), nullptr, Screen::Kiosk,
         nullptr},
        {Screen::Exhibition, "exhibition", "展厅", C::Exhibition, L::Framed, YIYANG_DRAW(draw_exhibition),
         "nav.exhibition", Screen::Exhibition, "exhibition"},
        // issue 13: activity records with their evidence, approved by supervisors
        {Screen::Activities, "activities", "工作台账", C::Activities, L::Framed, YIYANG_DRAW(draw_activities),
         "nav.activities", Screen::Activities, "activities"},
        // issue 13, providers
        {Screen::ProviderSupervision, "provider_supervision", "服务商监管", C::ProviderSupervision, L::Framed,
         YIYANG_DRAW(draw_provider_supervision), "nav.provider_supervision", Screen::ProviderSupervision, "providers"},
        // issue 13, part inspections
        {Screen::Inspections, "inspections", "巡查", C::Inspections, L::Framed, YIYANG_DRAW(draw_inspections),
         "nav.inspections", Screen::Inspections, "inspections"},
        {Screen::Reports, "reports", "报表", C::Reports, L::Framed, YIYANG_DRAW(draw_reports), "nav.reports",
         Screen::Reports, "reports"},   // issue 13, part reports
    };
    return table;
}

const ScreenSpec& screen_spec(Screen s) {
    for (const ScreenSpec& spec : screen_table()) {
        if (spec.screen == s) return spec;
    }
    return screen_table().front();    // unreachable: every Screen has a row (tests/client checks)
}

const char* screen_name(Screen s) { return screen_spec(s).id; }
const char* screen_title_zh(Screen s) { return screen_spec(s).title_zh; }

bool role_has_screen(const AppState& s, Screen screen) {
    const ScreenSpec& spec = screen_spec(screen);
    return s.user && spec.code && may_open_screen(s.user->role, *spec.code);
}

std::vector<const ScreenSpec*> nav_entries(const AppState& s) {
    std::vector<const ScreenSpec*> out;
    for (const ScreenSpec& spec : screen_table()) {
        if (spec.nav_tag && role_has_screen(s, spec.screen)) out.push_back(&spec);
    }
    return out;
}

}  // namespace yiyang::client
