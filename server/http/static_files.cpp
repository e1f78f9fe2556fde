// The dashboard's files served as a CDN would (see static_files.hpp): precompressed variants, ETag/304,
// immutable caching for content-hashed names. Replaces httplib's mount point, which sent 3 MB uncompressed with
// no validator on every reload.
#include "http/static_files.hpp"

#include <sodium.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>

namespace yiyang::http {
namespace fs = std::filesystem;

namespace {

constexpr const char* kImmutable = "public, max-age=31536000, immutable";

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

std::string content_type(const std::string& name) {
    static const std::map<std::string, std::string> types = {
        {"html", "text/html; charset=utf-8"},  {"js", "text/javascript; charset=utf-8"},
        {"css", "text/css; charset=utf-8"},    {"json", "application/json"},
        {"wasm", "application/wasm"},          {"otf", "font/otf"},
        {"ttf", "font/ttf"},                   {"woff2", "font/woff2"},
        {"svg", "image/svg+xml"},              {"png", "image/png"},
        {"ico", "image/x-icon"},               {"txt", "text/plain; charset=utf-8"},
        {"gz", "application/gzip"},            {"br", "application/octet-stream"}};
    const auto dot = name.rfind('.');
    if (dot == std::string::npos) return "application/octet-stream";
    const auto it = types.find(lower(name.substr(dot + 1)));
    return it == types.end() ? "application/octet-stream" : it->second;
}

// One file's bytes and its strong validator (BLAKE2b-128 of the bytes served, so each encoding has its own).
struct Blob {
    std::string bytes;
    std::string etag;
};

// Files read once and kept while their size and modification time stay the same (the site is a few MB).
class FileCache {
public:
    std::shared_ptr<const Blob> get(const fs::path& path) {
        std::error_code ec;
        if (!fs::is_regular_file(path, ec)) return nullptr;
        const auto size = fs::file_size(path, ec);
        if (ec) return nullptr;
        const auto mtime = fs::last_write_time(path, ec);
        if (ec) return nullptr;
        std::lock_guard lock(mu_);
        auto& slot = cache_[path.string()];
        if (slot.blob && slot.size == size && slot.mtime == mtime) return slot.blob;
        std::ifstream in(path, std::ios::binary);
        if (!in) return nullptr;
        auto blob = std::make_shared<Blob>();
        std::ostringstream buf;
        buf << in.rdbuf();
        blob->bytes = std::move(buf).str();
        unsigned char hash[16];
        crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(blob->bytes.data()),
                           blob->bytes.size(), nullptr, 0);
        char hex[sizeof hash * 2 + 1];
        sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
        blob->etag = std::string("\"") + hex + "\"";
        slot = {size, mtime, blob};
        return blob;
    }

private:
    struct Slot {
        std::uintmax_t size = 0;
        fs::file_time_type mtime{};
        std::shared_ptr<const Blob> blob;
    };
    std::mutex mu_;
    std::map<std::string, Slot> cache_;
};

// If-None-Match: a list of entity tags (weak comparison, as RFC 9110 asks for this header) or "*".
bool etag_matches(const std::string& if_none_match, const std::string& etag) {
    if (if_none_match.empty()) return false;
    std::stringstream list(if_none_match);
    std::string item;
    while (std::getline(list, item, ',')) {
        item = trim(item);
        if (item == "*") return true;
        if (item.rfind("W/", 0) == 0) item = item.substr(2);
        if (item == etag) return true;
    }
    return false;
}

class StaticSite {
public:
    explicit StaticSite(const std::string& root) {
        std::error_code ec;
        root_ = fs::weakly_canonical(fs::absolute(root), ec);
        if (ec) root_ = fs::absolute(root);
    }

