// SQLite connection handling: pragmas, per-thread readers, the single transactional writer with group commit.
#include "store/database.hpp"
#include "store/write_state.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <sqlite3.h>

namespace yiyang::store {

std::unique_ptr<SQLite::Database> open_connection(const std::string& path, bool read_only) {
    const int flags = read_only ? SQLite::OPEN_READONLY
                                : (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    auto db = std::make_unique<SQLite::Database>(path, flags | SQLite::OPEN_NOMUTEX, 5000);
    if (!read_only) {
        db->exec("PRAGMA journal_mode=WAL");
    }
    db->exec("PRAGMA synchronous=FULL");
    db->exec("PRAGMA foreign_keys=ON");
    db->exec("PRAGMA temp_store=MEMORY");
    db->exec("PRAGMA cache_size=-65536");   // 64 MiB page cache per connection
    // Memory-mapped reads for the writer only. With mapped readers (one per server thread, ~30) strace showed
    // about one munmap + mmap per created order, and perf the TLB shoot-downs and page faults that follow:
    // order creation ran at ~600/s with mapped readers and ~1 250/s without (city database, 2 cores, see
    // docs/BENCHMARKS.md). Readers read through their own page cache instead; page reads measured the same.
    if (!read_only) db->exec("PRAGMA mmap_size=1073741824");
    return db;
}

namespace {
std::atomic<std::uint64_t> next_instance{1};
}

Database::Database(std::string path)
    : path_(std::move(path)), writer_(open_connection(path_, false)), instance_id_(next_instance++) {}

namespace {

struct CachedStatement {
    std::unique_ptr<SQLite::Statement> st;
    bool in_use = false;
};
using StatementCache = std::unordered_map<std::string, CachedStatement>;

// This thread's reader connections and their statement caches (the cache of a connection is emptied before the
// connection closes: a connection with unfinalized statements cannot close).
struct ThreadReaders {
    struct Slot {
        ThreadReaders* owner = nullptr;
        std::unique_ptr<SQLite::Database> conn;
        StatementCache cache;   // declared after conn: destroyed before it
        ~Slot() { if (conn) owner->caches.erase(conn->getHandle()); }
    };
    std::unordered_map<sqlite3*, StatementCache*> caches;
    // Keyed by instance so that tests running several servers in one process never share connections.
    std::map<std::uint64_t, std::unique_ptr<Slot>> readers;
    ~ThreadReaders() { readers.clear(); }
};
thread_local ThreadReaders t_readers;

}  // namespace

namespace {
// Data jobs done so far in the writer's transaction in flight. The jobs run on the thread that runs the batch (the
// leader), and batches never nest on a thread: a thread-local counter, set by run_batch (store/write_state.hpp).
thread_local std::size_t t_batch_data_jobs = 0;
}  // namespace

bool unchanged_since(const Database& db, std::uint64_t version) {
    return db.data_version() == version && t_batch_data_jobs == 0;
}

Prepared::Prepared(SQLite::Database& db, const std::string& sql) {
    auto it = t_readers.caches.find(db.getHandle());
    if (it != t_readers.caches.end()) {
        StatementCache& cache = *it->second;
        auto found = cache.find(sql);
        if (found == cache.end() && cache.size() < 64) found = cache.emplace(sql, CachedStatement{}).first;
        if (found != cache.end() && !found->second.in_use) {
            if (!found->second.st) found->second.st = std::make_unique<SQLite::Statement>(db, sql);
            found->second.in_use = true;
            in_use_ = &found->second.in_use;
            st_ = found->second.st.get();
            return;
        }
    }
    own_ = std::make_unique<SQLite::Statement>(db, sql);
    st_ = own_.get();
}

Prepared::~Prepared() {
    if (!in_use_) return;
    st_->tryReset();
    try { st_->clearBindings(); } catch (...) {}   // cannot fail on a valid statement; a destructor must not throw
    *in_use_ = false;
}

SQLite::Database& Database::reader(Admission admission) {
    if (admission == Admission::Queue && read_hook_) read_hook_();
    auto& slot = t_readers.readers[instance_id_];
    if (!slot) {
        auto fresh = std::make_unique<ThreadReaders::Slot>();
        fresh->owner = &t_readers;
        fresh->conn = open_connection(path_, true);
        t_readers.caches[fresh->conn->getHandle()] = &fresh->cache;
        slot = std::move(fresh);
    }
    return *slot->conn;
}

// Group commit (leader/follower): the caller queues its job; whoever finds no batch in flight becomes the
// leader, takes every queued job (up to kMaxBatch) and runs them in one transaction while the others wait.
// Jobs that arrive during that transaction's fsync form the next batch, so batching needs no timer: under
// light load a batch is one job, under heavy load one fsync is shared by many.
void Database::write(const std::function<void(SQLite::Database&)>& fn, Touches touches) {
    Job job{&fn, touches, false, nullptr};
    std::unique_lock<std::mutex> lock(queue_mutex_);
    queue_.push_back(&job);
    while (!job.done) {
        if (leader_active_) {
            batch_done_.wait(lock);
            continue;
        }
        leader_active_ = true;
        const auto n = static_cast<std::ptrdiff_t>(std::min(queue_.size(), kMaxBatch));
        std::vector<Job*> batch(queue_.begin(), queue_.begin() + n);
        queue_.erase(queue_.begin(), queue_.begin() + n);
        lock.unlock();
        try {
            run_batch(batch);
        } catch (...) {   // run_batch reports per job; this only guards the bookkeeping below
            for (Job* j : batch) if (!j->error) j->error = std::current_exception();
        }
        bool data = false, lists = false;
        for (Job* j : batch) {
            if (j->error || j->touches == Touches::SessionsOnly) continue;
            data = true;
            lists = lists || j->touches == Touches::Data;
        }
        if (lists) ++lists_version_;   // first: a reader that sees the new data_version sees the new lists_version
        if (data) ++data_version_;
        lock.lock();
        for (Job* j : batch) j->done = true;
        leader_active_ = false;
        batch_done_.notify_all();
    }
    lock.unlock();
    if (job.error) std::rethrow_exception(job.error);
}

void Database::exclusive(const std::function<void(SQLite::Database&)>& fn) {
    std::unique_lock<std::mutex> lock(queue_mutex_);
    batch_done_.wait(lock, [&] { return !leader_active_; });
    leader_active_ = true;   // queued writers wait, as behind a batch; they run after this
    lock.unlock();
    std::exception_ptr error;
    try {
        fn(*writer_);
    } catch (...) {
        error = std::current_exception();
    }
    ++lists_version_;
    ++data_version_;
    lock.lock();
    leader_active_ = false;
    batch_done_.notify_all();
    lock.unlock();
    if (error) std::rethrow_exception(error);
}

std::size_t Database::pending_writes() {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    return queue_.size();
}

void Database::run_batch(const std::vector<Job*>& batch) {
    SQLite::Database& db = *writer_;
    if (batch.size() == 1) {   // the common, unloaded case: exactly the plain transaction
        Job& j = *batch.front();
        t_batch_data_jobs = 0;
        try {
            SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
            (*j.fn)(db);
            tx.commit();
        } catch (...) {
            j.error = std::current_exception();
        }
        return;
    }
    for (;;) {
        bool lost_transaction = false;
        t_batch_data_jobs = 0;
        try {
            SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
            for (Job* j : batch) {
                if (j->error) continue;
                db.exec("SAVEPOINT yiyang_job");
                try {
                    (*j->fn)(db);
                    db.exec("RELEASE yiyang_job");
                    if (j->touches != Touches::SessionsOnly) ++t_batch_data_jobs;
                } catch (...) {
                    j->error = std::current_exception();
                    // A few errors (I/O, disk full, RAISE(ROLLBACK)) end the whole transaction, taking the
                    // earlier jobs' work with it: then run the batch again without the failed job.
                    if (sqlite3_get_autocommit(db.getHandle())) {
                        lost_transaction = true;
                        break;
                    }
                    db.exec("ROLLBACK TO yiyang_job");
                    db.exec("RELEASE yiyang_job");
                }
            }
            if (!lost_transaction) tx.commit();
        } catch (...) {   // BEGIN or COMMIT failed: nothing of this batch was written
            for (Job* j : batch) if (!j->error) j->error = std::current_exception();
            return;
        }
        if (!lost_transaction) return;
    }
}

}  // namespace yiyang::store
