// Date and date-time fields with a picker (ui/date_picker.hpp). The month shown lives in ImGui's state storage
// (per field), so a field needs no state of its own in AppState; the value is the text, as before.
#include "ui/date_picker.hpp"

#include <cstdio>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/widgets.hpp"

namespace yiyang::client::ui {
namespace {

struct Parsed {
    std::optional<Date> date;
    int hour = 9;
    int minute = 0;
};

Parsed parse(const std::string& text) {
    Parsed p;
    if (text.size() >= 10) p.date = parse_date(text.substr(0, 10));
    if (text.size() >= 16) {
        int h = -1, m = -1;
        if (std::sscanf(text.c_str() + 11, "%d:%d", &h, &m) == 2 && h >= 0 && h < 24 && m >= 0 && m < 60) {
            p.hour = h;
            p.minute = m;
        }
    }
    return p;
}

std::string two(int v) {
    char b[8];
    std::snprintf(b, sizeof b, "%02d", v);
    return b;
}

std::string compose(const Date& d, bool with_time, int hour, int minute) {
    std::string s = format_date(d);
    if (with_time) s += " " + two(hour) + ":" + two(minute);
    return s;
}

bool field(const std::string& id, std::string& text, const Date& today, const char* hint, bool with_time,
           float width = 0) {
    bool changed = false;
    ImGui::PushID(id.c_str());
    const float button = button_w("日历");
    const float room = width > 0 ? width : ImGui::GetContentRegionAvail().x;
    ImGui::SetNextItemWidth(room - button - ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::InputTextWithHint("##text", hint, &text)) changed = true;
    tag(id);
    ImGui::SameLine();
    ImGuiStorage* store = ImGui::GetStateStorage();
    const ImGuiID month_key = ImGui::GetID("month");   // year * 12 + (month - 1) shown in the grid
    if (ImGui::Button("日历")) {
        const Parsed p = parse(text);
        const Date shown = p.date.value_or(today);
        store->SetInt(month_key, shown.year * 12 + shown.month - 1);
        ImGui::OpenPopup("picker");
    }
    tag(id + ".open");
    if (ImGui::BeginPopup("picker")) {
        Parsed p = parse(text);
        int ym = store->GetInt(month_key, today.year * 12 + today.month - 1);
        const int year = ym / 12, month = ym % 12 + 1;
        if (ImGui::ArrowButton("prev", ImGuiDir_Left)) store->SetInt(month_key, ym - 1);
        tag(id + ".prev");
        ImGui::SameLine();
        const std::string title = std::to_string(year) + " 年 " + std::to_string(month) + " 月";
        const float grid_w = 7 * px(38) + 6 * ImGui::GetStyle().ItemSpacing.x;
        const float title_w = ImGui::CalcTextSize(title.c_str()).x;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (grid_w - title_w) / 2 - px(38));
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(title.c_str());
        tag_text(id + ".month", format_date(Date{year, month, 1}).substr(0, 7));
        ImGui::SameLine(ImGui::GetStyle().WindowPadding.x + grid_w - ImGui::GetFrameHeight());
        if (ImGui::ArrowButton("next", ImGuiDir_Right)) store->SetInt(month_key, ym + 1);
        tag(id + ".next");
        static const char* const kDays[] = {"一", "二", "三", "四", "五", "六", "日"};
        const ImVec2 cell(px(38), ImGui::GetFrameHeight());
        for (int k = 0; k < 7; ++k) {   // weekday headings, each centred over its column
            if (k) ImGui::SameLine();
            const ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::Dummy(cell);
            const ImVec2 ts = ImGui::CalcTextSize(kDays[k]);
            ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + (cell.x - ts.x) / 2, at.y + (cell.y - ts.y) / 2),
                                                k >= 5 ? colors::kError : colors::kMuted, kDays[k]);
        }
        const Date first{year, month, 1};
        const int lead = iso_weekday(first) - 1;   // Monday-first columns
        const int days = days_in_month(year, month);
        for (int slot = 0; slot < lead + days; ++slot) {
            if (slot % 7 != 0) ImGui::SameLine();
            if (slot < lead) {
                ImGui::Dummy(cell);
                continue;
            }
            const int day = slot - lead + 1;
            const Date d{year, month, day};
            const bool selected = p.date && *p.date == d;
            const bool is_today = d == today;
            ImGui::PushID(day);
            if (selected) ImGui::PushStyleColor(ImGuiCol_Button, colors::kAccent);
            else if (is_today) ImGui::PushStyleColor(ImGuiCol_Button, col(palette::kToday));
            else if (slot % 7 >= 5) ImGui::PushStyleColor(ImGuiCol_Text, colors::kError);
            const bool pick = ImGui::Button(std::to_string(day).c_str(), cell);
            if (selected || is_today || slot % 7 >= 5) ImGui::PopStyleColor();
            tag(id + ".day." + std::to_string(day));
            ImGui::PopID();
            if (pick) {
                text = compose(d, with_time, p.hour, p.minute);
                changed = true;
                if (!with_time) ImGui::CloseCurrentPopup();
            }
        }
        if (with_time) {
            ImGui::Spacing();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted("时间");
            ImGui::SameLine();
            int h = p.hour, m = p.minute;
            ImGui::SetNextItemWidth(px(72));
            if (ImGui::BeginCombo("##hour", (two(h) + " 时").c_str())) {
                for (int v = 0; v < 24; ++v) {
                    if (ImGui::Selectable((two(v) + " 时").c_str(), v == h)) h = v;
                }
                ImGui::EndCombo();
            }
            tag(id + ".hour");
            ImGui::SameLine();
            ImGui::SetNextItemWidth(px(72));
            if (ImGui::BeginCombo("##minute", (two(m) + " 分").c_str())) {
                for (int v = 0; v < 60; v += 5) {
                    if (ImGui::Selectable((two(v) + " 分").c_str(), v == m)) m = v;
                }
                ImGui::EndCombo();
            }
            tag(id + ".minute");
            if (h != p.hour || m != p.minute) {
                text = compose(p.date.value_or(today), true, h, m);
                changed = true;
            }
        }
        ImGui::Spacing();
        if (ImGui::Button("今天")) {
            text = compose(today, with_time, p.hour, p.minute);
            store->SetInt(month_key, today.year * 12 + today.month - 1);
            changed = true;
            if (!with_time) ImGui::CloseCurrentPopup();
        }
        tag(id + ".today");
        ImGui::SameLine();
        if (ImGui::Button("清除")) {
            text.clear();
            changed = true;
            ImGui::CloseCurrentPopup();
        }
        tag(id + ".clear");
        if (with_time) {
            ImGui::SameLine();
            if (primary_button("确定")) ImGui::CloseCurrentPopup();
            tag(id + ".ok");
        }
        ImGui::EndPopup();
    }
    ImGui::PopID();
    return changed;
}

}  // namespace

bool date_field(const std::string& id, std::string& text, const Date& today, const char* hint, float width) {
    return field(id, text, today, hint, false, width);
}

bool date_time_field(const std::string& id, std::string& text, const Date& today, const char* hint) {
    return field(id, text, today, hint, true);
}

}  // namespace yiyang::client::ui
