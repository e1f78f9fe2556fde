// Signed settlement statements and their objections in SQLite (结算单, issue 11, migration 22): what a signature
// certified (figures, PDF, XLSX with their SHA-256, never changed), the supplements that supersede a statement and
// the providers' objections (申诉) with their answers. SQL only: the routes decide who may do what.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <optional>
#include <string>
#include <vector>

#include "store/stored_files.hpp"
#include "yiyang/date.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

struct StatementRow {
    Id id = 0;
    Id provider_id = 0;
    std::string month;                  // "2026-10"
    std::int64_t supplement_no = 0;
    std::optional<Id> cites_id;
    std::string status;                 // signed | superseded
    std::string reason;                 // a supplement's reason
    std::string figures, figures_sha256;
    std::int64_t payable_fen = 0, receivable_fen = 0;
    std::string pdf_sha256, xlsx_sha256;
    std::string signed_by, signed_role; // display name, role label
    std::optional<Id> signed_by_id;
    LocalSeconds signed_at = 0;
};
struct StatementFiles {
    std::string pdf, xlsx;
};

// A month's statements (every provider, supplements and superseded ones too), by provider then id.
std::vector<StatementRow> month_statements(SQLite::Database& db, const std::string& month);
// A provider's statements of a month, oldest first.
std::vector<StatementRow> provider_statements(SQLite::Database& db, Id provider_id, const std::string& month);
std::optional<StatementRow> statement_row(SQLite::Database& db, Id id);
// The signed (not superseded) statement of a provider's month, if any.
std::optional<StatementRow> head_statement(SQLite::Database& db, Id provider_id, const std::string& month);
Id insert_statement(SQLite::Database& db, const StatementRow& r, const StatementFiles& files);
void supersede_statement(SQLite::Database& db, Id id);
// "pdf" | "xlsx": the stored bytes.
std::optional<std::string> statement_file(SQLite::Database& db, Id id, const std::string& kind);

struct ObjectionRow {
    Id id = 0;
    Id statement_id = 0;
    std::string filed_by;               // "name（role）"
    std::optional<Id> filed_by_id;
    LocalSeconds filed_at = 0;
    std::string text;
    std::string evidence = "[]";        // JSON array of strings
    std::string status = "open";        // open | upheld | rejected
    std::string answer, answered_by;
    std::optional<Id> answered_by_id;
    LocalSeconds answered_at = 0;       // 0: not answered
};
std::vector<ObjectionRow> statement_objections(SQLite::Database& db, Id statement_id);
std::optional<ObjectionRow> objection_row(SQLite::Database& db, Id id);
Id insert_objection(SQLite::Database& db, const ObjectionRow& o);
void answer_objection(SQLite::Database& db, Id id, const std::string& status, const std::string& answer,
                      const std::string& by, Id by_id, LocalSeconds at);
// The files behind an objection (migration 38): attached by the provider while it is open, never changed.
// (store/stored_files.hpp, table kObjectionFiles: owner_id is the objection's id)
inline Id insert_objection_file(SQLite::Database& db, const NewStoredFile& f) { return insert_stored_file(db, kObjectionFiles, f); }
inline std::vector<StoredFileRow> objection_files(SQLite::Database& db, Id objection_id) {
    return stored_files(db, kObjectionFiles, objection_id);
}
struct ObjectionFileBytes {
    Id objection_id = 0;
    Id provider_id = 0;                 // the statement's provider (who may read it besides the bureau)
    std::string mime;
    std::string bytes;
};
// The file as uploaded, or its thumbnail (nullopt when it has none).
std::optional<ObjectionFileBytes> objection_file_bytes(SQLite::Database& db, Id file_id, bool thumb);

// Open objections of a provider's month (all its statements).
std::int64_t open_objections(SQLite::Database& db, Id provider_id, const std::string& month);

}  // namespace yiyang::store
