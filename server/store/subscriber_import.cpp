// The subscriber ledger onto elders and their info_service enrolments (store/subscriber_import.hpp).
#include "store/subscriber_import.hpp"

#include <algorithm>
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
    std::vector<StoredEnrolment> all;            // every info_service enrolment of the elder
    Id town_id = 0;
    json changes = json::object();               // {field: [before, after]} (what the audit event says)
};

json created_ranges(const std::vector<std::pair<Id, Id>>& ranges) {
    json out = json::array();
    for (const auto& [first, last] : ranges) out.push_back({first, last});
    return out;
}

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
            // A new elder: no per-row changes (the import's one audit event names it; its values are the kept file's).
            p.action = Action::Add;
            return p;
        }
        p.elder = StoredElder{elder_.getColumn(0).getInt64(), elder_.getColumn(1).getString(),
                              elder_.getColumn(2).getString(), elder_.getColumn(3).getInt64()};
        elder_.reset();   // no statement may be stepping when the writer drops indexes (DeferredIndexes)
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
        p.all = std::move(all);
        return p;
    }

private:
    SQLite::Statement elder_;
    SQLite::Statement enrolments_;
};

}  // namespace

struct SubscriberPlanner::Impl {
    explicit Impl(SQLite::Database& db) : planner(db) {}
    Planner planner;
    std::map<Id, std::string> town_names;
};
SubscriberPlanner::SubscriberPlanner(SQLite::Database& db) : impl_(new Impl(db)) {}
SubscriberPlanner::~SubscriberPlanner() = default;

std::optional<std::vector<SubscriberRow>> SubscriberPlanner::replaced(const SubscriberRow& r, const TownIds& towns) {
    const Plan p = impl_->planner.plan(r, towns);
    if (p.action == Action::Same) return std::nullopt;
    std::vector<SubscriberRow> out;
    if (!p.elder) return out;
    if (impl_->town_names.empty())
        for (const auto& [name, id] : towns) impl_->town_names[id] = name;
    const bool elder_changed = p.changes.contains("name") || p.changes.contains("phone") || p.changes.contains("town_id");
    const auto add = [&](const StoredEnrolment& en) {
        SubscriberRow old = r;
        old.name = p.elder->name;
        old.phone = p.elder->phone;
        const auto t = impl_->town_names.find(p.elder->town_id);
        old.town = t == impl_->town_names.end() ? std::string() : t->second;
        old.opened = en.from;
        old.removed = en.to;
        old.removal_reason = en.reason;
        out.push_back(std::move(old));
    };
    if (elder_changed) {
        for (const auto& en : p.all) add(en);
    } else if (p.enrolment && p.changes.contains("info_service")) {
        add(*p.enrolment);
    }
    return out;
}

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

namespace {

// The elders' per-row search-index insert triggers, dropped while a SubscriberWriter lives (finish() writes their rows).
SuspendedSchema suspend_search_triggers(SQLite::Database& db) {
    SuspendedSchema s(db);
    s.drop_triggers({"elders_fts_ai", "name_bigrams_ai"});
    return s;
}

// The name_bigrams keys of one name as store::name_bigrams_select computes them in SQL (the triggers, the rebuild):
// each distinct pair of adjacent characters (SQLite's characters: a byte that is not a UTF-8 continuation byte starts
// one), ASCII letters lower-cased as SQLite's lower() does without ICU. tests/server/test_import_speed.cpp checks the
// rows against rebuild_name_bigrams.
void add_name_bigrams(const std::string& name, Id id, std::vector<std::pair<std::string, Id>>& out) {
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < name.size(); ++i)
        if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80) starts.push_back(i);
    starts.push_back(name.size());
    const std::size_t first = out.size();
    for (std::size_t k = 0; k + 2 < starts.size(); ++k) {
        std::string key = name.substr(starts[k], starts[k + 2] - starts[k]);
        for (auto& c : key) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        bool seen = false;   // DISTINCT within the name (莲莲莲)
        for (std::size_t j = first; j < out.size() && !seen; ++j) seen = out[j].first == key;
        if (!seen) out.emplace_back(std::move(key), id);
    }
}

}  // namespace

