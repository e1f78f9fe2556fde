// Rows handed from one thread to another in batches (issue 10 "Speed"): an import reads and validates its file on
// one core (shared/import: the CSV split, every cell checked, the key index) while the caller's thread writes the
// rows it has already been given (SQLite: one connection, one thread). A bounded queue of batches: the reader waits
// when kDepth batches are waiting, so memory stays bounded whatever the file's size; order is kept (FIFO).
//
// The reader ends with close() (also after an exception of its own: the writer then sees the end and the reader's
// future throws). The writer stops early with cancel(): the reader's next add() that hands a batch over throws
// PipeCancelled, which unwinds the file's reading at once (close() swallows it: the end needs no batch).
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace yiyang::app {

struct PipeCancelled : std::exception {
    const char* what() const noexcept override { return "the writer stopped"; }
};

template <class Row>
class RowPipe {
public:
    static constexpr std::size_t kBatch = 2048;   // rows per hand-over (one lock per batch, not per row)
    static constexpr std::size_t kDepth = 8;      // batches waiting at most

    // Reader side: one row; a full batch is handed over.
    void add(Row&& row) {
        if (batch_.capacity() == 0) batch_.reserve(kBatch);
        batch_.push_back(std::move(row));
        if (batch_.size() >= kBatch) flush();
    }
    // Reader side: the rows not handed over yet, then the end.
    void close() {
        if (!batch_.empty()) {
            try { flush(); } catch (const PipeCancelled&) {}
        }
        std::lock_guard lock(m_);
        closed_ = true;
        taken_.notify_all();
    }
    // Writer side: the next batch, or nullopt at the end.
    std::optional<std::vector<Row>> take() {
        std::unique_lock lock(m_);
        taken_.wait(lock, [&] { return !full_.empty() || closed_; });
        if (full_.empty()) return std::nullopt;
        auto b = std::move(full_.front());
        full_.pop_front();
        put_.notify_one();
        return b;
    }
    // Writer side: no more batches wanted; a reader waiting or putting gets PipeCancelled.
    void cancel() {
        std::lock_guard lock(m_);
        cancelled_ = true;
        full_.clear();
        put_.notify_all();
    }

private:
    void flush() {
        std::unique_lock lock(m_);
        put_.wait(lock, [&] { return full_.size() < kDepth || cancelled_; });
        if (cancelled_) throw PipeCancelled{};
        full_.push_back(std::move(batch_));
        batch_ = {};
        taken_.notify_one();
    }
    std::vector<Row> batch_;   // the reader's own
    std::mutex m_;
    std::condition_variable put_, taken_;
    std::deque<std::vector<Row>> full_;
    bool closed_ = false, cancelled_ = false;
};

}  // namespace yiyang::app
