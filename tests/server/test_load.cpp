// The tail under many connections (issue 8 item 8): the admission gate (at most N GET handlers compute at once,
// first come first served, never waiting past its limit; only database reads queue) and the reply cache that
// keeps each reply's serialized text (a hit is a pointer, not a copy and a dump); reader statements reused.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <unistd.h>
#include <thread>
#include <vector>
#include <zlib.h>

#include "app/context.hpp"
#include "harness.hpp"
#include "http/compute_gate.hpp"
#include "store/database.hpp"

namespace test_load {

using namespace yiyang;
using Clock = std::chrono::steady_clock;

namespace {

std::string gunzip(const std::string& gz) {
    z_stream z{};
    REQUIRE(inflateInit2(&z, 31) == Z_OK);
    std::string out;
    char buf[16384];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
    z.avail_in = static_cast<uInt>(gz.size());
    int r = Z_OK;
    while (r == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        r = inflate(&z, Z_NO_FLUSH);
        out.append(buf, sizeof buf - z.avail_out);
    }
    inflateEnd(&z);
    REQUIRE(r == Z_STREAM_END);
    return out;
}

// Waits (up to 5 s) until `pred` holds.
template <class Pred>
bool eventually(Pred pred) {
    const auto end = Clock::now() + std::chrono::seconds(5);
    while (Clock::now() < end) {
        if (pred()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return pred();
}

}  // namespace

TEST_CASE("the admission gate runs at most N at once, in arrival order, and never waits past its limit",
          "[transport][load]") {
    SECTION("at most N at once") {
        http::ComputeGate gate(2, std::chrono::milliseconds(10'000));
        std::atomic<int> inside{0}, most{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 12; ++i) {
            threads.emplace_back([&] {
                http::ComputeGate::Pass pass(gate);
                const int n = ++inside;
                for (int m = most.load(); n > m && !most.compare_exchange_weak(m, n);) {}
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                --inside;
            });
        }
        for (auto& t : threads) t.join();
        CHECK(most.load() == 2);
        const auto s = gate.stats();
        CHECK(s.peak_busy == 2);
        CHECK(s.busy == 0);
        CHECK(s.waiting == 0);
        CHECK(s.overtimed == 0);
    }
    SECTION("first come, first served") {
        http::ComputeGate gate(1, std::chrono::milliseconds(10'000));
        std::vector<int> order;
        std::mutex order_m;
        std::vector<std::thread> threads;
        {
            http::ComputeGate::Pass holder(gate);
            for (int i = 0; i < 6; ++i) {
                threads.emplace_back([&, i] {
                    http::ComputeGate::Pass pass(gate);
                    std::lock_guard<std::mutex> lock(order_m);
                    order.push_back(i);
                });
                // Each one queued before the next arrives.
                REQUIRE(eventually([&] { return gate.stats().waiting == static_cast<std::size_t>(i + 1); }));
            }
        }   // the holder leaves: the slot passes down the queue
        for (auto& t : threads) t.join();
        CHECK(order == std::vector<int>{0, 1, 2, 3, 4, 5});
    }
    SECTION("a request that waited max_wait runs anyway (a slow one cannot hold the others forever)") {
        http::ComputeGate gate(1, std::chrono::milliseconds(60));
        http::ComputeGate::Pass slow(gate);   // holds the only slot throughout
        const auto t0 = Clock::now();
        bool had_slot = true;
        std::thread([&] {
            http::ComputeGate::Pass pass(gate);
            had_slot = pass.holds_slot();
        }).join();
        const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
        CHECK_FALSE(had_slot);
        CHECK(waited >= 60);
        CHECK(waited < 2000);
        CHECK(gate.stats().overtimed == 1);
        CHECK(gate.stats().waiting == 0);
        CHECK(gate.stats().busy == 1);   // the slow one's slot is still its own
    }
    SECTION("no gate: everyone enters") {
        http::ComputeGate gate(0, std::chrono::milliseconds(10));
        http::ComputeGate::Pass a(gate), b(gate), c(gate);
        CHECK_FALSE(a.holds_slot());
        CHECK(gate.stats().busy == 0);
    }
}

TEST_CASE("a request takes a gate slot at its first database read, not for the session check", "[transport][load]") {
    const auto path = std::filesystem::temp_directory_path() /
                      ("yiyang-gate-" + std::to_string(::getpid()) + "-" +
                       std::to_string(Clock::now().time_since_epoch().count()) + ".db");
    {
        store::Database db(path.string());
        db.write([](SQLite::Database& w) { w.exec("CREATE TABLE t (x INTEGER)"); });
        db.set_read_hook(&http::ComputeGate::before_read);
        http::ComputeGate gate(1, std::chrono::milliseconds(10'000));
        std::size_t busy_after_direct = 9, busy_after_read = 9, busy_after_second = 9;
        gate.run([&] {
            db.reader(store::Database::Admission::Direct).execAndGet("SELECT COUNT(*) FROM t");
            busy_after_direct = gate.stats().busy;
            db.reader().execAndGet("SELECT COUNT(*) FROM t");
            busy_after_read = gate.stats().busy;
            db.reader();
            busy_after_second = gate.stats().busy;
        });
        CHECK(busy_after_direct == 0);
        CHECK(busy_after_read == 1);
        CHECK(busy_after_second == 1);   // once per request
        CHECK(gate.stats().busy == 0);   // given back when the handler returns
        db.reader();                     // outside a gated handler: no gate
        CHECK(gate.stats().busy == 0);
        CHECK(gate.stats().peak_busy == 1);
    }
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix, ec);
}

TEST_CASE("a cached reply is stored once with its text: a hit is the same entry, not a copy", "[load]") {
    app::VersionedCache cache;
    const nlohmann::json value = {{"items", {1, 2, 3}}, {"name", "颐养"}, {"bad", "\xff"}};
    const auto put = cache.put("k", 5, value);
    const auto hit = cache.find("k", 5);
    REQUIRE(hit);
    CHECK(hit.get() == put.get());
    CHECK(hit->value == value);
    CHECK(hit->text == value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    CHECK(cache.get("k", 5) == value);
    CHECK_FALSE(cache.find("k", 6));   // another data version: a miss
    // Computed from older data than the cache holds: returned to the caller, never kept.
    cache.put("k", 7, {{"v", 7}});
    const auto old = cache.put("old", 6, {{"v", 6}});
    CHECK(old->value["v"] == 6);
    CHECK_FALSE(cache.find("old", 6));
    CHECK_FALSE(cache.find("old", 7));
    CHECK(cache.find("k", 7)->value["v"] == 7);
}

TEST_CASE("a cached reply is gzipped once, and a client accepting gzip gets those bytes", "[load]") {
    app::VersionedCache cache;
    nlohmann::json items = nlohmann::json::array();
    for (int i = 0; i < 200; ++i) items.push_back({{"code", "K" + std::to_string(i)}, {"name_zh", "满意率"}, {"value", i}});
    const auto entry = cache.put("k", 1, {{"items", items}});
    const std::string& gz = entry->gzip();
    REQUIRE_FALSE(gz.empty());
    CHECK(&entry->gzip() == &gz);   // made once per entry
    CHECK(gz.size() < entry->text.size() / 4);
    CHECK(gunzip(gz) == entry->text);

    // Over HTTP (the client inflates the body): the same figures as the plain reply, and marked gzip.
    auto c = test::TestEnv::get().signed_in("supervisor");
    for (const char* path : {"/api/v1/kpis", "/api/v1/overview"}) {
        INFO(path);
        const auto plain = c.get(path);
        const auto zipped = c.send("GET", path, "", {{"Accept-Encoding", "gzip, deflate, br"}});
        REQUIRE(zipped.status == 200);
        CHECK(zipped.header("Content-Encoding") == "gzip");
        CHECK(plain.header("Content-Encoding").empty());
        CHECK(nlohmann::json::parse(zipped.raw) == plain.body);
    }
}

TEST_CASE("cached replies (overview, kpis, towns) are the same bytes on every hit and valid JSON",
          "[load][kpis]") {
    auto c = test::TestEnv::get().signed_in("supervisor");
    for (const char* path : {"/api/v1/overview", "/api/v1/kpis", "/api/v1/towns"}) {
        INFO(path);
        const auto first = c.get(path);
        const auto second = c.get(path);
        REQUIRE(first.status == 200);
        REQUIRE(second.status == 200);
        CHECK(first.body.is_object());
        CHECK(second.header("Content-Type") == "application/json; charset=utf-8");
        CHECK(nlohmann::json::parse(second.raw) == first.body);
    }
}

TEST_CASE("reader statements are prepared once and reused, released without holding a snapshot", "[load]") {
    const auto path = std::filesystem::temp_directory_path() /
                      ("yiyang-prep-" + std::to_string(::getpid()) + "-" +
                       std::to_string(Clock::now().time_since_epoch().count()) + ".db");
    {
        store::Database db(path.string());
        db.write([](SQLite::Database& w) { w.exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)"); });
        auto& r = db.reader();
        const std::string sql = "SELECT COUNT(*) FROM t WHERE x > ?";
        SQLite::Statement* first = nullptr;
        {
            store::Prepared p(r, sql);
            CHECK(p.reused());
            first = &*p;
            p->bind(1, 0);
            REQUIRE(p->executeStep());
            CHECK(p->getColumn(0).getInt() == 1);
            // The same text while the first is still in use (a nested call): a statement of its own.
            store::Prepared nested(r, sql);
            CHECK_FALSE(nested.reused());
            CHECK(&*nested != first);
        }   // released mid-result: reset, bindings cleared
        // A write after the release is seen by the next use: the released statement kept no read transaction.
        db.write([](SQLite::Database& w) { w.exec("INSERT INTO t VALUES (2)"); });
        {
            store::Prepared p(r, sql);
            CHECK(&*p == first);   // prepared once
            p->bind(1, 0);
            REQUIRE(p->executeStep());
            CHECK(p->getColumn(0).getInt() == 2);
        }
        // Not a reader connection of this thread (here: a connection of its own, like the writer): not cached.
        SQLite::Database other(path.string(), SQLite::OPEN_READONLY);
        store::Prepared o(other, sql);
        CHECK_FALSE(o.reused());
    }
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix, ec);
}

}  // namespace test_load
