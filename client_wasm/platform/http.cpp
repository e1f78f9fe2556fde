// emscripten_fetch wrapper. Emscripten 3.1.6 copies request headers but not always the body in time, so
// the body string lives in the request record until the callback; the record is freed there.
#include "platform/http.hpp"

#include <emscripten/fetch.h>

#include <cstring>
#include <memory>

#include "platform/browser.hpp"

namespace yiyang::client {
namespace {

int g_pending = 0;

struct Request {
    std::string method;
    std::string body;               // must outlive the fetch
    HttpCallback on_json;
    std::function<void(int, std::vector<unsigned char>)> on_bytes;
    bool quiet = false;             // http_request_quiet: not counted, no wake (background refreshes)
};

void finished(emscripten_fetch_t* fetch) {
    std::unique_ptr<Request> req(static_cast<Request*>(fetch->userData));
    const int status = fetch->status;
    const char* data = fetch->data;
    const auto size = static_cast<std::size_t>(fetch->numBytes);
    if (!req->quiet) {
        --g_pending;
        wake();
    }
    if (req->on_bytes) {
        std::vector<unsigned char> bytes(size);
        if (size) std::memcpy(bytes.data(), data, size);
        emscripten_fetch_close(fetch);
        req->on_bytes(status, std::move(bytes));
        return;
    }
    HttpResponse resp;
    resp.status = status;
    resp.text.assign(data ? data : "", data ? size : 0);
    emscripten_fetch_close(fetch);
    resp.body = resp.text.empty() ? nlohmann::json::object()
                                  : nlohmann::json::parse(resp.text, nullptr, false);
    if (req->on_json) req->on_json(resp);
}

void start(std::unique_ptr<Request> req, const std::string& url, bool json) {
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, req->method.c_str(), sizeof(attr.requestMethod) - 1);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY | EMSCRIPTEN_FETCH_REPLACE;   // straight to XHR, no cache
    attr.withCredentials = EM_TRUE;
    attr.timeoutMSecs = 30000;
    const bool changes_state = req->method != "GET" && req->method != "HEAD";
    static const char* const get_headers[] = {"Accept", "application/json", nullptr};
    static const char* const change_headers[] = {"Accept", "application/json", "Content-Type",
                                                 "application/json", "X-Yiyang-Request", "1", nullptr};
    if (json) attr.requestHeaders = changes_state ? change_headers : get_headers;
    if (!req->body.empty()) {
        attr.requestData = req->body.data();
        attr.requestDataSize = req->body.size();
    }
    attr.onsuccess = finished;
    attr.onerror = finished;
    if (!req->quiet) ++g_pending;
    attr.userData = req.release();
    emscripten_fetch(&attr, url.c_str());
}

}  // namespace

void http_request(const std::string& method, const std::string& url, const nlohmann::json* body,
                  HttpCallback on_done) {
    auto req = std::make_unique<Request>();
    req->method = method;
    if (body) req->body = body->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    req->on_json = std::move(on_done);
    start(std::move(req), url, true);
}

// ---- background requests (KPI tiles, live feed polling) ----
void http_request_quiet(const std::string& method, const std::string& url, const nlohmann::json* body,
                        HttpCallback on_done) {
    auto req = std::make_unique<Request>();
    req->method = method;
    req->quiet = true;
    if (body) req->body = body->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    req->on_json = std::move(on_done);
    start(std::move(req), url, true);
}
// ---- end background requests ----

void http_get_bytes(const std::string& url, std::function<void(int, std::vector<unsigned char>)> on_done) {
    auto req = std::make_unique<Request>();
    req->method = "GET";
    req->on_bytes = std::move(on_done);
    start(std::move(req), url, false);
}

int http_pending() { return g_pending; }

std::string url_encode(const std::string& text) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
            c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace yiyang::client
