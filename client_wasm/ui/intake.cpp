// 来电受理: three zones side by side, each scrolling on its own so nothing overlaps at any size — the caller
// (lookup by phone, ID number or name, masked results with an audited 显示, past orders), the new order (channel,
// type, categories, urgency, Chinese description; answer on the spot after creation) and the knowledge panel.
#include <algorithm>
#include <cmath>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/complaint_panel.hpp"

#include "ui/keys.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"
#include "yiyang/knowledge.hpp"
#include "yiyang/order_request.hpp"

namespace yiyang::client::ui {

namespace {

std::string town_name(const AppState& s, Id id) {
    for (const auto& t : s.towns) {
        if (t.id == id) return t.name;
    }
    return id ? "镇街 #" + std::to_string(id) : std::string("—");
}

const char* programme_label(const std::string& p) {
    if (p == "home_visit") return "居家上门服务";
    if (p == "info_service") return "信息化服务";
    if (p == "physical_service") return "实体服务";
    return p.c_str();
}

const char* field_label(const std::string& f) {
    if (f == "name") return "姓名";
    if (f == "phone") return "手机号";
    if (f == "id_number") return "身份证号";
    if (f == "address") return "地址";
    return "";
}

void label(const char* text) {
    wrapped_text(text, colors::kMuted);   // a long label wraps in a narrow zone (large text, portrait)
}

bool has(const std::vector<std::string>& v, const char* x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// The message for a field of the order form: the server's always, the local one once touched or submitted.
std::string draft_message(const IntakeForm& f, const std::string& field) {
    std::string out;
    if (auto it = f.server.find(field); it != f.server.end()) out = it->second;
    auto loc = f.local.find(field);
    if (loc != f.local.end() && (f.show_all_errors || f.touched.count(field)) &&
        out.find(loc->second) == std::string::npos) {
        if (!out.empty()) out += "；";
        out += loc->second;
    }
    return out;
}

// ---- caller -----------------------------------------------------------------------------------------
// One personal field of a found elder: the masked value with 显示, or the revealed value with its note.
void personal_field(const AppState& s, const CallerElder& ce, const std::string& field, const std::string& value,
                    Intents& out) {
    const LookupState& l = s.intake.lookup;
    const std::string key = std::to_string(ce.elder.id) + "." + field;
    label(field_label(field));
    ImGui::SameLine(px(80));
    auto rv = ce.revealed.find(field);
    const std::string shown = rv != ce.revealed.end() ? rv->second : (value.empty() ? std::string("—") : value);
    const bool masked = value.find('*') != std::string::npos;
    ImGui::BeginGroup();
    if (masked && rv == ce.revealed.end()) ImGui::TextUnformatted(shown.c_str());
    else wrapped_text(shown, ImGui::GetColorU32(ImGuiCol_Text), ImGui::GetContentRegionAvail().x);
    ImGui::EndGroup();
    tag("intake.value." + key);
    tag_text("intake.value." + key, shown);
    if (rv != ce.revealed.end()) {
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize("已记录查看原因").x) ImGui::NewLine();
        colored_text("已记录查看原因", colors::kSuccess);
        tag("intake.revealed_note." + key);
    } else if (masked) {
        ImGui::SameLine();
        const std::string b = "显示##" + key;
        if (ImGui::SmallButton(b.c_str())) out.push_back(IntakeIntent{StartReveal{ce.elder.id, field}});
        tag("intake.reveal." + key);
    }
    if (l.reveal && l.reveal->elder_id == ce.elder.id && l.reveal->field == field) {
        const RevealForm& f = *l.reveal;
        ImGui::Indent(px(12));
        label("查看原因（必填，记入审计）");
        std::string reason = f.reason;
        const float bw = button_w("确认") + button_w("取消") + ImGui::GetStyle().ItemSpacing.x * 2;
        ImGui::SetNextItemWidth(std::max(px(80), ImGui::GetContentRegionAvail().x - bw));
        const bool enter = ImGui::InputTextWithHint("##reveal_reason", "如：核实来电人身份", &reason,
                                                    ImGuiInputTextFlags_EnterReturnsTrue);
        tag("intake.reveal_reason");
        if (reason != f.reason) out.push_back(IntakeIntent{EditRevealReason{reason}});
        ImGui::SameLine();
        if (f.busy) ImGui::BeginDisabled();
        if (primary_button("确认##reveal") || enter) out.push_back(IntakeIntent{ConfirmReveal{}});
        if (f.busy) ImGui::EndDisabled();
        tag("intake.reveal_confirm");
        ImGui::SameLine();
        if (ImGui::Button("取消##reveal")) out.push_back(IntakeIntent{CancelReveal{}});
        tag("intake.reveal_cancel");
        field_error("intake", "reveal", f.error);
        ImGui::Unindent(px(12));
    }
}

// While the lookup field is being typed in and a name list is shown, ↑/↓ move its highlighted row (kept from
// ImGui's keyboard navigation, which would otherwise move the focus out of the field).
void name_list_keys(const AppState& s, Intents& out) {
    const LookupState& l = s.intake.lookup;
    if (!ImGui::IsItemActive() || l.kind != "name" || !l.names || l.names->rows.empty()) return;
    ImGui::GetCurrentContext()->ActiveIdUsingNavDirMask |= (1 << ImGuiDir_Up) | (1 << ImGuiDir_Down);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) out.push_back(IntakeIntent{MoveNameMatch{+1}});
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) out.push_back(IntakeIntent{MoveNameMatch{-1}});
}

