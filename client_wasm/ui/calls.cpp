// 通话记录: the call list (GET /api/v1/calls) with days from … to … (date pickers), direction, outcome, seat and a
// number (whole number only for roles that see numbers masked: the server refuses a fragment and says so), header
// sort, page size / page jump, 导出 / 打印 of the same filters, Ctrl+C copy; a linked order's code opens it.
#include <algorithm>
#include <string>
#include <vector>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/a11y.hpp"
#include "ui/date_picker.hpp"
#include "ui/table_tools.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"
#include "yiyang/wire/table.hpp"

namespace yiyang::client::ui {

namespace {

struct Choice {
    const char* code;
    const char* label;
};

// A combo over fixed (code, label) choices, the first being "all" (code ""); true when the choice changed.
bool choice_combo(const char* id, std::string& value, const std::vector<Choice>& choices, float width,
                  const std::string& tag_prefix) {
    const char* preview = choices.front().label;
    for (const auto& c : choices) {
        if (value == c.code) preview = c.label;
    }
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(id, preview)) {
        for (const auto& c : choices) {
            if (ImGui::Selectable(c.label, value == c.code) && value != c.code) {
                value = c.code;
                changed = true;
            }
            tag(tag_prefix + "." + (*c.code ? c.code : "all"));
        }
        ImGui::EndCombo();
    }
    return changed;
}

std::string duration_text(std::int64_t s) {
    if (s < 60) return std::to_string(s) + " 秒";
    return std::to_string(s / 60) + " 分 " + std::to_string(s % 60) + " 秒";
}

// The row as the export writes it (wire calls_table), for Ctrl+C.
wire::CallRow wire_row(const CallRowView& v) {
    wire::CallRow r;
    r.id = v.id;
    r.call_key = v.call_key;
    r.direction = v.direction_label == "呼出" ? "outbound" : "inbound";
    r.caller = v.caller;
    r.callee = v.callee;
    r.duration_s = v.duration_s;
    r.talk_s = v.talk_s;
    r.agent = v.agent;
    if (!v.order_code.empty()) r.order_code = v.order_code;
    return r;
}

}  // namespace

