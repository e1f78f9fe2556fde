// Indicator aggregates (kpi_daily.hpp): upserts of shared contributions in the writer's transaction, the
// pending orders' settling, the one-pass rebuild, and the period sums.
#include "store/kpi_daily.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "store/orders.hpp"
#include "store/rules.hpp"
#include "yiyang/order_lifecycle.hpp"

namespace yiyang::store {
namespace {

std::int64_t day_key(const Date& d) { return d.year * 10000 + d.month * 100 + d.day; }
std::int64_t day_key(LocalSeconds t) { return day_key(date_of(t)); }
std::int64_t month_key(const Date& d) { return d.year * 100 + d.month; }

struct Bucket {
    std::int64_t day = 0, town = 0, provider = 0;
    auto operator<=>(const Bucket&) const = default;
};
Bucket bucket_of(const WorkOrder& o) { return {day_key(o.created_at), o.town_id, o.provider_id.value_or(0)}; }

std::optional<std::int64_t> opt_int(SQLite::Statement& st, int col) {
    if (st.getColumn(col).isNull()) return std::nullopt;
    return st.getColumn(col).getInt64();
}

// The order counter columns, "response_rate_num, response_rate_den, ..." in order_kpi_formulas() order.
const std::string& counter_columns() {
    static const std::string cols = [] {
        std::string out;
        for (const auto& f : order_kpi_formulas()) {
            out += (out.empty() ? "" : ", ") + std::string(f.code) + "_num, " + f.code + "_den";
        }
        return out;
    }();
    return cols;
}

// INSERT ... ON CONFLICT DO UPDATE adding the given counters to a bucket of `table` (keyed by `key`).
std::string counters_upsert(const char* table, const char* key) {
    std::string sql = std::string("INSERT INTO ") + table + " (" + key + ", town_id, provider_id, " + counter_columns() +
                      ") VALUES (?, ?, ?";
    for (std::size_t i = 0; i < 2 * kOrderKpiFormulaCount; ++i) sql += ", ?";
    sql += ") ON CONFLICT DO UPDATE SET ";
    bool first = true;
    for (const auto& f : order_kpi_formulas()) {
        for (const char* side : {"_num", "_den"}) {
            const std::string c = std::string(f.code) + side;
            sql += (first ? "" : ", ") + c + " = " + c + " + excluded." + c;
            first = false;
        }
    }
    return sql;
}

void add_counters(SQLite::Database& db, const Bucket& b, const OrderKpiCounts& c) {
    if (c.zero()) return;
    for (const auto& [table, key, value] : {std::tuple{"kpi_daily", "day", b.day}, std::tuple{"kpi_monthly", "month", b.day / 100}}) {
        SQLite::Statement st(db, counters_upsert(table, key));
        st.bind(1, value);
        st.bind(2, b.town);
        st.bind(3, b.provider);
        for (std::size_t i = 0; i < kOrderKpiFormulaCount; ++i) {
            st.bind(static_cast<int>(4 + 2 * i), c.num[i]);
            st.bind(static_cast<int>(5 + 2 * i), c.den[i]);
        }
        st.exec();
    }
}

void add_sla(SQLite::Database& db, const Bucket& b, const std::map<std::string, SlaRuleCounts>& by_rule, int sign) {
    for (const auto& [rule, n] : by_rule) {
        for (const auto& [table, key, value] : {std::tuple{"kpi_sla_daily", "day", b.day}, std::tuple{"kpi_sla_monthly", "month", b.day / 100}}) {
            SQLite::Statement st(db, std::string("INSERT INTO ") + table + " (" + key + ", town_id, provider_id, rule, met, decided) "
                                     "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET met = met + excluded.met, "
                                     "decided = decided + excluded.decided");
            st.bind(1, value);
            st.bind(2, b.town);
            st.bind(3, b.provider);
            st.bind(4, rule);
            st.bind(5, sign * n.met);
            st.bind(6, sign * n.decided);
            st.exec();
        }
    }
}

void set_pending(SQLite::Database& db, Id id, const Bucket& b, LocalSeconds recheck_at) {
    SQLite::Statement st(db, "INSERT OR REPLACE INTO kpi_pending (order_id, day, town_id, provider_id, recheck_at) "
                             "VALUES (?, ?, ?, ?, ?)");
    st.bind(1, static_cast<std::int64_t>(id));
    st.bind(2, b.day);
    st.bind(3, b.town);
    st.bind(4, b.provider);
    st.bind(5, static_cast<std::int64_t>(recheck_at));
    st.exec();
}

// One row of kpi_calls_daily through `ins` (INSERT ... (day, inbound, connected, calls, staffing_calls, agents)).
void insert_call_day(SQLite::Statement& ins, const KpiCallDay& d) {
    ins.reset();
    ins.bind(1, day_key(d.day));
    ins.bind(2, d.inbound);
    ins.bind(3, d.connected);
    ins.bind(4, d.calls);
    ins.bind(5, d.staffing_calls);
    ins.bind(6, d.agents);
    ins.exec();
}

// ---- the rules the SLA clocks are computed with: the `rules` table, parsed once per content ----
struct Rules {
    std::shared_ptr<const RuleBook> book;
    std::string fingerprint;   // the SLA rule sets and calendars (versions are immutable: UNIQUE (kind, version))
};
Rules rules_for(SQLite::Database& db, std::int64_t rows, std::int64_t max_id) {
    static std::mutex m;
    static std::map<std::string, Rules> cache;   // by database file + rules rows
    const std::string key = std::string(sqlite3_db_filename(db.getHandle(), "main")) + "#" + std::to_string(rows) +
                            "#" + std::to_string(max_id);
    std::lock_guard<std::mutex> lock(m);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
    Rules r;
    auto book = std::make_shared<RuleBook>(load_rules(db));
    nlohmann::json fp = nlohmann::json::array();
    for (const char* kind : {RuleKindOf<SlaRuleSet>::code, RuleKindOf<WorkCalendar>::code}) {
        for (const RuleVersion& v : book->versions(kind)) {
            fp.push_back(nlohmann::json::array({kind, v.version, format_date(v.effective_from)}));
        }
    }
    r.fingerprint = fp.dump();
    r.book = std::move(book);
    if (cache.size() > 64) cache.clear();
    cache[key] = r;
    return r;
}

Rules current_rules(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM rules");
    q.executeStep();
    return rules_for(db, q.getColumn(0).getInt64(), q.getColumn(1).getInt64());
}

std::vector<SlaClock> clocks_of(const RuleBook& rules, const WorkOrder& o, const std::vector<yiyang::AuditEvent>& history,
                                LocalSeconds now) {
    const Date created = date_of(o.created_at);
    return clocks_for(o, history, rules.sla_on(created), rules.calendar_on(created), now);
}

std::optional<std::string> state(SQLite::Database& db, const char* key) {
    SQLite::Statement st(db, "SELECT value FROM kpi_state WHERE key = ?");
    st.bind(1, key);
    if (!st.executeStep()) return std::nullopt;
    return st.getColumn(0).getString();
}
void set_state(SQLite::Database& db, const char* key, const std::string& value) {
    SQLite::Statement st(db, "INSERT OR REPLACE INTO kpi_state (key, value) VALUES (?, ?)");
    st.bind(1, key);
    st.bind(2, value);
    st.exec();
}

enum class Built { No, OrdersOnly, All };   // OrdersOnly: built under other SLA rules (the next refresh rebuilds all)
Built built(SQLite::Database& db, const Rules& rules) {
    if (state(db, "built") != std::string("1")) return Built::No;
    return state(db, "sla_rules") == rules.fingerprint ? Built::All : Built::OrdersOnly;
}

// A time not later than the real "now" of the server: the latest audit event's (every write appends one, at
// the server's clock), or the newest order's creation. Judging clocks at a lower bound only leaves orders
// pending that could have settled; it never settles one wrongly.
LocalSeconds now_lower_bound(SQLite::Database& db) {
    LocalSeconds now = 0;
    SQLite::Statement a(db, "SELECT at FROM audit_events ORDER BY id DESC LIMIT 1");
    if (a.executeStep()) now = a.getColumn(0).getInt64();
    SQLite::Statement o(db, "SELECT MAX(created_at) FROM work_orders");
    if (o.executeStep() && !o.getColumn(0).isNull()) now = std::max<LocalSeconds>(now, o.getColumn(0).getInt64());
    return now;
}

// What every write's maintenance reads first, in ONE statement (a write must stay cheap): the rules, whether
// and with which SLA rules the aggregates were built, and a lower bound of "now" (see now_lower_bound).
struct WriteContext {
    Rules rules;
    Built built = Built::No;
    LocalSeconds now = 0;
};
WriteContext write_context(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT (SELECT COUNT(*) FROM rules), (SELECT COALESCE(MAX(id), 0) FROM rules), "
                            "(SELECT value FROM kpi_state WHERE key = 'built'), "
                            "(SELECT value FROM kpi_state WHERE key = 'sla_rules'), "
                            "(SELECT at FROM audit_events ORDER BY id DESC LIMIT 1), "
                            "(SELECT MAX(created_at) FROM work_orders)");
    q.executeStep();
    WriteContext c;
    c.rules = rules_for(db, q.getColumn(0).getInt64(), q.getColumn(1).getInt64());
    if (q.getColumn(2).getString() == "1") {
        c.built = q.getColumn(3).getString() == c.rules.fingerprint ? Built::All : Built::OrdersOnly;
    }
    c.now = std::max<LocalSeconds>(q.getColumn(4).isNull() ? 0 : q.getColumn(4).getInt64(),
                                   q.getColumn(5).isNull() ? 0 : q.getColumn(5).getInt64());
    return c;
}

// Settles pending orders (see settle_kpi_pending), never `skip` (being written in this transaction).
int settle(SQLite::Database& db, const Rules& rules, LocalSeconds now, int limit, Id skip) {
    std::vector<Id> ids;
    {
        SQLite::Statement st(db, "SELECT order_id FROM kpi_pending WHERE recheck_at <= ? ORDER BY recheck_at LIMIT ?");
        st.bind(1, static_cast<std::int64_t>(now));
        st.bind(2, limit);
        while (st.executeStep()) {
            if (st.getColumn(0).getInt64() != skip) ids.push_back(st.getColumn(0).getInt64());
        }
    }
    if (ids.empty()) return 0;
    const auto orders = get_orders(db, ids);
    const auto histories = order_histories(db, ids);
    const std::vector<yiyang::AuditEvent> none;
    int settled = 0;
    for (const Id id : ids) {
        auto it = orders.find(id);
        if (it == orders.end()) {   // deleted: nothing of it is counted
            SQLite::Statement del(db, "DELETE FROM kpi_pending WHERE order_id = ?");
            del.bind(1, static_cast<std::int64_t>(id));
            del.exec();
            continue;
        }
        const auto h = histories.find(id);
        const auto& history = h == histories.end() ? none : h->second;
        const WorkOrder& o = it->second.order;
        LocalSeconds recheck;
        // Every lifecycle event bumps the version in its transaction: fewer events than that means the event of
        // the latest write is not appended yet (or was never written): look again later, evaluated until then.
        if (static_cast<std::int64_t>(history.size()) != it->second.version - 1) {
            recheck = now + 60;
        } else {
            const auto c = sla_contribution(o, clocks_of(*rules.book, o, history, now), now);
            if (c.settled) {
                add_sla(db, bucket_of(o), c.by_rule, +1);
                SQLite::Statement del(db, "DELETE FROM kpi_pending WHERE order_id = ?");
                del.bind(1, static_cast<std::int64_t>(id));
                del.exec();
                ++settled;
                continue;
            }
            recheck = c.recheck_at;
        }
        SQLite::Statement up(db, "UPDATE kpi_pending SET recheck_at = ? WHERE order_id = ?");
        up.bind(1, static_cast<std::int64_t>(recheck));
        up.bind(2, static_cast<std::int64_t>(id));
        up.exec();
    }
    return settled;
}

// Orders settled per write beyond the one written: bounded, so a write never pays for a backlog at once.
constexpr int kSettlePerWrite = 8;

// The whole rebuild: everything (with_counters) or the SLA part only, from every order and call.
void rebuild(SQLite::Database& db, const Rules& rules, bool with_counters) {
    const LocalSeconds now = now_lower_bound(db);
    db.exec("DELETE FROM kpi_sla_daily; DELETE FROM kpi_sla_monthly; DELETE FROM kpi_pending;");
    if (with_counters) db.exec("DELETE FROM kpi_daily; DELETE FROM kpi_monthly; DELETE FROM kpi_calls_daily;");
    // Lifecycle histories of the orders that have any (version > 1); bulk-loaded orders have none.
    std::vector<Id> acted;
    {
        SQLite::Statement st(db, "SELECT id FROM work_orders WHERE version > 1");
        while (st.executeStep()) acted.push_back(st.getColumn(0).getInt64());
    }
    const auto histories = order_histories(db, acted);
    const std::vector<yiyang::AuditEvent> none;
    std::map<Bucket, OrderKpiCounts> counters;
    std::map<std::pair<Bucket, std::string>, SlaRuleCounts> sla;
    {
        SQLite::Statement st(db, "SELECT id, channel, type, status, satisfaction, complaint_valid, town_id, provider_id, "
                                 "created_at, urgency, dispatched_at, completed_at, closed_at, paused_since, "
                                 "acknowledged_at, acknowledged_by FROM work_orders");
        SQLite::Statement pend(db, "INSERT INTO kpi_pending (order_id, day, town_id, provider_id, recheck_at) VALUES (?, ?, ?, ?, ?)");
        WorkOrder o;
        while (st.executeStep()) {
            o.id = st.getColumn(0).getInt64();
            o.channel = parse_Channel(st.getColumn(1).getText()).value_or(Channel::Hotline);
            o.type = parse_OrderType(st.getColumn(2).getText()).value_or(OrderType::Consultation);
            o.status = parse_OrderStatus(st.getColumn(3).getText()).value_or(OrderStatus::Received);
            o.satisfaction.reset();
            if (auto v = opt_int(st, 4)) o.satisfaction = static_cast<int>(*v);
            o.complaint_valid.reset();
            if (auto v = opt_int(st, 5)) o.complaint_valid = *v != 0;
            o.town_id = st.getColumn(6).getInt64();
            o.provider_id = opt_int(st, 7);
            o.created_at = st.getColumn(8).getInt64();
            o.urgency = parse_Urgency(st.getColumn(9).getText()).value_or(Urgency::Normal);
            o.dispatched_at = opt_int(st, 10);
            o.completed_at = opt_int(st, 11);
            o.closed_at = opt_int(st, 12);
            o.paused_since = opt_int(st, 13);
            o.acknowledged_at = opt_int(st, 14);
            o.acknowledged_by = opt_int(st, 15);
            const Bucket b = bucket_of(o);
            if (with_counters) counters[b] += order_kpi_contribution(o, rules.book->sla_on(date_of(o.created_at)));
            const auto h = histories.find(o.id);
            const auto c = sla_contribution(o, clocks_of(*rules.book, o, h == histories.end() ? none : h->second, now), now);
            if (c.settled) {
                for (const auto& [rule, n] : c.by_rule) {
                    auto& s = sla[{b, rule}];
                    s.met += n.met;
                    s.decided += n.decided;
                }
            } else {
                pend.reset();
                pend.bind(1, static_cast<std::int64_t>(o.id));
                pend.bind(2, b.day);
                pend.bind(3, b.town);
                pend.bind(4, b.provider);
                pend.bind(5, static_cast<std::int64_t>(c.recheck_at));
                pend.exec();
            }
        }
    }
    if (with_counters) {
        SQLite::Statement ins(db, counters_upsert("kpi_daily", "day"));
        for (const auto& [b, c] : counters) {
            ins.reset();
            ins.bind(1, b.day);
            ins.bind(2, b.town);
            ins.bind(3, b.provider);
            for (std::size_t i = 0; i < kOrderKpiFormulaCount; ++i) {
                ins.bind(static_cast<int>(4 + 2 * i), c.num[i]);
                ins.bind(static_cast<int>(5 + 2 * i), c.den[i]);
            }
            ins.exec();
        }
        std::string sums;
        for (const auto& f : order_kpi_formulas()) {
            sums += std::string(", SUM(") + f.code + "_num), SUM(" + f.code + "_den)";
        }
        db.exec("INSERT INTO kpi_monthly (month, town_id, provider_id, " + counter_columns() + ") SELECT day / 100, "
                "town_id, provider_id" + sums + " FROM kpi_daily GROUP BY day / 100, town_id, provider_id");
    }
    {
        SQLite::Statement ins(db, "INSERT INTO kpi_sla_daily (day, town_id, provider_id, rule, met, decided) VALUES (?, ?, ?, ?, ?, ?)");
        for (const auto& [k, n] : sla) {
            ins.reset();
            ins.bind(1, k.first.day);
            ins.bind(2, k.first.town);
            ins.bind(3, k.first.provider);
            ins.bind(4, k.second);
            ins.bind(5, n.met);
            ins.bind(6, n.decided);
            ins.exec();
        }
        db.exec("INSERT INTO kpi_sla_monthly (month, town_id, provider_id, rule, met, decided) SELECT day / 100, town_id, "
                "provider_id, rule, SUM(met), SUM(decided) FROM kpi_sla_daily GROUP BY day / 100, town_id, provider_id, rule");
    }
    if (with_counters) {
        // Calls day by day in start order (index calls_started): one day's calls in memory at a time.
        SQLite::Statement st(db, "SELECT id, direction, started_at, answered, agent FROM calls ORDER BY started_at");
        SQLite::Statement ins(db, "INSERT INTO kpi_calls_daily (day, inbound, connected, calls, staffing_calls, agents) "
                                  "VALUES (?, ?, ?, ?, ?, ?)");
        std::vector<KpiCall> day_calls;
        std::int64_t current = -1;
        auto flush = [&] {
            for (const auto& d : call_days(day_calls)) insert_call_day(ins, d);
            day_calls.clear();
        };
        while (st.executeStep()) {
            KpiCall c;
            c.id = st.getColumn(0).getInt64();
            c.inbound = std::string_view(st.getColumn(1).getText()) != "outbound";
            c.started_at = st.getColumn(2).getInt64();
            c.answered = st.getColumn(3).getInt() != 0;
            c.agent = st.getColumn(4).getString();
            const std::int64_t d = day_key(c.started_at);
            if (d != current) {
                flush();
                current = d;
            }
            day_calls.push_back(std::move(c));
        }
        flush();
        set_state(db, "built", "1");
    }
    set_state(db, "sla_rules", rules.fingerprint);
}

}  // namespace

