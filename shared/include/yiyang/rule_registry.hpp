// Rules as a live registry: every rule kind (calendar, SLA, dispatch weights, KPI targets, and the coming fee
// standards, scorecards, sampling and report rules) is one entry of `rule_kinds()`; "the version in force on a
// date" is defined once here; a candidate version is validated and compared with the one it would replace here.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>
#include "yiyang/calendar.hpp"
#include "yiyang/date.hpp"
#include "yiyang/dispatch.hpp"
#include "yiyang/info_service_fees.hpp"
#include "yiyang/kpi.hpp"
#include "yiyang/settlement/fees.hpp"
#include "yiyang/sla.hpp"
#include "yiyang/validation.hpp"
#include "yiyang/verification/rule_kinds.hpp"
#include "yiyang/verification/sampling_rule.hpp"

namespace yiyang {

namespace assessment { struct ScorecardRule; }   // assessment/scorecard_rule.hpp
namespace coverage { struct CircleRule; }        // coverage.hpp
namespace disclosure { struct DisclosureRule; }  // disclosure.hpp
namespace visits { struct VisitRule; }          // visits.hpp (issue 12, visits)
namespace activity { struct ActivityKinds; }   // activities.hpp (issue 13, activity records)
namespace providers { struct EvaluationRule; }  // provider_evaluation.hpp (issue 13, providers)
namespace inspections { struct InspectionRule; }   // inspections.hpp (issue 13, inspections)

// ---- the version in force ------------------------------------------------------------------------
// THE definition, used by every caller (RuleBook, rule_set_in_force, the rules endpoints and screen):
// the version in force on `on` is the one with the latest effective_from <= on; of several with that same date,
// the one published last (later in `effective`, which is in publication order). Before the first version NONE is
// in force (nullopt): a version never reaches back before its effective date, so publishing a kind's first
// version on 2027-01-01 does not change a figure of 2026. What a caller does with "none" is the kind's business
// (RuleBook::on<T> falls back to the type's defaults: no holidays, no SLA rules, default weights, no targets).
std::optional<std::size_t> index_in_force(const std::vector<Date>& effective, const Date& on);

// Versions of one typed rule kind, each with its effective date, in publication order.
template <class T>
class Versioned {
public:
    struct Entry {
        Date effective_from;
        T value;
    };
    void add(const Date& effective_from, T value) {
        entries_.push_back({effective_from, std::move(value)});
        dates_.push_back(effective_from);
    }
    // The version in force on `on` (see index_in_force), nullptr before the first.
    const T* in_force(const Date& on) const {
        const auto i = index_in_force(dates_, on);
        return i ? &entries_[*i].value : nullptr;
    }
    const std::vector<Entry>& entries() const { return entries_; }
    bool empty() const { return entries_.empty(); }
    std::size_t size() const { return entries_.size(); }

private:
    std::vector<Entry> entries_;
    std::vector<Date> dates_;
};

// ---- the registry of kinds -----------------------------------------------------------------------
// A parsed rule body; its dynamic type is the kind's C++ type (WorkCalendar, SlaRuleSet, ...).
using RuleValue = std::shared_ptr<const void>;

struct RuleKind {
    std::string code;        // the `rules.kind` column and the URL segment: "sla"
    std::string name_zh;     // 服务时限规则
    std::string seed_file;   // the file in assets/rules/ that seeds its first version: "sla-rules.json"
    // Parses and checks a whole body (the kind's from_json); throws std::invalid_argument naming the field.
    RuleValue (*parse)(const nlohmann::json& body);
    // The canonical form of a parsed value (the kind's to_json: defaults filled in, comments dropped).
    nlohmann::json (*canonical)(const RuleValue& value);
};

// Type → kind code. Adding a kind = one specialisation here + one line in rule_kinds() (rule_registry.cpp).
template <class T> struct RuleKindOf;
template <> struct RuleKindOf<WorkCalendar> { static constexpr const char* code = "calendar"; };
template <> struct RuleKindOf<SlaRuleSet> { static constexpr const char* code = "sla"; };
template <> struct RuleKindOf<DispatchWeights> { static constexpr const char* code = "dispatch_weights"; };
template <> struct RuleKindOf<KpiTargetSet> { static constexpr const char* code = "kpi_targets"; };
template <> struct RuleKindOf<VerificationFees> { static constexpr const char* code = "verification_fees"; };
template <> struct RuleKindOf<VerificationEligibility> { static constexpr const char* code = "verification_eligibility"; };
template <> struct RuleKindOf<verification::SamplingRule> { static constexpr const char* code = "verification_sampling"; };
template <> struct RuleKindOf<VerificationReportRule> { static constexpr const char* code = "verification_report"; };
template <> struct RuleKindOf<assessment::ScorecardRule> { static constexpr const char* code = "assessment_scorecard"; };
template <> struct RuleKindOf<SettlementFees> { static constexpr const char* code = "settlement_fees"; };
template <> struct RuleKindOf<coverage::CircleRule> { static constexpr const char* code = "service_circle"; };
template <> struct RuleKindOf<disclosure::DisclosureRule> { static constexpr const char* code = "public_disclosure"; };
template <> struct RuleKindOf<visits::VisitRule> { static constexpr const char* code = "exhibition_visits"; };
template <> struct RuleKindOf<activity::ActivityKinds> { static constexpr const char* code = "activity_kinds"; };
template <> struct RuleKindOf<providers::EvaluationRule> { static constexpr const char* code = "provider_evaluation"; };
template <> struct RuleKindOf<inspections::InspectionRule> { static constexpr const char* code = "inspections"; };

// Every kind, in display order.
const std::vector<RuleKind>& rule_kinds();
const RuleKind* find_rule_kind(std::string_view code);   // nullptr when unknown

// ---- stored versions -----------------------------------------------------------------------------
// One row of the `rules` table: a version is never edited once written; a change is a new version.
struct RuleVersion {
    std::string kind;
    std::string version;            // unique within the kind: "sla-2027-v1"
    Date effective_from;
    nlohmann::json body;            // as published (with its version, effective_from and comments)
    LocalSeconds published_at = 0;
    std::string published_by;       // username; "" for versions seeded from assets/rules/
    std::string reason;             // why it was published ("" for seeded ones)
};

// Every version of every kind, parsed once, plus the typed lookup "in force on a date". Immutable once built
// (the server swaps a whole new book in after a publish).
class RuleBook {
public:
    // Adds a version whose body parses (throws std::invalid_argument / std::runtime_error naming kind and
    // version otherwise; an unknown kind throws). Versions must be added in publication order.
    void add(RuleVersion v);

