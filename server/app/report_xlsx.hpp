// The quarterly verification report as an XLSX workbook: one sheet, the title, then each table of the report
// (its title, headers, rows; counts and yuan as numbers, the previous quarter's figure in a column beside when
// known), the recommendations and the rules used.
#pragma once
#include <string>

#include "yiyang/wire/verification_report.hpp"

namespace yiyang::app {

// The .xlsx bytes. Throws std::runtime_error when libxlsxwriter fails.
std::string report_xlsx_bytes(const wire::QuarterReport& report, const std::string& exported_by);

}  // namespace yiyang::app
