// 服务商监管 (issue 13, providers; read_provider_supervision: admin, supervisor, agent, leader): the provider list with
// the last evaluation's grade, the key-information completeness and the status (GET /api/v1/provider-supervision);
// for the provider chosen, the evaluation form prefilled from the records (GET …/{id}/prefill) with the orders behind
// each prefilled score, signing it (POST …/{id}/evaluations, supervise_providers), the 差 → 预警 / 清退 confirmation
// (POST …/evaluations/{id}/action), lifting a warning (POST …/{id}/lift) and a key-information check (POST …/{id}/key-checks). Every score, total and grade
// is the server's (shared/provider_evaluation); the screen only turns typed points into tenths.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "yiyang/wire/provider_supervision.hpp"

namespace yiyang::client {

struct ProviderSupervisionState {
    bool loading = false;
    std::optional<wire::ProviderSupervisionList> list;
    std::string error;                                   // loading failed (Chinese)
    std::int64_t selected = 0;                           // the provider whose form is open (0 = none)
    std::optional<wire::EvaluationPrefill> prefill;
    std::optional<wire::ProviderEvaluationList> history;
    std::map<std::string, std::string> scores;           // dimension → points as typed ("18.5"; "" = keep the prefill)
    std::map<std::string, std::string> reasons;          // dimension → why a prefilled score was changed
    std::string note;
    std::string drill;                                   // the dimension whose orders are listed ("" = none)
    bool saving = false;
    std::map<std::string, std::string> field_errors;     // "scores.performance" → the server's message
    std::string form_error, notice;
    std::string action_reason;                           // 预警 / 清退 / 解除预警 reason
    bool acting = false;
    std::string licence_expires;                         // typed for a key-information check
    bool checking = false;
};

// ---- intents ---------------------------------------------------------------------------------------
struct ReloadProviderSupervision {};
struct SelectSupervisedProvider { std::int64_t id = 0; };
struct EditEvaluationScore { std::string dimension, text; };
struct EditEvaluationReason { std::string dimension, text; };
struct EditEvaluationNote { std::string text; };
struct DrillEvaluationDimension { std::string dimension; };   // "" closes
struct SubmitEvaluation {};
struct EditPoorActionReason { std::string text; };
struct ConfirmPoorAction { std::int64_t evaluation_id = 0; };
struct LiftWarning { std::int64_t provider_id = 0; };          // 解除预警 (the reason: EditPoorActionReason)
struct EditLicenceExpiry { std::string text; };
struct SubmitKeyCheck {};

using ProviderSupervisionIntent =
    std::variant<ReloadProviderSupervision, SelectSupervisedProvider, EditEvaluationScore, EditEvaluationReason,
                 EditEvaluationNote, DrillEvaluationDimension, SubmitEvaluation, EditPoorActionReason, ConfirmPoorAction,
                 LiftWarning, EditLicenceExpiry, SubmitKeyCheck>;

// Points as typed ("18", "18.5") → tenths; nullopt when not a number with at most one decimal.
std::optional<std::int64_t> typed_tenths(const std::string& text);

// What the browser tests read of this area (yiyang_test_state()["provider_supervision"]).
nlohmann::json test_state_of(const ProviderSupervisionState& s);

}  // namespace yiyang::client
