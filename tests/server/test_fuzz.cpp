// Issue 8, "no request can stop the server": a seeded fuzz of every endpoint the server documents, as every role,
// with malformed bodies, path ids and query values. Expected: no crash (health answers after every batch), no 5xx,
// every 4xx a JSON error with a code and a Chinese message, and 400 bad_query for every refused query parameter.
#include <catch2/catch.hpp>

#include <cctype>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <set>

#include "harness.hpp"

namespace test_fuzz {

using namespace yiyang::test;

namespace {

struct Sent {
    int status = 0;   // 0 = no reply (connection failed or closed)
    std::string body;
};

// One keep-alive connection per role; raw method, path, body and Content-Type ("" = none), so the test can send
// what ApiClient cannot (wrong or missing Content-Type, invalid UTF-8, NUL bytes).
class RawClient {
public:
    RawClient(const std::string& host, int port, std::string cookie) : cli_(host, port), cookie_(std::move(cookie)) {
        cli_.set_keep_alive(true);
        cli_.set_tcp_nodelay(true);   // else Nagle holds each body back 40 ms behind its headers
        cli_.set_connection_timeout(5);
        cli_.set_read_timeout(30);
    }
    Sent send(const std::string& method, const std::string& path, const std::string& body, const std::string& type) {
        httplib::Headers h{{"X-Yiyang-Request", "1"}};
        if (!cookie_.empty()) h.emplace("Cookie", cookie_);
        httplib::Result r{nullptr, httplib::Error::Unknown};
        if (method == "GET") r = cli_.Get(path, h);
        else if (method == "POST") r = cli_.Post(path, h, body, type);
        else if (method == "PUT") r = cli_.Put(path, h, body, type);
        else if (method == "DELETE") r = cli_.Delete(path, h, body, type);
        if (!r) return {};
        return {r->status, r->body};
    }

private:
    httplib::Client cli_;
    std::string cookie_;
};

std::string percent_encoded(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
        else { out += '%'; out += hex[c >> 4]; out += hex[c & 15]; }
    }
    return out;
}

bool has_chinese(const std::string& s) {
    for (std::size_t i = 0; i + 2 < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0xE4 && c <= 0xE9 && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) return true;
    }
    return false;
}

std::string nested(const std::string& open, const std::string& close, int levels) {
    std::string s;
    s.reserve((open.size() + close.size()) * static_cast<std::size_t>(levels) + 4);
    for (int i = 0; i < levels; ++i) s += open;
    s += "1";
    for (int i = 0; i < levels; ++i) s += close;
    return s;
}

std::string repeated(const std::string& unit, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += unit;
    return s;
}

// Values for one field, as JSON text (some are not JSON at all: NaN, raw invalid UTF-8, a raw NUL).
std::vector<std::string> bad_values() {
    return {"null", "true", "false", "0", "-1", "1", "9223372036854775808", "-9223372036854775809",
            "18446744073709551616", "1e400", "-1e400", "1.5", "1e-400", "NaN", "Infinity", "-Infinity",
            "\"\"", "\"abc\"", "\"-1\"", "\"99999999999999999999\"", "\"2026-02-30T25:61:61\"", "[]", "{}",
            "[null]", "[1,\"a\",{}]", "{\"a\":1}", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"",
            std::string("\"a\0b\"", 5), "\"\xff\xfe\"", "\"\xe4\xb8\"", "\"" + std::string(5000, 'x') + "\"",
            "\"" + repeated("长", 3000) + "\"",
            nested("[", "]", 40), nested("{\"a\":", "}", 40)};
}

