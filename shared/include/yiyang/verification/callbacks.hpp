// Callback and survey figures (回访): the outcome shares and satisfaction rates of the information-service
// callback sample, and the physical-service satisfaction survey (reached, declined, invalid, valid, overall,
// attitude/professionalism, valid questionnaires / subjects served). Each subject counts by its last call.
//
// Usage: auto c = callback_figures(draw.sample, calls);   percent_text(c.package_satisfaction, rule)
//        auto s = survey_figures(survey_rows, physical.subjects_served);   percent_text(s.overall, rule) == "93.61%"
#pragma once
#include <map>
#include <string>
#include <vector>

#include "yiyang/verification/common.hpp"

namespace yiyang::verification {

struct CallbackFigures {
    Tally sample;                              // the denominator of every share
    std::map<CallOutcome, Tally> outcomes;     // last call of each sampled subject (拒访 kept apart from 接通)
    std::map<CallOutcome, Rate> shares;        // outcome / sample: 无人接听占比, 关机占比 …
    Tally not_called;                          // sampled, no call recorded yet
    Tally suspended_arrears, suspended_silent, suspended_other;   // 停机：欠费 / 沉默 / reason not given
    // Among those who answered (接通):
    std::map<Satisfaction, Tally> overall;     // five-step answers
    Rate overall_satisfaction;                 // (非常满意 + 满意) / answered the question
    std::map<PackageAnswer, Tally> package;
    Rate package_satisfaction;                 // 满意 / answered the question (不清楚 included: 17/19 = 89.47 %)
    Rate knows_sos;                            // 是 / answered the question (2/19 = 10.52 %)
};

// sample: the ID numbers drawn (SampleDraw::sample, replacements included by the caller). Calls of people not in
// the sample are ignored; a call naming only a phone number is not matched here (the import resolves numbers).
CallbackFigures callback_figures(const Tally& sample, const std::vector<CallbackRow>& calls);

struct SurveyFigures {
    Tally reached;        // 回访到: someone answered (接通 or 拒访)
    Tally declined;       // 未评价: answered but declined to rate (拒访)
    Tally invalid;        // answered, not declined, but the overall or staff question left blank
    Tally valid;          // 有效问卷: both answered
    Tally not_reached;    // called, nobody answered
    std::map<Satisfaction, Tally> overall_answers, staff_answers;
    Rate overall;         // 总体满意率 (非常满意 + 满意) / valid: 176/188 = 93.61 % truncated
    Rate staff;           // 服务态度与专业性满意率 / valid
    Rate valid_share;     // valid / subjects served in the quarter: 188/3 750 = 5.01 %
};

SurveyFigures survey_figures(const std::vector<CallbackRow>& answers, const Tally& subjects_served);

}  // namespace yiyang::verification
