// Tests for call-detail record import and call-to-order linking (yiyang/cdr.hpp): both formats, CSV quoting,
// encodings (GBK refused with its message), row/column errors, all-or-nothing, and deterministic linking.
#include <catch2/catch.hpp>

#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "yiyang/cdr.hpp"
#include "yiyang/csv.hpp"

namespace test_cdr {

using namespace yiyang;

namespace {

const std::string kHeader = "direction,caller,callee,start,answer,end,agent,disposition\n";

LocalSeconds ts(const char* text) { return *parse_timestamp(text); }

bool has_error(const CdrImport& r, int row, const std::string& column, const std::string& fragment) {
    for (const auto& e : r.errors)
        if (e.row == row && e.column == column && e.message_zh.find(fragment) != std::string::npos) return true;
    return false;
}

// Realistic cdr_csv lines (Asterisk 18, loguniqueid and loguserfield on): an inbound hotline call answered
// by agent01 from a queue, an inbound call nobody answered, and an outbound callback by agent02.
const std::string kAsterisk =
    "\"\",\"13800138000\",\"88885252\",\"from-trunk\",\"\"\"张阿姨\"\" <13800138000>\",\"SIP/trunk-00000019\","
    "\"SIP/agent01-0000001a\",\"Queue\",\"hotline,t,,,300\",\"2026-11-23 09:15:02\",\"2026-11-23 09:15:10\","
    "\"2026-11-23 09:18:40\",218,210,\"ANSWERED\",\"DOCUMENTATION\",\"1763860502.25\",\"\"\r\n"
    "\"\",\"075588001234\",\"88885252\",\"from-trunk\",\"\"\"\"\" <075588001234>\",\"SIP/trunk-0000001b\","
    "\"\",\"Queue\",\"hotline,t,,,300\",\"2026-11-23 09:20:00\",,\"2026-11-23 09:20:45\",45,0,"
    "\"NO ANSWER\",\"DOCUMENTATION\",\"1763860800.27\",\"\"\r\n"
    "\"\",\"8002\",\"13900139000\",\"from-internal\",\"\"\"agent02\"\" <8002>\",\"SIP/agent02-0000001c\","
    "\"SIP/trunk-0000001d\",\"Dial\",\"SIP/trunk/13900139000,60\",\"2026-11-23 10:00:00\","
    "\"2026-11-23 10:00:12\",\"2026-11-23 10:03:00\",180,168,\"ANSWERED\",\"DOCUMENTATION\",\"1763863200.29\","
    "\"\"\r\n";

}  // namespace

TEST_CASE("a valid yiyang CSV is imported with counts", "[cdr]") {
    const std::string file = kHeader +
                             "in,13800138000,88885252,2026-11-23 09:15:02,2026-11-23 09:15:10,2026-11-23 09:18:40,"
                             "agent01,answered\n"
                             "呼入,075588001234,88885252,2026-11-23T09:20:00,,2026-11-23T09:20:45,,未接\n"
                             "out,8002,13900139000,2026-11-23 10:00:00,2026-11-23 10:00:12,2026-11-23 10:03:00,"
                             "agent02,接通\n";
    const CdrImport r = parse_cdr(file);
    INFO(nlohmann::json(r).dump());
    REQUIRE(r.ok);
    CHECK(r.format == "yiyang_csv");
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[0].row == 2);
    CHECK(r.records[0].direction == CallDirection::Inbound);
    CHECK(r.records[0].answer == ts("2026-11-23T09:15:10"));
    CHECK(r.records[1].disposition == CallDisposition::NoAnswer);
    CHECK_FALSE(r.records[1].answer.has_value());
    CHECK(r.records[2].direction == CallDirection::Outbound);
    CHECK(r.summary.rows == 3);
    CHECK(r.summary.inbound == 2);
    CHECK(r.summary.outbound == 1);
    CHECK(r.summary.answered == 2);
    const auto j = nlohmann::json(r);
    CHECK(j["records"][0]["start"] == "2026-11-23T09:15:02");
    CHECK(j["records"][1]["answer"].is_null());
    CHECK(j["summary"]["answered"] == 2);
}

