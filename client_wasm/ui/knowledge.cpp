// 知识库: search and a paged list on the left, the article on the right with its history (who, when, why; any
// version readable). Supervisors and admins also get 新建 / 编辑 with live shared validate_article messages, a
// required reason for edits and the 409 banner with 重新加载; agents read only.
#include <algorithm>
#include <cmath>
#include <string>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/keys.hpp"
#include "ui/ui.hpp"
#include "ui/table_tools.hpp"
#include "ui/widgets.hpp"
#include "yiyang/knowledge.hpp"

namespace yiyang::client::ui {

namespace {

void label(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kMuted));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

std::string editor_message(const KbEditor& e, const std::string& field) {
    std::string out;
    if (auto it = e.server.find(field); it != e.server.end()) out = it->second;
    auto loc = e.local.find(field);
    if (loc != e.local.end() && (e.show_all_errors || e.touched.count(field)) &&
        out.find(loc->second) == std::string::npos) {
        if (!out.empty()) out += "；";
        out += loc->second;
    }
    return out;
}

void list_side(const AppState& s, Intents& out) {
    const KbSearch& k = s.intake.kb;
    std::string q = k.q;
    std::string kind = k.kind;
    const bool can_edit = s.intake.can_edit_kb;
    const float new_w = can_edit ? button_w("新建") + ImGui::GetStyle().ItemSpacing.x : 0.0f;
    const float combo_w = px(120);
    // The search box takes what the kind (and 新建) leave on the line, at least 10 characters; the rest flow.
    ImGui::SetNextItemWidth(fit_w(std::max(em(10), ImGui::GetContentRegionAvail().x - combo_w - new_w -
                                                       ImGui::GetStyle().ItemSpacing.x)));
    if (keys::take_search_focus()) ImGui::SetKeyboardFocusHere();   // Ctrl+K (ui/keys.cpp)
    ImGui::InputTextWithHint("##kbq", "搜索标题、正文或标签", &q);
    tag("kb.search");
    ImGui::SetNextItemWidth(flow(combo_w));
    std::string preview = "全部类别";
    if (auto kk = parse_KbKind(kind)) preview = label_zh(*kk);
    if (ImGui::BeginCombo("##kind", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable("全部类别", kind.empty())) kind.clear();
        tag("kb.kind_option.all");
        for (KbKind kk : all_KbKinds()) {
            if (ImGui::Selectable(label_zh(kk), kind == code(kk))) kind = code(kk);
            tag(std::string("kb.kind_option.") + code(kk));
        }
        ImGui::EndCombo();
    }
    tag("kb.kind");
    if (q != k.q || kind != k.kind) out.push_back(IntakeIntent{EditKbSearch{false, q, kind}});
    if (can_edit) {
        same_line_wrap(button_w("新建"));
        if (s.intake.editor) ImGui::BeginDisabled();
        if (primary_button("新建")) out.push_back(IntakeIntent{NewArticle{}});
        if (s.intake.editor) ImGui::EndDisabled();
        tag("kb.new");
    }
    if (!k.error.empty()) field_error("kb", "search", k.error);
    {
        // The list has no column headers (entries with snippets): its order is chosen here, sorted by the server
        // (GET /knowledge?sort=…; 导出 / 打印 list in the same order).
        struct SortChoice { const char* sort; const char* label; };
        static const SortChoice kSorts[] = {{"", "相关度（默认）"}, {"-updated_at", "最近更新"}, {"updated_at", "最早更新"},
                                            {"title", "标题"}, {"kind", "类别"}, {"-id", "最新创建"}};
        const char* sort_preview = kSorts[0].label;
        for (const auto& c : kSorts) if (k.sort == c.sort) sort_preview = c.label;
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("排序");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(fit_w(px(130)));
        if (ImGui::BeginCombo("##kb.sort", sort_preview)) {
            for (const auto& c : kSorts) {
                if (ImGui::Selectable(c.label, k.sort == c.sort) && k.sort != c.sort)
                    out.push_back(IntakeIntent{KbListView{false, c.sort, k.page_size, 1}});
                tag(std::string("kb.sort_option.") + (*c.sort ? c.sort : "default"));
            }
            ImGui::EndCombo();
        }
        tag("kb.sort");
        // Page size and page jump here, not in the footer: the list's pane is narrow (the pager fills it).
        const int pages = static_cast<int>(std::max<std::int64_t>(1, (k.total + k.page_size - 1) / std::max(1, k.page_size)));
        if (const auto pc = page_size_and_jump("kb", k.page_size, pages); pc.page_size || pc.page) {
            out.push_back(IntakeIntent{KbListView{false, k.sort, pc.page_size.value_or(k.page_size),
                                                  pc.page_size ? 1 : pc.page.value_or(k.page)}});
        }
    }

    // The pager below may flow onto a second line (large text, a narrow pane): the list leaves it that height.
    const float pager_h = footer_height("kb.pager", ImGui::GetFrameHeightWithSpacing() + px(4));
    ImGui::BeginChild("kb.list", ImVec2(0, ImGui::GetContentRegionAvail().y - pager_h), false);
    if (k.loaded && k.items.empty()) muted("没有找到相关文章");
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
        colored_text("[" + it.kind_label + (it.published ? "·公开" : "") + "] ", colors::kAccent);
        ImGui::SameLine(0, 0);
        wrapped_text(it.title, ImGui::GetColorU32(ImGuiCol_Text), ImGui::GetContentRegionAvail().x);
        if (!it.snippet.empty()) wrapped_text(it.snippet, colors::kMuted);
        ImGui::EndGroup();
        const ImVec2 gmin = ImGui::GetItemRectMin();
        const ImVec2 gmax = ImGui::GetItemRectMax();
        dl->ChannelsSetCurrent(0);
        ImGui::SetCursorScreenPos(gmin);
        if (ImGui::Selectable("##item", sel, 0, ImVec2(ImGui::GetContentRegionAvail().x, gmax.y - gmin.y))) {
            out.push_back(IntakeIntent{OpenArticle{false, it.id}});
        }
        dl->ChannelsMerge();
        tag("kb.item." + id);
        tag_text("kb.item." + id, it.title);
        ImGui::Separator();
        ImGui::PopID();
    }
    ImGui::EndChild();

