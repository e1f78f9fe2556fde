// 核查's work tabs (issue 10): 实体服务 (flagged service records: supervisors decide, providers answer), 死亡核查
// (figures with drill-down, name mismatches to confirm, the family-contact step) and 回访 (the agents' call list,
// one keystroke per outcome). Owned by app/verification_work.cpp; drawn by ui/verification_work.cpp.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/import.hpp"
#include "yiyang/records.hpp"
#include "yiyang/wire/verification_deaths.hpp"
#include "yiyang/wire/verification_physical.hpp"
#include "yiyang/wire/verification_sampling.hpp"

namespace yiyang::client {

// ---- 实体服务 ---------------------------------------------------------------------------------------------------
struct VerPhysicalState {
    bool own = false;                   // the provider form (GET …/physical/own)
    bool loading = false;
    std::optional<wire::PhysicalServiceReport> report;
    std::string error;
    std::string flag;                   // filter: "" all | after_death | duplicate | …
    std::string status;                 // filter: "" all | pending | decided_payable | decided_not_payable | not_payable
    int page = 1;
    std::string selected;               // record_no whose detail is open ("" none)
    std::string reason;                 // the decision's reason / the provider's 说明 being typed
    std::string form_error;
    bool busy = false;
    std::string message;                // the last decision / answer saved
};

// ---- 死亡核查 ---------------------------------------------------------------------------------------------------
struct VerDeathsState {
    bool loading = false;
    std::optional<wire::DeathsReport> report;
    std::string error;
    std::string drill_count;            // matched | … | still_billed | next_quarter; "" none open
    int drill_page = 1;
    std::optional<wire::DeathsReport> drill;
    std::string drill_error;
    // 确认同一人 (one name mismatch) and the family-contact step (one person): the open form's target
    std::string same_id, same_reason;
    std::string contact_id, contact_outcome = "confirmed_dead", contact_day, contact_note;
    std::string form_error, message;
    bool busy = false;
};

// ---- 回访 -------------------------------------------------------------------------------------------------------
// After 接通, the questions in turn, each answered by a key (or a button).
enum class CallStep { Outcome, Overall, Package, KnowsSos };

struct VerCallsState {
    bool loading = false;
    std::optional<wire::SampleDetail> list;     // the current draw and its call list (GET /verification/call-list)
    std::string error;                          // "" / no draw yet / refusal
    bool no_draw = false;                       // 404: the quarter has no draw yet
    int page = 1;
    std::vector<wire::SampleDrawInfo> draws;    // supervisors: every draw of the quarter (GET /verification/samples)
    std::optional<wire::CallbackReport> figures;   // GET /verification/callbacks (roles that read the figures)
    std::int64_t selected = 0;                  // the subject's no. the keys act on
    CallStep step = CallStep::Outcome;
    std::string overall, package;               // answers so far (labels the server reads, "满意" …)
    bool busy = false;
    std::string message, call_error;
    std::int64_t recorded = 0;                  // calls recorded in this session
    // draw / redraw (supervisors)
    bool draw_open = false;
    std::string draw_date, seed, reason;
    bool by_town = false;
    std::string draw_error;
    // the audited reveal of a masked phone
    std::int64_t reveal_no = 0;
    std::string reveal_reason, reveal_error;
    std::map<std::int64_t, std::string> revealed;   // elder id → phone in full
};

struct VerWorkState {
    std::string quarter;                // the quarter worked on ("2024Q1"); from the report's when first opened
    VerPhysicalState physical;
    VerDeathsState deaths;
    VerCallsState calls;
};

// ---- intents --------------------------------------------------------------------------------------------------
struct VerWorkQuarter { std::string quarter; };
struct VerPhysFilter { std::string flag, status; int page = 1; };
struct VerPhysSelect { std::string record_no; };          // "" closes the detail
struct VerPhysEdit { std::string text; };                 // the reason / 说明 being typed
struct VerPhysDecide { bool payable = false; };           // 可支付 / 不予支付 with the typed reason
struct VerPhysAnswer {};                                  // the provider's 说明
struct VerDeathsDrill { std::string count; int page = 1; };   // "" closes
struct VerDeathsSameOpen { std::string id_number; };      // "" closes
struct VerDeathsSameEdit { std::string reason; };
struct VerDeathsSameSave {};
struct VerDeathsContactOpen { std::string id_number; };   // "" closes
struct VerDeathsContactEdit { std::string outcome, day, note; };
struct VerDeathsContactSave {};
struct VerCallsSelect { std::int64_t no = 0; };
struct VerCallKey { int digit = 0; };                     // 1–9 (outcome, then each question); 0 = Esc: back out
struct VerCallsReplace {};                                // 替换 the selected subject
struct VerCallsPage { int page = 1; };
struct VerDrawOpen { bool open = true; };
struct VerDrawEdit { std::string draw_date, seed, reason; bool by_town = false; };
struct VerDrawSave {};
struct VerRevealOpen { std::int64_t no = 0; };            // 0 closes
struct VerRevealEdit { std::string reason; };
struct VerRevealSave {};

using VerWorkIntent = std::variant<VerWorkQuarter, VerPhysFilter, VerPhysSelect, VerPhysEdit, VerPhysDecide,
                                   VerPhysAnswer, VerDeathsDrill, VerDeathsSameOpen, VerDeathsSameEdit,
                                   VerDeathsSameSave, VerDeathsContactOpen, VerDeathsContactEdit, VerDeathsContactSave,
                                   VerCallsSelect, VerCallKey, VerCallsReplace, VerCallsPage, VerDrawOpen, VerDrawEdit,
                                   VerDrawSave, VerRevealOpen, VerRevealEdit, VerRevealSave>;

// ---- the models (pure; tests/client) --------------------------------------------------------------------------
// One key of the outcome step: the digit, the shared CallOutcome, a 停机 reason (欠费 / 沉默) and the label shown.
struct CallKey {
    int digit = 0;
    CallOutcome outcome = CallOutcome::Answered;
    std::string suspension;             // "欠费" | "沉默" | ""
    std::string label;                  // "接通", "停机（欠费）"
};
const std::vector<CallKey>& call_keys();
const CallKey* call_key(int digit);
// The choices of a question step (labels as the callback list writes them); empty for the outcome step.
const std::vector<std::string>& step_choices(CallStep step);
const char* step_title(CallStep step);
// The next subject still to call after `after` (in list order, wrapping; replaced ones skipped); 0 when none.
std::int64_t next_uncalled(const wire::SampleDetail& d, std::int64_t after);
// The body of a recorded call.
nlohmann::json call_body(std::int64_t no, const CallKey& k, const std::string& overall, const std::string& package,
                         const std::string& knows_sos);
std::string physical_path(const VerWorkState& w, bool own);
const char* physical_flag_label(const std::string& flag);
const char* physical_status_label(const std::string& status);
const char* death_count_label(const std::string& count);
// "2024Q1" -> "2024-03-31" (the draw date offered: the quarter's last day, or today when earlier).
std::string default_draw_date(const std::string& quarter, const Date& today);

nlohmann::json test_state_of(const VerWorkState& w);

}  // namespace yiyang::client
