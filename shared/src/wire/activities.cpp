// The activity records as tables (wire/activities.hpp): the month's list for the XLSX export, and the records behind
// an entered indicator (the KPI drill-down's export).
#include "yiyang/wire/activities.hpp"

#include "yiyang/wire/table.hpp"

namespace yiyang::wire {

namespace {
std::string num(std::int64_t v) { return v ? std::to_string(v) : std::string(); }
std::string counts(std::int64_t n, std::int64_t d) { return d ? std::to_string(n) + " / " + std::to_string(d) : std::string(); }
}  // namespace

Table activities_table(const ActivityList& list) {
    Table t;
    t.name = "activities";
    t.title = "工作台账（" + list.month + "）";
    t.note = "只有“已审核”的记录计入绩效目标表；数量列按类别填写（印制份数、调查人次、检查与回应件数）";
    t.columns = {{"date", "日期", CellKind::Date, 11},       {"kind", "类别", CellKind::Text, 18},
                 {"title", "标题", CellKind::Text, 30},      {"place", "地点", CellKind::Text, 18},
                 {"participants", "人数", CellKind::Integer, 6}, {"quantity", "数量", CellKind::Integer, 8},
                 {"counts", "正常/检查（回应/收到）", CellKind::Text, 14}, {"channel", "渠道", CellKind::Text, 10},
                 {"files", "佐证", CellKind::Integer, 6},     {"status", "状态", CellKind::Text, 8},
                 {"entered_by", "录入人", CellKind::Text, 10}, {"decided_by", "审核人", CellKind::Text, 10},
                 {"reason", "退回原因", CellKind::Text, 20}};
    for (const auto& a : list.items) {
        t.rows.push_back({a.date, a.kind_name, a.title, a.place, num(a.participants), num(a.quantity),
                          counts(a.numerator, a.denominator), a.channel, std::to_string(a.files), a.status_label,
                          a.entered_by, a.decided_by, a.reason});
    }
    return t;
}

Table kpi_activity_records_table(const KpiRecordsReply& reply) {
    Table t;
    t.name = "kpi_records";
    t.title = reply.name_zh + "（工作台账记录）";
    t.columns = {{"date", "日期", CellKind::Date, 11},      {"kind", "类别", CellKind::Text, 18},
                 {"title", "标题", CellKind::Text, 30},     {"place", "地点", CellKind::Text, 18},
                 {"quantity", "数量", CellKind::Integer, 8}, {"counts", "正常/检查（回应/收到）", CellKind::Text, 14},
                 {"approved_by", "审核人", CellKind::Text, 10}, {"approved_at", "审核时间", CellKind::DateTime, 17},
                 {"files", "佐证", CellKind::Integer, 6}};
    for (const auto& a : reply.activities) {
        t.rows.push_back({a.date, a.kind_name, a.title, a.place, num(a.quantity), counts(a.numerator, a.denominator),
                          a.approved_by, a.approved_at, std::to_string(a.files)});
    }
    return t;
}

}  // namespace yiyang::wire