TEST_CASE("Chinese headers, columns in any order, extra columns ignored", "[cdr]") {
    const std::string file =
        "结果,方向,主叫号码,被叫号码,开始时间,接听时间,结束时间,坐席,备注,话单编号\r\n"
        "忙,呼出,8001,13900139000,2026-11-23 11:00:00,,2026-11-23 11:00:05,agent01,无,c-1\r\n";
    const CdrImport r = parse_cdr(file);
    REQUIRE(r.ok);
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].disposition == CallDisposition::Busy);
    CHECK(r.records[0].call_id == "c-1");
    CHECK(r.records[0].agent == "agent01");
}

TEST_CASE("Asterisk Master.csv lines are read as is", "[cdr]") {
    const CdrImport r = parse_cdr(kAsterisk);
    INFO(nlohmann::json(r).dump());
    REQUIRE(r.ok);
    CHECK(r.format == "asterisk");
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[0].direction == CallDirection::Inbound);
    CHECK(r.records[0].agent == "agent01");
    CHECK(r.records[0].call_id == "1763860502.25");
    CHECK(r.records[0].caller == "13800138000");
    CHECK(r.records[1].disposition == CallDisposition::NoAnswer);
    CHECK(r.records[1].agent.empty());
    CHECK(r.records[2].direction == CallDirection::Outbound);
    CHECK(r.records[2].agent == "agent02");
    CHECK(r.summary.inbound == 2);
    CHECK(r.summary.answered == 2);
}

TEST_CASE("Asterisk direction from a configured context, newer builds' extra columns", "[cdr]") {
    const std::string line =
        "\"\",\"13800138000\",\"6000\",\"ivr-main\",\"\",\"PJSIP/trunk-01\",\"PJSIP/8001-00000012\",\"Dial\",\"\","
        "\"2026-11-23 12:00:00\",\"2026-11-23 12:00:03\",\"2026-11-23 12:01:00\",60,57,\"ANSWERED\","
        "\"DOCUMENTATION\",\"1763870400.1\",\"\",\"\",\"1763870400.1\",\"3\"\n";
    CHECK(parse_cdr(line).records.at(0).direction == CallDirection::Outbound);
    CdrOptions options;
    options.inbound_contexts = {"ivr-main"};
    const CdrImport r = parse_cdr(line, options);
    REQUIRE(r.ok);
    CHECK(r.records[0].direction == CallDirection::Inbound);
    CHECK(r.records[0].agent == "8001");
    CHECK(agent_from_channel("Local/8003@from-queue-00000001;1") == "8003");
    CHECK(agent_from_channel("") == "");
}

TEST_CASE("wrong columns are reported with their names and rows", "[cdr]") {
    SECTION("missing header columns are named") {
        const CdrImport r = parse_cdr("direction,caller,start,end,disposition\nin,13800138000,x,y,answered\n");
        CHECK_FALSE(r.ok);
        CHECK(r.records.empty());
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].row == 1);
        CHECK(r.errors[0].message_zh.find("被叫号码（callee）") != std::string::npos);
        CHECK(r.errors[0].message_zh.find("接听时间（answer）") != std::string::npos);
        CHECK(r.errors[0].message_zh.find("坐席（agent）") != std::string::npos);
    }
    SECTION("a row with the wrong number of fields") {
        const CdrImport r = parse_cdr(kHeader + "in,13800138000,88885252,2026-11-23 09:00:00\n");
        CHECK_FALSE(r.ok);
        CHECK(has_error(r, 2, "", "列数为 4，表头为 8 列"));
    }
    SECTION("an Asterisk line cut short") {
        const CdrImport r = parse_cdr(kAsterisk + "\"\",\"13800138000\",\"88885252\"\n");
        CHECK_FALSE(r.ok);
        CHECK(r.format == "asterisk");
        CHECK(has_error(r, 4, "", "列数为 3"));
        CHECK(r.records.empty());
    }
    SECTION("neither format") {
        const CdrImport r = parse_cdr("a,b,c\n1,2,3\n");
        CHECK_FALSE(r.ok);
        CHECK(r.format.empty());
        CHECK(has_error(r, 1, "", "无法识别的格式"));
    }
}

