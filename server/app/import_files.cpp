// Import files → rows of UTF-8 cells (import_files.hpp): CSV in any of the encodings Excel and WPS write, and XLSX
// read with minizip (the ZIP, from memory) and expat (each part's XML, streamed in chunks).
#include "app/import_files.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>

#include <expat.h>
#include <iconv.h>
#include <minizip/unzip.h>

#include "app/text_encoding.hpp"
#include "yiyang/date.hpp"

namespace yiyang::app {

// ============================================================================================================ text

std::string excel_general(double v) {
    char buf[64];
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) {
        std::snprintf(buf, sizeof buf, "%.0f", v);
        return buf;
    }
    if (std::isfinite(v) && v == std::floor(v)) {
        // Beyond 15 digits Excel has already rounded the value; General shows six significant digits.
        std::snprintf(buf, sizeof buf, "%.5E", v);
        std::string s = buf;
        const auto e = s.find('E');
        std::string mantissa = s.substr(0, e), exponent = s.substr(e);
        while (!mantissa.empty() && mantissa.back() == '0') mantissa.pop_back();
        if (!mantissa.empty() && mantissa.back() == '.') mantissa.pop_back();
        return mantissa + exponent;
    }
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

namespace {

std::string megabytes(std::size_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(n) / (1024.0 * 1024.0));
    return buf;
}

// ============================================================================================================= CSV
SheetInfo read_csv_file(std::string_view bytes, const std::function<void(const CsvRow&)>& on_row) {
    SheetInfo info;
    info.kind = ImportFileKind::Csv;
    info.encoding = detect_encoding(bytes);
    std::string converted;   // GBK / UTF-16 only: UTF-8 is read in place
    std::string_view utf8;
    switch (info.encoding) {
        case TextEncoding::Utf8: utf8 = bytes; break;
        case TextEncoding::Utf8Bom: utf8 = bytes.substr(3); break;
        case TextEncoding::Utf16: {
            auto d = decode_to_utf8(bytes);
            if (!d) { info.error_zh = "文件是 UTF-16 编码，但其中有无法转换的字符：请另存为 UTF-8 或 Excel 工作簿后重新导入"; return info; }
            converted = std::move(d->utf8);
            utf8 = converted;
            break;
        }
        case TextEncoding::Gb18030:
        case TextEncoding::Unknown: {
            // Not UTF-8: what Excel on a Chinese Windows saves. Converted; a byte that is not GB18030 either is
            // named by its offset and row (iconv stops exactly there).
            std::size_t bad = 0;
            auto s = gb18030_to_utf8(bytes, &bad);
            if (!s) {
                char hex[8];
                std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned char>(bytes[std::min(bad, bytes.size() - 1)]));
                info.encoding = TextEncoding::Unknown;
                info.error_zh = "文件既不是 UTF-8 也不是有效的 GBK/GB18030 编码：第" + std::to_string(line_of(bytes, bad)) +
                                "行（第" + std::to_string(bad + 1) + "字节，0x" + hex +
                                "）处的字节无法识别。请在 Excel 中另存为“CSV UTF-8”或 Excel 工作簿后重新导入";
                return info;
            }
            info.encoding = TextEncoding::Gb18030;
            converted = std::move(*s);
            utf8 = converted;
            break;
        }
    }
    // Streamed: each row goes to the validator as it is parsed, never a table of the whole file.
    const auto error = for_each_csv_row(utf8, [&](const CsvRow& r) {
        on_row(r);
        ++info.rows;
    });
    if (error) info.error_zh = error->message_zh;
    return info;
}

