// the knowledge base (being written).
#include "http/routes.hpp"

namespace yiyang::http {

void register_knowledge_routes(Router&, app::AppContext&) {}

}  // namespace yiyang::http
