// Work-order repository. Filters walk the (status|town|provider, created_at) indexes; sort columns come
// from a whitelist, never from the request text.
#include "store/orders.hpp"

#include "store/database.hpp"
#include "store/elders.hpp"
#include "store/kpi_daily.hpp"

#include <algorithm>
#include <set>
#include <string_view>
#include <cstdio>

namespace yiyang::store {
namespace {

using nlohmann::json;

// Same columns, with the text a scan for clocks does not read left out (read_row gets empty values).
constexpr const char* kLightColumns =
    "id, '', channel, type, '', elder_id, town_id, provider_id, status, urgency, '', "
    "created_at, dispatched_at, completed_at, closed_at, satisfaction, paused_since, complaint_valid, version, "
    "acknowledged_at, acknowledged_by, about_order_id, about_provider_id";
constexpr const char* kColumns =
    "id, code, channel, type, categories, elder_id, town_id, provider_id, status, urgency, description, "
    "created_at, dispatched_at, completed_at, closed_at, satisfaction, paused_since, complaint_valid, version, "
    "acknowledged_at, acknowledged_by, about_order_id, about_provider_id";

std::string join_categories(const std::set<ServiceCategory>& cats) {
    std::string out;
    for (auto c : cats) {
        if (!out.empty()) out += ',';
        out += code(c);
    }
    return out;
}

std::set<ServiceCategory> split_categories(const std::string& s) {
    std::set<ServiceCategory> out;
    std::size_t pos = 0;
    while (pos <= s.size() && !s.empty()) {
        auto end = s.find(',', pos);
        if (end == std::string::npos) end = s.size();
        if (auto c = parse_ServiceCategory(s.substr(pos, end - pos))) out.insert(*c);
        pos = end + 1;
    }
    return out;
}

std::optional<std::int64_t> opt_int(SQLite::Statement& st, int col) {
    if (st.getColumn(col).isNull()) return std::nullopt;
    return st.getColumn(col).getInt64();
}

StoredOrder read_row(SQLite::Statement& st) {
    StoredOrder s;
    WorkOrder& o = s.order;
    o.id = st.getColumn(0).getInt64();
    o.code = st.getColumn(1).getString();
    o.channel = parse_Channel(st.getColumn(2).getString()).value_or(Channel::Hotline);
    o.type = parse_OrderType(st.getColumn(3).getString()).value_or(OrderType::Consultation);
    o.categories = split_categories(st.getColumn(4).getString());
    o.elder_id = opt_int(st, 5);
    o.town_id = st.getColumn(6).getInt64();
    o.provider_id = opt_int(st, 7);
    o.status = parse_OrderStatus(st.getColumn(8).getString()).value_or(OrderStatus::Received);
    o.urgency = parse_Urgency(st.getColumn(9).getString()).value_or(Urgency::Normal);
    o.description = st.getColumn(10).getString();
    o.created_at = st.getColumn(11).getInt64();
    o.dispatched_at = opt_int(st, 12);
    o.completed_at = opt_int(st, 13);
    o.closed_at = opt_int(st, 14);
    if (auto v = opt_int(st, 15)) o.satisfaction = static_cast<int>(*v);
    o.paused_since = opt_int(st, 16);
    if (auto v = opt_int(st, 17)) o.complaint_valid = *v != 0;
    s.version = st.getColumn(18).getInt64();
    o.acknowledged_at = opt_int(st, 19);
    o.acknowledged_by = opt_int(st, 20);
    o.about_order_id = opt_int(st, 21);
    o.about_provider_id = opt_int(st, 22);
    return s;
}

void bind_opt(SQLite::Statement& st, int index, const std::optional<std::int64_t>& v) {
    if (v) st.bind(index, static_cast<std::int64_t>(*v)); else st.bind(index);
}

// The statuses of an open order, as an SQL list: an IN list lets (town_id, status, created_at) find a town's
// few open orders, where NOT IN would walk all of the town's orders.
const std::string& open_status_list() {
    static const std::string list = [] {
        std::string out;
        for (auto st : all_OrderStatuss()) {
            if (st == OrderStatus::Closed || st == OrderStatus::Cancelled || st == OrderStatus::AnsweredOnSpot) continue;
            if (!out.empty()) out += ", ";
            out += std::string("'") + code(st) + "'";
        }
        return out;
    }();
    return list;
}

struct Built {
    std::string where;
    std::vector<std::pair<std::string, json>> binds;
};

Built build(const OrderQuery& q) {
    Built b;
    b.where = " FROM work_orders WHERE 1=1";
    auto add = [&](const char* clause, const char* name, json value) {
        b.where += clause;
        b.binds.emplace_back(name, std::move(value));
    };
    if (q.status) add(" AND status = :status", ":status", code(*q.status));
    if (q.type) add(" AND type = :type", ":type", code(*q.type));
    if (q.channel) add(" AND channel = :channel", ":channel", code(*q.channel));
    if (q.town) add(" AND town_id = :town", ":town", *q.town);
    if (q.provider) add(" AND provider_id = :provider", ":provider", *q.provider);
    if (q.elder) add(" AND elder_id = :elder", ":elder", *q.elder);
    if (q.about_order) add(" AND about_order_id = :about_order", ":about_order", *q.about_order);
    if (q.about_provider) add(" AND about_provider_id = :about_provider", ":about_provider", *q.about_provider);
    if (q.created) {
        add(" AND created_at >= :from", ":from", start_of(q.created->first_day()));
        add(" AND created_at < :to", ":to", start_of(add_days(q.created->last_day(), 1)));
    }
    if (q.created_from) add(" AND created_at >= :from_day", ":from_day", start_of(*q.created_from));
    if (q.created_to) add(" AND created_at < :to_day", ":to_day", start_of(add_days(*q.created_to, 1)));
    if (q.only_open) b.where += std::string(" AND status IN (") + open_status_list() + ")";
    if (!q.code_prefix.empty()) {
        add(" AND code >= :code_lo", ":code_lo", q.code_prefix);
        add(" AND code < :code_hi", ":code_hi", q.code_prefix + "~");
    }
    if (!q.elder_name.empty()) {
        std::string value;
        const auto ids = elder_ids_named(q.elder_name, value);
        add((" AND elder_id IN (" + ids + ")").c_str(), ":name_q", value);
    }
    if (q.elder_in) add(" AND elder_id IN (SELECT value FROM json_each(:elder_in))", ":elder_in", json(*q.elder_in).dump());
    if (q.queue) {
        // The orders any queue can hold, word for word as work_orders_queues' WHERE (migration 14), so that SQLite
        // may use that small covering index; only when it holds this queue's statuses (else it would drop rows).
        const auto statuses = queue_statuses(*q.queue);
        if (std::all_of(statuses.begin(), statuses.end(), [](OrderStatus s) {
                return std::string_view(kQueueStatusesSql).find(std::string("'") + code(s) + "'") != std::string_view::npos;
            })) {
            b.where += std::string(" AND ") + kQueueStatusesSql;
        }
        b.where += " AND paused_since IS NULL AND status IN (";
        for (std::size_t i = 0; i < statuses.size(); ++i) b.where += std::string(i ? ", '" : "'") + code(statuses[i]) + "'";
        b.where += ") AND type IN (";
        const auto types = queue_types(*q.queue);
        for (std::size_t i = 0; i < types.size(); ++i) b.where += std::string(i ? ", '" : "'") + code(types[i]) + "'";
        b.where += ")";
    }
    return b;
}

// The queue order of work_queues.hpp (queue_before) in SQL: urgency rank, then oldest, then id.
std::string queue_order_by() {
    std::string out = " ORDER BY CASE urgency";
    for (auto u : all_Urgencys()) out += std::string(" WHEN '") + code(u) + "' THEN " + std::to_string(queue_rank(u));
    return out + " ELSE 9 END, created_at, id";
}

// Filters that order_counts cannot answer: counted row by row through their own index.
bool needs_row_count(const OrderQuery& q) {
    // (A date range is in days: the monthly counts cannot answer it.)
    return q.provider || q.elder || q.about_order || q.about_provider || !q.code_prefix.empty() ||
           !q.elder_name.empty() || q.elder_in || q.queue || q.created_from || q.created_to;
}

void bind_all(SQLite::Statement& st, const Built& b) {
    for (const auto& [name, value] : b.binds) {
        if (value.is_string()) st.bind(name, value.get<std::string>());
        else st.bind(name, value.get<std::int64_t>());
    }
}

}  // namespace

const std::vector<std::string>& order_sort_fields() {
    static const std::vector<std::string> fields = {"created_at", "id"};
    return fields;
}

Id insert_order(SQLite::Database& db, WorkOrder& o) {
    const Date d = date_of(o.created_at);
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "GD%04d%02d%02d", d.year, d.month, d.day);
    // The day's counter lives in order_code_seq (one lookup, and numeric: past 9999 a day the codes grow to
    // five digits, which MAX(code) would misorder). The first order of a day continues after any code of that
    // day already stored (bulk-loaded or imported). Same transaction as the insert: a rolled-back order gives
    // its number back, so codes stay gap-free; the single writer makes them unique.
    const std::int64_t day = d.year * 10000 + d.month * 100 + d.day;
    std::int64_t seq = 1;
    SQLite::Statement counter(db, "SELECT last FROM order_code_seq WHERE day = ?");
    counter.bind(1, day);
    if (counter.executeStep()) {
        seq = counter.getColumn(0).getInt64() + 1;
    } else {
        SQLite::Statement last(db, "SELECT MAX(CAST(substr(code, 11) AS INTEGER)) FROM work_orders "
                                   "WHERE code >= ? AND code < ?");
        last.bind(1, std::string(prefix));
        last.bind(2, std::string(prefix) + "~");
        if (last.executeStep() && !last.getColumn(0).isNull()) seq = last.getColumn(0).getInt64() + 1;
    }
    SQLite::Statement bump(db, "INSERT INTO order_code_seq (day, last) VALUES (?, ?) "
                               "ON CONFLICT (day) DO UPDATE SET last = excluded.last");
    bump.bind(1, day);
    bump.bind(2, seq);
    bump.exec();
    char code_text[64];
    std::snprintf(code_text, sizeof code_text, "%s%04lld", prefix, static_cast<long long>(seq));
    o.code = code_text;
    SQLite::Statement st(db, "INSERT INTO work_orders (code, channel, type, categories, elder_id, town_id, provider_id, "
                             "status, urgency, description, created_at, about_order_id, about_provider_id, version) "
                             "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1)");
    st.bind(1, o.code);
    st.bind(2, code(o.channel));
    st.bind(3, code(o.type));
    st.bind(4, join_categories(o.categories));
    bind_opt(st, 5, o.elder_id);
    st.bind(6, static_cast<std::int64_t>(o.town_id));
    bind_opt(st, 7, o.provider_id);
    st.bind(8, code(o.status));
    st.bind(9, code(o.urgency));
    st.bind(10, o.description);
    st.bind(11, static_cast<std::int64_t>(o.created_at));
    bind_opt(st, 12, o.about_order_id);
    bind_opt(st, 13, o.about_provider_id);
    st.exec();
    o.id = db.getLastInsertRowid();
    // The indicator aggregates follow in this transaction, from the row as stored (fields insert does not write
    // are not counted).
    WorkOrder stored = o;   // what insert wrote: the lifecycle fields start empty
    stored.dispatched_at = stored.completed_at = stored.closed_at = stored.paused_since = std::nullopt;
    stored.acknowledged_at = stored.acknowledged_by = std::nullopt;
    stored.satisfaction.reset();
    stored.complaint_valid.reset();
    kpi_order_inserted(db, stored);
    return o.id;
}

