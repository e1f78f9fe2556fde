// The import framework's domain half (yiyang/import.hpp): header matching, cell readers, per-list row validators.
// [SECTION] lists and columns · [SECTION] text helpers · [SECTION] cell readers · [SECTION] header ·
// [SECTION] row validators · [SECTION] the stream
#include "yiyang/import.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "yiyang/identity.hpp"

namespace yiyang {

// ============================================================================================== lists and columns
const char* code(ImportList l) {
    switch (l) {
        case ImportList::Subscribers: return "subscribers";
        case ImportList::ServiceRecords: return "service_records";
        case ImportList::Cremations: return "cremations";
        case ImportList::PhoneChecks: return "phone_checks";
        case ImportList::Callbacks: return "callbacks";
    }
    return "subscribers";
}

const char* label_zh(ImportList l) {
    switch (l) {
        case ImportList::Subscribers: return "信息化服务台账";
        case ImportList::ServiceRecords: return "实体服务记录";
        case ImportList::Cremations: return "火化名单";
        case ImportList::PhoneChecks: return "核查结果";
        case ImportList::Callbacks: return "回访/满意度调查";
    }
    return "信息化服务台账";
}

std::optional<ImportList> import_list_from_code(std::string_view c) {
    for (auto l : {ImportList::Subscribers, ImportList::ServiceRecords, ImportList::Cremations, ImportList::PhoneChecks,
                   ImportList::Callbacks})
        if (c == code(l)) return l;
    return std::nullopt;
}

namespace {

// The same column in several lists is written once here, so its synonyms cannot drift apart.
ImportColumn name_column(bool required = true) {
    return {"name", "姓名", required, {"老人姓名", "服务对象", "服务对象姓名", "客户姓名", "死者姓名"}, "2 至 30 个字"};
}
ImportColumn id_column(bool required = true) {
    return {"id_number", "身份证号", required, {"身份证号码", "身份证", "公民身份号码", "公民身份证号码", "证件号码"},
            "18 位，末位可为 X；请把该列设为文本格式，否则 Excel 会把它变成 3.50303E+17"};
}
ImportColumn phone_column(bool required = true) {
    return {"phone", "服务号码", required, {"手机号码", "手机号", "电话号码", "号码", "服务电话"}, "11 位手机号"};
}
const char* kDateNote = "2024-01-05、2024/1/5、2024年1月5日或 Excel 日期";
const char* kTimeNote = "08:30、8:30:00、8时30分或 Excel 时间";

std::vector<ImportColumn> make_columns(ImportList l) {
    switch (l) {
        case ImportList::Subscribers:
            return {name_column(), id_column(), phone_column(),
                    {"town", "镇街", true, {"镇(街道)", "镇/街道", "街道", "乡镇", "乡镇(街道)", "所属镇街"}, "镇或街道的名称"},
                    {"opened", "开通日期", true, {"开通时间", "入网日期", "开户日期"}, kDateNote},
                    {"removed", "拆机日期", false, {"拆机时间", "销户日期", "核减日期"}, "未拆机留空；不得早于开通日期"},
                    {"removal_reason", "拆机原因", false, {"拆机说明", "销户原因", "核减原因"}, "有拆机日期时填写"}};
        case ImportList::ServiceRecords:
            return {{"record_no", "记录编号", true, {"编号", "服务记录编号", "工单编号", "单号"}, "同一文件中不得重复"},
                    id_column(), name_column(),
                    {"day", "服务日期", true, {"日期"}, kDateNote},
                    {"start", "开始时间", true, {"服务开始时间", "起始时间"}, kTimeNote},
                    {"end", "结束时间", true, {"服务结束时间"}, "须晚于开始时间"},
                    {"item", "服务项目", true, {"服务内容", "服务类型"}, ""},
                    {"caregiver", "服务人员", true, {"助老员", "服务员", "护理员"}, ""},
                    {"evidence", "佐证", false, {"佐证材料", "佐证照片", "照片"}, "照片文件名或编号"}};
        case ImportList::Cremations:
            return {name_column(), id_column(),
                    {"died", "死亡日期", true, {"死亡时间"}, kDateNote},
                    {"cremated", "火化日期", false, {"火化时间"}, "不得早于死亡日期"}};
        case ImportList::PhoneChecks:
            return {id_column(false), phone_column(false),
                    {"day", "核查日期", true, {"电话核查日期", "拨打日期", "回访日期", "日期"}, kDateNote},
                    {"outcome", "核查结果", true, {"电话核查结果", "接通情况", "结果"}, "接通、无人接听、占线、关机、停机、空号、销卡"},
                    {"eligible", "是否符合条件", false, {"符合条件", "条件核查"}, "是 / 否"},
                    {"note", "备注", false, {"说明"}, ""}};
        case ImportList::Callbacks:
            return {id_column(false), phone_column(false),
                    {"day", "回访日期", true, {"调查日期", "日期"}, kDateNote},
                    {"outcome", "回访结果", true, {"接通情况", "结果"}, "接通、无人接听、占线、关机、停机、空号、销卡、拒访"},
                    {"overall", "总体满意度", false, {"总体评价", "满意度"}, "非常满意、满意、一般、不满意、非常不满意（仅接通时）"},
                    {"staff", "服务态度与专业性", false, {"服务态度", "服务人员满意度"}, "五级，同上（实体服务满意度调查）"},
                    {"package", "手机套餐", false, {"手机套餐满意度", "套餐满意度"}, "满意、不满意、不清楚"},
                    {"knows_sos", "知晓SOS与定位功能", false, {"是否知晓SOS与定位功能", "SOS与定位功能", "知晓SOS功能"}, "是 / 否"},
                    {"suspension_reason", "停机原因", false, {"停机类型"}, "欠费 / 沉默（仅停机时）"}};
    }
    return {};
}

}  // namespace

const std::vector<ImportColumn>& import_columns(ImportList l) {
    static const std::map<ImportList, std::vector<ImportColumn>> all = [] {
        std::map<ImportList, std::vector<ImportColumn>> m;
        for (auto x : {ImportList::Subscribers, ImportList::ServiceRecords, ImportList::Cremations,
                       ImportList::PhoneChecks, ImportList::Callbacks})
            m[x] = make_columns(x);
        return m;
    }();
    return all.at(l);
}

std::string text_zh(const ImportError& e) {
    const std::string where = e.row > 0 ? "第" + std::to_string(e.row) + "行" : std::string("表头");
    return where + (e.column.empty() ? "" : " " + e.column) + "：" + e.message_zh;
}

const char* code(CallOutcome o) {
    switch (o) {
        case CallOutcome::Answered: return "answered";
        case CallOutcome::NoAnswer: return "no_answer";
        case CallOutcome::Busy: return "busy";
        case CallOutcome::PoweredOff: return "powered_off";
        case CallOutcome::Suspended: return "suspended";
        case CallOutcome::EmptyNumber: return "empty_number";
        case CallOutcome::Cancelled: return "cancelled";
        case CallOutcome::Declined: return "declined";
    }
    return "";
}

const char* label_zh(CallOutcome o) {
    switch (o) {
        case CallOutcome::Answered: return "接通";
        case CallOutcome::NoAnswer: return "无人接听";
        case CallOutcome::Busy: return "占线";
        case CallOutcome::PoweredOff: return "关机";
        case CallOutcome::Suspended: return "停机";
        case CallOutcome::EmptyNumber: return "空号";
        case CallOutcome::Cancelled: return "销卡";
        case CallOutcome::Declined: return "拒访";
    }
    return "接通";
}
const char* label_zh(Satisfaction s) {
    switch (s) {
        case Satisfaction::VerySatisfied: return "非常满意";
        case Satisfaction::Satisfied: return "满意";
        case Satisfaction::Neutral: return "一般";
        case Satisfaction::Dissatisfied: return "不满意";
        case Satisfaction::VeryDissatisfied: return "非常不满意";
    }
    return "满意";
}
const char* label_zh(PackageAnswer a) {
    switch (a) {
        case PackageAnswer::Satisfied: return "满意";
        case PackageAnswer::Dissatisfied: return "不满意";
        case PackageAnswer::DontKnow: return "不清楚";
    }
    return "不清楚";
}

// ================================================================================================== text helpers
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }

