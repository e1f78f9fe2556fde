// The import framework's domain half (yiyang/import.hpp): headers in any order and by synonym, the cell readers
// (ID numbers as Excel mangles them, dates, times), each list's row rules, duplicates, and the documentation.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "yiyang/identity.hpp"
#include "yiyang/import.hpp"

namespace test_import {

using namespace yiyang;

namespace {

const Date kToday{2026, 12, 4};

// A valid ID number: area 350303 (涵江区), the birth date, a sequence, and its check character.
std::string id_of(const std::string& birth, const std::string& seq = "123") {
    const std::string first17 = "350303" + birth + seq;
    return first17 + resident_id_check_char(first17);
}
// An ID number whose check character is X (searched over sequences, deterministic).
std::string id_ending_x() {
    for (int s = 100; s < 1000; ++s) {
        const auto id = id_of("19400101", std::to_string(s));
        if (id.back() == 'X') return id;
    }
    return {};
}

std::vector<CsvRow> sheet(std::vector<std::vector<std::string>> cells) {
    std::vector<CsvRow> rows;
    int n = 1;
    for (auto& c : cells) rows.push_back({n++, std::move(c)});
    return rows;
}

std::vector<std::string> messages(const std::vector<ImportError>& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(text_zh(e));
    return out;
}
std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
}

}  // namespace

TEST_CASE("ID numbers as staff and Excel write them", "[import]") {
    const std::string good = id_of("19400101");
    CHECK(read_id_number(good, kToday).value == good);

    SECTION("blanks, full-width digits, lowercase x, Excel's text prefixes are normalised") {
        const std::string x = id_ending_x();
        REQUIRE(!x.empty());
        std::string lower = x;
        lower.back() = 'x';
        CHECK(read_id_number(lower, kToday).value == x);
        CHECK(read_id_number(" 350303 19400101 " + good.substr(14) + "\xE3\x80\x80", kToday).value == good);
        std::string full;   // every digit full-width (U+FF10 + d)
        for (char c : good) full += c == 'X' ? std::string("\xEF\xBC\xB8") : std::string("\xEF\xBC") + static_cast<char>(0x90 + (c - '0'));
        CHECK(read_id_number(full, kToday).value == good);
        CHECK(read_id_number("'" + good, kToday).value == good);
        CHECK(read_id_number("=\"" + good + "\"", kToday).value == good);
    }
    SECTION("scientific notation is refused saying Excel did it") {
        const auto r = read_id_number("3.50303E+17", kToday);
        CHECK_FALSE(r.value);
        CHECK(r.error_zh.find("科学计数法") != std::string::npos);
        CHECK(r.error_zh.find("3.50303E+17") != std::string::npos);
    }
    SECTION("17 digits that lost their X") {
        const std::string x = id_ending_x();
        const auto r = read_id_number(x.substr(0, 17), kToday);
        CHECK_FALSE(r.value);
        CHECK(r.error_zh.find("X") != std::string::npos);
        CHECK(r.error_zh.find("丢失") != std::string::npos);
        // 17 digits whose check character is not X: a plain length error.
        const auto short_id = read_id_number(good.substr(0, 17), kToday);
        CHECK(short_id.error_zh.find("18") != std::string::npos);
    }
    SECTION("checksum, in the issue's words") {
        std::string bad = good;
        bad[17] = bad[17] == '3' ? '4' : '3';
        const auto r = read_id_number(bad, kToday);
        CHECK(r.error_zh == std::string("校验位错误，应为 ") + good[17] + "，实际为 " + bad[17]);
    }
}

TEST_CASE("Dates as text and as Excel serial numbers", "[import]") {
    const Date jan5{2024, 1, 5};
    for (const char* text : {"2024-01-05", "2024/1/5", "2024.1.5", "2024年1月5日", "2024年01月05日", "2024年1月5", "20240105",
                             "45296", "45296.375", " 2024/1/5 0:00 ", "2024-01-05 00:00:00"}) {
        INFO(text);
        CHECK(read_import_date(text).value == jan5);
    }
    CHECK(read_import_date("2024-02-29").value == Date{2024, 2, 29});
    const auto feb30 = read_import_date("2024-02-30");
    CHECK_FALSE(feb30.value);
    CHECK(feb30.error_zh == "“2024-02-30”不是真实日期（2024年2月只有29天）");
    CHECK(read_import_date("2023/2/29").error_zh.find("28天") != std::string::npos);
    CHECK(read_import_date("2024-13-01").error_zh.find("月份") != std::string::npos);
    CHECK(read_import_date("2024").error_zh.find("1905-07-16") != std::string::npos);   // a bare year as a serial
    for (const char* text : {"", "abc", "2024-01/05", "24-1-5", "2024年1月5分", "2024-01-05 25:00"}) {
        INFO(text);
        CHECK_FALSE(read_import_date(text).value);
    }
}

