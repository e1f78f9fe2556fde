// A PDF's first page as a JPEG thumbnail, so that a sign-in sheet or a report uploaded as evidence can be seen
// before it is downloaded. Rendered by poppler's pdftoppm (Debian poppler-utils) in a child process: a hostile PDF
// can at worst end that process, never the server, and the child is limited in time (5 s wall, 5 s CPU), memory
// (512 MB) and output (a thumbnail over 2 MB is dropped). Any failure is no thumbnail, never a refused upload:
// the PDF itself was already checked (shared activity::pdf_refusal_zh).
#pragma once
#include <optional>
#include <string>

namespace yiyang::app {

// The first page, scaled so that its longer side is `side` pixels; nullopt when pdftoppm is missing, fails, or
// exceeds its limits.
std::optional<std::string> pdf_first_page_jpeg(const std::string& pdf, int side);

}  // namespace yiyang::app
