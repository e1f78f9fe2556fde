// GB18030 / UTF-16 → UTF-8 with iconv (see text_encoding.hpp).
#include "app/text_encoding.hpp"

#include <cerrno>
#include <iconv.h>

namespace yiyang::app {
namespace {

std::optional<std::string> convert(std::string_view in, const char* from, std::size_t* bad_offset = nullptr) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out;
    out.resize(in.size() * 2 + 16);   // GB18030 2 bytes → UTF-8 3; 4 → 4; ASCII 1 → 1
    char* src = const_cast<char*>(in.data());
    std::size_t src_left = in.size();
    std::size_t done = 0;
    bool ok = true;
    while (src_left > 0) {
        char* dst = out.data() + done;
        std::size_t dst_left = out.size() - done;
        const std::size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
        done = out.size() - dst_left;
        if (r != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) { out.resize(out.size() * 2); continue; }
        ok = false;   // EILSEQ / EINVAL: a byte sequence that is not valid in the source encoding (or cut off)
        if (bad_offset) *bad_offset = static_cast<std::size_t>(src - in.data());
        break;
    }
    iconv_close(cd);
    if (!ok) return std::nullopt;
    out.resize(done);
    return out;
}

}  // namespace

std::optional<std::string> gb18030_to_utf8(std::string_view bytes, std::size_t* bad_offset) {
    return convert(bytes, "GB18030", bad_offset);
}

std::optional<DecodedText> decode_to_utf8(std::string_view bytes) {
    const auto enc = detect_encoding(bytes);
    switch (enc) {
        case TextEncoding::Utf8: return DecodedText{std::string(bytes), enc};
        case TextEncoding::Utf8Bom: return DecodedText{std::string(bytes.substr(3)), enc};
        case TextEncoding::Gb18030: {
            auto s = convert(bytes, "GB18030");
            if (!s || first_invalid_utf8(*s) != std::string_view::npos) return std::nullopt;
            return DecodedText{std::move(*s), enc};
        }
        case TextEncoding::Utf16: {
            auto s = convert(bytes, "UTF-16");   // the BOM says which byte order, and is consumed
            if (!s || first_invalid_utf8(*s) != std::string_view::npos) return std::nullopt;
            if (s->size() >= 3 && s->compare(0, 3, "\xEF\xBB\xBF") == 0) s->erase(0, 3);
            return DecodedText{std::move(*s), enc};
        }
        case TextEncoding::Unknown: return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace yiyang::app
