// Wire format of the indicators: GET /api/v1/kpis (every indicator of a period and scope) and
// GET /api/v1/kpis/{code}/records (the orders or calls behind a figure). Written by server/app/indicators and
// http/kpi_routes, read by the dashboard (app/live.cpp) with wire::read_reply.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/records.hpp"
#include "yiyang/wire/activities.hpp"
#include "yiyang/wire/calls.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct KpiPeriodInfo {                // period.hpp Period as the reply names it
    std::string code;                 // "2026-11", "2026-Q4", "2026"
    std::string label;                // 2026年11月
    std::string first, last;          // "2026-11-01", "2026-11-30"
    bool operator==(const KpiPeriodInfo&) const = default;
};
struct KpiScopeInfo {                 // the city (all null), a town or a provider
    std::optional<Id> town_id;
    std::optional<std::string> town_name;
    std::optional<Id> provider_id;
    std::optional<std::string> provider_name;
    bool operator==(const KpiScopeInfo&) const = default;
};
struct KpiFraction {                  // an exact value: num / den (a count is num / 1)
    std::int64_t num = 0, den = 0;
    bool operator==(const KpiFraction&) const = default;
};

// One indicator: its target (kpi.hpp KpiTarget) and, when applicable, its figure (kpi.hpp KpiResult counts).
struct KpiItemReply {
    std::string code, name_zh;
    int item = 0;                     // the contract's item number (0: none)
    std::string unit;                 // percent | count | per_week | as_needed
    std::string period;               // the target's own period: month | quarter | project_year
    std::string source;               // records | entered
    std::string target_text;          // "≥ 95%"
    std::string requirement_zh;
    bool applicable = false;          // false: no value for this scope / source (see note)
    std::optional<std::string> kind;  // "orders" | "calls" | "visits" | "activities" (what a drill-down lists)
    std::optional<KpiFraction> value;
    std::string display;              // "95.12%", "—"
    std::optional<bool> met;
    std::optional<std::int64_t> numerator_count, denominator_count;
    std::optional<std::int64_t> failure_count;   // a ratio's 未达标 records (kpi.hpp KpiResult); null for counts
    std::optional<std::string> note;  // why there is no value
    bool operator==(const KpiItemReply&) const = default;
};
struct KpisReply {
    KpiPeriodInfo period;
    KpiScopeInfo scope;
    std::string targets_version;
    std::string as_of;
    std::vector<KpiItemReply> items;
    bool operator==(const KpisReply&) const = default;
};

// One order behind a figure (the drill-down of an order or SLA indicator).
struct KpiOrderRecord {
    Id id = 0;
    std::string code, type, channel, status, created_at;
    Id town_id = 0;
    std::string town_name;
    std::optional<Id> provider_id;
    std::optional<std::string> provider_name;
    std::optional<int> satisfaction;
    bool operator==(const KpiOrderRecord&) const = default;
};
// A provider (or a town, for service_item_online_rate) behind a provider indicator (issue 13, providers).
struct KpiProviderRecord {
    std::int64_t id = 0;                   // provider id, or town id when kind = "towns"
    std::string name;
    std::string status_label;              // 正常 / 预警 / 清退 ("" for a town)
    std::string detail;                    // 最近评价 差（54.5，2026-11-20），已清退 / 缺少联系电话 / 缺少服务项目：助洁
    bool operator==(const KpiProviderRecord&) const = default;
};
// One signed operation report behind a report indicator (kind "reports"; issue 13, part reports).
struct KpiReportRecord {
    Id id = 0;
    std::string kind, period, title, signed_by, signed_at;
    int supplement_no = 0;
    bool operator==(const KpiReportRecord&) const = default;
};
void to_json(json& j, const KpiReportRecord& v);
void from_json(const json& j, KpiReportRecord& v);

// A page of the records behind a figure. kind "orders": `orders`; kind "calls": `calls`, each a call as
// GET /api/v1/calls lists it (the calls area's shape, the outside number masked by role). Both are "items".
struct KpiRecordsReply {
    std::string code, name_zh;
    std::string kind;                 // "orders" | "calls"
    std::string side;                 // "numerator" | "denominator"
    KpiPeriodInfo period;
    KpiScopeInfo scope;
    std::vector<KpiOrderRecord> orders;
    std::vector<CallRow> calls;
    std::vector<KpiActivityRecord> activities;   // kind "activities" (issue 13: the approved activity records)
    std::vector<KpiProviderRecord> providers;   // kind "providers" | "towns" (issue 13, providers)
    std::vector<KpiReportRecord> reports;   // kind "reports": the signed reports (issue 13)
    std::int64_t total = 0;
    int page = 1, page_size = 20;
    bool operator==(const KpiRecordsReply&) const = default;
};

void to_json(json& j, const KpiPeriodInfo& v);
void from_json(const json& j, KpiPeriodInfo& v);
void to_json(json& j, const KpiScopeInfo& v);
void from_json(const json& j, KpiScopeInfo& v);
void to_json(json& j, const KpiFraction& v);
void from_json(const json& j, KpiFraction& v);
void to_json(json& j, const KpiItemReply& v);
void from_json(const json& j, KpiItemReply& v);
void to_json(json& j, const KpisReply& v);
void from_json(const json& j, KpisReply& v);
void to_json(json& j, const KpiOrderRecord& v);
void from_json(const json& j, KpiOrderRecord& v);
void to_json(json& j, const KpiProviderRecord& v);
void from_json(const json& j, KpiProviderRecord& v);
void to_json(json& j, const KpiRecordsReply& v);
void from_json(const json& j, KpiRecordsReply& v);

}  // namespace yiyang::wire
