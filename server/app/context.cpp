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


}  // namespace yiyang::app
