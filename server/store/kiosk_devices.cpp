// Kiosk devices in SQLite (store/kiosk_devices.hpp).
#include "store/kiosk_devices.hpp"

#include "store/users.hpp"

namespace yiyang::store {
namespace {

constexpr const char* kColumns =
    "id, user_id, name, place, orientation, token_hash, token_issued_at, registered_by, registered_at, last_seen_at, "
    "revoked_at, revoked_by, revoke_reason";

KioskDeviceRow read_row(SQLite::Statement& st) {
    KioskDeviceRow r;
    r.id = st.getColumn(0).getInt64();
    r.user_id = st.getColumn(1).getInt64();
    r.name = st.getColumn(2).getString();
    r.place = st.getColumn(3).getString();
    r.orientation = st.getColumn(4).getString();
    r.token_hash = st.getColumn(5).getString();
    r.token_issued_at = st.getColumn(6).getInt64();
    r.registered_by = st.getColumn(7).getString();
    r.registered_at = st.getColumn(8).getInt64();
    if (!st.getColumn(9).isNull()) r.last_seen_at = st.getColumn(9).getInt64();
    if (!st.getColumn(10).isNull()) r.revoked_at = st.getColumn(10).getInt64();
    r.revoked_by = st.getColumn(11).getString();
    r.revoke_reason = st.getColumn(12).getString();
    return r;
}

std::optional<KioskDeviceRow> one(SQLite::Database& db, const char* where, std::int64_t key) {
    SQLite::Statement st(db, std::string("SELECT ") + kColumns + " FROM kiosk_devices WHERE " + where + " = ?");
    st.bind(1, key);
    if (!st.executeStep()) return std::nullopt;
    return read_row(st);
}

}  // namespace

std::vector<KioskDeviceRow> all_kiosk_devices(SQLite::Database& db) {
    SQLite::Statement st(db, std::string("SELECT ") + kColumns + " FROM kiosk_devices ORDER BY id DESC");
    std::vector<KioskDeviceRow> out;
    while (st.executeStep()) out.push_back(read_row(st));
    return out;
}

std::optional<KioskDeviceRow> kiosk_device(SQLite::Database& db, Id id) {
    return one(db, "id", static_cast<std::int64_t>(id));
}
std::optional<KioskDeviceRow> kiosk_device_of_user(SQLite::Database& db, Id user_id) {
    return one(db, "user_id", static_cast<std::int64_t>(user_id));
}

std::vector<std::pair<Id, std::string>> kiosk_token_hashes(SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT id, token_hash FROM kiosk_devices ORDER BY id");
    std::vector<std::pair<Id, std::string>> out;
    while (st.executeStep()) out.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getString());
    return out;
}

Id insert_kiosk_device(SQLite::Database& db, const KioskDeviceRow& d, Id registered_by_id) {
    // The user's name needs the device's id: a placeholder first, then the name (one transaction: the caller's).
    const std::int64_t next = db.execAndGet("SELECT coalesce(max(id), 0) + 1 FROM kiosk_devices").getInt64();
    User u;
    u.username = "kiosk#" + std::to_string(next);
    u.display_name = d.name;
    u.role = Role::Kiosk;
    u.active = true;
    const Id user_id = insert_user(db, u, "!", false, d.registered_at);
    SQLite::Statement st(db, "INSERT INTO kiosk_devices (id, user_id, name, place, orientation, token_hash, "
                             "token_issued_at, registered_by, registered_by_id, registered_at) "
                             "VALUES (?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, next);
    st.bind(2, static_cast<std::int64_t>(user_id));
    st.bind(3, d.name);
    st.bind(4, d.place);
    st.bind(5, d.orientation);
    st.bind(6, d.token_hash);
    st.bind(7, static_cast<std::int64_t>(d.token_issued_at));
    st.bind(8, d.registered_by);
    st.bind(9, static_cast<std::int64_t>(registered_by_id));
    st.bind(10, static_cast<std::int64_t>(d.registered_at));
    st.exec();
    return next;
}

void set_kiosk_token(SQLite::Database& db, Id id, const std::string& token_hash, LocalSeconds at) {
    SQLite::Statement st(db, "UPDATE kiosk_devices SET token_hash = ?, token_issued_at = ? WHERE id = ?");
    st.bind(1, token_hash);
    st.bind(2, static_cast<std::int64_t>(at));
    st.bind(3, static_cast<std::int64_t>(id));
    st.exec();
}

void revoke_kiosk_device(SQLite::Database& db, Id id, LocalSeconds at, const std::string& by, Id by_id,
                         const std::string& reason) {
    SQLite::Statement st(db, "UPDATE kiosk_devices SET revoked_at = ?, revoked_by = ?, revoked_by_id = ?, "
                             "revoke_reason = ? WHERE id = ? AND revoked_at IS NULL RETURNING user_id");
    st.bind(1, static_cast<std::int64_t>(at));
    st.bind(2, by);
    st.bind(3, static_cast<std::int64_t>(by_id));
    st.bind(4, reason);
    st.bind(5, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return;
    const std::int64_t user_id = st.getColumn(0).getInt64();
    st.reset();
    SQLite::Statement off(db, "UPDATE users SET active = 0 WHERE id = ?");
    off.bind(1, user_id);
    off.exec();
    end_sessions_of(db, user_id, at);
}

void touch_kiosk_device_of_session(SQLite::Database& db, const std::string& session_hash, LocalSeconds at) {
    SQLite::Statement st(db, "UPDATE kiosk_devices SET last_seen_at = ? WHERE revoked_at IS NULL AND user_id = "
                             "(SELECT user_id FROM sessions WHERE token_hash = ?)");
    st.bind(1, static_cast<std::int64_t>(at));
    st.bind(2, session_hash);
    st.exec();
}

void touch_kiosk_device(SQLite::Database& db, Id id, LocalSeconds at) {
    SQLite::Statement st(db, "UPDATE kiosk_devices SET last_seen_at = ? WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(at));
    st.bind(2, static_cast<std::int64_t>(id));
    st.exec();
}

}  // namespace yiyang::store
