// Escalation of orders nobody accepts (升级): the sweep finds dispatched orders whose acceptance window (dispatch
// rules, shared acceptance_overdue) has passed and applies the lifecycle's `escalate` as the system — order and
// audit event in one transaction each, version-checked, so a provider accepting at the same moment wins or loses
// cleanly. `yiyang-server serve` runs it every 30 s on a background thread; tests call it directly.
#pragma once
#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/context.hpp"

namespace yiyang::app {

// Escalates every overdue dispatched order; returns how many it escalated.
int escalate_unaccepted(AppContext& ctx);

// Runs escalate_unaccepted every `period_s` seconds until destroyed (joined in the destructor).
class EscalationSweeper {
public:
    EscalationSweeper(AppContext& ctx, int period_s);
    EscalationSweeper(const EscalationSweeper&) = delete;
    EscalationSweeper& operator=(const EscalationSweeper&) = delete;
    ~EscalationSweeper();

private:
    AppContext& ctx_;
    int period_s_;
    std::mutex m_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace yiyang::app
