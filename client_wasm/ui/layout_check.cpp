// Clipped table columns of the last frame (layout_check.hpp), from ImGuiTableColumn's content extents: ImGui records
// the rightmost x every cell's items reached (ContentMaxX*) and the header label's full width, for its auto-fit.
#include "ui/layout_check.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstring>

namespace yiyang::client::ui {

std::vector<ClippedColumn> clipped_columns() {
    std::vector<ClippedColumn> out;
    ImGuiContext& g = *ImGui::GetCurrentContext();
    constexpr float kSlack = 1.0f;     // rounding of pixel-snapped text
    for (int t = 0; t < g.Tables.GetMapSize(); ++t) {
        ImGuiTable* table = g.Tables.TryGetMapData(t);
        if (!table || table->LastFrameActive != g.FrameCount || !table->IsLayoutLocked) continue;
        const bool scroll_x = (table->Flags & ImGuiTableFlags_ScrollX) != 0;
        const float visible_right = table->InnerWindow->ClipRect.Max.x;
        for (int c = 0; c < table->ColumnsCount; ++c) {
            const ImGuiTableColumn& col = table->Columns[c];
            if (!col.IsEnabled || !col.IsVisibleX) continue;
            ClippedColumn r;
            r.window = table->InnerWindow->Name;
            const char* name = ImGui::TableGetColumnName(table, c);
            const char* hash = name ? std::strstr(name, "##") : nullptr;
            r.column = name ? std::string(name, hash ? hash : name + std::strlen(name)) : std::string();
            r.index = c;
            r.width = col.WorkMaxX - col.WorkMinX;
            const float cells = ImMax(col.ContentMaxXFrozen, col.ContentMaxXUnfrozen);
            // The cell padding on the right is still visible: content clips only past the column's edge.
            if (cells > col.MaxX + kSlack) {
                r.part = "cells";
                r.content_w = cells - col.WorkMinX;
                out.push_back(r);
            } else if (col.ContentMaxXHeadersIdeal > col.MaxX + kSlack) {
                r.part = "header";
                r.content_w = col.ContentMaxXHeadersIdeal - col.WorkMinX;
                out.push_back(r);
            } else if (!scroll_x && ImMin(ImMax(cells, col.ContentMaxXHeadersIdeal), col.MaxX) > visible_right + kSlack) {
                r.part = "window";
                r.content_w = ImMax(cells, col.ContentMaxXHeadersIdeal) - col.WorkMinX;
                r.width = visible_right - col.WorkMinX;
                out.push_back(r);
            }
        }
    }
    return out;
}

}  // namespace yiyang::client::ui
