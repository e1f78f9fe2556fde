// Wire format of the kiosk devices (issue 12, kiosk-devices): an administrator registers a kiosk, the server
// shows its device token once (as a URL and a QR code's module matrix), lists, revokes and re-issues; a kiosk
// signs in by its token. GET/POST /api/v1/kiosk/devices, POST /api/v1/kiosk/devices/{id}/revoke,
// POST /api/v1/kiosk/devices/{id}/token, POST /api/v1/kiosk/session.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/wire/common.hpp"
#include "yiyang/wire/session.hpp"

namespace yiyang::wire {

// How a kiosk's screen stands: "portrait" (1080×1920) or "landscape" (1920×1080).
inline bool valid_kiosk_orientation(const std::string& o) { return o == "portrait" || o == "landscape"; }

struct KioskDevice {                   // one row of GET /kiosk/devices
    std::int64_t id = 0;
    std::string name;                  // 展厅一楼大屏
    std::string place;                 // 展厅一楼
    std::string orientation;           // portrait | landscape
    std::string registered_by;         // the administrator's display name
    std::string registered_at;         // 2026-12-06T04:00:00 (local)
    std::string token_issued_at;       // when the token in force was made (registration or the last re-issue)
    std::string last_seen_at;          // "" = never signed in
    std::string revoked_at;            // "" = in service
    std::string revoked_by;
    std::string revoke_reason;
};
void to_json(json& j, const KioskDevice& d);
void from_json(const json& j, KioskDevice& d);

struct KioskDeviceList {               // GET /kiosk/devices: newest first
    std::vector<KioskDevice> items;
};
void to_json(json& j, const KioskDeviceList& r);
void from_json(const json& j, KioskDeviceList& r);

struct KioskDeviceRegister {           // POST /kiosk/devices
    std::string name;
    std::string place;
    std::string orientation;
};
void to_json(json& j, const KioskDeviceRegister& r);
void from_json(const json& j, KioskDeviceRegister& r);

// The request checked member by member: name (≤ 120 bytes) and place (≤ 180 bytes) required, orientation portrait |
// landscape, nothing else; each problem a field error in Chinese naming the member.
std::vector<FieldError> kiosk_register_from_json(const json& j, KioskDeviceRegister& out);

struct KioskDeviceRevoke {             // POST /kiosk/devices/{id}/revoke
    std::string reason;
};
void to_json(json& j, const KioskDeviceRevoke& r);
void from_json(const json& j, KioskDeviceRevoke& r);

// A QR code as its modules, quiet zone not included: `size` rows of `size` characters, '1' dark, '0' light.
// reason required (≤ 400 bytes), nothing else.
std::vector<FieldError> kiosk_revoke_from_json(const json& j, KioskDeviceRevoke& out);

struct QrMatrix {
    int size = 0;
    std::vector<std::string> rows;
};
void to_json(json& j, const QrMatrix& q);
void from_json(const json& j, QrMatrix& q);

struct KioskTokenReply {               // POST /kiosk/devices (201), POST /kiosk/devices/{id}/token: shown ONCE
    KioskDevice device;
    std::string token;                 // 43 characters, base64url of 32 random bytes; the server keeps its hash only
    std::string url;                   // https://host/#/kiosk?device=TOKEN (the origin the administrator used)
    QrMatrix qr;                       // the url as a QR code
};
void to_json(json& j, const KioskTokenReply& r);
void from_json(const json& j, KioskTokenReply& r);

struct KioskSignIn {                   // POST /kiosk/session
    std::string token;
};
void to_json(json& j, const KioskSignIn& r);
void from_json(const json& j, KioskSignIn& r);

// The device as its own kiosk session sees it (no registration details).
struct KioskDeviceSelf {
    std::int64_t id = 0;
    std::string name, place, orientation;
};
void to_json(json& j, const KioskDeviceSelf& d);
void from_json(const json& j, KioskDeviceSelf& d);

// POST /kiosk/session: the SessionReply's members (role kiosk) and "device" beside them, so a client reading a
// SessionReply reads this one too.
struct KioskSessionReply {
    SessionReply session;
    KioskDeviceSelf device;
};
void to_json(json& j, const KioskSessionReply& r);
void from_json(const json& j, KioskSessionReply& r);

}  // namespace yiyang::wire
