// The verification API tests' shared server, users, Hanjiang import and report-cell reading (verification_fixture.hpp).
#include "verification_fixture.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "auth/crypto.hpp"
#include "store/demo_loader.hpp"
#include "store/users.hpp"

namespace yiyang::test {

VerificationServer::VerificationServer(const Options& options) : user_prefix(options.user_prefix) {
    auth::init_crypto();
    std::string tmpl = "/tmp/" + options.tmp_name + "-XXXXXX";
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    dir = tmpl;
    const auto path = (dir / "test.db").string();
    const LocalSeconds start = start_of(Date{2026, 11, 20}) + 10 * 3600;
    store::create_demo_database(path, 7, *demo_scale("tiny"), start);
    db = std::make_unique<store::Database>(path);
    db->write([&](SQLite::Database& w) {
        w.exec("DELETE FROM enrolments WHERE programme = 'info_service'");
        for (const auto& [role, r] : options.roles) {
            User u;
            u.username = options.user_prefix + role;
            u.display_name = options.display_prefix + role;
            u.role = r;
            if (r == Role::Town) u.town_id = 1;
            if (r == Role::Provider) u.provider_id = 1;
            const std::string pw = "pw-" + role + "-0123456789";
            store::insert_user(w, u, auth::hash_password(pw), false, start);
            passwords[role] = pw;
        }
    });
    *clock = start;
    ctx = std::make_unique<app::AppContext>(*db, app::ServerConfig{}, [c = clock] { return c->load(); });
    server = std::make_unique<http::ApiServer>(*ctx);
    port = server->bind("127.0.0.1", 0);
    thread = std::thread([this] { server->run(); });
    while (!server->raw().is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

VerificationServer::~VerificationServer() {
    server->stop();
    thread.join();
    server.reset();
    ctx.reset();
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

ApiClient VerificationServer::signed_in(const std::string& role) {
    ApiClient c("127.0.0.1", port);
    const auto r = c.sign_in(user_prefix + role, passwords.at(role));
    if (r.status != 200) throw std::runtime_error("sign-in failed: " + r.raw);
    return c;
}

std::vector<std::string> VerificationServer::town_names(ApiClient& c) {
    const auto towns = c.get("/api/v1/towns");
    REQUIRE(towns.status == 200);
    std::vector<std::string> names;
    for (const auto& t : towns.body["towns"]) names.push_back(t["name"].get<std::string>());
    REQUIRE(names.size() >= 12);
    return names;
}

std::vector<SubscriberRow> import_hanjiang_lists(ApiClient& c, const std::vector<std::string>& towns) {
    namespace hj = hanjiang;
    const auto ledger = hj::ledger_in(towns);
    const std::pair<const char*, std::string> lists[] = {{"subscribers", hj::subscribers_csv(ledger)},
                                                         {"service_records", hj::service_records_csv()},
                                                         {"cremations", hj::cremations_csv()},
                                                         {"phone_checks", hj::phone_checks_csv()}};
    for (const auto& [list, csv] : lists) {
        const auto r = import_csv(c, list, csv);
        INFO(list << ": " << r.raw.substr(0, 600));
        REQUIRE(r.status == 201);
    }
    return ledger;
}

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

const json* report_cell(const json& report, const std::string& drill) {
    for (const auto& t : report["tables"])
        for (const auto& row : t["rows"])
            for (const auto& c : row)
                if (c.value("drill", "") == drill) return &c;
    return nullptr;
}

std::string report_text(const json& report, const std::string& drill) {
    const json* c = report_cell(report, drill);
    INFO(drill);
    REQUIRE(c != nullptr);
    return (*c)["text"].get<std::string>();
}

}  // namespace yiyang::test
