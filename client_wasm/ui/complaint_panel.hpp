// What a complaint (投诉) is about, on two screens: the 新来电 form's block for a complaint (被投诉工单 from the
// caller's recent orders or a typed code, 被投诉服务商 with a filter box) and the order detail's lines
// (投诉对象 / 相关投诉 that open the other order, the supervisor's 更改投诉对象 with a reason).
#pragma once
#include <string>

#include "app/state.hpp"

namespace yiyang::client::ui {

// The intake block, drawn inside the order form when the draft is a complaint: edits `d` (touched names the
// edited member) and shows the server's / local messages of its fields from `f`.
void draw_complaint_target(const AppState& s, const IntakeForm& f, OrderDraft& d, std::string& touched);

// The detail's complaint lines for the open order (nothing for an order that is neither a linked complaint
// nor complained about, and no relink for roles without link_complaints).
Intents draw_complaint_links(const AppState& s);

}  // namespace yiyang::client::ui
