// Admission gate for route handlers: at most `slots` GET handlers compute at once, admitted in arrival order, so
// that under many connections a request waits its turn in a queue instead of sharing 2 cores with 60 others
// (time slices, lock and malloc-arena contention: the long tail of issue 8 item 8, see docs/BENCHMARKS.md).
// A request queues at its first database read for the reply (store::Database::reader), not on arrival: cached
// replies and the session check cost less than the hand-over between threads would, so they never queue.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>

namespace yiyang::http {

class ComputeGate {
public:
    // slots == 0: no gate (every request enters at once). A request that has waited max_wait enters anyway, so a
    // slow handler (a cold yearly figure, a password hash) delays the queue behind it by at most max_wait, and no
    // wait depends on another request finishing (nothing here can deadlock with the single writer either).
    ComputeGate(std::size_t slots, std::chrono::milliseconds max_wait) : slots_(slots), max_wait_(max_wait) {}
    ComputeGate(const ComputeGate&) = delete;
    ComputeGate& operator=(const ComputeGate&) = delete;

    // Held while a handler runs; leaving hands the slot to the oldest waiter.
    class Pass {
    public:
        explicit Pass(ComputeGate& g) : gate_(&g), slot_(g.enter()) {}
        ~Pass() { if (slot_) gate_->leave(); }
        Pass(const Pass&) = delete;
        Pass& operator=(const Pass&) = delete;
        bool holds_slot() const { return slot_; }   // false: entered after max_wait (or no gate)
    private:
        ComputeGate* gate_;
        bool slot_;
    };

    // Runs fn with the gate armed on this thread: fn takes a slot (queueing) at its first before_read(), and
    // gives it back when it returns.
    void run(const std::function<void()>& fn);
    // Called by store::Database::reader on every read: enters the armed gate once per request; else nothing.
    static void before_read();

    struct Stats {
        std::size_t busy = 0;          // slots held now
        std::size_t waiting = 0;       // requests queued now
        std::size_t overtimed = 0;     // requests that entered after max_wait without a slot (since start)
        std::size_t peak_busy = 0;     // most slots held at once (never above slots)
    };
    Stats stats();

private:
    struct Waiter {
        std::condition_variable cv;
        bool admitted = false;
    };
    bool enter();   // true if a slot was taken
    void leave();

    const std::size_t slots_;
    const std::chrono::milliseconds max_wait_;
    std::mutex m_;
    std::size_t busy_ = 0;
    std::deque<Waiter*> queue_;   // oldest first
    std::size_t overtimed_ = 0;
    std::size_t peak_busy_ = 0;
};

}  // namespace yiyang::http
