// Import files as staff have them (app/import_files): CSV in UTF-8 / BOM / GBK, a file that is not valid GBK, XLSX
// written here with libxlsxwriter (an ID stored as a number, a date cell, a time, a second sheet; every kind of number
// format: dates and times arrive as ISO dates and HH:MM, other numbers as General shows them), the 50 MB limit;
// and through shared/import, each bad file of issue 10 refused with its row and column named.
#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iconv.h>
#include <sstream>
#include <sys/resource.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "app/import_files.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/import.hpp"

namespace test_import_files {

using namespace yiyang;
using yiyang::app::read_sheet;

namespace {

const Date kToday{2026, 12, 4};

std::string id_of(const std::string& birth, const std::string& seq = "123") {
    const std::string first17 = "350303" + birth + seq;
    return first17 + resident_id_check_char(first17);
}

// UTF-8 → GBK with iconv, as Excel on Chinese Windows saves a CSV.
std::string to_gbk(const std::string& utf8) {
    iconv_t cd = iconv_open("GBK", "UTF-8");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size() * 2 + 16, '\0');
    char* src = const_cast<char*>(utf8.data());
    char* dst = out.data();
    std::size_t src_left = utf8.size(), dst_left = out.size();
    REQUIRE(iconv(cd, &src, &src_left, &dst, &dst_left) != static_cast<std::size_t>(-1));
    iconv_close(cd);
    out.resize(out.size() - dst_left);
    return out;
}

std::string file_bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::filesystem::path temp_xlsx(const char* tag) {
    return std::filesystem::temp_directory_path() /
           ("yiyang-import-test-" + std::to_string(::getpid()) + "-" + tag + ".xlsx");
}

const char* kSubscriberHeader = "姓名,身份证号,服务号码,镇街,开通日期,拆机日期,拆机原因\n";

// A validation's errors, each as "第N行 列：原因".
template <class Result>
std::vector<std::string> error_lines(const Result& r) {
    std::vector<std::string> out;
    for (const auto& e : r.errors) out.push_back(text_zh(e));
    return out;
}

// The file read and validated as a subscriber list: every error as "第N行 列：原因".
std::vector<std::string> subscriber_errors(const std::string& bytes) {
    const auto sheet = read_sheet(bytes);
    std::vector<std::string> out;
    if (sheet.info.error_zh) out.push_back(*sheet.info.error_zh);
    for (auto& line : error_lines(validate_import<SubscriberRow>(sheet.rows, kToday))) out.push_back(std::move(line));
    return out;
}

bool any_has(const std::vector<std::string>& lines, const std::string& needle) {
    for (const auto& l : lines)
        if (l.find(needle) != std::string::npos) return true;
    return false;
}
std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
}

}  // namespace

TEST_CASE("CSV in UTF-8, UTF-8 with BOM and GBK reads the same rows", "[import_files][inprocess]") {
    const std::string a = id_of("19400101");
    const std::string text = std::string(kSubscriberHeader) + "王秀英," + a + ",13800138000,江口镇,2024/1/5,,\n"
                             "\"李, 桂兰\"," + id_of("19410101") + ",13800138001,白塘镇,2024年1月6日,2024-03-01,死亡\n";
    for (const auto& [bytes, encoding] : {std::pair{text, TextEncoding::Utf8},
                                          std::pair{"\xEF\xBB\xBF" + text, TextEncoding::Utf8Bom},
                                          std::pair{to_gbk(text), TextEncoding::Gb18030}}) {
        INFO(code(encoding));
        const auto sheet = read_sheet(bytes);
        REQUIRE_FALSE(sheet.info.error_zh);
        CHECK(sheet.info.kind == app::ImportFileKind::Csv);
        CHECK(sheet.info.encoding == encoding);
        REQUIRE(sheet.rows.size() == 3);
        const auto r = validate_import<SubscriberRow>(sheet.rows, kToday);
        REQUIRE(r.ok());
        REQUIRE(r.rows.size() == 2);
        CHECK(r.rows[0].name == "王秀英");
        CHECK(r.rows[0].id_number == a);
        CHECK(r.rows[1].name == "李, 桂兰");
        CHECK(r.rows[1].town == "白塘镇");
        CHECK(r.rows[1].removed == Date{2024, 3, 1});
        CHECK(r.rows[1].removal_reason == "死亡");
    }
}