std::optional<StoredOrder> get_order(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, std::string("SELECT ") + kColumns + " FROM work_orders WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    return read_row(st);
}

std::optional<StoredOrder> get_order_by_code(SQLite::Database& db, const std::string& code) {
    SQLite::Statement st(db, std::string("SELECT ") + kColumns + " FROM work_orders WHERE code = ?");
    st.bind(1, code);
    if (!st.executeStep()) return std::nullopt;
    return read_row(st);
}

std::map<Id, StoredOrder> get_orders(SQLite::Database& db, const std::vector<Id>& ids) {
    std::map<Id, StoredOrder> out;
    if (ids.empty()) return out;
    SQLite::Statement st(db, std::string("SELECT ") + kColumns +
                                 " FROM work_orders WHERE id IN (SELECT value FROM json_each(?))");
    st.bind(1, json(ids).dump());
    while (st.executeStep()) {
        auto s = read_row(st);
        const Id id = s.order.id;
        out.emplace(id, std::move(s));
    }
    return out;
}

std::vector<StoredOrder> find_orders(SQLite::Database& db, const OrderQuery& q) {
    const auto b = build(q);
    std::string sort = "created_at";
    for (const auto& f : order_sort_fields()) if (f == q.sort) sort = f;
    const char* dir = q.descending ? " DESC" : " ASC";
    // Open orders are few: sort them rather than let the planner walk a big index in sort order ("+").
    std::string sql = std::string("SELECT ") + (q.light ? kLightColumns : kColumns) + b.where;
    if (q.queue) {
        sql += queue_order_by();
    } else {
        sql += std::string(" ORDER BY ") + (q.only_open ? "+" : "") + sort + dir;
        if (sort != "id") sql += std::string(", id") + dir;
    }
    if (q.page_size > 0) sql += " LIMIT :limit OFFSET :offset";
    Prepared prepared(db, sql);
    SQLite::Statement& st = *prepared;
    bind_all(st, b);
    if (q.page_size > 0) {
        st.bind(":limit", q.page_size);
        st.bind(":offset", static_cast<std::int64_t>(q.page - 1) * q.page_size);
    }
    std::vector<StoredOrder> out;
    while (st.executeStep()) out.push_back(read_row(st));
    return out;
}

