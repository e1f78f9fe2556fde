// Server setup: filters, limits, headers, static files, logging without personal data.
#include "http/server.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>

#include "http/common.hpp"
#include "http/log_text.hpp"
#include "http/routes.hpp"
#include "http/static_files.hpp"
#include "app/import_files.hpp"
#include "store/knowledge.hpp"
#include "store/rules.hpp"
#include "yiyang/evidence.hpp"
#include "store/inspections.hpp"

namespace yiyang::http {

namespace {

bool has_crlf(const std::string& v) { return v.find_first_of("\r\n") != std::string::npos; }

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool all_digits(const std::string& s) {
    return !s.empty() && s.size() <= 18 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// POST {prefix}{digits}{suffix}: one of the upload routes (a numeric id between a fixed prefix and suffix).
bool posts_to(const httplib::Request& req, const std::string& prefix, const std::string& suffix) {
    const auto& p = req.path;
    return req.method == "POST" && p.size() > prefix.size() + suffix.size() && p.rfind(prefix, 0) == 0 &&
           p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0 &&
           all_digits(p.substr(prefix.size(), p.size() - prefix.size() - suffix.size()));
}

// An evidence file's route (as opposed to a photo's): its 413 says 佐证文件, not 照片.
bool posts_evidence_file(const httplib::Request& req) {
    return posts_to(req, "/api/v1/activities/", "/files") || posts_to(req, "/api/v1/settlement/objections/", "/files");
}

// Request bodies are capped at payload_max except on the routes that take files: a photo or evidence file up to
// kEvidenceMaxBytes plus 64 KiB of multipart framing, an imported list up to 50 MB.
constexpr std::size_t kEvidenceBodyMax = kEvidenceMaxBytes + 64 * 1024;
std::size_t body_limit(const httplib::Request& req, std::size_t payload_max) {
    // The verification lists' imports (http/import_routes): a file up to 50 MB, raw in the body.
    if (req.method == "POST" && req.path.rfind("/api/v1/imports/", 0) == 0) return std::max(payload_max, app::kMaxImportFileBytes);
    if (posts_to(req, "/api/v1/orders/", "/evidence") ||       // a service's photos (http/evidence_routes)
        posts_to(req, "/api/v1/inspections/", "/photos") ||    // an inspection's photos (issue 13)
        posts_evidence_file(req))                              // an activity record's or an objection's files
        return std::max(payload_max, kEvidenceBodyMax);
    return payload_max;
}

// Rejects, before any body is read: Transfer-Encoding (chunked bodies bypass the payload limit),
// Content-Encoding, bodies without (or with a malformed or too large) Content-Length, too many header fields,
// CR/LF in header values, forged REMOTE_* headers, and state-changing requests without the custom header or
// from another origin (CSRF: scheme and host must both match). Whatever it refuses, its body is unread: the
// connection is closed after the reply (conn::close_after_reply), or the body would be parsed as a next request.
httplib::Server::HandlerResponse check_request(const httplib::Request& req, httplib::Response& res,
                                               std::size_t payload_max, std::size_t header_max_count) {
    using HR = httplib::Server::HandlerResponse;
    // httplib adds REMOTE_ADDR, REMOTE_PORT, LOCAL_ADDR and LOCAL_PORT itself.
    if (req.headers.size() > header_max_count + 4) {
        reply_error(res, 431, "too_many_headers",
                    "请求头字段过多（上限 " + std::to_string(header_max_count) + " 个）");
        return HR::Handled;
    }
    for (const auto& [name, value] : req.headers) {
        if (has_crlf(value) || has_crlf(name)) {
            reply_error(res, 400, "bad_header", "请求头包含非法的换行字符");
            return HR::Handled;
        }
        if (name.rfind("REMOTE_", 0) == 0 && name != "REMOTE_ADDR" && name != "REMOTE_PORT") {
            reply_error(res, 400, "bad_header", "请求头不允许 " + name);
            return HR::Handled;
        }
    }
    // The server itself adds one REMOTE_ADDR and one REMOTE_PORT; a second one came from the client.
    if (req.get_header_value_count("REMOTE_ADDR") > 1 || req.get_header_value_count("REMOTE_PORT") > 1) {
        reply_error(res, 400, "bad_header", "请求头不允许 REMOTE_ADDR / REMOTE_PORT");
        return HR::Handled;
    }
    if (req.has_header("Transfer-Encoding")) {
        reply_error(res, 400, "bad_framing", "不接受 Transfer-Encoding（请使用 Content-Length）");
        return HR::Handled;
    }
    if (req.has_header("Content-Encoding")) {
        reply_error(res, 415, "bad_encoding", "不接受压缩的请求体（Content-Encoding）");
        return HR::Handled;
    }
    // cpp-httplib compresses text and JSON with brotli at its slowest quality on every request (~1 s for
    // yiyang.js): offer it gzip only. (The Request object is owned, non-const, by httplib's connection loop.)
    if (req.has_header("Accept-Encoding")) {
        const bool gzip = req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
        auto& mutable_req = const_cast<httplib::Request&>(req);
        mutable_req.headers.erase("Accept-Encoding");
        if (gzip) mutable_req.headers.emplace("Accept-Encoding", "gzip");
    }
    const bool changes_state = req.method == "POST" || req.method == "PUT" || req.method == "PATCH" ||
                               req.method == "DELETE";
    if ((req.method == "POST" || req.method == "PUT" || req.method == "PATCH") && !req.has_header("Content-Length")) {
        reply_error(res, 411, "length_required", "请求缺少 Content-Length");
        return HR::Handled;
    }
    if (req.has_header("Content-Length")) {
        if (req.get_header_value_count("Content-Length") != 1 || !all_digits(req.get_header_value("Content-Length"))) {
            reply_error(res, 400, "bad_framing", "Content-Length 应为一个非负整数");
            return HR::Handled;
        }
        // Refused here rather than by httplib, which would read (and discard) the whole announced body first.
        const std::size_t limit = body_limit(req, payload_max);
        if (std::stoull(req.get_header_value("Content-Length")) > limit) {
            reply_error(res, 413, "payload_too_large",
                        limit == app::kMaxImportFileBytes ? "文件超过 50 MB 的上限：请分成几个文件分别导入"
                        : limit > payload_max && posts_evidence_file(req)
                            ? "佐证文件过大（上限 " + std::to_string(kEvidenceMaxBytes >> 20) + " MB），请压缩或分成几个文件上传"
                        : limit > payload_max ? "照片过大（上限 " + std::to_string(kEvidenceMaxBytes >> 20) + " MB），请压缩后再上传"
                                              : std::string("请求体过大"));
            return HR::Handled;
        }
    }
    if (changes_state) {
        if (req.get_header_value("X-Yiyang-Request") != "1") {
            reply_error(res, 403, "csrf", "缺少请求头 X-Yiyang-Request: 1");
            return HR::Handled;
        }
        if (req.has_header("Origin")) {
            // Browsers send the origin lower-case ("https://host[:port]"); a page served over http may not act on
            // the https site (or the reverse), nor may another host.
            const auto expected = client_scheme(req) + "://" + lower(req.get_header_value("Host"));
            if (lower(req.get_header_value("Origin")) != expected) {
                reply_error(res, 403, "csrf", "跨站请求被拒绝（Origin 的协议或主机与本站不一致）");
                return HR::Handled;
            }
        }
    }
    return HR::Unhandled;
}

httplib::Server::HandlerResponse pre_route(const httplib::Request& req, httplib::Response& res,
                                           std::size_t payload_max, std::size_t header_max_count) {
    conn::head_complete();
    const auto r = check_request(req, res, payload_max, header_max_count);
    if (r == httplib::Server::HandlerResponse::Handled) {
        conn::close_after_reply();
        // Tell the peer too (nginx then drops this upstream connection instead of reusing it).
        auto& mutable_req = const_cast<httplib::Request&>(req);
        mutable_req.set_header("Connection", "close");
    }
    return r;
}

void security_headers(const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cross-Origin-Opener-Policy", "same-origin");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                   "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; "
                   "base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    if (req.path.rfind("/api/", 0) == 0) {
        // Replies are personal or change: not stored, unless the route says otherwise (glyph pages are public
        // and change only with the font).
        if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
    } else if (!res.has_header("Cache-Control")) {
        res.set_header("Cache-Control", "no-cache");
    }
}

}  // namespace

// (server.hpp) The scheme the client used: the server itself speaks plain HTTP; behind nginx (which terminates TLS) the
// proxy's X-Forwarded-Proto says, but only a trusted proxy peer (TransportLimits::trusted_proxies) is believed —
// from anyone else the header could claim "https" for a page served over plain HTTP.
std::string client_scheme(const httplib::Request& req) {
    if (conn::peer_is_trusted_proxy() && req.has_header("X-Forwarded-Proto")) {
        const auto proto = lower(req.get_header_value("X-Forwarded-Proto"));
        if (proto == "https" || proto == "http") return proto;
    }
    return "http";
}


ApiServer::ApiServer(app::AppContext& ctx, TransportLimits limits)
    : ctx_(ctx), server_(std::move(limits)),
      gate_(server_.limits().compute_slots, std::chrono::milliseconds(server_.limits().compute_max_wait_ms)),
      router_(server_, ctx, &gate_) {
    ctx_.db.set_read_hook(&ComputeGate::before_read);
    // Rule sets: a database made before the rules were seeded (or by the test harness) gets the asset files.
    if (ctx_.db.reader().execAndGet("SELECT COUNT(DISTINCT kind) FROM rules").getInt() < static_cast<int>(rule_kinds().size())) {
        ctx_.db.write([&](SQLite::Database& w) { store::seed_rules(w, ctx_.config.assets_dir + "/rules", ctx_.now()); });
    }
    ctx_.set_rules(store::load_rules(ctx_.db.reader()));
    // Inspections (issue 13): an institution for every service point; on the demo city, its month of inspections.
    ctx_.db.write([&](SQLite::Database& w) { store::prepare_inspections(w, ctx_.rules(), ctx_.now()); });
    // Knowledge base: seed assets/knowledge/articles.json and the provider articles not yet present.
    ctx_.db.write([&](SQLite::Database& w) { store::seed_knowledge(w, ctx_.config.assets_dir + "/knowledge", ctx_.now()); });
    // Worker threads and keep-alive length come from TransportLimits (GuardedServer): httplib serves one connection
    // per thread for its whole keep-alive life, so the pool must exceed the connections a load brings.
    server_.set_tcp_nodelay(true);   // no 40 ms Nagle/delayed-ACK stalls on keep-alive replies
    server_.set_read_timeout(5, 0);
    server_.set_write_timeout(5, 0);
    server_.set_keep_alive_timeout(5);
    // httplib's own cap is the largest any route takes (photos); check_request holds every other route to payload_max.
    server_.set_payload_max_length(std::max({ctx_.config.payload_max, kEvidenceBodyMax, app::kMaxImportFileBytes}));
    const std::size_t payload_max = ctx_.config.payload_max;
    const std::size_t header_max = server_.limits().header_max_count;
    server_.set_pre_routing_handler([payload_max, header_max](const httplib::Request& req, httplib::Response& res) {
        return pre_route(req, res, payload_max, header_max);
    });
    server_.set_post_routing_handler(security_headers);
    server_.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        // Never leak exception text to clients; log the route and kind only.
        std::string what = "unknown";
        try { if (ep) std::rethrow_exception(ep); } catch (const std::exception& e) { what = e.what(); } catch (...) {}
        std::fprintf(stderr, "error: %s %s: %s\n", log_text(req.method).c_str(), log_path(req.path).c_str(),
                     log_text(what).c_str());
        reply_error(res, 500, "internal", "服务器内部错误，请稍后重试");
        security_headers(req, res);
    });
    server_.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;
        // A head the connection guard cut off reaches httplib as a malformed request (400).
        const auto cut = conn::head_refusal();
        if (res.status == 400 && cut == "timeout") {
            reply_error(res, 408, "request_timeout", "请求头未在规定时间内收齐");
        } else if (res.status == 400 && cut == "too_large") {
            reply_error(res, 431, "headers_too_large", "请求头过大");
        } else if (res.status == 404) reply_error(res, 404, "not_found", "未找到：" + req.path);
        else if (res.status == 413) reply_error(res, 413, "payload_too_large", "请求体过大");
        else if (res.status == 400) reply_error(res, 400, "bad_request", "请求格式错误");
        else if (res.status == 405) reply_error(res, 405, "method_not_allowed", "不支持该请求方法");
    });
    server_.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        // Runs after every reply is written (on the connection's thread): the guard then closes a connection
        // whose request was refused unread, or starts the next head's deadline.
        conn::reply_written();
        // Path only: query strings can carry names or ID fragments, which never go to logs; an ID number in the
        // path (verification/deaths/{id_number}) is masked by log_path. Escaped: a decoded
        // path may hold CR/LF (%0d%0a) and would otherwise write a forged line.
        if (std::getenv("YIYANG_ACCESS_LOG")) {
            std::fprintf(stderr, "%s %s %d\n", log_text(req.method).c_str(), log_path(req.path).c_str(), res.status);
        }
    });
    if (!ctx_.config.web_root.empty()) mount_static_files(server_, ctx_.config.web_root);

    register_system_routes(router_, ctx_);
    register_session_routes(router_, ctx_);
    register_reference_routes(router_, ctx_);
    register_elder_routes(router_, ctx_);
    register_overview_routes(router_, ctx_);
    register_public_figures_routes(router_, ctx_);   // kiosk-ui (issue 12): public/figures
    register_order_routes(router_, ctx_);
    register_call_routes(router_, ctx_);
    register_kpi_routes(router_, ctx_);
    register_knowledge_routes(router_, ctx_);
    register_live_routes(router_, ctx_);
    register_rule_routes(router_, ctx_);
    register_glyph_routes(router_, ctx_);
    register_export_routes(router_, ctx_);
    register_evidence_routes(router_, ctx_);
    register_import_routes(router_, ctx_);
    register_import_list_routes(router_, ctx_);   // after register_import_routes: imports/subscribers first
    register_verification_routes(router_, ctx_);
    register_verification_physical_routes(router_, ctx_);
    register_settlement_routes(router_, ctx_);
    register_assessment_routes(router_, ctx_);
    register_assessment_prefill_routes(router_, ctx_);
    register_assessment_month_routes(router_, ctx_);
    register_contract_routes(router_, ctx_);
    register_demo_routes(router_, ctx_);
    register_verification_deaths_routes(router_, ctx_);
    register_verification_sampling_routes(router_, ctx_);
    register_verification_report_routes(router_, ctx_);
    register_verification_signoff_routes(router_, ctx_);
    register_caller_routes(router_, ctx_);
    register_coverage_routes(router_, ctx_);   // map
    register_public_routes(router_, ctx_);   // portal part (issue 12)
    register_kiosk_device_routes(router_, ctx_);
    register_visit_routes(router_, ctx_);
    register_target_table_routes(router_, ctx_);   // issue 13
    register_activity_routes(router_, ctx_);   // issue 13
    register_provider_routes(router_, ctx_);   // issue 13, providers
    register_inspection_routes(router_, ctx_);   // issue 13, inspections
    register_report_routes(router_, ctx_);   // issue 13, part reports
    auto doc = std::make_shared<nlohmann::json>();
    router_.add({"GET", "/api/v1/openapi.json", "OpenAPI 3.0 document of every endpoint", "system", anyone(), {}, "",
                 "OpenApi"},
                [doc](const httplib::Request&, httplib::Response& res) { reply_json(res, 200, *doc); });
    *doc = openapi_document(router_, ctx_.config.version);
}

int ApiServer::bind(const std::string& host, int port) {
    return server_.bind_guarded(host, port);
}

bool ApiServer::run() { return server_.listen_after_bind(); }

void ApiServer::stop() { server_.stop(); }

}  // namespace yiyang::http
