// The installed HTTP transport and the free functions the app layer calls (http.hpp); portable C++, built into
// the dashboard and into the native client tests alike.
#include "platform/http.hpp"

#include <cstdio>
#include <cstdlib>

namespace yiyang::client {
namespace {

HttpTransport* g_transport = nullptr;

HttpTransport& transport() {
    if (!g_transport) {
        std::fputs("yiyang: no HTTP transport installed (install_http)\n", stderr);
        std::abort();
    }
    return *g_transport;
}

}  // namespace

void install_http(HttpTransport* t) { g_transport = t; }

void http_request(const std::string& method, const std::string& url, const nlohmann::json* body,
                  HttpCallback on_done) {
    transport().request(method, url, body, std::move(on_done), false);
}

void http_request_quiet(const std::string& method, const std::string& url, const nlohmann::json* body,
                        HttpCallback on_done) {
    transport().request(method, url, body, std::move(on_done), true);
}

void http_get_bytes(const std::string& url, BytesCallback on_done) { transport().get_bytes(url, std::move(on_done)); }

int http_pending() { return g_transport ? g_transport->pending() : 0; }

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
