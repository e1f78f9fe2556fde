// THE formulas of the monthly assessment (assessment/scorecard.hpp): item deductions, parts, a department's
// score, the month's total, grade and payout, the provider's lowest project and the year. Integers and exact
// fractions (128-bit intermediates) only: no floating point, so native and WebAssembly give the same figures.
#include "yiyang/assessment/scorecard.hpp"

#include <algorithm>

namespace yiyang::assessment {

namespace {

__extension__ typedef __int128 Wide;   // GCC and Clang (also wasm32)

// An exact fraction with a positive denominator, reduced.
struct Q {
    Wide num = 0;
    Wide den = 1;
};

Wide gcd(Wide a, Wide b) {
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b != 0) {
        const Wide t = a % b;
        a = b;
        b = t;
    }
    return a;
}

Q make(Wide num, Wide den) {
    if (den == 0) throw std::domain_error("考核计算：分母为 0");
    if (den < 0) {
        num = -num;
        den = -den;
    }
    const Wide g = gcd(num, den);
    return g > 1 ? Q{num / g, den / g} : Q{num, den};
}
Q of(const Ratio& r) { return make(r.num, r.den); }
Q of(std::int64_t n) { return Q{n, 1}; }
Q add(const Q& a, const Q& b) { return make(a.num * b.den + b.num * a.den, a.den * b.den); }
Q sub(const Q& a, const Q& b) { return make(a.num * b.den - b.num * a.den, a.den * b.den); }
Q mul(const Q& a, const Q& b) { return make(a.num * b.num, a.den * b.den); }
Q div(const Q& a, const Q& b) { return make(a.num * b.den, a.den * b.num); }
bool less(const Q& a, const Q& b) { return a.num * b.den < b.num * a.den; }

Ratio to_ratio(const Q& q) {
    constexpr Wide lo = INT64_MIN, hi = INT64_MAX;
    if (q.num < lo || q.num > hi || q.den > hi) throw std::overflow_error("考核计算：分数超出范围");
    return Ratio{static_cast<std::int64_t>(q.num), static_cast<std::int64_t>(q.den)};
}

// q rounded to an integer by the mode (q >= 0): half-up, or truncated (toward zero).
Wide rounded(const Q& q, Rounding mode) {
    if (mode == Rounding::Truncate) return q.num / q.den;
    const bool negative = q.num < 0;
    const Wide m = negative ? -q.num : q.num;
    Wide r = m / q.den;
    if ((m % q.den) * 2 >= q.den) ++r;
    return negative ? -r : r;
}

std::string decimal_text(Wide scaled, int decimals) {
    const bool negative = scaled < 0;
    if (negative) scaled = -scaled;
    std::string digits;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(scaled % 10)));
        scaled /= 10;
    } while (scaled > 0);
    const auto places = static_cast<std::size_t>(decimals);
    if (digits.size() <= places) digits.insert(0, places + 1 - digits.size(), '0');
    std::string out = negative ? "-" : "";
    out += digits.substr(0, digits.size() - places);
    if (places > 0) out += "." + digits.substr(digits.size() - places);
    return out;
}

// "95%" for a whole percentage, "94.99%" otherwise (truncated: never shown at the threshold while below it).
std::string percent_shown(const Ratio& r) {
    return r.percent_scaled(2, Rounding::Truncate) % 100 == 0 ? r.percent_text(0, Rounding::Truncate)
                                                              : r.percent_text(2, Rounding::Truncate);
}

std::string n(std::int64_t v) { return std::to_string(v); }

const ScoreItem* find_item(const ScorecardRule& rule, const std::string& code, const ScorePart** part_out) {
    for (const auto& p : rule.parts) {
        for (const auto& i : p.items) {
            if (i.code == code) {
                if (part_out) *part_out = &p;
                return &i;
            }
        }
    }
    return nullptr;
}

std::string bonus_label(const ScorecardRule& rule) {
    const ScorePart* part = rule.find_part(rule.bonus.part);
    return (part ? part->name_zh : rule.bonus.part) + "·" + rule.bonus.short_zh;
}

Q mean(const std::vector<Ratio>& values, const char* what) {
    if (values.empty()) throw std::invalid_argument(std::string(what) + "：至少需要一个评分");
    Q sum;
    for (const auto& v : values) {
        if (!v.defined()) throw std::invalid_argument(std::string(what) + "：评分缺少分母");
        const Q q = of(v);
        if (q.num < 0) throw std::invalid_argument(std::string(what) + "：评分不能为负数");
        sum = add(sum, q);
    }
    return div(sum, of(static_cast<std::int64_t>(values.size())));
}