struct SubscriberWriter::Impl {
    SQLite::Database& db;
    ImportBatch batch;
    const TownIds& towns;
    std::string_view file;   // kept last (store/imports.hpp begin_import_batch)
    Id batch_id = 0;
    Date today;
    Id max_elder_before = 0;   // elders above it are this import's (rowids only grow inside the transaction)
    SuspendedSchema triggers;
    // The elders' six secondary indexes and the enrolments' two by programme, deferred in a bulk load; kept: the
    // unique ID number (the planner's lookup and the uniqueness check — an automatic index, never dropped) and
    // enrolments_elder (the planner's lookup of a changed elder's enrolments; new elders append to it in id order).
    DeferredIndexes indexes;
    Planner planner;
    ElderInserter inserter;
    AuditAppender audit;
    SQLite::Statement town_centre, update_elder, update_categories, insert_enrolment, update_enrolment;
    std::map<Id, GeoPoint> centres;
    std::vector<std::pair<Id, Id>> created;   // the new elders' ids as ranges (ascending: rowids only grow)
    std::vector<Id> changed;                  // the changed elders' ids (in file order)

    Impl(SQLite::Database& d, const ImportBatch& b, std::string_view file_bytes, const TownIds& t, IndexMode mode)
        : db(d), batch(b), towns(t), file(file_bytes), batch_id(begin_import_batch(d, b)), today(date_of(b.at)),
          max_elder_before(d.execAndGet("SELECT coalesce(max(id), 0) FROM elders").getInt64()),
          triggers(suspend_search_triggers(d)), indexes(d, mode, {"elders", "enrolments"}, {"enrolments_elder"}),
          planner(d), inserter(d), audit(d),
          town_centre(d, "SELECT lat_e6, lon_e6 FROM towns WHERE id = ?"),
          update_elder(d, "UPDATE elders SET name = ?, phone = ?, town_id = ?, version = version + 1, "
                          "updated_at = ? WHERE id = ?"),
          update_categories(d, "UPDATE elder_categories SET town_id = ? WHERE elder_id = ?"),
          insert_enrolment(d, "INSERT INTO enrolments (elder_id, programme, from_date, to_date, removal_reason, "
                              "import_id) VALUES (?, ?, ?, ?, ?, ?)"),
          update_enrolment(d, "UPDATE enrolments SET from_date = ?, to_date = ?, removal_reason = ?, import_id = ? "
                              "WHERE id = ?") {}

    GeoPoint centre_of(Id town_id) {
        const auto it = centres.find(town_id);
        if (it != centres.end()) return it->second;
        GeoPoint g{};
        town_centre.reset();
        town_centre.bind(1, static_cast<std::int64_t>(town_id));
        if (town_centre.executeStep()) g = {town_centre.getColumn(0).getInt(), town_centre.getColumn(1).getInt()};
        town_centre.reset();   // not left stepping (DeferredIndexes drops indexes between rows)
        centres[town_id] = g;
        return g;
    }
};

SubscriberWriter::SubscriberWriter(SQLite::Database& db, const ImportBatch& batch, std::string_view file_bytes,
                                   const TownIds& towns, IndexMode mode)
    : impl_(std::make_unique<Impl>(db, batch, file_bytes, towns, mode)) {}
bool SubscriberWriter::deferred_indexes() const { return impl_->indexes.deferred(); }
SubscriberWriter::~SubscriberWriter() = default;

void SubscriberWriter::add(const SubscriberRow& r) {
    auto& m = *impl_;
    const auto& b = m.batch;
    Plan p = m.planner.plan(r, m.towns);
    if (p.action == Action::Same) { ++counts.unchanged; return; }
    const auto bind_dates = [&](SQLite::Statement& st, int at) {
        st.bind(at, format_date(r.opened));
        if (r.removed) st.bind(at + 1, format_date(*r.removed)); else st.bind(at + 1);
        st.bind(at + 2, r.removal_reason);
        st.bind(at + 3, static_cast<std::int64_t>(m.batch_id));
    };
    Id elder_id = 0;
    if (p.action == Action::Add) {
        m.indexes.before_insert(counts.added);
        ++counts.added;
        Elder e;
        e.name = r.name;
        e.id_number = r.id_number;
        const IdCheck id = check_resident_id(r.id_number, m.today);   // valid: shared/import checked it
        e.birth_date = id.birth;
        e.sex = id.sex == Sex::Male ? "male" : "female";
        e.phone = r.phone;
        e.town_id = p.town_id;
        e.status = ElderStatus::Active;
        e.home = m.centre_of(p.town_id);
        // The common insert path of every elder (ElderInserter); its search-index rows come in finish().
        elder_id = m.inserter.insert(e, b.at, false);
        if (!m.created.empty() && m.created.back().second + 1 == elder_id) m.created.back().second = elder_id;
        else m.created.emplace_back(elder_id, elder_id);
    } else {
        ++counts.changed;
        elder_id = p.elder->id;
        if (p.changes.contains("name") || p.changes.contains("phone") || p.changes.contains("town_id")) {
            auto& st = m.update_elder;
            st.reset();
            st.bind(1, r.name);
            st.bind(2, r.phone);
            st.bind(3, static_cast<std::int64_t>(p.town_id));
            st.bind(4, static_cast<std::int64_t>(b.at));
            st.bind(5, static_cast<std::int64_t>(elder_id));
            st.exec();   // the update triggers stay: a changed name refreshes its FTS and bigram rows
            if (p.changes.contains("town_id")) {
                m.update_categories.reset();
                m.update_categories.bind(1, static_cast<std::int64_t>(p.town_id));
                m.update_categories.bind(2, static_cast<std::int64_t>(elder_id));
                m.update_categories.exec();
            }
        }
    }
    if (p.action == Action::Add || p.changes.contains("info_service")) {   // a new elder: its enrolment
        if (p.enrolment) {
            m.update_enrolment.reset();
            bind_dates(m.update_enrolment, 1);
            m.update_enrolment.bind(5, static_cast<std::int64_t>(p.enrolment->id));
            m.update_enrolment.exec();
        } else {
            m.insert_enrolment.reset();
            m.insert_enrolment.bind(1, static_cast<std::int64_t>(elder_id));
            m.insert_enrolment.bind(2, kInfoServiceProgramme);
            bind_dates(m.insert_enrolment, 3);
            m.insert_enrolment.exec();
        }
    }
    if (p.action == Action::Add) return;   // named by the import's event (finish)
    // A changed personal record keeps its own event, before → after.
    m.changed.push_back(elder_id);
    p.changes["import_id"] = m.batch_id;
    m.audit.append({0, b.at, b.user_id, b.username, "elder", elder_id, "import_update", p.changes, ""});
}

