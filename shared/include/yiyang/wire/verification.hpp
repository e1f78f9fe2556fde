// Wire format of the quarterly verification (核查, issue 10): GET /api/v1/verification/info-service — the report's
// table 信息化服务数量 (per month 原有, 新增, 拆机核减, 合计, fee) and, when asked, the people behind one count.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/records.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct InfoServiceMonthRow {
    std::string month;                 // "2024-01"
    std::string label_zh;              // "2024年1月"
    std::int64_t at_start = 0, added = 0, removed = 0, total = 0;
    std::int64_t unit_fee_fen = 0;     // the unit fee in force on the month's first day
    std::int64_t fee_fen = 0;          // total × unit_fee_fen
};
void to_json(json& j, const InfoServiceMonthRow& r);
void from_json(const json& j, InfoServiceMonthRow& r);

// One person behind a count, masked as the caller's role sees elders.
struct InfoServicePerson {
    Id elder_id = 0;
    std::string name, id_number, phone;
    Id town_id = 0;
    std::string from;                  // 开通日期
    std::optional<std::string> to;     // 拆机日期
    std::string reason;                // 拆机原因
};
void to_json(json& j, const InfoServicePerson& p);
void from_json(const json& j, InfoServicePerson& p);

struct InfoServiceReport {
    std::string quarter;               // "2024-Q1"
    std::string quarter_label_zh;      // "2024年第一季度"
    std::optional<Id> town_id;         // the town the figures are of; none = the whole district
    std::string town_name;
    std::vector<std::string> rule_versions;   // the fee rule versions used (one per month, deduplicated)
    std::vector<InfoServiceMonthRow> months;  // three
    std::int64_t at_start = 0, added = 0, removed = 0;   // sums of the months (the report's 合计 row)
    std::int64_t person_months = 0;    // Σ 合计人数
    std::int64_t fee_fen = 0;          // Σ fee
    // Drill-down (month= and count= given): the people behind that count, a page of them in elder-id order.
    std::optional<std::string> drill_month;   // "2024-01"
    std::optional<std::string> drill_count;   // at_start | added | removed | total
    std::int64_t people_total = 0;
    std::vector<InfoServicePerson> people;
    bool masked = false;               // the role sees names / ID numbers / phones masked
};
void to_json(json& j, const InfoServiceReport& r);
void from_json(const json& j, InfoServiceReport& r);

}  // namespace yiyang::wire
