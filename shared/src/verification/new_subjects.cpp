// New-subject checks (see verification/new_subjects.hpp): eligibility reasons, the per-month table and the usage
// rate, each computed here and nowhere else.
#include "yiyang/verification/new_subjects.hpp"

#include <algorithm>
#include <array>
#include <tuple>

#include <optional>
#include <stdexcept>

namespace yiyang::verification {

namespace {

// Birth date from the ID number's digits 7..14 (no validation here: the import has validated it).
std::optional<Date> birth_of(const std::string& id) {
    if (id.size() != 18) return std::nullopt;
    for (std::size_t i = 6; i < 14; ++i)
        if (id[i] < '0' || id[i] > '9') return std::nullopt;
    const int y = std::stoi(id.substr(6, 4)), m = std::stoi(id.substr(10, 2)), d = std::stoi(id.substr(12, 2));
    if (!is_valid_date(y, m, d)) return std::nullopt;
    return Date{y, m, d};
}

std::string joined(const std::set<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : "、") + s;
    return out.empty() ? "无" : out;
}

// The phone number is "in use" when someone answered (接通, or 拒访: answered and declined) or it rang (无人接听,
// 占线) — the seed: "27人接通，24人无人接听、占线等，使用率约为68.00%".
bool in_use(CallOutcome o) {
    return o == CallOutcome::Answered || o == CallOutcome::Declined || o == CallOutcome::NoAnswer ||
           o == CallOutcome::Busy;
}

}  // namespace

void from_json(const nlohmann::json& j, EligibilityRule& r) {
    if (!j.is_object()) throw std::invalid_argument("资格规则：应为对象");
    r = EligibilityRule{};
    const auto it = j.find("qualifying_categories");
    if (it == j.end() || !it->is_array() || it->empty())
        throw std::invalid_argument("资格规则 qualifying_categories：应为至少含一个类别的数组");
    for (const auto& c : *it) {
        if (!c.is_string() || c.get<std::string>().empty())
            throw std::invalid_argument("资格规则 qualifying_categories：每个类别应为非空文字");
        r.qualifying_categories.insert(c.get<std::string>());
    }
    if (auto a = j.find("min_age"); a != j.end()) {
        if (!a->is_number_integer() || a->get<int>() < 0 || a->get<int>() > 120)
            throw std::invalid_argument("资格规则 min_age：应为0至120的整数");
        r.min_age = a->get<int>();
    }
}

void to_json(nlohmann::json& j, const EligibilityRule& r) {
    j = nlohmann::json{{"qualifying_categories", r.qualifying_categories}, {"min_age", r.min_age}};
}

NewSubjects new_subjects(const Period& quarter, const EligibilityRule& rule, const std::vector<SubscriberRow>& subscribers,
                         const std::map<std::string, std::set<std::string>>& categories_in,
                         const std::vector<PhoneCheckRow>& phone_checks) {
    std::map<std::string, std::set<std::string>> categories;
    for (const auto& [id, c] : categories_in) categories[id_key(id)] = c;

    // The last call of each subject (by date, then file row): its present state. A phone check that names only
    // a phone number is matched through the ledger's number.
    std::map<std::string, std::string> id_of_phone;
    for (const auto& s : subscribers)
        if (!s.phone.empty()) id_of_phone[s.phone] = id_key(s.id_number);
    std::map<std::string, const PhoneCheckRow*> last_call;
    for (const auto& p : phone_checks) {
        std::string k = p.id_number.empty() ? "" : id_key(p.id_number);
        if (k.empty()) {
            auto it = id_of_phone.find(p.phone);
            if (it == id_of_phone.end()) continue;
            k = it->second;
        }
        auto& slot = last_call[k];
        if (!slot || std::tie(slot->day, slot->row) < std::tie(p.day, p.row)) slot = &p;
    }

    NewSubjects out;
    std::map<Period, std::array<std::vector<std::string>, 4>> per_month;   // provided, cancelled, empty, ineligible
    std::map<CallOutcome, std::vector<std::string>> outcomes;
    std::vector<std::string> called, not_called, used, unchecked;
    for (const auto& s : subscribers) {
        if (!quarter.contains(s.opened)) continue;
        const auto k = id_key(s.id_number);
        auto& lists = per_month[month_of(s.opened)];
        lists[0].push_back(s.id_number);

        const PhoneCheckRow* call = nullptr;
        if (auto it = last_call.find(k); it != last_call.end()) call = it->second;
        if (call) {
            const CallOutcome o = call->outcome == CallOutcome::Declined ? CallOutcome::Answered : call->outcome;
            called.push_back(s.id_number);
            outcomes[o].push_back(s.id_number);
            if (in_use(o)) used.push_back(s.id_number);
            if (o == CallOutcome::Cancelled) lists[1].push_back(s.id_number);
            if (o == CallOutcome::EmptyNumber) lists[2].push_back(s.id_number);
        } else {
            not_called.push_back(s.id_number);
        }

        // Eligibility: the rule over the registry's categories; without categories, the phone check's verdict.
        std::string why;
        if (auto c = categories.find(k); c != categories.end()) {
            const bool has = std::any_of(c->second.begin(), c->second.end(),
                                         [&](const std::string& x) { return rule.qualifying_categories.count(x) > 0; });
            if (!has) why = "类别（" + joined(c->second) + "）不在本项目范围（" + joined(rule.qualifying_categories) + "）";
            if (rule.min_age > 0) {
                const auto birth = birth_of(k);
                if (!birth) why += std::string(why.empty() ? "" : "；") + "身份证号无法得出出生日期";
                else if (const int age = age_on(*birth, s.opened); age < rule.min_age)
                    why += std::string(why.empty() ? "" : "；") + "开通时" + std::to_string(age) + "岁，不满" +
                           std::to_string(rule.min_age) + "岁";
            }
        } else if (call && call->eligible.has_value()) {
            if (!*call->eligible) why = "电话核查：不符合条件" + (call->note.empty() ? "" : "（" + call->note + "）");
        } else {
            unchecked.push_back(s.id_number);
        }
        if (!why.empty()) {
            lists[3].push_back(s.id_number);
            out.ineligible.push_back({s.id_number, s.name, why});
        }
    }

    std::array<std::vector<std::string>, 4> all;
    for (const auto& m : months_of(quarter)) {
        auto& lists = per_month[m];
        for (int i = 0; i < 4; ++i) all[i].insert(all[i].end(), lists[i].begin(), lists[i].end());
        out.months.push_back({m, make_tally(lists[0]), make_tally(lists[1]), make_tally(lists[2]), make_tally(lists[3])});
    }
    out.total = {quarter, make_tally(all[0]), make_tally(all[1]), make_tally(all[2]), make_tally(all[3])};
    std::sort(out.ineligible.begin(), out.ineligible.end(), [](auto& a, auto& b) { return a.id_number < b.id_number; });
    out.unchecked = make_tally(std::move(unchecked));
    for (auto& [o, ids] : outcomes) out.outcomes[o] = make_tally(std::move(ids));
    out.called = make_tally(std::move(called));
    out.not_called = make_tally(std::move(not_called));
    out.usage = Rate{make_tally(std::move(used)), out.called};
    return out;
}

CheckWindow phone_check_window(const Period& quarter) {
    const Period after = quarter.next();
    return {quarter.first_day(), months_of(after).front().last_day()};
}

}  // namespace yiyang::verification
