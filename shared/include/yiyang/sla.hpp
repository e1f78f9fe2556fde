// Service-level clocks (DOMAIN.md "Service-level rules"): SLA rules as versioned data, and the one function
// that turns a rule, the workday calendar, a start, pauses and a stop into a due time and a state.
// Loaded from assets/rules/sla-rules.json; time is passed in, never read.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "yiyang/calendar.hpp"
#include "yiyang/date.hpp"
#include "yiyang/records.hpp"

namespace yiyang {

// What the target is measured in.
enum class SlaTargetKind {
    Elapsed,   // "elapsed": target_seconds of counted time (see SlaCounting)
    SameDay,   // "same_day": 不过夜, due 23:59:59 of the day the clock started
};

// Which seconds a clock counts. The choice is data (field "counting" of each rule) so a bureau can change it.
enum class SlaCounting {
    Wall,            // "wall": every second of every day (emergency 30 s)
    Workdays,        // "workdays": every second of a workday (calendar: weekends, holidays, 调休 make-up days)
                     //   and none of a non-working day. 24 h started Friday 17:00 is due Monday 17:00; a clock
                     //   started on a holiday starts counting at 00:00 of the next workday.
    BusinessHours,   // "business_hours": only [open, close) on workdays (e.g. 08:30–17:30)
};

struct SlaRule {
    std::string code;                 // "review_24h"
    std::string name_zh;              // 服务商上传工单24小时内审核
    std::string starts_on;            // event code, see "Events" below
    std::string stops_on;             // event code
    std::vector<OrderType> applies_to;   // order types this rule clocks; empty = every type / not order-bound
    SlaTargetKind kind = SlaTargetKind::Elapsed;
    std::int64_t target_seconds = 0;  // Elapsed only (> 0)
    SlaCounting counting = SlaCounting::Wall;
    int open_minute = 0;              // BusinessHours only: minutes after midnight, e.g. 510 = 08:30
    int close_minute = 0;             // BusinessHours only: > open_minute, <= 1440
    bool pausable = false;            // may a clock wait on the elder (paused time extends the due time)
    std::int64_t due_soon_seconds = 0;   // "due soon" when what remains is <= max(seconds, percent × target)
    int due_soon_percent = 0;            //   (0..100; for same_day the target is start..due)
    std::string source;               // "营口 2.9" (documentation)