template <class Band>
const Band& band_of(const std::vector<Band>& bands, const Q& total) {
    for (const auto& b : bands) {
        if (!less(total, of(b.from)) && (!b.to || less(total, of(*b.to)))) return b;
    }
    throw std::invalid_argument("考核总分不在任何等级区间内（总分不能为负数）");
}

}  // namespace

// ---- the sheet ---------------------------------------------------------------------------------------
SheetError::SheetError(std::vector<FieldError> errors)
    : std::invalid_argument([&] {
          std::string m;
          for (const auto& e : errors) m += (m.empty() ? "" : "；") + e.message_zh;
          return m;
      }()),
      errors_(std::move(errors)) {}

std::string item_label(const ScorePart& part, const ScoreItem& item) { return part.name_zh + "·" + item.short_zh; }

std::vector<FieldError> check_sheet(const ScorecardRule& rule, const Sheet& sheet) {
    std::vector<FieldError> errors;
    for (const auto& [item_code, count] : sheet.counts) {
        const std::string f = "counts." + item_code;
        const ScorePart* part = nullptr;
        const ScoreItem* item = find_item(rule, item_code, &part);
        if (!item) {
            errors.push_back({f, "unknown", "评分表（" + rule.version + "）中没有评分项 \"" + item_code + "\""});
            continue;
        }
        const std::string label = item_label(*part, *item);
        if (item->source == ItemSource::Satisfaction) {
            errors.push_back({f, "computed", label + "：由满意度（满意人数 / 有效答卷数）计算，不填次数"});
        } else if (count < 0) {
            errors.push_back({f, "negative", label + "：次数不能为负数（实际为 " + n(count) + "）"});
        } else if (count > kMaxCount) {
            errors.push_back({f, "too_large", label + "：次数过大（最多 " + n(kMaxCount) + "，实际为 " + n(count) + "）"});
        }
    }
    const std::string bl = bonus_label(rule);
    if (static_cast<std::int64_t>(sheet.bonus_cases.size()) > rule.bonus.max_cases) {
        errors.push_back({"bonus_cases", "too_many", bl + "：最多 " + n(rule.bonus.max_cases) + " 项，实际为 " +
                                                         n(static_cast<std::int64_t>(sheet.bonus_cases.size())) + " 项"});
    } else {
        for (std::size_t i = 0; i < sheet.bonus_cases.size(); ++i) {
            const std::int64_t p = sheet.bonus_cases[i];
            if (p < rule.bonus.min_points || p > rule.bonus.max_points) {
                errors.push_back({"bonus_cases[" + std::to_string(i) + "]", "range",
                                  bl + "：第 " + std::to_string(i + 1) + " 项加分应为 " + n(rule.bonus.min_points) + " 到 " +
                                      n(rule.bonus.max_points) + " 分（实际为 " + n(p) + "）"});
            }
        }
    }
    const Ratio& s = sheet.satisfaction;
    if (s.den < 0 || s.num < 0 || s.num > s.den || s.den > 100000000) {
        const ScorePart* part = nullptr;
        const ScoreItem* item = find_item(rule, rule.satisfaction.item, &part);
        errors.push_back({"satisfaction", "range",
                          item_label(*part, *item) + "：满意人数应在 0 到有效答卷数之间，有效答卷数不超过 100000000（实际为 " +
                              n(s.num) + " / " + n(s.den) + "）"});
    }
    return errors;
}

std::int64_t satisfaction_steps(const SatisfactionRule& rule, const Ratio& s) {
    if (!s.defined()) return 0;
    const Q below = sub(of(rule.threshold), of(s));
    if (below.num <= 0) return 0;
    const Q steps = div(below, of(rule.step));
    const Wide whole = steps.num / steps.den;
    const bool partial = steps.num % steps.den != 0;
    return static_cast<std::int64_t>(rule.steps == SatisfactionSteps::Started && partial ? whole + 1 : whole);
}

