// The exported test-state function (EMSCRIPTEN_KEEPALIVE): JavaScript reads the returned UTF-8 JSON with
// UTF8ToString before the next call (the buffer is reused).
#include "platform/test_hook.hpp"

#include <emscripten/emscripten.h>

#include <string>

namespace yiyang::client {
namespace {
std::function<nlohmann::json()> g_source;
std::string g_buffer;
}  // namespace

void set_test_state_source(std::function<nlohmann::json()> source) { g_source = std::move(source); }

}  // namespace yiyang::client

extern "C" EMSCRIPTEN_KEEPALIVE const char* yiyang_test_state() {
    using namespace yiyang::client;
    nlohmann::json j = g_source ? g_source() : nlohmann::json::object();
    g_buffer = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return g_buffer.c_str();
}