// Length in bytes of a blank at s[i] (ASCII space/tab/CR/LF, U+3000 ideographic space, U+00A0 no-break), or 0.
std::size_t blank_at(std::string_view s, std::size_t i) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
    if (s.compare(i, 3, "\xE3\x80\x80") == 0) return 3;
    if (s.compare(i, 2, "\xC2\xA0") == 0) return 2;
    return 0;
}

std::string_view trim(std::string_view s) {
    for (;;) {
        if (s.empty()) return s;
        if (const auto n = blank_at(s, 0)) { s.remove_prefix(n); continue; }
        bool cut = false;
        for (std::size_t n : {1u, 2u, 3u}) {
            if (s.size() >= n && blank_at(s, s.size() - n) == n) { s.remove_suffix(n); cut = true; break; }
        }
        if (!cut) return s;
    }
}

// Blanks removed everywhere; full-width digits, letters and brackets made ASCII; ASCII letters upper-cased.
std::string squeeze(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        if (const auto n = blank_at(s, i)) { i += n; continue; }
        const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
        // U+FF01..U+FF5E (full-width ASCII) is EF BC 81..BF and EF BD 80..9E; each is its ASCII + 0xFEE0.
        if (i + 2 < s.size() && b(i) == 0xEF && (b(i + 1) == 0xBC || b(i + 1) == 0xBD)) {
            const unsigned cp = ((b(i + 1) & 0x3F) << 6 | (b(i + 2) & 0x3F)) + 0xF000;
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                char c = static_cast<char>(cp - 0xFEE0);
                if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
                out += c;
                i += 3;
                continue;
            }
        }
        char c = s[i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        out += c;
        ++i;
    }
    return out;
}

// "3.50303E+17": how Excel shows (and saves as CSV) a number too long for its column.
bool scientific_notation(std::string_view s) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t d0 = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == d0) return false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && is_digit(s[i])) ++i;
    }
    if (i >= s.size() || (s[i] != 'E' && s[i] != 'e')) return false;
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    return all_digits(s.substr(i));
}

