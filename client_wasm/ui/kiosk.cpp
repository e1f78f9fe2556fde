// 展厅大屏 (issue 12, kiosk-ui): the kiosk role's only screen, drawn over the whole window — no navigation, no
// sign-out. Large type for reading from 2 m: the text size is set to 200 % (body 40 px, headings 52 px, figures
// 68 px, crisp: the atlas is rebuilt at that size). Portrait (1080×1920) stacks the blocks, landscape (1920×1080)
// puts them side by side; long lists flow into columns to fit. Touch only: a tap pauses, a swipe left / right
// changes the panel, the page dots (56 px targets) jump; 政策 opens an article by its chip. No hover, no typing.
// State and timing: app/kiosk.cpp.
#include <imgui.h>
#include <imgui_internal.h>   // ImTextCharFromUtf8

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "platform/fonts.hpp"
#include "ui/check_in.hpp"
#include "ui/map_view.hpp"
#include "ui/palette.hpp"
#include "ui/text_size.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"
#include "yiyang/kiosk_playlist.hpp"
#include "yiyang/visits.hpp"

namespace yiyang::client::ui {

namespace {

using wire::PublicCountRow;

struct Box {
    ImVec2 min, max;
    float w() const { return max.x - min.x; }
    float h() const { return max.y - min.y; }
};

ImDrawList* dl() { return ImGui::GetWindowDrawList(); }
// Spacing in CSS px × device pixels (not × the text size: the 200 % text would double every margin too).
float k(float css) { return css * theme().scale / text_factor(); }

void text_at(ImFont* f, ImVec2 p, ImU32 c, const std::string& t) { dl()->AddText(f, f->FontSize, p, c, t.c_str()); }
ImVec2 measure(ImFont* f, const std::string& t) { return f->CalcTextSizeA(f->FontSize, 1e9f, 0.0f, t.c_str()); }

// The title font (52 px at 200 %) when it has every character of `t`; otherwise the body font for this frame and
// the missing characters are added to the title font before the next (platform/fonts, as ui/widgets heading()).
ImFont* title_for(const std::string& t) {
    ImFont* f = theme().title;
    bool all = true;
    const char* p = t.c_str();
    const char* end = p + t.size();
    while (p < end) {
        unsigned int c = 0;
        const int n = ImTextCharFromUtf8(&c, p, end);
        p += n > 0 ? n : 1;
        if (c >= 0x80 && !f->FindGlyphNoFallback(static_cast<ImWchar>(c))) {
            fonts::need_codepoint(f, c);
            all = false;
        }
    }
    return all ? f : theme().body;
}
// The figure font (68 px, ASCII only) for digits, "<5" and "96.4%"; "—" and any other text: title_for.
ImFont* figure_for(const std::string& t) {
    for (unsigned char c : t) {
        if (c >= 0x80) return title_for(t);
    }
    return theme().figure;
}

// Text cut with "…" to fit `w` (never mid-character: UTF-8 lead bytes only).
std::string fit(ImFont* f, const std::string& t, float w) {
    if (measure(f, t).x <= w) return t;
    std::string s = t;
    while (!s.empty()) {
        while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
        if (!s.empty()) s.pop_back();              // the character's lead byte (or an ASCII character)
        if (measure(f, s + "…").x <= w) return s + "…";
    }
    return "…";
}

// A white card with a heading; returns the area inside.
Box card(const Box& b, const std::string& heading, const std::string& id) {
    dl()->AddRectFilled(b.min, b.max, col(palette::kPanel), k(12));
    dl()->AddRect(b.min, b.max, col(palette::kBorder), k(12), 0, k(2));
    const float pad = k(20);
    ImFont* tf = theme().body;
    text_at(tf, {b.min.x + pad, b.min.y + pad * 0.6f}, col(palette::kAccent), fit(tf, heading, b.w() - 2 * pad));
    tag_rect(id, b.min, b.max);
    tag_text(id, heading);
    return Box{{b.min.x + pad, b.min.y + pad * 0.6f + tf->FontSize + k(12)}, {b.max.x - pad, b.max.y - pad * 0.6f}};
}

// A big figure with its label under it (a tile).
void tile(const Box& b, const std::string& label, const std::string& figure, const std::string& note, ImU32 note_col,
          const std::string& id) {
    dl()->AddRectFilled(b.min, b.max, col(palette::kPanel), k(12));
    dl()->AddRect(b.min, b.max, col(palette::kBorder), k(12), 0, k(2));
    ImFont* ff = theme().figure;
    ImFont* bf = theme().body;
    const float pad = k(18);
    text_at(bf, {b.min.x + pad, b.min.y + pad}, col(palette::kMuted), fit(bf, label, b.w() - 2 * pad));
    ImFont* fig = figure_for(figure);
    text_at(fig, {b.min.x + pad, b.min.y + pad + bf->FontSize + k(6) + (ff->FontSize - fig->FontSize) / 2},
            col(palette::kText), figure);
    if (!note.empty())
        text_at(bf, {b.min.x + pad, b.min.y + pad + bf->FontSize + ff->FontSize + k(12)}, note_col,
                fit(bf, note, b.w() - 2 * pad));
    tag_rect(id, b.min, b.max);
    tag_text(id, label + " " + figure + (note.empty() ? "" : " " + note));
}
float tile_height() { return k(18) * 2 + theme().body->FontSize * 2 + theme().figure->FontSize + k(18); }

// Label–count rows flowing into as many columns as the height needs (a town list of 24 in a landscape half).
void count_grid(const Box& b, const std::vector<PublicCountRow>& rows, const std::string& id, bool skip_zero = false) {
    std::vector<const PublicCountRow*> shown;
    for (const auto& r : rows) {
        if (skip_zero && r.count.value && *r.count.value == 0) continue;
        shown.push_back(&r);
    }
    ImFont* f = theme().body;
    const float row_h = f->FontSize + k(14);
    const int per_col = std::max(1, static_cast<int>(std::floor(b.h() / row_h)));
    const int cols = std::max(1, (static_cast<int>(shown.size()) + per_col - 1) / per_col);
    const float gap = k(28);
    const float col_w = (b.w() - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    std::string all;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const int c = static_cast<int>(i) / per_col;
        const int r = static_cast<int>(i) % per_col;
        const float x = b.min.x + static_cast<float>(c) * (col_w + gap);
        const float y = b.min.y + static_cast<float>(r) * row_h;
        if (r % 2 == 1) dl()->AddRectFilled({x - k(6), y}, {x + col_w + k(6), y + row_h}, col(palette::kRowAlt));
        const std::string& value = shown[i]->count.text;
        const float vw = measure(f, value).x;
        text_at(f, {x, y + k(7)}, col(palette::kText), fit(f, shown[i]->label, col_w - vw - k(16)));
        text_at(f, {x + col_w - vw, y + k(7)}, col(shown[i]->count.value ? palette::kText : palette::kMuted), value);
        all += shown[i]->label + " " + value + "；";
    }
    tag_rect(id, b.min, b.max);
    tag_text(id, all);
}

// The rows of one group side by side with another of the same codes (今日 | 本月 by channel / type).
std::vector<PublicCountRow> joined(const std::vector<PublicCountRow>& today, const std::vector<PublicCountRow>& month) {
    std::vector<PublicCountRow> out;
    for (std::size_t i = 0; i < month.size(); ++i) {
        PublicCountRow r = month[i];
        const std::string t = i < today.size() ? today[i].count.text : "—";
        r.count.text = t + " / " + month[i].count.text;
        out.push_back(std::move(r));
    }
    return out;
}

// Splits `b` into two: side by side in landscape, stacked in portrait; `first` is the first part's share.
std::pair<Box, Box> split(const Box& b, bool landscape, float first = 0.5f) {
    const float gap = k(24);
    if (landscape) {
        const float x = b.min.x + (b.w() - gap) * first;
        return {Box{b.min, {x, b.max.y}}, Box{{x + gap, b.min.y}, b.max}};
    }
    const float y = b.min.y + (b.h() - gap) * first;
    return {Box{b.min, {b.max.x, y}}, Box{{b.min.x, y + gap}, b.max}};
}

// A row of n tiles across `b` (portrait may wrap to two rows when narrow); returns the area below.
std::vector<Box> tile_row(const Box& b, int n, int per_row) {
    std::vector<Box> out;
    const float gap = k(20);
    const int rows = (n + per_row - 1) / per_row;
    const float w = (b.w() - gap * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
    const float h = tile_height();
    for (int i = 0; i < n; ++i) {
        const int r = i / per_row, c = i % per_row;
        const ImVec2 mn{b.min.x + static_cast<float>(c) * (w + gap), b.min.y + static_cast<float>(r) * (h + gap)};
        out.push_back(Box{mn, {mn.x + w, mn.y + h}});
    }
    out.push_back(Box{{b.min.x, b.min.y + static_cast<float>(rows) * (h + gap)}, b.max});   // the rest
    return out;
}

// ---- panels ----------------------------------------------------------------------------------------
void panel_figures(const wire::PublicFiguresReply& f, const Box& b, bool landscape) {
    const int n = 2 + static_cast<int>(f.rates.size());
    auto tiles = tile_row(b, n, landscape ? n : 2);
    tile(tiles[0], "今日诉求", f.today_total.text, "", 0, "kiosk.figures.today");
    tile(tiles[1], f.month_label + "诉求", f.month_total.text, "", 0, "kiosk.figures.month");
    for (std::size_t i = 0; i < f.rates.size(); ++i) {
        const auto& r = f.rates[i];
        const std::string note = "目标" + r.target_text + (r.met ? (*r.met ? " 达标" : " 未达标") : "");
        const ImU32 c = r.met ? col(*r.met ? palette::kSuccess : palette::kError) : col(palette::kMuted);
        tile(tiles[2 + i], r.name_zh, r.text, note, c, "kiosk.figures.rate." + r.code);
    }
    const Box rest = tiles.back();
    auto [left, right] = split(rest, landscape);
    count_grid(card(left, "按渠道（今日 / 本月）", "kiosk.figures.channels"), joined(f.today_by_channel, f.month_by_channel),
               "kiosk.figures.channels.rows");
    count_grid(card(right, "按类型（今日 / 本月）", "kiosk.figures.types"), joined(f.today_by_type, f.month_by_type),
               "kiosk.figures.types.rows");
}

void panel_elders(const wire::PublicFiguresReply& f, const Box& b, bool landscape) {
    auto tiles = tile_row(b, 1, 1);
    tile(tiles[0], "在册服务对象", f.elders_total.text, "按镇街与服务类别统计，少于" +
         std::to_string(f.small_cell_min) + "人的格子显示为“<" + std::to_string(f.small_cell_min) + "”", col(palette::kMuted),
         "kiosk.elders.total");
    auto [left, right] = split(tiles.back(), landscape, 0.6f);
    count_grid(card(left, "按镇街", "kiosk.elders.towns"), f.elders_by_town, "kiosk.elders.towns.rows");
    count_grid(card(right, "按服务类别", "kiosk.elders.categories"), f.elders_by_category, "kiosk.elders.categories.rows");
}

void panel_providers(const wire::PublicFiguresReply& f, const Box& b, bool landscape) {
    auto tiles = tile_row(b, 2, 2);
    tile(tiles[0], "服务商", f.providers_total.text, "", 0, "kiosk.providers.total");
    tile(tiles[1], "服务网点", f.points_total.text, "", 0, "kiosk.providers.points");
    auto [left, right] = split(tiles.back(), landscape, 0.5f);
    count_grid(card(left, "服务网点（按镇街）", "kiosk.providers.towns"), f.points_by_town, "kiosk.providers.towns.rows");
    count_grid(card(right, "服务商（按服务类别）", "kiosk.providers.categories"), f.providers_by_category,
               "kiosk.providers.categories.rows", true);
}

Intents panel_policies(const AppState& s, const wire::PublicFiguresReply& f, const Box& b, bool landscape) {
    Intents out;
    if (f.articles.empty()) {
        text_at(theme().body, b.min, col(palette::kMuted), "暂无公开的政策文章");
        return out;
    }
    const wire::KioskArticle* open = &f.articles.front();
    for (const auto& a : f.articles) {
        if (a.id == s.kiosk.open_article) open = &a;
    }
    auto [chips_box, text_box] = split(b, landscape, landscape ? 0.42f : 0.45f);
    // Chips: one per article, a full-width touch target (≥ 48 px) each.
    ImFont* f0 = theme().body;
    const float chip_h = std::max(k(64), f0->FontSize + k(24));
    float y = chips_box.min.y;
    for (const auto& a : f.articles) {
        if (y + chip_h > chips_box.max.y) break;
        const ImVec2 mn{chips_box.min.x, y}, mx{chips_box.max.x, y + chip_h};
        const bool sel = &a == open;
        dl()->AddRectFilled(mn, mx, col(sel ? palette::kPrimary : palette::kButton), chip_h / 2);
        const std::string label = fit(f0, a.title, mx.x - mn.x - k(48));
        text_at(f0, {mn.x + k(24), mn.y + (chip_h - f0->FontSize) / 2}, col(sel ? palette::kOnDark : palette::kText), label);
        ImGui::SetCursorScreenPos(mn);
        const std::string id = "kiosk.policy." + std::to_string(a.id);
        if (ImGui::InvisibleButton(id.c_str(), {mx.x - mn.x, chip_h})) out.push_back(KioskIntent{KioskOpenArticle{a.id}});
        tag(id);
        tag_text(id, a.title);
        y += chip_h + k(14);
    }
    // The open article: kind, title, summary, wrapped.
    const Box inner = card(text_box, open->kind_label, "kiosk.policy.open");
    ImFont* tf = title_for(open->title);
    dl()->AddText(tf, tf->FontSize, inner.min, col(palette::kText), open->title.c_str(), nullptr, inner.w());
    const float title_h = tf->CalcTextSizeA(tf->FontSize, 1e9f, inner.w(), open->title.c_str()).y;
    dl()->AddText(f0, f0->FontSize, {inner.min.x, inner.min.y + title_h + k(16)}, col(palette::kText),
                  open->summary.c_str(), nullptr, inner.w());
    tag_text("kiosk.policy.open", open->title + "：" + open->summary);
    return out;
}

}  // namespace

// ---- panels the lead connects at merge ---------------------------------------------------------------
// 服务地图: the map part's reusable widget and GET /api/v1/coverage go here. Until then the per-town service points
// (the coverage table's rows) are drawn. Not in the default playlist (assets/rules/kiosk-playlist.json).
void draw_kiosk_map_panel(const AppState& s, float x0, float y0, float x1, float y1, bool landscape) {
    (void)landscape;
    const Box b{{x0, y0}, {x1, y1}};
    if (s.kiosk.coverage) {
        // The map part's widget, fitted to the city and still (a swipe changes the panel; no buttons on a kiosk).
        const Box inner = card(b, "服务地图 · 15分钟养老服务圈", "kiosk.map");
        MapOptions options;
        options.id = "kiosk.map";
        options.buttons = false;
        (void)draw_map(*s.kiosk.coverage, MapView{}, inner.min, inner.max, options);
        return;
    }
    if (!s.kiosk.figures) return;   // until the map arrives: the service points per town
    count_grid(card(b, "服务地图 · 各镇街服务网点", "kiosk.map"), s.kiosk.figures->points_by_town, "kiosk.map.rows");
}
// 展厅日程: the visits part's schedule (展厅参观预约, 市民开放日) goes here. Not in the default playlist.
void draw_kiosk_visits_panel(const AppState& s, float x0, float y0, float x1, float y1, bool landscape) {
    (void)landscape;
    const Box inner = card(Box{{x0, y0}, {x1, y1}}, "展厅日程 · 参观与市民开放日", "kiosk.visits");
    ImFont* f = theme().body;
    if (!s.kiosk.schedule) {
        text_at(f, inner.min, col(palette::kMuted), "日程加载中");
        return;
    }
    // Day by day from today, as many lines as fit; an empty day says so (visitors plan by the free days too).
    const float line = f->FontSize + k(14);
    float y = inner.min.y;
    int row = 0;
    for (const auto& d : s.kiosk.schedule->days) {
        if (y + line > inner.max.y) break;
        const std::string head = d.day.substr(5) + " " + d.weekday;   // "12-06 周日"
        text_at(f, {inner.min.x, y}, col(palette::kAccent), head);
        y += line;
        if (d.items.empty()) {
            if (y + line > inner.max.y) break;
            text_at(f, {inner.min.x + k(40), y}, col(palette::kMuted), "暂无安排");
            y += line;
        }
        for (const auto& it : d.items) {
            if (y + line > inner.max.y) break;
            std::string t = it.start + "–" + it.end + "  " + (it.kind == "open_day" ? "市民开放日 · " : "") + it.title;
            if (!it.visitors.empty()) t += "  " + it.visitors + " 人";
            if (it.kind == "open_day") t += "  余 " + std::to_string(it.seats_left) + " 席";
            const std::string id = "kiosk.visits.row." + std::to_string(row++);
            const ImVec2 p{inner.min.x + k(40), y};
            const std::string shown = fit(f, t, inner.max.x - p.x);
            text_at(f, p, col(palette::kText), shown);
            tag_rect(id, p, {p.x + measure(f, shown).x, p.y + f->FontSize});
            tag_text(id, shown);
            y += line;
        }
    }
}

// 参观签到: the visits part's chip pad (ui/check_in.hpp) — no keyboard on a kiosk — and what the check-in said.
Intents draw_kiosk_checkin_panel(const AppState& s, float x0, float y0, float x1, float y1, bool landscape) {
    Intents out;
    const KioskState& K = s.kiosk;
    const Box inner = card(Box{{x0, y0}, {x1, y1}}, "参观签到 · 请输入预约码", "kiosk.checkin");
    ImFont* f = theme().body;
    // The result above the pad, where the visitor looks after pressing 签到.
    float y = inner.min.y;
    if (K.checked_in || !K.checkin_error.empty()) {
        const std::string t = K.checked_in ? K.checked_in->message : K.checkin_error;
        const std::string shown = fit(f, t, inner.w());
        text_at(f, {inner.min.x, y}, col(K.checked_in ? palette::kSuccess : palette::kError), shown);
        tag_rect("kiosk.checkin.result", {inner.min.x, y}, {inner.min.x + measure(f, shown).x, y + f->FontSize});
        tag_text("kiosk.checkin.result", t);
    }
    y += f->FontSize + k(20);
    const float width = std::min(inner.w(), landscape ? inner.w() * 0.6f : inner.w());
    ImGui::SetCursorScreenPos({inner.min.x + (inner.w() - width) / 2, y});
    ImGui::BeginGroup();   // the pad's rows start at its left edge, not the window's
    // The code's length: the exhibition rule's default (the kiosk does not read the rule; a code of another length is
    // refused by the server with its own message).
    const auto r = check_in_pad("kiosk.checkin.pad", K.checkin_code, static_cast<int>(visits::VisitRule{}.code_length),
                                width, K.checking_in);
    ImGui::EndGroup();
    if (r.edited) out.push_back(KioskIntent{KioskEditCode{*r.edited}});
    if (r.submit) out.push_back(KioskIntent{KioskSubmitCheckIn{}});
    return out;
}

Intents draw_kiosk(const AppState& s) {
    Intents out;
    set_text_percent(200);                    // readable from 2 m: 40 px text, 68 px figures (crisp atlas)
    const KioskState& K = s.kiosk;
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    const bool landscape = size.x >= size.y;
    dl()->AddRectFilled({0, 0}, size, col(palette::kWindow));

    // The whole screen is one touch surface: a tap pauses, a horizontal drag of 8 % of the width changes the panel.
    // Read from the pointer itself, so a swipe that starts on a chip or a dot still counts.
    tag_rect("kiosk.surface", {0, 0}, size);
    static float press_x = -1;                 // where the finger went down (ui-local: not application state)
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseClicked(0)) press_x = io.MousePos.x;
    if (ImGui::IsMouseReleased(0) && press_x >= 0) {
        const float dx = io.MousePos.x - press_x;
        press_x = -1;
        if (std::fabs(dx) >= std::max(k(60), size.x * 0.08f)) out.push_back(KioskIntent{KioskStep{dx < 0 ? 1 : -1}});
        else out.push_back(KioskIntent{KioskTouch{}});
    }

