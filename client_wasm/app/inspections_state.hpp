// 巡查 (issue 13, part inspections; read_inspections: admin, supervisor, town, leader): the month's inspection-rate
// table (GET /api/v1/inspections?month=), the inspection form from the checklist in force (POST /api/v1/inspections;
// inspect), the open rectifications with their deadline and overdue marked and the re-check (POST
// /api/v1/rectifications/{id}/recheck), and a tab with the quarter's star ratings and caregiver reviews (GET
// /api/v1/inspections/quarter). Every figure (counts, rates, deadlines, overdue, stars, grades) is the server's.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "yiyang/wire/inspections.hpp"

namespace yiyang::client {

struct InspectionItemDraft {
    bool passed = true;
    std::string note;
};

// A star rating (星级评定) or a caregiver review (护理员考核) being filled on the quarter's tab.
struct ReviewDraft {
    std::int64_t institution = 0;                    // star rating: the centre
    std::string caregiver;                           // caregiver review: the caregiver's name
    std::int64_t provider = 0;                       //   and the provider employing them
    std::map<std::string, std::int64_t> scores;      // points by item code (absent: not given yet)
    std::string note;
};

struct InspectionsState {
    std::string month;                          // YYYY-MM ("" = this month)
    int tab = 0;                                // 0 巡查, 1 星级评定与护理员考核
    bool loading = false;
    std::optional<wire::InspectionBoard> board;
    std::string error;
    // the form
    std::int64_t institution = 0;               // chosen institution id
    std::string day;                            // YYYY-MM-DD ("" = today)
    std::string inspector;
    std::map<std::string, InspectionItemDraft> items;   // by checklist code (absent = passed)
    std::string note;
    bool submitting = false;
    std::string form_error, form_notice;
    // re-checks
    std::map<std::int64_t, std::string> recheck_notes;
    bool rechecking = false;
    std::string recheck_error, recheck_notice;
    // the quarter
    std::string quarter;                        // YYYY-Qn ("" = this quarter)
    bool quarter_loading = false;
    std::optional<wire::QuarterReviews> reviews;
    std::string quarter_error;
    // signing a star rating or a caregiver review (POST /api/v1/star-ratings | caregiver-reviews)
    int review_form = 0;                        // 0 none, 1 星级评定, 2 护理员考核
    ReviewDraft review;
    bool review_saving = false;
    std::string review_error, review_notice;
};

// ---- intents ---------------------------------------------------------------------------------------
struct ReloadInspections {};
struct ShiftInspectionMonth { int months = 0; };
struct SelectInspectionTab { int tab = 0; };
struct ChooseInstitution { std::int64_t id = 0; };
struct EditInspectionField { std::string field; std::string value; };          // day, inspector, note
struct SetInspectionItem { std::string code; bool passed = true; };
struct EditInspectionItemNote { std::string code; std::string note; };
struct SubmitInspection {};
struct EditRecheckNote { std::int64_t id = 0; std::string note; };
struct SubmitRecheck { std::int64_t id = 0; bool passed = true; };
struct OpenReviewForm { int kind = 0; };                                       // 0 closes, 1 星级评定, 2 护理员考核
struct EditReviewDraft { std::string field; std::string text; std::int64_t id = 0; };   // institution, caregiver, provider, note
struct SetReviewScore { std::string code; std::int64_t points = 0; };
struct SubmitReview {};

using InspectionsIntent = std::variant<ReloadInspections, ShiftInspectionMonth, SelectInspectionTab, ChooseInstitution,
                                       EditInspectionField, SetInspectionItem, EditInspectionItemNote, SubmitInspection,
                                       EditRecheckNote, SubmitRecheck, OpenReviewForm, EditReviewDraft, SetReviewScore,
                                       SubmitReview>;

// What the browser tests read of this area (yiyang_test_state()["inspections"]); defined in app/inspections.cpp.
nlohmann::json test_state_of(const InspectionsState& s);

}  // namespace yiyang::client
