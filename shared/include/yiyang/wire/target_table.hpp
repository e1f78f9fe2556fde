// Wire format of the target table (绩效目标表): GET /api/v1/target-table?month=YYYY-MM — every indicator of the
// targets in force with the month's figure, the project year's to date and the row's judgement
// (target_table.hpp); the same reply feeds the screen (ui/target_table.cpp) and the XLSX
// (GET /api/v1/export/target-table.xlsx).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "yiyang/wire/common.hpp"
#include "yiyang/wire/kpis.hpp"

namespace yiyang::wire {

struct TargetTableRow {
    int item = 0;                     // the contract's (1)..(19); 0 = another contract's target
    std::string category_zh;          // 服务项目 ("" without a layout)
    std::string title_zh;             // 具体内容
    std::string content_zh;           // 具体要求 (the work's description)
    KpiItemReply month;               // as GET /api/v1/kpis?period=<month> gave it
    KpiItemReply quarter;             // as GET /api/v1/kpis?period=<the quarter holding the month> gave it
    KpiItemReply year_to_date;        // as GET /api/v1/kpis?period=<project year through the month> gave it
    std::string status;               // target_table.hpp code: met | not_met | on_track | behind | no_data | as_needed
    std::string status_zh;            // 达标 …
    bool on_year = false;             // judged on the year to date
    bool on_quarter = false;          // judged on the quarter (neither: on the month)
    std::optional<std::string> projection;   // a running year's count projected to the year's end: "7"
    std::string basis_zh;             // 按本月 | 按本季度 | 按项目年度累计 | 按项目年度累计，预计全年 7
    bool operator==(const TargetTableRow&) const = default;
};

struct TargetTableCounts {
    int met = 0, not_met = 0, on_track = 0, behind = 0, no_data = 0, as_needed = 0;
    bool operator==(const TargetTableCounts&) const = default;
};

struct TargetTableReply {
    KpiPeriodInfo month;              // the month chosen
    KpiPeriodInfo quarter;            // the quarter holding it ("2026-Q4")
    KpiPeriodInfo year_to_date;       // the project year through that month ("2026-P02-10")
    KpiPeriodInfo project_year;       // the whole project year ("2026-P02")
    std::string counted_through;      // the last day the year to date counts ("2026-11-30", or today's date)
    std::string targets_version;
    std::string as_of;
    std::vector<TargetTableRow> rows; // in the targets' order (the printed table's, then the other contracts')
    TargetTableCounts counts;
    bool operator==(const TargetTableReply&) const = default;
};

void to_json(json& j, const TargetTableRow& v);
void from_json(const json& j, TargetTableRow& v);
void to_json(json& j, const TargetTableCounts& v);
void from_json(const json& j, TargetTableCounts& v);
void to_json(json& j, const TargetTableReply& v);
void from_json(const json& j, TargetTableReply& v);

}  // namespace yiyang::wire
