// The target table (绩效目标表) of a month: the indicators of the month and of the project year through it
// (app/indicators, both summed from the incremental per-day aggregates), judged row by row by
// shared/target_table.hpp; and its XLSX in the printed table's layout (附件2: 服务项目 / 序号 / 具体内容 / 具体要求 /
// 量化指标, plus the figures, merged cells per item as on paper).
#pragma once
#include <string>

#include "app/context.hpp"
#include "yiyang/period.hpp"
#include "yiyang/wire/target_table.hpp"

namespace yiyang::app {

// City-wide. `month` must be a month period.
wire::TargetTableReply target_table(AppContext& ctx, const Period& month);

// The .xlsx bytes of a table; exported_by "张三（主管）". Throws std::runtime_error when libxlsxwriter fails.
std::string target_table_xlsx(const wire::TargetTableReply& t, const std::string& exported_by);

}  // namespace yiyang::app