void kpi_order_inserted(SQLite::Database& db, const WorkOrder& order) {
    const WriteContext ctx = write_context(db);
    const Rules& rules = ctx.rules;
    if (ctx.built == Built::No) return;   // the next refresh builds everything from the records
    add_counters(db, bucket_of(order), order_kpi_contribution(order, rules.book->sla_on(date_of(order.created_at))));
    if (ctx.built != Built::All) return;
    const LocalSeconds now = std::max(ctx.now, order.created_at);
    settle(db, rules, now, kSettlePerWrite, order.id);
    // A new order has no lifecycle event: its clocks are complete now (settled at once when it has none running).
    const auto c = sla_contribution(order, clocks_of(*rules.book, order, {}, now), now);
    if (c.settled) add_sla(db, bucket_of(order), c.by_rule, +1);
    else set_pending(db, order.id, bucket_of(order), c.recheck_at);
}

void kpi_order_updated(SQLite::Database& db, const WorkOrder& before, const WorkOrder& after) {
    const WriteContext ctx = write_context(db);
    const Rules& rules = ctx.rules;
    const Built b = ctx.built;
    if (b == Built::No) return;
    const auto was = order_kpi_contribution(before, rules.book->sla_on(date_of(before.created_at)));
    const auto is = order_kpi_contribution(after, rules.book->sla_on(date_of(after.created_at)));
    if (!(was == is) || !(bucket_of(before) == bucket_of(after))) {
        OrderKpiCounts minus;
        minus -= was;
        add_counters(db, bucket_of(before), minus);
        add_counters(db, bucket_of(after), is);
    }
    if (b != Built::All) return;
    const LocalSeconds now = ctx.now;
    settle(db, rules, now, kSettlePerWrite, after.id);
    SQLite::Statement p(db, "SELECT 1 FROM kpi_pending WHERE order_id = ?");
    p.bind(1, static_cast<std::int64_t>(before.id));
    if (!p.executeStep()) {
        // Settled before this write: take out exactly what it added. Its stored history is the one it was
        // settled with (this write's event is appended after this call) and settled clocks do not change with
        // time, so the same function gives the same counts.
        const auto histories = order_histories(db, {before.id});
        const auto h = histories.find(before.id);
        const auto c = sla_contribution(before, clocks_of(*rules.book, before, h == histories.end() ? std::vector<yiyang::AuditEvent>{} : h->second, now), now);
        if (c.settled) add_sla(db, bucket_of(before), c.by_rule, -1);
    }
    // Until its event is appended and a later write settles it, the order is evaluated from its records.
    set_pending(db, after.id, bucket_of(after), 0);
}

