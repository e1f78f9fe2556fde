// On-demand glyphs (see fonts.hpp). stb_truetype is compiled here a second time (ImGui's copy is static to
// imgui_draw.cpp); glyphs are placed exactly as ImGui's builder places them (ImFontAtlasBuildWithStbTruetype with
// OversampleH/V = 1: bitmap box at ScaleForPixelHeight, baseline at round(Ascent), advance snapped).
#include "platform/fonts.hpp"

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>
#include <emscripten/fetch.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>              // ImTextCharFromUtf8

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "platform/browser.hpp"
#include "ui/widgets.hpp"

#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <imstb_truetype.h>

namespace yiyang::client::fonts {
namespace {

enum class Role { Body, Title };
constexpr int kPageSize = 128;
constexpr int kRoomWidth = 1024;          // device px; the atlas is 2048 or 4096 wide
constexpr int kMinRoomGlyphs = 192;

struct Page {
    enum class State { Loading, Loaded, Failed } state = State::Loading;
    std::vector<unsigned char> bytes;
    stbtt_fontinfo info{};
    double asked_ms = 0.0, answered_ms = 0.0;       // request round trip (test_state)
};

struct Added {
    Role role;
    std::uint32_t cp;
    bool from_base;
};

struct Fonts {
    const unsigned char* base = nullptr;
    stbtt_fontinfo base_info{};
    bool base_ok = false;
    int room_id = -1;
    int room_x = 0, room_y = 0, room_w = 0, room_h = 0;
    int shelf_x = 0, shelf_y = 0, shelf_h = 0;     // shelf packer in the room
    bool want_rebuild = false;
    std::set<std::uint32_t> pending[2];             // by Role
    std::map<std::uint32_t, double> since;          // when a code point was first needed (latency)
    std::set<std::uint32_t> unavailable;            // neither the first font nor the server has it
    std::map<int, std::unique_ptr<Page>> pages;
    std::vector<Added> added;
    int pages_requested = 0;
    double slowest_ms = 0.0;                        // need -> glyph in the atlas
    bool clipboard_wrapped = false;
};
Fonts& F() {
    static Fonts f;
    return f;
}

ImFont* font_of(Role r) { return r == Role::Body ? ui::theme().body : ui::theme().title; }

std::uint32_t next_cp(const char*& p, const char* end) {
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, p, end);
    p += n > 0 ? n : 1;
    return c;
}

void request_page(int n);

bool has_glyph(const ImFont* f, std::uint32_t cp) {
    return f && f->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr;
}

void note(Role r, std::uint32_t cp) {
    Fonts& s = F();
    if (cp < 0x80 || cp == IM_UNICODE_CODEPOINT_INVALID || cp > IM_UNICODE_CODEPOINT_MAX) return;
    if (cp >= 0xD800 && cp <= 0xDFFF) return;
    if (has_glyph(font_of(r), cp) || s.unavailable.count(cp)) return;
    if (s.pending[static_cast<int>(r)].insert(cp).second) {
        s.since.emplace(cp, now_ms());
        wake();
        // Not in the first font: ask for its page now rather than at the next frame (≤ 300 ms to the glyph).
        if (s.base_ok && stbtt_FindGlyphIndex(&s.base_info, static_cast<int>(cp)) == 0 &&
            s.pages.find(static_cast<int>(cp / kPageSize)) == s.pages.end()) {
            request_page(static_cast<int>(cp / kPageSize));
        }
    }
}

// The room's height for `glyphs` glyph cells of the title size (the largest font with on-demand glyphs).
int room_height(float scale, int width, std::size_t glyphs) {
    const int cell = static_cast<int>(std::ceil(26.0f * scale)) + 3;   // the title size, with padding
    const int per_row = std::max(1, width / cell);
    const std::size_t rows = (glyphs + static_cast<std::size_t>(per_row) - 1) / static_cast<std::size_t>(per_row);
    return static_cast<int>(rows) * cell;
}

// A w×h place in the room (shelves), or false when it is full.
bool place(int w, int h, int& x, int& y) {
    Fonts& s = F();
    const int pad = 1;
    if (s.shelf_x + w + pad > s.room_w) {
        s.shelf_y += s.shelf_h;
        s.shelf_x = 0;
        s.shelf_h = 0;
    }
    if (s.shelf_y + h + pad > s.room_h || w + pad > s.room_w) return false;
    x = s.room_x + s.shelf_x;
    y = s.room_y + s.shelf_y;
    s.shelf_x += w + pad;
    s.shelf_h = std::max(s.shelf_h, h + pad);
    return true;
}

enum class Raster { Done, NoGlyph, Full };

Raster rasterise(ImFont* font, const stbtt_fontinfo& info, std::uint32_t cp) {
    const int gi = stbtt_FindGlyphIndex(&info, static_cast<int>(cp));
    if (gi == 0) return Raster::NoGlyph;
    const ImFontConfig* cfg = font->ConfigData;
    const float scale = stbtt_ScaleForPixelHeight(&info, cfg->SizePixels);
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    stbtt_GetGlyphBitmapBox(&info, gi, scale, scale, &x0, &y0, &x1, &y1);
    int advance = 0, lsb = 0;
    stbtt_GetGlyphHMetrics(&info, gi, &advance, &lsb);
    const int w = x1 - x0, h = y1 - y0;
    ImGuiIO& io = ImGui::GetIO();
    float u0 = 0, v0 = 0, u1 = 0, v1 = 0;
    if (w > 0 && h > 0) {
        int x = 0, y = 0;
        if (!place(w, h, x, y)) return Raster::Full;
        std::vector<unsigned char> alpha(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
        stbtt_MakeGlyphBitmap(&info, alpha.data(), w, h, w, scale, scale, gi);
        std::vector<std::uint32_t> rgba(alpha.size());
        for (std::size_t i = 0; i < alpha.size(); ++i) rgba[i] = 0x00FFFFFFu | (std::uint32_t(alpha[i]) << 24);
        GLint last = 0;
        glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<std::intptr_t>(io.Fonts->TexID)));
        glTexSubImage2D(GL_TEXTURE_2D, 0, x, y, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last));
        u0 = x * io.Fonts->TexUvScale.x;
        v0 = y * io.Fonts->TexUvScale.y;
        u1 = (x + w) * io.Fonts->TexUvScale.x;
        v1 = (y + h) * io.Fonts->TexUvScale.y;
    }
    const float off_x = cfg->GlyphOffset.x;
    const float off_y = cfg->GlyphOffset.y + std::round(font->Ascent);
    font->AddGlyph(cfg, static_cast<ImWchar>(cp), x0 + off_x, y0 + off_y, x1 + off_x, y1 + off_y, u0, v0, u1, v1,
                   static_cast<float>(advance) * scale);
    return Raster::Done;
}