    // Header: the platform's name and the panel's title.
    const float margin = k(36);
    const std::string brand = "颐养 · 智慧养老服务";
    ImFont* hf = theme().title;
    const float header_h = hf->FontSize + k(40);
    dl()->AddRectFilled({0, 0}, {size.x, header_h}, col(palette::kTopBar));
    const std::string panel_code = K.playlist.panels.empty() ? "" : K.playlist.panels[K.index].code;
    const std::string panel_name = kiosk::panel_label_zh(panel_code);
    text_at(title_for(brand), {margin, k(20)}, col(palette::kOnDark), brand);
    {
        ImFont* pf = title_for(panel_name);
        const float w = measure(pf, panel_name).x;
        text_at(pf, {size.x - margin - w, k(20)}, col(palette::kOnDark), panel_name);
        tag_rect("kiosk.title", {size.x - margin - w, k(20)}, {size.x - margin, k(20) + hf->FontSize});
        tag_text("kiosk.title", panel_name);
    }

    // Footer: page dots (tap to jump), the panel's name, 数据更新于, 已暂停, 网络中断.
    ImFont* bf = theme().body;
    const float footer_h = bf->FontSize * 2 + k(56);
    const float fy = size.y - footer_h;
    dl()->AddRectFilled({0, fy}, size, col(palette::kPanel));
    dl()->AddLine({0, fy}, {size.x, fy}, col(palette::kBorder), k(2));
    {
        const float hit = k(56);                        // touch target of each dot
        const std::size_t n = K.playlist.panels.size();
        const float total = hit * static_cast<float>(n);
        float x = (size.x - total) / 2;
        const float y = fy + k(8);
        for (std::size_t i = 0; i < n; ++i) {
            const ImVec2 c{x + hit / 2, y + hit / 2};
            if (i == K.index) dl()->AddCircleFilled(c, k(13), col(palette::kPrimary));
            else dl()->AddCircle(c, k(11), col(palette::kMuted), 0, k(3));
            ImGui::SetCursorScreenPos({x, y});
            const std::string id = "kiosk.dot." + std::to_string(i);
            if (ImGui::InvisibleButton(id.c_str(), {hit, hit})) out.push_back(KioskIntent{KioskShowPanel{i}});
            tag(id);
            x += hit;
        }
        const float ly = y + hit + k(4);
        const float w = measure(bf, panel_name).x;
        text_at(bf, {(size.x - w) / 2, ly}, col(palette::kText), panel_name);
        tag_rect("kiosk.panel_name", {(size.x - w) / 2, ly}, {(size.x + w) / 2, ly + bf->FontSize});
        tag_text("kiosk.panel_name", panel_name);

        // Left: when the figures are from; right: 已暂停 and 网络中断 (quiet, not alarming).
        const std::string updated = K.updated_at.empty() ? "正在获取数据…" : "数据更新于 " + K.updated_at;
        text_at(bf, {margin, ly}, col(palette::kMuted), updated);
        tag_rect("kiosk.updated", {margin, ly}, {margin + measure(bf, updated).x, ly + bf->FontSize});
        tag_text("kiosk.updated", updated);
        float rx = size.x - margin;
        if (K.offline) {
            const std::string t = "网络中断";
            const float tw = measure(bf, t).x;
            rx -= tw;
            text_at(bf, {rx, ly}, col(palette::kWarning), t);
            tag_rect("kiosk.offline", {rx, ly}, {rx + tw, ly + bf->FontSize});
            tag_text("kiosk.offline", t);
            rx -= k(28);
        }
        if (K.paused) {
            const std::string t = "已暂停";
            const float tw = measure(bf, t).x;
            rx -= tw;
            dl()->AddRectFilled({rx - k(12), ly - k(4)}, {rx + tw + k(12), ly + bf->FontSize + k(4)},
                                col(palette::kButton), k(8));
            text_at(bf, {rx, ly}, col(palette::kText), t);
            tag_rect("kiosk.paused", {rx, ly}, {rx + tw, ly + bf->FontSize});
            tag_text("kiosk.paused", t);
        }
    }