// ============================================================================================================ XLSX
// The ZIP is read from memory: minizip's file functions over a string_view.
struct MemoryZip {
    std::string_view bytes;
    std::size_t pos = 0;
};
voidpf ZCALLBACK mem_open(voidpf opaque, const void*, int) {
    static_cast<MemoryZip*>(opaque)->pos = 0;
    return opaque;
}
uLong ZCALLBACK mem_read(voidpf, voidpf stream, void* buf, uLong size) {
    auto* m = static_cast<MemoryZip*>(stream);
    const std::size_t n = std::min<std::size_t>(size, m->bytes.size() - std::min(m->pos, m->bytes.size()));
    std::memcpy(buf, m->bytes.data() + m->pos, n);
    m->pos += n;
    return static_cast<uLong>(n);
}
uLong ZCALLBACK mem_write(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T ZCALLBACK mem_tell(voidpf, voidpf stream) { return static_cast<MemoryZip*>(stream)->pos; }
long ZCALLBACK mem_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
    auto* m = static_cast<MemoryZip*>(stream);
    std::size_t base = 0;
    if (origin == ZLIB_FILEFUNC_SEEK_CUR) base = m->pos;
    else if (origin == ZLIB_FILEFUNC_SEEK_END) base = m->bytes.size();
    const std::size_t to = base + static_cast<std::size_t>(offset);
    if (to > m->bytes.size()) return -1;
    m->pos = to;
    return 0;
}
int ZCALLBACK mem_close(voidpf, voidpf) { return 0; }
int ZCALLBACK mem_error(voidpf, voidpf) { return 0; }

class Zip {
public:
    explicit Zip(std::string_view bytes) : mem_{bytes, 0} {
        zlib_filefunc64_def f{};
        f.zopen64_file = mem_open;
        f.zread_file = mem_read;
        f.zwrite_file = mem_write;
        f.ztell64_file = mem_tell;
        f.zseek64_file = mem_seek;
        f.zclose_file = mem_close;
        f.zerror_file = mem_error;
        f.opaque = &mem_;
        zip_ = unzOpen2_64("memory.xlsx", &f);
    }
    ~Zip() { if (zip_) unzClose(zip_); }
    Zip(const Zip&) = delete;
    Zip& operator=(const Zip&) = delete;
    bool ok() const { return zip_ != nullptr; }
    bool has(const std::string& name) { return unzLocateFile(zip_, name.c_str(), 2) == UNZ_OK; }
    // Streams a member in 64 KiB chunks; false when missing or corrupt (then `error` says which).
    bool stream(const std::string& name, const std::function<bool(const char*, std::size_t, bool last)>& chunk,
                std::string& error) {
        if (unzLocateFile(zip_, name.c_str(), 2) != UNZ_OK || unzOpenCurrentFile(zip_) != UNZ_OK) {
            error = "缺少 " + name;
            return false;
        }
        std::vector<char> buf(64 * 1024);
        bool ok = true;
        for (;;) {
            const int n = unzReadCurrentFile(zip_, buf.data(), static_cast<unsigned>(buf.size()));
            if (n < 0) { error = name + " 解压失败"; ok = false; break; }
            if (!chunk(buf.data(), static_cast<std::size_t>(n), n == 0)) { ok = false; break; }
            if (n == 0) break;
        }
        if (unzCloseCurrentFile(zip_) != UNZ_OK && ok) { error = name + " 校验失败（CRC）"; ok = false; }
        return ok;
    }
private:
    MemoryZip mem_;
    unzFile zip_ = nullptr;
};