void page_arrived(int n, int status, const char* data, std::size_t size) {
    Page& p = *F().pages[n];
    p.answered_ms = now_ms();
    p.bytes.assign(data ? data : "", data ? data + size : nullptr);
    if (status == 200 && p.bytes.size() > 12 &&
        stbtt_InitFont(&p.info, p.bytes.data(), stbtt_GetFontOffsetForIndex(p.bytes.data(), 0))) {
        p.state = Page::State::Loaded;
    } else {
        p.state = Page::State::Failed;       // 404: the font has none of the page's characters
        p.bytes.clear();
    }
    // Callbacks run between frames (browser events): the glyphs go into the atlas now, drawn by the next frame.
    update();
    wake();
}

void page_fetched(emscripten_fetch_t* fetch) {
    const int n = static_cast<int>(reinterpret_cast<std::intptr_t>(fetch->userData));
    const int status = fetch->status;
    std::vector<char> copy(fetch->data, fetch->data + fetch->numBytes);
    emscripten_fetch_close(fetch);
    page_arrived(n, status, copy.data(), copy.size());
}

// A background request (emscripten_fetch, not platform/http): not counted as pending, so no spinner frames while
// it runs — under software WebGL a frame costs ~80 ms of the main thread, which would delay the reply's callback.
void request_page(int n) {
    Fonts& s = F();
    auto page = std::make_unique<Page>();
    page->asked_ms = now_ms();
    s.pages[n] = std::move(page);
    ++s.pages_requested;
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strcpy(attr.requestMethod, "GET");
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY | EMSCRIPTEN_FETCH_REPLACE;   // the browser's HTTP cache
    attr.timeoutMSecs = 30000;
    attr.onsuccess = page_fetched;
    attr.onerror = page_fetched;
    attr.userData = reinterpret_cast<void*>(static_cast<std::intptr_t>(n));
    const std::string url = "/api/v1/glyphs/pages/" + std::to_string(n);
    emscripten_fetch(&attr, url.c_str());
}

