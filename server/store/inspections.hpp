// Institution inspections in SQLite (migration 33; the rules and figures: shared/inspections.hpp): the institutions
// (one per service point), inspections with their item results, rectifications and their re-checks, inspection
// photos, quarterly star ratings and caregiver reviews. Writers run inside the caller's write transaction.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/inspections.hpp"
#include "yiyang/records.hpp"
#include "yiyang/rule_registry.hpp"

namespace yiyang::store {

struct InstitutionRow {
    Id id = 0;
    std::string name, kind;       // institution | centre
    Id town_id = 0;
    std::string town_name;
    std::optional<Id> provider_id;
};
// Adds an institution for every service point that has none (服务站 / 日间照料中心 → centre, others institution);
// returns how many were added.
int sync_institutions(SQLite::Database& db);
std::vector<InstitutionRow> list_institutions(SQLite::Database& db, std::optional<std::string> kind = std::nullopt);
std::optional<InstitutionRow> find_institution(SQLite::Database& db, Id id);

struct InspectionItemRow {
    std::string code, group, text;
    bool passed = true;
    std::string note;
};
struct InspectionRow {
    Id id = 0;
    Id institution_id = 0;
    std::string institution_name, town_name;
    std::string day, inspector, note, rule_version;
    std::int64_t passed = 0, failed = 0;
    std::string recorded_by;
    LocalSeconds recorded_at = 0;
    std::vector<InspectionItemRow> items;
    std::int64_t photos = 0;
};
Id insert_inspection(SQLite::Database& db, const inspections::InspectionInput& in, const inspections::InspectionRule& r,
                     const inspections::ChecklistOutcome& outcome, Id by_id, const std::string& by, LocalSeconds now);
std::optional<InspectionRow> find_inspection(SQLite::Database& db, Id id);
// Inspections whose day is in [from, to], newest first (day, then id).
std::vector<InspectionRow> list_inspections(SQLite::Database& db, const std::string& from, const std::string& to);
std::vector<inspections::InspectionRef> inspection_refs(SQLite::Database& db, const Date& first, const Date& last);

struct RecheckRow {
    std::string day;
    bool passed = false;
    std::string note, new_deadline, by;
    LocalSeconds at = 0;
};
struct RectificationRow {
    Id id = 0, inspection_id = 0, institution_id = 0;
    std::string institution_name, town_name;
    std::string item_code, item_group, item_text, finding, found_on, deadline;
    inspections::RectificationStatus status = inspections::RectificationStatus::Open;
    std::string closed_on;
    std::vector<RecheckRow> rechecks;
};
Id insert_rectification(SQLite::Database& db, Id inspection_id, Id institution_id, const inspections::ChecklistItem& item,
                        const std::string& finding, const Date& found, const Date& deadline);
std::optional<RectificationRow> find_rectification(SQLite::Database& db, Id id);
// Every open rectification and those closed on or after `closed_since`.
std::vector<RectificationRow> list_rectifications(SQLite::Database& db, const std::string& closed_since);
// A re-check written; passed → closed on its day, failed → the new deadline. False (nothing written) when the
// rectification is no longer open.
bool add_recheck(SQLite::Database& db, Id id, const inspections::RecheckInput& in, const std::string& new_deadline,
                 Id by_id, const std::string& by, LocalSeconds now);

struct InspectionPhotoRow {
    Id id = 0, inspection_id = 0;
    std::string uploader, sha256, mime;
    LocalSeconds uploaded_at = 0;
    std::int64_t size = 0;
    int width = 0, height = 0;
};
Id insert_inspection_photo(SQLite::Database& db, Id inspection_id, Id uploader_id, const std::string& uploader,
                           LocalSeconds now, const std::string& sha256, const std::string& mime, int width, int height,
                           const std::string& bytes, const std::string& thumb);
std::vector<InspectionPhotoRow> inspection_photos(SQLite::Database& db, Id inspection_id);
struct InspectionPhotoBytes {
    Id inspection_id = 0;
    std::string mime, bytes;
};
std::optional<InspectionPhotoBytes> inspection_photo_bytes(SQLite::Database& db, Id photo_id, bool thumb);

struct StarRatingRow {
    Id id = 0, institution_id = 0;
    std::string institution_name, town_name, quarter;
    std::map<std::string, std::int64_t> scores;
    std::int64_t total = 0;
    int stars = 0;
    std::string note, rule_version, signed_by;
    LocalSeconds signed_at = 0;
};
struct CaregiverReviewRow {
    Id id = 0;
    std::string caregiver;
    Id provider_id = 0;
    std::string provider_name, quarter;
    std::map<std::string, std::int64_t> scores;
    std::int64_t total = 0;
    std::string grade, note, rule_version, signed_by;
    LocalSeconds signed_at = 0;
};
bool star_rating_exists(SQLite::Database& db, Id institution_id, const std::string& quarter);
Id insert_star_rating(SQLite::Database& db, const StarRatingRow& r, Id by_id);
std::vector<StarRatingRow> list_star_ratings(SQLite::Database& db, const std::string& quarter);
bool caregiver_review_exists(SQLite::Database& db, const std::string& caregiver, Id provider_id, const std::string& quarter);
Id insert_caregiver_review(SQLite::Database& db, const CaregiverReviewRow& r, Id by_id);
std::vector<CaregiverReviewRow> list_caregiver_reviews(SQLite::Database& db, const std::string& quarter);

// The demo city's month of inspections (serve on a synthetic database, once): institutions inspected twice, once
// or not at all, one rectification overdue and one closed by its re-check, deterministic from the institutions'
// ids and `today`. Does nothing when any inspection exists. Returns the inspections written.
int seed_demo_inspections(SQLite::Database& db, const inspections::InspectionRule& r, const WorkCalendar& calendar,
                          const Date& today, LocalSeconds now);

// At server start: sync_institutions, then, on a database marked synthetic (the demo city) that has no inspections
// and no "demo_inspections" meta mark yet, seed_demo_inspections with the rule and calendar in force today.
void prepare_inspections(SQLite::Database& db, const RuleBook& rules, LocalSeconds now);

}  // namespace yiyang::store