Intents draw_calls(const AppState& s) {
    Intents out;
    const CallsState& st = s.calls;
    CallQuery q = st.query;
    bool search = false;
    const bool masked = st.list.loaded ? st.list.masked : !(s.user && (s.user->role == Role::Admin ||
                                                                       s.user->role == Role::Supervisor));

    heading("通话记录");

    // ---- filters: days, direction, outcome, seat, number, query / reset ----
    {
        const float date_w = px(160);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("呼叫日期");
        ImGui::SameLine();
        const auto complete = [](const std::string& t) { return t.empty() || parse_date(t).has_value(); };
        if (date_field("calls.filter.from", q.from, s.today, "开始日期", date_w) && complete(q.from)) search = true;
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("至");
        ImGui::SameLine();
        if (date_field("calls.filter.to", q.to, s.today, "结束日期", date_w) && complete(q.to)) search = true;
    }
    const float combo_w = px(130);
    same_line_wrap(combo_w);
    search |= choice_combo("##direction", q.direction, {{"", "全部方向"}, {"inbound", "呼入"}, {"outbound", "呼出"}},
                           combo_w, "calls.filter.direction");
    tag("calls.filter.direction");
    same_line_wrap(combo_w);
    search |= choice_combo("##disposition", q.disposition,
                           {{"", "全部结果"}, {"answered", "接通"}, {"no_answer", "未接"}, {"busy", "忙"},
                            {"abandoned", "放弃"}, {"failed", "失败"}},
                           combo_w, "calls.filter.disposition");
    tag("calls.filter.disposition");
    same_line_wrap(px(140));
    ImGui::SetNextItemWidth(px(140));
    a11y::name_next("坐席");
    search |= ImGui::InputTextWithHint("##agent", "坐席工号", &q.agent,
                                       ImGuiInputTextFlags_CharsNoBlank | ImGuiInputTextFlags_EnterReturnsTrue);
    tag("calls.filter.agent");
    same_line_wrap(px(220));
    ImGui::SetNextItemWidth(px(220));
    a11y::name_next("号码");
    // Masked roles: the whole number (a fragment would uncover the hidden digits one query at a time).
    search |= ImGui::InputTextWithHint("##number", masked ? "完整号码（如 11 位手机号）" : "号码（至少 3 位）", &q.number,
                                       ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
    tag("calls.filter.number");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s", masked ? "号码已脱敏：只能按完整号码查找，查找记入审计日志" : "主叫或被叫号码中的任意 3 位以上数字");
    }
    same_line_wrap(button_w("查询"));
    search |= primary_button("查询");
    tag("calls.search_button");
    same_line_wrap(button_w("重置"));
    if (ImGui::Button("重置")) {
        q = CallQuery{};
        search = true;
    }
    tag("calls.reset");

    if (q != st.query) out.push_back(CallsIntent{CallsEditQuery{q}});
    if (search) {
        q.page = 1;
        out.push_back(CallsIntent{CallsSearch{q}});
    }
    if (!st.error.empty()) {
        wrapped_text("查询未完成：" + st.error, ImGui::GetColorU32(ImGuiCol_Text));
        tag("calls.error");
        tag_text("calls.error", st.error);
    }

    // ---- results ----
    const CallListData& d = st.list;
    export_print_buttons(s, "calls", "calls");
    const CopyWhat copy = copy_keys();
    const CallRowView* copy_call = nullptr;
    RowCopy copy_what;
    const float footer_h = list_footer_height("calls");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_Resizable | table_sort_flags() | ImGuiTableFlags_ScrollX;
    const float table_h = std::max(px(120), ImGui::GetContentRegionAvail().y - footer_h);
    // Columns as the export's (wire call_columns), so a copied cell is the export's cell.
    static const std::vector<std::string> keys = {"started_at", "direction", "", "", "disposition", "duration",
                                                  "talk", "agent", "", ""};
    if (ImGui::BeginTable("calls.table", 10, flags, ImVec2(0, table_h), table_inner_width(60))) {
        ImGui::TableSetupScrollFreeze(1, 1);
        const std::string cur = d.loaded ? (d.query.sort.empty() ? std::string("-started_at") : d.query.sort)
                                         : std::string("-started_at");
        const auto col = [&](const char* label, int i, float w) {
            ImGui::TableSetupColumn(label, ImGuiTableColumnFlags_WidthStretch |
                                               sort_column_flags(keys[static_cast<std::size_t>(i)], cur),
                                    w, static_cast<ImGuiID>(i));
        };
        col("呼叫时间", 0, 1.5f);
        col("方向", 1, 0.5f);
        col("主叫号码", 2, 1.1f);
        col("被叫号码", 3, 1.1f);
        col("结果", 4, 0.6f);
        col("时长", 5, 0.8f);
        col("通话", 6, 0.8f);
        col("坐席", 7, 0.8f);
        col("工单编号", 8, 1.4f);
        col("话单编号", 9, 1.2f);
        ImGui::TableHeadersRow();
        if (const auto asked = header_sort(keys, cur); asked && d.loaded) {
            CallQuery sorted = d.query;
            sorted.sort = *asked == "-started_at" ? std::string() : *asked;
            sorted.page = 1;
            if (sorted.sort != d.query.sort) out.push_back(CallsIntent{CallsSearch{sorted}});
        }
        a11y::table("通话记录", {"呼叫时间", "方向", "主叫号码", "被叫号码", "结果", "时长", "通话", "坐席", "工单编号"});
        for (std::size_t i = 0; i < d.items.size(); ++i) {
            const CallRowView& c = d.items[i];
            a11y::row({c.started, c.direction_label, c.caller, c.callee, c.disposition_label, duration_text(c.duration_s),
                       duration_text(c.talk_s), c.agent, c.order_code});
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(c.id));
            ImGui::Selectable(c.started.c_str(), false,
                              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap);
            const std::string row_id = "calls.row." + std::to_string(i);
            tag(row_id);
            copy_hint_tooltip();
            if (const RowCopy rc = row_copy("calls", c.id, copy); rc.what != CopyWhat::None && !copy_call) {
                copy_call = &c;
                copy_what = rc;
            }
            tag_text(row_id, c.call_key);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.direction_label.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.caller.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.callee.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.disposition_label.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(duration_text(c.duration_s).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(duration_text(c.talk_s).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.agent.c_str());
            ImGui::TableNextColumn();
            if (!c.order_code.empty()) {
                if (ImGui::SmallButton(c.order_code.c_str())) out.push_back(CallsIntent{CallsOpenOrder{c.order_code}});
                tag("calls.order." + std::to_string(i));
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("打开工单 %s", c.order_code.c_str());
            } else {
                muted("—");
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.call_key.c_str());
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    tag("calls.table");
    if (const CallRowView* c = copy_call) {
        wire::CallRow r = wire_row(*c);
        r.disposition = "";
        auto t = wire::calls_table({r});
        // The screen's texts where the export's came from codes: time, outcome.
        t.rows.front()[0] = c->started;
        t.rows.front()[4] = c->disposition_label;
        if (copy_what.what == CopyWhat::Row) copy_row(t.columns, t.rows.front(), "calls");
        else copy_cell(t.columns, t.rows.front(), std::clamp(copy_what.column, 0, 9), "calls");
    }

    // ---- footer: count, masking, paging ----
    if (const auto ask = list_footer({"calls", d.loaded, s.pending_requests > 0, d.total, d.query.page,
                                      d.query.page_size, "通", "没有符合条件的通话记录",
                                      d.masked ? "（外部号码已按权限脱敏）" : ""})) {
        CallQuery paged = d.query;
        paged.page = ask->page;
        paged.page_size = ask->page_size;
        out.push_back(CallsIntent{CallsSearch{paged}});
    }
    return out;
}

}  // namespace yiyang::client::ui