// The lookup by name: the short list for what was typed (name, masked phone, town, age band), the highlighted
// row moved with ↑/↓ while typing and picked with Enter, or any row clicked / reached with Tab and Enter.
void caller_name_matches(const AppState& s, Intents& out) {
    const LookupState& l = s.intake.lookup;
    if (l.kind != "name" || !l.names) return;
    const NameMatches& m = *l.names;
    if (!m.error.empty()) {
        field_error("intake", "names", m.error);
        return;
    }
    if (!m.answered) {
        if (m.loading) muted("正在按姓名查找…");
        return;
    }
    if (m.rows.empty()) {
        const std::string msg = "没有姓名包含“" + m.q + "”的服务对象";
        wrapped_text(msg, colors::kMuted);
        tag_text("intake.names.none", msg);
        return;
    }
    muted(m.more ? "同名较多，只列出前 " + std::to_string(m.rows.size()) + " 位：请再输入几个字"
                 : "找到 " + std::to_string(m.rows.size()) + " 位：上下方向键选择，回车确认");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("intake.names", 4, flags)) {
        ImGui::TableSetupColumn("姓名", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("电话", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("138****5678").x);
        ImGui::TableSetupColumn("镇街", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("年龄", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("100岁以上").x);
        for (std::size_t i = 0; i < m.rows.size(); ++i) {
            const CallerMatch& r = m.rows[i];
            const std::string id = std::to_string(r.elder_id);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const bool cur = static_cast<int>(i) == m.cursor;
            const std::string sel = r.name + "##name." + id;
            if (ImGui::Selectable(sel.c_str(), cur, ImGuiSelectableFlags_SpanAllColumns)) {
                out.push_back(IntakeIntent{PickNameMatch{r.elder_id}});
            }
            tag("intake.names.row." + id);
            tag_text("intake.names.row." + id, r.name + " " + r.phone + " " + r.town + " " + r.age_band);
            if (ImGui::IsItemHovered() && !r.status_label.empty()) ImGui::SetTooltip("状态：%s", r.status_label.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.phone.empty() ? "—" : r.phone.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.town.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.age_band.c_str());
        }
        ImGui::EndTable();
    }
}

void caller_zone(const AppState& s, Intents& out) {
    const LookupState& l = s.intake.lookup;
    const OrderDraft& d = s.intake.form.draft;
    heading("来电人");
    label("手机号、身份证号或姓名（按回车查找）");
    std::string input = l.input;
    const float go_w = button_w("查找") + px(12);
    // The field takes what 查找 leaves, at least 7 characters; else 查找 flows to the next line.
    ImGui::SetNextItemWidth(fit_w(std::max(em(7), ImGui::GetContentRegionAvail().x - go_w - ImGui::GetStyle().ItemSpacing.x)));
    if (keys::take_search_focus()) ImGui::SetKeyboardFocusHere();   // Ctrl+K (ui/keys.cpp)
    const bool enter = ImGui::InputTextWithHint("##lookup", "11位手机号 / 18位身份证号 / 姓名中的2个字", &input,
                                                ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsNoBlank);
    const bool left = ImGui::IsItemDeactivatedAfterEdit();
    tag("intake.lookup");
    name_list_keys(s, out);
    if (input != l.input || (left && !enter)) out.push_back(IntakeIntent{EditLookup{input, left && !enter}});
    same_line_wrap(go_w);
    if (l.loading) ImGui::BeginDisabled();
    if (primary_button("查找", ImVec2(go_w, 0)) || enter) out.push_back(IntakeIntent{LookupCaller{}});
    if (l.loading) ImGui::EndDisabled();
    tag("intake.lookup_go");
    if (!l.input_error.empty()) field_error("intake", "lookup", l.input_error);
    else if (!l.error.empty()) field_error("intake", "lookup", l.error);
    else if (!l.kind.empty()) muted(l.kind == "phone" ? "识别为：手机号" : l.kind == "name" ? "识别为：姓名" : "识别为：身份证号");
    if (l.loading) muted("正在查找…");
    caller_name_matches(s, out);

    if (!l.searched) return;
    ImGui::Separator();
    if (l.elders.empty()) {
        const std::string msg = "未找到登记的服务对象（" + l.searched_for + "）";
        ImGui::BeginGroup();
        wrapped_text(msg, colors::kError);
        ImGui::EndGroup();
        tag("intake.no_match");
        tag_text("intake.no_match", msg);
        if (!d.without_elder) {
            wrapped_text("来电人未登记时可继续受理（咨询、建议），工单需选择所属镇街。", colors::kMuted);
            if (ImGui::Button("未登记，继续受理")) out.push_back(IntakeIntent{ContinueWithoutElder{}});
            tag("intake.continue_without");
        } else {
            wrapped_text("已按未登记来电人受理：请在工单中选择镇街。", colors::kSuccess);
        }
    } else {
        const std::string found = "找到 " + std::to_string(l.elders.size()) + " 位服务对象";
        muted(found);
        tag_text("intake.found", found);
    }
    for (const CallerElder& ce : l.elders) {
        const Elder& e = ce.elder;
        const std::string id = std::to_string(e.id);
        ImGui::PushID(id.c_str());
        ImGui::BeginGroup();
        const bool chosen = d.elder_id == e.id;
        if (chosen) colored_text("【本次受理对象】", colors::kAccent);
        personal_field(s, ce, "name", e.name, out);
        personal_field(s, ce, "phone", e.phone, out);
        personal_field(s, ce, "id_number", e.id_number, out);
        personal_field(s, ce, "address", e.address, out);
        label("镇街");
        ImGui::SameLine(px(80));
        std::string where = town_name(s, e.town_id);
        if (!e.community.empty()) where += " " + e.community;
        ImGui::TextUnformatted(where.c_str());
        label("状态");
        ImGui::SameLine(px(80));
        ImGui::TextUnformatted(label_zh(e.status));
        tag_text("intake.elder_status." + id, label_zh(e.status));
        if (!e.categories.empty()) {
            std::string cats;
            for (ElderCategory c : e.categories) cats += (cats.empty() ? "" : "、") + std::string(label_zh(c));
            if (e.disability != DisabilityLevel::None) cats += "（" + std::string(label_zh(e.disability)) + "）";
            label("类别");
            ImGui::SameLine(px(80));
            ImGui::PushTextWrapPos(0);
            wrapped_text(cats, ImGui::GetColorU32(ImGuiCol_Text), ImGui::GetContentRegionAvail().x);
            ImGui::PopTextWrapPos();
        }
        if (!e.enrolments.empty()) {
            std::string prog;
            for (const auto& en : e.enrolments) {
                if (!en.to || *en.to >= s.today) prog += (prog.empty() ? "" : "、") + std::string(programme_label(en.programme));
            }
            if (!prog.empty()) {
                label("项目");
                ImGui::SameLine(px(80));
                wrapped_text(prog, ImGui::GetColorU32(ImGuiCol_Text), ImGui::GetContentRegionAvail().x);
            }
        }
        if (!chosen) {
            if (ImGui::SmallButton("为此人受理")) out.push_back(IntakeIntent{UseElder{e.id}});
            tag("intake.use_elder." + id);
        }
        ImGui::EndGroup();
        tag("intake.elder." + id);
        ImGui::PopID();
        ImGui::Separator();
    }

    if (!l.orders.empty()) {
        label(("历史工单（" + std::to_string(l.orders.size()) + "）").c_str());
        if (ImGui::BeginTable("intake.past", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp |
                                                    ImGuiTableFlags_BordersInnerH)) {
            // The code, date and type at their full width (a squeezed date showed "10·"); the status takes what is
            // left and is the one to clip (its full text is in the tooltip). MM-DD this year, else the full date.
            ImGui::TableSetupColumn("工单号", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("GD202612040000").x);
            ImGui::TableSetupColumn("日期", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("2026-12-04").x);
            ImGui::TableSetupColumn("类型", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("紧急求助").x);
            ImGui::TableSetupColumn("状态", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableHeadersRow();
            for (const PastOrder& o : l.orders) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                const std::string sel = o.code + "##past" + std::to_string(o.id);
                if (ImGui::Selectable(sel.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
                    out.push_back(IntakeIntent{OpenIntakeOrder{o.id}});
                }
                tag("intake.past." + std::to_string(o.id));
                tag_text("intake.past." + std::to_string(o.id), o.code);
                ImGui::TableNextColumn();
                const bool this_year = o.created.size() >= 10 && o.created.substr(0, 4) == std::to_string(s.today.year);
                ImGui::TextUnformatted((this_year ? o.created.substr(5, 5) : o.created.substr(0, 10)).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(o.type_label.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(o.status_label.c_str());
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s  %s", o.created.c_str(), o.status_label.c_str());
            }
            ImGui::EndTable();
        }
    } else if (!l.elders.empty()) {
        muted("暂无历史工单");
    }
}

// ---- new order ---------------------------------------------------------------------------------------
template <typename E, typename All>
bool enum_combo(const char* id, const char* tag_prefix, E& value, const All& all) {
    bool changed = false;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo(id, label_zh(value), ImGuiComboFlags_HeightLarge)) {
        for (E v : all) {
            if (ImGui::Selectable(label_zh(v), v == value)) {
                value = v;
                changed = true;
            }
            tag(std::string(tag_prefix) + "_option." + code(v));
        }
        ImGui::EndCombo();
    }
    tag(tag_prefix);
    return changed;
}

void created_box(const AppState& s, Intents& out) {
    const IntakeForm& f = s.intake.form;
    const CreatedOrder& c = *f.created;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, vec(palette::kSuccessTint));
    ImGui::BeginChild("intake.created_box", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 3 + px(8)), true);
    const std::string msg = "已受理：" + c.code;
    ImGui::AlignTextToFramePadding();
    colored_text(msg, colors::kSuccess);
    tag("intake.created");
    tag_text("intake.created", msg);
    const std::string st = std::string("（") + label_zh(c.type) + "，" + label_zh(c.status) + "）";
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(st.c_str()).x) ImGui::NewLine();
    colored_text(st, colors::kMuted);
    tag_text("intake.created_status", label_zh(c.status));
    if (ImGui::Button("查看工单")) out.push_back(IntakeIntent{OpenIntakeOrder{c.id}});
    tag("intake.open_created");
    ImGui::SameLine();
    if (ImGui::Button("新来电")) out.push_back(IntakeIntent{NewCall{}});
    tag("intake.new_call2");
    ImGui::EndChild();
    ImGui::PopStyleColor();

    if (has(c.legal_actions, "answer_on_spot")) {
        heading("即时解答");
        wrapped_text("当场答复来电人后提交，工单即办结为“已即时解答”。可在右侧知识库中查找并引用文章。", colors::kMuted);
        std::string answer = f.answer;
        ImGui::InputTextMultiline("##answer", &answer, ImVec2(-1, ImGui::GetTextLineHeight() * 5.5f));
        tag("intake.answer");
        if (answer != f.answer) out.push_back(IntakeIntent{EditAnswer{answer}});
        field_error("intake", "answer", f.answer_error);
        if (f.answering) ImGui::BeginDisabled();
        if (primary_button("提交答复")) out.push_back(IntakeIntent{AnswerOnSpot{}});
        if (f.answering) ImGui::EndDisabled();
        tag("intake.answer_submit");
    } else if (has(c.legal_actions, "close")) {
        colored_text("已即时解答，可结单。", colors::kSuccess);
        field_error("intake", "answer", f.answer_error);
        if (f.answering) ImGui::BeginDisabled();
        if (primary_button("结单")) out.push_back(IntakeIntent{CloseAnsweredOrder{}});
        if (f.answering) ImGui::EndDisabled();
        tag("intake.close_order");
    } else if (c.status == OrderStatus::Received) {
        wrapped_text("该工单需派单处理：点击“查看工单”选择服务商或镇街。", colors::kMuted);
    }
}

