// What every route handler needs: the database, the clock, configuration and the small caches that keep
// hot reads (overview, list totals, sessions) off the disk. Time comes from `now()`, never from the domain.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
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
    // The dashboard's characters beyond its first font are served from this face (GET /api/v1/glyphs/pages/{n}).
    std::string glyph_font = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    unsigned glyph_face = 2;                          // Noto Sans CJK SC
    // The deployment's city or district, as reports title it ("关于…中山市…核查报告"); the demo city is 中山市.
    std::string district_name = "中山市";
    // The open-day demo (issue 12, part demo; app/demo_mode): serving a synthetic database with one-tap visitor
    // accounts; the pristine copy a reset restores.
    bool demo = false;
    std::string demo_pristine;
};

// A cached value with its reply text, serialized once when stored: a hit costs a pointer copy under the cache's
// lock, not a deep copy of the JSON (under the lock) and a dump per request (a city kpis reply is ~17 KB; at 64
// connections the copies, dumps and their allocations were most of the CPU and the lock a convoy).
struct CachedValue {
    nlohmann::json value;
    std::string text;   // value as reply_json writes it (http/common)
    // text gzipped (level 6, as httplib would on every request), made on first use; "" if zlib failed.
    const std::string& gzip() const;
private:
    mutable std::once_flag gzip_once_;
    mutable std::string gzip_;
};
using CachedPtr = std::shared_ptr<const CachedValue>;

// A small map of computed replies keyed by (name, data version): anything written invalidates it.
class VersionedCache {
public:
    CachedPtr find(const std::string& key, std::uint64_t version);
    // A copy of the value (made outside the lock), for small values a caller changes.
    std::optional<nlohmann::json> get(const std::string& key, std::uint64_t version);
    // Returns the stored entry (also when it is not kept because newer data exists: the caller may still reply).
    CachedPtr put(const std::string& key, std::uint64_t version, nlohmann::json value);
private:
    std::mutex m_;
    std::uint64_t version_ = 0;
    std::map<std::string, CachedPtr> values_;
};

// Objects computed from the data (a verification quarter: app/quarter_inputs), by key and data version: an entry of
// older data is never returned and is dropped when newer data is stored; at most `max_entries` kept (oldest out).
class ObjectCache {
public:
    std::shared_ptr<const void> find(const std::string& key, std::uint64_t version) {
        std::lock_guard<std::mutex> lock(m_);
        auto it = values_.find(key);
        return it == values_.end() || it->second.version != version ? nullptr : it->second.value;
    }
    void put(const std::string& key, std::uint64_t version, std::shared_ptr<const void> value, std::size_t max_entries) {
        std::vector<std::shared_ptr<const void>> dropped;   // freed after the lock is released (declared before it)
        std::lock_guard<std::mutex> lock(m_);
        for (auto it = values_.begin(); it != values_.end();) {
            if (it->second.version < version) { dropped.push_back(std::move(it->second.value)); it = values_.erase(it); }
            else ++it;
        }
        while (!values_.empty() && values_.size() >= max_entries) {
            auto oldest = values_.begin();
            for (auto it = values_.begin(); it != values_.end(); ++it)
                if (it->second.stored < oldest->second.stored) oldest = it;
            dropped.push_back(std::move(oldest->second.value));
            values_.erase(oldest);
        }
        values_[key] = {version, ++stored_, std::move(value)};
    }
    std::size_t size() {
        std::lock_guard<std::mutex> lock(m_);
        return values_.size();
    }
private:
    struct Entry {
        std::uint64_t version = 0, stored = 0;
        std::shared_ptr<const void> value;
    };
    std::mutex m_;
    std::uint64_t stored_ = 0;
    std::map<std::string, Entry> values_;
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
    ObjectCache objects;   // computed verification quarters with their decisions (app/quarter_inputs), by data version
    ObjectCache quarter_bases;   // the same before decisions, by lists version (a cache holds one kind of version)
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

private:
    std::mutex rules_mutex_;
    std::vector<std::shared_ptr<const store::RuleBook>> rules_kept_{std::make_shared<const store::RuleBook>()};
    std::atomic<const store::RuleBook*> rules_current_{rules_kept_.front().get()};

public:
    // Live sessions by token hash (the table is the truth; this saves a write per request).
    std::mutex sessions_mutex;
    std::map<std::string, SessionState> sessions;
    // Password evaluations reserved per account name before hashing (lock-out under concurrency).
    auth::SignInLimiter sign_ins;
};

}  // namespace yiyang::app
