// A text as a QR code's module matrix (Debian's libqrencode): the kiosk device URL shown once to the administrator,
// drawn by the dashboard (wire::QrMatrix). Error correction M, byte mode, the smallest version that holds it.
#pragma once
#include <string>
#include "yiyang/wire/kiosk_devices.hpp"

namespace yiyang::app {

// Throws std::runtime_error when the text does not fit a QR code (over ~2 300 bytes at level M).
wire::QrMatrix qr_matrix(const std::string& text);

}  // namespace yiyang::app
