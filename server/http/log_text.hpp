// Request-derived text made safe for a log line: control characters, invalid UTF-8 and invisible or direction-
// changing code points are written as escapes, so a client cannot forge or hide log lines (%0d%0a in a path).
#pragma once
#include <string>
#include <string_view>

namespace yiyang::http {

// Printable ASCII and printable UTF-8 (Chinese paths stay readable) pass; a backslash becomes "\\"; bytes that
// are not valid UTF-8 and C0/C1 controls become "\xNN"; U+2028/2029, bidi controls and BOM become "\u{NNNN}".
std::string log_text(std::string_view in);

}  // namespace yiyang::http
