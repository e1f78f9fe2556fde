// Display helpers shared by the orders list and the order detail (ui/orders.cpp, ui/order_detail.cpp): names
// from ids, times as people read them, the status pill and the text of an SLA clock. Formatting only: every
// figure (due time, remaining seconds, state) is the server's, computed by shared/sla.
#pragma once
#include <set>
#include <string>

#include <imgui.h>

#include "yiyang/minute_text.hpp"
#include "app/state.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

inline bool is_desk_role(const AppState& s) {
    return s.user && (s.user->role == Role::Admin || s.user->role == Role::Supervisor || s.user->role == Role::Agent);
}

inline std::string town_name(const AppState& s, Id id) {
    for (const auto& t : s.towns) {
        if (t.id == id) return t.name;
    }
    return id ? "镇街#" + std::to_string(id) : std::string("—");
}

inline std::string provider_name(const AppState& s, Id id) {
    for (const auto& p : s.orders.providers) {
        if (p.id == id) return p.name;
    }
    return "服务商#" + std::to_string(id);
}

// "2026-11-23T09:30:00" -> "2026-11-23 09:30"; "" -> "—".
inline std::string wire_time_text(const std::string& t) { return t.empty() ? std::string("—") : minute_text(t); }

inline std::string short_time(LocalSeconds t) { return wire_time_text(format_timestamp(t)); }

// 3天2小时 / 5小时12分 / 18分 / 40秒 (seconds of counted or wall time, as the server sent them).
inline std::string duration_text(std::int64_t seconds) {
    if (seconds < 0) seconds = -seconds;
    const std::int64_t d = seconds / 86400, h = seconds / 3600 % 24, m = seconds / 60 % 60;
    if (d > 0) return std::to_string(d) + "天" + (h ? std::to_string(h) + "小时" : std::string());
    if (h > 0) return std::to_string(h) + "小时" + (m ? std::to_string(m) + "分" : std::string());
    if (m > 0) return std::to_string(m) + "分";
    return std::to_string(seconds) + "秒";
}

inline std::string categories_text(const std::set<ServiceCategory>& cats) {
    std::string out;
    for (ServiceCategory c : cats) {
        if (!out.empty()) out += "、";
        out += label_zh(c);
    }
    return out.empty() ? std::string("—") : out;
}

inline const char* status_label(const std::string& code_text) {
    auto st = parse_OrderStatus(code_text);
    return st ? label_zh(*st) : code_text.c_str();
}

inline const char* role_label(const std::string& code_text) {
    auto r = parse_Role(code_text);
    return r ? label_zh(*r) : code_text.c_str();
}

inline ImU32 status_color(OrderStatus st) {
    switch (st) {
        case OrderStatus::Received: return col(palette::kStatusReceived);
        case OrderStatus::Dispatched: case OrderStatus::Accepted: return col(palette::kStatusDispatched);
        case OrderStatus::InService: return col(palette::kStatusInService);
        case OrderStatus::Completed: case OrderStatus::Reviewed: return col(palette::kStatusCompleted);
        case OrderStatus::CalledBack: case OrderStatus::AnsweredOnSpot: return col(palette::kStatusCalledBack);
        case OrderStatus::Closed: case OrderStatus::Cancelled: return col(palette::kStatusClosed);
        case OrderStatus::Escalated: return col(palette::kStatusEscalated);
        case OrderStatus::Rectifying: return col(palette::kStatusRectifying);
    }
    return colors::kMuted;
}

// A coloured rounded label (an item of its own size, so tables and SameLine lay it out).
inline void pill(const std::string& text, ImU32 color) {
    const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
    const ImVec2 pad(px(8), px(1));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 q(p.x + ts.x + pad.x * 2, p.y + h + pad.y * 2);
    if (theme().high_contrast) {         // white on black in a frame of the colour: 21:1 whatever the colour
        dl->AddRectFilled(p, q, col(palette::kPillFillHigh), h);
        dl->AddRect(p, q, color, h, 0, px(2));
    } else {
        dl->AddRectFilled(p, q, color, h);
    }
    dl->AddText(ImVec2(p.x + pad.x, p.y + pad.y), col(palette::kOnDark), text.c_str());
    ImGui::Dummy(ImVec2(ts.x + pad.x * 2, h + pad.y * 2));
}

inline void status_pill(OrderStatus st, bool paused) {
    std::string text = label_zh(st);
    if (paused) text += "·暂停";
    pill(text, status_color(st));
}

// The running clock that is closest to (or furthest past) its due time; nullptr when none runs.
inline const OrderClockView* most_urgent_clock(const OrderView& v) {
    const OrderClockView* best = nullptr;
    for (const auto& c : v.clocks) {
        if (!c.stopped_at.empty()) continue;
        if (!best || c.seconds_to_due < best->seconds_to_due) best = &c;
    }
    return best;
}

struct ClockText {
    std::string text;
    ImU32 color;
};

// "超时 2小时" (red), "剩 40分" (amber when due soon), "暂停中 · 剩 3小时" (muted), "按时完成" / "超时完成".
inline ClockText clock_text(const OrderClockView& c) {
    if (!c.stopped_at.empty()) {
        if (c.state == "breached") return {"超时完成", colors::kError};
        return {"按时完成", colors::kSuccess};
    }
    if (c.state == "breached" || c.seconds_to_due < 0) return {"超时 " + duration_text(c.seconds_to_due), colors::kError};
    if (c.state == "paused") return {"暂停中 · 剩 " + duration_text(c.remaining_seconds), colors::kMuted};
    if (c.state == "due_soon") return {"即将超时 · 剩 " + duration_text(c.seconds_to_due), col(palette::kWarning)};
    return {"剩 " + duration_text(c.seconds_to_due), col(palette::kText)};
}

inline const char* clock_state_label(const std::string& state) {
    if (state == "running") return "计时中";
    if (state == "paused") return "已暂停";
    if (state == "due_soon") return "即将超时";
    if (state == "met") return "按时完成";
    if (state == "breached") return "已超时";
    return state.c_str();
}

}  // namespace yiyang::client::ui
