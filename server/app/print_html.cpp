// The print page: plain server-rendered HTML (no script: the CSP forbids inline ones; Ctrl+P prints it), CJK through the
// system font stack; @page margin boxes number the pages (Chromium ≥ 131 prints them; others print without).
#include "app/print_html.hpp"

#include <algorithm>

namespace yiyang::app {
namespace {

std::string escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string cell_text(const wire::TableColumn& col, const std::string& v) {
    if (col.kind == wire::CellKind::DateTime && v.size() >= 16 && v[10] == 'T') return v.substr(0, 10) + " " + v.substr(11, 5);
    return v;
}

const char* kStyle = R"css(
@page { size: A4 landscape; margin: 14mm 10mm 16mm 10mm;
  @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 9pt; color: #555; } }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
  "Yiyang UI", sans-serif; font-size: 10pt; color: #111; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 4pt 0; }
.meta { color: #444; margin: 0 0 2pt 0; }
table { border-collapse: collapse; width: 100%; margin-top: 6pt; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 0.5pt solid #888; padding: 2pt 4pt; text-align: left; vertical-align: top; word-break: break-all; }
th { background: #dde6f0; }
td.n { text-align: right; white-space: nowrap; }
td.t { white-space: nowrap; }
td.empty { text-align: center; color: #555; padding: 8pt; }
.toolbar { margin: 8pt 0; }
@media screen { body { margin: 16px auto; max-width: 297mm; } }
@media print { .toolbar { display: none; } }
)css";

}  // namespace

std::string print_html(const wire::Table& t) {
    std::string filters;
    for (const auto& [label, value] : t.filters) {
        if (!filters.empty()) filters += "；";
        filters += label + "：" + value;
    }
    std::string h;
    h.reserve(256 + t.rows.size() * 200);
    h += "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + escape(t.title) +
         "</title><style>" + kStyle + "</style></head><body>\n";
    // No script: the site's CSP allows none inline. The browser's own print (Ctrl+P) prints the page.
    h += "<p class=\"toolbar\">按 Ctrl+P（或浏览器菜单“打印”）打印本页，纸张 A4 横向。</p>\n";
    h += "<h1 id=\"title\">" + escape(t.title) + "</h1>\n";
    h += "<p class=\"meta\" id=\"filters\">筛选条件：" + escape(filters.empty() ? std::string("全部") : filters) + "</p>\n";
    std::string when = "导出时间：" + t.exported_at;
    if (!t.exported_by.empty()) when += "　导出人：" + t.exported_by;
    when += "　共 " + std::to_string(t.rows.size()) + " 条";
    if (!t.note.empty()) when += "　" + t.note;
    h += "<p class=\"meta\" id=\"exported\">" + escape(when) + "</p>\n<table><thead><tr>";
    for (const auto& c : t.columns) h += "<th>" + escape(c.header) + "</th>";
    h += "</tr></thead><tbody>\n";
    for (const auto& row : t.rows) {
        h += "<tr>";
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            const auto& col = t.columns[i];
            // Codes (GD202612040001), times and short texts (a status, a town: ≤ 10 Latin widths) stay on one line;
            // longer text wraps (已派单 broken over two lines read as two values).
            const bool code = col.key == "code" || col.key == "order_code" || col.key == "call_key" || col.width <= 10;
            const char* cls = col.kind == wire::CellKind::Integer ? " class=\"n\""
                              : col.kind == wire::CellKind::Text && !code ? "" : " class=\"t\"";
            h += std::string("<td") + cls + ">" + escape(i < row.size() ? cell_text(col, row[i]) : std::string()) + "</td>";
        }
        h += "</tr>\n";
    }
    if (t.rows.empty()) {
        h += "<tr><td class=\"empty\" id=\"empty\" colspan=\"" + std::to_string(std::max<std::size_t>(1, t.columns.size())) +
             "\">无记录</td></tr>\n";
    }
    h += "</tbody></table>\n</body></html>\n";
    return h;
}

std::string print_error_html(int status, const std::string& code, const std::string& message) {
    std::string heading = "无法生成打印页";
    if (status == 400) heading += "：筛选条件有误";
    else if (status == 401) heading += "：未登录或会话已过期";
    else if (status == 403) heading += "：无权查看";
    else if (status == 404) heading += "：未找到";
    else if (status == 422) heading += "：无法列出";
    std::string h = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + escape(heading) +
                    "</title><style>" + kStyle + "</style></head><body data-error-code=\"" + escape(code) + "\">\n";
    h += "<h1 id=\"title\">" + escape(heading) + "</h1>\n";
    h += "<p class=\"meta\" id=\"error\">" + escape(message) + "</p>\n";
    h += "<p class=\"meta\">请回到颐养平台调整条件后重新点“打印”；如需登录，请先在平台登录。</p>\n</body></html>\n";
    return h;
}

}  // namespace yiyang::app
