// 展厅设备 (administrators; issue 12, kiosk-devices): register a kiosk (name, place, portrait | landscape), the token
// shown once in a dialog as the URL and a QR code drawn module by module (black on white, a quiet zone of four
// modules, at least 6 px a module: a phone camera reads it off the screen), the devices' list with re-issue and
// revoke (a modal asking for the reason). And 本设备已停用: what a kiosk shows when its token no longer works.
#include <algorithm>
#include <string>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

constexpr const char* kTokenPopup = "展厅设备访问地址###kiosk.token";
constexpr const char* kRevokePopup = "停用展厅设备###kiosk.revoke";
constexpr int kQuietModules = 4;

const char* orientation_zh(const std::string& o) { return o == "landscape" ? "横屏" : o == "portrait" ? "竖屏" : "—"; }

// A modal at (centre, y_frac of the height), `width` CSS px at most: open while `want`, closed once not. True when its
// contents are to be drawn (then EndPopup).
bool begin_modal(const char* id, bool want, float width, float y_frac) {
    if (want && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * y_frac), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(px(width), io.DisplaySize.x - px(24)), 0), ImGuiCond_Always);
    if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings))
        return false;
    if (!want) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return false;
    }
    return true;
}

// The QR code: `side` device px square including the quiet zone, whole pixels a module (sharp edges).
void draw_qr(const wire::QrMatrix& q, float side) {
    const int n = q.size + 2 * kQuietModules;
    const float module = std::max(1.0f, static_cast<float>(static_cast<int>(side / static_cast<float>(n))));
    const float full = module * static_cast<float>(n);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + full, at.y + full), IM_COL32(255, 255, 255, 255));   // never the theme's
    for (int y = 0; y < q.size && y < static_cast<int>(q.rows.size()); ++y) {
        const std::string& row = q.rows[static_cast<std::size_t>(y)];
        for (int x = 0; x < q.size && x < static_cast<int>(row.size()); ++x) {
            if (row[static_cast<std::size_t>(x)] != '1') continue;
            const ImVec2 a(at.x + module * static_cast<float>(x + kQuietModules), at.y + module * static_cast<float>(y + kQuietModules));
            dl->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32(0, 0, 0, 255));
        }
    }
    ImGui::Dummy(ImVec2(full, full));
    tag("kiosk.qr");
}

void token_dialog(const KioskDevicesState& K, Intents& out) {
    if (!begin_modal(kTokenPopup, K.shown.has_value(), 620, 0.5f)) return;
    const ImGuiIO& io = ImGui::GetIO();
    const auto& t = *K.shown;
    tag("kiosk.token.dialog");
    ImGui::TextUnformatted((t.device.name + " · " + t.device.place + " · " + orientation_zh(t.device.orientation)).c_str());
    wrapped_text("此地址与二维码只显示这一次：在展厅设备的浏览器中打开地址，或用手机扫描二维码后在设备上打开。"
                 "关闭后服务器不再保存，可重新签发（旧令牌随即失效）。",
                 colors::kMuted);
    const float avail = ImGui::GetContentRegionAvail().x;
    const float side = std::min(avail, std::max(px(360), std::min(io.DisplaySize.y * 0.55f, px(440))));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail - side) * 0.5f));
    draw_qr(t.qr, side);
    std::string url = t.url;
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##kiosk.token.url", &url, ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
    tag("kiosk.token.url");
    tag_text("kiosk.token.url", t.url);
    muted("点击地址框后按 Ctrl+C 复制");
    if (primary_button("我已记下，关闭")) out.push_back(KioskDevicesIntent{CloseKioskToken{}});
    tag("kiosk.token.close");
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) out.push_back(KioskDevicesIntent{CloseKioskToken{}});
    ImGui::EndPopup();
}

