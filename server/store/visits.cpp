// Exhibition-hall visits and open days in SQLite (visits.hpp).
#include "store/visits.hpp"

#include <stdexcept>

namespace yiyang::store {

namespace {

using visits::BookingStatus;
using visits::RegistrationStatus;

// The seats a slot's bookings hold (approved, received, no-show: visits::holds_seats) — one SQL text for every use.
constexpr const char* kSlotTaken =
    "(SELECT COALESCE(SUM(b.visitors), 0) FROM visit_bookings b WHERE b.slot_id = s.id "
    "AND b.status IN ('approved', 'received', 'no_show'))";
constexpr const char* kDayTaken =
    "(SELECT COALESCE(SUM(r.people), 0) FROM open_day_registrations r WHERE r.open_day_id = d.id "
    "AND r.status IN ('registered', 'received'))";

std::optional<LocalSeconds> opt_time(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}

const std::string kSlotSelect = std::string("SELECT s.id, s.day, s.start_minute, s.end_minute, s.capacity, s.note, s.closed, ") +
                                kSlotTaken +
                                ", (SELECT COALESCE(SUM(b.visitors), 0) FROM visit_bookings b WHERE b.slot_id = s.id "
                                "AND b.status = 'requested'), "
                                "(SELECT COUNT(*) FROM visit_bookings b WHERE b.slot_id = s.id) FROM visit_slots s ";

VisitSlotRow slot_row(SQLite::Statement& st) {
    VisitSlotRow r;
    r.id = st.getColumn(0).getInt64();
    r.day = st.getColumn(1).getString();
    r.start_minute = st.getColumn(2).getInt64();
    r.end_minute = st.getColumn(3).getInt64();
    r.capacity = st.getColumn(4).getInt64();
    r.note = st.getColumn(5).getString();
    r.closed = st.getColumn(6).getInt() != 0;
    r.seats_taken = st.getColumn(7).getInt64();
    r.requested_visitors = st.getColumn(8).getInt64();
    r.bookings = st.getColumn(9).getInt64();
    return r;
}

const char* const kBookingSelect =
    "SELECT b.id, b.code, b.slot_id, s.day, s.start_minute, s.end_minute, b.organisation, b.visitors, b.contact_name, "
    "b.contact_phone, b.purpose, b.status, b.reason, b.created_at, b.decided_by, b.decided_at, b.checked_in_at, "
    "b.checked_in_by FROM visit_bookings b JOIN visit_slots s ON s.id = b.slot_id ";

VisitBookingRow booking_row(SQLite::Statement& st) {
    VisitBookingRow r;
    r.id = st.getColumn(0).getInt64();
    r.code = st.getColumn(1).getString();
    r.slot_id = st.getColumn(2).getInt64();
    r.day = st.getColumn(3).getString();
    r.start_minute = st.getColumn(4).getInt64();
    r.end_minute = st.getColumn(5).getInt64();
    r.organisation = st.getColumn(6).getString();
    r.visitors = st.getColumn(7).getInt64();
    r.contact_name = st.getColumn(8).getString();
    r.contact_phone = st.getColumn(9).getString();
    r.purpose = st.getColumn(10).getString();
    r.status = visits::parse_booking_status(st.getColumn(11).getString()).value_or(BookingStatus::Requested);
    r.reason = st.getColumn(12).getString();
    r.created_at = st.getColumn(13).getInt64();
    r.decided_by = st.getColumn(14).getString();
    r.decided_at = opt_time(st.getColumn(15));
    r.checked_in_at = opt_time(st.getColumn(16));
    r.checked_in_by = st.getColumn(17).getString();
    return r;
}

const std::string kDaySelect =
    std::string("SELECT d.id, d.title, d.day, d.start_minute, d.end_minute, d.place, d.capacity, d.registration_opens, "
                "d.registration_closes, d.description, d.cancelled, ") +
    kDayTaken +
    ", (SELECT COUNT(*) FROM open_day_registrations r WHERE r.open_day_id = d.id AND r.status <> 'cancelled'), "
    "(SELECT COALESCE(SUM(r.people), 0) FROM open_day_registrations r WHERE r.open_day_id = d.id AND r.status = 'received') "
    "FROM open_days d ";

OpenDayRow day_row(SQLite::Statement& st) {
    OpenDayRow r;
    r.id = st.getColumn(0).getInt64();
    r.title = st.getColumn(1).getString();
    r.day = st.getColumn(2).getString();
    r.start_minute = st.getColumn(3).getInt64();
    r.end_minute = st.getColumn(4).getInt64();
    r.place = st.getColumn(5).getString();
    r.capacity = st.getColumn(6).getInt64();
    r.registration_opens = st.getColumn(7).getString();
    r.registration_closes = st.getColumn(8).getString();
    r.description = st.getColumn(9).getString();
    r.cancelled = st.getColumn(10).getInt() != 0;
    r.seats_taken = st.getColumn(11).getInt64();
    r.registrations = st.getColumn(12).getInt64();
    r.received_people = st.getColumn(13).getInt64();
    return r;
}

const char* const kRegistrationSelect =
    "SELECT id, code, open_day_id, name, phone, people, status, created_at, checked_in_at, checked_in_by "
    "FROM open_day_registrations ";

RegistrationRow registration_row(SQLite::Statement& st) {
    RegistrationRow r;
    r.id = st.getColumn(0).getInt64();
    r.code = st.getColumn(1).getString();
    r.open_day_id = st.getColumn(2).getInt64();
    r.name = st.getColumn(3).getString();
    r.phone = st.getColumn(4).getString();
    r.people = st.getColumn(5).getInt64();
    r.status = visits::parse_registration_status(st.getColumn(6).getString()).value_or(RegistrationStatus::Registered);
    r.created_at = st.getColumn(7).getInt64();
    r.checked_in_at = opt_time(st.getColumn(8));
    r.checked_in_by = st.getColumn(9).getString();
    return r;
}

}  // namespace

// ---- slots ----------------------------------------------------------------------------------------
std::vector<VisitSlotRow> list_slots(SQLite::Database& db, const std::string& from_day, const std::string& to_day) {
    SQLite::Statement st(db, kSlotSelect + "WHERE s.day BETWEEN ? AND ? ORDER BY s.day, s.start_minute, s.id");
    st.bind(1, from_day);
    st.bind(2, to_day);
    std::vector<VisitSlotRow> out;
    while (st.executeStep()) out.push_back(slot_row(st));
    return out;
}

std::optional<VisitSlotRow> find_slot(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, kSlotSelect + "WHERE s.id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    return slot_row(st);
}

bool slot_exists_at(SQLite::Database& db, const std::string& day, std::int64_t start_minute, Id except_id) {
    SQLite::Statement st(db, "SELECT 1 FROM visit_slots WHERE day = ? AND start_minute = ? AND id <> ?");
    st.bind(1, day);
    st.bind(2, start_minute);
    st.bind(3, static_cast<std::int64_t>(except_id));
    return st.executeStep();
}

Id insert_slot(SQLite::Database& db, const visits::SlotInput& s, const std::string& by, LocalSeconds now) {
    SQLite::Statement st(db, "INSERT INTO visit_slots (day, start_minute, end_minute, capacity, note, created_by, created_at) "
                             "VALUES (?,?,?,?,?,?,?)");
    st.bind(1, format_date(s.date));
    st.bind(2, s.start_minute);
    st.bind(3, s.end_minute);
    st.bind(4, s.capacity);
    st.bind(5, s.note);
    st.bind(6, by);
    st.bind(7, static_cast<std::int64_t>(now));
    st.exec();
    return db.getLastInsertRowid();
}

bool update_slot(SQLite::Database& db, Id id, std::int64_t capacity, const std::string& note, bool closed) {
    SQLite::Statement st(db, std::string("UPDATE visit_slots AS s SET capacity = ?, note = ?, closed = ? WHERE s.id = ? AND ") +
                                 kSlotTaken + " <= ?");
    st.bind(1, capacity);
    st.bind(2, note);
    st.bind(3, closed ? 1 : 0);
    st.bind(4, static_cast<std::int64_t>(id));
    st.bind(5, capacity);
    return st.exec() == 1;
}

// ---- bookings -------------------------------------------------------------------------------------
Id insert_booking_if_room(SQLite::Database& db, const visits::GroupBookingInput& b, const std::string& code,
                          LocalSeconds now) {
    SQLite::Statement st(db, std::string("INSERT INTO visit_bookings (code, slot_id, organisation, visitors, contact_name, "
                                         "contact_phone, purpose, status, created_at) "
                                         "SELECT ?, s.id, ?, ?, ?, ?, ?, 'requested', ? FROM visit_slots s "
                                         "WHERE s.id = ? AND s.closed = 0 AND ") +
                                 kSlotTaken + " + ? <= s.capacity");
    st.bind(1, code);
    st.bind(2, b.organisation);
    st.bind(3, b.visitors);
    st.bind(4, b.contact_name);
    st.bind(5, b.contact_phone);
    st.bind(6, b.purpose);
    st.bind(7, static_cast<std::int64_t>(now));
    st.bind(8, static_cast<std::int64_t>(b.slot_id));
    st.bind(9, b.visitors);
    if (st.exec() != 1) return 0;
    return db.getLastInsertRowid();
}

std::optional<VisitBookingRow> find_booking(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, std::string(kBookingSelect) + "WHERE b.id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    return booking_row(st);
}

std::optional<VisitBookingRow> booking_by_code(SQLite::Database& db, const std::string& code) {
    SQLite::Statement st(db, std::string(kBookingSelect) + "WHERE b.code = ?");
    st.bind(1, code);
    if (!st.executeStep()) return std::nullopt;
    return booking_row(st);
}

std::vector<VisitBookingRow> list_bookings(SQLite::Database& db, const std::string& from_day, const std::string& to_day,
                                           std::optional<visits::BookingStatus> status) {
    SQLite::Statement st(db, std::string(kBookingSelect) + "WHERE s.day BETWEEN ? AND ? AND (? = '' OR b.status = ?) "
                                                           "ORDER BY s.day, s.start_minute, b.id");
    st.bind(1, from_day);
    st.bind(2, to_day);
    const std::string s = status ? visits::code(*status) : "";
    st.bind(3, s);
    st.bind(4, s);
    std::vector<VisitBookingRow> out;
    while (st.executeStep()) out.push_back(booking_row(st));
    return out;
}

bool approve_if_room(SQLite::Database& db, Id id, const std::string& by, LocalSeconds now) {
    // The capacity check and the write are one statement: the seats counted are those of this very moment.
    SQLite::Statement st(db, std::string("UPDATE visit_bookings SET status = 'approved', decided_by = ?, decided_at = ? "
                                         "WHERE id = ? AND status = 'requested' AND EXISTS (SELECT 1 FROM visit_slots s "
                                         "WHERE s.id = visit_bookings.slot_id AND ") +
                                 kSlotTaken + " + visit_bookings.visitors <= s.capacity)");
    st.bind(1, by);
    st.bind(2, static_cast<std::int64_t>(now));
    st.bind(3, static_cast<std::int64_t>(id));
    return st.exec() == 1;
}

bool change_booking(SQLite::Database& db, Id id, visits::BookingStatus from, visits::BookingStatus to,
                    const std::string& reason, const std::string& by, LocalSeconds now) {
    if (!visits::may_change(from, to)) return false;
    const bool check_in = to == BookingStatus::Received;
    SQLite::Statement st(db, check_in ? "UPDATE visit_bookings SET status = ?, checked_in_by = ?, checked_in_at = ? "
                                        "WHERE id = ? AND status = ?"
                                      : "UPDATE visit_bookings SET status = ?, decided_by = ?, decided_at = ?, "
                                        "reason = CASE WHEN ? = '' THEN reason ELSE ? END WHERE id = ? AND status = ?");
    if (check_in) {
        st.bind(1, visits::code(to));
        st.bind(2, by);
        st.bind(3, static_cast<std::int64_t>(now));
        st.bind(4, static_cast<std::int64_t>(id));
        st.bind(5, visits::code(from));
    } else {
        st.bind(1, visits::code(to));
        st.bind(2, by);
        st.bind(3, static_cast<std::int64_t>(now));
        st.bind(4, reason);
        st.bind(5, reason);
        st.bind(6, static_cast<std::int64_t>(id));
        st.bind(7, visits::code(from));
    }
    return st.exec() == 1;
}

// ---- open days ------------------------------------------------------------------------------------
std::vector<OpenDayRow> list_open_days(SQLite::Database& db, const std::string& from_day, const std::string& to_day) {
    SQLite::Statement st(db, kDaySelect + "WHERE d.day BETWEEN ? AND ? ORDER BY d.day, d.start_minute, d.id");
    st.bind(1, from_day);
    st.bind(2, to_day);
    std::vector<OpenDayRow> out;
    while (st.executeStep()) out.push_back(day_row(st));
    return out;
}

std::optional<OpenDayRow> find_open_day(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, kDaySelect + "WHERE d.id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    return day_row(st);
}

namespace {
void bind_day(SQLite::Statement& st, const visits::OpenDayInput& d) {
    st.bind(1, d.title);
    st.bind(2, format_date(d.date));
    st.bind(3, d.start_minute);
    st.bind(4, d.end_minute);
    st.bind(5, d.place);
    st.bind(6, d.capacity);
    st.bind(7, format_date(d.opens));
    st.bind(8, format_date(d.closes));
    st.bind(9, d.description);
}
}  // namespace

Id insert_open_day(SQLite::Database& db, const visits::OpenDayInput& d, const std::string& by, LocalSeconds now) {
    SQLite::Statement st(db, "INSERT INTO open_days (title, day, start_minute, end_minute, place, capacity, registration_opens, "
                             "registration_closes, description, created_by, created_at, updated_at) "
                             "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    bind_day(st, d);
    st.bind(10, by);
    st.bind(11, static_cast<std::int64_t>(now));
    st.bind(12, static_cast<std::int64_t>(now));
    st.exec();
    return db.getLastInsertRowid();
}

bool update_open_day(SQLite::Database& db, Id id, const visits::OpenDayInput& d, bool cancelled, LocalSeconds now) {
    SQLite::Statement st(db, std::string("UPDATE open_days AS d SET title = ?, day = ?, start_minute = ?, end_minute = ?, "
                                         "place = ?, capacity = ?, registration_opens = ?, registration_closes = ?, "
                                         "description = ?, cancelled = ?, updated_at = ? WHERE d.id = ? AND ") +
                                 kDayTaken + " <= ?");
    bind_day(st, d);
    st.bind(10, cancelled ? 1 : 0);
    st.bind(11, static_cast<std::int64_t>(now));
    st.bind(12, static_cast<std::int64_t>(id));
    st.bind(13, d.capacity);
    return st.exec() == 1;
}

Id insert_registration_if_room(SQLite::Database& db, const visits::RegistrationInput& r, const std::string& code,
                               LocalSeconds now) {
    SQLite::Statement st(db, std::string("INSERT INTO open_day_registrations (code, open_day_id, name, phone, people, status, "
                                         "created_at) SELECT ?, d.id, ?, ?, ?, 'registered', ? FROM open_days d "
                                         "WHERE d.id = ? AND d.cancelled = 0 AND ") +
                                 kDayTaken + " + ? <= d.capacity");
    st.bind(1, code);
    st.bind(2, r.name);
    st.bind(3, r.phone);
    st.bind(4, r.people);
    st.bind(5, static_cast<std::int64_t>(now));
    st.bind(6, static_cast<std::int64_t>(r.open_day_id));
    st.bind(7, r.people);
    if (st.exec() != 1) return 0;
    return db.getLastInsertRowid();
}

std::optional<RegistrationRow> registration_by_code(SQLite::Database& db, const std::string& code) {
    SQLite::Statement st(db, std::string(kRegistrationSelect) + "WHERE code = ?");
    st.bind(1, code);
    if (!st.executeStep()) return std::nullopt;
    return registration_row(st);
}

std::vector<RegistrationRow> list_registrations(SQLite::Database& db, Id open_day_id) {
    SQLite::Statement st(db, std::string(kRegistrationSelect) + "WHERE open_day_id = ? ORDER BY id");
    st.bind(1, static_cast<std::int64_t>(open_day_id));
    std::vector<RegistrationRow> out;
    while (st.executeStep()) out.push_back(registration_row(st));
    return out;
}

bool check_in_registration(SQLite::Database& db, Id id, const std::string& by, LocalSeconds now) {
    SQLite::Statement st(db, "UPDATE open_day_registrations SET status = 'received', checked_in_by = ?, checked_in_at = ? "
                             "WHERE id = ? AND status = 'registered'");
    st.bind(1, by);
    st.bind(2, static_cast<std::int64_t>(now));
    st.bind(3, static_cast<std::int64_t>(id));
    return st.exec() == 1;
}

bool cancel_registration(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, "UPDATE open_day_registrations SET status = 'cancelled' WHERE id = ? AND status = 'registered'");
    st.bind(1, static_cast<std::int64_t>(id));
    return st.exec() == 1;
}

// ---- codes and figures ----------------------------------------------------------------------------
std::string new_visit_code(SQLite::Database& db, std::int64_t length, const std::function<std::uint32_t()>& random) {
    SQLite::Statement st(db, "SELECT (SELECT COUNT(*) FROM visit_bookings WHERE code = ?1) + "
                             "(SELECT COUNT(*) FROM open_day_registrations WHERE code = ?1)");
    for (int attempt = 0; attempt < 20; ++attempt) {
        std::vector<std::uint32_t> words;
        for (std::int64_t i = 0; i < length; ++i) words.push_back(random());
        const std::string code = visits::make_code(words, length);
        st.reset();
        st.bind(1, code);
        st.executeStep();
        if (st.getColumn(0).getInt64() == 0) return code;
    }
    throw std::runtime_error("no free visit code after 20 draws");
}

std::vector<visits::KpiBooking> kpi_bookings(SQLite::Database& db, const Date& first, const Date& last) {
    SQLite::Statement st(db, "SELECT b.id, s.day, b.status FROM visit_bookings b JOIN visit_slots s ON s.id = b.slot_id "
                             "WHERE s.day BETWEEN ? AND ? ORDER BY b.id");
    st.bind(1, format_date(first));
    st.bind(2, format_date(last));
    std::vector<visits::KpiBooking> out;
    while (st.executeStep()) {
        visits::KpiBooking b;
        b.id = st.getColumn(0).getInt64();
        b.day = parse_date(st.getColumn(1).getString()).value_or(Date{});
        b.status = visits::parse_booking_status(st.getColumn(2).getString()).value_or(BookingStatus::Requested);
        out.push_back(b);
    }
    return out;
}

std::vector<visits::KpiOpenDay> kpi_open_days(SQLite::Database& db, const Date& first, const Date& last) {
    std::vector<visits::KpiOpenDay> out;
    for (const auto& d : list_open_days(db, format_date(first), format_date(last))) {
        visits::KpiOpenDay k;
        k.id = d.id;
        k.day = parse_date(d.day).value_or(Date{});
        k.cancelled = d.cancelled;
        k.received = d.received_people;
        out.push_back(k);
    }
    return out;
}

}  // namespace yiyang::store