// An expat parser fed chunk by chunk; element names without a namespace prefix ("x:row" → "row").
class Xml {
public:
    Xml() : p_(XML_ParserCreate(nullptr)) {
        XML_SetUserData(p_, this);
        XML_SetElementHandler(p_, &Xml::on_start, &Xml::on_end);
        XML_SetCharacterDataHandler(p_, &Xml::on_text);
    }
    virtual ~Xml() { XML_ParserFree(p_); }
    Xml(const Xml&) = delete;
    Xml& operator=(const Xml&) = delete;
    bool feed(const char* data, std::size_t n, bool last, std::string& error) {
        if (XML_Parse(p_, data, static_cast<int>(n), last ? 1 : 0) == XML_STATUS_ERROR) {
            error = "XML 第" + std::to_string(XML_GetCurrentLineNumber(p_)) + "行无法解析（" +
                    XML_ErrorString(XML_GetErrorCode(p_)) + "）";
            return false;
        }
        if (!stop_.empty()) { error = stop_; return false; }
        return true;
    }
protected:
    virtual void start(std::string_view name, const char** attrs) = 0;
    virtual void end(std::string_view name) = 0;
    virtual void text(std::string_view) {}
    void stop(std::string why) {
        stop_ = std::move(why);
        XML_StopParser(p_, XML_FALSE);
    }
    static const char* attr(const char** attrs, std::string_view name) {
        for (int i = 0; attrs[i]; i += 2) {
            std::string_view a = attrs[i];
            if (const auto c = a.find(':'); c != std::string_view::npos && name.find(':') == std::string_view::npos)
                a = a.substr(c + 1);
            if (a == name) return attrs[i + 1];
        }
        return nullptr;
    }
private:
    static std::string_view local(const char* name) {
        std::string_view n = name;
        const auto c = n.find(':');
        return c == std::string_view::npos ? n : n.substr(c + 1);
    }
    static void XMLCALL on_start(void* self, const char* name, const char** attrs) {
        static_cast<Xml*>(self)->start(local(name), attrs);
    }
    static void XMLCALL on_end(void* self, const char* name) { static_cast<Xml*>(self)->end(local(name)); }
    static void XMLCALL on_text(void* self, const char* s, int n) {
        static_cast<Xml*>(self)->text(std::string_view(s, static_cast<std::size_t>(n)));
    }
    XML_Parser p_;
    std::string stop_;
};

bool parse_member(Zip& zip, const std::string& name, Xml& xml, std::string& error) {
    return zip.stream(name, [&](const char* d, std::size_t n, bool last) { return xml.feed(d, n, last, error); }, error);
}

// xl/workbook.xml: the sheets in order, each with its relationship id.
struct WorkbookXml : Xml {
    std::vector<std::pair<std::string, std::string>> sheets;   // (name, r:id)
    bool date1904 = false;                                     // <workbookPr date1904="1"/>: serials from 1904-01-01
    void start(std::string_view n, const char** a) override {
        if (n == "workbookPr") {
            const char* d = attr(a, "date1904");
            date1904 = d && (std::string_view(d) == "1" || std::string_view(d) == "true");
        }
        if (n != "sheet") return;
        const char* name = attr(a, "name");
        const char* rid = attr(a, "r:id");
        if (!rid) rid = attr(a, "id");
        if (name && rid) sheets.emplace_back(name, rid);
    }
    void end(std::string_view) override {}
};

// xl/_rels/workbook.xml.rels: relationship id → part.
struct RelsXml : Xml {
    std::map<std::string, std::string> target;
    std::string styles;   // the styles part's target ("styles.xml"), when the workbook has one
    void start(std::string_view n, const char** a) override {
        if (n != "Relationship") return;
        const char* id = attr(a, "Id");
        const char* t = attr(a, "Target");
        if (id && t) target[id] = t;
        const char* type = attr(a, "Type");
        const std::string_view suffix = "/styles";
        if (t && type && std::string_view(type).size() >= suffix.size() &&
            std::string_view(type).substr(std::string_view(type).size() - suffix.size()) == suffix)
            styles = t;
    }
    void end(std::string_view) override {}
};

