// 工作台账 (issue 13, activity records; read_activities: admin, supervisor, agent, leader): the month's records by
// kind and status (GET /api/v1/activities), a form to enter or correct one (POST / PUT), its evidence files uploaded
// by the browser straight to POST /api/v1/activities/{id}/files (platform/photos.hpp pick_activity_files) and shown
// (image thumbnails; PDFs open), approve / return with a reason for supervisors, and the XLSX export. Every count
// and figure is the server's; the screen only shows it.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/validation.hpp"
#include "yiyang/wire/activities.hpp"

namespace yiyang::client {

struct ActivityForm {
    std::int64_t id = 0;               // 0: a new record; else the record being corrected
    std::string kind, date, title, place, participants_text, channel, note;
    std::int64_t participants = 0, quantity = 0, numerator = 0, denominator = 0;
};

struct ActivitiesState {
    std::string month;                 // "2026-12" ("" = this month)
    std::string kind, status;          // filters ("" = all)
    bool loading = false;
    std::optional<wire::ActivityList> list;
    std::string error;
    // the form
    bool form_open = false;
    ActivityForm form;
    bool saving = false;
    std::vector<FieldError> form_errors;
    std::string form_error;
    // the record shown (with its evidence)
    std::int64_t selected = 0;
    std::optional<wire::ActivityView> detail;
    std::string return_reason;
    bool acting = false;
    std::string action_error, action_notice;
    int uploads_pending = 0;
};

// ---- intents ---------------------------------------------------------------------------------------
struct ReloadActivities {};
struct ShiftActivityMonth { int months = 0; };
struct FilterActivities { std::string kind, status; };
struct OpenActivityForm { std::int64_t id = 0; };          // 0: new; else correct the selected record
struct EditActivityForm { ActivityForm form; };
struct SaveActivity {};
struct CloseActivityForm {};
struct SelectActivity { std::int64_t id = 0; };
struct EditReturnReason { std::string reason; };
struct DecideActivity { std::int64_t id = 0; bool approve = true; };   // approve, or return with the typed reason
struct ActivityUploadStarted { std::int64_t record = 0; int count = 0; };
struct ActivityUploaded { std::int64_t record = 0; int status = 0; std::string text; };

using ActivitiesIntent = std::variant<ReloadActivities, ShiftActivityMonth, FilterActivities, OpenActivityForm,
                                      EditActivityForm, SaveActivity, CloseActivityForm, SelectActivity,
                                      EditReturnReason, DecideActivity, ActivityUploadStarted, ActivityUploaded>;

// What the browser tests read of this area (yiyang_test_state()["activities"]); defined in app/activities.cpp.
nlohmann::json test_state_of(const ActivitiesState& s);

}  // namespace yiyang::client