// Totals without a provider or elder filter come from order_counts (a few thousand rows at most, kept by
// triggers); provider and elder filters are selective, so their rows are counted through their indexes.
std::int64_t count_orders(SQLite::Database& db, const OrderQuery& q) {
    if (needs_row_count(q)) {
        const auto b = build(q);
        Prepared prepared(db, "SELECT COUNT(*)" + b.where);
        SQLite::Statement& st = *prepared;
        bind_all(st, b);
        st.executeStep();
        return st.getColumn(0).getInt64();
    }
    std::string sql = "SELECT COALESCE(SUM(n), 0) FROM order_counts WHERE 1=1";
    if (q.town) sql += " AND town_id = :town";
    if (q.status) sql += " AND status = :status";
    if (q.type) sql += " AND type = :type";
    if (q.channel) sql += " AND channel = :channel";
    if (q.created) sql += " AND month BETWEEN :from AND :to";
    if (q.only_open) sql += std::string(" AND status IN (") + open_status_list() + ")";
    Prepared prepared(db, sql);
    SQLite::Statement& st = *prepared;
    if (q.town) st.bind(":town", static_cast<std::int64_t>(*q.town));
    if (q.status) st.bind(":status", std::string(code(*q.status)));
    if (q.type) st.bind(":type", std::string(code(*q.type)));
    if (q.channel) st.bind(":channel", std::string(code(*q.channel)));
    if (q.created) {
        const Date first = q.created->first_day(), last = q.created->last_day();
        st.bind(":from", first.year * 100 + first.month);
        st.bind(":to", last.year * 100 + last.month);
    }
    st.executeStep();
    return st.getColumn(0).getInt64();
}

