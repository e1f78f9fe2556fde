// Transport limits cpp-httplib 0.11.4 lacks: a deadline and a byte cap for each request head, a cap on
// connections per peer, a larger listen backlog, and closing a connection after a refused request (no smuggling).
// GuardedServer owns the limits; the per-connection state lives on the worker thread (see connection_guard.cpp).
#pragma once
#include <httplib.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <thread>

namespace yiyang::http {

// Values and reasons are documented in docs/API.md ("Transport limits").
struct TransportLimits {
    int head_deadline_ms = 5000;             // the whole request line + headers, from its first byte
    std::size_t head_max_bytes = 32 * 1024;  // request line + headers (+ at most 4 KiB the library reads ahead)
    std::size_t header_max_count = 100;      // header fields a client may send
    int per_peer_max_connections = 32;       // open connections from one address (trusted proxies exempt)
    int listen_backlog = 1024;               // httplib hard-codes 5
    std::size_t keep_alive_max_requests = 1000;   // httplib's default ends a connection after 5
    std::size_t worker_threads = 128;        // > per-peer cap: one address cannot occupy every worker
    // GET handlers computing at once (ComputeGate, FIFO; one per core measured as well as 2 or 4 on 2 cores), and
    // the longest a request waits for a slot before it runs anyway. 0 = no gate.
    std::size_t compute_slots = std::max(2u, std::thread::hardware_concurrency());
    int compute_max_wait_ms = 100;
    int linger_ms = 1000;                    // after a refused request: drain what the peer still sends, then close
    // Peers allowed to speak for the client (nginx on this machine): not capped, and X-Forwarded-Proto is
    // believed only from them.
    std::set<std::string> trusted_proxies = {"127.0.0.1", "::1", "::ffff:127.0.0.1"};
};

struct ListenerState;   // limits + open connections per peer, shared with the accept hook

class GuardedServer : public httplib::Server {
public:
    explicit GuardedServer(TransportLimits limits = {});
    ~GuardedServer() override;
    // Binds like bind_to_port / bind_to_any_port (port 0), with the backlog and per-peer cap in force.
    int bind_guarded(const std::string& host, int port);
    const TransportLimits& limits() const;

private:
    std::shared_ptr<ListenerState> state_;
};

// Calls for handlers, which run on the connection's worker thread. Outside a guarded connection they do nothing.
namespace conn {
// The pre-routing handler has the complete head: from here on the body is read without the head limits.
void head_complete();
// This request is refused before its body was read: after the reply the connection is closed (the unread body must
// never be parsed as a next request).
void close_after_reply();
// The logger calls this once the reply is written: the next request's head starts, or the connection ends.
void reply_written();
// Why the head was cut off, if it was (for the error reply): "" / "timeout" / "too_large".
std::string head_refusal();
// The peer is one of TransportLimits::trusted_proxies.
bool peer_is_trusted_proxy();
}  // namespace conn

}  // namespace yiyang::http
