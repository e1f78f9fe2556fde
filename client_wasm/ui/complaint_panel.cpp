// The complaint's target on 新来电 and on the order detail (complaint_panel.hpp). The rules live in shared
// check_complaint_link (the server answers with field messages, shown under the fields here).
#include "ui/complaint_panel.hpp"

#include <algorithm>
#include <vector>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/order_format.hpp"
#include "ui/widgets.hpp"
#include "yiyang/access.hpp"

namespace yiyang::client::ui {
namespace {

void small_label(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kMuted));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

std::string message_of(const IntakeForm& f, const std::string& field) {
    if (auto it = f.server.find(field); it != f.server.end()) return it->second;
    if (auto it = f.local.find(field); it != f.local.end() && (f.show_all_errors || f.touched.count(field))) return it->second;
    return {};
}

// The provider combo (60 providers: a filter box); returns true when the choice changed.
bool provider_choice(const AppState& s, const char* id, Id& provider_id, const char* none_label, float width,
                     const std::string& tag_prefix) {
    const auto& providers = s.orders.providers;
    std::vector<std::string> names;
    int selected = 0;
    for (std::size_t i = 0; i < providers.size(); ++i) {
        names.push_back(providers[i].name);
        if (providers[i].id == provider_id) selected = static_cast<int>(i) + 1;
    }
    const std::string preview = provider_id ? provider_name(s, provider_id) : std::string(none_label);
    const int chosen = filter_combo(id, preview, names, selected, none_label, width, tag_prefix);
    tag(tag_prefix);
    if (chosen < 0) return false;
    const Id next = chosen == 0 ? 0 : providers[static_cast<std::size_t>(chosen - 1)].id;
    if (next == provider_id) return false;
    provider_id = next;
    return true;
}

}  // namespace

void draw_complaint_target(const AppState& s, const IntakeForm& f, OrderDraft& d, std::string& touched) {
    const LookupState& l = s.intake.lookup;
    ImGui::Spacing();
    colored_text("投诉对象", colors::kAccent);
    wrapped_text("可只选工单，服务商随工单带出；来电人只知道公司时只选服务商", colors::kMuted);
    small_label("被投诉工单");
    // The caller's recent orders (the lookup's history) that a complaint may be about: this elder's, not complaints.
    std::string preview = d.about_order_code.empty() ? std::string("不指定") : d.about_order_code;
    ImGui::SetNextItemWidth(std::max(px(200), ImGui::GetContentRegionAvail().x * 0.5f));
    if (ImGui::BeginCombo("##about_order", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable("不指定##about_none", d.about_order_code.empty())) {
            d.about_order_id = 0;
            d.about_order_code.clear();
            touched = "about_order_id";
        }
        int shown = 0;
        for (const PastOrder& o : l.orders) {
            if (o.type == "complaint" || (d.elder_id && o.elder_id && *o.elder_id != d.elder_id)) continue;
            ++shown;
            const std::string text = o.code + "　" + o.created + "　" + o.type_label + "　" + o.status_label;
            if (ImGui::Selectable((text + "##about_" + std::to_string(o.id)).c_str(), d.about_order_id == o.id)) {
                d.about_order_id = o.id;
                d.about_order_code = o.code;
                touched = "about_order_id";
            }
            tag("intake.about_order." + o.code);
        }
        if (shown == 0) muted("来电人没有可选的近期工单，可在右侧输入工单号");
        ImGui::EndCombo();
    }
    tag("intake.about_order");
    ImGui::SameLine();
    // A typed code (the caller reads it from an SMS or the service sheet): sent as a code, the server finds it.
    std::string typed = d.about_order_id ? std::string() : d.about_order_code;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##about_code", "或输入工单号 GD…", &typed)) {
        std::string up;
        for (char ch : typed) up.push_back(ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch);
        d.about_order_id = 0;
        d.about_order_code = up;
    }
    if (ImGui::IsItemDeactivatedAfterEdit()) touched = "about_order_code";
    tag("intake.about_code");
    field_error("intake", "about_order_id", message_of(f, "about_order_id"));
    field_error("intake", "about_order_code", message_of(f, "about_order_code"));

    small_label("被投诉服务商");
    if (provider_choice(s, "##about_provider", d.about_provider_id, "随工单带出（或不指定）", -1.0f,
                        "intake.about_provider")) {
        touched = "about_provider_id";
    }
    field_error("intake", "about_provider_id", message_of(f, "about_provider_id"));
}

