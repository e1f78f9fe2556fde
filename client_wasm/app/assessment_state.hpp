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

namespace yiyang::client {

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
};

// ---- intents ---------------------------------------------------------------------------------------
struct EditAssessmentSheet { int department = -1; wire::AssessmentSheetInput sheet; };   // -1: the leader's review
struct AddAssessmentDepartment {};
struct RemoveAssessmentDepartment { int department = 0; };
struct EditAssessmentContext { std::string provider, month; };
struct CheckAssessmentOnServer {};
struct ReloadAssessmentRule {};

using AssessmentIntent = std::variant<EditAssessmentSheet, AddAssessmentDepartment, RemoveAssessmentDepartment,
                                      EditAssessmentContext, CheckAssessmentOnServer, ReloadAssessmentRule>;

// What the browser tests read of this area (yiyang_test_state()["assessment"]); defined in app/assessment.cpp.
nlohmann::json test_state_of(const AssessmentState& s);

}  // namespace yiyang::client