TEST_CASE("A file that is not valid GBK is refused with the row and byte", "[import_files][inprocess]") {
    std::string bytes = to_gbk(std::string(kSubscriberHeader) + "王秀英," + id_of("19400101") + ",13800138000,江口镇,2024/1/5,,\n");
    const std::size_t at = bytes.size();
    bytes += to_gbk("张德明") + "\xFF\xFE" + "," + id_of("19410101") + ",13800138001,江口镇,2024/1/5,,\n";
    const auto sheet = read_sheet(bytes);
    REQUIRE(sheet.info.error_zh);
    INFO(*sheet.info.error_zh);
    CHECK(sheet.info.error_zh->find("不是有效的 GBK/GB18030") != std::string::npos);
    CHECK(sheet.info.error_zh->find("第3行") != std::string::npos);
    CHECK(sheet.info.error_zh->find("第" + std::to_string(at + 6 + 1) + "字节") != std::string::npos);   // 张德明 is 6 bytes
    CHECK(sheet.rows.empty());   // nothing read from a file refused
}

TEST_CASE("Each bad CSV of issue 10 is refused with its row and column", "[import_files][inprocess]") {
    const std::string a = id_of("19400101"), b = id_of("19410101");
    SECTION("a missing column") {
        const auto e = subscriber_errors("姓名,身份证号,服务号码,开通日期\n王秀英," + a + ",13800138000,2024/1/5\n");
        INFO(joined(e));
        REQUIRE(e.size() == 1);
        CHECK(e[0].rfind("表头 镇街：缺少必填列", 0) == 0);
    }
    SECTION("the same ID twice") {
        const auto e = subscriber_errors(std::string(kSubscriberHeader) + "王秀英," + a + ",13800138000,江口镇,2024/1/5,,\n" +
                                         "王秀英," + a + ",13800138000,江口镇,2024/1/5,,\n");
        REQUIRE(e.size() == 1);
        CHECK(e[0] == "第3行 身份证号：与第2行重复：同一文件中身份证号只能出现一次");
    }
    SECTION("2024-02-30") {
        const auto e = subscriber_errors(std::string(kSubscriberHeader) + "王秀英," + a + ",13800138000,江口镇,2024-02-30,,\n");
        REQUIRE(e.size() == 1);
        CHECK(e[0] == "第2行 开通日期：“2024-02-30”不是真实日期（2024年2月只有29天）");
    }
    SECTION("a removal before the opening date") {
        const auto e = subscriber_errors(std::string(kSubscriberHeader) + "王秀英," + a + ",13800138000,江口镇,2024-01-05,2024-01-03,迁出\n");
        REQUIRE(e.size() == 1);
        CHECK(e[0] == "第2行 拆机日期：拆机日期 2024-01-03 早于开通日期 2024-01-05");
    }
    SECTION("an ID in scientific notation, as Excel saves it in a CSV") {
        const auto e = subscriber_errors(std::string(kSubscriberHeader) + "王秀英,3.50303E+17,13800138000,江口镇,2024-01-05,,\n");
        REQUIRE(e.size() == 1);
        CHECK(e[0].rfind("第2行 身份证号：“3.50303E+17”是 Excel 的科学计数法", 0) == 0);
    }
    SECTION("a file over 50 MB, refused before reading") {
        const std::string big(app::kMaxImportFileBytes + 1, 'a');
        const auto sheet = read_sheet(big);
        REQUIRE(sheet.info.error_zh);
        CHECK(*sheet.info.error_zh == "文件大小 50.0 MB，超过 50 MB 的上限：请分成几个文件分别导入");
        CHECK(sheet.rows.empty());
    }
    SECTION("an old .xls") {
        const auto sheet = read_sheet(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(100, '\0'));
        REQUIRE(sheet.info.error_zh);
        CHECK(sheet.info.error_zh->find(".xls") != std::string::npos);
    }
}