    // The panel.
    const Box body{{margin, header_h + margin * 0.75f}, {size.x - margin, fy - margin * 0.75f}};
    tag_rect("kiosk.panel", body.min, body.max);
    tag_text("kiosk.panel", panel_code);
    if (!K.figures) {
        text_at(bf, body.min, col(palette::kMuted), K.offline ? "暂时无法连接服务器，正在重试…" : "正在获取数据…");
        return out;
    }
    const auto& f = *K.figures;
    if (panel_code == "figures") panel_figures(f, body, landscape);
    else if (panel_code == "elders") panel_elders(f, body, landscape);
    else if (panel_code == "providers") panel_providers(f, body, landscape);
    else if (panel_code == "policies") {
        for (auto& i : panel_policies(s, f, body, landscape)) out.push_back(std::move(i));
    } else if (panel_code == "map") draw_kiosk_map_panel(s, body.min.x, body.min.y, body.max.x, body.max.y, landscape);
    else if (panel_code == "visits") draw_kiosk_visits_panel(s, body.min.x, body.min.y, body.max.x, body.max.y, landscape);
    else if (panel_code == "checkin") {
        for (auto& i : draw_kiosk_checkin_panel(s, body.min.x, body.min.y, body.max.x, body.max.y, landscape))
            out.push_back(std::move(i));
    }
    return out;
}

}  // namespace yiyang::client::ui
