// Evidence files uploaded by staff (activity records, issue 13; settlement objections, issue 11): the body as sent
// (raw bytes with ?name=, or the multipart field "file"), the shown name cleaned, the type judged by the bytes (JPEG,
// PNG, WebP, PDF), the size bounded, an image decoded whole and a PDF checked whole, a thumbnail made; and the stored
// bytes sent back with the headers every stored file gets. Refusals throw ApiError (413 / 415 / 422) naming what is
// wrong in Chinese, before anything is written.
#pragma once
#include <cstdint>
#include <string>

#include <httplib.h>

#include "yiyang/activities.hpp"

namespace yiyang::http {

// The declared media type, lower case, without parameters.
std::string media_type(const httplib::Request& req);

struct UploadedBody {
    std::string bytes;
    std::string name;   // as the uploader gave it (not yet cleaned)
};
// The file's bytes and the name the uploader gave it: the raw body (any Content-Type but JSON, forms and text: the
// declared type is not believed) with ?name=, or the multipart field "file" with its filename.
UploadedBody file_body(const httplib::Request& req);

// A file name as shown: at most 100 characters, no path, no control characters ("" when none was given).
std::string clean_name(const std::string& raw);

struct CheckedFile {
    activity::FileType type = activity::FileType::Pdf;
    std::string sha256, thumb;   // thumb: JPEG (an image's, or a PDF's first page), "" when none could be made
    int width = 0, height = 0;
};
// Type by content, size by `max_bytes`, an image decoded whole (app/photos check_photo), a PDF whole (%PDF- … %%EOF);
// a name or declared type that says another type than the bytes is refused.
CheckedFile check_file(const std::string& bytes, const std::string& name, const std::string& media, std::int64_t max_bytes);

// A stored file as the reply: never changes (its id names its bytes), so the browser may keep it for this user; a
// PDF is downloaded, never rendered inside the dashboard's origin. `stem` names the download (…-thumb.jpg, .pdf …).
void reply_stored_file(httplib::Response& res, std::string bytes, const std::string& mime, bool thumb,
                       const std::string& stem);

}  // namespace yiyang::http