void order_zone(const AppState& s, Intents& out) {
    const IntakeForm& f = s.intake.form;
    const LookupState& l = s.intake.lookup;
    OrderDraft d = f.draft;
    std::string touched;
    const bool emergency = d.type == OrderType::Emergency;
    heading(emergency ? "新工单 · 紧急求助" : "新工单");
    if (emergency) {
        wrapped_text("紧急求助：提交后立即提示所有坐席，30 秒内须确认接警", colors::kError);
        tag("intake.emergency_note");
    }
    if (f.created) {
        created_box(s, out);
        return;
    }

    // The fields scroll inside; 提交 stays visible at the bottom of the zone.
    const float footer_h = ImGui::GetFrameHeightWithSpacing() + px(8);
    ImGui::BeginChild("intake.order.form", ImVec2(0, ImGui::GetContentRegionAvail().y - footer_h), false);
    // Whom the order is for.
    label("服务对象");
    if (d.elder_id) {
        std::string who = "#" + std::to_string(d.elder_id);
        for (const auto& ce : l.elders) {
            if (ce.elder.id == d.elder_id) {
                auto rv = ce.revealed.find("name");
                who = (rv != ce.revealed.end() ? rv->second : ce.elder.name) + "（" + town_name(s, ce.elder.town_id) + "）";
            }
        }
        ImGui::TextUnformatted(who.c_str());
        tag("intake.elder_chosen");
        tag_text("intake.elder_chosen", who);
    } else if (d.without_elder) {
        ImGui::TextUnformatted("未登记来电人");
        label("所属镇街");
        ImGui::SetNextItemWidth(-1);
        const std::string preview = d.town_id ? town_name(s, d.town_id) : std::string("请选择");
        if (ImGui::BeginCombo("##town", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
            for (const auto& t : s.towns) {
                if (ImGui::Selectable((t.name + "##" + std::to_string(t.id)).c_str(), t.id == d.town_id)) {
                    d.town_id = t.id;
                    touched = "town_id";
                }
                tag("intake.town_option." + std::to_string(t.id));
            }
            ImGui::EndCombo();
        }
        tag("intake.town");
    } else {
        wrapped_text("未选择（请先在“来电人”中查找）", colors::kMuted);
    }
    field_error("intake", "elder_id", draft_message(f, "elder_id"));
    field_error("intake", "town_id", draft_message(f, "town_id"));

    // Two fields a row, or one when a combo would be narrower than 7 characters (large text, a narrow zone).
    const int kind_cols = ImGui::GetContentRegionAvail().x >= em(7) * 2 + ImGui::GetStyle().CellPadding.x * 4 ? 2 : 1;
    if (ImGui::BeginTable("intake.kinds", kind_cols, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        label("来源渠道");
        if (enum_combo("##channel", "intake.channel", d.channel, all_Channels())) touched = "channel";
        field_error("intake", "channel", draft_message(f, "channel"));
        ImGui::TableNextColumn();
        label("工单类型");
        if (emergency) {
            ImGui::PushStyleColor(ImGuiCol_FrameBg, vec(palette::kErrorField));
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kError));
        }
        if (enum_combo("##type", "intake.type", d.type, all_OrderTypes())) touched = "type";
        if (emergency) ImGui::PopStyleColor(2);
        field_error("intake", "type", draft_message(f, "type"));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        label("紧急程度");
        if (emergency) ImGui::BeginDisabled();
        if (enum_combo("##urgency", "intake.urgency", d.urgency, all_Urgencys())) touched = "urgency";
        if (emergency) ImGui::EndDisabled();
        ImGui::TableNextColumn();
        ImGui::EndTable();
    }

    label(d.type == OrderType::Booking || d.type == OrderType::Referral ? "服务类别（至少一项）" : "服务类别");
    {
        // As many columns (up to 3) as the longest label leaves room for, so no checkbox's label is clipped.
        float label_w = 0;
        for (ServiceCategory c : all_ServiceCategorys()) label_w = std::max(label_w, ImGui::CalcTextSize(label_zh(c)).x);
        const ImGuiStyle& st = ImGui::GetStyle();
        const float cell_w = ImGui::GetFrameHeight() + st.ItemInnerSpacing.x + label_w + st.CellPadding.x * 2;
        const int cols = std::clamp(static_cast<int>(ImGui::GetContentRegionAvail().x / cell_w), 1, 3);
        if (ImGui::BeginTable("intake.categories", cols, ImGuiTableFlags_SizingStretchSame)) {
            for (ServiceCategory c : all_ServiceCategorys()) {
                ImGui::TableNextColumn();
                bool on = d.categories.count(c) != 0;
                const std::string lbl = std::string(label_zh(c)) + "##cat_" + code(c);
                if (ImGui::Checkbox(lbl.c_str(), &on)) {
                    if (on) d.categories.insert(c);
                    else d.categories.erase(c);
                    touched = "categories";
                }
                tag(std::string("intake.category.") + code(c));
            }
            ImGui::EndTable();
        }
    }
    field_error("intake", "categories", draft_message(f, "categories"));
    if (d.type == OrderType::Complaint) draw_complaint_target(s, f, d, touched);   // 投诉对象 (ui/complaint_panel)

    // The same rule as the server's (shared description_required): an SOS is taken first, described later.
    label(description_required(d.type) ? "诉求描述" : "诉求描述（紧急求助可先受理、后补充）");
    ImGui::SameLine();
    const std::string count =
        std::to_string(utf8_length(d.description)) + " / " + std::to_string(kOrderDescriptionMax) + " 字";
    colored_text(count, colors::kMuted);
    ImGui::InputTextMultiline("##description", &d.description, ImVec2(-1, ImGui::GetTextLineHeight() * 4.2f));
    if (ImGui::IsItemDeactivatedAfterEdit()) touched = "description";
    tag("intake.description");
    field_error("intake", "description", draft_message(f, "description"));
    field_error("intake", "urgency", draft_message(f, "urgency"));
    ImGui::EndChild();
    tag("intake.zone.order.form");   // the scrolling part (tests scroll a field wholly into it before clicking)
    ImGui::Separator();

    const float submit_w = std::max(px(140), button_w("提交") + px(40));
    if (f.submitting) ImGui::BeginDisabled();
    bool submit = false;
    if (emergency) {
        ImGui::PushStyleColor(ImGuiCol_Button, vec(palette::kDanger));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, vec(palette::kDangerHover));
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, vec(palette::kDangerActive));
        ImGui::PushStyleColor(ImGuiCol_Text, vec(palette::kOnDark));
        submit = ImGui::Button("提交紧急求助", ImVec2(submit_w + px(40), 0));
        ImGui::PopStyleColor(4);
    } else {
        submit = primary_button("提交", ImVec2(submit_w, 0));
    }
    if (f.submitting) ImGui::EndDisabled();
    tag("intake.submit");
    if (submit) out.push_back(IntakeIntent{SubmitOrder{}});
    ImGui::SameLine();
    if (ImGui::Button("新来电")) out.push_back(IntakeIntent{NewCall{}});
    tag("intake.new_call");

    if (!(d == f.draft) || !touched.empty()) out.push_back(IntakeIntent{EditDraft{d, touched}});
}

