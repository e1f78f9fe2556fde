// 核查 · 季度报表 on the dashboard (issue 10): the whole quarter report (GET /api/v1/verification/report), the
// drill-down from any figure to the people or records behind it, the downloads, and the sign-off panel (签署, 会签,
// 退回, 开启更正, the signed files). Owned by app/verification_report.cpp; drawn by ui/verification_report.cpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/records.hpp"
#include "yiyang/wire/verification_report.hpp"
#include "yiyang/wire/verification_signoff.hpp"

namespace yiyang::client {

// Where a figure's drill code leads: the route of its area's drill-down and how to read the reply.
//   info_service  → GET /verification/info-service?[month&]count   (合计: each month's people in turn)
//   deaths        → GET /verification/deaths?count                  (name_mismatches: the mismatch list)
//   new_subjects  → GET /verification/new-subjects?[month&]count    (phone-check outcomes: count=outcome_<code>)
//   physical      → GET /verification/physical?[month&]count=records|payable   (every record, flagged ones marked)
//   callbacks, survey → GET /verification/callbacks/people?count=<area>.<figure>   (a percentage: its numerator)
struct DrillTarget {
    std::string area;                   // physical | survey | info_service | new_subjects | deaths | callbacks
    std::string figure;                 // the figure as the server's count (to_recover → still_billed …)
    std::string month;                  // "2024-01" or ""
    std::string path;                   // the request (page included)
};
std::optional<DrillTarget> drill_target(const std::string& code, const std::string& quarter, Id town, int page);

// The people / records behind a figure, as display rows (any area), masked as the server sent them.
struct DrillTable {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
    std::int64_t total = 0;             // rows on every page
    int page_size = 50;
    bool masked = false;
    std::string note;                   // e.g. what a physical drill-down lists
};
// The reply of `area`'s route as a table; nullopt (and *err) when it cannot be read.
std::optional<DrillTable> drill_table_of(const std::string& area, const std::string& figure,
                                         const nlohmann::json& body, std::string* err);

// The report's quarter on the wire ("2024-Q1") from the picker's ("2024Q1").
std::string wire_quarter(const std::string& quarter);
std::string report_path(const std::string& quarter, Id town, const std::string& format);

// What the signed-in role may do on the sign-off panel (the server checks again).
struct SignoffRights {
    bool sign = false;                  // supervisor, admin: 签署 / 开启更正
    bool countersign = false;           // leader (局领导): 会签 / 退回
};
SignoffRights signoff_rights(Role role);
// "封存：2024年第一季度核查报告（主管 张三 于 2025-04-02 10:00:00 签署）" — "" when not sealed.
std::string sealed_banner(const wire::SignoffList& l);
// "补充报告第1号" / "原报告".
std::string report_kind_label(const wire::SignedReport& r);
const char* signoff_status_label(const std::string& status);

struct VerReportState {
    std::string quarter;                // "2024Q1" as asked
    Id town_id = 0;                     // 0: the whole district (a town user: its own, forced by the server)
    bool loading = false;
    std::optional<wire::QuarterReport> report;
    std::string error;
    std::string recommendations;        // the editable 意见建议 (goes into the sign request)
    bool recommendations_edited = false;
    // drill-down: the people behind one figure
    std::string drill_code;             // "info_service.added@2024-01"; "" = none open
    std::string drill_title;            // "信息化服务数量 · 2024年1月 · 新增"
    int drill_page = 1;
    std::optional<DrillTable> drill;
    std::string drill_error;
    // sign-off (district report: the town picker at 全区)
    bool signoffs_loaded = false;
    std::optional<wire::SignoffList> signoffs;
    std::string signoff_error;          // loading the list failed / an action was refused (the server's Chinese)
    std::string signoff_message;        // the last action's success line
    bool signoff_busy = false;
    std::string action_note;            // 退回 / 开启更正 reason, 签署 / 会签 note
};

// ---- intents --------------------------------------------------------------------------------------------------
struct VerDrillCode { std::string code; int page = 1; };      // code "" closes the drill-down
struct VerReportDownload { std::string format; };             // xlsx | pdf (download); print (the PDF in a new tab)
struct VerEditRecommendations { std::string text; };
struct VerEditActionNote { std::string text; };
struct VerSign {};                                             // asks for confirmation first
struct VerSignoffAct { std::int64_t id = 0; std::string action; };   // countersign | return | corrections
struct VerSignedDownload { std::int64_t id = 0; std::string format; };
using VerReportAction = std::variant<VerDrillCode, VerReportDownload, VerEditRecommendations, VerEditActionNote,
                                     VerSign, VerSignoffAct, VerSignedDownload>;

}  // namespace yiyang::client
