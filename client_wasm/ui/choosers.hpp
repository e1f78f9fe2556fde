// A care project and one of its providers, chosen by name (开启考核 on 考核, 登记合同 on 合同与年度): the project
// combo lists the projects as the server has them (GET /api/v1/assessment/projects), the provider combo only the
// chosen project's providers, filtered by typing (filter_combo). Draws; never changes state.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "yiyang/wire/care_projects.hpp"

namespace yiyang::client::ui {

struct ProjectProviderPick {
    std::optional<std::string> project;     // a project chosen this frame
    std::optional<std::int64_t> provider;   // a provider chosen this frame
};

// Tags: "<id>.project", "<id>.project.<code>", "<id>.provider", "<id>.provider.filter", "<id>.provider.<i>" (i: the
// index among the project's providers, as listed).
ProjectProviderPick project_provider_chooser(const std::string& id, const wire::CareProjectList& projects,
                                             const std::string& project, std::int64_t provider);

// The project's providers as listed (nullptr when the project is not there).
const wire::CareProjectView* find_project(const wire::CareProjectList& projects, const std::string& code);

}  // namespace yiyang::client::ui
