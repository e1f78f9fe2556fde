// yiyang-server: create a database with the demo city, serve the API and dashboard, manage users.
//   yiyang-server init  --db FILE [--seed N] [--scale tiny|demo|city] [--assets DIR]
//   yiyang-server serve --db FILE [--host 127.0.0.1] [--port 8080] [--web DIR] [--port-file FILE] [--assets DIR]
//                       [--stale-after-ms 100]   (slow figures served stale while recomputed; -1 = never)
//                       [--escalation-sweep-s 30] (escalate orders nobody accepts; 0 = never)
//   yiyang-server user add NAME --role ROLE [--town T] [--provider P] [--display-name X] [--password-stdin] --db FILE
//   yiyang-server user reset NAME --db FILE
//   yiyang-server user list --db FILE
//   yiyang-server verify-audit --db FILE   (the audit log's hash chain: OK with the row count, or the first broken row)
#include <charconv>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/escalation.hpp"
#include "auth/crypto.hpp"
#include "http/routes.hpp"
#include "http/server.hpp"
#include "store/audit.hpp"
#include "store/database.hpp"
#include "store/demo_loader.hpp"
#include "store/reference.hpp"
#include "store/knowledge.hpp"   // knowledge base (S2)
#include "store/rules.hpp"
#include "store/schema.hpp"
#include "store/users.hpp"

using namespace yiyang;

namespace {

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
    bool flag(const std::string& name) const { return options.count(name) > 0; }
    std::string get(const std::string& name, const std::string& fallback = "") const {
        auto it = options.find(name);
        return it == options.end() ? fallback : it->second;
    }
    // An integer option within [lo, hi]; a bad value stops with a message naming the option and the value.
    std::int64_t integer(const std::string& name, std::int64_t fallback, std::int64_t lo, std::int64_t hi) const {
        auto it = options.find(name);
        if (it == options.end()) return fallback;
        std::int64_t v = 0;
        const std::string& s = it->second;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) {
            throw std::runtime_error(name + " must be an integer from " + std::to_string(lo) + " to " +
                                     std::to_string(hi) + ", got \"" + s + "\"");
        }
        return v;
    }
};

Args parse_args(int argc, char** argv, int from) {
    static const std::set<std::string> flags = {"--password-stdin"};
    Args a;
    for (int i = from; i < argc; ++i) {
        std::string s = argv[i];
        if (s.rfind("--", 0) == 0) {
            if (flags.count(s)) { a.options[s] = "1"; continue; }
            if (i + 1 >= argc) throw std::runtime_error("option " + s + " needs a value");
            a.options[s] = argv[++i];
        } else {
            a.positional.push_back(s);
        }
    }
    return a;
}

std::string require_db(const Args& a) {
    auto db = a.get("--db");
    if (db.empty()) throw std::runtime_error("--db FILE is required");
    return db;
}

http::ApiServer* running_server = nullptr;
void on_signal(int) { if (running_server) running_server->stop(); }

std::optional<Id> find_town(SQLite::Database& db, const std::string& key) {
    for (const auto& t : store::all_towns(db)) {
        if (std::to_string(t.id) == key || t.code == key || t.name == key) return t.id;
    }
    return std::nullopt;
}

std::string read_password_stdin() {
    std::string pw;
    std::getline(std::cin, pw);
    if (pw.size() < 10) throw std::runtime_error("password must have at least 10 characters");
    return pw;
}

