// Test harness for the API: a real server on a loopback port over a real SQLite file. By default it
// builds a tiny demo city in a temporary folder and runs the server in this process (with a clock the
// tests can move); with YIYANG_TEST_BASE_URL set it talks to an already-running server instead (e.g. behind
// nginx), with the users listed in YIYANG_TEST_USERS (JSON file: {"admin":{"username","password"},...}).
#pragma once
#include <httplib.h>

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

namespace yiyang::test {

using nlohmann::json;

struct Reply {
    int status = 0;
    json body;
    httplib::Headers headers;
    std::string raw;
    std::string header(const std::string& name) const;
};

// One signed-in (or anonymous) client with its own cookie jar.
class ApiClient {
public:
    ApiClient(std::string host, int port);
    Reply get(const std::string& path);
    Reply post(const std::string& path, const json& body);
    Reply put(const std::string& path, const json& body);
    Reply del(const std::string& path);
    // Sends exactly these headers and body (for CSRF and framing tests).
    Reply send(const std::string& method, const std::string& path, const std::string& body,
               const httplib::Headers& headers);
    Reply sign_in(const std::string& username, const std::string& password);
    const std::string& cookie() const { return cookie_; }

private:
    Reply finish(const httplib::Result& r);
    std::string host_;
    int port_;
    std::string cookie_;
};

class TestEnv {
public:
    static TestEnv& get();
    bool external() const { return external_; }
    std::string host() const { return host_; }
    int port() const { return port_; }
    // Credentials of a ready user (password already changed) per role code: admin, supervisor, agent,
    // town, provider, kiosk, plus "lockout" (a user the lock-out test may lock).
    std::pair<std::string, std::string> user(const std::string& role) const;
    ApiClient client() const { return ApiClient(host_, port_); }
    ApiClient signed_in(const std::string& role) const;
    // In-process only: move the server's clock.
    void advance_clock(std::int64_t seconds);
    // In-process only: run the escalation sweep now (the suite's server runs no sweeper thread); returns how
    // many orders it escalated.
    int sweep_escalations();
    // In-process only: the SQLite file the server writes ("" when external), for checks the API does not expose.
    std::string database_path() const;
    // Raw bytes over a fresh TCP connection; returns the whole response text.
    std::string raw_request(const std::string& bytes) const;

private:
    TestEnv();
    bool external_ = false;
    std::string host_ = "127.0.0.1";
    int port_ = 0;
    std::map<std::string, std::pair<std::string, std::string>> users_;
    struct InProcess;
    std::shared_ptr<InProcess> in_process_;
};

// ---- the order tests' set-up (test_orders, test_evidence, test_kpis, test_calls, test_live) -------------
// What order tests need from the data: provider 1 (the harness's provider user; must be active), a town it
// covers, a category it offers and an active elder of that town.
struct ProviderOneSetup {
    std::int64_t town = 0;
    std::string category;
    std::int64_t elder = 0;
};
ProviderOneSetup provider_one_setup(ApiClient& c);
// The body of a booking by hotline for the set-up's elder in its category.
json booking_body(const ProviderOneSetup& s, const std::string& description = "测试：预约上门服务");
// POST /api/v1/orders/{id}/transitions.
Reply transition(ApiClient& c, std::int64_t id, const json& body);
// POST /api/v1/imports/{list}?dry_run=0 of a CSV (a verification list), committed, named "<list>.csv"; service
// records as provider 1's (provider_id is required for that list).
Reply import_csv(ApiClient& c, const std::string& list, const std::string& csv);
// Creates a booking (201 required) and dispatches it to `provider` (200 required); returns its id.
std::int64_t dispatched_booking(ApiClient& agent, const ProviderOneSetup& s, std::int64_t provider = 1,
                                const std::string& description = "测试：预约上门服务");
// The server's clock (GET /api/v1/health), in local seconds.
std::int64_t server_clock(ApiClient& c);
// The UTF-8 characters of s, one string each (names are searched by any two of them).
std::vector<std::string> split_chars(const std::string& s);

}  // namespace yiyang::test
