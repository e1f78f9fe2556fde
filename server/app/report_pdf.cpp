// The quarterly verification report as PDF (app/report_pdf.hpp). Laid out twice: the first pass counts the pages
// so that every footer can say "第 n 页 / 共 N 页"; the second draws. Units are PDF points (1/72 inch).
#include "app/report_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace yiyang::app {

namespace {

constexpr double kPageW = 595.28, kPageH = 841.89;   // A4
constexpr double kMargin = 56, kFooter = 40;
constexpr double kBottom = kPageH - kMargin - kFooter / 2;
constexpr double kContentW = kPageW - 2 * kMargin;
constexpr const char* kFont = "Noto Sans CJK SC";

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

enum class Align { Left, Center, Right };

class Writer {
public:
    Writer(cairo_t* cr, bool draw, int total_pages, const wire::QuarterReport& r, const ReportPdfOptions& o)
        : cr_(cr), draw_(draw), total_(total_pages), r_(r), o_(o) {
        layout_ = pango_cairo_create_layout(cr_);
        pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
    }
    ~Writer() { g_object_unref(layout_); }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    int pages() const { return page_; }

    // Sets up the layout for text in a box `width` wide; returns its height.
    double measure(const std::string& text, double width, double size, bool bold, Align align = Align::Left,
                   double gray = 0) {
        (void)gray;
        PangoFontDescription* fd = pango_font_description_new();
        pango_font_description_set_family(fd, kFont);
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
    double text_at(const std::string& text, double x, double y, double width, double size, bool bold,
                   Align align = Align::Left, double gray = 0) {
        const double h = measure(text, width, size, bold, align);
        if (draw_) {
            cairo_set_source_rgb(cr_, gray, gray, gray);
            cairo_move_to(cr_, x, y);
            pango_cairo_show_layout(cr_, layout_);
        }
        return h;
    }

    void begin_page() {
        ++page_;
        y_ = kMargin;
    }
    void end_page() {
        footer();
        if (draw_) cairo_show_page(cr_);
    }
    void need(double h) {
        if (y_ + h > kBottom) {
            end_page();
            begin_page();
        }
    }
    void paragraph(const std::string& text, double size, bool bold, Align align = Align::Left, double gap = 6) {
        const double h = measure(text, kContentW, size, bold, align);
        need(h);
        text_at(text, kMargin, y_, kContentW, size, bold, align);
        y_ += h + gap;
    }

    void table(const wire::ReportTable& t) {
        const std::size_t n = t.columns.size();
        if (n == 0) return;
        // The first column (months / items) wider; the others share the rest.
        std::vector<double> widths(n);
        const double first = n <= 3 ? kContentW * 0.46 : kContentW * 0.18;
        widths[0] = first;
        for (std::size_t k = 1; k < n; ++k) widths[k] = (kContentW - first) / static_cast<double>(n - 1);
        auto row_height = [&](const std::vector<std::string>& texts, double size, bool bold) {
            double h = 0;
            for (std::size_t k = 0; k < n; ++k) h = std::max(h, measure(texts[k], widths[k] - 8, size, bold, Align::Center));
            return h + 8;
        };
        auto draw_row = [&](const std::vector<std::string>& texts, double size, bool bold, bool shaded,
                            const std::vector<std::string>* previous) {
            double h = row_height(texts, size, bold);
            if (previous) {
                double ph = 0;
                for (std::size_t k = 0; k < n; ++k)
                    if (!(*previous)[k].empty()) ph = std::max(ph, measure((*previous)[k], widths[k] - 8, 7.5, false, Align::Center));
                h += ph;
            }
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
                const double th = text_at(texts[k], x + 4, y_ + 4, widths[k] - 8, size, bold,
                                          k == 0 && !shaded ? Align::Left : Align::Center);
                if (previous && !(*previous)[k].empty())
                    text_at((*previous)[k], x + 4, y_ + 4 + th, widths[k] - 8, 7.5, false, Align::Center, 0.4);
                x += widths[k];
            }
            y_ += h;
        };
        // A table starts on a new page rather than leaving its title and header alone at the bottom.
        need(measure(t.title_zh, kContentW, 11.5, true) + 4 + row_height(t.columns, 9.5, true) + 2 * 22);
        paragraph(t.title_zh, 11.5, true, Align::Left, 4);
        draw_row(t.columns, 9.5, true, true, nullptr);
        for (const auto& cells : t.rows) {
            std::vector<std::string> texts, previous;
            bool any_previous = false;
            for (std::size_t k = 0; k < n; ++k) {
                texts.push_back(k < cells.size() ? cells[k].text : "");
                const bool has = k < cells.size() && cells[k].previous.has_value();
                previous.push_back(has ? "上季度 " + *cells[k].previous : "");
                any_previous = any_previous || has;
            }
            draw_row(texts, 9.5, !cells.empty() && cells[0].text == "合计", false, any_previous ? &previous : nullptr);
        }
        y_ += 4;
        if (!t.note_zh.empty()) paragraph(t.note_zh, 9.5, false);
        y_ += 8;
    }