void kpi_calls_changed(SQLite::Database& db, const std::set<Date>& days) {
    const Rules rules = current_rules(db);
    if (built(db, rules) == Built::No) return;
    SQLite::Statement st(db, "SELECT id, direction, started_at, answered, agent FROM calls WHERE started_at >= ? AND started_at < ?");
    SQLite::Statement del(db, "DELETE FROM kpi_calls_daily WHERE day = ?");
    SQLite::Statement ins(db, "INSERT INTO kpi_calls_daily (day, inbound, connected, calls, staffing_calls, agents) "
                              "VALUES (?, ?, ?, ?, ?, ?)");
    for (const Date& d : days) {
        st.reset();
        st.bind(1, static_cast<std::int64_t>(start_of(d)));
        st.bind(2, static_cast<std::int64_t>(start_of(add_days(d, 1))));
        std::vector<KpiCall> calls;
        while (st.executeStep()) {
            KpiCall c;
            c.id = st.getColumn(0).getInt64();
            c.inbound = std::string_view(st.getColumn(1).getText()) != "outbound";
            c.started_at = st.getColumn(2).getInt64();
            c.answered = st.getColumn(3).getInt() != 0;
            c.agent = st.getColumn(4).getString();
            calls.push_back(std::move(c));
        }
        del.reset();
        del.bind(1, day_key(d));
        del.exec();
        for (const auto& row : call_days(calls)) insert_call_day(ins, row);
    }
}

