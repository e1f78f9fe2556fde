// The target table of a month and its XLSX (app/target_table.hpp).
#include "app/target_table.hpp"

#include <algorithm>
#include <stdexcept>
#include <xlsxwriter.h>

#include "app/indicators.hpp"
#include "app/xlsx.hpp"
#include "yiyang/target_table.hpp"

namespace yiyang::app {

wire::TargetTableReply target_table(AppContext& ctx, const Period& month) {
    const LocalSeconds now = ctx.now();
    const auto& targets = ctx.rules().kpi_targets_on(month.last_day());
    const ProjectYear year = project_year_of(targets, month.first_day());
    const Period to_date = year.period_through(month);
    const IndicatorScope city;
    const wire::KpisReply m = indicators(ctx, month, city);
    const wire::KpisReply q = indicators(ctx, quarter_of(month.first_day()), city);
    const wire::KpisReply y = indicators(ctx, to_date, city);
    // What the year to date counts: through the month's end, or through today while the month runs.
    const Date counted = std::min(to_date.last_day(), date_of(now));
    auto out = target_table::build(targets, m, q, y, year, counted);
    out.as_of = format_timestamp(now);
    return out;
}

namespace {

// The figure as the table prints it: "96.00%", "3", "—"; a count target of a week: "2 / 周".
std::string figure_text(const wire::KpiItemReply& r) { return r.display.empty() ? "—" : r.display; }

}  // namespace

std::string target_table_xlsx(const wire::TargetTableReply& t, const std::string& exported_by) {
    XlsxTempFile file;
    lxw_workbook* wb = workbook_new(file.path.c_str());
    if (!wb) throw std::runtime_error("无法创建 XLSX 文件");
    lxw_worksheet* ws = workbook_add_worksheet(wb, "绩效目标表");
    const XlsxReportFormats f(wb);
    lxw_format* wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_border(wrap, LXW_BORDER_THIN);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_CENTER);
    lxw_format* center = workbook_add_format(wb);
    format_set_text_wrap(center);
    format_set_border(center, LXW_BORDER_THIN);
    format_set_align(center, LXW_ALIGN_CENTER);
    format_set_align(center, LXW_ALIGN_VERTICAL_CENTER);
    lxw_format* good = workbook_add_format(wb);
    format_set_border(good, LXW_BORDER_THIN);
    format_set_align(good, LXW_ALIGN_CENTER);
    format_set_align(good, LXW_ALIGN_VERTICAL_CENTER);
    format_set_font_color(good, 0x1E7B34);
    format_set_bold(good);
    lxw_format* bad = workbook_add_format(wb);
    format_set_border(bad, LXW_BORDER_THIN);
    format_set_align(bad, LXW_ALIGN_CENTER);
    format_set_align(bad, LXW_ALIGN_VERTICAL_CENTER);
    format_set_font_color(bad, 0xB3261E);
    format_set_bold(bad);

    // 服务项目 | 序号 | 具体内容 | 具体要求 | 量化指标 | 目标 | 本月 | 本季度 | 项目年度累计 | 判定 | 依据 | 说明
    constexpr lxw_col_t kCols = 12, kLast = kCols - 1;
    const double widths[kCols] = {14, 6, 20, 40, 30, 12, 12, 12, 14, 9, 26, 30};
    for (lxw_col_t c = 0; c < kCols; ++c) worksheet_set_column(ws, c, c, widths[c], nullptr);
    lxw_row_t row = 0;
    worksheet_merge_range(ws, row, 0, row, kLast, "项目绩效目标表", f.title);
    ++row;
    const std::string sub = t.month.label + "　项目年度：" + t.project_year.label + "　累计至 " + t.counted_through +
                            "　目标版本：" + t.targets_version + "　导出：" + exported_by + " " + t.as_of.substr(0, 16);
    worksheet_merge_range(ws, row, 0, row, kLast, sub.c_str(), f.muted);
    ++row;
    const char* headers[kCols] = {"服务项目", "序号", "具体内容", "具体要求", "量化指标", "目标", "本月", "本季度",
                                  "项目年度累计", "判定", "判定依据", "说明"};
    for (lxw_col_t c = 0; c < kCols; ++c) worksheet_write_string(ws, row, c, headers[c], f.header);
    worksheet_freeze_panes(ws, row + 1, 0);
    ++row;

