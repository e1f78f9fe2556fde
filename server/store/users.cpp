// Users and sessions in SQLite.
#include "store/users.hpp"

#include "store/database.hpp"

namespace yiyang::store {
namespace {

constexpr const char* kUserColumns =
    "id, username, display_name, role, town_id, provider_id, active, password_hash, must_change_password, "
    "failed_count, locked_until";

UserRow read_user(SQLite::Statement& st) {
    UserRow r;
    r.user.id = st.getColumn(0).getInt64();
    r.user.username = st.getColumn(1).getString();
    r.user.display_name = st.getColumn(2).getString();
    r.user.role = parse_Role(st.getColumn(3).getString()).value_or(Role::Kiosk);
    if (!st.getColumn(4).isNull()) r.user.town_id = st.getColumn(4).getInt64();
    if (!st.getColumn(5).isNull()) r.user.provider_id = st.getColumn(5).getInt64();
    r.user.active = st.getColumn(6).getInt() != 0;
    r.password_hash = st.getColumn(7).getString();
    r.must_change_password = st.getColumn(8).getInt() != 0;
    r.failed_count = st.getColumn(9).getInt();
    r.locked_until = st.getColumn(10).getInt64();
    return r;
}

}  // namespace

std::optional<UserRow> user_by_name(SQLite::Database& db, const std::string& username) {
    SQLite::Statement st(db, std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?");
    st.bind(1, username);
    if (!st.executeStep()) return std::nullopt;
    return read_user(st);
}

std::optional<UserRow> user_by_id(SQLite::Database& db, Id id) {
    Prepared prepared(db, std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?");
    SQLite::Statement& st = *prepared;
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    return read_user(st);
}

std::vector<User> all_users(SQLite::Database& db) {
    SQLite::Statement st(db, std::string("SELECT ") + kUserColumns + " FROM users ORDER BY id");
    std::vector<User> out;
    while (st.executeStep()) out.push_back(read_user(st).user);
    return out;
}

Id insert_user(SQLite::Database& db, const User& u, const std::string& password_hash, bool must_change,
               LocalSeconds now) {
    SQLite::Statement st(db, "INSERT INTO users (username, display_name, role, town_id, provider_id, password_hash, "
                             "must_change_password, active, created_at) VALUES (?,?,?,?,?,?,?,?,?)");
    st.bind(1, u.username);
    st.bind(2, u.display_name);
    st.bind(3, code(u.role));
    if (u.town_id) st.bind(4, static_cast<std::int64_t>(*u.town_id)); else st.bind(4);
    if (u.provider_id) st.bind(5, static_cast<std::int64_t>(*u.provider_id)); else st.bind(5);
    st.bind(6, password_hash);
    st.bind(7, must_change ? 1 : 0);
    st.bind(8, u.active ? 1 : 0);
    st.bind(9, static_cast<std::int64_t>(now));
    st.exec();
    return db.getLastInsertRowid();
}

void set_password(SQLite::Database& db, Id user_id, const std::string& password_hash, bool must_change) {
    SQLite::Statement st(db, "UPDATE users SET password_hash = ?, must_change_password = ?, failed_count = 0, "
                             "locked_until = 0 WHERE id = ?");
    st.bind(1, password_hash);
    st.bind(2, must_change ? 1 : 0);
    st.bind(3, static_cast<std::int64_t>(user_id));
    st.exec();
}

void record_failed_sign_in(SQLite::Database& db, Id user_id, int failed_count, LocalSeconds locked_until) {
    SQLite::Statement st(db, "UPDATE users SET failed_count = ?, locked_until = ? WHERE id = ?");
    st.bind(1, failed_count);
    st.bind(2, static_cast<std::int64_t>(locked_until));
    st.bind(3, static_cast<std::int64_t>(user_id));
    st.exec();
}

void record_sign_in(SQLite::Database& db, Id user_id) {
    SQLite::Statement st(db, "UPDATE users SET failed_count = 0, locked_until = 0 WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(user_id));
    st.exec();
}

void insert_session(SQLite::Database& db, const SessionRow& s) {
    SQLite::Statement st(db, "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?,?,?,?)");
    st.bind(1, s.token_hash);
    st.bind(2, static_cast<std::int64_t>(s.user_id));
    st.bind(3, static_cast<std::int64_t>(s.created_at));
    st.bind(4, static_cast<std::int64_t>(s.last_seen_at));
    st.exec();
}

std::optional<SessionRow> session_by_hash(SQLite::Database& db, const std::string& token_hash) {
    Prepared prepared(db, "SELECT token_hash, user_id, created_at, last_seen_at, ended_at FROM sessions "
                          "WHERE token_hash = ?");
    SQLite::Statement& st = *prepared;
    st.bind(1, token_hash);
    if (!st.executeStep()) return std::nullopt;
    SessionRow s;
    s.token_hash = st.getColumn(0).getString();
    s.user_id = st.getColumn(1).getInt64();
    s.created_at = st.getColumn(2).getInt64();
    s.last_seen_at = st.getColumn(3).getInt64();
    s.ended = !st.getColumn(4).isNull();
    return s;
}

void touch_session(SQLite::Database& db, const std::string& token_hash, LocalSeconds at) {
    SQLite::Statement st(db, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND ended_at IS NULL");
    st.bind(1, static_cast<std::int64_t>(at));
    st.bind(2, token_hash);
    st.exec();
}

void end_session(SQLite::Database& db, const std::string& token_hash, LocalSeconds at) {
    SQLite::Statement st(db, "UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL");
    st.bind(1, static_cast<std::int64_t>(at));
    st.bind(2, token_hash);
    st.exec();
}

void end_sessions_of(SQLite::Database& db, Id user_id, LocalSeconds at, const std::string& keep_hash) {
    SQLite::Statement st(db, "UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL AND token_hash <> ?");
    st.bind(1, static_cast<std::int64_t>(at));
    st.bind(2, static_cast<std::int64_t>(user_id));
    st.bind(3, keep_hash);
    st.exec();
}

}  // namespace yiyang::store
