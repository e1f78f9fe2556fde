// 绩效目标表 (issue 13; read_target_table: admin, supervisor, leader): the contract's target table of a month — every
// indicator with the month's figure, the project year's to date and the server's judgement
// (GET /api/v1/target-table?month=; shared/target_table.hpp decides 达标 / 未达标 / 按进度 / 落后 / 无数据 / 按需),
// the XLSX in the printed layout, and a row's figure opened on 绩效指标 with its drill-down (the month, or the
// project year through the month). Nothing is computed here.
#pragma once
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "yiyang/wire/target_table.hpp"

namespace yiyang::client {

struct TargetTableState {
    std::string month;                          // "2026-11" ("" = the current month)
    bool loading = false;
    std::optional<wire::TargetTableReply> table;
    std::string error;                          // loading failed (Chinese)
    std::string selected;                       // the indicator code whose row is expanded ("" = none)
    std::string filter;                         // "" all | "attention" (未达标 / 落后 / 无数据)
};

// ---- intents ---------------------------------------------------------------------------------------
struct ReloadTargetTable {};
struct ShiftTargetMonth { int months = 0; };             // ±1; 0 = back to the current month
struct SelectTargetRow { std::string code; };            // "" closes
struct SetTargetFilter { std::string filter; };
struct OpenTargetFigure { std::string code; bool year_to_date = false; bool quarter = false; };   // 绩效指标, drill-down

using TargetTableIntent = std::variant<ReloadTargetTable, ShiftTargetMonth, SelectTargetRow, SetTargetFilter,
                                       OpenTargetFigure>;

// What the browser tests read of this area (yiyang_test_state()["target_table"]); defined in app/target_table.cpp.
nlohmann::json test_state_of(const TargetTableState& s);

}  // namespace yiyang::client
