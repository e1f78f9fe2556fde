// The subscriber ledger onto elders and their info_service enrolments (store/subscriber_import.hpp).
#include "store/subscriber_import.hpp"

#include <optional>
#include <nlohmann/json.hpp>

#include "store/audit.hpp"
#include "store/elders.hpp"
#include "yiyang/identity.hpp"

namespace yiyang::store {
namespace {

using nlohmann::json;

struct StoredElder {
    Id id = 0;
    std::string name, phone;
    Id town_id = 0;
};
struct StoredEnrolment {
    Id id = 0;
    Date from;
    std::optional<Date> to;
    std::string reason;
};

enum class Action { Add, Change, Same };
struct Plan {
    Action action = Action::Same;
    std::optional<StoredElder> elder;            // the elder of the ID number, if any
    std::optional<StoredEnrolment> enrolment;    // its info_service enrolment this row is (exact or overlapping)
    Id town_id = 0;
    json changes = json::object();               // {field: [before, after]} (what the audit event says)
};

json enrolment_json(const Date& from, const std::optional<Date>& to, const std::string& reason) {
    return json{{"from", format_date(from)}, {"to", to ? json(format_date(*to)) : json(nullptr)}, {"reason", reason}};
}

// One planner per transaction: the lookups prepared once.
class Planner {
public:
    explicit Planner(SQLite::Database& db)
        : elder_(db, "SELECT id, name, phone, town_id FROM elders WHERE id_number = ?"),
          enrolments_(db, "SELECT id, from_date, to_date, removal_reason FROM enrolments "
                          "WHERE elder_id = ? AND programme = ? ORDER BY from_date, id") {}

