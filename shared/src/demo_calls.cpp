// Demo telephony (demo_calls.hpp): calls derived from each generated order, from a generator forked by the
// order's id, so that they do not depend on the order in which orders are visited.
#include "yiyang/demo_calls.hpp"

#include <algorithm>

#include "yiyang/rng.hpp"

namespace yiyang {
namespace {

constexpr const char* kHotline = "88885252";

std::string seat(Rng& rng) {
    const auto n = rng.between(1, kDemoSeats);
    return std::string("agent0") + std::to_string(n);
}

std::string made_up_mobile(Rng& rng) {
    std::string s = "13";
    for (int i = 0; i < 9; ++i) s += static_cast<char>('0' + rng.between(0, 9));
    return s;
}

CallRecord call(const std::string& id, CallDirection dir, const std::string& phone, LocalSeconds start) {
    CallRecord c;
    c.call_id = id;
    c.direction = dir;
    c.caller = dir == CallDirection::Inbound ? phone : kHotline;
    c.callee = dir == CallDirection::Inbound ? kHotline : phone;
    c.start = start;
    c.end = start;
    return c;
}

void answer(CallRecord& c, Rng& rng, std::int64_t ring_lo, std::int64_t ring_hi, std::int64_t talk_lo,
            std::int64_t talk_hi) {
    c.answer = c.start + rng.between(ring_lo, ring_hi);
    c.end = *c.answer + rng.between(talk_lo, talk_hi);
    c.agent = seat(rng);
    c.disposition = CallDisposition::Answered;
}

}  // namespace

std::vector<DemoCall> demo_calls_for(std::uint64_t seed, const WorkOrder& o, std::string_view caller,
                                     LocalSeconds now) {
    std::vector<DemoCall> out;
    Rng rng = Rng(seed).fork(0xCA11).fork(static_cast<std::uint64_t>(o.id));
    const std::string phone = caller.empty() ? made_up_mobile(rng) : std::string(caller);
    const std::string base = "demo-" + std::to_string(o.id);
    const bool inbound = o.channel == Channel::Hotline || o.type == OrderType::Emergency;
    if (inbound) {
        // The order is registered while the call goes on: the call began a few minutes before.
        const LocalSeconds start = o.created_at - rng.between(60, 480);
        if (rng.chance(1, 30)) {   // hung up before a seat answered, called again
            CallRecord retry = call(base + "-retry", CallDirection::Inbound, phone, start - rng.between(120, 900));
            retry.end = retry.start + rng.between(15, 60);
            retry.disposition = CallDisposition::NoAnswer;
            out.push_back({retry, o.id});
        }
        CallRecord in = call(base + "-in", CallDirection::Inbound, phone, start);
        answer(in, rng, 3, o.type == OrderType::Emergency ? 10 : 25, 120, 540);
        out.push_back({in, o.id});
    }
    if (o.satisfaction && o.completed_at) {
        // The satisfaction callback: office hours after completion, before the order closed (and before now).
        LocalSeconds start = *o.completed_at + rng.between(2 * 3600, 20 * 3600);
        if (o.closed_at) start = std::min(start, *o.closed_at - rng.between(60, 600));
        start = std::max(start, *o.completed_at + 60);
        if (start < now - 60) {
            CallRecord back = call(base + "-back", CallDirection::Outbound, phone, start);
            answer(back, rng, 5, 30, 60, 300);
            out.push_back({back, o.id});
        }
    }
    for (auto& c : out) c.record.end = std::max(c.record.answer.value_or(c.record.start), std::min(c.record.end, now - 1));
    return out;
}

}  // namespace yiyang
