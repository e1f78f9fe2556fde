// State and intents of the live updates: polling the live feed, the SOS banner (countdown, flashing, sound, acknowledge), KPI tiles and the indicator screen with drill-down, the watch list (app/live.cpp, ui/sos_banner.cpp, ui/kpis.cpp, ui/watch.cpp, ui/home.cpp tiles).
// Figures (KPI values, due times, seconds to due) arrive computed by the server; the client only keeps them and
// counts the SOS seconds down against the server's clock (offset from `server_now`, never the browser's clock).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/date.hpp"
#include "yiyang/period.hpp"
#include "yiyang/records.hpp"

namespace yiyang::client {

// ---- SOS -----------------------------------------------------------------------------------------
struct EmergencyItem {                  // one open emergency order from GET /api/v1/live
    Id id = 0;
    std::string code;                   // GD202611230001
    LocalSeconds created_at = 0;        // China Standard Time
    LocalSeconds due_at = 0;            // the answer deadline: the server's `due_at` (shared emergency_answer_seconds)
    std::optional<LocalSeconds> acknowledged_at;
    std::string acknowledged_by_name;
    std::string status;                 // order status code
    Id town_id = 0;
    std::string town_name;
    std::string description;
    bool ack_pending = false;           // our acknowledge request is under way
};

// ---- indicators ----------------------------------------------------------------------------------
// Periods are shared/period's (code, Chinese label, previous/next): one definition on both sides.
using KpiPeriodKind = PeriodKind;
using KpiPeriod = Period;

struct KpiScope {                       // city (both 0), a town, or a provider
    Id town = 0;
    Id provider = 0;
    friend bool operator==(const KpiScope&, const KpiScope&) = default;
};

struct KpiItem {                        // one indicator as GET /api/v1/kpis sent it
    std::string code, name_zh, unit, target_text, display, source;
    std::string period;                 // the target's own period: "month" | "quarter" | "project_year"
    std::string note;                   // why there is no value (entered, not for this scope)
    bool applicable = true;             // false: no value for this scope / source (display "—")
    std::int64_t num = 0, den = 0;      // the exact value
    bool met = false;
    std::int64_t numerator_count = 0, denominator_count = 0;
    std::optional<std::int64_t> failure_count;   // a ratio's 未达标 records, as the reply counts them
    std::string kind;                   // "orders" | "calls" | "visits" | "activities" (what the drill-down lists)
    bool entered() const { return source == "entered"; }
    // An entered item with records behind it (issue 13: the approved activity records of 工作台账).
    bool from_activities() const { return kind == "activities"; }
};
struct KpiData {
    KpiPeriod period;
    KpiScope scope;
    std::string period_label;           // the server's label when it sends one
    std::string scope_label;
    std::vector<KpiItem> items;
    bool loaded = false;
    std::string as_of;                  // when the figures were computed
};

struct KpiRecordRow {                   // one record behind a figure (an order or a call)
    Id id = 0;
    bool is_order = true;               // rows that are orders open the order
    std::string code;                   // order code or call id
    std::vector<std::string> cells;     // the other columns, as text
};
struct KpiRecords {
    std::string code;                   // indicator
    std::string side = "numerator";     // "numerator" | "denominator"
    int page = 1;
    int page_size = 20;
    std::string sort;                   // "" = by id ascending (creation order), "-id" descending
    std::int64_t total = 0;
    std::vector<std::string> headers;   // column titles for `cells`
    std::vector<KpiRecordRow> rows;
    bool loaded = false;
    std::string error;
};

// ---- watch list ----------------------------------------------------------------------------------
struct WatchRow {
    Id order_id = 0;
    std::string order_code, type_label, town_name, provider_name, rule_name, due_at;
    std::int64_t seconds_to_due = 0;
    bool overdue = false;               // else due soon
};
struct WatchGroup {
    Id id = 0;
    std::string name;
    std::int64_t overdue = 0, due_soon = 0;
};
struct WatchFilter {
    Id town = 0;
    Id provider = 0;
    std::string sort;   // "" = most overdue first; else a column key of GET /watch's sort ("-" = descending)
    int page = 1;       // paged by the server like the other lists (totals count the whole list)
    int page_size = 20;
    friend bool operator==(const WatchFilter&, const WatchFilter&) = default;
};
struct WatchData {
    WatchFilter filter;
    std::vector<WatchRow> rows;
    std::vector<WatchGroup> by_town, by_provider;
    std::int64_t overdue = 0, due_soon = 0;
    std::int64_t total = 0;             // rows of the whole list (all pages)
    bool loaded = false;
    std::string as_of;                  // the server time of the list
};

struct NamedId {
    Id id = 0;
    std::string name;
};

struct LiveState {
    // feed
    std::int64_t seq = 0;               // the last `seq` the server sent (?after=)
    std::int64_t polls = 0;             // replies received
    std::int64_t poll_errors = 0;
    std::string feed_error;             // the last feed reply that did not parse (wire::LiveReply), "" when fine
    double last_poll_ms = -1;           // performance.now() of the last reply
    std::vector<Id> changed_orders;     // ids from the last reply that had `changed` (orders area reloads)
    std::int64_t change_serial = 0;     // +1 per reply with `changed`
    // clock: the server's China Standard Time as of the last tick (seconds, fractional)
    double server_now_s = 0;
    double clock_ms = 0;                // performance.now() of the last tick (flashing phase)
    // SOS
    std::vector<EmergencyItem> emergencies;
    bool sees_emergencies = false;      // agent, supervisor, admin
    std::int64_t beep_attempts = 0;     // alarm beeps asked for
    std::int64_t beeps = 0;             // ... and played (the browser allowed audio)
    // home tiles (this month, the user's scope)
    KpiData tiles;
    std::int64_t tile_loads = 0;
    // indicator screen
    KpiPeriod period;                   // as chosen on the screen
    KpiScope scope;
    KpiData kpis;
    std::string selected;               // indicator code drilled into ("" = none)
    KpiRecords records;
    // watch list
    WatchFilter watch_filter;
    WatchData watch;
    std::int64_t watch_loads = 0;
    // filter choices (desk roles)
    std::vector<NamedId> providers;
};

// ---- intents -------------------------------------------------------------------------------------
struct AcknowledgeEmergency { Id id; };
struct OpenEmergency { Id id; };                  // 派单: the order's detail with its dispatch panel
struct OpenKpi { std::string code; };             // a home tile: the indicator screen on that code
struct SetKpiPeriod { KpiPeriod period; };
struct SetKpiScope { KpiScope scope; };
struct SelectKpi { std::string code; };           // "" closes the drill-down
struct KpiRecordsPage { std::string side; int page; };
struct KpiRecordsView { std::string sort; int page_size; int page; };   // header sort, page size, page jump
struct OpenOrderFromLive { Id id; };              // a drill-down or watch row
struct SetWatchFilter { WatchFilter filter; };
struct RefreshWatch {};

using LiveIntent = std::variant<AcknowledgeEmergency, OpenEmergency, OpenKpi, SetKpiPeriod, SetKpiScope,
                                SelectKpi, KpiRecordsPage, KpiRecordsView, OpenOrderFromLive, SetWatchFilter, RefreshWatch>;

// Seconds left to the answer target of an emergency at the server time now_s (negative = overdue).
double emergency_seconds_left(const EmergencyItem& e, double server_now_s);

// What the browser tests read of this area (yiyang_test_state()["live"]); defined in app/live.cpp.
nlohmann::json test_state_of(const LiveState& s);

}  // namespace yiyang::client
