// A wire::Table as an XLSX workbook (libxlsxwriter): a title row, a row naming the filters, who exported it and
// when, then the Chinese headers (frozen, with an autofilter) and the rows; dates and times as real Excel dates.
#pragma once
#include <string>

#include "yiyang/wire/table.hpp"

namespace yiyang::app {

// The .xlsx file's bytes. Throws std::runtime_error when the library fails (disk full in the temporary dir).
std::string xlsx_bytes(const wire::Table& table);

}  // namespace yiyang::app
