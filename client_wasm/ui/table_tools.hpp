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

// 每页 N 条 (20 / 50 / 100 / 200) and 跳到第 [ ] 页 on the current line; the chosen page size or page, else nullopt.
struct PagerChoice {
    std::optional<int> page_size;
    std::optional<int> page;
};
PagerChoice page_size_and_jump(const std::string& prefix, int page_size, std::int64_t pages);

}  // namespace yiyang::client::ui