    // pager
    const int pages = static_cast<int>(std::max<std::int64_t>(1, (k.total + k.page_size - 1) / std::max(1, k.page_size)));
    const std::string info = "共 " + std::to_string(k.total) + " 篇 · 第 " + std::to_string(k.page) + " / " +
                             std::to_string(pages) + " 页";
    const float pager_top = ImGui::GetCursorScreenPos().y;
    ImGui::AlignTextToFramePadding();
    muted(info);
    tag_text("kb.pager", info);
    if (const auto asked = pager_buttons("kb", k.page, pages, /*right_align=*/false)) {
        out.push_back(IntakeIntent{KbSearchNow{false, static_cast<int>(asked)}});
    }
    footer_end("kb.pager", pager_top);

}

void editor_side(const AppState& s, Intents& out) {
    const KbEditor& cur = *s.intake.editor;
    KbEditor e = cur;
    std::string touched;
    heading(cur.is_new ? "新建文章" : "编辑文章");
    if (!cur.is_new) {
        ImGui::SameLine();
        colored_text("（版本 " + std::to_string(cur.version) + "）", colors::kMuted);
    }
    // 保存 / 取消 at the top: always in view however long the body grows.
    {
        const float w = px(110) + button_w("取消") + ImGui::GetStyle().ItemSpacing.x;
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
        if (cur.saving) ImGui::BeginDisabled();
        if (primary_button("保存", ImVec2(px(110), 0))) out.push_back(IntakeIntent{SaveArticle{}});
        if (cur.saving) ImGui::EndDisabled();
        tag("kb.editor.save");
        ImGui::SameLine();
        if (ImGui::Button("取消")) out.push_back(IntakeIntent{CancelArticleEdit{}});
        tag("kb.editor.cancel");
    }
    if (cur.conflict) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, vec(palette::kErrorTint));
        ImGui::BeginChild("kb.conflict", ImVec2(0, ImGui::GetFrameHeightWithSpacing() + px(12)), true);
        ImGui::AlignTextToFramePadding();
        colored_text("该文章已被他人修改，请重新加载后再编辑", colors::kError);
        ImGui::SameLine();
        if (ImGui::Button("重新加载")) out.push_back(IntakeIntent{ReloadArticle{}});
        tag("kb.conflict.reload");
        ImGui::EndChild();
        ImGui::PopStyleColor();
        tag("kb.conflict");
        tag_text("kb.conflict", "该文章已被他人修改，请重新加载后再编辑");
    }
    for (const auto& [field, msg] : cur.server) {
        if (field != "kind" && field != "title" && field != "tags" && field != "body" && field != "reason" &&
            field != "published") {
            field_error("kb", field.empty() ? "form" : field, msg);
        }
    }

    label("类别");
    ImGui::SetNextItemWidth(px(200));
    if (ImGui::BeginCombo("##ekind", label_zh(e.kind))) {
        for (KbKind kk : all_KbKinds()) {
            if (ImGui::Selectable(label_zh(kk), kk == e.kind)) {
                e.kind = kk;
                if (!is_public(kk)) e.published = false;   // 服务商信息 is never public
                touched = "kind";
            }
            tag(std::string("kb.editor.kind_option.") + code(kk));
        }
        ImGui::EndCombo();
    }
    tag("kb.editor.kind");
    field_error("kb", "kind", editor_message(cur, "kind"));

    // 对公众公开: the portal's 政策与补贴 and the kiosk's 政策 show the article. Internal working instructions stay off.
    if (is_public(e.kind)) {
        if (ImGui::Checkbox("对公众公开（公众端“政策与补贴”、展厅大屏“政策”可见）", &e.published)) touched = "published";
        tag("kb.editor.published");
        if (e.published) muted("公开的文章任何人都能看到：不要写坐席的操作步骤、内部要求或个人信息。");
    } else {
        muted(std::string(label_zh(e.kind)) + "是内部资料，不对公众公开。");
    }
    field_error("kb", "published", editor_message(cur, "published"));

    label("标题（60字以内）");
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##etitle", &e.title);
    if (ImGui::IsItemDeactivatedAfterEdit()) touched = "title";
    tag("kb.editor.title");
    field_error("kb", "title", editor_message(cur, "title"));

    label("标签（用逗号或顿号分隔，最多10个）");
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##etags", &e.tags_text);
    if (ImGui::IsItemDeactivatedAfterEdit()) touched = "tags";
    tag("kb.editor.tags");
    field_error("kb", "tags", editor_message(cur, "tags"));

    label(("正文（" + std::to_string(utf8_length(e.body)) + " / 5000 字）").c_str());
    const float reason_h = cur.is_new ? 0.0f : ImGui::GetFrameHeightWithSpacing() * 2 + px(8);
    const float body_h = std::max(ImGui::GetTextLineHeight() * 5, ImGui::GetContentRegionAvail().y - reason_h - px(40));
    ImGui::InputTextMultiline("##ebody", &e.body, ImVec2(-1, body_h));
    if (ImGui::IsItemDeactivatedAfterEdit()) touched = "body";
    tag("kb.editor.body");
    field_error("kb", "body", editor_message(cur, "body"));

    if (!cur.is_new) {
        label("修改原因（必填，记入修改历史）");
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##ereason", "如：补贴标准按新文件调整", &e.reason);
        if (ImGui::IsItemDeactivatedAfterEdit()) touched = "reason";
        tag("kb.editor.reason");
        field_error("kb", "reason", editor_message(cur, "reason"));
    }

    const bool edited = e.kind != cur.kind || e.title != cur.title || e.body != cur.body ||
                        e.tags_text != cur.tags_text || e.reason != cur.reason || e.published != cur.published;
    if (edited || !touched.empty()) out.push_back(IntakeIntent{EditArticleForm{e, touched}});
}

