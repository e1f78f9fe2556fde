// The death reconciliation's decisions in SQLite (store/verification_deaths.hpp).
#include "store/verification_deaths.hpp"

namespace yiyang::store {

void add_death_contact(SQLite::Database& db, const std::string& id_key, const DeathContactRow& c) {
    SQLite::Statement st(db,
                         "INSERT INTO verification_death_contacts (id_key, outcome, day, note, user_id, username, "
                         "recorded_at) VALUES (?,?,?,?,?,?,?)");
    st.bind(1, id_key);
    st.bind(2, c.outcome);
    st.bind(3, format_date(c.day));
    st.bind(4, c.note);
    if (c.user_id) st.bind(5, static_cast<std::int64_t>(*c.user_id));
    else st.bind(5);
    st.bind(6, c.username);
    st.bind(7, static_cast<std::int64_t>(c.recorded_at));
    st.exec();
}

std::map<std::string, DeathContactRow> latest_death_contacts(SQLite::Database& db) {
    // In id order: a later step replaces an earlier one of the same person.
    SQLite::Statement st(db, "SELECT id_key, outcome, day, note, user_id, username, recorded_at "
                             "FROM verification_death_contacts ORDER BY id");
    std::map<std::string, DeathContactRow> out;
    while (st.executeStep()) {
        DeathContactRow c;
        c.outcome = st.getColumn(1).getString();
        c.day = parse_date(st.getColumn(2).getString()).value_or(Date{});
        c.note = st.getColumn(3).getString();
        if (!st.getColumn(4).isNull()) c.user_id = st.getColumn(4).getInt64();
        c.username = st.getColumn(5).getString();
        c.recorded_at = st.getColumn(6).getInt64();
        out[st.getColumn(0).getString()] = std::move(c);
    }
    return out;
}

void confirm_same_person(SQLite::Database& db, const std::string& id_key, const SamePersonRow& s) {
    SQLite::Statement st(db,
                         "INSERT OR REPLACE INTO verification_same_person (id_key, subscriber_name, cremation_name, "
                         "reason, user_id, username, confirmed_at) VALUES (?,?,?,?,?,?,?)");
    st.bind(1, id_key);
    st.bind(2, s.subscriber_name);
    st.bind(3, s.cremation_name);
    st.bind(4, s.reason);
    if (s.user_id) st.bind(5, static_cast<std::int64_t>(*s.user_id));
    else st.bind(5);
    st.bind(6, s.username);
    st.bind(7, static_cast<std::int64_t>(s.confirmed_at));
    st.exec();
}

std::map<std::string, SamePersonRow> same_person_confirmations(SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT id_key, subscriber_name, cremation_name, reason, user_id, username, confirmed_at "
                             "FROM verification_same_person ORDER BY id_key");
    std::map<std::string, SamePersonRow> out;
    while (st.executeStep()) {
        SamePersonRow s;
        s.subscriber_name = st.getColumn(1).getString();
        s.cremation_name = st.getColumn(2).getString();
        s.reason = st.getColumn(3).getString();
        if (!st.getColumn(4).isNull()) s.user_id = st.getColumn(4).getInt64();
        s.username = st.getColumn(5).getString();
        s.confirmed_at = st.getColumn(6).getInt64();
        out[st.getColumn(0).getString()] = std::move(s);
    }
    return out;
}

std::optional<DeathSubject> death_subject(SQLite::Database& db, const std::string& id_key) {
    SQLite::Statement st(db,
                         "SELECT e.id, e.id_number, e.name, c.name, c.died FROM elders e "
                         "JOIN list_cremations c ON c.id_number = e.id_number WHERE e.id_number = ?1 LIMIT 1");
    st.bind(1, id_key);
    if (!st.executeStep()) return std::nullopt;
    DeathSubject d;
    d.elder_id = st.getColumn(0).getInt64();
    d.id_number = st.getColumn(1).getString();
    d.elder_name = st.getColumn(2).getString();
    d.cremation_name = st.getColumn(3).getString();
    d.died = parse_date(st.getColumn(4).getString()).value_or(Date{});
    return d;
}

}  // namespace yiyang::store
