// Evidence photos on the wire: GET /api/v1/orders/{id}/evidence (the list, with the reuse flag) and the reply of
// POST /api/v1/orders/{id}/evidence (the photo stored). The bytes themselves travel as images, not JSON.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/records.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct EvidencePhoto {
    Id id = 0;
    Id order_id = 0;
    std::string uploaded_by;           // username of the uploader
    LocalSeconds uploaded_at = 0;
    std::string sha256;                // hex, of the bytes as uploaded
    std::string mime;                  // image/jpeg, image/png, image/webp (by content)
    std::int64_t size = 0;             // bytes
    int width = 0;                     // as stored (before the EXIF orientation is applied)
    int height = 0;
    std::string thumb_url;             // /api/v1/evidence/{id}/thumb (JPEG)
    std::string full_url;              // /api/v1/evidence/{id}/full (as uploaded)
    std::vector<std::string> also_on_orders;   // codes of other orders holding the same photo (sha256)
    std::string reuse_note;            // "此照片也用于工单 GD…" or ""
    friend bool operator==(const EvidencePhoto&, const EvidencePhoto&) = default;
};
void to_json(json& j, const EvidencePhoto& p);
void from_json(const json& j, EvidencePhoto& p);

struct EvidenceList {
    Id order_id = 0;
    std::string order_code;
    std::vector<EvidencePhoto> items;   // oldest first
    bool may_attach = false;            // this viewer may add photos to this order now
    friend bool operator==(const EvidenceList&, const EvidenceList&) = default;
};
void to_json(json& j, const EvidenceList& l);
void from_json(const json& j, EvidenceList& l);

}  // namespace yiyang::wire