SheetScore score_sheet(const ScorecardRule& rule, const Sheet& sheet) {
    if (auto errors = check_sheet(rule, sheet); !errors.empty()) throw SheetError(std::move(errors));
    SheetScore out;
    out.satisfaction = sheet.satisfaction;
    std::int64_t bonus_claimed = 0;
    for (const auto p : sheet.bonus_cases) bonus_claimed += p;
    for (const auto& part : rule.parts) {
        PartScore ps;
        ps.part = &part;
        for (const auto& item : part.items) {
            ItemScore is;
            is.item = &item;
            const std::string label = item_label(part, item);
            if (item.source == ItemSource::Satisfaction) {
                is.count = satisfaction_steps(rule.satisfaction, sheet.satisfaction);
            } else if (auto it = sheet.counts.find(item.code); it != sheet.counts.end()) {
                is.count = it->second;
            }
            is.uncapped = is.count * item.deduction;
            is.deducted = std::min(item.cap, is.uncapped);
            is.capped = is.uncapped > item.cap;
            if (item.source == ItemSource::Satisfaction) {
                const std::string threshold = percent_shown(rule.satisfaction.threshold);
                const std::string step = percent_shown(rule.satisfaction.step);
                if (!sheet.satisfaction.defined()) {
                    is.note_zh = label + "：本月无有效问卷，满意度不扣分";
                } else if (is.count > 0) {
                    is.note_zh = label + "：满意度 " + percent_shown(sheet.satisfaction) + "（" + n(sheet.satisfaction.num) +
                                 " / " + n(sheet.satisfaction.den) + "），低于 " + threshold + " 标准，" +
                                 (rule.satisfaction.steps == SatisfactionSteps::Full
                                      ? "每满 " + step
                                      : "每低 " + step + "（不足 " + step + " 按 " + step + " 计）") +
                                 "扣 " + n(item.deduction) + " 分：" + n(is.count) + " 档，应扣 " + n(is.uncapped) + " 分" +
                                 (is.capped ? "，超过本项分值 " + n(item.cap) + " 分，按 " + n(item.cap) + " 分扣" : "");
                }
            } else if (is.capped) {
                is.note_zh = label + "：" + n(is.count) + " " + item.unit + "应扣 " + n(is.uncapped) + " 分，超过本项分值 " +
                             n(item.cap) + " 分，按 " + n(item.cap) + " 分扣";
            }
            if (!is.note_zh.empty()) out.notes_zh.push_back(is.note_zh);
            ps.deducted += is.deducted;
            ps.items.push_back(std::move(is));
        }
        if (part.code == rule.bonus.part) ps.bonus_claimed = bonus_claimed;
        const std::int64_t before_bonus = part.points - ps.deducted;
        ps.score = before_bonus + ps.bonus_claimed;
        if (rule.bonus.cap == BonusCap::Part && ps.score > part.points) ps.score = part.points;
        ps.bonus = ps.score - before_bonus;
        ps.bonus_capped = ps.bonus < ps.bonus_claimed;
        if (ps.bonus_capped) {
            out.notes_zh.push_back(bonus_label(rule) + "：加分 " + n(ps.bonus_claimed) + " 分，只计 " + n(ps.bonus) +
                                   " 分（" + part.name_zh + "不超过本部分分值 " + n(part.points) + " 分）");
        }
        out.total += ps.score;
        out.parts.push_back(std::move(ps));
    }
    if (rule.bonus.cap == BonusCap::Total && out.total > rule.total_points()) {
        out.total = rule.total_points();
        out.total_capped = true;
        out.notes_zh.push_back("总分不超过 " + n(rule.total_points()) + " 分");
    }
    return out;
}

// ---- grade and payout ------------------------------------------------------------------------------
const GradeBand& grade_of(const ScorecardRule& rule, const Ratio& total) { return band_of(rule.grades, of(total)); }

std::int64_t payout_bp(const ScorecardRule& rule, const GradeBand& band, const Ratio& total) {
    if (!band.to || band.payout_low_bp == band.payout_high_bp || rule.payout_in_band.method == PayoutMethod::BandLow)
        return band.payout_low_bp;
    // Linear: the lower edge gets one end of the range, the upper edge (excluded) the other as its limit.
    const Q where = div(sub(of(total), of(band.from)), of(*band.to - band.from));   // in [0, 1)
    const Q span = mul(of(band.payout_high_bp - band.payout_low_bp), where);
    const Q bp = rule.payout_in_band.low_edge_gets_low ? add(of(band.payout_low_bp), span)
                                                       : sub(of(band.payout_high_bp), span);
    return static_cast<std::int64_t>(rounded(bp, rule.payout_in_band.rounding));
}