TEST_CASE("Times of day", "[import]") {
    CHECK(read_import_time("8:30").value == 8 * 3600 + 30 * 60);
    CHECK(read_import_time("08:30:15").value == 8 * 3600 + 30 * 60 + 15);
    CHECK(read_import_time("8时30分").value == 8 * 3600 + 30 * 60);
    CHECK(read_import_time("0.375").value == 9 * 3600);
    CHECK(read_import_time("45296.5").value == 12 * 3600);
    CHECK(read_import_time("2024-01-05 14:05").value == 14 * 3600 + 5 * 60);
    CHECK_FALSE(read_import_time("24:00").value);
    CHECK_FALSE(read_import_time("8").value);
    CHECK_FALSE(read_import_time("8:3").value);
    CHECK(format_time_of_day(8 * 3600 + 30 * 60) == "08:30");
    CHECK(format_time_of_day(8 * 3600 + 30 * 60 + 5) == "08:30:05");
}

TEST_CASE("Phone numbers", "[import]") {
    CHECK(read_phone("138-0013-8000").value == "13800138000");
    CHECK(read_phone("+86 138 0013 8000").value == "13800138000");
    CHECK(read_phone("8613800138000").value == "13800138000");
    CHECK(read_phone("1.38001E+10").error_zh.find("科学计数法") != std::string::npos);
    CHECK(read_phone("1380013800").error_zh == "长度应为11位，实际为10位");
}

TEST_CASE("Columns are found by header in any order, by synonym, below a title; extras ignored", "[import]") {
    const std::string id = id_of("19400101");
    auto rows = sheet({
        {"涵江区信息化服务台账（2024年1月）"},
        {""},
        {"备注", "开通日期（年-月-日）", "*身份证号码", "手机号码", "镇（街道）", "老人姓名"},
        {"随便", "2024/1/5", id, "13800138000", "江口镇", "王秀英"},
    });
    const auto r = validate_import<SubscriberRow>(rows, kToday);
    INFO(joined(messages(r.errors)));
    REQUIRE(r.ok());
    CHECK(r.header_row == 3);
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].row == 4);
    CHECK(r.rows[0].name == "王秀英");
    CHECK(r.rows[0].id_number == id);
    CHECK(r.rows[0].town == "江口镇");
    CHECK(r.rows[0].opened == Date{2024, 1, 5});
    CHECK_FALSE(r.rows[0].removed);
}

TEST_CASE("A missing required column is named", "[import]") {
    auto rows = sheet({{"姓名", "身份证号", "服务号码", "开通日期"}, {"王秀英", id_of("19400101"), "13800138000", "2024-01-05"}});
    const auto r = validate_import<SubscriberRow>(rows, kToday);
    CHECK_FALSE(r.ok());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].row == 0);
    CHECK(r.errors[0].column == "镇街");
    CHECK(text_zh(r.errors[0]).rfind("表头 镇街：缺少必填列", 0) == 0);
    CHECK(r.rows.empty());
    CHECK(r.rows_read == 1);

    const auto none = validate_import<CremationRow>(sheet({{"a", "b"}, {"1", "2"}}), kToday);
    REQUIRE(none.errors.size() == 1);
    CHECK(none.errors[0].message_zh.find("找不到表头") != std::string::npos);

    const auto twice = validate_import<CremationRow>(sheet({{"姓名", "身份证号", "身份证号码", "死亡日期"}}), kToday);
    REQUIRE(twice.errors.size() == 1);
    CHECK(twice.errors[0].message_zh.find("只能出现一次") != std::string::npos);
}

