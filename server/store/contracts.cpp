// The contracts' rows (store/contracts.hpp).
#include "store/contracts.hpp"

#include <map>

namespace yiyang::store {

namespace {

constexpr const char* kContractColumns =
    "SELECT c.id, c.provider_id, p.name, c.project_code, cp.name_zh, c.year, c.contract_no, c.signed_on, "
    "c.period_from, c.period_to, c.total_fen, c.note FROM contracts c JOIN providers p ON p.id = c.provider_id "
    "JOIN care_projects cp ON cp.code = c.project_code ";

ContractRow contract_of(SQLite::Statement& q) {
    ContractRow c;
    c.id = q.getColumn(0).getInt64();
    c.provider_id = q.getColumn(1).getInt64();
    c.provider_name = q.getColumn(2).getString();
    c.project_code = q.getColumn(3).getString();
    c.project_name_zh = q.getColumn(4).getString();
    c.year = q.getColumn(5).getInt64();
    c.contract_no = q.getColumn(6).getString();
    c.signed_on = q.getColumn(7).getString();
    c.period_from = q.getColumn(8).getString();
    c.period_to = q.getColumn(9).getString();
    c.total_fen = q.getColumn(10).getInt64();
    c.note = q.getColumn(11).getString();
    return c;
}

}  // namespace

std::vector<ContractRow> list_contracts(SQLite::Database& db, std::optional<Id> provider, std::optional<std::int64_t> year) {
    SQLite::Statement q(db, std::string(kContractColumns) +
                                "WHERE (?1 IS NULL OR c.provider_id = ?1) AND (?2 IS NULL OR c.year = ?2) "
                                "ORDER BY c.year DESC, c.provider_id, c.project_code, c.id");
    if (provider) q.bind(1, static_cast<std::int64_t>(*provider));
    if (year) q.bind(2, *year);
    std::vector<ContractRow> out;
    while (q.executeStep()) out.push_back(contract_of(q));
    return out;
}

std::optional<ContractRow> find_contract(SQLite::Database& db, Id id) {
    SQLite::Statement q(db, std::string(kContractColumns) + "WHERE c.id = ?");
    q.bind(1, static_cast<std::int64_t>(id));
    if (!q.executeStep()) return std::nullopt;
    return contract_of(q);
}

std::vector<ContractPaymentRow> contract_payments(SQLite::Database& db, Id contract_id) {
    SQLite::Statement q(db,
                        "SELECT id, contract_id, kind, paid_on, amount_fen, note, recorded_by, recorded_by_id, recorded_at "
                        "FROM contract_payments WHERE contract_id = ? ORDER BY id");
    q.bind(1, static_cast<std::int64_t>(contract_id));
    std::vector<ContractPaymentRow> out;
    while (q.executeStep()) {
        ContractPaymentRow p;
        p.id = q.getColumn(0).getInt64();
        p.contract_id = q.getColumn(1).getInt64();
        p.kind = q.getColumn(2).getString();
        p.paid_on = q.getColumn(3).getString();
        p.amount_fen = q.getColumn(4).getInt64();
        p.note = q.getColumn(5).getString();
        p.recorded_by = q.getColumn(6).getString();
        if (!q.getColumn(7).isNull()) p.recorded_by_id = q.getColumn(7).getInt64();
        p.recorded_at = q.getColumn(8).getInt64();
        out.push_back(std::move(p));
    }
    return out;
}

bool contract_no_taken(SQLite::Database& db, const std::string& contract_no) {
    SQLite::Statement q(db, "SELECT 1 FROM contracts WHERE contract_no = ?");
    q.bind(1, contract_no);
    return q.executeStep();
}

bool contract_exists(SQLite::Database& db, Id provider, const std::string& project_code, std::int64_t year) {
    SQLite::Statement q(db, "SELECT 1 FROM contracts WHERE provider_id = ? AND project_code = ? AND year = ?");
    q.bind(1, static_cast<std::int64_t>(provider));
    q.bind(2, project_code);
    q.bind(3, year);
    return q.executeStep();
}

Id insert_contract(SQLite::Database& db, const ContractRow& c, const std::string& by, std::optional<Id> by_id,
                   LocalSeconds at) {
    SQLite::Statement q(db,
                        "INSERT INTO contracts (provider_id, project_code, year, contract_no, signed_on, period_from, "
                        "period_to, total_fen, note, created_by, created_by_id, created_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, static_cast<std::int64_t>(c.provider_id));
    q.bind(2, c.project_code);
    q.bind(3, c.year);
    q.bind(4, c.contract_no);
    q.bind(5, c.signed_on);
    q.bind(6, c.period_from);
    q.bind(7, c.period_to);
    q.bind(8, c.total_fen);
    q.bind(9, c.note);
    q.bind(10, by);
    if (by_id) q.bind(11, static_cast<std::int64_t>(*by_id));
    q.bind(12, at);
    q.exec();
    return db.getLastInsertRowid();
}

Id insert_contract_payment(SQLite::Database& db, const ContractPaymentRow& p) {
    SQLite::Statement q(db,
                        "INSERT INTO contract_payments (contract_id, kind, paid_on, amount_fen, note, recorded_by, "
                        "recorded_by_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, static_cast<std::int64_t>(p.contract_id));
    q.bind(2, p.kind);
    q.bind(3, p.paid_on);
    q.bind(4, p.amount_fen);
    q.bind(5, p.note);
    q.bind(6, p.recorded_by);
    if (p.recorded_by_id) q.bind(7, static_cast<std::int64_t>(*p.recorded_by_id));
    q.bind(8, p.recorded_at);
    q.exec();
    return db.getLastInsertRowid();
}

std::vector<wire::YearProjectInput> year_inputs(SQLite::Database& db, Id provider, std::int64_t year) {
    std::map<std::string, wire::YearProjectInput> projects;
    {
        SQLite::Statement q(db,
                            "SELECT cp.code, cp.name_zh FROM care_projects cp WHERE cp.code IN ("
                            " SELECT project_code FROM provider_projects WHERE provider_id = ?1"
                            " UNION SELECT project_code FROM assessment_months WHERE provider_id = ?1 AND substr(month, 1, 4) = ?2"
                            " UNION SELECT project_code FROM contracts WHERE provider_id = ?1 AND year = ?3)");
        q.bind(1, static_cast<std::int64_t>(provider));
        q.bind(2, std::to_string(year));
        q.bind(3, year);
        while (q.executeStep()) {
            wire::YearProjectInput p;
            p.code = q.getColumn(0).getString();
            p.name_zh = q.getColumn(1).getString();
            projects.emplace(p.code, std::move(p));
        }
    }
    SQLite::Statement q(db,
                        "SELECT id, project_code, month, status, figures, signed_at FROM assessment_months "
                        "WHERE provider_id = ? AND substr(month, 1, 4) = ? ORDER BY project_code, month");
    q.bind(1, static_cast<std::int64_t>(provider));
    q.bind(2, std::to_string(year));
    while (q.executeStep()) {
        const auto it = projects.find(q.getColumn(1).getString());
        if (it == projects.end()) continue;
        wire::YearMonthRecord r;
        r.month_id = q.getColumn(0).getInt64();
        r.month = q.getColumn(2).getString();
        r.is_signed = q.getColumn(3).getString() == "signed";
        if (r.is_signed) {
            r.figures = nlohmann::json::parse(q.getColumn(4).getString()).get<wire::AssessmentMonth>();
            r.signed_on = format_date(date_of(q.getColumn(5).getInt64()));
        }
        it->second.months.push_back(std::move(r));
    }
    std::vector<wire::YearProjectInput> out;
    for (auto& [code, p] : projects) out.push_back(std::move(p));
    return out;
}

}  // namespace yiyang::store
