// Lock-out that holds under concurrency: each password evaluation is reserved under the account name's own lock
// BEFORE the slow hash, so however many sign-ins arrive at once, at most `limit` wrong ones are evaluated per
// lock-out window (right passwords arriving together all get through: they wait for the evaluations in flight).
// Names without an account get the same treatment in memory, so replies never tell which names exist.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include "yiyang/date.hpp"

namespace yiyang::auth {

class SignInLimiter {
public:
    struct State {
        int failures = 0;              // failed evaluations in the current window
        LocalSeconds locked_until = 0; // 0 = not locked
    };
    struct Reservation {
        bool granted = false;
        LocalSeconds locked_until = 0; // when refused: the end of the lock (0 = evaluations in flight decide it)
    };
    using Load = std::function<std::optional<State>()>;          // the stored state; nullopt = no such account
    using Persist = std::function<void(const State& after)>;     // stores the state after an evaluation

    explicit SignInLimiter(std::size_t max_names = 10'000, std::chrono::milliseconds max_wait = std::chrono::seconds(10))
        : max_names_(max_names), max_wait_(max_wait) {}

    // Reserves one evaluation for `name`. While none of its evaluations is in flight the stored state is
    // re-read with `load` (the table stays the truth: a reset from the command line counts at once). When the
    // evaluations in flight could reach the limit, waits for them (at most max_wait, then refused).
    Reservation reserve(const std::string& name, LocalSeconds now, int limit, const Load& load);
    // Ends a reserved evaluation that failed: the failure counts, the `limit`-th locks for `lock_seconds`.
    // `persist` stores it while the name's lock is held, so the next reservation reads it. Returns the new state.
    State failed(const std::string& name, LocalSeconds now, int limit, int lock_seconds, const Persist& persist);
    // Ends a reserved evaluation that succeeded: the count and any lock are cleared.
    void succeeded(const std::string& name, const Persist& persist);

private:
    struct Entry {
        std::mutex m;
        std::condition_variable cv;   // an evaluation ended
        int in_flight = 0;
        State state;
    };
    std::shared_ptr<Entry> entry(const std::string& name, LocalSeconds now);
    std::mutex names_mutex_;
    std::map<std::string, std::shared_ptr<Entry>> names_;
    std::size_t max_names_;
    std::chrono::milliseconds max_wait_;
};

}  // namespace yiyang::auth
