// Schema migrations keyed on PRAGMA user_version: each migration runs once, in its own transaction.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

namespace yiyang::store {

int latest_schema_version();
// The database's schema version (PRAGMA user_version), as GET /health reports it.
int schema_version(SQLite::Database& db);
// The migration that made the audit log a hash chain (its rows are chained in C++ after its SQL).
constexpr int kAuditChainSchemaVersion = 9;
// The migration that marks evidence reused across months (store/evidence_reuse.hpp: keys and marks filled in C++).
constexpr int kEvidenceReuseSchemaVersion = 30;
// Applies every migration above the database's user_version; returns the version reached.
// `up_to` > 0 stops at that version (tests build an older schema with it); 0 migrates to the latest.
int migrate(SQLite::Database& db, int up_to = 0);

}  // namespace yiyang::store