TEST_CASE("XLSX: shared and inline strings, numbers as Excel shows them, dates and times as their formats, a named sheet",
          "[import_files][inprocess]") {
    const auto path = temp_xlsx("sheets");
    const std::string a = id_of("19400101"), c = id_of("19420101");
    std::string b;   // stored as a number below: one without an X
    for (int s = 124; b.empty() || b.back() == 'X'; ++s) b = id_of("19410101", std::to_string(s));
    {
        lxw_workbook* wb = workbook_new(path.string().c_str());
        lxw_format* date_fmt = workbook_add_format(wb);
        format_set_num_format(date_fmt, "yyyy/m/d");
        lxw_format* time_fmt = workbook_add_format(wb);
        format_set_num_format(time_fmt, "hh:mm");
        lxw_worksheet* ws = workbook_add_worksheet(wb, "台账");
        worksheet_write_string(ws, 0, 0, "涵江区信息化服务台账", nullptr);   // a title above the header
        const char* headers[] = {"序号", "姓名", "身份证号码", "服务号码", "镇（街道）", "开通日期", "拆机日期", "拆机原因"};
        for (lxw_col_t i = 0; i < 8; ++i) worksheet_write_string(ws, 2, i, headers[i], nullptr);
        // Row 4: everything as text but the number and the date cell.
        worksheet_write_number(ws, 3, 0, 1, nullptr);
        worksheet_write_string(ws, 3, 1, "王秀英", nullptr);
        worksheet_write_string(ws, 3, 2, a.c_str(), nullptr);
        worksheet_write_number(ws, 3, 3, 13800138000.0, nullptr);   // a phone stored as a number: fine
        worksheet_write_string(ws, 3, 4, "江口镇", nullptr);
        lxw_datetime jan5 = {2024, 1, 5, 0, 0, 0};
        worksheet_write_datetime(ws, 3, 5, &jan5, date_fmt);
        // Row 5: the ID stored as a number (Excel shows 3.50303E+17 and has lost the last digits).
        worksheet_write_number(ws, 4, 0, 2, nullptr);
        worksheet_write_string(ws, 4, 1, "李桂兰", nullptr);
        worksheet_write_number(ws, 4, 2, std::stod(b), nullptr);
        worksheet_write_string(ws, 4, 3, "13800138001", nullptr);
        worksheet_write_string(ws, 4, 4, "江口镇", nullptr);
        worksheet_write_string(ws, 4, 5, "2024-01-06", nullptr);
        // Row 7 (a gap): a formula's text result and a date typed as text with a removal date as a serial.
        worksheet_write_string(ws, 6, 1, "张德明", nullptr);
        worksheet_write_string(ws, 6, 2, c.c_str(), nullptr);
        worksheet_write_string(ws, 6, 3, "13800138002", nullptr);
        worksheet_write_formula_str(ws, 6, 4, "=\"白塘\"&\"镇\"", nullptr, "白塘镇");
        worksheet_write_string(ws, 6, 5, "2024年1月7日", nullptr);
        worksheet_write_number(ws, 6, 6, 45366, date_fmt);   // 2024-03-15
        worksheet_write_string(ws, 6, 7, "死亡", nullptr);

        lxw_worksheet* second = workbook_add_worksheet(wb, "火化名单");
        worksheet_write_string(second, 0, 0, "死亡日期", nullptr);
        worksheet_write_string(second, 0, 1, "姓名", nullptr);
        worksheet_write_string(second, 0, 2, "身份证号", nullptr);
        worksheet_write_string(second, 0, 3, "开始时间", nullptr);   // a column of no interest to this list
        lxw_datetime nov3 = {2023, 11, 3, 0, 0, 0};
        worksheet_write_datetime(second, 1, 0, &nov3, date_fmt);
        worksheet_write_string(second, 1, 1, "黄金水", nullptr);
        worksheet_write_string(second, 1, 2, c.c_str(), nullptr);
        lxw_datetime t830 = {0, 0, 0, 8, 30, 0};
        worksheet_write_datetime(second, 1, 3, &t830, time_fmt);
        REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
    }
    const std::string bytes = file_bytes(path);
    std::filesystem::remove(path);

    const auto first = read_sheet(bytes);
    REQUIRE_FALSE(first.info.error_zh);
    CHECK(first.info.kind == app::ImportFileKind::Xlsx);
    CHECK(first.info.sheet == "台账");
    CHECK(first.info.sheets == std::vector<std::string>{"台账", "火化名单"});
    REQUIRE(first.rows.size() == 5);
    CHECK(first.rows[0].row == 1);
    CHECK(first.rows[1].row == 3);
    CHECK(first.rows[2].fields[3] == "13800138000");
    CHECK(first.rows[2].fields[5] == "2024-01-05");     // the date cell (yyyy/m/d): as an ISO date, not its serial
    CHECK(first.rows[4].fields[6] == "2024-03-15");     // a serial typed as a number in a date-formatted cell
    CHECK(first.rows[3].fields[2] == "3.50303E+17");    // the ID stored as a number, as Excel shows it
    CHECK(first.rows[4].row == 7);
    CHECK(first.rows[4].fields[4] == "白塘镇");

    const auto r = validate_import<SubscriberRow>(first.rows, kToday);
    const auto m = error_lines(r);
    INFO(joined(m));
    REQUIRE(m.size() == 1);
    CHECK(m[0].rfind("第5行 身份证号码：“3.50303E+17”是 Excel 的科学计数法", 0) == 0);
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0].opened == Date{2024, 1, 5});
    CHECK(r.rows[0].phone == "13800138000");
    CHECK(r.rows[1].opened == Date{2024, 1, 7});
    CHECK(r.rows[1].removed == Date{2024, 3, 15});

    const auto deaths = read_sheet(bytes, "火化名单");
    REQUIRE_FALSE(deaths.info.error_zh);
    REQUIRE(deaths.rows.size() == 2);
    CHECK(deaths.rows[1].fields[3] == "08:30");   // a time cell (hh:mm): as the time, not the fraction of a day
    CHECK(read_import_time(deaths.rows[1].fields[3]).value == 8 * 3600 + 30 * 60);
    const auto d = validate_import<CremationRow>(deaths.rows, kToday);
    REQUIRE(d.ok());
    REQUIRE(d.rows.size() == 1);
    CHECK(d.rows[0].died == Date{2023, 11, 3});
    CHECK(d.rows[0].id_number == c);

    const auto missing = read_sheet(bytes, "名单");
    REQUIRE(missing.info.error_zh);
    CHECK(*missing.info.error_zh == "工作簿中没有名为“名单”的工作表（有：“台账”、“火化名单”）");

    const auto truncated = read_sheet(bytes.substr(0, bytes.size() / 2));
    REQUIRE(truncated.info.error_zh);
    CHECK(truncated.info.error_zh->find("XLSX 文件无法读取") != std::string::npos);
}