// ---- the month, the provider, the year ---------------------------------------------------------------
MonthScore month_score(const ScorecardRule& rule, const std::vector<Ratio>& department_scores, const Ratio& leader) {
    MonthScore m;
    m.department_scores = department_scores;
    const Q dept = mean(department_scores, "各股室月度考核评分");
    if (!leader.defined() || of(leader).num < 0) throw std::invalid_argument("分管领导月度复核评分：应为不小于 0 的评分");
    const Q total = add(mul(dept, of(rule.combination.departments)), mul(of(leader), of(rule.combination.leader)));
    m.departments_mean = to_ratio(dept);
    m.leader = to_ratio(of(leader));
    m.total = to_ratio(total);
    m.grade = &grade_of(rule, m.total);
    m.payout_bp = payout_bp(rule, *m.grade, m.total);
    return m;
}

MonthScore month_score(const ScorecardRule& rule, const std::vector<SheetScore>& departments, const SheetScore& leader) {
    std::vector<Ratio> scores;
    scores.reserve(departments.size());
    for (const auto& d : departments) scores.push_back(Ratio{d.total, 1});
    return month_score(rule, scores, Ratio{leader.total, 1});
}

std::size_t lowest_project(const std::vector<Ratio>& totals) {
    if (totals.empty()) throw std::invalid_argument("机构的服务项目：至少需要一个项目的考核结果");
    std::size_t low = 0;
    for (std::size_t i = 1; i < totals.size(); ++i)
        if (totals[i] < totals[low]) low = i;
    return low;
}

std::size_t lowest_project(const std::vector<MonthScore>& projects) {
    std::vector<Ratio> totals;
    totals.reserve(projects.size());
    for (const auto& p : projects) totals.push_back(p.total);
    return lowest_project(totals);
}

AnnualScore annual_score(const ScorecardRule& rule, const std::vector<Ratio>& monthly_department_means,
                         const std::vector<Ratio>& leader_reviews) {
    AnnualScore a;
    const Q dept = mean(monthly_department_means, "年度考评：各股室月度考核平均分");
    const Q leader = mean(leader_reviews, "年度考评：分管领导复核评分");
    const Q total = add(mul(dept, of(rule.combination.departments)), mul(leader, of(rule.combination.leader)));
    a.departments_mean = to_ratio(dept);
    a.leader_mean = to_ratio(leader);
    a.total = to_ratio(total);
    a.grade = &band_of(rule.annual_grades, total);
    return a;
}

// ---- text ----------------------------------------------------------------------------------------
std::string score_text(const ScorecardRule& rule, const Ratio& score) {
    if (!score.defined()) return "\xE2\x80\x94";   // "—"
    Wide scale = 1;
    for (int i = 0; i < rule.score_display.decimals; ++i) scale *= 10;
    return decimal_text(rounded(make(Wide{score.num} * scale, score.den), rule.score_display.rounding),
                        rule.score_display.decimals);
}

std::string payout_text(std::int64_t bp) { return decimal_text(bp, 2) + "%"; }

std::string consequence_text(const GradeBand& band) {
    std::string s = band.consequence_zh;
    if (band.rectification_days) s += "（整改期限 " + n(*band.rectification_days) + " 日）";
    return s;
}

std::string check_rate_text(std::int64_t checked, std::int64_t subjects) {
    return Ratio{checked, subjects}.percent_text(2, Rounding::Truncate);
}

std::optional<std::string> check_rate_warning(const ScorecardRule& rule, std::int64_t checked, std::int64_t subjects) {
    if (subjects <= 0) return std::nullopt;
    const Ratio rate{checked, subjects};
    if (!(rate < rule.min_check_rate)) return std::nullopt;
    return "核查率 " + check_rate_text(checked, subjects) + "（" + n(checked) + " / " + n(subjects) + "）低于要求的 " +
           percent_shown(rule.min_check_rate);
}

std::optional<std::int64_t> required_visits(const ScorecardRule& rule, const std::string& tier) {
    const VisitFrequency* f = rule.find_tier(tier);
    return f ? std::optional<std::int64_t>(f->visits_per_month) : std::nullopt;
}

}  // namespace yiyang::assessment
