// Encoding classification and the RFC 4180 reader behind every import (yiyang/csv.hpp).
#include "yiyang/csv.hpp"

#include <functional>

#include <algorithm>

namespace yiyang {

const char* code(TextEncoding e) {
    switch (e) {
        case TextEncoding::Utf8: return "utf-8";
        case TextEncoding::Utf8Bom: return "utf-8-bom";
        case TextEncoding::Utf16: return "utf-16";
        case TextEncoding::Gb18030: return "gb18030";
        case TextEncoding::Unknown: return "unknown";
    }
    return "unknown";
}

const char* label_zh(TextEncoding e) {
    switch (e) {
        case TextEncoding::Utf8: return "UTF-8";
        case TextEncoding::Utf8Bom: return "UTF-8（带 BOM）";
        case TextEncoding::Utf16: return "UTF-16";
        case TextEncoding::Gb18030: return "GBK/GB18030";
        case TextEncoding::Unknown: return "未知编码";
    }
    return "未知编码";
}

std::size_t first_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    while (i < s.size()) {
        const unsigned c = byte(i);
        if (c < 0x80) { ++i; continue; }
        std::size_t len = 0;
        unsigned lo = 0x80, hi = 0xBF;   // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) { len = 3; lo = 0xA0; }
        else if (c >= 0xE1 && c <= 0xEC) len = 3;
        else if (c == 0xED) { len = 3; hi = 0x9F; }
        else if (c >= 0xEE && c <= 0xEF) len = 3;
        else if (c == 0xF0) { len = 4; lo = 0x90; }
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else if (c == 0xF4) { len = 4; hi = 0x8F; }
        else return i;
        if (i + len > s.size()) return i;
        if (byte(i + 1) < lo || byte(i + 1) > hi) return i;
        for (std::size_t k = 2; k < len; ++k)
            if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return i;
        i += len;
    }
    return std::string_view::npos;
}

bool plausible_gb18030(std::string_view s) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    bool any_multibyte = false;
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned c = byte(i);
        if (c < 0x80) { ++i; continue; }
        if (c < 0x81 || c > 0xFE || i + 1 >= s.size()) return false;
        const unsigned t = byte(i + 1);
        if (t >= 0x40 && t <= 0xFE && t != 0x7F) {
            i += 2;
        } else if (t >= 0x30 && t <= 0x39 && i + 3 < s.size() && byte(i + 2) >= 0x81 && byte(i + 2) <= 0xFE &&
                   byte(i + 3) >= 0x30 && byte(i + 3) <= 0x39) {
            i += 4;
        } else {
            return false;
        }
        any_multibyte = true;
    }
    return any_multibyte;
}

namespace {
bool has_utf16_bom(std::string_view b) {
    return b.size() >= 2 && ((b[0] == '\xFF' && b[1] == '\xFE') || (b[0] == '\xFE' && b[1] == '\xFF'));
}
bool has_utf8_bom(std::string_view b) { return b.size() >= 3 && b.substr(0, 3) == "\xEF\xBB\xBF"; }
}  // namespace

TextEncoding detect_encoding(std::string_view bytes) {
    if (has_utf16_bom(bytes)) return TextEncoding::Utf16;
    if (has_utf8_bom(bytes)) {
        return first_invalid_utf8(bytes.substr(3)) == std::string_view::npos ? TextEncoding::Utf8Bom
                                                                             : TextEncoding::Unknown;
    }
    if (first_invalid_utf8(bytes) == std::string_view::npos) return TextEncoding::Utf8;
    return plausible_gb18030(bytes) ? TextEncoding::Gb18030 : TextEncoding::Unknown;
}

int line_of(std::string_view s, std::size_t offset) {
    offset = std::min(offset, s.size());
    return 1 + static_cast<int>(std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::optional<CsvIssue> check_utf8_text(std::string_view bytes) {
    if (has_utf16_bom(bytes)) return CsvIssue{0, "文件是 UTF-16 编码，请另存为 UTF-8 后重新导入"};
    if (has_utf8_bom(bytes)) bytes.remove_prefix(3);
    const auto bad = first_invalid_utf8(bytes);
    if (bad == std::string_view::npos) return std::nullopt;
    const std::string what = plausible_gb18030(bytes)
                                 ? "文件不是 UTF-8 编码（疑似 GBK），请另存为 UTF-8 后重新导入"
                                 : "文件不是 UTF-8 编码（第 " + std::to_string(bad + 1) +
                                       " 字节起无效），请另存为 UTF-8 后重新导入";
    return CsvIssue{0, what + "（首个无效字节在第 " + std::to_string(line_of(bytes, bad)) + " 行）"};
}

// One CsvRow reused for every row (its fields keep their buffers): a 6 000 000-row file is read without
// allocating per field.
std::optional<CsvIssue> for_each_csv_row(std::string_view s, const std::function<void(const CsvRow&)>& on_row) {
    if (has_utf8_bom(s)) s.remove_prefix(3);
    int row = 1;
    std::size_t i = 0;
    const auto fail = [&](int at, const std::string& what) { return CsvIssue{at, "第 " + std::to_string(at) + " 行：" + what}; };
    CsvRow r;
    while (i < s.size()) {
        r.row = row;
        std::size_t n = 0;
        bool end_of_row = false;
        while (!end_of_row) {
            if (n == r.fields.size()) r.fields.emplace_back();
            std::string& field = r.fields[n++];
            field.clear();
            if (i < s.size() && s[i] == '"') {
                ++i;
                for (;;) {
                    if (i >= s.size()) return fail(r.row, "引号未闭合（字段以 \" 开始但文件结束前没有结束引号）");
                    if (s[i] == '"') {
                        if (i + 1 < s.size() && s[i + 1] == '"') { field += '"'; i += 2; continue; }
                        ++i;
                        break;
                    }
                    field += s[i++];
                }
                if (i < s.size() && s[i] != ',' && s[i] != '\n' && s[i] != '\r')
                    return fail(row, "结束引号后只能是逗号或换行");
            } else {
                const std::size_t b = i;
                while (i < s.size() && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
                    if (s[i] == '"') return fail(row, "未加引号的字段中出现引号（含引号的字段须整体用 \" 括起，内部引号写成 \"\"）");
                    ++i;
                }
                field.assign(s.data() + b, i - b);
            }
            if (i >= s.size()) {
                end_of_row = true;
            } else if (s[i] == ',') {
                ++i;
            } else {   // CRLF, LF or a lone CR
                if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
                ++i;
                end_of_row = true;
            }
        }
        r.fields.resize(n);
        const bool blank = n == 1 && r.fields[0].empty();
        if (!blank) on_row(r);
        ++row;
    }
    return std::nullopt;
}

CsvTable read_csv(std::string_view s) {
    CsvTable out;
    out.error = for_each_csv_row(s, [&](const CsvRow& r) { out.rows.push_back(r); });
    return out;
}

}  // namespace yiyang
