// A wire::Table as an XLSX workbook (libxlsxwriter): a title row, a row naming the filters, who exported it and
// when, then the Chinese headers (frozen, with an autofilter) and the rows; dates and times as real Excel dates.
#pragma once
#include <string>

#include "yiyang/wire/table.hpp"

struct lxw_workbook;
struct lxw_format;

namespace yiyang::app {

// A temporary file for libxlsxwriter (1.1.4 writes files only, no memory output): created empty in $TMPDIR (else
// /tmp), removed when destroyed; bytes() reads back what the closed workbook wrote. Throws std::runtime_error.
struct XlsxTempFile {
    std::string path;
    XlsxTempFile();
    ~XlsxTempFile();
    XlsxTempFile(const XlsxTempFile&) = delete;
    XlsxTempFile& operator=(const XlsxTempFile&) = delete;
    std::string bytes() const;
};

// The formats of the report workbooks (the verification report, the settlement statement): a bold 14-point title,
// bold headings, table headers (bold, shaded, bordered, wrapping), bordered cells, yuan (bordered, 0.00), gray notes.
struct XlsxReportFormats {
    explicit XlsxReportFormats(lxw_workbook* wb);
    lxw_format *title, *heading, *header, *cell, *money, *muted;
};

// The .xlsx file's bytes. Throws std::runtime_error when the library fails (disk full in the temporary dir).
std::string xlsx_bytes(const wire::Table& table);

}  // namespace yiyang::app
