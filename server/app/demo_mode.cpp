// The open-day demo: start checks, pristine copy, reset and its schedule (app/demo_mode.hpp).
#include "app/demo_mode.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <variant>
#include <vector>

#include "store/audit.hpp"
#include "store/demo_mode.hpp"
#include "store/rules.hpp"
#include "store/schema.hpp"
#include "store/users.hpp"

namespace yiyang::app {

namespace {

std::string pristine_path_of(const std::string& db_path) { return db_path + ".pristine"; }

// The pristine copy may be kept across restarts only while it is a copy of this very city.
bool pristine_matches(const std::string& pristine, SQLite::Database& live) {
    if (!std::filesystem::exists(pristine)) return false;
    try {
        SQLite::Database p(pristine, SQLite::OPEN_READONLY);
        return !store::meta_value(p, store::kSyntheticKey).empty() &&
               store::meta_value(p, "created_at") == store::meta_value(live, "created_at") &&
               store::meta_value(p, "demo_seed") == store::meta_value(live, "demo_seed") &&
               store::schema_version(p) == store::schema_version(live);
    } catch (const std::exception&) {
        return false;
    }
}

// Rows of a table kept across a reset: read before the restore, written back after it (by primary key).
using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;
struct KeptRows {
    std::string table;
    std::vector<std::string> columns, keys;
    std::vector<std::vector<Cell>> rows;
};

KeptRows keep_rows(SQLite::Database& db, const std::string& table, const std::string& where) {
    KeptRows k{table, {}, {}, {}};
    SQLite::Statement info(db, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
    info.bind(1, table);
    while (info.executeStep()) {
        k.columns.push_back(info.getColumn(0).getString());
        if (info.getColumn(1).getInt() > 0) k.keys.push_back(k.columns.back());
    }
    std::string cols;
    for (const auto& c : k.columns) cols += (cols.empty() ? "\"" : ", \"") + c + "\"";
    SQLite::Statement st(db, "SELECT " + cols + " FROM " + table + " WHERE " + where);
    while (st.executeStep()) {
        std::vector<Cell> row;
        for (int i = 0; i < st.getColumnCount(); ++i) {
            const auto c = st.getColumn(i);
            if (c.isNull()) row.emplace_back(std::monostate{});
            else if (c.isInteger()) row.emplace_back(c.getInt64());
            else if (c.isFloat()) row.emplace_back(c.getDouble());
            else row.emplace_back(c.getString());
        }
        k.rows.push_back(std::move(row));
    }
    return k;
}

void put_rows(SQLite::Database& db, const KeptRows& k) {
    if (k.rows.empty() || k.keys.empty()) return;
    std::string cols, marks, keys, sets;
    for (const auto& c : k.columns) {
        cols += (cols.empty() ? "\"" : ", \"") + c + "\"";
        marks += marks.empty() ? "?" : ", ?";
        sets += (sets.empty() ? "\"" : ", \"") + c + "\" = excluded.\"" + c + "\"";
    }
    for (const auto& c : k.keys) keys += (keys.empty() ? "\"" : ", \"") + c + "\"";
    SQLite::Statement st(db, "INSERT INTO " + k.table + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT (" + keys +
                                 ") DO UPDATE SET " + sets);
    for (const auto& row : k.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            const int at = static_cast<int>(i) + 1;
            std::visit([&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>) st.bind(at);
                else st.bind(at, v);
            }, row[i]);
        }
        st.exec();
        st.reset();
        st.clearBindings();
    }
}

}  // namespace

void start_demo(AppContext& ctx, const std::string& db_path) {
    {
        auto& db = ctx.db.reader(store::Database::Admission::Direct);
        if (auto why = store::not_synthetic_reason(db); !why.empty()) {
            throw std::runtime_error("演示模式拒绝启动 / refusing to serve --demo: " + why + " (" + db_path + ")");
        }
    }
    const auto now = ctx.now();
    ctx.db.write([&](SQLite::Database& w) { store::ensure_demo_accounts(w, now); });
    const auto pristine = pristine_path_of(db_path);
    if (!pristine_matches(pristine, ctx.db.reader(store::Database::Admission::Direct))) {
        ctx.db.exclusive([&](SQLite::Database& w) { store::copy_database_to(w, pristine); });
        std::printf("demo: pristine copy made at %s\n", pristine.c_str());
    } else {
        std::printf("demo: pristine copy %s kept (same city)\n", pristine.c_str());
    }
    ctx.config.demo = true;
    ctx.config.demo_pristine = pristine;
}

bool leave_synthetic(store::Database& db, LocalSeconds now) {
    bool dropped = false;
    db.write([&](SQLite::Database& w) {
        dropped = store::drop_synthetic_mark(w);
        if (dropped) {
            store::append_audit(w, {0, now, std::nullopt, "system", "database", std::nullopt, "synthetic_mark_dropped",
                                    nlohmann::json::object(),
                                    "served outside demo mode: it may hold real data from now on"});
        }
    });
    return dropped;
}

LocalSeconds reset_demo(AppContext& ctx, const DemoResetBy& by) {
    if (!ctx.config.demo || ctx.config.demo_pristine.empty()) throw std::runtime_error("not serving a demo");
    const auto now = ctx.now();
    std::vector<KeptRows> kept;
    std::vector<Id> visitors;
    ctx.db.exclusive([&](SQLite::Database& w) {
        // The staff's accounts and open sessions are no demo data: kept as they are now.
        const std::string staff = "id NOT IN (SELECT CAST(value AS INTEGER) FROM meta WHERE key LIKE 'demo\\_account\\_%' ESCAPE '\\')";
        kept.push_back(keep_rows(w, "users", staff));
        kept.push_back(keep_rows(w, "sessions", "ended_at IS NULL AND user_id IN (SELECT id FROM users WHERE " + staff + ")"));
        store::restore_database_from(w, ctx.config.demo_pristine);
        if (store::schema_version(w) < store::latest_schema_version()) store::migrate(w);
        SQLite::Statement v(w, "SELECT CAST(value AS INTEGER) FROM meta WHERE key LIKE 'demo\\_account\\_%' ESCAPE '\\'");
        while (v.executeStep()) visitors.push_back(v.getColumn(0).getInt64());
    });
    ctx.db.write([&](SQLite::Database& w) {
        for (const auto& k : kept) put_rows(w, k);
        store::append_audit(w, {0, now, by.user_id, by.username, "demo", std::nullopt, "reset",
                                {{"pristine", std::filesystem::path(ctx.config.demo_pristine).filename().string()},
                                 {"trigger", by.user_id ? "administrator" : "schedule"}},
                                by.user_id ? "管理员复位演示数据" : "按计划复位演示数据"});
    });
    {
        // Visitors' sessions end (the dashboard shows the sign-in screen); the staff's stay.
        std::lock_guard<std::mutex> lock(ctx.sessions_mutex);
        for (auto it = ctx.sessions.begin(); it != ctx.sessions.end();) {
            if (std::find(visitors.begin(), visitors.end(), it->second.user_id) != visitors.end()) it = ctx.sessions.erase(it);
            else ++it;
        }
    }
    ctx.set_rules(store::load_rules(ctx.db.reader(store::Database::Admission::Direct)));
    return now;
}

bool demo_reset_due(LocalSeconds last, LocalSeconds now, int every_s, std::optional<int> at_minute) {
    if (every_s > 0 && now - last >= every_s) return true;
    if (at_minute) {
        LocalSeconds at = start_of(date_of(now)) + static_cast<LocalSeconds>(*at_minute) * 60;
        if (at > now) at -= 86'400;
        if (at > last) return true;
    }
    return false;
}

DemoResetSchedule::DemoResetSchedule(AppContext& ctx, int every_s, std::optional<int> at_minute, int check_s)
    : ctx_(ctx) {
    thread_ = std::thread([this, every_s, at_minute, check_s] {
        LocalSeconds last = ctx_.now();
        std::unique_lock<std::mutex> lock(m_);
        for (;;) {
            if (cv_.wait_for(lock, std::chrono::seconds(check_s), [this] { return stop_; })) return;
            const auto now = ctx_.now();
            if (!demo_reset_due(last, now, every_s, at_minute)) continue;
            lock.unlock();
            try {
                last = reset_demo(ctx_, {std::nullopt, "schedule", {}});
                std::printf("demo: reset to the pristine copy (schedule) at %s\n", format_timestamp(last).c_str());
                std::fflush(stdout);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "demo: scheduled reset failed: %s\n", e.what());
                last = now;
            }
            lock.lock();
        }
    });
}

DemoResetSchedule::~DemoResetSchedule() {
    {
        std::lock_guard<std::mutex> lock(m_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace yiyang::app
