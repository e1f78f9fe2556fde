// Institution inspections in SQLite (inspections.hpp).
#include "store/inspections.hpp"

#include <nlohmann/json.hpp>

#include "store/audit.hpp"
#include "store/demo_mode.hpp"

namespace yiyang::store {

namespace {

using inspections::RectificationStatus;

const char* const kInstitutionSelect =
    "SELECT i.id, i.name, i.kind, i.town_id, t.name, i.provider_id FROM institutions i JOIN towns t ON t.id = i.town_id ";

InstitutionRow institution_row(SQLite::Statement& st) {
    InstitutionRow r;
    r.id = st.getColumn(0).getInt64();
    r.name = st.getColumn(1).getString();
    r.kind = st.getColumn(2).getString();
    r.town_id = st.getColumn(3).getInt64();
    r.town_name = st.getColumn(4).getString();
    if (!st.getColumn(5).isNull()) r.provider_id = st.getColumn(5).getInt64();
    return r;
}

const char* const kInspectionSelect =
    "SELECT s.id, s.institution_id, i.name, t.name, s.day, s.inspector, s.note, s.rule_version, s.passed, s.failed, "
    "s.recorded_by, s.recorded_at, (SELECT COUNT(*) FROM inspection_photos p WHERE p.inspection_id = s.id) "
    "FROM inspections s JOIN institutions i ON i.id = s.institution_id JOIN towns t ON t.id = i.town_id ";

InspectionRow inspection_row(SQLite::Statement& st) {
    InspectionRow r;
    r.id = st.getColumn(0).getInt64();
    r.institution_id = st.getColumn(1).getInt64();
    r.institution_name = st.getColumn(2).getString();
    r.town_name = st.getColumn(3).getString();
    r.day = st.getColumn(4).getString();
    r.inspector = st.getColumn(5).getString();
    r.note = st.getColumn(6).getString();
    r.rule_version = st.getColumn(7).getString();
    r.passed = st.getColumn(8).getInt64();
    r.failed = st.getColumn(9).getInt64();
    r.recorded_by = st.getColumn(10).getString();
    r.recorded_at = st.getColumn(11).getInt64();
    r.photos = st.getColumn(12).getInt64();
    return r;
}

void load_items(SQLite::Database& db, InspectionRow& r) {
    SQLite::Statement st(db, "SELECT code, group_name, text, passed, note FROM inspection_items WHERE inspection_id = ? ORDER BY seq");
    st.bind(1, static_cast<std::int64_t>(r.id));
    while (st.executeStep())
        r.items.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                           st.getColumn(3).getInt() != 0, st.getColumn(4).getString()});
}

const char* const kRectSelect =
    "SELECT r.id, r.inspection_id, r.institution_id, i.name, t.name, r.item_code, r.item_group, r.item_text, r.finding, "
    "r.found_on, r.deadline, r.status, r.closed_on FROM rectifications r JOIN institutions i ON i.id = r.institution_id "
    "JOIN towns t ON t.id = i.town_id ";

RectificationRow rect_row(SQLite::Statement& st) {
    RectificationRow r;
    r.id = st.getColumn(0).getInt64();
    r.inspection_id = st.getColumn(1).getInt64();
    r.institution_id = st.getColumn(2).getInt64();
    r.institution_name = st.getColumn(3).getString();
    r.town_name = st.getColumn(4).getString();
    r.item_code = st.getColumn(5).getString();
    r.item_group = st.getColumn(6).getString();
    r.item_text = st.getColumn(7).getString();
    r.finding = st.getColumn(8).getString();
    r.found_on = st.getColumn(9).getString();
    r.deadline = st.getColumn(10).getString();
    r.status = inspections::parse_rectification_status(st.getColumn(11).getString()).value_or(RectificationStatus::Open);
    r.closed_on = st.getColumn(12).getString();
    return r;
}

