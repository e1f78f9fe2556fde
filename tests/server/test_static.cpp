// Static files as a CDN would serve them: a site assembled by scripts/assemble-site.py (content-hashed names,
// .gz/.br beside each file) served by the real server: encodings by Accept-Encoding, ETag/304, a year's immutable
// caching for hashed names and no-cache for index.html, HEAD, and nothing outside the site folder.
#include <catch2/catch.hpp>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "app/context.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "store/database.hpp"
#include "store/demo_loader.hpp"
#include "yiyang/date.hpp"
#include "yiyang/demo_city.hpp"

namespace test_static {

namespace fs = std::filesystem;
using namespace yiyang;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Inputs like the real ones (the wasm and font only need to compress) assembled by the real script.
struct Site {
    fs::path dir;
    fs::path site;
    nlohmann::json manifest;
    Site() {
        char tmpl[] = "/tmp/yiyang-static-test-XXXXXX";
        if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
        dir = tmpl;
        const auto in = dir / "in";
        fs::create_directories(in);
        std::string filler;
        for (int i = 0; i < 200; ++i) filler += "<!-- 颐养 智慧养老服务平台 " + std::to_string(i) + " -->\n";
        std::ofstream(in / "index.html") << "<!DOCTYPE html><title>颐养</title>\n"
                                         << "<script src=\"loader.js\" defer></script>\n"
                                         << "<script src=\"yiyang.js\" defer></script>\n" << filler;
        std::ofstream(in / "loader.js") << "var font = { url: 'yiyang-cjk.otf' };\n" << std::string(2000, ' ') << "//\n";
        std::ofstream(in / "yiyang.js") << "var wasmBinaryFile = 'yiyang.wasm';\n" << std::string(4000, '/') << "\n";
        std::ofstream(in / "yiyang.wasm", std::ios::binary) << std::string("\0asm\1\0\0\0", 8) << std::string(100000, '\0');
        std::ofstream(in / "yiyang-cjk.otf", std::ios::binary) << "OTTO" << std::string(50000, 'x');
        // The public portal's folder (web/portal/ → /portal/): its own page and assets, named within the folder.
        fs::create_directories(in / "portal");
        std::ofstream(in / "portal" / "index.html") << "<!doctype html><title>公众端</title>\n"
                                                    << "<link rel=\"stylesheet\" href=\"portal.css\">\n"
                                                    << "<script src=\"portal.js\" defer></script>\n" << filler;
        std::ofstream(in / "portal" / "portal.js") << "'use strict';\n" << std::string(2000, ' ') << "//\n";
        std::ofstream(in / "portal" / "portal.css") << "body { font-size: 18px; }\n" << std::string(2000, ' ') << "\n";
        site = dir / "site";
        std::string portal;
        for (const char* n : {"index.html", "portal.js", "portal.css"})
            portal += std::string(" portal/") + n + "=" + (in / "portal" / n).string();
        const std::string cmd = "/usr/bin/python3 " YIYANG_SOURCE_DIR "/scripts/assemble-site.py --out " + site.string() +
                                " " + (in / "index.html").string() + " " + (in / "loader.js").string() + " " +
                                (in / "yiyang.js").string() + " " + (in / "yiyang.wasm").string() + " " +
                                (in / "yiyang-cjk.otf").string() + portal + " >/dev/null";
        if (std::system(cmd.c_str()) != 0) throw std::runtime_error("assemble-site.py failed: " + cmd);
        manifest = nlohmann::json::parse(slurp(site / "manifest.json"));
    }
    ~Site() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::string name(const std::string& source) const { return manifest.at(source).get<std::string>(); }
};

// The real ApiServer (pre-routing filter and security headers included) over a tiny demo city.
struct Served {
    Site site;
    std::unique_ptr<store::Database> db;
    std::unique_ptr<app::AppContext> ctx;
    std::unique_ptr<http::ApiServer> server;
    std::thread thread;
    int port = 0;
    Served() {
        const auto db_path = (site.dir / "test.db").string();
        const LocalSeconds start = start_of(Date{2026, 11, 20}) + 10 * 3600;
        store::create_demo_database(db_path, 7, *demo_scale("tiny"), start);
        db = std::make_unique<store::Database>(db_path);
        app::ServerConfig config;
        config.web_root = site.site.string();
        ctx = std::make_unique<app::AppContext>(*db, config, [start] { return start; });
        server = std::make_unique<http::ApiServer>(*ctx);
        port = server->bind("127.0.0.1", 0);
        if (port <= 0) throw std::runtime_error("could not bind");
        thread = std::thread([this] { server->run(); });
        while (!server->raw().is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~Served() {
        server->stop();
        thread.join();
    }
    httplib::Result get(const std::string& path, const httplib::Headers& headers, bool head = false) {
        httplib::Client c("127.0.0.1", port);
        c.set_decompress(false);   // compare the bytes on the wire
        return head ? c.Head(path.c_str(), headers) : c.Get(path.c_str(), headers);
    }
};

// Exactly these bytes over a fresh connection (httplib's client would normalise the path).
std::string raw_get(int port, const std::string& target) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return "";
    }
    const std::string req = "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    (void)!::write(fd, req.data(), req.size());
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return out;
}

int status_of(const std::string& raw) { return raw.size() > 12 ? std::atoi(raw.c_str() + 9) : 0; }

}  // namespace

