// Export / print buttons, Ctrl+C of a row, page size and page jump (table_tools.hpp).
#include "ui/table_tools.hpp"

#include <algorithm>
#include <map>

#include <imgui.h>
#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include "platform/services.hpp"
#include "ui/palette.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

std::string export_url(const std::string& list_path, const char* extension) {
    static const std::string prefix = "/api/v1/";
    if (list_path.rfind(prefix, 0) != 0) return {};
    const auto q = list_path.find('?');
    const std::string route = list_path.substr(prefix.size(), q == std::string::npos ? std::string::npos : q - prefix.size());
    std::string url = prefix + "export/" + route + extension;
    if (q != std::string::npos) url += list_path.substr(q);
    return url;
}

void export_print_buttons(const AppState& s, const std::string& key, const std::string& prefix) {
    const auto it = s.list_paths.find(key);
    const std::string path = it == s.list_paths.end() ? std::string() : it->second;
    ImGui::BeginDisabled(path.empty());
    if (ImGui::Button(("导出##" + prefix).c_str())) open_url(export_url(path, ".xlsx"), true);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("按当前筛选条件导出全部记录为 Excel（XLSX）文件");
    tag(prefix + ".export");
    ImGui::SameLine();
    if (ImGui::Button(("打印##" + prefix).c_str())) open_url(export_url(path, ".html"), false);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("在新标签页打开 A4 打印版（含筛选条件、日期和页码）");
    tag(prefix + ".print");
    ImGui::EndDisabled();
}

bool copy_pressed() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return false;
    if (!ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows)) return false;
    return io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_C), false);
}

void copy_row(const std::vector<wire::TableColumn>& columns, const std::vector<std::string>& row,
              const std::string& prefix) {
    const std::string text = wire::tsv_line(columns, row);
    ImGui::SetClipboardText(text.c_str());
    tag_text(prefix + ".copied", text);
}

int sort_column_flags(const std::string& key, const std::string& current) {
    if (key.empty()) return ImGuiTableColumnFlags_NoSort;
    const bool desc = !current.empty() && current[0] == '-';
    const std::string cur = desc ? current.substr(1) : current;
    if (cur != key) return ImGuiTableColumnFlags_None;
    return ImGuiTableColumnFlags_DefaultSort |
           (desc ? ImGuiTableColumnFlags_PreferSortDescending : ImGuiTableColumnFlags_PreferSortAscending);
}

int table_sort_flags() {
    // Tristate: a list may be in its default order (no column sorted): ImGui would otherwise sort the first column.
    return ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate;
}

std::optional<std::string> header_sort(const std::vector<std::string>& keys, const std::string& current) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs || !specs->SpecsDirty) return std::nullopt;
    specs->SpecsDirty = false;
    std::string asked;
    if (specs->SpecsCount > 0) {
        const auto& c = specs->Specs[0];
        const auto i = static_cast<std::size_t>(c.ColumnUserID);
        if (i < keys.size() && !keys[i].empty()) {
            asked = (c.SortDirection == ImGuiSortDirection_Descending ? "-" : "") + keys[i];
        }
    }
    if (asked == current) return std::nullopt;   // the first frame reports the order the list already has
    return asked;
}

CopyWhat copy_keys() {
    if (!copy_pressed()) return CopyWhat::None;
    return ImGui::GetIO().KeyShift ? CopyWhat::Row : CopyWhat::Cell;
}

namespace {
struct CellChoice {
    Id row = 0;
    int column = 0;
};
std::map<std::string, CellChoice>& chosen_cells() {
    static std::map<std::string, CellChoice> m;   // per table prefix: the cell last clicked
    return m;
}
}  // namespace

RowCopy row_copy(const std::string& prefix, Id row_id, CopyWhat keys) {
    RowCopy out;
    auto& chosen = chosen_cells()[prefix];
    const int hovered = ImGui::TableGetHoveredColumn();
    const bool over = ImGui::IsItemHovered();
    if (over && hovered >= 0 && (ImGui::IsMouseClicked(ImGuiMouseButton_Left) || ImGui::IsMouseClicked(ImGuiMouseButton_Right))) {
        chosen = {row_id, hovered};
    }
    const std::string menu = "##copy_menu." + prefix;
    if (ImGui::BeginPopupContextItem(menu.c_str())) {
        if (ImGui::MenuItem("复制单元格", "Ctrl+C")) out = {CopyWhat::Cell, chosen.column};
        if (ImGui::MenuItem("复制此行", "Ctrl+Shift+C")) out = {CopyWhat::Row, chosen.column};
        ImGui::EndPopup();
    }
    if (out.what != CopyWhat::None) return out;
    if (keys != CopyWhat::None && (ImGui::IsItemFocused() || over)) {
        // The cell clicked on this row; else the column under the pointer.
        const int column = chosen.row == row_id ? chosen.column : std::max(0, hovered);
        out = {keys, column};
    }
    return out;
}

