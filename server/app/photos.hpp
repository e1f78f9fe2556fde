// Checking an uploaded photo before it is stored: type by content (shared sniff_image_type), decoded whole to prove
// it is an image (a truncated or bogus file is refused with a Chinese message), its SHA-256, and a JPEG thumbnail
// turned upright by the EXIF orientation. Decoding: Debian's stb (JPEG, PNG) and libwebp (WebP).
#pragma once
#include <string>
#include <string_view>
#include <variant>
#include "yiyang/evidence.hpp"

namespace yiyang::app {

struct CheckedPhoto {
    ImageType type = ImageType::Jpeg;
    int width = 0;
    int height = 0;
    int orientation = 1;
    std::string sha256;   // hex
    std::string thumb;    // JPEG, longer side kEvidenceThumbSide (or the photo's, if smaller)
};
struct PhotoRefused {
    std::string code;        // "not_an_image", "unsupported_type", "corrupt_image", "image_too_large"
    std::string message_zh;
};
std::variant<CheckedPhoto, PhotoRefused> check_photo(std::string_view bytes);

std::string sha256_hex(std::string_view bytes);

}  // namespace yiyang::app
