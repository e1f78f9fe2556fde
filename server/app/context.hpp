// What every route handler needs: the database, the clock, configuration and the small caches that keep
// hot reads (overview, list totals, sessions) off the disk. Time comes from `now()`, never from the domain.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>
#include <nlohmann/json.hpp>
#include "auth/sign_in_limiter.hpp"
#include "store/database.hpp"
#include "store/rules.hpp"
#include "yiyang/date.hpp"
#include "yiyang/records.hpp"

namespace yiyang::app {

using Clock = std::function<LocalSeconds()>;
// The system clock as China Standard Time (UTC+8) local seconds.
LocalSeconds system_now();
// The source tree's assets/ folder (compile definition YIYANG_ASSETS_DIR); `serve --assets DIR` overrides it.
std::string default_assets_dir();

struct ServerConfig {
    std::string web_root;                 // static files ("" = API only)
    int idle_timeout_s = 30 * 60;         // sign out after 30 idle minutes
    int session_lifetime_s = 12 * 3600;   // and 12 hours after signing in, however active (a stolen cookie expires)
    int lock_after_failures = 5;          // lock an account after 5 failed sign-ins ...
    int lock_seconds = 15 * 60;           // ... for 15 minutes
    std::size_t payload_max = 1 << 20;    // 1 MiB request bodies
    std::string version = "0.1.0";
    std::string assets_dir = default_assets_dir();   // rules/ seeds the rules table when it lacks a kind
    // Figures whose last computation took at least this long (a city month of indicators) are served from that
    // computation, marked stale, while the refresher recomputes them after a write; cheaper ones are always
    // computed fresh. 0 = always serve the last figures and recompute at once, without the rate limit (tests of
    // the stale path); negative = never stale.
    int stale_after_ms = 100;
};

// A small map of computed replies keyed by (name, data version): anything written invalidates it.
class VersionedCache {
public:
    std::optional<nlohmann::json> get(const std::string& key, std::uint64_t version);
    void put(const std::string& key, std::uint64_t version, nlohmann::json value);
private:
    std::mutex m_;
    std::uint64_t version_ = 0;
    std::map<std::string, nlohmann::json> values_;
};

// Milliseconds on the steady clock (for costs and rate limits, never for figures).
double steady_ms();

// The last value of each key whatever the data version, with the version it was computed for: what a stale
// reply serves while a fresh one is computed.
class LatestCache {
public:
    struct Entry {
        std::uint64_t version = 0;
        double cost_ms = 0;   // how long the computation took
        double done_ms = 0;   // when it finished (steady clock, ms)
        nlohmann::json value;
    };
    std::optional<Entry> get(const std::string& key);
    void put(const std::string& key, Entry entry);   // keeps the newer version
private:
    std::mutex m_;
    std::map<std::string, Entry> values_;
};

// One background worker that runs recomputations by key: a key queued while it is already queued runs once.
// Destroyed (joined) before the rest of the context, so a job never outlives what it reads.
class Refresher {
public:
    Refresher() = default;
    Refresher(const Refresher&) = delete;
    Refresher& operator=(const Refresher&) = delete;
    ~Refresher();
    void request(const std::string& key, std::function<void()> job);
    bool busy();                // a job queued or running (tests wait on it)
private:
    void loop();
    std::mutex m_;
    std::condition_variable cv_;
    std::map<std::string, std::function<void()>> queue_;
    bool running_ = false;
    bool stop_ = false;
    std::thread worker_;
};

struct SessionState {
    Id user_id = 0;
    LocalSeconds last_seen = 0;
    LocalSeconds last_persisted = 0;
    LocalSeconds created_at = 0;   // the absolute lifetime counts from here
};

class AppContext {
public:
    AppContext(store::Database& database, ServerConfig server_config, Clock clock)
        : db(database), config(std::move(server_config)), now(std::move(clock)) {}
    store::Database& db;
    ServerConfig config;
    Clock now;
    VersionedCache cache;
    // The rule book in force: an immutable snapshot, swapped whole when an administrator publishes a version
    // (no restart). Superseded books are kept until the server stops (a few publications a year), so a reference
    // taken from one — `const auto& w = ctx.rules().weights_on(d);` — never dangles while a request uses it.
    const store::RuleBook& rules() const { return *rules_current_.load(std::memory_order_acquire); }
    void set_rules(store::RuleBook book) {
        auto next = std::make_shared<const store::RuleBook>(std::move(book));
        std::lock_guard<std::mutex> lock(rules_mutex_);
        rules_kept_.push_back(next);
        rules_current_.store(next.get(), std::memory_order_release);
    }
    // Held across "write a version, reload, swap" so two publications cannot swap in an older book last.
    std::mutex rules_publish_mutex;

private:   // before the refresher, which is destroyed first and may read the rules
    std::mutex rules_mutex_;
    std::vector<std::shared_ptr<const store::RuleBook>> rules_kept_{std::make_shared<const store::RuleBook>()};
    std::atomic<const store::RuleBook*> rules_current_{rules_kept_.front().get()};

public:
    // Live sessions by token hash (the table is the truth; this saves a write per request).
    std::mutex sessions_mutex;
    std::map<std::string, SessionState> sessions;
    // Password evaluations reserved per account name before hashing (lock-out under concurrency).
    auth::SignInLimiter sign_ins;

    // Indicator replies by key with the version they were computed for (stale-while-revalidate).
    LatestCache latest;
    // Last member: destroyed first, so its worker stops before anything it uses goes away.
    Refresher refresher;
};

}  // namespace yiyang::app
