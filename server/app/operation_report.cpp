// The operation reports' inputs and files (app/operation_report.hpp).
#include "app/operation_report.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <stdexcept>
#include <xlsxwriter.h>

#include "app/indicators.hpp"
#include "app/pdf_charts.hpp"
#include "app/pdf_writer.hpp"
#include "app/target_table.hpp"
#include "app/xlsx.hpp"
#include "store/kpi_daily.hpp"
#include "store/elders.hpp"
#include "store/live.hpp"
#include "store/orders.hpp"
#include "store/verification_lists.hpp"
#include "store/verification_sampling.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/sla_kpi.hpp"
#include "yiyang/verification/common.hpp"

namespace yiyang::app {

namespace {

std::map<Id, std::string> names_of(SQLite::Database& db, const char* table) {
    std::map<Id, std::string> out;
    SQLite::Statement q(db, std::string("SELECT id, name FROM ") + table);
    while (q.executeStep()) out[q.getColumn(0).getInt64()] = q.getColumn(1).getString();
    return out;
}

// Requests created within [first, last] (whole months) grouped by channel, type and town: from order_counts
// (store/orders.hpp read_request_counts), kept by triggers on every order write.
reports::RequestCounts request_counts(SQLite::Database& db, const Date& first, const Date& last) {
    reports::RequestCounts out;
    for (const auto& r : store::read_request_counts(db, first, last)) {
        if (auto c = parse_Channel(r.channel)) out.by_channel[*c] += r.n;
        if (auto t = parse_OrderType(r.type)) out.by_type[*t] += r.n;
        out.by_town[r.town] += r.n;
    }
    return out;
}

const wire::KpiItemReply* item(const wire::KpisReply& r, const std::string& code) {
    for (const auto& i : r.items)
        if (i.code == code) return &i;
    return nullptr;
}

Ratio ratio_of(const wire::KpiItemReply* j) {
    if (!j || !j->applicable || !j->value) return Ratio{0, 0};
    return Ratio{j->value->num, j->value->den};
}

// The month's providers with orders, each with its indicators of GET /api/v1/kpis?provider= (the same figures).
std::vector<reports::ProviderMonth> provider_months(AppContext& ctx, SQLite::Database& db, const Period& month) {
    std::vector<reports::ProviderMonth> out;
    const auto names = names_of(db, "providers");
    for (const Id id : store::providers_with_orders(db, month.first_day(), month.last_day())) {
        IndicatorScope scope;
        scope.provider = id;
        const auto it = names.find(id);
        scope.provider_name = it == names.end() ? "" : it->second;
        const auto k = indicators(ctx, month, scope);
        reports::ProviderMonth p;
        p.id = id;
        p.name = scope.provider_name;
        const auto* received = item(k, "response_rate");   // its denominator: every request received
        p.orders = received && received->denominator_count ? *received->denominator_count : 0;
        p.acceptance = ratio_of(received);
        p.satisfaction = ratio_of(item(k, "satisfaction"));
        Ratio on{0, 0};
        for (const auto& i : k.items) {
            if (!is_sla_kpi(i.code) || !i.applicable || !i.numerator_count || !i.denominator_count) continue;
            on.num += *i.numerator_count;
            on.den += *i.denominator_count;
        }
        p.on_time = on;
        out.push_back(std::move(p));
    }
    return out;
}

// The callback questionnaires imported in [first, last] (store::callback_rows, the verification's reader), each
// under its subject's town. A row's ID number finds its elder by the verification's key (verification::id_key, as
// the sampling's elder_contacts is called); a row naming only a phone, the one elder with that phone (two or more:
// not resolved). The row then carries that key as its id_number, so a person called once by ID number and once by
// phone is one subject; a row whose subject is not in the registry keeps its key (ID number, else the phone: the
// import's own subject) under town 0, 未登记. Only survey_report reads the numbers, and it emits counts.
reports::SurveyCallbacks survey_callbacks(SQLite::Database& db, const Date& first, const Date& last) {
    reports::SurveyCallbacks out;
    out.first = first;
    out.last = last;
    auto rows = store::callback_rows(db, first, last);
    std::vector<std::string> keys;
    for (const auto& c : rows)
        if (!c.id_number.empty()) keys.push_back(verification::id_key(c.id_number));
    const auto contacts = store::elder_contacts(db, keys);
    std::map<std::string, store::ElderContact> by_phone;   // phone -> its one elder (elder_id 0: not one)
    for (auto& c : rows) {
        Id town = 0;
        if (!c.id_number.empty()) {
            c.id_number = verification::id_key(c.id_number);
            if (const auto it = contacts.find(c.id_number); it != contacts.end()) town = it->second.town_id;
        } else if (!c.phone.empty()) {
            auto it = by_phone.find(c.phone);
            if (it == by_phone.end()) {
                store::ElderContact one;
                const auto ids = store::elder_ids_by_phone(db, c.phone, 2);
                if (ids.size() == 1)
                    if (const auto e = store::get_elder(db, ids[0])) one = {e->id, "", verification::id_key(e->id_number), "", e->town_id};
                it = by_phone.emplace(c.phone, std::move(one)).first;
            }
            if (it->second.elder_id != 0) {
                c.id_number = it->second.id_number;
                town = it->second.town_id;
            } else {
                c.id_number = c.phone;
            }
        }
        out.by_town[town].push_back(std::move(c));
    }
    return out;
}

std::vector<Period> months_so_far(const ProjectYear& y, const Date& upto) {
    std::vector<Period> out;
    for (const auto& m : y.months())
        if (!(upto < m.first_day())) out.push_back(m);
    return out;
}

}  // namespace

std::optional<ReportSubject> report_subject(AppContext& ctx, const std::string& kind, const std::string& period,
                                            std::string& error_zh) {
    if (kind != "month" && kind != "year" && kind != "survey") {
        error_zh = "报告类型应为 month（月度运营分析报告）、year（项目总结报告）或 survey（调查分析报告）";
        return std::nullopt;
    }
    const auto p = parse_period(period);
    if (!p || p->kind != PeriodKind::Month) {
        error_zh = "期间应为月份，如 2026-11";
        return std::nullopt;
    }
    const auto& targets = ctx.rules().kpi_targets_on(p->last_day());
    ReportSubject s;
    s.kind = kind;
    s.year = project_year_of(targets, p->first_day());
    if (kind == "month") {
        s.month = *p;
        s.period = p->code();
        s.first = p->first_day();
        s.last = p->last_day();
    } else {
        s.period = s.year.months().front().code();
        s.first = s.year.first;
        s.last = s.year.last;
    }
    const Date today = date_of(ctx.now());
    if (today < s.first) {
        error_zh = "期间 " + period + " 尚未开始";
        return std::nullopt;
    }
    return s;
}

wire::OperationReport operation_report(AppContext& ctx, const ReportSubject& s, const std::string& problems_zh) {
    auto& db = ctx.db.reader();
    const LocalSeconds now = ctx.now();
    const Date today = date_of(now);
    IndicatorScope city;
    if (s.kind == "month") {
        reports::MonthInputs in;
        in.month = *s.month;
        in.year = s.year;
        in.kpis = indicators(ctx, in.month, city);
        in.previous = indicators(ctx, in.month.previous(), city);
        for (const auto& m : s.year.months()) {
            if (in.month < m) break;
            in.trend.push_back(m == in.month ? in.kpis : indicators(ctx, m, city));
        }
        in.requests = request_counts(db, in.month.first_day(), in.month.last_day());
        const auto prev = in.month.previous();
        in.previous_requests = request_counts(db, prev.first_day(), prev.last_day());
        in.town_names = names_of(db, "towns");
        in.providers = provider_months(ctx, db, in.month);
        in.problems_zh = problems_zh;
        in.generated_at = format_timestamp(now);
        return reports::month_report(in);
    }
    if (s.kind == "year") {
        reports::YearInputs in;
        in.year = s.year;
        const auto months = months_so_far(s.year, today);
        for (const auto& m : months) {
            in.months.push_back(indicators(ctx, m, city));
            in.requests.push_back(request_counts(db, m.first_day(), m.last_day()));
        }
        // The year's figures and judgements: the target table of the last month so far (one definition).
        if (!months.empty()) in.table = target_table(ctx, months.back());
        in.problems_zh = problems_zh;
        in.generated_at = format_timestamp(now);
        return reports::year_report(in);
    }
    reports::SurveyInputs in;
    in.year = s.year;
    {
        // The questionnaire's answers (question 7) of served orders closed in the year (the partial index
        // work_orders_surveyed).
        SQLite::Statement q(db, "SELECT town_id, provider_id, satisfaction, count(*) FROM work_orders "
                                "WHERE satisfaction IS NOT NULL AND provider_id IS NOT NULL AND closed_at >= ? AND closed_at < ? "
                                "GROUP BY town_id, provider_id, satisfaction");
        q.bind(1, start_of(s.first));
        q.bind(2, start_of(add_days(s.last, 1)));
        while (q.executeStep()) {
            const int a = q.getColumn(2).getInt();
            if (a < 1 || a > 5) continue;
            in.answers[{q.getColumn(0).getInt64(), q.getColumn(1).getInt64()}][static_cast<std::size_t>(a - 1)] +=
                q.getColumn(3).getInt64();
        }
    }
    in.callbacks = survey_callbacks(db, s.first, s.last);
    in.town_names = names_of(db, "towns");
    in.provider_names = names_of(db, "providers");
    in.problems_zh = problems_zh;
    in.generated_at = format_timestamp(now);
    return reports::survey_report(in);
}

// ---- PDF ------------------------------------------------------------------------------------------------
namespace {

pdf::Table pdf_table(const wire::ReportTable& t) {
    pdf::Table out{t.title_zh, t.columns, {}, t.note_zh, 0};
    for (const auto& cells : t.rows) {
        pdf::Row row;
        for (const auto& c : cells) row.cells.push_back(c.text);
        row.bold = !cells.empty() && cells[0].text == "合计";
        out.rows.push_back(std::move(row));
    }
    // The indicator's name the widest column; the ranking's rank narrow (its provider name beside).
    if (t.code == "indicators") out.first_share = 0.36;
    if (t.code == "year_indicators") out.first_share = 0.5;
    if (t.code == "providers") out.first_share = 0.08;
    if (t.code == "sla") out.first_share = 0.3;
    if (t.code.rfind("months", 0) == 0) out.first_share = 0.28;
    return out;
}

void lay_out(pdf::Writer& w, const wire::OperationReport& r, const OperationFileOptions& o) {
    w.begin_page();
    w.paragraph(r.title_zh, 16, true, pdf::Align::Center, 4);
    std::string meta = "报告期：" + r.period_label_zh + "　生成时间：" + r.generated_at;
    if (!o.exported_by.empty()) meta += "　导出人：" + o.exported_by;
    w.paragraph(meta, 8.5, false, pdf::Align::Center, o.seal_lines.empty() ? 14 : 6);
    for (std::size_t i = 0; i < o.seal_lines.size(); ++i)
        w.paragraph(o.seal_lines[i], 8.5, i == 0, pdf::Align::Left, i + 1 == o.seal_lines.size() ? 14 : 2);
    for (const auto& t : r.tables) {
        if (t.rows.empty() && t.columns.size() <= 1) continue;
        w.table(pdf_table(t));
        for (const auto& c : r.charts)
            if (c.table_code == t.code) {
                pdf::chart(w, c);
                w.skip(8);
            }
    }
    w.need(80);
    w.paragraph(r.kind == "survey" ? "问题分析与建议" : "问题与建议", 13, true, pdf::Align::Left, 6);
    const std::string& text = r.problems_zh.empty() ? std::string("（督导尚未填写）") : r.problems_zh;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find('\n', start);
        const std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!line.empty()) w.paragraph(line, 10, false, pdf::Align::Left, 4);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    if (!r.targets_version.empty()) {
        w.skip(8);
        w.paragraph("指标目标版本：" + r.targets_version + "。百分比四舍五入保留2位小数。", 8.5, false);
    }
    w.end_page();
}

}  // namespace