// xl/sharedStrings.xml: each <si>'s text (runs concatenated; phonetic guides <rPh> left out).
struct SharedStringsXml : Xml {
    std::vector<std::string> strings;
    std::size_t bytes = 0;
    static constexpr std::size_t kLimit = 512u * 1024u * 1024u;   // a ZIP bomb stops here, not in the allocator
    int in_si = 0, in_t = 0, in_rph = 0;
    std::string cur;
    void start(std::string_view n, const char**) override {
        if (n == "si") { in_si = 1; cur.clear(); }
        else if (n == "t") in_t = 1;
        else if (n == "rPh") in_rph = 1;
    }
    void end(std::string_view n) override {
        if (n == "si") { in_si = 0; bytes += cur.size(); strings.push_back(std::move(cur)); cur.clear(); if (bytes > kLimit) stop("共享字符串超过 512 MB"); }
        else if (n == "t") in_t = 0;
        else if (n == "rPh") in_rph = 0;
    }
    void text(std::string_view s) override {
        if (in_si && in_t && !in_rph) cur.append(s);
    }
};


// ------------------------------------------------------------------------------------------------- number formats
// What a cell's number format shows: a date, a time of day, both, or a number (General, text "@", 0.00 …).
enum class NumberShown { Number, Date, Time, DateTime };

// A format code's kind: its first section, with quoted text ("年"), bracketed parts ([Red], [$-804], [DBNum1]; an
// elapsed [h] / [mm] / [ss] counts as a time), escaped (\x), padded (_x) and filled (*x) characters and the E of
// 0.00E+00 left out. y, d, e (a year) → date; h, s, AM/PM, A/P, 上午/下午 → time; m is minutes right after an h or
// right before an s (h:mm, mm:ss), else a month.
NumberShown kind_of_format(std::string_view code) {
    bool date = false, time = false;
    bool after_h = false;   // the last token was an hour: an m now means minutes
    bool pending_m = false;   // an m not after an hour: a month, unless an s comes next
    const auto settle_month = [&] { if (pending_m) date = true; pending_m = false; };
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == ';') break;
        if (c == '"' || c == '[') {
            const auto close = code.find(c == '"' ? '"' : ']', i + 1);
            if (close == std::string_view::npos) break;
            const auto inner = code.substr(i + 1, close - i - 1);
            if (c == '[' && !inner.empty() && std::string_view("hHmMsS").find(inner[0]) != std::string_view::npos &&
                inner.find_first_not_of(inner[0]) == std::string_view::npos) {   // [h] [mm] [ss]: elapsed time
                time = true;
                after_h = (inner[0] | 0x20) == 'h';
                pending_m = false;
            }
            i = close;
            continue;
        }
        if (c == '\\' || c == '_' || c == '*') { ++i; continue; }
        if (code.substr(i, 5) == "AM/PM" || code.substr(i, 5) == "am/pm") { time = true; i += 4; continue; }
        if (code.substr(i, 3) == "A/P" || code.substr(i, 3) == "a/p") { time = true; i += 2; continue; }
        if (code.substr(i, 6) == "上午" || code.substr(i, 6) == "下午") { time = true; i += 5; continue; }
        if (code.substr(i, 7) == "General" || code.substr(i, 7) == "general") { i += 6; continue; }
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) continue;
        const char l = static_cast<char>(c | 0x20);
        if (l == 'e' && i + 1 < code.size() && (code[i + 1] == '+' || code[i + 1] == '-')) continue;   // 0.00E+00
        if (l == 'y' || l == 'd' || l == 'e') {
            settle_month();
            date = true;
            after_h = false;
        } else if (l == 'h') {
            settle_month();
            time = true;
            after_h = true;
        } else if (l == 's') {
            pending_m = false;   // mm:ss — minutes
            time = true;
            after_h = false;
        } else if (l == 'm') {
            while (i + 1 < code.size() && (code[i + 1] | 0x20) == 'm') ++i;
            settle_month();
            if (after_h) time = true;
            else pending_m = true;
            after_h = false;
        }
    }
    settle_month();
    if (date && time) return NumberShown::DateTime;
    if (date) return NumberShown::Date;
    if (time) return NumberShown::Time;
    return NumberShown::Number;
}

