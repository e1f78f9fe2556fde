// The browser's HTTP transport (http.hpp HttpTransport) over emscripten_fetch. Emscripten 3.1.6 copies request
// headers but not always the body in time, so the body string lives in the request record until the callback;
// the record is freed there.
#include "platform/http.hpp"

#include <emscripten/fetch.h>

#include <cstring>
#include <memory>

#include "platform/browser.hpp"
#include "platform/fonts.hpp"

namespace yiyang::client {
namespace {

int g_pending = 0;

struct Request {
    std::string method;
    std::string body;               // must outlive the fetch
    HttpCallback on_json;
    BytesCallback on_bytes;
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
    fonts::need_text(resp.text);                    // names and texts from the server: glyphs beyond the first font
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

class EmscriptenHttp final : public HttpTransport {
public:
    void request(const std::string& method, const std::string& url, const nlohmann::json* body,
                 HttpCallback on_done, bool quiet) override {
        auto req = std::make_unique<Request>();
        req->method = method;
        req->quiet = quiet;
        if (body) req->body = body->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        req->on_json = std::move(on_done);
        start(std::move(req), url, true);
    }
    void get_bytes(const std::string& url, BytesCallback on_done) override {
        auto req = std::make_unique<Request>();
        req->method = "GET";
        req->on_bytes = std::move(on_done);
        start(std::move(req), url, false);
    }
    int pending() const override { return g_pending; }
};

}  // namespace

void install_emscripten_http() {
    static EmscriptenHttp transport;
    install_http(&transport);
}

}  // namespace yiyang::client
