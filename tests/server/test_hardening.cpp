// The cpp-httplib 0.11.4 weaknesses contained (TECH-NOTES.md): ambiguous framing, oversize bodies,
// forged headers, security headers; bad input never gets a 500.
#include <catch2/catch.hpp>

#include "harness.hpp"

namespace test_hardening {

using namespace yiyang::test;

namespace {
int status_of(const std::string& raw) {
    if (raw.size() < 12) return 0;
    return std::stoi(raw.substr(9, 3));
}
}  // namespace

TEST_CASE("chunked and compressed request bodies are refused before reading", "[hardening][direct]") {
    auto& env = TestEnv::get();
    auto chunked = env.raw_request("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Yiyang-Request: 1\r\n"
                                   "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                                   "5\r\n{\"a\":\r\n0\r\n\r\n");
    CHECK(status_of(chunked) == 400);
    auto both = env.raw_request("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Yiyang-Request: 1\r\n"
                                "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}");
    CHECK(status_of(both) == 400);
    auto gz = env.raw_request("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Yiyang-Request: 1\r\n"
                              "Content-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}");
    CHECK(status_of(gz) == 415);
    auto no_length = env.raw_request("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Yiyang-Request: 1\r\n\r\n");
    CHECK(status_of(no_length) == 411);
}

TEST_CASE("forged REMOTE_ADDR and encoded CR/LF in headers are refused", "[hardening][direct]") {
    auto& env = TestEnv::get();
    auto forged = env.raw_request("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nREMOTE_ADDR: 10.0.0.1\r\n\r\n");
    CHECK(status_of(forged) == 400);
    auto crlf = env.raw_request("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Test: a%0d%0aSet-Cookie: x=1\r\n\r\n");
    // httplib decodes %0d%0a in header values; the filter must catch what reaches the handler.
    const int s = status_of(crlf);
    CHECK((s == 400 || s == 200));
    if (s == 200) CHECK(crlf.find("Set-Cookie: x=1") == std::string::npos);
}

TEST_CASE("an oversize body is refused with 413", "[hardening]") {
    auto c = TestEnv::get().signed_in("supervisor");
    std::string big = "{\"name\":\"" + std::string(2 * 1024 * 1024, 'a') + "\"}";
    auto r = c.send("POST", "/api/v1/elders", big, {{"X-Yiyang-Request", "1"}});
    CHECK(r.status == 413);
}

TEST_CASE("security headers on API and static replies", "[hardening]") {
    auto& env = TestEnv::get();
    auto api = env.client().get("/api/v1/health");
    CHECK(api.header("X-Content-Type-Options") == "nosniff");
    CHECK(api.header("X-Frame-Options") == "DENY");
    CHECK(api.header("Cache-Control") == "no-store");
    CHECK(api.header("Content-Security-Policy").find("default-src 'self'") != std::string::npos);
    auto page = env.client().get("/");
    CHECK(page.status == 200);
    CHECK(page.raw.find("颐养") != std::string::npos);
    CHECK(page.header("Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
}

TEST_CASE("unknown routes and wrong methods get JSON errors, never 500", "[hardening]") {
    auto c = TestEnv::get().signed_in("supervisor");
    auto missing = c.get("/api/v1/nothing-here");
    CHECK(missing.status == 404);
    CHECK(missing.body["error"]["code"] == "not_found");
    auto wrong_type = c.send("POST", "/api/v1/elders", "name=x", {{"X-Yiyang-Request", "1"}, {"Content-Type", "text/plain"}});
    CHECK(wrong_type.status != 500);
    auto array_body = c.send("POST", "/api/v1/elders", "[1,2]", {{"X-Yiyang-Request", "1"}});
    CHECK(array_body.status == 400);
    auto wrong_types = c.post("/api/v1/elders", {{"name", 42}, {"id_number", true}, {"town_id", "one"},
                                                 {"categories", "x"}, {"disability", 3}, {"status", nullptr}});
    CHECK(wrong_types.status == 422);
}

}  // namespace test_hardening
