// The API test harness: a real yiyang server over a real SQLite file (see harness.hpp).
#include "harness.hpp"

#include <catch2/catch.hpp>

#include "app/escalation.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "app/context.hpp"
#include "yiyang/date.hpp"
#include "auth/crypto.hpp"
#include "http/server.hpp"
#include "store/database.hpp"
#include "store/demo_loader.hpp"
#include "store/users.hpp"

namespace yiyang::test {

std::string Reply::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

ApiClient::ApiClient(std::string host, int port) : host_(std::move(host)), port_(port) {}

Reply ApiClient::finish(const httplib::Result& r) {
    Reply out;
    if (!r) throw std::runtime_error("request failed: " + httplib::to_string(r.error()));
    out.status = r->status;
    out.headers = r->headers;
    out.raw = r->body;
    out.body = json::parse(r->body, nullptr, false);
    auto set_cookie = r->get_header_value("Set-Cookie");
    if (set_cookie.rfind("yy_session=", 0) == 0) {
        auto end = set_cookie.find(';');
        cookie_ = set_cookie.substr(0, end);
        if (cookie_ == "yy_session=") cookie_.clear();
    }
    return out;
}

Reply ApiClient::send(const std::string& method, const std::string& path, const std::string& body,
                      const httplib::Headers& headers) {
    httplib::Client cli(host_, port_);
    cli.set_connection_timeout(5);
    cli.set_read_timeout(30);
    httplib::Headers h = headers;
    if (!cookie_.empty()) h.emplace("Cookie", cookie_);
    if (method == "GET") return finish(cli.Get(path, h));
    if (method == "DELETE") return finish(cli.Delete(path, h, body, "application/json"));
    if (method == "POST") return finish(cli.Post(path, h, body, "application/json"));
    if (method == "PUT") return finish(cli.Put(path, h, body, "application/json"));
    throw std::runtime_error("unsupported method " + method);
}

Reply ApiClient::get(const std::string& path) { return send("GET", path, "", {}); }
Reply ApiClient::post(const std::string& path, const json& body) {
    return send("POST", path, body.dump(), {{"X-Yiyang-Request", "1"}});
}
Reply ApiClient::put(const std::string& path, const json& body) {
    return send("PUT", path, body.dump(), {{"X-Yiyang-Request", "1"}});
}
Reply ApiClient::del(const std::string& path) { return send("DELETE", path, "", {{"X-Yiyang-Request", "1"}}); }

Reply ApiClient::sign_in(const std::string& username, const std::string& password) {
    return post("/api/v1/session", {{"username", username}, {"password", password}});
}

// ---- in-process server ----------------------------------------------------------------------------------
struct TestEnv::InProcess {
    std::filesystem::path dir;
    std::atomic<LocalSeconds> now{0};
    std::unique_ptr<store::Database> db;
    std::unique_ptr<app::AppContext> ctx;
    std::unique_ptr<http::ApiServer> server;
    std::thread thread;
    ~InProcess() {
        if (server) server->stop();
        if (thread.joinable()) thread.join();
        server.reset();
        ctx.reset();
        db.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

TestEnv& TestEnv::get() {
    static TestEnv env;
    return env;
}

TestEnv::TestEnv() {
    auth::init_crypto();
    if (const char* base = std::getenv("YIYANG_TEST_BASE_URL"); base && *base) {
        external_ = true;
        std::string b = base;   // http://127.0.0.1:PORT
        auto hp = b.substr(b.find("://") + 3);
        host_ = hp.substr(0, hp.find(':'));
        port_ = std::stoi(hp.substr(hp.find(':') + 1));
        const char* users_file = std::getenv("YIYANG_TEST_USERS");
        if (!users_file) throw std::runtime_error("YIYANG_TEST_USERS must name the users file in external mode");
        std::ifstream in(users_file);
        auto j = json::parse(in);
        for (auto it = j.begin(); it != j.end(); ++it) {
            users_[it.key()] = {it.value().at("username").get<std::string>(), it.value().at("password").get<std::string>()};
        }
        return;
    }
    in_process_ = std::make_shared<InProcess>();
    auto& ip = *in_process_;
    char tmpl[] = "/tmp/yiyang-api-test-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    ip.dir = tmpl;
    const auto db_path = (ip.dir / "test.db").string();
    const LocalSeconds start = start_of(Date{2026, 11, 20}) + 10 * 3600;   // a Friday, 10:00
    ip.now = start;
    store::create_demo_database(db_path, 7, *demo_scale("tiny"), start);
    ip.db = std::make_unique<store::Database>(db_path);
    struct Spec { const char* role; Role r; };
    const Spec specs[] = {{"admin", Role::Admin}, {"supervisor", Role::Supervisor}, {"agent", Role::Agent},
                          {"town", Role::Town}, {"provider", Role::Provider}, {"kiosk", Role::Kiosk}, {"leader", Role::Leader},
                          {"lockout", Role::Agent}, {"fresh", Role::Agent}};
    ip.db->write([&](SQLite::Database& db) {
        for (const auto& s : specs) {
            User u;
            u.username = std::string("t_") + s.role;
            u.display_name = std::string("测试") + s.role;
            u.role = s.r;
            if (s.r == Role::Town) u.town_id = 1;
            if (s.r == Role::Provider) u.provider_id = 1;
            const std::string pw = std::string("pw-") + s.role + "-0123456789";
            // "fresh" keeps a one-time password that must be changed.
            store::insert_user(db, u, auth::hash_password(pw), std::string(s.role) == "fresh", start);
            users_[s.role] = {u.username, pw};
        }
    });
    std::filesystem::create_directories(ip.dir / "web");
    std::ofstream(ip.dir / "web" / "index.html") << "<!doctype html><title>颐养</title>";
    app::ServerConfig config;
    config.web_root = (ip.dir / "web").string();
    auto* now_ptr = &ip.now;
    ip.ctx = std::make_unique<app::AppContext>(*ip.db, config, [now_ptr] { return now_ptr->load(); });
    ip.server = std::make_unique<http::ApiServer>(*ip.ctx);
    port_ = ip.server->bind(host_, 0);
    if (port_ <= 0) throw std::runtime_error("could not bind a loopback port");
    ip.thread = std::thread([&ip] { ip.server->run(); });
    while (!ip.server->raw().is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

std::pair<std::string, std::string> TestEnv::user(const std::string& role) const {
    auto it = users_.find(role);
    if (it == users_.end()) throw std::runtime_error("no test user for role " + role);
    return it->second;
}

ApiClient TestEnv::signed_in(const std::string& role) const {
    ApiClient c = client();
    auto [name, pw] = user(role);
    auto r = c.sign_in(name, pw);
    if (r.status != 200) throw std::runtime_error("sign-in of " + name + " failed: " + r.raw);
    return c;
}

void TestEnv::advance_clock(std::int64_t seconds) {
    if (!in_process_) throw std::runtime_error("the clock can only be moved in-process");
    in_process_->now += seconds;
}

int TestEnv::sweep_escalations() {
    if (!in_process_) throw std::runtime_error("the sweep can only be run in-process");
    return app::escalate_unaccepted(*in_process_->ctx);
}

std::string TestEnv::database_path() const {
    return in_process_ ? (in_process_->dir / "test.db").string() : std::string();
}

std::string TestEnv::raw_request(const std::string& bytes) const {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port_));
    ::inet_pton(AF_INET, host_.c_str(), &addr.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) { ::close(fd); return {}; }
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
    }
    std::string out;
    char buf[4096];
    for (;;) {
        auto n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
        if (out.find("\r\n\r\n") != std::string::npos) {
            // Stop once the declared body has arrived (the server keeps the connection open).
            auto head_end = out.find("\r\n\r\n");
            auto cl = out.find("Content-Length: ");
            if (cl != std::string::npos && cl < head_end) {
                auto len = std::stoul(out.substr(cl + 16));
                if (out.size() >= head_end + 4 + len) break;
            }
        }
    }
    ::close(fd);
    return out;
}

// ---- the order tests' set-up ----------------------------------------------------------------------
ProviderOneSetup provider_one_setup(ApiClient& c) {
    ProviderOneSetup s;
    auto providers = c.get("/api/v1/providers");
    REQUIRE(providers.status == 200);
    for (const auto& p : providers.body["items"]) {
        if (p["id"] != 1) continue;
        REQUIRE(p["status"] == "active");
        REQUIRE(!p["towns_covered"].empty());
        REQUIRE(!p["categories"].empty());
        s.category = p["categories"][0].get<std::string>();
        for (const auto& t : p["towns_covered"]) {
            auto elders = c.get("/api/v1/elders?status=active&page_size=1&town=" + std::to_string(t.get<std::int64_t>()));
            if (elders.status == 200 && !elders.body["items"].empty()) {
                s.town = t.get<std::int64_t>();
                s.elder = elders.body["items"][0]["id"].get<std::int64_t>();
                break;
            }
        }
    }
    REQUIRE(s.elder > 0);
    return s;
}

json booking_body(const ProviderOneSetup& s, const std::string& description) {
    return {{"channel", "hotline"}, {"type", "booking"}, {"categories", {s.category}}, {"elder_id", s.elder},
            {"description", description}};
}

Reply transition(ApiClient& c, std::int64_t id, const json& body) {
    return c.post("/api/v1/orders/" + std::to_string(id) + "/transitions", body);
}

Reply import_csv(ApiClient& c, const std::string& list, const std::string& csv) {
    const std::string provider = list == "service_records" ? "&provider_id=1" : "";
    return c.send("POST", "/api/v1/imports/" + list + "?dry_run=0&name=" + list + ".csv" + provider, csv,
                  {{"X-Yiyang-Request", "1"}, {"Content-Type", "text/csv"}});
}

std::int64_t dispatched_booking(ApiClient& agent, const ProviderOneSetup& s, std::int64_t provider,
                                const std::string& description) {
    auto created = agent.post("/api/v1/orders", booking_body(s, description));
    REQUIRE(created.status == 201);
    const auto id = created.body["order"]["id"].get<std::int64_t>();
    REQUIRE(transition(agent, id, {{"action", "dispatch_provider"}, {"provider_id", provider}}).status == 200);
    return id;
}

std::int64_t server_clock(ApiClient& c) {
    auto h = c.get("/api/v1/health");
    REQUIRE(h.status == 200);
    auto t = yiyang::parse_timestamp(h.body["time"].get<std::string>());
    REQUIRE(t);
    return *t;
}

std::vector<std::string> split_chars(const std::string& s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = 1;
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0xF0) n = 4; else if (c >= 0xE0) n = 3; else if (c >= 0xC0) n = 2;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

}  // namespace yiyang::test
