// Wire format of the drill-down of the callback and survey figures (回访 / 实体服务质量, issue 10):
// GET /api/v1/verification/callbacks/people?quarter&town&count=<area>.<figure> — the people one figure of the
// report's tables 2 (实体服务质量) and 7 (信息化服务对象电话回访) counts, each with the last call that put it there
// (names, ID numbers and phones masked as the role sees elders). Flat: empty text stands for "none".
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct CallbackPerson {
    std::string name, id_number, phone;    // masked as the role sees elders
    std::string town;
    std::string outcome;                   // the last call's outcome: 接通 / 无人接听 … ("" = not called)
    std::string call_day;                  // its day ("" = not called)
    std::string answers;                   // "总体：满意；态度：满意；套餐：不清楚；SOS：否；停机原因：欠费" (what was answered)
};

struct CallbackPeople {
    std::string quarter;                   // "2024-Q1"
    std::int64_t town_id = 0;              // 0 = the whole district
    std::string town_name;
    std::string count;                     // the figure's drill code: "survey.valid", "callbacks.outcome_no_answer" …
    std::string label_zh;                  // what the figure counts: "有效问卷", "无人接听" …
    std::int64_t draw_id = 0;              // callbacks.*: the current draw (0: none — every callback list is empty)
    std::vector<CallbackPerson> people;    // a page, in ID-number order (the figure's order)
    std::int64_t people_total = 0;         // the figure itself
    std::int64_t page = 1, page_size = 50;
    bool masked = false;
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CallbackPerson, name, id_number, phone, town, outcome, call_day, answers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CallbackPeople, quarter, town_id, town_name, count, label_zh, draw_id,
                                                people, people_total, page, page_size, masked)

}  // namespace yiyang::wire
