// Wire format of GET /api/v1/queues: the named work queues (work_queues.hpp) the caller works, each with its
// count in the caller's scope, and which scope that is (全市, or the town / provider of the user).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "yiyang/wire/common.hpp"
#include "yiyang/work_queues.hpp"

namespace yiyang::wire {

struct QueueCount {
    WorkQueue queue = WorkQueue::AwaitingDispatch;
    std::string label;                 // 待审核
    std::int64_t count = 0;            // orders in the queue now, in the caller's scope
    friend bool operator==(const QueueCount&, const QueueCount&) = default;
};
struct QueueCounts {
    std::string scope;                 // "city" | "town" | "provider"
    std::string scope_label;           // 全市 / 本镇街（城关镇） / 本服务商（…）
    std::vector<QueueCount> queues;    // in all_WorkQueues() order; empty for roles that work none
    friend bool operator==(const QueueCounts&, const QueueCounts&) = default;
};
void to_json(json& j, const QueueCount& v);
void from_json(const json& j, QueueCount& v);
void to_json(json& j, const QueueCounts& v);
void from_json(const json& j, QueueCounts& v);

}  // namespace yiyang::wire