const char* (*g_prev_get_clipboard)(void*) = nullptr;
const char* get_clipboard(void* user) {
    const char* text = g_prev_get_clipboard ? g_prev_get_clipboard(user) : nullptr;
    if (text) need_text(text);                        // a paste needs its glyphs too
    return text;
}

}  // namespace

void build(const unsigned char* otf, int otf_size, float scale, bool high_contrast) {
    Fonts& s = F();
    ImGuiIO& io = ImGui::GetIO();
    // Room for twice the glyphs added so far (a full room doubles it), at least kMinRoomGlyphs. Not sized by the
    // pending set: before the first build it holds every character seen, most of them in the first font.
    s.room_w = scale < 1.5f ? kRoomWidth / 2 : kRoomWidth;   // the atlas is 1024 px wide at DPR 1, 2048+ above
    s.room_h = room_height(scale, s.room_w, std::max<std::size_t>(kMinRoomGlyphs, 2 * s.added.size()));
    const ImFontAtlasCustomRect* room = nullptr;
    for (int attempt = 0; attempt < 2; ++attempt) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ui::build_fonts_and_style(otf, otf_size, scale, high_contrast);
        // ImGui picks the width from the glyphs' surface; a room wider than that is left unpacked: then 4096.
        io.Fonts->TexDesiredWidth = attempt == 0 ? 0 : 4096;
        s.room_id = io.Fonts->AddCustomRectRegular(s.room_w, s.room_h);
        ImGui_ImplOpenGL3_CreateFontsTexture();             // rasterises and uploads the atlas
        room = io.Fonts->GetCustomRectByIndex(s.room_id);
        if (room->IsPacked()) break;
    }
    s.room_x = room->IsPacked() ? room->X : 0;
    s.room_y = room->IsPacked() ? room->Y : 0;
    if (!room->IsPacked()) s.room_w = s.room_h = 0;           // no room: characters stay the fallback
    s.shelf_x = s.shelf_y = s.shelf_h = 0;
    s.want_rebuild = false;
    s.base = otf;
    s.base_ok = stbtt_InitFont(&s.base_info, otf, stbtt_GetFontOffsetForIndex(otf, 0)) != 0;
    if (!s.clipboard_wrapped) {
        g_prev_get_clipboard = io.GetClipboardTextFn;
        io.GetClipboardTextFn = get_clipboard;
        s.clipboard_wrapped = true;
    }
    // The glyphs added to the previous atlas, again (a DPR change or a full room).
    std::vector<Added> again;
    again.swap(s.added);
    for (const Added& a : again) s.pending[static_cast<int>(a.role)].insert(a.cp);
    update();
    io.Fonts->ClearTexData();                               // the GPU has it; free the CPU copy
}

bool wants_rebuild() { return F().want_rebuild; }

void need_text(std::string_view utf8) {
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    while (p < end) {
        if (static_cast<unsigned char>(*p) < 0x80) {
            ++p;
            continue;
        }
        note(Role::Body, next_cp(p, end));
    }
}

void need_codepoint(const ImFont* font, std::uint32_t cp) {
    if (font == ui::theme().title) note(Role::Title, cp);
    else if (font == ui::theme().body) note(Role::Body, cp);
}

void need_input_queue() {
    const ImGuiIO& io = ImGui::GetIO();
    for (ImWchar c : io.InputQueueCharacters) note(Role::Body, static_cast<std::uint32_t>(c));
}

