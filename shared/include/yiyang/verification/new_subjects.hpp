// New subjects of a quarter (新增服务对象核查): each subscriber opened in the quarter is checked for eligibility
// (its categories against the programme's rule) and by phone. The report's table per month (provided, 销卡, 空号,
// 不符合条件) and the usage rate = (接通 + 无人接听 + 占线) / called.
//
// Usage: auto r = new_subjects(quarter, rule, subscribers, categories, phone_checks);
//        r.total.provided.count() == 75; percent_text(r.usage, truncating) == "68.00%"
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "yiyang/verification/common.hpp"

namespace yiyang::verification {

// The programme's eligibility rule (rule data, input): a subject qualifies with at least one of the categories
// (e.g. 特困, 低保, 高龄, 失能) and, when min_age > 0, that age on its opening day (birth date from the ID number).
struct EligibilityRule {
    std::set<std::string> qualifying_categories;
    int min_age = 0;
};
// Body: {"qualifying_categories": ["特困", "低保", …] (at least one), "min_age": 0..120 (optional)}; from_json
// throws std::invalid_argument naming the field.
void from_json(const nlohmann::json& j, EligibilityRule& r);
void to_json(nlohmann::json& j, const EligibilityRule& r);

struct Ineligible {
    std::string id_number, name;
    std::string reason_zh;   // "年龄58岁，不满60岁" / "类别（无）不在本项目范围（特困、低保）" / "电话核查：不符合条件"
};

struct NewSubjectMonth {
    Period month;
    Tally provided;     // 智宇提供新增数量: opened in the month
    Tally cancelled;    // 销卡数量: the last call found the card cancelled
    Tally empty;        // 空号数量
    Tally ineligible;   // 不符合条件人数
};

struct NewSubjects {
    std::vector<NewSubjectMonth> months;
    NewSubjectMonth total;               // month = the quarter
    std::vector<Ineligible> ineligible;  // each with why, by ID number
    Tally unchecked;                     // no categories known and no phone-check verdict: eligibility not judged
    // The last call of each new subject, by outcome (接通 includes 拒访: someone answered).
    std::map<CallOutcome, Tally> outcomes;
    Tally called, not_called;
    Rate usage;   // (接通 + 无人接听 + 占线) / called: 51/75 = 68.00 %
};

// The phone checks read for a quarter's new subjects: made after the number is opened, often in the weeks after the
// quarter (a March subscriber is called in April), so from the quarter's first day to the last day of the month
// after it; the last call of each subject counts.
struct CheckWindow {
    Date from{}, to{};
};
CheckWindow phone_check_window(const Period& quarter);

// categories: ID number (any spelling) -> the subject's categories in the registry. A subject absent from it is
// judged only by a phone-check verdict (是否符合条件) if there is one, else listed as unchecked.
NewSubjects new_subjects(const Period& quarter, const EligibilityRule& rule, const std::vector<SubscriberRow>& subscribers,
                         const std::map<std::string, std::set<std::string>>& categories,
                         const std::vector<PhoneCheckRow>& phone_checks);

}  // namespace yiyang::verification
