// 通话记录 on the dashboard: the call list's filters (days, direction, outcome, seat, a number), its sort and page,
// and the rows as the server sent them (outside numbers masked for the role). Owned by app/calls.cpp; drawn by
// ui/calls.cpp; its URL is #/calls?… (app/routes.cpp, without the number: a URL is no place for a phone).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/records.hpp"

namespace yiyang::client {

struct CallQuery {
    std::string from, to;               // "2026-12-01" .. "2026-12-04" (days, inclusive), "" = open
    std::string direction;              // "" | inbound | outbound
    std::string disposition;            // "" | answered | no_answer | busy | abandoned | failed
    std::string agent;                  // "" | a seat's agent id, exact
    std::string number;                 // "" | digits: masked roles a whole number (audited), others 3+ digits
    std::string sort;                   // "" = newest first; else a key of GET /calls ("-" = descending)
    int page = 1;
    int page_size = 20;
    friend bool operator==(const CallQuery&, const CallQuery&) = default;
};

struct CallRowView {                    // one call as shown (times "2026-12-04 10:00:05")
    Id id = 0;
    std::string started, direction_label, caller, callee, disposition_label, agent, order_code, call_key;
    std::int64_t duration_s = 0, talk_s = 0;
};

struct CallListData {
    CallQuery query;                    // the query these rows answer
    std::vector<CallRowView> items;
    std::int64_t total = 0;
    bool masked = false;
    bool loaded = false;
};

struct CallsState {
    CallQuery query;                    // as edited in the filter bar
    CallListData list;
    std::string error;                  // the last refusal (a number fragment for a masked role, a bad range)
    std::int64_t loads = 0;
};

struct CallsEditQuery { CallQuery query; };
struct CallsSearch { CallQuery query; };             // page included
struct CallsOpenOrder { std::string code; };         // the linked order's code -> #/orders/<code>

using CallsIntent = std::variant<CallsEditQuery, CallsSearch, CallsOpenOrder>;

// The list filters as a route query and back (only what differs from the defaults; never the number).
std::map<std::string, std::string> query_of(const CallQuery& q);
CallQuery call_query_of(const std::map<std::string, std::string>& q);
// "/api/v1/calls?page=1&page_size=20&…" for a query (its export is the same under /api/v1/export/).
std::string calls_path(const CallQuery& q);

// What the browser tests read of this area (yiyang_test_state()["calls"]); defined in app/calls.cpp.
nlohmann::json test_state_of(const CallsState& s);

}  // namespace yiyang::client
