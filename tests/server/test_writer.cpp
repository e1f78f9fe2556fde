// The single writer's group commit and what depends on it: a failing job in a batch rolls back only itself,
// jobs run in arrival order and see each other's writes, concurrent order creations get unique, gap-free
// daily codes and one audit event each, day counters past 9999, and exact list totals from order_counts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include <unistd.h>

#include "harness.hpp"
#include "store/database.hpp"
#include "store/orders.hpp"
#include "store/schema.hpp"

namespace test_writer {

using namespace yiyang::test;
namespace store = yiyang::store;

namespace {

// A fresh database file in its own temporary folder, removed afterwards.
struct TempDb {
    std::filesystem::path dir;
    TempDb() {
        char tmpl[] = "/tmp/yiyang-writer-XXXXXX";
        if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
        dir = tmpl;
    }
    ~TempDb() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    std::string path() const { return (dir / "t.db").string(); }
};

void wait_for_pending(store::Database& db, std::size_t n) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (db.pending_writes() < n) {
        if (std::chrono::steady_clock::now() > deadline) FAIL("write jobs never queued up");
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

std::int64_t scalar(SQLite::Database& db, const std::string& sql) { return db.execAndGet(sql).getInt64(); }

// Codes of one day as sequence numbers ("GD" + yyyymmdd = 10 characters, then the sequence).
std::vector<long> sequence_numbers(const std::vector<std::string>& codes) {
    std::vector<long> out;
    for (const auto& c : codes) out.push_back(std::stol(c.substr(10)));
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("a failing job in a batch rolls back only itself; jobs run in arrival order", "[writer]") {
    TempDb tmp;
    store::Database db(tmp.path());
    db.write([](SQLite::Database& w) { w.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, seen INTEGER)"); });

    // Job A holds the writer until B, C and D are queued behind it, so B, C, D form one batch.
    std::mutex m;
    std::condition_variable cv;
    bool release = false, a_running = false;
    const auto v0 = db.data_version();
    std::thread a([&] {
        db.write([&](SQLite::Database& w) {
            w.exec("INSERT INTO t (name) VALUES ('A')");
            std::unique_lock<std::mutex> lock(m);
            a_running = true;
            cv.notify_all();
            cv.wait(lock, [&] { return release; });
        });
    });
    {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return a_running; });
    }
    REQUIRE(db.pending_writes() == 0);

    std::atomic<bool> c_threw{false};
    std::thread b([&] { db.write([](SQLite::Database& w) { w.exec("INSERT INTO t (name) VALUES ('B')"); }); });
    wait_for_pending(db, 1);
    std::thread c([&] {
        try {
            db.write([](SQLite::Database& w) {
                w.exec("INSERT INTO t (name) VALUES ('C')");
                w.exec("INSERT INTO t (id, name) VALUES (1, 'duplicate key')");   // A's row: fails
            });
        } catch (const SQLite::Exception&) {
            c_threw = true;
        }
    });
    wait_for_pending(db, 2);
    std::thread d([&] {
        // D sees what B wrote before it in the same transaction (and nothing of C).
        db.write([](SQLite::Database& w) {
            w.exec("INSERT INTO t (name, seen) VALUES ('D', (SELECT COUNT(*) FROM t WHERE name IN ('B', 'C')))");
        });
    });
    wait_for_pending(db, 3);
    {
        std::lock_guard<std::mutex> lock(m);
        release = true;
    }
    cv.notify_all();
    a.join();
    b.join();
    c.join();
    d.join();

    CHECK(c_threw);
    auto reader = store::open_connection(tmp.path(), true);
    SQLite::Statement st(*reader, "SELECT name, seen FROM t ORDER BY id");
    std::vector<std::string> names;
    std::int64_t d_seen = -1;
    while (st.executeStep()) {
        names.push_back(st.getColumn(0).getString());
        if (names.back() == "D") d_seen = st.getColumn(1).getInt64();
    }
    CHECK(names == std::vector<std::string>{"A", "B", "D"});
    CHECK(d_seen == 1);
    // Two commits: A alone, then B + D together (one at a time would have been three).
    CHECK(db.data_version() - v0 == 2);
}

TEST_CASE("a job that throws its own exception gets it back and leaves nothing", "[writer]") {
    TempDb tmp;
    store::Database db(tmp.path());
    db.write([](SQLite::Database& w) { w.exec("CREATE TABLE t (name TEXT)"); });
    CHECK_THROWS_WITH(db.write([](SQLite::Database& w) {
                          w.exec("INSERT INTO t VALUES ('half')");
                          throw std::runtime_error("refused by the domain");
                      }),
                      "refused by the domain");
    db.write([](SQLite::Database& w) { w.exec("INSERT INTO t VALUES ('whole')"); });
    auto reader = store::open_connection(tmp.path(), true);
    CHECK(scalar(*reader, "SELECT COUNT(*) FROM t") == 1);
    CHECK(reader->execAndGet("SELECT name FROM t").getString() == "whole");
}

TEST_CASE("many concurrent writers: every job committed exactly once", "[writer]") {
    TempDb tmp;
    store::Database db(tmp.path());
    db.write([](SQLite::Database& w) { w.exec("CREATE TABLE t (thread INTEGER, n INTEGER, UNIQUE (thread, n))"); });
    constexpr int kThreads = 8, kEach = 40;
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back([&db, i] {
            for (int n = 0; n < kEach; ++n) {
                db.write([&](SQLite::Database& w) {
                    SQLite::Statement st(w, "INSERT INTO t VALUES (?, ?)");
                    st.bind(1, i);
                    st.bind(2, n);
                    st.exec();
                });
            }
        });
    }
    for (auto& t : threads) t.join();
    auto reader = store::open_connection(tmp.path(), true);
    CHECK(scalar(*reader, "SELECT COUNT(*) FROM t") == kThreads * kEach);
}

TEST_CASE("concurrent order creations get unique, gap-free codes and one audit event each", "[writer]") {
    auto& env = TestEnv::get();
    constexpr int kThreads = 8, kEach = 15;
    std::mutex m;
    std::vector<std::int64_t> ids;
    std::vector<std::string> codes;
    std::vector<std::string> failures;
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back([&, i] {
            auto agent = env.signed_in("agent");
            for (int n = 0; n < kEach; ++n) {
                auto r = agent.post("/api/v1/orders", {{"type", "consultation"},
                                                       {"channel", "hotline"},
                                                       {"town_id", 1},
                                                       {"description", "并发受理 " + std::to_string(i) + "-" + std::to_string(n)}});
                std::lock_guard<std::mutex> lock(m);
                if (r.status != 201) {
                    failures.push_back(r.raw);
                    continue;
                }
                ids.push_back(r.body["order"]["id"].get<std::int64_t>());
                codes.push_back(r.body["order"]["code"].get<std::string>());
            }
        });
    }
    for (auto& t : threads) t.join();
    REQUIRE(failures.empty());
    REQUIRE(ids.size() == static_cast<std::size_t>(kThreads * kEach));
    CHECK(std::set<std::string>(codes.begin(), codes.end()).size() == codes.size());
    // One day, and (no other creation ran meanwhile) consecutive numbers.
    std::set<std::string> days;
    for (const auto& c : codes) days.insert(c.substr(0, 10));
    REQUIRE(days.size() == 1);
    const auto seqs = sequence_numbers(codes);
    CHECK(seqs.back() - seqs.front() + 1 == static_cast<long>(seqs.size()));

