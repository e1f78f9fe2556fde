// The connection guard: per-connection limits around cpp-httplib 0.11.4, which reads a request head with a read
// timeout that restarts at every byte, buffers header lines of any length, listens with a backlog of 5 and keeps
// reading a connection after a request it refused without reading its body (request smuggling behind a proxy).
//
// How: Debian ships httplib as a shared library that calls recv, poll, listen and accept from libc through the
// dynamic linker. This file defines those four functions, so the executable's definitions are the ones the library
// binds to (both yiyang-server and test_server link this object through GuardedServer). Each definition passes
// straight through to the kernel (recvfrom, ppoll, the listen syscall, accept4) unless the socket belongs to a
// GuardedServer:
//   - listen: only while GuardedServer::bind_guarded runs on this thread; raises the backlog and remembers the
//     listening socket;
//   - accept: only on a remembered listening socket; counts open connections per peer address and answers a peer
//     over its cap with 429 at once (before the connection takes a worker or a queue slot);
//   - recv / poll: only for the connection the calling worker thread is serving (a thread_local set by the
//     GuardedServer's task queue around the job; httplib serves a connection on one thread from accept to close).
//     (Server::process_and_close_socket is virtual but private in 0.11.4, so it cannot be wrapped; the queue can:
//     httplib's listener thread calls accept and then, on the same thread, enqueues that socket's job.)
//     They enforce the head deadline and byte cap, and after a refused request report end-of-input, so the library
//     ends the keep-alive loop instead of parsing the unread body as a next request.
// Alternatives considered: a watchdog thread calling shutdown() cannot stop a peer that keeps sending (Linux still
// delivers data after SHUT_RD), and the library's own hooks run only after a complete head.
#undef _FORTIFY_SOURCE   // our recv/poll must be plain functions, not glibc's inline fortify wrappers
#include "http/connection_guard.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <map>
#include <mutex>

namespace yiyang::http {

using Clock = std::chrono::steady_clock;

struct ListenerState {
    TransportLimits limits;
    std::mutex mu;
    std::map<std::string, int> open;     // open connections per peer address (queued or being served)

    bool trusted(const std::string& ip) const { return limits.trusted_proxies.count(ip) > 0; }
    bool admit(const std::string& ip) {
        std::lock_guard lock(mu);
        auto& n = open[ip];
        if (!trusted(ip) && n >= limits.per_peer_max_connections) {
            if (n == 0) open.erase(ip);
            return false;
        }
        ++n;
        return true;
    }
    void release(const std::string& ip) {
        std::lock_guard lock(mu);
        auto it = open.find(ip);
        if (it != open.end() && --it->second <= 0) open.erase(it);
    }
};

namespace {

// ---- the real calls (no libc symbol we interpose is used below) -------------------------------------------------
ssize_t real_recv(int fd, void* buf, size_t n, int flags) { return ::recvfrom(fd, buf, n, flags, nullptr, nullptr); }
int real_poll(pollfd* fds, nfds_t n, int timeout_ms) {
    if (timeout_ms < 0) return ::ppoll(fds, n, nullptr, nullptr);
    timespec ts{timeout_ms / 1000, static_cast<long>(timeout_ms % 1000) * 1000000L};
    return ::ppoll(fds, n, &ts, nullptr);
}
int real_listen(int fd, int backlog) { return static_cast<int>(::syscall(SYS_listen, fd, backlog)); }
int real_accept(int fd, sockaddr* addr, socklen_t* len) { return ::accept4(fd, addr, len, 0); }

std::string peer_ip(int fd) {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) return "";
    char buf[INET6_ADDRSTRLEN] = {};
    if (ss.ss_family == AF_INET) {
        ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&ss)->sin_addr, buf, sizeof buf);
    } else if (ss.ss_family == AF_INET6) {
        ::inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&ss)->sin6_addr, buf, sizeof buf);
    }
    return buf;
}

// ---- listening sockets of GuardedServers ------------------------------------------------------------------------
std::mutex g_listeners_mu;
std::map<int, std::weak_ptr<ListenerState>> g_listeners;
thread_local const std::shared_ptr<ListenerState>* t_binding = nullptr;

// Set by accept on httplib's listener thread, taken by GuardedQueue::enqueue right after on the same thread.
struct Accepted {
    int fd = -1;
    std::string ip;
    std::shared_ptr<ListenerState> state;
};
thread_local Accepted t_accepted;

std::shared_ptr<ListenerState> listener(int fd) {
    std::lock_guard lock(g_listeners_mu);
    auto it = g_listeners.find(fd);
    return it == g_listeners.end() ? nullptr : it->second.lock();
}

