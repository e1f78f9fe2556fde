// Downloads of signed documents' stored files (http/signed_files.hpp).
#include "http/signed_files.hpp"

#include "store/audit.hpp"

namespace yiyang::http {

std::string signed_file_format(const httplib::Request& req) {
    std::string format = query_text(req, "format", 8);
    if (format.empty()) format = "pdf";
    if (format != "pdf" && format != "xlsx") fail_bad_query("format", "应为 pdf 或 xlsx", format);
    return format;
}

void reply_signed_file(app::AppContext& ctx, httplib::Response& res, const AuthUser& user, const std::string& entity,
                       Id id, const nlohmann::json& details, SignedFile file) {
    const auto now = ctx.now();
    ctx.db.write([&](SQLite::Database& w) {
        store::append_audit(w, {0, now, user.user.id, user.user.username, entity, id, "download", details, ""});
    }, store::Database::Touches::SessionsOnly);
    res.status = 200;
    res.set_header("Content-Disposition", attachment_header(file.name, file.ascii_name));
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Yiyang-SHA256", file.sha256);
    res.set_content(std::move(file.bytes), file.format == "pdf"
                                               ? "application/pdf"
                                               : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

}  // namespace yiyang::http
