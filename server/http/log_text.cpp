// Escaping of request-derived text for log lines (see log_text.hpp).
#include "http/log_text.hpp"

#include <cstdio>

namespace yiyang::http {
namespace {

void hex_byte(std::string& out, unsigned char b) {
    char buf[5];
    std::snprintf(buf, sizeof buf, "\\x%02X", b);
    out += buf;
}

// Length of the valid UTF-8 sequence at s (and its code point), or 0.
std::size_t utf8_sequence(std::string_view s, char32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[0]);
    std::size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
    if (len == 0 || b0 > 0xF4 || s.size() < len) return 0;
    cp = b0 & (0x7F >> len);
    for (std::size_t i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    const char32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;   // overlong, too big, surrogate
    return len;
}

bool invisible(char32_t cp) {
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x200B || cp == 0x200E || cp == 0x200F || cp == 0x2028 ||
           cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

}  // namespace

std::string log_text(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        const auto b = static_cast<unsigned char>(in[i]);
        if (b < 0x80) {
            if (b < 0x20 || b == 0x7F) hex_byte(out, b);
            else if (b == '\\') out += "\\\\";
            else out += static_cast<char>(b);
            ++i;
            continue;
        }
        char32_t cp = 0;
        const auto len = utf8_sequence(in.substr(i), cp);
        if (len == 0) {
            hex_byte(out, b);
            ++i;
        } else if (invisible(cp)) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(cp));
            out += buf;
            i += len;
        } else {
            out.append(in.substr(i, len));
            i += len;
        }
    }
    return out;
}

std::string log_path(std::string_view path) {
    std::string out(path);
    const auto id_char = [](char c) { return (c >= '0' && c <= '9') || c == 'X' || c == 'x'; };
    std::size_t i = 0;
    while (i < out.size()) {
        if (!id_char(out[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < out.size() && id_char(out[j])) ++j;
        if (j - i >= 15) {
            for (std::size_t k = i + 6; k < j; ++k) out[k] = '*';
        }
        i = j;
    }
    return log_text(out);
}

}  // namespace yiyang::http
