// A wire::Table as a printable A4 HTML page (the dashboard's 打印 view): title, filters, who / when, the table
// with its header repeated on every page, page numbers in the page margin ("第 1 页，共 3 页").
#pragma once
#include <string>

#include "yiyang/wire/table.hpp"

namespace yiyang::app {

std::string print_html(const wire::Table& table);

}  // namespace yiyang::app
