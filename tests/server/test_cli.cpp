// The yiyang-server command line (CLI11): a misspelt option or a value out of range is refused with a message
// naming it, --help works for each subcommand, and init / user add / user list / user reset keep working; the ledger
// import (`import … --commit`, the bench's and an operator's path around the HTTP body limit) into a database with a
// signed quarter: a file that touches the sealed quarter is refused — exit status 5, the message naming the signed
// report — and writes nothing (no row, no import batch, no audit event), as POST /api/v1/imports/{list} answers 409
// quarter_sealed; a file that touches no signed quarter still commits.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "verification_fixture.hpp"

namespace test_cli {

namespace hj = yiyang::test::hanjiang;

namespace {

struct Run {
    int status = -1;      // exit status
    std::string output;   // stdout and stderr
};

// Runs the built yiyang-server with `args` (shell words), feeding `input` on stdin.
Run server_cli(const std::string& args, const std::string& input = "") {
    const std::string cmd = (input.empty() ? std::string() : "printf '%s\\n' '" + input + "' | ") +
                            "'" YIYANG_SERVER_BIN "' " + args + " 2>&1" + (input.empty() ? " </dev/null" : "");
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

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        char tmpl[] = "/tmp/yiyang-cli-test-XXXXXX";
        REQUIRE(::mkdtemp(tmpl) != nullptr);
        path = tmpl;
    }
    ~TempDir() { std::error_code ec; std::filesystem::remove_all(path, ec); }
};

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

TEST_CASE("cli: a misspelt option is refused, naming it, instead of serving on the default port", "[cli][inprocess]") {
    auto r = server_cli("serve --prot 9090");
    CHECK(r.status != 0);
    CHECK(r.output.find("--prot") != std::string::npos);
    CHECK(r.output.find("--port") != std::string::npos);   // did you mean
    TempDir dir;
    const auto db = (dir.path / "empty.db").string();
    std::fclose(std::fopen(db.c_str(), "w"));
    auto bad_port = server_cli("serve --port 70000 --db '" + db + "'");
    CHECK(bad_port.status != 0);
    CHECK(bad_port.output.find("--port") != std::string::npos);
    auto bad_scale = server_cli("init --db '" + (dir.path / "new.db").string() + "' --scale huge");
    CHECK(bad_scale.status != 0);
    CHECK(bad_scale.output.find("--scale") != std::string::npos);
    auto none = server_cli("");
    CHECK(none.status != 0);
}

TEST_CASE("cli: --help describes each subcommand", "[cli][inprocess]") {
    for (const char* sub : {"", "init", "serve", "user", "user add", "user reset", "user list", "verify-audit"}) {
        auto r = server_cli(std::string(sub) + " --help");
        INFO(sub);
        CHECK(r.status == 0);
        CHECK(r.output.find("Usage:") != std::string::npos);
    }
    CHECK(server_cli("serve --help").output.find("--escalation-sweep-s") != std::string::npos);
}

TEST_CASE("cli: init, user add (checked password), user list and user reset work", "[cli][inprocess]") {
    TempDir dir;
    const auto db = (dir.path / "cli.db").string();
    auto init = server_cli("init --db '" + db + "' --scale tiny --seed 5");
    REQUIRE(init.status == 0);
    CHECK(init.output.find("one-time password") != std::string::npos);
    CHECK(server_cli("init --db '" + db + "' --scale tiny").status != 0);   // never over an existing database

    auto weak = server_cli("user add carer --role agent --password-stdin --db '" + db + "'", "1234567890");
    CHECK(weak.status != 0);
    CHECK(weak.output.find("密码不能只由数字组成") != std::string::npos);
    auto ok = server_cli("user add carer --role agent --password-stdin --db '" + db + "'", "a-new-password-42");
    CHECK(ok.status == 0);
    CHECK(server_cli("user add towner --role town --town 1 --db '" + db + "'").status == 0);
    CHECK(server_cli("user add towner2 --role town --db '" + db + "'").status != 0);   // a town user needs --town
    auto list = server_cli("user list --db '" + db + "'");
    CHECK(list.status == 0);
    CHECK(list.output.find("carer") != std::string::npos);
    CHECK(list.output.find("towner") != std::string::npos);
    auto reset = server_cli("user --db '" + db + "' reset carer");   // --db before the verb works too
    CHECK(reset.status == 0);
    CHECK(reset.output.find("one-time password") != std::string::npos);
}

TEST_CASE("cli: import --commit into a signed quarter is refused naming the report and writes nothing",
          "[cli][verification][signoff][seal][inprocess]") {
    yiyang::test::VerificationServer srv({"yiyang-cli-sealed-test", "cs_", "命令行",
                                  {{"supervisor", yiyang::Role::Supervisor}, {"leader", yiyang::Role::Leader}}});
    auto sup = srv.signed_in("supervisor");
    const auto town_names = srv.town_names(sup);
    const auto ledger = yiyang::test::import_hanjiang_lists(sup, town_names);
    auto signed_r = sup.send("POST", "/api/v1/verification/signoffs", nlohmann::json{{"quarter", "2024Q1"}}.dump(),
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
    const std::string backfill = hj::fix(yiyang::test::person_id(990201));
    const auto refused = import("subscribers", "backfill.csv",
                                std::string(hj::kSubscribersHeader) + "补录老人," + backfill + ",13900000201," +
                                    town_names[0] + ",2023-06-01,,\n");
    INFO(refused.output);
    CHECK(refused.status == 5);
    CHECK(refused.output.find("2024年第一季度") != std::string::npos);
    CHECK(refused.output.find(report_no) != std::string::npos);
    CHECK(refused.output.find("已封存") != std::string::npos);
    // A removal dated inside the quarter of a subscriber already on the ledger: a replaced version, refused too.
    const auto kept_it = std::find_if(ledger.begin(), ledger.end(), [](const yiyang::SubscriberRow& s) {
        return !s.removed && s.opened < yiyang::Date{2023, 1, 1};
    });
    REQUIRE(kept_it != ledger.end());
    const yiyang::SubscriberRow& kept = *kept_it;
    const auto removal = import("subscribers", "removal.csv",
                                std::string(hj::kSubscribersHeader) + kept.name + "," + kept.id_number + "," +
                                    kept.phone + "," + kept.town + "," + yiyang::format_date(kept.opened) +
                                    ",2024-02-20,死亡\n");
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
                              std::string(hj::kSubscribersHeader) + "新开老人," +
                                  hj::fix(yiyang::test::person_id(990202)) + ",13900000202," + town_names[0] +
                                  ",2024-07-01,,\n");
    INFO(later.output);
    CHECK(later.status == 0);
    CHECK(later.output.find("added 1") != std::string::npos);
    const auto after = written(db_path);
    CHECK(after.at("enrolments") == before.at("enrolments") + 1);
    CHECK(after.at("import_batches") == before.at("import_batches") + 1);
}

}  // namespace test_cli