    auto supervisor = env.signed_in("supervisor");
    int with_one_create = 0;
    for (auto id : ids) {
        auto h = supervisor.get("/api/v1/orders/" + std::to_string(id) + "/history");
        REQUIRE(h.status == 200);
        int creates = 0;
        for (const auto& e : h.body["events"]) if (e["action"] == "create") ++creates;
        if (creates == 1) ++with_one_create;
    }
    CHECK(with_one_create == kThreads * kEach);
}

namespace {

// A migrated database with two towns, for the store-level order tests.
// (migrate() runs its own transactions, so it gets a connection of its own before the writer opens.)
struct OrderDb {
    TempDb tmp;
    bool ready = [this] {
        auto c = store::open_connection(tmp.path(), false);
        store::migrate(*c);
        c->exec("INSERT INTO towns (id, code, name, is_street, lat_e6, lon_e6) VALUES "
                "(1, 'T1', '甲镇', 0, 0, 0), (2, 'T2', '乙街道', 1, 0, 0)");
        return true;
    }();
    store::Database db{tmp.path()};
};

yiyang::WorkOrder new_order(yiyang::Id town, yiyang::OrderType type, yiyang::Channel channel, yiyang::LocalSeconds at) {
    yiyang::WorkOrder o;
    o.town_id = town;
    o.type = type;
    o.channel = channel;
    o.status = yiyang::OrderStatus::Received;
    o.created_at = at;
    return o;
}

}  // namespace

TEST_CASE("daily codes keep counting past 9999 and continue after codes already stored", "[writer]") {
    OrderDb t;
    const auto day = yiyang::start_of(yiyang::Date{2026, 11, 23}) + 9 * 3600;
    t.db.write([&](SQLite::Database& w) {
        // An order of that day that did not come through insert_order (bulk load, import).
        w.exec("INSERT INTO work_orders (code, channel, type, town_id, status, urgency, created_at) "
               "VALUES ('GD202611230042', 'hotline', 'consultation', 1, 'received', 'normal', " + std::to_string(day) + ")");
    });
    std::vector<std::string> codes;
    t.db.write([&](SQLite::Database& w) {
        for (int i = 0; i < 10000; ++i) {
            auto o = new_order(1, yiyang::OrderType::Consultation, yiyang::Channel::Hotline, day + i);
            store::insert_order(w, o);
            codes.push_back(o.code);
        }
    });
    CHECK(codes.front() == "GD202611230043");
    CHECK(codes[9956] == "GD202611239999");
    CHECK(codes[9957] == "GD2026112310000");
    CHECK(codes.back() == "GD2026112310042");
    CHECK(std::set<std::string>(codes.begin(), codes.end()).size() == codes.size());
    // A rolled-back creation gives its number back.
    CHECK_THROWS(t.db.write([&](SQLite::Database& w) {
        auto o = new_order(1, yiyang::OrderType::Consultation, yiyang::Channel::Hotline, day);
        store::insert_order(w, o);
        throw std::runtime_error("abandoned");
    }));
    t.db.write([&](SQLite::Database& w) {
        auto o = new_order(1, yiyang::OrderType::Consultation, yiyang::Channel::Hotline, day);
        store::insert_order(w, o);
        CHECK(o.code == "GD2026112310043");
    });
}

TEST_CASE("list totals from order_counts equal a direct count after inserts, updates and deletes", "[writer]") {
    using yiyang::Channel;
    using yiyang::OrderStatus;
    using yiyang::OrderType;
    OrderDb t;
    const auto oct = yiyang::start_of(yiyang::Date{2026, 10, 31}) + 23 * 3600;   // last hour of October
    const auto nov = yiyang::start_of(yiyang::Date{2026, 11, 1});                 // first second of November
    const OrderType types[] = {OrderType::Booking, OrderType::Complaint, OrderType::Consultation};
    const Channel channels[] = {Channel::Hotline, Channel::WalkIn};
    t.db.write([&](SQLite::Database& w) {
        for (int i = 0; i < 60; ++i) {
            auto o = new_order(1 + i % 2, types[i % 3], channels[i % 2 == 0 ? (i / 2) % 2 : 0], i % 4 == 0 ? oct : nov + i);
            store::insert_order(w, o);
        }
        // Move some orders on (status and town change), delete one.
        for (yiyang::Id id = 1; id <= 12; ++id) {
            auto s = store::get_order(w, id);
            s->order.status = id % 3 == 0 ? OrderStatus::Closed : OrderStatus::Dispatched;
            if (id == 5) s->order.town_id = 2;
            REQUIRE(store::update_order(w, s->order, s->version));
        }
        w.exec("DELETE FROM work_orders WHERE id = 7");
    });
    auto reader = store::open_connection(t.tmp.path(), true);
    auto direct = [&](const store::OrderQuery& q) {
        auto all = q;
        all.page_size = 0;
        return static_cast<std::int64_t>(store::find_orders(*reader, all).size());
    };
    std::vector<store::OrderQuery> queries(9);
    queries[1].town = 2;
    queries[2].status = OrderStatus::Dispatched;
    queries[3].status = OrderStatus::Closed;
    queries[3].town = 1;
    queries[4].type = OrderType::Complaint;
    queries[4].channel = Channel::Hotline;
    queries[5].created = yiyang::parse_period("2026-10");
    queries[6].created = yiyang::parse_period("2026-Q4");
    queries[6].town = 1;
    queries[7].only_open = true;
    queries[8].created = yiyang::parse_period("2026-11");
    queries[8].only_open = true;
    queries[8].type = OrderType::Booking;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        INFO("query " << i);
        const auto expected = direct(queries[i]);
        CHECK(store::count_orders(*reader, queries[i]) == expected);
        if (i == 0) CHECK(expected == 59);
    }
    CHECK(direct(queries[5]) == 15);   // the October orders, by created_at, match the October month key
}

}  // namespace test_writer
