// The open-day demo's database side (store/demo_mode.hpp).
#include "store/demo_mode.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>

#include "auth/crypto.hpp"
#include "store/audit.hpp"
#include "store/users.hpp"

namespace yiyang::store {

std::string meta_value(SQLite::Database& db, const std::string& key) {
    SQLite::Statement st(db, "SELECT value FROM meta WHERE key = ?");
    st.bind(1, key);
    return st.executeStep() ? st.getColumn(0).getString() : std::string();
}

std::string not_synthetic_reason(SQLite::Database& db) {
    if (meta_value(db, kSyntheticKey).empty()) {
        return "数据库不是由 init 生成的合成演示城市（或已在非演示模式下使用过），演示模式拒绝启动 / the database is not "
               "marked synthetic (not created by `init` with the generated city, or served outside demo mode since)";
    }
    const auto lists = db.execAndGet("SELECT count(*) FROM import_batches").getInt64();
    if (lists > 0) {
        return "数据库中有 " + std::to_string(lists) + " 次导入的核查名单（可能是真实个人信息），演示模式拒绝启动 / the "
               "database holds imported verification lists (possibly real personal data)";
    }
    const auto calls = db.execAndGet("SELECT count(*) FROM call_imports WHERE user_id IS NOT NULL").getInt64();
    if (calls > 0) {
        return "数据库中有 " + std::to_string(calls) + " 次用户导入的通话记录，演示模式拒绝启动 / the database holds call "
               "records imported by a user";
    }
    return {};
}

bool drop_synthetic_mark(SQLite::Database& db) {
    SQLite::Statement st(db, "DELETE FROM meta WHERE key = ?");
    st.bind(1, kSyntheticKey);
    return st.exec() > 0;
}

const std::vector<Role>& demo_roles() {
    static const std::vector<Role> roles{Role::Agent, Role::Supervisor, Role::Provider};
    return roles;
}

namespace {

std::string account_key(Role role) { return std::string("demo_account_") + code(role); }

const char* display_name_of(Role role) {
    switch (role) {
        case Role::Agent: return "体验坐席";
        case Role::Supervisor: return "体验主管";
        case Role::Provider: return "体验服务商";
        default: return "体验账号";
    }
}

}  // namespace

std::optional<Id> demo_account(SQLite::Database& db, Role role) {
    const auto v = meta_value(db, account_key(role));
    if (v.empty()) return std::nullopt;
    const Id id = std::stoll(v);
    auto row = user_by_id(db, id);
    if (!row || !row->user.active || row->user.role != role) return std::nullopt;
    return id;
}

bool is_demo_account(SQLite::Database& db, Id user_id) {
    SQLite::Statement st(db, "SELECT 1 FROM meta WHERE key LIKE 'demo\\_account\\_%' ESCAPE '\\' AND value = ?");
    st.bind(1, std::to_string(user_id));
    return st.executeStep();
}

void ensure_demo_accounts(SQLite::Database& db, LocalSeconds now) {
    for (Role role : demo_roles()) {
        if (demo_account(db, role)) continue;
        User u;
        u.username = std::string("demo_") + code(role);
        u.display_name = display_name_of(role);
        u.role = role;
        if (role == Role::Provider) {
            SQLite::Statement p(db, "SELECT id FROM providers WHERE status = 'active' ORDER BY id LIMIT 1");
            if (!p.executeStep()) throw std::runtime_error("演示城市中没有在营的服务商 / no active provider for the provider demo account");
            u.provider_id = p.getColumn(0).getInt64();
        }
        // A name taken by someone else: the next free one (demo_agent2, ...).
        for (int n = 2; user_by_name(db, u.username); ++n) u.username = std::string("demo_") + code(role) + std::to_string(n);
        // Nobody knows this password: the account signs in only by one tap, in demo mode.
        const Id id = insert_user(db, u, auth::hash_password(auth::random_token()), false, now);
        SQLite::Statement m(db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
        m.bind(1, account_key(role));
        m.bind(2, std::to_string(id));
        m.exec();
        append_audit(db, {0, now, std::nullopt, "demo", "user", id, "create",
                          {{"username", u.username}, {"role", code(role)}, {"demo_account", true}},
                          "演示模式的体验账号"});
    }
}

namespace {

void backup(sqlite3* from, sqlite3* to, const std::string& what) {
    sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
    if (!b) throw std::runtime_error(what + ": " + sqlite3_errmsg(to));
    int rc;
    while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) throw std::runtime_error(what + ": " + sqlite3_errstr(rc));
}

}  // namespace

void copy_database_to(SQLite::Database& from, const std::string& to_path) {
    const auto tmp = to_path + ".tmp";
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(tmp + suffix);
    {
        SQLite::Database to(tmp, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        backup(from.getHandle(), to.getHandle(), "copy of the database to " + to_path);
        // A plain rollback-journal file: opened read-only later without -wal/-shm beside it (a backup into a WAL
        // database sets the live file's WAL mark again).
        to.exec("PRAGMA journal_mode=DELETE");
    }
    std::filesystem::rename(tmp, to_path);
}

void restore_database_from(SQLite::Database& to, const std::string& from_path) {
    if (!std::filesystem::exists(from_path)) throw std::runtime_error("no pristine copy at " + from_path);
    SQLite::Database from(from_path, SQLite::OPEN_READONLY);
    backup(from.getHandle(), to.getHandle(), "restore from " + from_path);
}

}  // namespace yiyang::store
