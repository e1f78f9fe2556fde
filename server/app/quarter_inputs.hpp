// The one set of inputs of a verification quarter (核查, issue 10) and the one computation of its figures: the report
// (app/quarter_report) and every verification route (info-service, physical, deaths, new-subjects, callbacks) read
// them from here, so a figure is the same wherever it is shown. Computed quarters are cached by data version.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "store/verification.hpp"
#include "store/verification_physical.hpp"
#include "store/verification_sampling.hpp"
#include "yiyang/info_service_fees.hpp"
#include "yiyang/verification/callbacks.hpp"
#include "yiyang/verification/deaths.hpp"
#include "yiyang/verification/new_subjects.hpp"
#include "yiyang/verification/physical_services.hpp"
#include "yiyang/verification/rule_kinds.hpp"
#include "yiyang/verification/sampling.hpp"

namespace yiyang::app {

// Which quarter, for whom, and (deaths only) which window of deaths to deduct.
struct QuarterScope {
    Period quarter{PeriodKind::Quarter, 2024, 1};
    std::optional<Id> town;      // none = the whole district
    std::string town_name;
    std::optional<Date> death_window_from, death_window_to;   // none = verification::default_death_window
};

// The rules in force for the quarter, resolved by the caller (http/verification_common quarter_rules: 409
// rule_missing naming the rule when one is missing; rules are data, there is no built-in fee).
struct QuarterRules {
    std::array<VerificationFees, 3> fees;        // in force on each month's first day
    std::vector<std::string> fee_versions;       // deduplicated, month order
    VerificationReportRule report;               // in force on the quarter's last day
    VerificationEligibility eligibility;         // in force on the quarter's first day
    std::string sampling_version;                // the sampling rule in force on the draw date ("" = none)
    // "verification_fees v1|…|verification_report v2|…": part of the cache key.
    std::string versions_key() const;
};

struct QuarterInputs {
    QuarterScope scope;
    QuarterRules rules;
    Date death_from{}, death_to{};
    // The lists. Subscribers: ledger rows from the death window's first day (or the quarter's) to its last, of the
    // town when given. Records: the WHOLE district's (a caregiver's overlap or a shared photo crosses towns: the
    // status of a record must not depend on who looks) — empty in a town's bundle, which reads them from its
    // district's (QuarterBundle::records()); `records_in_scope` names the town's (none = all).
    std::vector<SubscriberRow> subscribers;
    std::vector<store::SubscriptionWithReason> info_rows;   // information-service enrolments overlapping the quarter
    verification::ServiceRecordTable records;               // record-number order; the columns the flags read
    std::optional<std::set<std::string>> records_in_scope;
    std::vector<CremationRow> cremations;
    std::map<std::string, std::set<std::string>> categories;
    std::vector<PhoneCheckRow> phone_checks;
    std::vector<CallbackRow> callbacks;                     // imported, then the calls recorded on the current draw
    // What was kept: supervisors' decisions, same-person confirmations (still holding for the names now listed),
    // the quarter's current draw with its frame (replacements included) and the calls recorded on it.
    std::map<std::string, store::PhysicalDecision> decisions;   // the latest of each record
    std::set<std::string> confirmed_same_person;            // id_key
    std::optional<store::StoredDraw> draw;
    std::vector<store::FrameRow> frame;
};

struct QuarterComputed {
    // Over the whole district, each record priced by its month's fee (physical routes page through it; empty in a
    // town's bundle: QuarterBundle::physical_district()) ...
    verification::PhysicalServiceReport physical_district;
    // ... and the figures of the records in scope: physical() (physical_district itself without a town — not a copy:
    // at city scale a copy of its tallies was 2 s).
    std::optional<verification::PhysicalServiceReport> physical_in_town;
    const verification::PhysicalServiceReport& physical() const { return physical_in_town ? *physical_in_town : physical_district; }
    InfoServiceQuarter info;
    verification::NewSubjects news;
    verification::DeathCheck deaths;
    // The sampling: `drawn` false when no draw was made for the quarter — the report then says 尚未抽样 and every
    // callback figure is empty (no private sample is drawn behind the agents' backs).
    bool drawn = false;
    verification::SampleDraw draw;               // frame and effective sample (replaced ones out, replacements in), in scope
    verification::CallbackFigures callbacks;
    verification::SurveyFigures survey;          // calls to subjects served in scope, not in the callback sample
    bool has_data = false;                       // any subscriber billed or record in the quarter
};

struct QuarterBundle;

// Reads everything (one reader connection; no rule lookups: `rules` comes in). With `district` (the district's
// bundle of the same quarter and rules, for a town's scope) the district's records are not read again: `records`
// stays empty and only the numbers of the town's records are read (records_in_scope).
QuarterInputs load_quarter_inputs(AppContext& ctx, SQLite::Database& db, const QuarterScope& scope,
                                  const QuarterRules& rules, const QuarterBundle* district = nullptr);
// Every figure, pure. With `district` (see above) a town's physical figures are cut out of the district's computed
// ones (physical_in_town; physical_district stays empty: the district's is district->computed.physical_district)
// instead of flagging the district's records again. The flags of a record do not depend on the town asked
// (records and cremations are the district's either way; the removal date of a record's subject comes from the
// ledger rows of the subject's own elder, who is in the town when the record is): the same figures, see
// tests/server/test_verification_town_derived.cpp.
QuarterComputed compute_quarter(const QuarterInputs& in, const QuarterBundle* district = nullptr);

// The inputs and figures of a quarter, from the cache when nothing was written since (key: quarter, town, death
// window, data version, rule versions; at most kQuarterCacheSize quarters kept, older data dropped). A town's
// bundle holds the district's (computed once, cached under its own key) and reads the records from it.
struct QuarterBundle {
    QuarterInputs inputs;
    QuarterComputed computed;
    std::shared_ptr<const QuarterBundle> district;   // a town's: the district's bundle (none for the district's)
    // The district's records (record-number order) and their flags, whichever bundle is asked.
    const verification::ServiceRecordTable& records() const { return district ? district->inputs.records : inputs.records; }
    const verification::PhysicalServiceReport& physical_district() const {
        return district ? district->computed.physical_district : computed.physical_district;
    }
};
constexpr std::size_t kQuarterCacheSize = 16;
std::shared_ptr<const QuarterBundle> quarter_bundle(AppContext& ctx, SQLite::Database& db, const QuarterScope& scope,
                                                    const QuarterRules& rules);
// How many quarters were computed (not served from the cache) since the server started: for tests.
std::uint64_t quarter_computations();

}  // namespace yiyang::app
