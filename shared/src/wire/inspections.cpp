// The inspection-rate reply from shared's table, and the monthly inspection-rate table (巡检率汇总表) as an export
// table (wire/inspections.hpp): one definition for the XLSX and the print page.
#include "yiyang/wire/inspections.hpp"

#include "yiyang/wire/table.hpp"

namespace yiyang::wire {

namespace {
RateText rate_text(const Ratio& r, const inspections::InspectionRule& rule) {
    return {r.num, r.den, r.defined() ? r.percent_text(rule.decimals, rule.rounding) : "—"};
}
}  // namespace

InspectionRateReply rate_reply(const inspections::RateTable& t, const inspections::InspectionRule& r) {
    InspectionRateReply out;
    out.month = t.month.code();
    out.month_label = t.month.label_zh();
    out.rule_version = r.version;
    out.required = t.required;
    out.institutions = t.institutions;
    out.met = t.met;
    out.inspections = t.inspections;
    out.rate = rate_text(t.rate, r);
    for (const auto& row : t.rows)
        out.rows.push_back({row.institution_id, row.name, row.town_name, row.count, row.required, row.met});
    for (const auto& town : t.towns)
        out.towns.push_back({town.town_id, town.town_name, town.institutions, town.met, rate_text(town.rate, r)});
    return out;
}

Table inspection_rate_table(const InspectionRateReply& reply) {
    Table t;
    t.name = "inspection_rate";
    t.title = "养老机构巡检率汇总表";
    t.note = "每家机构每月应巡检 " + std::to_string(reply.required) + " 次；巡检率 = 达到要求次数的机构数 ÷ 机构数（规则 " +
             reply.rule_version + "）";
    t.columns = {{"town", "镇街", CellKind::Text, 12},       {"name", "机构", CellKind::Text, 30},
                 {"count", "本月巡检次数", CellKind::Integer, 12}, {"required", "应巡检次数", CellKind::Integer, 10},
                 {"met", "是否达标", CellKind::Text, 9},      {"rate", "巡检率", CellKind::Text, 10}};
    for (const auto& row : reply.rows)
        t.rows.push_back({row.town_name, row.name, std::to_string(row.count), std::to_string(row.required),
                          row.met ? "达标" : "未达标", ""});
    for (const auto& town : reply.towns)
        t.rows.push_back({town.town_name, "镇街小计（" + std::to_string(town.met) + "/" + std::to_string(town.institutions) +
                                              " 家达标）",
                          "", "", "", town.rate.text});
    t.rows.push_back({"全市", "合计（" + std::to_string(reply.met) + "/" + std::to_string(reply.institutions) + " 家达标，共巡检 " +
                                 std::to_string(reply.inspections) + " 次）",
                      std::to_string(reply.inspections), "", "", reply.rate.text});
    return t;
}

}  // namespace yiyang::wire
