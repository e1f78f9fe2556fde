// Exhibition-hall visits and open days in SQLite (migration 27; the rules: shared/visits.hpp). Every seat is taken by
// ONE conditional statement run inside the writer's transaction — the capacity is checked by the same statement that
// writes, so two requests racing for the last seat cannot both pass (the writer runs one job at a time, and even
// on another connection the statement would see the committed rows of the other).
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/records.hpp"
#include "yiyang/visit_kpi.hpp"
#include "yiyang/visits.hpp"

namespace yiyang::store {

struct VisitSlotRow {
    Id id = 0;
    std::string day;                      // YYYY-MM-DD
    std::int64_t start_minute = 0, end_minute = 0;
    std::int64_t capacity = 0;
    std::string note;
    bool closed = false;
    std::int64_t seats_taken = 0;         // visitors of approved / received / no-show bookings
    std::int64_t requested_visitors = 0;  // visitors of requests waiting for a decision (hold no seats)
    std::int64_t bookings = 0;            // bookings of any status
};

struct VisitBookingRow {
    Id id = 0;
    std::string code;
    Id slot_id = 0;
    std::string day;
    std::int64_t start_minute = 0, end_minute = 0;
    std::string organisation;
    std::int64_t visitors = 0;
    std::string contact_name, contact_phone, purpose;
    visits::BookingStatus status = visits::BookingStatus::Requested;
    std::string reason;
    LocalSeconds created_at = 0;
    std::string decided_by;
    std::optional<LocalSeconds> decided_at, checked_in_at;
    std::string checked_in_by;
};

struct OpenDayRow {
    Id id = 0;
    std::string title, day;
    std::int64_t start_minute = 0, end_minute = 0;
    std::string place;
    std::int64_t capacity = 0;
    std::string registration_opens, registration_closes, description;
    bool cancelled = false;
    std::int64_t seats_taken = 0;         // people of registered / received registrations
    std::int64_t registrations = 0;       // registrations not cancelled
    std::int64_t received_people = 0;     // people checked in
};

struct RegistrationRow {
    Id id = 0;
    std::string code;
    Id open_day_id = 0;
    std::string name, phone;
    std::int64_t people = 0;
    visits::RegistrationStatus status = visits::RegistrationStatus::Registered;
    LocalSeconds created_at = 0;
    std::optional<LocalSeconds> checked_in_at;
    std::string checked_in_by;
};

// ---- slots ----------------------------------------------------------------------------------------
std::vector<VisitSlotRow> list_slots(SQLite::Database& db, const std::string& from_day, const std::string& to_day);
std::optional<VisitSlotRow> find_slot(SQLite::Database& db, Id id);
bool slot_exists_at(SQLite::Database& db, const std::string& day, std::int64_t start_minute, Id except_id = 0);
Id insert_slot(SQLite::Database& db, const visits::SlotInput& s, const std::string& by, LocalSeconds now);
// Capacity, note and closed; false (nothing written) when the new capacity is below the seats already taken.
bool update_slot(SQLite::Database& db, Id id, std::int64_t capacity, const std::string& note, bool closed);

// ---- bookings -------------------------------------------------------------------------------------
// A new request on an open slot, refused (0 returned, nothing written) when the approved groups leave fewer seats
// than `visitors`. `code` must be unused (new_visit_code).
Id insert_booking_if_room(SQLite::Database& db, const visits::GroupBookingInput& b, const std::string& code,
                          LocalSeconds now);
std::optional<VisitBookingRow> find_booking(SQLite::Database& db, Id id);
std::optional<VisitBookingRow> booking_by_code(SQLite::Database& db, const std::string& code);
// Bookings whose slot day is in [from, to] (status filter optional), by day, start, id.
std::vector<VisitBookingRow> list_bookings(SQLite::Database& db, const std::string& from_day, const std::string& to_day,
                                           std::optional<visits::BookingStatus> status);
// requested → approved, only while the slot's seats allow (false: the slot is full or the booking is no longer
// requested; the caller reads it again to say which).
bool approve_if_room(SQLite::Database& db, Id id, const std::string& by, LocalSeconds now);
// from → to (the conditional form of any other change); false when the booking is no longer in `from`.
bool change_booking(SQLite::Database& db, Id id, visits::BookingStatus from, visits::BookingStatus to,
                    const std::string& reason, const std::string& by, LocalSeconds now);

// ---- open days ------------------------------------------------------------------------------------
std::vector<OpenDayRow> list_open_days(SQLite::Database& db, const std::string& from_day, const std::string& to_day);
std::optional<OpenDayRow> find_open_day(SQLite::Database& db, Id id);
Id insert_open_day(SQLite::Database& db, const visits::OpenDayInput& d, const std::string& by, LocalSeconds now);
// Rewrites the fields; false (nothing written) when the new capacity is below the seats already taken.
bool update_open_day(SQLite::Database& db, Id id, const visits::OpenDayInput& d, bool cancelled, LocalSeconds now);
// A registration that takes its seats at once: inserted only when `people` more fit (0 returned otherwise).
Id insert_registration_if_room(SQLite::Database& db, const visits::RegistrationInput& r, const std::string& code,
                               LocalSeconds now);
std::optional<RegistrationRow> registration_by_code(SQLite::Database& db, const std::string& code);
std::vector<RegistrationRow> list_registrations(SQLite::Database& db, Id open_day_id);
// registered → received; false when it is no longer registered.
bool check_in_registration(SQLite::Database& db, Id id, const std::string& by, LocalSeconds now);
bool cancel_registration(SQLite::Database& db, Id id);

// ---- codes and figures ----------------------------------------------------------------------------
// A code of `length` characters not used by any booking or registration (random draws; throws after 20 clashes).
std::string new_visit_code(SQLite::Database& db, std::int64_t length, const std::function<std::uint32_t()>& random);
// The indicator inputs: bookings whose slot day and open days whose day lie in [first, last].
std::vector<visits::KpiBooking> kpi_bookings(SQLite::Database& db, const Date& first, const Date& last);
std::vector<visits::KpiOpenDay> kpi_open_days(SQLite::Database& db, const Date& first, const Date& last);

}  // namespace yiyang::store
