// Wire format of provider supervision (服务商监管, issue 13, providers): the list with the last evaluation, the
// key-information completeness and the status; the evaluation form's prefill (with the orders behind each prefilled
// score); a stored evaluation; and the drill-down rows of the provider indicators. Points are exact fractions
// (num/den) with the rule's rounded text beside them.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "yiyang/wire/common.hpp"
#include "yiyang/wire/table.hpp"

namespace yiyang::wire {

struct Points {
    std::int64_t num = 0, den = 1;
    std::string text;                      // "87.5"
};

struct MissingInfo {
    std::string code, text_zh;
};

// One provider in the supervision list (GET /api/v1/provider-supervision).
struct SupervisedProvider {
    std::int64_t id = 0;
    std::string name;
    std::string platform, platform_label;  // mzt 民政通 | smart_care 智慧养老平台
    std::string status, status_label;      // active 正常 | warned 预警 | removed 清退
    std::string licence_expires;           // YYYY-MM-DD, "" = not recorded
    std::vector<MissingInfo> missing;      // key information missing today (empty = complete)
    std::string missing_text;              // 缺少联系电话；… or 完整
    std::string last_check_day;            // the last key-information check ("" = never)
    std::int64_t last_evaluation_id = 0;   // 0 = never evaluated
    std::string last_evaluation_day;
    std::string last_grade, last_grade_label;   // poor 差
    std::string last_total;                // "54.5"
    bool action_due = false;               // the last evaluation is 差 and no warning / removal followed it
    std::string action_due_label;          // 待预警 | 待清退
    bool can_lift = false;                 // 预警 and its warning may be lifted now (解除预警)
    std::string lift_refusal;              // 预警 only: why it may not be lifted yet ("" = it may)
};
struct ProviderSupervisionList {
    std::string as_of;                     // today
    std::string rule_version;
    std::vector<SupervisedProvider> items;
};

struct PrefillOrderRow {                   // an order behind a prefilled score (drill-down)
    std::int64_t id = 0;
    std::string code, type, status, status_label, created_at, dispatched_at, completed_at, closed_at;
    int satisfaction = 0;                  // 1–5, 0 = not answered
    std::string complaint;                 // "" | 有效投诉 | 无效投诉 | 待研判 (a complaint about the provider)
};
struct DimensionPrefill {
    std::string dimension, label;          // performance 履约
    std::int64_t max_points = 0;
    bool entered = false;                  // qualification / reputation: entered by the supervisor, never prefilled
    bool has_points = false;               // false = no records (to be entered)
    Points points;
    std::string basis_zh;
    std::vector<std::int64_t> order_ids;
};
// GET /api/v1/provider-supervision/{id}/prefill?day=
struct EvaluationPrefill {
    std::int64_t provider_id = 0;
    std::string provider_name, platform, platform_label;
    std::string day, window_first, window_last;
    std::string rule_version;
    std::vector<DimensionPrefill> dimensions;   // the five, in order
    std::vector<PrefillOrderRow> orders;        // every order named by order_ids, ascending by id
    std::vector<std::string> grade_lines;       // 优 ≥ 90；良 ≥ 75 且 < 90；…
};

struct EvaluationScoreView {
    std::string dimension, label;
    Points points;
    bool has_prefill = false;
    Points prefilled;
    bool changed = false;
    std::string reason;
    std::int64_t max_points = 0;
};
struct ProviderEvaluationView {
    std::int64_t id = 0;
    std::int64_t provider_id = 0;
    std::string provider_name;
    std::string day, window_first, window_last, rule_version;
    std::vector<EvaluationScoreView> scores;
    Points total;
    std::string grade, grade_label;
    std::string note;
    std::string signed_by, signed_at, content_sha256;
    std::string action, action_label, action_day, action_reason;   // "" until a warning / removal (a 差) or a lift (解除预警, on a later evaluation)
    std::string required_action, required_action_label;            // poor only: warn 预警 | remove 清退
};
struct ProviderEvaluationList {
    std::int64_t provider_id = 0;
    std::vector<ProviderEvaluationView> items;   // newest first
};

struct KeyCheckView {
    std::int64_t id = 0;
    std::int64_t provider_id = 0;
    std::string provider_name, day;
    std::vector<MissingInfo> missing;
    std::string missing_text;
    bool complete = false;
    std::string checked_by, checked_at;
};

Table provider_supervision_table(const ProviderSupervisionList& list);

}  // namespace yiyang::wire

namespace yiyang::wire {
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Points, num, den, text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(MissingInfo, code, text_zh)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SupervisedProvider, id, name, platform, platform_label, status, status_label,
                                                licence_expires, missing, missing_text, last_check_day,
                                                last_evaluation_id, last_evaluation_day, last_grade, last_grade_label,
                                                last_total, action_due, action_due_label, can_lift, lift_refusal)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ProviderSupervisionList, as_of, rule_version, items)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PrefillOrderRow, id, code, type, status, status_label, created_at,
                                                dispatched_at, completed_at, closed_at, satisfaction, complaint)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DimensionPrefill, dimension, label, max_points, entered, has_points, points, basis_zh,
                                                order_ids)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EvaluationPrefill, provider_id, provider_name, platform, platform_label, day,
                                                window_first, window_last, rule_version, dimensions, orders, grade_lines)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EvaluationScoreView, dimension, label, points, has_prefill, prefilled, changed, reason,
                                                max_points)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ProviderEvaluationView, id, provider_id, provider_name, day, window_first,
                                                window_last, rule_version, scores, total, grade, grade_label, note,
                                                signed_by, signed_at, content_sha256, action, action_label, action_day,
                                                action_reason, required_action, required_action_label)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ProviderEvaluationList, provider_id, items)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(KeyCheckView, id, provider_id, provider_name, day, missing, missing_text,
                                                complete, checked_by, checked_at)
}  // namespace yiyang::wire
