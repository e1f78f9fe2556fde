// GET /api/v1/glyphs/pages/{n}: the dashboard's characters beyond its GB2312 font (issue 9). A page is an OpenType
// (CFF) font with the page's characters that Noto Sans CJK SC has — rare name characters, CJK Extension A and B —
// cacheable (ETag, 304), open without sign-in; pages without any character and page numbers out of range are 404.
#include <catch2/catch.hpp>

#include <hb.h>

#include <set>
#include <string>

#include "harness.hpp"

namespace test_glyphs {

using namespace yiyang::test;

namespace {

std::string page_path(std::uint32_t cp) { return "/api/v1/glyphs/pages/" + std::to_string(cp / 128); }

// The code points in the font's cmap (read with HarfBuzz, as a client would).
std::set<std::uint32_t> cmap_of(const std::string& otf) {
    hb_blob_t* blob = hb_blob_create(otf.data(), static_cast<unsigned>(otf.size()), HB_MEMORY_MODE_READONLY,
                                     nullptr, nullptr);
    hb_face_t* face = hb_face_create(blob, 0);
    hb_set_t* set = hb_set_create();
    hb_face_collect_unicodes(face, set);
    std::set<std::uint32_t> out;
    for (hb_codepoint_t c = HB_SET_VALUE_INVALID; hb_set_next(set, &c);) out.insert(c);
    hb_set_destroy(set);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return out;
}

}  // namespace

TEST_CASE("glyph pages: a rare name character's page is a CFF font with it, cacheable, without sign-in", "[glyphs]") {
    auto c = TestEnv::get().client();
    // 喆 U+5586, 玥 U+73A5 (CJK Unified, not GB2312), 䶮 U+4DAE (Extension A), 𠮷 U+20BB7 (Extension B).
    for (std::uint32_t cp : {0x5586u, 0x73A5u, 0x4DAEu, 0x20BB7u}) {
        INFO("U+" << std::hex << cp);
        auto r = c.get(page_path(cp));
        REQUIRE(r.status == 200);
        CHECK(r.header("Content-Type") == "font/otf");
        REQUIRE(r.raw.size() > 12);
        CHECK(r.raw.compare(0, 4, "OTTO") == 0);                 // CFF outlines, which stb_truetype reads
        CHECK(r.raw.size() < 120 * 1024);                         // one page, not the font
        auto cmap = cmap_of(r.raw);
        CHECK(cmap.count(cp) == 1);
        CHECK(cmap.size() <= 128);
        for (auto x : cmap) CHECK(x / 128 == cp / 128);           // only the page's characters
        const std::string etag = r.header("ETag");
        CHECK(!etag.empty());
        CHECK(r.header("Cache-Control").find("public") != std::string::npos);
        CHECK(r.header("Cache-Control").find("no-store") == std::string::npos);

        auto again = c.send("GET", page_path(cp), "", {{"If-None-Match", etag}});
        CHECK(again.status == 304);
        CHECK(again.raw.empty());
    }
}

TEST_CASE("glyph pages: a page the font has no character of, and bad page numbers, are 404 in Chinese", "[glyphs]") {
    auto c = TestEnv::get().client();
    auto none = c.get("/api/v1/glyphs/pages/" + std::to_string(0xD800 / 128));   // surrogates: never characters
    CHECK(none.status == 404);
    CHECK(none.body["error"]["code"] == "not_found");
    CHECK(none.body["error"]["message"].get<std::string>().find("字形页") != std::string::npos);
    for (const char* bad : {"/api/v1/glyphs/pages/8704", "/api/v1/glyphs/pages/99999999999999999999",
                            "/api/v1/glyphs/pages/0", "/api/v1/glyphs/pages/-3", "/api/v1/glyphs/pages/abc",
                            "/api/v1/glyphs/pages/171.5"}) {
        INFO(bad);
        auto r = c.get(bad);
        CHECK(r.status == 404);
        CHECK(r.body["error"]["code"] == "not_found");
        CHECK(r.header("Cache-Control") == "no-store");
    }
    // The last page holds U+10FF80..U+10FFFF (private use, not in the font): 404 too, not an error of the server.
    CHECK(c.get("/api/v1/glyphs/pages/8703").status == 404);
}

TEST_CASE("glyph pages: every other API reply stays no-store", "[glyphs]") {
    auto c = TestEnv::get().client();
    CHECK(c.get("/api/v1/health").header("Cache-Control") == "no-store");
}

}  // namespace test_glyphs
