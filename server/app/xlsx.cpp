// XLSX rendering of a wire::Table. constant_memory mode: rows stream to a temporary file (an export may hold
// 100 000 rows) and strings are written inline in the sheet; the workbook is written to a temporary file
// (libxlsxwriter 1.1.4 has no memory output) that is read back and removed.
#include "app/xlsx.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <xlsxwriter.h>

#include "yiyang/date.hpp"

namespace yiyang::app {
namespace {

// "2026-12-04T10:00:00" or "2026-12-04" as an Excel date-time; nullopt for anything else (written as text).
std::optional<lxw_datetime> excel_time(const std::string& text, bool with_time) {
    if (with_time) {
        auto t = parse_timestamp(text);
        if (!t) return std::nullopt;
        const Date d = date_of(*t);
        const auto secs = *t - start_of(d);
        return lxw_datetime{d.year, d.month, d.day, static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                            static_cast<double>(secs % 60)};
    }
    auto d = parse_date(text);
    if (!d) return std::nullopt;
    return lxw_datetime{d->year, d->month, d->day, 0, 0, 0};
}

std::optional<double> whole_number(const std::string& text) {
    if (text.empty() || text.size() > 15) return std::nullopt;
    std::size_t i = text[0] == '-' ? 1 : 0;
    if (i == text.size()) return std::nullopt;
    for (std::size_t k = i; k < text.size(); ++k) {
        if (text[k] < '0' || text[k] > '9') return std::nullopt;
    }
    return static_cast<double>(std::stoll(text));
}


}  // namespace

XlsxTempFile::XlsxTempFile() {
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/yiyang-xlsx-XXXXXX";
    const int fd = mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("无法创建 XLSX 用的临时文件");
    ::close(fd);
    path = pattern;
}

XlsxTempFile::~XlsxTempFile() { std::remove(path.c_str()); }

std::string XlsxTempFile::bytes() const {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string xlsx_bytes(const wire::Table& table) {
    XlsxTempFile file;
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    lxw_workbook* wb = workbook_new_opt(file.path.c_str(), &options);
    if (!wb) throw std::runtime_error("无法创建 XLSX 文件");
    lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);

    lxw_format* title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 14);
    lxw_format* muted = workbook_add_format(wb);
    format_set_font_color(muted, 0x555555);
    lxw_format* header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_bg_color(header, 0xDDE6F0);
    format_set_border(header, LXW_BORDER_THIN);
    format_set_text_wrap(header);
    lxw_format* datetime = workbook_add_format(wb);
    format_set_num_format(datetime, "yyyy-mm-dd hh:mm:ss");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format* text = workbook_add_format(wb);
    format_set_num_format(text, "@");   // ID and phone numbers stay text (no 4.3E+17)

    const auto ncols = static_cast<lxw_col_t>(table.columns.size());
    for (lxw_col_t c = 0; c < ncols; ++c) {
        const auto& col = table.columns[c];
        worksheet_set_column(ws, c, c, col.width, col.kind == wire::CellKind::Text ? text : nullptr);
    }
    // Row 0: title; row 1: filters; row 2: who and when; row 3: headers; data from row 4.
    worksheet_write_string(ws, 0, 0, table.title.c_str(), title);
    std::string filters;
    for (const auto& [label, value] : table.filters) {
        if (!filters.empty()) filters += "；";
        filters += label + "：" + value;
    }
    worksheet_write_string(ws, 1, 0, ("筛选条件：" + (filters.empty() ? std::string("全部") : filters)).c_str(), muted);
    std::string when = "导出时间：" + table.exported_at;
    if (!table.exported_by.empty()) when += "　导出人：" + table.exported_by;
    when += "　共 " + std::to_string(table.rows.size()) + " 条";
    if (!table.note.empty()) when += "　" + table.note;
    worksheet_write_string(ws, 2, 0, when.c_str(), muted);
    for (lxw_col_t c = 0; c < ncols; ++c) worksheet_write_string(ws, 3, c, table.columns[c].header.c_str(), header);
    worksheet_freeze_panes(ws, 4, 0);

    lxw_row_t r = 4;
    for (const auto& row : table.rows) {
        for (lxw_col_t c = 0; c < ncols && c < row.size(); ++c) {
            const auto& cell = row[c];
            if (cell.empty()) continue;
            const auto kind = table.columns[c].kind;
            if (kind == wire::CellKind::DateTime || kind == wire::CellKind::Date) {
                if (auto t = excel_time(cell, kind == wire::CellKind::DateTime)) {
                    worksheet_write_datetime(ws, r, c, &*t, kind == wire::CellKind::DateTime ? datetime : date);
                    continue;
                }
            } else if (kind == wire::CellKind::Integer) {
                if (auto n = whole_number(cell)) {
                    worksheet_write_number(ws, r, c, *n, nullptr);
                    continue;
                }
            }
            worksheet_write_string(ws, r, c, cell.c_str(), text);
        }
        ++r;
    }
    if (ncols > 0) worksheet_autofilter(ws, 3, 0, r > 4 ? r - 1 : 4, ncols - 1);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);   // A4
    worksheet_repeat_rows(ws, 3, 3);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");

    if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("写入 XLSX 文件失败");
    return file.bytes();
}

XlsxReportFormats::XlsxReportFormats(lxw_workbook* wb)
    : title(workbook_add_format(wb)), heading(workbook_add_format(wb)), header(workbook_add_format(wb)),
      cell(workbook_add_format(wb)), money(workbook_add_format(wb)), muted(workbook_add_format(wb)) {
    format_set_bold(title);
    format_set_font_size(title, 14);
    format_set_bold(heading);
    format_set_bold(header);
    format_set_bg_color(header, 0xDDE6F0);
    format_set_border(header, LXW_BORDER_THIN);
    format_set_text_wrap(header);
    format_set_border(cell, LXW_BORDER_THIN);
    format_set_border(money, LXW_BORDER_THIN);
    format_set_num_format(money, "0.00");
    format_set_font_color(muted, 0x555555);
}

}  // namespace yiyang::app
