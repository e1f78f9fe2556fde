// The server's A4 PDF page machinery (app/pdf_writer.hpp).
#include "app/pdf_writer.hpp"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>

#include <hb-subset.h>
#include <hb.h>
#include <iconv.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace yiyang::app::pdf {

namespace {

constexpr const char* kFont = "Noto Sans CJK SC";
constexpr const char* kCommonFamily = "Yiyang PDF Sans";   // the common characters' cut of kFont (below)

// One face per document: the bold file of Noto Sans CJK is rejected, so a bold request matches the regular face and
// fontconfig's 90-synthetic.conf sets `embolden` (cairo draws it bolder; its PDF backend embeds those glyphs as a
// small Type 1 fallback subset with the text still extractable). cairo subsets every face per document, and its CFF
// subsetter copies the whole ~16 MB CFF table of a Noto CJK face each time: a second face was ~35 % of the time
// of a statement (docs/BENCHMARKS.md "Settlement statements with their PDFs").
constexpr const char* kFontConfig = R"(<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><selectfont><rejectfont><glob>*/NotoSansCJK-Bold.ttc</glob></rejectfont></selectfont></fontconfig>
)";

// For the same reason the documents are set in a cut of Noto Sans CJK SC to the characters of GB 2312 (its 6 763
// hanzi and its symbols, from glibc's iconv table), Latin, general punctuation, CJK punctuation and the full-width
// forms — 8 000 glyphs, 1.9 MB instead of 65 000 and 16 MB — made once per process with HarfBuzz's hb-subset (the
// same glyphs, metrics and kerning; the substitutions to other regions' forms and vertical forms left out) and
// written to a private temporary directory that fontconfig reads, under the family kCommonFamily. Every character
// outside it (喆, 玥, 䶮 …) comes from the whole face: the family list is "kCommonFamily,kFont", and pango takes each
// character from the first face that has it. A document that needs none of them subsets only the cut: 400 statements'
// PDFs 3.6 → 1.5 s on two cores (docs/BENCHMARKS.md "The statements' PDFs in a cut of the face"; tests/server/
// test_pdf_fonts.cpp). The directory is removed at exit (a killed process leaves its 2 MB in the temporary directory).
struct CommonCut {
    std::string dir, file;   // empty when the cut could not be made (then kFont alone)
    CommonCut() = default;
    CommonCut(const CommonCut&) = delete;   // the directory is the object's: never copied, removed once
    CommonCut& operator=(const CommonCut&) = delete;
    ~CommonCut() {
        std::error_code ec;
        if (!dir.empty()) std::filesystem::remove_all(dir, ec);
    }
};

std::pair<std::string, unsigned> face_file(FcConfig* c, const char* family) {
    FcPattern* want = FcNameParse(reinterpret_cast<const FcChar8*>(family));
    FcConfigSubstitute(c, want, FcMatchPattern);
    FcDefaultSubstitute(want);
    FcResult result = FcResultNoMatch;
    FcPattern* got = FcFontMatch(c, want, &result);
    std::pair<std::string, unsigned> out;
    FcChar8* file = nullptr;
    FcChar8* name = nullptr;
    int index = 0;
    if (got && FcPatternGetString(got, FC_FAMILY, 0, &name) == FcResultMatch &&
        std::string(reinterpret_cast<const char*>(name)) == family &&
        FcPatternGetString(got, FC_FILE, 0, &file) == FcResultMatch && FcPatternGetInteger(got, FC_INDEX, 0, &index) == FcResultMatch)
        out = {reinterpret_cast<const char*>(file), static_cast<unsigned>(index)};
    if (got) FcPatternDestroy(got);
    FcPatternDestroy(want);
    return out;
}

