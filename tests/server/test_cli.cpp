// The yiyang-server command line (CLI11): a misspelt option or a value out of range is refused with a message
// naming it, --help works for each subcommand, and init / user add / user list / user reset keep working.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

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
