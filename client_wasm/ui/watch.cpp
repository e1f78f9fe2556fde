// (being written)
#include "ui/ui.hpp"

namespace yiyang::client::ui {

Intents draw_watch(const AppState&) { return {}; }

}  // namespace yiyang::client::ui
