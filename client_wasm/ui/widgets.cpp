// Theme, fonts, test tags and Chinese-aware text helpers for the panels (see widgets.hpp).
// Fonts: Noto Sans CJK SC subset (build/font/yiyang-cjk.otf), OversampleH=V=1 so the GB2312 atlas stays small.
#include "ui/widgets.hpp"

#include "ui/a11y.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include "platform/fonts.hpp"

namespace yiyang::client::ui {

namespace {
Theme g_theme;
Tags g_tags;

// Static headings drawn with the title font: these characters are baked at the larger size with the atlas; any
// other character a heading needs is added on demand (platform/fonts), so no heading falls back to the body size.
const char* const kHeadingTexts[] = {
    "颐养 智慧养老服务平台", "登录", "修改密码", "首页", "服务对象", "新增服务对象", "服务对象档案",
    "在册服务对象", "服务对象总数", "本月工单", "服务商", "各镇街在册服务对象", "服务对象类别",
    "本月工单渠道", "本月工单类型", "服务商状态", "基本信息", "类别与补贴", "状态", "查询条件",
    "来电受理", "来电人", "即时解答", "新工单 · 紧急求助", "知识库", "新建文章", "编辑文章", "修改历史",
    "绩效指标", "督办", "工单", "操作", "规则管理", "新建规则版本", "预览",
    "0123456789%（）·—：",
};

std::uint32_t decode_utf8(const char*& p, const char* end) {
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, p, end);
    p += n > 0 ? n : 1;
    return c;
}
}  // namespace

Theme& theme() { return g_theme; }

namespace {
void set_high_contrast_colors(ImGuiStyle& style) {
    ImVec4* c = style.Colors;
    for (int i = 0; i < ImGuiCol_COUNT; ++i) c[i] = ImVec4(0, 0, 0, 1);   // the rest: set_palette_colors
    c[ImGuiCol_SliderGrab] = c[ImGuiCol_NavHighlight] = vec(palette::kFocus);
    style.FrameBorderSize = 2;
    style.ChildBorderSize = 2;
    style.PopupBorderSize = 2;
}

// The named colours and the style entries that have a palette entry, for the theme in use (theme().high_contrast).
void set_palette_colors(ImGuiStyle& style) {
    colors::kError = col(palette::kError);
    colors::kSuccess = col(palette::kSuccess);
    colors::kMuted = col(palette::kMuted);
    colors::kAccent = col(palette::kAccent);
    colors::kBar = col(palette::kBar);
    colors::kBarBack = col(palette::kBarBack);
    colors::kTile = col(palette::kPanel);
    colors::kTopBar = col(palette::kTopBar);
    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = vec(palette::kText);
    c[ImGuiCol_TextDisabled] = vec(palette::kTextDisabled);
    c[ImGuiCol_WindowBg] = vec(palette::kWindow);
    c[ImGuiCol_ChildBg] = vec(palette::kPanel);
    c[ImGuiCol_PopupBg] = vec(palette::kPanel);
    c[ImGuiCol_FrameBg] = vec(palette::kPanel);
    c[ImGuiCol_Button] = vec(palette::kButton);
    c[ImGuiCol_Header] = vec(palette::kHeader);
    c[ImGuiCol_TableHeaderBg] = vec(palette::kTableHeader);
    c[ImGuiCol_TableRowBgAlt] = vec(palette::kRowAlt);
    c[ImGuiCol_Border] = vec(palette::kBorder);
    c[ImGuiCol_FrameBgHovered] = vec(palette::kFrameHover);
    c[ImGuiCol_FrameBgActive] = vec(palette::kFrameActive);
    c[ImGuiCol_ButtonHovered] = vec(palette::kButtonHover);
    c[ImGuiCol_ButtonActive] = vec(palette::kButtonActive);
    c[ImGuiCol_HeaderHovered] = vec(palette::kHeaderHover);
    c[ImGuiCol_HeaderActive] = vec(palette::kHeaderActive);
    c[ImGuiCol_CheckMark] = vec(palette::kCheck);
    c[ImGuiCol_TableBorderStrong] = vec(palette::kTableBorderStrong);
    c[ImGuiCol_TableBorderLight] = vec(palette::kTableBorderLight);
    c[ImGuiCol_Separator] = vec(palette::kSeparator);
    c[ImGuiCol_ScrollbarBg] = vec(palette::kScrollbarBack);
    c[ImGuiCol_ScrollbarGrab] = vec(palette::kScrollbarGrab);
    c[ImGuiCol_ScrollbarGrabHovered] = vec(palette::kScrollbarGrabHover);
    c[ImGuiCol_TextSelectedBg] = vec(palette::kSelectedText);
    c[ImGuiCol_ModalWindowDimBg] = vec(palette::kModalDim);
}
}  // namespace

