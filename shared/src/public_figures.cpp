// The kiosk's public figures (public_figures.hpp): grouping, small-cell suppression and rates in one place.
#include "yiyang/public_figures.hpp"

#include <algorithm>

namespace yiyang {

namespace {

using disclosure::DisclosureRule;
using wire::PublicCountRow;

// A group of rows shown with its total: cells through disclose_group, the total through disclose.
std::vector<PublicCountRow> group_rows(std::vector<PublicCountRow> rows, const std::vector<std::int64_t>& counts,
                                       const DisclosureRule& rule) {
    const auto shown = disclosure::disclose_group(counts, rule);
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i].count = shown[i];
    return rows;
}

template <class E>
std::vector<PublicCountRow> enum_group(const std::map<E, std::int64_t>& m, const std::vector<E>& all,
                                       const DisclosureRule& rule) {
    std::vector<PublicCountRow> rows;
    std::vector<std::int64_t> counts;
    for (E e : all) {
        auto it = m.find(e);
        rows.push_back(PublicCountRow{code(e), label_zh(e), {}});
        counts.push_back(it == m.end() ? 0 : it->second);
    }
    return group_rows(std::move(rows), counts, rule);
}

template <class E>
std::int64_t sum(const std::map<E, std::int64_t>& m) {
    std::int64_t s = 0;
    for (const auto& [k, n] : m) s += n;
    return s;
}

}  // namespace

const std::vector<std::string>& public_rate_codes() {
    static const std::vector<std::string> codes = {"response_rate", "satisfaction", "emergency_answer_rate"};
    return codes;
}

bool is_public_article(KbKind kind, bool published) { return public_may_read(kind, published) && kind != KbKind::Faq; }   // 政策: not the FAQ

wire::PublicFiguresReply build_public_figures(const PublicFiguresInputs& in, const DisclosureRule& rule,
                                              const kiosk::Playlist& playlist) {
    wire::PublicFiguresReply r;
    std::string stamp = format_timestamp(in.as_of);   // 2026-12-06T12:34:56
    stamp[10] = ' ';
    r.as_of = stamp.substr(0, 16);
    r.day = format_date(in.day);
    r.month_code = in.overview.month.code();
    r.month_label = in.overview.month.label_zh();
    r.disclosure_version = rule.version;
    r.small_cell_min = rule.small_cell_min;

    r.today_total = disclosure::disclose(sum(in.today_by_channel), rule);
    r.today_by_channel = enum_group(in.today_by_channel, all_Channels(), rule);
    r.today_by_type = enum_group(in.today_by_type, all_OrderTypes(), rule);
    r.month_total = disclosure::disclose(in.overview.month_orders, rule);
    r.month_by_channel = enum_group(in.overview.month_orders_by_channel, all_Channels(), rule);
    r.month_by_type = enum_group(in.overview.month_orders_by_type, all_OrderTypes(), rule);

    for (const auto& code : public_rate_codes()) {
        auto it = std::find_if(in.rates.begin(), in.rates.end(), [&](const PublicRateInput& x) { return x.code == code; });
        if (it == in.rates.end()) continue;
        wire::KioskIndicator rate{it->code, it->name_zh, it->target_text, false, "—", std::nullopt};
        if (it->applicable) {
            if (auto shown = disclosure::disclose_rate(it->value, rule)) {
                rate.shown = true;
                rate.text = shown->percent_text(1);
                rate.met = it->met;
            }
        }
        r.rates.push_back(std::move(rate));
    }

    // Elders: the towns in Overview's order (most elders first), every town even with none.
    r.elders_total = disclosure::disclose(in.overview.active_elders, rule);
    {
        std::vector<PublicCountRow> rows;
        std::vector<std::int64_t> counts;
        for (const auto& t : in.overview.towns) {
            rows.push_back(PublicCountRow{std::to_string(t.town_id), t.name, {}});
            counts.push_back(t.active_elders);
        }
        r.elders_by_town = group_rows(std::move(rows), counts, rule);
    }
    r.elders_by_category = enum_group(in.overview.elders_by_category, all_ElderCategorys(), rule);

    r.providers_total = disclosure::disclose(in.providers, rule);
    r.providers_by_category = enum_group(in.providers_by_category, all_ServiceCategorys(), rule);
    r.points_total = disclosure::disclose(sum(in.points_by_town), rule);
    {
        std::vector<PublicCountRow> rows;
        std::vector<std::int64_t> counts;
        for (const auto& t : in.overview.towns) {     // the same town order as the elders
            auto it = in.points_by_town.find(t.town_id);
            rows.push_back(PublicCountRow{std::to_string(t.town_id), t.name, {}});
            counts.push_back(it == in.points_by_town.end() ? 0 : it->second);
        }
        r.points_by_town = group_rows(std::move(rows), counts, rule);
    }
    r.points_by_category = enum_group(in.points_by_category, all_ServiceCategorys(), rule);

    for (const auto& a : in.articles) {
        if (!is_public_article(a.kind, a.published)) continue;
        r.articles.push_back(wire::KioskArticle{a.id, code(a.kind), label_zh(a.kind), a.title, kb_snippet(a.body, "", 90)});
    }

    r.playlist_version = playlist.version;
    for (const auto& p : playlist.panels) r.playlist.push_back({p.code, kiosk::panel_label_zh(p.code), p.seconds});
    r.resume_after_seconds = playlist.resume_after_seconds;
    r.refresh_seconds = playlist.refresh_seconds;
    return r;
}

}  // namespace yiyang
