// Information-service enrolments of a period (store/verification.hpp).
#include "store/verification.hpp"

#include "store/subscriber_import.hpp"

namespace yiyang::store {

std::vector<SubscriptionWithReason> info_service_subscriptions(SQLite::Database& db, const Date& first,
                                                               const Date& last, std::optional<Id> town) {
    std::string sql =
        "SELECT en.elder_id, en.from_date, en.to_date, en.removal_reason FROM enrolments en "
        "JOIN elders e ON e.id = en.elder_id "
        "WHERE en.programme = ?1 AND en.from_date <= ?2 AND (en.to_date IS NULL OR en.to_date >= ?3)";
    if (town) sql += " AND e.town_id = ?4";
    sql += " ORDER BY en.elder_id, en.from_date";
    SQLite::Statement st(db, sql);
    st.bind(1, kInfoServiceProgramme);
    st.bind(2, format_date(last));
    st.bind(3, format_date(first));
    if (town) st.bind(4, static_cast<std::int64_t>(*town));
    std::vector<SubscriptionWithReason> out;
    while (st.executeStep()) {
        SubscriptionWithReason s;
        s.span.elder_id = st.getColumn(0).getInt64();
        s.span.from = parse_date(st.getColumn(1).getString()).value_or(Date{});
        if (!st.getColumn(2).isNull()) s.span.to = parse_date(st.getColumn(2).getString());
        s.reason = st.getColumn(3).getString();
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace yiyang::store
