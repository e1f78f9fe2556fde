// Order detail panel (工单详情): the order (status pill, urgency, channel, town, provider, categories, elder as
// sent, description), its SLA clocks, its history, and the action panel offering ONLY the legal_actions the
// server returned for this viewer, each with its inputs (candidates with why they rank there, evidence,
// the five-step satisfaction scale, reasons). Errors from the server are shown beside the panel.
#include <algorithm>
#include <cmath>
#include <string>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "app/routes.hpp"
#include "app/screens.hpp"
#include "ui/complaint_panel.hpp"
#include "ui/date_picker.hpp"
#include "ui/evidence_panel.hpp"
#include "ui/order_format.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"
#include "yiyang/order_lifecycle.hpp"
#include "yiyang/work_queues.hpp"

namespace yiyang::client::ui {

namespace {

const char* action_label(const std::string& action) {
    auto a = parse_OrderAction(action);
    return a ? label_zh(*a) : action.c_str();
}

// Actions that need no input: one click sends them.
bool is_quick(const std::string& a) {
    return a == "accept" || a == "start" || a == "review_pass" || a == "close" || a == "escalate" ||
           a == "resume" || a == "dispatch_town" || a == "acknowledge";
}

bool has_action(const OrdersState& st, const char* a) {
    return std::find(st.legal_actions.begin(), st.legal_actions.end(), a) != st.legal_actions.end();
}

// The label of the free-text field of an action (its reason, or the answer given on the spot).
const char* reason_label(const std::string& a) {
    if (a == "decline") return "拒单原因（必填）";
    if (a == "review_reject") return "退回原因（必填）";
    if (a == "judge_complaint_valid" || a == "judge_complaint_invalid") return "判定理由（必填）";
    if (a == "open_rectification") return "整改要求（必填）";
    if (a == "close_rectification") return "整改结果（必填）";
    if (a == "cancel") return "取消原因（必填）";
    if (a == "pause") return "暂停原因（必填，如老人外出、住院）";
    if (a == "answer_on_spot") return "解答内容（可选）";
    if (a == "callback") return "回访备注（可选）";
    return "原因";
}

struct Ctx {
    const AppState& s;
    const OrdersState& st;
    OrderActionForm form;
    Intents out;
};

// A section title with a rule under it (1.86 has no SeparatorText).
void section(const char* text) {
    colored_text(text, colors::kAccent);
    ImGui::Separator();
}

void field_label(const char* text) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
}

void error_of(const Ctx& c, const char* field) {
    auto it = c.st.field_errors.find(field);
    if (it != c.st.field_errors.end()) field_error("order", field, it->second);
}

// ---- left: the order ------------------------------------------------------------------------------
void info_pair(const char* label, const std::string& value, const char* id = nullptr) {
    ImGui::TableNextColumn();
    colored_text(label, colors::kMuted);
    ImGui::TableNextColumn();
    wrapped_text(value, ImGui::GetColorU32(ImGuiCol_Text));
    if (id) {
        tag(id);
        tag_text(id, value);
    }
}

void order_info(Ctx& c) {
    const WorkOrder& o = c.st.current->order;
    // Two label / value pairs a row, or one when a value would get less than 6 characters (large text, portrait);
    // the label column as wide as the longest label (4 characters) at the text size in use.
    const float label_w = std::max(px(72), ImGui::CalcTextSize("受理时间").x);
    const float pair_w = label_w + em(6) + ImGui::GetStyle().CellPadding.x * 4;
    const int cols = ImGui::GetContentRegionAvail().x >= pair_w * 2 ? 4 : 2;
    if (ImGui::BeginTable("order.info", cols, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("l1", ImGuiTableColumnFlags_WidthFixed, label_w);
        ImGui::TableSetupColumn("v1", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        if (cols == 4) {
            ImGui::TableSetupColumn("l2", ImGuiTableColumnFlags_WidthFixed, label_w);
            ImGui::TableSetupColumn("v2", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        }
        info_pair("类型", label_zh(o.type), "order.type");
        info_pair("渠道", label_zh(o.channel), "order.channel");
        info_pair("受理时间", short_time(o.created_at));
        info_pair("镇街", town_name(c.s, o.town_id), "order.town");
        info_pair("服务商", o.provider_id ? provider_name(c.s, *o.provider_id) : std::string("—"), "order.provider");
        info_pair("服务类别", categories_text(o.categories));
        info_pair("派单时间", o.dispatched_at ? short_time(*o.dispatched_at) : std::string("—"));
        info_pair("完成时间", o.completed_at ? short_time(*o.completed_at) : std::string("—"));
        std::string sat = "—";
        if (o.satisfaction) sat = std::to_string(*o.satisfaction) + " " + satisfaction_label_zh(*o.satisfaction);
        info_pair("满意度", sat, "order.satisfaction_value");
        std::string extra = "—";
        if (o.complaint_valid) extra = *o.complaint_valid ? "有效投诉" : "无效投诉";
        else if (o.paused_since) extra = "暂停计时自 " + short_time(*o.paused_since);
        else if (o.closed_at) extra = "办结于 " + short_time(*o.closed_at);
        info_pair(o.complaint_valid ? "投诉判定" : "其他", extra);
        ImGui::EndTable();
    }

    // Elder, masked as the server sent it.
    ImGui::Spacing();
    colored_text("服务对象", colors::kMuted);
    ImGui::SameLine(px(84));
    if (!o.elder_id) {
        ImGui::TextUnformatted("未关联（咨询 / 建议）");
    } else {
        std::string who = "#" + std::to_string(*o.elder_id);
        if (c.st.elder && c.st.elder->id == *o.elder_id) {
            const ElderBrief& e = *c.st.elder;
            who = e.name;
            if (!e.phone.empty()) who += "　" + e.phone;
            if (!e.community.empty()) who += "　" + e.community;
        }
        ImGui::TextUnformatted(who.c_str());
        tag("order.elder");
        tag_text("order.elder", who);
        if (c.s.can_list_elders) {
            same_line_wrap(ImGui::CalcTextSize("查看档案").x + ImGui::GetStyle().FramePadding.x * 2);
            if (ImGui::SmallButton("查看档案")) c.out.push_back(OpenElder{*o.elder_id});
            tag("order.elder_link");
        }
    }
    ImGui::Spacing();
    colored_text("诉求描述", colors::kMuted);
    ImGui::BeginGroup();
    wrapped_text(o.description.empty() ? std::string("（无）") : o.description, ImGui::GetColorU32(ImGuiCol_Text));
    ImGui::EndGroup();
    tag("order.description");
    tag_text("order.description", o.description);
}

void order_clocks(Ctx& c) {
    ImGui::Spacing();
    section("时限");
    const auto& clocks = c.st.current->clocks;
    if (clocks.empty()) {
        muted("尚无计时（导入的历史工单或尚未开始的环节）");
        return;
    }
    for (std::size_t i = 0; i < clocks.size(); ++i) {
        const OrderClockView& k = clocks[i];
        ImGui::BeginGroup();
        ImGui::TextUnformatted(k.name.empty() ? k.rule.c_str() : k.name.c_str());
        ImGui::SameLine();
        const ClockText ct = clock_text(k);
        colored_text(std::string("【") + clock_state_label(k.state) + "】" + (k.stopped_at.empty() ? ct.text : std::string()),
                     ct.color);
        std::string line = "开始 " + wire_time_text(k.started_at) + " · 到期 " + wire_time_text(k.due_at) +
                           " · 已用 " + duration_text(k.consumed_seconds);
        // One remaining time per clock: the heading's (time to the due moment; counted time while paused). The
        // counted remainder of a workday clock differs from it and, shown beside it, read as a contradiction.
        if (!k.stopped_at.empty()) line += " · 结束 " + wire_time_text(k.stopped_at);
        if (k.state == "paused") line += " · 暂停计时中（等待老人），到期时间按现在恢复计算";
        muted(line);
        ImGui::EndGroup();
        const std::string id = "order.clock." + std::to_string(i);
        tag(id);
        tag_text(id, k.rule + " " + k.state);
    }
}

std::string details_text(const AppState& s, const OrderHistoryEntry& h) {
    std::string out;
    auto add = [&out](const std::string& t) {
        if (!out.empty()) out += "；";
        out += t;
    };
    const auto& d = h.details;
    if (!d.is_object()) return out;
    if (auto p = d.find("provider_id"); p != d.end() && p->is_number_integer()) add("服务商：" + provider_name(s, p->get<Id>()));
    if (auto p = d.find("town_id"); p != d.end() && p->is_number_integer()) add("镇街：" + town_name(s, p->get<Id>()));
    if (auto p = d.find("satisfaction"); p != d.end() && p->is_number_integer()) {
        const int v = p->get<int>();
        add("满意度：" + std::to_string(v) + " " + satisfaction_label_zh(v));
    }
    if (auto e = d.find("evidence"); e != d.end() && e->is_object()) {
        auto str = [&](const char* k) {
            auto it = e->find(k);
            return it != e->end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        add("服务人员：" + str("caregiver"));
        add("服务时间：" + wire_time_text(str("from")) + " 至 " + wire_time_text(str("to")));
        add("服务地点：" + str("place"));
        if (auto ph = e->find("photo_refs"); ph != e->end() && ph->is_array() && !ph->empty()) {
            std::string refs;
            for (const auto& r : *ph) {
                if (!r.is_string()) continue;
                if (!refs.empty()) refs += "，";
                refs += r.get<std::string>();
            }
            add("照片：" + refs);
        }
    }
    if (auto v = d.find("rectification_opened"); v != d.end() && v->is_boolean() && v->get<bool>()) add("已发起整改");
    return out;
}

void order_history(Ctx& c) {
    ImGui::Spacing();
    section("处理记录");
    if (!c.st.history_loaded) {
        muted("正在加载…");
        return;
    }
    for (std::size_t i = 0; i < c.st.history.size(); ++i) {
        const OrderHistoryEntry& h = c.st.history[i];
        ImGui::BeginGroup();
        const std::string when = wire_time_text(h.at);
        colored_text(when, colors::kMuted);
        ImGui::SameLine();
        std::string who = h.actor;
        if (!h.actor_role.empty()) who += "（" + std::string(role_label(h.actor_role)) + "）";
        ImGui::TextUnformatted(who.c_str());
        ImGui::SameLine();
        const std::string what = h.action == "create"           ? std::string("受理登记")
                                 : h.action == "link_complaint" ? std::string("更改投诉对象")
                                                                : std::string(action_label(h.action));
        colored_text(what, colors::kAccent);
        ImGui::SameLine();
        // A status move, or what else changed (更改投诉对象: the earlier order and provider, before ＞ after).
        std::string move = !h.change_text.empty() ? h.change_text
                           : h.from.empty()       ? std::string("＞ ") + status_label(h.to)
                                                  : std::string(status_label(h.from)) + " ＞ " + status_label(h.to);
        if (!h.change_text.empty()) wrapped_text(move, colors::kMuted);
        else colored_text(move, colors::kMuted);
        if (!h.reason.empty()) wrapped_text((h.action == "answer_on_spot" || h.action == "callback" ? "内容：" : "原因：") + h.reason,
                                            ImGui::GetColorU32(ImGuiCol_Text));
        const std::string det = details_text(c.s, h);
        if (!det.empty()) muted(det);
        ImGui::EndGroup();
        const std::string id = "order.history." + std::to_string(i);
        tag(id);
        tag_text(id, h.action + " " + h.from + ">" + h.to + (h.change_text.empty() ? "" : " " + h.change_text));
        ImGui::Separator();
    }
}

// ---- right: the action panel ----------------------------------------------------------------------
void reason_field(Ctx& c) {
    field_label(reason_label(c.form.action));
    ImGui::InputTextMultiline("##reason", &c.form.reason, ImVec2(-1, ImGui::GetTextLineHeight() * 3.2f));
    tag("order.reason");
    error_of(c, "reason");
}

void submit_button(Ctx& c, const char* text) {
    ImGui::Spacing();
    if (c.st.submitting) ImGui::BeginDisabled();
    if (primary_button(text)) c.out.push_back(OrdersIntent{OrdersSubmit{}});
    if (c.st.submitting) ImGui::EndDisabled();
    tag("order.submit");
    if (c.st.submitting) {
        ImGui::SameLine();
        spinner(px(9), colors::kAccent);
    }
}

void candidates_form(Ctx& c) {
    const OrdersState& st = c.st;
    std::string chosen = "尚未选择";
    for (const auto& k : st.candidates) {
        if (k.provider_id == c.form.provider_id) chosen = k.provider_name;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(("派给：" + chosen).c_str());
    tag("order.chosen");
    tag_text("order.chosen", chosen);
    submit_button(c, "确认派单");
    error_of(c, "provider_id");
    if (!st.candidates_error.empty()) wrapped_text(st.candidates_error, colors::kError);
    if (!st.candidates_loaded) {
        if (st.candidates_error.empty()) muted("正在计算候选服务商…");
        return;
    }
    ImGui::Spacing();
    colored_text("推荐服务商（共 " + std::to_string(st.candidates_eligible) + " 家可派）", colors::kMuted);
    int excluded = 0;
    for (const auto& k : st.candidates) {
        if (!k.eligible) {
            ++excluded;
            continue;
        }
        ImGui::PushID(static_cast<int>(k.provider_id));
        const bool selected = k.provider_id == c.form.provider_id;
        ImGui::BeginGroup();
        const std::string title = std::to_string(k.rank) + ". " + k.provider_name + "　" + std::to_string(k.score) + " 分";
        if (ImGui::Selectable(title.c_str(), selected, ImGuiSelectableFlags_AllowItemOverlap)) {
            c.form.provider_id = k.provider_id;
        }
        const std::string id = "order.candidate." + std::to_string(k.provider_id);
        tag(id);
        tag_text(id, k.reasons);
        const std::string parts = "得分构成：类别 " + std::to_string(k.part_category) + "，距离 " +
                                  std::to_string(k.part_distance) + "，在办负载 " + std::to_string(k.part_load) +
                                  "，评分 " + std::to_string(k.part_rating);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", parts.c_str());
        ImGui::Indent(px(18));
        muted(k.reasons);
        if (selected) muted(parts);         // the chosen one shows how its score is made up
        ImGui::Unindent(px(18));
        ImGui::EndGroup();
        ImGui::PopID();
        ImGui::Separator();
    }
    if (st.candidates_eligible == 0) wrapped_text("没有可派的服务商：可派单给镇街，或升级处理", colors::kError);
    if (excluded > 0) {
        const std::string head = "不可派（" + std::to_string(excluded) + " 家）及原因###excluded";
        if (ImGui::TreeNodeEx(head.c_str(), 0)) {
            for (const auto& k : st.candidates) {
                if (k.eligible) continue;
                wrapped_text(k.provider_name + "：" + k.ineligible_reason, colors::kMuted);
                const std::string id = "order.excluded." + std::to_string(k.provider_id);
                tag(id);
                tag_text(id, k.ineligible_reason);
            }
            ImGui::TreePop();
        }
        tag("order.excluded");
    }
}

void evidence_form(Ctx& c) {
    muted("填写服务凭证后完成服务（时间可点“日历”选择，或输入如 2026-11-23 09:30）；现场照片在下方“服务照片”添加");
    error_of(c, "evidence");
    auto text = [&](const char* label, const char* id, std::string& value, const char* hint, const char* field) {
        field_label(label);
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint(id, hint, &value);
        tag(std::string("order.evidence.") + field);
        error_of(c, field);
    };
    text("服务人员", "##caregiver", c.form.caregiver, "姓名", "caregiver");
    // Times by the picker (or typed as before): ui/date_picker.
    field_label("开始时间");
    date_time_field("order.evidence.from", c.form.from_text, c.s.today, "2026-11-23 09:30");
    error_of(c, "from");
    field_label("结束时间");
    date_time_field("order.evidence.to", c.form.to_text, c.s.today, "2026-11-23 10:30");
    error_of(c, "to");
    text("服务地点", "##place", c.form.place, "如 老人家中 / 服务网点名称", "place");
    text("照片编号（可选，逗号分隔）", "##photos", c.form.photo_refs, "如 P1001,P1002", "photo_refs");
    submit_button(c, "提交完成");
}

void callback_form(Ctx& c) {
    field_label("满意度（县级回访问卷第7题）");
    for (int n = 1; n <= 5; ++n) {
        const std::string label = std::to_string(n) + " " + satisfaction_label_zh(n) + "##sat" + std::to_string(n);
        if (ImGui::RadioButton(label.c_str(), c.form.satisfaction == n)) c.form.satisfaction = n;
        tag("order.satisfaction." + std::to_string(n));
        if (n != 3 && n != 5) ImGui::SameLine();
    }
    error_of(c, "satisfaction");
    ImGui::Checkbox("老人称未接受该服务（服务不真实）##notreceived", &c.form.service_not_received);
    tag("order.service_not_received");
    error_of(c, "service_received");
    wrapped_text("提示：选 4 不太满意、5 很不满意，或老人称未接受服务，将自动发起整改，工单进入“整改中”；"
                 "未接受服务计入月度考核“服务不真实”。",
                 c.form.satisfaction >= 4 || c.form.service_not_received ? col(palette::kWarning) : colors::kMuted);
    tag("order.callback_hint");
    tag_text("order.callback_hint", "选 4 或 5 将自动发起整改");
    reason_field(c);
    submit_button(c, "提交回访");
}

void action_panel(Ctx& c) {
    const OrdersState& st = c.st;
    heading("操作");
    if (!st.last_success.empty()) {
        wrapped_text(st.last_success, colors::kSuccess);
        tag("order.success");
        tag_text("order.success", st.last_success);
    }
    if (st.changed_elsewhere) {
        wrapped_text("该工单刚被他人更新，您填写的内容尚未提交。请重新加载后再操作。", col(palette::kWarning));
        tag("order.changed_elsewhere");
        if (ImGui::Button("重新加载工单##changed")) c.out.push_back(OrdersIntent{OrdersReload{}});
        tag("order.changed_reload");
    }
    if (!st.action_error.empty()) {
        wrapped_text(st.action_error, colors::kError);
        tag("order.error");
        tag_text("order.error", st.action_error);
        if (st.version_conflict) {
            if (ImGui::Button("重新加载工单")) c.out.push_back(OrdersIntent{OrdersReload{}});
            tag("order.conflict_reload");
        }
    }
    if (st.legal_actions.empty()) {
        muted("当前没有您可以执行的操作。");
        return;
    }
    // One button per legal action, wrapping at the panel's edge.
    const float right = ImGui::GetContentRegionAvail().x;
    float x = 0.0f;
    for (const auto& a : st.legal_actions) {
        const char* label = action_label(a);
        const float w = button_w(label);
        if (x > 0.0f && x + ImGui::GetStyle().ItemSpacing.x + w <= right) {
            ImGui::SameLine();
            x += ImGui::GetStyle().ItemSpacing.x + w;
        } else {
            x = w;
        }
        const bool selected = c.form.action == a && !is_quick(a);
        if (st.submitting) ImGui::BeginDisabled();
        const std::string id = std::string(label) + "##act_" + a;
        const bool pressed = selected ? primary_button(id.c_str()) : ImGui::Button(id.c_str());
        if (st.submitting) ImGui::EndDisabled();
        if (pressed) {
            if (is_quick(a)) c.out.push_back(OrdersIntent{OrdersQuickAction{a}});
            else c.out.push_back(OrdersIntent{OrdersSelectAction{a}});
        }
        tag("order.action." + a);
    }
    if (has_action(st, "dispatch_town")) muted("派单给镇街：派给工单所属的" + town_name(c.s, st.current->order.town_id));

    const std::string& a = c.form.action;
    if (a.empty() || is_quick(a) || !has_action(st, a.c_str())) return;
    ImGui::Spacing();
    section(action_label(a));
    if (a == "dispatch_provider") candidates_form(c);
    else if (a == "complete") evidence_form(c);
    else if (a == "callback") callback_form(c);
    else {
        reason_field(c);
        submit_button(c, (std::string("确认") + action_label(a)).c_str());
    }
}

}  // namespace

Intents draw_order_detail(const AppState& s) {
    const OrdersState& st = s.orders;
    Ctx c{s, st, st.form, {}};
    if (ImGui::Button("＜ 返回列表")) c.out.push_back(OrdersIntent{OrdersBack{}});
    tag("order.back");
    if (!st.current) {
        muted("正在加载工单…");
        return c.out;
    }
    const WorkOrder& o = st.current->order;
    ImGui::PushFont(theme().title);
    const float code_w = ImGui::CalcTextSize(o.code.c_str()).x;
    ImGui::PopFont();
    same_line_wrap(code_w);   // the code on its own line when it does not fit beside 返回列表 (large text, portrait)
    ImGui::AlignTextToFramePadding();
    heading(o.code.c_str());
    tag("order.code");
    tag_text("order.code", o.code);
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(4));
    status_pill(o.status, o.paused_since.has_value());
    tag("order.status");
    tag_text("order.status", code(o.status));
    if (o.urgency != Urgency::Normal) {
        ImGui::SameLine();
        pill(label_zh(o.urgency), o.urgency == Urgency::Emergency ? colors::kError : col(palette::kWarning));
    }
    if (st.current->overdue) {
        ImGui::SameLine();
        pill("已逾期", colors::kError);
        tag("order.overdue");
    }
    // The order's own URL (#/orders/GD…): open it beside this one, or send it to a colleague.
    const float link_w = button_w("复制链接") + button_w("在新标签页打开") + button_w("刷新") +
                         2 * ImGui::GetStyle().ItemSpacing.x;
    // On the next line when the code and its pills leave no room (large text); when the three buttons are wider
    // than a line (portrait at 200 %) they flow instead (ui/widgets.hpp).
    const bool links_fit = link_w <= ImGui::GetWindowContentRegionMax().x - ImGui::GetWindowContentRegionMin().x;
    if (links_fit) same_line_right(link_w);
    else same_line_wrap(button_w("复制链接"));
    const std::string link = order_link(o.code);
    if (ImGui::Button("复制链接##order")) c.out.push_back(NavIntent{NavCopyLink{link}});
    tag("order.copy_link");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("复制本工单的网址，可发送给同事（对方登录后打开）");
    same_line_wrap(button_w("在新标签页打开"));
    if (ImGui::Button("在新标签页打开##order")) c.out.push_back(NavIntent{NavOpenInNewTab{link}});
    tag("order.new_tab");
    same_line_wrap(button_w("刷新"));
    if (ImGui::Button("刷新##order")) c.out.push_back(OrdersIntent{OrdersReload{}});
    tag("order.reload");

    // A complaint says what happens next and who decides (shared work_queues.hpp next_step_zh).
    if (const std::string next = next_step_zh(o); !next.empty()) {
        wrapped_text("下一步：" + next, colors::kAccent);
        tag("order.next_step");
        tag_text("order.next_step", next);
    }
    // The chain (issue 11): a callback that found no service counts in the provider's assessment month (服务不真实)
    // and bills the faked subject on that month's statement — one click to each.
    if (const auto chain = not_received_month(st); chain && role_has_screen(s, Screen::Assessment)) {
        ImGui::AlignTextToFramePadding();
        colored_text("回访：老人称未接受服务，计入 " + chain->month + " 考核「服务不真实」及结算扣减", colors::kError);
        tag_text("order.chain", chain->month);
        same_line_wrap(button_w("查看该月考核"));
        if (ImGui::Button("查看该月考核##order.chain"))
            c.out.push_back(NavIntent{NavOpen{assessment_link(chain->provider_id, chain->month)}});
        tag("order.chain.assessment");
        if (role_has_screen(s, Screen::Settlement)) {
            same_line_wrap(button_w("查看该月结算单"));
            if (ImGui::Button("查看该月结算单##order.chain"))
                c.out.push_back(NavIntent{NavOpen{settlement_link(chain->provider_id, chain->month)}});
            tag("order.chain.settlement");
        }
    }
    {   // What the complaint is about / the complaints about this order (ui/complaint_panel).
        const Intents links = draw_complaint_links(s);
        c.out.insert(c.out.end(), links.begin(), links.end());
    }

    // Two panes that scroll on their own: the order on the left, the actions on the right.
    const float avail_w = ImGui::GetContentRegionAvail().x;
    const float h = ImGui::GetContentRegionAvail().y;
    const float right_w = std::clamp(avail_w * 0.42f, px(380), px(640));
    const float left_w = avail_w - right_w - ImGui::GetStyle().ItemSpacing.x;
    // Too narrow for two panes side by side (large text size, portrait): the actions go below the order.
    const bool stacked = left_w < px(380);
    const float left_h = stacked ? std::floor((h - ImGui::GetStyle().ItemSpacing.y) * 0.5f) : h;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(14), px(10)));
    ImGui::BeginChild("order.left", ImVec2(stacked ? 0.0f : left_w, left_h), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    order_info(c);
    order_clocks(c);
    order_history(c);
    ImGui::EndChild();
    tag("order.left");
    if (!stacked) ImGui::SameLine();
    ImGui::BeginChild("order.right", ImVec2(0, stacked ? 0.0f : h), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    action_panel(c);
    {   // The service photos beside the actions: the reviewer sees them next to 审核通过, the provider adds them.
        const Intents evidence = draw_evidence_section(s);
        c.out.insert(c.out.end(), evidence.begin(), evidence.end());
    }
    ImGui::EndChild();
    tag("order.right");
    ImGui::PopStyleVar();

    // The edited form goes first, so an action submitted in the same frame sends what was typed.
    Intents result;
    if (!(c.form == st.form)) result.push_back(OrdersIntent{OrdersEditForm{c.form}});
    result.insert(result.end(), c.out.begin(), c.out.end());
    return result;
}

}  // namespace yiyang::client::ui
