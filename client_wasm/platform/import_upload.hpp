// The 核查 list file in the browser (browser_library.js yy_import_*): what came of picking and uploading it, as the
// app's intents (VerFilePicked / VerUploadProgress / VerUploadDone). Picking and sending are Page services.
#pragma once
#include <vector>

#include "app/state.hpp"

namespace yiyang::client {

// The events queued since the last call, in order, as intents for App::apply.
Intents take_import_events();

}  // namespace yiyang::client