// Creates a user (one-time password unless --password-stdin) and prints the password once.
int user_add(store::Database& database, const Args& a, const std::string& name, LocalSeconds now) {
    auto role = parse_Role(a.get("--role"));
    if (!role) throw std::runtime_error("--role must be one of admin, supervisor, agent, town, provider, kiosk");
    User u;
    u.username = name;
    u.display_name = a.get("--display-name", name);
    u.role = *role;
    auto& db = database.reader();
    if (*role == Role::Town) {
        auto t = find_town(db, a.get("--town"));
        if (!t) throw std::runtime_error("a town user needs --town (id, code or name of an existing town)");
        u.town_id = t;
    }
    if (*role == Role::Provider) {
        auto p = a.get("--provider");
        if (p.empty() || !store::provider_exists(db, std::stoll(p))) {
            throw std::runtime_error("a provider user needs --provider ID of an existing provider");
        }
        u.provider_id = std::stoll(p);
    }
    if (store::user_by_name(db, name)) throw std::runtime_error("user already exists: " + name);
    const bool chosen = a.flag("--password-stdin");
    const auto password = chosen ? read_password_stdin() : auth::one_time_password();
    const auto hash = auth::hash_password(password);
    database.write([&](SQLite::Database& w) {
        Id id = store::insert_user(w, u, hash, !chosen, now);
        store::append_audit(w, {0, now, std::nullopt, "cli", "user", id, "create",
                                {{"username", name}, {"role", code(*role)}}, "created from the command line"});
    });
    if (!chosen) {
        std::printf("user %s (%s) created; one-time password (must be changed at first sign-in):\n  %s\n",
                    name.c_str(), code(*role), password.c_str());
    } else {
        std::printf("user %s (%s) created\n", name.c_str(), code(*role));
    }
    return 0;
}

int user_reset(store::Database& database, const std::string& name, LocalSeconds now) {
    auto row = store::user_by_name(database.reader(), name);
    if (!row) throw std::runtime_error("no such user: " + name);
    const auto password = auth::one_time_password();
    const auto hash = auth::hash_password(password);
    database.write([&](SQLite::Database& w) {
        store::set_password(w, row->user.id, hash, true);
        store::end_sessions_of(w, row->user.id, now);
        store::append_audit(w, {0, now, std::nullopt, "cli", "user", row->user.id, "password_reset", nlohmann::json::object(),
                                "reset from the command line"});
    });
    std::printf("password of %s reset; one-time password (must be changed at first sign-in):\n  %s\n", name.c_str(),
                password.c_str());
    return 0;
}

int cmd_init(const Args& a) {
    const auto path = require_db(a);
    const auto scale = demo_scale(a.get("--scale", "demo"));
    if (!scale) throw std::runtime_error("--scale must be tiny, demo or city");
    const auto seed = static_cast<std::uint64_t>(a.integer("--seed", 20261123, 0, INT64_MAX));
    const auto now = app::system_now();
    if (std::filesystem::exists(path)) throw std::runtime_error("database already exists: " + path);
    auto stats = store::create_demo_database(path, seed, *scale, now);
    std::printf("created %s: %lld towns, %lld providers, %lld elders, %lld work orders, %lld service records, "
                "%lld calls in %.1f s\n",
                path.c_str(), static_cast<long long>(stats.towns), static_cast<long long>(stats.providers),
                static_cast<long long>(stats.elders), static_cast<long long>(stats.work_orders),
                static_cast<long long>(stats.service_records), static_cast<long long>(stats.calls), stats.seconds);
    store::Database database(path);
    const auto rules_dir = a.get("--assets", app::default_assets_dir()) + "/rules";
    int rules = 0;
    database.write([&](SQLite::Database& w) { rules = store::seed_rules(w, rules_dir, now); });
    std::printf("rules: %d rule sets from %s\n", rules, rules_dir.c_str());
    // ---- knowledge base (S2): seed articles from assets/knowledge/ and one article per provider ----
    {
        const auto kb_dir = a.get("--assets", app::default_assets_dir()) + "/knowledge";
        int articles = 0;
        database.write([&](SQLite::Database& w) { articles = store::seed_knowledge(w, kb_dir, now); });
        std::printf("knowledge base: %d articles from %s and the provider register\n", articles, kb_dir.c_str());
    }
    // ---- end knowledge base ----
    Args admin;
    admin.options["--role"] = "admin";
    admin.options["--display-name"] = "系统管理员";
    return user_add(database, admin, a.get("--admin", "admin"), now);
}

