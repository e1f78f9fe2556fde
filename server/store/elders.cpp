// Elders in SQLite. Filters are chosen so that each common query walks an index in id order:
// (town, status), (status), (category, town, elder), the FTS5 trigram index for fragments >= 3 chars and the
// name_bigrams table for 2 chars.
#include "store/elders.hpp"
#include "store/orders.hpp"

#include <map>
#include <nlohmann/json.hpp>

namespace yiyang::store {
namespace {

constexpr const char* kInsertEnrolmentSql =
    "INSERT INTO enrolments (elder_id, programme, from_date, to_date, removal_reason, import_id) "
    "VALUES (?, ?, ?, ?, ?, ?)";

constexpr const char* kColumns =
    "e.id, e.name, e.id_number, e.birth_date, e.sex, e.phone, e.town_id, e.community, e.address, "
    "e.disability, e.subsidy_tier, e.status, e.death_date, e.health_notes, e.lat_e6, e.lon_e6, e.version";

std::size_t utf8_length(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string fts_phrase(const std::string& q) {
    std::string out = "\"";
    for (char c : q) {
        if (c == '"') out += "\"\"";
        else out += c;
    }
    return out + "\"";
}

struct Built {
    std::string from_where;
    std::string order_by = " ORDER BY e.id";
    std::vector<std::pair<std::string, nlohmann::json>> binds;
};

Built build(const ElderQuery& q) {
    Built b;
    // A 2-character fragment selects few elders (one key of name_bigrams: at most the elders sharing a surname
    // and given character): they drive, and the town / status filters are written as +column so that SQLite does
    // not walk a town's or a status's index in name order probing each elder against the fragment (570 000 active
    // elders: 0.1 s). Not for 3+ characters: a digit fragment of ID numbers ("194") may match most of the city.
    const char* col = utf8_length(q.q) == 2 ? "+" : "";
    if (q.category) {
        // CROSS JOIN fixes the join order: the (category, town, elder) key drives, already in elder order.
        // With a town the (category, town, elder) key is in elder order; without one, (category, elder) is.
        b.from_where = std::string(" FROM elder_categories ec") +
                       (q.town ? "" : " INDEXED BY elder_categories_cat_elder") +
                       " CROSS JOIN elders e ON e.id = ec.elder_id WHERE ec.category = :cat";
        b.order_by = " ORDER BY ec.elder_id";
        b.binds.emplace_back(":cat", code(*q.category));
        if (q.town) { b.from_where += " AND ec.town_id = :town"; b.binds.emplace_back(":town", *q.town); }
    } else {
        b.from_where = " FROM elders e WHERE 1=1";
        if (q.town) { b.from_where += std::string(" AND ") + col + "e.town_id = :town"; b.binds.emplace_back(":town", *q.town); }
    }
    if (q.status) {
        b.from_where += std::string(" AND ") + col + "e.status = :status";
        b.binds.emplace_back(":status", code(*q.status));
    }
    if (!q.q.empty()) {
        if (utf8_length(q.q) >= 3) {
            // FTS5 column filter: only the columns this viewer may search inside (ElderQuery).
            std::string columns = "name";
            if (q.q_in_id_number) columns += " id_number";
            if (q.q_in_phone) columns += " phone";
            b.from_where += " AND e.id IN (SELECT rowid FROM elders_fts WHERE elders_fts MATCH :q)";
            b.binds.emplace_back(":q", "{" + columns + "} : " + fts_phrase(q.q));
        } else if (utf8_length(q.q) == 2) {
            // Two characters (嫦莲 in 郑嫦莲, shorter than a trigram): anywhere in the name, through name_bigrams
            // (the same condition as the order search's).
            std::string value;
            b.from_where += " AND " + elder_name_condition(q.q, value);
            b.binds.emplace_back(":name_q", value);
        } else {
            // One character: a surname, through the name index (anywhere in the name would match a tenth of
            // the city).
            b.from_where += " AND e.name >= :qlo AND e.name < :qhi";
            b.binds.emplace_back(":qlo", q.q);
            b.binds.emplace_back(":qhi", q.q + "\xF4\x8F\xBF\xBF");
        }
    }
    if (q.sort == "name") {
        // By name: the elders_name index (no filter) or elders_town_name (a town) walks in (name, id) order; the
        // other filters sort what they select.
        const char* dir = q.descending ? " DESC" : "";
        b.order_by = std::string(" ORDER BY e.name") + dir + ", e.id" + dir;
    } else if (q.descending) {
        b.order_by += " DESC";
    }
    if (q.phone) { b.from_where += " AND e.phone = :phone"; b.binds.emplace_back(":phone", *q.phone); }
    if (q.id_number) { b.from_where += " AND e.id_number = :idn"; b.binds.emplace_back(":idn", *q.id_number); }
    if (q.served_by_provider) {
        b.from_where += " AND e.id IN (SELECT elder_id FROM service_records WHERE provider_id = :prov "
                        "UNION SELECT elder_id FROM work_orders WHERE provider_id = :prov AND elder_id IS NOT NULL)";
        b.binds.emplace_back(":prov", *q.served_by_provider);
    }
    return b;
}

void bind_all(SQLite::Statement& st, const Built& b) {
    for (const auto& [name, value] : b.binds) {
        if (value.is_string()) st.bind(name, value.get<std::string>());
        else st.bind(name, value.get<std::int64_t>());
    }
}

Elder read_row(SQLite::Statement& st) {
    Elder e;
    e.id = st.getColumn(0).getInt64();
    e.name = st.getColumn(1).getString();
    e.id_number = st.getColumn(2).getString();
    e.birth_date = parse_date(st.getColumn(3).getString()).value_or(Date{});
    e.sex = st.getColumn(4).getString();
    e.phone = st.getColumn(5).getString();
    e.town_id = st.getColumn(6).getInt64();
    e.community = st.getColumn(7).getString();
    e.address = st.getColumn(8).getString();
    e.disability = parse_DisabilityLevel(st.getColumn(9).getString()).value_or(DisabilityLevel::None);
    e.subsidy_tier = st.getColumn(10).getString();
    e.status = parse_ElderStatus(st.getColumn(11).getString()).value_or(ElderStatus::Active);
    if (!st.getColumn(12).isNull()) e.death_date = parse_date(st.getColumn(12).getString());
    e.health_notes = st.getColumn(13).getString();
    e.home = {st.getColumn(14).getInt(), st.getColumn(15).getInt()};
    e.version = st.getColumn(16).getInt64();
    return e;
}

void load_categories(SQLite::Database& db, std::vector<Elder>& elders) {
    if (elders.empty()) return;
    std::map<Id, Elder*> by_id;
    std::string ids;
    for (auto& e : elders) {
        by_id[e.id] = &e;
        if (!ids.empty()) ids += ',';
        ids += std::to_string(e.id);
    }
    SQLite::Statement st(db, "SELECT elder_id, category FROM elder_categories WHERE elder_id IN (" + ids + ")");
    while (st.executeStep()) {
        auto it = by_id.find(st.getColumn(0).getInt64());
        if (it == by_id.end()) continue;
        if (auto c = parse_ElderCategory(st.getColumn(1).getString())) it->second->categories.insert(*c);
    }
}

// Enrolments live in their own table (migration 16), read for a page of elders at once, in (programme, from) order.
void load_enrolments(SQLite::Database& db, std::vector<Elder>& elders) {
    if (elders.empty()) return;
    std::map<Id, Elder*> by_id;
    std::string ids;
    for (auto& e : elders) {
        by_id[e.id] = &e;
        if (!ids.empty()) ids += ',';
        ids += std::to_string(e.id);
    }
    SQLite::Statement st(db, "SELECT elder_id, programme, from_date, to_date, removal_reason FROM enrolments "
                             "WHERE elder_id IN (" + ids + ") ORDER BY elder_id, id");
    while (st.executeStep()) {
        auto it = by_id.find(st.getColumn(0).getInt64());
        if (it == by_id.end()) continue;
        Enrolment en;
        en.programme = st.getColumn(1).getString();
        en.from = parse_date(st.getColumn(2).getString()).value_or(Date{});
        if (!st.getColumn(3).isNull()) en.to = parse_date(st.getColumn(3).getString());
        en.reason = st.getColumn(4).getString();
        it->second->enrolments.push_back(std::move(en));
    }
}

void bind_elder(SQLite::Statement& st, const Elder& e) {
    st.bind(":name", e.name);
    st.bind(":id_number", e.id_number);
    st.bind(":birth_date", format_date(e.birth_date));
    st.bind(":sex", e.sex);
    st.bind(":phone", e.phone);
    st.bind(":town_id", static_cast<std::int64_t>(e.town_id));
    st.bind(":community", e.community);
    st.bind(":address", e.address);
    st.bind(":disability", code(e.disability));
    st.bind(":subsidy_tier", e.subsidy_tier);
    st.bind(":status", code(e.status));
    if (e.death_date) st.bind(":death_date", format_date(*e.death_date)); else st.bind(":death_date");
    st.bind(":health_notes", e.health_notes);
    st.bind(":lat", e.home.lat_e6);
    st.bind(":lon", e.home.lon_e6);
}

void write_categories(SQLite::Database& db, const Elder& e, Id id) {
    SQLite::Statement del(db, "DELETE FROM elder_categories WHERE elder_id = ?");
    del.bind(1, static_cast<std::int64_t>(id));
    del.exec();
    SQLite::Statement ins(db, "INSERT INTO elder_categories (category, town_id, elder_id) VALUES (?,?,?)");
    for (auto c : e.categories) {
        ins.bind(1, code(c));
        ins.bind(2, static_cast<std::int64_t>(e.town_id));
        ins.bind(3, static_cast<std::int64_t>(id));
        ins.exec();
        ins.reset();
    }
}

void insert_enrolment(SQLite::Statement& st, Id elder_id, const Enrolment& en, std::optional<Id> import_id) {
    st.reset();
    st.clearBindings();
    st.bind(1, static_cast<std::int64_t>(elder_id));
    st.bind(2, en.programme);
    st.bind(3, format_date(en.from));
    if (en.to) st.bind(4, format_date(*en.to)); else st.bind(4);
    st.bind(5, en.reason);
    if (import_id) st.bind(6, static_cast<std::int64_t>(*import_id)); else st.bind(6);
    st.exec();
}

}  // namespace

void write_enrolments(SQLite::Database& db, Id elder_id, const std::vector<Enrolment>& wanted) {
    // Rows equal to a wanted enrolment stay as they are (their id and the import that wrote them); the others go,
    // and the wanted ones not stored are added.
    struct Row { Id id; Enrolment en; };
    std::vector<Row> stored;
    {
        SQLite::Statement st(db, "SELECT id, programme, from_date, to_date, removal_reason FROM enrolments "
                                 "WHERE elder_id = ? ORDER BY id");
        st.bind(1, static_cast<std::int64_t>(elder_id));
        while (st.executeStep()) {
            Row r{st.getColumn(0).getInt64(), {}};
            r.en.programme = st.getColumn(1).getString();
            r.en.from = parse_date(st.getColumn(2).getString()).value_or(Date{});
            if (!st.getColumn(3).isNull()) r.en.to = parse_date(st.getColumn(3).getString());
            r.en.reason = st.getColumn(4).getString();
            stored.push_back(std::move(r));
        }
    }
    const auto same = [](const Enrolment& a, const Enrolment& b) {
        return a.programme == b.programme && a.from == b.from && a.to == b.to && a.reason == b.reason;
    };
    std::vector<bool> kept(stored.size(), false);
    SQLite::Statement ins(db, kInsertEnrolmentSql);
    std::vector<const Enrolment*> to_add;
    for (const auto& w : wanted) {
        bool found = false;
        for (std::size_t i = 0; i < stored.size(); ++i) {
            if (!kept[i] && same(stored[i].en, w)) { kept[i] = true; found = true; break; }
        }
        if (!found) to_add.push_back(&w);
    }
    SQLite::Statement del(db, "DELETE FROM enrolments WHERE id = ?");
    for (std::size_t i = 0; i < stored.size(); ++i) {
        if (kept[i]) continue;
        del.reset();
        del.bind(1, static_cast<std::int64_t>(stored[i].id));
        del.exec();
    }
    for (const auto* w : to_add) insert_enrolment(ins, elder_id, *w, std::nullopt);
}

std::string ElderQuery::filter_key() const {
    return std::to_string(town.value_or(0)) + "|" + (category ? code(*category) : "") + "|" +
           (status ? code(*status) : "") + "|" + q + "|" + std::to_string(served_by_provider.value_or(0)) + "|" +
           (q_in_id_number ? "i" : "") + (q_in_phone ? "p" : "") + "|" + phone.value_or("") + "|" +
           id_number.value_or("");
}

const std::vector<std::string>& elder_sort_fields() {
    static const std::vector<std::string> fields = {"id", "name"};
    return fields;
}

std::vector<Elder> find_elders(SQLite::Database& db, const ElderQuery& q) {
    auto b = build(q);
    SQLite::Statement st(db, std::string("SELECT ") + kColumns + b.from_where + b.order_by +
                                 " LIMIT :limit OFFSET :offset");
    bind_all(st, b);
    st.bind(":limit", q.page_size);
    st.bind(":offset", static_cast<std::int64_t>(q.page - 1) * q.page_size);
    std::vector<Elder> out;
    while (st.executeStep()) out.push_back(read_row(st));
    load_categories(db, out);
    load_enrolments(db, out);
    return out;
}

std::int64_t count_elders(SQLite::Database& db, const ElderQuery& q) {
    if (utf8_length(q.q) == 2 && !q.town && !q.category && !q.status && !q.phone && !q.id_number &&
        !q.served_by_provider) {
        // Only the 2-character fragment: its keys in name_bigrams are the elders (one per elder, each an existing
        // elder: the triggers delete them with it), counted without reading an elders row (欧阳: 86 ms cold).
        SQLite::Statement st(db, "SELECT COUNT(*) FROM name_bigrams WHERE bigram = ?");
        st.bind(1, name_bigram_key(q.q));
        st.executeStep();
        return st.getColumn(0).getInt64();
    }
    auto b = build(q);
    SQLite::Statement st(db, "SELECT COUNT(*)" + b.from_where);
    bind_all(st, b);
    st.executeStep();
    return st.getColumn(0).getInt64();
}

std::optional<Elder> get_elder(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, std::string("SELECT ") + kColumns + " FROM elders e WHERE e.id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    std::vector<Elder> one{read_row(st)};
    load_categories(db, one);
    load_enrolments(db, one);
    return one.front();
}

std::optional<Id> elder_id_by_number(SQLite::Database& db, const std::string& id_number) {
    SQLite::Statement st(db, "SELECT id FROM elders WHERE id_number = ?");
    st.bind(1, id_number);
    if (!st.executeStep()) return std::nullopt;
    return st.getColumn(0).getInt64();
}

bool elder_served_by_provider(SQLite::Database& db, Id elder_id, Id provider_id) {
    SQLite::Statement st(db, "SELECT 1 WHERE EXISTS (SELECT 1 FROM service_records WHERE elder_id = ?1 AND provider_id = ?2) "
                             "OR EXISTS (SELECT 1 FROM work_orders WHERE elder_id = ?1 AND provider_id = ?2)");
    st.bind(1, static_cast<std::int64_t>(elder_id));
    st.bind(2, static_cast<std::int64_t>(provider_id));
    return st.executeStep();
}

ElderInserter::ElderInserter(SQLite::Database& db)
    : db_(db),
      elder_(db, "INSERT INTO elders (id, name, id_number, birth_date, sex, phone, town_id, community, address, "
                 "disability, subsidy_tier, status, death_date, health_notes, lat_e6, lon_e6, version, "
                 "created_at, updated_at) VALUES (:id, :name, :id_number, :birth_date, :sex, :phone, :town_id, "
                 ":community, :address, :disability, :subsidy_tier, :status, :death_date, :health_notes, "
                 ":lat, :lon, 1, :now, :now)"),
      category_(db, "INSERT INTO elder_categories (category, town_id, elder_id) VALUES (?,?,?)"),
      enrolment_(db, kInsertEnrolmentSql) {}

Id ElderInserter::insert(const Elder& e, LocalSeconds now, bool keep_id) {
    elder_.reset();
    elder_.clearBindings();
    if (keep_id) elder_.bind(":id", static_cast<std::int64_t>(e.id)); else elder_.bind(":id");
    bind_elder(elder_, e);
    elder_.bind(":now", static_cast<std::int64_t>(now));
    elder_.exec();
    const Id id = keep_id ? e.id : db_.getLastInsertRowid();
    for (auto c : e.categories) {
        category_.reset();
        category_.bind(1, code(c));
        category_.bind(2, static_cast<std::int64_t>(e.town_id));
        category_.bind(3, static_cast<std::int64_t>(id));
        category_.exec();
    }
    for (const auto& en : e.enrolments) insert_enrolment(enrolment_, id, en, std::nullopt);
    // TODO(merge, issue 10 "search"): the name-bigram index is maintained here, the one insert path of every elder
    // (API, demo loader, subscriber import).
    return id;
}

std::string name_bigrams_select(const std::string& name, const std::string& id, const std::string& from) {
    // hex(zeroblob(n)) is n "00"s; as "0,0,…,0" it is a JSON array whose keys 0 … n-1 are the positions.
    // lower() and LIKE both fold ASCII letters only (no ICU), so the keys compare as LIKE does. DISTINCT: a name
    // may hold a pair twice (莲莲莲), and a trigger's INSERT can't rely on OR IGNORE (an outer statement's
    // conflict clause would override it).
    return "SELECT DISTINCT lower(substr(" + name + ", j.key + 1, 2)) AS bigram, " + id + " AS elder_id FROM " + from +
           "json_each('[' || rtrim(replace(hex(zeroblob(length(" + name + ") - 1)), '00', '0,'), ',') || ']') j";
}

void rebuild_name_bigrams(SQLite::Database& db) {
    db.exec("DELETE FROM name_bigrams");
    // In key order, so that the table is appended to rather than inserted into at random; the names read from
    // the (name, id) index, not the whole rows (600 000 elders: 17.7 → 8.4 s on the loaded machine).
    db.exec("INSERT INTO name_bigrams (bigram, elder_id) SELECT bigram, elder_id FROM (" +
            name_bigrams_select("e.name", "e.id", "elders e INDEXED BY elders_name, ") + ") ORDER BY bigram, elder_id");
}

std::string name_bigram_key(const std::string& two_chars) {
    std::string out = two_chars;
    for (auto& c : out) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

Id insert_elder(SQLite::Database& db, const Elder& e, LocalSeconds now, bool keep_id) {
    ElderInserter inserter(db);
    return inserter.insert(e, now, keep_id);
}

bool update_elder(SQLite::Database& db, const Elder& e, LocalSeconds now) {
    SQLite::Statement st(db,
        "UPDATE elders SET name = :name, id_number = :id_number, birth_date = :birth_date, sex = :sex, "
        "phone = :phone, town_id = :town_id, community = :community, address = :address, disability = :disability, "
        "subsidy_tier = :subsidy_tier, status = :status, death_date = :death_date, health_notes = :health_notes, "
        "lat_e6 = :lat, lon_e6 = :lon, version = version + 1, updated_at = :now "
        "WHERE id = :id AND version = :version");
    bind_elder(st, e);
    st.bind(":now", static_cast<std::int64_t>(now));
    st.bind(":id", static_cast<std::int64_t>(e.id));
    st.bind(":version", static_cast<std::int64_t>(e.version));
    if (st.exec() == 0) return false;
    write_categories(db, e, e.id);
    write_enrolments(db, e.id, e.enrolments);
    return true;
}

}  // namespace yiyang::store
