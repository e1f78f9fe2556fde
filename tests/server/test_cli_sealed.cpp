// The command line's ledger import (`yiyang-server import … --commit`, the bench's and an operator's path around the
// HTTP body limit) into a database with a signed quarter: a file that touches the sealed quarter is refused — exit
// status 5, the message naming the signed report — and writes nothing (no row, no import batch, no audit event),
// as POST /api/v1/imports/{list} answers 409 quarter_sealed; a file that touches no signed quarter still commits.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include "verification_fixture.hpp"

using namespace yiyang;
using yiyang::test::ApiClient;
using json = nlohmann::json;
namespace hj = yiyang::test::hanjiang;
using hj::fix;

namespace {

struct Run {
    int status = -1;      // exit status
    std::string output;   // stdout and stderr
};
Run server_cli(const std::string& args) {
    const std::string cmd = "'" YIYANG_SERVER_BIN "' " + args + " 2>&1 </dev/null";
    Run r;
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
    const int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

// Row counts of every table an import writes (the lists, the ledger's elders and enrolments, the batches with the
// kept files, the audit log).
std::map<std::string, std::int64_t> written(const std::filesystem::path& db_path) {
    SQLite::Database db(db_path.string(), SQLite::OPEN_READONLY);
    std::map<std::string, std::int64_t> out;
    for (const char* t : {"elders", "enrolments", "list_service_records", "import_batches", "audit_events"})
        out[t] = db.execAndGet(std::string("SELECT count(*) FROM ") + t).getInt64();
    return out;
}

}  // namespace

TEST_CASE("cli: import --commit into a signed quarter is refused naming the report and writes nothing",
          "[cli][verification][signoff][seal][inprocess]") {
    test::VerificationServer srv({"yiyang-cli-sealed-test", "cs_", "命令行",
                                  {{"supervisor", Role::Supervisor}, {"leader", Role::Leader}}});
    auto sup = srv.signed_in("supervisor");
    const auto town_names = srv.town_names(sup);
    const auto ledger = test::import_hanjiang_lists(sup, town_names);
    auto signed_r = sup.send("POST", "/api/v1/verification/signoffs", json{{"quarter", "2024Q1"}}.dump(),
                             {{"X-Yiyang-Request", "1"}, {"Content-Type", "application/json"}});
    INFO(signed_r.raw.substr(0, 600));
    REQUIRE(signed_r.status == 201);
    const std::string report_no = "第" + std::to_string(signed_r.body["id"].get<std::int64_t>()) + "号签署";

    const auto db_path = srv.dir / "test.db";
    const auto import = [&](const char* list, const std::string& name, const std::string& csv) {
        const auto file = srv.dir / name;
        std::ofstream(file, std::ios::binary) << csv;
        return server_cli("import --db '" + db_path.string() + "' --list " + list + " --file '" + file.string() +
                          "' --commit --user cs_supervisor");
    };
    const auto before = written(db_path);

    // A backfill into the sealed quarter: opened 2023-06-01, never removed — counted in Q1's subscribers.
    const std::string backfill = fix(test::person_id(990201));
    const auto refused = import("subscribers", "backfill.csv",
                                std::string(hj::kSubscribersHeader) + "补录老人," + backfill + ",13900000201," +
                                    town_names[0] + ",2023-06-01,,\n");
    INFO(refused.output);
    CHECK(refused.status == 5);
    CHECK(refused.output.find("2024年第一季度") != std::string::npos);
    CHECK(refused.output.find(report_no) != std::string::npos);
    CHECK(refused.output.find("已封存") != std::string::npos);
    // A removal dated inside the quarter of a subscriber already on the ledger: a replaced version, refused too.
    const auto kept_it = std::find_if(ledger.begin(), ledger.end(), [](const SubscriberRow& s) {
        return !s.removed && s.opened < Date{2023, 1, 1};
    });
    REQUIRE(kept_it != ledger.end());
    const SubscriberRow& kept = *kept_it;
    const auto removal = import("subscribers", "removal.csv",
                                std::string(hj::kSubscribersHeader) + kept.name + "," + kept.id_number + "," + kept.phone +
                                    "," + kept.town + "," + format_date(kept.opened) + ",2024-02-20,死亡\n");
    INFO(removal.output);
    CHECK(removal.status == 5);
    CHECK(removal.output.find(report_no) != std::string::npos);
    // A service record of the quarter (the other lists' path through the command line).
    const auto record = import("service_records", "record.csv",
                               std::string(hj::kServiceRecordsHeader) + "CLI-SEALED-1," + kept.id_number + "," +
                                   kept.name + ",2024-03-05,09:00,10:00,助洁,命令行护工,cli-sealed-1.jpg\n");
    INFO(record.output);
    CHECK(record.status == 5);
    CHECK(record.output.find(report_no) != std::string::npos);
    CHECK(written(db_path) == before);
    {
        SQLite::Database db(db_path.string(), SQLite::OPEN_READONLY);
        SQLite::Statement st(db, "SELECT count(*) FROM elders WHERE id_number = ?");
        st.bind(1, backfill);
        REQUIRE(st.executeStep());
        CHECK(st.getColumn(0).getInt64() == 0);
    }

    // The guard is the quarter's, not the command's: a subscriber opened after 2024Q1 commits (exit 0, one row).
    const auto later = import("subscribers", "later.csv",
                              std::string(hj::kSubscribersHeader) + "新开老人," + fix(test::person_id(990202)) +
                                  ",13900000202," + town_names[0] + ",2024-07-01,,\n");
    INFO(later.output);
    CHECK(later.status == 0);
    CHECK(later.output.find("added 1") != std::string::npos);
    const auto after = written(db_path);
    CHECK(after.at("enrolments") == before.at("enrolments") + 1);
    CHECK(after.at("import_batches") == before.at("import_batches") + 1);
}