TEST_CASE("Subscriber rows: each bad cell named by row and column", "[import]") {
    const std::string a = id_of("19400101"), b = id_of("19410202"), c = id_of("19420303");
    std::string bad = a;
    bad[17] = bad[17] == '3' ? '4' : '3';
    auto rows = sheet({
        {"姓名", "身份证号", "服务号码", "镇街", "开通日期", "拆机日期", "拆机原因"},
        {"王秀英", a, "13800138000", "江口镇", "2024-01-05", "", ""},
        {"李桂兰", bad, "13800138001", "江口镇", "2024-01-05", "", ""},
        {"张德明", b, "13800138002", "江口镇", "2024-02-30", "", ""},
        {"陈玉珍", c, "13800138003", "江口镇", "2024-01-05", "2024-01-03", "死亡"},
        {"王秀英", a, "13800138000", "江口镇", "2024-01-05", "", ""},
        {"林阿妹", "3.50303E+17", "13800138004", "江口镇", "2024-01-05", "", ""},
        {"", "", "", "", "", "", ""},
        {"黄金水", id_of("19430404"), "13800138005", "江口镇", "2024-01-05", "", "迁出"},
    });
    const auto r = validate_import<SubscriberRow>(rows, kToday);
    const auto m = messages(r.errors);
    INFO(joined(m));
    REQUIRE(m.size() == 6);
    CHECK(m[0] == std::string("第3行 身份证号：校验位错误，应为 ") + a[17] + "，实际为 " + bad[17]);
    CHECK(m[1] == "第4行 开通日期：“2024-02-30”不是真实日期（2024年2月只有29天）");
    CHECK(m[2] == "第5行 拆机日期：拆机日期 2024-01-03 早于开通日期 2024-01-05");
    CHECK(m[3] == "第6行 身份证号：与第2行重复：同一文件中身份证号只能出现一次");
    CHECK(m[4].rfind("第7行 身份证号：“3.50303E+17”是 Excel 的科学计数法", 0) == 0);
    CHECK(m[5] == "第9行 拆机原因：填了拆机原因，但没有拆机日期");
    CHECK(r.rows_read == 7);   // the blank row is not counted
    CHECK(r.valid_rows == 1);
    CHECK(r.error_count == 6);
}

TEST_CASE("Service records: times, record numbers", "[import]") {
    const std::string a = id_of("19400101");
    auto rows = sheet({
        {"记录编号", "身份证号", "姓名", "服务日期", "开始时间", "结束时间", "服务项目", "服务人员", "佐证"},
        {"R001", a, "王秀英", "45296", "0.375", "10:00", "助洁", "郑丽", "p1.jpg"},
        {"R002", a, "王秀英", "2024/1/5", "10:00", "09:30", "助洁", "郑丽", ""},
        {"R001", a, "王秀英", "2024/1/6", "10:00", "11:00", "助餐", "郑丽", ""},
    });
    const auto r = validate_import<ServiceRecordRow>(rows, kToday);
    const auto m = messages(r.errors);
    INFO(joined(m));
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].day == Date{2024, 1, 5});
    CHECK(r.rows[0].start == 9 * 3600);
    CHECK(r.rows[0].end == 10 * 3600);
    REQUIRE(m.size() == 2);
    CHECK(m[0] == "第3行 结束时间：结束时间 09:30 不晚于开始时间 10:00");
    CHECK(m[1] == "第4行 记录编号：与第2行重复：同一文件中记录编号只能出现一次");
}

TEST_CASE("Cremation list: death not in the future, cremation not before death", "[import]") {
    auto rows = sheet({
        {"姓名", "身份证号", "死亡日期", "火化日期"},
        {"王秀英", id_of("19400101"), "2023-11-03", "2023-11-05"},
        {"李桂兰", id_of("19410101"), "2023-11-03", "2023-11-01"},
        {"张德明", id_of("19420101"), "2027-01-01", ""},
    });
    const auto r = validate_import<CremationRow>(rows, kToday);
    const auto m = messages(r.errors);
    INFO(joined(m));
    REQUIRE(m.size() == 2);
    CHECK(m[0] == "第3行 火化日期：火化日期 2023-11-01 早于死亡日期 2023-11-03");
    CHECK(m[1] == "第4行 死亡日期：死亡日期 2027-01-01 晚于今天（2026年12月4日）");
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].cremated == Date{2023, 11, 5});
}

