// GET /api/v1/kpis and /api/v1/kpis/{code}/records (being written).
#include "http/routes.hpp"

namespace yiyang::http {

void register_kpi_routes(Router&, app::AppContext&) {}

}  // namespace yiyang::http
