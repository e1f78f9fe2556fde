// yiyang-server: create a database with the demo city, serve the API and dashboard, manage users.
// The command line is declared with CLI11 (`yiyang-server --help`, `yiyang-server SUBCOMMAND --help`): an unknown or
// misspelt option, a missing value or one out of its range stops with a message naming it.
//   yiyang-server init  --db FILE [--seed N] [--scale tiny|demo|city] [--assets DIR] [--admin NAME]
//   yiyang-server serve --db FILE [--host 127.0.0.1] [--port 8080] [--web DIR] [--port-file FILE] [--assets DIR]
//                       [--escalation-sweep-s 30] (escalate orders nobody accepts; 0 = never)
//                       [--session-lifetime-s 43200] (sessions end this long after sign-in, however active)
//                       [--demo [--demo-reset-every-min 60] [--demo-reset-at HH:MM]] (the open-day demo: synthetic
//                       databases only, one-tap visitor accounts, reset to a pristine copy; app/demo_mode.hpp)
//   yiyang-server user add NAME --role ROLE [--town T] [--provider P] [--department D] [--display-name X] [--password-stdin] --db FILE
//   yiyang-server user reset NAME --db FILE
//   yiyang-server user list --db FILE
//   yiyang-server department add CODE NAME --db FILE | department list --db FILE   (股室, the monthly assessment)
//   yiyang-server verify-audit --db FILE   (the audit log's hash chain: OK with the row count, or the first broken row)
// A new subcommand is one `declare_...` function and one line in kSubcommands (at the end of this file).
#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <limits>

#include <csignal>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/demo_mode.hpp"
#include "app/escalation.hpp"
#include "app/list_import.hpp"
#include "auth/crypto.hpp"
#include "auth/password_policy.hpp"
#include "http/routes.hpp"
#include "http/server.hpp"
#include "store/assessment.hpp"
#include "store/audit.hpp"
#include "store/database.hpp"
#include "store/demo_loader.hpp"
#include "store/knowledge.hpp"
#include "store/reference.hpp"
#include "store/rules.hpp"
#include "store/schema.hpp"
#include "store/users.hpp"

using namespace yiyang;

