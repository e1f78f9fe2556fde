// The monthly assessment's rows (see assessment.hpp).
#include "store/assessment.hpp"

#include <algorithm>
#include <stdexcept>

namespace yiyang::store {

namespace {

template <class T>
void bind_opt(SQLite::Statement& st, int i, const std::optional<T>& v) {
    if (v) st.bind(i, *v);
    else st.bind(i);
}
std::optional<std::string> opt_text(const SQLite::Column& c) {
    return c.isNull() ? std::nullopt : std::optional<std::string>(c.getString());
}
std::optional<std::int64_t> opt_int(const SQLite::Column& c) {
    return c.isNull() ? std::nullopt : std::optional<std::int64_t>(c.getInt64());
}

constexpr const char* kMonthColumns =
    "SELECT m.id, m.provider_id, p.name, m.project_code, cp.name_zh, m.month, m.rule_version, m.prefill, m.status, "
    "m.created_at, m.figures, m.figures_sha256, m.total_text, m.grade_code, m.signed_by, m.total_num, m.total_den, "
    "m.payout_bp, m.signed_at FROM assessment_months m JOIN providers p ON p.id = m.provider_id "
    "JOIN care_projects cp ON cp.code = m.project_code ";

AssessmentMonthRow month_row(SQLite::Statement& st) {
    AssessmentMonthRow m;
    m.id = st.getColumn(0).getInt64();
    m.provider_id = st.getColumn(1).getInt64();
    m.provider_name = st.getColumn(2).getString();
    m.project_code = st.getColumn(3).getString();
    m.project_name = st.getColumn(4).getString();
    m.month = st.getColumn(5).getString();
    m.rule_version = st.getColumn(6).getString();
    m.prefill = st.getColumn(7).getString();
    m.status = st.getColumn(8).getString();
    m.created_at = st.getColumn(9).getInt64();
    m.figures = opt_text(st.getColumn(10));
    m.figures_sha256 = opt_text(st.getColumn(11));
    m.total_text = opt_text(st.getColumn(12));
    m.grade_code = opt_text(st.getColumn(13));
    m.signed_by = opt_text(st.getColumn(14));
    m.total_num = opt_int(st.getColumn(15));
    m.total_den = opt_int(st.getColumn(16));
    m.payout_bp = opt_int(st.getColumn(17));
    m.signed_at = opt_int(st.getColumn(18));
    return m;
}

}  // namespace

std::optional<Department> department_by_code(SQLite::Database& db, const std::string& code) {
    SQLite::Statement st(db, "SELECT code, name_zh, active FROM departments WHERE code = ?");
    st.bind(1, code);
    if (!st.executeStep()) return std::nullopt;
    return Department{st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getInt() != 0};
}

std::vector<Department> departments(SQLite::Database& db, bool active_only) {
    SQLite::Statement st(db, std::string("SELECT code, name_zh, active FROM departments") +
                                 (active_only ? " WHERE active = 1" : "") + " ORDER BY code");
    std::vector<Department> out;
    while (st.executeStep())
        out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getInt() != 0});
    return out;
}

void add_department(SQLite::Database& db, const Department& d) {
    if (department_by_code(db, d.code)) throw std::runtime_error("股室代码已存在：" + d.code);
    SQLite::Statement st(db, "INSERT INTO departments (code, name_zh, active) VALUES (?, ?, ?)");
    st.bind(1, d.code);
    st.bind(2, d.name_zh);
    st.bind(3, d.active ? 1 : 0);
    st.exec();
}

std::optional<Department> department_of_user(SQLite::Database& db, Id user_id) {
    SQLite::Statement st(db, "SELECT d.code, d.name_zh, d.active FROM users u JOIN departments d ON d.code = u.department_code "
                             "WHERE u.id = ?");
    st.bind(1, user_id);
    if (!st.executeStep()) return std::nullopt;
    return Department{st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getInt() != 0};
}

void set_user_department(SQLite::Database& db, Id user_id, const std::string& code) {
    SQLite::Statement st(db, "UPDATE users SET department_code = ? WHERE id = ?");
    if (code.empty()) st.bind(1);
    else st.bind(1, code);
    st.bind(2, user_id);
    st.exec();
}

std::optional<std::string> project_name(SQLite::Database& db, const std::string& code) {
    SQLite::Statement st(db, "SELECT name_zh FROM care_projects WHERE code = ?");
    st.bind(1, code);
    if (!st.executeStep()) return std::nullopt;
    return st.getColumn(0).getString();
}

