// State and intents of the orders list and order detail: search, clocks, history, lifecycle actions, dispatch candidates, evidence, review, callback, complaints (app/orders.cpp, ui/orders.cpp, ui/order_detail.cpp).
#pragma once
#include <variant>

#include <nlohmann/json.hpp>

namespace yiyang::client {

struct OrdersState {};            // being written

struct OrdersNoop {};
using OrdersIntent = std::variant<OrdersNoop>;

// What the browser tests read of this area (yiyang_test_state()["orders"]); defined in app/orders.cpp.
nlohmann::json test_state_of(const OrdersState& s);

}  // namespace yiyang::client
