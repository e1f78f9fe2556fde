// The target table's judgement of each row (target_table.hpp).
#include "yiyang/target_table.hpp"

#include <algorithm>

namespace yiyang::target_table {

const char* code(Status s) {
    switch (s) {
        case Status::Met: return "met";
        case Status::NotMet: return "not_met";
        case Status::OnTrack: return "on_track";
        case Status::Behind: return "behind";
        case Status::NoData: return "no_data";
        case Status::AsNeeded: return "as_needed";
    }
    return "no_data";
}

const char* label_zh(Status s) {
    switch (s) {
        case Status::Met: return "达标";
        case Status::NotMet: return "未达标";
        case Status::OnTrack: return "按进度";
        case Status::Behind: return "落后";
        case Status::NoData: return "无数据";
        case Status::AsNeeded: return "按需";
    }
    return "无数据";
}

std::int64_t days_inclusive(const Date& first, const Date& last) {
    return days_from_civil(last) - days_from_civil(first) + 1;
}

namespace {

Ratio value_of(const wire::KpiItemReply& r) {
    if (!r.value) return Ratio{};
    return Ratio{r.value->num, r.value->den};
}

}  // namespace

Judgement judge(const KpiTarget& target, const wire::KpiItemReply& month, const wire::KpiItemReply& quarter,
                const wire::KpiItemReply& year_to_date, const ProjectYear& year, const Date& counted_through) {
    Judgement j;
    j.on_year = target.period == "project_year";
    j.on_quarter = target.period == "quarter";
    if (target.unit == "as_needed") {
        j.status = Status::AsNeeded;
        j.basis_zh = "按需开展，不作判定";
        return j;
    }
    const wire::KpiItemReply& fig = j.on_year ? year_to_date : j.on_quarter ? quarter : month;
    j.basis_zh = j.on_year ? "按项目年度累计" : j.on_quarter ? "按本季度" : "按本月";
    if (!fig.applicable || !fig.value || fig.value->den == 0) {
        j.status = Status::NoData;
        return j;
    }
    const bool met = fig.met.value_or(false);
    if (met) {
        j.status = Status::Met;
        return j;
    }
    if (!j.on_year) {
        j.status = Status::NotMet;
        return j;
    }
    const Date through = std::min(counted_through, year.last);
    const bool year_over = !(through < year.last);
    const bool projectable = !target.is_percent() &&
                             (target.comparison == KpiComparison::Ge || target.comparison == KpiComparison::Gt);
    if (year_over || !projectable || through < year.first) {
        j.status = Status::NotMet;
        return j;
    }
    const Ratio v = value_of(fig);   // a count: n / 1
    const std::int64_t total = days_inclusive(year.first, year.last);
    const std::int64_t elapsed = days_inclusive(year.first, through);
    const Ratio projected{v.num * total, v.den * elapsed};
    j.projection = projected;
    j.projection_display = std::to_string(round_half_up(projected.num, projected.den));
    j.basis_zh = "按项目年度累计，预计全年 " + j.projection_display;
    j.status = kpi_met(projected, target.comparison, target.target) ? Status::OnTrack : Status::Behind;
    return j;
}

namespace {

const wire::KpiItemReply* find_item(const wire::KpisReply& r, const std::string& code) {
    for (const auto& i : r.items) {
        if (i.code == code) return &i;
    }
    return nullptr;
}

wire::KpiItemReply missing_item(const KpiTarget& t) {
    wire::KpiItemReply j;
    j.code = t.code;
    j.name_zh = t.name_zh;
    j.item = t.item;
    j.unit = t.unit;
    j.period = t.period;
    j.source = code(t.source);
    j.target_text = t.target_text();
    j.requirement_zh = t.requirement_zh;
    j.display = "—";
    j.note = "该期间的指标表中没有此项";
    return j;
}

}  // namespace

wire::TargetTableReply build(const KpiTargetSet& targets, const wire::KpisReply& month, const wire::KpisReply& quarter,
                             const wire::KpisReply& year_to_date, const ProjectYear& year, const Date& counted_through) {
    wire::TargetTableReply out;
    out.month = month.period;
    out.quarter = quarter.period;
    out.year_to_date = year_to_date.period;
    const Period whole = year.period();
    out.project_year = wire::KpiPeriodInfo{whole.code(), whole.label_zh(), format_date(year.first), format_date(year.last)};
    out.counted_through = format_date(counted_through);
    out.targets_version = targets.version;
    for (const auto& t : targets.items) {
        wire::TargetTableRow row;
        row.item = t.item;
        if (const KpiTableRow* layout = targets.row(t.item)) {
            row.category_zh = layout->category_zh;
            row.title_zh = layout->title_zh;
            row.content_zh = layout->content_zh;
        } else if (t.item == 0) {
            row.category_zh = "其他合同指标";
        }
        const auto* m = find_item(month, t.code);
        const auto* q = find_item(quarter, t.code);
        const auto* y = find_item(year_to_date, t.code);
        row.month = m ? *m : missing_item(t);
        row.quarter = q ? *q : missing_item(t);
        row.year_to_date = y ? *y : missing_item(t);
        const Judgement jd = judge(t, row.month, row.quarter, row.year_to_date, year, counted_through);
        row.status = code(jd.status);
        row.status_zh = label_zh(jd.status);
        row.on_year = jd.on_year;
        row.on_quarter = jd.on_quarter;
        if (jd.projection) row.projection = jd.projection_display;
        row.basis_zh = jd.basis_zh;
        switch (jd.status) {
            case Status::Met: ++out.counts.met; break;
            case Status::NotMet: ++out.counts.not_met; break;
            case Status::OnTrack: ++out.counts.on_track; break;
            case Status::Behind: ++out.counts.behind; break;
            case Status::NoData: ++out.counts.no_data; break;
            case Status::AsNeeded: ++out.counts.as_needed; break;
        }
        out.rows.push_back(std::move(row));
    }
    return out;
}

}  // namespace yiyang::target_table