TEST_CASE("Accept-Encoding picks a precompressed variant the client accepts", "[static]") {
    using http::choose_encoding;
    CHECK(choose_encoding("gzip, deflate, br", true, true) == "br");
    CHECK(choose_encoding("gzip, deflate", true, true) == "gzip");
    CHECK(choose_encoding("br;q=0, gzip", true, true) == "gzip");
    CHECK(choose_encoding("br;q=0.5, gzip;q=0.8", true, true) == "gzip");
    CHECK(choose_encoding("gzip;q=0", true, true) == "");
    CHECK(choose_encoding("*", true, true) == "br");
    CHECK(choose_encoding("*;q=0, identity", true, true) == "");
    CHECK(choose_encoding("identity", true, true) == "");
    CHECK(choose_encoding("", true, true) == "");
    CHECK(choose_encoding("br, gzip", false, true) == "gzip");
    CHECK(choose_encoding("br", false, true) == "");
    CHECK(choose_encoding("GZIP;Q=1", false, true) == "gzip");
    CHECK(choose_encoding("gzip;q=nan, br;q=2", true, true) == "");
}

TEST_CASE("content-hashed names are recognised", "[static]") {
    CHECK(http::is_fingerprinted("yiyang.3f2a9c1d.wasm"));
    CHECK(http::is_fingerprinted("yiyang-cjk.0123456789.otf"));
    CHECK_FALSE(http::is_fingerprinted("yiyang.wasm"));
    CHECK_FALSE(http::is_fingerprinted("index.html"));
    CHECK_FALSE(http::is_fingerprinted("yiyang.3F2A9C1D.wasm"));
    CHECK_FALSE(http::is_fingerprinted("yiyang.3f2a9c1.wasm"));
    CHECK_FALSE(http::is_fingerprinted(".3f2a9c1d.wasm"));
    CHECK_FALSE(http::is_fingerprinted("yiyang.3f2a9c1d."));
}

