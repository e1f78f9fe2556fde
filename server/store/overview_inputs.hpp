// Grouped counts for the home screen, read from SQLite; shared/overview builds the figures from them.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include "yiyang/overview.hpp"

namespace yiyang::store {

OverviewInputs load_overview_inputs(SQLite::Database& db, const Period& month);

}  // namespace yiyang::store