    // The typed version in force on `on`, nullptr before the kind's first version.
    template <class T>
    const T* in_force(const Date& on) const {
        const auto it = kinds_.find(RuleKindOf<T>::code);
        if (it == kinds_.end()) return nullptr;
        const auto i = index_in_force(it->second.dates, on);
        return i ? static_cast<const T*>(it->second.values[*i].get()) : nullptr;
    }
    // As in_force, but the type's defaults when none is in force (a default-constructed T).
    template <class T>
    const T& on(const Date& d) const {
        static const T none{};
        const T* v = in_force<T>(d);
        return v ? *v : none;
    }
    const WorkCalendar& calendar_on(const Date& d) const { return on<WorkCalendar>(d); }
    const SlaRuleSet& sla_on(const Date& d) const { return on<SlaRuleSet>(d); }
    const DispatchWeights& weights_on(const Date& d) const { return on<DispatchWeights>(d); }
    const KpiTargetSet& kpi_targets_on(const Date& d) const { return on<KpiTargetSet>(d); }

    // The versions of a kind in publication order (empty when none).
    const std::vector<RuleVersion>& versions(const std::string& kind) const;
    const RuleVersion* find(const std::string& kind, const std::string& version) const;
    // The stored version in force on `on` (nullptr when none).
    const RuleVersion* version_in_force(const std::string& kind, const Date& on) const;
    std::size_t count(const std::string& kind) const { return versions(kind).size(); }

private:
    struct Kind {
        std::vector<RuleVersion> versions;
        std::vector<Date> dates;
        std::vector<RuleValue> values;
    };
    std::map<std::string, Kind> kinds_;
};

// ---- a candidate version: validation and the diff against what it replaces --------------------------
// One difference between two rule bodies. Paths name members with dots and array elements by [index], or by
// [code] when every element of both arrays is an object with a unique string "code" (rules, KPI items), so a
// rule moved in the list is not a change. Arrays of plain values (dates, order types) are compared as sets.
struct RuleChange {
    enum class Op { Added, Removed, Changed };
    Op op = Op::Changed;
    std::string path;              // "rules[review_24h].target.seconds", "makeup_workdays[]"
    nlohmann::json before;         // null when added
    nlohmann::json after;          // null when removed
    std::string text_zh;           // 修改 rules[review_24h].target.seconds：86400 → 43200
    friend bool operator==(const RuleChange&, const RuleChange&) = default;
};
const char* code(RuleChange::Op op);       // added / removed / changed
const char* label_zh(RuleChange::Op op);   // 新增 / 删除 / 修改

// Every difference from `before` to `after`, in path order (object members by name, arrays in order).
std::vector<RuleChange> diff_rule_bodies(const nlohmann::json& before, const nlohmann::json& after);

// A candidate version as an administrator submits it: the body is the rule data; its version and
// effective_from are the form's own fields, written into the body (they override what the body says).
struct RuleCandidate {
    std::string kind;
    std::string version;
    std::string effective_from;    // "YYYY-MM-DD"
    std::string reason;            // required to publish (the audit event's why)
    nlohmann::json body = nlohmann::json::object();
};

// What checking a candidate found: the body as it would be stored, the version it would replace (the one
// in force on its effective date now), the differences, and every problem (Chinese, with the field).
struct RuleCheck {
    nlohmann::json body;                     // candidate body with version and effective_from set
    std::optional<Date> effective_from;
    std::optional<std::string> replaces;     // version in force on effective_from before this one
    std::vector<RuleChange> changes;         // against `replaces` (everything added when none)
    std::vector<FieldError> errors;          // empty = may be published
    bool ok() const { return errors.empty(); }
};

// Validates a candidate against the book: kind known; version 1..40 of [A-Za-z0-9._-] and new to the kind;
// effective_from a real date not before `today` (a publication never rewrites the past); body an object the
// kind's parser accepts (its message becomes a field error on "body.<field>"); when `need_reason`, a reason of
// 2..200 characters. Pure: `today` is passed in.
RuleCheck check_rule_candidate(const RuleBook& book, const RuleCandidate& c, const Date& today, bool need_reason);

// The field a parser message names: `SLA 规则 "x"，rules[1]（callback_24h）：字段 "counting" 应为 …`
// → "body.rules[1].counting"; "body" when it names none.
std::string field_of_parse_error(const std::string& message);

// ---- wire format (the rules endpoints; the client reads the same structs) ---------------------------------
struct RuleVersionInfo {
    std::string version;
    std::string effective_from;
    std::string published_at;      // YYYY-MM-DDTHH:MM:SS (seeded versions: when they were seeded)
    std::string published_by;
    std::string reason;
    bool in_force = false;         // in force today
    bool scheduled = false;        // effective after today
};
struct RuleKindInfo {
    std::string code;
    std::string name_zh;
    std::optional<std::string> in_force;     // the version in force today
    std::vector<RuleVersionInfo> versions;   // effective_from descending, newest publication first on ties
};
// The list reply of GET /api/v1/rules for `today`.
std::vector<RuleKindInfo> rule_kind_infos(const RuleBook& book, const Date& today);

void to_json(nlohmann::json& j, const RuleChange& c);
void from_json(const nlohmann::json& j, RuleChange& c);
void to_json(nlohmann::json& j, const RuleVersionInfo& v);
void from_json(const nlohmann::json& j, RuleVersionInfo& v);
void to_json(nlohmann::json& j, const RuleKindInfo& k);
void from_json(const nlohmann::json& j, RuleKindInfo& k);
// {"version","effective_from","reason","body"} (kind comes from the URL); unknown members refused.
void to_json(nlohmann::json& j, const RuleCandidate& c);
// Returns the problems with the request's shape (wrong types, unknown members) instead of throwing.
std::vector<FieldError> rule_candidate_from_request(const nlohmann::json& j, RuleCandidate& out);
// The replies of the rules endpoints: wire/rules.hpp.

}  // namespace yiyang
