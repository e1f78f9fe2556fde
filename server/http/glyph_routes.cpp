// GET /api/v1/glyphs/pages/{n}: the dashboard's characters beyond its first (GB2312) font, one 128-code-point page
// at a time (U+n*128 ..), as an OpenType subset of Noto Sans CJK SC (app/glyph_pages). Open to anyone: glyphs are
// no personal data, and the sign-in screen needs them too. Pages, not lists of code points, so that a page is one
// URL that the browser and nginx cache (ETag, a day) whatever mix of characters a name needs.
#include <memory>
#include <string>

#include "app/glyph_pages.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"

namespace yiyang::http {

void register_glyph_routes(Router& r, app::AppContext& ctx) {
    auto pages = std::make_shared<app::GlyphPages>(ctx.config.glyph_font, ctx.config.glyph_face);
    r.add({"GET", "/api/v1/glyphs/pages/{id}",
           "Glyph page n: an OpenType (CFF) subset with the characters U+n*128 .. U+n*128+127 the font has", "glyphs",
           anyone(), {}, "", ""},
          [pages](const httplib::Request& req, httplib::Response& res) {
        const Id n = path_id(req);
        if (n >= app::kGlyphPageCount)
            fail(404, "not_found", "未找到字形页 " + std::to_string(n) + "：页号应在 1 到 " +
                                       std::to_string(app::kGlyphPageCount - 1) + " 之间");
        app::GlyphPagePtr page;
        try {
            page = pages->page(n);
        } catch (const std::exception&) {
            fail(503, "glyphs_unavailable", "服务器无法读取字体，暂时不能提供字形");
        }
        if (!page) fail(404, "not_found", "字体中没有字形页 " + std::to_string(n) + " 的任何字符");
        res.set_header("ETag", page->etag);
        res.set_header("Cache-Control", "public, max-age=86400");
        // nginx weakens the tag when it gzips (W/"…"), and a client may send a list: any mention matches.
        if (req.get_header_value("If-None-Match").find(page->etag) != std::string::npos) {
            res.status = 304;
            return;
        }
        res.set_content(page->otf, "font/otf");
    });
}

}  // namespace yiyang::http
