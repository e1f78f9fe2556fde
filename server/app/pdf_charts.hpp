// Charts of the operation reports as vector drawings on app/pdf_writer's pages (cairo paths, pango labels): a line
// chart (the year's trend: one line per series, a point per category, gaps where a month has no value) and a
// grouped bar chart (counts by channel, type, town; 本月 beside 上月). Axis from the data (percent charts zoomed to
// the values' decade, counts from 0), gridlines, the categories under the axis, a legend under the chart.
#pragma once
#include "app/pdf_writer.hpp"
#include "yiyang/wire/operation_report.hpp"

namespace yiyang::app::pdf {

// Draws the chart (its title, plot and legend) at the writer's position, a new page first when it does not fit.
void chart(Writer& w, const wire::ReportChart& c);

}  // namespace yiyang::app::pdf
