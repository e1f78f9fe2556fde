// Callback sampling draws in SQLite (issue 10, migration 19): a draw with its frozen frame, the call list (drawn
// subjects and replacements, by their index `no`), the calls recorded on it, and the elders' contacts for the list.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/import.hpp"
#include "yiyang/ratio.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

struct StoredDraw {
    Id id = 0;
    std::string quarter;           // Period::code(): "2024-Q1"
    Date draw_date{};
    std::string seed, algorithm;
    Ratio rate{5, 100};
    std::string rule_version;      // "" when the rate was given in the request
    bool by_town = false;
    std::int64_t frame_size = 0, size = 0;
    std::string drawn_by;
    std::optional<Id> drawn_by_id;
    LocalSeconds drawn_at = 0;
    std::string reason;
    bool current = true;
    std::optional<Id> superseded_by;
    std::int64_t replacements = 0; // read back: subjects taken as replacements
};

// One member of a draw's frame as drawn.
struct FrameRow {
    std::string id_number;         // verification::id_key form
    std::string town;              // the ledger's town on the draw date
    std::string stratum;           // the town when stratified, else ""
    std::int64_t order = 0;        // 0-based place in the stratum's key order
    std::string key;               // SHA-256 hex of seed:ID
    bool sampled = false;
    std::int64_t no = 0;           // index in the call list (0: not in it)
    std::string replaces;          // the ID number it replaces ("" when drawn or reserve)
};

// Inserts the draw and its frame (rows with no > 0 for the drawn); the quarter's current draw, if any, is marked
// superseded by it. Returns the new id. Inside the writer's transaction.
Id insert_draw(SQLite::Database& db, const StoredDraw& d, const std::vector<FrameRow>& frame);
std::optional<StoredDraw> get_draw(SQLite::Database& db, Id id);
std::optional<StoredDraw> current_draw(SQLite::Database& db, const std::string& quarter);
std::vector<StoredDraw> draws_of(SQLite::Database& db, const std::string& quarter);   // newest first
// The whole frame, by stratum then order.
std::vector<FrameRow> frame_rows(SQLite::Database& db, Id draw_id);
// Puts a reserve member into the call list as the replacement of `replaces`, with the next free index.
std::int64_t add_replacement(SQLite::Database& db, Id draw_id, const std::string& id_number, const std::string& replaces);

struct SampleCall {
    Id id = 0;
    CallbackRow call;              // row = the call's id (later calls of one day win)
    std::string recorded_by;
    LocalSeconds recorded_at = 0;
};
Id insert_sample_call(SQLite::Database& db, Id draw_id, const CallbackRow& c, const std::string& recorded_by,
                      std::optional<Id> recorded_by_id, LocalSeconds at);
std::vector<SampleCall> sample_calls(SQLite::Database& db, Id draw_id);   // in id order

// The registry's elder behind each ID number (id, name, phone, town id), keyed by the ID number as given.
struct ElderContact {
    Id elder_id = 0;
    std::string name, id_number, phone;
    Id town_id = 0;
};
std::map<std::string, ElderContact> elder_contacts(SQLite::Database& db, const std::vector<std::string>& id_numbers);

}  // namespace yiyang::store
