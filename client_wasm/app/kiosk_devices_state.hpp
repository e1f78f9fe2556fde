// 展厅设备 (issue 12, kiosk-devices; administrators): the kiosk devices (GET /api/v1/kiosk/devices), registering one
// (POST: its token shown ONCE as a URL and a QR code), re-issuing a token and revoking with a reason (a confirmation
// with the reason typed). And the kiosk's own side: a page opened at #/kiosk?device=TOKEN signs in by the token
// (POST /api/v1/kiosk/session); a kiosk whose device was revoked shows 本设备已停用, not a password form.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/wire/kiosk_devices.hpp"

namespace yiyang::client {

struct KioskForm {
    std::string name, place;
    std::string orientation = "portrait";
};

struct KioskDevicesState {
    bool loading = false;
    std::optional<wire::KioskDeviceList> list;
    std::string error;                              // loading failed (Chinese)
    KioskForm form;
    bool saving = false;
    std::map<std::string, std::string> form_errors; // by request member: the server's 422 fields
    std::string form_error;
    std::string notice;                             // "已登记展厅设备 …" / "已停用 …"
    std::optional<wire::KioskTokenReply> shown;     // the token just made: the dialog with URL and QR code
    std::int64_t revoke_id = 0;                     // the revoke dialog's device (0: closed)
    std::string revoke_reason, revoke_error;
    bool revoking = false;
    // The kiosk side.
    std::optional<wire::KioskDeviceSelf> device;    // this page is the kiosk of this device
    std::string stopped_message;                    // shown on Screen::KioskStopped
};

// ---- intents ---------------------------------------------------------------------------------------
struct ReloadKioskDevices {};
struct EditKioskForm { KioskForm form; };
struct RegisterKiosk {};
struct ReissueKioskToken { std::int64_t id = 0; };
struct CloseKioskToken {};
struct OpenKioskRevoke { std::int64_t id = 0; };
struct EditKioskRevoke { std::string reason; };
struct ConfirmKioskRevoke {};
struct CancelKioskRevoke {};

using KioskDevicesIntent = std::variant<ReloadKioskDevices, EditKioskForm, RegisterKiosk, ReissueKioskToken,
                                        CloseKioskToken, OpenKioskRevoke, EditKioskRevoke, ConfirmKioskRevoke,
                                        CancelKioskRevoke>;

// "#/kiosk?device=TOKEN" (also without "#"): the token; nullopt for any other hash.
std::optional<std::string> kiosk_token_of(const std::string& hash);

// What the browser tests read of this area (yiyang_test_state()["kiosk_devices"]); defined in app/kiosk_devices.cpp.
nlohmann::json test_state_of(const KioskDevicesState& s);

}  // namespace yiyang::client
