// The panels, one per file: each draws from a const AppState and returns intents (it never calls HTTP,
// never changes state, never computes a figure). draw_root picks the screen.
#pragma once
#include "app/state.hpp"

namespace yiyang::client::ui {

Intents draw_root(const AppState& s);             // ui/root.cpp: the whole window, screen by screen

Intents draw_sign_in(const AppState& s);          // ui/sign_in.cpp
Intents draw_change_password(const AppState& s);  // ui/change_password.cpp
Intents draw_frame(const AppState& s);            // ui/frame.cpp: top bar, left navigation, content
Intents draw_home(const AppState& s);             // ui/home.cpp
Intents draw_elder_list(const AppState& s);       // ui/elder_list.cpp
Intents draw_elder_profile(const AppState& s);    // ui/elder_profile.cpp
Intents draw_intake(const AppState& s);           // ui/intake.cpp: 来电受理
Intents draw_knowledge(const AppState& s);        // ui/knowledge.cpp: 知识库
Intents draw_assessment(const AppState& s);       // ui/assessment.cpp: 考核 what-if (admin, supervisor)
Intents draw_settlement(const AppState& s);       // ui/settlement.cpp: 结算 (read_settlement)
Intents draw_contracts(const AppState& s);        // ui/contracts.cpp: 合同与年度 (admin, supervisor, leader, provider)
Intents draw_kiosk(const AppState& s);            // ui/kiosk.cpp: 展厅大屏, the kiosk role (issue 12, kiosk-ui)
// 展厅大屏 panels the lead connects at merge (ui/kiosk.cpp), drawn into the panel's area (device px): 服务地图 (the map
// part's widget and GET /api/v1/coverage; until then the per-town service points) and 展厅日程 (the visits part's).
void draw_kiosk_map_panel(const AppState& s, float x0, float y0, float x1, float y1, bool landscape);
void draw_kiosk_visits_panel(const AppState& s, float x0, float y0, float x1, float y1, bool landscape);
Intents draw_kiosk_checkin_panel(const AppState& s, float x0, float y0, float x1, float y1, bool landscape);
Intents draw_activities(const AppState& s);       // ui/activities.cpp: 工作台账 (read_activities; issue 13)
Intents draw_provider_supervision(const AppState& s);   // ui/provider_supervision.cpp: 服务商监管 (issue 13, providers)
Intents draw_inspections(const AppState& s);      // ui/inspections.cpp: 巡查 (read_inspections; issue 13, part inspections)
Intents draw_reports(const AppState& s);         // ui/reports.cpp: 报表 (read_reports; issue 13, part reports)
Intents draw_exhibition(const AppState& s);       // ui/exhibition.cpp: 展厅 (read_visits; issue 12, part visits)
Intents draw_target_table(const AppState& s);     // ui/target_table.cpp: 绩效目标表 (read_target_table; issue 13)
Intents draw_rules(const AppState& s);            // ui/rules.cpp: 规则管理 (administrators)
Intents draw_orders(const AppState& s);           // ui/orders.cpp: 工单 list
Intents draw_order_detail(const AppState& s);     // ui/order_detail.cpp: one order, its clocks and actions
Intents draw_watch(const AppState& s);            // ui/watch.cpp: 督办 (overdue / due soon)
Intents draw_kpis(const AppState& s);             // ui/kpis.cpp: 绩效指标 with drill-down
Intents draw_calls(const AppState& s);            // ui/calls.cpp: 通话记录
Intents draw_verification(const AppState& s);     // ui/verification.cpp: 核查 (imports, quarter report)
Intents draw_service_map(const AppState& s);      // ui/service_map.cpp: 服务地图 (map)
Intents draw_kiosk_devices(const AppState& s);    // ui/kiosk_devices.cpp: 展厅设备 (administrators)
Intents draw_kiosk_stopped(const AppState& s);    // ui/kiosk_devices.cpp: 本设备已停用 (a revoked kiosk)
// ui/sos_banner.cpp: drawn by the frame above every screen's content while an emergency is open
// (agents, supervisors, admins); draws nothing otherwise.
Intents draw_sos_banner(const AppState& s);
// ui/demo.cpp: the open-day demo (issue 12 part demo): the 演示数据 strip (root, every screen), the first-step hint
// (frame), the sign-in screen's visitor buttons (and the height they need) and the administrator's reset (规则管理).
void draw_demo_banner(const AppState& s);
Intents draw_demo_guide(const AppState& s);
float demo_sign_in_height(const AppState& s);
Intents draw_demo_sign_in(const AppState& s, float width);
Intents draw_demo_reset(const AppState& s);
// ui/confirm_dialog.cpp: the modal confirmation (AppState::nav.confirm) over any screen; Enter / Esc answer it.
Intents draw_confirm_dialog(const AppState& s);

}  // namespace yiyang::client::ui
