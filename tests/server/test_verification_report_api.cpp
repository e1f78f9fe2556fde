// GET /api/v1/verification/report: the synthetic Hanjiang Q1 2024 lists (tests/shared/verification_hanjiang_data)
// imported through POST /api/v1/imports/{list} into a server of its own (the suite's shared database holds other
// tests' subscribers, which would join the sampling frame), then the report as JSON (the exact Hanjiang figures),
// XLSX (the tables' headers) and PDF (pdftotext finds 9562, 286860, 93.61%); who may read it.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "../shared/verification_hanjiang_data.hpp"
#include "app/context.hpp"
#include "app/photos.hpp"
#include "app/quarter_report.hpp"
#include "auth/crypto.hpp"
#include "harness.hpp"
#include "http/server.hpp"
#include "store/database.hpp"
#include "store/demo_loader.hpp"
#include "store/users.hpp"
#include "yiyang/verification/sampling.hpp"

using namespace yiyang;
using yiyang::test::ApiClient;
using yiyang::test::Reply;
using json = nlohmann::json;
namespace hj = yiyang::test::hanjiang;

namespace {

// A server on a database of its own: the tiny demo city without its information-service subscribers, and a
// supervisor, a town user, an agent and a kiosk.
struct OwnServer {
    std::filesystem::path dir;
    std::unique_ptr<store::Database> db;
    std::unique_ptr<app::AppContext> ctx;
    std::unique_ptr<http::ApiServer> server;
    std::thread thread;
    int port = 0;
    std::map<std::string, std::string> passwords;