// ---- knowledge panel -----------------------------------------------------------------------------------
void kb_zone(const AppState& s, Intents& out) {
    const KbSearch& k = s.intake.panel;
    heading("知识库");
    std::string q = k.q;
    std::string kind = k.kind;
    const float combo_w = px(112);
    // The box takes what the kind leaves, at least 8 characters; else the kind flows to the next line.
    ImGui::SetNextItemWidth(fit_w(std::max(em(8), ImGui::GetContentRegionAvail().x - combo_w -
                                                      ImGui::GetStyle().ItemSpacing.x)));
    ImGui::InputTextWithHint("##kbq", "输入任意关键词，如“助餐”", &q);
    tag("intake.kb.search");
    ImGui::SetNextItemWidth(flow(combo_w));
    std::string preview = "全部类别";
    if (auto kk = parse_KbKind(kind)) preview = label_zh(*kk);
    if (ImGui::BeginCombo("##kbkind", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable("全部类别", kind.empty())) kind.clear();
        tag("intake.kb.kind_option.all");
        for (KbKind kk : all_KbKinds()) {
            if (ImGui::Selectable(label_zh(kk), kind == code(kk))) kind = code(kk);
            tag(std::string("intake.kb.kind_option.") + code(kk));
        }
        ImGui::EndCombo();
    }
    tag("intake.kb.kind");
    if (q != k.q || kind != k.kind) out.push_back(IntakeIntent{EditKbSearch{true, q, kind}});
    if (!k.error.empty()) field_error("intake", "kb", k.error);

    const float avail_h = ImGui::GetContentRegionAvail().y;
    const float list_h = k.article ? std::max(px(120), avail_h * 0.42f) : avail_h;
    ImGui::BeginChild("intake.kb.results", ImVec2(0, list_h), false);
    if (k.loaded) {
        const std::string n = k.items.empty() ? std::string("没有找到相关文章")
                                              : "共 " + std::to_string(k.total) + " 篇" +
                                                    (k.loaded_q.empty() ? "" : "（“" + k.loaded_q + "”）");
        muted(n);
        tag_text("intake.kb.count", n);
    } else if (k.loading) {
        muted("正在搜索…");
    }
    for (const KbItem& it : k.items) {
        const std::string id = std::to_string(it.id);
        ImGui::PushID(id.c_str());
        const bool sel = k.article && k.article->id == it.id;
        // Text first (drawn on the upper channel), then a selectable over the whole entry (title and snippet,
        // on the lower channel so its highlight stays behind the text) so any part opens it.
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->ChannelsSplit(2);
        dl->ChannelsSetCurrent(1);
        ImGui::BeginGroup();
        colored_text("[" + it.kind_label + "] ", colors::kAccent);
        ImGui::SameLine(0, 0);
        wrapped_text(it.title, ImGui::GetColorU32(ImGuiCol_Text), ImGui::GetContentRegionAvail().x);
        if (!it.snippet.empty()) wrapped_text(it.snippet, colors::kMuted);
        ImGui::EndGroup();
        const ImVec2 gmin = ImGui::GetItemRectMin();
        const ImVec2 gmax = ImGui::GetItemRectMax();
        dl->ChannelsSetCurrent(0);
        ImGui::SetCursorScreenPos(gmin);
        if (ImGui::Selectable("##item", sel, 0, ImVec2(ImGui::GetContentRegionAvail().x, gmax.y - gmin.y))) {
            out.push_back(IntakeIntent{OpenArticle{true, it.id}});
        }
        dl->ChannelsMerge();
        tag("intake.kb.item." + id);
        tag_text("intake.kb.item." + id, it.title);
        ImGui::Separator();
        ImGui::PopID();
    }
    ImGui::EndChild();

    if (k.article) {
        const KbArticle& a = *k.article;
        ImGui::BeginChild("intake.kb.article", ImVec2(0, 0), true);
        wrapped_text(a.title, colors::kAccent);
        tag("intake.kb.article");
        tag_text("intake.kb.article", a.title);
        muted(a.kind_label + (a.updated_at.empty() ? "" : " · 更新于 " + a.updated_at));
        const bool can_quote = s.intake.form.created && has(s.intake.form.created->legal_actions, "answer_on_spot");
        if (!can_quote) ImGui::BeginDisabled();
        if (ImGui::Button("引用到答复")) out.push_back(IntakeIntent{QuoteArticle{}});
        if (!can_quote) ImGui::EndDisabled();
        tag("intake.kb.quote");
        if (!can_quote) {
            ImGui::SameLine();
            colored_text("（受理咨询后可引用）", colors::kMuted);
        }
        ImGui::Separator();
        wrapped_text(a.body, ImGui::GetColorU32(ImGuiCol_Text));
        tag("intake.kb.body");
        ImGui::EndChild();
    }
}

}  // namespace

