// The evidence photos of the open order (服务照片): the list as the server sent it (with the reuse flag), the
// uploads in flight and their outcome. Owned by app/evidence.cpp; drawn by ui/evidence_panel.cpp.
#pragma once
#include <string>
#include <variant>

#include "yiyang/records.hpp"
#include "yiyang/wire/evidence.hpp"

namespace yiyang::client {

struct EvidenceState {
    Id order_id = 0;              // the order whose list this is (0: none loaded)
    bool loading = false;
    wire::EvidenceList list;
    std::string error;            // loading failed, or the last upload was refused (the server's Chinese message)
    std::string message;          // the last upload's success line
    int uploads_pending = 0;      // files chosen and still being sent
};

struct EvidenceLoad { Id order_id = 0; };
// The browser started sending `count` chosen files (platform/photos: the picker posts them itself).
struct EvidenceUploadStarted { Id order_id = 0; int count = 0; };
// One upload answered: HTTP status (0: network error) and the reply text.
struct EvidenceUploaded { Id order_id = 0; int status = 0; std::string text; };
using EvidenceIntent = std::variant<EvidenceLoad, EvidenceUploadStarted, EvidenceUploaded>;

}  // namespace yiyang::client
