// 展厅设备 and the kiosk's sign-in by its device token (kiosk_devices_state.hpp; issue 12, kiosk-devices).
// Administrators: GET/POST /api/v1/kiosk/devices, POST /api/v1/kiosk/devices/{id}/revoke and …/token. The token a
// reply carries is shown once (URL + QR code) and dropped when the dialog closes. A kiosk: the page opened at
// #/kiosk?device=TOKEN posts the token (POST /api/v1/kiosk/session); the address bar then shows the home's URL (the
// browser-reached location is replaced: routes.hpp NavHistory), the token stays in memory only — and in the server's
// HttpOnly device cookie, which only that route receives: after a restart the page posts {} and the cookie signs it
// in (localStorage holds a marker that this browser is a kiosk, never the token). A 401 later signs in again once a
// minute at most; when that fails, 本设备已停用 (never a password form).
#include "app/app.hpp"
#include "app/json_read.hpp"
#include "app/screens.hpp"
#include "platform/http.hpp"
#include "platform/services.hpp"

namespace yiyang::client {

using nlohmann::json;

namespace {
constexpr double kKioskBeatMs = 10'000;     // a kiosk's GET /me: a revoked device shows 本设备已停用 within this
constexpr double kKioskRetryMs = 60'000;    // at most one sign-in by token a minute after a 401
}  // namespace

std::optional<std::string> kiosk_token_of(const std::string& hash) {
    std::string h = hash;
    if (!h.empty() && h[0] == '#') h.erase(0, 1);
    static const std::string prefix = "/kiosk?device=";
    if (h.rfind(prefix, 0) != 0) return std::nullopt;
    std::string token = h.substr(prefix.size());
    if (const auto amp = token.find('&'); amp != std::string::npos) token.resize(amp);
    if (token.empty() || token.size() > 100) return std::nullopt;
    return token;
}

void App::kiosk_sign_in() {
    if (kiosk_token_.empty() && !kiosk_device_browser_) return;
    const bool by_cookie = kiosk_token_.empty();
    const json body = by_cookie ? json::object() : json{{"token", kiosk_token_}};
    request("POST", "/api/v1/kiosk/session", &body, [this, by_cookie](const HttpResponse& r) {
        KioskDevicesState& K = s_.kiosk_device;
        auto reply = r.status == 200 ? wire::read_reply<wire::KioskSessionReply>(r.body) : std::nullopt;
        if (!reply && by_cookie && r.status == 422) {
            // The marker outlived the device cookie (cookies cleared): not a kiosk any more — the sign-in page.
            kiosk_device_browser_ = false;
            s_.screen = Screen::SignIn;
            changed_ = true;
            return;
        }
        if (!reply) {
            ++session_epoch_;                       // nothing of an earlier session answers any more
            const std::uint64_t pending = s_.pending_requests;
            AppState fresh;
            fresh.today = s_.today;
            fresh.pending_requests = static_cast<int>(pending);
            fresh.screen = Screen::KioskStopped;
            fresh.kiosk_device.device = K.device;
            fresh.kiosk_device.stopped_message = r.status == 401 ? "设备令牌无效或设备已停用，请联系管理员在「展厅设备」中重新签发。"
                                          : r.status == 0 ? "无法连接服务器，稍后自动重试。"
                                                          : error_message_zh(r);
            s_ = std::move(fresh);
            if (r.status != 401) {
                kiosk_retry_ms_ = now_ms() - kKioskRetryMs + 15'000;   // network: again soon
            } else {
                kiosk_token_.clear();              // a dead token is not tried again
                kiosk_device_browser_ = false;     // (the server cleared the device cookie too)
            }
            changed_ = true;
            return;
        }
        K.device = reply->device;
        K.stopped_message.clear();
        kiosk_device_browser_ = true;              // a restart signs in again by the device cookie
        signed_in(r.body);
    }, true);
}

bool App::kiosk_session_ended() {
    // A kiosk signed in by its device token; a kiosk user signed in by password keeps its figures (kiosk_session_lost).
    const bool kiosk = s_.kiosk_device.device || !kiosk_token_.empty() || kiosk_device_browser_;
    if (!kiosk) return false;
    const double now = now_ms();
    if ((!kiosk_token_.empty() || kiosk_device_browser_) && now - kiosk_retry_ms_ >= kKioskRetryMs) {
        kiosk_retry_ms_ = now;
        ++session_epoch_;                             // the old session's replies are dropped
        kiosk_sign_in();
        return true;
    }
    ++session_epoch_;
    AppState fresh;
    fresh.today = s_.today;
    fresh.pending_requests = s_.pending_requests;
    fresh.screen = Screen::KioskStopped;
    fresh.kiosk_device.device = s_.kiosk_device.device;
    fresh.kiosk_device.stopped_message = "设备已被管理员停用或令牌已更换，请联系管理员。";
    s_ = std::move(fresh);
    changed_ = true;
    return true;
}

void App::kiosk_heartbeat(double now) {
    if (s_.screen == Screen::KioskStopped) {
        // A network failure at sign-in: try the token again (kiosk_token_ is cleared after a 401).
        if ((!kiosk_token_.empty() || kiosk_device_browser_) && now - kiosk_retry_ms_ >= kKioskRetryMs) {
            kiosk_retry_ms_ = now;
            kiosk_sign_in();
        }
        return;
    }
    if (!s_.user || s_.user->role != Role::Kiosk || now < kiosk_next_beat_ms_) return;
    kiosk_next_beat_ms_ = now + kKioskBeatMs;
    request("GET", "/api/v1/me", nullptr, [](const HttpResponse&) {});   // a 401 ends it (session_expired)
}

void App::enter_kiosk_devices() {
    if (!role_has_screen(s_, Screen::KioskDevices)) return;
    load_kiosk_devices();
}

void App::load_kiosk_devices() {
    KioskDevicesState& K = s_.kiosk_device;
    K.loading = true;
    K.error.clear();
    request("GET", "/api/v1/kiosk/devices", nullptr, [this](const HttpResponse& r) {
        KioskDevicesState& S = s_.kiosk_device;
        S.loading = false;
        std::string parse_error;
        auto list = r.status == 200 ? wire::read_reply<wire::KioskDeviceList>(r.body, &parse_error) : std::nullopt;
        if (!list) {
            S.error = "展厅设备列表加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r));
            return;
        }
        S.list = std::move(*list);
    });
}

// A reply with a token (registration, re-issue): the dialog shows it once; the list reloads.
void App::kiosk_token_shown(const HttpResponse& r, const std::string& done_zh) {
    KioskDevicesState& K = s_.kiosk_device;
    K.saving = false;
    std::string parse_error;
    auto reply = (r.status == 200 || r.status == 201) ? wire::read_reply<wire::KioskTokenReply>(r.body, &parse_error)
                                                      : std::nullopt;
    if (!reply) {
        K.form_errors = field_errors_of(r.body);
        K.form_error = r.status == 200 || r.status == 201 ? parse_error : error_message_zh(r);
        return;
    }
    K.notice = done_zh + "“" + reply->device.name + "”：请立即复制地址或扫描二维码，关闭后不再显示";
    K.shown = std::move(*reply);
    load_kiosk_devices();
}

void App::apply_kiosk_devices(const KioskDevicesIntent& intent) {
    KioskDevicesState& K = s_.kiosk_device;
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, ReloadKioskDevices>) {
                load_kiosk_devices();
            } else if constexpr (std::is_same_v<T, EditKioskForm>) {
                if (i.form.name != K.form.name) K.form_errors.erase("name");
                if (i.form.place != K.form.place) K.form_errors.erase("place");
                if (i.form.orientation != K.form.orientation) K.form_errors.erase("orientation");
                K.form = i.form;
            } else if constexpr (std::is_same_v<T, RegisterKiosk>) {
                if (K.saving) return;
                K.form_errors.clear();
                K.form_error.clear();
                K.notice.clear();
                if (K.form.name.empty()) K.form_errors["name"] = "请填写设备名称";
                if (K.form.place.empty()) K.form_errors["place"] = "请填写安放位置（如 展厅一楼）";
                if (!K.form_errors.empty()) return;
                const json body = wire::KioskDeviceRegister{K.form.name, K.form.place, K.form.orientation};
                K.saving = true;
                request("POST", "/api/v1/kiosk/devices", &body, [this](const HttpResponse& r) {
                    kiosk_token_shown(r, "已登记展厅设备");
                    if (r.status == 201) s_.kiosk_device.form = KioskForm{};
                });
            } else if constexpr (std::is_same_v<T, ReissueKioskToken>) {
                if (K.saving) return;
                K.saving = true;
                K.notice.clear();
                K.form_error.clear();
                const json body = json::object();
                request("POST", "/api/v1/kiosk/devices/" + std::to_string(i.id) + "/token", &body,
                        [this](const HttpResponse& r) { kiosk_token_shown(r, "已重新签发令牌，旧令牌已失效："); });
            } else if constexpr (std::is_same_v<T, CloseKioskToken>) {
                K.shown.reset();                      // the token is gone from this page
            } else if constexpr (std::is_same_v<T, OpenKioskRevoke>) {
                K.revoke_id = i.id;
                K.revoke_reason.clear();
                K.revoke_error.clear();
            } else if constexpr (std::is_same_v<T, EditKioskRevoke>) {
                K.revoke_reason = i.reason;
                K.revoke_error.clear();
            } else if constexpr (std::is_same_v<T, CancelKioskRevoke>) {
                K.revoke_id = 0;
            } else if constexpr (std::is_same_v<T, ConfirmKioskRevoke>) {
                if (K.revoking || K.revoke_id == 0) return;
                if (K.revoke_reason.empty()) {
                    K.revoke_error = "请填写停用原因";
                    return;
                }
                const json body = wire::KioskDeviceRevoke{K.revoke_reason};
                K.revoking = true;
                request("POST", "/api/v1/kiosk/devices/" + std::to_string(K.revoke_id) + "/revoke", &body,
                        [this](const HttpResponse& r) {
                    KioskDevicesState& S = s_.kiosk_device;
                    S.revoking = false;
                    auto d = r.status == 200 ? wire::read_reply<wire::KioskDevice>(r.body) : std::nullopt;
                    if (!d) {
                        S.revoke_error = error_message_zh(r);
                        return;
                    }
                    S.revoke_id = 0;
                    S.notice = "已停用展厅设备“" + d->name + "”，其会话已立即结束";
                    load_kiosk_devices();
                });
            }
        },
        intent);
    changed_ = true;
}

json test_state_of(const KioskDevicesState& s) {
    json j = {{"loading", s.loading}, {"error", s.error}, {"notice", s.notice}, {"form_error", s.form_error},
              {"form_errors", s.form_errors}, {"revoke_id", s.revoke_id}, {"revoke_error", s.revoke_error},
              {"stopped_message", s.stopped_message}};
    j["devices"] = s.list ? json(s.list->items) : json::array();
    if (s.shown) j["shown"] = {{"url", s.shown->url}, {"device", s.shown->device.name}, {"qr_size", s.shown->qr.size}};
    if (s.device) j["device"] = *s.device;
    return j;
}

}  // namespace yiyang::client