void build_fonts_and_style(const unsigned char* otf, int otf_size, float scale, bool high_contrast) {
    ImGuiIO& io = ImGui::GetIO();
    g_theme.scale = scale;
    io.Fonts->Clear();
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;

    ImFontConfig cfg;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    cfg.FontDataOwnedByAtlas = false;          // the caller keeps the bytes (fonts are rebuilt on DPR change)
    void* data = const_cast<unsigned char*>(otf);
    // ChineseFull lacks a few symbols our texts use (≥ ≤ of KPI targets, → ℃): add them.
    static ImVector<ImWchar> body_ranges;
    if (body_ranges.empty()) {
        ImFontGlyphRangesBuilder b;
        b.AddRanges(io.Fonts->GetGlyphRangesChineseFull());
        b.AddText("≥≤→℃");
        b.BuildRanges(&body_ranges);
    }
    g_theme.body = io.Fonts->AddFontFromMemoryTTF(data, otf_size, std::round(20.0f * scale), &cfg,
                                                  body_ranges.Data);

    static ImVector<ImWchar> title_ranges;
    title_ranges.clear();
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    for (const char* t : kHeadingTexts) builder.AddText(t);
    builder.BuildRanges(&title_ranges);
    g_theme.title = io.Fonts->AddFontFromMemoryTTF(data, otf_size, std::round(26.0f * scale), &cfg,
                                                   title_ranges.Data);

    static const ImWchar figure_ranges[] = {0x0020, 0x007E, 0};
    g_theme.figure = io.Fonts->AddFontFromMemoryTTF(data, otf_size, std::round(34.0f * scale), &cfg,
                                                    figure_ranges);
    io.FontDefault = g_theme.body;

    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(16, 14);
    style.FramePadding = ImVec2(10, 6);
    style.ItemSpacing = ImVec2(10, 8);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.CellPadding = ImVec2(8, 5);
    style.ScrollbarSize = 16;
    style.GrabMinSize = 12;
    style.WindowRounding = 0;
    style.ChildRounding = 6;
    style.FrameRounding = 4;
    style.PopupRounding = 4;
    style.ScrollbarRounding = 6;
    style.GrabRounding = 4;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 1;
    style.FrameBorderSize = 1;
    g_theme.high_contrast = high_contrast;
    if (high_contrast) set_high_contrast_colors(style);
    set_palette_colors(style);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

// ---- tags ----------------------------------------------------------------------------------------
Tags& tags() { return g_tags; }

void clear_tags() {
    g_tags.items.clear();
    g_tags.texts.clear();
}

void tag(const std::string& id) {
    g_tags.items[id] = TaggedItem{ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ImGui::IsItemVisible(),
                                  ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)};
}

void tag_rect(const std::string& id, ImVec2 min, ImVec2 max) {
    const ImRect clip(ImGui::GetCurrentWindow()->ClipRect);
    const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
                         ImGui::IsMouseHoveringRect(min, max);
    g_tags.items[id] = TaggedItem{min, max, clip.Overlaps(ImRect(min, max)), hovered};
}

void tag_text(const std::string& id, const std::string& text) { g_tags.texts[id] = text; }

// ---- text ----------------------------------------------------------------------------------------
void wrapped_text(const std::string& text, ImU32 color, float width) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    if (width <= 0.0f) width = std::max(ImGui::GetContentRegionAvail().x, size * 2.0f);
    const float scale = size / font->FontSize;
    const char* p = text.c_str();
    const char* const end = p + text.size();
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    while (p < end) {
        const char* const line_start = p;
        const char* line_end = end;
        const char* next = end;
        const char* break_after = nullptr;       // just after a space or a CJK character
        float w = 0.0f;
        const char* q = p;
        while (q < end) {
            const char* before = q;
            const std::uint32_t c = decode_utf8(q, end);
            if (c == '\n') {
                line_end = before;
                next = q;
                break;
            }
            const float adv = font->GetCharAdvance(static_cast<ImWchar>(c)) * scale;
            if (w + adv > width && before > line_start) {
                // Latin words and numbers stay whole when the line has an earlier break point.
                const bool in_word = c < 0x80 && c != ' ';
                line_end = next = (in_word && break_after) ? break_after : before;
                break;
            }
            w += adv;
            if (c == ' ' || c >= 0x2E80) break_after = q;
        }
        ImGui::TextUnformatted(line_start, line_end);
        p = next;
        while (p < end && *p == ' ') ++p;         // no leading spaces on the next line
    }
    ImGui::PopStyleColor();
}

