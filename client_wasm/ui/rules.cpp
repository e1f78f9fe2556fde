// 规则管理 (administrators): rule kinds and their versions on the left (生效中 / 待生效 marked), the selected
// version's JSON on the right; 新建版本 copies it into an editor with version, effective date and reason;
// 预览 shows the server's diff against the version it would replace and its Chinese field errors; 发布 publishes.
#include <algorithm>
#include <cmath>
#include <string>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

void label(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kMuted));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

std::string error_of(const RuleDraft& d, const std::string& field) {
    auto it = d.errors.find(field);
    return it == d.errors.end() ? std::string() : it->second;
}

// A field's error under its input, wrapped to the column (field_error wraps at the window's edge, which would
// push the next column aside). Tagged "rules.error.<field>" like field_error.
void column_error(const std::string& field, const std::string& message, float width) {
    if (message.empty()) return;
    ImGui::BeginGroup();
    wrapped_text(message, colors::kError, width);
    ImGui::EndGroup();
    tag("rules.error." + field);
    tag_text("rules.error." + field, message);
}

void list_side(const AppState& s, Intents& out) {
    const RulesState& R = s.rules;
    if (!R.error.empty()) field_error("rules", "list", R.error);
    if (!R.loaded) {
        muted("正在加载规则…");
        return;
    }
    for (const RuleKindInfo& k : R.kinds) {
        ImGui::PushID(k.code.c_str());
        colored_text(k.name_zh, colors::kAccent);
        tag("rules.kind." + k.code);
        for (const RuleVersionInfo& v : k.versions) {
            ImGui::PushID(v.version.c_str());
            const bool sel = R.kind == k.code && R.version == v.version;
            std::string text = "  " + v.version + "  " + v.effective_from + " 起";
            if (v.in_force) text += "  【生效中】";
            else if (v.scheduled) text += "  【待生效】";
            // Too long for the pane (large text, portrait): the date and state on a second line.
            if (ImGui::CalcTextSize(text.c_str()).x > ImGui::GetContentRegionAvail().x) {
                text = "  " + v.version + "\n  " + text.substr(v.version.size() + 4);
            }
            if (ImGui::Selectable((text + "##v").c_str(), sel)) out.push_back(RulesIntent{OpenRuleVersion{k.code, v.version}});
            tag("rules.version." + k.code + "." + v.version);
            tag_text("rules.version." + k.code + "." + v.version, text);
            ImGui::PopID();
        }
        if (k.versions.empty()) muted("  （尚无版本）");
        ImGui::Spacing();
        ImGui::PopID();
    }
}

const RuleVersionInfo* selected_info(const RulesState& R, const RuleKindInfo** kind_out) {
    for (const auto& k : R.kinds) {
        if (k.code != R.kind) continue;
        *kind_out = &k;
        for (const auto& v : k.versions) if (v.version == R.version) return &v;
    }
    return nullptr;
}

void version_side(const AppState& s, Intents& out) {
    const RulesState& R = s.rules;
    const RuleKindInfo* kind = nullptr;
    const RuleVersionInfo* v = selected_info(R, &kind);
    if (!kind || !v) {
        muted("在列表中选择一个规则版本查看。");
        return;
    }
    const float new_w = button_w("以此为底稿新建版本") + px(8);
    ImGui::AlignTextToFramePadding();
    colored_text(kind->name_zh + " · " + v->version, colors::kAccent);
    tag_text("rules.viewing", v->version);
    same_line_right(new_w - px(8));   // on the next line when the title leaves no room (large text, portrait)
    if (R.body_text.empty()) ImGui::BeginDisabled();
    if (primary_button("以此为底稿新建版本")) out.push_back(RulesIntent{NewRuleVersion{}});
    if (R.body_text.empty()) ImGui::EndDisabled();
    tag("rules.new");
    std::string meta = v->effective_from + " 起生效";
    meta += v->in_force ? " · 今天生效中" : v->scheduled ? " · 尚未生效" : " · 已被后续版本取代";
    meta += v->published_by.empty() ? " · 系统初始版本" : " · 发布人 " + v->published_by;
    muted(meta);
    tag_text("rules.meta", meta);
    if (!v->reason.empty()) {
        wrapped_text("发布原因：" + v->reason, colors::kMuted);
    }
    muted("已发布的版本不能修改；要改规则，请新建一个版本并指定生效日期。");
    std::string text = R.body_text;   // read-only: a copy the widget may not change
    ImGui::InputTextMultiline("##body", &text, ImVec2(-1, ImGui::GetContentRegionAvail().y),
                              ImGuiInputTextFlags_ReadOnly);
    tag("rules.body");
}