namespace {

// ---- checks for option values (CLI11 validators: "" = fine, else what is wrong) --------------------------------

CLI::Validator text_check(const char* what, int max_chars, bool allow_space) {
    return CLI::Validator(
        [=](std::string& v) -> std::string {
            const int n = auth::utf8_length(v);
            if (v.empty()) return std::string(what) + " must not be empty";
            if (n < 0) return std::string(what) + " must be UTF-8 text";
            if (n > max_chars) return std::string(what) + " must have at most " + std::to_string(max_chars) + " characters";
            for (unsigned char c : v) {
                if (c < 0x20 || c == 0x7F || (!allow_space && c == ' ')) {
                    return std::string(what) + (allow_space ? " must not contain control characters"
                                                            : " must not contain spaces or control characters");
                }
            }
            return {};
        },
        "TEXT", what);
}
// Sign-in refuses user names over 64 bytes: a longer one could never sign in.
const CLI::Validator kUserName = CLI::Validator(
    [](std::string& v) -> std::string {
        if (v.size() > 64) return "a user name must have at most 64 bytes";
        return text_check("a user name", 64, false)(v);
    },
    "NAME", "user name");
const CLI::Validator kHost = text_check("the host", 253, false);
const CLI::Validator kInParentDir = CLI::Validator(
    [](std::string& v) -> std::string {
        if (v.empty()) return "the path must not be empty";
        const auto parent = std::filesystem::path(v).parent_path();
        if (!parent.empty() && !std::filesystem::is_directory(parent)) return "no such directory: " + parent.string();
        return {};
    },
    "PATH", "path in an existing directory");

std::optional<Id> find_town(SQLite::Database& db, const std::string& key) {
    for (const auto& t : store::all_towns(db)) {
        if (std::to_string(t.id) == key || t.code == key || t.name == key) return t.id;
    }
    return std::nullopt;
}

// ---- user ------------------------------------------------------------------------------------------------------

struct UserAdd {
    std::string name;
    std::string role;
    std::string town;
    std::optional<std::int64_t> provider;
    std::string display_name;
    std::string department;
    bool password_stdin = false;
};

// A chosen password from the first line of stdin, checked as the sign-in page checks it.
std::string read_password_stdin(const std::string& username) {
    std::string pw;
    std::getline(std::cin, pw);
    if (!pw.empty() && pw.back() == '\r') pw.pop_back();
    if (auto problem = auth::password_problem(pw, username)) {
        throw std::runtime_error("password refused (" + problem->code + "): " + problem->message);
    }
    return pw;
}

// Creates a user (one-time password unless --password-stdin) and prints the password once.
int user_add(store::Database& database, const UserAdd& a, LocalSeconds now) {
    auto role = parse_Role(a.role);
    if (!role) throw std::runtime_error("--role must be one of admin, supervisor, agent, town, provider, kiosk, leader");
    User u;
    u.username = a.name;
    u.display_name = a.display_name.empty() ? a.name : a.display_name;
    u.role = *role;
    auto& db = database.reader();
    if (*role == Role::Town) {
        auto t = find_town(db, a.town);
        if (!t) throw std::runtime_error("a town user needs --town (id, code or name of an existing town)");
        u.town_id = t;
    }
    if (*role == Role::Provider) {
        if (!a.provider || !store::provider_exists(db, *a.provider)) {
            throw std::runtime_error("a provider user needs --provider ID of an existing provider");
        }
        u.provider_id = *a.provider;
    }
    if (!a.department.empty()) {
        if (*role != Role::Supervisor && *role != Role::Leader)
            throw std::runtime_error("--department is for a supervisor (or leader) who scores for a department (股室)");
        if (!store::department_by_code(db, a.department))
            throw std::runtime_error("no such department: " + a.department + " (yiyang-server department list)");
    }
    if (store::user_by_name(db, a.name)) throw std::runtime_error("user already exists: " + a.name);
    const bool chosen = a.password_stdin;
    const auto password = chosen ? read_password_stdin(a.name) : auth::one_time_password();
    const auto hash = auth::hash_password(password);
    database.write([&](SQLite::Database& w) {
        Id id = store::insert_user(w, u, hash, !chosen, now);
        nlohmann::json what = {{"username", a.name}, {"role", code(*role)}};
        if (!a.department.empty()) {
            store::set_user_department(w, id, a.department);
            what["department_code"] = a.department;
        }
        store::append_audit(w, {0, now, std::nullopt, "cli", "user", id, "create", what, "created from the command line"});
    });
    if (!chosen) {
        std::printf("user %s (%s) created; one-time password (must be changed at first sign-in):\n  %s\n",
                    a.name.c_str(), code(*role), password.c_str());
    } else {
        std::printf("user %s (%s) created\n", a.name.c_str(), code(*role));
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

// Declares `user add | reset | list` on `cmd`; --db may stand before or after the verb.
std::function<int()> declare_user(CLI::App& cmd) {
    struct Options {
        std::string db;
        UserAdd add;
        std::string reset_name;
    };
    auto o = std::make_shared<Options>();
    cmd.require_subcommand(1);
    cmd.add_option("--db", o->db, "the SQLite database")->required()->check(CLI::ExistingFile);
    auto* add = cmd.add_subcommand("add", "create a user; prints a one-time password unless --password-stdin");
    add->fallthrough();
    add->add_option("name", o->add.name, "user name (sign-in name)")->required()->check(kUserName);
    add->add_option("--role", o->add.role, "the user's role")
        ->required()
        ->check(CLI::IsMember({"admin", "supervisor", "agent", "town", "provider", "kiosk", "leader"}));
    add->add_option("--town", o->add.town, "for a town user: id, code or name of an existing town")
        ->check(text_check("--town", 64, true));
    add->add_option("--provider", o->add.provider, "for a provider user: id of an existing provider")
        ->check(CLI::Range(std::int64_t{1}, INT64_MAX));
    add->add_option("--display-name", o->add.display_name, "name shown in the dashboard (default: the user name)")
        ->check(text_check("--display-name", 64, true));
    add->add_option("--department", o->add.department,
                    "for a supervisor who scores for a department (股室): its code (yiyang-server department list)")
        ->check(text_check("--department", 64, true));
    add->add_flag("--password-stdin", o->add.password_stdin,
                  "read a chosen password from the first line of stdin (checked for strength) instead");
    auto* reset = cmd.add_subcommand("reset", "give a user a new one-time password and end their sessions");
    reset->fallthrough();
    reset->add_option("name", o->reset_name, "user name")->required()->check(kUserName);
    auto* list = cmd.add_subcommand("list", "list the users");
    list->fallthrough();
    return [o, add, reset, list]() -> int {
        store::Database database(o->db);
        const auto now = app::system_now();
        if (add->parsed()) return user_add(database, o->add, now);
        if (reset->parsed()) return user_reset(database, o->reset_name, now);
        if (list->parsed()) {
            for (const auto& u : store::all_users(database.reader())) {
                std::printf("%-20s %-10s %s%s\n", u.username.c_str(), code(u.role), u.display_name.c_str(),
                            u.active ? "" : " (inactive)");
            }
            return 0;
        }
        return 2;   // unreachable: CLI11 requires one of them
    };
}

// ---- department ----------------------------------------------------------------------------------------------

// Declares `department add CODE NAME | list`: the bureau's departments (股室) that fill the monthly assessment.
std::function<int()> declare_department(CLI::App& cmd) {
    struct Options {
        std::string db, code, name;
    };
    auto o = std::make_shared<Options>();
    cmd.require_subcommand(1);
    cmd.add_option("--db", o->db, "the SQLite database")->required()->check(CLI::ExistingFile);
    auto* add = cmd.add_subcommand("add", "add a department (股室): CODE (ASCII) and its Chinese name");
    add->fallthrough();
    add->add_option("code", o->code, "stable code, e.g. elder_services")->required()->check(text_check("the code", 64, false));
    add->add_option("name", o->name, "name, e.g. 养老服务股")->required()->check(text_check("name", 64, false));
    auto* list = cmd.add_subcommand("list", "list the departments");
    list->fallthrough();
    return [o, add, list]() -> int {
        store::Database database(o->db);
        const auto now = app::system_now();
        if (add->parsed()) {
            database.write([&](SQLite::Database& w) {
                store::add_department(w, {o->code, o->name, true});
                store::append_audit(w, {0, now, std::nullopt, "cli", "department", std::nullopt, "create",
                                        {{"code", o->code}, {"name_zh", o->name}}, "created from the command line"});
            });
            std::printf("department %s (%s) added\n", o->code.c_str(), o->name.c_str());
            return 0;
        }
        if (list->parsed()) {
            for (const auto& d : store::departments(database.reader(), false))
                std::printf("%-20s %s%s\n", d.code.c_str(), d.name_zh.c_str(), d.active ? "" : " (inactive)");
            return 0;
        }
        return 2;   // unreachable: CLI11 requires one of them
    };
}

// ---- init --------------------------------------------------------------------------------------------------------

std::function<int()> declare_init(CLI::App& cmd) {
    struct Options {
        std::string db;
        std::int64_t seed = 20261123;
        std::string scale = "demo";
        std::string assets = app::default_assets_dir();
        std::string admin = "admin";
    };
    auto o = std::make_shared<Options>();
    cmd.add_option("--db", o->db, "the SQLite database to create (must not exist yet)")
        ->required()
        ->check(CLI::NonexistentPath)
        ->check(kInParentDir);
    cmd.add_option("--seed", o->seed, "seed of the demo city")->capture_default_str()->check(
        CLI::Range(std::int64_t{0}, INT64_MAX));
    cmd.add_option("--scale", o->scale, "size of the demo city")->capture_default_str()->check(
        CLI::IsMember({"tiny", "demo", "city"}));
    cmd.add_option("--assets", o->assets, "folder with rules/ and knowledge/")->capture_default_str()->check(
        CLI::ExistingDirectory);
    cmd.add_option("--admin", o->admin, "user name of the first administrator")->capture_default_str()->check(
        kUserName);
    return [o]() -> int {
        const auto& path = o->db;
        const auto scale = demo_scale(o->scale);
        const auto seed = static_cast<std::uint64_t>(o->seed);
        const auto now = app::system_now();
        if (std::filesystem::exists(path)) throw std::runtime_error("database already exists: " + path);
        auto stats = store::create_demo_database(path, seed, *scale, now);
        std::printf("created %s: %lld towns, %lld providers, %lld elders, %lld work orders, %lld service records, "
                    "%lld calls in %.1f s\n",
                    path.c_str(), static_cast<long long>(stats.towns), static_cast<long long>(stats.providers),
                    static_cast<long long>(stats.elders), static_cast<long long>(stats.work_orders),
                    static_cast<long long>(stats.service_records), static_cast<long long>(stats.calls), stats.seconds);
        store::Database database(path);
        const auto rules_dir = o->assets + "/rules";
        int rules = 0;
        database.write([&](SQLite::Database& w) { rules = store::seed_rules(w, rules_dir, now); });
        std::printf("rules: %d rule sets from %s\n", rules, rules_dir.c_str());
        // The knowledge base: articles from assets/knowledge/ and one article per provider.
        const auto kb_dir = o->assets + "/knowledge";
        int articles = 0;
        database.write([&](SQLite::Database& w) { articles = store::seed_knowledge(w, kb_dir, now); });
        std::printf("knowledge base: %d articles from %s and the provider register\n", articles, kb_dir.c_str());
        UserAdd admin;
        admin.name = o->admin;
        admin.role = "admin";
        admin.display_name = "系统管理员";
        return user_add(database, admin, now);
    };
}

// ---- serve -------------------------------------------------------------------------------------------------------

http::ApiServer* running_server = nullptr;
void on_signal(int) { if (running_server) running_server->stop(); }

std::function<int()> declare_serve(CLI::App& cmd) {
    struct Options {
        std::string db;
        std::string host = "127.0.0.1";
        int port = 8080;
        std::string web;
        std::string port_file;
        std::string assets = app::default_assets_dir();
        int escalation_sweep_s = 30;
        int session_lifetime_s = app::ServerConfig{}.session_lifetime_s;
        bool demo = false;
        int demo_reset_every_min = 60;
        std::string demo_reset_at;
    };
    auto o = std::make_shared<Options>();
    cmd.add_option("--db", o->db, "the SQLite database (made by init)")->required()->check(CLI::ExistingFile);
    cmd.add_option("--host", o->host, "address to listen on")->capture_default_str()->check(kHost);
    cmd.add_option("--port", o->port, "port to listen on (0 = any free port)")->capture_default_str()->check(
        CLI::Range(0, 65535));
    cmd.add_option("--web", o->web, "folder of the dashboard's static files (default: API only)")->check(
        CLI::ExistingDirectory);
    cmd.add_option("--port-file", o->port_file, "write the port actually bound to this file")->check(kInParentDir);
    cmd.add_option("--assets", o->assets, "folder with rules/")->capture_default_str()->check(CLI::ExistingDirectory);
    cmd.add_option("--escalation-sweep-s", o->escalation_sweep_s,
                   "escalate orders nobody accepts, every N seconds (0 = never)")
        ->capture_default_str()
        ->check(CLI::Range(0, 86'400));
    cmd.add_option("--session-lifetime-s", o->session_lifetime_s,
                   "end every session this long after sign-in, however active")
        ->capture_default_str()
        ->check(CLI::Range(5 * 60, 7 * 86'400));
    cmd.add_flag("--demo", o->demo,
                 "the open-day demo: refuses a database not created synthetic by init; one-tap visitor accounts, "
                 "演示数据 banner, reset to the data at start");
    cmd.add_option("--demo-reset-every-min", o->demo_reset_every_min,
                   "with --demo: reset the data every N minutes (0 = never)")
        ->capture_default_str()
        ->check(CLI::Range(0, 7 * 24 * 60));
    cmd.add_option("--demo-reset-at", o->demo_reset_at, "with --demo: also reset every day at HH:MM (local time)")
        ->check(CLI::Validator(
            [](std::string& v) -> std::string {
                if (v.size() == 5 && v[2] == ':' && std::isdigit(static_cast<unsigned char>(v[0])) &&
                    std::isdigit(static_cast<unsigned char>(v[1])) && std::isdigit(static_cast<unsigned char>(v[3])) &&
                    std::isdigit(static_cast<unsigned char>(v[4])) && std::stoi(v.substr(0, 2)) < 24 &&
                    std::stoi(v.substr(3, 2)) < 60)
                    return {};
                return "--demo-reset-at must be a time of day HH:MM, e.g. 06:00";
            },
            "HH:MM", "time of day"));
    return [o]() -> int {
        const auto& path = o->db;
        if (!o->demo && (o->demo_reset_every_min != 60 || !o->demo_reset_at.empty()))
            throw std::runtime_error("--demo-reset-every-min and --demo-reset-at go with --demo");
        store::Database database(path);
        { auto w = store::open_connection(path, false); store::migrate(*w); }
        app::ServerConfig config;
        config.web_root = o->web;
        config.assets_dir = o->assets;
        config.session_lifetime_s = o->session_lifetime_s;
        app::AppContext ctx(database, config, app::system_now);
        http::ApiServer server(ctx);   // seeds rule kinds the database lacks: before the demo's pristine copy
        std::unique_ptr<app::DemoResetSchedule> demo_schedule;
        if (o->demo) {
            app::start_demo(ctx, path);   // throws (exit 1) on a database not created synthetic
            std::optional<int> at;
            if (!o->demo_reset_at.empty())
                at = std::stoi(o->demo_reset_at.substr(0, 2)) * 60 + std::stoi(o->demo_reset_at.substr(3, 2));
            if (o->demo_reset_every_min > 0 || at)
                demo_schedule = std::make_unique<app::DemoResetSchedule>(ctx, o->demo_reset_every_min * 60, at);
        } else if (app::leave_synthetic(database, ctx.now())) {
            std::printf("note: %s was a synthetic demo database; served without --demo it may now hold real data, "
                        "so it can no longer be served with --demo\n", path.c_str());
        }
        const int bound = server.bind(o->host, o->port);
        if (bound < 0) throw std::runtime_error("cannot listen on " + o->host + ":" + std::to_string(o->port));
        http::compute_overview(ctx);   // warm the cache before the first visitor
        std::unique_ptr<app::EscalationSweeper> sweeper;
        if (o->escalation_sweep_s > 0) sweeper = std::make_unique<app::EscalationSweeper>(ctx, o->escalation_sweep_s);
        if (!o->port_file.empty()) std::ofstream(o->port_file) << bound << "\n";
        std::printf("Yiyang 颐养 is serving http://%s:%d/ (API at /api/v1, database %s)%s\n", o->host.c_str(), bound,
                    path.c_str(), o->demo ? " — open-day demo, synthetic data (演示数据)" : "");
        std::fflush(stdout);
        running_server = &server;
        std::signal(SIGINT, on_signal);
        std::signal(SIGTERM, on_signal);
        return server.run() ? 0 : 1;
    };
}

// ---- the subcommands ---------------------------------------------------------------------------------------------

// Each subcommand declares its options on its own CLI::App and returns what to run once the line is parsed.
struct Subcommand {
    const char* name;
    const char* help;
    std::function<int()> (*declare)(CLI::App& cmd);
};
std::function<int()> declare_verify_audit(CLI::App& cmd);   // below, beside its command
std::function<int()> declare_import(CLI::App& cmd);         // below, beside its command

const Subcommand kSubcommands[] = {
    {"init", "create a database with the demo city, its rules and an administrator", declare_init},
    {"serve", "serve the API and the dashboard", declare_serve},
    {"user", "add, reset or list users", declare_user},
    {"department", "add or list the departments (股室) that fill the monthly assessment", declare_department},
    {"verify-audit", "check the audit log's hash chain: OK with the row count, or the first broken row",
     declare_verify_audit},
    {"import", "import a verification list file (dry run unless --commit): the API's import path, for scripts and "
               "the speed bench", declare_import},
};

// Edit distance, for "did you mean" (options are short).
std::size_t distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// "unknown option --prot (did you mean --port?)" for the words the parse left over, "" when there are none.
std::string unexpected_options(CLI::App& cli) {
    std::vector<const CLI::App*> chain{&cli};   // the subcommands given, innermost last
    for (const CLI::App* app = &cli;;) {
        auto subs = app->get_subcommands();
        if (subs.empty()) break;
        app = subs.front();
        chain.push_back(app);
    }
    std::string out;
    for (const auto& word : cli.remaining(true)) {
        if (word.rfind("-", 0) != 0) continue;
        const auto name = word.substr(0, word.find('='));
        std::string best;
        std::size_t best_d = 3;   // suggest only close matches
        for (const auto* app : chain) {
            for (const auto* opt : app->get_options()) {
                for (const auto& known : opt->get_lnames()) {
                    const auto d = distance(name, "--" + known);
                    if (d < best_d) { best_d = d; best = "--" + known; }
                }
            }
        }
        if (!out.empty()) out += "; ";
        out += "unknown option " + name + (best.empty() ? "" : " (did you mean " + best + "?)");
    }
    return out;
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

std::function<int()> declare_verify_audit(CLI::App& cmd) {
    auto db = std::make_shared<std::string>();
    cmd.add_option("--db", *db, "the SQLite database")->required()->check(CLI::ExistingFile);
    return [db] { return cmd_verify_audit(*db); };
}
// ---- end verify-audit ----

// ---- import: one list file through the API's import path (app/list_import.hpp) ----
// yiyang-server import --db FILE --list service_records --file F.csv [--commit] [--user NAME] [--indexes MODE]: reads the file (mapped,
// so its pages are the kernel's cache, not the heap), validates it row by row and diffs (dry run) or writes it in one
// transaction (commit), as POST /api/v1/imports/{list} does — without the HTTP body limit of 50 MB, so the speed
// bench can import 6 000 000 records. Prints the counts and the seconds. Subscribers go through
// store::commit_subscribers (no town check). Exit 0, or 4 when the file was refused (nothing written).
int cmd_import(const std::string& path, const std::string& list_code, const std::string& file, bool commit,
               const std::string& username, const std::string& indexes) {
    const auto list = import_list_from_code(list_code);
    if (!list) throw std::runtime_error("unknown list " + list_code);
    const int fd = ::open(file.c_str(), O_RDONLY);
    if (fd < 0) throw std::runtime_error("cannot open " + file);
    struct stat st {};
    ::fstat(fd, &st);
    const auto size = static_cast<std::size_t>(st.st_size);
    void* map = size ? ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0) : nullptr;
    ::close(fd);
    if (size && map == MAP_FAILED) throw std::runtime_error("cannot map " + file);
    ::madvise(map, size, MADV_SEQUENTIAL);
    auto db = store::open_connection(path, false);
    const auto user = store::user_by_name(*db, username);
    if (!user) throw std::runtime_error("no user " + username);
    const auto now = app::system_now();
    app::ListImportInput in{*list, std::string_view(static_cast<const char*>(map), size),
                            std::filesystem::path(file).filename().string(), "", date_of(now), 20,
                            std::numeric_limits<std::size_t>::max(), {}, {}};
    if (indexes == "incremental") in.index_mode = store::IndexMode::Incremental;
    else if (indexes == "deferred") in.index_mode = store::IndexMode::Deferred;
    else if (indexes != "auto") throw std::runtime_error("--indexes: auto, incremental or deferred");
    const auto t0 = std::chrono::steady_clock::now();
    wire::ImportPreview p;
    int rc = 0;
    try {
        if (!commit) {
            if (*list == ImportList::Subscribers) throw std::runtime_error("subscribers: dry run only through the API");
            p = app::dry_run_list(*db, in);
        } else {
            SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
            in.sealed = app::sealed_quarters(*db);   // signed quarters refuse changes here too (app/list_import.hpp)
            store::ImportBatch batch{list_code, in.file_name, "", "", "", "", user->user.id, user->user.username, now, 0};
            p = *list == ImportList::Subscribers ? app::commit_subscriber_file(*db, in, batch)
                                                 : app::commit_list(*db, in, batch);
            tx.commit();
        }
    } catch (const app::ImportRefused& e) {
        p = e.preview;
        rc = 4;
    } catch (const app::QuarterSealed& e) {
        std::fprintf(stderr, "%s\n", e.message_zh.c_str());
        rc = 5;
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (map) ::munmap(map, size);
    std::printf("%s %s: rows %lld, added %lld, changed %lld, unchanged %lld, errors %lld, %.3f s\n",
                commit ? "commit" : "dry run", list_code.c_str(), static_cast<long long>(p.rows),
                static_cast<long long>(p.added), static_cast<long long>(p.changed), static_cast<long long>(p.unchanged),
                static_cast<long long>(p.error_count), secs);
    for (const auto& e : p.errors) std::printf("  %s\n", text_zh(e).c_str());
    return rc;
}

std::function<int()> declare_import(CLI::App& cmd) {
    struct Args { std::string db, list, file, user = "admin", indexes = "auto"; bool commit = false; };
    auto a = std::make_shared<Args>();
    cmd.add_option("--db", a->db, "the SQLite database")->required()->check(CLI::ExistingFile);
    cmd.add_option("--list", a->list, "subscribers | service_records | cremations | phone_checks | callbacks")->required();
    cmd.add_option("--file", a->file, "the CSV or XLSX file")->required()->check(CLI::ExistingFile);
    cmd.add_flag("--commit", a->commit, "write the rows (default: dry run)");
    cmd.add_option("--user", a->user, "who imports (default admin)");
    cmd.add_option("--indexes", a->indexes, "auto (default: deferred in a bulk load) | incremental | deferred");
    return [a] { return cmd_import(a->db, a->list, a->file, a->commit, a->user, a->indexes); };
}
// ---- end import ----

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"Yiyang 颐养 server: create the database, serve the API and dashboard, manage users.",
                 "yiyang-server"};
    cli.require_subcommand(1);
    std::vector<std::pair<CLI::App*, std::function<int()>>> commands;
    for (const auto& s : kSubcommands) {
        auto* cmd = cli.add_subcommand(s.name, s.help);
        commands.emplace_back(cmd, s.declare(*cmd));
    }
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // CLI11 checks required options and values before it reports words it did not expect; a misspelt option
        // is the likelier cause of both, so it is named first.
        if (auto unexpected = unexpected_options(cli); !unexpected.empty()) {
            std::fprintf(stderr, "yiyang-server: %s\nRun with --help for more information.\n", unexpected.c_str());
            return static_cast<int>(CLI::ExitCodes::ExtrasError);
        }
        return cli.exit(e);   // --help: exit 0; a bad line: the message on stderr, exit non-zero
    }
    try {
        auth::init_crypto();
        for (auto& [cmd, run] : commands) {
            if (cmd->parsed()) return run();
        }
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "yiyang-server: %s\n", e.what());
        return 1;
    }
}