TEST_CASE("broken dates, times out of order, bad values: row and column in Chinese", "[cdr]") {
    const std::string file = kHeader +
                             "in,13800138000,88885252,2026-11-23 09:00:00,2026-11-23 09:00:05,2026-11-23 09:05:00,a,answered\n"
                             "in,13800138001,88885252,2026-13-01 10:00:00,,2026-11-23 10:05:00,,no_answer\n"
                             "in,13800138002,88885252,2026-11-23 10:00:00,,2026-11-23 09:05:00,,busy\n"
                             "in,13800138003,88885252,2026-11-23 10:00:00,2026-11-23 11:00:00,2026-11-23 10:05:00,a,answered\n"
                             "sideways,12,88885252,2026-11-23 10:00:00,,2026-11-23 10:05:00,,hung_up\n"
                             "in,138-0013-8005,88885252,2026-11-23 10:00:00,,2026-11-23 10:05:00,,answered\n";
    const CdrImport r = parse_cdr(file);
    INFO(nlohmann::json(r).dump(1));
    CHECK_FALSE(r.ok);
    CHECK(r.records.empty());   // all-or-nothing: row 2 was fine but nothing is imported
    CHECK(has_error(r, 3, "开始时间", "第 3 行，开始时间：不是有效的时间 2026-13-01 10:00:00"));
    CHECK(has_error(r, 4, "结束时间", "早于开始时间"));
    CHECK(has_error(r, 5, "接听时间", "不在开始与结束时间之间"));
    CHECK(has_error(r, 6, "方向", "未知的方向 \"sideways\""));
    CHECK(has_error(r, 6, "结果", "未知的结果 \"hung_up\""));
    CHECK(has_error(r, 6, "主叫号码", "不是有效的号码 12"));
    CHECK(has_error(r, 7, "主叫号码", "不是有效的号码 138-0013-8005"));
    CHECK(has_error(r, 7, "接听时间", "接通的通话缺少接听时间"));
    for (std::size_t k = 1; k < r.errors.size(); ++k) CHECK(r.errors[k - 1].row <= r.errors[k].row);
    CHECK(r.summary.rows == 6);
}

TEST_CASE("Asterisk broken date and unknown disposition", "[cdr]") {
    std::string bad = kAsterisk;
    bad.replace(bad.find("2026-11-23 10:00:00"), 19, "2026-11-31 10:00:00");
    bad.replace(bad.find("\"NO ANSWER\""), 11, "\"MAYBE\"");
    const CdrImport r = parse_cdr(bad);
    CHECK_FALSE(r.ok);
    CHECK(r.records.empty());
    CHECK(has_error(r, 3, "start", "第 3 行，start：不是有效的时间 2026-11-31 10:00:00"));
    CHECK(has_error(r, 2, "disposition", "未知的结果 \"MAYBE\""));
}

TEST_CASE("GBK bytes are refused with a clear message, nothing imported", "[cdr]") {
    // "中山" in GBK is D6 D0 C9 BD; in UTF-8 it would be six bytes.
    const std::string file = kHeader +
                             "in,13800138000,88885252,2026-11-23 09:00:00,2026-11-23 09:00:05,2026-11-23 09:05:00,"
                             "\xD6\xD0\xC9\xBD,answered\n";
    const CdrImport r = parse_cdr(file);
    CHECK_FALSE(r.ok);
    CHECK(r.records.empty());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message_zh.find("文件不是 UTF-8 编码（疑似 GBK），请另存为 UTF-8 后重新导入") == 0);
    CHECK(r.errors[0].message_zh.find("第 2 行") != std::string::npos);

    const CdrImport other = parse_cdr(kHeader + "in,\xFF\xFF\n");
    REQUIRE(other.errors.size() == 1);
    CHECK(other.errors[0].message_zh.find("疑似 GBK") == std::string::npos);
    CHECK(other.errors[0].message_zh.find("不是 UTF-8") != std::string::npos);
    CHECK(parse_cdr(std::string("\xFF\xFEx\0", 4)).errors.at(0).message_zh.find("UTF-16") != std::string::npos);
    // Overlong and surrogate forms are not UTF-8 either.
    CHECK_FALSE(parse_cdr(kHeader + "\xC0\xAF\n").ok);
    CHECK_FALSE(parse_cdr(kHeader + "\xED\xA0\x80\n").ok);
}