// The code points of the cut.
hb_set_t* common_characters() {
    hb_set_t* u = hb_set_create();
    hb_set_add_range(u, 0x20, 0x7E);
    hb_set_add_range(u, 0xA0, 0x24F);      // Latin-1, Latin Extended-A and B
    hb_set_add_range(u, 0x2000, 0x27BF);   // punctuation, super/subscripts, currency, letterlike, numbers, arrows,
                                           // mathematical operators, technical, enclosed, box drawing, shapes, dingbats
    hb_set_add_range(u, 0x3000, 0x303F);   // CJK symbols and punctuation
    hb_set_add_range(u, 0xFF00, 0xFFEF);   // full-width forms
    iconv_t cd = iconv_open("UTF-32LE", "GB2312");
    if (cd == reinterpret_cast<iconv_t>(-1)) return u;
    for (int a = 0xA1; a <= 0xF7; ++a)
        for (int b = 0xA1; b <= 0xFE; ++b) {
            char in[2] = {static_cast<char>(a), static_cast<char>(b)};
            std::uint32_t cp = 0;
            char* ip = in;
            char* op = reinterpret_cast<char*>(&cp);
            std::size_t il = 2, ol = 4;
            if (iconv(cd, &ip, &il, &op, &ol) != static_cast<std::size_t>(-1) && ol == 0) hb_set_add(u, cp);
        }
    iconv_close(cd);
    return u;
}

// The cut of `path`'s face `index` written into a new private directory (cut.file stays empty on any failure).
void make_common_cut(CommonCut& cut, const std::string& path, unsigned index) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str());
    if (!blob) return;
    hb_face_t* face = hb_face_create(blob, index);
    hb_subset_input_t* input = hb_subset_input_create_or_fail();
    hb_face_t* sub = nullptr;
    if (input) {
        hb_set_t* chars = common_characters();
        hb_set_union(hb_subset_input_unicode_set(input), chars);
        hb_set_destroy(chars);
        hb_set_t* features = hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
        for (const char* tag : {"locl", "vert", "vrt2", "vkna", "vrtr", "jp78", "jp83", "jp90", "jp04", "nlck", "trad",
                                "smpl", "expt", "hojo", "fwid", "hwid", "pwid", "qwid", "twid", "ruby", "hkna", "ljmo",
                                "vjmo", "tjmo", "aalt", "salt", "ss01", "ss02", "dlig"})
            hb_set_del(features, hb_tag_from_string(tag, 4));
        sub = hb_subset_or_fail(face, input);
        hb_subset_input_destroy(input);
    }
    if (sub) {
        hb_blob_t* out = hb_face_reference_blob(sub);
        unsigned len = 0;
        const char* data = hb_blob_get_data(out, &len);
        std::string tmpl = (std::filesystem::temp_directory_path() / "yiyang-pdf-XXXXXX").string();
        if (len > 0 && ::mkdtemp(tmpl.data())) {
            cut.dir = tmpl;
            const std::string file = cut.dir + "/yiyang-pdf-sans.otf";
            std::ofstream f(file, std::ios::binary);
            f.write(data, len);
            f.close();   // flushed before fontconfig reads it
            if (f.good()) cut.file = file;
        }
        hb_blob_destroy(out);
        hb_face_destroy(sub);
    }
    hb_face_destroy(face);
    hb_blob_destroy(blob);
}

struct FontSetup {
    FcConfig* config = nullptr;
    const char* families = kFont;
};

const FontSetup& font_setup() {
    static CommonCut cut;   // removed with its directory at exit
    static FontSetup setup = [] {
        FontSetup out;
        FcConfig* c = FcInitLoadConfig();   // the system's configuration files, without the fonts yet
        if (!c || !FcConfigParseAndLoadFromMemory(c, reinterpret_cast<const FcChar8*>(kFontConfig), FcTrue) ||
            !FcConfigBuildFonts(c)) {
            if (c) FcConfigDestroy(c);
            return out;   // the process's default configuration (two faces) instead
        }
        out.config = c;
        const auto [path, index] = face_file(c, kFont);
        if (path.empty()) return out;
        make_common_cut(cut, path, index);
        if (cut.file.empty()) return out;
        // The cut keeps the face's names: fontconfig gives it its own family when it scans the file.
        const std::string rename = std::string(R"(<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>)") +
                                   R"(<match target="scan"><test name="file"><string>)" + cut.file +
                                   R"(</string></test><edit name="family" mode="assign" binding="same"><string>)" +
                                   kCommonFamily + "</string></edit></match></fontconfig>";
        if (FcConfigParseAndLoadFromMemory(c, reinterpret_cast<const FcChar8*>(rename.c_str()), FcTrue) &&
            FcConfigAppFontAddFile(c, reinterpret_cast<const FcChar8*>(cut.file.c_str())) &&
            face_file(c, kCommonFamily).first == cut.file) {
            static const std::string families = std::string(kCommonFamily) + "," + kFont;
            out.families = families.c_str();
        }
        return out;
    }();
    return setup;
}

