// address_limits.hpp: the client address and the in-memory limit per address of the public routes.
#include "http/address_limits.hpp"

#include <algorithm>
#include <vector>

#include "http/common.hpp"
#include "http/connection_guard.hpp"
#include "yiyang/public_portal.hpp"

namespace yiyang::http {

std::string client_address(const httplib::Request& req) {
    if (conn::peer_is_trusted_proxy() && req.has_header("X-Real-IP")) {
        const auto v = req.get_header_value("X-Real-IP");
        const bool shaped = !v.empty() && v.size() <= 45 && std::all_of(v.begin(), v.end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
        });
        if (shaped) return v;
    }
    return req.get_header_value("REMOTE_ADDR");
}

std::optional<std::int64_t> AddressLimiter::admit(const std::string& address, std::int64_t max,
                                                  std::int64_t window_minutes, LocalSeconds now) {
    std::lock_guard lock(mu_);
    auto& times = seen_[address];
    const LocalSeconds window = window_minutes * 60;
    while (!times.empty() && times.front() <= now - window) times.pop_front();
    const std::vector<LocalSeconds> earlier(times.begin(), times.end());
    if (auto wait = portal::retry_after(earlier, portal::Limit{max, window_minutes}, now)) return wait;
    times.push_back(now);
    if (seen_.size() > 100000) prune(now, window);
    return std::nullopt;
}

void AddressLimiter::prune(LocalSeconds now, LocalSeconds window) {
    for (auto it = seen_.begin(); it != seen_.end();) {
        if (it->second.empty() || it->second.back() <= now - window) it = seen_.erase(it);
        else ++it;
    }
}

std::string wait_text(std::int64_t seconds) {
    const auto minutes = (seconds + 59) / 60;
    if (minutes < 60) return std::to_string(minutes) + " 分钟";
    const auto hours = (minutes + 59) / 60;
    return std::to_string(hours) + " 小时";
}

void fail_rate(httplib::Response& res, std::int64_t seconds, const std::string& what_zh, const std::string& tail_zh) {
    res.set_header("Retry-After", std::to_string(seconds));
    fail(429, "rate_limited", what_zh + "，请 " + wait_text(seconds) + "后再试" + tail_zh);
}

}  // namespace yiyang::http