TEST_CASE("a UTF-8 BOM is skipped and CRLF accepted", "[cdr]") {
    std::string file = "\xEF\xBB\xBF" + kHeader +
                       "in,13800138000,88885252,2026-11-23 09:00:00,,2026-11-23 09:00:30,,abandoned\r\n\r\n";
    const CdrImport r = parse_cdr(file);
    INFO(nlohmann::json(r).dump());
    REQUIRE(r.ok);
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].disposition == CallDisposition::Abandoned);
    CHECK(r.summary.rows == 1);
}

TEST_CASE("RFC 4180 quoting: commas, doubled quotes, line breaks inside quotes", "[cdr]") {
    const std::string file = kHeader +
                             "\"in\",\"13800138000\",88885252,2026-11-23 09:00:00,,2026-11-23 09:00:30,"
                             "\"王,\"\"小\"\"\n明\",no_answer\n"
                             "in,13800138001,88885252,2026-11-23 09:00:00,,2026-11-23 09:00:30,x,no_answer\n";
    const CdrImport r = parse_cdr(file);
    INFO(nlohmann::json(r).dump());
    REQUIRE(r.ok);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0].agent == "王,\"小\"\n明");
    CHECK(r.records[1].row == 3);

    CHECK(has_error(parse_cdr(kHeader + "in,\"1380013"), 2, "", "引号未闭合"));
    CHECK(has_error(parse_cdr(kHeader + "in,\"138\"x,\n"), 2, "", "结束引号后只能是逗号或换行"));
    CHECK(has_error(parse_cdr(kHeader + "in,13\"8,\n"), 2, "", "未加引号的字段中出现引号"));
}

TEST_CASE("duplicates by call id and by caller + start", "[cdr]") {
    const std::string file =
        "direction,caller,callee,start,answer,end,agent,disposition,call_id\n"
        "in,13800138000,88885252,2026-11-23 09:00:00,,2026-11-23 09:00:30,,no_answer,A1\n"
        "in,13800138001,88885252,2026-11-23 09:10:00,,2026-11-23 09:10:30,,no_answer,A1\n"
        "in,13800138000,88885252,2026-11-23 09:00:00,,2026-11-23 09:00:40,,no_answer,A3\n";
    const CdrImport r = parse_cdr(file);
    CHECK_FALSE(r.ok);
    CHECK(r.records.empty());
    CHECK(has_error(r, 3, "", "与第 2 行重复（相同话单编号 A1）"));
    CHECK(has_error(r, 4, "", "与第 2 行重复（相同主叫号码 13800138000"));

    std::string twice = kAsterisk + kAsterisk.substr(0, kAsterisk.find("\r\n") + 2);
    CHECK(has_error(parse_cdr(twice), 4, "", "与第 1 行重复（相同话单编号 1763860502.25）"));
}

TEST_CASE("errors are capped with a count of the rest", "[cdr]") {
    std::string file = kHeader;
    for (int k = 0; k < 30; ++k) file += "in,1,2,x,,y,,z\n";
    CdrOptions options;
    options.max_errors = 10;
    const CdrImport r = parse_cdr(file, options);
    CHECK(r.errors.size() == 10);
    CHECK(r.errors_omitted > 0);
    CHECK_FALSE(r.ok);
    CHECK(nlohmann::json(r)["errors_omitted"] == r.errors_omitted);
    CHECK_FALSE(parse_cdr("").ok);
}