    OwnServer() {
        auth::init_crypto();
        char tmpl[] = "/tmp/yiyang-report-test-XXXXXX";
        if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
        dir = tmpl;
        const auto path = (dir / "test.db").string();
        const LocalSeconds start = start_of(Date{2026, 11, 20}) + 10 * 3600;
        store::create_demo_database(path, 7, *demo_scale("tiny"), start);
        db = std::make_unique<store::Database>(path);
        db->write([&](SQLite::Database& w) {
            w.exec("DELETE FROM enrolments WHERE programme = 'info_service'");
            const std::pair<const char*, Role> specs[] = {{"supervisor", Role::Supervisor}, {"town", Role::Town},
                                                          {"agent", Role::Agent}, {"kiosk", Role::Kiosk}};
            for (const auto& [role, r] : specs) {
                User u;
                u.username = std::string("r_") + role;
                u.display_name = std::string("报告") + role;
                u.role = r;
                if (r == Role::Town) u.town_id = 1;
                const std::string pw = std::string("pw-") + role + "-0123456789";
                store::insert_user(w, u, auth::hash_password(pw), false, start);
                passwords[role] = pw;
            }
        });
        ctx = std::make_unique<app::AppContext>(*db, app::ServerConfig{}, [start] { return start; });
        server = std::make_unique<http::ApiServer>(*ctx);
        port = server->bind("127.0.0.1", 0);
        thread = std::thread([this] { server->run(); });
        while (!server->raw().is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~OwnServer() {
        server->stop();
        thread.join();
        server.reset();
        ctx.reset();
        db.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    ApiClient signed_in(const std::string& role) {
        ApiClient c("127.0.0.1", port);
        const auto r = c.sign_in("r_" + role, passwords.at(role));
        if (r.status != 200) throw std::runtime_error("sign-in failed: " + r.raw);
        return c;
    }
};

// person_id gives sequence 000 to every thousandth person, which the import refuses as no valid ID number: those
// move to area 350399 with sequence 001 (still unique, check character recomputed) in every list alike.
std::string fix(const std::string& id) {
    if (id.size() != 18 || id.compare(14, 3, "000") != 0) return id;
    const std::string first17 = "350399" + id.substr(6, 8) + "001";
    return first17 + resident_id_check_char(first17);
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }
std::string date_text(const Date& d) { return std::to_string(d.year) + "-" + two(d.month) + "-" + two(d.day); }
std::string time_text(int secs) { return two(secs / 3600) + ":" + two(secs / 60 % 60); }

std::string shell_output(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
}

const json* cell(const json& report, const std::string& drill) {
    for (const auto& t : report["tables"])
        for (const auto& row : t["rows"])
            for (const auto& c : row)
                if (c.value("drill", "") == drill) return &c;
    return nullptr;
}
std::string text(const json& report, const std::string& drill) {
    const json* c = cell(report, drill);
    INFO(drill);
    REQUIRE(c != nullptr);
    return (*c)["text"].get<std::string>();
}

}  // namespace

TEST_CASE("verification report: the Hanjiang lists through the API give the report, as JSON, XLSX and PDF",
          "[verification][inprocess]") {
    OwnServer srv;
    auto sup = srv.signed_in("supervisor");
    const auto towns = sup.get("/api/v1/towns");
    REQUIRE(towns.status == 200);
    std::vector<std::string> town_names;
    for (const auto& t : towns.body["towns"]) town_names.push_back(t["name"].get<std::string>());
    REQUIRE(town_names.size() >= 12);

    // The ledger, with the deployment's towns in place of Hanjiang's.
    auto ledger = hj::ledger();
    std::string csv = "姓名,身份证号,服务号码,镇街,开通日期,拆机日期,拆机原因\n";
    for (std::size_t i = 0; i < ledger.size(); ++i) {
        auto& s = ledger[i];
        s.id_number = fix(s.id_number);
        for (int k = 0; k < 12; ++k)
            if (s.town == hj::kTowns[k]) s.town = town_names[static_cast<std::size_t>(k)];
        csv += s.name + "," + s.id_number + "," + s.phone + "," + s.town + "," + date_text(s.opened) + "," +
               (s.removed ? date_text(*s.removed) : "") + "," + s.removal_reason + "\n";
    }
    auto r = import_csv(sup, "subscribers", csv);
    INFO(r.raw.substr(0, 600));
    REQUIRE(r.status == 201);

    csv = "记录编号,身份证号,姓名,服务日期,开始时间,结束时间,服务项目,服务人员,佐证\n";
    for (const auto& s : hj::service_records())
        csv += s.record_no + "," + fix(s.id_number) + "," + s.name + "," + date_text(s.day) + "," + time_text(s.start) + "," +
               time_text(s.end) + "," + s.item + "," + s.caregiver + "," + s.evidence + "\n";
    r = import_csv(sup, "service_records", csv);
    INFO(r.raw.substr(0, 600));
    REQUIRE(r.status == 201);

    csv = "姓名,身份证号,死亡日期,火化日期\n";
    for (const auto& c : hj::cremation_list())
        csv += c.name + "," + fix(c.id_number) + "," + date_text(c.died) + "," + date_text(*c.cremated) + "\n";
    r = import_csv(sup, "cremations", csv);
    INFO(r.raw.substr(0, 600));
    REQUIRE(r.status == 201);

    // The imported subjects have no registry categories: the phone check's verdict says they qualify.
    csv = "身份证号,核查日期,核查结果,是否符合条件\n";
    for (const auto& p : hj::phone_checks())
        csv += fix(p.id_number) + "," + date_text(p.day) + "," + label_zh(p.outcome) + ",是\n";
    r = import_csv(sup, "phone_checks", csv);
    INFO(r.raw.substr(0, 600));
    REQUIRE(r.status == 201);

    // The draw (POST …/samples below) is SHA-256 with the documented seed; the callbacks go to the people it draws.
    const auto draw = verification::draw_sample({app::default_draw_date({PeriodKind::Quarter, 2024, 1}), {5, 100},
                                                 app::default_sample_seed({PeriodKind::Quarter, 2024, 1}), false},
                                                ledger, [](std::string_view t) { return app::sha256_hex(t); });
    REQUIRE(draw.sample.count() == 295);
    std::vector<std::string> served;
    for (int i = 0; i < 3750; ++i) served.push_back(fix(test::person_id(100000 + i)));
    std::sort(served.begin(), served.end());
    auto calls = hj::sample_callbacks(draw.sample.keys);
    const auto survey = hj::survey_answers(served);
    calls.insert(calls.end(), survey.begin(), survey.end());
    csv = "身份证号,回访日期,回访结果,总体满意度,服务态度与专业性,手机套餐,知晓SOS与定位功能,停机原因\n";
    for (const auto& c : calls) {
        csv += c.id_number + "," + date_text(c.day) + "," + label_zh(c.outcome) + "," +
               (c.overall ? label_zh(*c.overall) : "") + "," + (c.staff ? label_zh(*c.staff) : "") + "," +
               (c.package ? label_zh(*c.package) : "") + "," + (c.knows_sos ? (*c.knows_sos ? "是" : "否") : "") + "," +
               c.suspension_reason + "\n";
    }
    r = import_csv(sup, "callbacks", csv);
    INFO(r.raw.substr(0, 600));
    REQUIRE(r.status == 201);

    // No draw yet: the report says so (it never draws a sample of its own).
    const auto undrawn = sup.get("/api/v1/verification/report?quarter=2024Q1");
    REQUIRE(undrawn.status == 200);
    CHECK(text(undrawn.body, "callbacks.sample") == "尚未抽样");
    CHECK(cell(undrawn.body, "callbacks.sample")->count("value") == 0);
    CHECK(text(undrawn.body, "physical.records") == "9562");
    // The quarter's draw, made as an agent's supervisor makes it (the documented seed and date, 5 %).
    const auto drawn = sup.post("/api/v1/verification/samples",
                                {{"quarter", "2024Q1"}, {"draw_date", "2024-02-29"}, {"seed", "yiyang-2024-Q1"},
                                 {"rate_num", 5}, {"rate_den", 100}});
    INFO(drawn.raw.substr(0, 400));
    REQUIRE(drawn.status == 201);

    // JSON: the exact Hanjiang figures.
    const auto rep = sup.get("/api/v1/verification/report?quarter=2024Q1");
    INFO(rep.raw.substr(0, 600));
    REQUIRE(rep.status == 200);
    const json& j = rep.body;
    CHECK(j["quarter"] == "2024-Q1");
    CHECK(j["rounding"] == "truncate");
    CHECK(j["title"].get<std::string>().find("中山市") != std::string::npos);
    CHECK(text(j, "physical.records@2024-01") == "3456");
    CHECK(text(j, "physical.records@2024-02") == "2347");
    CHECK(text(j, "physical.records@2024-03") == "3759");
    CHECK(text(j, "physical.records") == "9562");
    CHECK(text(j, "physical.fee") == "286860");
    CHECK(text(j, "info_service.at_start@2024-01") == "5953");
    CHECK(text(j, "info_service.total@2024-01") == "5926");
    CHECK(text(j, "info_service.total@2024-02") == "5882");
    CHECK(text(j, "info_service.total@2024-03") == "5892");
    CHECK(text(j, "info_service.total") == "17700");
    CHECK(text(j, "info_service.fee") == "354000");
    CHECK(text(j, "deaths.matched") == "91");
    CHECK(text(j, "deaths.already_removed") == "16");
    CHECK(text(j, "deaths.to_deduct") == "75");
    CHECK(text(j, "deaths.next_quarter") == "150");
    CHECK(text(j, "new_subjects.provided") == "75");
    CHECK(text(j, "new_subjects.outcome_answered") == "27");
    CHECK(text(j, "new_subjects.usage") == "68.00%");
    CHECK(text(j, "new_subjects.ineligible") == "0");
    CHECK(text(j, "callbacks.frame") == "5882");
    CHECK(text(j, "callbacks.sample") == "295");
    CHECK(text(j, "callbacks.share") == "5.01%");
    CHECK(text(j, "callbacks.package") == "89.47%");
    CHECK(text(j, "callbacks.knows_sos") == "10.52%");
    CHECK(text(j, "callbacks.overall") == "91.66%");
    CHECK(text(j, "survey.reached") == "203");
    CHECK(text(j, "survey.declined") == "9");
    CHECK(text(j, "survey.valid") == "188");
    CHECK(text(j, "survey.overall") == "93.61%");
    CHECK(text(j, "survey.valid_share") == "5.01%");
    // The previous quarter (2023-Q4) has no fee rule in force (verification_fees starts 2024-01-01): none beside.
    CHECK(j["previous_available"] == false);
    // 2024-Q2 has Q1 beside it: March's 5 892 at the place of June.
    const auto q2 = sup.get("/api/v1/verification/report?quarter=2024Q2");
    REQUIRE(q2.status == 200);
    CHECK(q2.body["previous_available"] == true);
    CHECK(cell(q2.body, "info_service.total@2024-06")->value("previous", "") == "5892");
    CHECK(cell(q2.body, "physical.records")->value("previous", "") == "9562");
    CHECK(cell(q2.body, "survey.overall")->value("previous", "") == "93.61%");
    if (const char* keep = std::getenv("YIYANG_REPORT_PDF_OUT_Q2")) {
        const auto q2pdf = sup.get("/api/v1/verification/report?quarter=2024Q2&format=pdf");
        REQUIRE(q2pdf.status == 200);
        std::ofstream(keep, std::ios::binary) << q2pdf.raw;
    }

    // XLSX: a zip with the tables' titles and headers.
    const auto x = sup.get("/api/v1/verification/report?quarter=2024Q1&format=xlsx");
    REQUIRE(x.status == 200);
    CHECK(x.header("Content-Type").find("spreadsheetml") != std::string::npos);
    const auto xlsx_path = srv.dir / "report.xlsx";
    std::ofstream(xlsx_path, std::ios::binary) << x.raw;
    const std::string strings = shell_output("unzip -p '" + xlsx_path.string() + "' xl/sharedStrings.xml");
    for (const char* s : {"1、实体服务数量", "实体服务数量（人次）", "3、信息化服务数量", "原有服务对象", "拆机核减人员",
                          "6、死亡服务对象核查", "7、信息化服务对象电话回访", "意见建议", "93.61%"})
        CHECK(strings.find(s) != std::string::npos);

    // PDF: the figures are in its text.
    const auto t0 = std::chrono::steady_clock::now();
    const auto p = sup.get("/api/v1/verification/report?quarter=2024Q1&format=pdf");
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    WARN("GET …/report?format=pdf (figures + PDF, " << p.raw.size() << " bytes): " << ms << " ms");
    REQUIRE(p.status == 200);
    CHECK(p.header("Content-Type") == "application/pdf");
    CHECK(p.raw.rfind("%PDF-", 0) == 0);
    const auto pdf_path = srv.dir / "report.pdf";
    std::ofstream(pdf_path, std::ios::binary) << p.raw;
    if (const char* keep = std::getenv("YIYANG_REPORT_PDF_OUT")) std::filesystem::copy_file(pdf_path, keep,
                                                                    std::filesystem::copy_options::overwrite_existing);
    const std::string pdf_text = shell_output("pdftotext -layout '" + pdf_path.string() + "' -");
    for (const char* s : {"9562", "286860", "93.61%", "17700", "354000", "68.00%", "5.01%", "核查报告", "第1页"})
        CHECK(pdf_text.find(s) != std::string::npos);

    // Who: a town user gets its own town's part (forced); an agent and the kiosk get nothing.
    auto town = srv.signed_in("town");
    const auto t = town.get("/api/v1/verification/report?quarter=2024Q1");
    REQUIRE(t.status == 200);
    CHECK(t.body["town_id"] == 1);
    CHECK(town.get("/api/v1/verification/report?quarter=2024Q1&town=2").status == 403);
    CHECK(srv.signed_in("agent").get("/api/v1/verification/report?quarter=2024Q1").status == 403);
    CHECK(srv.signed_in("kiosk").get("/api/v1/verification/report?quarter=2024Q1").status == 403);
    // Bad queries are named.
    CHECK(sup.get("/api/v1/verification/report?quarter=2024Q1&format=doc").status == 400);
    CHECK(sup.get("/api/v1/verification/report").status == 400);
}
