// Wire format of GET /api/v1/assessment/projects: the care projects (care_projects, e.g. 居家养老上门服务) with the
// providers that serve in each (provider_projects), by project code then provider name. The screens' choosers
// (开启考核, 登记合同) list a provider by name among those of the chosen project; a provider reads only itself.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct CareProjectProvider {
    std::int64_t id = 0;
    std::string name;
    friend bool operator==(const CareProjectProvider&, const CareProjectProvider&) = default;
};
void to_json(json& j, const CareProjectProvider& p);
void from_json(const json& j, CareProjectProvider& p);

struct CareProjectView {
    std::string code, name_zh;
    std::vector<CareProjectProvider> providers;   // by name (then id)
    friend bool operator==(const CareProjectView&, const CareProjectView&) = default;
};
void to_json(json& j, const CareProjectView& p);
void from_json(const json& j, CareProjectView& p);

struct CareProjectList {
    std::vector<CareProjectView> items;           // by code
    friend bool operator==(const CareProjectList&, const CareProjectList&) = default;
};
void to_json(json& j, const CareProjectList& l);
void from_json(const json& j, CareProjectList& l);

}  // namespace yiyang::wire
