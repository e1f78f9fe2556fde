// The files of an import as staff have them, turned into rows of UTF-8 cells for shared/import: CSV in UTF-8
// (with or without BOM), GBK / GB18030 or UTF-16, and XLSX (minizip + expat, the sheet streamed row by row so a
// 600 000-row file is never held as a document). Every refusal is a Chinese sentence saying what and where.
#pragma once
#include "app/text_encoding.hpp"   // gb18030_to_utf8
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yiyang/csv.hpp"

namespace yiyang::app {

constexpr std::size_t kMaxImportFileBytes = 50u * 1024u * 1024u;   // 50 MB

enum class ImportFileKind { Csv, Xlsx };

struct SheetInfo {
    ImportFileKind kind = ImportFileKind::Csv;
    TextEncoding encoding = TextEncoding::Utf8;   // CSV only: what the bytes were
    std::string sheet;                            // XLSX only: the sheet read
    std::vector<std::string> sheets;              // XLSX only: every sheet, in workbook order
    std::size_t rows = 0;                         // rows handed to the callback
    std::optional<std::string> error_zh;          // the file refused: why (rows already handed over stay valid)
};

// Reads `bytes` (the kind from its first bytes: a ZIP is XLSX, an OLE file is refused as old .xls, anything else
// is CSV) and hands each non-empty row to `on_row` in order. `sheet`: an XLSX sheet's name; empty = the first.
// Numbers in XLSX cells come as the cell's number format (xl/styles.xml) shows them where it is a date or a time:
// a date format (built-in 14–17, 22, 27–31, 36, 50–58, or a custom code with y / m / d outside quotes and brackets)
// as an ISO date 2024-01-05 (with " 09:30" when it shows a time too and the time is not midnight), a time format
// (18–21, 32–35, 45–47, or h / s / AM/PM) as HH:MM (seconds dropped; [h] counts hours past 24); the 1904 date
// system honoured. Every other number (General, "@", 0.00 …) as Excel shows it in the General format: integers up
// to 15 digits in full, longer ones as 3.50303E+17 (precision already lost — shared/import refuses such an ID
// number and says why).
// `max_bytes`: the API's limit; only the command line's `import` (the speed bench) reads larger files.
SheetInfo read_sheet(std::string_view bytes, const std::string& sheet,
                     const std::function<void(const CsvRow&)>& on_row, std::size_t max_bytes = kMaxImportFileBytes);

struct Sheet {
    SheetInfo info;
    std::vector<CsvRow> rows;
};
// The same, collected (small files, tests).
Sheet read_sheet(std::string_view bytes, const std::string& sheet = {});


// A number as Excel's General format shows it ("45296", "0.375", "3.50303E+17").
std::string excel_general(double v);

}  // namespace yiyang::app
