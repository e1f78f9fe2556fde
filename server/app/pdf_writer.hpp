// The A4 page machinery of the server's PDFs (the quarterly verification report, the settlement statement): cairo +
// pango with Noto Sans CJK (fontconfig finds "Noto Sans CJK SC" from fonts-noto-cjk; its regular face only, bold
// synthesized: one font subset per document), text that wraps, page breaks,
// bordered tables with a shaded header, a footer with the SHA-256 line the sealing fills in and "第 n 页 / 共 N 页".
// Laid out twice: the first pass counts the pages, the second draws. Units are PDF points (1/72 inch).
#pragma once
#include <cairo.h>
#include <pango/pangocairo.h>

#include <functional>
#include <string>
#include <vector>

namespace yiyang::app::pdf {

constexpr double kPageW = 595.28, kPageH = 841.89;   // A4
constexpr double kMargin = 56, kFooter = 40;
constexpr double kBottom = kPageH - kMargin - kFooter / 2;
constexpr double kContentW = kPageW - 2 * kMargin;

enum class Align { Left, Center, Right };

struct Row {
    std::vector<std::string> cells;
    std::vector<std::string> previous;   // a smaller gray line under each cell ("" = none); empty = no such line
    bool bold = false;
};

struct Table {
    std::string title_zh;
    std::vector<std::string> columns;
    std::vector<Row> rows;
    std::string note_zh;
    double first_share = 0;              // the first column's share of the width; 0 = 46 % up to 3 columns, else 18 %
};

class Writer {
public:
    Writer(cairo_t* cr, bool draw, int total_pages, std::string sha256);
    ~Writer();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    int pages() const { return page_; }
    // Sets up the layout for text in a box `width` wide; returns its height.
    double measure(const std::string& text, double width, double size, bool bold, Align align = Align::Left);
    double text_at(const std::string& text, double x, double y, double width, double size, bool bold,
                   Align align = Align::Left, double gray = 0);
    void begin_page();
    void end_page();                     // the footer, then the next page
    void need(double h);                 // a new page unless h fits on this one
    void skip(double h) { y_ += h; }
    void paragraph(const std::string& text, double size, bool bold, Align align = Align::Left, double gap = 6);
    void table(const Table& t);
    // For drawings beside the text (app/pdf_charts): the cairo context (draw only when drawing() — the first pass
    // only counts pages) and the current top of the free space.
    cairo_t* cairo() const { return cr_; }
    bool drawing() const { return draw_; }
    double y() const { return y_; }

private:
    void footer();
    cairo_t* cr_;
    bool draw_;
    int total_;
    std::string sha256_;
    PangoLayout* layout_ = nullptr;
    int page_ = 0;
    double y_ = kMargin;
};

// The PDF's bytes: `body` lays out the document (begin_page … end_page) on a Writer, once to count the pages and
// once to draw. sha256: printed in every footer ("" = "未封存"). Throws std::runtime_error when cairo fails.
std::string render(const std::string& title, const std::string& sha256, const std::function<void(Writer&)>& body);

// `count` documents, make(i) for each, on up to `threads` threads (each its own cairo surfaces and pango font map;
// fontconfig and cairo are thread-safe for independent surfaces): out[i] = make(i). The first exception thrown is
// rethrown after the other threads stop taking documents.
std::vector<std::string> render_batch(std::size_t count, const std::function<std::string(std::size_t)>& make,
                                      unsigned threads = 2);

}  // namespace yiyang::app::pdf
