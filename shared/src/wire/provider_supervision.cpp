// The provider supervision list as a table (wire/provider_supervision.hpp): one column list for the XLSX export and
// the screen.
#include "yiyang/wire/provider_supervision.hpp"

namespace yiyang::wire {

Table provider_supervision_table(const ProviderSupervisionList& list) {
    Table t;
    t.name = "provider_supervision";
    t.title = "服务商监管";
    t.note = "评价规则版本 " + list.rule_version + "；关键信息按 " + list.as_of + " 检查";
    t.columns = {{"id", "编号", CellKind::Integer, 6},           {"name", "服务商", CellKind::Text, 28},
                 {"platform", "平台", CellKind::Text, 14},       {"status", "状态", CellKind::Text, 8},
                 {"last_evaluation_day", "最近评价日期", CellKind::Date, 12},
                 {"grade", "评价结果", CellKind::Text, 8},       {"total", "总分", CellKind::Text, 8},
                 {"action_due", "待处理", CellKind::Text, 8},    {"last_check_day", "最近关键信息检查", CellKind::Date, 14},
                 {"licence_expires", "资质有效期", CellKind::Date, 12},
                 {"missing", "关键信息缺失", CellKind::Text, 40}};
    for (const auto& p : list.items) {
        t.rows.push_back({std::to_string(p.id), p.name, p.platform_label, p.status_label, p.last_evaluation_day,
                          p.last_grade_label, p.last_total, p.action_due_label, p.last_check_day, p.licence_expires,
                          p.missing_text});
    }
    return t;
}

}  // namespace yiyang::wire
