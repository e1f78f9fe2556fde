// The HTTP server: cpp-httplib 0.11.4 with its known weaknesses contained (TECH-NOTES.md): a pre-routing
// filter for ambiguous framing and forged headers, a payload limit, a generic exception reply, security
// headers, and the transport limits of GuardedServer (head deadline and caps, per-peer cap, backlog, keep-alive,
// closing after a refused request); static files for the dashboard.
#pragma once
#include <httplib.h>

#include <memory>
#include <string>
#include "app/context.hpp"
#include "http/compute_gate.hpp"
#include "http/connection_guard.hpp"
#include "http/router.hpp"

namespace yiyang::http {

// The scheme the client used ("http" / "https"): X-Forwarded-Proto believed from a trusted proxy peer only.
std::string client_scheme(const httplib::Request& req);

class ApiServer {
public:
    explicit ApiServer(app::AppContext& ctx, TransportLimits limits = {});
    // Binds (port 0 = any free port) and returns the port, or -1.
    int bind(const std::string& host, int port);
    // Serves until stop(); returns false if the server could not run.
    bool run();
    void stop();
    GuardedServer& raw() { return server_; }
    ComputeGate& gate() { return gate_; }

private:
    app::AppContext& ctx_;
    GuardedServer server_;
    ComputeGate gate_;
    Router router_;
};

}  // namespace yiyang::http
