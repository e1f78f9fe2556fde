// Kiosk devices' wire format (wire/kiosk_devices.hpp).
#include "yiyang/wire/kiosk_devices.hpp"

#include "yiyang/wire/fields.hpp"

namespace yiyang::wire {

void to_json(json& j, const KioskDevice& d) {
    j = {{"id", d.id}, {"name", d.name}, {"place", d.place}, {"orientation", d.orientation},
         {"registered_by", d.registered_by}, {"registered_at", d.registered_at},
         {"token_issued_at", d.token_issued_at}, {"last_seen_at", d.last_seen_at}, {"revoked_at", d.revoked_at},
         {"revoked_by", d.revoked_by}, {"revoke_reason", d.revoke_reason}};
}
void from_json(const json& j, KioskDevice& d) {
    j.at("id").get_to(d.id);
    j.at("name").get_to(d.name);
    get_or(j, "place", d.place);
    get_or(j, "orientation", d.orientation);
    get_or(j, "registered_by", d.registered_by);
    get_or(j, "registered_at", d.registered_at);
    get_or(j, "token_issued_at", d.token_issued_at);
    get_or(j, "last_seen_at", d.last_seen_at);
    get_or(j, "revoked_at", d.revoked_at);
    get_or(j, "revoked_by", d.revoked_by);
    get_or(j, "revoke_reason", d.revoke_reason);
}

void to_json(json& j, const KioskDeviceList& r) { j = {{"items", r.items}}; }
void from_json(const json& j, KioskDeviceList& r) { j.at("items").get_to(r.items); }

void to_json(json& j, const KioskDeviceRegister& r) {
    j = {{"name", r.name}, {"place", r.place}, {"orientation", r.orientation}};
}
void from_json(const json& j, KioskDeviceRegister& r) {
    j.at("name").get_to(r.name);
    get_or(j, "place", r.place);
    get_or(j, "orientation", r.orientation);
}

std::vector<FieldError> kiosk_register_from_json(const json& j, KioskDeviceRegister& out) {
    if (!j.is_object()) return {{"", "format", "请求体应为 JSON 对象"}};
    std::vector<FieldError> e;
    unknown_members(j, {"name", "place", "orientation"}, e);
    out.name = text_of(j, "name", "设备名称", 120, true, e);
    out.place = text_of(j, "place", "安放位置", 180, true, e);
    out.orientation = text_of(j, "orientation", "屏幕方向", 20, true, e);
    if (!out.orientation.empty() && !valid_kiosk_orientation(out.orientation))
        e.push_back({"orientation", "format", "屏幕方向（orientation）只能是 portrait（竖屏）或 landscape（横屏）"});
    return e;
}

std::vector<FieldError> kiosk_revoke_from_json(const json& j, KioskDeviceRevoke& out) {
    if (!j.is_object()) return {{"", "format", "请求体应为 JSON 对象"}};
    std::vector<FieldError> e;
    unknown_members(j, {"reason"}, e);
    out.reason = text_of(j, "reason", "停用原因", 400, true, e);
    return e;
}

void to_json(json& j, const KioskDeviceRevoke& r) { j = {{"reason", r.reason}}; }
void from_json(const json& j, KioskDeviceRevoke& r) { j.at("reason").get_to(r.reason); }

void to_json(json& j, const QrMatrix& q) { j = {{"size", q.size}, {"rows", q.rows}}; }
void from_json(const json& j, QrMatrix& q) {
    j.at("size").get_to(q.size);
    j.at("rows").get_to(q.rows);
}

void to_json(json& j, const KioskTokenReply& r) {
    j = {{"device", r.device}, {"token", r.token}, {"url", r.url}, {"qr", r.qr}};
}
void from_json(const json& j, KioskTokenReply& r) {
    j.at("device").get_to(r.device);
    j.at("token").get_to(r.token);
    j.at("url").get_to(r.url);
    j.at("qr").get_to(r.qr);
}

void to_json(json& j, const KioskSignIn& r) { j = {{"token", r.token}}; }
void from_json(const json& j, KioskSignIn& r) { j.at("token").get_to(r.token); }

void to_json(json& j, const KioskDeviceSelf& d) {
    j = {{"id", d.id}, {"name", d.name}, {"place", d.place}, {"orientation", d.orientation}};
}
void from_json(const json& j, KioskDeviceSelf& d) {
    j.at("id").get_to(d.id);
    get_or(j, "name", d.name);
    get_or(j, "place", d.place);
    get_or(j, "orientation", d.orientation);
}

void to_json(json& j, const KioskSessionReply& r) {
    j = r.session;
    j["device"] = r.device;
}
void from_json(const json& j, KioskSessionReply& r) {
    j.get_to(r.session);
    j.at("device").get_to(r.device);
}

}  // namespace yiyang::wire
