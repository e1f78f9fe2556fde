// The named work queues and the complaint's next step (work_queues.hpp).
#include "yiyang/work_queues.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace yiyang {
namespace {

using Q = WorkQueue;
using S = OrderStatus;

struct QueueEntry {
    Q value;
    const char* code;
    const char* label;
    OrderAction action;
};

constexpr std::array<QueueEntry, 4> kQueues{{
    {Q::AwaitingDispatch, "awaiting_dispatch", "待派单", OrderAction::DispatchProvider},
    {Q::AwaitingReview, "awaiting_review", "待审核", OrderAction::ReviewPass},
    {Q::ComplaintsToJudge, "complaints_to_judge", "待研判", OrderAction::JudgeComplaintValid},
    {Q::AwaitingCallback, "awaiting_callback", "待回访", OrderAction::Callback},
}};

const QueueEntry& entry(Q q) {
    const auto i = static_cast<std::size_t>(q);
    return i < kQueues.size() ? kQueues[i] : kQueues[0];
}

template <typename T>
bool contains(const std::vector<T>& v, T x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

const char* code(WorkQueue q) { return entry(q).code; }
const char* label_zh(WorkQueue q) { return entry(q).label; }

std::optional<WorkQueue> parse_WorkQueue(std::string_view text) {
    for (const auto& e : kQueues) if (text == e.code) return e.value;
    return std::nullopt;
}

const std::vector<WorkQueue>& all_WorkQueues() {
    static const std::vector<WorkQueue> all = [] {
        std::vector<WorkQueue> out;
        for (const auto& e : kQueues) out.push_back(e.value);
        return out;
    }();
    return all;
}

void to_json(nlohmann::json& j, const WorkQueue& v) { j = code(v); }
void from_json(const nlohmann::json& j, WorkQueue& v) {
    if (!j.is_string()) throw nlohmann::json::type_error::create(302, "work queue must be a string", &j);
    auto q = parse_WorkQueue(j.get_ref<const std::string&>());
    if (!q) throw nlohmann::json::type_error::create(302, "unknown work queue \"" + j.get<std::string>() + "\"", &j);
    v = *q;
}

OrderAction queue_action(WorkQueue q) { return entry(q).action; }

std::vector<WorkQueue> queues_of(Role role) {
    std::vector<WorkQueue> out;
    for (auto q : all_WorkQueues()) if (role_may_act(role, queue_action(q))) out.push_back(q);
    return out;
}

std::vector<OrderStatus> queue_statuses(WorkQueue q) {
    switch (q) {
        // Escalated: nobody accepted in time, it is to be dispatched again (order_lifecycle.hpp).
        case Q::AwaitingDispatch: return {S::Received, S::Escalated};
        case Q::AwaitingReview: return {S::Completed};
        case Q::ComplaintsToJudge: return {S::Received};
        case Q::AwaitingCallback: return {S::Reviewed};
    }
    return {};
}

std::vector<OrderType> queue_types(WorkQueue q) {
    // Review and callback: whatever reached completed / reviewed (only provider orders do; the lifecycle checks
    // the state alone). Dispatch is for orders that need a provider; judging is a complaint's.
    if (q == Q::AwaitingReview || q == Q::AwaitingCallback) return all_OrderTypes();
    std::vector<OrderType> out;
    for (auto t : all_OrderTypes()) {
        const auto p = path_of(t);
        if (q == Q::ComplaintsToJudge ? p == OrderPath::Complaint : p == OrderPath::NeedsProvider) out.push_back(t);
    }
    return out;
}

bool in_queue(WorkQueue q, const WorkOrder& o) {
    return !o.paused_since && contains(queue_statuses(q), o.status) && contains(queue_types(q), o.type);
}

int queue_rank(Urgency u) {
    switch (u) {
        case Urgency::Emergency: return 0;
        case Urgency::Urgent: return 1;
        case Urgency::Normal: return 2;
    }
    return 2;
}

bool queue_before(const WorkOrder& a, const WorkOrder& b) {
    const int ra = queue_rank(a.urgency), rb = queue_rank(b.urgency);
    if (ra != rb) return ra < rb;
    if (a.created_at != b.created_at) return a.created_at < b.created_at;
    return a.id < b.id;
}

std::string next_step_zh(const WorkOrder& o) {
    if (o.type != OrderType::Complaint) return "";
    if (o.paused_since) return "已暂停计时（等待老人）：由话务坐席恢复计时后继续研判";
    switch (o.status) {
        case S::Received:
            return "待研判：由主管判定是否为有效投诉——有效则发起整改，无效则办结（须写明理由）";
        case S::Rectifying:
            return "整改中：被投诉方整改，由主管核实整改结果后点“整改完成”办结";
        case S::Closed:
            if (o.complaint_valid == true) return "已办结：判定为有效投诉，整改已完成";
            if (o.complaint_valid == false) return "已办结：判定为无效投诉";
            return "已办结";
        case S::Cancelled:
            return "已取消：无需后续处理";
        default:
            return std::string("当前状态“") + label_zh(o.status) + "”：由主管决定下一步";
    }
}

}  // namespace yiyang
