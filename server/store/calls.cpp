// Call-record repository: import batches (skip calls already stored, link new inbound calls to orders with
// shared link_calls_to_orders) and period lists. Linking candidates come from indexed per-number lookups.
#include "store/calls.hpp"

#include "store/kpi_daily.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace yiyang::store {
namespace {

constexpr const char* kColumns =
    "c.id, c.call_key, c.direction, c.caller, c.callee, c.started_at, c.answered_at, c.ended_at, c.disposition, "
    "c.agent, c.order_id, c.import_id, COALESCE(o.code, '')";

CallDisposition disposition_from(const std::string& s) {
    for (auto d : {CallDisposition::Answered, CallDisposition::NoAnswer, CallDisposition::Busy,
                   CallDisposition::Abandoned, CallDisposition::Failed}) {
        if (s == code(d)) return d;
    }
    return CallDisposition::Failed;
}

StoredCall read_row(SQLite::Statement& st) {
    StoredCall s;
    s.id = st.getColumn(0).getInt64();
    s.call_key = st.getColumn(1).getString();
    s.call.call_id = s.call_key;
    s.call.direction = st.getColumn(2).getString() == "outbound" ? CallDirection::Outbound : CallDirection::Inbound;
    s.call.caller = st.getColumn(3).getString();
    s.call.callee = st.getColumn(4).getString();
    s.call.start = st.getColumn(5).getInt64();
    if (!st.getColumn(6).isNull()) s.call.answer = st.getColumn(6).getInt64();
    s.call.end = st.getColumn(7).getInt64();
    s.call.disposition = disposition_from(st.getColumn(8).getString());
    s.call.agent = st.getColumn(9).getString();
    if (!st.getColumn(10).isNull()) s.order_id = st.getColumn(10).getInt64();
    s.import_id = st.getColumn(11).getInt64();
    s.order_code = st.getColumn(12).getString();
    return s;
}

// Spellings under which an elder's phone may be stored for this caller number (the shared linker then
// compares them exactly, ignoring the 86 / 0 trunk prefix).
std::vector<std::string> phone_variants(const std::string& n) {
    std::set<std::string> v{n, "0" + n, "86" + n};
    if (n.rfind("86", 0) == 0 && n.size() > 2) v.insert(n.substr(2));
    if (n.rfind("0", 0) == 0 && n.size() > 1) v.insert(n.substr(1));
    return {v.begin(), v.end()};
}

void add_filter(std::string& where, const CallFilter& f) {
    if (f.started) where += " AND c.started_at >= :from AND c.started_at < :to";
    if (f.from) where += " AND c.started_at >= :day_from";
    if (f.to) where += " AND c.started_at < :day_to";
    if (!f.direction.empty()) where += " AND c.direction = :direction";
    if (!f.disposition.empty()) where += " AND c.disposition = :disposition";
    if (!f.agent.empty()) where += " AND c.agent = :agent";
    if (!f.number.empty()) {
        if (f.number_exact) {
            where += " AND (c.caller IN (:n0, :n1, :n2, :n3) OR c.callee IN (:n0, :n1, :n2, :n3))";
        } else {
            where += " AND (instr(c.caller, :n0) > 0 OR instr(c.callee, :n0) > 0)";
        }
    }
}
void bind_filter(SQLite::Statement& st, const CallFilter& f) {
    if (f.started) {
        st.bind(":from", static_cast<std::int64_t>(start_of(f.started->first_day())));
        st.bind(":to", static_cast<std::int64_t>(start_of(add_days(f.started->last_day(), 1))));
    }
    if (f.from) st.bind(":day_from", static_cast<std::int64_t>(start_of(*f.from)));
    if (f.to) st.bind(":day_to", static_cast<std::int64_t>(start_of(add_days(*f.to, 1))));
    if (!f.direction.empty()) st.bind(":direction", f.direction);
    if (!f.disposition.empty()) st.bind(":disposition", f.disposition);
    if (!f.agent.empty()) st.bind(":agent", f.agent);
    if (!f.number.empty()) {
        if (f.number_exact) {
            auto v = phone_variants(f.number);
            v.resize(4, v.front());
            for (int i = 0; i < 4; ++i) st.bind((":n" + std::to_string(i)).c_str(), v[static_cast<std::size_t>(i)]);
        } else {
            st.bind(":n0", f.number);
        }
    }
}
}  // namespace