// A peer over its cap: a complete reply, then close without reading (nothing of it reaches the library).
void refuse_connection(int fd) {
    static const std::string body =
        R"({"error":{"code":"too_many_connections","message":"来自同一地址的连接过多，请稍后重试"}})";
    const std::string reply = "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json; charset=utf-8\r\n"
                              "Retry-After: 5\r\nConnection: close\r\nContent-Length: " +
                              std::to_string(body.size()) + "\r\n\r\n" + body;
    (void)::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(fd, SHUT_WR);
    char buf[4096];   // what already arrived, so that close() sends FIN rather than RST (which may drop the reply)
    for (int i = 0; i < 16 && real_recv(fd, buf, sizeof buf, MSG_DONTWAIT) > 0; ++i) {}
    ::close(fd);
}

// ---- the connection a worker thread is serving ------------------------------------------------------------------
enum class Phase { Idle, Head, Body, Closed };

struct Conn {
    int fd = -1;
    const TransportLimits* limits = nullptr;
    bool trusted = false;
    Phase phase = Phase::Idle;
    Clock::time_point deadline{};
    std::size_t head_bytes = 0;
    bool close_after = false;
    std::string refusal;
};
thread_local Conn* t_conn = nullptr;

Conn* guarded(int fd) {
    Conn* c = t_conn;
    return c && c->fd == fd ? c : nullptr;
}

void cut_head(Conn& c, const char* why) {
    c.refusal = why;
    c.phase = Phase::Closed;
}

// Half-close after the reply (the peer reads the whole reply, then end-of-stream), then read and discard what the
// peer still sends until it closes or linger_ms passes, so that the final close does not reset the connection
// under a reply the peer has not read yet.
void linger(const Conn& c) {
    ::shutdown(c.fd, SHUT_WR);
    const auto end = Clock::now() + std::chrono::milliseconds(c.limits->linger_ms);
    char buf[16384];
    std::size_t total = 0;
    while (total < (std::size_t{8} << 20)) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
        if (left <= 0) break;
        pollfd p{c.fd, POLLIN, 0};
        if (real_poll(&p, 1, static_cast<int>(left)) <= 0) break;
        const auto n = real_recv(c.fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n <= 0) break;
        total += static_cast<std::size_t>(n);
    }
}

// httplib's ThreadPool, with each connection's job run inside its guard (and its peer count released after it).
class GuardedQueue : public httplib::TaskQueue {
public:
    explicit GuardedQueue(std::size_t threads) : pool_(threads) {}
    void enqueue(std::function<void()> fn) override {
        Accepted a = std::move(t_accepted);
        t_accepted = Accepted{};
        if (!a.state) {
            pool_.enqueue(std::move(fn));
            return;
        }
        pool_.enqueue([a = std::move(a), fn = std::move(fn)] {
            Conn c;
            c.fd = a.fd;
            c.limits = &a.state->limits;
            c.trusted = a.state->trusted(a.ip);
            struct Done {
                const Accepted& a;
                ~Done() {
                    t_conn = nullptr;
                    a.state->release(a.ip);
                }
            } done{a};
            t_conn = &c;
            fn();   // httplib's process_and_close_socket(fd): serves the connection, then closes it
        });
    }
    void shutdown() override { pool_.shutdown(); }

private:
    httplib::ThreadPool pool_;
};

}  // namespace

// ---- GuardedServer ----------------------------------------------------------------------------------------------
GuardedServer::GuardedServer(TransportLimits limits) : state_(std::make_shared<ListenerState>()) {
    state_->limits = std::move(limits);
    const auto threads = state_->limits.worker_threads;
    new_task_queue = [threads] { return new GuardedQueue(threads); };
    set_keep_alive_max_count(state_->limits.keep_alive_max_requests);
}

GuardedServer::~GuardedServer() {
    std::lock_guard lock(g_listeners_mu);
    for (auto it = g_listeners.begin(); it != g_listeners.end();) {
        auto s = it->second.lock();
        it = (!s || s == state_) ? g_listeners.erase(it) : std::next(it);
    }
}

const TransportLimits& GuardedServer::limits() const { return state_->limits; }

int GuardedServer::bind_guarded(const std::string& host, int port) {
    t_binding = &state_;
    const int bound = port == 0 ? bind_to_any_port(host) : (bind_to_port(host, port) ? port : -1);
    t_binding = nullptr;
    return bound;
}

