// Wire format of the quarterly verification report (核查报告, issue 10): GET /api/v1/verification/report — the seed's
// tables display-ready (实体服务数量, 实体服务质量, 信息化服务数量, 新增服务对象核查, 死亡服务对象核查, 回访), each figure
// with the code to drill down to its records, the previous quarter beside, the recommendations and the rules used.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/records.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

// One cell. A label cell ("2024年1月", "合计") has no drill; a figure cell carries:
//   value : the count, or fen for money (none for percentages and labels);
//   drill : "<area>.<figure>[@<period>]" — area physical | survey | info_service | new_subjects | deaths | callbacks,
//           figure the count's code (info_service.added@2024-01, deaths.to_deduct, survey.valid …), period a month
//           ("2024-01") or none for the quarter; the client maps it to the area's drill-down route;
//   previous : the same figure's text in the previous quarter, when that quarter's lists were imported.
struct ReportCell {
    std::string text;                    // "3456", "103680", "68.00%", "2024年1月"
    std::optional<std::int64_t> value;
    std::string drill;
    std::optional<std::string> previous;
    friend bool operator==(const ReportCell&, const ReportCell&) = default;
};
void to_json(json& j, const ReportCell& c);
void from_json(const json& j, ReportCell& c);

struct ReportTable {
    std::string code;                    // physical | survey | info_service | new_subjects | deaths | callbacks | outcomes
    std::string title_zh;                // "1、实体服务数量"
    std::vector<std::string> columns;    // header cells
    std::vector<std::vector<ReportCell>> rows;   // each as many cells as columns; the last row is 合计 where the seed has one
    std::string note_zh;                 // the paragraph under it ("共计完成实体服务9562人次…")
    friend bool operator==(const ReportTable&, const ReportTable&) = default;
};
void to_json(json& j, const ReportTable& t);
void from_json(const json& j, ReportTable& t);

struct QuarterReport {
    std::string quarter;                 // "2024-Q1"
    std::string quarter_label_zh;        // "2024年第一季度"
    std::string period_label_zh;         // "2024年1月-2024年3月"
    std::string title_zh;                // "莆田市涵江区2024年第一季度居家养老服务项目核查报告"
    std::optional<Id> town_id;           // none = the whole district
    std::string town_name;
    std::vector<ReportTable> tables;     // in the seed's order
    std::string previous_quarter;        // "2023-Q4": the quarter of the cells' `previous`
    bool previous_available = false;     // false: no list of the previous quarter, no `previous` anywhere
    // "" = the previous quarter's figures are computed from its records now; else that quarter is sealed and the
    // figures beside are those its report signed (the district's report only): "已签署" or "补充报告第N号".
    std::string previous_signed_zh;
    std::string recommendations_zh;      // 意见建议 (a default text until edited)
    bool recommendations_default = true;
    std::vector<std::string> rule_versions;   // "verification_fees 2024-01-01", "verification_report 2024-01-01" …
    std::string rounding;                // "truncate" | "half_up"
    int decimals = 2;
    std::string generated_at;            // ISO-8601 UTC
    bool masked = false;                 // ID numbers in any text are masked for the caller
    friend bool operator==(const QuarterReport&, const QuarterReport&) = default;
};
void to_json(json& j, const QuarterReport& r);
void from_json(const json& j, QuarterReport& r);

// The cell of a table row whose drill code is `drill` (nullptr if none) — for tests and the client's lookups.
const ReportCell* find_cell(const QuarterReport& r, const std::string& drill);

}  // namespace yiyang::wire
