// Vector charts on the report pages (app/pdf_charts.hpp).
#include "app/pdf_charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace yiyang::app::pdf {

namespace {

struct Rgb { double r, g, b; };
constexpr Rgb kPalette[] = {{0.16, 0.39, 0.68}, {0.85, 0.45, 0.13}, {0.20, 0.60, 0.33},
                            {0.75, 0.19, 0.22}, {0.50, 0.35, 0.70}, {0.45, 0.45, 0.45}};
Rgb color(std::size_t i) { return kPalette[i % (sizeof kPalette / sizeof kPalette[0])]; }

std::string tick_text(double v, bool percent) {
    char buf[32];
    if (percent) std::snprintf(buf, sizeof buf, "%g%%", v);
    else if (v >= 10000) std::snprintf(buf, sizeof buf, "%.0f万", v / 10000.0);
    else std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
}

// A "nice" step for about `ticks` intervals over [0, span].
double nice_step(double span, int ticks) {
    if (span <= 0) return 1;
    const double raw = span / ticks;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (raw <= m * mag) return m * mag;
    return 10 * mag;
}

}  // namespace

void chart(Writer& w, const wire::ReportChart& c) {
    constexpr double kPlotH = 150, kAxisW = 40, kCatH = 26, kLegendRow = 13, kTitleH = 18;
    const bool percent = c.unit == "percent";
    const std::size_t n = c.categories.size();
    const std::size_t legend_rows = c.series.size() <= 1 ? 0 : (c.series.size() + 2) / 3;
    const double total = kTitleH + kPlotH + kCatH + legend_rows * kLegendRow + 12;
    w.need(total);
    const double top = w.y();
    w.text_at(c.title_zh, kMargin, top, kContentW, 10, true, Align::Center);

    // The value range.
    double lo = 0, hi = 0;
    bool any = false;
    for (const auto& s : c.series)
        for (const auto& v : s.values)
            if (v) {
                if (!any) lo = hi = *v;
                lo = std::min(lo, *v);
                hi = std::max(hi, *v);
                any = true;
            }
    if (!any) { lo = 0; hi = percent ? 100 : 1; }
    if (percent) {
        lo = std::max(0.0, std::floor(lo / 10.0) * 10.0);
        hi = std::min(100.0, std::max(lo + 10.0, std::ceil(hi / 10.0) * 10.0));
        if (hi <= lo) hi = lo + 10;
    } else {
        lo = 0;
        hi = std::max(1.0, hi);
    }
    const double step = nice_step(hi - lo, 5);
    if (!percent) hi = std::ceil(hi / step) * step;

    const double px = kMargin + kAxisW, pw = kContentW - kAxisW - 4;
    const double py = top + kTitleH, ph = kPlotH;
    auto y_of = [&](double v) { return py + ph - (v - lo) / (hi - lo) * ph; };
    cairo_t* cr = w.cairo();
    const bool draw = w.drawing();

    // Gridlines and tick labels.
    for (double v = lo; v <= hi + step * 1e-6; v += step) {
        const double y = y_of(v);
        if (draw) {
            cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
            cairo_set_line_width(cr, 0.4);
            cairo_move_to(cr, px, y);
            cairo_line_to(cr, px + pw, y);
            cairo_stroke(cr);
        }
        w.text_at(tick_text(v, percent), kMargin, y - 5, kAxisW - 4, 7, false, Align::Right, 0.3);
    }
    if (draw) {
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        cairo_set_line_width(cr, 0.7);
        cairo_move_to(cr, px, py);
        cairo_line_to(cr, px, py + ph);
        cairo_line_to(cr, px + pw, py + ph);
        cairo_stroke(cr);
    }
    const double slot = n ? pw / static_cast<double>(n) : pw;
    for (std::size_t i = 0; i < n; ++i)
        w.text_at(c.categories[i], px + slot * i, py + ph + 3, slot, n > 14 ? 6 : 7, false, Align::Center, 0.2);

    if (draw && n > 0) {
        if (c.kind == "line") {
            for (std::size_t s = 0; s < c.series.size(); ++s) {
                const auto col = color(s);
                cairo_set_source_rgb(cr, col.r, col.g, col.b);
                cairo_set_line_width(cr, 1.4);
                bool pen = false;
                for (std::size_t i = 0; i < n && i < c.series[s].values.size(); ++i) {
                    const auto& v = c.series[s].values[i];
                    if (!v) { pen = false; continue; }
                    const double x = px + slot * (i + 0.5), y = y_of(std::clamp(*v, lo, hi));
                    if (pen) cairo_line_to(cr, x, y);
                    else cairo_move_to(cr, x, y);
                    pen = true;
                }
                cairo_stroke(cr);
                for (std::size_t i = 0; i < n && i < c.series[s].values.size(); ++i) {
                    const auto& v = c.series[s].values[i];
                    if (!v) continue;
                    cairo_arc(cr, px + slot * (i + 0.5), y_of(std::clamp(*v, lo, hi)), 1.8, 0, 2 * M_PI);
                    cairo_fill(cr);
                }
            }
        } else {
            const std::size_t k = std::max<std::size_t>(1, c.series.size());
            const double group = slot * 0.72, bar = group / static_cast<double>(k);
            for (std::size_t s = 0; s < c.series.size(); ++s) {
                const auto col = color(s);
                cairo_set_source_rgb(cr, col.r, col.g, col.b);
                for (std::size_t i = 0; i < n && i < c.series[s].values.size(); ++i) {
                    const auto& v = c.series[s].values[i];
                    if (!v) continue;
                    const double x = px + slot * i + (slot - group) / 2 + bar * s;
                    const double y = y_of(std::clamp(*v, lo, hi));
                    cairo_rectangle(cr, x, y, std::max(0.5, bar - 0.8), py + ph - y);
                    cairo_fill(cr);
                }
            }
        }
    }
    // The values of a single-series bar chart above its bars (when they fit).
    if (c.kind == "bar" && c.series.size() == 1 && n <= 12) {
        for (std::size_t i = 0; i < n && i < c.series[0].values.size(); ++i) {
            const auto& v = c.series[0].values[i];
            if (!v) continue;
            char buf[32];
            std::snprintf(buf, sizeof buf, percent ? "%.1f" : "%.0f", *v);
            w.text_at(buf, px + slot * i, y_of(std::clamp(*v, lo, hi)) - 10, slot, 6.5, false, Align::Center, 0.25);
        }
    }
    // Legend.
    if (legend_rows > 0) {
        const double ly = py + ph + kCatH;
        const double cw = kContentW / 3;
        for (std::size_t s = 0; s < c.series.size(); ++s) {
            const double x = kMargin + cw * (s % 3), y = ly + kLegendRow * (s / 3);
            if (draw) {
                const auto col = color(s);
                cairo_set_source_rgb(cr, col.r, col.g, col.b);
                cairo_rectangle(cr, x, y + 2, 10, 6);
                cairo_fill(cr);
            }
            w.text_at(c.series[s].name_zh, x + 14, y, cw - 16, 7.5, false, Align::Left, 0.1);
        }
    }
    w.skip(total);
}

}  // namespace yiyang::app::pdf
