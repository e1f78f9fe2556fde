// Export / print buttons, Ctrl+C of a row, page size and page jump (table_tools.hpp).
#include "ui/table_tools.hpp"

#include <algorithm>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "platform/services.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

std::string export_url(const std::string& list_path, const char* extension) {
    static const std::string prefix = "/api/v1/";
    if (list_path.rfind(prefix, 0) != 0) return {};
    const auto q = list_path.find('?');
    const std::string route = list_path.substr(prefix.size(), q == std::string::npos ? std::string::npos : q - prefix.size());
    std::string url = prefix + "export/" + route + extension;
    if (q != std::string::npos) url += list_path.substr(q);
    return url;
}

void export_print_buttons(const AppState& s, const std::string& key, const std::string& prefix) {
    const auto it = s.list_paths.find(key);
    const std::string path = it == s.list_paths.end() ? std::string() : it->second;
    ImGui::BeginDisabled(path.empty());
    if (ImGui::Button(("导出##" + prefix).c_str())) open_url(export_url(path, ".xlsx"), true);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("按当前筛选条件导出全部记录为 Excel（XLSX）文件");
    tag(prefix + ".export");
    ImGui::SameLine();
    if (ImGui::Button(("打印##" + prefix).c_str())) open_url(export_url(path, ".html"), false);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("在新标签页打开 A4 打印版（含筛选条件、日期和页码）");
    tag(prefix + ".print");
    ImGui::EndDisabled();
}

bool copy_pressed() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return false;
    if (!ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows)) return false;
    return io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_C), false);
}

void copy_row(const std::vector<wire::TableColumn>& columns, const std::vector<std::string>& row,
              const std::string& prefix) {
    const std::string text = wire::tsv_line(columns, row);
    ImGui::SetClipboardText(text.c_str());
    tag_text(prefix + ".copied", text);
}

PagerChoice page_size_and_jump(const std::string& prefix, int page_size, std::int64_t pages) {
    PagerChoice out;
    static const int kSizes[] = {20, 50, 100, 200};
    ImGui::SetNextItemWidth(px(110));
    const std::string preview = "每页 " + std::to_string(page_size) + " 条";
    if (ImGui::BeginCombo(("##page_size." + prefix).c_str(), preview.c_str())) {
        for (int n : kSizes) {
            if (ImGui::Selectable(("每页 " + std::to_string(n) + " 条").c_str(), n == page_size)) out.page_size = n;
        }
        ImGui::EndCombo();
    }
    tag(prefix + ".page_size");
    if (pages > 1) {
        ImGui::SameLine();
        static std::string jump;   // one field edited at a time; cleared after a jump
        ImGui::SetNextItemWidth(px(64));
        if (ImGui::InputTextWithHint(("##jump." + prefix).c_str(), "页码", &jump,
                                     ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue)) {
            if (!jump.empty() && jump.size() < 8) {
                const auto n = std::stoll(jump);
                if (n >= 1) out.page = static_cast<int>(std::min<std::int64_t>(n, pages));
            }
            jump.clear();
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("输入页码后按回车跳转（共 %lld 页）", static_cast<long long>(pages));
        tag(prefix + ".jump");
    }
    return out;
}

}  // namespace yiyang::client::ui
