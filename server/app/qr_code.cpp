// QR module matrix by libqrencode (app/qr_code.hpp).
#include "app/qr_code.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace yiyang::app {

wire::QrMatrix qr_matrix(const std::string& text) {
    std::unique_ptr<QRcode, void (*)(QRcode*)> code(
        QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0,
                          QR_ECLEVEL_M),
        QRcode_free);
    if (!code) throw std::runtime_error("the text does not fit a QR code");
    wire::QrMatrix q;
    q.size = code->width;
    q.rows.reserve(static_cast<std::size_t>(code->width));
    for (int y = 0; y < code->width; ++y) {
        std::string row(static_cast<std::size_t>(code->width), '0');
        for (int x = 0; x < code->width; ++x) {
            if (code->data[y * code->width + x] & 1) row[static_cast<std::size_t>(x)] = '1';   // bit 0: dark
        }
        q.rows.push_back(std::move(row));
    }
    return q;
}

}  // namespace yiyang::app