bool update() {
    Fonts& s = F();
    if (!ui::theme().body || s.room_id < 0 || s.room_w == 0 || s.want_rebuild) return false;
    bool added_any = false;
    for (Role role : {Role::Body, Role::Title}) {
        auto& pend = s.pending[static_cast<int>(role)];
        ImFont* font = font_of(role);
        bool touched = false;
        for (auto it = pend.begin(); it != pend.end();) {
            const std::uint32_t cp = *it;
            if (has_glyph(font, cp) || s.unavailable.count(cp)) {
                s.since.erase(cp);
                it = pend.erase(it);
                continue;
            }
            const stbtt_fontinfo* src = nullptr;
            bool from_base = false;
            if (s.base_ok && stbtt_FindGlyphIndex(&s.base_info, static_cast<int>(cp)) != 0) {
                src = &s.base_info;
                from_base = true;
            } else {
                const int n = static_cast<int>(cp / kPageSize);
                auto pg = s.pages.find(n);
                if (pg == s.pages.end()) {
                    request_page(n);
                    ++it;
                    continue;
                }
                if (pg->second->state == Page::State::Loading) {
                    ++it;
                    continue;
                }
                if (pg->second->state == Page::State::Loaded) src = &pg->second->info;
            }
            const Raster r = src ? rasterise(font, *src, cp) : Raster::NoGlyph;
            if (r == Raster::Full) {
                s.want_rebuild = true;                    // rebuilt with more room before the next frame
                wake();
                break;
            }
            if (r == Raster::NoGlyph) {
                s.unavailable.insert(cp);
                s.since.erase(cp);
            } else {
                s.added.push_back({role, cp, from_base});
                touched = true;
                added_any = true;
                if (auto t = s.since.find(cp); t != s.since.end()) {
                    s.slowest_ms = std::max(s.slowest_ms, now_ms() - t->second);
                }
                s.since.erase(cp);
            }
            it = pend.erase(it);
        }
        if (touched) font->BuildLookupTable();
        if (s.want_rebuild) break;
    }
    return added_any;
}

nlohmann::json glyphs_of(std::string_view utf8) {
    nlohmann::json out = nlohmann::json::array();
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    while (p < end) {
        const char* start = p;
        const std::uint32_t cp = next_cp(p, end);
        const ImFont* body = ui::theme().body;
        const ImFont* title = ui::theme().title;
        const ImFontGlyph* gb = body ? body->FindGlyphNoFallback(static_cast<ImWchar>(cp)) : nullptr;
        const ImFontGlyph* gt = title ? title->FindGlyphNoFallback(static_cast<ImWchar>(cp)) : nullptr;
        nlohmann::json c = {{"char", std::string(start, p)}, {"cp", cp}, {"body", gb != nullptr},
                            {"title", gt != nullptr}};
        if (gb) c["body_size"] = {{"w", gb->X1 - gb->X0}, {"h", gb->Y1 - gb->Y0}, {"advance", gb->AdvanceX},
                                  {"x0", gb->X0}, {"y0", gb->Y0}, {"u0", gb->U0}, {"v0", gb->V0}, {"u1", gb->U1},
                                  {"v1", gb->V1}};
        if (gt) c["title_size"] = {{"w", gt->X1 - gt->X0}, {"h", gt->Y1 - gt->Y0}, {"advance", gt->AdvanceX}};
        out.push_back(std::move(c));
    }
    return out;
}

nlohmann::json test_state() {
    const Fonts& s = F();
    int loaded = 0;
    double slowest_page = 0.0;
    for (const auto& [n, p] : s.pages) {
        loaded += p->state == Page::State::Loaded;
        if (p->state != Page::State::Loading) slowest_page = std::max(slowest_page, p->answered_ms - p->asked_ms);
    }
    return {{"pages_requested", s.pages_requested}, {"pages_loaded", loaded}, {"added", s.added.size()},
            {"pending", s.pending[0].size() + s.pending[1].size()}, {"unavailable", s.unavailable.size()},
            {"slowest_ms", s.slowest_ms}, {"slowest_page_ms", slowest_page}, {"room", {{"x", s.room_x}, {"y", s.room_y}, {"w", s.room_w}, {"h", s.room_h}}},
            {"atlas", {{"w", ImGui::GetIO().Fonts->TexWidth}, {"h", ImGui::GetIO().Fonts->TexHeight}}}};
}

}  // namespace yiyang::client::fonts

// window.Module.ccall('yiyang_test_glyphs', 'string', ['string'], [text]): JSON per character (browser tests).
extern "C" EMSCRIPTEN_KEEPALIVE const char* yiyang_test_glyphs(const char* utf8) {
    static std::string buffer;
    buffer = yiyang::client::fonts::glyphs_of(utf8 ? std::string_view(utf8) : std::string_view())
                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return buffer.c_str();
}