    bool uses_calendar() const { return counting != SlaCounting::Wall; }
    bool applies_to_type(OrderType t) const;
};

struct SlaRuleSet {
    std::string version;              // "sla-2026-v1"
    Date effective_from;
    std::vector<SlaRule> rules;       // codes unique
    const SlaRule* find(const std::string& code) const;   // nullptr when absent
};

// The set in force on a day, as rule_registry.hpp defines it for every kind (index_in_force): the latest
// effective_from <= on, the later in `sets` on equal dates; nullptr before the first.
const SlaRuleSet* rule_set_in_force(const std::vector<SlaRuleSet>& sets, const Date& on);

// The SOS answer window (紧急求助 N 秒内响应): the first emergency rule of the set that starts when the order is
// created and counts wall time (emergency_30s in the shipped rules). The one definition behind the banner's
// countdown (the live feed's due_at), the emergency_answer_rate indicator and the order's clock; nullopt when
// the set has no such rule.
std::optional<std::int64_t> emergency_answer_seconds(const SlaRuleSet& set);
// An emergency's answer deadline: created_at + emergency_answer_seconds (0 when the set has none: due at once).
// `set` is the one in force on the order's created day. The live feed's due_at / due_s and the
// emergency_answer_rate indicator (answered in time = acknowledged_at <= this) both read it.
LocalSeconds emergency_answer_due(const WorkOrder& order, const SlaRuleSet& set);

// A period when the clock waited on the elder, [from, to); to empty = still paused.
struct Pause {
    LocalSeconds from = 0;
    std::optional<LocalSeconds> to;
};

enum class SlaState { Running, Paused, DueSoon, Met, Breached };

struct SlaClock {
    std::string rule_code;
    std::string name_zh;
    LocalSeconds started_at = 0;
    std::optional<LocalSeconds> stopped_at;
    LocalSeconds due_at = 0;            // an open pause is taken to end now ("due if resumed now")
    std::int64_t consumed_seconds = 0;  // counted seconds from start to stop (or now), excluding pauses
    std::int64_t remaining_seconds = 0; // counted seconds left (negative = overdue by); same_day: due_at - at
    std::int64_t seconds_to_due = 0;    // wall seconds from stop (or now) to due_at (negative = past due)
    SlaState state = SlaState::Running;
};

// Events (the values of starts_on / stops_on). Work-order events are named after the lifecycle (see
// order_lifecycle.hpp, event_of): created, dispatched, accepted, started, completed, reviewed, called_back,
// closed, cancelled, complaint_judged, rectification_opened, rectification_closed, escalated. Records that are
// not work orders use their own: data_submitted / data_confirmed (社区组织数据确认).
//
// compute_clock:
// - Elapsed: due_at is the earliest instant at which target_seconds of counted time (SlaCounting), not paused
//   (when pausable), have passed since `started`.
// - SameDay: due_at = 23:59:59 of the day `started` falls on (counting "workdays": of the first workday on or
//   after it), plus the paused seconds when pausable. Breached only when stopped / now is after due_at.
// - state: stopped -> met (stopped <= due_at) | breached; else past due -> breached; else paused (a pause
//   covers now) -> paused; else remaining <= the due-soon threshold -> due_soon; else running.
// Pauses may be unsorted or overlap; parts before `started` are ignored; pauses are ignored when !pausable.
SlaClock compute_clock(const SlaRule& rule, const WorkCalendar& calendar, LocalSeconds started,
                       const std::vector<Pause>& pauses, std::optional<LocalSeconds> stopped, LocalSeconds now);

// Counted seconds in [from, to) for a rule's counting (no pauses); 0 when to <= from.
std::int64_t counted_seconds(const SlaRule& rule, const WorkCalendar& calendar, LocalSeconds from, LocalSeconds to);
// An order is overdue when any of its clocks is still running past its due time (a clock that stopped
// late is a breach on record, not an overdue order).
bool is_overdue(const std::vector<SlaClock>& clocks);

// ---- JSON ----------------------------------------------------------------------------------------
// One rule set is ONE JSON object (assets/rules/sla-rules.json):
//   {"version": "sla-2026-v1", "effective_from": "2025-01-01", "comment": "...",
//    "rules": [{"code": "review_24h", "name": "服务商上传工单24小时内审核",
//               "starts_on": "completed", "stops_on": "reviewed", "applies_to": ["booking", ...],   optional
//               "target": {"kind": "elapsed", "seconds": 86400} | {"kind": "same_day"},
//               "counting": "wall" | "workdays" | "business_hours",
//               "business_hours": {"open": "08:30", "close": "17:30"},   business_hours only
//               "pausable": true, "due_soon": {"seconds": 7200, "percent": 20},   either or both, optional
//               "source": "营口 2.9", "comment": "..."}]}                       optional, documentation
// Unknown fields are rejected. Bad data throws std::invalid_argument naming the set, the rule and the field:
//   SLA rules "sla-2026-v1", rules[1] (callback_24h): field "counting" must be one of wall, workdays,
//   business_hours, got "work_days".
void from_json(const nlohmann::json& j, SlaRuleSet& s);
void to_json(nlohmann::json& j, const SlaRuleSet& s);
void to_json(nlohmann::json& j, const SlaClock& c);

const char* code(SlaTargetKind v);
const char* code(SlaCounting v);
const char* code(SlaState v);
const char* label_zh(SlaState v);   // 计时中 / 已暂停 / 即将超时 / 按时完成 / 已超时

}  // namespace yiyang
