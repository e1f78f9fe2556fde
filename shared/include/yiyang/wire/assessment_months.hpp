// Wire format of the stored monthly assessment (考核, issue 11): a month per provider × project × month, one sheet
// per department (股室) plus the leader's review (`_leader`), each as entered (the prefilled count beside the count,
// the reason when they differ, a note, evidence references), signed part by part and then as a whole.
// Routes: server/http/assessment_month_routes.cpp. The validation of a sheet as entered is here (one function the
// server calls at save and the screen calls at every edit).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/assessment/scorecard_rule.hpp"
#include "yiyang/wire/assessment.hpp"
#include "yiyang/wire/assessment_prefill.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

inline constexpr const char* kLeaderSheet = "_leader";   // the leader's review's department code
inline constexpr std::size_t kMaxEvidenceRefs = 20;      // per item
inline constexpr std::size_t kMaxEntryText = 500;        // characters (bytes) of a reason or a note
inline constexpr std::size_t kMaxBonusCases = 50;

// One item of a sheet as entered. `prefilled` is what the records said when the month was opened (absent for a
// manual item); a count that differs from it needs a reason.
struct SheetItemEntry {
    std::string code;
    std::optional<std::int64_t> prefilled;
    std::int64_t count = 0;
    std::string reason, note;
    std::vector<std::string> evidence;   // evidence photo ids ("photo:12") or text references
    friend bool operator==(const SheetItemEntry&, const SheetItemEntry&) = default;
};
void to_json(json& j, const SheetItemEntry& e);
void from_json(const json& j, SheetItemEntry& e);

struct SheetEntries {
    std::vector<SheetItemEntry> items;   // the rule's non-satisfaction items, rule order
    std::vector<std::int64_t> bonus_cases;
    std::int64_t satisfied = 0, answered = 0;
    std::int64_t subjects_checked = 0;   // 核查 subjects this department checked
    friend bool operator==(const SheetEntries&, const SheetEntries&) = default;
};
void to_json(json& j, const SheetEntries& s);
void from_json(const json& j, SheetEntries& s);

// The sheet at opening: every non-satisfaction item of the rule (prefilled count from `prefill` where the item's
// source is not manual, 0 otherwise), the survey's satisfied/answered from the prefill.
SheetEntries prefilled_entries(const assessment::ScorecardRule& rule, const AssessmentPrefill& prefill);
// Strict reading of a PUT body: unknown members, wrong types, too long texts, too many items are field errors.
std::vector<FieldError> sheet_entries_from_json(const json& j, SheetEntries& out);
// Everything wrong with a sheet as entered, in Chinese naming the department and the item
// (`养老服务股·服务执行·走访频次不足：…`): an unknown item, a count below 0, a count whose deduction exceeds the
// item's cap (names the largest useful count; a prefilled count left unchanged stands), satisfied > answered, subjects_checked > subjects_total, a changed
// count without a reason, and what assessment::check_sheet refuses. Empty = it may be saved.
std::vector<FieldError> check_sheet_entries(const assessment::ScorecardRule& rule, const SheetEntries& s,
                                            std::int64_t subjects_total, const std::string& department_zh);
AssessmentSheetInput sheet_input_of(const SheetEntries& s);
// The month computed from its sheets (departments in order, the leader's review): wire::preview_month.
AssessmentMonth month_of_entries(const assessment::ScorecardRule& rule, const std::vector<SheetEntries>& departments,
                                 const SheetEntries& leader);

// ---- requests and replies ------------------------------------------------------------------------------
struct OpenMonthRequest {   // POST /api/v1/assessment/months
    Id provider_id = 0;
    std::string project_code;
    std::string month;       // "2026-10"
};
std::vector<FieldError> open_month_request_from_json(const json& j, OpenMonthRequest& out);
void to_json(json& j, const OpenMonthRequest& r);

