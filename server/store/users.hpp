// Users and sessions in SQLite. Session tokens are stored only as hashes.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <optional>
#include <string>
#include <vector>
#include "yiyang/records.hpp"

namespace yiyang::store {

struct UserRow {
    User user;
    std::string password_hash;
    bool must_change_password = true;
    int failed_count = 0;
    LocalSeconds locked_until = 0;
};

std::optional<UserRow> user_by_name(SQLite::Database& db, const std::string& username);
std::optional<UserRow> user_by_id(SQLite::Database& db, Id id);
std::vector<User> all_users(SQLite::Database& db);
Id insert_user(SQLite::Database& db, const User& u, const std::string& password_hash, bool must_change, LocalSeconds now);
void set_password(SQLite::Database& db, Id user_id, const std::string& password_hash, bool must_change);
void record_failed_sign_in(SQLite::Database& db, Id user_id, int failed_count, LocalSeconds locked_until);
void record_sign_in(SQLite::Database& db, Id user_id);

struct SessionRow {
    std::string token_hash;
    Id user_id = 0;
    LocalSeconds created_at = 0;
    LocalSeconds last_seen_at = 0;
    bool ended = false;
};
void insert_session(SQLite::Database& db, const SessionRow& s);
std::optional<SessionRow> session_by_hash(SQLite::Database& db, const std::string& token_hash);
void touch_session(SQLite::Database& db, const std::string& token_hash, LocalSeconds at);
void end_session(SQLite::Database& db, const std::string& token_hash, LocalSeconds at);
// Ends every open session of the user except `keep_hash` ("" = all).
void end_sessions_of(SQLite::Database& db, Id user_id, LocalSeconds at, const std::string& keep_hash = "");

}  // namespace yiyang::store
