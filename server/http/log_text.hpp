// Request-derived text made safe for a log line: control characters, invalid UTF-8 and invisible or direction-
// changing code points are written as escapes, so a client cannot forge or hide log lines (%0d%0a in a path).
#pragma once
#include <string>
#include <string_view>

namespace yiyang::http {

// Printable ASCII and printable UTF-8 (Chinese paths stay readable) pass; a backslash becomes "\\"; bytes that
// are not valid UTF-8 and C0/C1 controls become "\xNN"; U+2028/2029, bidi controls and BOM become "\u{NNNN}".
std::string log_text(std::string_view in);

// A request path for a log line with every ID-number-like run (15 or more characters of ASCII digits and X/x, as in
// /api/v1/verification/deaths/{id_number}/contact) cut to its first 6 characters and asterisks: the region code
// stays for diagnosis, the person does not reach the log. Then escaped as log_text.
std::string log_path(std::string_view path);

}  // namespace yiyang::http