void colored_text(const std::string& text, ImU32 color) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    ImGui::PopStyleColor();
}

void muted(const std::string& text) { wrapped_text(text, colors::kMuted); }

void field_error(const std::string& scope, const std::string& field, const std::string& message) {
    if (message.empty()) return;
    ImGui::BeginGroup();
    wrapped_text(message, colors::kError);
    ImGui::EndGroup();
    const std::string id = scope + ".error." + field;
    tag(id);
    tag_text(id, message);
}

void heading(const char* text) {
    ImFont* f = theme().title;
    bool all_present = f != nullptr;
    for (const char* p = text; all_present && *p;) {
        const std::uint32_t c = decode_utf8(p, p + std::strlen(p));
        if (c >= 0x80 && !f->FindGlyphNoFallback(static_cast<ImWchar>(c))) all_present = false;
    }
    if (!all_present && f) {
        // Body size for this frame; the missing characters are added to the title font before the next one.
        for (const char* p = text; *p;) {
            const std::uint32_t c = decode_utf8(p, p + std::strlen(p));
            if (c >= 0x80 && !f->FindGlyphNoFallback(static_cast<ImWchar>(c))) fonts::need_codepoint(f, c);
        }
    }
    if (all_present) ImGui::PushFont(f);
    ImGui::TextUnformatted(text);
    if (all_present) ImGui::PopFont();
    a11y::heading(text);
}

// ---- widgets -------------------------------------------------------------------------------------
bool primary_button(const char* label, ImVec2 size) {
    ImGui::PushStyleColor(ImGuiCol_Button, vec(palette::kPrimary));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, vec(palette::kPrimaryHover));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, vec(palette::kPrimaryActive));
    ImGui::PushStyleColor(ImGuiCol_Text, vec(palette::kOnDark));
    const bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleColor(4);
    return pressed;
}

bool danger_button(const char* label) {
    ImGui::PushStyleColor(ImGuiCol_Button, vec(palette::kDanger));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, vec(palette::kDangerHover));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, vec(palette::kDangerActive));
    ImGui::PushStyleColor(ImGuiCol_Text, vec(palette::kOnDark));
    const bool pressed = ImGui::Button(label);
    ImGui::PopStyleColor(4);
    return pressed;
}

void share_bar(double fraction, float width, float height) {
    fraction = std::clamp(fraction, 0.0, 1.0);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float y = p.y + (ImGui::GetTextLineHeight() - height) * 0.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + width, y + height), colors::kBarBack, height * 0.3f);
    if (fraction > 0.0)
        dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + std::max(1.0f, static_cast<float>(width * fraction)), y + height),
                          colors::kBar, height * 0.3f);
    ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight()));
}

void spinner(float radius, ImU32 color) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float t = static_cast<float>(ImGui::GetTime());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 c(p.x + radius, p.y + ImGui::GetTextLineHeight() * 0.5f);
    const int segments = 24;
    const float start = t * 6.0f;
    dl->PathClear();
    for (int i = 0; i <= segments; ++i) {
        const float a = start + (static_cast<float>(i) / segments) * 4.2f;
        dl->PathLineTo(ImVec2(c.x + std::cos(a) * radius, c.y + std::sin(a) * radius));
    }
    dl->PathStroke(color, false, std::max(2.0f, radius * 0.25f));
    ImGui::Dummy(ImVec2(radius * 2.0f, ImGui::GetTextLineHeight()));
}

void same_line_wrap(float next_w) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    // GetContentRegionMax, not GetWindowContentRegionMax: inside a table cell it is the cell's right edge.
    const float right = ImGui::GetWindowPos().x + ImGui::GetContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + spacing + next_w <= right + 0.5f) ImGui::SameLine();
}