// The built-in formats (ECMA-376 18.8.30, and those a Chinese Excel or WPS writes without a definition): dates
// 14–17, 27–31, 36, 50–58; times 18–21, 32–35, 45–47; 22 date and time; everything else a number.
NumberShown kind_of_builtin(int id) {
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 58)) return NumberShown::Date;
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47)) return NumberShown::Time;
    if (id == 22) return NumberShown::DateTime;
    return NumberShown::Number;
}

// xl/styles.xml: each cell style's (cellXfs/xf, by index) number format kind.
struct StylesXml : Xml {
    std::map<int, std::string> custom;   // numFmtId → formatCode
    std::vector<int> xf_format;          // cellXfs index → numFmtId
    int in_cell_xfs = 0;
    static constexpr std::size_t kMaxStyles = 65536;   // cell formats and number formats: far above Excel's own limits
    void start(std::string_view n, const char** a) override {
        if (n == "numFmt") {
            const char* id = attr(a, "numFmtId");
            const char* code = attr(a, "formatCode");
            if (custom.size() >= kMaxStyles) { stop("数字格式超过 65536 个"); return; }
            if (id && code) custom[std::atoi(id)] = code;
        } else if (n == "cellXfs") {
            in_cell_xfs = 1;
        } else if (n == "xf" && in_cell_xfs) {
            if (xf_format.size() >= kMaxStyles) { stop("单元格样式超过 65536 个"); return; }
            const char* id = attr(a, "numFmtId");
            xf_format.push_back(id ? std::atoi(id) : 0);
        }
    }
    void end(std::string_view n) override {
        if (n == "cellXfs") in_cell_xfs = 0;
    }
    // Per style index: what its format shows, and whether hours run past 24 ([h]).
    std::vector<NumberShown> kinds(std::vector<bool>& elapsed_out) const {
        std::vector<NumberShown> out;
        out.reserve(xf_format.size());
        elapsed_out.assign(xf_format.size(), false);
        for (std::size_t i = 0; i < xf_format.size(); ++i) {
            const int id = xf_format[i];
            const auto c = custom.find(id);
            if (c != custom.end()) {
                out.push_back(kind_of_format(c->second));
                const auto b = c->second.find('[');
                elapsed_out[i] = b != std::string::npos && b + 1 < c->second.size() && (c->second[b + 1] | 0x20) == 'h';
            } else {
                out.push_back(kind_of_builtin(id));
                elapsed_out[i] = id == 46;   // [h]:mm:ss
            }
        }
        return out;
    }
};

// A serial as its format shows it: 2024-01-05, 09:30, 2024-01-05 09:30; nullopt outside Excel's dates (before
// 1900-01-00, after 9999-12-31: Excel shows ####), which then stay numbers. Times to the minute (rounded to the
// second first, so 0.3749999 is 09:00; seconds dropped).
std::optional<std::string> shown_as_date(double serial, NumberShown kind, bool date1904, bool elapsed) {
    if (!std::isfinite(serial) || serial < 0 || serial >= 2958466.0) return std::nullopt;
    auto secs = static_cast<std::int64_t>(std::llround(serial * 86400.0));
    std::int64_t days = secs / 86400;
    const std::int64_t in_day = secs % 86400;
    char hm[32];
    const std::int64_t hours = kind == NumberShown::Time && elapsed ? secs / 3600 : in_day / 3600;
    std::snprintf(hm, sizeof hm, "%02lld:%02lld", static_cast<long long>(hours), static_cast<long long>(in_day / 60 % 60));
    if (kind == NumberShown::Time) return std::string(hm);
    // 1900 system: serial 1 = 1900-01-01, and Excel counts a 1900-02-29 (serial 60) that never was: from 61 on,
    // days since 1899-12-30; serial 0 shows as 1900-01-00 and 60 as 1900-02-29 — neither a date: kept a number.
    Date d;
    if (date1904) d = add_days(Date{1904, 1, 1}, days);
    else if (days == 0 || days == 60) return std::nullopt;
    else d = add_days(Date{1899, 12, days < 60 ? 31 : 30}, days);
    std::string out = format_date(d);
    if (kind == NumberShown::DateTime && in_day != 0) out += std::string(" ") + hm;
    return out;
}