// A plain decimal number ("45296", "0.375", "45296.5"); nullopt otherwise. strtod on a copy: the C locale is the
// only one the server and the WASM runtime use.
std::optional<double> plain_number(std::string_view s) {
    if (s.empty()) return std::nullopt;
    std::size_t i = 0, digits = 0;
    while (i < s.size() && is_digit(s[i])) { ++i; ++digits; }
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && is_digit(s[i])) { ++i; ++digits; }
    }
    if (i != s.size() || digits == 0) return std::nullopt;
    return std::strtod(std::string(s).c_str(), nullptr);
}

std::vector<std::string_view> split_digits(std::string_view s) {
    std::vector<std::string_view> parts;
    std::size_t i = 0;
    while (i < s.size()) {
        if (!is_digit(s[i])) { ++i; continue; }
        const std::size_t b = i;
        while (i < s.size() && is_digit(s[i])) ++i;
        parts.push_back(s.substr(b, i - b));
    }
    return parts;
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

std::string quoted(std::string_view s) { return "“" + std::string(s) + "”"; }

std::string date_zh(const Date& d) {
    return std::to_string(d.year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

}  // namespace

// ================================================================================================== cell readers
CellValue<std::string> read_id_number(std::string_view cell, const Date& today) {
    std::string_view t = trim(cell);
    if (t.size() >= 3 && t.substr(0, 2) == "=\"" && t.back() == '"') t = t.substr(2, t.size() - 3);   // ="…"
    if (!t.empty() && (t.front() == '\'' || t.front() == '`')) t.remove_prefix(1);   // Excel's text prefix
    const std::string id = squeeze(t);
    if (id.empty()) return {std::nullopt, "不能为空"};
    if (scientific_notation(id)) {
        return {std::nullopt, quoted(id) +
                                  "是 Excel 的科学计数法：身份证号被存成了数字，后几位已经丢失。请把该列设为“文本”格式，"
                                  "重新填写完整的18位身份证号"};
    }
    if (id.size() == 17 && all_digits(id) && resident_id_check_char(id) == 'X') {
        return {std::nullopt, "只有17位，按前17位算出的校验位应为 X：末尾的 X 很可能在 Excel 中丢失了（身份证号被存成了"
                              "数字）。请补上 X 后重新导入"};
    }
    const IdCheck c = check_resident_id(id, today);
    if (c.ok) return {id, {}};
    if (c.failed_part == "checksum") {
        return {std::nullopt, std::string("校验位错误，应为 ") + resident_id_check_char(std::string_view(id).substr(0, 17)) +
                                  "，实际为 " + id.substr(17)};
    }
    std::string why = c.message_zh;
    if (why.rfind("身份证号", 0) == 0) why.erase(0, std::string("身份证号").size());
    return {std::nullopt, why};
}

namespace {

// Excel counts days from 1899-12-30 for every serial after its fictitious 1900-02-29 (serial 60); the range
// stops a bare year or a count typed into a date column from turning into a date silently.
constexpr int kSerialFirst = 18264;   // 1950-01-01
constexpr int kSerialLast = 73050;    // 2099-12-31
Date date_of_serial(long serial) { return add_days(Date{1899, 12, 30}, serial); }

CellValue<Date> ymd(std::string_view shown, int y, int m, int d) {
    if (m < 1 || m > 12) return {std::nullopt, quoted(shown) + "不是真实日期：月份应为1至12"};
    if (!is_valid_date(y, m, d)) {
        return {std::nullopt, quoted(shown) + "不是真实日期（" + std::to_string(y) + "年" + std::to_string(m) + "月只有" +
                                  std::to_string(days_in_month(y, m)) + "天）"};
    }
    if (y < 1900 || y > 2099) return {std::nullopt, quoted(shown) + "的年份应在1900至2099之间"};
    return {Date{y, m, d}, {}};
}

}  // namespace

CellValue<Date> read_import_date(std::string_view cell) {
    const std::string_view t = trim(cell);
    if (t.empty()) return {std::nullopt, "不能为空"};
    const auto bad = [t] { return quoted(t) + "不是日期：请写成 2024-01-05、2024/1/5 或 2024年1月5日"; };   // only when needed
    // A time after the date (Excel's CSV of a date-time cell) says nothing about the day: ignored.
    std::string_view date_part = t;
    if (const auto sp = t.find(' '); sp != std::string_view::npos) {
        date_part = t.substr(0, sp);
        if (!read_import_time(t.substr(sp + 1)).value) return {std::nullopt, bad()};
    }
    if (const auto n = plain_number(date_part)) {
        if (date_part.size() == 8 && all_digits(date_part)) {   // 20240105
            return ymd(t, to_int(date_part.substr(0, 4)), to_int(date_part.substr(4, 2)), to_int(date_part.substr(6, 2)));
        }
        const long serial = static_cast<long>(std::floor(*n));
        if (serial < kSerialFirst || serial > kSerialLast) {
            std::string as = serial > 0 && serial < 2958466 ? "（作为 Excel 日期序号是 " + format_date(date_of_serial(serial)) + "）"
                                                            : std::string();
            return {std::nullopt, quoted(t) + "不是日期" + as + "：Excel 日期序号应在 " + std::to_string(kSerialFirst) +
                                      "（1950-01-01）至 " + std::to_string(kSerialLast) + "（2099-12-31）之间"};
        }
        return {date_of_serial(serial), {}};
    }
    const auto parts = split_digits(date_part);
    if (parts.size() != 3 || parts[0].size() != 4 || parts[1].size() > 2 || parts[2].size() > 2) return {std::nullopt, bad()};
    // The separators must be one kind: 2024-01-05, 2024/1/5, 2024.1.5, or 年 月 日.
    const std::string_view s = date_part;
    const std::size_t after_y = 4, after_m = s.find(parts[1], after_y) + parts[1].size();
    const std::string_view sep1 = s.substr(after_y, s.find(parts[1], after_y) - after_y);
    const std::string_view sep2 = s.substr(after_m, s.find(parts[2], after_m) - after_m);
    const std::string_view tail = s.substr(s.find(parts[2], after_m) + parts[2].size());
    const bool dashed = (sep1 == "-" || sep1 == "/" || sep1 == ".") && sep2 == sep1 && tail.empty();
    const bool chinese = sep1 == "年" && sep2 == "月" && (tail == "日" || tail == "号" || tail.empty());
    if (s.substr(0, 4) != parts[0] || (!dashed && !chinese)) return {std::nullopt, bad()};
    return ymd(t, to_int(parts[0]), to_int(parts[1]), to_int(parts[2]));
}

CellValue<int> read_import_time(std::string_view cell) {
    std::string_view t = trim(cell);
    if (t.empty()) return {std::nullopt, "不能为空"};
    const std::string_view shown = t;
    const auto bad = [shown] { return quoted(shown) + "不是时间：请写成 08:30 或 8:30:00"; };   // built only when needed
    if (const auto sp = t.find(' '); sp != std::string_view::npos) {   // "2024-01-05 08:30": the time part
        if (!read_import_date(t.substr(0, sp)).value) return {std::nullopt, bad()};
        t = trim(t.substr(sp + 1));
    }
    if (const auto n = plain_number(t)) {   // Excel: a fraction of a day (a date serial's fraction: its time)
        const double frac = *n - std::floor(*n);
        if (t.find('.') == std::string_view::npos) return {std::nullopt, bad()};
        const int secs = static_cast<int>(std::lround(frac * 86400.0));
        return {std::min(secs, 86399), {}};
    }
    const auto parts = split_digits(t);
    if (parts.size() < 2 || parts.size() > 3 || parts[0].size() > 2 || parts[1].size() != 2 ||
        (parts.size() == 3 && parts[2].size() != 2))
        return {std::nullopt, bad()};
    // Separators: "8:30(:00)" or "8时30分(00秒)" / "8点30(分)".
    std::string rest;
    for (std::size_t i = 0; i < t.size(); ++i) if (!is_digit(t[i])) rest += t[i];
    const bool colon = rest == ":" || rest == "::";
    const bool chinese = rest == "时分" || rest == "时分秒" || rest == "点" || rest == "点分" || rest == "时";
    if (!colon && !chinese) return {std::nullopt, bad()};
    const int h = to_int(parts[0]), m = to_int(parts[1]), s = parts.size() == 3 ? to_int(parts[2]) : 0;
    if (h > 23 || m > 59 || s > 59) return {std::nullopt, quoted(t) + "不是真实时间：时应为0至23，分和秒应为0至59"};
    return {h * 3600 + m * 60 + s, {}};
}

std::string format_time_of_day(int seconds) {
    const auto two = [](int v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
    std::string s = two(seconds / 3600) + ":" + two(seconds / 60 % 60);
    if (seconds % 60 != 0) s += ":" + two(seconds % 60);
    return s;
}

CellValue<std::string> read_phone(std::string_view cell) {
    std::string p;
    for (char c : squeeze(trim(cell)))
        if (c != '-') p += c;
    if (p.empty()) return {std::nullopt, "不能为空"};
    if (scientific_notation(p))
        return {std::nullopt, quoted(p) + "是 Excel 的科学计数法：号码被存成了数字。请把该列设为“文本”格式后重新填写"};
    if (p.rfind("+86", 0) == 0) p.erase(0, 3);
    else if (p.size() == 13 && p.rfind("86", 0) == 0) p.erase(0, 2);
    const PhoneCheck c = check_mobile(p);
    if (c.ok) return {p, {}};
    std::string why = c.message_zh;
    if (why.rfind("手机号", 0) == 0) why.erase(0, std::string("手机号").size());
    return {std::nullopt, why};
}

// ======================================================================================================== header
namespace {

std::string header_form(std::string_view s) {
    std::string out;
    for (char c : squeeze(s))
        if (c != '*') out += c;
    // "＊" (full-width asterisk) became '*' in squeeze; "（）" became "()".
    return out;
}

// "开通日期(年-月-日)" → "开通日期"; nothing when there is no trailing bracket.
std::optional<std::string> without_note(const std::string& h) {
    if (h.empty() || h.back() != ')') return std::nullopt;
    const auto open = h.rfind('(');
    if (open == std::string::npos || open == 0) return std::nullopt;
    return h.substr(0, open);
}

}  // namespace

HeaderMap match_header(ImportList l, const CsvRow& row) {
    HeaderMap m;
    m.header_row = row.row;
    const auto& columns = import_columns(l);
    std::map<std::string, std::string> key_of;   // header form → column key
    for (const auto& c : columns) {
        key_of[header_form(c.header_zh)] = c.key;
        for (const auto& s : c.synonyms) key_of[header_form(s)] = c.key;
    }
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
        const std::string h = header_form(row.fields[i]);
        if (h.empty()) continue;
        auto it = key_of.find(h);
        if (it == key_of.end()) {
            if (const auto bare = without_note(h)) it = key_of.find(*bare);
        }
        if (it == key_of.end()) continue;   // a column of no interest: ignored
        const std::string written(trim(row.fields[i]));
        if (auto seen = m.index.find(it->second); seen != m.index.end()) {
            m.errors.push_back({0, written,
                                "与第" + std::to_string(seen->second + 1) + "列" + quoted(m.text[it->second]) +
                                    "是同一列，只能出现一次（第" + std::to_string(i + 1) + "列）"});
            continue;
        }
        m.index[it->second] = static_cast<int>(i);
        m.text[it->second] = written;
    }
    for (const auto& c : columns) {
        if (c.required && !m.index.count(c.key))
            m.errors.push_back({0, c.header_zh, "缺少必填列（可用的列名：" + [&] {
                                    std::string all = c.header_zh;
                                    for (const auto& s : c.synonyms) all += "、" + s;
                                    return all;
                                }() + "）"});
    }
    if ((l == ImportList::PhoneChecks || l == ImportList::Callbacks) && !m.index.count("id_number") &&
        !m.index.count("phone"))
        m.errors.push_back({0, "身份证号", "缺少“身份证号”或“服务号码”列（至少要有一列）"});
    return m;
}

// ================================================================================================ row validators
namespace {

// One data row being read: cells by column key, errors with the header as the file writes it.
struct RowReader {
    const CsvRow& row;
    const HeaderMap& header;
    const Date& today;
    std::vector<std::pair<std::string, std::string>> errors;   // (header, message)

    bool has_column(const std::string& key) const { return header.index.count(key) > 0; }
    std::string_view cell(const std::string& key) const {
        const auto it = header.index.find(key);
        if (it == header.index.end() || static_cast<std::size_t>(it->second) >= row.fields.size()) return {};
        return trim(row.fields[static_cast<std::size_t>(it->second)]);
    }
    std::string column(const std::string& key) const {
        const auto it = header.text.find(key);
        if (it != header.text.end()) return it->second;
        for (auto l : {ImportList::Subscribers, ImportList::ServiceRecords, ImportList::PhoneChecks, ImportList::Callbacks})
            for (const auto& c : import_columns(l)) if (c.key == key) return c.header_zh;
        return key;
    }
    void fail(const std::string& key, std::string message) { errors.emplace_back(column(key), std::move(message)); }

    template <class T>
    std::optional<T> take(const std::string& key, CellValue<T> v) {
        if (!v.value) fail(key, v.error_zh);
        return v.value;
    }
    std::optional<std::string> text(const std::string& key, bool required, std::size_t max_chars = 100) {
        const auto v = cell(key);
        if (v.empty()) {
            if (required) fail(key, "不能为空");
            return required ? std::nullopt : std::optional<std::string>(std::string());
        }
        std::size_t chars = 0;
        for (unsigned char c : v) chars += (c & 0xC0) != 0x80;
        if (chars > max_chars) {
            fail(key, "过长：最多" + std::to_string(max_chars) + "个字，实际" + std::to_string(chars) + "个");
            return std::nullopt;
        }
        return std::string(v);
    }
    std::optional<std::string> name(bool required = true) {
        auto n = text("name", required, 30);
        if (n && required) {
            std::size_t chars = 0;
            for (unsigned char c : *n) chars += (c & 0xC0) != 0x80;
            if (chars < 2) { fail("name", "至少2个字"); return std::nullopt; }
        }
        return n;
    }
    std::optional<std::string> id(bool required = true) {
        if (cell("id_number").empty() && !required) return std::string();
        return take("id_number", read_id_number(cell("id_number"), today));
    }
    std::optional<std::string> phone(bool required = true) {
        if (cell("phone").empty() && !required) return std::string();
        return take("phone", read_phone(cell("phone")));
    }
    std::optional<Date> date(const std::string& key, const char* what, bool not_after_today = true) {
        auto d = take(key, read_import_date(cell(key)));
        if (d && not_after_today && today < *d) {
            fail(key, std::string(what) + " " + format_date(*d) + " 晚于今天（" + date_zh(today) + "）");
            return std::nullopt;
        }
        return d;
    }
    std::optional<std::optional<Date>> optional_date(const std::string& key, const char* what) {
        if (cell(key).empty()) return std::optional<Date>();
        auto d = date(key, what);
        if (!d) return std::nullopt;
        return std::optional<Date>(*d);
    }
    // One of a few words (empty allowed: value stays empty); ok = false when the cell holds anything else.
    template <class E>
    struct Choice {
        bool ok = true;
        std::optional<E> value;
    };
    template <class E>
    Choice<E> choice(const std::string& key, const std::vector<std::pair<std::string, E>>& words,
                     const std::string& allowed) {
        Choice<E> c;
        const auto v = cell(key);
        if (v.empty()) return c;
        const std::string s = squeeze(v);
        for (const auto& [w, e] : words) {
            if (s == w) {
                c.value = e;
                return c;
            }
        }
        fail(key, quoted(v) + "无法识别：只能是" + allowed);
        c.ok = false;
        return c;
    }
};

const std::vector<std::pair<std::string, CallOutcome>>& outcome_words() {
    static const std::vector<std::pair<std::string, CallOutcome>> w = {
        {"接通", CallOutcome::Answered},     {"已接通", CallOutcome::Answered},  {"接听", CallOutcome::Answered},
        {"无人接听", CallOutcome::NoAnswer}, {"未接听", CallOutcome::NoAnswer},  {"无人接", CallOutcome::NoAnswer},
        {"占线", CallOutcome::Busy},         {"关机", CallOutcome::PoweredOff},  {"停机", CallOutcome::Suspended},
        {"暂停服务", CallOutcome::Suspended}, {"空号", CallOutcome::EmptyNumber}, {"销卡", CallOutcome::Cancelled},
        {"已销卡", CallOutcome::Cancelled},  {"拒访", CallOutcome::Declined},    {"拒绝回访", CallOutcome::Declined},
    };
    return w;
}
const std::vector<std::pair<std::string, Satisfaction>>& satisfaction_words() {
    static const std::vector<std::pair<std::string, Satisfaction>> w = {
        {"非常满意", Satisfaction::VerySatisfied}, {"满意", Satisfaction::Satisfied},
        {"一般", Satisfaction::Neutral},           {"基本满意", Satisfaction::Neutral},
        {"不满意", Satisfaction::Dissatisfied},    {"非常不满意", Satisfaction::VeryDissatisfied},
    };
    return w;
}
const std::vector<std::pair<std::string, bool>>& yes_no_words() {
    static const std::vector<std::pair<std::string, bool>> w = {
        {"是", true}, {"否", false}, {"符合", true}, {"不符合", false}, {"知晓", true}, {"不知晓", false},
        {"知道", true}, {"不知道", false}, {"Y", true}, {"N", false},
    };
    return w;
}

bool read_row(RowReader& r, SubscriberRow& out) {
    auto name = r.name();
    auto id = r.id();
    auto phone = r.phone();
    auto town = r.text("town", true, 50);
    auto opened = r.date("opened", "开通日期");
    auto removed = r.optional_date("removed", "拆机日期");
    auto reason = r.text("removal_reason", false, 100);
    if (opened && removed && *removed && **removed < *opened) {
        r.fail("removed", "拆机日期 " + format_date(**removed) + " 早于开通日期 " + format_date(*opened));
        return false;
    }
    if (removed && !*removed && reason && !reason->empty()) {
        r.fail("removal_reason", "填了拆机原因，但没有拆机日期");
        return false;
    }
    if (!name || !id || !phone || !town || !opened || !removed || !reason) return false;
    out = {r.row.row, *name, *id, *phone, *town, *opened, *removed, *reason};
    return true;
}

bool read_row(RowReader& r, ServiceRecordRow& out) {
    auto no = r.text("record_no", true, 50);
    auto id = r.id();
    auto name = r.name();
    auto day = r.date("day", "服务日期");
    auto start = r.take("start", read_import_time(r.cell("start")));
    auto end = r.take("end", read_import_time(r.cell("end")));
    auto item = r.text("item", true, 50);
    auto caregiver = r.text("caregiver", true, 30);
    auto evidence = r.text("evidence", false, 200);
    if (start && end && *end <= *start) {
        r.fail("end", "结束时间 " + format_time_of_day(*end) + " 不晚于开始时间 " + format_time_of_day(*start));
        return false;
    }
    if (!no || !id || !name || !day || !start || !end || !item || !caregiver || !evidence) return false;
    out = {r.row.row, *no, *id, *name, *day, *start, *end, *item, *caregiver, *evidence};
    return true;
}

bool read_row(RowReader& r, CremationRow& out) {
    auto name = r.name();
    auto id = r.id();
    auto died = r.date("died", "死亡日期");
    auto cremated = r.optional_date("cremated", "火化日期");
    if (died && cremated && *cremated && **cremated < *died) {
        r.fail("cremated", "火化日期 " + format_date(**cremated) + " 早于死亡日期 " + format_date(*died));
        return false;
    }
    if (!name || !id || !died || !cremated) return false;
    out = {r.row.row, *name, *id, *died, *cremated};
    return true;
}

// Who was called: an ID number or a service number, at least one.
bool read_subject(RowReader& r, std::string& id_out, std::string& phone_out) {
    const bool none = r.cell("id_number").empty() && r.cell("phone").empty();
    if (none) {
        r.fail(r.has_column("id_number") ? "id_number" : "phone", "身份证号和服务号码至少填一个");
        return false;
    }
    auto id = r.id(false);
    auto phone = r.phone(false);
    if (!id || !phone) return false;
    id_out = *id;
    phone_out = *phone;
    return true;
}

bool read_row(RowReader& r, PhoneCheckRow& out) {
    PhoneCheckRow v;
    const bool subject = read_subject(r, v.id_number, v.phone);
    auto day = r.date("day", "核查日期");
    auto outcome = r.choice("outcome", outcome_words(), "接通、无人接听、占线、关机、停机、空号、销卡");
    if (outcome.ok && !outcome.value) { r.fail("outcome", "不能为空"); outcome.ok = false; }
    if (outcome.ok && *outcome.value == CallOutcome::Declined) {
        r.fail("outcome", "核查结果不能是“拒访”：只能是接通、无人接听、占线、关机、停机、空号、销卡");
        outcome.ok = false;
    }
    auto eligible = r.choice("eligible", yes_no_words(), "是、否");
    auto note = r.text("note", false, 200);
    if (!subject || !day || !outcome.ok || !eligible.ok || !note) return false;
    v.row = r.row.row;
    v.day = *day;
    v.outcome = *outcome.value;
    v.eligible = eligible.value;
    v.note = *note;
    out = std::move(v);
    return true;
}

bool read_row(RowReader& r, CallbackRow& out) {
    CallbackRow v;
    const bool subject = read_subject(r, v.id_number, v.phone);
    auto day = r.date("day", "回访日期");
    auto outcome = r.choice("outcome", outcome_words(), "接通、无人接听、占线、关机、停机、空号、销卡、拒访");
    if (outcome.ok && !outcome.value) { r.fail("outcome", "不能为空"); outcome.ok = false; }
    const std::string five = "非常满意、满意、一般、不满意、非常不满意";
    auto overall = r.choice("overall", satisfaction_words(), five);
    auto staff = r.choice("staff", satisfaction_words(), five);
    auto package = r.choice<PackageAnswer>("package", {{"满意", PackageAnswer::Satisfied},
                                                       {"不满意", PackageAnswer::Dissatisfied},
                                                       {"不清楚", PackageAnswer::DontKnow},
                                                       {"不知道", PackageAnswer::DontKnow}},
                                           "满意、不满意、不清楚");
    auto sos = r.choice("knows_sos", yes_no_words(), "是、否");
    auto reason = r.choice<std::string>("suspension_reason", {{"欠费", "欠费"}, {"欠费停机", "欠费"}, {"沉默", "沉默"},
                                                              {"沉默停机", "沉默"}},
                                        "欠费、沉默");
    bool ok = subject && day && outcome.ok && overall.ok && staff.ok && package.ok && sos.ok && reason.ok;
    if (outcome.ok) {
        const CallOutcome o = *outcome.value;
        // Answers belong to a call that was answered; a reason for suspension to a suspended number.
        if (o != CallOutcome::Answered) {
            for (const char* key : {"overall", "staff", "package", "knows_sos"}) {
                if (!r.cell(key).empty()) {
                    r.fail(key, std::string("回访结果为“") + label_zh(o) + "”，不应填写答案");
                    ok = false;
                }
            }
        }
        if (o != CallOutcome::Suspended && !r.cell("suspension_reason").empty()) {
            r.fail("suspension_reason", std::string("回访结果为“") + label_zh(o) + "”，不应填写停机原因");
            ok = false;
        }
    }
    if (!ok) return false;
    v.row = r.row.row;
    v.day = *day;
    v.outcome = *outcome.value;
    v.overall = overall.value;
    v.staff = staff.value;
    v.package = package.value;
    v.knows_sos = sos.value;
    v.suspension_reason = reason.value.value_or("");
    out = std::move(v);
    return true;
}

// The column a natural key is reported against.
std::string key_column(ImportList l, const HeaderMap& h) {
    const std::string key = l == ImportList::ServiceRecords ? "record_no"
                            : (l == ImportList::PhoneChecks || l == ImportList::Callbacks) && !h.index.count("id_number")
                                ? "phone"
                                : "id_number";
    const auto it = h.text.find(key);
    return it != h.text.end() ? it->second : key;
}
std::string key_words(ImportList l) {
    switch (l) {
        case ImportList::ServiceRecords: return "记录编号";
        case ImportList::PhoneChecks:
        case ImportList::Callbacks: return "同一服务对象同一天的记录";
        default: return "身份证号";
    }
}

bool blank_row(const CsvRow& r) {
    return std::all_of(r.fields.begin(), r.fields.end(), [](const std::string& f) { return trim(f).empty(); });
}

}  // namespace

std::string natural_key(const SubscriberRow& r) { return r.id_number; }
std::string natural_key(const ServiceRecordRow& r) { return r.record_no; }
std::string natural_key(const CremationRow& r) { return r.id_number; }
std::string natural_key(const PhoneCheckRow& r) { return (r.id_number.empty() ? r.phone : r.id_number) + "|" + format_date(r.day); }
std::string natural_key(const CallbackRow& r) { return (r.id_number.empty() ? r.phone : r.id_number) + "|" + format_date(r.day); }

// ================================================================================================= the key index
namespace {
std::uint64_t key_hash(std::string_view key) {   // FNV-1a, then mixed (the table's index is the low bits)
    std::uint64_t h = 1469598103934665603ull;
    for (const unsigned char c : key) h = (h ^ c) * 1099511628211ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}
}  // namespace

int KeyIndex::first_row(std::string_view key, int row) {
    // Load ≤ 0.5: an insert (the common case: a new key) probes ~2.5 slots instead of ~6 at 0.7, and each occupied
    // slot probed reads a key of the same length (record numbers all have one) — the table's cost in a profile.
    if ((entries_.size() + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = key_hash(key) & mask;; i = (i + 1) & mask) {
        const std::uint32_t s = slots_[i];
        if (s == 0) {
            entries_.push_back({arena_.size(), static_cast<std::uint32_t>(key.size()), row});
            arena_.append(key);
            slots_[i] = static_cast<std::uint32_t>(entries_.size());
            return -1;
        }
        const Entry& e = entries_[s - 1];
        if (e.length == key.size() && std::string_view(arena_).substr(e.offset, e.length) == key) return e.row;
    }
}

void KeyIndex::grow() {
    std::vector<std::uint32_t> slots(slots_.empty() ? 1024 : slots_.size() * 2, 0);
    const std::size_t mask = slots.size() - 1;
    for (std::size_t n = 0; n < entries_.size(); ++n) {
        const Entry& e = entries_[n];
        std::size_t i = key_hash(std::string_view(arena_).substr(e.offset, e.length)) & mask;
        while (slots[i] != 0) i = (i + 1) & mask;
        slots[i] = static_cast<std::uint32_t>(n + 1);
    }
    slots_.swap(slots);
}

// ==================================================================================================== the stream
template <class Row>
ImportStream<Row>::ImportStream(const Date& today, ImportLimits limits, Sink sink)
    : today_(today), limits_(limits), sink_(std::move(sink)) {}

template <class Row>
void ImportStream<Row>::error(int row, std::string column, std::string message) {
    ++result_.error_count;
    if (result_.errors.size() < limits_.max_errors) result_.errors.push_back({row, std::move(column), std::move(message)});
}

template <class Row>
void ImportStream<Row>::add(const CsvRow& row) {
    if (header_done_) {
        if (!blank_row(row)) data_row(row);
        return;
    }
    if (blank_row(row)) return;
    HeaderMap m = match_header(Row::list, row);
    if (m.errors.empty()) {   // the header: rows above it were a title or notes
        header_ = std::move(m);
        header_done_ = true;
        result_.header_row = header_.header_row;
        result_.columns = header_.text;
        before_header_.clear();
        return;
    }
    before_header_.push_back(row);
    if (static_cast<int>(before_header_.size()) >= limits_.header_search_rows) settle_header();
}

template <class Row>
void ImportStream<Row>::data_row(const CsvRow& row) {
    ++result_.rows_read;
    if (!header_.errors.empty()) return;   // columns missing: the rows cannot be read
    RowReader r{row, header_, today_, {}};
    Row out;
    const bool ok = read_row(r, out);
    for (auto& [column, message] : r.errors) error(row.row, column, message);
    if (!ok) return;
    if (const int first = first_row_of_key_.first_row(natural_key(out), row.row); first >= 0) {
        error(row.row, key_column(Row::list, header_),
              "与第" + std::to_string(first) + "行重复：同一文件中" + key_words(Row::list) + "只能出现一次");
        return;
    }
    ++result_.valid_rows;
    if (sink_) sink_(std::move(out));
    else result_.rows.push_back(std::move(out));
}

template <class Row>
ImportResult<Row> ImportStream<Row>::finish() {
    settle_header();
    return std::move(result_);
}

template <class Row>
void ImportStream<Row>::settle_header() {
    if (!header_done_) {
        // No row holds every required column: judge the file by the row that holds most of them, and name what
        // is missing there.
        header_done_ = true;
        std::optional<HeaderMap> best;
        std::size_t best_at = 0;
        for (std::size_t i = 0; i < before_header_.size(); ++i) {
            HeaderMap m = match_header(Row::list, before_header_[i]);
            if (!best || m.index.size() > best->index.size()) { best = std::move(m); best_at = i; }
        }
        if (!best || best->index.empty()) {
            std::string wanted;
            for (const auto& c : import_columns(Row::list))
                if (c.required) wanted += (wanted.empty() ? "" : "、") + quoted(c.header_zh);
            header_.errors.push_back({0, "", "找不到表头：前" + std::to_string(limits_.header_search_rows) + "行中没有" +
                                                 std::string(label_zh(Row::list)) + "的列名（应有 " + wanted + "）"});
            for (auto& e : header_.errors) error(e.row, e.column, e.message_zh);
            result_.rows_read = before_header_.size();
            before_header_.clear();
            return;
        }
        header_ = std::move(*best);
        result_.header_row = header_.header_row;
        result_.columns = header_.text;
        for (auto& e : header_.errors) error(e.row, e.column, e.message_zh);
        const std::vector<CsvRow> rest(before_header_.begin() + static_cast<std::ptrdiff_t>(best_at) + 1, before_header_.end());
        before_header_.clear();
        for (const auto& r : rest) data_row(r);
    }
}

template class ImportStream<SubscriberRow>;
template class ImportStream<ServiceRecordRow>;
template class ImportStream<CremationRow>;
template class ImportStream<PhoneCheckRow>;
template class ImportStream<CallbackRow>;

}  // namespace yiyang
