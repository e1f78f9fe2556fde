// Provider supervision in SQLite (migration 32, issue 13 providers; the rules: shared/provider_evaluation.hpp and
// provider_kpi.hpp): each provider's platform (民政通 / 智慧养老平台) and licence expiry, the signed evaluations (one
// per provider per day), the 差 → warning / removal decisions (which change providers.status, the column the dispatch
// ranking honours) and the key-information checks. Callers write inside the writer's transaction, with the audit event.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/provider_evaluation.hpp"
#include "yiyang/provider_kpi.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

struct ProviderExtra {
    providers::Platform platform = providers::Platform::SmartCare;
    std::optional<Date> licence_expires;
};
std::map<Id, ProviderExtra> provider_extras(SQLite::Database& db);
void set_provider_platform(SQLite::Database& db, Id provider, providers::Platform p);
void set_licence_expires(SQLite::Database& db, Id provider, const Date& d);
void set_provider_status(SQLite::Database& db, Id provider, ProviderStatus s);

struct EvaluationRow {
    Id id = 0;
    Id provider_id = 0;
    std::string provider_name;
    Date day, window_first, window_last;
    std::string rule_version;
    nlohmann::json scores = nlohmann::json::array();   // [{dimension, num, den, prefilled: {num,den}|null, changed, reason}]
    Ratio total;
    providers::Grade grade = providers::Grade::Poor;
    std::string note;
    Id signed_by = 0;
    std::string signed_by_name;
    LocalSeconds signed_at = 0;
    std::string content_sha256;
};
Id insert_evaluation(SQLite::Database& db, const EvaluationRow& e);
bool evaluation_exists(SQLite::Database& db, Id provider, const Date& day);
std::optional<EvaluationRow> find_evaluation(SQLite::Database& db, Id id);
// All evaluations (provider = nullopt) or one provider's, by day then id.
std::vector<EvaluationRow> evaluations(SQLite::Database& db, std::optional<Id> provider = std::nullopt);

struct ActionRow {
    Id id = 0;
    Id provider_id = 0;
    Id evaluation_id = 0;
    providers::PoorAction action = providers::PoorAction::Warn;
    Date day;
    std::string status_before, reason, decided_by_name;
    LocalSeconds decided_at = 0;
};
Id insert_action(SQLite::Database& db, const ActionRow& a, Id decided_by);
std::vector<ActionRow> actions(SQLite::Database& db);

struct KeyCheckRow {
    Id id = 0;
    Id provider_id = 0;
    Date day;
    std::vector<providers::MissingItem> missing;
    std::string checked_by_name;
    LocalSeconds checked_at = 0;
};
// Replaces the check of the same provider and day (a re-check that day supersedes the earlier one).
Id upsert_key_check(SQLite::Database& db, const KeyCheckRow& k, Id checked_by);
std::vector<KeyCheckRow> key_checks(SQLite::Database& db);

// The provider's orders with any of created / dispatched / closed in [first, last], and complaints about it created then.
std::vector<providers::EvalOrder> eval_orders(SQLite::Database& db, Id provider, const Date& first, const Date& last);
std::vector<providers::EvalComplaint> eval_complaints(SQLite::Database& db, Id provider, const Date& first, const Date& last);
struct EvalOrderDetail {
    Id id = 0;
    std::string code, type, status;
    LocalSeconds created_at = 0;
    std::optional<LocalSeconds> dispatched_at, completed_at, closed_at;
    std::optional<int> satisfaction;
    std::optional<bool> complaint_valid;
};
std::vector<EvalOrderDetail> eval_order_details(SQLite::Database& db, const std::vector<Id>& ids);

// Orders created (not cancelled) per provider per month ("YYYY-MM") from `first` on.
providers::MonthlyOrders monthly_orders(SQLite::Database& db, const Date& first, const Date& last);

// Everything the provider indicators read (providers with their points, categories and towns).
providers::ProviderKpiInput provider_kpi_input(SQLite::Database& db, const Date& first, const Date& last);

// The demo city (demo_loader): each provider's platform and licence expiry, key-information checks and signed
// evaluations for most providers, graded from the loaded orders with the rule's seeded values (EvaluationRule{}),
// deterministic by provider id. Some are 差 and left for a supervisor to warn or remove (no status is changed here).
void seed_demo_provider_supervision(SQLite::Database& db, LocalSeconds now);

}  // namespace yiyang::store