// Whole bodies that are no valid request of any endpoint: {text, Content-Type}.
std::vector<std::pair<std::string, std::string>> bad_bodies() {
    const std::string json = "application/json";
    return {{"", json}, {" ", json}, {"null", json}, {"[]", json}, {"1", json}, {"\"s\"", json}, {"{", json},
            {"{\"a\":}", json}, {"NaN", json}, {"{\"a\":NaN}", json}, {"{\"a\":Infinity}", json},
            {"{} trailing", json}, {"{\"a\":1,\"a\":2}", json}, {"{\"\\u0000\":1}", json},
            {"{\"name\":\"\xff\"}", json}, {std::string("{\"name\":\"a\0b\"}", 14), json},
            {nested("[", "]", 100000), json}, {nested("{\"a\":", "}", 100000), json},
            {"{\"categories\":[" + nested("[", "]", 100000) + "]}", json},
            {"{\"name\":\"" + std::string(1000000, 'a') + "\"}", json},          // 1 MB, under the 1 MiB limit
            {"{\"name\":\"" + std::string(1100000, 'a') + "\"}", json},          // over it: 413
            {"{}", "text/plain"}, {"{}", ""}, {"a=1&b=2", "application/x-www-form-urlencoded"},
            {"\xef\xbb\xbf{}", json}};
}

std::vector<std::string> bad_query_values() {
    return {"", "abc", "-1", "0", "99999999999999999999", "1e400", "NaN", "\xff", std::string("\0", 1), "\xe4\xb8",
            std::string(3000, '9'), "2026-13", "2026-Q5", "9999", "0000", "-", "true", "\r\nX: y", " 1", "1,2",
            "2026-02-30"};
}

std::vector<std::string> bad_path_ids() {
    return {"0", "-1", "99999999999999999999", "abc", "%FF", "%00", "1.5", "1e3", std::string(300, '7'), " 1"};
}

// The fields each body endpoint reads (by "METHOD path" as documented).
const std::map<std::string, std::vector<std::string>>& fields_of() {
    static const std::map<std::string, std::vector<std::string>> f = {
        {"POST /api/v1/session", {"username", "password"}},
        {"PUT /api/v1/me/password", {"old_password", "new_password"}},
        {"POST /api/v1/elders", {"name", "id_number", "phone", "town_id", "categories", "disability", "status",
                                 "death_date", "home", "enrolments", "version", "subsidy_tier"}},
        {"PUT /api/v1/elders/{id}", {"name", "id_number", "phone", "town_id", "categories", "status", "home",
                                     "enrolments", "version"}},
        {"POST /api/v1/elders/{id}/reveal", {"field", "reason"}},
        {"POST /api/v1/knowledge", {"kind", "title", "body", "tags"}},
        {"POST /api/v1/verification/deaths/{id_number}/contact", {"outcome", "day", "note"}},
        {"POST /api/v1/verification/deaths/{id_number}/same-person", {"reason"}},
        {"PUT /api/v1/knowledge/{id}", {"kind", "title", "body", "tags", "version", "reason"}},
        {"DELETE /api/v1/knowledge/{id}", {"reason", "version"}},
        {"POST /api/v1/orders", {"type", "channel", "categories", "elder_id", "town_id", "urgency", "description"}},
        {"POST /api/v1/orders/{id}/transitions", {"action", "reason", "provider_id", "town_id", "satisfaction",
                                                  "evidence", "version"}},
        {"POST /api/v1/kiosk/devices", {"name", "place", "orientation"}},   // issue 12, kiosk-devices
        {"POST /api/v1/kiosk/devices/{id}/revoke", {"reason"}},
        {"POST /api/v1/kiosk/session", {"token"}},
        // issue 13, activity records (工作台账)
        {"POST /api/v1/activities", {"kind", "date", "title", "place", "participants", "participants_text", "quantity",
                                     "numerator", "denominator", "channel", "note"}},
        {"PUT /api/v1/activities/{id}", {"kind", "date", "title", "quantity", "numerator", "denominator", "channel"}},
        {"POST /api/v1/activities/{id}/return", {"reason"}},
        {"PUT /api/v1/reports/operation/draft", {"kind", "period", "problems"}},   // issue 13, part reports
        {"POST /api/v1/reports/operation/sign", {"kind", "period", "note"}},
        {"POST /api/v1/reports/signed/{id}/countersign", {"note"}},   // issue 13: the leader's countersign
        {"POST /api/v1/reports/signed/{id}/return", {"reason"}},
    };
    return f;
}

