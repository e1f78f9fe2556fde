// XLSX templates of the verification lists (app/import_templates.hpp), written with libxlsxwriter to a temporary
// file (app/xlsx.hpp XlsxTempFile: 1.1.4 has no memory output) that is read back and removed.
#include "app/import_templates.hpp"
#include "app/xlsx.hpp"

#include <stdexcept>

#include <xlsxwriter.h>

namespace yiyang::app {
namespace {

// Columns Excel must keep as typed: long digit strings (ID numbers lose digits as numbers, phones and record
// numbers lose leading zeros).
bool text_column(const std::string& key) {
    return key == "id_number" || key == "phone" || key == "record_no";
}

// Excel sheet names may not hold / \ ? * [ ] :
std::string sheet_name(ImportList l) {
    std::string s = label_zh(l);
    for (auto& c : s) if (c == '/') c = '-';
    return s;
}

}  // namespace

std::string import_template_file_name(ImportList l) { return sheet_name(l) + "模板.xlsx"; }

std::string import_template_xlsx(ImportList list, const std::vector<std::vector<std::string>>& rows) {
    XlsxTempFile file;
    lxw_workbook* wb = workbook_new(file.path.c_str());
    if (!wb) throw std::runtime_error("无法创建 XLSX 文件");
    const std::string name = sheet_name(list);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    lxw_worksheet* notes = workbook_add_worksheet(wb, "说明");

    lxw_format* header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_bg_color(header, 0xDDE6F0);
    format_set_border(header, LXW_BORDER_THIN);
    lxw_format* required = workbook_add_format(wb);
    format_set_bold(required);
    format_set_bg_color(required, 0xFCE4D6);
    format_set_border(required, LXW_BORDER_THIN);
    lxw_format* text = workbook_add_format(wb);
    format_set_num_format(text, "@");
    lxw_format* wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

    const auto& columns = import_columns(list);
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto& c = columns[i];
        const auto col = static_cast<lxw_col_t>(i);
        // Every column is text: dates typed as 2024-01-05 stay as typed, IDs keep all 18 characters.
        worksheet_set_column(ws, col, col, text_column(c.key) ? 22 : 14, text);
        worksheet_write_string(ws, 0, col, c.header_zh.c_str(), c.required ? required : header);
        if (!c.note_zh.empty()) {
            lxw_comment_options o{};
            o.author = const_cast<char*>("颐养");
            o.width = 240;
            worksheet_write_comment_opt(ws, 0, col, ((c.required ? "必填。" : "选填。") + c.note_zh).c_str(), &o);
        }
    }
    worksheet_freeze_panes(ws, 1, 0);
    lxw_row_t r = 1;
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size() && i < columns.size(); ++i) {
            if (!row[i].empty()) worksheet_write_string(ws, r, static_cast<lxw_col_t>(i), row[i].c_str(), text);
        }
        ++r;
    }

    // 说明: one row per column, from the same table the validator uses.
    const char* heads[] = {"列名", "必填", "格式与规则", "也可写作（同义列名）"};
    const double widths[] = {18, 8, 60, 50};
    for (lxw_col_t c = 0; c < 4; ++c) {
        worksheet_set_column(notes, c, c, widths[c], wrap);
        worksheet_write_string(notes, 0, c, heads[c], header);
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto& c = columns[i];
        const auto row = static_cast<lxw_row_t>(i + 1);
        std::string synonyms;
        for (const auto& s : c.synonyms) synonyms += (synonyms.empty() ? "" : "、") + s;
        std::string rule = c.note_zh.empty() ? std::string("文字") : c.note_zh;
        if (text_column(c.key)) rule += "（本列为文本格式）";
        worksheet_write_string(notes, row, 0, c.header_zh.c_str(), nullptr);
        worksheet_write_string(notes, row, 1, c.required ? "是" : "否", nullptr);
        worksheet_write_string(notes, row, 2, rule.c_str(), nullptr);
        worksheet_write_string(notes, row, 3, synonyms.c_str(), nullptr);
    }
    const auto after = static_cast<lxw_row_t>(columns.size() + 2);
    worksheet_write_string(notes, after, 0,
                           "列的顺序可以调整，多余的列会被忽略；表头上方可以有标题行。导入时先预览（不写入），"
                           "确认无误后再正式导入；同一文件导入两次不会产生重复记录。",
                           nullptr);

    if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("写入 XLSX 文件失败");
    return file.bytes();
}

}  // namespace yiyang::app
