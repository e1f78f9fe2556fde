// live feed, watch list, caller lookup, reveal (being written).
#include "http/routes.hpp"

namespace yiyang::http {

void register_live_routes(Router&, app::AppContext&) {}

}  // namespace yiyang::http