std::string call_key(const CallRecord& c) {
    if (!c.call_id.empty()) return c.call_id;
    return c.caller + "@" + format_timestamp(c.start);
}

const char* const kInsertCallSql =
    "INSERT INTO calls (call_key, direction, caller, callee, started_at, answered, answered_at, ended_at, disposition, "
    "agent, order_id, import_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";

void insert_call_row(SQLite::Statement& st, const CallRecord& c, std::optional<Id> order_id, Id import_id) {
    st.reset();
    st.clearBindings();
    st.bind(1, call_key(c));
    st.bind(2, code(c.direction));
    st.bind(3, c.caller);
    st.bind(4, c.callee);
    st.bind(5, static_cast<std::int64_t>(c.start));
    st.bind(6, c.disposition == CallDisposition::Answered ? 1 : 0);
    if (c.answer) st.bind(7, static_cast<std::int64_t>(*c.answer)); else st.bind(7);
    st.bind(8, static_cast<std::int64_t>(c.end));
    st.bind(9, code(c.disposition));
    st.bind(10, c.agent);
    if (order_id) st.bind(11, static_cast<std::int64_t>(*order_id)); else st.bind(11);
    st.bind(12, static_cast<std::int64_t>(import_id));
    st.exec();
}

CallImportCounts import_calls(SQLite::Database& db, const CdrImport& parsed, const CallImportBatch& batch,
                              int window_minutes) {
    CallImportCounts out;
    out.rows = parsed.summary.rows;
    {
        SQLite::Statement st(db, "INSERT INTO call_imports (at, user_id, username, file_name, format, rows, imported, "
                                 "duplicates, linked) VALUES (?,?,?,?,?,?,0,0,0)");
        st.bind(1, static_cast<std::int64_t>(batch.at));
        if (batch.user_id) st.bind(2, static_cast<std::int64_t>(batch.user_id)); else st.bind(2);
        st.bind(3, batch.username);
        st.bind(4, batch.file_name);
        st.bind(5, batch.format);
        st.bind(6, out.rows);
        st.exec();
        out.import_id = db.getLastInsertRowid();
    }
    // Calls not stored yet (the parser already refused duplicates inside the file).
    std::vector<CallRecord> fresh;
    {
        SQLite::Statement exists(db, "SELECT 1 FROM calls WHERE call_key = ?");
        for (const auto& c : parsed.records) {
            exists.reset();
            exists.bind(1, call_key(c));
            if (exists.executeStep()) { ++out.duplicates; continue; }
            fresh.push_back(c);
        }
    }
    // Candidate orders per distinct inbound caller, within that caller's time span plus the window.
    std::vector<OrderPhone> candidates;
    {
        std::map<std::string, std::pair<LocalSeconds, LocalSeconds>> spans;
        for (const auto& c : fresh) {
            if (c.direction != CallDirection::Inbound) continue;
            auto [it, added] = spans.try_emplace(c.caller, c.start, c.start);
            if (!added) {
                it->second.first = std::min(it->second.first, c.start);
                it->second.second = std::max(it->second.second, c.start);
            }
        }
        SQLite::Statement q(db, "SELECT o.id, e.phone, o.created_at FROM elders e JOIN work_orders o ON o.elder_id = e.id "
                                "WHERE e.phone = ? AND o.created_at >= ? AND o.created_at <= ? AND NOT EXISTS "
                                "(SELECT 1 FROM calls c WHERE c.order_id = o.id)");
        std::set<Id> seen;
        for (const auto& [caller, span] : spans) {
            for (const auto& phone : phone_variants(caller)) {
                q.reset();
                q.bind(1, phone);
                q.bind(2, static_cast<std::int64_t>(span.first));
                q.bind(3, static_cast<std::int64_t>(span.second + window_minutes * 60));
                while (q.executeStep()) {
                    const Id id = q.getColumn(0).getInt64();
                    if (seen.insert(id).second) {
                        candidates.push_back({id, q.getColumn(1).getString(), q.getColumn(2).getInt64()});
                    }
                }
            }
        }
    }
    std::map<std::size_t, Id> link;
    for (const auto& l : link_calls_to_orders(fresh, candidates, window_minutes)) link[l.call_index] = l.order_id;

    SQLite::Statement ins(db, kInsertCallSql);
    for (std::size_t i = 0; i < fresh.size(); ++i) {
        std::optional<Id> order;
        if (auto it = link.find(i); it != link.end()) {
            order = it->second;
            ++out.linked;
        }
        insert_call_row(ins, fresh[i], order, out.import_id);
        ++out.imported;
    }
    // The days these calls fall on get their indicator rows recomputed (same transaction).
    std::set<Date> days;
    for (const auto& c : fresh) days.insert(date_of(c.start));
    kpi_calls_changed(db, days);
    SQLite::Statement upd(db, "UPDATE call_imports SET imported = ?, duplicates = ?, linked = ? WHERE id = ?");
    upd.bind(1, out.imported);
    upd.bind(2, out.duplicates);
    upd.bind(3, out.linked);
    upd.bind(4, static_cast<std::int64_t>(out.import_id));
    upd.exec();
    return out;
}

