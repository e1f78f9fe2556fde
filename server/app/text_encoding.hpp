// Files as staff have them, turned into UTF-8 before any import reads them: Excel and WPS on Chinese Windows
// save CSV as GBK / GB18030 by default, or as UTF-16 "Unicode text". Classification is shared/csv's; the
// conversion (glibc iconv) is here because the domain library does no I/O and carries no codec tables.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include "yiyang/csv.hpp"

namespace yiyang::app {

struct DecodedText {
    std::string utf8;           // without a byte-order mark
    TextEncoding from = TextEncoding::Utf8;
};
// UTF-8 (BOM dropped) as is; GB18030 (which includes GBK and GB2312) and UTF-16 with a BOM converted.
// nullopt when the bytes are none of these or do not convert (the caller then reports shared check_utf8_text's
// reason, which names the line of the first bad byte).
std::optional<DecodedText> decode_to_utf8(std::string_view bytes);
// GB18030 (GBK, GB2312) → UTF-8; on a byte sequence that is not GB18030, nullopt and (if asked) its byte offset.
std::optional<std::string> gb18030_to_utf8(std::string_view bytes, std::size_t* bad_offset = nullptr);

}  // namespace yiyang::app