namespace conn {
void head_complete() {
    if (Conn* c = t_conn; c && c->phase != Phase::Closed) c->phase = Phase::Body;
}
void close_after_reply() {
    if (Conn* c = t_conn) c->close_after = true;
}
void reply_written() {
    Conn* c = t_conn;
    if (!c) return;
    // Still in the head (the library could not parse it: bad request line, 414, cut off) or refused: the rest of
    // what the peer sent cannot be framed, so nothing more is read from this connection.
    if (c->phase == Phase::Head || c->phase == Phase::Closed || c->close_after) {
        linger(*c);
        c->phase = Phase::Closed;
        return;
    }
    c->phase = Phase::Idle;
    c->head_bytes = 0;
}
std::string head_refusal() { return t_conn ? t_conn->refusal : std::string(); }
bool peer_is_trusted_proxy() { return t_conn && t_conn->trusted; }
}  // namespace conn

}  // namespace yiyang::http

// ---- the interposed libc functions (see the top of this file) ---------------------------------------------------
using yiyang::http::Clock;
using yiyang::http::Phase;

extern "C" ssize_t recv(int fd, void* buf, size_t n, int flags) {
    auto* c = yiyang::http::guarded(fd);
    if (!c) return yiyang::http::real_recv(fd, buf, n, flags);
    if (c->phase == Phase::Closed) {
        // httplib checks that a peer is alive with a one-byte peek before each write: the write side stays open
        // (for the reply to a refused or cut-off request); every read sees end-of-input.
        if (flags & MSG_PEEK) {
            if (n == 0) return 0;
            static_cast<char*>(buf)[0] = 0;
            return 1;
        }
        return 0;
    }
    if (flags & MSG_PEEK) return yiyang::http::real_recv(fd, buf, n, flags);
    if (c->phase == Phase::Head && Clock::now() >= c->deadline) {
        yiyang::http::cut_head(*c, "timeout");
        return 0;
    }
    const ssize_t r = yiyang::http::real_recv(fd, buf, n, flags);
    if (r > 0 && (c->phase == Phase::Idle || c->phase == Phase::Head)) {
        if (c->phase == Phase::Idle) {   // the first bytes of a request: its head's deadline starts now
            c->phase = Phase::Head;
            c->deadline = Clock::now() + std::chrono::milliseconds(c->limits->head_deadline_ms);
            c->head_bytes = 0;
        }
        c->head_bytes += static_cast<std::size_t>(r);
        if (c->head_bytes > c->limits->head_max_bytes) {
            yiyang::http::cut_head(*c, "too_large");
            return 0;
        }
    }
    return r;
}

// glibc 2.36 declares poll's array write-only (access attribute), so reading the caller's fd and events warns.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
extern "C" int poll(struct pollfd* fds, nfds_t nfds, int timeout) {
    // Only httplib's wait for input on the guarded connection (events POLLIN alone; writes wait for POLLOUT).
    auto* c = nfds == 1 ? yiyang::http::guarded(fds[0].fd) : nullptr;
    if (!c || fds[0].events != POLLIN) return yiyang::http::real_poll(fds, nfds, timeout);
    if (c->phase == Phase::Closed) {
        fds[0].revents = POLLIN;   // the next read returns end-of-input at once instead of waiting out a timeout
        return 1;
    }
    if (c->phase != Phase::Head) return yiyang::http::real_poll(fds, nfds, timeout);
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(c->deadline - Clock::now()).count() + 1;
    if (left <= 1) {
        yiyang::http::cut_head(*c, "timeout");
        fds[0].revents = POLLIN;
        return 1;
    }
    const int wait = (timeout < 0 || timeout > left) ? static_cast<int>(left) : timeout;
    const int r = yiyang::http::real_poll(fds, nfds, wait);
    if (r == 0 && Clock::now() >= c->deadline) {
        yiyang::http::cut_head(*c, "timeout");
        fds[0].revents = POLLIN;
        return 1;
    }
    return r;
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

extern "C" int listen(int fd, int backlog) noexcept {
    if (const auto* binding = yiyang::http::t_binding) {
        const auto& state = *binding;
        if (backlog < state->limits.listen_backlog) backlog = state->limits.listen_backlog;
        std::lock_guard lock(yiyang::http::g_listeners_mu);
        yiyang::http::g_listeners[fd] = state;
    }
    return yiyang::http::real_listen(fd, backlog);
}

extern "C" int accept(int fd, struct sockaddr* addr, socklen_t* len) {
    for (;;) {
        const int c = yiyang::http::real_accept(fd, addr, len);
        if (c < 0) return c;
        auto state = yiyang::http::listener(fd);
        if (!state) return c;
        auto ip = yiyang::http::peer_ip(c);
        if (state->admit(ip)) {
            yiyang::http::t_accepted = {c, std::move(ip), std::move(state)};
            return c;
        }
        yiyang::http::refuse_connection(c);
    }
}
