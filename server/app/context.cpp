// Clock and caches.
#include "app/context.hpp"

#include <chrono>

namespace yiyang::app {

LocalSeconds system_now() {
    const auto unix_s = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
    return static_cast<LocalSeconds>(unix_s) + 8 * 3600;
}

std::string default_assets_dir() {
#ifdef YIYANG_ASSETS_DIR
    return YIYANG_ASSETS_DIR;
#else
    return "assets";
#endif
}

std::optional<nlohmann::json> VersionedCache::get(const std::string& key, std::uint64_t version) {
    std::lock_guard<std::mutex> lock(m_);
    if (version != version_) return std::nullopt;
    auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

void VersionedCache::put(const std::string& key, std::uint64_t version, nlohmann::json value) {
    std::lock_guard<std::mutex> lock(m_);
    if (version != version_) {
        if (version < version_) return;   // computed from older data: do not keep
        values_.clear();
        version_ = version;
    }
    if (values_.size() > 4096) values_.clear();
    values_[key] = std::move(value);
}

double steady_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::optional<LatestCache::Entry> LatestCache::get(const std::string& key) {
    std::lock_guard<std::mutex> lock(m_);
    auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

void LatestCache::put(const std::string& key, Entry entry) {
    std::lock_guard<std::mutex> lock(m_);
    auto it = values_.find(key);
    if (it != values_.end() && it->second.version > entry.version) return;
    if (it == values_.end() && values_.size() >= 1024) values_.clear();
    values_[key] = std::move(entry);
}

Refresher::~Refresher() {
    {
        std::lock_guard<std::mutex> lock(m_);
        stop_ = true;
        queue_.clear();
    }
    cv_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void Refresher::request(const std::string& key, std::function<void()> job) {
    std::lock_guard<std::mutex> lock(m_);
    if (stop_) return;
    queue_.emplace(key, std::move(job));   // already queued: the queued one will see the newest data anyway
    if (!worker_.joinable()) worker_ = std::thread([this] { loop(); });
    cv_.notify_one();
}

bool Refresher::busy() {
    std::lock_guard<std::mutex> lock(m_);
    return running_ || !queue_.empty();
}

void Refresher::loop() {
    std::unique_lock<std::mutex> lock(m_);
    for (;;) {
        cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (stop_) return;
        auto it = queue_.begin();
        auto job = std::move(it->second);
        queue_.erase(it);
        running_ = true;
        lock.unlock();
        try {
            job();
        } catch (...) {   // a failed refresh leaves the last figures in place; the next request tries again
        }
        lock.lock();
        running_ = false;
    }
}

}  // namespace yiyang::app
