// The FIFO admission gate (see compute_gate.hpp): each waiter has its own condition variable, so a leaving
// request wakes exactly the next one in line (no thundering herd of 60 threads for one slot).
#include "http/compute_gate.hpp"

#include <algorithm>
#include <optional>

namespace yiyang::http {
namespace {

// The gate armed on this thread by run(), and the slot its request holds once it read the database.
struct Armed {
    ComputeGate* gate = nullptr;
    std::optional<ComputeGate::Pass> pass;
};
thread_local Armed* t_armed = nullptr;

}  // namespace

void ComputeGate::run(const std::function<void()>& fn) {
    Armed armed{this, std::nullopt};   // destroyed last: the slot is given back after t_armed is reset
    struct Disarm {
        Armed* outer;
        ~Disarm() { t_armed = outer; }
    } disarm{t_armed};
    t_armed = &armed;
    fn();
}

void ComputeGate::before_read() {
    if (Armed* a = t_armed; a && !a->pass) a->pass.emplace(*a->gate);
}

bool ComputeGate::enter() {
    if (slots_ == 0) return false;
    std::unique_lock<std::mutex> lock(m_);
    if (busy_ < slots_ && queue_.empty()) {
        peak_busy_ = std::max(peak_busy_, ++busy_);
        return true;
    }
    Waiter w;
    queue_.push_back(&w);
    const auto deadline = std::chrono::steady_clock::now() + max_wait_;
    if (w.cv.wait_until(lock, deadline, [&] { return w.admitted; })) return true;   // leave() moved a slot to us
    // Waited too long: enter without a slot (leave() never hands a slot to a waiter no longer queued).
    queue_.erase(std::find(queue_.begin(), queue_.end(), &w));
    ++overtimed_;
    return false;
}

void ComputeGate::leave() {
    std::lock_guard<std::mutex> lock(m_);
    if (queue_.empty()) {
        --busy_;
        return;
    }
    Waiter* next = queue_.front();   // the slot passes straight to the oldest waiter: busy_ is unchanged
    queue_.pop_front();
    next->admitted = true;
    next->cv.notify_one();   // under the lock: the waiter (and its cv) cannot be gone before this returns
}

ComputeGate::Stats ComputeGate::stats() {
    std::lock_guard<std::mutex> lock(m_);
    return {busy_, queue_.size(), overtimed_, peak_busy_};
}

}  // namespace yiyang::http