    void serve(const httplib::Request& req, httplib::Response& res) {
        std::string rel = req.path.substr(1);
        if (rel.empty() || rel.back() == '/') rel += "index.html";
        // Segment by segment: no empty, dot (., .., .inputs) or backslash/NUL-carrying segment.
        for (std::size_t start = 0;;) {
            const auto end = rel.find('/', start);
            const std::string seg = rel.substr(start, end == std::string::npos ? std::string::npos : end - start);
            if (seg.empty() || seg[0] == '.' || seg.find('\\') != std::string::npos ||
                seg.find('\0') != std::string::npos) {
                res.status = 404;
                return;
            }
            if (end == std::string::npos) break;
            start = end + 1;
        }
        const fs::path file = root_ / rel;
        // And no symbolic link leading out of the root.
        std::error_code ec;
        const auto real = fs::weakly_canonical(file, ec).string();
        const auto root = root_.string() + "/";
        if (ec || real.compare(0, root.size(), root) != 0) {
            res.status = 404;
            return;
        }
        // A folder named without its slash (/portal): to the folder, so that its page's relative names resolve.
        if (req.path.back() != '/' && fs::is_directory(file, ec) && fs::is_regular_file(file / "index.html", ec)) {
            res.status = 301;
            res.set_header("Location", req.path + "/");
            return;
        }
        auto blob = files_.get(file);
        if (!blob) {
            res.status = 404;
            return;
        }
        const std::string name = file.filename().string();
        const bool have_br = fs::is_regular_file(file.string() + ".br", ec);
        const bool have_gzip = fs::is_regular_file(file.string() + ".gz", ec);
        std::string encoding = choose_encoding(req.get_header_value("Accept-Encoding"), have_br, have_gzip);
        if (!encoding.empty()) {
            auto variant = files_.get(file.string() + (encoding == "br" ? ".br" : ".gz"));
            if (variant) blob = std::move(variant);
            else encoding.clear();
        }
        // Set here, so the server's post-routing default (no-cache) leaves it alone.
        res.set_header("Cache-Control", is_fingerprinted(name) ? kImmutable : "no-cache");
        res.set_header("Vary", "Accept-Encoding");
        res.set_header("ETag", blob->etag);
        if (etag_matches(req.get_header_value("If-None-Match"), blob->etag)) {
            res.status = 304;
            return;
        }
        if (!encoding.empty()) res.set_header("Content-Encoding", encoding);
        // A sized content provider: httplib compresses only plain bodies, so a .gz is never compressed again,
        // and HEAD gets the length without the bytes.
        const auto size = blob->bytes.size();
        res.set_content_provider(size, content_type(name),
                                 [blob](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                     if (offset >= blob->bytes.size()) return true;
                                     length = std::min(length, blob->bytes.size() - offset);
                                     return sink.write(blob->bytes.data() + offset, length);
                                 });
    }

private:
    fs::path root_;
    FileCache files_;
};

}  // namespace

std::string choose_encoding(const std::string& accept_encoding, bool have_br, bool have_gzip) {
    std::optional<double> br, gzip, any;
    std::stringstream list(accept_encoding);
    std::string item;
    while (std::getline(list, item, ',')) {
        const auto semi = item.find(';');
        const std::string coding = lower(trim(item.substr(0, semi)));
        double q = 1.0;
        if (semi != std::string::npos) {
            const std::string param = trim(item.substr(semi + 1));
            if (param.rfind("q=", 0) == 0 || param.rfind("Q=", 0) == 0) {
                char* end = nullptr;
                q = std::strtod(param.c_str() + 2, &end);
                if (end == param.c_str() + 2 || !(q >= 0.0 && q <= 1.0)) q = 0.0;   // unreadable: refused
            }
        }
        if (coding == "br") br = q;
        else if (coding == "gzip" || coding == "x-gzip") gzip = q;
        else if (coding == "*") any = q;
    }
    const auto weight = [&](const std::optional<double>& q) { return q ? *q : any.value_or(0.0); };
    const double qb = have_br ? weight(br) : 0.0;
    const double qg = have_gzip ? weight(gzip) : 0.0;
    if (qb > 0.0 && qb >= qg) return "br";
    if (qg > 0.0) return "gzip";
    return "";
}

bool is_fingerprinted(const std::string& file_name) {
    const auto ext_dot = file_name.rfind('.');
    if (ext_dot == std::string::npos || ext_dot == 0 || ext_dot + 1 == file_name.size()) return false;
    const auto hash_dot = file_name.rfind('.', ext_dot - 1);
    if (hash_dot == std::string::npos || hash_dot == 0 || ext_dot - hash_dot - 1 < 8) return false;
    for (auto i = hash_dot + 1; i < ext_dot; ++i) {
        const char c = file_name[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

void mount_static_files(httplib::Server& server, const std::string& root) {
    auto site = std::make_shared<StaticSite>(root);
    // Everything but /api/ (whose unknown paths stay the API's 404); httplib answers HEAD with GET handlers.
    server.Get(R"(/(?!api(?:/|$)).*)",
               [site](const httplib::Request& req, httplib::Response& res) { site->serve(req, res); });
}

}  // namespace yiyang::http
