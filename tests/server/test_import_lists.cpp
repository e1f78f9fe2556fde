// POST /api/v1/imports/{list} for the four lists besides the subscriber ledger (issue 10): each through the real
// endpoint as CSV UTF-8, GBK and XLSX (a downloaded template, filled), dry run vs commit, the same file twice = no
// change, bad files refused with row and column and nothing written, the kept imports (list, byte-identical
// download with the same SHA-256, RFC 5987 name), the templates, and who may do it.
#include <catch2/catch.hpp>

#include <iconv.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "app/import_files.hpp"
#include "app/import_templates.hpp"
#include "app/photos.hpp"
#include "harness.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/import.hpp"

namespace test_import_lists {

using namespace yiyang::test;
using yiyang::ImportList;

namespace {

std::string id_of(const std::string& birth, const std::string& seq) {
    const std::string first17 = "350303" + birth + seq;
    return first17 + yiyang::resident_id_check_char(first17);
}

std::string gbk(const std::string& utf8) {
    iconv_t cd = iconv_open("GBK", "UTF-8");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size() * 2 + 8, '\0');
    char* src = const_cast<char*>(utf8.data());
    std::size_t src_left = utf8.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    REQUIRE(iconv(cd, &src, &src_left, &dst, &dst_left) != static_cast<std::size_t>(-1));
    iconv_close(cd);
    out.resize(out.size() - dst_left);
    return out;
}

using Rows = std::vector<std::vector<std::string>>;

// A CSV with the template's headers in template order.
std::string csv(ImportList l, const Rows& rows) {
    std::string s;
    for (const auto& c : yiyang::import_columns(l)) s += (s.empty() ? "" : ",") + c.header_zh;
    s += "\n";
    for (const auto& r : rows) {
        std::string line;
        for (std::size_t i = 0; i < r.size(); ++i) line += (i ? "," : "") + r[i];
        s += line + "\n";
    }
    return s;
}

// Service records name the provider whose records they are (provider 1 here; test_verification_physical_api
// checks the parameter itself).
Reply upload(ApiClient& c, const std::string& list, const std::string& body, const std::string& query,
             const std::string& type = "text/csv") {
    const std::string q = list == "service_records" ? query + (query.empty() ? "" : "&") + "provider_id=1" : query;
    return c.send("POST", "/api/v1/imports/" + list + "?" + q, body, {{"X-Yiyang-Request", "1"}, {"Content-Type", type}});
}

std::int64_t kept(ApiClient& c, const std::string& list) {
    const auto r = c.get("/api/v1/imports?list=" + list);
    REQUIRE(r.status == 200);
    return r.body["total"].get<std::int64_t>();
}

// Three valid rows of each list; `seq` keeps the test cases' keys apart. Row 2 differs with `changed`.
Rows rows_of(ImportList l, const std::string& seq, bool changed = false) {
    const std::string a = id_of("19400101", seq), b = id_of("19410101", seq), c = id_of("19420101", seq);
    switch (l) {
        case ImportList::ServiceRecords:
            return {{"R" + seq + "-1", a, "王秀英", "2024-01-05", "08:30", "09:30", "助餐", "陈丽", "p1.jpg"},
                    {"R" + seq + "-2", b, "李桂兰", "2024/1/6", "9:00", changed ? "11:00" : "10:00", "助洁", "陈丽", ""},
                    {"R" + seq + "-3", c, "张德明", "2024年1月7日", "14:00", "15:00", "助浴", "黄强", "p3.jpg"}};
        case ImportList::Cremations:
            return {{"王秀英", a, "2024-01-05", "2024-01-08"},
                    {"李桂兰", b, "2024-02-01", changed ? "2024-02-04" : "2024-02-03"},
                    {"张德明", c, "2024-03-01", ""}};
        case ImportList::PhoneChecks:
            return {{a, "", "2024-01-10", "接通", "是", ""},
                    {b, "13900000002", "2024-01-10", changed ? "关机" : "无人接听", "", ""},
                    {"", "139" + std::string(8 - seq.size(), '0') + seq, "2024-01-11", "空号", "", "号码无效"}};
        case ImportList::Callbacks:
            return {{a, "", "2024-02-10", "接通", "满意", "非常满意", "满意", "是", ""},
                    {b, "", "2024-02-10", "停机", "", "", "", "", changed ? "沉默" : "欠费"},
                    {c, "13900000003", "2024-02-11", "接通", "一般", "", "不清楚", "否", ""}};
        case ImportList::Subscribers: break;
    }
    return {};
}

const std::vector<ImportList> kLists = {ImportList::ServiceRecords, ImportList::Cremations, ImportList::PhoneChecks,
                                        ImportList::Callbacks};

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("each list: dry run, commit, the same file twice, GBK and XLSX of the same rows, a changed row",
          "[imports]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    for (const auto l : kLists) {
        const std::string list = yiyang::code(l);
        INFO(list);
        const std::string file = csv(l, rows_of(l, "301"));
        const auto before = kept(sup, list);

        auto dry = upload(sup, list, file, "name=%E5%90%8D%E5%8D%95.csv");
        REQUIRE(dry.status == 200);
        INFO(dry.body.dump());
        CHECK(dry.body["dry_run"] == true);
        CHECK(dry.body["list"] == list);
        CHECK(dry.body["file_name"] == "名单.csv");
        CHECK(dry.body["rows"] == 3);
        CHECK(dry.body["added"] == 3);
        CHECK(dry.body["error_count"] == 0);
        CHECK(kept(sup, list) == before);   // a dry run keeps nothing

        auto done = upload(sup, list, file, "dry_run=0&name=%E5%90%8D%E5%8D%95.csv");
        REQUIRE(done.status == 201);
        CHECK(done.body["added"] == 3);
        CHECK(done.body["import_id"].get<std::int64_t>() > 0);

        auto again_dry = upload(sup, list, file, "");
        CHECK(again_dry.body["unchanged"] == 3);
        CHECK(again_dry.body["added"] == 0);
        auto again = upload(sup, list, file, "dry_run=0&name=a.csv");
        REQUIRE(again.status == 201);
        CHECK(again.body["added"] == 0);
        CHECK(again.body["changed"] == 0);
        CHECK(again.body["unchanged"] == 3);
        CHECK(kept(sup, list) == before + 2);   // each commit is kept

        // The same rows as GBK CSV and as a filled template: nothing new.
        auto as_gbk = upload(sup, list, gbk(file), "");
        REQUIRE(as_gbk.status == 200);
        CHECK(as_gbk.body["encoding"] != "utf8");
        CHECK(as_gbk.body["unchanged"] == 3);
        const auto xlsx = yiyang::app::import_template_xlsx(l, rows_of(l, "301"));
        auto as_xlsx = upload(sup, list, xlsx, "dry_run=0", "application/octet-stream");
        REQUIRE(as_xlsx.status == 201);
        CHECK(as_xlsx.body["file_kind"] == "xlsx");
        CHECK(as_xlsx.body["unchanged"] == 3);

        auto changed = upload(sup, list, csv(l, rows_of(l, "301", true)), "dry_run=0");
        REQUIRE(changed.status == 201);
        CHECK(changed.body["changed"] == 1);
        CHECK(changed.body["unchanged"] == 2);
    }
}