    // Merged runs: the category over its items, the item's number / title / description over its indicators.
    auto merge_or_write = [&](lxw_row_t first, lxw_row_t last, lxw_col_t col, const std::string& text, lxw_format* fm) {
        if (last > first) worksheet_merge_range(ws, first, col, last, col, text.c_str(), fm);
        else worksheet_write_string(ws, first, col, text.c_str(), fm);
    };
    std::size_t i = 0;
    const std::size_t n = t.rows.size();
    while (i < n) {
        // a run of the same category
        std::size_t cat_end = i;
        while (cat_end + 1 < n && t.rows[cat_end + 1].category_zh == t.rows[i].category_zh &&
               (t.rows[i].item == 0) == (t.rows[cat_end + 1].item == 0))
            ++cat_end;
        merge_or_write(row + 0, row + static_cast<lxw_row_t>(cat_end - i), 0, t.rows[i].category_zh, center);
        std::size_t k = i;
        while (k <= cat_end) {
            std::size_t item_end = k;
            while (item_end + 1 <= cat_end && t.rows[item_end + 1].item == t.rows[k].item && t.rows[k].item > 0)
                ++item_end;
            const lxw_row_t r0 = row + static_cast<lxw_row_t>(k - i), r1 = row + static_cast<lxw_row_t>(item_end - i);
            const auto& head = t.rows[k];
            merge_or_write(r0, r1, 1, head.item > 0 ? "（" + std::to_string(head.item) + "）" : "", center);
            merge_or_write(r0, r1, 2, head.title_zh, wrap);
            merge_or_write(r0, r1, 3, head.content_zh, wrap);
            for (std::size_t q = k; q <= item_end; ++q) {
                const auto& r = t.rows[q];
                const lxw_row_t rr = row + static_cast<lxw_row_t>(q - i);
                worksheet_write_string(ws, rr, 4, r.month.name_zh.c_str(), wrap);
                worksheet_write_string(ws, rr, 5, (r.month.requirement_zh.empty() ? r.month.target_text
                                                                                  : r.month.requirement_zh).c_str(), center);
                worksheet_write_string(ws, rr, 6, figure_text(r.month).c_str(), center);
                worksheet_write_string(ws, rr, 7, figure_text(r.quarter).c_str(), center);
                worksheet_write_string(ws, rr, 8, figure_text(r.year_to_date).c_str(), center);
                lxw_format* verdict = r.status == "met" || r.status == "on_track" ? good
                                      : r.status == "not_met" || r.status == "behind" ? bad : center;
                worksheet_write_string(ws, rr, 9, r.status_zh.c_str(), verdict);
                worksheet_write_string(ws, rr, 10, r.basis_zh.c_str(), wrap);
                const auto& judged = r.on_year ? r.year_to_date : r.on_quarter ? r.quarter : r.month;
                worksheet_write_string(ws, rr, 11, judged.note.value_or("").c_str(), wrap);
            }
            k = item_end + 1;
        }
        row += static_cast<lxw_row_t>(cat_end - i + 1);
        i = cat_end + 1;
    }
    ++row;
    const std::string tally = "达标 " + std::to_string(t.counts.met) + " 项，按进度 " + std::to_string(t.counts.on_track) +
                              " 项，落后 " + std::to_string(t.counts.behind) + " 项，未达标 " +
                              std::to_string(t.counts.not_met) + " 项，无数据 " + std::to_string(t.counts.no_data) +
                              " 项，按需 " + std::to_string(t.counts.as_needed) + " 项。";
    worksheet_merge_range(ws, row, 0, row, kLast, tally.c_str(), f.heading);
    ++row;
    worksheet_merge_range(ws, row, 0, row, kLast,
                          "判定：月度指标按本月数值，季度指标按本月所在季度（进行中的季度按截至目前）；项目年度指标按项目年度累计，年度未结束时计数类指标按天数线性预计全年"
                          "（预计值达到目标为“按进度”，否则“落后”）；按需开展的指标不作判定。",
                          f.muted);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);   // A4
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, 2, 2);
    if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("写入 XLSX 文件失败");
    return file.bytes();
}

}  // namespace yiyang::app
