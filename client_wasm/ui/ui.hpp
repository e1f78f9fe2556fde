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
Intents draw_exhibition(const AppState& s);       // ui/exhibition.cpp: 展厅 (read_visits; issue 12, part visits)
Intents draw_rules(const AppState& s);            // ui/rules.cpp: 规则管理 (administrators)
Intents draw_orders(const AppState& s);           // ui/orders.cpp: 工单 list
Intents draw_order_detail(const AppState& s);     // ui/order_detail.cpp: one order, its clocks and actions
Intents draw_watch(const AppState& s);            // ui/watch.cpp: 督办 (overdue / due soon)
Intents draw_kpis(const AppState& s);             // ui/kpis.cpp: 绩效指标 with drill-down
Intents draw_calls(const AppState& s);            // ui/calls.cpp: 通话记录
Intents draw_verification(const AppState& s);     // ui/verification.cpp: 核查 (imports, quarter report)
// ui/sos_banner.cpp: drawn by the frame above every screen's content while an emergency is open
// (agents, supervisors, admins); draws nothing otherwise.
Intents draw_sos_banner(const AppState& s);
// ui/confirm_dialog.cpp: the modal confirmation (AppState::nav.confirm) over any screen; Enter / Esc answer it.
Intents draw_confirm_dialog(const AppState& s);

}  // namespace yiyang::client::ui
