// Wire format of the physical-service flags (实体服务, issue 10): GET /api/v1/verification/physical (and its
// provider form) — the report's table 实体服务数量 with payable / pending / not-payable figures and a page of the
// flagged records, each with its reasons, its decision and its provider's answers; the decision and answer bodies.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/records.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct PhysicalMonthRow {
    std::string month;                 // "2024-01"
    std::string label_zh;              // "2024年1月"
    std::int64_t records = 0;          // 实体服务数量（人次）
    std::int64_t unit_fee_fen = 0;     // the verification_fees rule in force on the month's first day
    std::int64_t fee_fen = 0;          // records × unit fee (the report's 实体服务费)
    std::int64_t payable = 0;          // not flagged, or decided payable
    std::int64_t payable_fee_fen = 0;
};
void to_json(json& j, const PhysicalMonthRow& r);
void from_json(const json& j, PhysicalMonthRow& r);

struct PhysicalFlagReason {
    std::string flag;                  // after_death | duplicate | caregiver_overlap | shared_evidence | removed_subscriber
    std::string label_zh;              // 死亡后服务 …
    std::string why_zh;
    std::vector<std::string> other_records;
    bool blocks_payment = false;       // after death, duplicate: never payable
};
void to_json(json& j, const PhysicalFlagReason& r);
void from_json(const json& j, PhysicalFlagReason& r);

struct PhysicalDecisionView {
    bool payable = false;
    std::string reason;
    std::string decided_by;            // username
    std::string decided_at;            // "2026-12-05 08:00:00"
};
void to_json(json& j, const PhysicalDecisionView& d);
void from_json(const json& j, PhysicalDecisionView& d);

struct PhysicalAnswerView {
    Id id = 0;
    std::string text;
    Id provider_id = 0;
    std::string answered_by;           // username
    std::string answered_at;
};
void to_json(json& j, const PhysicalAnswerView& a);
void from_json(const json& j, PhysicalAnswerView& a);

// One flagged record, its subject masked as the caller's role sees elders.
struct PhysicalFlaggedRecord {
    std::string record_no, name, id_number;
    std::string day;                   // "2024-01-20"
    std::string start, end;            // "08:30"
    std::string item, caregiver;
    std::optional<Id> provider_id;     // the provider whose file it came in (none: imported before attribution)
    std::string status;                // not_payable | pending | decided_payable | decided_not_payable
    std::string status_label_zh;       // 不予结算 | 待审核 | 审核后结算 | 审核后不予结算
    std::vector<PhysicalFlagReason> reasons;
    std::optional<PhysicalDecisionView> decision;   // the latest decision (also kept on a blocked record, not counted)
    int decisions = 0;                 // how many decisions were taken (the audit trail has each)
    // Every decision taken on the record — who, when, what (payable), why — newest first (the first is `decision`).
    std::vector<PhysicalDecisionView> decision_history;
    std::vector<PhysicalAnswerView> answers;        // oldest first
};
void to_json(json& j, const PhysicalFlaggedRecord& r);
void from_json(const json& j, PhysicalFlaggedRecord& r);

struct PhysicalServiceReport {
    std::string quarter;               // "2024-Q1"
    std::string quarter_label_zh;
    std::optional<Id> town_id;         // none = the whole district
    std::string town_name;
    std::optional<Id> provider_id;     // the provider form: only this provider's records
    std::vector<std::string> rule_versions;
    std::vector<PhysicalMonthRow> months;   // three
    std::int64_t records = 0, fee_fen = 0;  // the report's 合计
    std::int64_t payable = 0, payable_fee_fen = 0;
    std::int64_t not_payable = 0, not_payable_fee_fen = 0;                    // blocked (after death, duplicate)
    std::int64_t pending = 0, pending_fee_fen = 0;                            // flagged, not decided
    std::int64_t decided_payable = 0, decided_payable_fee_fen = 0;
    std::int64_t decided_not_payable = 0, decided_not_payable_fee_fen = 0;
    std::int64_t flagged = 0;          // all flagged records of the scope
    // The page of flagged records (after month=, status=, flag=), in record-number order.
    std::int64_t flagged_total = 0;
    int page = 1, page_size = 20;
    std::vector<PhysicalFlaggedRecord> items;
    bool masked = false;               // names / ID numbers masked for this role
};
void to_json(json& j, const PhysicalServiceReport& r);
void from_json(const json& j, PhysicalServiceReport& r);

// POST /api/v1/verification/physical/{record_no}/decision
struct PhysicalDecisionRequest {
    bool payable = false;
    std::string reason;                // required, ≤ 500 characters
};
void to_json(json& j, const PhysicalDecisionRequest& r);
void from_json(const json& j, PhysicalDecisionRequest& r);

// POST /api/v1/verification/physical/{record_no}/answer
struct PhysicalAnswerRequest {
    std::string text;                  // required, ≤ 500 characters
};
void to_json(json& j, const PhysicalAnswerRequest& r);
void from_json(const json& j, PhysicalAnswerRequest& r);

}  // namespace yiyang::wire