int settle_kpi_pending(SQLite::Database& db, LocalSeconds now, int limit) {
    const Rules rules = current_rules(db);
    if (built(db, rules) != Built::All) return 0;
    return settle(db, rules, now, limit, 0);
}

void refresh_kpi_aggregates(SQLite::Database& db) {
    const Rules rules = current_rules(db);
    const Built b = built(db, rules);
    if (b == Built::All) return;
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    // The order counters depend on the SLA rules too (emergency_answer_rate reads the answer window of the
    // order's day), so new SLA rules rebuild everything, not only the SLA part.
    rebuild(db, rules, true);
    // Said once per (re)build: it takes seconds at city scale, and an operator should see why a start waits.
    std::fprintf(stderr, "indicator aggregates %s in %.1f s (CPU %.1f s)\n", b == Built::No ? "built" : "rebuilt for new SLA rules",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                 static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
}

void invalidate_kpi_aggregates(SQLite::Database& db) { db.exec("DELETE FROM kpi_state"); }

bool kpi_aggregates_current(SQLite::Database& db) { return built(db, current_rules(db)) == Built::All; }

KpiSums read_kpi_sums(SQLite::Database& db, const Period& period, std::optional<Id> town, std::optional<Id> provider,
                      bool with_calls) {
    KpiSums out;
    const std::int64_t m0 = month_key(period.first_day()), m1 = month_key(period.last_day());
    std::string scope;
    if (town) scope += " AND town_id = :town";
    if (provider) scope += " AND provider_id = :provider";
    auto bind = [&](SQLite::Statement& st, std::int64_t from, std::int64_t to) {
        st.bind(":from", from);
        st.bind(":to", to);
        if (town) st.bind(":town", static_cast<std::int64_t>(*town));
        if (provider) st.bind(":provider", static_cast<std::int64_t>(*provider));
    };
    {
        std::string sums;
        for (const auto& f : order_kpi_formulas()) {
            sums += (sums.empty() ? "" : ", ") + std::string("COALESCE(SUM(") + f.code + "_num), 0), COALESCE(SUM(" +
                    f.code + "_den), 0)";
        }
        SQLite::Statement st(db, "SELECT " + sums + " FROM kpi_monthly WHERE month BETWEEN :from AND :to" + scope);
        bind(st, m0, m1);
        if (st.executeStep()) {
            for (std::size_t i = 0; i < kOrderKpiFormulaCount; ++i) {
                out.orders.num[i] = st.getColumn(static_cast<int>(2 * i)).getInt64();
                out.orders.den[i] = st.getColumn(static_cast<int>(2 * i + 1)).getInt64();
            }
        }
    }
    {
        SQLite::Statement st(db, "SELECT rule, SUM(met), SUM(decided) FROM kpi_sla_monthly WHERE month BETWEEN :from AND :to" +
                                     scope + " GROUP BY rule");
        bind(st, m0, m1);
        while (st.executeStep()) {
            out.sla[st.getColumn(0).getString()] = {st.getColumn(1).getInt64(), st.getColumn(2).getInt64()};
        }
    }
    {
        SQLite::Statement st(db, "SELECT order_id FROM kpi_pending WHERE day BETWEEN :from AND :to" + scope);
        bind(st, day_key(period.first_day()), day_key(period.last_day()));
        while (st.executeStep()) out.pending.push_back(st.getColumn(0).getInt64());
    }
    if (with_calls) {
        SQLite::Statement st(db, "SELECT day, inbound, connected, calls, staffing_calls, agents FROM kpi_calls_daily "
                                 "WHERE day BETWEEN ? AND ? ORDER BY day");
        st.bind(1, day_key(period.first_day()));
        st.bind(2, day_key(period.last_day()));
        while (st.executeStep()) {
            KpiCallDay d;
            const auto k = st.getColumn(0).getInt64();
            d.day = Date{static_cast<int>(k / 10000), static_cast<int>(k / 100 % 100), static_cast<int>(k % 100)};
            d.inbound = st.getColumn(1).getInt64();
            d.connected = st.getColumn(2).getInt64();
            d.calls = st.getColumn(3).getInt64();
            d.staffing_calls = st.getColumn(4).getInt64();
            d.agents = st.getColumn(5).getInt64();
            out.call_days.push_back(d);
        }
    }
    return out;
}

std::vector<Id> providers_with_orders(SQLite::Database& db, const Date& first, const Date& last) {
    // response_rate's denominator is every order (kpi.cpp every_order).
    SQLite::Statement st(db, "SELECT provider_id FROM kpi_monthly WHERE provider_id <> 0 AND month BETWEEN ? AND ? "
                             "GROUP BY provider_id HAVING SUM(response_rate_den) > 0 ORDER BY provider_id");
    st.bind(1, month_key(first));
    st.bind(2, month_key(last));
    std::vector<Id> out;
    while (st.executeStep()) out.push_back(st.getColumn(0).getInt64());
    return out;
}

}  // namespace yiyang::store