void load_rechecks(SQLite::Database& db, RectificationRow& r) {
    SQLite::Statement st(db, "SELECT day, passed, note, new_deadline, by_name, at FROM rectification_rechecks "
                             "WHERE rectification_id = ? ORDER BY id");
    st.bind(1, static_cast<std::int64_t>(r.id));
    while (st.executeStep())
        r.rechecks.push_back({st.getColumn(0).getString(), st.getColumn(1).getInt() != 0, st.getColumn(2).getString(),
                              st.getColumn(3).getString(), st.getColumn(4).getString(), st.getColumn(5).getInt64()});
}

std::map<std::string, std::int64_t> scores_of(const std::string& text) {
    std::map<std::string, std::int64_t> out;
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_object())
        for (const auto& it : j.items())
            if (it.value().is_number_integer()) out[it.key()] = it.value().get<std::int64_t>();
    return out;
}

}  // namespace

// ---- institutions ---------------------------------------------------------------------------------
int sync_institutions(SQLite::Database& db) {
    return db.exec(
        "INSERT INTO institutions (name, kind, town_id, provider_id, service_point_id) "
        "SELECT p.name, CASE WHEN p.name LIKE '%服务站' OR p.name LIKE '%日间照料中心' THEN 'centre' ELSE 'institution' END, "
        "p.town_id, p.provider_id, p.id FROM service_points p "
        "WHERE NOT EXISTS (SELECT 1 FROM institutions i WHERE i.service_point_id = p.id) ORDER BY p.id");
}

std::vector<InstitutionRow> list_institutions(SQLite::Database& db, std::optional<std::string> kind) {
    SQLite::Statement st(db, std::string(kInstitutionSelect) + "WHERE i.active = 1 " + (kind ? "AND i.kind = ? " : "") +
                                 "ORDER BY i.town_id, i.name, i.id");
    if (kind) st.bind(1, *kind);
    std::vector<InstitutionRow> out;
    while (st.executeStep()) out.push_back(institution_row(st));
    return out;
}

std::optional<InstitutionRow> find_institution(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, std::string(kInstitutionSelect) + "WHERE i.id = ? AND i.active = 1");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    return institution_row(st);
}