// A worksheet, row by row: each </row> hands the row's cells to the callback and forgets them.
struct SheetXml : Xml {
    const std::vector<std::string>& shared;
    const std::function<void(const CsvRow&)>& on_row;
    std::vector<NumberShown> style_kinds;   // by cell style index (s=): dates and times shown as such
    std::vector<bool> style_elapsed;
    bool date1904 = false;
    std::size_t style = 0;
    std::size_t rows = 0;
    int next_row = 1;
    CsvRow row;
    bool in_row = false, in_v = false, in_is_t = false, in_is = false;
    std::string type, value;
    int col = -1, next_col = 0;

    SheetXml(const std::vector<std::string>& s, const std::function<void(const CsvRow&)>& f) : shared(s), on_row(f) {}

    static int column_of(const char* ref) {   // "AB12" → 27
        int c = 0;
        for (const char* p = ref; *p; ++p) {
            if (*p >= 'A' && *p <= 'Z') c = c * 26 + (*p - 'A' + 1);
            else break;
        }
        return c - 1;
    }
    void start(std::string_view n, const char** a) override {
        if (n == "row") {
            const char* r = attr(a, "r");
            row.row = r ? std::atoi(r) : next_row;
            row.fields.clear();
            in_row = true;
            next_col = 0;
        } else if (n == "c" && in_row) {
            const char* r = attr(a, "r");
            const char* t = attr(a, "t");
            const char* st = attr(a, "s");
            style = st ? static_cast<std::size_t>(std::strtoul(st, nullptr, 10)) : 0;
            col = r ? column_of(r) : next_col;
            if (col < 0 || col > 16383) { stop("单元格引用无效"); return; }
            type = t ? t : "n";
            value.clear();
        } else if (n == "v") {
            in_v = true;
        } else if (n == "is") {
            in_is = true;
        } else if (n == "t" && in_is) {
            in_is_t = true;
        }
    }
    void end(std::string_view n) override {
        if (n == "v") in_v = false;
        else if (n == "t") in_is_t = false;
        else if (n == "is") in_is = false;
        else if (n == "c" && in_row && col >= 0) {
            std::string shown;
            if (type == "s") {
                const long i = std::strtol(value.c_str(), nullptr, 10);
                if (i < 0 || static_cast<std::size_t>(i) >= shared.size()) { stop("共享字符串编号 " + value + " 不存在"); return; }
                shown = shared[static_cast<std::size_t>(i)];
            } else if (type == "n" && !value.empty()) {
                const double v = std::strtod(value.c_str(), nullptr);
                const NumberShown kind = style < style_kinds.size() ? style_kinds[style] : NumberShown::Number;
                std::optional<std::string> as_date;
                if (kind != NumberShown::Number) as_date = shown_as_date(v, kind, date1904, style_elapsed[style]);
                shown = as_date ? std::move(*as_date) : excel_general(v);
            } else if (type == "b") {
                shown = value == "1" ? "TRUE" : "FALSE";
            } else {   // str (a formula's text), inlineStr, e (#N/A …)
                shown = value;
            }
            if (!shown.empty()) {
                if (row.fields.size() <= static_cast<std::size_t>(col)) row.fields.resize(static_cast<std::size_t>(col) + 1);
                row.fields[static_cast<std::size_t>(col)] = std::move(shown);
            }
            next_col = col + 1;
            col = -1;
        } else if (n == "row") {
            in_row = false;
            next_row = row.row + 1;
            if (!row.fields.empty()) { on_row(row); ++rows; }
        }
    }
    void text(std::string_view s) override {
        if (in_v || in_is_t) value.append(s);
    }
};