std::string count_orders_plan(SQLite::Database& db, const OrderQuery& q) {
    std::string out;
    if (!needs_row_count(q)) return "order_counts";
    const auto b = build(q);
    SQLite::Statement st(db, "EXPLAIN QUERY PLAN SELECT COUNT(*)" + b.where);
    bind_all(st, b);
    while (st.executeStep()) out += st.getColumn(3).getString() + "\n";
    return out;
}

std::string elder_ids_named(const std::string& q, std::string& bind_value) {
    std::size_t chars = 0;
    for (unsigned char c : q) if ((c & 0xC0) != 0x80) ++chars;
    if (chars >= 3) {
        bind_value = "{name} : \"";
        for (char c : q) bind_value += c == '"' ? std::string("\"\"") : std::string(1, c);
        bind_value += "\"";
        return "SELECT rowid FROM elders_fts WHERE elders_fts MATCH :name_q";
    }
    if (chars == 2) {
        bind_value = name_bigram_key(q);
        return "SELECT elder_id FROM name_bigrams WHERE bigram = :name_q";
    }
    std::string value;
    const auto cond = elder_name_condition(q, value);
    bind_value = value;
    return "SELECT e.id FROM elders e WHERE " + cond;
}

std::string elder_name_condition(const std::string& q, std::string& bind_value) {
    std::size_t chars = 0;
    for (unsigned char c : q) if ((c & 0xC0) != 0x80) ++chars;
    if (chars >= 2) return "e.id IN (" + elder_ids_named(q, bind_value) + ")";
    // Shorter than a bigram: LIKE, with the pattern characters of the text escaped.
    bind_value = "%";
    for (char c : q) {
        if (c == '%' || c == '_' || c == '\\') bind_value += '\\';
        bind_value += c;
    }
    bind_value += "%";
    return "e.name LIKE :name_q ESCAPE '\\'";
}

