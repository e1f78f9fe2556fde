// The open order's evidence photos (app/evidence_state.hpp): loads the list, counts the uploads the browser sends
// (platform/photos posts the chosen files itself, so the bytes never pass through WebAssembly memory) and
// reloads the list when they are answered.
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "platform/http.hpp"
#include "yiyang/wire/evidence.hpp"

namespace yiyang::client {

void App::load_evidence(Id order_id) {
    auto& ev = s_.evidence;
    if (ev.order_id != order_id) {
        ev = {};
        ev.order_id = order_id;
    }
    ev.loading = true;
    request("GET", "/api/v1/orders/" + std::to_string(order_id) + "/evidence", nullptr,
            [this, order_id](const HttpResponse& r) {
        auto& ev = s_.evidence;
        if (ev.order_id != order_id) return;   // another order was opened meanwhile
        ev.loading = false;
        if (r.status != 200) {
            ev.error = "服务照片加载失败：" + error_message_zh(r);
            return;
        }
        std::string err;
        auto list = wire::read_reply<wire::EvidenceList>(r.body, &err);
        if (!list) {
            ev.error = "服务照片加载失败：回复无法识别（" + err + "）";
            return;
        }
        ev.list = std::move(*list);
    });
}

void App::apply_evidence(const EvidenceIntent& intent) {
    std::visit(
        [this](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            auto& ev = s_.evidence;
            if constexpr (std::is_same_v<T, EvidenceLoad>) {
                load_evidence(i.order_id);
            } else if constexpr (std::is_same_v<T, EvidenceUploadStarted>) {
                if (ev.order_id != i.order_id) return;
                ev.uploads_pending += i.count;
                ev.error.clear();
                ev.message = "正在上传 " + std::to_string(ev.uploads_pending) + " 张照片…";
            } else if constexpr (std::is_same_v<T, EvidenceUploaded>) {
                if (ev.order_id != i.order_id) return;
                if (ev.uploads_pending > 0) --ev.uploads_pending;
                if (i.status == 201) {
                    ev.message = ev.uploads_pending > 0 ? "正在上传，还有 " + std::to_string(ev.uploads_pending) + " 张…"
                                                        : std::string("照片已上传");
                } else {
                    HttpResponse r;
                    r.status = i.status;
                    r.text = i.text;
                    r.body = nlohmann::json::parse(i.text, nullptr, false);
                    ev.error = "照片未能上传：" + error_message_zh(r);
                    ev.message.clear();
                }
                load_evidence(i.order_id);
            }
        },
        intent);
    changed_ = true;
}

}  // namespace yiyang::client
