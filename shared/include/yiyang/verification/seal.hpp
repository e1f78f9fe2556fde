// Which quarters a row of an imported verification list can change (签署封存, issue 10): a quarter whose report is
// signed is sealed, and an import that adds or changes a row touching it is refused. One definition, used by the
// server's guard (server/app/signoff) and tested against the report's own windows.
#pragma once
#include "yiyang/import.hpp"
#include "yiyang/period.hpp"

namespace yiyang::verification {

// A row touches quarter Q when Q's report reads it:
//  - service record: its day is in Q;
//  - cremation: it died (or was cremated) in Q's death window (default_death_window: the two months before Q) or in
//    Q itself (Q's report lists the deaths inside the quarter for the next one);
//  - phone check, callback: its day is between Q's first day and the next quarter's last (checks and calls about
//    Q are made after it ends — quarter_report reads that span);
//  - subscriber: it was opened or removed in Q (the ledger is re-imported whole every quarter, so a row merely
//    present is no change; a row added or changed with its opening or removal in Q changes Q's counts). Not
//    caught: a row added late with an opening before Q (a backfill) — it changes Q's opening count.
bool touches_quarter(const ServiceRecordRow& row, const Period& quarter);
bool touches_quarter(const CremationRow& row, const Period& quarter);
bool touches_quarter(const PhoneCheckRow& row, const Period& quarter);
bool touches_quarter(const CallbackRow& row, const Period& quarter);
bool touches_quarter(const SubscriberRow& row, const Period& quarter);
// A day recorded against Q (a supervisor's decision on a record of that day, a call, a contact): the same span as
// phone checks — Q's first day to the next quarter's last.
bool day_touches_quarter(const Date& day, const Period& quarter);

}  // namespace yiyang::verification
