// (being written)
#include "ui/ui.hpp"

namespace yiyang::client::ui {

Intents draw_sos_banner(const AppState&) { return {}; }

}  // namespace yiyang::client::ui
