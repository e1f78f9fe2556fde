// POST /api/v1/imports/subscribers: the dry run (added / changed / unchanged, errors by row and column, nothing
// written), the commit (all or nothing, 201 with the import's id), the same file twice (nothing changes), a bad
// file refused whole, towns that are not the registry's, the 50 MB limit, and who may import.
#include <catch2/catch.hpp>

#include "harness.hpp"
#include "yiyang/identity.hpp"

namespace test_imports {

using namespace yiyang::test;

namespace {

std::string id_of(const std::string& birth, const std::string& seq) {
    const std::string first17 = "350303" + birth + seq;
    return first17 + yiyang::resident_id_check_char(first17);
}

Reply upload(ApiClient& c, const std::string& body, const std::string& query) {
    return c.send("POST", "/api/v1/imports/subscribers?" + query, body,
                  {{"X-Yiyang-Request", "1"}, {"Content-Type", "text/csv"}});
}

// A subscriber file of three people in the registry's first town; `seq` keeps runs of this test apart.
std::string ledger(const std::string& town, const std::string& seq, const std::string& third_phone = "13900000003") {
    return "姓名,身份证号,服务号码,镇街,开通日期,拆机日期,拆机原因\n"
           "王秀英," + id_of("19400101", seq) + ",13900000001," + town + ",2024/1/5,,\n" +
           "李桂兰," + id_of("19410101", seq) + ",13900000002," + town + ",2024年1月6日,2024-03-01,死亡\n" +
           "张德明," + id_of("19420101", seq) + "," + third_phone + "," + town + ",45300,,\n";
}

}  // namespace

TEST_CASE("subscriber import: dry run, commit, the same file twice, a changed row", "[imports]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const auto towns = sup.get("/api/v1/towns");
    REQUIRE(towns.status == 200);
    const std::string town = towns.body["towns"][0]["name"].get<std::string>();
    const std::string file = ledger(town, "201");

    auto dry = upload(sup, file, "name=%E5%8F%B0%E8%B4%A6.csv");
    REQUIRE(dry.status == 200);
    INFO(dry.body.dump());
    CHECK(dry.body["dry_run"] == true);
    CHECK(dry.body["list"] == "subscribers");
    CHECK(dry.body["file_name"] == "台账.csv");
    CHECK(dry.body["sha256"].get<std::string>().size() == 64);
    CHECK(dry.body["rows"] == 3);
    CHECK(dry.body["added"] == 3);
    CHECK(dry.body["error_count"] == 0);
    CHECK_FALSE(dry.body.contains("import_id"));
    CHECK(upload(sup, file, "").body["added"] == 3);   // a dry run writes nothing

    auto done = upload(sup, file, "dry_run=0&name=a.csv");
    REQUIRE(done.status == 201);
    CHECK(done.body["dry_run"] == false);
    CHECK(done.body["import_id"].get<std::int64_t>() > 0);
    CHECK(done.body["added"] == 3);

    auto again = upload(sup, file, "dry_run=0&name=a.csv");
    REQUIRE(again.status == 201);
    CHECK(again.body["added"] == 0);
    CHECK(again.body["changed"] == 0);
    CHECK(again.body["unchanged"] == 3);
    CHECK(again.body["import_id"] != done.body["import_id"]);   // each import is kept

    auto changed = upload(sup, ledger(town, "201", "13900000009"), "");
    REQUIRE(changed.status == 200);
    CHECK(changed.body["changed"] == 1);
    CHECK(changed.body["unchanged"] == 2);
}

TEST_CASE("subscriber import: a bad file is refused whole, each error by row and column", "[imports]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const std::string town = sup.get("/api/v1/towns").body["towns"][0]["name"].get<std::string>();
    const std::string a = id_of("19400101", "202");
    const std::string bad = "身份证号,姓名,服务号码,镇街,开通日期,拆机日期\n" +
                            a + ",王秀英,13900000001," + town + ",2024/1/5,\n" +
                            a + ",王秀英,13900000001," + town + ",2024/1/5,\n" +
                            id_of("19410101", "202") + ",李桂兰,13900000002," + town + ",2024-02-30,\n" +
                            id_of("19420101", "202") + ",张德明,13900000003," + town + ",2024-01-05,2024-01-03\n" +
                            "3.50303E+17,陈玉珍,13900000004," + town + ",2024-01-05,\n" +
                            id_of("19430101", "202") + ",林阿妹,13900000005,火星镇,2024-01-05,\n";
    auto r = upload(sup, bad, "dry_run=0");
    REQUIRE(r.status == 422);
    INFO(r.body.dump());
    CHECK(r.body["error"]["code"] == "invalid_import");
    const auto& p = r.body["error"]["preview"];
    CHECK(p["error_count"] == 5);
    REQUIRE(p["errors"].size() == 5);
    CHECK(p["errors"][0]["text"] == "第3行 身份证号：与第2行重复：同一文件中身份证号只能出现一次");
    CHECK(p["errors"][1]["text"] == "第4行 开通日期：“2024-02-30”不是真实日期（2024年2月只有29天）");
    CHECK(p["errors"][2]["text"] == "第5行 拆机日期：拆机日期 2024-01-03 早于开通日期 2024-01-05");
    CHECK(p["errors"][3]["row"] == 6);
    CHECK(p["errors"][3]["column"] == "身份证号");
    CHECK(p["errors"][3]["message"].get<std::string>().find("科学计数法") != std::string::npos);
    CHECK(p["errors"][4]["text"] == "第7行 镇街：“火星镇”不是本区的镇街名称");
    // Nothing was written: the good first row is still new.
    CHECK(upload(sup, "姓名,身份证号,服务号码,镇街,开通日期\n王秀英," + a + ",13900000001," + town + ",2024/1/5\n", "")
              .body["added"] == 1);

    auto missing = upload(sup, "姓名,身份证号,服务号码,开通日期\n王秀英," + a + ",13900000001,2024/1/5\n", "");
    REQUIRE(missing.status == 200);   // a dry run reports, it does not refuse
    CHECK(missing.body["errors"][0]["text"].get<std::string>().rfind("表头 镇街：缺少必填列", 0) == 0);

    auto not_gbk = upload(sup, "姓名,身份证号\n\xFF\xFE\xFD\n", "");
    CHECK(not_gbk.status == 422);
    CHECK(not_gbk.body["error"]["message"].get<std::string>().find("GBK") != std::string::npos);
}

TEST_CASE("subscriber import: who may import, the media type", "[imports]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    CHECK(upload(agent, "姓名\n", "").status == 403);
    auto admin = env.signed_in("admin");
    CHECK(admin.post("/api/v1/imports/subscribers", {{"x", 1}}).status == 415);
    CHECK(upload(admin, "姓名\n", "dry_run=2").status == 400);
}

// Refused from the announced length, before any of the body is read (the server closes the connection, so the
// request is written raw, without a body). In process only: nginx waits for a body it buffers.
TEST_CASE("subscriber import: a file over 50 MB is refused before it is read", "[imports][inprocess]") {
    auto& env = TestEnv::get();
    auto admin = env.signed_in("admin");
    const auto reply = env.raw_request("POST /api/v1/imports/subscribers HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " +
                                       admin.cookie() + "\r\nX-Yiyang-Request: 1\r\nContent-Type: text/csv\r\n"
                                       "Content-Length: " + std::to_string(50u * 1024u * 1024u + 1u) +
                                       "\r\nConnection: close\r\n\r\n");
    CHECK(reply.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(reply.find("文件超过 50 MB 的上限") != std::string::npos);
    // At the limit the body is read and judged (a dry run of a file that is no list).
    auto at_limit = admin.send("POST", "/api/v1/imports/subscribers", std::string(50u * 1024u * 1024u, 'a'),
                               {{"X-Yiyang-Request", "1"}, {"Content-Type", "text/csv"}});
    CHECK(at_limit.status == 200);
    CHECK(at_limit.body["error_count"] == 1);
}

}  // namespace test_imports
