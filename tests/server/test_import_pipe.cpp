// An import reads and checks its file on one thread and writes the rows on the caller's (app/row_pipe.hpp, used by
// app/list_import.cpp; issue 10 "Speed"). What must hold whatever the threads do: the rows arrive whole and in the
// file's order, the queue stays bounded, an error anywhere in a file larger than the queue still refuses all of it,
// a writer that stops mid-file (a sealed quarter) stops the reader without a hang and leaves nothing, and the
// file's SHA-256 — now hashed beside the reading — is the one kept with the import. On real SQLite files.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "app/list_import.hpp"
#include "app/photos.hpp"
#include "app/row_pipe.hpp"
#include "store/list_imports.hpp"
#include "import_test_data.hpp"
#include "yiyang/period.hpp"

namespace test_import_pipe {

using namespace yiyang;

namespace {

// n records R000000…; the row at `bad_at` (1-based data row, 0: none) gets 2024-02-30; days in Q1 except from
// `q2_from` on (0: none), which fall in 2024-04.
std::string records_csv(int n, int bad_at = 0, int q2_from = 0) {
    std::string s = "记录编号,身份证号,姓名,服务日期,开始时间,结束时间,服务项目,服务人员,佐证\n";
    s.reserve(static_cast<std::size_t>(n) * 100);
    for (int i = 0; i < n; ++i) {
        char no[16], day[16];
        std::snprintf(no, sizeof no, "R%06d", i);
        if (i + 1 == bad_at) std::snprintf(day, sizeof day, "2024-02-30");
        else if (q2_from && i + 1 >= q2_from) std::snprintf(day, sizeof day, "2024-04-%02d", 1 + i % 28);
        else std::snprintf(day, sizeof day, "2024-0%d-%02d", 1 + i % 3, 1 + i % 28);
        s += std::string(no) + "," + test::id_number(i % 500) + ",王秀英," + day + ",08:00,08:30,助餐,助老员" +
             std::to_string(i % 7) + ",p" + std::to_string(i) + ".jpg\n";
    }
    return s;
}

app::ListImportInput input(const std::string& csv) {
    app::ListImportInput in;
    in.list = ImportList::ServiceRecords;
    in.bytes = csv;
    in.file_name = "records.csv";
    in.today = Date{2024, 6, 1};
    return in;
}

wire::ImportPreview commit(SQLite::Database& db, const app::ListImportInput& in) {
    store::ImportBatch batch{"service_records", in.file_name, "", "", "", "", 1, "admin", 1000, 0};
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    auto p = app::commit_list(db, in, batch);
    tx.commit();
    return p;
}

std::int64_t count(SQLite::Database& db, const std::string& table) {
    return db.execAndGet("SELECT count(*) FROM " + table).getInt64();
}

}  // namespace

TEST_CASE("RowPipe: every row in order, the queue bounded, a writer that stops ends the reader", "[import][pipe]") {
    using Pipe = app::RowPipe<int>;
    constexpr int kRows = 100000;   // many times kBatch × kDepth: the reader must wait for the writer
    SECTION("in order and whole; never more than kDepth batches waiting") {
        Pipe pipe;
        std::atomic<int> produced{0};
        auto reader = std::async(std::launch::async, [&] {
            for (int i = 0; i < kRows; ++i) {
                pipe.add(int{i});
                produced = i + 1;
            }
            pipe.close();
        });
        std::vector<int> got;
        std::size_t most_ahead = 0;
        while (auto b = pipe.take()) {
            // What the reader has made beyond what the writer took: at most the batch taken, kDepth waiting and
            // the one being filled.
            most_ahead = std::max(most_ahead, static_cast<std::size_t>(produced.load()) - got.size());
            got.insert(got.end(), b->begin(), b->end());
            if (got.size() < 20000) std::this_thread::sleep_for(std::chrono::microseconds(200));   // a slow writer
        }
        reader.get();
        std::vector<int> want(kRows);
        for (int i = 0; i < kRows; ++i) want[static_cast<std::size_t>(i)] = i;
        REQUIRE(got == want);
        CHECK(most_ahead <= (Pipe::kDepth + 2) * Pipe::kBatch);
    }
    SECTION("the writer cancels: the reader's next hand-over throws, nothing hangs") {
        Pipe pipe;
        auto reader = std::async(std::launch::async, [&] {
            try {
                for (int i = 0; i < kRows; ++i) pipe.add(int{i});
                pipe.close();
                return false;
            } catch (const app::PipeCancelled&) {
                return true;
            }
        });
        auto first = pipe.take();
        REQUIRE(first);
        pipe.cancel();
        REQUIRE(reader.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
        CHECK(reader.get());
    }
    SECTION("the reader's end is seen even when its last batch is partial") {
        Pipe pipe;
        auto reader = std::async(std::launch::async, [&] {
            for (int i = 0; i < 5; ++i) pipe.add(int{i});
            pipe.close();
        });
        auto b = pipe.take();
        REQUIRE(b);
        CHECK(b->size() == 5);
        CHECK_FALSE(pipe.take());
        reader.get();
    }
}

TEST_CASE("An import larger than the pipe: refused whole for one late error, kept whole when valid, with its SHA-256",
          "[import][pipe]") {
    auto db = test::import_test_db("import-pipe", "big.db");
    constexpr int kRows = 40000;   // > kBatch × kDepth rows: the reader waits on the writer many times
    SECTION("one bad date near the end: refused, its row named, nothing written") {
        const auto csv = records_csv(kRows, 39001);
        bool refused = false;
        try {
            commit(*db, input(csv));
        } catch (const app::ImportRefused& e) {
            refused = true;
            REQUIRE(e.preview.error_count == 1);
            REQUIRE(e.preview.errors.size() == 1);
            CHECK(e.preview.errors[0].row == 39002);   // the header is row 1
            CHECK(e.preview.errors[0].message_zh.find("2024-02-30") != std::string::npos);
            CHECK(e.preview.rows == kRows);
        }
        CHECK(refused);
        CHECK(count(*db, "list_service_records") == 0);
        CHECK(count(*db, "import_batches") == 0);
    }
    SECTION("valid: every row in the table, the kept SHA-256 is the file's, the dry run agrees") {
        const auto csv = records_csv(kRows);
        const auto dry = app::dry_run_list(*db, input(csv));
        CHECK(dry.added == kRows);
        CHECK(dry.sha256 == app::sha256_hex(csv));
        const auto p = commit(*db, input(csv));
        CHECK(p.added == kRows);
        CHECK(p.rows == kRows);
        CHECK(p.sha256 == app::sha256_hex(csv));
        CHECK(count(*db, "list_service_records") == kRows);
        CHECK(db->execAndGet("SELECT sha256 FROM import_batches WHERE id = " + std::to_string(*p.import_id)).getString() ==
              app::sha256_hex(csv));
        CHECK(db->execAndGet("SELECT max(record_no) FROM list_service_records").getString() == "R039999");
        // Again: nothing changes.
        const auto again = commit(*db, input(csv));
        CHECK(again.unchanged == kRows);
        CHECK(again.added == 0);
    }
    SECTION("the writer stops mid-file (a row in a sealed quarter): the reader ends, nothing stays") {
        const auto csv = records_csv(kRows, 0, 30001);
        auto in = input(csv);
        in.sealed = {app::SealInfo{quarter_of(Date{2024, 4, 1}), 7, "2024年第二季度核查报告", "张三", Date{2024, 7, 10}}};
        auto run = std::async(std::launch::async, [&] {
            try {
                commit(*db, in);
                return std::string("committed");
            } catch (const app::QuarterSealed& e) {
                return e.message_zh;
            }
        });
        REQUIRE(run.wait_for(std::chrono::seconds(60)) == std::future_status::ready);
        const auto message = run.get();
        CHECK(message.find("第 30002 行") != std::string::npos);
        CHECK(count(*db, "list_service_records") == 0);
        CHECK(count(*db, "import_batches") == 0);
    }
}

}  // namespace test_import_pipe