std::int64_t count_calls(SQLite::Database& db, const CallFilter& filter) {
    std::string sql = "SELECT COUNT(*) FROM calls c WHERE 1=1";
    add_filter(sql, filter);
    SQLite::Statement st(db, sql);
    bind_filter(st, filter);
    st.executeStep();
    return st.getColumn(0).getInt64();
}

const std::vector<std::string>& call_sort_fields() {
    static const std::vector<std::string> fields = {"started_at", "duration", "talk", "agent", "disposition",
                                                    "direction"};
    return fields;
}

std::vector<StoredCall> find_calls(SQLite::Database& db, const CallFilter& filter, int page, int page_size,
                                   const std::string& sort, bool descending) {
    std::string sql = std::string("SELECT ") + kColumns + " FROM calls c LEFT JOIN work_orders o ON o.id = c.order_id "
                      "WHERE 1=1";
    add_filter(sql, filter);
    const std::string dir = descending ? " DESC" : "";
    // started_at walks the calls_started index; the other keys sort the filtered calls (a month: ~170 000 rows in
    // the city, sorted once per page request). Ties by id in the same direction: pages never repeat a call.
    std::string key = "c.started_at";
    if (sort == "duration") key = "(c.ended_at - c.started_at)";
    else if (sort == "talk") key = "(CASE WHEN c.answered_at IS NULL THEN 0 ELSE c.ended_at - c.answered_at END)";
    else if (sort == "agent") key = "c.agent";
    else if (sort == "disposition") key = "c.disposition";
    else if (sort == "direction") key = "c.direction";
    sql += " ORDER BY " + key + dir + ", c.id" + dir;
    sql += " LIMIT :limit OFFSET :offset";
    SQLite::Statement st(db, sql);
    bind_filter(st, filter);
    st.bind(":limit", page_size);
    st.bind(":offset", static_cast<std::int64_t>(page - 1) * page_size);
    std::vector<StoredCall> out;
    while (st.executeStep()) out.push_back(read_row(st));
    return out;
}

std::vector<StoredCall> calls_by_ids(SQLite::Database& db, const std::vector<Id>& ids) {
    std::vector<Id> sorted(ids.begin(), ids.end());
    std::sort(sorted.begin(), sorted.end());
    SQLite::Statement st(db, std::string("SELECT ") + kColumns +
                                 " FROM calls c LEFT JOIN work_orders o ON o.id = c.order_id WHERE c.id = ?");
    std::vector<StoredCall> out;
    for (Id id : sorted) {
        st.reset();
        st.bind(1, static_cast<std::int64_t>(id));
        if (st.executeStep()) out.push_back(read_row(st));
    }
    return out;
}

}  // namespace yiyang::store
