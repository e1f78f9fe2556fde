// Evidence photos (服务照片): POST /api/v1/orders/{id}/evidence (the provider of the order; raw image bytes or
// multipart field "photo"), GET /api/v1/orders/{id}/evidence (the list with the reuse flag), and the bytes:
// GET /api/v1/evidence/{id}/thumb and /full. Checks: app/photos (type by content, decoded whole, thumbnail);
// rules: shared evidence.hpp; SQL: store/evidence. Each upload is an audit event, in the same transaction.
#include "app/photos.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "http/uploaded_files.hpp"   // media_type
#include "store/audit.hpp"
#include "store/evidence.hpp"
#include "store/orders.hpp"
#include "yiyang/evidence.hpp"
#include "yiyang/order_request.hpp"
#include "yiyang/wire/evidence.hpp"

namespace yiyang::http {
namespace {

store::StoredOrder visible_order(SQLite::Database& db, Id id, const AuthUser& u) {
    auto s = store::get_order(db, id);
    if (!s) fail_not_found("编号为 " + std::to_string(id) + " 的工单");
    if (!may_see_order(u.viewer(), s->order)) fail(403, "forbidden", "无权查看该工单的服务照片（" + s->order.code + "）");
    return std::move(*s);
}

// The photo's bytes: the raw body (Content-Type image/* or application/octet-stream) or the multipart field
// "photo". The declared type is not believed: check_photo judges the bytes.
std::string photo_body(const httplib::Request& req) {
    const auto type = media_type(req);
    if (type == "multipart/form-data") {
        if (!req.has_file("photo")) {
            fail(422, "validation", "上传表单缺少照片字段 photo", {{"photo", "required", "上传表单缺少照片字段 photo"}});
        }
        return req.get_file_value("photo").content;
    }
    if (type.rfind("image/", 0) == 0 || type == "application/octet-stream") return req.body;
    fail(415, "unsupported_media_type",
         "照片应以图片原始内容（Content-Type: image/jpeg 等）或表单（multipart/form-data）上传，实际为：" +
             shown_text(req.get_header_value("Content-Type")));
}

wire::EvidencePhoto photo_view(const store::PhotoMeta& p, const std::map<Id, std::vector<std::string>>& reused) {
    wire::EvidencePhoto w;
    w.id = p.id;
    w.order_id = p.order_id;
    w.uploaded_by = p.uploader;
    w.uploaded_at = p.uploaded_at;
    w.sha256 = p.sha256;
    w.mime = p.mime;
    w.size = p.size;
    w.width = p.width;
    w.height = p.height;
    w.thumb_url = "/api/v1/evidence/" + std::to_string(p.id) + "/thumb";
    w.full_url = "/api/v1/evidence/" + std::to_string(p.id) + "/full";
    if (auto it = reused.find(p.id); it != reused.end()) {
        w.also_on_orders = it->second;
        w.reuse_note = reuse_note_zh(it->second);
    }
    return w;
}

wire::EvidenceList evidence_list(SQLite::Database& db, const store::StoredOrder& s, const AuthUser& u) {
    wire::EvidenceList out;
    out.order_id = s.order.id;
    out.order_code = s.order.code;
    out.may_attach = may(u.user.role, Permission::AttachEvidence) && may_attach_evidence(u.viewer(), s.order);
    const auto reused = store::reused_photos_of_order(db, s.order.id);
    for (const auto& p : store::photos_of_order(db, s.order.id)) out.items.push_back(photo_view(p, reused));
    return out;
}

void reply_image(SQLite::Database& db, const httplib::Request& req, httplib::Response& res, const AuthUser& u,
                 bool thumb) {
    const Id id = path_id(req);
    auto bytes = store::photo_bytes(db, id, thumb);
    if (!bytes) fail_not_found("编号为 " + std::to_string(id) + " 的服务照片");
    visible_order(db, bytes->order_id, u);
    res.status = 200;
    res.set_content(std::move(bytes->bytes), bytes->mime.c_str());
    // The security_headers post-routing handler sets no-store on /api/ unless told otherwise; a photo never changes
    // (its id names its bytes), so the browser may keep it — for this user only.
    res.set_header("Cache-Control", "private, max-age=86400, immutable");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Content-Disposition", std::string("inline; filename=\"evidence-") + std::to_string(id) +
                                              (thumb ? "-thumb.jpg" : bytes->mime == "image/png" ? ".png"
                                                                  : bytes->mime == "image/webp" ? ".webp" : ".jpg") + "\"");
}

}  // namespace

