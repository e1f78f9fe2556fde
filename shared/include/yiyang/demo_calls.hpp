// Telephony of the demo city: the calls the switch would have logged around each generated work order, so
// that the call indicators (connection rate, call volume, seats per workday) have figures on a demo database.
// Deterministic from (seed, order): the same calls natively and in WebAssembly, whatever order they are asked in.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "yiyang/cdr.hpp"
#include "yiyang/records.hpp"

namespace yiyang {

// The demo hotline's seats (agent logins as Asterisk would report them).
inline constexpr int kDemoSeats = 6;

// The calls behind one order:
// - hotline and emergency orders: the inbound call to 88885252 during which the seat registered it, answered
//   by one of the seats a few seconds after it rang; about 1 in 30 callers hung up once before getting through
//   (an extra unanswered call a few minutes earlier);
// - orders whose satisfaction was asked: the outbound callback from 88885252, answered, after completion;
// - other channels (12345, the portal, walk-ins, provider reports) bring no inbound call.
// `caller` is the elder's phone ("" for orders without an elder: a number is made up). Every call starts before
// `now`. Call ids are "demo-<order id>-in", "-retry", "-back"; calls carry the order id as their link.
struct DemoCall {
    CallRecord record;
    Id order_id = 0;
};
std::vector<DemoCall> demo_calls_for(std::uint64_t seed, const WorkOrder& order, std::string_view caller,
                                     LocalSeconds now);

}  // namespace yiyang
