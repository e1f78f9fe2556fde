// Glyph pages for the dashboard's on-demand characters (issue 9): the font subset to the code points of one
// 128-code-point page (page n = U+n*128 .. U+n*128+127) that the source face has, made with HarfBuzz's hb-subset
// (CFF kept, which stb_truetype in ImGui reads), cached in memory. Thread-safe.
#pragma once
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace yiyang::app {

constexpr int kGlyphPageSize = 128;
constexpr std::int64_t kGlyphPageCount = (0x10FFFF / kGlyphPageSize) + 1;   // pages 0 .. 8703

struct GlyphPage {
    std::string otf;      // an OpenType (CFF) font with the page's characters
    std::string etag;     // "\"g<page>-<hash of otf>\""
    int characters = 0;   // how many of the page's 128 code points the font has
};
using GlyphPagePtr = std::shared_ptr<const GlyphPage>;

class GlyphPages {
public:
    // font_path: a .ttc/.otf; face: the index in a collection (Noto Sans CJK SC is face 2 of Debian's .ttc).
    GlyphPages(std::string font_path, unsigned face, std::size_t cache_pages = 256);
    ~GlyphPages();
    GlyphPages(const GlyphPages&) = delete;
    GlyphPages& operator=(const GlyphPages&) = delete;
    // The page's subset; nullptr when the font has none of its characters. Throws std::runtime_error when the
    // font cannot be read or subset (the server's fault, not the request's).
    GlyphPagePtr page(std::int64_t n);

private:
    struct Font;
    void open_locked();
    std::string path_;
    unsigned face_;
    std::size_t cache_pages_;
    std::mutex m_;
    std::unique_ptr<Font> font_;                 // opened at the first request (no cost at start-up)
    std::map<std::int64_t, std::pair<GlyphPagePtr, std::list<std::int64_t>::iterator>> cache_;
    std::list<std::int64_t> lru_;                // most recently used first
};

}  // namespace yiyang::app
