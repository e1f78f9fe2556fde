// Wire format of the death reconciliation and the new-subject check of a quarterly verification (issue 10):
// GET /api/v1/verification/deaths (死亡服务对象核查, with the family-contact step of each person and the name
// mismatches staff confirm) and GET /api/v1/verification/new-subjects (新增服务对象核查).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/records.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

// ---- deaths --------------------------------------------------------------------------------------
// The family-contact step of one person (POST .../deaths/{id_number}/contact): the latest one recorded.
struct DeathContact {
    std::string outcome;               // confirmed_dead | number_kept_self_paid
    std::string outcome_label_zh;      // 确认死亡 | 号码继续使用、自行缴费
    std::string day;                   // the day the family was reached, YYYY-MM-DD
    std::string note;
    std::string by;                    // username
    std::string at;                    // when it was recorded (timestamp)
};
void to_json(json& j, const DeathContact& c);
void from_json(const json& j, DeathContact& c);

// A POST body of the contact step.
struct DeathContactRequest {
    std::string outcome, day, note;
};
void to_json(json& j, const DeathContactRequest& r);
void from_json(const json& j, DeathContactRequest& r);

// One person behind a figure, masked as the caller's role sees elders.
struct DeathPerson {
    std::string id_number, name, phone, town;
    std::string cremation_name;        // the name on the cremation list (differs only for a confirmed mismatch)
    std::string died;                  // 死亡日期
    std::string opened;                // 开通日期
    std::optional<std::string> removed;   // 拆机日期
    std::string removal_reason;
    std::vector<std::string> billed_months;   // still billed: the months billed from the due month on ("2024-01")
    std::int64_t to_recover_fen = 0;
    bool same_person_confirmed = false;
    std::optional<DeathContact> contact;
};
void to_json(json& j, const DeathPerson& p);
void from_json(const json& j, DeathPerson& p);

// An ID number on both lists under different names: not counted until confirmed.
struct DeathNameMismatch {
    std::string id_number, subscriber_name, cremation_name, died;
};
void to_json(json& j, const DeathNameMismatch& m);
void from_json(const json& j, DeathNameMismatch& m);

struct DeathsReport {
    std::string quarter, quarter_label_zh;
    std::optional<Id> town_id;
    std::string town_name;
    std::string window_from, window_to;    // deaths deducted this quarter
    bool window_default = false;           // true: the two months before the quarter (no window given)
    std::string window_note_zh;            // says which window was used and why
    std::string due_month;                 // the first month a death of the window must no longer be billed
    std::int64_t unit_fee_fen = 0;         // information service, per person per month (the quarter's first month)
    std::vector<std::string> rule_versions;
    std::int64_t matched = 0, already_removed = 0, to_deduct = 0, deducted = 0, not_deducted = 0;
    std::int64_t still_billed = 0, to_recover_fen = 0;
    std::int64_t next_quarter = 0;
    std::int64_t contacted = 0;            // of next_quarter, with a family-contact step recorded
    std::vector<DeathNameMismatch> name_mismatches;
    // Drill-down (count= given): a page of the people behind that figure, in ID-number order.
    std::optional<std::string> drill_count;
    std::int64_t people_total = 0;
    std::vector<DeathPerson> people;
    bool masked = false;
};
void to_json(json& j, const DeathsReport& r);
void from_json(const json& j, DeathsReport& r);

// ---- new subjects --------------------------------------------------------------------------------
struct NewSubjectsMonthRow {
    std::string month, label_zh;           // "2024-01", "2024年1月"; the total row: the quarter
    std::int64_t provided = 0, cancelled = 0, empty = 0, ineligible = 0;
};
void to_json(json& j, const NewSubjectsMonthRow& r);
void from_json(const json& j, NewSubjectsMonthRow& r);

struct NewSubjectsOutcome {
    std::string outcome, label_zh;         // answered | no_answer | busy | powered_off | suspended | empty_number | cancelled | declined
    std::int64_t count = 0;
};
void to_json(json& j, const NewSubjectsOutcome& o);
void from_json(const json& j, NewSubjectsOutcome& o);

struct NewSubjectPerson {
    std::string id_number, name, phone, town;
    std::string opened;
    std::optional<std::string> outcome;    // the last call's outcome code; none = not called
    std::string outcome_label_zh;
    std::string ineligible_reason;         // "" = not found ineligible
};
void to_json(json& j, const NewSubjectPerson& p);
void from_json(const json& j, NewSubjectPerson& p);

struct NewSubjectsReport {
    std::string quarter, quarter_label_zh;
    std::optional<Id> town_id;
    std::string town_name;
    std::string checks_from, checks_to;    // the phone checks read: the quarter and the month after it
    std::string checks_note_zh;
    std::string eligibility_version, report_version;
    std::string rounding;                  // truncate | half_up
    int decimals = 2;
    std::vector<NewSubjectsMonthRow> months;   // three
    NewSubjectsMonthRow total;
    std::vector<NewSubjectPerson> ineligible;  // each with its reason
    std::int64_t unchecked = 0, called = 0, not_called = 0;
    std::vector<NewSubjectsOutcome> outcomes;
    std::int64_t in_use = 0;               // 接通 + 无人接听 + 占线 (the usage rate's numerator)
    std::string usage_text;                // "68.00%" by the report rule
    std::optional<std::string> drill_month, drill_count;
    std::int64_t people_total = 0;
    std::vector<NewSubjectPerson> people;
    bool masked = false;
};
void to_json(json& j, const NewSubjectsReport& r);
void from_json(const json& j, NewSubjectsReport& r);

}  // namespace yiyang::wire
