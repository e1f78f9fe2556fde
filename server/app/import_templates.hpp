// The XLSX template of each verification list (GET /api/v1/imports/templates/{list}.xlsx): the headers staff fill
// in, and a second sheet 说明 with each column's rules — required, format, the other headers accepted — taken from
// shared/import's column table, the same one the validator reads. ID, phone and record-number columns are text (@).
#pragma once
#include <string>
#include <vector>

#include "yiyang/import.hpp"

namespace yiyang::app {

// The .xlsx bytes. `rows` (cells in template column order, written as text) fill the first sheet below the header:
// the tests fill a template the way staff do. Throws std::runtime_error when the library fails.
std::string import_template_xlsx(ImportList list, const std::vector<std::vector<std::string>>& rows = {});
// "实体服务记录模板.xlsx"
std::string import_template_file_name(ImportList list);

}  // namespace yiyang::app