void add_project(SQLite::Database& db, const std::string& code, const std::string& name_zh) {
    SQLite::Statement st(db, "INSERT OR IGNORE INTO care_projects (code, name_zh) VALUES (?, ?)");
    st.bind(1, code);
    st.bind(2, name_zh);
    st.exec();
}

bool provider_in_project(SQLite::Database& db, Id provider_id, const std::string& project_code) {
    SQLite::Statement st(db, "SELECT 1 FROM provider_projects WHERE provider_id = ? AND project_code = ?");
    st.bind(1, provider_id);
    st.bind(2, project_code);
    return st.executeStep();
}

void add_provider_project(SQLite::Database& db, Id provider_id, const std::string& project_code) {
    SQLite::Statement st(db, "INSERT OR IGNORE INTO provider_projects (provider_id, project_code) VALUES (?, ?)");
    st.bind(1, provider_id);
    st.bind(2, project_code);
    st.exec();
}

std::vector<std::string> projects_of_provider(SQLite::Database& db, Id provider_id) {
    SQLite::Statement st(db, "SELECT project_code FROM provider_projects WHERE provider_id = ? ORDER BY project_code");
    st.bind(1, provider_id);
    std::vector<std::string> out;
    while (st.executeStep()) out.push_back(st.getColumn(0).getString());
    return out;
}

std::vector<wire::CareProjectView> projects_with_providers(SQLite::Database& db, std::optional<Id> provider) {
    std::vector<wire::CareProjectView> out;
    {
        SQLite::Statement st(db, "SELECT code, name_zh FROM care_projects ORDER BY code");
        while (st.executeStep()) out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(), {}});
    }
    SQLite::Statement st(db,
                         "SELECT pp.project_code, p.id, p.name FROM provider_projects pp JOIN providers p ON p.id = pp.provider_id "
                         "WHERE ?1 IS NULL OR p.id = ?1 ORDER BY pp.project_code, p.name, p.id");
    if (provider) st.bind(1, static_cast<std::int64_t>(*provider));
    while (st.executeStep()) {
        const std::string code = st.getColumn(0).getString();
        for (auto& p : out)
            if (p.code == code) p.providers.push_back({st.getColumn(1).getInt64(), st.getColumn(2).getString()});
    }
    if (provider)
        out.erase(std::remove_if(out.begin(), out.end(), [](const wire::CareProjectView& p) { return p.providers.empty(); }),
                  out.end());
    return out;
}

void seed_demo_assessment(SQLite::Database& db) {
    for (const auto& d : {Department{"elder_services", "养老服务股", true}, Department{"social_assistance", "社会救助股", true},
                          Department{"planning_finance", "规划财务股", true}})
        if (!department_by_code(db, d.code)) add_department(db, d);
    add_project(db, "home_visit", "居家养老上门服务");
    add_project(db, "visiting", "探视巡访服务");
    db.exec("INSERT OR IGNORE INTO provider_projects (provider_id, project_code) SELECT id, 'home_visit' FROM providers");
    db.exec("INSERT OR IGNORE INTO provider_projects (provider_id, project_code) "
            "SELECT id, 'visiting' FROM providers WHERE id % 2 = 1");
}

std::optional<AssessmentMonthRow> assessment_month(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, std::string(kMonthColumns) + "WHERE m.id = ?");
    st.bind(1, id);
    if (!st.executeStep()) return std::nullopt;
    return month_row(st);
}

std::optional<Id> assessment_month_id(SQLite::Database& db, Id provider_id, const std::string& project, const std::string& month) {
    SQLite::Statement st(db, "SELECT id FROM assessment_months WHERE provider_id = ? AND project_code = ? AND month = ?");
    st.bind(1, provider_id);
    st.bind(2, project);
    st.bind(3, month);
    if (!st.executeStep()) return std::nullopt;
    return st.getColumn(0).getInt64();
}

std::vector<AssessmentMonthRow> assessment_months_in(SQLite::Database& db, const std::string& month,
                                                      std::optional<Id> provider, bool signed_only) {
    std::string sql = std::string(kMonthColumns) + "WHERE m.month = ?";
    if (provider) sql += " AND m.provider_id = ?";
    if (signed_only) sql += " AND m.status = 'signed'";
    sql += " ORDER BY m.provider_id, m.project_code";
    SQLite::Statement st(db, sql);
    st.bind(1, month);
    if (provider) st.bind(2, *provider);
    std::vector<AssessmentMonthRow> out;
    while (st.executeStep()) out.push_back(month_row(st));
    return out;
}

