// The one set of inputs of a verification quarter (核查, issue 10) and the one computation of its figures: the report
// (app/quarter_report) and every verification route (info-service, physical, deaths, new-subjects, callbacks) read
// them from here, so a figure is the same wherever it is shown. Computed quarters are cached by data version.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
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
    // What was kept: same-person confirmations (still holding for the names now listed), the quarter's current draw
    // with its frame (replacements included) and the calls recorded on it. (Supervisors' decisions are not inputs
    // of the base: QuarterBundle::decisions, read per data version.)
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

struct QuarterBase;

// Reads everything but decisions (one reader connection; no rule lookups: `rules` comes in). With `district` (the
// district's base of the same quarter and rules, for a town's scope) the district's records are not read again:
// `records` stays empty and only the numbers of the town's records are read (records_in_scope).
QuarterInputs load_quarter_inputs(AppContext& ctx, SQLite::Database& db, const QuarterScope& scope,
                                  const QuarterRules& rules, const QuarterBase* district = nullptr);
// Every figure, pure, before any decision: the physical figures are the flags (every flagged record that is not
// blocked is pending; shared verification::physical_flags). With `district` (see above) a town's physical figures
// are cut out of the district's computed ones (physical_in_town; physical_district stays empty: the district's is
// district->computed.physical_district) instead of flagging the district's records again. The flags of a record do
// not depend on the town asked (records and cremations are the district's either way; the removal date of a
// record's subject comes from the ledger rows of the subject's own elder, who is in the town when the record is):
// the same figures, see tests/server/test_verification_town_derived.cpp.
// `district_flags`: gives the district's flags of these inputs (quarter_base computes them on another core while the
// rest of the inputs is read and the figures that do not read them are computed); none = flagged here.
QuarterComputed compute_quarter(const QuarterInputs& in, const QuarterBase* district = nullptr,
                                const std::function<verification::PhysicalServiceReport()>& district_flags = {});
// The figures with the supervisors' decisions laid over the base's (shared verification::apply_decisions on a
// copy of its physical figures: tallies share their keys, so the copy is pointers and the few decided records).
QuarterComputed decide_quarter(const QuarterComputed& base, const std::map<std::string, store::PhysicalDecision>& decisions);

// A quarter before decisions: its inputs and figures, cached by the lists' version (store::Database::lists_version:
// a decision does not move it) — key: quarter, town, death window, lists version, rule versions; at most
// kQuarterCacheSize kept. A town's base holds the district's (computed once, cached under its own key).
struct QuarterBase {
    QuarterInputs inputs;
    QuarterComputed computed;
    std::shared_ptr<const QuarterBase> district;   // a town's: the district's base (none for the district's)
};

// What a request reads: the base (shared, cached) and the decisions of now laid over it (read per data version:
// they are few; cached by data version too). `inputs` is the base's.
struct QuarterBundle {
    explicit QuarterBundle(std::shared_ptr<const QuarterBase> b) : base(std::move(b)), inputs(base->inputs) {}
    std::shared_ptr<const QuarterBase> base;
    const QuarterInputs& inputs;
    std::map<std::string, store::PhysicalDecision> decisions;   // the latest of each record
    QuarterComputed computed;                                   // decided
    std::shared_ptr<const QuarterBundle> district;              // a town's: the district's bundle (none for the district's)
    // The district's records (record-number order) and their flags and decisions, whichever bundle is asked.
    const verification::ServiceRecordTable& records() const { return district ? district->inputs.records : inputs.records; }
    const verification::PhysicalServiceReport& physical_district() const {
        return district ? district->computed.physical_district : computed.physical_district;
    }
};
constexpr std::size_t kQuarterCacheSize = 16;
std::shared_ptr<const QuarterBundle> quarter_bundle(AppContext& ctx, SQLite::Database& db, const QuarterScope& scope,
                                                    const QuarterRules& rules);
// The district's physical figures alone, decided — what a settlement statement reads (its payable records): the
// decided bundle's physical_district when one is cached, else the flags of the district's records (shared
// verification::physical_flags over the records, the cremation list and the ledger rows load_quarter_inputs reads
// for the default death window: the same inputs, so the same figures — tests/server/test_quarter_physical.cpp) with
// the latest decisions laid over them; nothing else of the quarter (categories, new subjects, deaths, callbacks) is
// read, and without a record in the quarter nothing at all. Cached like the bundle: flags by lists version, decided
// by data version.
std::shared_ptr<const verification::PhysicalServiceReport> quarter_physical(AppContext& ctx, SQLite::Database& db,
                                                                          const Period& quarter, const QuarterRules& rules);
// How many times quarter_physical computed flags (not served from a cache): for tests.
std::uint64_t quarter_physical_computations();
// How many quarter bases were computed (not served from the cache) since the server started, and how many times
// decisions were laid over one (a decided bundle not served from the cache): for tests.
std::uint64_t quarter_computations();
std::uint64_t quarter_decidings();

}  // namespace yiyang::app
