// The verification API tests' shared server, users, Hanjiang import and report-cell reading (verification_fixture.hpp).
#include <cctype>
#include <set>
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

std::string record_line(const std::string& no, const SubscriberRow& s, const char* day, const char* from, const char* to,
                        const std::string& caregiver, const std::string& evidence) {
    return no + "," + s.id_number + "," + s.name + "," + day + "," + from + "," + to + ",上门助洁," + caregiver + "," +
           evidence + "\n";
}

FlaggedSubjects flagged_subjects(const std::vector<SubscriberRow>& ledger) {
    FlaggedSubjects out;
    std::set<std::string> removed_towns, active_towns;
    for (const auto& s : ledger) {
        if (s.removed && *s.removed < Date{2024, 3, 1} && removed_towns.size() < 3 && removed_towns.insert(s.town).second)
            out.removed.push_back(&s);
        if (!s.removed && active_towns.size() < 2 && active_towns.insert(s.town).second) out.active.push_back(&s);
    }
    REQUIRE(out.removed.size() == 3);
    REQUIRE(out.active.size() == 2);
    return out;
}

FlaggedSubjects import_flagged_records(ApiClient& c, const std::string& tag, const std::vector<SubscriberRow>& ledger) {
    auto out = flagged_subjects(ledger);
    const auto added = import_csv(c, "service_records", flagged_records_csv(tag, out.removed, *out.active[0], *out.active[1]));
    INFO(added.raw.substr(0, 600));
    REQUIRE(added.status == 201);
    return out;
}

std::string flagged_records_csv(const std::string& tag, const std::vector<const SubscriberRow*>& removed,
                                const SubscriberRow& a, const SubscriberRow& b) {
    std::string low = tag;
    for (auto& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string csv = "记录编号,身份证号,姓名,服务日期,开始时间,结束时间,服务项目,服务人员,佐证\n";
    for (std::size_t k = 0; k < removed.size(); ++k)
        csv += record_line(tag + "-R" + std::to_string(k), *removed[k], "2024-03-20", "09:00", "09:30",
                           "助老员" + tag + std::to_string(k), low + "-r" + std::to_string(k) + ".jpg");
    csv += record_line(tag + "-D1", a, "2024-01-10", "10:00", "10:30", "助老员" + tag + "X", low + "-d1.jpg");
    csv += record_line(tag + "-D2", a, "2024-01-10", "10:00", "10:30", "助老员" + tag + "X", low + "-d2.jpg");
    csv += record_line(tag + "-O1", a, "2024-02-05", "14:00", "15:00", "助老员" + tag + "Y", low + "-o1.jpg");
    csv += record_line(tag + "-O2", b, "2024-02-05", "14:30", "15:30", "助老员" + tag + "Y", low + "-o2.jpg");
    csv += record_line(tag + "-E1", a, "2024-03-05", "08:00", "08:30", "助老员" + tag + "Z", low + "-shared.jpg");
    csv += record_line(tag + "-E2", b, "2024-03-06", "08:00", "08:30", "助老员" + tag + "W", low + "-shared.jpg");
    return csv;
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