FcConfig* font_config() { return font_setup().config; }

// A pango font map per thread (pango's objects are not shared between threads; fontconfig is thread-safe), kept
// for the thread's life so its glyph and metrics caches serve every document the thread renders.
struct ThreadFontMap {
    PangoFontMap* map = nullptr;
    ThreadFontMap() {
        map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
        if (!map) map = pango_cairo_font_map_new();
        if (FcConfig* c = font_config(); c && PANGO_IS_FC_FONT_MAP(map))
            pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), c);
    }
    ~ThreadFontMap() { g_object_unref(map); }
    ThreadFontMap(const ThreadFontMap&) = delete;
    ThreadFontMap& operator=(const ThreadFontMap&) = delete;
};

PangoFontMap* thread_font_map() {
    thread_local ThreadFontMap fonts;
    return fonts.map;
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Writer::Writer(cairo_t* cr, bool draw, int total_pages, std::string sha256)
    : cr_(cr), draw_(draw), total_(total_pages), sha256_(std::move(sha256)) {
    PangoContext* context = pango_font_map_create_context(thread_font_map());
    pango_cairo_update_context(cr_, context);
    layout_ = pango_layout_new(context);
    g_object_unref(context);
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
}

Writer::~Writer() { g_object_unref(layout_); }

double Writer::measure(const std::string& text, double width, double size, bool bold, Align align) {
    PangoFontDescription* fd = pango_font_description_new();
    pango_font_description_set_family(fd, font_setup().families);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout_, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_alignment(layout_, align == Align::Center  ? PANGO_ALIGN_CENTER
                                        : align == Align::Right ? PANGO_ALIGN_RIGHT
                                                                : PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout_, text.c_str(), -1);
    int w = 0, h = 0;
    pango_layout_get_size(layout_, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
}

double Writer::text_at(const std::string& text, double x, double y, double width, double size, bool bold, Align align,
                       double gray) {
    const double h = measure(text, width, size, bold, align);
    if (draw_) {
        cairo_set_source_rgb(cr_, gray, gray, gray);
        cairo_move_to(cr_, x, y);
        pango_cairo_show_layout(cr_, layout_);
    }
    return h;
}

void Writer::begin_page() {
    ++page_;
    y_ = kMargin;
}

void Writer::end_page() {
    footer();
    if (draw_) cairo_show_page(cr_);
}

void Writer::need(double h) {
    if (y_ + h > kBottom) {
        end_page();
        begin_page();
    }
}

void Writer::paragraph(const std::string& text, double size, bool bold, Align align, double gap) {
    const double h = measure(text, kContentW, size, bold, align);
    need(h);
    text_at(text, kMargin, y_, kContentW, size, bold, align);
    y_ += h + gap;
}

void Writer::table(const Table& t) {
    const std::size_t n = t.columns.size();
    if (n == 0) return;
    // The first column (months / items) wider; the others share the rest.
    std::vector<double> widths(n);
    const double first = kContentW * (t.first_share > 0 ? t.first_share : n <= 3 ? 0.46 : 0.18);
    widths[0] = first;
    for (std::size_t k = 1; k < n; ++k) widths[k] = (kContentW - first) / static_cast<double>(n - 1);
    auto row_height = [&](const std::vector<std::string>& texts, double size, bool bold) {
        double h = 0;
        for (std::size_t k = 0; k < n; ++k)
            h = std::max(h, measure(k < texts.size() ? texts[k] : "", widths[k] - 8, size, bold, Align::Center));
        return h + 8;
    };
    auto draw_row = [&](const std::vector<std::string>& texts, double size, bool bold, bool shaded,
                        const std::vector<std::string>& previous) {
        double h = row_height(texts, size, bold);
        double ph = 0;
        for (std::size_t k = 0; k < n && k < previous.size(); ++k)
            if (!previous[k].empty()) ph = std::max(ph, measure(previous[k], widths[k] - 8, 7.5, false, Align::Center));
        h += ph;
        need(h);
        double x = kMargin;
        for (std::size_t k = 0; k < n; ++k) {
            if (draw_) {
                if (shaded) {
                    cairo_set_source_rgb(cr_, 0.87, 0.90, 0.94);
                    cairo_rectangle(cr_, x, y_, widths[k], h);
                    cairo_fill(cr_);
                }
                cairo_set_source_rgb(cr_, 0, 0, 0);
                cairo_set_line_width(cr_, 0.6);
                cairo_rectangle(cr_, x, y_, widths[k], h);
                cairo_stroke(cr_);
            }
            const double th = text_at(k < texts.size() ? texts[k] : "", x + 4, y_ + 4, widths[k] - 8, size, bold,
                                      k == 0 && !shaded ? Align::Left : Align::Center);
            if (k < previous.size() && !previous[k].empty())
                text_at(previous[k], x + 4, y_ + 4 + th, widths[k] - 8, 7.5, false, Align::Center, 0.4);
            x += widths[k];
        }
        y_ += h;
    };
    // A table starts on a new page rather than leaving its title and header alone at the bottom.
    need(measure(t.title_zh, kContentW, 11.5, true) + 4 + row_height(t.columns, 9.5, true) + 2 * 22);
    paragraph(t.title_zh, 11.5, true, Align::Left, 4);
    draw_row(t.columns, 9.5, true, true, {});
    for (const auto& r : t.rows) draw_row(r.cells, 9.5, r.bold, false, r.previous);
    y_ += 4;
    if (!t.note_zh.empty()) paragraph(t.note_zh, 9.5, false);
    y_ += 8;
}

void Writer::footer() {
    const double y = kPageH - kMargin + 8;
    const std::string pages = "第 " + std::to_string(page_) + " 页 / 共 " + std::to_string(total_) + " 页";
    const std::string seal = "SHA-256：" + (sha256_.empty() ? std::string("未封存") : sha256_);
    if (draw_) {
        cairo_set_source_rgb(cr_, 0.5, 0.5, 0.5);
        cairo_set_line_width(cr_, 0.4);
        cairo_move_to(cr_, kMargin, y - 4);
        cairo_line_to(cr_, kPageW - kMargin, y - 4);
        cairo_stroke(cr_);
    }
    text_at(seal, kMargin, y, kContentW * 0.78, 7, false, Align::Left, 0.35);
    text_at(pages, kMargin, y, kContentW, 8, false, Align::Right, 0.35);
}

std::string render(const std::string& title, const std::string& sha256, const std::function<void(Writer&)>& body) {
    // Pass 1: count the pages on a throwaway surface (same fonts and metrics, nothing kept).
    int pages = 0;
    {
        std::string sink;
        cairo_surface_t* s = cairo_pdf_surface_create_for_stream(&append_bytes, &sink, kPageW, kPageH);
        cairo_t* cr = cairo_create(s);
        {
            Writer w(cr, false, 0, sha256);
            body(w);
            pages = w.pages();
        }
        cairo_destroy(cr);
        cairo_surface_destroy(s);
    }
    std::string out;
    cairo_surface_t* s = cairo_pdf_surface_create_for_stream(&append_bytes, &out, kPageW, kPageH);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Yiyang 颐养");
    cairo_t* cr = cairo_create(s);
    {
        Writer w(cr, true, pages, sha256);
        body(w);
    }
    const cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    const cairo_status_t surface_status = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (status != CAIRO_STATUS_SUCCESS || surface_status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("生成 PDF 失败：") +
                                 cairo_status_to_string(status != CAIRO_STATUS_SUCCESS ? status : surface_status));
    return out;
}

std::vector<std::string> render_batch(std::size_t count, const std::function<std::string(std::size_t)>& make,
                                      unsigned threads) {
    std::vector<std::string> out(count);
    threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(count, 1))));
    std::mutex m;
    std::size_t next = 0;
    std::exception_ptr failure;
    auto work = [&] {
        for (;;) {
            std::size_t i = 0;
            {
                std::lock_guard<std::mutex> lock(m);
                if (failure || next == count) return;
                i = next++;
            }
            try {
                out[i] = make(i);
            } catch (...) {
                std::lock_guard<std::mutex> lock(m);
                if (!failure) failure = std::current_exception();
                return;
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();   // this thread is one of them
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    return out;
}

}  // namespace yiyang::app::pdf
