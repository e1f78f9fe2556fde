// The screen reader mirror's recorder (a11y.hpp) and the ImGui item hooks (IMGUI_ENABLE_TEST_ENGINE, set for the
// dashboard's ImGui build) that report the label and state of the focused control. The hooks only compare the
// item's id with the focused one: cheap enough for every item of every frame.
#include "ui/a11y.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstring>
#include <map>

#include <nlohmann/json.hpp>

namespace yiyang::client::ui::a11y {

namespace {
Mirror g_mirror;
std::string g_next_name;
bool g_next_secret = false;
struct Name {
    std::string label;
    bool secret = false;
};
bool g_nav_added = false;                        // the focused id was submitted this frame
bool g_nav_described = false;                    // ... and described by an item hook
std::map<ImGuiID, Name> g_names;                 // names given with name_next, by item id (kept across frames)
}  // namespace

void begin_frame() {
    g_mirror = Mirror{};
    g_next_name.clear();
    g_nav_added = g_nav_described = false;
    ImGui::GetCurrentContext()->TestEngineHookItems = true;
}

void end_frame() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    if (!g_nav_added || g_nav_described || g.NavDisableHighlight) return;
    // A child window (a table's scrolling body, a pane) is one item of its parent until Enter goes in.
    for (const ImGuiWindow* w : g.Windows) {
        if (w->ChildId != g.NavId || !(w->Flags & ImGuiWindowFlags_ChildWindow)) continue;
        std::string name = w->Name;
        const std::size_t slash = name.rfind('/');
        if (slash != std::string::npos) name = name.substr(slash + 1);
        const std::size_t tail = name.rfind('_');
        if (tail != std::string::npos) name = name.substr(0, tail);
        if (!g_mirror.table.empty() && name.find(".table") != std::string::npos) name = g_mirror.table;
        static const std::map<std::string, std::string> kRegions = {
            {"order.left", "工单信息与处理记录"}, {"order.right", "处理操作"}, {"home.body", "首页内容"},
            {"kpis.drill", "指标明细"}};
        if (auto it = kRegions.find(name); it != kRegions.end()) name = it->second;
        g_mirror.focus = Focus{name, "区域", "按 Enter 进入，Esc 退出"};
        return;
    }
}

Mirror& mirror() { return g_mirror; }

void heading(const std::string& text) {
    if (g_mirror.headings.size() < 16) g_mirror.headings.push_back(text);
}

void figure(const std::string& label, const std::string& value) {
    if (g_mirror.figures.size() < 32) g_mirror.figures.emplace_back(label, value);
}

void table(const std::string& name, std::vector<std::string> columns) {
    if (!g_mirror.table.empty()) return;       // the first table drawn is the screen's main one
    g_mirror.table = name;
    g_mirror.columns = std::move(columns);
}

void row(std::vector<std::string> cells) {
    if (g_mirror.rows.size() < kMaxRows) g_mirror.rows.push_back(std::move(cells));
}

void name_next(const std::string& label, bool secret) {
    g_next_name = label;
    g_next_secret = secret;
}

std::string to_json_text(const Mirror& m) {
    nlohmann::json j;
    j["title"] = m.title;
    j["headings"] = m.headings;
    nlohmann::json figs = nlohmann::json::array();
    for (const auto& [l, v] : m.figures) figs.push_back({l, v});
    j["figures"] = std::move(figs);
    j["table"] = m.table;
    j["columns"] = m.columns;
    j["rows"] = m.rows;
    j["focus"] = {{"label", m.focus.label}, {"kind", m.focus.kind}, {"value", m.focus.value}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void on_item(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags);
void on_add(ImGuiContext* ctx, ImGuiID id);
void on_add(ImGuiContext* ctx, ImGuiID id) {
    if (id != 0 && id == ctx->NavId) g_nav_added = true;
}
void on_item(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    if (!g_next_name.empty()) {                // the item right after name_next()
        g_names[id] = Name{g_next_name, g_next_secret};
        if (g_names.size() > 256) g_names.clear();
        g_next_name.clear();
    }
    if (id == 0 || id != ctx->NavId || (ctx->NavDisableHighlight && ctx->ActiveId != id)) return;
    g_nav_described = true;
    Focus f;
    const char* end = label ? std::strstr(label, "##") : nullptr;
    if (label) f.label.assign(label, end ? end : label + std::strlen(label));
    while (!f.label.empty() && f.label.front() == ' ') f.label.erase(0, 1);
    bool secret = false;
    if (auto it = g_names.find(id); it != g_names.end()) {
        f.label = it->second.label;
        secret = it->second.secret;
    }
    const bool is_text = ctx->InputTextState.ID == id;
    if (is_text || (ctx->LastItemData.InFlags & ImGuiItemFlags_Inputable)) {
        f.kind = "输入框";
        if (secret) f.value = "（密码不朗读）";
        else if (is_text && ctx->ActiveId == id && ctx->InputTextState.TextAIsValid && ctx->InputTextState.TextA.Size > 0)
            f.value = ctx->InputTextState.TextA.Data;
    } else if (flags & ImGuiItemStatusFlags_Checkable) {
        f.kind = "复选框";
        f.value = (flags & ImGuiItemStatusFlags_Checked) ? "已选中" : "未选中";
    } else if (flags & ImGuiItemStatusFlags_Openable) {
        f.kind = "下拉框";
        f.value = (flags & ImGuiItemStatusFlags_Opened) ? "已展开" : "已收起";
    } else {
        f.kind = "按钮";
        for (const auto& r : g_mirror.rows) {
            if (!r.empty() && r.front() == f.label) f.kind = "表格行";
        }
    }
    g_mirror.focus = std::move(f);
}

}  // namespace yiyang::client::ui::a11y

// ---- ImGui's item hooks (imgui_internal.h, IMGUI_ENABLE_TEST_ENGINE) ------------------------------------
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect&, ImGuiID id) {
    yiyang::client::ui::a11y::on_add(ctx, id);
}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    yiyang::client::ui::a11y::on_item(ctx, id, label, flags);
}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
