// Work-queue counts on the wire (wire/queues.hpp).
#include "yiyang/wire/queues.hpp"

namespace yiyang::wire {

void to_json(json& j, const QueueCount& v) { j = {{"queue", v.queue}, {"label", v.label}, {"count", v.count}}; }
void from_json(const json& j, QueueCount& v) {
    j.at("queue").get_to(v.queue);
    j.at("label").get_to(v.label);
    j.at("count").get_to(v.count);
}

void to_json(json& j, const QueueCounts& v) {
    j = {{"scope", v.scope}, {"scope_label", v.scope_label}, {"queues", v.queues}};
}
void from_json(const json& j, QueueCounts& v) {
    j.at("scope").get_to(v.scope);
    j.at("scope_label").get_to(v.scope_label);
    j.at("queues").get_to(v.queues);
}

}  // namespace yiyang::wire
