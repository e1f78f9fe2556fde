// POST /api/v1/calls/import and GET /api/v1/calls (being written).
#include "http/routes.hpp"

namespace yiyang::http {

void register_call_routes(Router&, app::AppContext&) {}

}  // namespace yiyang::http