TEST_CASE("assemble-site.py fingerprints every reference and precompresses", "[static]") {
    Site s;
    const auto wasm = s.name("yiyang.wasm"), js = s.name("yiyang.js"), loader = s.name("loader.js"),
               font = s.name("yiyang-cjk.otf");
    CHECK(s.name("index.html") == "index.html");
    for (const auto& n : {wasm, js, loader, font}) {
        CHECK(http::is_fingerprinted(n));
        CHECK(fs::exists(s.site / n));
        CHECK(fs::exists(s.site / (n + ".gz")));
    }
    CHECK_FALSE(fs::exists(s.site / "yiyang.wasm"));
    const auto index = slurp(s.site / "index.html");
    CHECK(index.find("\"" + js + "\"") != std::string::npos);
    CHECK(index.find("\"" + loader + "\"") != std::string::npos);
    CHECK(slurp(s.site / js).find("'" + wasm + "'") != std::string::npos);
    CHECK(slurp(s.site / loader).find("'" + font + "'") != std::string::npos);
}

TEST_CASE("static files: encodings, validators, caching, HEAD, no way out of the site", "[static][inprocess]") {
    Served srv;
    const auto wasm = srv.site.name("yiyang.wasm");
    const auto site = srv.site.site;

    SECTION("a hashed name: gzip bytes as built, immutable for a year, Vary, ETag, 304") {
        auto r = srv.get("/" + wasm, {{"Accept-Encoding", "gzip, deflate"}});
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->get_header_value("Content-Type") == "application/wasm");
        CHECK(r->get_header_value("Content-Encoding") == "gzip");
        CHECK(r->body == slurp(site / (wasm + ".gz")));   // precompressed, not compressed again
        CHECK(r->get_header_value("Cache-Control") == "public, max-age=31536000, immutable");
        CHECK(r->get_header_value("Vary") == "Accept-Encoding");
        CHECK(r->get_header_value("X-Content-Type-Options") == "nosniff");   // security headers still there
        const auto etag = r->get_header_value("ETag");
        REQUIRE(etag.size() > 2);
        CHECK(etag.front() == '"');
        auto again = srv.get("/" + wasm, {{"Accept-Encoding", "gzip"}, {"If-None-Match", etag}});
        REQUIRE(again);
        CHECK(again->status == 304);
        CHECK(again->body.empty());
        CHECK(again->get_header_value("Cache-Control") == "public, max-age=31536000, immutable");
        auto plain = srv.get("/" + wasm, {{"If-None-Match", etag}});   // another encoding, another tag
        REQUIRE(plain);
        CHECK(plain->status == 200);
        CHECK(plain->get_header_value("Content-Encoding").empty());
        CHECK(plain->body == slurp(site / wasm));
        CHECK(plain->get_header_value("ETag") != etag);
    }
    SECTION("index.html: no-cache, revalidated by ETag") {
        auto r = srv.get("/", {{"Accept-Encoding", "gzip"}});
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->get_header_value("Cache-Control") == "no-cache");
        CHECK(r->get_header_value("Content-Type") == "text/html; charset=utf-8");
        CHECK(r->get_header_value("Content-Encoding") == "gzip");
        CHECK(r->body == slurp(site / "index.html.gz"));
        auto again = srv.get("/index.html", {{"Accept-Encoding", "gzip"}, {"If-None-Match", "W/\"x\", " + r->get_header_value("ETag")}});
        REQUIRE(again);
        CHECK(again->status == 304);
        CHECK(again->get_header_value("Cache-Control") == "no-cache");
        auto stale = srv.get("/", {{"Accept-Encoding", "gzip"}, {"If-None-Match", "\"0000\""}});
        REQUIRE(stale);
        CHECK(stale->status == 200);
    }
    SECTION("HEAD: headers and length, no body") {
        auto r = srv.get("/" + wasm, {}, true);
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->get_header_value("Content-Length") == std::to_string(fs::file_size(site / wasm)));
        CHECK(r->body.empty());
    }
    SECTION("the API is still routed, and its unknown paths are its own 404") {
        auto h = srv.get("/api/v1/health", {});
        REQUIRE(h);
        CHECK(h->status == 200);
        CHECK(h->get_header_value("Cache-Control") == "no-store");
        auto missing = srv.get("/api/v1/" + wasm, {});
        REQUIRE(missing);
        CHECK(missing->status == 404);
    }
    SECTION("nothing outside the site, no dot-files, missing files are 404") {
        std::ofstream(srv.site.dir / "secret.txt") << "TOP-SECRET-42";
        fs::create_symlink(srv.site.dir / "secret.txt", site / "link.txt");
        for (const std::string target : {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/./index.html",
                                          "/.inputs", "/link.txt", "/nothing.js", "/index.html/", "//etc/passwd",
                                          "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..\\secret.txt", "/index.html%00.js"}) {
            const auto raw = raw_get(srv.port, target);
            INFO(target << " -> " << raw.substr(0, raw.find("\r\n")));
            CHECK(status_of(raw) != 200);
            CHECK(raw.find("TOP-SECRET-42") == std::string::npos);
            CHECK(raw.find("root:") == std::string::npos);
        }
        CHECK(status_of(raw_get(srv.port, "/nothing.js")) == 404);
    }
}

