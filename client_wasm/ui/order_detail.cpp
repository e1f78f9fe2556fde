// (being written)
#include "ui/ui.hpp"

namespace yiyang::client::ui {

Intents draw_order_detail(const AppState&) { return {}; }

}  // namespace yiyang::client::ui