void preview_panel(const RuleDraft& d) {
    heading("预览");
    if (!d.previewed) {
        muted("点击“预览差异”，由服务器校验并与被替换的版本比较。");
        return;
    }
    if (d.stale) colored_text("内容已修改，请重新预览。", colors::kError);
    muted(d.replaces ? "对比版本：" + *d.replaces + "（该日期原本生效的版本）" : std::string("该规则此前没有生效版本：全部为新增"));
    if (d.ok) colored_text("校验通过，可以发布。", colors::kSuccess);
    for (const auto& [field, msg] : d.errors) {
        if (field == "version" || field == "effective_from" || field == "reason") continue;   // shown at the field
        field_error("rules", field, field + "：" + msg);
    }
    ImGui::Separator();
    colored_text("共 " + std::to_string(d.changes.size()) + " 处差异", ImGui::GetColorU32(ImGuiCol_Text));
    tag_text("rules.diff_count", std::to_string(d.changes.size()));
    ImGui::BeginChild("rules.diff", ImVec2(0, 0), false);
    int i = 0;
    for (const RuleChange& c : d.changes) {
        const ImU32 color = c.op == RuleChange::Op::Added ? colors::kSuccess
                            : c.op == RuleChange::Op::Removed ? colors::kError
                                                              : colors::kAccent;
        wrapped_text(c.text_zh, color);
        tag_text("rules.diff." + std::to_string(i++), c.text_zh);
    }
    ImGui::EndChild();
}

void editor_side(const AppState& s, Intents& out) {
    const RuleDraft& cur = *s.rules.draft;
    RuleDraft d = cur;
    heading("新建规则版本");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    muted("底稿：" + cur.based_on);
    {
        const float w = button_w("预览差异") + button_w("发布") + button_w("取消") + ImGui::GetStyle().ItemSpacing.x * 2;
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
        if (cur.busy) ImGui::BeginDisabled();
        if (ImGui::Button("预览差异")) out.push_back(RulesIntent{PreviewRuleDraft{}});
        tag("rules.preview");
        ImGui::SameLine();
        const bool can_publish = cur.previewed && !cur.stale && cur.ok;
        if (!can_publish && !cur.busy) ImGui::BeginDisabled();
        if (primary_button("发布")) out.push_back(RulesIntent{PublishRuleDraft{}});
        if (!can_publish && !cur.busy) ImGui::EndDisabled();
        tag("rules.publish");
        if (cur.busy) ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("取消")) out.push_back(RulesIntent{CancelRuleDraft{}});
        tag("rules.cancel");
    }

    const float col = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x * 2) / 3.0f;
    ImGui::BeginGroup();
    label("版本号");
    ImGui::SetNextItemWidth(col);
    ImGui::InputText("##version", &d.version);
    tag("rules.draft.version");
    column_error("version", error_of(cur, "version"), col);
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    label("生效日期（不早于今天）");
    ImGui::SetNextItemWidth(col);
    ImGui::InputTextWithHint("##effective", "YYYY-MM-DD", &d.effective_from);
    tag("rules.draft.effective_from");
    column_error("effective_from", error_of(cur, "effective_from"), col);
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    label("发布原因（必填）");
    ImGui::SetNextItemWidth(col);
    ImGui::InputTextWithHint("##reason", "记入审计，如：按新文件调整", &d.reason);
    tag("rules.draft.reason");
    column_error("reason", error_of(cur, "reason"), col);
    ImGui::EndGroup();

    if (!cur.body_error.empty()) field_error("rules", "body_text", cur.body_error);
    const float h = ImGui::GetContentRegionAvail().y;
    const float body_w = std::floor(ImGui::GetContentRegionAvail().x * 0.55f);
    ImGui::BeginGroup();
    label("规则内容（JSON；版本号与生效日期以上面的输入为准）");
    ImGui::InputTextMultiline("##draftbody", &d.body_text, ImVec2(body_w, h - ImGui::GetTextLineHeightWithSpacing()));
    tag("rules.draft.body");
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginChild("rules.preview_panel", ImVec2(0, h), true);
    preview_panel(cur);
    ImGui::EndChild();

    if (d.version != cur.version || d.effective_from != cur.effective_from || d.reason != cur.reason ||
        d.body_text != cur.body_text) {
        out.push_back(RulesIntent{EditRuleDraft{d}});
    }
}

}  // namespace

Intents draw_rules(const AppState& s) {
    Intents out;
    heading("规则管理");
    if (!s.user || s.user->role != Role::Admin) {
        muted("只有管理员可以管理规则。");
        return out;
    }
    out = draw_demo_reset(s);   // demo mode: the administrator's 复位演示数据
    // The versions beside the rule, or above it when the rule would be narrower than 24 characters (portrait).
    const Panes panes = split_panes(0.30f, px(300), px(460), em(24), 0.4f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(12), px(10)));
    ImGui::BeginChild("rules.left", panes.list, true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    list_side(s, out);
    ImGui::EndChild();
    tag("rules.zone.list");
    if (!panes.stacked) ImGui::SameLine();
    ImGui::BeginChild("rules.right", panes.detail, true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    if (s.rules.draft) editor_side(s, out);
    else version_side(s, out);
    ImGui::EndChild();
    tag("rules.zone.detail");
    ImGui::PopStyleVar();
    return out;
}

}  // namespace yiyang::client::ui
