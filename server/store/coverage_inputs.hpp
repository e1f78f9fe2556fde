// What the service map (GET /api/v1/coverage, issue 12) is computed from: the active elders' home positions with
// their town (positions never leave the server: the reply has only cell counts), the service points of providers
// not removed with their provider's categories, and the towns. One pass per table; cached by data version in
// http/coverage_routes.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include "yiyang/coverage_map.hpp"

namespace yiyang::store {

coverage::MapInputs load_coverage_inputs(SQLite::Database& db);

}  // namespace yiyang::store
