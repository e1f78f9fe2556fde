// Evidence files uploaded by staff: see uploaded_files.hpp.
#include "http/uploaded_files.hpp"

#include <cctype>
#include <optional>

#include "app/pdf_preview.hpp"
#include "app/photos.hpp"
#include "http/common.hpp"

namespace yiyang::http {

namespace {

// What the upload claims to be: the declared Content-Type when it names one of the accepted types, and the file
// name's extension. nullopt when it claims nothing (application/octet-stream, no name, another extension).
std::optional<activity::FileType> claimed_by_type(const std::string& media) {
    using activity::FileType;
    if (media == "image/jpeg" || media == "image/jpg") return FileType::Jpeg;
    if (media == "image/png") return FileType::Png;
    if (media == "image/webp") return FileType::Webp;
    if (media == "application/pdf") return FileType::Pdf;
    return std::nullopt;
}
std::optional<activity::FileType> claimed_by_name(const std::string& name) {
    using activity::FileType;
    const auto dot = name.find_last_of('.');
    if (dot == std::string::npos) return std::nullopt;
    std::string ext = name.substr(dot + 1);
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == "jpg" || ext == "jpeg") return FileType::Jpeg;
    if (ext == "png") return FileType::Png;
    if (ext == "webp") return FileType::Webp;
    if (ext == "pdf") return FileType::Pdf;
    return std::nullopt;
}
const char* type_zh(activity::FileType t) {
    switch (t) {
        case activity::FileType::Jpeg: return "JPEG 图片";
        case activity::FileType::Png: return "PNG 图片";
        case activity::FileType::Webp: return "WebP 图片";
        case activity::FileType::Pdf: return "PDF 文件";
    }
    return "文件";
}

}  // namespace

std::string media_type(const httplib::Request& req) {
    auto t = req.get_header_value("Content-Type");
    if (auto semi = t.find(';'); semi != std::string::npos) t.resize(semi);
    while (!t.empty() && t.back() == ' ') t.pop_back();
    for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return t;
}

UploadedBody file_body(const httplib::Request& req) {
    const auto type = media_type(req);
    std::string name = query_text(req, "name", 400);
    if (type == "multipart/form-data") {
        if (!req.has_file("file"))
            fail(422, "validation", "上传表单缺少文件字段 file", {{"file", "required", "上传表单缺少文件字段 file"}});
        const auto f = req.get_file_value("file");
        return {f.content, name.empty() ? f.filename : name};
    }
    if (type == "application/json" || type == "application/x-www-form-urlencoded" || type.rfind("text/", 0) == 0)
        fail(415, "unsupported_media_type",
             "佐证文件应以文件原始内容（Content-Type: image/jpeg、application/pdf 或 application/octet-stream）或表单"
             "（multipart/form-data）上传，实际为：" + shown_text(req.get_header_value("Content-Type")));
    return {req.body, name};
}

std::string clean_name(const std::string& raw) {
    std::string s = valid_utf8(raw) ? raw : std::string();
    if (auto slash = s.find_last_of("/\\"); slash != std::string::npos) s = s.substr(slash + 1);
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F || c == '"') continue;
        if ((c & 0xC0) != 0x80 && ++chars > 100) break;   // whole characters only
        out += s[i];
    }
    return out;
}

CheckedFile check_file(const std::string& bytes, const std::string& name, const std::string& media, std::int64_t max_bytes) {
    auto refuse = [](int status, const std::string& code, const std::string& msg) {
        fail(status, code, msg, {{"file", code, msg}});
    };
    if (bytes.empty()) refuse(422, "empty_file", "未收到文件内容（文件为空）");
    if (static_cast<std::int64_t>(bytes.size()) > max_bytes)
        refuse(413, "file_too_large", "文件过大：" + std::to_string(bytes.size()) + " 字节，上限 " +
                                          std::to_string(max_bytes / 1024) + " KB（" +
                                          std::to_string(max_bytes >> 20) + " MB）");
    const auto type = activity::sniff_file_type(bytes);
    if (!type)
        refuse(422, "unsupported_type", "文件内容不是照片或 PDF：只接受 JPEG、PNG、WebP 图片或 PDF 文件（按文件内容判断，与文件名无关）");
    CheckedFile out;
    out.type = *type;
    // A file whose name or declared type says one thing while its bytes are another is refused (a photo renamed
    // 签到表.pdf is not the sign-in sheet it claims to be): the uploader renames it, or sends the right file.
    for (const auto& claim : {claimed_by_name(name), claimed_by_type(media)}) {
        if (claim && *claim != *type)
            refuse(422, "type_mismatch", std::string("文件名或声明的类型是") + type_zh(*claim) + "，但文件内容是" + type_zh(*type) +
                                             "：请上传真实的文件，或改正文件名后再上传");
    }
    if (*type == activity::FileType::Pdf) {
        if (auto why = activity::pdf_refusal_zh(bytes); !why.empty()) refuse(422, "corrupt_pdf", why);
        out.sha256 = app::sha256_hex(bytes);
        // Its first page as the thumbnail (the preview beside the record); none if poppler cannot render it.
        if (auto jpeg = app::pdf_first_page_jpeg(bytes, kEvidenceThumbSide)) out.thumb = std::move(*jpeg);
        return out;
    }
    auto checked = app::check_photo(bytes);
    if (auto* no = std::get_if<app::PhotoRefused>(&checked)) refuse(no->code == "image_too_large" ? 413 : 422, no->code, no->message_zh);
    auto& photo = std::get<app::CheckedPhoto>(checked);
    out.sha256 = std::move(photo.sha256);
    out.thumb = std::move(photo.thumb);
    out.width = photo.width;
    out.height = photo.height;
    return out;
}

void reply_stored_file(httplib::Response& res, std::string bytes, const std::string& mime, bool thumb,
                       const std::string& stem) {
    const bool pdf = mime == "application/pdf";
    const std::string ext = thumb ? "-thumb.jpg" : pdf ? ".pdf" : mime == "image/png" ? ".png" : mime == "image/webp" ? ".webp" : ".jpg";
    res.status = 200;
    res.set_content(std::move(bytes), mime.c_str());
    res.set_header("Cache-Control", "private, max-age=86400, immutable");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Content-Disposition", std::string(pdf ? "attachment" : "inline") + "; filename=\"" + stem + ext + "\"");
}

}  // namespace yiyang::http
