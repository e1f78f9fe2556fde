// The seal guard of the write routes (签署封存, issue 10): one call at the top of every write job that can change a
// sealed quarter's figures; 409 quarter_sealed naming the signed report, and nothing written (it throws inside the
// job, which rolls back).
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <vector>

#include "store/subscriber_import.hpp"
#include "yiyang/date.hpp"
#include "yiyang/import.hpp"
#include "yiyang/period.hpp"

namespace yiyang::http {

// 409 quarter_sealed ("2024年第一季度核查报告（第12号签署，张三 2024-04-10 签署）已封存本季度的记录；…") when one of
// these quarters is sealed.
void ensure_not_sealed(SQLite::Database& db, const std::vector<Period>& quarters);
// The quarters a day recorded against a service record, a call or a check can change (verification/seal.hpp:
// its own quarter, and the one before while checks about it are still made).
std::vector<Period> quarters_of_day(const Date& day);
// The quarters a death on this day is counted in (its own, as the next report's; the next one's death window).
std::vector<Period> quarters_of_death(const Date& died);
// The subscriber ledger's commit: refused when a row it adds or changes, or a ledger row that one replaces, touches a
// sealed quarter (verification/seal.hpp: its enrolment active in the quarter — a backfill too); a whole ledger
// re-imported unchanged passes.
void ensure_ledger_not_sealed(SQLite::Database& db, const std::vector<SubscriberRow>& rows, const store::TownIds& towns);
// Rethrows an app::QuarterSealed (from a streamed import) as the 409.
[[noreturn]] void fail_sealed(const std::string& message_zh);

}  // namespace yiyang::http
