// (being written)
#include "ui/ui.hpp"

namespace yiyang::client::ui {

Intents draw_kpis(const AppState&) { return {}; }

}  // namespace yiyang::client::ui
