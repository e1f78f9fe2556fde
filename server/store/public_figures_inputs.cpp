// GROUP BY queries behind the kiosk's public figures (public_figures_inputs.hpp).
#include "store/public_figures_inputs.hpp"

namespace yiyang::store {
namespace {

template <class E, class Parse>
void group_into(SQLite::Statement& st, std::map<E, std::int64_t>& out, Parse parse) {
    while (st.executeStep()) {
        if (auto v = parse(st.getColumn(0).getString())) out[*v] += st.getColumn(1).getInt64();
    }
}

template <class E, class Parse>
void group_query(SQLite::Database& db, const char* sql, std::map<E, std::int64_t>& out, Parse parse) {
    SQLite::Statement st(db, sql);
    group_into(st, out, parse);
}

// Today's orders grouped by one column (channel, type).
template <class E, class Parse>
void today_by(SQLite::Database& db, const std::string& column, std::int64_t from, std::int64_t to,
              std::map<E, std::int64_t>& out, Parse parse) {
    SQLite::Statement st(db, "SELECT " + column + ", COUNT(*) FROM work_orders WHERE created_at >= ? AND created_at < ? "
                                                  "GROUP BY " + column);
    st.bind(1, from);
    st.bind(2, to);
    group_into(st, out, parse);
}

}  // namespace

void load_public_figures_inputs(SQLite::Database& db, const Date& today, std::size_t max_articles,
                                PublicFiguresInputs& in) {
    const std::int64_t from = static_cast<std::int64_t>(start_of(today));
    const std::int64_t to = static_cast<std::int64_t>(start_of(add_days(today, 1)));
    today_by(db, "channel", from, to, in.today_by_channel, parse_Channel);
    today_by(db, "type", from, to, in.today_by_type, parse_OrderType);
    {
        SQLite::Statement st(db, "SELECT COUNT(*) FROM providers WHERE status <> 'removed'");
        in.providers = st.executeStep() ? st.getColumn(0).getInt64() : 0;
    }
    group_query(db, "SELECT pc.category, COUNT(*) FROM provider_categories pc "
                    "JOIN providers p ON p.id = pc.provider_id WHERE p.status <> 'removed' GROUP BY pc.category",
                in.providers_by_category, parse_ServiceCategory);
    {
        SQLite::Statement st(db, "SELECT sp.town_id, COUNT(*) FROM service_points sp "
                                 "JOIN providers p ON p.id = sp.provider_id WHERE p.status <> 'removed' "
                                 "GROUP BY sp.town_id");
        while (st.executeStep()) in.points_by_town[st.getColumn(0).getInt64()] += st.getColumn(1).getInt64();
    }
    group_query(db, "SELECT pc.category, COUNT(*) FROM service_points sp "
                    "JOIN providers p ON p.id = sp.provider_id JOIN provider_categories pc ON pc.provider_id = p.id "
                    "WHERE p.status <> 'removed' GROUP BY pc.category",
                in.points_by_category, parse_ServiceCategory);
    {
        // Only published articles of the kinds the panel shows (the shared rule, which decides again).
        std::string kinds;
        for (KbKind k : all_KbKinds())
            if (is_public_article(k, true)) kinds += (kinds.empty() ? "'" : ", '") + std::string(code(k)) + "'";
        SQLite::Statement st(db, "SELECT id, kind, title, body, published FROM kb_articles WHERE archived = 0 "
                                 "AND published = 1 AND kind IN (" + kinds + ") ORDER BY updated_at DESC, id DESC LIMIT ?");
        st.bind(1, static_cast<std::int64_t>(max_articles));
        while (st.executeStep()) {
            auto kind = parse_KbKind(st.getColumn(1).getString());
            if (!kind) continue;
            in.articles.push_back(PublicArticleInput{st.getColumn(0).getInt64(), *kind, st.getColumn(2).getString(),
                                                     st.getColumn(3).getString(), st.getColumn(4).getInt() != 0});
        }
    }
}

}  // namespace yiyang::store
