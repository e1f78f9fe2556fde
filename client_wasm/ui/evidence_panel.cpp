// The evidence section of the order detail (ui/evidence_panel.hpp). Thumbnails are decoded by the browser
// (createImageBitmap) into WebGL textures (platform/photos), not by code in the WebAssembly module.
#include "ui/evidence_panel.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

#include <imgui.h>

#include "platform/photos.hpp"
#include "ui/widgets.hpp"
#include "yiyang/access.hpp"
#include "yiyang/date.hpp"

namespace yiyang::client::ui {
namespace {


void thumbnail(const wire::EvidencePhoto& p, float side) {
    const auto tex = photo_texture(p.thumb_url);
    const ImVec2 box(side, side);
    ImGui::PushID(static_cast<int>(p.id));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton("thumb", box);
    auto* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + side, at.y + side), col(palette::kThumbBack), px(4));
    if (tex.state == 1 && tex.width > 0 && tex.height > 0) {
        // Fit inside the square, centred, aspect kept.
        const float k = std::min(side / static_cast<float>(tex.width), side / static_cast<float>(tex.height));
        const float w = tex.width * k, h = tex.height * k;
        const ImVec2 a(at.x + (side - w) / 2, at.y + (side - h) / 2);
        dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex.id)), a, ImVec2(a.x + w, a.y + h));
    } else {
        const char* t = tex.state < 0 ? "无法显示" : "加载中…";
        const ImVec2 ts = ImGui::CalcTextSize(t);
        dl->AddText(ImVec2(at.x + (side - ts.x) / 2, at.y + (side - ts.y) / 2), colors::kMuted, t);
    }
    const bool reused = !p.reuse_note.empty();
    dl->AddRect(at, ImVec2(at.x + side, at.y + side), reused ? col(palette::kWarning) : col(palette::kThumbBorder), px(4), 0,
                reused ? px(3) : px(1));
    const std::string id = "evidence.thumb." + std::to_string(p.id);
    tag(id);
    tag_text(id, std::to_string(tex.state));
    if (ImGui::IsItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImGui::SetTooltip("%s", ("点击在新标签页查看原图\n上传：" + p.uploaded_by + "　" + format_timestamp(p.uploaded_at) +
                                 "\nSHA-256：" + p.sha256.substr(0, 16) + "…").c_str());
    }
    if (clicked) open_in_new_tab(p.full_url);
    ImGui::PopID();
}

}  // namespace

Intents draw_evidence_section(const AppState& s) {
    Intents out;
    if (!s.orders.current || !s.user || !may(s.user->role, Permission::ViewEvidence)) return out;
    const Id order_id = s.orders.current->order.id;
    const EvidenceState& ev = s.evidence;
    for (auto& e : take_photo_events()) {
        if (e.started) out.push_back(EvidenceIntent{EvidenceUploadStarted{e.order_id, e.count}});
        else out.push_back(EvidenceIntent{EvidenceUploaded{e.order_id, e.status, e.text}});
    }
    if (ev.order_id != order_id) {
        out.push_back(EvidenceIntent{EvidenceLoad{order_id}});
        return out;
    }
    ImGui::Spacing();
    colored_text("服务照片（" + std::to_string(ev.list.items.size()) + " 张）", colors::kAccent);
    tag("evidence.title");
    if (ev.list.may_attach) {
        ImGui::SameLine();
        if (ev.uploads_pending > 0) ImGui::BeginDisabled();
        if (ImGui::SmallButton("添加照片")) pick_photos(order_id);
        if (ev.uploads_pending > 0) ImGui::EndDisabled();
        tag("evidence.add");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("拍照或选择照片（JPEG、PNG、WebP，每张不超过 8 MB）");
    }
    ImGui::Separator();
    if (!ev.error.empty()) {
        wrapped_text(ev.error, colors::kError);
        tag("evidence.error");
        tag_text("evidence.error", ev.error);
    }
    if (!ev.message.empty()) {
        wrapped_text(ev.message, colors::kSuccess);
        tag("evidence.message");
        tag_text("evidence.message", ev.message);
    }
    if (ev.list.items.empty()) {
        muted(ev.loading ? "正在加载…" : ev.list.may_attach ? "尚无照片：完成服务前请添加现场照片" : "尚无照片");
        return out;
    }
    // A grid of thumbnails wrapping at the panel's edge; the reuse notes listed under it.
    const float side = px(96);
    const float right = ImGui::GetContentRegionAvail().x;
    float x = 0.0f;
    for (const auto& p : ev.list.items) {
        if (x > 0.0f && x + ImGui::GetStyle().ItemSpacing.x + side <= right) {
            ImGui::SameLine();
            x += ImGui::GetStyle().ItemSpacing.x + side;
        } else {
            x = side;
        }
        thumbnail(p, side);
    }
    int n = 0;
    for (const auto& p : ev.list.items) {
        ++n;
        if (p.reuse_note.empty()) continue;
        wrapped_text("【注意】第 " + std::to_string(n) + " 张：" + p.reuse_note, col(palette::kWarning));
        const std::string id = "evidence.reuse." + std::to_string(p.id);
        tag(id);
        tag_text(id, p.reuse_note);
    }
    tag_text("evidence.count", std::to_string(ev.list.items.size()));
    return out;
}

}  // namespace yiyang::client::ui
