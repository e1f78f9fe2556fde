// The monthly settlement statement (服务结算单, issue 11) as files: an A4 PDF (app/pdf_writer's pages, as the
// verification report) and an XLSX workbook (libxlsxwriter via app/xlsx's temp file). Both carry the title
// (provider, month; a supplement's number and what it corrects), every line (label, count, unit fee, amount), every step of the order of operations with its
// amount before and after, the payable amount in yuan and in Chinese capitals (大写), the rule versions used and the seal lines (signer, time,
// SHA-256: placeholders until the statement is sealed). Lines carry subject ids only for drill-down: no ID number,
// no name of a subject is printed.
#pragma once
#include <string>
#include <vector>

#include "yiyang/wire/settlement.hpp"

namespace yiyang::app {

struct StatementFileOptions {
    std::string exported_by;               // "supervisor（督导）"
    std::string generated_at;              // "2025-04-02 10:00"
    std::string sha256;                    // "" = not sealed: the footer says 未封存
    std::vector<std::string> seal_lines;   // the sealing's lines; none = blanks for 签署人 / 签署时间 / SHA-256
    bool preview = false;                  // "（试算，未保存）" under the title
    std::string supplement_zh;             // "补充结算单第1号（更正第12号结算单）" under the title; "" = the statement
};

// The PDF's bytes. Throws std::runtime_error when cairo fails.
std::string statement_pdf_bytes(const wire::SettlementStatementView& s, const StatementFileOptions& o);

// Every statement's PDF (a month's batch), on up to `threads` threads (app/pdf_writer's render_batch): out[i] is
// statement_pdf_bytes(statements[i], o).
std::vector<std::string> statement_pdfs(const std::vector<wire::SettlementStatementView>& statements,
                                        const StatementFileOptions& o, unsigned threads = 2);

// The .xlsx bytes: one sheet; counts as numbers, amounts as numbers of yuan (format 0.00). Throws
// std::runtime_error when libxlsxwriter fails.
std::string statement_xlsx_bytes(const wire::SettlementStatementView& s, const StatementFileOptions& o);

}  // namespace yiyang::app
