// Named work queues (待派单, 待审核, 待研判, 待回访): which orders wait in each, which roles work it, the one
// order a queue is worked in (emergencies first, then the oldest), and what happens next to a complaint and who
// decides. The server's counts, its queue filter and the dashboard's home tiles all read these definitions.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>
#include "yiyang/order_lifecycle.hpp"
#include "yiyang/records.hpp"

namespace yiyang {

// Codes are the wire format (GET /api/v1/orders?queue=awaiting_review).
enum class WorkQueue {
    AwaitingDispatch,    // awaiting_dispatch  待派单: a request that needs a provider and has none yet
    AwaitingReview,      // awaiting_review    待审核: service completed, the supervisor checks the evidence
    ComplaintsToJudge,   // complaints_to_judge 待研判: a complaint received, valid or not to be decided
    AwaitingCallback,    // awaiting_callback  待回访: reviewed, the elder is to be called for satisfaction
};
const char* code(WorkQueue q);
const char* label_zh(WorkQueue q);
std::optional<WorkQueue> parse_WorkQueue(std::string_view code);
const std::vector<WorkQueue>& all_WorkQueues();
void to_json(nlohmann::json& j, const WorkQueue& v);
void from_json(const nlohmann::json& j, WorkQueue& v);

// The action that takes an order out of the queue (dispatch_provider, review_pass, judge_complaint_valid,
// callback): a role works the queue when the lifecycle lets it take that action (order_lifecycle role_may_act).
OrderAction queue_action(WorkQueue q);
// The queues this role works, in all_WorkQueues() order (empty for town, provider and kiosk users).
std::vector<WorkQueue> queues_of(Role role);

// The statuses and order types an order of the queue has (for SQL IN lists); a paused order (waiting on the
// elder) is in no queue. in_queue(q, o) is exactly: status in queue_statuses, type in queue_types, not paused.
std::vector<OrderStatus> queue_statuses(WorkQueue q);
std::vector<OrderType> queue_types(WorkQueue q);
bool in_queue(WorkQueue q, const WorkOrder& o);

// Work order inside every queue: emergencies first, then urgent, then normal (queue_rank of the urgency,
// smaller first); within a rank the oldest created first; then by id. queue_before is that order as a
// comparator; the server's SQL sorts by the same keys (CASE urgency over queue_rank, created_at, id).
int queue_rank(Urgency u);
bool queue_before(const WorkOrder& a, const WorkOrder& b);

// What happens next to a complaint (投诉) in its state and who decides, for its detail screen:
// e.g. received → "待研判：由督导（主管）判定是否为有效投诉；有效则发起整改，无效则办结". Empty for other types.
std::string next_step_zh(const WorkOrder& o);

}  // namespace yiyang