TEST_CASE("static files: brotli when the client accepts it, gzip otherwise", "[static][inprocess]") {
    // httplib's server with only the static files mounted (the API server's filter offers gzip alone).
    Site site;
    httplib::Server server;
    http::mount_static_files(server, site.site.string());
    const int port = server.bind_to_any_port("127.0.0.1");
    std::thread t([&] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const auto js = site.name("yiyang.js");
    httplib::Client c("127.0.0.1", port);
    c.set_decompress(false);
    const bool have_br = fs::exists(site.site / (js + ".br"));   // the brotli CLI is a build dependency
    auto br = c.Get(("/" + js).c_str(), {{"Accept-Encoding", "gzip, br"}});
    REQUIRE(br);
    if (have_br) {
        CHECK(br->get_header_value("Content-Encoding") == "br");
        CHECK(br->body == slurp(site.site / (js + ".br")));
    }
    CHECK(br->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
    auto gz = c.Get(("/" + js).c_str(), {{"Accept-Encoding", "br;q=0, gzip"}});
    REQUIRE(gz);
    CHECK(gz->get_header_value("Content-Encoding") == "gzip");
    CHECK(gz->body == slurp(site.site / (js + ".gz")));
    CHECK(gz->get_header_value("ETag") != br->get_header_value("ETag"));
    server.stop();
    t.join();
}

TEST_CASE("static files: the public portal's folder at /portal/ (fingerprinted within it, /portal redirected)",
          "[static][inprocess][portal]") {
    Served srv;
    const auto js = srv.site.name("portal/portal.js"), css = srv.site.name("portal/portal.css");
    CHECK(srv.site.name("portal/index.html") == "portal/index.html");
    CHECK(http::is_fingerprinted(fs::path(js).filename().string()));
    CHECK(js.rfind("portal/", 0) == 0);
    const auto page = slurp(srv.site.site / "portal" / "index.html");
    CHECK(page.find("\"" + fs::path(js).filename().string() + "\"") != std::string::npos);
    CHECK(page.find("\"" + fs::path(css).filename().string() + "\"") != std::string::npos);

    auto r = srv.get("/portal/", {{"Accept-Encoding", "gzip"}});
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->get_header_value("Content-Encoding") == "gzip");
    CHECK(r->get_header_value("Cache-Control") == "no-cache");
    CHECK(r->body == slurp(srv.site.site / "portal" / "index.html.gz"));
    auto a = srv.get("/" + js, {{"Accept-Encoding", "gzip"}});
    REQUIRE(a);
    CHECK(a->status == 200);
    CHECK(a->get_header_value("Cache-Control") == "public, max-age=31536000, immutable");
    CHECK(a->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
    auto bare = srv.get("/portal", {});
    REQUIRE(bare);
    CHECK(bare->status == 301);
    CHECK(bare->get_header_value("Location") == "/portal/");
    CHECK(srv.get("/portal/visit.html", {})->status == 404);   // the visits part's page: not in this site
}

}  // namespace test_static
