// The escalation sweep (escalation.hpp).
#include "app/escalation.hpp"

#include <chrono>
#include <cstdio>
#include <string>

#include "store/audit.hpp"
#include "store/orders.hpp"
#include "yiyang/dispatch.hpp"
#include "yiyang/order_lifecycle.hpp"

namespace yiyang::app {

int escalate_unaccepted(AppContext& ctx) {
    const LocalSeconds now = ctx.now();
    // Candidates: the dispatched orders (few: they move on within hours), judged by the rules of their day.
    store::OrderQuery q;
    q.status = OrderStatus::Dispatched;
    q.page_size = 0;
    q.light = true;
    std::vector<Id> due;
    for (const auto& s : store::find_orders(ctx.db.reader(), q)) {
        if (acceptance_overdue(s.order, now, ctx.rules().weights_on(date_of(s.order.created_at)))) due.push_back(s.order.id);
    }
    int escalated = 0;
    const Viewer system{Role::Supervisor, 0, std::nullopt, std::nullopt};
    for (const Id id : due) {
        ctx.db.write([&](SQLite::Database& db) {
            auto stored = store::get_order(db, id);   // re-read inside the transaction: it may have moved on
            if (!stored) return;
            const auto& w = ctx.rules().weights_on(date_of(stored->order.created_at));
            if (!acceptance_overdue(stored->order, now, w)) return;
            TransitionRequest req;
            req.action = OrderAction::Escalate;
            const auto h = w.accept_within_s / 3600, m = w.accept_within_s % 3600 / 60;
            const std::string window = (h ? std::to_string(h) + " 小时" : std::string()) +
                                       (h && m ? " " : "") + (m ? std::to_string(m) + " 分钟" : std::string());
            req.reason = "派单后 " + window + "无人接单，系统自动升级（派单规则 " + w.version + "）";
            auto result = apply(stored->order, req, system, now);
            if (!result.ok() || !store::update_order(db, *result.order, stored->version)) return;
            store::append_audit(db, {0, now, std::nullopt, "system", "work_order", id, code(OrderAction::Escalate),
                                     store::lifecycle_changes(*result.event), result.event->reason});
            ++escalated;
        });
    }
    return escalated;
}

EscalationSweeper::EscalationSweeper(AppContext& ctx, int period_s) : ctx_(ctx), period_s_(period_s) {
    thread_ = std::thread([this] {
        std::unique_lock<std::mutex> lock(m_);
        for (;;) {
            lock.unlock();
            try {
                if (const int n = escalate_unaccepted(ctx_); n > 0) {
                    std::printf("escalated %d order(s) nobody accepted\n", n);
                    std::fflush(stdout);
                }
            } catch (const std::exception& e) {   // a failed sweep is retried on the next round
                std::fprintf(stderr, "escalation sweep failed: %s\n", e.what());
            }
            lock.lock();
            if (cv_.wait_for(lock, std::chrono::seconds(period_s_), [this] { return stop_; })) return;
        }
    });
}

EscalationSweeper::~EscalationSweeper() {
    {
        std::lock_guard<std::mutex> lock(m_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace yiyang::app
