// GROUP BY queries behind the overview. Only counting happens here; shares and totals are in shared/.
#include "store/overview_inputs.hpp"

#include <functional>

#include "store/reference.hpp"

namespace yiyang::store {
namespace {

template <class E, class Parse>
void group_into(SQLite::Database& db, const std::string& sql, std::map<E, std::int64_t>& out, Parse parse,
                const std::function<void(SQLite::Statement&)>& bind = {}) {
    SQLite::Statement st(db, sql);
    if (bind) bind(st);
    while (st.executeStep()) {
        if (auto v = parse(st.getColumn(0).getString())) out[*v] += st.getColumn(1).getInt64();
    }
}

}  // namespace

OverviewInputs load_overview_inputs(SQLite::Database& db, const Period& month) {
    OverviewInputs in;
    in.month = month;
    for (const auto& t : all_towns(db)) in.town_names[t.id] = t.name;
    {
        SQLite::Statement st(db, "SELECT town_id, COUNT(*) FROM elders WHERE status = 'active' GROUP BY town_id");
        while (st.executeStep()) in.active_elders_by_town[st.getColumn(0).getInt64()] = st.getColumn(1).getInt64();
    }
    group_into(db, "SELECT ec.category, COUNT(*) FROM elder_categories ec JOIN elders e ON e.id = ec.elder_id "
                   "WHERE e.status = 'active' GROUP BY ec.category",
               in.active_elders_by_category, parse_ElderCategory);
    group_into(db, "SELECT status, COUNT(*) FROM elders GROUP BY status", in.elders_by_status, parse_ElderStatus);
    group_into(db, "SELECT status, COUNT(*) FROM providers GROUP BY status", in.providers_by_status,
               parse_ProviderStatus);
    const std::int64_t from = static_cast<std::int64_t>(start_of(month.first_day()));
    const std::int64_t to = static_cast<std::int64_t>(start_of(add_days(month.last_day(), 1)));
    auto bind_month = [&](SQLite::Statement& st) { st.bind(1, from); st.bind(2, to); };
    group_into(db, "SELECT status, COUNT(*) FROM work_orders WHERE created_at >= ? AND created_at < ? GROUP BY status",
               in.month_orders_by_status, parse_OrderStatus, bind_month);
    group_into(db, "SELECT channel, COUNT(*) FROM work_orders WHERE created_at >= ? AND created_at < ? GROUP BY channel",
               in.month_orders_by_channel, parse_Channel, bind_month);
    group_into(db, "SELECT type, COUNT(*) FROM work_orders WHERE created_at >= ? AND created_at < ? GROUP BY type",
               in.month_orders_by_type, parse_OrderType, bind_month);
    return in;
}

}  // namespace yiyang::store
