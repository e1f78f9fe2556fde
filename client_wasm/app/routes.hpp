// The dashboard's URLs: every framed screen and record has a hash route (#/orders/GD202612040001, #/elders/6001,
// #/orders?status=dispatched&page=2), its pattern in the screen table (screens.hpp `route`). Pure: parsing and
// formatting, the route of what the state shows, and when the browser's history gets a new entry (NavHistory).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "app/state.hpp"

namespace yiyang::client {

struct Route {
    Screen screen = Screen::Home;
    std::string record;                          // the ":code" / ":id" of the pattern ("GD…", "6001", "new")
    std::map<std::string, std::string> query;    // list filters, only those that differ from the defaults
    friend bool operator==(const Route&, const Route&) = default;
};

// "#/orders/GD202612040001?x=1" (or without "#", or "#" / "" for home) -> the route; nullopt when no screen's
// pattern matches or a record has the wrong shape (the caller says so in Chinese).
std::optional<Route> parse_route(std::string_view hash);
// The hash of a route: "#/" + pattern with the record + "?" + the query, percent-encoded (UTF-8 kept as %XX).
std::string format_route(const Route& r);
// The route of what the state shows now (Loading / SignIn / ChangePassword: nullopt).
std::optional<Route> route_of(const AppState& s);

// The list filters as a route query and back (only the fields that differ from a default query).
std::map<std::string, std::string> query_of(const OrderQuery& q);
OrderQuery order_query_of(const std::map<std::string, std::string>& q);
std::map<std::string, std::string> query_of(const ElderQuery& q);
ElderQuery elder_query_of(const std::map<std::string, std::string>& q);
std::map<std::string, std::string> query_of(const WatchFilter& f);
WatchFilter watch_filter_of(const std::map<std::string, std::string>& q);
// The knowledge base's list view (kind, sort, page, page size; the typed words stay out of the URL).
std::map<std::string, std::string> kb_query_of(const KbSearch& k);
void apply_kb_query(const std::map<std::string, std::string>& q, KbSearch& k);

// "#/orders/GD202612040001": an order's own URL.
inline std::string order_link(const std::string& code) { return format_route(Route{Screen::OrderDetail, code, {}}); }

// The chain's records (issue 11), each one URL: a provider's assessment month (project "" = the provider's first
// project of the month), its statement (statement 0 = the live draft, else that signed statement), its year.
//   #/assessment?month=2026-10&project=home_visit&provider=12   #/settlement?month=2026-10&provider=12
//   #/contracts?provider=12&year=2026
std::string assessment_link(Id provider, const std::string& month, const std::string& project = "");
std::string settlement_link(Id provider, const std::string& month, Id statement = 0);
std::string contracts_link(Id provider, int year);
std::string contracts_link(Id provider, const std::string& month);   // the year of "2026-10"
// What is wrong with the query of a 考核 / 结算 / 合同与年度 route, in Chinese naming the parameter and what it
// says ("" = nothing; other screens: always ""). A month is "2026-10", a provider or statement a positive number,
// a project lower-case letters and "_", a year 2000–2100.
std::string route_query_error(const Route& r);

// An order whose callback found that the service never happened (老人称未接受服务): the provider and the month (of
// the callback, as the server's history dates it) whose assessment counts it under 服务不真实 and whose statement
// bills the faked subject; nullopt for any other order (no provider, no such callback, the history not loaded).
struct ChainMonth {
    Id provider_id = 0;
    std::string month;   // "2026-10"
    friend bool operator==(const ChainMonth&, const ChainMonth&) = default;
};
std::optional<ChainMonth> not_received_month(const OrdersState& o);

// A well-formed order code: "GD" + 12 or 13 digits (upper case after normalising "gd").
std::optional<std::string> order_code_of(std::string_view text);

// The browser's history, kept in step with the app's location. Each location the app reaches by itself
// (a click) pushes an entry; a location the browser reached (Back/Forward, a typed or pasted URL, the page
// load) is recorded without pushing, and the next location the app settles on replaces it (an open that
// failed, a refused screen) instead of adding an entry behind it.
class NavHistory {
public:
    enum class Step { None, Push, Replace };
    struct Action {
        Step step = Step::None;
        std::string hash;
    };
    // The browser is at `hash` (page load, hashchange): no entry is added for it.
    void browser_at(std::string hash);
    // Where the app is now (nullopt: not settled — signed out, loading a record): what to do to the history.
    Action sync(const std::optional<std::string>& location);
    const std::string& at() const { return at_; }

private:
    std::string at_;
    bool replace_next_ = true;
};

}  // namespace yiyang::client
