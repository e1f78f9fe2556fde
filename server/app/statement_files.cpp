// The settlement statement as PDF and XLSX (app/statement_files.hpp).
#include "app/statement_files.hpp"

#include <stdexcept>
#include <xlsxwriter.h>

#include "app/pdf_writer.hpp"
#include "app/xlsx.hpp"
#include "yiyang/money.hpp"
#include "yiyang/money_words.hpp"

namespace yiyang::app {

namespace {

std::string title_of(const wire::SettlementStatementView& s) {
    return "服务结算单　" + s.provider_name + "　" + s.month_label_zh;
}

std::string yuan(std::int64_t fen) { return format_yuan(fen); }

std::string meta_line(const wire::SettlementStatementView& s, const StatementFileOptions& o) {
    std::string m = "考核等级：" + s.grade_label_zh + "　拨付比例：" + s.payout_text;
    if (!o.generated_at.empty()) m += "　生成时间：" + o.generated_at;
    if (!o.exported_by.empty()) m += "　导出人：" + o.exported_by;
    return m;
}

std::string rules_line(const wire::SettlementStatementView& s) {
    std::string r = "规则版本：结算计费标准 " + s.fees_version;
    if (!s.verification_fees_version.empty()) r += "；核查计费标准 " + s.verification_fees_version;
    r += "。等级比例一次取整到分（" + std::string(s.grade_rounding == "truncate" ? "截断" : "四舍五入") + "）。";
    if (s.objection_workdays > 0) r += "如有异议，请于签署后 " + std::to_string(s.objection_workdays) + " 个工作日内申诉。";
    return r;
}

// The seal's lines, or blanks for them: the sealing prints signer, time and SHA-256 here later.
std::vector<std::string> seal_lines(const StatementFileOptions& o) {
    if (!o.seal_lines.empty()) return o.seal_lines;
    return {"签署人：________________　签署时间：________________", "SHA-256：（封存后填写）"};
}

std::string line_count(const wire::SettlementLineView& l) { return l.kind == "receivable" ? "" : std::to_string(l.count); }

}  // namespace

std::string statement_pdf_bytes(const wire::SettlementStatementView& s, const StatementFileOptions& o) {
    using pdf::Align;
    return pdf::render(title_of(s), o.sha256, [&](pdf::Writer& w) {
        w.begin_page();
        w.paragraph("服务结算单", 16, true, Align::Center, 4);
        w.paragraph(s.provider_name + "　" + s.month_label_zh + (o.preview ? "（试算，未保存）" : ""), 11, false,
                    Align::Center, 4);
        if (!o.supplement_zh.empty()) w.paragraph(o.supplement_zh, 11, true, Align::Center, 4);
        w.paragraph(meta_line(s, o), 8.5, false, Align::Center, 14);

        pdf::Table lines{"一、结算明细", {"项目", "数量", "单价（元）", "金额（元）"}, {}, "", 0.46};
        for (const auto& l : s.lines) {
            const std::string sign = l.kind == "fee" || l.kind == "receivable" ? "" : "−";
            lines.rows.push_back({{l.label_zh + (l.note_zh.empty() ? "" : "（" + l.note_zh + "）"), line_count(l),
                                   l.kind == "receivable" ? "" : yuan(l.unit_fee_fen), sign + yuan(l.amount_fen)},
                                  {}, false});
        }
        lines.rows.push_back({{"费用合计", "", "", yuan(s.fees_total_fen)}, {}, true});
        w.table(lines);

        pdf::Table steps{"二、计算步骤", {"步骤", "计算前（元）", "计算后（元）"}, {}, "", 0.46};
        for (const auto& st : s.steps)
            steps.rows.push_back({{st.label_zh, yuan(st.before_fen), yuan(st.after_fen)}, {}, st.code == "payable"});
        w.table(steps);

        w.need(120);
        w.paragraph("应付金额：" + yuan(s.payable_fen) + " 元", 14, true, Align::Left, 4);
        w.paragraph("大写：" + fen_in_capitals(s.payable_fen), 11, false, Align::Left, 4);
        if (s.receivable_fen > 0)
            w.paragraph("应追回金额：" + yuan(s.receivable_fen) + " 元（扣减超过应付，计入下期结算）", 10.5, false, Align::Left, 4);
        w.skip(8);
        w.paragraph(rules_line(s), 8.5, false, Align::Left, 14);
        const auto seals = seal_lines(o);
        for (std::size_t i = 0; i < seals.size(); ++i) w.paragraph(seals[i], 9.5, false, Align::Left, 10);
        w.end_page();
    });
}

std::vector<std::string> statement_pdfs(const std::vector<wire::SettlementStatementView>& statements,
                                        const StatementFileOptions& o, unsigned threads) {
    return pdf::render_batch(
        statements.size(), [&](std::size_t i) { return statement_pdf_bytes(statements[i], o); }, threads);
}

std::string statement_xlsx_bytes(const wire::SettlementStatementView& s, const StatementFileOptions& o) {
    XlsxTempFile file;
    lxw_workbook* wb = workbook_new(file.path.c_str());
    if (!wb) throw std::runtime_error("无法创建 XLSX 文件");
    lxw_worksheet* ws = workbook_add_worksheet(wb, "结算单");
    const XlsxReportFormats f(wb);
    lxw_format *title = f.title, *heading = f.heading, *header = f.header, *cellf = f.cell, *money = f.money,
               *muted = f.muted;

    worksheet_set_column(ws, 0, 0, 40, nullptr);
    worksheet_set_column(ws, 1, 3, 16, nullptr);
    const auto yuan_cell = [&](lxw_row_t r, lxw_col_t c, std::int64_t fen) {
        worksheet_write_number(ws, r, c, static_cast<double>(fen) / 100.0, money);
    };
    lxw_row_t row = 0;
    worksheet_write_string(ws, row++, 0, title_of(s).c_str(), title);
    worksheet_write_string(ws, row++, 0, meta_line(s, o).c_str(), muted);
    if (o.preview) worksheet_write_string(ws, row++, 0, "试算，未保存", muted);
    if (!o.supplement_zh.empty()) worksheet_write_string(ws, row++, 0, o.supplement_zh.c_str(), heading);
    ++row;
    worksheet_write_string(ws, row++, 0, "一、结算明细", heading);
    const char* line_heads[] = {"项目", "数量", "单价（元）", "金额（元）"};
    for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(ws, row, c, line_heads[c], header);
    ++row;
    for (const auto& l : s.lines) {
        const bool off = l.kind == "faked" || l.kind == "deduction";
        worksheet_write_string(ws, row, 0, (l.label_zh + (l.note_zh.empty() ? "" : "（" + l.note_zh + "）")).c_str(), cellf);
        if (l.kind != "receivable") {
            worksheet_write_number(ws, row, 1, static_cast<double>(l.count), cellf);
            yuan_cell(row, 2, l.unit_fee_fen);
        } else {
            worksheet_write_blank(ws, row, 1, cellf);
            worksheet_write_blank(ws, row, 2, cellf);
        }
        yuan_cell(row, 3, off ? -l.amount_fen : l.amount_fen);
        ++row;
    }
    worksheet_write_string(ws, row, 0, "费用合计", heading);
    yuan_cell(row++, 3, s.fees_total_fen);
    ++row;
    worksheet_write_string(ws, row++, 0, "二、计算步骤", heading);
    const char* step_heads[] = {"步骤", "计算前（元）", "计算后（元）"};
    for (lxw_col_t c = 0; c < 3; ++c) worksheet_write_string(ws, row, c, step_heads[c], header);
    ++row;
    for (const auto& st : s.steps) {
        worksheet_write_string(ws, row, 0, st.label_zh.c_str(), cellf);
        yuan_cell(row, 1, st.before_fen);
        yuan_cell(row++, 2, st.after_fen);
    }
    ++row;
    worksheet_write_string(ws, row, 0, "应付金额（元）", heading);
    yuan_cell(row++, 1, s.payable_fen);
    worksheet_write_string(ws, row, 0, "应付金额（大写）", heading);
    worksheet_write_string(ws, row++, 1, fen_in_capitals(s.payable_fen).c_str(), nullptr);
    if (s.receivable_fen > 0) {
        worksheet_write_string(ws, row, 0, "应追回金额（元）", heading);
        yuan_cell(row++, 1, s.receivable_fen);
    }
    ++row;
    worksheet_write_string(ws, row++, 0, rules_line(s).c_str(), muted);
    for (const auto& l : seal_lines(o)) worksheet_write_string(ws, row++, 0, l.c_str(), nullptr);
    worksheet_set_paper(ws, 9);   // A4
    worksheet_fit_to_pages(ws, 1, 0);
    if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("写入 XLSX 文件失败");
    return file.bytes();
}

}  // namespace yiyang::app