Id SubscriberWriter::finish(std::int64_t rows) {
    auto& m = *impl_;
    // The new elders' search-index rows, each index in one statement (in key order for name_bigrams, so that it
    // is appended to), as the dropped insert triggers would have written them row by row.
    if (m.triggers.suspended("elders_fts_ai")) {
        SQLite::Statement fts(m.db, "INSERT INTO elders_fts (rowid, name, id_number, phone) "
                                    "SELECT id, name, id_number, phone FROM elders WHERE id > ? ORDER BY id");
        fts.bind(1, static_cast<std::int64_t>(m.max_elder_before));
        fts.exec();
    }
    if (m.triggers.suspended("name_bigrams_ai")) {
        // Computed here rather than by name_bigrams_select's json_each (17 % of a 20 000-subscriber commit's CPU),
        // then inserted in key order (appended to the table).
        std::vector<std::pair<std::string, Id>> keys;
        SQLite::Statement names(m.db, "SELECT id, name FROM elders WHERE id > ?");
        names.bind(1, static_cast<std::int64_t>(m.max_elder_before));
        while (names.executeStep()) add_name_bigrams(names.getColumn(1).getString(), names.getColumn(0).getInt64(), keys);
        std::sort(keys.begin(), keys.end());
        SQLite::Statement insert(m.db, "INSERT INTO name_bigrams (bigram, elder_id) VALUES (?, ?)");
        for (const auto& [key, id] : keys) {
            insert.reset();
            insert.bindNoCopy(1, key);
            insert.bind(2, static_cast<std::int64_t>(id));
            insert.exec();
        }
    }
    m.triggers.restore();
    m.indexes.finish();   // CREATE INDEX from the stored SQL, one sort each
    SQLite::Statement counted(m.db, "UPDATE import_batches SET rows = ? WHERE id = ?");
    counted.bind(1, rows);
    counted.bind(2, static_cast<std::int64_t>(m.batch_id));
    counted.exec();
    set_import_counts(m.db, m.batch_id, counts);
    keep_import_file(m.db, m.batch_id, m.file);
    const auto& b = m.batch;
    json details = {{"list", b.list}, {"file_name", b.file_name}, {"sha256", b.sha256}, {"rows", rows},
                    {"added", counts.added}, {"changed", counts.changed}, {"unchanged", counts.unchanged},
                    {kImportCreatedElders, created_ranges(m.created)}, {"changed_elders", id_ranges(m.changed)}};
    m.audit.append({0, b.at, b.user_id, b.username, "import_batch", m.batch_id, "import", details, ""});
    return m.batch_id;
}

Id commit_subscribers(SQLite::Database& db, const ImportBatch& b, std::string_view file_bytes,
                      const std::vector<SubscriberRow>& rows, const TownIds& towns, ImportCounts& counts, IndexMode mode) {
    SubscriberWriter writer(db, b, file_bytes, towns, mode);
    for (const auto& r : rows) writer.add(r);
    const Id id = writer.finish(b.rows);
    counts = writer.counts;
    return id;
}

}  // namespace yiyang::store
