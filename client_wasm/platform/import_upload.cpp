// The 核查 list file's events from browser_library.js (platform/import_upload.hpp), as the app's intents.
#include "platform/import_upload.hpp"

#include <cstdlib>
#include <nlohmann/json.hpp>

extern "C" {
char* yy_import_take_events();
}

namespace yiyang::client {

Intents take_import_events() {
    Intents out;
    char* raw = yy_import_take_events();
    if (!raw) return out;
    const auto j = nlohmann::json::parse(raw, nullptr, false);
    std::free(raw);
    if (!j.is_array()) return out;
    for (const auto& e : j) {
        if (!e.is_object()) continue;
        const std::string kind = e.value("kind", "");
        const auto seq = static_cast<std::uint64_t>(e.value("seq", 0.0));
        if (kind == "picked") {
            out.push_back(VerificationIntent{VerFilePicked{e.value("name", ""), static_cast<std::int64_t>(e.value("bytes", 0.0))}});
        } else if (kind == "progress") {
            out.push_back(VerificationIntent{VerUploadProgress{seq, static_cast<std::int64_t>(e.value("sent", 0.0)),
                                                               static_cast<std::int64_t>(e.value("total", 0.0))}});
        } else if (kind == "done") {
            out.push_back(VerificationIntent{VerUploadDone{seq, e.value("status", 0), e.value("text", "")}});
        }
    }
    return out;
}

}  // namespace yiyang::client