TEST_CASE("Phone checks: ID number or service number, the outcome words", "[import]") {
    auto rows = sheet({
        {"服务号码", "核查日期", "核查结果", "是否符合条件"},
        {"13800138000", "2024-04-02", "接通", "是"},
        {"13800138001", "2024-04-02", "空号", ""},
        {"13800138002", "2024-04-02", "拒访", ""},
        {"", "2024-04-02", "关机", ""},
        {"13800138000", "2024-04-02", "占线", ""},
    });
    const auto r = validate_import<PhoneCheckRow>(rows, kToday);
    const auto m = messages(r.errors);
    INFO(joined(m));
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0].outcome == CallOutcome::Answered);
    CHECK(r.rows[0].eligible == true);
    CHECK(r.rows[1].outcome == CallOutcome::EmptyNumber);
    REQUIRE(m.size() == 3);
    CHECK(m[0].rfind("第4行 核查结果：核查结果不能是“拒访”", 0) == 0);
    CHECK(m[1] == "第5行 服务号码：身份证号和服务号码至少填一个");
    CHECK(m[2] == "第6行 服务号码：与第2行重复：同一文件中同一服务对象同一天的记录只能出现一次");

    const auto no_subject = validate_import<PhoneCheckRow>(sheet({{"核查日期", "核查结果"}}), kToday);
    REQUIRE(no_subject.errors.size() == 1);
    CHECK(no_subject.errors[0].message_zh.find("至少要有一列") != std::string::npos);
}

TEST_CASE("Callbacks: answers only when answered, suspension reason only when suspended", "[import]") {
    const std::string a = id_of("19400101"), b = id_of("19410101"), c = id_of("19420101");
    auto rows = sheet({
        {"身份证号", "回访日期", "回访结果", "总体满意度", "手机套餐", "知晓SOS与定位功能", "停机原因"},
        {a, "2024-03-01", "接通", "非常满意", "不清楚", "否", ""},
        {b, "2024-03-01", "停机", "", "", "", "欠费停机"},
        {c, "2024-03-01", "关机", "满意", "", "", ""},
        {id_of("19430101"), "2024-03-01", "接通", "很好", "", "", ""},
    });
    const auto r = validate_import<CallbackRow>(rows, kToday);
    const auto m = messages(r.errors);
    INFO(joined(m));
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0].overall == Satisfaction::VerySatisfied);
    CHECK(r.rows[0].package == PackageAnswer::DontKnow);
    CHECK(r.rows[0].knows_sos == false);
    CHECK(r.rows[1].suspension_reason == "欠费");
    REQUIRE(m.size() == 2);
    CHECK(m[0] == "第4行 总体满意度：回访结果为“关机”，不应填写答案");
    CHECK(m[1] == "第5行 总体满意度：“很好”无法识别：只能是非常满意、满意、一般、不满意、非常不满意");
}

TEST_CASE("Streaming: a sink takes the rows, errors beyond the limit are counted not kept", "[import]") {
    std::vector<SubscriberRow> taken;
    ImportLimits limits;
    limits.max_errors = 3;
    ImportStream<SubscriberRow> s(kToday, limits, [&](SubscriberRow&& r) { taken.push_back(std::move(r)); });
    s.add({1, {"姓名", "身份证号", "服务号码", "镇街", "开通日期"}});
    for (int i = 0; i < 10; ++i) s.add({2 + i, {"王秀英", id_of("19400101", std::to_string(100 + i)), "13800138000", "江口镇", "2024-01-05"}});
    for (int i = 0; i < 5; ++i) s.add({12 + i, {"王秀英", "123", "13800138000", "江口镇", "2024-01-05"}});
    const auto r = s.finish();
    CHECK(taken.size() == 10);
    CHECK(r.rows.empty());
    CHECK(r.valid_rows == 10);
    CHECK(r.rows_read == 15);
    CHECK(r.error_count == 5);
    CHECK(r.errors.size() == 3);
}

TEST_CASE("Every header and synonym is in docs/IMPORT-FORMATS.md", "[import]") {
    std::ifstream in(std::string(YIYANG_SOURCE_DIR) + "/docs/IMPORT-FORMATS.md");
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    const std::string doc = text.str();
    for (auto l : {ImportList::Subscribers, ImportList::ServiceRecords, ImportList::Cremations, ImportList::PhoneChecks,
                   ImportList::Callbacks}) {
        CHECK(import_list_from_code(code(l)) == l);
        CHECK(doc.find(label_zh(l)) != std::string::npos);
        for (const auto& c : import_columns(l)) {
            INFO(code(l) << " " << c.header_zh);
            CHECK(doc.find(c.header_zh) != std::string::npos);
            for (const auto& s : c.synonyms) {
                INFO(s);
                CHECK(doc.find(s) != std::string::npos);
            }
        }
    }
}

}  // namespace test_import
