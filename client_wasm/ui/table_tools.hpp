// The toolbar and keys every list table shares: 导出 (XLSX) and 打印 (A4 page) of the list as last requested
// (the same path and query under /api/v1/export/, so the file holds what the screen's filters select), Ctrl+C
// on a row (tab-separated: pastes into Excel / WPS as cells), and the page-size choice of paged lists.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/state.hpp"
#include "yiyang/wire/table.hpp"

namespace yiyang::client::ui {

// "/api/v1/orders?page=2&status=x" -> "/api/v1/export/orders.xlsx?page=2&status=x" ("" for "").
std::string export_url(const std::string& list_path, const char* extension);

// 导出 and 打印 on the current line for the list `key` of AppState::list_paths (disabled before its first
// request); tagged "<prefix>.export" and "<prefix>.print".
void export_print_buttons(const AppState& s, const std::string& key, const std::string& prefix);

// True once when Ctrl+C is pressed over this window and no text field is being edited: the caller copies.
bool copy_pressed();
// Puts one row of `columns` on the clipboard as tab-separated text; tagged "<prefix>.copied" with it.
void copy_row(const std::vector<wire::TableColumn>& columns, const std::vector<std::string>& row,
              const std::string& prefix);

// ---- header sort done by the server (every paged list) ----
// The flags of a column whose server sort key is `key` ("" = not sortable) when the list is sorted by `current`
// ("key" ascending, "-key" descending, "" the list's default order).
int sort_column_flags(const std::string& key, const std::string& current);
// After TableHeadersRow of a table begun with table_sort_flags(): the order the user asked for by clicking a
// header ("key", "-key", or "" for the default when a third click clears it), else nullopt. `keys[i]` is
// column i's key (its ColumnUserID is i).
int table_sort_flags();
std::optional<std::string> header_sort(const std::vector<std::string>& keys, const std::string& current);

// ---- copying: Ctrl+C the selected cell, Ctrl+Shift+C the row, a context menu with both ----
enum class CopyWhat { None, Cell, Row };
// Which copy the keys ask for this frame (over this window, no text field being edited).
CopyWhat copy_keys();
// Call right after a row's spanning Selectable (its item): remembers the cell clicked (the row stays the row),
// opens the context menu 复制单元格 / 复制此行 on a right click, and answers what of THIS row to copy now: from the
// menu, or from `keys` when the row is focused or under the pointer. `column` is the table column to copy.
struct RowCopy {
    CopyWhat what = CopyWhat::None;
    int column = 0;
};
RowCopy row_copy(const std::string& prefix, Id row_id, CopyWhat keys);
// Puts cell `column` of `row` on the clipboard (as tsv_line writes a cell); tagged "<prefix>.copied".
void copy_cell(const std::vector<wire::TableColumn>& columns, const std::vector<std::string>& row, int column,
               const std::string& prefix);
// After a row's item: the tooltip naming the copy keys, once the pointer rests on the row (not at once: it would
// cover the rows below while the pointer passes).
void copy_hint_tooltip();

// 每页 N 条 (20 / 50 / 100 / 200) and 跳到第 [ ] 页 on the current line; the chosen page size or page, else nullopt.
struct PagerChoice {
    std::optional<int> page_size;
    std::optional<int> page;
};
// `beside`: placed after the last item when it fits, else on a new line (ui/widgets.hpp flow); false when the caller
// has positioned the cursor itself.
PagerChoice page_size_and_jump(const std::string& prefix, int page_size, std::int64_t pages, bool beside = true);

// The footer of a paged list (orders, elders, calls): "正在查询…" / "尚未查询" until the first page arrives, then the
// count line ("共 N 条，第 p / P 页" and a note, or the empty text), 每页 / 跳页 beside it and the pager at the right;
// it flows onto more lines at large text (its height kept under "<prefix>.footer": list_footer_height before the
// table). Tags <prefix>.summary and <prefix>.total. Returns the page and page size asked for (a new size: page 1).
struct ListFooter {
    std::string prefix;
    bool loaded = false, querying = false;
    std::int64_t total = 0;
    int page = 1, page_size = 20;
    const char* unit = "条";        // 条 / 通 / 人
    std::string empty_zh;           // "没有符合条件的工单"
    std::string note_zh;            // "（仅显示本镇街的工单）", after the count
};
struct PageAsk {
    int page = 1, page_size = 20;
};
std::optional<PageAsk> list_footer(const ListFooter& f);
float list_footer_height(const std::string& prefix);

}  // namespace yiyang::client::ui
