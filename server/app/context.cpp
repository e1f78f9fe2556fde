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

CachedPtr VersionedCache::find(const std::string& key, std::uint64_t version) {
    std::lock_guard<std::mutex> lock(m_);
    if (version != version_) return nullptr;
    auto it = values_.find(key);
    return it == values_.end() ? nullptr : it->second;
}

std::optional<nlohmann::json> VersionedCache::get(const std::string& key, std::uint64_t version) {
    auto entry = find(key, version);
    if (!entry) return std::nullopt;
    return entry->value;
}

CachedPtr VersionedCache::put(const std::string& key, std::uint64_t version, nlohmann::json value) {
    auto entry = std::make_shared<CachedValue>();
    entry->text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    entry->value = std::move(value);
    std::map<std::string, CachedPtr> dropped;   // freed after the lock is released (declared before it)
    std::lock_guard<std::mutex> lock(m_);
    if (version != version_) {
        if (version < version_) return entry;   // computed from older data: do not keep
        dropped.swap(values_);
        version_ = version;
    }
    if (values_.size() > 4096) dropped.swap(values_);
    values_[key] = entry;
    return entry;
}


}  // namespace yiyang::app