Intents draw_complaint_links(const AppState& s) {
    Intents out;
    const OrdersState& st = s.orders;
    const ComplaintState& c = s.complaint;
    if (!st.current || c.order_id != st.current->order.id) return out;
    const WorkOrder& o = st.current->order;
    const bool complaint = o.type == OrderType::Complaint;
    const bool may_relink = complaint && s.user && may(s.user->role, Permission::LinkComplaints);
    if (complaint) {
        ImGui::AlignTextToFramePadding();
        colored_text("投诉对象：", colors::kMuted);
        // The value flows: beside the label when it fits, else on the next lines (portrait, large text sizes).
        std::string text;
        if (c.about_order_code.empty() && c.about_provider_name.empty()) {
            text = "未指定";
            flow_text(text);
            tag("order.complaint_about");
        } else if (c.about_order_code.empty()) {
            text = c.about_provider_name + "（未指定工单）";
            flow_text(text);
            tag("order.complaint_about");
        } else {
            text = c.about_order_code + (c.about_provider_name.empty() ? std::string() : "（" + c.about_provider_name + "）");
            // A link: opens the earlier order (#/orders/GD…), Back returns here.
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kAccent));
            same_line_wrap(button_w(c.about_order_code.c_str()));
            if (ImGui::SmallButton((c.about_order_code + "##about_link").c_str())) {
                out.push_back(ComplaintIntent{ComplaintOpenOrder{c.about_order_code}});
            }
            ImGui::PopStyleColor();
            tag("order.complaint_about");   // the link (what a click opens); the provider's name flows after it
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("打开被投诉的工单 %s", c.about_order_code.c_str());
            if (!c.about_provider_name.empty()) flow_text("（" + c.about_provider_name + "）");
        }
        tag_text("order.complaint_about", text);
        if (may_relink && !c.relink.open) {
            same_line_wrap(button_w("更改投诉对象"));
            if (ImGui::SmallButton("更改投诉对象")) {
                RelinkForm f;
                f.open = true;
                f.order_code = c.about_order_code;
                out.push_back(ComplaintIntent{ComplaintEditRelink{f}});
            }
            tag("order.relink");
        }
    } else if (!c.complaints.empty()) {
        ImGui::AlignTextToFramePadding();
        colored_text("相关投诉：", colors::kMuted);
        std::string all;
        for (std::size_t i = 0; i < c.complaints.size(); ++i) {
            const auto& r = c.complaints[i];
            ImGui::SameLine(0, i ? px(8) : 0);
            const std::string text = r.code + "（" + r.status_label + (r.verdict.empty() ? "" : "，" + r.verdict) + "）";
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kError));
            if (ImGui::SmallButton((text + "##complaint_" + std::to_string(r.id)).c_str())) {
                out.push_back(ComplaintIntent{ComplaintOpenOrder{r.code}});
            }
            ImGui::PopStyleColor();
            tag("order.complaint." + r.code);
            all += (all.empty() ? "" : "、") + r.code;
        }
        tag_text("order.complaints", all);
    }
    // The outcome of 更改投诉对象 is said in the status bar (App::submit_relink), not a second time here.

    // 更改投诉对象: the earlier order by code (empty: none), the provider (empty: the order's), a reason.
    if (may_relink && c.relink.open) {
        RelinkForm f = c.relink;
        ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, px(4));
        ImGui::BeginChild("order.relink_form", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 3 + px(26)), true);
        auto err = [&](const char* field) {
            if (auto it = f.field_errors.find(field); it != f.field_errors.end()) field_error("relink", field, it->second);
        };
        const float w = std::max(px(160), (ImGui::GetContentRegionAvail().x - px(24)) / 3);
        ImGui::SetNextItemWidth(w);
        ImGui::InputTextWithHint("##relink_code", "被投诉工单号 GD…（空=不指定）", &f.order_code);
        tag("order.relink.code");
        ImGui::SameLine();
        provider_choice(s, "##relink_provider", f.provider_id, "随工单带出（或不指定）", w, "order.relink.provider");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##relink_reason", "更改原因（必填）", &f.reason);
        tag("order.relink.reason");
        err("about_order_code");
        err("about_order_id");
        err("about_provider_id");
        err("reason");
        if (!f.error.empty() && f.field_errors.empty()) field_error("relink", "error", f.error);
        if (f.submitting) ImGui::BeginDisabled();
        if (primary_button("确定更改")) out.push_back(ComplaintIntent{ComplaintSubmitRelink{}});
        tag("order.relink.submit");
        if (f.submitting) ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("取消##relink")) f = RelinkForm{};
        tag("order.relink.cancel");
        ImGui::EndChild();
        ImGui::PopStyleVar();
        if (!(f == c.relink)) out.insert(out.begin(), ComplaintIntent{ComplaintEditRelink{f}});
    }
    return out;
}

}  // namespace yiyang::client::ui
