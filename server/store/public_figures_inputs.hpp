// Grouped counts behind the kiosk's public figures (issue 12, kiosk-ui), read from SQLite; shared/public_figures
// suppresses and builds the reply. Only counting here.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include "yiyang/public_figures.hpp"

namespace yiyang::store {

// Today's orders by channel and type, providers and service points (of providers not removed) by category and
// town, and the newest public knowledge articles (at most `max_articles`). Leaves the rest of `in` as it is.
void load_public_figures_inputs(SQLite::Database& db, const Date& today, std::size_t max_articles,
                                PublicFiguresInputs& in);

}  // namespace yiyang::store