void copy_cell(const std::vector<wire::TableColumn>& columns, const std::vector<std::string>& row, int column,
               const std::string& prefix) {
    if (column < 0 || static_cast<std::size_t>(column) >= columns.size() || static_cast<std::size_t>(column) >= row.size()) return;
    // The cell as the row copy writes it (tabs and line breaks as blanks, times readable).
    const std::string text = wire::tsv_line({columns[static_cast<std::size_t>(column)]}, {row[static_cast<std::size_t>(column)]});
    ImGui::SetClipboardText(text.c_str());
    tag_text(prefix + ".copied", text);
}

void copy_hint_tooltip() {
    if (!ImGui::IsItemHovered() || GImGui->HoveredIdTimer < 0.8f) return;
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
    ImGui::SetTooltip("单击打开；Ctrl+C 复制单元格，Ctrl+Shift+C 复制整行（右键菜单同）");
}

PagerChoice page_size_and_jump(const std::string& prefix, int page_size, std::int64_t pages, bool beside) {
    PagerChoice out;
    static const int kSizes[] = {20, 50, 100, 200};
    if (beside) same_line_wrap(px(110));
    ImGui::SetNextItemWidth(fit_w(px(110)));
    const std::string preview = "每页 " + std::to_string(page_size) + " 条";
    if (ImGui::BeginCombo(("##page_size." + prefix).c_str(), preview.c_str())) {
        for (int n : kSizes) {
            if (ImGui::Selectable(("每页 " + std::to_string(n) + " 条").c_str(), n == page_size)) out.page_size = n;
        }
        ImGui::EndCombo();
    }
    tag(prefix + ".page_size");
    if (pages > 1) {
        same_line_wrap(px(64));
        static std::string jump;   // one field edited at a time; cleared after a jump
        ImGui::SetNextItemWidth(px(64));
        if (ImGui::InputTextWithHint(("##jump." + prefix).c_str(), "页码", &jump,
                                     ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue)) {
            if (!jump.empty() && jump.size() < 8) {
                const auto n = std::stoll(jump);
                if (n >= 1) out.page = static_cast<int>(std::min<std::int64_t>(n, pages));
            }
            jump.clear();
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("输入页码后按回车跳转（共 %lld 页）", static_cast<long long>(pages));
        tag(prefix + ".jump");
    }
    return out;
}

float list_footer_height(const std::string& prefix) {
    return footer_height((prefix + ".footer").c_str(), ImGui::GetFrameHeightWithSpacing() + px(6));
}

std::optional<PageAsk> list_footer(const ListFooter& f) {
    if (!f.loaded) {
        if (f.querying) {
            spinner(px(9), colors::kAccent);
            ImGui::SameLine();
            muted("正在查询…");
        } else {
            muted("尚未查询");
        }
        return std::nullopt;
    }
    const std::int64_t size = std::max(1, f.page_size);
    const std::int64_t pages = std::max<std::int64_t>(1, (f.total + size - 1) / size);
    std::string summary = "共 " + std::to_string(f.total) + " " + f.unit + "，第 " + std::to_string(f.page) + " / " +
                          std::to_string(pages) + " 页";
    if (f.total == 0) summary = f.empty_zh;
    summary += f.note_zh;
    const float top = ImGui::GetCursorScreenPos().y;
    flow_text(summary, true);
    tag(f.prefix + ".summary");
    tag_text(f.prefix + ".summary", summary);
    tag_text(f.prefix + ".total", std::to_string(f.total));
    std::optional<PageAsk> out;
    if (const auto pc = page_size_and_jump(f.prefix, f.page_size, pages); pc.page_size || pc.page) {
        out = PageAsk{f.page, f.page_size};
        if (pc.page_size) {
            out->page_size = *pc.page_size;
            out->page = 1;
        } else {
            out->page = *pc.page;
        }
    }
    if (const auto asked = pager_buttons(f.prefix, f.page, pages)) out = PageAsk{static_cast<int>(asked), f.page_size};
    footer_end((f.prefix + ".footer").c_str(), top);
    return out;
}

}  // namespace yiyang::client::ui
