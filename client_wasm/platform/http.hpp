// Asynchronous HTTP for the dashboard behind an interface (HttpTransport): the browser's is emscripten_fetch
// (platform/http_emscripten.cpp; no threads: the callback runs on the main loop), the native tests' a fake answering
// recorded replies (tests/client). Same-origin requests carry the session cookie; state-changing ones carry
// X-Yiyang-Request: 1 (docs/API.md "State-changing requests"). Bodies are JSON; replies are parsed without throwing.
#pragma once
#include <functional>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

namespace yiyang::client {

struct HttpResponse {
    int status = 0;                 // 0: network error or timeout (no reply at all)
    nlohmann::json body;            // discarded (is_discarded()) when the reply is not JSON
    std::string text;               // raw reply
};
using HttpCallback = std::function<void(const HttpResponse&)>;
using BytesCallback = std::function<void(int status, std::vector<unsigned char>)>;

// What the app layer needs of HTTP; one is installed at start-up (install_http) and the free functions below
// forward to it.
class HttpTransport {
public:
    virtual ~HttpTransport() = default;
    // quiet: a background request (see http_request_quiet): not counted by pending(), does not wake the loop.
    virtual void request(const std::string& method, const std::string& url, const nlohmann::json* body,
                         HttpCallback on_done, bool quiet) = 0;
    virtual void get_bytes(const std::string& url, BytesCallback on_done) = 0;
    virtual int pending() const = 0;
};
// Not owned; it must outlive every request. nullptr uninstalls (a request then aborts with a message).
void install_http(HttpTransport* transport);

// method: "GET", "POST", "PUT", "DELETE". body: sent when not null (as JSON text).
void http_request(const std::string& method, const std::string& url, const nlohmann::json* body,
                  HttpCallback on_done);
// ---- background requests (KPI tiles, live feed polling) ---------------------------------------------------
// As http_request, but not counted by http_pending() and not waking the render loop: a poll that brings
// nothing new must not redraw an idle page. The caller wakes the loop itself when the reply changed state.
void http_request_quiet(const std::string& method, const std::string& url, const nlohmann::json* body,
                        HttpCallback on_done);
// ---- end background requests -----------------------------------------------------------------------
// Raw bytes (the font file).
void http_get_bytes(const std::string& url, BytesCallback on_done);
// Requests sent and not yet answered.
int http_pending();

// "a b&c" -> "a%20b%26c" (query parameters; UTF-8 bytes percent-encoded).
std::string url_encode(const std::string& text);

}  // namespace yiyang::client
