// The quarterly verification report as XLSX (app/report_xlsx.hpp), with libxlsxwriter via app/xlsx's temp file.
#include "app/report_xlsx.hpp"

#include <stdexcept>
#include <xlsxwriter.h>

#include "app/xlsx.hpp"

namespace yiyang::app {

std::string report_xlsx_bytes(const wire::QuarterReport& r, const std::string& exported_by,
                              const std::vector<std::string>& seal_lines) {
    XlsxTempFile file;
    lxw_workbook* wb = workbook_new(file.path.c_str());
    if (!wb) throw std::runtime_error("无法创建 XLSX 文件");
    lxw_worksheet* ws = workbook_add_worksheet(wb, "核查报告");
    const XlsxReportFormats f(wb);
    lxw_format *title = f.title, *heading = f.heading, *header = f.header, *cellf = f.cell, *money = f.money,
               *muted = f.muted;
    lxw_format* wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

    worksheet_set_column(ws, 0, 0, 34, nullptr);
    worksheet_set_column(ws, 1, 12, 16, nullptr);
    lxw_row_t row = 0;
    worksheet_write_string(ws, row++, 0, r.title_zh.c_str(), title);
    std::string who = "生成时间：" + r.generated_at + "　导出人：" + exported_by;
    if (r.town_id) who += "　镇街：" + r.town_name;
    worksheet_write_string(ws, row++, 0, who.c_str(), muted);
    for (std::size_t i = 0; i < seal_lines.size(); ++i)
        worksheet_write_string(ws, row++, 0, seal_lines[i].c_str(), i == 0 ? heading : nullptr);
    ++row;
    for (const auto& t : r.tables) {
        worksheet_write_string(ws, row++, 0, t.title_zh.c_str(), heading);
        // Columns: the table's own, then (when known) "上季度" beside each figure column.
        lxw_col_t c = 0;
        for (std::size_t k = 0; k < t.columns.size(); ++k) {
            worksheet_write_string(ws, row, c++, t.columns[k].c_str(), header);
            if (r.previous_available && k > 0) {
                const std::string signed_zh = r.previous_signed_zh.empty() ? "" : "（" + r.previous_signed_zh + "）";
                worksheet_write_string(ws, row, c++, (t.columns[k] + "（上季度）" + signed_zh).c_str(), header);
            }
        }
        ++row;
        for (const auto& cells : t.rows) {
            c = 0;
            for (std::size_t k = 0; k < cells.size(); ++k) {
                const auto& cell = cells[k];
                const bool is_money = cell.drill.find(".fee") != std::string::npos ||
                                      cell.drill.find("to_recover") != std::string::npos;
                if (cell.value && !is_money) {
                    worksheet_write_number(ws, row, c, static_cast<double>(*cell.value), cellf);
                } else if (cell.value) {
                    worksheet_write_number(ws, row, c, static_cast<double>(*cell.value) / 100.0, money);
                } else {
                    worksheet_write_string(ws, row, c, cell.text.c_str(), cellf);
                }
                ++c;
                if (r.previous_available && k > 0) {
                    worksheet_write_string(ws, row, c++, cell.previous ? cell.previous->c_str() : "", cellf);
                }
            }
            ++row;
        }
        if (!t.note_zh.empty()) worksheet_write_string(ws, row++, 0, t.note_zh.c_str(), muted);
        ++row;
    }
    worksheet_write_string(ws, row++, 0, "意见建议", heading);
    worksheet_write_string(ws, row, 0, r.recommendations_zh.c_str(), wrap);
    worksheet_set_row(ws, row, 220, nullptr);
    ++row;
    ++row;
    std::string rules = "规则版本：";
    for (std::size_t i = 0; i < r.rule_versions.size(); ++i) rules += (i ? "；" : "") + r.rule_versions[i];
    rules += "　百分比：" + std::string(r.rounding == "truncate" ? "截断" : "四舍五入") + "保留" +
             std::to_string(r.decimals) + "位小数";
    worksheet_write_string(ws, row++, 0, rules.c_str(), muted);
    worksheet_set_paper(ws, 9);   // A4
    worksheet_fit_to_pages(ws, 1, 0);
    if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("写入 XLSX 文件失败");
    return file.bytes();
}

}  // namespace yiyang::app