std::string part_of(std::string target) {
    if (!target.empty() && target[0] == '/') return target.substr(1);   // absolute within the package
    return "xl/" + target;
}

SheetInfo read_xlsx_file(std::string_view bytes, const std::string& wanted,
                         const std::function<void(const CsvRow&)>& on_row) {
    SheetInfo info;
    info.kind = ImportFileKind::Xlsx;
    const auto broken = [&](const std::string& why) {
        info.error_zh = "XLSX 文件无法读取（" + why + "）：请在 Excel 中打开后重新保存为 .xlsx 再导入";
        return info;
    };
    Zip zip(bytes);
    if (!zip.ok()) return broken("不是完整的 ZIP 压缩包");
    std::string error;
    WorkbookXml wb;
    if (!parse_member(zip, "xl/workbook.xml", wb, error)) return broken(error);
    RelsXml rels;
    if (!parse_member(zip, "xl/_rels/workbook.xml.rels", rels, error)) return broken(error);
    for (const auto& s : wb.sheets) info.sheets.push_back(s.first);
    if (wb.sheets.empty()) return broken("工作簿中没有工作表");

    std::size_t pick = 0;
    if (!wanted.empty()) {
        const auto it = std::find_if(wb.sheets.begin(), wb.sheets.end(), [&](const auto& s) { return s.first == wanted; });
        if (it == wb.sheets.end()) {
            std::string names;
            for (const auto& s : wb.sheets) names += (names.empty() ? "“" : "、“") + s.first + "”";
            info.error_zh = "工作簿中没有名为“" + wanted + "”的工作表（有：" + names + "）";
            return info;
        }
        pick = static_cast<std::size_t>(it - wb.sheets.begin());
    }
    info.sheet = wb.sheets[pick].first;
    const auto target = rels.target.find(wb.sheets[pick].second);
    if (target == rels.target.end()) return broken("工作表“" + info.sheet + "”的关系缺失");

    SharedStringsXml shared;
    if (zip.has("xl/sharedStrings.xml") && !parse_member(zip, "xl/sharedStrings.xml", shared, error)) return broken(error);
    SheetXml sheet(shared.strings, on_row);
    sheet.date1904 = wb.date1904;
    const std::string styles_part = part_of(rels.styles.empty() ? "styles.xml" : rels.styles);
    if (zip.has(styles_part)) {   // a workbook without styles: every number General
        StylesXml styles;
        if (!parse_member(zip, styles_part, styles, error)) return broken(error);
        sheet.style_kinds = styles.kinds(sheet.style_elapsed);
    }
    const bool ok = parse_member(zip, part_of(target->second), sheet, error);
    info.rows = sheet.rows;
    if (!ok) return broken("工作表“" + info.sheet + "”：" + error);
    return info;
}

}  // namespace

// =========================================================================================================== entry
SheetInfo read_sheet(std::string_view bytes, const std::string& sheet, const std::function<void(const CsvRow&)>& on_row,
                     std::size_t max_bytes) {
    if (bytes.size() > max_bytes) {
        SheetInfo info;
        info.error_zh = "文件大小 " + megabytes(bytes.size()) + " MB，超过 50 MB 的上限：请分成几个文件分别导入";
        return info;
    }
    if (bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return read_xlsx_file(bytes, sheet, on_row);
    if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
        SheetInfo info;
        info.error_zh = "这是旧版 Excel 97-2003 工作簿（.xls）：请在 Excel 中另存为 .xlsx 或 CSV 后重新导入";
        return info;
    }
    return read_csv_file(bytes, on_row);
}

Sheet read_sheet(std::string_view bytes, const std::string& sheet) {
    Sheet out;
    out.info = read_sheet(bytes, sheet, [&](const CsvRow& r) { out.rows.push_back(r); });
    return out;
}

}  // namespace yiyang::app
