// A care project and one of its providers, chosen by name (ui/choosers.hpp).
#include "ui/choosers.hpp"

#include <vector>

#include <imgui.h>

#include "ui/widgets.hpp"

namespace yiyang::client::ui {

const wire::CareProjectView* find_project(const wire::CareProjectList& projects, const std::string& code) {
    for (const auto& p : projects.items)
        if (p.code == code) return &p;
    return nullptr;
}

ProjectProviderPick project_provider_chooser(const std::string& id, const wire::CareProjectList& projects,
                                             const std::string& project, std::int64_t provider) {
    ProjectProviderPick out;
    const wire::CareProjectView* shown = find_project(projects, project);
    ImGui::SetNextItemWidth(em(8));
    if (ImGui::BeginCombo(("##" + id + ".project").c_str(), shown ? shown->name_zh.c_str() : "服务项目")) {
        for (const auto& p : projects.items) {
            if (ImGui::Selectable(p.name_zh.c_str(), p.code == project)) out.project = p.code;
            tag(id + ".project." + p.code);
        }
        ImGui::EndCombo();
    }
    tag(id + ".project");
    ImGui::SameLine();
    std::vector<std::string> labels;
    int selected = 0;
    if (shown) {
        for (std::size_t i = 0; i < shown->providers.size(); ++i) {
            labels.push_back(shown->providers[i].name);
            if (shown->providers[i].id == provider) selected = static_cast<int>(i) + 1;
        }
    }
    const std::string preview = selected > 0 ? labels[static_cast<std::size_t>(selected - 1)]
                                             : shown && shown->providers.empty() ? "该项目没有服务商" : "选择服务商";
    const int picked = filter_combo(("##" + id + ".provider").c_str(), preview, labels, selected, nullptr, em(12),
                                    id + ".provider");
    tag(id + ".provider");
    if (picked > 0 && shown) out.provider = shown->providers[static_cast<std::size_t>(picked - 1)].id;
    return out;
}

}  // namespace yiyang::client::ui
