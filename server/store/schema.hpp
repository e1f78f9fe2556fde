// Schema migrations keyed on PRAGMA user_version: each migration runs once, in its own transaction.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

namespace yiyang::store {

int latest_schema_version();
// The database's schema version (PRAGMA user_version), as GET /health reports it.
int schema_version(SQLite::Database& db);
// The migration that made the audit log a hash chain (its rows are chained in C++ after its SQL).
constexpr int kAuditChainSchemaVersion = 9;
// Applies every migration above the database's user_version; returns the version reached.
int migrate(SQLite::Database& db);

}  // namespace yiyang::store
