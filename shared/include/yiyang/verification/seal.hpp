// Which quarters a row of an imported verification list can change (签署封存, issue 10): a quarter whose report is
// signed is sealed, and an import that adds or changes a row touching it is refused — the row as imported and, for
// a change, the version it replaces (a service record moved out of a sealed quarter changes that quarter too). One
// definition, used by the server's guards (app/list_import, http/verification_seal) and tested against the report's
// own windows. Rows an import leaves unchanged never count (a list re-imported whole passes).
#pragma once
#include "yiyang/import.hpp"
#include "yiyang/period.hpp"

namespace yiyang::verification {

// A row touches quarter Q when Q's report reads it (app/quarter_inputs, the shared figures):
//  - service record: its day is in Q (the physical-service tables read Q's records only). The provider a record
//    is imported for is part of it: a change of provider alone touches the record's quarter too (the provider's
//    own report and its answers read it — decided by the caller, which knows the provider);
//  - cremation: it died on or before Q's last day. Deaths in Q's death window (default_death_window: the two months
//    before Q) are deducted in Q — matched, already removed, to deduct, still billed (the months billed from Q's
//    first month); deaths inside Q are Q's list for the next quarter; and any death before Q's last day blocks
//    payment of the person's service records of Q dated after it (physical_services: 死亡后服务, never payable), so
//    a late-reported earlier death can change Q's payable counts too. The cremation date is not read by any figure;
//  - phone check, callback: its day is between Q's first day and the next quarter's last (checks and calls about
//    Q are made after it ends — quarter_report reads that span; the day is part of the row's key, so a change
//    keeps it);
//  - subscriber (a ledger row: an elder's info_service enrolment): its active interval meets the span Q's report
//    reads the ledger for — opened on or before Q's last day and not removed before the earlier of Q's first day
//    and its death window's first day (the deaths check reads subscribers removed in the window: 已拆机核减). This
//    catches a backfill: a row opened 2023-06-01 with no removal, imported after 2024Q1 was signed, changes Q1's
//    opening counts. For a change the replaced ledger rows count as well (the enrolment moved; and, when the
//    elder's name, phone or town changes, every enrolment of the elder — the report reads them with the elder).
bool touches_quarter(const ServiceRecordRow& row, const Period& quarter);
bool touches_quarter(const CremationRow& row, const Period& quarter);
bool touches_quarter(const PhoneCheckRow& row, const Period& quarter);
bool touches_quarter(const CallbackRow& row, const Period& quarter);
bool touches_quarter(const SubscriberRow& row, const Period& quarter);
// A day recorded against Q (a supervisor's decision on a record of that day, a call, a contact): the same span as
// phone checks — Q's first day to the next quarter's last.
bool day_touches_quarter(const Date& day, const Period& quarter);

}  // namespace yiyang::verification