std::vector<AssessmentSheetRow> assessment_sheets(SQLite::Database& db, Id month_id) {
    SQLite::Statement st(db, "SELECT s.department_code, COALESCE(d.name_zh, ''), s.entries, s.subjects_checked, "
                             "s.subjects_total, s.updated_at, s.signed_by, s.signed_at FROM assessment_sheets s "
                             "LEFT JOIN departments d ON d.code = s.department_code WHERE s.month_id = ? "
                             "ORDER BY s.department_code = '_leader', s.department_code");
    st.bind(1, month_id);
    std::vector<AssessmentSheetRow> out;
    while (st.executeStep()) {
        AssessmentSheetRow s;
        s.department_code = st.getColumn(0).getString();
        s.department_name = s.department_code == "_leader" ? "领导评价" : st.getColumn(1).getString();
        s.entries = st.getColumn(2).getString();
        s.subjects_checked = st.getColumn(3).getInt64();
        s.subjects_total = st.getColumn(4).getInt64();
        s.updated_at = st.getColumn(5).getInt64();
        s.signed_by = opt_text(st.getColumn(6));
        s.signed_at = opt_int(st.getColumn(7));
        out.push_back(std::move(s));
    }
    return out;
}

Id insert_assessment_month(SQLite::Database& db, const AssessmentMonthRow& m, std::optional<Id> created_by) {
    SQLite::Statement st(db, "INSERT INTO assessment_months (provider_id, project_code, month, rule_version, prefill, "
                             "status, created_by_id, created_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)");
    st.bind(1, m.provider_id);
    st.bind(2, m.project_code);
    st.bind(3, m.month);
    st.bind(4, m.rule_version);
    st.bind(5, m.prefill);
    bind_opt(st, 6, created_by);
    st.bind(7, m.created_at);
    st.exec();
    return db.getLastInsertRowid();
}

void insert_assessment_sheet(SQLite::Database& db, Id month_id, const AssessmentSheetRow& s, std::optional<Id> by) {
    SQLite::Statement st(db, "INSERT INTO assessment_sheets (month_id, department_code, entries, subjects_checked, "
                             "subjects_total, updated_by_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, month_id);
    st.bind(2, s.department_code);
    st.bind(3, s.entries);
    st.bind(4, s.subjects_checked);
    st.bind(5, s.subjects_total);
    bind_opt(st, 6, by);
    st.bind(7, s.updated_at);
    st.exec();
}

void update_assessment_sheet(SQLite::Database& db, Id month_id, const std::string& department, const std::string& entries,
                             std::int64_t subjects_checked, std::optional<Id> by, LocalSeconds at) {
    SQLite::Statement st(db, "UPDATE assessment_sheets SET entries = ?, subjects_checked = ?, updated_by_id = ?, "
                             "updated_at = ? WHERE month_id = ? AND department_code = ?");
    st.bind(1, entries);
    st.bind(2, subjects_checked);
    bind_opt(st, 3, by);
    st.bind(4, at);
    st.bind(5, month_id);
    st.bind(6, department);
    st.exec();
}

void sign_assessment_sheet(SQLite::Database& db, Id month_id, const std::string& department, const std::string& by,
                           std::optional<Id> by_id, LocalSeconds at) {
    SQLite::Statement st(db, "UPDATE assessment_sheets SET signed_by = ?, signed_by_id = ?, signed_at = ? "
                             "WHERE month_id = ? AND department_code = ?");
    st.bind(1, by);
    bind_opt(st, 2, by_id);
    st.bind(3, at);
    st.bind(4, month_id);
    st.bind(5, department);
    st.exec();
}

void sign_assessment_month(SQLite::Database& db, const AssessmentMonthRow& m, std::optional<Id> by_id) {
    SQLite::Statement st(db, "UPDATE assessment_months SET status = 'signed', figures = ?, figures_sha256 = ?, "
                             "total_num = ?, total_den = ?, total_text = ?, grade_code = ?, payout_bp = ?, signed_by = ?, "
                             "signed_by_id = ?, signed_at = ? WHERE id = ? AND status = 'open'");
    bind_opt(st, 1, m.figures);
    bind_opt(st, 2, m.figures_sha256);
    bind_opt(st, 3, m.total_num);
    bind_opt(st, 4, m.total_den);
    bind_opt(st, 5, m.total_text);
    bind_opt(st, 6, m.grade_code);
    bind_opt(st, 7, m.payout_bp);
    bind_opt(st, 8, m.signed_by);
    bind_opt(st, 9, by_id);
    bind_opt(st, 10, m.signed_at);
    st.bind(11, m.id);
    if (st.exec() != 1) throw std::runtime_error("assessment month " + std::to_string(m.id) + " is not open");
}

}  // namespace yiyang::store
