// The decisions of the death reconciliation (issue 10, migration 18): the family-contact step of a person found
// dead (确认死亡 / 号码继续使用、自行缴费, with day, note, who and when) and the ID matches under another name that
// staff confirmed to be the same person. Keyed by verification::id_key of the ID number.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <map>
#include <optional>
#include <string>

#include "yiyang/date.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

struct DeathContactRow {
    std::string outcome;      // confirmed_dead | number_kept_self_paid
    Date day;
    std::string note;
    std::optional<Id> user_id;
    std::string username;
    LocalSeconds recorded_at = 0;
};
// Appends a contact step (the history is kept; the latest counts).
void add_death_contact(SQLite::Database& db, const std::string& id_key, const DeathContactRow& c);
// The latest contact step of every person that has one, by id_key.
std::map<std::string, DeathContactRow> latest_death_contacts(SQLite::Database& db);

struct SamePersonRow {
    std::string subscriber_name, cremation_name, reason;
    std::optional<Id> user_id;
    std::string username;
    LocalSeconds confirmed_at = 0;
};
// Records (or replaces) the confirmation for this pair of names.
void confirm_same_person(SQLite::Database& db, const std::string& id_key, const SamePersonRow& s);
std::map<std::string, SamePersonRow> same_person_confirmations(SQLite::Database& db);

// A person on both lists: the elder (subscriber) and the cremation record with this ID number (exact id_key).
struct DeathSubject {
    Id elder_id = 0;
    std::string id_number, elder_name, cremation_name;
    Date died;
};
std::optional<DeathSubject> death_subject(SQLite::Database& db, const std::string& id_key);

}  // namespace yiyang::store
