// A wire::Table as a printable A4 HTML page (the dashboard's 打印 view): title, filters, who / when, the table
// with its header repeated on every page, page numbers in the page margin ("第 1 页，共 3 页").
#pragma once
#include <string>

#include "yiyang/wire/table.hpp"

namespace yiyang::app {

// An empty table prints its header and "无记录" under it.
std::string print_html(const wire::Table& table);

// The page a print view answers instead of the table when the request is refused (bad filter, too many rows,
// not signed in, not allowed): what went wrong in Chinese (`message`, from the error), headed by what kind of
// refusal `status` is, in the same A4 style; the error code (bad_query …) in <body data-error-code>, for tests and
// tools. No script; the text is escaped.
std::string print_error_html(int status, const std::string& code, const std::string& message);

}  // namespace yiyang::app