void revoke_dialog(const KioskDevicesState& K, Intents& out) {
    if (!begin_modal(kRevokePopup, K.revoke_id != 0, 480, 0.4f)) return;
    std::string name;
    if (K.list) {
        for (const auto& d : K.list->items)
            if (d.id == K.revoke_id) name = d.name + "（" + d.place + "）";
    }
    tag("kiosk.revoke.dialog");
    wrapped_text("停用“" + name + "”后，该设备的会话立即结束，屏幕显示“本设备已停用”，令牌不能再使用。此操作记入审计。",
                 ImGui::GetColorU32(ImGuiCol_Text));
    ImGui::TextUnformatted("停用原因");
    std::string reason = K.revoke_reason;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    if (ImGui::InputTextWithHint("##kiosk.revoke.reason", "如 设备送修、设备丢失", &reason))
        out.push_back(KioskDevicesIntent{EditKioskRevoke{reason}});
    tag("kiosk.revoke.reason");
    if (!K.revoke_error.empty()) field_error("kiosk.revoke", "reason", K.revoke_error);
    if (K.revoking) ImGui::BeginDisabled();
    if (danger_button("确认停用")) out.push_back(KioskDevicesIntent{ConfirmKioskRevoke{}});
    tag("kiosk.revoke.confirm");
    if (K.revoking) ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("取消") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        out.push_back(KioskDevicesIntent{CancelKioskRevoke{}});
    tag("kiosk.revoke.cancel");
    ImGui::EndPopup();
}

void register_form(const KioskDevicesState& K, Intents& out) {
    heading("登记展厅设备");
    KioskForm f = K.form;
    bool changed = false;
    auto error_of = [&](const char* field) {
        if (auto it = K.form_errors.find(field); it != K.form_errors.end()) field_error("kiosk.new", field, it->second);
    };
    ImGui::BeginGroup();
    ImGui::SetNextItemWidth(fit_w(em(12)));
    if (ImGui::InputTextWithHint("##kiosk.new.name", "设备名称，如 展厅一楼大屏", &f.name)) changed = true;
    tag("kiosk.new.name");
    error_of("name");
    ImGui::EndGroup();
    ImGui::BeginGroup();
    ImGui::SetNextItemWidth(flow(em(12)));
    if (ImGui::InputTextWithHint("##kiosk.new.place", "安放位置，如 展厅一楼", &f.place)) changed = true;
    tag("kiosk.new.place");
    error_of("place");
    ImGui::EndGroup();
    flow(em(10));
    if (ImGui::RadioButton("竖屏", f.orientation == "portrait")) { f.orientation = "portrait"; changed = true; }
    tag("kiosk.new.portrait");
    ImGui::SameLine();
    if (ImGui::RadioButton("横屏", f.orientation == "landscape")) { f.orientation = "landscape"; changed = true; }
    tag("kiosk.new.landscape");
    error_of("orientation");
    if (changed) out.push_back(KioskDevicesIntent{EditKioskForm{f}});
    flow(em(8));
    if (K.saving) ImGui::BeginDisabled();
    if (primary_button("登记并生成令牌")) out.push_back(KioskDevicesIntent{RegisterKiosk{}});
    if (K.saving) ImGui::EndDisabled();
    tag("kiosk.new.submit");
    if (!K.form_error.empty()) {
        wrapped_text(K.form_error, colors::kError);
        tag_text("kiosk.new.error", K.form_error);
    }
}

