// Information-service fees of a quarter (信息化服务数量, issue 10): per month the subscribers at the start (原有),
// new (新增), removed (拆机核减) and billed (合计 = 原有 + 新增 − 拆机核减), fee = 合计 × the unit fee in force; and the
// versioned fee rule (kind "verification_fees": 20 yuan per subscriber per month, 30 yuan per physical service).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>

#include "yiyang/date.hpp"
#include "yiyang/money.hpp"
#include "yiyang/period.hpp"
#include "yiyang/records.hpp"

namespace yiyang {

// ---- the rule ----------------------------------------------------------------------------------------------------
struct VerificationFees {                 // assets/rules/verification-fees.json
    std::string version;
    Fen info_service_fen = 2000;          // 信息化服务：每人每月 20 元
    Fen physical_service_fen = 3000;      // 实体服务：每人次 30 元
};
void from_json(const nlohmann::json& j, VerificationFees& v);   // throws std::invalid_argument naming the field
void to_json(nlohmann::json& j, const VerificationFees& v);

// ---- the counting ------------------------------------------------------------------------------------------------
// One information-service enrolment of one elder: opened on `from` (开通日期), ended on `to` (拆机日期) if ended.
struct Subscription {
    Id elder_id = 0;
    Date from;
    std::optional<Date> to;
};

// THE rule of counting, for month M = [first, last]:
//   原有 at_start : from <  first  and (no to, or to >= first)      — in service when M begins
//   新增 added    : first <= from <= last                           — opened in M: billed for M in full
//   拆机 removed  : first <= to <= last                             — ended in M: NOT billed for M (the day of
//                   removal ends the service; the Hanjiang report bills 合计 = 原有 + 新增 − 拆机核减, and its next
//                   month's 原有 is this month's 合计)
//   合计 total    : from <= last and (no to, or to > last)          — in service when M ends: billed for M
// So total = at_start + added − removed holds for every month, and total(M) = at_start(M+1). A subscription opened
// and removed in the same month counts as new and removed, and is not billed. Dates out of order (to < from) are
// refused by the import; here such a span counts in nothing.
enum class InfoServiceCount { AtStart, Added, Removed, Total };
const char* code(InfoServiceCount c);       // "at_start" | "added" | "removed" | "total"
const char* label_zh(InfoServiceCount c);   // 原有服务对象 | 新增服务对象 | 拆机核减人员 | 合计人数
std::optional<InfoServiceCount> info_service_count_from_code(std::string_view code);
bool counts_in(const Subscription& s, const Period& month, InfoServiceCount c);

struct InfoServiceMonth {
    Period month;
    std::int64_t at_start = 0, added = 0, removed = 0, total = 0;
    Fen unit_fee_fen = 0;
    Fen fee_fen = 0;                      // total × unit_fee_fen
};
struct InfoServiceQuarter {
    Period quarter;
    std::array<InfoServiceMonth, 3> months;
    std::int64_t at_start = 0, added = 0, removed = 0;   // sums of the months (the report's 合计 row: 17761, 75, 136)
    std::int64_t person_months = 0;       // Σ total (17 700)
    Fen fee_fen = 0;                      // Σ fee (354 000 yuan)
};
// `unit_fee_fen[i]`: the unit fee in force on the first day of the quarter's i-th month.
InfoServiceQuarter info_service_quarter(const std::vector<Subscription>& subs, const Period& quarter,
                                        const std::array<Fen, 3>& unit_fee_fen);
// The subscriptions behind one count of one month, in (elder id, opening date) order (the drill-down).
std::vector<Subscription> info_service_members(const std::vector<Subscription>& subs, const Period& month, InfoServiceCount c);

// "2024Q1", "2024-Q1", "2024q1" → the quarter; anything else nullopt.
std::optional<Period> parse_quarter(std::string_view text);

}  // namespace yiyang
