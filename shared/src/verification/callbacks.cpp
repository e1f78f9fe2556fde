// Callback shares and survey figures (see verification/callbacks.hpp): the definitions of every rate of the
// report's 回访 paragraphs.
#include "yiyang/verification/callbacks.hpp"

#include <tuple>

namespace yiyang::verification {

namespace {

// The last call of each subject (by date, then file row) among `calls`, keyed by normalised ID number.
std::map<std::string, const CallbackRow*> last_calls(const std::vector<CallbackRow>& calls) {
    std::map<std::string, const CallbackRow*> out;
    for (const auto& c : calls) {
        if (c.id_number.empty()) continue;
        auto& slot = out[id_key(c.id_number)];
        if (!slot || std::tie(slot->day, slot->row) < std::tie(c.day, c.row)) slot = &c;
    }
    return out;
}

bool satisfied(Satisfaction s) { return s == Satisfaction::VerySatisfied || s == Satisfaction::Satisfied; }

template <class K>
std::map<K, Tally> tallies(std::map<K, std::vector<std::string>>& lists) {
    std::map<K, Tally> out;
    for (auto& [k, v] : lists) out[k] = make_tally(std::move(v));
    return out;
}

}  // namespace

CallbackFigures callback_figures(const Tally& sample, const std::vector<CallbackRow>& calls) {
    CallbackFigures out;
    out.sample = sample;
    const auto last = last_calls(calls);
    std::map<CallOutcome, std::vector<std::string>> outcomes;
    std::map<Satisfaction, std::vector<std::string>> overall;
    std::map<PackageAnswer, std::vector<std::string>> package;
    std::vector<std::string> not_called, arrears, silent, other, overall_asked, overall_ok, package_asked, package_ok,
        sos_asked, sos_yes;
    for (const auto& id : sample.keys) {
        auto it = last.find(id_key(id));
        if (it == last.end()) {
            not_called.push_back(id);
            continue;
        }
        const CallbackRow& c = *it->second;
        outcomes[c.outcome].push_back(id);
        if (c.outcome == CallOutcome::Suspended) {
            // The import keeps the reason as written; 欠费 and 沉默 are the two the report names.
            if (c.suspension_reason.find("欠费") != std::string::npos) arrears.push_back(id);
            else if (c.suspension_reason.find("沉默") != std::string::npos) silent.push_back(id);
            else other.push_back(id);
        }
        if (c.outcome != CallOutcome::Answered) continue;
        if (c.overall) {
            overall[*c.overall].push_back(id);
            overall_asked.push_back(id);
            if (satisfied(*c.overall)) overall_ok.push_back(id);
        }
        if (c.package) {
            package[*c.package].push_back(id);
            package_asked.push_back(id);
            if (*c.package == PackageAnswer::Satisfied) package_ok.push_back(id);
        }
        if (c.knows_sos) {
            sos_asked.push_back(id);
            if (*c.knows_sos) sos_yes.push_back(id);
        }
    }
    out.outcomes = tallies(outcomes);
    for (const auto& [o, t] : out.outcomes) out.shares[o] = Rate{t, sample};
    out.not_called = make_tally(std::move(not_called));
    out.suspended_arrears = make_tally(std::move(arrears));
    out.suspended_silent = make_tally(std::move(silent));
    out.suspended_other = make_tally(std::move(other));
    out.overall = tallies(overall);
    out.overall_satisfaction = Rate{make_tally(std::move(overall_ok)), make_tally(std::move(overall_asked))};
    out.package = tallies(package);
    out.package_satisfaction = Rate{make_tally(std::move(package_ok)), make_tally(std::move(package_asked))};
    out.knows_sos = Rate{make_tally(std::move(sos_yes)), make_tally(std::move(sos_asked))};
    return out;
}

SurveyFigures survey_figures(const std::vector<CallbackRow>& answers, const Tally& subjects_served) {
    SurveyFigures out;
    std::vector<std::string> reached, declined, invalid, valid, not_reached, overall_ok, staff_ok;
    std::map<Satisfaction, std::vector<std::string>> overall, staff;
    // The seed: 203 reached, 9 "由于自身原因未对服务满意度进行评价" (declined), 188 valid — so 6 reached subjects gave
    // an incomplete questionnaire (invalid). Rates are over the valid questionnaires.
    for (const auto& [id, c] : last_calls(answers)) {
        if (c->outcome != CallOutcome::Answered && c->outcome != CallOutcome::Declined) {
            not_reached.push_back(id);
            continue;
        }
        reached.push_back(id);
        if (c->outcome == CallOutcome::Declined) {
            declined.push_back(id);
            continue;
        }
        if (!c->overall || !c->staff) {
            invalid.push_back(id);
            continue;
        }
        valid.push_back(id);
        overall[*c->overall].push_back(id);
        staff[*c->staff].push_back(id);
        if (satisfied(*c->overall)) overall_ok.push_back(id);
        if (satisfied(*c->staff)) staff_ok.push_back(id);
    }
    out.reached = make_tally(std::move(reached));
    out.declined = make_tally(std::move(declined));
    out.invalid = make_tally(std::move(invalid));
    out.valid = make_tally(std::move(valid));
    out.not_reached = make_tally(std::move(not_reached));
    out.overall_answers = tallies(overall);
    out.staff_answers = tallies(staff);
    out.overall = Rate{make_tally(std::move(overall_ok)), out.valid};
    out.staff = Rate{make_tally(std::move(staff_ok)), out.valid};
    out.valid_share = Rate{out.valid, subjects_served};
    return out;
}

}  // namespace yiyang::verification
