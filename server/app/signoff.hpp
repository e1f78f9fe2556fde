// Sign-off and sealing of the quarterly verification report (签署与封存, issue 10): which quarters are sealed and by
// which report (the guard every write that can change a sealed quarter's figures calls), the report's figures in
// canonical form, the changes a supplement shows, the snapshot of the records behind the figures, and signing.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/context.hpp"
#include "store/verification_signoff.hpp"
#include "yiyang/period.hpp"
#include "yiyang/wire/verification_report.hpp"
#include "yiyang/wire/verification_signoff.hpp"

namespace yiyang::app {

// The signed report that seals a quarter now.
struct SealInfo {
    Period quarter;
    Id report_id = 0;
    std::string title_zh, signed_by;
    Date signed_day{};
};
std::optional<SealInfo> seal_of(SQLite::Database& db, const Period& quarter);
// "2024年第一季度核查报告（第12号签署，张三 2024-04-10 签署）已封存本季度的记录；如需更正，请开启更正并签署补充报告"
std::string sealed_message_zh(const SealInfo& s);

// Thrown (inside a write job, so that nothing stays) when a write would change a sealed quarter.
struct QuarterSealed : std::exception {
    SealInfo info;
    std::string message_zh;
    const char* what() const noexcept override { return message_zh.c_str(); }
};
// Throws QuarterSealed for the first of these quarters that is sealed.
void ensure_not_sealed(SQLite::Database& db, const std::vector<Period>& quarters);
// Every quarter sealed now (an import checks its rows against them).
std::vector<SealInfo> sealed_quarters(SQLite::Database& db);

// The report's figures: every cell with a drill code → {label, text}, as a JSON object (keys sorted: canonical;
// dumped without spaces it is what figures_sha256 hashes), with the recommendations and rules beside.
nlohmann::json report_figures(const wire::QuarterReport& rep);
// Every figure whose text differs between two reports' figures (or is only in one), in code order.
std::vector<wire::SignoffChange> figure_changes(const nlohmann::json& before, const nlohmann::json& after);

// The records behind the quarter's figures, as loaded (one line per row: list, then its fields, tab-separated,
// in a fixed order), gzipped. rows: the number of lines.
struct Snapshot {
    std::string gz;
    std::int64_t rows = 0, raw_bytes = 0;
};
Snapshot quarter_snapshot(SQLite::Database& db, const Period& quarter);

// Tests only (empty in the server): called after a signature was computed on a reader and before the writer checks
// that no data changed meanwhile (http/verification_signoff_routes) — a test writes there to see it computed again.
extern std::function<void(int attempt)> sign_computed_hook;

// The wire form of a stored report.
wire::SignedReport to_wire(const store::SignedReportRow& r);
wire::SignoffList signoff_list(SQLite::Database& db, const Period& quarter);

}  // namespace yiyang::app
