// Who is asking, and how often, for the routes anyone may call (the public portal, the exhibition hall's public
// forms, a kiosk's token sign-in). One client address (nginx's X-Real-IP behind the trusted proxy) and one in-memory
// sliding window per address, so that the three count the same person the same way.
#pragma once
#include <httplib.h>

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "yiyang/date.hpp"

namespace yiyang::http {

// nginx's X-Real-IP when the peer is the trusted proxy (TransportLimits::trusted_proxies), else the peer itself.
// Only address characters are believed (a forged header from the proxy's own clients cannot reach here: nginx
// overwrites it).
std::string client_address(const httplib::Request& req);

// Requests per address in a sliding window, in memory (they write nothing, or are counted before they do). The
// wait is the shared public_portal retry_after (the same arithmetic as the limits counted in SQLite). Bounded: past
// 100 000 addresses the ones whose window has passed are dropped.
class AddressLimiter {
public:
    // nullopt: admitted (and counted); else the seconds until one more is admitted.
    std::optional<std::int64_t> admit(const std::string& address, std::int64_t max, std::int64_t window_minutes,
                                      LocalSeconds now);

private:
    void prune(LocalSeconds now, LocalSeconds window);
    std::mutex mu_;
    std::map<std::string, std::deque<LocalSeconds>> seen_;
};

// "12 分钟" / "2 小时": a wait as a person reads it (Retry-After's seconds rounded up).
std::string wait_text(std::int64_t seconds);

// 429 rate_limited with Retry-After: "<what_zh>，请 <wait>后再试<tail_zh>".
[[noreturn]] void fail_rate(httplib::Response& res, std::int64_t seconds, const std::string& what_zh,
                            const std::string& tail_zh = "");

}  // namespace yiyang::http
