// The exhibition hall's day list as a table (wire/visits.hpp visits_day_table): one definition for the XLSX and
// the print page.
#include <algorithm>
#include <tuple>

#include "yiyang/wire/table.hpp"
#include "yiyang/wire/visits.hpp"

namespace yiyang::wire {

Table visits_day_table(const VisitBoard& board, const std::vector<OpenDayDetail>& open_days) {
    Table t;
    t.name = "visits";
    t.title = "展厅接待名单";
    t.note = "含待审批、已批准、已接待和未到场的团体，以及开放日的有效报名；未批准和已取消的不列出";
    t.columns = {{"day", "日期", CellKind::Date, 11},           {"time", "时段", CellKind::Text, 12},
                 {"kind", "类型", CellKind::Text, 10},          {"title", "单位或活动", CellKind::Text, 26},
                 {"contact", "联系人", CellKind::Text, 10},     {"phone", "联系电话", CellKind::Text, 14},
                 {"people", "人数", CellKind::Integer, 6},      {"code", "预约码", CellKind::Text, 9},
                 {"status", "状态", CellKind::Text, 8},         {"checked_in_at", "签到时间", CellKind::DateTime, 17},
                 {"sign", "签字", CellKind::Text, 10}};
    struct Row {
        std::string day, start;
        int kind;                       // 0 group, 1 open day
        std::string code;
        std::vector<std::string> cells;
    };
    std::vector<Row> rows;
    bool masked = false;
    for (const auto& slot : board.slots) {
        for (const auto& b : slot.bookings) {
            if (b.status == "declined" || b.status == "cancelled") continue;
            masked = masked || b.contact_masked;
            rows.push_back({b.day, b.start, 0, b.code,
                            {b.day, b.start + "–" + b.end, "团体参观", b.organisation, b.contact_name, b.contact_phone,
                             std::to_string(b.visitors), b.code, b.status_label, b.checked_in_at, ""}});
        }
    }
    for (const auto& d : open_days) {
        if (d.open_day.cancelled) continue;
        for (const auto& g : d.registrations) {
            if (g.status == "cancelled") continue;
            masked = masked || g.masked;
            rows.push_back({d.open_day.day, d.open_day.start, 1, g.code,
                            {d.open_day.day, d.open_day.start + "–" + d.open_day.end, "市民开放日", d.open_day.title, g.name,
                             g.phone, std::to_string(g.people), g.code, g.status_label, g.checked_in_at, ""}});
        }
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return std::tie(a.day, a.start, a.kind, a.code) < std::tie(b.day, b.start, b.kind, b.code);
    });
    for (auto& r : rows) t.rows.push_back(std::move(r.cells));
    if (masked) t.note += "；联系人和电话已按角色脱敏";
    return t;
}

}  // namespace yiyang::wire
