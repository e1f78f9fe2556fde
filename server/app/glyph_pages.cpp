// hb-subset of one glyph page (see glyph_pages.hpp). The face and its character set are read once; each page
// is subset once and kept (least recently used pages leave first when cache_pages are held).
#include "app/glyph_pages.hpp"

#include <hb-subset.h>
#include <hb.h>

#include <cstdio>
#include <initializer_list>
#include <stdexcept>

namespace yiyang::app {

struct GlyphPages::Font {
    hb_blob_t* blob = nullptr;
    hb_face_t* face = nullptr;
    hb_set_t* unicodes = nullptr;
    ~Font() {
        if (unicodes) hb_set_destroy(unicodes);
        if (face) hb_face_destroy(face);
        if (blob) hb_blob_destroy(blob);
    }
};

GlyphPages::GlyphPages(std::string font_path, unsigned face, std::size_t cache_pages)
    : path_(std::move(font_path)), face_(face), cache_pages_(cache_pages < 1 ? 1 : cache_pages) {}

GlyphPages::~GlyphPages() = default;

void GlyphPages::open_locked() {
    if (font_) return;
    auto f = std::make_unique<Font>();
    f->blob = hb_blob_create_from_file_or_fail(path_.c_str());   // mapped, not copied
    if (!f->blob) throw std::runtime_error("glyph font not readable: " + path_);
    if (face_ >= hb_face_count(f->blob)) throw std::runtime_error("glyph font has no face " + std::to_string(face_));
    f->face = hb_face_create(f->blob, face_);
    f->unicodes = hb_set_create();
    hb_face_collect_unicodes(f->face, f->unicodes);
    if (hb_set_get_population(f->unicodes) == 0) throw std::runtime_error("glyph font has no characters: " + path_);
    font_ = std::move(f);
}

namespace {
std::uint64_t fnv1a(const std::string& s) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    return h;
}
}  // namespace

GlyphPagePtr GlyphPages::page(std::int64_t n) {
    if (n < 0 || n >= kGlyphPageCount) return nullptr;
    std::lock_guard<std::mutex> lock(m_);
    if (auto it = cache_.find(n); it != cache_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second.second);
        return it->second.first;
    }
    open_locked();
    hb_subset_input_t* input = hb_subset_input_create_or_fail();
    if (!input) throw std::runtime_error("hb_subset_input_create_or_fail");
    hb_set_t* chars = hb_subset_input_unicode_set(input);
    const auto first = static_cast<hb_codepoint_t>(n * kGlyphPageSize);
    int count = 0;
    for (hb_codepoint_t c = first; c < first + kGlyphPageSize; ++c) {
        if (hb_set_has(font_->unicodes, c)) {
            hb_set_add(chars, c);
            ++count;
        }
    }
    GlyphPagePtr out;
    if (count > 0) {
        // ImGui shapes nothing and hints nothing: no layout tables, no hinting, no vertical metrics.
        hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
        for (const char* tag : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx", "DSIG", "meta"})
            hb_set_add(drop, hb_tag_from_string(tag, -1));
        // Desubroutinized: for 128 glyphs of a CJK font both faster (9 pages: 25 ms instead of 45) and smaller
        // (217 KB instead of 224) than subsetting the subroutines.
        hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_DESUBROUTINIZE);
        hb_face_t* sub = hb_subset_or_fail(font_->face, input);
        if (!sub) {
            hb_subset_input_destroy(input);
            throw std::runtime_error("hb-subset failed for glyph page " + std::to_string(n));
        }
        hb_blob_t* blob = hb_face_reference_blob(sub);
        unsigned len = 0;
        const char* data = hb_blob_get_data(blob, &len);
        auto p = std::make_shared<GlyphPage>();
        p->otf.assign(data ? data : "", data ? len : 0);
        p->characters = count;
        char tag[48];
        std::snprintf(tag, sizeof tag, "\"g%lld-%016llx\"", static_cast<long long>(n),
                      static_cast<unsigned long long>(fnv1a(p->otf)));
        p->etag = tag;
        hb_blob_destroy(blob);
        hb_face_destroy(sub);
        out = std::move(p);
    }
    hb_subset_input_destroy(input);
    // Empty pages are cached too (as nullptr): a fuzzer asking for them costs one set lookup per code point once.
    lru_.push_front(n);
    cache_[n] = {out, lru_.begin()};
    while (cache_.size() > cache_pages_) {
        cache_.erase(lru_.back());
        lru_.pop_back();
    }
    return out;
}

}  // namespace yiyang::app
