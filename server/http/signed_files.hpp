// The download of a signed document's stored file (the quarterly report's, a settlement statement's): the format
// from the query and the reply with the bytes as signed, their SHA-256 in X-Yiyang-SHA256, the download audited.
#pragma once
#include <httplib.h>

#include <string>
#include <nlohmann/json.hpp>

#include "app/context.hpp"
#include "http/common.hpp"

namespace yiyang::http {

// ?format=pdf (default) | xlsx; anything else 400 bad_query.
std::string signed_file_format(const httplib::Request& req);

struct SignedFile {
    std::string bytes;
    std::string format;       // pdf | xlsx
    std::string sha256;       // of the bytes, as stored at signing
    std::string name;         // the download's file name (UTF-8)
    std::string ascii_name;   // its ASCII fallback
};
// Appends the audit event `entity` #id "download" with `details`, then replies with the file.
void reply_signed_file(app::AppContext& ctx, httplib::Response& res, const AuthUser& user, const std::string& entity,
                       Id id, const nlohmann::json& details, SignedFile file);

}  // namespace yiyang::http
