// KPI inputs: one range scan over the covering index work_orders_kpi (created_at first) selecting only the
// columns the shared formulas read, so a city month (~190 000 orders) never touches the table's pages.
#include "store/kpi_inputs.hpp"

#include <unordered_map>

namespace yiyang::store {
namespace {

std::optional<std::int64_t> opt_int(SQLite::Statement& st, int col) {
    if (st.getColumn(col).isNull()) return std::nullopt;
    return st.getColumn(col).getInt64();
}

LocalSeconds period_from(const Period& p) { return start_of(p.first_day()); }
LocalSeconds period_to(const Period& p) { return start_of(add_days(p.last_day(), 1)); }

}  // namespace

std::vector<WorkOrder> load_kpi_orders(SQLite::Database& db, const Period& period, std::optional<Id> town,
                                       std::optional<Id> provider, bool with_times) {
    std::string where = " FROM work_orders WHERE created_at >= :from AND created_at < :to";
    if (town) where += " AND town_id = :town";
    if (provider) where += " AND provider_id = :provider";
    auto bind = [&](SQLite::Statement& st) {
        st.bind(":from", static_cast<std::int64_t>(period_from(period)));
        st.bind(":to", static_cast<std::int64_t>(period_to(period)));
        if (town) st.bind(":town", static_cast<std::int64_t>(*town));
        if (provider) st.bind(":provider", static_cast<std::int64_t>(*provider));
    };
    // Without times every column here is in the covering index work_orders_kpi (migration 4): no table page is
    // read. With times the rows are read from the table (by the created_at index).
    std::string columns = "SELECT id, channel, type, status, satisfaction, complaint_valid, town_id, provider_id, created_at";
    if (with_times) columns += ", urgency, dispatched_at, completed_at, closed_at, paused_since, acknowledged_at, acknowledged_by";
    SQLite::Statement st(db, columns + where);
    bind(st);
    std::vector<WorkOrder> out;
    {   // sized first: growing a vector of ~200 000 orders would move them several times
        SQLite::Statement count(db, "SELECT COUNT(*)" + where);
        bind(count);
        if (count.executeStep()) out.reserve(static_cast<std::size_t>(count.getColumn(0).getInt64()));
    }
    std::unordered_map<Id, std::size_t> emergencies;
    while (st.executeStep()) {
        WorkOrder& o = out.emplace_back();
        o.id = st.getColumn(0).getInt64();
        // Parsing the enum codes one by one: columns hold only the codes the store writes.
        o.channel = parse_Channel(st.getColumn(1).getText()).value_or(Channel::Hotline);
        o.type = parse_OrderType(st.getColumn(2).getText()).value_or(OrderType::Consultation);
        o.status = parse_OrderStatus(st.getColumn(3).getText()).value_or(OrderStatus::Received);
        if (auto v = opt_int(st, 4)) o.satisfaction = static_cast<int>(*v);
        if (auto v = opt_int(st, 5)) o.complaint_valid = *v != 0;
        o.town_id = st.getColumn(6).getInt64();
        o.provider_id = opt_int(st, 7);
        o.created_at = st.getColumn(8).getInt64();
        if (with_times) {
            o.urgency = parse_Urgency(st.getColumn(9).getText()).value_or(Urgency::Normal);
            o.dispatched_at = opt_int(st, 10);
            o.completed_at = opt_int(st, 11);
            o.closed_at = opt_int(st, 12);
            o.paused_since = opt_int(st, 13);
            o.acknowledged_at = opt_int(st, 14);
            o.acknowledged_by = opt_int(st, 15);
        } else if (o.type == OrderType::Emergency) {
            o.urgency = Urgency::Emergency;
            emergencies.emplace(o.id, out.size() - 1);
        }
    }
    // Acknowledgement times only for the few emergencies (the column is not in the covering index).
    if (!emergencies.empty()) {
        SQLite::Statement ack(db, "SELECT id, acknowledged_at" + where + " AND type = 'emergency'");
        bind(ack);
        while (ack.executeStep()) {
            auto it = emergencies.find(ack.getColumn(0).getInt64());
            if (it != emergencies.end()) out[it->second].acknowledged_at = opt_int(ack, 1);
        }
    }
    return out;
}

std::optional<Date> first_call_day(SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT MIN(started_at) FROM calls");   // calls_started index: one seek
    if (!st.executeStep() || st.getColumn(0).isNull()) return std::nullopt;
    return date_of(st.getColumn(0).getInt64());
}

std::vector<KpiCall> load_kpi_calls(SQLite::Database& db, const Period& period) {
    SQLite::Statement st(db, "SELECT id, direction, started_at, answered, agent FROM calls "
                             "WHERE started_at >= ? AND started_at < ?");
    st.bind(1, static_cast<std::int64_t>(period_from(period)));
    st.bind(2, static_cast<std::int64_t>(period_to(period)));
    std::vector<KpiCall> out;
    while (st.executeStep()) {
        KpiCall c;
        c.id = st.getColumn(0).getInt64();
        c.inbound = st.getColumn(1).getString() != "outbound";
        c.started_at = st.getColumn(2).getInt64();
        c.answered = st.getColumn(3).getInt() != 0;
        c.agent = st.getColumn(4).getString();
        out.push_back(std::move(c));
    }
    return out;
}

namespace {
std::optional<std::string> name_of(SQLite::Database& db, const char* sql, Id id) {
    SQLite::Statement st(db, sql);
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    return st.getColumn(0).getString();
}
}  // namespace

std::optional<std::string> town_name(SQLite::Database& db, Id id) {
    return name_of(db, "SELECT name FROM towns WHERE id = ?", id);
}

std::optional<std::string> provider_name(SQLite::Database& db, Id id) {
    return name_of(db, "SELECT name FROM providers WHERE id = ?", id);
}

std::vector<KpiOrderRow> kpi_order_rows(SQLite::Database& db, const std::vector<Id>& ids) {
    SQLite::Statement st(db, "SELECT o.id, o.code, o.type, o.channel, o.status, o.created_at, o.town_id, "
                             "COALESCE(t.name, ''), o.provider_id, COALESCE(p.name, ''), o.satisfaction "
                             "FROM work_orders o LEFT JOIN towns t ON t.id = o.town_id "
                             "LEFT JOIN providers p ON p.id = o.provider_id WHERE o.id = ?");
    std::vector<KpiOrderRow> out;
    out.reserve(ids.size());
    for (Id id : ids) {
        st.reset();
        st.bind(1, static_cast<std::int64_t>(id));
        if (!st.executeStep()) continue;
        KpiOrderRow r;
        r.id = st.getColumn(0).getInt64();
        r.code = st.getColumn(1).getString();
        r.type = parse_OrderType(st.getColumn(2).getText()).value_or(OrderType::Consultation);
        r.channel = parse_Channel(st.getColumn(3).getText()).value_or(Channel::Hotline);
        r.status = parse_OrderStatus(st.getColumn(4).getText()).value_or(OrderStatus::Received);
        r.created_at = st.getColumn(5).getInt64();
        r.town_id = st.getColumn(6).getInt64();
        r.town_name = st.getColumn(7).getString();
        r.provider_id = opt_int(st, 8);
        r.provider_name = st.getColumn(9).getString();
        if (auto v = opt_int(st, 10)) r.satisfaction = static_cast<int>(*v);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace yiyang::store
