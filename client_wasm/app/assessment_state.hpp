// 考核 (admin, supervisor): the what-if of a month's assessment. The scorecard rule in force (read through the rules
// API, parsed with the shared parser), one sheet per department plus the leader's review as typed; every edit is
// recomputed at once by the shared code in WebAssembly (wire::preview_month), and 「服务器核算」 posts the same sheets
// to POST /api/v1/assessment/preview and says whether the server's figures equal the screen's.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/assessment/scorecard_rule.hpp"
#include "yiyang/wire/assessment.hpp"
#include "yiyang/wire/assessment_months.hpp"
#include "yiyang/wire/care_projects.hpp"

namespace yiyang::client {

// The stored months (GET/PUT/POST /api/v1/assessment/months…): a month picked, its list, one month opened. When a
// month is open the what-if table above shows its sheets (the month's rule, one column per department and the
// leader's review); only the user's own column is editable; `draft` is that sheet as edited (counts, reasons),
// checked at every edit by shared wire::check_sheet_entries and recomputed by wire::preview_month.
struct AssessmentMonthsState {
    std::string month;                                  // "2026-10" (default: last month)
    bool loading = false;
    std::optional<wire::AssessmentMonthList> list;
    std::string error;                                  // loading the list or a month failed
    std::optional<wire::AssessmentMonthDetail> open;    // the month opened
    std::string my_department;                          // the session's 股室 code; "_leader" for the leader role
    std::string my_department_name;
    int my_column = -2;                                 // the own sheet: a department index, -1 the leader, -2 none
    wire::SheetEntries draft;                           // the own sheet as edited
    std::vector<FieldError> draft_errors;               // shared check at every edit (Chinese, department·item)
    std::vector<FieldError> server_errors;              // the server's 422 fields, shown beside the items
    std::string message;                                // the last action's result (Chinese)
    bool busy = false;
    std::optional<bool> signed_equal;                   // signed: the server's figures == the browser's
    Id want_provider = 0;                               // a URL's provider (and project): opened when the list arrives
    std::string want_project;
    Id open_provider = 0;                               // 开启考核 form: a provider of the project, by name
    std::string open_project;                           // "" until the projects arrive (then the first)
    std::optional<wire::CareProjectList> projects;      // the projects and their providers (scorers only)
};

struct AssessmentState {
    bool loaded = false;                       // the rule arrived and parsed
    std::string error;                         // loading or parsing the rule failed (Chinese)
    std::string today;                         // the server's date (the rule in force on it; sent as `on`)
    std::string rule_version;
    std::optional<assessment::ScorecardRule> rule;
    std::string provider;                      // free text for now (no provider / project store yet)
    std::string month;                         // "2026-11", free text for now
    wire::AssessmentPreviewRequest sheets;     // departments' sheets and the leader's review as typed
    std::optional<wire::AssessmentMonth> computed;   // the screen's figures (shared code, here)
    std::string compute_error;                 // a sheet the shared check refused (Chinese, naming sheet and item)
    // 「服务器核算」
    bool checking = false;
    std::optional<bool> server_equal;          // the server's reply equals `computed` (for the same sheets)
    std::optional<wire::AssessmentMonth> server;
    std::string server_error;
    AssessmentMonthsState months;              // the stored months; `months.open` switches the table to a month
};

// ---- intents ---------------------------------------------------------------------------------------
struct EditAssessmentSheet { int department = -1; wire::AssessmentSheetInput sheet; };   // -1: the leader's review
struct AddAssessmentDepartment {};
struct RemoveAssessmentDepartment { int department = 0; };
struct EditAssessmentContext { std::string provider, month; };
struct CheckAssessmentOnServer {};
struct ReloadAssessmentRule {};
struct PickAssessmentMonth { std::string month; };               // lists that month's assessments
struct OpenAssessmentMonth { Id id = 0; };                       // 0: back to the what-if
struct StartAssessmentMonth { Id provider_id = 0; std::string project_code; };   // POST …/months for the picked month
struct EditAssessmentStartForm { Id provider_id = 0; std::string project_code; };
struct EditAssessmentReason { std::string code, reason; };       // the own sheet's reason for a changed count
struct EditAssessmentChecked { std::int64_t subjects_checked = 0; };   // the own sheet's 核查人数
struct SaveAssessmentSheet {};
struct SignAssessmentSheet {};
struct SignAssessmentMonth {};                                   // the leader: the whole

using AssessmentIntent = std::variant<EditAssessmentSheet, AddAssessmentDepartment, RemoveAssessmentDepartment,
                                      EditAssessmentContext, CheckAssessmentOnServer, ReloadAssessmentRule,
                                      PickAssessmentMonth, OpenAssessmentMonth, StartAssessmentMonth, EditAssessmentStartForm,
                                      EditAssessmentReason, EditAssessmentChecked, SaveAssessmentSheet, SignAssessmentSheet, SignAssessmentMonth>;

// What the browser tests read of this area (yiyang_test_state()["assessment"]); defined in app/assessment.cpp.
nlohmann::json test_state_of(const AssessmentState& s);

}  // namespace yiyang::client
