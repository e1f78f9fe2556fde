// The open-day demo's database side (issue 12, part demo): the synthetic mark written with the generated city, the
// one-tap visitor accounts (体验账号), and whole-file copies for the pristine snapshot and its restore.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

// The meta row the demo loader writes in the city's own transaction (store/demo_loader.cpp): "demo_city".
inline constexpr const char* kSyntheticKey = "synthetic";

// Why this database may not be served as a demo ("" = it may): not created by `init` with the generated city (no
// mark, or the mark dropped), or real data came in since (an imported verification list, a CDR file imported by a
// user). Chinese and English, for the refusal at start.
std::string not_synthetic_reason(SQLite::Database& db);
// Drops the mark (in the caller's transaction): the database was served for real and may hold real data now.
// Returns true when there was a mark to drop.
bool drop_synthetic_mark(SQLite::Database& db);

// The three visitor roles, in the order of the sign-in screen's buttons.
const std::vector<Role>& demo_roles();
// Creates the missing visitor accounts (体验坐席 / 体验主管 / 体验服务商, the provider one bound to the first active
// provider), with an unusable random password, each audited; their ids are kept in meta (demo_account_<role>).
void ensure_demo_accounts(SQLite::Database& db, LocalSeconds now);
// The visitor account of a role, if it exists.
std::optional<Id> demo_account(SQLite::Database& db, Role role);
// Is this user one of the visitor accounts?
bool is_demo_account(SQLite::Database& db, Id user_id);

// Copies the whole database behind `from` into the file `to_path` (replaced), with the online backup API.
void copy_database_to(SQLite::Database& from, const std::string& to_path);
// Copies the whole file `from_path` into the database behind `to` (every page replaced), with the online backup
// API; `to` must have no transaction open.
void restore_database_from(SQLite::Database& to, const std::string& from_path);
// The meta value of `key`, "" when absent.
std::string meta_value(SQLite::Database& db, const std::string& key);

}  // namespace yiyang::store
