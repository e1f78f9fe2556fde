// The kiosk's public figures (issue 12, kiosk-ui): today's and this month's requests, the indicators against their
// targets, elders served by town and category, providers and service points, public policy articles — every count
// through disclosure::disclose / disclose_group and every rate through disclose_rate, here and nowhere else. The
// server supplies grouped counts (store/public_figures_inputs), the home-screen Overview (overview.hpp) and the
// indicator figures it already computes (kpi.hpp results): nothing here recomputes a formula that exists.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/disclosure.hpp"
#include "yiyang/kiosk_playlist.hpp"
#include "yiyang/knowledge.hpp"
#include "yiyang/overview.hpp"
#include "yiyang/ratio.hpp"
#include "yiyang/records.hpp"
#include "yiyang/wire/public_figures.hpp"

namespace yiyang {

// The indicators the kiosk shows, in this order (those without a target in force are left out).
const std::vector<std::string>& public_rate_codes();

struct PublicRateInput {             // one indicator as kpi.hpp computed it
    std::string code, name_zh, target_text;
    bool applicable = false;
    Ratio value;                     // den 0: no data
    bool met = false;
};
struct PublicArticleInput {
    Id id = 0;
    KbKind kind = KbKind::Policy;
    std::string title, body;
    bool published = false;   // 对公众公开 (knowledge.hpp public_may_read)
};
struct PublicFiguresInputs {
    LocalSeconds as_of = 0;
    Date day;
    Overview overview;                                       // build_overview of this month (elders, month's orders)
    std::map<Channel, std::int64_t> today_by_channel;        // orders created today
    std::map<OrderType, std::int64_t> today_by_type;
    std::vector<PublicRateInput> rates;                      // the month's indicators (any order; picked by code)
    std::int64_t providers = 0;                              // providers not removed (清退)
    std::map<ServiceCategory, std::int64_t> providers_by_category;
    std::map<Id, std::int64_t> points_by_town;               // service points of providers not removed
    std::map<ServiceCategory, std::int64_t> points_by_category;   // a point counts under each category of its provider
    std::vector<PublicArticleInput> articles;                // newest first
};

// The reply: groups in enum order (towns in Overview's order: most elders first), each group with its total shown
// and suppressed together (disclose_group); rates as one-decimal percentages rounded half-up once.
wire::PublicFiguresReply build_public_figures(const PublicFiguresInputs& in, const disclosure::DisclosureRule& rule,
                                              const kiosk::Playlist& playlist);

// What the kiosk's 政策 panel shows: articles the public may read (knowledge.hpp public_may_read) but the FAQ.
bool is_public_article(KbKind kind, bool published);

}  // namespace yiyang