int cmd_serve(const Args& a) {
    const auto path = require_db(a);
    if (!std::filesystem::exists(path)) throw std::runtime_error("no database at " + path + " (run init first)");
    store::Database database(path);
    { auto w = store::open_connection(path, false); store::migrate(*w); }
    app::ServerConfig config;
    config.web_root = a.get("--web");
    config.assets_dir = a.get("--assets", config.assets_dir);
    config.stale_after_ms = static_cast<int>(a.integer("--stale-after-ms", config.stale_after_ms, -1, 3'600'000));
    app::AppContext ctx(database, config, app::system_now);
    http::ApiServer server(ctx);
    const auto host = a.get("--host", "127.0.0.1");
    const int port = static_cast<int>(a.integer("--port", 8080, 0, 65535));
    const int bound = server.bind(host, port);
    if (bound < 0) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port));
    http::compute_overview(ctx);   // warm the cache before the first visitor
    // Orders nobody accepts within the dispatch rules' window are escalated (0 = no sweep).
    const int sweep_s = static_cast<int>(a.integer("--escalation-sweep-s", 30, 0, 86'400));
    std::unique_ptr<app::EscalationSweeper> sweeper;
    if (sweep_s > 0) sweeper = std::make_unique<app::EscalationSweeper>(ctx, sweep_s);
    if (auto pf = a.get("--port-file"); !pf.empty()) std::ofstream(pf) << bound << "\n";
    std::printf("Yiyang 颐养 is serving http://%s:%d/ (API at /api/v1, database %s)\n", host.c_str(), bound, path.c_str());
    std::fflush(stdout);
    running_server = &server;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    return server.run() ? 0 : 1;
}

int cmd_user(const Args& a) {
    if (a.positional.empty()) throw std::runtime_error("usage: user add NAME ... | user reset NAME | user list");
    const auto path = require_db(a);
    if (!std::filesystem::exists(path)) throw std::runtime_error("no database at " + path);
    store::Database database(path);
    const auto now = app::system_now();
    const auto& verb = a.positional[0];
    if (verb == "list") {
        for (const auto& u : store::all_users(database.reader())) {
            std::printf("%-20s %-10s %s%s\n", u.username.c_str(), code(u.role), u.display_name.c_str(),
                        u.active ? "" : " (inactive)");
        }
        return 0;
    }
    if (a.positional.size() < 2) throw std::runtime_error("user " + verb + " needs a NAME");
    if (verb == "add") return user_add(database, a, a.positional[1], now);
    if (verb == "reset") return user_reset(database, a.positional[1], now);
    throw std::runtime_error("unknown user command: " + verb);
}

// ---- verify-audit: recompute the audit log's hash chain (store/audit.hpp) ----
// yiyang-server verify-audit --db FILE: prints "OK: N rows, head HASH" and exits 0, or names the first broken
// row and exits 3. Opens the file read-only (the schema must already have the chain: run serve once after an
// upgrade).
int cmd_verify_audit(const std::string& path) {
    if (path.empty()) throw std::runtime_error("--db FILE is required");
    if (!std::filesystem::exists(path)) throw std::runtime_error("no database at " + path);
    auto db = store::open_connection(path, true);
    if (db->execAndGet("PRAGMA user_version").getInt() < store::kAuditChainSchemaVersion) {
        throw std::runtime_error("database schema predates the audit chain: start the server on it once to migrate");
    }
    const auto check = store::verify_audit_chain(*db);
    if (check.ok) {
        std::printf("OK: audit chain intact, %lld rows, head %s\n", static_cast<long long>(check.rows),
                    check.head_hash.empty() ? "(empty)" : check.head_hash.c_str());
        return 0;
    }
    std::printf("BROKEN: audit row %lld: %s (%lld rows checked before it)\n",
                static_cast<long long>(check.first_broken_id.value_or(0)), check.problem.c_str(),
                static_cast<long long>(check.rows - 1));
    return 3;
}
// ---- end verify-audit ----

}  // namespace

int main(int argc, char** argv) {
    try {
        auth::init_crypto();
        const std::string cmd = argc > 1 ? argv[1] : "";
        const Args a = parse_args(argc, argv, 2);
        if (cmd == "init") return cmd_init(a);
        if (cmd == "serve") return cmd_serve(a);
        if (cmd == "user") return cmd_user(a);
        if (cmd == "verify-audit") return cmd_verify_audit(a.get("--db"));
        std::fprintf(stderr, "usage: yiyang-server init|serve|user|verify-audit ... (see server/main.cpp)\n");
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "yiyang-server: %s\n", e.what());
        return 1;
    }
}
