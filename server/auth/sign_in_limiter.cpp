// Per-name reservation of password evaluations (see sign_in_limiter.hpp).
#include "auth/sign_in_limiter.hpp"

namespace yiyang::auth {

std::shared_ptr<SignInLimiter::Entry> SignInLimiter::entry(const std::string& name, LocalSeconds now) {
    std::lock_guard<std::mutex> lock(names_mutex_);
    if (auto it = names_.find(name); it != names_.end()) return it->second;
    if (names_.size() >= max_names_) {
        // Forget names with nothing in flight and no lock running: accounts are re-read from the table anyway,
        // and a forgotten unknown name only starts its count again.
        // Only entries nobody else holds (copies are made under names_mutex_, so the count cannot grow here).
        for (auto it = names_.begin(); it != names_.end();) {
            const auto& e = *it->second;
            const bool idle = it->second.use_count() == 1 && e.in_flight == 0 && e.state.locked_until <= now;
            it = idle ? names_.erase(it) : std::next(it);
        }
    }
    return names_.emplace(name, std::make_shared<Entry>()).first->second;
}

SignInLimiter::Reservation SignInLimiter::reserve(const std::string& name, LocalSeconds now, int limit,
                                                  const Load& load) {
    auto e = entry(name, now);
    std::unique_lock<std::mutex> lock(e->m);
    const auto deadline = std::chrono::steady_clock::now() + max_wait_;
    for (;;) {
        if (e->in_flight == 0) {
            if (auto stored = load()) e->state = *stored;
        }
        auto& s = e->state;
        if (s.locked_until > now) return {false, s.locked_until};
        if (s.locked_until != 0) s = State{};   // the lock has run out: a fresh window
        if (s.failures >= limit) return {false, 0};
        // Evaluations in flight might all fail: one more is reserved only if it stays within the limit even
        // then. Otherwise wait for them to end (a success clears the count, so right passwords in parallel all
        // get through; wrong ones lock before the waiters are evaluated).
        if (s.failures + e->in_flight < limit) {
            ++e->in_flight;
            return {true, 0};
        }
        if (e->cv.wait_until(lock, deadline) == std::cv_status::timeout) return {false, 0};
    }
}

SignInLimiter::State SignInLimiter::failed(const std::string& name, LocalSeconds now, int limit, int lock_seconds,
                                           const Persist& persist) {
    auto e = entry(name, now);
    std::lock_guard<std::mutex> lock(e->m);
    State after = e->state;
    ++after.failures;
    if (after.failures >= limit && after.locked_until <= now) after.locked_until = now + lock_seconds;
    // Counted here even if storing fails: better locked than evaluated once too often.
    e->state = after;
    --e->in_flight;
    e->cv.notify_all();
    persist(after);
    return after;
}

void SignInLimiter::succeeded(const std::string& name, const Persist& persist) {
    auto e = entry(name, 0);
    std::lock_guard<std::mutex> lock(e->m);
    e->state = State{};
    --e->in_flight;
    e->cv.notify_all();
    persist(e->state);
}

}  // namespace yiyang::auth