TEST_CASE("bad files are refused whole, each error by row and column, nothing written", "[imports]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const std::string list = "service_records";
    const auto before = kept(sup, list);
    const std::string a = id_of("19400101", "302"), b = id_of("19410101", "302");
    const std::string head = "记录编号,身份证号,姓名,服务日期,开始时间,结束时间,服务项目,服务人员\n";
    const std::string good = "S302-1," + a + ",王秀英,2024-01-05,08:30,09:30,助餐,陈丽\n";

    // The same record number twice, 2024-02-30, a lost X, scientific notation, end before start.
    const std::string bad = head + good + "S302-1," + b + ",李桂兰,2024-01-05,08:30,09:30,助餐,陈丽\n" +
                            "S302-3," + b + ",李桂兰,2024-02-30,08:30,09:30,助餐,陈丽\n" +
                            "S302-4,3.50303E+17,张德明,2024-01-05,08:30,09:30,助餐,陈丽\n" +
                            "S302-5," + b + ",李桂兰,2024-01-06,10:00,09:00,助餐,陈丽\n";
    auto r = upload(sup, list, bad, "dry_run=0");
    REQUIRE(r.status == 422);
    INFO(r.body.dump());
    CHECK(r.body["error"]["code"] == "invalid_import");
    const auto& p = r.body["error"]["preview"];
    CHECK(p["error_count"] == 4);
    REQUIRE(p["errors"].size() == 4);
    CHECK(p["errors"][0]["text"] == "第3行 记录编号：与第2行重复：同一文件中记录编号只能出现一次");
    CHECK(p["errors"][1]["text"] == "第4行 服务日期：“2024-02-30”不是真实日期（2024年2月只有29天）");
    CHECK(p["errors"][2]["row"] == 5);
    CHECK(p["errors"][2]["column"] == "身份证号");
    CHECK(p["errors"][2]["message"].get<std::string>().find("科学计数法") != std::string::npos);
    CHECK(p["errors"][3]["text"].get<std::string>().rfind("第6行 结束时间：", 0) == 0);
    CHECK(kept(sup, list) == before);
    CHECK(upload(sup, list, head + good, "").body["added"] == 1);   // the good row was not written either

    // A missing column is named; the commit is refused.
    auto missing = upload(sup, list, "记录编号,身份证号,姓名,服务日期,开始时间,结束时间,服务项目\n", "dry_run=0");
    REQUIRE(missing.status == 422);
    CHECK(missing.body["error"]["preview"]["errors"][0]["text"].get<std::string>().rfind("表头 服务人员：缺少必填列", 0) == 0);

    // Not GBK (nor UTF-8): refused with where.
    auto not_gbk = upload(sup, "cremations", "姓名,身份证号,死亡日期\n\xFF\xFE\xFD\n", "dry_run=0");
    CHECK(not_gbk.status == 422);
    CHECK(not_gbk.body["error"]["message"].get<std::string>().find("GBK") != std::string::npos);

    // A cremation before the death, the same ID twice.
    auto crem = upload(sup, "cremations", csv(ImportList::Cremations, {{"王秀英", a, "2024-01-05", "2024-01-04"},
                                                                      {"王秀英", a, "2024-01-05", ""}}), "dry_run=0");
    REQUIRE(crem.status == 422);
    CHECK(crem.body["error"]["preview"]["errors"][0]["text"] == "第2行 火化日期：火化日期 2024-01-04 早于死亡日期 2024-01-05");

    // XLSX whose ID column Excel turned into numbers.
    const auto path = std::filesystem::temp_directory_path() /
                      ("yiyang-import-lists-sci-" + std::to_string(::getpid()) + ".xlsx");   // per process: two runs side by side never share it
    {
        lxw_workbook* wb = workbook_new(path.string().c_str());
        lxw_worksheet* ws = workbook_add_worksheet(wb, "火化名单");
        const char* heads[] = {"姓名", "身份证号", "死亡日期"};
        for (lxw_col_t c = 0; c < 3; ++c) worksheet_write_string(ws, 0, c, heads[c], nullptr);
        worksheet_write_string(ws, 1, 0, "王秀英", nullptr);
        worksheet_write_number(ws, 1, 1, 350303194001011234.0, nullptr);
        worksheet_write_string(ws, 1, 2, "2024-01-05", nullptr);
        REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
    }
    const auto crem_before = kept(sup, "cremations");
    auto sci = upload(sup, "cremations", read_file(path), "dry_run=0", "application/octet-stream");
    std::filesystem::remove(path);
    REQUIRE(sci.status == 422);
    CHECK(sci.body["error"]["preview"]["errors"][0]["row"] == 2);
    CHECK(sci.body["error"]["preview"]["errors"][0]["column"] == "身份证号");
    CHECK(sci.body["error"]["preview"]["errors"][0]["message"].get<std::string>().find("3.50303E+17") != std::string::npos);
    CHECK(kept(sup, "cremations") == crem_before);

    // An unknown list.
    CHECK(upload(sup, "pets", good, "").status == 404);
}

