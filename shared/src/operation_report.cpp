// The operation reports (operation_report.hpp).
#include "yiyang/operation_report.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <stdexcept>

#include "yiyang/sla_kpi.hpp"
#include "yiyang/verification/callbacks.hpp"

namespace yiyang::reports {

namespace {

__extension__ typedef __int128 Wide;   // GCC and Clang (also wasm32), as ratio.cpp

using wire::ReportCell;
using wire::ReportTable;
using wire::ReportChart;
using wire::ChartSeries;

ReportCell text_cell(std::string t) { return ReportCell{std::move(t), std::nullopt, "", std::nullopt}; }
ReportCell count_cell(std::int64_t n, std::string drill = "") {
    return ReportCell{std::to_string(n), n, std::move(drill), std::nullopt};
}

Ratio ratio_of(const wire::KpiItemReply& j) {
    if (!j.applicable || !j.value) return Ratio{0, 0};
    return Ratio{j.value->num, j.value->den};
}

std::optional<double> chart_value(const Ratio& r, bool percent) {
    if (!r.defined()) return std::nullopt;
    const double v = static_cast<double>(r.num) / static_cast<double>(r.den);
    return percent ? v * 100.0 : v;
}

std::string month_short(const Period& p) { return std::to_string(p.index) + "月"; }

std::string met_text(const wire::KpiItemReply& j) {
    if (!j.met) return j.applicable ? "—" : "不计算";
    return *j.met ? "达标" : "未达标";
}

// "(2) 来电诉求响应率": the contract's row number before the name (none for the indicators of another contract).
std::string item_name(const wire::KpiItemReply& j) {
    return j.item > 0 ? "(" + std::to_string(j.item) + ") " + j.name_zh : j.name_zh;
}

const wire::KpiItemReply* find_item(const wire::KpisReply& r, const std::string& code) {
    for (const auto& i : r.items)
        if (i.code == code) return &i;
    return nullptr;
}

// The year's main rates: every percent indicator computed from records (not an SLA clock: those have their own
// table), applicable in `reply`, in the target table's order, at most six (a chart of more is unreadable).
std::vector<const wire::KpiItemReply*> main_rates(const wire::KpisReply& reply) {
    std::vector<const wire::KpiItemReply*> out;
    for (const auto& i : reply.items) {
        if (out.size() == 6) break;
        if (i.unit == "percent" && i.source == "records" && i.applicable && !is_sla_kpi(i.code)) out.push_back(&i);
    }
    return out;
}

std::string frac_text(Wide num, Wide den, int decimals) {
    // num/den rounded half-up at `decimals`, signed.
    if (den < 0) { num = -num; den = -den; }
    Wide scale = 1;
    for (int k = 0; k < decimals; ++k) scale *= 10;
    const bool neg = num < 0;
    const Wide a = neg ? -num : num;
    const Wide scaled = (a * scale * 2 + den) / (den * 2);
    const long long whole = static_cast<long long>(scaled / scale), frac = static_cast<long long>(scaled % scale);
    char buf[64];
    if (decimals == 0) std::snprintf(buf, sizeof buf, "%lld", whole);
    else std::snprintf(buf, sizeof buf, "%lld.%0*lld", whole, decimals, frac);
    std::string s = buf;
    if (scaled == 0) return s;
    return (neg ? "-" : "+") + s;
}

// The chart of a count table: categories = the rows but the total, series 本月 (and 上月 when `with_previous`).
ReportChart bar_chart(const std::string& code, const std::string& title, const ReportTable& t, bool with_previous) {
    ReportChart c{code, "bar", title, "count", {}, {}, t.code};
    ChartSeries now{"本月", {}}, before{"上月", {}};
    for (const auto& row : t.rows) {
        if (row.empty() || row[0].text == "合计") continue;
        c.categories.push_back(row[0].text);
        now.values.push_back(row.size() > 1 && row[1].value ? std::optional<double>(static_cast<double>(*row[1].value)) : std::nullopt);
        before.values.push_back(row.size() > 2 && row[2].value ? std::optional<double>(static_cast<double>(*row[2].value)) : std::nullopt);
    }
    c.series.push_back(std::move(now));
    if (with_previous) c.series.push_back(std::move(before));
    return c;
}

template <class K>
ReportTable count_table(const std::string& code, const std::string& title, const std::string& head,
                        const std::vector<std::pair<K, std::string>>& keys, const std::map<K, std::int64_t>& now,
                        const std::map<K, std::int64_t>& before, const std::string& drill_prefix) {
    ReportTable t{code, title, {head, "本月", "上月", "环比"}, {}, ""};
    std::int64_t sn = 0, sb = 0;
    for (const auto& [k, label] : keys) {
        const auto a = now.count(k) ? now.at(k) : 0, b = before.count(k) ? before.at(k) : 0;
        sn += a;
        sb += b;
        t.rows.push_back({text_cell(label), count_cell(a, drill_prefix), count_cell(b),
                          text_cell(delta_text(Ratio{a, 1}, Ratio{b, 1}, false))});
    }
    t.rows.push_back({text_cell("合计"), count_cell(sn), count_cell(sb), text_cell(delta_text(Ratio{sn, 1}, Ratio{sb, 1}, false))});
    return t;
}

}  // namespace

std::int64_t RequestCounts::total() const {
    std::int64_t n = 0;
    for (const auto& [k, v] : by_channel) n += v;
    return n;
}

std::string delta_text(const Ratio& now, const Ratio& before, bool percent) {
    if (!now.defined() || !before.defined()) return "—";
    const Wide num = static_cast<Wide>(now.num) * before.den - static_cast<Wide>(before.num) * now.den;
    const Wide den = static_cast<Wide>(now.den) * before.den;
    if (percent) return frac_text(num * 100, den, 2) + "个百分点";
    if (now.den == 1 && before.den == 1) return frac_text(num, den, 0);
    return frac_text(num, den, 2);
}

wire::OperationReport month_report(const MonthInputs& in) {
    wire::OperationReport r;
    r.kind = "month";
    r.period = in.month.code();
    r.period_label_zh = in.month.label_zh();
    r.title_zh = in.month.label_zh() + "月度运营分析报告";
    r.previous_period = in.month.previous().code();
    r.targets_version = in.kpis.targets_version;
    r.problems_zh = in.problems_zh;
    r.generated_at = in.generated_at;

    // 一、indicators against targets, the previous month beside, Δ.
    ReportTable ind{"indicators", "一、本月绩效指标完成情况（项目年度 " + in.year.label_zh() + "）",
                    {"指标", "目标", "本月", "上月", "环比", "达标"}, {}, ""};
    std::int64_t met = 0, judged = 0;
    for (const auto& j : in.kpis.items) {
        const wire::KpiItemReply* p = in.previous ? find_item(*in.previous, j.code) : nullptr;
        ReportCell now = text_cell(j.display.empty() ? "—" : j.display);
        now.drill = "kpi." + j.code;
        if (j.value && j.value->den == 1) now.value = j.value->num;
        const bool pct = j.unit == "percent";
        ind.rows.push_back({text_cell(item_name(j)), text_cell(j.target_text), now,
                            text_cell(p ? (p->display.empty() ? "—" : p->display) : "—"),
                            text_cell(p ? delta_text(ratio_of(j), ratio_of(*p), pct) : "—"), text_cell(met_text(j))});
        if (j.met) {
            ++judged;
            met += *j.met ? 1 : 0;
        }
    }
    ind.note_zh = "本月可计算的 " + std::to_string(judged) + " 项指标中达标 " + std::to_string(met) +
                  " 项；“不计算”为人工填报或不适用的指标。指标口径与绩效指标页（GET /api/v1/kpis）一致，目标版本 " +
                  in.kpis.targets_version + "。";
    r.tables.push_back(std::move(ind));

    // 二、the trend of the year's main rates.
    const auto mains = main_rates(in.kpis);
    ReportTable trend{"trend", "二、项目年度各月主要指标趋势", {"月份"}, {}, ""};
    ReportChart tc{"trend_main", "line", "主要指标年度趋势（%）", "percent", {}, {}, "trend"};
    for (const auto* m : mains) {
        trend.columns.push_back(m->name_zh);
        tc.series.push_back(ChartSeries{m->name_zh, {}});
    }
    for (const auto& month : in.trend) {
        const auto p = parse_period(month.period.code);
        std::vector<ReportCell> row{text_cell(p ? month_short(*p) : month.period.label)};
        tc.categories.push_back(row[0].text);
        for (std::size_t k = 0; k < mains.size(); ++k) {
            const auto* it = find_item(month, mains[k]->code);
            row.push_back(text_cell(it && !it->display.empty() ? it->display : "—"));
            tc.series[k].values.push_back(it ? chart_value(ratio_of(*it), true) : std::nullopt);
        }
        trend.rows.push_back(std::move(row));
    }
    r.tables.push_back(std::move(trend));
    r.charts.push_back(std::move(tc));

    // 三、requests by channel, type and town.
    std::vector<std::pair<Channel, std::string>> channels;
    for (auto c : all_Channels()) channels.push_back({c, label_zh(c)});
    std::vector<std::pair<OrderType, std::string>> types;
    for (auto t : all_OrderTypes()) types.push_back({t, label_zh(t)});
    std::vector<std::pair<Id, std::string>> towns(in.town_names.begin(), in.town_names.end());
    auto by_channel = count_table("by_channel", "三、诉求受理情况　1. 按渠道", "渠道", channels, in.requests.by_channel,
                                  in.previous_requests.by_channel, "");
    auto by_type = count_table("by_type", "2. 按诉求类型", "类型", types, in.requests.by_type,
                               in.previous_requests.by_type, "");
    auto by_town = count_table("by_town", "3. 按镇街", "镇街", towns, in.requests.by_town, in.previous_requests.by_town, "");
    r.charts.push_back(bar_chart("by_channel", "按渠道受理诉求（件）", by_channel, true));
    r.charts.push_back(bar_chart("by_type", "按类型受理诉求（件）", by_type, true));
    r.charts.push_back(bar_chart("by_town", "按镇街受理诉求（件）", by_town, true));
    r.tables.push_back(std::move(by_channel));
    r.tables.push_back(std::move(by_type));
    r.tables.push_back(std::move(by_town));

    // 四、provider ranking: satisfaction, then on-time, then acceptance, then orders (exact), then id.
    auto ranked = in.providers;
    ranked.erase(std::remove_if(ranked.begin(), ranked.end(), [](const ProviderMonth& p) { return p.orders <= 0; }),
                 ranked.end());
    std::sort(ranked.begin(), ranked.end(), [](const ProviderMonth& a, const ProviderMonth& b) {
        if (auto c = a.satisfaction <=> b.satisfaction; c != 0) return c > 0;
        if (auto c = a.on_time <=> b.on_time; c != 0) return c > 0;
        if (auto c = a.acceptance <=> b.acceptance; c != 0) return c > 0;
        if (a.orders != b.orders) return a.orders > b.orders;
        return a.id < b.id;
    });
    ReportTable prov{"providers", "四、服务商排名", {"排名", "服务商", "工单数", "受理率", "按时率", "满意率"}, {}, ""};
    for (std::size_t i = 0; i < ranked.size() && i < in.ranking_rows; ++i) {
        const auto& p = ranked[i];
        prov.rows.push_back({text_cell(std::to_string(i + 1)), text_cell(p.name), count_cell(p.orders),
                             text_cell(p.acceptance.percent_text(2)), text_cell(p.on_time.percent_text(2)),
                             text_cell(p.satisfaction.percent_text(2))});
    }
    prov.note_zh = "本月有工单的服务商共 " + std::to_string(ranked.size()) + " 家" +
                   (ranked.size() > in.ranking_rows ? "，列前 " + std::to_string(in.ranking_rows) + " 名" : std::string()) +
                   "；按满意率、按时率、受理率、工单数依次排序。";
    r.tables.push_back(std::move(prov));

    // 五、SLA compliance per rule.
    ReportTable sla{"sla", "五、服务时限（SLA）执行情况", {"时限规则", "目标", "本月", "上月", "环比", "按时/已判定"}, {}, ""};
    for (const auto& j : in.kpis.items) {
        if (!is_sla_kpi(j.code)) continue;
        const wire::KpiItemReply* p = in.previous ? find_item(*in.previous, j.code) : nullptr;
        const std::string counts = j.numerator_count && j.denominator_count
                                       ? std::to_string(*j.numerator_count) + "/" + std::to_string(*j.denominator_count)
                                       : "—";
        sla.rows.push_back({text_cell(j.name_zh), text_cell(j.target_text), text_cell(j.display.empty() ? "—" : j.display),
                            text_cell(p ? p->display : "—"), text_cell(p ? delta_text(ratio_of(j), ratio_of(*p), true) : "—"),
                            text_cell(counts)});
    }
    r.tables.push_back(std::move(sla));
    return r;
}

wire::OperationReport year_report(const YearInputs& in) {
    wire::OperationReport r;
    r.kind = "year";
    r.period = in.year.months().front().code();
    r.period_label_zh = in.year.label_zh();
    r.title_zh = "项目年度（" + in.year.label_zh() + "）项目总结报告";
    r.targets_version = in.table.targets_version;
    r.problems_zh = in.problems_zh;
    r.generated_at = in.generated_at;

    ReportTable ind{"year_indicators", "一、项目年度绩效指标完成情况（" + std::to_string(in.months.size()) + " 个月）",
                    {"指标", "目标", "年度累计", "判定"}, {}, ""};
    for (const auto& row : in.table.rows) {
        const auto& y = row.year_to_date;
        ReportCell cell = text_cell(y.display.empty() ? "—" : y.display);
        cell.drill = "kpi." + y.code;
        if (y.applicable && y.value && y.value->den == 1) cell.value = y.value->num;
        std::string judged = row.status_zh.empty() ? "—" : row.status_zh;
        if (row.projection) judged += "（预计全年 " + *row.projection + "）";
        if (!row.on_year && row.status != "as_needed") {
            // A target of the month or quarter: the year's verdict is how many months met it.
            int judged_months = 0, met_months = 0;
            for (const auto& m : in.months) {
                const auto* it = find_item(m, y.code);
                if (!it || !it->applicable || !it->met) continue;
                ++judged_months;
                if (*it->met) ++met_months;
            }
            judged = judged_months == 0 ? "无数据"
                                        : "各月达标 " + std::to_string(met_months) + "/" + std::to_string(judged_months);
        }
        ind.rows.push_back({text_cell(item_name(y)), text_cell(y.target_text), cell, text_cell(judged)});
    }
    ind.note_zh = "年度累计为项目年度至 " + in.table.counted_through + " 的指标（与绩效目标表同一口径）：比率由全期分子、分母计算，"
                  "计数为全期记录数，服务商数量等为期末数。按项目年度考核的指标，判定同绩效目标表（未满一年的计数按进度预计全年）；"
                  "按月或按季度考核的指标，列出各月达标的月数。";
    r.tables.push_back(std::move(ind));

    // 二、the months side by side (two tables of six months: an A4 page's width).
    const auto periods = in.year.months();
    for (std::size_t half = 0; half < 2; ++half) {
        ReportTable t{half == 0 ? "months_1" : "months_2", half == 0 ? "二、各月指标对照（上半年）" : "各月指标对照（下半年）",
                      {"指标"}, {}, ""};
        std::vector<std::size_t> idx;
        for (std::size_t k = half * 6; k < half * 6 + 6 && k < periods.size(); ++k) {
            t.columns.push_back(month_short(periods[k]));
            idx.push_back(k);
        }
        if (!in.months.empty()) {
            for (const auto& j : in.months.back().items) {
                if (j.source != "records") continue;
                std::vector<ReportCell> row{text_cell(j.name_zh)};
                for (auto k : idx) {
                    const auto* it = k < in.months.size() ? find_item(in.months[k], j.code) : nullptr;
                    row.push_back(text_cell(it && !it->display.empty() ? it->display : "—"));
                }
                t.rows.push_back(std::move(row));
            }
        }
        r.tables.push_back(std::move(t));
    }

    // The trend chart of the main rates (as in the month report) and the requests per month.
    ReportTable trend{"trend", "三、主要指标各月趋势", {"月份"}, {}, ""};
    ReportChart tc{"trend_main", "line", "主要指标年度趋势（%）", "percent", {}, {}, "trend"};
    if (!in.months.empty()) {
        const auto mains = main_rates(in.months.back());
        for (const auto* m : mains) {
            trend.columns.push_back(m->name_zh);
            tc.series.push_back(ChartSeries{m->name_zh, {}});
        }
        for (std::size_t k = 0; k < in.months.size(); ++k) {
            std::vector<ReportCell> row{text_cell(month_short(periods[k]))};
            tc.categories.push_back(row[0].text);
            for (std::size_t s = 0; s < mains.size(); ++s) {
                const auto* it = find_item(in.months[k], mains[s]->code);
                row.push_back(text_cell(it && !it->display.empty() ? it->display : "—"));
                tc.series[s].values.push_back(it ? chart_value(ratio_of(*it), true) : std::nullopt);
            }
            trend.rows.push_back(std::move(row));
        }
    }
    r.tables.push_back(std::move(trend));
    r.charts.push_back(std::move(tc));

    ReportTable req{"requests_by_month", "四、各月受理诉求（按渠道）", {"月份"}, {}, ""};
    for (auto c : all_Channels()) req.columns.push_back(label_zh(c));
    req.columns.push_back("合计");
    ReportChart rc{"requests_by_month", "bar", "各月受理诉求（件）", "count", {}, {ChartSeries{"合计", {}}}, "requests_by_month"};
    std::int64_t year_total = 0;
    for (std::size_t k = 0; k < in.requests.size() && k < periods.size(); ++k) {
        std::vector<ReportCell> row{text_cell(month_short(periods[k]))};
        for (auto c : all_Channels()) row.push_back(count_cell(in.requests[k].by_channel.count(c) ? in.requests[k].by_channel.at(c) : 0));
        const auto total = in.requests[k].total();
        year_total += total;
        row.push_back(count_cell(total));
        rc.categories.push_back(row[0].text);
        rc.series[0].values.push_back(static_cast<double>(total));
        req.rows.push_back(std::move(row));
    }
    req.note_zh = "项目年度累计受理诉求 " + std::to_string(year_total) + " 件。";
    r.tables.push_back(std::move(req));
    r.charts.push_back(std::move(rc));
    return r;
}

namespace {

// ---- the imported callback questionnaires (调查分析报告, issue 13) ----------------------------------------
// Every rate is the quarterly verification's (verification/callbacks.hpp), computed over the year's rows instead
// of a quarter's: 回访结果 and 总体满意度, 手机套餐, 知晓SOS from callback_figures (the information-service callback;
// each subject by its last call, the answers among those who answered 接通), 服务态度与专业性 from survey_figures
// (the physical-service survey: over the valid questionnaires, both questions answered). Here the "sample" is
// every subject called: the report covers all imported questionnaires, not a draw.
struct CallbackArea {
    std::int64_t rows = 0;
    verification::CallbackFigures calls;
    verification::SurveyFigures survey;
};

CallbackArea callback_area(const std::vector<CallbackRow>& rows) {
    CallbackArea a;
    a.rows = static_cast<std::int64_t>(rows.size());
    std::vector<std::string> subjects;
    subjects.reserve(rows.size());
    for (const auto& c : rows)
        if (!c.id_number.empty()) subjects.push_back(verification::id_key(c.id_number));
    const auto called = verification::make_tally(std::move(subjects));
    a.calls = verification::callback_figures(called, rows);
    a.survey = verification::survey_figures(rows, called);
    return a;
}

template <class K>
std::int64_t tally_count(const std::map<K, verification::Tally>& m, K k) {
    const auto it = m.find(k);
    return it == m.end() ? 0 : it->second.count();
}

std::string callback_rate(const verification::Rate& r) { return r.ratio().percent_text(2); }

void callback_sections(const SurveyInputs& in, wire::OperationReport& r) {
    const auto& cb = in.callbacks;
    const std::string window = format_date(cb.first) + " 至 " + format_date(cb.last);
    const std::string source = "来源：核查导入的回访/满意度调查名单，回访日期 " + window;
    std::vector<CallbackRow> all;
    for (const auto& [town, rows] : cb.by_town) all.insert(all.end(), rows.begin(), rows.end());
    if (all.empty()) {
        ReportTable none{"callbacks_none", "四、回访问卷（导入）", {"说明"}, {{text_cell("本年度未导入回访问卷")}},
                         source + "，共 0 行。"};
        r.tables.push_back(std::move(none));
        return;
    }
    const CallbackArea city = callback_area(all);
    const auto& c = city.calls;
    const auto& s = city.survey;
    const std::string counted = source + "，共 " + std::to_string(city.rows) + " 行、" +
                                std::to_string(c.sample.count()) + " 名回访对象（每人按其最后一次回访计，与季度核查同一口径）。";

    // A distribution: one row per answer (count, share of those who answered) and 合计; with a chart title, its bar
    // chart (not for the two- and three-answer questions: their table says it all).
    auto distribution = [&](const std::string& code, const std::string& title, const std::string& head,
                            const std::vector<std::pair<std::string, std::int64_t>>& answers, std::int64_t answered,
                            std::string note, const std::string& chart_title) {
        ReportTable t{code, title, {head, "人数", "占比"}, {}, std::move(note)};
        ReportChart ch{code, "bar", chart_title, "count", {}, {ChartSeries{"人数", {}}}, code};
        for (const auto& [label, n] : answers) {
            t.rows.push_back({text_cell(label), count_cell(n), text_cell(Ratio{n, answered}.percent_text(2))});
            ch.categories.push_back(label);
            ch.series[0].values.push_back(static_cast<double>(n));
        }
        t.rows.push_back({text_cell("合计"), count_cell(answered), text_cell(answered ? "100.00%" : "—")});
        r.tables.push_back(std::move(t));
        if (!chart_title.empty()) r.charts.push_back(std::move(ch));
    };

    std::vector<std::pair<std::string, std::int64_t>> outcomes;
    for (int k = 0; k < 8; ++k) {
        const auto o = static_cast<CallOutcome>(k);
        outcomes.emplace_back(label_zh(o), tally_count(c.outcomes, o));
    }
    distribution("callback_outcomes", "四、回访问卷（导入）：回访结果", "回访结果", outcomes, c.sample.count(),
                 counted + "占比 = 该结果人数 / 回访对象。", "各回访结果人数");

    auto five = [](const std::map<Satisfaction, verification::Tally>& m) {
        std::vector<std::pair<std::string, std::int64_t>> out;
        for (int k = 0; k < 5; ++k) out.emplace_back(label_zh(static_cast<Satisfaction>(k)), tally_count(m, static_cast<Satisfaction>(k)));
        return out;
    };
    distribution("callback_overall", "五、总体满意度各选项分布", "选项", five(c.overall),
                 c.overall_satisfaction.denominator.count(),
                 "接通且作答本题 " + std::to_string(c.overall_satisfaction.denominator.count()) +
                     " 人，总体满意率 =（非常满意 + 满意）/ 作答 = " + callback_rate(c.overall_satisfaction) + "。" + counted,
                 "总体满意度各选项人数");
    distribution("callback_staff", "六、服务态度与专业性各选项分布", "选项", five(s.staff_answers), s.valid.count(),
                 "有效问卷（接通且总体满意度、服务态度与专业性均作答）" + std::to_string(s.valid.count()) +
                     " 份，服务态度与专业性满意率 =（非常满意 + 满意）/ 有效问卷 = " + callback_rate(s.staff) + "。" + counted,
                 "服务态度与专业性各选项人数");

    std::vector<std::pair<std::string, std::int64_t>> package;
    for (int k = 0; k < 3; ++k) package.emplace_back(label_zh(static_cast<PackageAnswer>(k)), tally_count(c.package, static_cast<PackageAnswer>(k)));
    distribution("callback_package", "七、手机套餐满意度", "选项", package, c.package_satisfaction.denominator.count(),
                 "接通且作答本题 " + std::to_string(c.package_satisfaction.denominator.count()) +
                     " 人，手机套餐满意率 = 满意 / 作答（不清楚计入作答）= " + callback_rate(c.package_satisfaction) + "。" + counted,
                 "");
    const std::int64_t sos_yes = c.knows_sos.numerator.count(), sos_asked = c.knows_sos.denominator.count();
    distribution("callback_sos", "八、是否知晓SOS与定位功能", "选项", {{"是", sos_yes}, {"否", sos_asked - sos_yes}}, sos_asked,
                 "接通且作答本题 " + std::to_string(sos_asked) + " 人，知晓率 = 是 / 作答 = " + callback_rate(c.knows_sos) + "。" +
                     counted,
                 "");

    // By town: the registry's towns in id order, then the subjects not found in the registry, then the city.
    auto town_name = [&](Id id) {
        if (id == 0) return std::string("未登记");
        const auto it = in.town_names.find(id);
        return it == in.town_names.end() ? "#" + std::to_string(id) : it->second;
    };
    std::vector<std::pair<Id, CallbackArea>> towns;
    for (const auto& [id, rows] : cb.by_town)
        if (id != 0 && !rows.empty()) towns.emplace_back(id, callback_area(rows));
    if (const auto it = cb.by_town.find(0); it != cb.by_town.end() && !it->second.empty())
        towns.emplace_back(0, callback_area(it->second));
    const std::string town_note = "镇街为回访对象在服务对象登记中的镇街（按身份证号，仅有电话的按电话匹配），登记中找不到的计入“未登记”。";

    ReportTable bt{"callback_by_town", "九、回访问卷按镇街：总体满意度", {"镇街"}, {}, ""};
    for (int k = 0; k < 5; ++k) bt.columns.push_back(label_zh(static_cast<Satisfaction>(k)));
    bt.columns.push_back("作答");
    bt.columns.push_back("总体满意率");
    ReportChart tc{"callback_by_town", "bar", "各镇街回访总体满意率（%）", "percent", {}, {ChartSeries{"总体满意率", {}}},
                   "callback_by_town"};
    auto overall_row = [&](const std::string& name, const CallbackArea& a) {
        std::vector<ReportCell> row{text_cell(name)};
        for (int k = 0; k < 5; ++k) row.push_back(count_cell(tally_count(a.calls.overall, static_cast<Satisfaction>(k))));
        row.push_back(count_cell(a.calls.overall_satisfaction.denominator.count()));
        row.push_back(text_cell(callback_rate(a.calls.overall_satisfaction)));
        return row;
    };
    for (const auto& [id, a] : towns) {
        bt.rows.push_back(overall_row(town_name(id), a));
        tc.categories.push_back(town_name(id));
        tc.series[0].values.push_back(chart_value(a.calls.overall_satisfaction.ratio(), true));
    }
    bt.rows.push_back(overall_row("合计", city));
    bt.note_zh = "总体满意率 =（非常满意 + 满意）/ 接通且作答本题的人数。" + town_note + counted;
    r.tables.push_back(std::move(bt));
    r.charts.push_back(std::move(tc));

    ReportTable ot{"callback_by_town_other", "十、回访问卷按镇街：回访结果与其他问题",
                   {"镇街", "回访对象", "接通", "有效问卷", "服务态度与专业性满意率", "手机套餐满意率", "知晓SOS比例"}, {}, ""};
    auto other_row = [&](const std::string& name, const CallbackArea& a) {
        return std::vector<ReportCell>{text_cell(name),
                                       count_cell(a.calls.sample.count()),
                                       count_cell(tally_count(a.calls.outcomes, CallOutcome::Answered)),
                                       count_cell(a.survey.valid.count()),
                                       text_cell(callback_rate(a.survey.staff)),
                                       text_cell(callback_rate(a.calls.package_satisfaction)),
                                       text_cell(callback_rate(a.calls.knows_sos))};
    };
    for (const auto& [id, a] : towns) ot.rows.push_back(other_row(town_name(id), a));
    ot.rows.push_back(other_row("合计", city));
    ot.note_zh = "服务态度与专业性满意率按有效问卷计，手机套餐满意率与知晓SOS比例按接通且作答该题的人数计（口径同上表）。" +
                 town_note + counted;
    r.tables.push_back(std::move(ot));
}

}  // namespace

wire::OperationReport survey_report(const SurveyInputs& in) {
    wire::OperationReport r;
    r.kind = "survey";
    r.period = in.year.months().front().code();
    r.period_label_zh = in.year.label_zh();
    r.title_zh = "项目年度（" + in.year.label_zh() + "）满意度调查分析报告";
    r.problems_zh = in.problems_zh;
    r.generated_at = in.generated_at;
    static const char* const kAnswers[5] = {"非常满意", "比较满意", "基本满意", "不太满意", "很不满意"};

    std::array<std::int64_t, 5> all{};
    std::map<Id, std::array<std::int64_t, 5>> towns, providers;
    for (const auto& [key, counts] : in.answers) {
        for (int k = 0; k < 5; ++k) {
            all[k] += counts[k];
            towns[key.first][k] += counts[k];
            if (key.second != 0) providers[key.second][k] += counts[k];
        }
    }
    auto sum = [](const std::array<std::int64_t, 5>& a) { return a[0] + a[1] + a[2] + a[3] + a[4]; };
    auto satisfied = [&](const std::array<std::int64_t, 5>& a) { return Ratio{a[0] + a[1] + a[2], sum(a)}; };
    const std::int64_t n = sum(all);

    ReportTable dist{"distribution", "一、服务满意度（问卷第7题）各选项分布", {"选项", "人次", "占比"}, {}, ""};
    ReportChart dc{"distribution", "bar", "各选项人次", "count", {}, {ChartSeries{"人次", {}}}, "distribution"};
    for (int k = 0; k < 5; ++k) {
        dist.rows.push_back({text_cell(std::to_string(k + 1) + " " + kAnswers[k]), count_cell(all[k]),
                             text_cell(Ratio{all[k], n}.percent_text(2))});
        dc.categories.push_back(kAnswers[k]);
        dc.series[0].values.push_back(static_cast<double>(all[k]));
    }
    dist.rows.push_back({text_cell("合计"), count_cell(n), text_cell(n ? "100.00%" : "—")});
    dist.note_zh = "有效问卷 " + std::to_string(n) + " 份，满意（1–3）率 " + satisfied(all).percent_text(2) + "。";
    r.tables.push_back(std::move(dist));
    r.charts.push_back(std::move(dc));

    auto breakdown = [&](const std::string& code, const std::string& title, const std::string& head,
                         const std::map<Id, std::array<std::int64_t, 5>>& groups, const std::map<Id, std::string>& names,
                         std::size_t limit) {
        ReportTable t{code, title, {head}, {}, ""};
        for (const auto* a : kAnswers) t.columns.push_back(a);
        t.columns.push_back("合计");
        t.columns.push_back("满意率");
        std::vector<std::pair<Id, std::array<std::int64_t, 5>>> rows(groups.begin(), groups.end());
        if (limit > 0) {
            std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) { return sum(a.second) > sum(b.second); });
        }
        std::size_t shown = 0;
        for (const auto& [id, c] : rows) {
            if (limit > 0 && shown == limit) break;
            ++shown;
            const auto it = names.find(id);
            std::vector<ReportCell> row{text_cell(it == names.end() ? "#" + std::to_string(id) : it->second)};
            for (int k = 0; k < 5; ++k) row.push_back(count_cell(c[k]));
            row.push_back(count_cell(sum(c)));
            row.push_back(text_cell(satisfied(c).percent_text(2)));
            t.rows.push_back(std::move(row));
        }
        if (limit > 0 && rows.size() > limit)
            t.note_zh = "共 " + std::to_string(rows.size()) + " 家，按问卷数列前 " + std::to_string(limit) + " 家。";
        return t;
    };
    auto by_town = breakdown("by_town", "二、按镇街", "镇街", towns, in.town_names, 0);
    ReportChart tc{"by_town", "bar", "各镇街满意率（%）", "percent", {}, {ChartSeries{"满意率", {}}}, "by_town"};
    for (const auto& [id, c] : towns) {
        const auto it = in.town_names.find(id);
        tc.categories.push_back(it == in.town_names.end() ? "#" + std::to_string(id) : it->second);
        tc.series[0].values.push_back(chart_value(satisfied(c), true));
    }
    r.tables.push_back(std::move(by_town));
    r.charts.push_back(std::move(tc));
    r.tables.push_back(breakdown("by_provider", "三、按服务商", "服务商", providers, in.provider_names, in.provider_rows));
    callback_sections(in, r);
    return r;
}

bool is_report_kpi(std::string_view code) {
    return code == "monthly_operation_reports" || code == "project_summary_reports" || code == "survey_analysis_reports";
}

const char* report_kind_of(std::string_view code) {
    if (code == "monthly_operation_reports") return "month";
    if (code == "project_summary_reports") return "year";
    if (code == "survey_analysis_reports") return "survey";
    throw std::invalid_argument("not a report indicator: " + std::string(code));
}

KpiResult compute_report_kpi(const KpiTarget& target, const std::vector<SignedReportRef>& signed_reports,
                             const Date& first, const Date& last) {
    const std::string kind = report_kind_of(target.code);
    std::map<std::pair<Date, Date>, Id> latest;   // covered period → the latest signature
    for (const auto& s : signed_reports) {
        if (s.kind != kind || s.covered_last < first || last < s.covered_last) continue;
        auto& id = latest[{s.covered_first, s.covered_last}];
        id = std::max(id, s.id);
    }
    std::vector<Id> ids;
    for (const auto& [k, id] : latest) ids.push_back(id);
    const auto n = static_cast<std::int64_t>(ids.size());
    return make_kpi_result(target, Ratio{n, 1}, std::move(ids), {});
}

}  // namespace yiyang::reports