struct SheetStatus {
    std::string department_code, department_name;
    bool is_signed = false;
    friend bool operator==(const SheetStatus&, const SheetStatus&) = default;
};
void to_json(json& j, const SheetStatus& s);
void from_json(const json& j, SheetStatus& s);

struct AssessmentMonthSummary {
    Id id = 0;
    Id provider_id = 0;
    std::string provider_name, project_code, project_name, month, status, rule_version;   // status: open | signed
    std::vector<SheetStatus> sheets;      // departments in code order, the leader's review last
    std::optional<ExactScore> total;      // when signed
    std::string grade_code, grade_name_zh;
    std::optional<std::int64_t> payout_bp;
    friend bool operator==(const AssessmentMonthSummary&, const AssessmentMonthSummary&) = default;
};
void to_json(json& j, const AssessmentMonthSummary& s);
void from_json(const json& j, AssessmentMonthSummary& s);

struct AssessmentMonthList {   // GET /api/v1/assessment/months?month=
    std::string month;
    std::vector<AssessmentMonthSummary> items;   // by provider, then project
    friend bool operator==(const AssessmentMonthList&, const AssessmentMonthList&) = default;
};
void to_json(json& j, const AssessmentMonthList& l);
void from_json(const json& j, AssessmentMonthList& l);

struct AssessmentSheetView {
    std::string department_code, department_name;
    SheetEntries entries;
    AssessmentSheet computed;             // this sheet scored by the shared code
    std::int64_t subjects_total = 0;
    std::optional<ExactScore> check_rate; // subjects_checked / subjects_total (text as a percentage)
    std::string check_rate_warning_zh;    // below the rule's min_check_rate; "" otherwise (the leader: none)
    std::string updated_at, signed_by, signed_at;   // "" when not
    friend bool operator==(const AssessmentSheetView&, const AssessmentSheetView&) = default;
};
void to_json(json& j, const AssessmentSheetView& s);
void from_json(const json& j, AssessmentSheetView& s);

struct AssessmentMonthDetail {
    AssessmentMonthSummary summary;
    std::vector<AssessmentSheetView> sheets;   // as the summary's order
    AssessmentPrefill prefill;                 // as opened, names masked by the reader's policy
    AssessmentMonth figures;                   // the sheets as they stand, computed (= the signed figures once signed)
    std::string figures_sha256;                // once signed: SHA-256 of the stored figures JSON
    std::string signed_by, signed_at;
    json rule;                                 // the scorecard version the month was opened with (its body), so the
                                               // screen recomputes with it (shared parser) whoever reads
    friend bool operator==(const AssessmentMonthDetail&, const AssessmentMonthDetail&) = default;
};
void to_json(json& j, const AssessmentMonthDetail& d);
void from_json(const json& j, AssessmentMonthDetail& d);

struct ProjectGrade {
    std::string project_code, project_name, status;   // status: signed | open | missing
    std::optional<Id> month_id;
    std::optional<ExactScore> total;
    std::string grade_code;
    friend bool operator==(const ProjectGrade&, const ProjectGrade&) = default;
};
void to_json(json& j, const ProjectGrade& g);
void from_json(const json& j, ProjectGrade& g);

struct ProviderMonthGrade {   // GET /api/v1/assessment/providers/{id}/grade?month=
    Id provider_id = 0;
    std::string month;
    std::vector<ProjectGrade> projects;
    std::vector<std::string> unsigned_projects;   // project codes not yet signed (open or not opened)
    bool complete = false;                        // every project signed
    std::string lowest_project_code;              // of the signed ones ("" when none)
    std::optional<ExactScore> total;              // the lowest signed project's
    std::string grade_code, grade_name_zh;
    std::optional<std::int64_t> payout_bp;
    friend bool operator==(const ProviderMonthGrade&, const ProviderMonthGrade&) = default;
};
void to_json(json& j, const ProviderMonthGrade& g);
void from_json(const json& j, ProviderMonthGrade& g);

}  // namespace yiyang::wire