TEST_CASE("XLSX number formats: dates, times and date-times as their formats show them, numbers and text unchanged",
          "[import_files][inprocess]") {
    const auto path = temp_xlsx("formats");
    const std::string a = id_of("19400101");
    std::string b;   // an ID number without an X, stored as a number
    for (int s = 124; b.empty() || b.back() == 'X'; ++s) b = id_of("19410101", std::to_string(s));
    // (format code or built-in id, value, what the reader must hand over)
    struct Case {
        const char* code;
        int builtin;
        double value;
        const char* shown;
    };
    const double jan5 = 45296, half_past_nine = 9.5 / 24;
    const std::vector<Case> cases = {
        {nullptr, 14, jan5, "2024-01-05"},                          // m/d/yyyy (built in)
        {nullptr, 15, jan5, "2024-01-05"},                          // d-mmm-yy
        {nullptr, 17, jan5, "2024-01-05"},                          // mmm-yy
        {nullptr, 31, jan5, "2024-01-05"},                          // yyyy"年"m"月"d"日" (Chinese Excel, built in)
        {nullptr, 20, half_past_nine, "09:30"},                     // h:mm
        {nullptr, 21, half_past_nine + 20.0 / 86400, "09:30"},      // h:mm:ss: seconds dropped
        {nullptr, 22, jan5 + half_past_nine, "2024-01-05 09:30"},   // m/d/yyyy h:mm
        {nullptr, 22, jan5, "2024-01-05"},                          // … at midnight: the date
        {nullptr, 45, 90.0 / 86400, "00:01"},                       // mm:ss
        {nullptr, 46, 1.5, "36:00"},                                // [h]:mm:ss: elapsed hours
        {nullptr, 0, jan5, "45296"},                                // General
        {nullptr, 49, jan5, "45296"},                               // @ (text)
        {nullptr, 2, 12.5, "12.5"},                                 // 0.00: the value as General shows it
        {"yyyy/m/d", 0, jan5, "2024-01-05"},
        {"yyyy\"年\"m\"月\"d\"日\"", 0, jan5, "2024-01-05"},
        {"[$-804]yyyy-mm-dd;@", 0, jan5, "2024-01-05"},
        {"[Red]dd/mm/yy", 0, jan5, "2024-01-05"},
        {"yyyy-mm-dd hh:mm", 0, jan5 + half_past_nine, "2024-01-05 09:30"},
        {"hh:mm", 0, half_past_nine, "09:30"},
        {"h\"时\"mm\"分\"", 0, half_past_nine, "09:30"},
        {"上午/下午h\"时\"mm\"分\"", 0, 0.75, "18:00"},
        {"h:mm AM/PM", 0, 0.75, "18:00"},
        {"[h]:mm", 0, 1.25, "30:00"},
        {"mm:ss", 0, 75.0 / 86400, "00:01"},
        {"hh:mm", 0, 0.3749999999, "09:00"},                        // rounded to the second first
        {"@", 0, 350303.0, "350303"},
        {"0", 0, 13800138000.0, "13800138000"},
        {"#,##0.00", 0, 1234.5, "1234.5"},
        {"0.00E+00", 0, 0.00012, "0.00012"},                        // the E of scientific notation is no year
        {"\"day \"0", 0, 7, "7"},                                   // quoted letters are not date tokens
        {"\\d0", 0, 7, "7"},                                        // nor escaped ones
        {"yyyy/m/d", 0, 0, "0"},                                    // 1900-01-00: no date, kept a number
        {"yyyy/m/d", 0, 60, "60"},                                  // Excel's 1900-02-29 that never was
        {"yyyy/m/d", 0, 61, "1900-03-01"},
        {"yyyy/m/d", 0, 59, "1900-02-28"},
        {"yyyy/m/d", 0, -1, "-1"},                                  // before 1900: Excel shows ####
    };
    {
        lxw_workbook* wb = workbook_new(path.string().c_str());
        lxw_worksheet* ws = workbook_add_worksheet(wb, "格式");
        for (std::size_t i = 0; i < cases.size(); ++i) {
            lxw_format* f = workbook_add_format(wb);
            if (cases[i].code) format_set_num_format(f, cases[i].code);
            else format_set_num_format_index(f, static_cast<std::uint8_t>(cases[i].builtin));
            worksheet_write_number(ws, static_cast<lxw_row_t>(i), 0, cases[i].value, f);
        }
        // A subscriber list: the opening date a date cell, the ID numbers text and a number (General and "0").
        lxw_worksheet* ledger = workbook_add_worksheet(wb, "台账");
        lxw_format* date_fmt = workbook_add_format(wb);
        format_set_num_format(date_fmt, "yyyy\"年\"m\"月\"d\"日\"");
        lxw_format* digits = workbook_add_format(wb);
        format_set_num_format(digits, "0");
        const char* headers[] = {"姓名", "身份证号", "服务号码", "镇街", "开通日期", "拆机日期", "拆机原因"};
        for (lxw_col_t i = 0; i < 7; ++i) worksheet_write_string(ledger, 0, i, headers[i], nullptr);
        const auto person = [&](lxw_row_t r, const char* name, const std::string* id_text, lxw_format* id_fmt) {
            worksheet_write_string(ledger, r, 0, name, nullptr);
            if (id_text) worksheet_write_string(ledger, r, 1, id_text->c_str(), nullptr);
            else worksheet_write_number(ledger, r, 1, std::stod(b), id_fmt);
            worksheet_write_string(ledger, r, 2, ("1380013800" + std::to_string(r)).c_str(), nullptr);
            worksheet_write_string(ledger, r, 3, "江口镇", nullptr);
            worksheet_write_number(ledger, r, 4, jan5, date_fmt);
        };
        person(1, "王秀英", &a, nullptr);
        person(2, "李桂兰", nullptr, nullptr);   // General: 3.50303E+17
        person(3, "张德明", nullptr, digits);    // "0": Excel shows every digit, but the last ones are already lost
        REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
    }
    const std::string bytes = file_bytes(path);
    std::filesystem::remove(path);

    const auto sheet = read_sheet(bytes);
    REQUIRE_FALSE(sheet.info.error_zh);
    REQUIRE(sheet.rows.size() == cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO("row " << i + 1 << ": format " << (cases[i].code ? cases[i].code : std::to_string(cases[i].builtin))
                    << ", value " << cases[i].value);
        REQUIRE(sheet.rows[i].fields.size() == 1);
        CHECK(sheet.rows[i].fields[0] == cases[i].shown);
    }

    const auto ledger = read_sheet(bytes, "台账");
    REQUIRE_FALSE(ledger.info.error_zh);
    REQUIRE(ledger.rows.size() == 4);
    CHECK(ledger.rows[1].fields[1] == a);             // text: unchanged
    CHECK(ledger.rows[1].fields[4] == "2024-01-05");  // the date cell: an ISO date
    CHECK(ledger.rows[2].fields[1] == "3.50303E+17");
    CHECK(ledger.rows[3].fields[1] == "3.50303E+17");   // a number format is not a date: General, as before
    const auto r = validate_import<SubscriberRow>(ledger.rows, kToday);
    const auto m = error_lines(r);
    INFO(joined(m));
    REQUIRE(m.size() == 2);
    CHECK(m[0].rfind("第3行 身份证号：“3.50303E+17”是 Excel 的科学计数法", 0) == 0);
    CHECK(m[1].rfind("第4行 身份证号：“3.50303E+17”是 Excel 的科学计数法", 0) == 0);
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].opened == Date{2024, 1, 5});
    CHECK(r.rows[0].id_number == a);
}

