// Every list of the dashboard as a plain table (title, filters, columns with Chinese headers, rows of text
// cells), built from the wire rows the list routes reply — already scoped and masked for the role — so the
// XLSX export (server/app/xlsx), the print page (server/app/print_html) and the screens use ONE column list each.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "yiyang/wire/calls.hpp"
#include "yiyang/wire/elders.hpp"
#include "yiyang/wire/knowledge.hpp"
#include "yiyang/wire/kpis.hpp"
#include "yiyang/wire/live.hpp"
#include "yiyang/wire/orders.hpp"

namespace yiyang::wire {

// How a cell's text is to be read: Text as is; Integer a whole number ("" = blank); DateTime a
// format_timestamp text "2026-12-04T10:00:00" (a real date-time in Excel, "2026-12-04 10:00" on paper);
// Date "2026-12-04".
enum class CellKind { Text, Integer, DateTime, Date };

struct TableColumn {
    std::string key;      // stable, for the client's sort / settings: "code", "created_at"
    std::string header;   // Chinese column header
    CellKind kind = CellKind::Text;
    double width = 12;    // in characters of a Latin font (a CJK character counts 2)
};

struct Table {
    std::string name;                                          // route name: "orders", "kpi_records", ...
    std::string title;                                         // "工单列表"
    std::vector<std::pair<std::string, std::string>> filters;  // ("状态", "已派单") in the screen's order
    std::string exported_at;                                   // "2026-12-04 20:31"
    std::string exported_by;                                   // "张三（坐席）"
    std::string note;                                          // e.g. "身份证号、手机号已按角色脱敏"
    std::vector<TableColumn> columns;
    std::vector<std::vector<std::string>> rows;                // one text per column
};

// The columns of each table (the one definition; the client's headers may use them too).
const std::vector<TableColumn>& order_columns();
const std::vector<TableColumn>& elder_columns(bool ages);   // ages: the role sees age instead of birth date
const std::vector<TableColumn>& call_columns();
const std::vector<TableColumn>& kpi_columns();
const std::vector<TableColumn>& kpi_order_columns();
const std::vector<TableColumn>& watch_columns();
const std::vector<TableColumn>& knowledge_columns();

using NameById = std::map<Id, std::string>;

// Rows from the wire rows (title, filters and who/when are the caller's).
Table orders_table(const std::vector<OrderView>& items, const NameById& towns, const NameById& providers);
Table elders_table(const std::vector<Elder>& items, const NameById& towns);
Table calls_table(const std::vector<CallRow>& items);
Table kpis_table(const KpisReply& reply);
Table kpi_records_table(const KpiRecordsReply& reply);   // orders, calls or activities, by reply.kind
Table kpi_activity_records_table(const KpiRecordsReply& reply);   // kind "activities" (wire/activities.cpp)
Table watch_table(const WatchReply& reply);
Table knowledge_table(const KbSearchReply& reply);

// The file name of an export: "工单列表_2026-12-04.xlsx" (title and the date part of `exported_at`).
std::string export_file_name(const Table& t, const std::string& extension);

// A row as one line of tab-separated text (Ctrl+C into Excel / WPS): tabs and line breaks inside a cell become
// blanks; DateTime cells "2026-12-04 10:00:00".
std::string tsv_line(const std::vector<TableColumn>& columns, const std::vector<std::string>& row);

}  // namespace yiyang::wire