std::string operation_report_pdf(const wire::OperationReport& r, const OperationFileOptions& o) {
    return pdf::render(r.title_zh, o.sha256, [&](pdf::Writer& w) { lay_out(w, r, o); });
}

// ---- XLSX -----------------------------------------------------------------------------------------------
std::string operation_report_xlsx(const wire::OperationReport& r, const OperationFileOptions& o) {
    XlsxTempFile file;
    lxw_workbook* wb = workbook_new(file.path.c_str());
    if (!wb) throw std::runtime_error("无法创建 XLSX 文件");
    const char* const kMain = "报告";
    const char* const kData = "图表数据";
    lxw_worksheet* ws = workbook_add_worksheet(wb, kMain);
    lxw_worksheet* data = workbook_add_worksheet(wb, kData);
    const XlsxReportFormats f(wb);
    lxw_format* wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    worksheet_set_column(ws, 0, 0, 14, nullptr);
    worksheet_set_column(ws, 1, 1, 36, nullptr);
    worksheet_set_column(ws, 2, 12, 14, nullptr);
    worksheet_set_column(data, 0, 0, 14, nullptr);
    worksheet_set_column(data, 1, 8, 16, nullptr);

    lxw_row_t row = 0, drow = 0;
    worksheet_write_string(ws, row++, 0, r.title_zh.c_str(), f.title);
    std::string who = "报告期：" + r.period_label_zh + "　生成时间：" + r.generated_at;
    if (!o.exported_by.empty()) who += "　导出人：" + o.exported_by;
    worksheet_write_string(ws, row++, 0, who.c_str(), f.muted);
    for (std::size_t i = 0; i < o.seal_lines.size(); ++i)
        worksheet_write_string(ws, row++, 0, o.seal_lines[i].c_str(), i == 0 ? f.heading : nullptr);
    if (!o.sha256.empty()) worksheet_write_string(ws, row++, 0, ("SHA-256：" + o.sha256).c_str(), f.muted);
    ++row;
    for (const auto& t : r.tables) {
        if (t.rows.empty() && t.columns.size() <= 1) continue;
        worksheet_write_string(ws, row++, 0, t.title_zh.c_str(), f.heading);
        for (std::size_t k = 0; k < t.columns.size(); ++k)
            worksheet_write_string(ws, row, static_cast<lxw_col_t>(k), t.columns[k].c_str(), f.header);
        ++row;
        for (const auto& cells : t.rows) {
            for (std::size_t k = 0; k < cells.size(); ++k) {
                const auto& c = cells[k];
                if (c.value) worksheet_write_number(ws, row, static_cast<lxw_col_t>(k), static_cast<double>(*c.value), f.cell);
                else worksheet_write_string(ws, row, static_cast<lxw_col_t>(k), c.text.c_str(), f.cell);
            }
            ++row;
        }
        if (!t.note_zh.empty()) worksheet_write_string(ws, row++, 0, t.note_zh.c_str(), f.muted);
        ++row;
        // The table's charts: their numbers on the data sheet, a native chart over those cells here.
        for (const auto& c : r.charts) {
            if (c.table_code != t.code || c.categories.empty()) continue;
            worksheet_write_string(data, drow++, 0, c.title_zh.c_str(), f.heading);
            const lxw_row_t head = drow++;
            worksheet_write_string(data, head, 0, "类别", f.header);
            for (std::size_t s = 0; s < c.series.size(); ++s)
                worksheet_write_string(data, head, static_cast<lxw_col_t>(s + 1), c.series[s].name_zh.c_str(), f.header);
            const lxw_row_t first = drow;
            for (std::size_t i = 0; i < c.categories.size(); ++i) {
                worksheet_write_string(data, drow, 0, c.categories[i].c_str(), nullptr);
                for (std::size_t s = 0; s < c.series.size(); ++s) {
                    const auto& v = i < c.series[s].values.size() ? c.series[s].values[i] : std::nullopt;
                    if (v) worksheet_write_number(data, drow, static_cast<lxw_col_t>(s + 1), *v, nullptr);
                }
                ++drow;
            }
            const lxw_row_t last = drow - 1;
            ++drow;
            lxw_chart* chart = workbook_add_chart(wb, c.kind == "line" ? LXW_CHART_LINE : LXW_CHART_COLUMN);
            for (std::size_t s = 0; s < c.series.size(); ++s) {
                lxw_chart_series* se = chart_add_series(chart, nullptr, nullptr);
                chart_series_set_categories(se, kData, first, 0, last, 0);
                chart_series_set_values(se, kData, first, static_cast<lxw_col_t>(s + 1), last, static_cast<lxw_col_t>(s + 1));
                chart_series_set_name_range(se, kData, head, static_cast<lxw_col_t>(s + 1));
                if (c.kind == "line") chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
            }
            chart_title_set_name(chart, c.title_zh.c_str());
            chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
            lxw_chart_options opt{};
            opt.x_scale = 1.6;
            opt.y_scale = 1.1;
            worksheet_insert_chart_opt(ws, row, 0, chart, &opt);
            row += 18;
        }
    }
    worksheet_write_string(ws, row++, 0, r.kind == "survey" ? "问题分析与建议" : "问题与建议", f.heading);
    worksheet_write_string(ws, row, 0, r.problems_zh.c_str(), wrap);
    worksheet_set_row(ws, row, 160, nullptr);
    ++row;
    if (!r.targets_version.empty())
        worksheet_write_string(ws, ++row, 0, ("指标目标版本：" + r.targets_version).c_str(), f.muted);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("写入 XLSX 文件失败");
    return file.bytes();
}

}  // namespace yiyang::app
