// The quarterly verification report as a PDF (A4, Chinese): cairo + pango with Noto Sans CJK (fontconfig finds
// "Noto Sans CJK SC" from fonts-noto-cjk). The title, each table in the seed's layout with borders (the previous
// quarter's figure under each figure when known), the recommendations, the rule versions, and a footer with page
// numbers and the SHA-256 line the sealing step fills in.
#pragma once
#include <string>
#include <vector>

#include "yiyang/wire/verification_report.hpp"

namespace yiyang::app {

struct ReportPdfOptions {
    std::string sha256;          // printed in every footer; "" = not sealed yet ("未封存")
    std::string exported_by;     // "supervisor（督导）"
    // A signed report (app/signoff): printed under the title, one line each — the supplement's number and what it
    // cites, who signed and when, the figures' and the snapshot's SHA-256.
    std::vector<std::string> seal_lines;
};

// The PDF's bytes. The report carries no ID number in the clear (figures only); any text passed in is printed as
// given. Throws std::runtime_error when cairo fails.
std::string report_pdf_bytes(const wire::QuarterReport& report, const ReportPdfOptions& options);

}  // namespace yiyang::app
