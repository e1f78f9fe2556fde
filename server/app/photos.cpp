// Photo checks and thumbnails (app/photos.hpp).
#include "app/photos.hpp"

#include <sodium.h>
#include <stb_image.h>
#include <stb_image_resize.h>
#include <stb_image_write.h>
#include <webp/decode.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace yiyang::app {
namespace {

constexpr long long kMaxPixels = 50'000'000;   // a 48 MP phone camera; decoded as RGB: ≤ 150 MB, once

struct Pixels {
    int w = 0, h = 0;
    std::vector<unsigned char> rgb;   // w*h*3
};

PhotoRefused corrupt(ImageType t) {
    return {"corrupt_image", std::string("照片文件已损坏或不完整（") + (t == ImageType::Jpeg ? "JPEG" : t == ImageType::Png ? "PNG" : "WebP") +
                                 " 无法解码），请重新拍摄或选择原图"};
}

// A JPEG ends with EOI (FF D9) after its scan data; stb_image decodes a cut-off file with grey rows, so a photo cut
// short in transfer would pass. (Bytes after EOI — some cameras append data — are allowed.)
bool jpeg_complete(std::string_view b) {
    const auto sos = b.find("\xFF\xDA");
    const auto eoi = b.rfind("\xFF\xD9");
    return sos != std::string_view::npos && eoi != std::string_view::npos && eoi > sos;
}

// The photo turned upright: EXIF orientation 2–8 applied to the pixels (only the thumbnail is turned; the bytes
// stay as uploaded).
Pixels orient(const Pixels& in, int o) {
    if (o <= 1 || o > 8) return in;
    const bool swap = o >= 5;
    Pixels out;
    out.w = swap ? in.h : in.w;
    out.h = swap ? in.w : in.h;
    out.rgb.resize(in.rgb.size());
    for (int y = 0; y < out.h; ++y) {
        for (int x = 0; x < out.w; ++x) {
            int sx = 0, sy = 0;   // the source pixel shown at (x, y)
            switch (o) {
                case 2: sx = in.w - 1 - x; sy = y; break;
                case 3: sx = in.w - 1 - x; sy = in.h - 1 - y; break;
                case 4: sx = x; sy = in.h - 1 - y; break;
                case 5: sx = y; sy = x; break;
                case 6: sx = y; sy = in.h - 1 - x; break;
                case 7: sx = in.w - 1 - y; sy = in.h - 1 - x; break;
                case 8: sx = in.w - 1 - y; sy = x; break;
            }
            std::copy_n(&in.rgb[(static_cast<std::size_t>(sy) * in.w + sx) * 3], 3,
                        &out.rgb[(static_cast<std::size_t>(y) * out.w + x) * 3]);
        }
    }
    return out;
}

void append_bytes(void* ctx, void* data, int size) {
    static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return hex;
}

std::variant<CheckedPhoto, PhotoRefused> check_photo(std::string_view bytes) {
    if (bytes.empty()) return PhotoRefused{"not_an_image", "未收到照片内容（请求体为空）"};
    if (bytes.size() > kEvidenceMaxBytes) {
        return PhotoRefused{"image_too_large", "照片过大（上限 " + std::to_string(kEvidenceMaxBytes >> 20) + " MB）"};
    }
    const auto type = sniff_image_type(bytes);
    if (!type) {
        return PhotoRefused{"not_an_image", "文件内容不是照片：只接受 JPEG、PNG 或 WebP 图片（按文件内容判断，与文件名无关）"};
    }
    CheckedPhoto out;
    out.type = *type;
    Pixels px;
    if (*type == ImageType::Webp) {
        int w = 0, h = 0;
        const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
        if (!WebPGetInfo(data, bytes.size(), &w, &h)) return corrupt(*type);
        if (w > kEvidenceMaxSide || h > kEvidenceMaxSide || static_cast<long long>(w) * h > kMaxPixels) {
            return PhotoRefused{"image_too_large", "照片像素过多（" + std::to_string(w) + "×" + std::to_string(h) + "），请缩小后上传"};
        }
        px.w = w;
        px.h = h;
        px.rgb.resize(static_cast<std::size_t>(w) * h * 3);
        if (!WebPDecodeRGBInto(data, bytes.size(), px.rgb.data(), px.rgb.size(), w * 3)) return corrupt(*type);
    } else {
        const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
        const int len = static_cast<int>(bytes.size());
        int w = 0, h = 0, comp = 0;
        if (!stbi_info_from_memory(data, len, &w, &h, &comp)) return corrupt(*type);
        if (w > kEvidenceMaxSide || h > kEvidenceMaxSide || static_cast<long long>(w) * h > kMaxPixels) {
            return PhotoRefused{"image_too_large", "照片像素过多（" + std::to_string(w) + "×" + std::to_string(h) + "），请缩小后上传"};
        }
        if (*type == ImageType::Jpeg && !jpeg_complete(bytes)) return corrupt(*type);
        std::unique_ptr<stbi_uc, void (*)(void*)> decoded(stbi_load_from_memory(data, len, &w, &h, &comp, 3),
                                                          stbi_image_free);
        if (!decoded) return corrupt(*type);
        px.w = w;
        px.h = h;
        px.rgb.assign(decoded.get(), decoded.get() + static_cast<std::size_t>(w) * h * 3);
    }
    out.width = px.w;
    out.height = px.h;
    if (*type == ImageType::Jpeg) out.orientation = exif_orientation(bytes);
    // Thumbnail: scaled first (cheap to turn afterwards), then upright.
    const double scale = std::min(1.0, static_cast<double>(kEvidenceThumbSide) / std::max(px.w, px.h));
    Pixels small;
    small.w = std::max(1, static_cast<int>(px.w * scale + 0.5));
    small.h = std::max(1, static_cast<int>(px.h * scale + 0.5));
    small.rgb.resize(static_cast<std::size_t>(small.w) * small.h * 3);
    if (!stbir_resize_uint8(px.rgb.data(), px.w, px.h, 0, small.rgb.data(), small.w, small.h, 0, 3)) return corrupt(*type);
    px = {};
    const Pixels upright = orient(small, out.orientation);
    if (!stbi_write_jpg_to_func(append_bytes, &out.thumb, upright.w, upright.h, 3, upright.rgb.data(), 80)) {
        return corrupt(*type);
    }
    out.sha256 = sha256_hex(bytes);
    return out;
}

}  // namespace yiyang::app
