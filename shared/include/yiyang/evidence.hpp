// Evidence photos (服务照片): which image types are accepted, judged by their bytes and not by their name, the EXIF
// orientation of a JPEG, and the reuse of one photo (same SHA-256) on several work orders — which the dashboard
// flags and the verification of service records relies on. Pure functions; the server decodes and stores.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "yiyang/access.hpp"
#include "yiyang/records.hpp"

namespace yiyang {

// The largest photo a provider may upload (a phone camera's JPEG is 2–6 MB), and the largest decoded image.
constexpr std::size_t kEvidenceMaxBytes = 8u << 20;
constexpr int kEvidenceMaxSide = 12000;          // pixels on either side (a decompression bomb is refused)
constexpr int kEvidenceThumbSide = 240;          // the thumbnail's longer side
constexpr int kEvidenceMaxPerOrder = 20;         // photos on one order

enum class ImageType { Jpeg, Png, Webp };

// The type by its magic bytes: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, WebP "RIFF" size "WEBP". Anything else
// (a text file renamed .jpg, a GIF, a PDF) is nullopt.
std::optional<ImageType> sniff_image_type(std::string_view bytes);
const char* mime_type(ImageType t);              // "image/jpeg", "image/png", "image/webp"
std::optional<ImageType> parse_mime_type(std::string_view mime);

// The EXIF orientation (1–8) of a JPEG's APP1 segment; 1 when there is none or it cannot be read. 6 = the camera
// was turned right (rotate 90° clockwise to show), 3 = 180°, 8 = 90° counter-clockwise; 2/4/5/7 are mirrored.
int exif_orientation(std::string_view jpeg);

// May this viewer add photos to this order now: the provider the order is with, while the service is being done or
// awaits review (accepted, in service, completed, rectifying). Role scope as Permission::AttachEvidence.
bool may_attach_evidence(const Viewer& v, const WorkOrder& o);
// Why not, in Chinese ("" when allowed): names the order's status or that it is another provider's.
std::string attach_refusal_zh(const Viewer& v, const WorkOrder& o);

// One photo on one order, as stored (the reuse check needs only these).
struct PhotoUse {
    Id photo_id = 0;
    Id order_id = 0;
    std::string order_code;
    std::string sha256;
};
// For every photo whose bytes (SHA-256) also appear on another order: the other orders' codes, sorted, without
// repeats. Photos used on one order only (even twice on it) are absent.
std::map<Id, std::vector<std::string>> reused_photos(const std::vector<PhotoUse>& uses);
// "此照片也用于工单 GD202612040001、GD202612040002" ("" for none).
std::string reuse_note_zh(const std::vector<std::string>& other_order_codes);

}  // namespace yiyang
