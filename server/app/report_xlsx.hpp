// The quarterly verification report as an XLSX workbook: one sheet, the title, then each table of the report
// (its title, headers, rows; counts and yuan as numbers, the previous quarter's figure in a column beside when
// known), the recommendations and the rules used.
#pragma once
#include <string>
#include <vector>

#include "yiyang/wire/verification_report.hpp"

namespace yiyang::app {

// The .xlsx bytes. seal_lines: a signed report's lines (app/signoff: the title or the supplement's number and what it
// cites, 签署人 and time, 会签, the figures' and the snapshot's SHA-256), one cell each in column A under the title —
// the same lines the PDF prints. Throws std::runtime_error when libxlsxwriter fails.
std::string report_xlsx_bytes(const wire::QuarterReport& report, const std::string& exported_by,
                              const std::vector<std::string>& seal_lines = {});

}  // namespace yiyang::app