void device_table(const KioskDevicesState& K, Intents& out) {
    if (!K.list) {
        muted(K.error.empty() ? "正在加载…" : K.error);
        return;
    }
    if (K.list->items.empty()) {
        muted("尚未登记展厅设备");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    const char* heads[] = {"设备", "方向", "登记", "令牌签发", "最近在线", "状态", "操作"};
    if (!ImGui::BeginTable("kiosk.table", 7, flags, ImVec2(0, std::max(px(200), ImGui::GetContentRegionAvail().y)))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* h : heads) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const auto& d : K.list->items) {
        const std::string id = std::to_string(d.id);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(d.name.c_str());
        tag("kiosk.row." + id);
        muted(d.place);
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(orientation_zh(d.orientation));
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(d.registered_by.c_str());
        muted(d.registered_at);
        ImGui::TableSetColumnIndex(3);
        ImGui::TextUnformatted(d.token_issued_at.c_str());
        ImGui::TableSetColumnIndex(4);
        ImGui::TextUnformatted(d.last_seen_at.empty() ? "从未登录" : d.last_seen_at.c_str());
        ImGui::TableSetColumnIndex(5);
        if (d.revoked_at.empty()) {
            colored_text("使用中", colors::kSuccess);
        } else {
            colored_text("已停用", colors::kError);
            muted(d.revoked_at + " · " + d.revoked_by);
            wrapped_text("原因：" + d.revoke_reason, colors::kMuted);
        }
        tag_text("kiosk.status." + id, d.revoked_at.empty() ? "使用中" : "已停用");
        ImGui::TableSetColumnIndex(6);
        if (d.revoked_at.empty()) {
            if (ImGui::Button(("重新签发##" + id).c_str())) out.push_back(KioskDevicesIntent{ReissueKioskToken{d.id}});
            tag("kiosk.reissue." + id);
            ImGui::SameLine();
            if (danger_button(("停用##" + id).c_str())) out.push_back(KioskDevicesIntent{OpenKioskRevoke{d.id}});
            tag("kiosk.revoke." + id);
        } else {
            muted("—");
        }
    }
    ImGui::EndTable();
}

}  // namespace

Intents draw_kiosk_devices(const AppState& s) {
    Intents out;
    const KioskDevicesState& K = s.kiosk_device;
    register_form(K, out);
    if (!K.notice.empty()) {
        wrapped_text(K.notice, colors::kSuccess);
        tag_text("kiosk.notice", K.notice);
    }
    ImGui::Separator();
    heading("已登记的设备");
    ImGui::SameLine();
    if (ImGui::Button("刷新")) out.push_back(KioskDevicesIntent{ReloadKioskDevices{}});
    tag("kiosk.refresh");
    device_table(K, out);
    token_dialog(K, out);
    revoke_dialog(K, out);
    return out;
}

Intents draw_kiosk_stopped(const AppState& s) {
    // Inside the root's full window: a dark page, the words large enough to read from 2 m.
    const ImVec2 origin = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    ImGui::GetWindowDrawList()->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), col(palette::kTopBar));
    const char* title = "本设备已停用";
    // The body font (the title font holds the static headings' characters only), scaled up.
    const float scale = std::clamp(size.x / px(300), 1.5f, 3.0f);
    ImGui::SetWindowFontScale(scale);
    const ImVec2 ts = ImGui::CalcTextSize(title);
    ImGui::SetCursorPos(ImVec2(std::max(0.0f, (size.x - ts.x) * 0.5f), size.y * 0.36f));
    colored_text(title, col(palette::kOnDark));
    tag("kiosk.stopped");
    tag_text("kiosk.stopped", title);
    ImGui::SetWindowFontScale(1.0f);
    const std::string detail = s.kiosk_device.stopped_message.empty() ? "请联系管理员。" : s.kiosk_device.stopped_message;
    const float w = std::min(size.x - px(48), px(640));
    ImGui::SetCursorPos(ImVec2((size.x - w) * 0.5f, ImGui::GetCursorPosY() + px(24)));
    ImGui::BeginGroup();
    wrapped_text(detail, col(palette::kOnDark), w);
    if (s.kiosk_device.device) wrapped_text("设备：" + s.kiosk_device.device->name + "（" + s.kiosk_device.device->place + "）", col(palette::kOnDark), w);
    ImGui::EndGroup();
    tag_text("kiosk.stopped.detail", detail);
    return {};
}

}  // namespace yiyang::client::ui
