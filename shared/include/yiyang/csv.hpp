// Tabular text files as staff have them (CSV saved from Excel or WPS): what encoding the bytes are in, and
// RFC 4180 rows with the line each starts on. One reader for every import — call records today, elder lists,
// death lists and phone checks next. Conversion from GBK / GB18030 happens on the server (iconv); here the
// bytes are only classified, so the browser and the server judge a file the same way.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yiyang {

enum class TextEncoding {
    Utf8,      // valid UTF-8 (pure ASCII included), no byte-order mark
    Utf8Bom,   // valid UTF-8 after an EF BB BF mark (what Excel writes for "CSV UTF-8")
    Utf16,     // a UTF-16 byte-order mark (Excel's "Unicode text")
    Gb18030,   // not UTF-8, but every multi-byte sequence is a GBK / GB18030 form (Excel's default on Chinese Windows)
    Unknown,   // none of these
};
const char* code(TextEncoding e);       // "utf-8" | "utf-8-bom" | "utf-16" | "gb18030" | "unknown"
const char* label_zh(TextEncoding e);   // "UTF-8" | "UTF-8（带 BOM）" | "UTF-16" | "GBK/GB18030" | "未知编码"

// Offset of the first byte that breaks strict UTF-8 (no overlongs, no surrogates, max U+10FFFF), or npos.
std::size_t first_invalid_utf8(std::string_view s);
// Whether every multi-byte sequence is structurally GBK / GB18030 (two- or four-byte forms) and there is one.
bool plausible_gb18030(std::string_view s);
TextEncoding detect_encoding(std::string_view bytes);
// 1-based line of a byte offset.
int line_of(std::string_view s, std::size_t offset);

struct CsvRow {
    int row = 0;                        // 1-based row as Excel numbers it (a quoted field with line breaks is one row)
    std::vector<std::string> fields;
};
struct CsvIssue {
    int row = 0;                        // 0 = the whole file
    std::string message_zh;             // complete sentence: "第 4 行：引号未闭合 …"
};
// The file as UTF-8 text must be: not UTF-16, valid UTF-8 after an optional BOM. nullopt when it is; else the
// Chinese reason (naming GBK when the bytes look like it, and the line of the first bad byte).
std::optional<CsvIssue> check_utf8_text(std::string_view bytes);

struct CsvTable {
    std::vector<CsvRow> rows;           // blank lines skipped
    std::optional<CsvIssue> error;      // the first structural error; rows are then incomplete
};
// RFC 4180: comma-separated, fields quoted with " (inner quotes doubled) may hold commas and line breaks;
// CRLF, LF or a lone CR end a row. A leading UTF-8 BOM is skipped. Never throws.
CsvTable read_csv(std::string_view utf8);
// The same rows, each handed to `on_row` as it is read (the row object is reused: copy what you keep); the first
// structural error, or nullopt. Rows before the error have been handed over.
std::optional<CsvIssue> for_each_csv_row(std::string_view utf8, const std::function<void(const CsvRow&)>& on_row);

}  // namespace yiyang