TEST_CASE("calls link to orders by phone and time window, deterministically", "[cdr]") {
    std::vector<CallRecord> calls(4);
    calls[0].caller = "13800138000";   // inbound 09:00
    calls[0].start = ts("2026-11-23T09:00:00");
    calls[1].caller = "8613800138000";  // same elder again at 09:05, +86 prefix
    calls[1].start = ts("2026-11-23T09:05:00");
    calls[2].caller = "13900139000";   // outbound: never linked
    calls[2].direction = CallDirection::Outbound;
    calls[2].start = ts("2026-11-23T09:00:00");
    calls[3].caller = "075588001234";  // no order in the window
    calls[3].start = ts("2026-11-23T09:00:00");
    const std::vector<OrderPhone> orders{
        {12, "13800138000", ts("2026-11-23T09:20:00")},
        {11, "13800138000", ts("2026-11-23T09:10:00")},
        {10, "13800138000", ts("2026-11-23T09:10:00")},   // tie with 11: lower id first
        {13, "13900139000", ts("2026-11-23T09:01:00")},
        {14, "075588001234", ts("2026-11-23T09:31:00")},  // 31 minutes: outside a 30-minute window
        {15, "13800138000", ts("2026-11-23T08:59:59")},   // before the call
    };
    const auto links = link_calls_to_orders(calls, orders, 30);
    REQUIRE(links.size() == 2);
    CHECK(links[0].call_index == 0);
    CHECK(links[0].order_id == 10);
    CHECK(links[1].call_index == 1);
    CHECK(links[1].order_id == 11);
    CHECK(link_calls_to_orders(calls, orders, 31).size() == 3);
    CHECK(nlohmann::json(links)[1]["order_id"] == 11);
    CHECK(link_calls_to_orders({}, orders).empty());
}

TEST_CASE("csv: encodings are classified as Excel and WPS save them", "[csv]") {
    using yiyang::TextEncoding;
    CHECK(yiyang::detect_encoding("a,b\n") == TextEncoding::Utf8);
    CHECK(yiyang::detect_encoding("\xEF\xBB\xBF姓名,电话\n") == TextEncoding::Utf8Bom);
    CHECK(yiyang::detect_encoding(std::string("\xFF\xFE" "a\0", 4)) == TextEncoding::Utf16);
    CHECK(yiyang::detect_encoding("\xD5\xC5\xC8\xFD,1\n") == TextEncoding::Gb18030);          // 张三 in GBK
    CHECK(yiyang::detect_encoding("\x81\x30\x81\x30\n") == TextEncoding::Gb18030);            // a 4-byte GB18030 form
    CHECK(yiyang::detect_encoding("\xFF\x01\n") == TextEncoding::Unknown);
    CHECK(yiyang::check_utf8_text("a,b\n") == std::nullopt);
    auto gbk = yiyang::check_utf8_text("a\n\xD5\xC5\xC8\xFD\n");
    REQUIRE(gbk);
    CHECK(gbk->message_zh.find("疑似 GBK") != std::string::npos);
    CHECK(gbk->message_zh.find("第 2 行") != std::string::npos);
}

TEST_CASE("csv: RFC 4180 rows as Excel numbers them", "[csv]") {
    auto t = yiyang::read_csv("\xEF\xBB\xBF" "姓名,备注\r\n王玥琇,\"住址：\n南山路 1 号, 3 楼\"\r\n\r\n郑嫦莲,\"他说\"\"好\"\"\"\n");
    REQUIRE_FALSE(t.error);
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0].fields == std::vector<std::string>{"姓名", "备注"});
    CHECK(t.rows[1].row == 2);
    CHECK(t.rows[1].fields[1] == "住址：\n南山路 1 号, 3 楼");
    CHECK(t.rows[2].row == 4);   // the blank row 3 is skipped, the numbering is not
    CHECK(t.rows[2].fields[1] == "他说\"好\"");
    auto bad = yiyang::read_csv("a,b\nc,\"open\n");
    REQUIRE(bad.error);
    CHECK(bad.error->row == 2);
    CHECK(bad.error->message_zh.find("引号未闭合") != std::string::npos);
}

}  // namespace test_cdr
