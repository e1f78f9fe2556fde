// Elders (服务对象) in SQLite: paged, filtered search; read; insert; optimistic-concurrency update.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <optional>
#include <string>
#include <vector>
#include "yiyang/records.hpp"

namespace yiyang::store {

struct ElderQuery {
    std::optional<Id> town;
    std::optional<ElderCategory> category;
    std::optional<ElderStatus> status;
    std::string q;                          // 1 char: surname; 2: anywhere in the name; >= 3: name, ID or phone fragment (the columns below)
    // Which columns a fragment of >= 3 characters may match. A role that sees a column masked must not
    // search inside it: a fragment search is an oracle that gives the hidden digits back one by one.
    bool q_in_id_number = true;
    bool q_in_phone = true;
    // Exact lookups by the whole number (the route audits them).
    std::optional<std::string> phone;
    std::optional<std::string> id_number;
    std::optional<Id> served_by_provider;   // provider scope
    // The order: "id" or "name" (elder_sort_fields), ties broken by id in the same direction.
    std::string sort = "id";
    bool descending = false;
    int page = 1;
    int page_size = 20;
    // Identity of the filter without paging (cache key for totals).
    std::string filter_key() const;
};

// The fields an elder list may be sorted by (the query parameter is checked against this whitelist). Not the birth
// date: roles that see ages only would learn the order of birth dates inside an age.
const std::vector<std::string>& elder_sort_fields();
std::vector<Elder> find_elders(SQLite::Database& db, const ElderQuery& q);
std::int64_t count_elders(SQLite::Database& db, const ElderQuery& q);
std::optional<Elder> get_elder(SQLite::Database& db, Id id);
std::optional<Id> elder_id_by_number(SQLite::Database& db, const std::string& id_number);
bool elder_served_by_provider(SQLite::Database& db, Id elder_id, Id provider_id);

// The one mapping of an elder onto its rows (elders + elder_categories), with the statements prepared once:
// insert_elder uses it for a single record, the demo loader for hundreds of thousands.
class ElderInserter {
public:
    explicit ElderInserter(SQLite::Database& db);
    // Inserts and returns the id (elder.id is ignored unless `keep_id`).
    Id insert(const Elder& e, LocalSeconds now, bool keep_id);

private:
    SQLite::Database& db_;
    SQLite::Statement elder_;
    SQLite::Statement category_;
    SQLite::Statement enrolment_;
};

// The two-character index of names (name_bigrams, migration 14): every distinct pair of adjacent characters of
// each elder's name, ASCII letters lower-cased as LIKE compares them, so that a 2-character search ("嫦莲" in
// 郑嫦莲) is one key lookup instead of a LIKE scan of 600 000 names. It is kept by triggers on elders (the
// statements below), so every writer — one elder, an import, raw SQL — updates it in its own transaction;
// writers that drop the triggers for a bulk load (demo_loader) call rebuild_name_bigrams afterwards.
//
// SQL selecting (bigram, elder_id) for each distinct bigram of the name expression `name` (e.g. "new.name"), FROM
// `from` (e.g. "elders e, ") and the positions: json_each over length(name) - 1 zeros (triggers allow no CTE).
// Migration 14 builds its triggers from this text: once released, changing it changes that migration. A different
// key needs a new migration that drops and recreates the triggers, not an edit here.
std::string name_bigrams_select(const std::string& name, const std::string& id, const std::string& from = "");
// Empties name_bigrams and fills it from every elder's name (the migration and bulk loads).
void rebuild_name_bigrams(SQLite::Database& db);
// The key a 2-character search looks up: the text with ASCII letters lower-cased (LIKE's case folding).
std::string name_bigram_key(const std::string& two_chars);

// Inserts and returns the new id (elder.id is ignored unless `keep_id`).
Id insert_elder(SQLite::Database& db, const Elder& e, LocalSeconds now, bool keep_id = false);
// Makes the elder's enrolment rows equal to `wanted` (update_elder calls it): unchanged rows are kept with their
// import_id, the others deleted, the missing ones inserted (without import_id).
void write_enrolments(SQLite::Database& db, Id elder_id, const std::vector<Enrolment>& wanted);
// Updates when the stored version equals e.version; returns false on a version conflict. Bumps version.
bool update_elder(SQLite::Database& db, const Elder& e, LocalSeconds now);

}  // namespace yiyang::store