TEST_CASE("GB18030 conversion names the offset of the first bad byte", "[import_files][inprocess]") {
    std::size_t bad = 0;
    CHECK(app::gb18030_to_utf8(to_gbk("颐养"), &bad) == "颐养");
    CHECK_FALSE(app::gb18030_to_utf8("ab\xFF" "cd", &bad));
    CHECK(bad == 2);
    CHECK(app::excel_general(45296) == "45296");
    CHECK(app::excel_general(350303194001011234.0) == "3.50303E+17");
    CHECK(app::excel_general(123456789012345.0) == "123456789012345");
    CHECK(app::excel_general(0.375) == "0.375");
}

// A figure, not a check run by default: 600 000 subscribers in an XLSX read and validated in one stream; the peak
// memory (ru_maxrss) says whether the sheet was held whole.  test_server "[.import_bench]"
TEST_CASE("600 000-row XLSX streamed: time and peak memory", "[.import_bench]") {
    const auto path = temp_xlsx("bench");
    constexpr int kRows = 600000;
    {
        lxw_workbook_options opt = {LXW_TRUE, nullptr, LXW_FALSE};   // constant_memory: inline strings
        lxw_workbook* wb = workbook_new_opt(path.string().c_str(), &opt);
        lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
        const char* headers[] = {"姓名", "身份证号", "服务号码", "镇街", "开通日期"};
        for (lxw_col_t i = 0; i < 5; ++i) worksheet_write_string(ws, 0, i, headers[i], nullptr);
        for (int i = 0; i < kRows; ++i) {
            const auto row = static_cast<lxw_row_t>(i + 1);
            char seq[8];
            std::snprintf(seq, sizeof seq, "%03d", 100 + i % 900);
            const int k = i / 900;   // 667 birth dates × 900 sequences: every ID distinct
            const std::string id = id_of(std::to_string(1930 + k / 18) + "01" + std::to_string(10 + k % 18), seq);
            worksheet_write_string(ws, row, 0, "王秀英", nullptr);
            worksheet_write_string(ws, row, 1, id.c_str(), nullptr);
            worksheet_write_string(ws, row, 2, ("138" + std::to_string(10000000 + i)).c_str(), nullptr);
            worksheet_write_string(ws, row, 3, "江口镇", nullptr);
            worksheet_write_number(ws, row, 4, 45296, nullptr);
        }
        REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
    }
    const std::string bytes = file_bytes(path);
    std::filesystem::remove(path);
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();   // CPU time: the machine may be shared
    ImportStream<SubscriberRow> s(kToday, {}, [](SubscriberRow&&) {});
    const auto info = read_sheet(bytes, {}, [&](const CsvRow& r) { s.add(r); });
    const auto r = s.finish();
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    REQUIRE_FALSE(info.error_zh);
    WARN("XLSX " << bytes.size() / 1024 << " KiB, " << info.rows << " rows, " << r.valid_rows << " valid, "
                 << r.error_count << " errors, " << secs << " s wall, " << cpu << " s CPU; peak RSS " << before.ru_maxrss / 1024 << " MiB before, "
                 << after.ru_maxrss / 1024 << " MiB after");
    CHECK(info.rows == kRows + 1);
}

}  // namespace test_import_files