float button_w(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

Panes split_panes(float fraction, float list_min, float list_max, float detail_min, float stacked_list_h) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    Panes p;
    const float list_w = std::floor(std::clamp(avail.x * fraction, list_min, std::max(list_min, list_max)));
    if (avail.x - list_w - ImGui::GetStyle().ItemSpacing.x >= detail_min) {
        p.list = ImVec2(list_w, avail.y);
        p.detail = ImVec2(0, avail.y);
        return p;
    }
    p.stacked = true;
    const float list_h = std::floor(avail.y * stacked_list_h);
    p.list = ImVec2(0, list_h);
    p.detail = ImVec2(0, std::max(1.0f, avail.y - list_h - ImGui::GetStyle().ItemSpacing.y));
    return p;
}
TileGrid tile_grid(int n, float min_w) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float avail = ImGui::GetContentRegionAvail().x;
    TileGrid g;
    g.per_row = std::clamp(static_cast<int>((avail + spacing) / (min_w + spacing)), 1, std::max(1, n));
    g.w = std::max(1.0f, (avail - spacing * static_cast<float>(g.per_row - 1)) / static_cast<float>(g.per_row));
    return g;
}
float footer_height(const char* id, float min_h) {
    return std::max(min_h, ImGui::GetStateStorage()->GetFloat(ImGui::GetID(id), 0.0f));
}
void footer_end(const char* id, float top) {
    ImGui::GetStateStorage()->SetFloat(ImGui::GetID(id), ImGui::GetCursorScreenPos().y - top + px(6));
}
float fit_w(float w) { return std::max(1.0f, std::min(w, ImGui::GetContentRegionAvail().x)); }
float flow(float w) {
    same_line_wrap(w);
    return fit_w(w);
}
void flow_text(const std::string& text, bool first) {
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    if (!first) same_line_wrap(w);
    ImGui::BeginGroup();
    if (w <= ImGui::GetContentRegionAvail().x) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(text.c_str());
    } else {
        wrapped_text(text, ImGui::GetColorU32(ImGuiCol_Text));
    }
    ImGui::EndGroup();
}
void same_line_right(float w) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float x = ImGui::GetContentRegionMax().x - w;   // the cell's right edge inside a table
    const float last_right = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetScrollX();
    if (last_right + spacing <= x) ImGui::SameLine(x);
    else if (x > ImGui::GetCursorPosX()) ImGui::SetCursorPosX(x);
}

float table_inner_width(float em_100) { return std::max(ImGui::GetContentRegionAvail().x, em(em_100)); }

std::int64_t pager_buttons(const std::string& prefix, std::int64_t page, std::int64_t pages, bool right_align) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    if (right_align) {
        same_line_right(button_w("上一页") + button_w("下一页") + spacing);
    } else {
        same_line_wrap(button_w("上一页") + button_w("下一页") + spacing);   // the next line when they do not fit
    }
    std::int64_t asked = 0;
    ImGui::BeginDisabled(page <= 1);
    if (ImGui::Button(("上一页##" + prefix).c_str())) asked = page - 1;
    ImGui::EndDisabled();
    tag(prefix + ".prev");
    ImGui::SameLine();
    ImGui::BeginDisabled(page >= pages);
    if (ImGui::Button(("下一页##" + prefix).c_str())) asked = page + 1;
    ImGui::EndDisabled();
    tag(prefix + ".next");
    return asked;
}

int filter_combo(const char* id, const std::string& preview, const std::vector<std::string>& labels, int selected,
                 const char* all_label, float width, const std::string& tag_prefix) {
    static std::string filter;   // one popup is open at a time: its filter text
    int chosen = -1;
    if (width > 0) ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(id, preview.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::IsWindowAppearing()) {
            filter.clear();
            ImGui::SetKeyboardFocusHere();
        }
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##filter", "输入名称筛选", &filter);
        if (!tag_prefix.empty()) tag(tag_prefix + ".filter");
        if (all_label && filter.empty() && ImGui::Selectable(all_label, selected == 0)) chosen = 0;
        int shown = 0;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (!filter.empty() && labels[i].find(filter) == std::string::npos) continue;
            ++shown;
            const int code = static_cast<int>(i) + 1;
            if (ImGui::Selectable((labels[i] + "##" + std::to_string(i)).c_str(), selected == code)) chosen = code;
            if (!tag_prefix.empty()) tag(tag_prefix + "." + std::to_string(i));
        }
        if (shown == 0) muted("没有名称包含“" + filter + "”的项");
        ImGui::EndCombo();
    }
    return chosen;
}

}  // namespace yiyang::client::ui
