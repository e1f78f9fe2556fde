// The quarterly verification report's tables from the computed figures (yiyang/verification/quarter_report.hpp).
#include "yiyang/verification/quarter_report.hpp"

#include <map>

namespace yiyang::verification {

namespace {

using wire::ReportCell;
using wire::ReportTable;

std::string drill(const std::string& area, const std::string& figure, const Period* period = nullptr) {
    std::string d = area + "." + figure;
    if (period) d += "@" + period->code();
    return d;
}

ReportCell label(std::string text) { return ReportCell{std::move(text), {}, "", {}}; }
ReportCell count(std::int64_t n, std::string d) { return ReportCell{std::to_string(n), n, std::move(d), {}}; }
ReportCell count(const Tally& t, std::string d) { return count(t.count(), std::move(d)); }
ReportCell money(Fen fen, std::string d) { return ReportCell{yuan_text(fen), fen, std::move(d), {}}; }
ReportCell percent(const Rate& r, const ReportRule& rule, std::string d) {
    return ReportCell{percent_text(r, rule), {}, std::move(d), {}};
}
ReportCell empty() { return label(""); }

std::string date_zh(const Date& d) {
    return std::to_string(d.year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}
std::string month_span_zh(const Date& from, const Date& to) {
    return std::to_string(from.year) + "年" + std::to_string(from.month) + "月-" + std::to_string(to.year) + "年" +
           std::to_string(to.month) + "月";
}

template <class K>
Tally tally_or_empty(const std::map<K, Tally>& m, K o) {
    auto it = m.find(o);
    return it == m.end() ? Tally{} : it->second;
}
Rate share_of(const CallbackFigures& c, CallOutcome o) {
    auto it = c.shares.find(o);
    return it == c.shares.end() ? Rate{Tally{}, c.sample} : it->second;
}

ReportTable physical_table(const QuarterReportInput& in, const QuarterFigures& f) {
    ReportTable t;
    t.code = "physical";
    t.title_zh = "1、实体服务数量";
    std::string unit = yuan_text(in.physical_unit_fee);
    if (in.physical_month_fees) {   // a rule changed inside the quarter: every month's fee, in month order
        unit.clear();
        for (std::size_t m = 0; m < 3; ++m)
            if (m == 0 || (*in.physical_month_fees)[m] != (*in.physical_month_fees)[m - 1])
                unit += (m == 0 ? "" : "/") + yuan_text((*in.physical_month_fees)[m]);
    }
    t.columns = {"月份", "实体服务数量（人次）", "单次服务金额" + unit + "元（人数）", "实体服务费（元）"};
    for (const auto& m : f.physical.months)
        t.rows.push_back({label(m.month.label_zh()), count(m.records, drill("physical", "records", &m.month)),
                          count(m.payable, drill("physical", "payable", &m.month)),
                          money(m.fee, drill("physical", "fee", &m.month))});
    t.rows.push_back({label("合计"), count(f.physical.records, "physical.records"),
                      count(f.physical.payable, "physical.payable"), money(f.physical.fee, "physical.fee")});
    t.note_zh = in.quarter.label_zh() + "共计完成实体服务" + std::to_string(f.physical.records.count()) +
                "人次，实际核算服务" + std::to_string(f.physical.payable.count()) + "人次（待审核" +
                std::to_string(f.physical.pending.count()) + "人次，不予结算" +
                std::to_string(f.physical.not_payable.count() + f.physical.decided_not_payable.count()) + "人次）。";
    return t;
}

ReportTable survey_table(const QuarterReportInput& in, const QuarterFigures& f) {
    const auto& s = f.survey;
    ReportTable t;
    t.code = "survey";
    t.title_zh = "2、实体服务质量";
    t.columns = {"项目", "人数", "占比"};
    t.rows = {{label("回访到服务对象"), count(s.reached, "survey.reached"), empty()},
              {label("未评价（拒访）"), count(s.declined, "survey.declined"), empty()},
              {label("无效问卷"), count(s.invalid, "survey.invalid"), empty()},
              {label("有效问卷（占服务对象）"), count(s.valid, "survey.valid"),
               percent(s.valid_share, in.rule, "survey.valid_share")},
              {label("总体满意"), count(s.overall.numerator, "survey.overall_satisfied"),
               percent(s.overall, in.rule, "survey.overall")},
              {label("服务态度与专业性满意"), count(s.staff.numerator, "survey.staff_satisfied"),
               percent(s.staff, in.rule, "survey.staff")}};
    t.note_zh = "共计回访到" + std::to_string(s.reached.count()) + "个服务对象，其中" +
                std::to_string(s.declined.count()) + "个未对服务满意度进行评价，合计完成" +
                std::to_string(s.valid.count()) + "份有效的调查问卷，占比" + percent_text(s.valid_share, in.rule) +
                "。实体服务质量总体满意率为" + percent_text(s.overall, in.rule) + "，服务人员服务态度与专业性的满意率为" +
                percent_text(s.staff, in.rule) + "。";
    return t;
}

ReportTable info_table(const QuarterReportInput& in, const QuarterFigures& f) {
    const auto& q = f.info;
    ReportTable t;
    t.code = "info_service";
    t.title_zh = "3、信息化服务数量";
    t.columns = {"月份", "原有服务对象", "新增服务对象", "拆机核减人员", "合计人数",
                 "信息费（" + yuan_text(in.info_unit_fee) + "元/月/人）"};
    for (const auto& m : q.months)
        t.rows.push_back({label(m.month.label_zh()), count(m.at_start, drill("info_service", "at_start", &m.month)),
                          count(m.added, drill("info_service", "added", &m.month)),
                          count(m.removed, drill("info_service", "removed", &m.month)),
                          count(m.total, drill("info_service", "total", &m.month)),
                          money(m.fee_fen, drill("info_service", "fee", &m.month))});
    t.rows.push_back({label("合计"), count(q.at_start, "info_service.at_start"), count(q.added, "info_service.added"),
                      count(q.removed, "info_service.removed"), count(q.person_months, "info_service.total"),
                      money(q.fee_fen, "info_service.fee")});
    t.note_zh = "该季度信息化服务经费为：" + std::to_string(q.person_months) + "人次×" + yuan_text(in.info_unit_fee) +
                "元=" + yuan_text(q.fee_fen) + "元。";
    return t;
}

ReportTable new_subjects_table(const QuarterReportInput& in, const QuarterFigures& f) {
    const auto& n = f.news;
    ReportTable t;
    t.code = "new_subjects";
    t.title_zh = "4、新增服务对象核查";
    t.columns = {"月份", "提供新增数量", "销卡数量", "空号数量", "不符合条件人数"};
    for (const auto& m : n.months)
        t.rows.push_back({label(m.month.label_zh()), count(m.provided, drill("new_subjects", "provided", &m.month)),
                          count(m.cancelled, drill("new_subjects", "cancelled", &m.month)),
                          count(m.empty, drill("new_subjects", "empty", &m.month)),
                          count(m.ineligible, drill("new_subjects", "ineligible", &m.month))});
    t.rows.push_back({label("合计"), count(n.total.provided, "new_subjects.provided"),
                      count(n.total.cancelled, "new_subjects.cancelled"), count(n.total.empty, "new_subjects.empty"),
                      count(n.total.ineligible, "new_subjects.ineligible")});
    const auto answered = tally_or_empty(n.outcomes, CallOutcome::Answered).count();
    const auto in_use = n.usage.numerator.count();
    t.note_zh = in.quarter.label_zh() + "新增信息化服务对象" + std::to_string(n.total.provided.count()) + "人，" +
                (n.total.ineligible.count() == 0 ? std::string("通过条件核查均符合条件")
                                                 : "不符合条件" + std::to_string(n.total.ineligible.count()) + "人") +
                (n.unchecked.count() ? "，未核查条件" + std::to_string(n.unchecked.count()) + "人" : "") +
                "。电话回访" + std::to_string(n.called.count()) + "人，其中" + std::to_string(answered) + "人接通，" +
                std::to_string(in_use - answered) + "人无人接听、占线等，使用率约为" + percent_text(n.usage, in.rule) +
                "。";
    return t;
}

ReportTable new_subject_calls_table(const QuarterReportInput& in, const QuarterFigures& f) {
    const auto& n = f.news;
    ReportTable t;
    t.code = "new_subject_calls";
    t.title_zh = "5、新增服务对象电话回访";
    t.columns = {"项目", "人数", "占比"};
    t.rows.push_back({label("电话回访"), count(n.called, "new_subjects.called"), empty()});
    for (const auto& [o, tally] : n.outcomes)
        t.rows.push_back({label(label_zh(o)), count(tally, std::string("new_subjects.outcome_") + code(o)), empty()});
    t.rows.push_back({label("号码在用（使用率）"), count(n.usage.numerator, "new_subjects.in_use"),
                      percent(n.usage, in.rule, "new_subjects.usage")});
    return t;
}

ReportTable deaths_table(const QuarterReportInput& in, const QuarterFigures& f) {
    const auto& d = f.deaths;
    const std::string window = month_span_zh(in.death_window_from, in.death_window_to);
    const std::string quarter = month_span_zh(in.quarter.first_day(), in.quarter.last_day());
    ReportTable t;
    t.code = "deaths";
    t.title_zh = "6、死亡服务对象核查";
    t.columns = {"项目", "人数", "金额（元）"};
    t.rows = {{label(window + "死亡（比对火化名单）"), count(d.matched, "deaths.matched"), empty()},
              {label("其中已拆机核减"), count(d.already_removed, "deaths.already_removed"), empty()},
              {label("应核减"), count(d.to_deduct, "deaths.to_deduct"), empty()},
              {label("本季度已核减"), count(d.deducted, "deaths.deducted"), empty()},
              {label("尚未核减"), count(d.not_deducted, "deaths.not_deducted"), empty()},
              {label("应核减后仍计费（应追回信息费）"), count(d.still_billed_ids, "deaths.still_billed"),
               money(d.to_recover, "deaths.to_recover")},
              {label(quarter + "死亡（下季度核减）"), count(d.next_quarter, "deaths.next_quarter"), empty()},
              {label("身份证号相同、姓名不符（待确认）"),
               count(static_cast<std::int64_t>(d.name_mismatches.size()), "deaths.name_mismatches"), empty()}};
    t.note_zh = "通过将信息化服务对象名单与火化名单进行比对，核查出" + std::to_string(d.matched.count()) +
                "人服务对象于" + window + "死亡，其中" + std::to_string(d.already_removed.count()) +
                "人已进行拆机核减，故实际死亡核减人数为" + std::to_string(d.to_deduct.count()) + "人；另有" +
                std::to_string(d.next_quarter.count()) + "人于" + quarter + "死亡，将于下个季度进行死亡核减。";
    return t;
}

ReportTable callbacks_table(const QuarterReportInput& in, const QuarterFigures& f) {
    const auto& c = f.callbacks;
    const auto& d = f.draw;
    ReportTable t;
    t.code = "callbacks";
    t.title_zh = "7、信息化服务对象电话回访";
    t.columns = {"项目", "人数", "占比"};
    if (!in.drawn) {
        const ReportCell none{"尚未抽样", std::nullopt, "", {}};
        auto not_drawn = [&](std::string code) { ReportCell cell = none; cell.drill = std::move(code); return cell; };
        t.rows.push_back({label("抽样框"), not_drawn("callbacks.frame"), empty()});
        t.rows.push_back({label("抽取回访"), not_drawn("callbacks.sample"), not_drawn("callbacks.share")});
        t.note_zh = in.quarter.label_zh() + "尚未抽取回访样本：请在“回访”中抽样并记录回访结果后，本表才有数据。";
        return t;
    }
    t.rows.push_back({label("抽样框（" + date_zh(d.input.draw_date) + "在册）"), count(d.frame, "callbacks.frame"), empty()});
    t.rows.push_back({label("抽取回访"), count(d.sample, "callbacks.sample"), percent(d.share, in.rule, "callbacks.share")});
    for (const auto& [o, tally] : c.outcomes) {
        const std::string oc = code(o);
        t.rows.push_back({label(label_zh(o)), count(tally, "callbacks.outcome_" + oc),
                          percent(share_of(c, o), in.rule, "callbacks.share_" + oc)});
    }
    t.rows.push_back({label("其中欠费停机"), count(c.suspended_arrears, "callbacks.suspended_arrears"), empty()});
    t.rows.push_back({label("其中沉默停机"), count(c.suspended_silent, "callbacks.suspended_silent"), empty()});
    t.rows.push_back({label("尚未回访"), count(c.not_called, "callbacks.not_called"), empty()});
    t.rows.push_back({label("总体满意率"), count(c.overall_satisfaction.numerator, "callbacks.overall_satisfied"),
                      percent(c.overall_satisfaction, in.rule, "callbacks.overall")});
    t.rows.push_back({label("手机套餐满意率"), count(c.package_satisfaction.numerator, "callbacks.package_satisfied"),
                      percent(c.package_satisfaction, in.rule, "callbacks.package")});
    t.rows.push_back({label("不清楚手机套餐"), count(tally_or_empty(c.package, PackageAnswer::DontKnow), "callbacks.package_dont_know"),
                      empty()});
    t.rows.push_back({label("SOS应急与定位功能知晓率"), count(c.knows_sos.numerator, "callbacks.knows_sos_yes"),
                      percent(c.knows_sos, in.rule, "callbacks.knows_sos")});
    const auto suspended = tally_or_empty(c.outcomes, CallOutcome::Suspended).count();
    t.note_zh = "共计抽取" + std::to_string(d.sample.count()) + "个服务对象进行电话回访，占比" +
                percent_text(d.share, in.rule) + "。信息化服务质量总体满意率为" +
                percent_text(c.overall_satisfaction, in.rule) + "，手机套餐的使用情况满意率为" +
                percent_text(c.package_satisfaction, in.rule) + "，SOS应急功能与定位功能的知晓率为" +
                percent_text(c.knows_sos, in.rule) + "。无人接听占比" +
                percent_text(share_of(c, CallOutcome::NoAnswer), in.rule) + "，关机占比" +
                percent_text(share_of(c, CallOutcome::PoweredOff), in.rule) + "，暂停服务" + std::to_string(suspended) +
                "人，其中" + std::to_string(c.suspended_arrears.count()) + "人为欠费停机，" +
                std::to_string(c.suspended_silent.count()) + "人为沉默停机。";
    return t;
}

std::vector<ReportTable> tables_of(const QuarterReportInput& in, const QuarterFigures& f) {
    return {physical_table(in, f),          survey_table(in, f), info_table(in, f), new_subjects_table(in, f),
            new_subject_calls_table(in, f), deaths_table(in, f), callbacks_table(in, f)};
}

const ReportCell* cell_by_drill_tail(const std::vector<ReportTable>& tables, const std::string& table,
                                     std::size_t row, std::size_t col) {
    for (const auto& t : tables)
        if (t.code == table && row < t.rows.size() && col < t.rows[row].size()) return &t.rows[row][col];
    return nullptr;
}

// The drill code without its period: months compare by position (January beside October).
std::string figure_of(const std::string& d) { return d.substr(0, d.find('@')); }

}  // namespace

std::string yuan_text(Fen fen) {
    std::string s = format_yuan(fen, false);
    if (s.size() > 3 && s.compare(s.size() - 3, 3, ".00") == 0) s.resize(s.size() - 3);
    return s;
}

wire::QuarterReport quarter_report(const QuarterReportInput& in, const QuarterFigures& now, const QuarterFigures* previous) {
    wire::QuarterReport r;
    r.quarter = in.quarter.code();
    r.quarter_label_zh = in.quarter.label_zh();
    r.period_label_zh = month_span_zh(in.quarter.first_day(), in.quarter.last_day());
    r.title_zh = "关于" + r.period_label_zh + in.district_name + "城乡社区居家养老专业化服务项目核查报告";
    r.tables = tables_of(in, now);
    r.previous_quarter = in.quarter.previous().code();
    if (previous) {
        QuarterReportInput pin = in;
        pin.quarter = in.quarter.previous();
        pin.drawn = in.previous_drawn;
        const auto before = tables_of(pin, *previous);
        // The text beside: the recomputed one, or — the previous quarter sealed — the signed one of the same figure.
        const bool signed_before = !in.previous_signed_zh.empty();
        const auto beside = [&](const ReportCell& p) -> std::optional<std::string> {
            if (!signed_before) return p.text;
            const auto it = in.previous_signed.find(p.drill);
            if (it == in.previous_signed.end()) return std::nullopt;
            return it->second;
        };
        for (auto& t : r.tables)
            for (std::size_t i = 0; i < t.rows.size(); ++i)
                for (std::size_t k = 0; k < t.rows[i].size(); ++k) {
                    auto& c = t.rows[i][k];
                    if (c.drill.empty()) continue;
                    // Rows of outcome tables can differ between quarters: match the figure, not only the place.
                    const ReportCell* p = cell_by_drill_tail(before, t.code, i, k);
                    if (p && figure_of(p->drill) == figure_of(c.drill)) {
                        c.previous = beside(*p);
                        continue;
                    }
                    for (const auto& bt : before)
                        for (const auto& row : bt.rows)
                            for (const auto& bc : row)
                                if (!bc.drill.empty() && bc.drill == c.drill) c.previous = beside(bc);
                }
        r.previous_available = true;
        r.previous_signed_zh = in.previous_signed_zh;
    }
    r.rule_versions = in.rule_versions;
    r.rounding = code(in.rule.rounding);
    r.decimals = in.rule.decimals;
    r.generated_at = in.generated_at;
    if (in.recommendations_zh.empty()) {
        r.recommendations_zh = default_recommendations(r);
        r.recommendations_default = true;
    } else {
        r.recommendations_zh = in.recommendations_zh;
        r.recommendations_default = false;
    }
    return r;
}

std::string default_recommendations(const wire::QuarterReport& r) {
    auto text = [&](const std::string& d) {
        const auto* c = wire::find_cell(r, d);
        return c ? c->text : std::string("—");
    };
    auto compare = [&](const std::string& d) -> std::string {
        const auto* c = wire::find_cell(r, d);
        if (!c || !c->previous) return "";
        return "（上季度" + *c->previous + "）";
    };
    return "1、持续优化新增服务对象宣传与沟通\n本季度新增服务对象" + text("new_subjects.provided") + "人，号码使用率" +
           text("new_subjects.usage") + compare("new_subjects.usage") +
           "。应丰富宣传方式，提高宣传效果，确保新增服务对象能够充分了解和使用信息化服务。\n"
           "2、强化SOS应急功能与定位功能宣传推广\n服务对象对于SOS应急功能与定位功能的知晓率为" +
           text("callbacks.knows_sos") + compare("callbacks.knows_sos") +
           "，应持续加大宣传推广力度，让服务对象更加直观地了解其重要性和操作流程。\n"
           "3、进一步提高实体服务质量\n实体服务质量总体满意率为" + text("survey.overall") + compare("survey.overall") +
           "，应加强对服务人员的培训和管理，注重服务细节，不断优化服务流程。\n"
           "4、及时完成死亡服务对象核减\n本季度应核减" + text("deaths.to_deduct") + "人，下季度待核减" +
           text("deaths.next_quarter") + "人，应联系家属确认后及时核减，避免继续计费。";
}

}  // namespace yiyang::verification
