// Evidence photos: type by content, EXIF orientation, reuse across orders (evidence.hpp).
#include "yiyang/evidence.hpp"

#include <set>

namespace yiyang {
namespace {

unsigned byte_at(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

unsigned read16(std::string_view s, std::size_t i, bool little) {
    return little ? (byte_at(s, i) | byte_at(s, i + 1) << 8) : (byte_at(s, i) << 8 | byte_at(s, i + 1));
}
std::uint32_t read32(std::string_view s, std::size_t i, bool little) {
    return little ? (read16(s, i, true) | static_cast<std::uint32_t>(read16(s, i + 2, true)) << 16)
                  : (static_cast<std::uint32_t>(read16(s, i, false)) << 16 | read16(s, i + 2, false));
}

// The orientation tag in a TIFF block (the APP1 payload after "Exif\0\0").
int tiff_orientation(std::string_view t) {
    if (t.size() < 8) return 1;
    bool little;
    if (t.substr(0, 2) == "II") little = true;
    else if (t.substr(0, 2) == "MM") little = false;
    else return 1;
    if (read16(t, 2, little) != 42) return 1;
    const std::uint32_t ifd = read32(t, 4, little);
    if (ifd > t.size() || t.size() - ifd < 2) return 1;
    const unsigned count = read16(t, ifd, little);
    for (unsigned k = 0; k < count; ++k) {
        const std::size_t e = ifd + 2 + std::size_t{k} * 12;
        if (e + 12 > t.size()) return 1;
        if (read16(t, e, little) == 0x0112) {
            const unsigned v = read16(t, e + 8, little);
            return v >= 1 && v <= 8 ? static_cast<int>(v) : 1;
        }
    }
    return 1;
}

}  // namespace

std::optional<ImageType> sniff_image_type(std::string_view b) {
    if (b.size() >= 3 && byte_at(b, 0) == 0xFF && byte_at(b, 1) == 0xD8 && byte_at(b, 2) == 0xFF) return ImageType::Jpeg;
    if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return ImageType::Png;
    if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return ImageType::Webp;
    return std::nullopt;
}

const char* mime_type(ImageType t) {
    switch (t) {
        case ImageType::Jpeg: return "image/jpeg";
        case ImageType::Png: return "image/png";
        case ImageType::Webp: return "image/webp";
    }
    return "application/octet-stream";
}

std::optional<ImageType> parse_mime_type(std::string_view m) {
    for (ImageType t : {ImageType::Jpeg, ImageType::Png, ImageType::Webp}) {
        if (m == mime_type(t)) return t;
    }
    return std::nullopt;
}

int exif_orientation(std::string_view j) {
    if (sniff_image_type(j) != ImageType::Jpeg) return 1;
    std::size_t i = 2;
    // Walk the segments before the image data: each is FF marker, then a 2-byte length (which counts itself).
    while (i + 4 <= j.size() && byte_at(j, i) == 0xFF) {
        const unsigned marker = byte_at(j, i + 1);
        if (marker == 0xDA || marker == 0xD9) break;   // start of scan / end: no EXIF before the pixels
        const std::size_t len = read16(j, i + 2, false);
        if (len < 2 || i + 2 + len > j.size()) break;
        if (marker == 0xE1 && len >= 8 && j.substr(i + 4, 6) == std::string_view("Exif\0\0", 6)) {
            return tiff_orientation(j.substr(i + 10, len - 8));
        }
        i += 2 + len;
    }
    return 1;
}

std::string attach_refusal_zh(const Viewer& v, const WorkOrder& o) {
    if (v.role != Role::Provider) return "只有承接该工单的服务商可以上传服务照片";
    if (!v.provider_id || !o.provider_id || *o.provider_id != *v.provider_id) {
        return "该工单（" + o.code + "）不由本服务商承接，不能上传照片";
    }
    switch (o.status) {
        case OrderStatus::Accepted: case OrderStatus::InService: case OrderStatus::Completed:
        case OrderStatus::Rectifying: return "";
        default: break;
    }
    return "工单 " + o.code + " 当前状态为“" + label_zh(o.status) + "”，不能再添加照片（接单后至审核前可以添加）";
}

bool may_attach_evidence(const Viewer& v, const WorkOrder& o) { return attach_refusal_zh(v, o).empty(); }

std::map<Id, std::vector<std::string>> reused_photos(const std::vector<PhotoUse>& uses) {
    std::map<std::string, std::map<Id, std::string>> orders_by_hash;   // sha256 → order id → code
    for (const auto& u : uses) orders_by_hash[u.sha256][u.order_id] = u.order_code;
    std::map<Id, std::vector<std::string>> out;
    for (const auto& u : uses) {
        const auto& orders = orders_by_hash[u.sha256];
        if (orders.size() < 2) continue;
        std::set<std::string> others;
        for (const auto& [order, code] : orders) {
            if (order != u.order_id) others.insert(code);
        }
        out[u.photo_id] = {others.begin(), others.end()};
    }
    return out;
}

std::string reuse_note_zh(const std::vector<std::string>& codes) {
    if (codes.empty()) return "";
    std::string s = "此照片也用于工单 ";
    for (std::size_t k = 0; k < codes.size(); ++k) s += (k ? "、" : "") + codes[k];
    return s;
}

}  // namespace yiyang
