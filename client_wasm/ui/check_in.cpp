// The check-in pad (check_in.hpp).
#include "ui/check_in.hpp"

#include <algorithm>
#include <cctype>
#include <cfloat>

#include <imgui.h>

#include "ui/widgets.hpp"
#include "yiyang/visits.hpp"

namespace yiyang::client::ui {

namespace {
constexpr int kColumns = 10;          // 30 characters: three rows of ten
constexpr float kMinTarget = 48.0f;   // CSS px: the smallest touch target
}  // namespace

CheckInPadResult check_in_pad(const std::string& id, const std::string& code, int length, float width, bool busy) {
    CheckInPadResult out;
    const std::string& alphabet = visits::code_alphabet();
    if (width <= 0) width = ImGui::GetContentRegionAvail().x;
    const float gap = px(6);
    // Ten columns where 48 px chips fit, fewer on a narrow pad (a kiosk at 200 % text: 96 device px each).
    int columns = kColumns;
    while (columns > 5 && columns * px(kMinTarget) + (columns - 1) * gap > width) --columns;
    const float chip = std::max(px(kMinTarget), (width - gap * (columns - 1)) / columns);

    // The code so far: one box per character, big type.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float box = chip;
    for (int i = 0; i < length; ++i) {
        const ImVec2 a(at.x + i * (box + gap), at.y), b(a.x + box, a.y + box);
        dl->AddRectFilled(a, b, col(palette::kPanel), px(6));
        dl->AddRect(a, b, i == static_cast<int>(code.size()) ? col(palette::kAccent) : col(palette::kBorder), px(6), 0, px(2));
        if (i < static_cast<int>(code.size())) {
            const char ch[2] = {code[static_cast<std::size_t>(i)], 0};
            const float size = box * 0.6f;
            const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0.0f, ch);
            dl->AddText(ImGui::GetFont(), size, ImVec2(a.x + (box - ts.x) / 2, a.y + (box - ts.y) / 2), col(palette::kText), ch);
        }
    }
    ImGui::Dummy(ImVec2(length * (box + gap), box));
    tag_text(id + ".code", code);
    ImGui::Dummy(ImVec2(0, gap));

    // The chips: the code alphabet only, so nothing ambiguous can be typed.
    const bool full = static_cast<int>(code.size()) >= length;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    ImGui::BeginDisabled(busy || full);
    for (std::size_t i = 0; i < alphabet.size(); ++i) {
        if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine();
        const std::string label = std::string(1, alphabet[i]) + "##" + id + ".chip";
        if (ImGui::Button(label.c_str(), ImVec2(chip, chip))) out.edited = code + alphabet[i];
        tag(id + ".chip." + std::string(1, alphabet[i]));
    }
    ImGui::EndDisabled();
    // 删除, 清空, 签到: as tall as a chip, wide enough for the label.
    ImGui::BeginDisabled(busy || code.empty());
    if (ImGui::Button(("删除##" + id + ".delete").c_str(), ImVec2(chip * 2 + gap, chip))) out.edited = code.substr(0, code.size() - 1);
    tag(id + ".delete");
    ImGui::SameLine();
    if (ImGui::Button(("清空##" + id + ".clear").c_str(), ImVec2(chip * 2 + gap, chip))) out.edited = std::string();
    tag(id + ".clear");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(busy || !full);
    const int rest = std::max(2, columns - 4);   // 签到 fills the row after 删除 and 清空
    if (primary_button((std::string(busy ? "正在签到…" : "签到") + "##" + id + ".submit").c_str(),
                       ImVec2(chip * static_cast<float>(rest) + gap * static_cast<float>(rest - 1), chip)))
        out.submit = true;
    tag(id + ".submit");
    ImGui::EndDisabled();
    ImGui::PopStyleVar();

    // A keyboard still works where there is one (the staff's desk): letters and digits of the alphabet, Backspace, Enter.
    if (!busy && ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && !ImGui::GetIO().WantTextInput) {
        for (int k = 0; k < ImGui::GetIO().InputQueueCharacters.Size; ++k) {
            const auto c = static_cast<char>(std::toupper(ImGui::GetIO().InputQueueCharacters[k] & 0x7f));
            if (alphabet.find(c) != std::string::npos && static_cast<int>(out.edited.value_or(code).size()) < length)
                out.edited = out.edited.value_or(code) + c;
        }
        if (ImGui::IsKeyPressed(ImGuiKey_Backspace) && !code.empty()) out.edited = code.substr(0, code.size() - 1);
        if (ImGui::IsKeyPressed(ImGuiKey_Enter) && full) out.submit = true;
    }
    return out;
}

}  // namespace yiyang::client::ui
