// Clock and caches.
#include "app/context.hpp"

#include <chrono>
#include <zlib.h>

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

const std::string& CachedValue::gzip() const {
    std::call_once(gzip_once_, [this] {
        z_stream z{};
        // windowBits 31: a gzip wrapper, as Content-Encoding: gzip needs (httplib's own compressor does the same).
        if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) return;
        std::string out(deflateBound(&z, static_cast<uLong>(text.size())) + 32, '\0');
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
        z.avail_in = static_cast<uInt>(text.size());
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = static_cast<uInt>(out.size());
        const int r = deflate(&z, Z_FINISH);
        if (r == Z_STREAM_END) {
            out.resize(z.total_out);
            gzip_ = std::move(out);
        }
        deflateEnd(&z);
    });
    return gzip_;
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