struct Endpoint {
    std::string method, path;
    std::vector<std::string> query;
    std::string key() const { return method + " " + path; }
};

// Failures grouped by kind and route (first example kept, the rest counted), so one report names every hole.
struct Tally {
    int requests = 0;
    int nginx_html = 0;   // replies nginx made itself (external runs only)
    std::map<int, int> by_status;
    std::map<std::string, std::pair<std::string, int>> failures;
    void fail(const std::string& kind, const std::string& route, const std::string& example) {
        auto& f = failures[kind + " — " + route];
        if (f.second++ == 0) f.first = example;
    }
};

std::string shown(const std::string& s) {
    std::string out;
    for (unsigned char c : s.substr(0, 60)) out += (c < 0x20 || c >= 0x7F) ? '?' : static_cast<char>(c);
    return s.size() > 60 ? out + "…(" + std::to_string(s.size()) + " B)" : out;
}

// The checks every reply must pass; `query_only` marks a request whose only defect is in its query string.
void check(Tally& t, const std::string& route, const std::string& what, const Sent& r, bool query_only,
           bool external) {
    ++t.requests;
    ++t.by_status[r.status];
    if (r.status == 0) return t.fail("no reply", route, what);
    if (r.status >= 500) return t.fail(std::to_string(r.status), route, what + " → " + shown(r.body));
    if (r.status < 400) return;
    // Through nginx, an over-size body (413) and a NUL byte in the path (400) are answered by nginx itself, in
    // HTML, before the server sees them: counted apart (deploy/nginx.conf has no JSON error_page for them).
    if (external && (r.status == 413 || r.status == 400) && r.body.find("<center>nginx") != std::string::npos) {
        ++t.nginx_html;
        return;
    }
    // The print pages (/api/v1/export/….html) open in a browser tab: their refusals are a Chinese HTML page with
    // the error code in <body data-error-code>, not the JSON envelope.
    if (route.size() > 5 && route.compare(route.size() - 5, 5, ".html") == 0) {
        const auto at = r.body.find("data-error-code=\"");
        if (r.body.rfind("<!DOCTYPE html>", 0) != 0 || at == std::string::npos) {
            return t.fail(std::to_string(r.status) + " without an HTML error page", route, what + " → " + shown(r.body));
        }
        if (!has_chinese(r.body)) return t.fail(std::to_string(r.status) + " page not in Chinese", route, what);
        const auto start = at + 17;
        const std::string code = r.body.substr(start, r.body.find('"', start) - start);
        if (query_only && (r.status == 400 || r.status == 422) && (r.status != 400 || code != "bad_query")) {
            t.fail("bad query parameter answered " + std::to_string(r.status) + " " + code + " (want 400 bad_query)",
                   route, what);
        }
        return;
    }
    auto j = nlohmann::json::parse(r.body, nullptr, false);   // also refuses invalid UTF-8 in the reply
    if (!j.is_object() || !j.contains("error") || !j["error"].is_object() || !j["error"].contains("code") ||
        !j["error"]["code"].is_string() || !j["error"].contains("message") || !j["error"]["message"].is_string()) {
        return t.fail(std::to_string(r.status) + " without a JSON error", route, what + " → " + shown(r.body));
    }
    if (!has_chinese(j["error"]["message"].get<std::string>())) {
        return t.fail(std::to_string(r.status) + " message not in Chinese", route, what);
    }
    if (query_only && (r.status == 400 || r.status == 422) &&
        (r.status != 400 || j["error"]["code"] != "bad_query")) {
        t.fail("bad query parameter answered " + std::to_string(r.status) + " " +
                   j["error"]["code"].get<std::string>() + " (want 400 bad_query)", route, what);
    }
}

}  // namespace