Intents draw_intake(const AppState& s) {
    Intents out;
    heading("来电受理");
    {
        const float w = button_w("新来电（清空）");
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
        if (ImGui::Button("新来电（清空）")) out.push_back(IntakeIntent{NewCall{}});
        tag("intake.reset");
    }
    const float avail_w = ImGui::GetContentRegionAvail().x;
    float h = ImGui::GetContentRegionAvail().y;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    float caller_w = std::floor((avail_w - gap * 2) * 0.31f);
    float order_w = std::floor((avail_w - gap * 2) * 0.36f);
    const bool emergency = s.intake.form.draft.type == OrderType::Emergency && !s.intake.form.created;
    // Three zones side by side while the order form keeps 18 characters' width; else (portrait, large text) one
    // above the other at the full width, in a column that scrolls: caller, then the order, then the knowledge.
    const bool stacked = order_w < em(18);
    float caller_h = h, order_h = h, kb_h = h;
    if (stacked) {
        ImGui::BeginChild("intake.stack", ImVec2(0, h), false, ImGuiWindowFlags_NoBackground);
        caller_w = order_w = 0;
        caller_h = std::floor(std::max(h * 0.45f, em(8)));   // the order form starts within the first screen
        order_h = std::floor(std::max(h * 0.85f, em(20)));
        kb_h = std::floor(std::max(h * 0.6f, em(14)));
    }

    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(12), px(10)));
    ImGui::BeginChild("intake.caller", ImVec2(caller_w, caller_h), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    caller_zone(s, out);
    ImGui::EndChild();
    tag("intake.zone.caller");
    if (!stacked) ImGui::SameLine();
    if (emergency) {
        ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(colors::kError));
        ImGui::PushStyleColor(ImGuiCol_ChildBg, vec(palette::kEmergencyTint));
        ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, px(3));
    }
    ImGui::BeginChild("intake.order", ImVec2(order_w, order_h), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    if (emergency) {
        ImGui::PopStyleVar();
        ImGui::PopStyleColor(2);
    }
    order_zone(s, out);
    ImGui::EndChild();
    tag("intake.zone.order");
    if (!stacked) ImGui::SameLine();
    ImGui::BeginChild("intake.kb", ImVec2(0, kb_h), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    kb_zone(s, out);
    ImGui::EndChild();
    tag("intake.zone.kb");
    ImGui::PopStyleVar();
    if (stacked) ImGui::EndChild();   // intake.stack
    return out;
}

}  // namespace yiyang::client::ui
