// The quarterly verification report as PDF (app/report_pdf.hpp), laid out on app/pdf_writer's pages.
#include "app/report_pdf.hpp"

#include "app/pdf_writer.hpp"

namespace yiyang::app {

namespace {

using pdf::Align;

pdf::Table pdf_table(const wire::ReportTable& t) {
    pdf::Table out{t.title_zh, t.columns, {}, t.note_zh, 0};
    const std::size_t n = t.columns.size();
    for (const auto& cells : t.rows) {
        pdf::Row row;
        bool any_previous = false;
        for (std::size_t k = 0; k < n; ++k) {
            row.cells.push_back(k < cells.size() ? cells[k].text : "");
            const bool has = k < cells.size() && cells[k].previous.has_value();
            row.previous.push_back(has ? "上季度 " + *cells[k].previous : "");
            any_previous = any_previous || has;
        }
        if (!any_previous) row.previous.clear();
        row.bold = !cells.empty() && cells[0].text == "合计";
        out.rows.push_back(std::move(row));
    }
    return out;
}

void lay_out(pdf::Writer& w, const wire::QuarterReport& r, const ReportPdfOptions& o) {
    w.begin_page();
    // The title is long (≈40 characters): broken after its period ("关于2024年1月-2024年3月" / "…核查报告").
    const std::string head = "关于" + r.period_label_zh;
    if (r.title_zh.rfind(head, 0) == 0 && r.title_zh.size() > head.size()) {
        w.paragraph(head, 15, true, Align::Center, 2);
        w.paragraph(r.title_zh.substr(head.size()), 15, true, Align::Center, 4);
    } else {
        w.paragraph(r.title_zh, 15, true, Align::Center, 4);
    }
    std::string sub = r.quarter_label_zh + "（" + r.period_label_zh + "）";
    if (r.town_id) sub += "　" + r.town_name;
    w.paragraph(sub, 10, false, Align::Center, 2);
    std::string meta = "生成时间：" + r.generated_at;
    if (!o.exported_by.empty()) meta += "　导出人：" + o.exported_by;
    if (r.previous_available)
        meta += "　表中小字为上季度（" + r.previous_quarter + "）数据" +
                (r.previous_signed_zh.empty() ? "" : "（" + r.previous_signed_zh + "）");
    w.paragraph(meta, 8.5, false, Align::Center, o.seal_lines.empty() ? 14 : 6);
    for (std::size_t i = 0; i < o.seal_lines.size(); ++i)
        w.paragraph(o.seal_lines[i], 8.5, i == 0, Align::Left, i + 1 == o.seal_lines.size() ? 14 : 2);
    for (const auto& t : r.tables) {
        // A section heading keeps its first table's title, header and two rows with it.
        if (t.code == "physical" || t.code == "info_service") w.need(150);
        if (t.code == "physical") w.paragraph("一、实体服务评估情况", 13, true, Align::Left, 6);
        if (t.code == "info_service") w.paragraph("二、信息化服务评估情况", 13, true, Align::Left, 6);
        w.table(pdf_table(t));
    }
    w.need(80);
    w.paragraph("三、意见建议", 13, true, Align::Left, 6);
    std::size_t start = 0;
    const std::string& rec = r.recommendations_zh;
    while (start <= rec.size()) {
        const auto end = rec.find('\n', start);
        const std::string line = rec.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!line.empty()) w.paragraph(line, 10, false, Align::Left, 4);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    w.skip(10);
    std::string rules = "规则版本：";
    for (std::size_t i = 0; i < r.rule_versions.size(); ++i) rules += (i ? "；" : "") + r.rule_versions[i];
    rules += "。百分比" + std::string(r.rounding == "truncate" ? "截断" : "四舍五入") + "保留" +
             std::to_string(r.decimals) + "位小数。";
    w.paragraph(rules, 8.5, false);
    w.end_page();
}

}  // namespace

std::string report_pdf_bytes(const wire::QuarterReport& report, const ReportPdfOptions& options) {
    return pdf::render(report.title_zh, options.sha256, [&](pdf::Writer& w) { lay_out(w, report, options); });
}

}  // namespace yiyang::app
