// Versioned rule sets in the `rules` table (kind, version, effective_from, body): seeded from assets/rules/
// at init, loaded into the shared RuleBook (rule_registry.hpp), and appended to when an administrator publishes
// a version. Rows are never updated: a change is a new version; who published it and why is its audit event.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <optional>
#include <string>
#include "yiyang/rule_registry.hpp"

namespace yiyang::store {

using RuleBook = yiyang::RuleBook;

// Inserts the seed file of every registered kind (rule_kinds(): calendar-cn.json, sla-rules.json, ...) found in
// `dir` as a row; a (kind, version) already present is left alone. Each body is checked by the kind's parser
// first, so a broken file throws std::runtime_error naming the file. Returns rows inserted.
int seed_rules(SQLite::Database& db, const std::string& dir, LocalSeconds now);
// Every row of a registered kind in publication order, parsed, with its publisher and reason (from the
// "rule"/"publish" audit event); a row that no longer parses throws naming kind and version. Rows of kinds this
// build does not know are skipped.
RuleBook load_rules(SQLite::Database& db);
// Appends a published version and its audit event (entity "rule", action "publish", who, when, kind, version,
// effective_from, reason) in the caller's transaction. (kind, version) is UNIQUE: a duplicate throws.
Id insert_rule_version(SQLite::Database& db, const RuleVersion& v, std::optional<Id> actor_id);

}  // namespace yiyang::store
