// The imported lists of a quarterly verification (issue 10), read back from SQLite as the shared row types the
// figures of shared/verification take: the subscriber ledger (enrolments joined to elders), service records,
// the cremation list, phone checks and callbacks, and the registry's categories of the subjects.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/import.hpp"
#include "yiyang/records.hpp"
#include "yiyang/verification/service_records.hpp"

namespace yiyang::store {

// THE enrolment query of the verification (one reader: the ledger rows and the information-service spans of
// store/verification both come from it): information-service enrolments overlapping [first, last] with their elder.
struct EnrolmentRow {
    Id elder_id = 0;
    SubscriberRow ledger;
};
std::vector<EnrolmentRow> enrolment_rows(SQLite::Database& db, const Date& first, const Date& last,
                                         std::optional<Id> town);
// Information-service enrolments overlapping [first, last], as ledger rows (name, ID number, phone and town name
// from the registry), of the elders of `town` when given; in elder-id order.
std::vector<SubscriberRow> subscriber_rows(SQLite::Database& db, const Date& first, const Date& last,
                                           std::optional<Id> town);
// Service records dated in [first, last]; with `town`, only those whose subject (ID number) is an elder of it.
std::vector<ServiceRecordRow> service_record_rows(SQLite::Database& db, const Date& first, const Date& last,
                                                  std::optional<Id> town);
// The same rows (the whole district) in columns, only those the physical-service check reads (verification/
// service_records): what the quarter's computation holds at city scale.
verification::ServiceRecordTable service_record_table(SQLite::Database& db, const Date& first, const Date& last);
// One record, every column (the drill-down's rows), or none.
std::optional<ServiceRecordRow> service_record_row(SQLite::Database& db, const std::string& record_no);
// The month's (or any window's) records whose verification flags can be after death, an exact duplicate or shared
// evidence — a superset picked by SQL, every member of every group that could be flagged, so that the shared
// physical_services over these rows alone gives each of them the same three flags as over the whole window (tests/
// server/test_flag_candidates.cpp compares both): the same slot, subject and caregiver (day, start, id_key, name_key;
// the index list_service_records_slot, migration 39), a subject on the cremation list dead before the record's day, and the
// evidence marked reused at import (store/evidence_reuse.hpp) with the earliest record of its key. In record-number
// order, with each record's provider (0 = none).
struct FlagCandidates {
    std::vector<ServiceRecordRow> rows;
    std::vector<Id> provider;   // parallel to rows
    std::size_t scanned = 0;    // records of the window looked at
};
FlagCandidates physical_flag_candidates(SQLite::Database& db, const Date& first, const Date& last,
                                        const std::vector<CremationRow>& cremations);
// The ID numbers of a town's elders (what service_record_rows' town join matches a record's ID number against).
std::vector<std::string> town_id_numbers(SQLite::Database& db, Id town);
// The record numbers of the same rows (no other column), in record-number order.
std::vector<std::string> service_record_numbers(SQLite::Database& db, const Date& first, const Date& last,
                                                std::optional<Id> town);
// The whole cremation list (deaths are matched by ID number whatever their date).
std::vector<CremationRow> cremation_rows(SQLite::Database& db);
// Phone checks and callbacks dated in [first, last].
std::vector<PhoneCheckRow> phone_check_rows(SQLite::Database& db, const Date& first, const Date& last);
std::vector<CallbackRow> callback_rows(SQLite::Database& db, const Date& first, const Date& last);
// The registry's categories of the elders with these ID numbers, keyed by verification::id_key, as the registry
// shows them (特困, 低保, … — the eligibility rule names them so). An elder with no category recorded is left out:
// its categories are "not known", not "none", so the phone check's verdict judges it.
// From `scan_from` distinct ID numbers on, one pass over all categories instead of a lookup each (same result).
std::map<std::string, std::set<std::string>> categories_of(SQLite::Database& db, const std::vector<SubscriberRow>& rows,
                                                           std::size_t scan_from = 20000);

}  // namespace yiyang::store