    void footer() {
        const double y = kPageH - kMargin + 8;
        const std::string pages = "第 " + std::to_string(page_) + " 页 / 共 " + std::to_string(total_) + " 页";
        const std::string seal = "SHA-256：" + (o_.sha256.empty() ? std::string("未封存") : o_.sha256);
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

    void report() {
        begin_page();
        // The title is long (≈40 characters): broken after its period ("关于2024年1月-2024年3月" / "…核查报告").
        const std::string head = "关于" + r_.period_label_zh;
        if (r_.title_zh.rfind(head, 0) == 0 && r_.title_zh.size() > head.size()) {
            paragraph(head, 15, true, Align::Center, 2);
            paragraph(r_.title_zh.substr(head.size()), 15, true, Align::Center, 4);
        } else {
            paragraph(r_.title_zh, 15, true, Align::Center, 4);
        }
        std::string sub = r_.quarter_label_zh + "（" + r_.period_label_zh + "）";
        if (r_.town_id) sub += "　" + r_.town_name;
        paragraph(sub, 10, false, Align::Center, 2);
        std::string meta = "生成时间：" + r_.generated_at;
        if (!o_.exported_by.empty()) meta += "　导出人：" + o_.exported_by;
        if (r_.previous_available)
            meta += "　表中小字为上季度（" + r_.previous_quarter + "）数据" +
                    (r_.previous_signed_zh.empty() ? "" : "（" + r_.previous_signed_zh + "）");
        paragraph(meta, 8.5, false, Align::Center, o_.seal_lines.empty() ? 14 : 6);
        for (std::size_t i = 0; i < o_.seal_lines.size(); ++i)
            paragraph(o_.seal_lines[i], 8.5, i == 0, Align::Left, i + 1 == o_.seal_lines.size() ? 14 : 2);
        for (const auto& t : r_.tables) {
            // A section heading keeps its first table's title, header and two rows with it.
            if (t.code == "physical" || t.code == "info_service") need(150);
            if (t.code == "physical") paragraph("一、实体服务评估情况", 13, true, Align::Left, 6);
            if (t.code == "info_service") paragraph("二、信息化服务评估情况", 13, true, Align::Left, 6);
            table(t);
        }
        need(80);
        paragraph("三、意见建议", 13, true, Align::Left, 6);
        std::size_t start = 0;
        const std::string& rec = r_.recommendations_zh;
        while (start <= rec.size()) {
            const auto end = rec.find('\n', start);
            const std::string line = rec.substr(start, end == std::string::npos ? std::string::npos : end - start);
            if (!line.empty()) paragraph(line, 10, false, Align::Left, 4);
            if (end == std::string::npos) break;
            start = end + 1;
        }
        y_ += 10;
        std::string rules = "规则版本：";
        for (std::size_t i = 0; i < r_.rule_versions.size(); ++i) rules += (i ? "；" : "") + r_.rule_versions[i];
        rules += "。百分比" + std::string(r_.rounding == "truncate" ? "截断" : "四舍五入") + "保留" +
                 std::to_string(r_.decimals) + "位小数。";
        paragraph(rules, 8.5, false);
        end_page();
    }

private:
    cairo_t* cr_;
    bool draw_;
    int total_;
    const wire::QuarterReport& r_;
    const ReportPdfOptions& o_;
    PangoLayout* layout_ = nullptr;
    int page_ = 0;
    double y_ = kMargin;
};

}  // namespace

std::string report_pdf_bytes(const wire::QuarterReport& report, const ReportPdfOptions& options) {
    // Pass 1: count the pages on a throwaway surface (same fonts and metrics, nothing kept).
    int pages = 0;
    {
        std::string sink;
        cairo_surface_t* s = cairo_pdf_surface_create_for_stream(&append_bytes, &sink, kPageW, kPageH);
        cairo_t* cr = cairo_create(s);
        {
            Writer w(cr, false, 0, report, options);
            w.report();
            pages = w.pages();
        }
        cairo_destroy(cr);
        cairo_surface_destroy(s);
    }
    std::string out;
    cairo_surface_t* s = cairo_pdf_surface_create_for_stream(&append_bytes, &out, kPageW, kPageH);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, report.title_zh.c_str());
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Yiyang 颐养");
    cairo_t* cr = cairo_create(s);
    {
        Writer w(cr, true, pages, report, options);
        w.report();
    }
    const cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    const cairo_status_t surface_status = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (status != CAIRO_STATUS_SUCCESS || surface_status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("生成 PDF 失败：") + cairo_status_to_string(status != CAIRO_STATUS_SUCCESS ? status : surface_status));
    return out;
}

}  // namespace yiyang::app
