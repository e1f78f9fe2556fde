// Activity records (工作台账) and their evidence files in SQLite (migration 31; the rules: shared/activities.hpp).
// Status changes are conditional UPDATEs (WHERE status = the status read), so two supervisors deciding the same
// record at once cannot both succeed. Nothing here is ever deleted.
#pragma once
#include "store/stored_files.hpp"
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>
#include <vector>

#include "yiyang/activities.hpp"
#include "yiyang/activity_kpi.hpp"
#include "yiyang/date.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

struct ActivityRow {
    Id id = 0;
    activity::ActivityInput input;        // kind, date, title, place, participants, quantities, channel, note
    activity::Status status = activity::Status::Entered;
    Id entered_by_id = 0;
    std::string entered_by;
    LocalSeconds entered_at = 0;
    std::optional<Id> decided_by_id;
    std::string decided_by;
    std::optional<LocalSeconds> decided_at;
    std::string reason;
    std::int64_t files = 0;
};

Id insert_activity(SQLite::Database& db, const activity::ActivityInput& in, Id user_id, const std::string& user,
                   LocalSeconds now);
// A returned or entered record corrected: its fields replaced and its status back to entered (the decision cleared).
// False when its status is no longer `from` (someone decided it meanwhile).
bool update_activity(SQLite::Database& db, Id id, activity::Status from, const activity::ActivityInput& in,
                     LocalSeconds now);
std::optional<ActivityRow> find_activity(SQLite::Database& db, Id id);
// Records dated in [first, last] (YYYY-MM-DD), newest date first then id descending; kind / status filters optional.
std::vector<ActivityRow> list_activities(SQLite::Database& db, const std::string& first, const std::string& last,
                                         const std::string& kind, std::optional<activity::Status> status);
std::vector<ActivityRow> activities_by_ids(SQLite::Database& db, const std::vector<Id>& ids);   // ascending id
// A decision (approved | returned): false when the record is no longer `from`.
bool decide_activity(SQLite::Database& db, Id id, activity::Status from, activity::Status to, Id user_id,
                     const std::string& user, const std::string& reason, LocalSeconds now);
// The approved records dated in [first, last]: the indicators' input.
std::vector<activity::KpiActivity> kpi_activities(SQLite::Database& db, const Date& first, const Date& last);

using ActivityFileRow = StoredFileRow;   // owner_id: the record's id
using NewActivityFile = NewStoredFile;
Id insert_activity_file(SQLite::Database& db, const NewActivityFile& f);
std::vector<ActivityFileRow> files_of_activity(SQLite::Database& db, Id record_id);   // oldest first
std::int64_t count_activity_files(SQLite::Database& db, Id record_id);
std::int64_t count_all_activity_files(SQLite::Database& db);
struct ActivityFileBytes {
    Id record_id = 0;
    std::string mime;
    std::string bytes;
};
// The file as uploaded, or its thumbnail (images; nullopt for a PDF's).
std::optional<ActivityFileBytes> activity_file_bytes(SQLite::Database& db, Id file_id, bool thumb);

// The demo city's activity records (issue 13): a deterministic handful dated before date_of(now) — approved ones
// for most entered items of the target table (each with a one-page PDF as its evidence), two waiting for approval
// and one returned — so the target table shows figures, including a week of one post (每周2条 not met).
void seed_demo_activities(SQLite::Database& db, LocalSeconds now);

}  // namespace yiyang::store
