// SQLite connections for the server: WAL, synchronous=FULL, foreign keys, busy timeout; one writer
// connection (write jobs queued together share one commit, see write()) and one reader connection per
// worker thread (WAL lets them run together).
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace yiyang::store {

// Open a connection with the project's pragmas applied.
std::unique_ptr<SQLite::Database> open_connection(const std::string& path, bool read_only);

// A statement prepared once per reader connection and thread, reused by later calls with the same SQL text
// (sqlite3_prepare was ~19 % of the order page's CPU at 64 connections). Released with its bindings cleared and
// reset, so it never holds a read transaction open. On other connections (the writer), for a statement already in
// use higher up the stack, or beyond 64 texts per connection, a fresh statement is prepared as before.
class Prepared {
public:
    Prepared(SQLite::Database& db, const std::string& sql);
    ~Prepared();
    Prepared(const Prepared&) = delete;
    Prepared& operator=(const Prepared&) = delete;
    SQLite::Statement& operator*() const { return *st_; }
    SQLite::Statement* operator->() const { return st_; }
    bool reused() const { return in_use_ != nullptr; }

private:
    std::unique_ptr<SQLite::Statement> own_;
    SQLite::Statement* st_ = nullptr;
    bool* in_use_ = nullptr;
};

class Database {
public:
    explicit Database(std::string path);
    const std::string& path() const { return path_; }

    // A read connection owned by the calling thread (created on first use). Queue: first calls the read hook (the
    // HTTP layer's admission gate, http/compute_gate); Direct: not (the session check of every request, health).
    enum class Admission { Queue, Direct };
    SQLite::Database& reader(Admission admission = Admission::Queue);
    // Set once, before serving.
    void set_read_hook(void (*hook)()) { read_hook_ = hook; }
    // Runs `fn` with the single writer connection, atomically: all of its changes are committed when fn
    // returns, none if it throws (the exception is rethrown here). Returns only after the COMMIT is durable.
    // Group commit: jobs that arrive while a commit is in flight are run together in the next transaction,
    // each inside its own SAVEPOINT, and share one COMMIT (one fsync) -- a failing job rolls back only
    // itself. Jobs run one at a time in arrival order, so each sees the writes of the jobs before it.
    // Bumps data_version() after a commit unless the write only touches session bookkeeping (sign-in,
    // activity, sign-out), which no cached figure depends on. fn must not call write() itself, and should
    // set its outputs afresh on each run: if another job's error ends the whole transaction (I/O error,
    // disk full, RAISE(ROLLBACK)), the rest of the batch is run again without that job.
    // DecisionsOnly: a supervisor's decision on a flagged service record (data: data_version moves) that no list
    // of a verification quarter depends on (lists_version stays): the quarter's flags stay cached (app/quarter_inputs).
    enum class Touches { Data, SessionsOnly, DecisionsOnly };
    void write(const std::function<void(SQLite::Database&)>& fn, Touches touches = Touches::Data);
    // Runs `fn` with the writer connection OUTSIDE any transaction, once no batch is in flight and before the next
    // (other writers wait): for whole-file operations such as restoring the demo's pristine copy (sqlite3_backup
    // into the live file, app/demo_mode). Afterwards both versions move, so every cache keyed on them is stale.
    void exclusive(const std::function<void(SQLite::Database&)>& fn);
    // Jobs queued behind the batch in flight (for tests that need a batch to form).
    std::size_t pending_writes();
    // Most jobs one transaction may carry (bounds the latency a batch adds to its last job).
    static constexpr std::size_t kMaxBatch = 64;
    // Increases on every committed write: caches key on it.
    std::uint64_t data_version() const { return data_version_.load(); }
    // Increases on every committed write except sessions' and decisions' (Touches::DecisionsOnly); never ahead of
    // data_version's moves: a cache keyed on it holds what does not depend on decisions.
    std::uint64_t lists_version() const { return lists_version_.load(); }

private:
    struct Job {
        const std::function<void(SQLite::Database&)>* fn;
        Touches touches;
        bool done = false;
        std::exception_ptr error;
    };
    void run_batch(const std::vector<Job*>& batch);

    std::string path_;
    void (*read_hook_)() = nullptr;
    std::mutex queue_mutex_;             // guards queue_ and leader_active_
    std::condition_variable batch_done_;
    std::vector<Job*> queue_;            // waiting jobs, oldest first
    bool leader_active_ = false;         // a thread is running a batch on writer_
    std::unique_ptr<SQLite::Database> writer_;
    std::atomic<std::uint64_t> data_version_{1};
    std::atomic<std::uint64_t> lists_version_{1};
    std::uint64_t instance_id_;
};

}  // namespace yiyang::store