    Plan plan(const SubscriberRow& r, const TownIds& towns) {
        Plan p;
        const auto town = towns.find(r.town);
        p.town_id = town == towns.end() ? 0 : town->second;   // the route refused unknown towns already
        elder_.reset();
        elder_.bind(1, r.id_number);
        if (!elder_.executeStep()) {
            p.action = Action::Add;
            p.changes = {{"name", {nullptr, r.name}}, {"phone", {nullptr, r.phone}}, {"town_id", {nullptr, p.town_id}},
                         {"info_service", {nullptr, enrolment_json(r.opened, r.removed, r.removal_reason)}}};
            return p;
        }
        p.elder = StoredElder{elder_.getColumn(0).getInt64(), elder_.getColumn(1).getString(),
                              elder_.getColumn(2).getString(), elder_.getColumn(3).getInt64()};
        if (p.elder->name != r.name) p.changes["name"] = {p.elder->name, r.name};
        if (p.elder->phone != r.phone) p.changes["phone"] = {p.elder->phone, r.phone};
        if (p.elder->town_id != p.town_id) p.changes["town_id"] = {p.elder->town_id, p.town_id};

        // The enrolment this row describes: the one opened on the same day, else the first overlapping the row's
        // span (one person is never billed twice for the same month), else none (a new enrolment).
        std::vector<StoredEnrolment> all;
        enrolments_.reset();
        enrolments_.bind(1, static_cast<std::int64_t>(p.elder->id));
        enrolments_.bind(2, kInfoServiceProgramme);
        while (enrolments_.executeStep()) {
            StoredEnrolment en;
            en.id = enrolments_.getColumn(0).getInt64();
            en.from = parse_date(enrolments_.getColumn(1).getString()).value_or(Date{});
            if (!enrolments_.getColumn(2).isNull()) en.to = parse_date(enrolments_.getColumn(2).getString());
            en.reason = enrolments_.getColumn(3).getString();
            all.push_back(std::move(en));
        }
        for (const auto& en : all) {
            if (en.from == r.opened) { p.enrolment = en; break; }
        }
        if (!p.enrolment) {
            for (const auto& en : all) {
                const bool overlaps = (!r.removed || en.from <= *r.removed) && (!en.to || *en.to >= r.opened);
                if (overlaps) { p.enrolment = en; break; }
            }
        }
        const json after = enrolment_json(r.opened, r.removed, r.removal_reason);
        if (!p.enrolment) {
            p.changes["info_service"] = {nullptr, after};
        } else {
            const json before = enrolment_json(p.enrolment->from, p.enrolment->to, p.enrolment->reason);
            if (before != after) p.changes["info_service"] = {before, after};
        }
        p.action = p.changes.empty() ? Action::Same : Action::Change;
        return p;
    }

private:
    SQLite::Statement elder_;
    SQLite::Statement enrolments_;
};

}  // namespace

ImportCounts diff_subscribers(SQLite::Database& db, const std::vector<SubscriberRow>& rows, const TownIds& towns) {
    ImportCounts c;
    Planner planner(db);
    for (const auto& r : rows) {
        switch (planner.plan(r, towns).action) {
            case Action::Add: ++c.added; break;
            case Action::Change: ++c.changed; break;
            case Action::Same: ++c.unchanged; break;
        }
    }
    return c;
}

Id commit_subscribers(SQLite::Database& db, const ImportBatch& b, const std::string& file_bytes,
                      const std::vector<SubscriberRow>& rows, const TownIds& towns, ImportCounts& counts) {
    counts = {};
    const Id batch_id = insert_import_batch(db, b, file_bytes);
    const Date today = date_of(b.at);

    Planner planner(db);
    ElderInserter inserter(db);
    SQLite::Statement town_centre(db, "SELECT lat_e6, lon_e6 FROM towns WHERE id = ?");
    SQLite::Statement update_elder(db, "UPDATE elders SET name = ?, phone = ?, town_id = ?, version = version + 1, "
                                       "updated_at = ? WHERE id = ?");
    SQLite::Statement update_categories(db, "UPDATE elder_categories SET town_id = ? WHERE elder_id = ?");
    SQLite::Statement insert_enrolment(db, "INSERT INTO enrolments (elder_id, programme, from_date, to_date, "
                                           "removal_reason, import_id) VALUES (?, ?, ?, ?, ?, ?)");
    SQLite::Statement update_enrolment(db, "UPDATE enrolments SET from_date = ?, to_date = ?, removal_reason = ?, "
                                           "import_id = ? WHERE id = ?");
    const auto bind_dates = [&](SQLite::Statement& st, int at, const SubscriberRow& r) {
        st.bind(at, format_date(r.opened));
        if (r.removed) st.bind(at + 1, format_date(*r.removed)); else st.bind(at + 1);
        st.bind(at + 2, r.removal_reason);
        st.bind(at + 3, static_cast<std::int64_t>(batch_id));
    };

    for (const auto& r : rows) {
        Plan p = planner.plan(r, towns);
        if (p.action == Action::Same) { ++counts.unchanged; continue; }
        Id elder_id = 0;
        if (p.action == Action::Add) {
            ++counts.added;
            Elder e;
            e.name = r.name;
            e.id_number = r.id_number;
            const IdCheck id = check_resident_id(r.id_number, today);   // valid: shared/import checked it
            e.birth_date = id.birth;
            e.sex = id.sex == Sex::Male ? "male" : "female";
            e.phone = r.phone;
            e.town_id = p.town_id;
            e.status = ElderStatus::Active;
            town_centre.reset();
            town_centre.bind(1, static_cast<std::int64_t>(p.town_id));
            if (town_centre.executeStep()) e.home = {town_centre.getColumn(0).getInt(), town_centre.getColumn(1).getInt()};
            // The common insert path of every elder (ElderInserter: where the name index of "search" is kept).
            elder_id = inserter.insert(e, b.at, false);
        } else {
            ++counts.changed;
            elder_id = p.elder->id;
            if (p.changes.contains("name") || p.changes.contains("phone") || p.changes.contains("town_id")) {
                update_elder.reset();
                update_elder.bind(1, r.name);
                update_elder.bind(2, r.phone);
                update_elder.bind(3, static_cast<std::int64_t>(p.town_id));
                update_elder.bind(4, static_cast<std::int64_t>(b.at));
                update_elder.bind(5, static_cast<std::int64_t>(elder_id));
                update_elder.exec();
                // TODO(merge, issue 10 "search"): a changed name must refresh the elder's name bigrams here (call the
                // store function that maintains them on every elder write).
                if (p.changes.contains("town_id")) {
                    update_categories.reset();
                    update_categories.bind(1, static_cast<std::int64_t>(p.town_id));
                    update_categories.bind(2, static_cast<std::int64_t>(elder_id));
                    update_categories.exec();
                }
            }
        }
        if (p.changes.contains("info_service")) {
            if (p.enrolment) {
                update_enrolment.reset();
                bind_dates(update_enrolment, 1, r);
                update_enrolment.bind(5, static_cast<std::int64_t>(p.enrolment->id));
                update_enrolment.exec();
            } else {
                insert_enrolment.reset();
                insert_enrolment.bind(1, static_cast<std::int64_t>(elder_id));
                insert_enrolment.bind(2, kInfoServiceProgramme);
                bind_dates(insert_enrolment, 3, r);
                insert_enrolment.exec();
            }
        }
        p.changes["import_id"] = batch_id;
        append_audit(db, {0, b.at, b.user_id, b.username, "elder", elder_id,
                          p.action == Action::Add ? "import_create" : "import_update", p.changes, ""});
    }
    set_import_counts(db, batch_id, counts);
    json details = {{"list", b.list}, {"file_name", b.file_name}, {"sha256", b.sha256}, {"rows", b.rows},
                    {"added", counts.added}, {"changed", counts.changed}, {"unchanged", counts.unchanged}};
    append_audit(db, {0, b.at, b.user_id, b.username, "import_batch", batch_id, "import", details, ""});
    return batch_id;
}

}  // namespace yiyang::store