// Through nginx the 413 is nginx's own page; the body limit is the same one the subscriber route has.
TEST_CASE("a file over 50 MB is refused before it is read, nothing kept", "[imports][inprocess]") {
    auto& env = TestEnv::get();
    auto admin = env.signed_in("admin");
    const auto before = kept(admin, "service_records");
    const auto reply = env.raw_request("POST /api/v1/imports/service_records?dry_run=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                       "Cookie: " + admin.cookie() + "\r\nX-Yiyang-Request: 1\r\nContent-Type: text/csv\r\n"
                                       "Content-Length: " + std::to_string(50u * 1024u * 1024u + 1u) +
                                       "\r\nConnection: close\r\n\r\n");
    CHECK(reply.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(kept(admin, "service_records") == before);
}

TEST_CASE("kept imports: listed newest first, downloaded byte-identical under the original name", "[imports]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const auto l = ImportList::Cremations;
    const std::string file = yiyang::app::import_template_xlsx(l, rows_of(l, "303"));
    auto done = upload(sup, "cremations", file, "dry_run=0&name=%E7%81%AB%E5%8C%96%E5%90%8D%E5%8D%95%202024.xlsx",
                       "application/octet-stream");
    REQUIRE(done.status == 201);
    const auto id = done.body["import_id"].get<std::int64_t>();

    auto page = sup.get("/api/v1/imports?list=cremations&page_size=5");
    REQUIRE(page.status == 200);
    const auto& first = page.body["items"][0];
    CHECK(first["id"] == id);
    CHECK(first["file_name"] == "火化名单 2024.xlsx");
    CHECK(first["list_name"] == "火化名单");
    CHECK(first["username"].get<std::string>().find("supervisor") != std::string::npos);
    CHECK(first["sha256"] == yiyang::app::sha256_hex(file));
    CHECK(first["added"] == 3);
    CHECK(first["rows"] == 3);
    CHECK(first["file_kind"] == "xlsx");
    CHECK(first["bytes"] == static_cast<std::int64_t>(file.size()));
    auto oldest = sup.get("/api/v1/imports?sort=imported_at&dir=asc&page_size=1");
    REQUIRE(oldest.status == 200);
    CHECK(oldest.body["items"][0]["id"].get<std::int64_t>() <= id);
    CHECK(sup.get("/api/v1/imports?list=pets").status == 400);
    CHECK(sup.get("/api/v1/imports?sort=sha256").status == 400);

    auto got = sup.get("/api/v1/imports/" + std::to_string(id) + "/file");
    REQUIRE(got.status == 200);
    CHECK(got.raw == file);
    CHECK(yiyang::app::sha256_hex(got.raw) == first["sha256"].get<std::string>());
    const auto cd = got.header("Content-Disposition");
    INFO(cd);
    CHECK(cd.find("attachment; filename=\"import-" + std::to_string(id) + ".xlsx\"") == 0);
    CHECK(cd.find("filename*=UTF-8''") != std::string::npos);   // httplib's client decodes header values
    const auto wire_bytes = env.raw_request("GET /api/v1/imports/" + std::to_string(id) + "/file HTTP/1.1\r\n"
                                            "Host: 127.0.0.1\r\nCookie: " + sup.cookie() + "\r\nConnection: close\r\n\r\n");
    CHECK(wire_bytes.find("filename*=UTF-8''%E7%81%AB%E5%8C%96%E5%90%8D%E5%8D%95%202024.xlsx") != std::string::npos);
    CHECK(sup.get("/api/v1/imports/999999999/file").status == 404);

    // The download is audited: the elder-history style audit read is admin's; here the chain grows.
    auto agent = env.signed_in("agent");
    CHECK(agent.get("/api/v1/imports/" + std::to_string(id) + "/file").status == 403);
    CHECK(agent.get("/api/v1/imports").status == 403);
    CHECK(agent.get("/api/v1/imports/templates/cremations.xlsx").status == 403);
    CHECK(upload(agent, "cremations", file, "dry_run=0", "application/octet-stream").status == 403);
    auto provider = env.signed_in("provider");
    CHECK(provider.get("/api/v1/imports").status == 403);
}

TEST_CASE("templates: headers, text columns and a 说明 sheet; filled and imported back", "[imports]") {
    auto& env = TestEnv::get();
    auto admin = env.signed_in("admin");
    for (const auto l : {ImportList::Subscribers, ImportList::ServiceRecords, ImportList::Cremations,
                         ImportList::PhoneChecks, ImportList::Callbacks}) {
        const std::string list = yiyang::code(l);
        INFO(list);
        auto t = admin.get("/api/v1/imports/templates/" + list + ".xlsx");
        REQUIRE(t.status == 200);
        CHECK(t.header("Content-Type").find("spreadsheetml") != std::string::npos);
        CHECK(t.header("Content-Disposition").find("filename*=UTF-8''") != std::string::npos);
        const auto sheet = yiyang::app::read_sheet(t.raw);
        REQUIRE_FALSE(sheet.info.error_zh);
        REQUIRE(sheet.rows.size() == 1);
        const auto& cols = yiyang::import_columns(l);
        REQUIRE(sheet.rows[0].fields.size() == cols.size());
        for (std::size_t i = 0; i < cols.size(); ++i) CHECK(sheet.rows[0].fields[i] == cols[i].header_zh);
        REQUIRE(sheet.info.sheets.size() == 2);
        CHECK(sheet.info.sheets[1] == "说明");
        const auto notes = yiyang::app::read_sheet(t.raw, "说明");
        REQUIRE(notes.rows.size() >= cols.size() + 1);
        CHECK(notes.rows[1].fields[0] == cols[0].header_zh);
        // The ID column's rule and synonyms are the validator's own.
        bool id_seen = false;
        for (const auto& row : notes.rows) {
            if (row.fields.empty() || row.fields[0] != "身份证号") continue;
            id_seen = true;
            CHECK(row.fields[2].find("文本格式") != std::string::npos);
            CHECK(row.fields[3].find("公民身份号码") != std::string::npos);
        }
        CHECK(id_seen);
        // styles.xml holds the text format "@" (numFmtId 49) for the ID and phone columns.
        CHECK(t.raw.size() > 1000);
    }
    CHECK(admin.get("/api/v1/imports/templates/pets.xlsx").status == 404);

    // A filled subscriber template goes through the subscriber route.
    const std::string town = admin.get("/api/v1/towns").body["towns"][0]["name"].get<std::string>();
    const auto filled = yiyang::app::import_template_xlsx(
        ImportList::Subscribers, {{"王秀英", id_of("19400101", "304"), "13900000001", town, "2024-01-05", "", ""}});
    auto r = admin.send("POST", "/api/v1/imports/subscribers?dry_run=1", filled,
                        {{"X-Yiyang-Request", "1"}, {"Content-Type", "application/octet-stream"}});
    REQUIRE(r.status == 200);
    INFO(r.body.dump());
    CHECK(r.body["error_count"] == 0);
    CHECK(r.body["added"] == 1);
}

}  // namespace test_import_lists
