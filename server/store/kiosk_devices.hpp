// Kiosk devices (issue 12, kiosk-devices; migration 25): each device has a user row of role kiosk of its own, its
// token kept only as a hash. Registration, re-issue and revocation run inside the caller's write (with the audit
// event beside them).
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <optional>
#include <string>
#include <vector>
#include "yiyang/records.hpp"

namespace yiyang::store {

struct KioskDeviceRow {
    Id id = 0;
    Id user_id = 0;
    std::string name, place, orientation;
    std::string token_hash;
    LocalSeconds token_issued_at = 0;
    std::string registered_by;
    LocalSeconds registered_at = 0;
    std::optional<LocalSeconds> last_seen_at;
    std::optional<LocalSeconds> revoked_at;
    std::string revoked_by, revoke_reason;
};

// Newest first.
std::vector<KioskDeviceRow> all_kiosk_devices(SQLite::Database& db);
std::optional<KioskDeviceRow> kiosk_device(SQLite::Database& db, Id id);
std::optional<KioskDeviceRow> kiosk_device_of_user(SQLite::Database& db, Id user_id);
// Every device's (id, token hash), revoked ones included: the sign-in compares against all of them alike.
std::vector<std::pair<Id, std::string>> kiosk_token_hashes(SQLite::Database& db);

// Creates the device's user (role kiosk, username "kiosk#<id>", no usable password) and the device row.
Id insert_kiosk_device(SQLite::Database& db, const KioskDeviceRow& d, Id registered_by_id);
void set_kiosk_token(SQLite::Database& db, Id id, const std::string& token_hash, LocalSeconds at);
// Revokes the device, deactivates its user and ends the user's sessions.
void revoke_kiosk_device(SQLite::Database& db, Id id, LocalSeconds at, const std::string& by, Id by_id,
                         const std::string& reason);
// The device a session belongs to was seen at `at` (called with the session's throttled touch).
void touch_kiosk_device_of_session(SQLite::Database& db, const std::string& session_hash, LocalSeconds at);
void touch_kiosk_device(SQLite::Database& db, Id id, LocalSeconds at);

}  // namespace yiyang::store
