// The monthly assessment's rows (考核, issue 11; migration 21): the bureau's departments (股室), the care projects
// and which providers serve in them, the months (one per provider × project × month) and their sheets (one per
// department plus the leader's review `_leader`). Plain reads and writes: what may be written when is decided by
// the routes (server/http/assessment_month_routes.cpp); the triggers keep a signed month and a signed sheet.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "yiyang/records.hpp"
#include "yiyang/wire/care_projects.hpp"

namespace yiyang::store {

struct Department {
    std::string code, name_zh;
    bool active = true;
};
std::optional<Department> department_by_code(SQLite::Database& db, const std::string& code);
std::vector<Department> departments(SQLite::Database& db, bool active_only);   // by code
// Throws std::runtime_error (Chinese) when the code exists.
void add_department(SQLite::Database& db, const Department& d);
std::optional<Department> department_of_user(SQLite::Database& db, Id user_id);
void set_user_department(SQLite::Database& db, Id user_id, const std::string& code);

std::optional<std::string> project_name(SQLite::Database& db, const std::string& code);
void add_project(SQLite::Database& db, const std::string& code, const std::string& name_zh);
bool provider_in_project(SQLite::Database& db, Id provider_id, const std::string& project_code);
void add_provider_project(SQLite::Database& db, Id provider_id, const std::string& project_code);
std::vector<std::string> projects_of_provider(SQLite::Database& db, Id provider_id);   // by code
// The care projects with their providers (by code, then provider name and id); `provider`: only that provider's
// projects, listing only it.
std::vector<wire::CareProjectView> projects_with_providers(SQLite::Database& db, std::optional<Id> provider);

// The demo city's departments (养老服务股, 社会救助股, 规划财务股), the projects home_visit and visiting, every provider
// in home_visit and every other one in visiting too.
void seed_demo_assessment(SQLite::Database& db);

struct AssessmentMonthRow {
    Id id = 0;
    Id provider_id = 0;
    std::string provider_name, project_code, project_name, month, rule_version;
    std::string prefill;   // JSON
    std::string status;    // open | signed
    LocalSeconds created_at = 0;
    std::optional<std::string> figures, figures_sha256, total_text, grade_code, signed_by;
    std::optional<std::int64_t> total_num, total_den, payout_bp;
    std::optional<LocalSeconds> signed_at;
};
struct AssessmentSheetRow {
    std::string department_code, department_name;
    std::string entries;   // JSON (wire::SheetEntries)
    std::int64_t subjects_checked = 0, subjects_total = 0;
    LocalSeconds updated_at = 0;
    std::optional<std::string> signed_by;
    std::optional<LocalSeconds> signed_at;
};

std::optional<AssessmentMonthRow> assessment_month(SQLite::Database& db, Id id);
std::optional<Id> assessment_month_id(SQLite::Database& db, Id provider_id, const std::string& project, const std::string& month);
// The months of `month` ("2026-10"), by provider then project; `provider` limits to one provider, `signed_only`
// to the signed ones.
std::vector<AssessmentMonthRow> assessment_months_in(SQLite::Database& db, const std::string& month,
                                                      std::optional<Id> provider, bool signed_only);
// Departments by code, the leader's review last.
std::vector<AssessmentSheetRow> assessment_sheets(SQLite::Database& db, Id month_id);

Id insert_assessment_month(SQLite::Database& db, const AssessmentMonthRow& m, std::optional<Id> created_by);
void insert_assessment_sheet(SQLite::Database& db, Id month_id, const AssessmentSheetRow& s, std::optional<Id> by);
void update_assessment_sheet(SQLite::Database& db, Id month_id, const std::string& department, const std::string& entries,
                             std::int64_t subjects_checked, std::optional<Id> by, LocalSeconds at);
void sign_assessment_sheet(SQLite::Database& db, Id month_id, const std::string& department, const std::string& by,
                           std::optional<Id> by_id, LocalSeconds at);
void sign_assessment_month(SQLite::Database& db, const AssessmentMonthRow& signed_row, std::optional<Id> by_id);

}  // namespace yiyang::store
