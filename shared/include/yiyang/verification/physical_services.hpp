// Physical-service fees of a quarter (实体服务数量, the report's first table): records (人次) per month × the unit
// fee, and the records that must not be paid blindly, each with why. Pure: rows, the unit fee and the supervisor's
// decisions come in; the figures and their drill-down lists come out.
//
// Usage: auto r = physical_services({quarter, yuan(30)}, records, cremations, subscribers, decisions);
//        a fee change inside the quarter: physical_services({quarter, 0, std::array<Fen, 3>{3000, 3500, 3500}}, …)
//        r.months[0].records.count() == 3456; r.fee == yuan(286860); r.flagged -> each record and its reasons.
#pragma once
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/verification/common.hpp"
#include "yiyang/verification/service_records.hpp"

namespace yiyang::verification {

enum class ServiceFlag {
    AfterDeath,         // 死亡后服务：dated after the subject's death on the cremation list — not payable
    Duplicate,          // 重复记录：same subject, day, start and caregiver as a record with a lower number — not payable
    CaregiverOverlap,   // 时间冲突：the caregiver was with another subject at an overlapping time — pending
    SharedEvidence,     // 佐证重复：the same evidence is attached to other records — pending
    RemovedSubscriber,  // 已拆机：dated after the subject was removed from the subscriber ledger — pending
};
const char* code(ServiceFlag f);       // "after_death" | "duplicate" | "caregiver_overlap" | "shared_evidence" | "removed_subscriber"
const char* label_zh(ServiceFlag f);   // 死亡后服务 | 重复记录 | 时间冲突 | 佐证重复 | 已拆机后服务
bool blocks_payment(ServiceFlag f);    // after death and duplicates: never payable, whatever is decided

struct FlagReason {
    ServiceFlag flag = ServiceFlag::Duplicate;
    std::vector<std::string> other_records;   // the records it collides with (sorted); empty for death/removal
    std::string why_zh;                       // "服务日期2024-01-20晚于死亡日期2024-01-10（火化名单）"
};

// A supervisor's decision on a pending record (audited by the server; here it is only an input).
struct SupervisorDecision {
    bool payable = false;
    std::string reason_zh;
    std::string decided_by;
};

enum class Payability {
    NotPayable,          // a blocking flag
    Pending,             // flagged, no decision yet: not paid until decided
    DecidedPayable,
    DecidedNotPayable,
};
const char* code(Payability p);
const char* label_zh(Payability p);   // 不予结算 | 待审核 | 审核后结算 | 审核后不予结算

struct FlaggedRecord {
    std::string record_no, id_number, caregiver;
    Date day{};
    std::vector<FlagReason> reasons;   // in ServiceFlag order
    Payability status = Payability::Pending;
    std::optional<SupervisorDecision> decision;   // the decision taken into account (ignored when blocked)
};

struct ServiceMonth {
    Period month;
    Tally records;         // 实体服务数量（人次）: every record of the month
    Fen unit_fee = 0;      // the fee of one record in this month (the rule in force on the month's first day)
    Fen fee = 0;           // records × unit fee (the report's 实体服务费)
    Tally payable;         // records not flagged, or decided payable
    Fen payable_fee = 0;
};

struct PhysicalServiceInput {
    Period quarter{PeriodKind::Quarter, 2024, 1};
    Fen unit_fee = 0;      // per 人次, from the fee rule in force (kind verification-fees): 30 yuan = 3000 fen
    // The fee of each month of the quarter when a rule changes inside it (the version in force on each month's
    // first day); none = unit_fee in every month. Every fee below prices a record by its own month.
    std::optional<std::array<Fen, 3>> month_fees;
    Fen fee_of_month(std::size_t m) const { return month_fees && m < 3 ? (*month_fees)[m] : unit_fee; }
};

struct PhysicalServiceReport {
    std::vector<ServiceMonth> months;       // the quarter's months in order
    Tally records;                          // all records of the quarter
    Fen fee = 0;
    Tally payable, not_payable, pending, decided_not_payable;
    Tally decided_payable;                  // flagged, decided payable (also in payable)
    Fen payable_fee = 0;
    // Each priced by its records' months: not payable (blocked), pending, decided (not) payable.
    Fen not_payable_fee = 0, pending_fee = 0, decided_not_payable_fee = 0, decided_payable_fee = 0;
    std::map<std::string, FlaggedRecord> flagged;   // by record number
    Tally outside_quarter;                  // records dated outside the quarter (not counted anywhere else)
    Tally subjects_served;                  // ID numbers served in the quarter (the survey's denominator)
};

// decisions: by record number; a decision on a record that is not pending is ignored.
// The records in columns (verification/service_records: what the server reads at city scale) ...
PhysicalServiceReport physical_services(const PhysicalServiceInput& in, const ServiceRecordTable& records,
                                        const std::vector<CremationRow>& cremations,
                                        const std::vector<SubscriberRow>& subscribers,
                                        const std::map<std::string, SupervisorDecision>& decisions);
// ... or as rows (the same figures: the rows' columns taken into a table).
// physical_services = physical_flags, then apply_decisions: the flags do not depend on decisions (every flagged
// record that is not blocked is pending there), so a server keeps them while decisions come and go, and lays the
// latest decisions over a copy (cheap: tallies share their keys) when figures are read.
PhysicalServiceReport physical_flags(const PhysicalServiceInput& in, const ServiceRecordTable& records,
                                     const std::vector<CremationRow>& cremations,
                                     const std::vector<SubscriberRow>& subscribers);
// In place; a decision on a record that is not pending (unflagged, blocked, decided already) is ignored. Each
// decided record is priced by its month's unit fee. Works on any report cut out of the flags (a town's) as well.
void apply_decisions(PhysicalServiceReport& r, const std::map<std::string, SupervisorDecision>& decisions);
PhysicalServiceReport physical_services(const PhysicalServiceInput& in, const std::vector<ServiceRecordRow>& records,
                                        const std::vector<CremationRow>& cremations,
                                        const std::vector<SubscriberRow>& subscribers,
                                        const std::map<std::string, SupervisorDecision>& decisions);

}  // namespace yiyang::verification