TEST_CASE("a seeded fuzz of every endpoint as every role: no crash, no 5xx, JSON errors in Chinese", "[fuzz]") {
    auto& env = TestEnv::get();
    const auto started = std::chrono::steady_clock::now();
    std::mt19937 rng(20261204);

    // Real ids to put in paths, next to the bogus ones.
    auto admin = env.signed_in("admin");
    auto first_id = [&](const std::string& list) -> std::string {
        auto r = admin.get(list);
        REQUIRE(r.status == 200);
        REQUIRE(!r.body["items"].empty());
        return std::to_string(r.body["items"][0]["id"].get<std::int64_t>());
    };
    const std::string elder = first_id("/api/v1/elders?page_size=1");
    const std::string order = first_id("/api/v1/orders?page_size=1");
    const std::string article = first_id("/api/v1/knowledge?page_size=1");
    auto real_id = [&](const std::string& path) {
        if (path.rfind("/api/v1/elders", 0) == 0) return elder;
        if (path.rfind("/api/v1/orders", 0) == 0) return order;
        if (path.rfind("/api/v1/knowledge", 0) == 0) return article;
        return std::string("1");
    };

    // Every endpoint, from the published route table.
    auto doc = env.client().get("/api/v1/openapi.json");
    REQUIRE(doc.status == 200);
    std::vector<Endpoint> endpoints;
    for (auto& [path, methods] : doc.body["paths"].items()) {
        for (auto& [method, op] : methods.items()) {
            Endpoint e{method, path, {}};
            for (auto& c : e.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            for (const auto& p : op.value("parameters", nlohmann::json::array())) {
                if (p.value("in", "") == "query") e.query.push_back(p["name"].get<std::string>());
            }
            endpoints.push_back(e);
        }
    }
    REQUIRE(endpoints.size() >= 30);

    const std::vector<std::string> roles = {"admin", "supervisor", "agent", "provider", "town", "kiosk", ""};
    const auto values = bad_values();
    const auto bodies = bad_bodies();
    const auto query_values = bad_query_values();
    const auto path_ids = bad_path_ids();
    std::string category = "meals";
    Tally t;

    auto fill = [&](const std::string& path, const std::string& id) {
        std::string p = path;
        for (const char* hole : {"{id}", "{code}", "{id_number}"}) {
            if (auto at = p.find(hole); at != std::string::npos) {
                const bool code = std::string(hole) == "{code}";
                p.replace(at, std::strlen(hole), id.empty() ? (code ? "response_rate" : real_id(path)) : id);
            }
        }
        return p;
    };
    auto object_with = [](const std::string& base, const std::string& key, const std::string& value) {
        return base == "{}" ? "{\"" + key + "\":" + value + "}"
                            : base.substr(0, base.size() - 1) + ",\"" + key + "\":" + value + "}";
    };

    std::map<std::string, double> seconds_of;   // per endpoint, to keep the run bounded
    for (const auto& role : roles) {
        const std::string cookie = role.empty() ? std::string() : env.signed_in(role).cookie();
        RawClient c(env.host(), env.port(), cookie);
        for (const auto& e : endpoints) {
            // Signing out would end this role's session for the rest of the run.
            if (e.key() == "DELETE /api/v1/session" && !role.empty()) continue;
            const auto batch_start = std::chrono::steady_clock::now();
            const bool has_body = e.method != "GET";
            const bool has_id = e.path.find('{') != std::string::npos;
            const std::string json = "application/json";
            const std::string who = role.empty() ? "anonymous" : role;
            auto send = [&](const std::string& path, const std::string& body, const std::string& type,
                            bool query_only = false) {
                const auto r = c.send(e.method, path, body, type);
                check(t, e.key(), who + " " + shown(path) + " body " + shown(body), r, query_only, env.external());
                return r;
            };
            // The role's standing: 401/403 without any defect means the handler never reaches the input.
            const auto baseline = c.send(e.method, fill(e.path, ""), has_body ? "{}" : "", json);
            const bool reaches_input = baseline.status != 401 && baseline.status != 403;

            if (has_body) {
                for (const auto& [body, type] : bodies) send(fill(e.path, ""), body, type);
            }
            if (has_id) {
                for (const auto& id : path_ids) send(fill(e.path, id), has_body ? "{}" : "", json);
            }
            // Query parameters: every value to every parameter for a role the route serves, three otherwise.
            for (const auto& q : e.query) {
                std::vector<std::string> vs = query_values;
                if (!reaches_input) {
                    std::shuffle(vs.begin(), vs.end(), rng);
                    vs.resize(3);
                }
                for (const auto& v : vs) {
                    const auto path = fill(e.path, "") + "?" + q + "=" + percent_encoded(v);
                    send(path, has_body ? "{}" : "", json, e.method == "GET");
                }
                // Twice the same parameter, one of them bad.
                send(fill(e.path, "") + "?" + q + "=1&" + q + "=%FF", has_body ? "{}" : "", json, e.method == "GET");
            }
            // Fields: every bad value in every field the endpoint reads, alone and beside a plausible order.
            if (has_body && reaches_input) {
                auto it = fields_of().find(e.key());
                if (it != fields_of().end()) {
                    std::vector<std::string> bases = {"{}"};
                    if (e.key() == "POST /api/v1/orders") {
                        bases.push_back("{\"type\":\"booking\",\"channel\":\"hotline\",\"categories\":[\"" + category +
                                        "\"],\"elder_id\":" + elder + "}");
                        bases.push_back("{\"type\":\"consultation\",\"channel\":\"hotline\",\"town_id\":1}");
                    }
                    for (const auto& base : bases) {
                        for (const auto& field : it->second) {
                            for (const auto& v : values) send(fill(e.path, ""), object_with(base, field, v), json);
                        }
                    }
                    // Unknown fields: one, and two hundred.
                    send(fill(e.path, ""), object_with("{}", "no_such_field", "1"), json);
                    std::string many = "{";
                    for (int i = 0; i < 200; ++i) many += (i ? ",\"f" : "\"f") + std::to_string(i) + "\":" + std::to_string(i);
                    send(fill(e.path, ""), many + "}", json);
                }
            }
            // The batch is over: the server must still be there.
            auto health = env.client().get("/api/v1/health");
            INFO("after " << who << " " << e.key());
            REQUIRE(health.status == 200);
            seconds_of[e.key()] +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - batch_start).count();
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::string statuses;
    for (const auto& [s, n] : t.by_status) statuses += " " + std::to_string(s) + "×" + std::to_string(n);
    std::printf("fuzz: %d requests to %zu endpoints as %zu roles in %.1f s; statuses:%s; answered by nginx: %d\n",
                t.requests, endpoints.size(), roles.size(), seconds, statuses.c_str(), t.nginx_html);
    if (std::getenv("YIYANG_FUZZ_TIMES")) {
        for (const auto& [k, sec] : seconds_of) std::printf("  %6.2f s  %s\n", sec, k.c_str());
    }
    std::string report;
    for (const auto& [key, f] : t.failures) {
        report += key + " (" + std::to_string(f.second) + "×), e.g. " + f.first + "\n";
    }
    INFO(report);
    CHECK(t.failures.empty());
    CHECK(t.requests >= 4000);
    // A pathologically slow endpoint shows here: each endpoint's batch (every role, every bad value) is bounded, not
    // the walk, which grows with the endpoints (194 endpoints, 59 000 requests: 44 s release on two cores, 56 s with
    // a build beside it — the slowest batch, GET /api/v1/export/orders.xlsx, 3.0 s). Under ASan + UBSan every request
    // costs several times as much.
#if defined(__SANITIZE_ADDRESS__)
    constexpr double kBound = 60;
#else
    constexpr double kBound = 15;
#endif
    std::string slowest;
    double slowest_s = 0;
    for (const auto& [k, sec] : seconds_of)
        if (sec > slowest_s) slowest_s = sec, slowest = k;
    INFO("the slowest endpoint: " << slowest << " " << slowest_s << " s");
    if (!env.external()) CHECK(slowest_s <= kBound);
}

TEST_CASE("the holes the probing found: deep nesting, null ids, a file name that is not UTF-8", "[fuzz]") {
    auto& env = TestEnv::get();
    RawClient agent(env.host(), env.port(), env.signed_in("agent").cookie());
    auto error_of = [](const Sent& r) { return nlohmann::json::parse(r.body, nullptr, false)["error"]; };

    // One categories element nested 100 000 levels (200 KB) stopped the process while its value was dumped into
    // the error message.
    const auto deep = agent.send("POST", "/api/v1/orders",
                                 "{\"type\":\"booking\",\"channel\":\"hotline\",\"categories\":[" +
                                     nested("[", "]", 100000) + "]}", "application/json");
    CHECK(deep.status == 400);
    CHECK(error_of(deep)["code"] == "bad_json");
    REQUIRE(env.client().get("/api/v1/health").status == 200);
    // 32 levels are parsed; a wrong value at depth is described by its kind, not dumped.
    const auto at_limit = agent.send("POST", "/api/v1/orders",
                                     "{\"type\":\"booking\",\"channel\":\"hotline\",\"categories\":[" +
                                         nested("[", "]", 30) + "]}", "application/json");
    CHECK(at_limit.status == 422);
    CHECK(at_limit.body.size() < 2000);

    // "town_id": null on an order without an elder reached the insert (foreign-key failure, 500); null is absent.
    const auto null_town = agent.send("POST", "/api/v1/orders",
                                      R"({"type":"consultation","channel":"hotline","town_id":null})", "application/json");
    CHECK(null_town.status == 422);
    auto e = error_of(null_town);
    REQUIRE(e["fields"].is_array());
    CHECK(e["fields"][0]["field"] == "town_id");
    CHECK(has_chinese(e["fields"][0]["message"].get<std::string>()));

    // "elder_id": null on a booking was accepted where leaving it out is refused.
    auto admin = env.signed_in("admin");
    const auto elders = admin.get("/api/v1/elders?page_size=1");
    REQUIRE(elders.status == 200);
    const auto town = std::to_string(elders.body["items"][0]["town_id"].get<std::int64_t>());
    const auto null_elder = agent.send("POST", "/api/v1/orders",
                                       R"({"type":"booking","channel":"hotline","categories":["meals"],"town_id":)" +
                                           town + R"(,"elder_id":null})", "application/json");
    CHECK(null_elder.status == 422);
    e = error_of(null_elder);
    REQUIRE(e["fields"].is_array());
    CHECK(e["fields"][0]["field"] == "elder_id");
    CHECK(has_chinese(e["fields"][0]["message"].get<std::string>()));

    // ?name=%FF on a valid call-record file reached the audit event (invalid UTF-8, 500).
    RawClient sup(env.host(), env.port(), env.signed_in("supervisor").cookie());
    const std::string csv = "direction,caller,callee,start,answer,end,agent,disposition,call_id\n";
    const auto bad_name = sup.send("POST", "/api/v1/calls/import?name=%FF", csv, "text/csv");
    CHECK(bad_name.status == 400);
    CHECK(error_of(bad_name)["code"] == "bad_query");
    CHECK(error_of(bad_name)["fields"][0]["field"] == "name");
}

TEST_CASE("a bad query parameter is 400 bad_query on every route, naming the parameter", "[fuzz]") {
    auto& env = TestEnv::get();
    auto admin = env.signed_in("admin");
    for (const std::string path : {"/api/v1/kpis?period=2026-13", "/api/v1/kpis?town=999999",
                                   "/api/v1/kpis?provider=999999", "/api/v1/kpis/response_rate/records?side=middle",
                                   "/api/v1/kpis/response_rate/records?period=Q5", "/api/v1/callers/lookup",
                                   "/api/v1/callers/lookup?phone=2381234567a", "/api/v1/callers/lookup?id_number=1",
                                   "/api/v1/orders?page=0", "/api/v1/orders?status=nope", "/api/v1/calls?period=x",
                                   "/api/v1/dispatch/candidates"}) {
        INFO(path);
        auto r = admin.get(path);
        CHECK(r.status == 400);
        CHECK(r.body["error"]["code"] == "bad_query");
        CHECK(has_chinese(r.body["error"]["message"].get<std::string>()));
    }
}

}  // namespace test_fuzz