void rebuild_order_counts(SQLite::Database& db) {
    db.exec("DELETE FROM order_counts");
    db.exec("INSERT INTO order_counts (town_id, status, type, channel, month, n) "
            "SELECT town_id, status, type, channel, CAST(strftime('%Y%m', created_at, 'unixepoch') AS INTEGER), "
            "COUNT(*) FROM work_orders GROUP BY 1, 2, 3, 4, 5");
}

std::vector<RequestCount> read_request_counts(SQLite::Database& db, const Date& first, const Date& last) {
    SQLite::Statement st(db, "SELECT channel, type, town_id, SUM(n) FROM order_counts WHERE month BETWEEN ? AND ? "
                             "GROUP BY channel, type, town_id HAVING SUM(n) <> 0 ORDER BY channel, type, town_id");
    st.bind(1, static_cast<std::int64_t>(first.year * 100 + first.month));
    st.bind(2, static_cast<std::int64_t>(last.year * 100 + last.month));
    std::vector<RequestCount> out;
    while (st.executeStep()) {
        out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getInt64(),
                       st.getColumn(3).getInt64()});
    }
    return out;
}

bool update_order(SQLite::Database& db, const WorkOrder& o, std::int64_t expected_version) {
    // The row before and after, for the indicator aggregates (same transaction).
    const auto before = get_order(db, o.id);
    if (!before || before->version != expected_version) return false;
    SQLite::Statement st(db, "UPDATE work_orders SET categories = ?, elder_id = ?, town_id = ?, provider_id = ?, "
                             "status = ?, urgency = ?, description = ?, dispatched_at = ?, completed_at = ?, "
                             "closed_at = ?, satisfaction = ?, paused_since = ?, complaint_valid = ?, "
                             "acknowledged_at = ?, acknowledged_by = ?, about_order_id = ?, about_provider_id = ?, "
                             "version = version + 1 WHERE id = ? AND version = ?");
    st.bind(1, join_categories(o.categories));
    bind_opt(st, 2, o.elder_id);
    st.bind(3, static_cast<std::int64_t>(o.town_id));
    bind_opt(st, 4, o.provider_id);
    st.bind(5, code(o.status));
    st.bind(6, code(o.urgency));
    st.bind(7, o.description);
    bind_opt(st, 8, o.dispatched_at);
    bind_opt(st, 9, o.completed_at);
    bind_opt(st, 10, o.closed_at);
    if (o.satisfaction) st.bind(11, *o.satisfaction); else st.bind(11);
    bind_opt(st, 12, o.paused_since);
    if (o.complaint_valid) st.bind(13, *o.complaint_valid ? 1 : 0); else st.bind(13);
    bind_opt(st, 14, o.acknowledged_at);
    bind_opt(st, 15, o.acknowledged_by);
    bind_opt(st, 16, o.about_order_id);
    bind_opt(st, 17, o.about_provider_id);
    st.bind(18, static_cast<std::int64_t>(o.id));
    st.bind(19, static_cast<std::int64_t>(expected_version));
    if (st.exec() != 1) return false;
    WorkOrder after = o;   // the row as written: every mutable field from o, the fixed ones as they were
    after.code = before->order.code;
    after.channel = before->order.channel;
    after.type = before->order.type;
    after.created_at = before->order.created_at;
    kpi_order_updated(db, before->order, after);
    return true;
}

void insert_evidence(SQLite::Database& db, Id order_id, const ServiceEvidence& e, LocalSeconds now) {
    SQLite::Statement st(db, "INSERT INTO order_evidence (order_id, caregiver, started_at, ended_at, place, photo_refs, "
                             "created_at) VALUES (?,?,?,?,?,?,?)");
    st.bind(1, static_cast<std::int64_t>(order_id));
    st.bind(2, e.caregiver);
    st.bind(3, static_cast<std::int64_t>(e.from));
    st.bind(4, static_cast<std::int64_t>(e.to));
    st.bind(5, e.place);
    st.bind(6, json(e.photo_refs).dump());
    st.bind(7, static_cast<std::int64_t>(now));
    st.exec();
}