// ---- inspections ----------------------------------------------------------------------------------
Id insert_inspection(SQLite::Database& db, const inspections::InspectionInput& in, const inspections::InspectionRule& r,
                     const inspections::ChecklistOutcome& outcome, Id by_id, const std::string& by, LocalSeconds now) {
    SQLite::Statement st(db, "INSERT INTO inspections (institution_id, day, inspector, note, rule_version, passed, failed, "
                             "recorded_by_id, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, static_cast<std::int64_t>(in.institution_id));
    st.bind(2, format_date(in.date));
    st.bind(3, in.inspector);
    st.bind(4, in.note);
    st.bind(5, r.version);
    st.bind(6, outcome.passed);
    st.bind(7, outcome.failed);
    st.bind(8, static_cast<std::int64_t>(by_id));
    st.bind(9, by);
    st.bind(10, static_cast<std::int64_t>(now));
    st.exec();
    const Id id = db.getLastInsertRowid();
    SQLite::Statement item(db, "INSERT INTO inspection_items (inspection_id, seq, code, group_name, text, passed, note) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?)");
    int seq = 0;
    for (const auto& res : in.items) {
        const auto* c = r.item(res.code);
        item.bind(1, static_cast<std::int64_t>(id));
        item.bind(2, ++seq);
        item.bind(3, res.code);
        item.bind(4, c ? c->group : std::string());
        item.bind(5, c ? c->text : std::string());
        item.bind(6, res.passed ? 1 : 0);
        item.bind(7, res.note);
        item.exec();
        item.reset();
    }
    return id;
}

std::optional<InspectionRow> find_inspection(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, std::string(kInspectionSelect) + "WHERE s.id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    auto r = inspection_row(st);
    load_items(db, r);
    return r;
}

std::vector<InspectionRow> list_inspections(SQLite::Database& db, const std::string& from, const std::string& to) {
    SQLite::Statement st(db, std::string(kInspectionSelect) + "WHERE s.day BETWEEN ? AND ? ORDER BY s.day DESC, s.id DESC");
    st.bind(1, from);
    st.bind(2, to);
    std::vector<InspectionRow> out;
    while (st.executeStep()) out.push_back(inspection_row(st));
    for (auto& r : out) load_items(db, r);
    return out;
}

std::vector<inspections::InspectionRef> inspection_refs(SQLite::Database& db, const Date& first, const Date& last) {
    SQLite::Statement st(db, "SELECT institution_id, day FROM inspections WHERE day BETWEEN ? AND ? ORDER BY id");
    st.bind(1, format_date(first));
    st.bind(2, format_date(last));
    std::vector<inspections::InspectionRef> out;
    while (st.executeStep())
        if (auto d = parse_date(st.getColumn(1).getString())) out.push_back({st.getColumn(0).getInt64(), *d});
    return out;
}

// ---- rectifications -------------------------------------------------------------------------------
Id insert_rectification(SQLite::Database& db, Id inspection_id, Id institution_id, const inspections::ChecklistItem& item,
                        const std::string& finding, const Date& found, const Date& deadline) {
    SQLite::Statement st(db, "INSERT INTO rectifications (inspection_id, institution_id, item_code, item_group, item_text, "
                             "finding, found_on, deadline, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open')");
    st.bind(1, static_cast<std::int64_t>(inspection_id));
    st.bind(2, static_cast<std::int64_t>(institution_id));
    st.bind(3, item.code);
    st.bind(4, item.group);
    st.bind(5, item.text);
    st.bind(6, finding);
    st.bind(7, format_date(found));
    st.bind(8, format_date(deadline));
    st.exec();
    return db.getLastInsertRowid();
}

std::optional<RectificationRow> find_rectification(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, std::string(kRectSelect) + "WHERE r.id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    auto r = rect_row(st);
    load_rechecks(db, r);
    return r;
}

std::vector<RectificationRow> list_rectifications(SQLite::Database& db, const std::string& closed_since) {
    SQLite::Statement st(db, std::string(kRectSelect) +
                                 "WHERE r.status = 'open' OR r.closed_on >= ? ORDER BY r.status DESC, r.deadline, r.id");
    st.bind(1, closed_since);
    std::vector<RectificationRow> out;
    while (st.executeStep()) out.push_back(rect_row(st));
    for (auto& r : out) load_rechecks(db, r);
    return out;
}

bool add_recheck(SQLite::Database& db, Id id, const inspections::RecheckInput& in, const std::string& new_deadline,
                 Id by_id, const std::string& by, LocalSeconds now) {
    SQLite::Statement up(db, in.passed
                                 ? "UPDATE rectifications SET status = 'closed', closed_on = ? WHERE id = ? AND status = 'open'"
                                 : "UPDATE rectifications SET deadline = ? WHERE id = ? AND status = 'open'");
    up.bind(1, in.passed ? format_date(in.date) : new_deadline);
    up.bind(2, static_cast<std::int64_t>(id));
    if (up.exec() != 1) return false;
    SQLite::Statement st(db, "INSERT INTO rectification_rechecks (rectification_id, day, passed, note, new_deadline, by_id, "
                             "by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, static_cast<std::int64_t>(id));
    st.bind(2, format_date(in.date));
    st.bind(3, in.passed ? 1 : 0);
    st.bind(4, in.note);
    st.bind(5, in.passed ? std::string() : new_deadline);
    st.bind(6, static_cast<std::int64_t>(by_id));
    st.bind(7, by);
    st.bind(8, static_cast<std::int64_t>(now));
    st.exec();
    return true;
}

// ---- photos ---------------------------------------------------------------------------------------
Id insert_inspection_photo(SQLite::Database& db, Id inspection_id, Id uploader_id, const std::string& uploader,
                           LocalSeconds now, const std::string& sha256, const std::string& mime, int width, int height,
                           const std::string& bytes, const std::string& thumb) {
    SQLite::Statement st(db, "INSERT INTO inspection_photos (inspection_id, uploader_id, uploader, uploaded_at, sha256, mime, "
                             "size, width, height, bytes, thumb) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, static_cast<std::int64_t>(inspection_id));
    st.bind(2, static_cast<std::int64_t>(uploader_id));
    st.bind(3, uploader);
    st.bind(4, static_cast<std::int64_t>(now));
    st.bind(5, sha256);
    st.bind(6, mime);
    st.bind(7, static_cast<std::int64_t>(bytes.size()));
    st.bind(8, width);
    st.bind(9, height);
    st.bind(10, bytes.data(), static_cast<int>(bytes.size()));
    st.bind(11, thumb.data(), static_cast<int>(thumb.size()));
    st.exec();
    return db.getLastInsertRowid();
}

std::vector<InspectionPhotoRow> inspection_photos(SQLite::Database& db, Id inspection_id) {
    SQLite::Statement st(db, "SELECT id, inspection_id, uploader, sha256, mime, uploaded_at, size, width, height "
                             "FROM inspection_photos WHERE inspection_id = ? ORDER BY id");
    st.bind(1, static_cast<std::int64_t>(inspection_id));
    std::vector<InspectionPhotoRow> out;
    while (st.executeStep())
        out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getString(),
                       st.getColumn(3).getString(), st.getColumn(4).getString(), st.getColumn(5).getInt64(),
                       st.getColumn(6).getInt64(), st.getColumn(7).getInt(), st.getColumn(8).getInt()});
    return out;
}

std::optional<InspectionPhotoBytes> inspection_photo_bytes(SQLite::Database& db, Id photo_id, bool thumb) {
    SQLite::Statement st(db, thumb ? "SELECT inspection_id, 'image/jpeg', thumb FROM inspection_photos WHERE id = ?"
                                   : "SELECT inspection_id, mime, bytes FROM inspection_photos WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(photo_id));
    if (!st.executeStep()) return std::nullopt;
    const auto blob = st.getColumn(2);
    return InspectionPhotoBytes{st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                                std::string(static_cast<const char*>(blob.getBlob()), static_cast<std::size_t>(blob.getBytes()))};
}

// ---- star ratings and caregiver reviews -----------------------------------------------------------
bool star_rating_exists(SQLite::Database& db, Id institution_id, const std::string& quarter) {
    SQLite::Statement st(db, "SELECT 1 FROM star_ratings WHERE institution_id = ? AND quarter = ?");
    st.bind(1, static_cast<std::int64_t>(institution_id));
    st.bind(2, quarter);
    return st.executeStep();
}

Id insert_star_rating(SQLite::Database& db, const StarRatingRow& r, Id by_id) {
    SQLite::Statement st(db, "INSERT INTO star_ratings (institution_id, quarter, scores, total, stars, note, rule_version, "
                             "signed_by_id, signed_by, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, static_cast<std::int64_t>(r.institution_id));
    st.bind(2, r.quarter);
    st.bind(3, nlohmann::json(r.scores).dump());
    st.bind(4, r.total);
    st.bind(5, r.stars);
    st.bind(6, r.note);
    st.bind(7, r.rule_version);
    st.bind(8, static_cast<std::int64_t>(by_id));
    st.bind(9, r.signed_by);
    st.bind(10, static_cast<std::int64_t>(r.signed_at));
    st.exec();
    return db.getLastInsertRowid();
}

std::vector<StarRatingRow> list_star_ratings(SQLite::Database& db, const std::string& quarter) {
    SQLite::Statement st(db, "SELECT s.id, s.institution_id, i.name, t.name, s.quarter, s.scores, s.total, s.stars, s.note, "
                             "s.rule_version, s.signed_by, s.signed_at FROM star_ratings s JOIN institutions i ON "
                             "i.id = s.institution_id JOIN towns t ON t.id = i.town_id WHERE s.quarter = ? "
                             "ORDER BY i.town_id, i.name, s.id");
    st.bind(1, quarter);
    std::vector<StarRatingRow> out;
    while (st.executeStep()) {
        StarRatingRow r;
        r.id = st.getColumn(0).getInt64();
        r.institution_id = st.getColumn(1).getInt64();
        r.institution_name = st.getColumn(2).getString();
        r.town_name = st.getColumn(3).getString();
        r.quarter = st.getColumn(4).getString();
        r.scores = scores_of(st.getColumn(5).getString());
        r.total = st.getColumn(6).getInt64();
        r.stars = st.getColumn(7).getInt();
        r.note = st.getColumn(8).getString();
        r.rule_version = st.getColumn(9).getString();
        r.signed_by = st.getColumn(10).getString();
        r.signed_at = st.getColumn(11).getInt64();
        out.push_back(std::move(r));
    }
    return out;
}

bool caregiver_review_exists(SQLite::Database& db, const std::string& caregiver, Id provider_id, const std::string& quarter) {
    SQLite::Statement st(db, "SELECT 1 FROM caregiver_reviews WHERE caregiver = ? AND provider_id = ? AND quarter = ?");
    st.bind(1, caregiver);
    st.bind(2, static_cast<std::int64_t>(provider_id));
    st.bind(3, quarter);
    return st.executeStep();
}

Id insert_caregiver_review(SQLite::Database& db, const CaregiverReviewRow& r, Id by_id) {
    SQLite::Statement st(db, "INSERT INTO caregiver_reviews (caregiver, provider_id, quarter, scores, total, grade, note, "
                             "rule_version, signed_by_id, signed_by, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, r.caregiver);
    st.bind(2, static_cast<std::int64_t>(r.provider_id));
    st.bind(3, r.quarter);
    st.bind(4, nlohmann::json(r.scores).dump());
    st.bind(5, r.total);
    st.bind(6, r.grade);
    st.bind(7, r.note);
    st.bind(8, r.rule_version);
    st.bind(9, static_cast<std::int64_t>(by_id));
    st.bind(10, r.signed_by);
    st.bind(11, static_cast<std::int64_t>(r.signed_at));
    st.exec();
    return db.getLastInsertRowid();
}

std::vector<CaregiverReviewRow> list_caregiver_reviews(SQLite::Database& db, const std::string& quarter) {
    SQLite::Statement st(db, "SELECT c.id, c.caregiver, c.provider_id, p.name, c.quarter, c.scores, c.total, c.grade, c.note, "
                             "c.rule_version, c.signed_by, c.signed_at FROM caregiver_reviews c JOIN providers p ON "
                             "p.id = c.provider_id WHERE c.quarter = ? ORDER BY p.name, c.caregiver, c.id");
    st.bind(1, quarter);
    std::vector<CaregiverReviewRow> out;
    while (st.executeStep()) {
        CaregiverReviewRow r;
        r.id = st.getColumn(0).getInt64();
        r.caregiver = st.getColumn(1).getString();
        r.provider_id = st.getColumn(2).getInt64();
        r.provider_name = st.getColumn(3).getString();
        r.quarter = st.getColumn(4).getString();
        r.scores = scores_of(st.getColumn(5).getString());
        r.total = st.getColumn(6).getInt64();
        r.grade = st.getColumn(7).getString();
        r.note = st.getColumn(8).getString();
        r.rule_version = st.getColumn(9).getString();
        r.signed_by = st.getColumn(10).getString();
        r.signed_at = st.getColumn(11).getInt64();
        out.push_back(std::move(r));
    }
    return out;
}

// ---- the demo month -------------------------------------------------------------------------------
int seed_demo_inspections(SQLite::Database& db, const inspections::InspectionRule& r, const WorkCalendar& calendar,
                          const Date& today, LocalSeconds now) {
    if (db.execAndGet("SELECT COUNT(*) FROM inspections").getInt64() > 0 || r.checklist.empty()) return 0;
    // The whole previous month and this month up to yesterday (the demo's history ends the day before `now`).
    const Date first_of_month{today.year, today.month, 1};
    const Date prev_last = add_days(first_of_month, -1);
    std::vector<std::pair<Date, bool>> months = {{prev_last, true}};   // (last day inspected, with the findings)
    if (today.day > 1) months.push_back({add_days(today, -1), false});
    const auto list = list_institutions(db);
    int written = 0;
    for (const auto& [last, findings] : months) {
        const int days = last.day;
        Id samples_rect = 0, exits_rect = 0;
        for (std::size_t n = 0; n < list.size(); ++n) {
            const auto& inst = list[n];
            // Of every 4 institutions: two inspected the required twice, one once, one not at all.
            const int times = n % 4 == 3 ? 0 : n % 4 == 2 ? 1 : 2;
            for (int k = 0; k < times; ++k) {
                const int day = 1 + static_cast<int>((n * 3 + static_cast<std::size_t>(k) * 11) % static_cast<std::size_t>(days));
                inspections::InspectionInput in;
                in.institution_id = inst.id;
                in.date = Date{last.year, last.month, day};
                in.inspector = n % 2 == 0 ? "市民政局巡查组" : inst.town_name + "巡查员";
                // Last month: the first institution's first visit found the food samples missing (still open, so
                // overdue); the second's found the exits blocked, re-checked and closed.
                const bool fail_samples = findings && samples_rect == 0 && k == 0 && r.item("food_samples");
                const bool fail_exits = findings && !fail_samples && exits_rect == 0 && k == 0 && r.item("fire_exits");
                for (const auto& c : r.checklist) {
                    const bool failed = (fail_samples && c.code == "food_samples") || (fail_exits && c.code == "fire_exits");
                    in.items.push_back({c.code, !failed,
                                        failed ? (c.code == "food_samples" ? "午餐未留样，留样台账缺 3 天" : "二楼疏散通道堆放杂物")
                                               : ""});
                }
                const auto outcome = inspections::checklist_outcome(in.items, r);
                const Id id = insert_inspection(db, in, r, outcome, 0, "demo", now);
                ++written;
                for (const auto& res : in.items) {
                    if (res.passed) continue;
                    const auto* c = r.item(res.code);
                    const Date deadline = inspections::rectification_deadline(*c, in.date, calendar);
                    const Id rect = insert_rectification(db, id, inst.id, *c, res.note, in.date, deadline);
                    if (fail_samples) samples_rect = rect;
                    if (fail_exits) {
                        exits_rect = rect;
                        inspections::RecheckInput re;
                        re.date = deadline;
                        re.passed = true;
                        re.note = "已清理，通道畅通";
                        add_recheck(db, rect, re, "", 0, "demo", now);
                    }
                }
            }
        }
    }
    if (written > 0)
        append_audit(db, {0, now, std::nullopt, "system", "inspection", std::nullopt, "demo_seed",
                          {{"inspections", written}, {"from", format_date(Date{prev_last.year, prev_last.month, 1})},
                           {"to", format_date(add_days(today, -1))}},
                          "演示城市的巡查记录"});
    return written;
}

void prepare_inspections(SQLite::Database& db, const RuleBook& rules, LocalSeconds now) {
    sync_institutions(db);
    SQLite::Statement mark(db, "SELECT value FROM meta WHERE key = ?");
    mark.bind(1, kSyntheticKey);
    if (!mark.executeStep() || mark.getColumn(0).getString() != "demo_city") return;
    if (db.execAndGet("SELECT COUNT(*) FROM meta WHERE key = 'demo_inspections'").getInt() > 0) return;
    const Date today = date_of(now);
    const auto* rule = rules.in_force<inspections::InspectionRule>(today);
    if (!rule) return;
    const int n = seed_demo_inspections(db, *rule, rules.calendar_on(today), today, now);
    SQLite::Statement put(db, "INSERT INTO meta (key, value) VALUES ('demo_inspections', ?)");
    put.bind(1, std::to_string(n));
    put.exec();
}

}  // namespace yiyang::store
