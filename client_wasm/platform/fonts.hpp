// Characters beyond the first font (a GB2312 subset): when text that arrives (HTTP replies, typed or pasted text)
// or a heading needs a code point the atlas lacks, its glyph is taken from the first font if it has it (the title
// font bakes only heading characters), else from the server's glyph page (GET /api/v1/glyphs/pages/{cp/128}, a
// background fetch asked as soon as the need is seen),
// rasterised with stb_truetype into room kept free in the atlas texture and added to the ImFont — no atlas rebuild
// (a rebuild re-rasterises ~7000 glyphs: hundreds of ms). When that room is full the atlas is rebuilt with more.
#pragma once
#include <cstdint>
#include <string_view>

#include <imgui.h>
#include <nlohmann/json.hpp>

namespace yiyang::client::fonts {

// Builds the atlas from the first font's bytes (kept alive by the caller) at `scale` (ui::build_fonts_and_style
// plus the free room), (re)creates the GL texture, frees the CPU copy and adds again the glyphs added before.
void build(const unsigned char* otf, int otf_size, float scale, bool high_contrast = false);
// True when the free room ran out: the caller rebuilds (build) before the next frame.
bool wants_rebuild();

// The body font should have every character of `utf8` (cheap for text it has: one table look-up a character).
void need_text(std::string_view utf8);
// `font` (the title font, from ui::heading) lacks `cp`.
void need_codepoint(const ImFont* font, std::uint32_t cp);
// Typed and IME text of this frame (io.InputQueueCharacters): call after the input is fed, before NewFrame.
void need_input_queue();

// Before NewFrame: adds the glyphs whose source is at hand, requests missing pages. True when glyphs were added
// (the frame should be drawn again).
bool update();

// For the test hook: per character of `utf8` whether the body and title fonts have a real glyph (not the fallback).
nlohmann::json glyphs_of(std::string_view utf8);
// Counters: pages requested/loaded, glyphs added, still pending, slowest need-to-glyph time.
nlohmann::json test_state();

}  // namespace yiyang::client::fonts