json lifecycle_changes(const yiyang::AuditEvent& e) {
    json j = {{"from", code(e.from)}, {"to", code(e.to)}, {"actor_role", code(e.actor_role)}, {"details", e.details}};
    j["actor_provider"] = e.actor_provider ? json(*e.actor_provider) : json(nullptr);
    j["actor_town"] = e.actor_town ? json(*e.actor_town) : json(nullptr);
    return j;
}

namespace {
// One lifecycle event from an audit row (at, actor_id, action, changes, reason); nullopt for "create" and
// other rows that are not lifecycle actions.
std::optional<yiyang::AuditEvent> lifecycle_event(SQLite::Statement& st, int first_col, Id order_id) {
    auto action = parse_OrderAction(st.getColumn(first_col + 2).getString());
    if (!action) return std::nullopt;
    const json c = json::parse(st.getColumn(first_col + 3).getString(), nullptr, false);
    if (!c.is_object()) return std::nullopt;
    yiyang::AuditEvent e;
    e.order_id = order_id;
    e.action = *action;
    e.at = st.getColumn(first_col).getInt64();
    e.actor_user_id = st.getColumn(first_col + 1).isNull() ? 0 : st.getColumn(first_col + 1).getInt64();
    e.reason = st.getColumn(first_col + 4).getString();
    e.from = parse_OrderStatus(c.value("from", "")).value_or(OrderStatus::Received);
    e.to = parse_OrderStatus(c.value("to", "")).value_or(OrderStatus::Received);
    e.actor_role = parse_Role(c.value("actor_role", "")).value_or(Role::Agent);
    if (c.contains("actor_provider") && c["actor_provider"].is_number_integer()) e.actor_provider = c["actor_provider"].get<Id>();
    if (c.contains("actor_town") && c["actor_town"].is_number_integer()) e.actor_town = c["actor_town"].get<Id>();
    if (c.contains("details") && c["details"].is_object()) e.details = c["details"];
    return e;
}
}  // namespace

std::map<Id, std::vector<yiyang::AuditEvent>> order_histories(SQLite::Database& db, const std::vector<Id>& ids) {
    std::map<Id, std::vector<yiyang::AuditEvent>> out;
    if (ids.empty()) return out;
    const std::set<Id> wanted(ids.begin(), ids.end());
    const auto lo = *wanted.begin(), hi = *wanted.rbegin();
    // Dense ID sets (a month of orders) are read as one range of the (entity, entity_id, id) index; sparse ones
    // (a page of a town's orders spread over years) probe the index once per ID instead of walking the range.
    const bool dense = static_cast<std::uint64_t>(hi - lo) < 4 * static_cast<std::uint64_t>(wanted.size());
    std::string sql = "SELECT entity_id, at, actor_id, action, changes, reason FROM audit_events WHERE entity = 'work_order' AND ";
    if (dense) {
        sql += "entity_id BETWEEN ? AND ? ORDER BY entity_id, id";
    } else {
        sql += "entity_id IN (SELECT value FROM json_each(?)) ORDER BY entity_id, id";
    }
    Prepared prepared(db, sql);
    SQLite::Statement& st = *prepared;
    if (dense) {
        st.bind(1, static_cast<std::int64_t>(lo));
        st.bind(2, static_cast<std::int64_t>(hi));
    } else {
        st.bind(1, json(wanted).dump());
    }
    while (st.executeStep()) {
        const Id id = st.getColumn(0).getInt64();
        if (!wanted.count(id)) continue;
        if (auto e = lifecycle_event(st, 1, id)) out[id].push_back(std::move(*e));
    }
    return out;
}

std::map<Id, int> open_loads(SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT provider_id, COUNT(*) FROM work_orders WHERE provider_id IS NOT NULL AND "
                             "status IN ('dispatched', 'accepted', 'in_service') GROUP BY provider_id");
    std::map<Id, int> out;
    while (st.executeStep()) out[st.getColumn(0).getInt64()] = st.getColumn(1).getInt();
    return out;
}

}  // namespace yiyang::store