void register_evidence_routes(Router& r, app::AppContext& ctx) {
    r.add({"POST", "/api/v1/orders/{id}/evidence",
           "Attach a service photo to an order (raw image bytes or multipart field \"photo\"; JPEG, PNG or WebP by "
           "content; at most 8 MiB)",
           "evidence", needs(Permission::AttachEvidence, "provider: own orders, accepted until reviewed"), {}, "",
           "EvidencePhoto", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        {   // Who and when before the bytes are decoded (decoding costs; a refused caller should not cause it).
            auto& db = ctx.db.reader();
            const auto s = visible_order(db, id, user);
            if (auto why = attach_refusal_zh(user.viewer(), s.order); !why.empty()) {
                fail(s.order.provider_id == user.user.provider_id ? 409 : 403,
                     s.order.provider_id == user.user.provider_id ? "conflict" : "forbidden", why);
            }
        }
        const std::string body = photo_body(req);
        auto checked = app::check_photo(body);
        if (auto* no = std::get_if<app::PhotoRefused>(&checked)) {
            fail(no->code == "image_too_large" && body.size() > kEvidenceMaxBytes ? 413 : 422, no->code, no->message_zh,
                 {{"photo", no->code, no->message_zh}});
        }
        const auto& photo = std::get<app::CheckedPhoto>(checked);
        const auto now = ctx.now();
        wire::EvidencePhoto reply;
        ctx.db.write([&](SQLite::Database& db) {
            const auto s = visible_order(db, id, user);   // again, inside the transaction: it may have moved on
            if (auto why = attach_refusal_zh(user.viewer(), s.order); !why.empty()) fail(409, "conflict", why);
            if (store::count_photos(db, id) >= kEvidenceMaxPerOrder) {
                fail(409, "too_many_photos", "工单 " + s.order.code + " 已有 " + std::to_string(kEvidenceMaxPerOrder) +
                                                 " 张照片，不能再添加");
            }
            store::NewPhoto p{id, user.user.id, user.user.username, now, photo.sha256, mime_type(photo.type),
                              photo.width, photo.height, photo.orientation, body, photo.thumb};
            const Id photo_id = store::insert_photo(db, p);
            const auto reused = store::reused_photos_of_order(db, id);
            // Its own entity: the order's history (entity work_order) is its lifecycle, read back as transitions.
            json details = {{"order_id", id}, {"order_code", s.order.code}, {"sha256", photo.sha256}, {"mime", p.mime},
                            {"size", static_cast<std::int64_t>(body.size())}, {"width", photo.width},
                            {"height", photo.height}};
            if (auto it = reused.find(photo_id); it != reused.end()) details["also_on_orders"] = it->second;
            store::append_audit(db, {0, now, user.user.id, user.user.username, "evidence_photo", photo_id, "upload",
                                     details, ""});
            reply = photo_view({photo_id, id, user.user.username, now, photo.sha256, p.mime,
                                static_cast<std::int64_t>(body.size()), photo.width, photo.height}, reused);
        });
        reply_json(res, 201, json(reply));
    });

    r.add({"GET", "/api/v1/orders/{id}/evidence", "The service photos of an order, oldest first, with the reuse flag",
           "evidence", needs(Permission::ViewEvidence, "town: own town; provider: own orders"), {}, "", "EvidenceList"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto& db = ctx.db.reader();
        const auto s = visible_order(db, path_id(req), user);
        reply_json(res, 200, json(evidence_list(db, s, user)));
    });

    r.add({"GET", "/api/v1/evidence/{id}/thumb", "A service photo's thumbnail (JPEG, upright, longer side 240 px)",
           "evidence", needs(Permission::ViewEvidence, "as the photo's order"), {}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_image(ctx.db.reader(), req, res, user, true);
    });

    r.add({"GET", "/api/v1/evidence/{id}/full", "A service photo as uploaded", "evidence",
           needs(Permission::ViewEvidence, "as the photo's order"), {}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_image(ctx.db.reader(), req, res, user, false);
    });
}

}  // namespace yiyang::http