void article_side(const AppState& s, Intents& out) {
    const IntakeState& in = s.intake;
    if (!in.kb.article) {
        muted("在列表中选择一篇文章查看。");
        return;
    }
    const KbArticle& a = *in.kb.article;
    // Header: title, meta, edit button.
    const bool can_edit = in.can_edit_kb;
    const float edit_w = can_edit ? button_w("编辑") + px(8) : 0.0f;
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - edit_w);
    wrapped_text(a.title, colors::kAccent, ImGui::GetContentRegionAvail().x - edit_w);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    tag("kb.article");
    tag_text("kb.article", a.title);
    if (can_edit) {
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - edit_w + px(8));
        if (primary_button("编辑")) out.push_back(IntakeIntent{BeginEditArticle{}});
        tag("kb.edit");
    }
    std::string meta = a.kind_label + (a.published ? " · 对公众公开" : " · 仅内部") + " · 版本 " + std::to_string(a.version);
    if (!a.updated_at.empty()) meta += " · 更新于 " + a.updated_at;
    if (!a.updated_by.empty()) meta += " · " + a.updated_by;
    muted(meta);
    tag_text("kb.article_meta", meta);
    if (!a.tags.empty()) {
        std::string tags = "标签：";
        for (std::size_t i = 0; i < a.tags.size(); ++i) tags += (i ? "、" : "") + a.tags[i];
        muted(tags);
    }
    if (!can_edit) muted("当前账号只能查看知识库。");

    const float hist_h = std::max(px(170), ImGui::GetContentRegionAvail().y * 0.38f);
    ImGui::BeginChild("kb.body", ImVec2(0, ImGui::GetContentRegionAvail().y - hist_h), true);
    const KbHistoryEntry* selected = nullptr;
    if (in.history_selected) {
        for (const auto& h : in.history) {
            if (h.version == *in.history_selected) selected = &h;
        }
    }
    if (selected && selected->version != a.version) {
        colored_text("正在查看历史版本 " + std::to_string(selected->version) + "：" + selected->title, colors::kError);
        tag_text("kb.history_text", selected->body);
        ImGui::Separator();
        wrapped_text(selected->body, ImGui::GetColorU32(ImGuiCol_Text));
    } else {
        wrapped_text(a.body, ImGui::GetColorU32(ImGuiCol_Text));
        if (selected) tag_text("kb.history_text", a.body);
    }
    ImGui::EndChild();
    tag("kb.body");

    heading("修改历史");
    if (ImGui::BeginTable("kb.history", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                               ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("版本", 0, 0.7f);
        ImGui::TableSetupColumn("时间", 0, 2.0f);
        ImGui::TableSetupColumn("修改人", 0, 1.3f);
        ImGui::TableSetupColumn("原因", 0, 3.0f);
        ImGui::TableHeadersRow();
        for (const KbHistoryEntry& h : in.history) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string v = "v" + std::to_string(h.version) + "##hist" + std::to_string(h.version);
            const bool sel = in.history_selected && *in.history_selected == h.version;
            if (ImGui::Selectable(v.c_str(), sel, ImGuiSelectableFlags_SpanAllColumns)) {
                out.push_back(IntakeIntent{SelectHistory{h.version}});
            }
            tag("kb.history." + std::to_string(h.version));
            tag_text("kb.history." + std::to_string(h.version), h.reason);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(h.at.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(h.by.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(h.reason.empty() ? (h.version <= 1 ? "新建" : "—") : h.reason.c_str());
        }
        ImGui::EndTable();
    }
}

}  // namespace

Intents draw_knowledge(const AppState& s) {
    Intents out;
    heading("知识库");
    ImGui::SameLine();
    export_print_buttons(s, "knowledge", "kb");
    // The list beside the article, or above it when the article would be narrower than 24 characters (portrait).
    const Panes panes = split_panes(0.40f, px(320), px(620), em(24), 0.6f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(12), px(10)));
    ImGui::BeginChild("kb.left", panes.list, true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    list_side(s, out);
    ImGui::EndChild();
    tag("kb.zone.list");
    if (!panes.stacked) ImGui::SameLine();
    ImGui::BeginChild("kb.right", panes.detail, true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    if (s.intake.editor) editor_side(s, out);
    else article_side(s, out);
    ImGui::EndChild();
    tag("kb.zone.article");
    ImGui::PopStyleVar();
    return out;
}

}  // namespace yiyang::client::ui
