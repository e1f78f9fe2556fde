// THE formula of a month's settlement statement (settlement/statement.hpp): validation of the input, the fee
// lines, the order of operations of the rule in force, the payable amount. Integer fen; one rounding.
#include "yiyang/settlement/statement.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "yiyang/rule_registry.hpp"

namespace yiyang::settlement {

const char* code(DeductionReason r) {
    switch (r) {
        case DeductionReason::Death: return "death";
        case DeductionReason::Removal: return "removal";
        case DeductionReason::CarriedOver: return "carried_over";
    }
    return "";
}

const char* label_zh(DeductionReason r) {
    switch (r) {
        case DeductionReason::Death: return "死亡扣减";
        case DeductionReason::Removal: return "退出扣减";
        case DeductionReason::CarriedOver: return "上期应追回款";
    }
    return "";
}

std::optional<DeductionReason> deduction_reason_from_code(std::string_view c) {
    for (auto r : {DeductionReason::Death, DeductionReason::Removal, DeductionReason::CarriedOver}) {
        if (c == code(r)) return r;
    }
    return std::nullopt;
}

const char* code(LineKind k) {
    switch (k) {
        case LineKind::Fee: return "fee";
        case LineKind::Faked: return "faked";
        case LineKind::Deduction: return "deduction";
        case LineKind::Receivable: return "receivable";
    }
    return "";
}

StatementRules statement_rules_on(const RuleBook& book, const Period& month) {
    const Date first = month.first_day();
    return StatementRules{book.in_force<SettlementFees>(first), book.in_force<VerificationFees>(first)};
}

namespace {

std::string row(const char* what, std::size_t i) { return std::string(what) + "第" + std::to_string(i + 1) + "行"; }
std::string item(const char* what, std::size_t i) { return std::string(what) + "第" + std::to_string(i + 1) + "条"; }
std::string at(const char* list, std::size_t i, const char* field) {
    return std::string(list) + "[" + std::to_string(i) + "]." + field;
}
std::string yuan_text(Fen f) { return format_yuan(f) + " 元"; }

struct Checked {
    const SettlementFees* fees = nullptr;
    Grade grade = Grade::Excellent;
};

// Every problem of the input, in field order; the statement is computed only when there is none.
std::vector<FieldError> validate(const StatementInput& in, const StatementRules& rules, const Date& today, Checked& ok) {
    std::vector<FieldError> e;
    const auto add = [&](std::string field, const char* c, std::string msg) {
        e.push_back({std::move(field), c, std::move(msg)});
    };
    if (in.provider_id <= 0) add("provider_id", "required", "请选择服务机构");
    if (in.month.kind != PeriodKind::Month) add("month", "format", "结算期间必须是一个月（例如 2025-03）");
    else if (!(in.month.last_day() < today)) {
        add("month", "not_over", in.month.label_zh() + "尚未结束（今天是 " + format_date(today) + "）：月份结束后才能结算");
    }
    if (!rules.fees) {
        add("month", "no_rule", in.month.label_zh() + "没有生效的结算计费标准（settlement_fees），无法结算");
    }
    ok.fees = rules.fees;
    if (const auto g = grade_from_code(in.grade)) ok.grade = *g;
    else add("grade", "unknown", "考核等级 \"" + in.grade + "\" 无法识别：应为 excellent（优秀）、good（良好）、pass（合格）、fail（不合格）之一");
    if (in.payout_bp < 0 || in.payout_bp > 10000) {
        add("payout_bp", "range", "拨付比例应在 0 到 10000 个基点之间（10000 = 100%），实际为 " + std::to_string(in.payout_bp));
    }

    // People served per tier.
    if (in.served.size() > 20) add("served", "too_many", "上门服务人数最多 20 行（每个档次一行），实际为 " + std::to_string(in.served.size()) + " 行");
    std::map<std::string, std::size_t> tier_row;     // tier -> row
    std::map<Id, std::size_t> subject_row;           // subject -> row (across tiers)
    for (std::size_t i = 0; i < in.served.size() && i < 20; ++i) {
        const auto& s = in.served[i];
        const std::string r = row("上门服务人数", i);
        if (s.count < 0) add(at("served", i, "count"), "negative", r + "：人数不能为负数");
        else if (s.count > kMaxCount) add(at("served", i, "count"), "too_large", r + "：人数不能超过 " + std::to_string(kMaxCount));
        if (rules.fees && !rules.fees->find_tier(s.tier)) {
            add(at("served", i, "tier"), "no_fee", r + "：档次 \"" + s.tier + "\" 在结算计费标准 " + rules.fees->version +
                                                       " 中没有收费标准");
        }
        if (const auto [it, fresh] = tier_row.emplace(s.tier, i); !fresh) {
            add(at("served", i, "tier"), "duplicate", r + "：档次 \"" + s.tier + "\" 与第" + std::to_string(it->second + 1) + "行重复");
        }
        if (s.subject_ids.size() > static_cast<std::size_t>(kMaxCount)) {
            add(at("served", i, "subject_ids"), "too_many", r + "：名单不能超过 " + std::to_string(kMaxCount) + " 人");
            continue;
        }
        if (!s.subject_ids.empty() && static_cast<std::int64_t>(s.subject_ids.size()) != s.count) {
            add(at("served", i, "subject_ids"), "inconsistent", r + "：人数 " + std::to_string(s.count) + " 与名单中的 " +
                                                                    std::to_string(s.subject_ids.size()) + " 人不一致");
        }
        for (Id id : s.subject_ids) {
            if (const auto [it, fresh] = subject_row.emplace(id, i); !fresh) {
                add(at("served", i, "subject_ids"), "duplicate", r + "：服务对象 " + std::to_string(id) + " 重复出现（第" +
                                                                     std::to_string(it->second + 1) + "行已有）");
                break;
            }
        }
    }
    const auto verification_count = [&](const std::optional<std::int64_t>& n, const char* field, const char* service,
                                        const char* count) {
        if (!n) return;
        if (*n < 0) add(field, "negative", std::string(service) + count + "不能为负数");
        else if (*n > kMaxCount) add(field, "too_large", std::string(service) + count + "不能超过 " + std::to_string(kMaxCount));
        if (!rules.verification_fees) {
            add(field, "no_rule", in.month.label_zh() + "没有生效的核查计费标准（verification_fees），无法计算" + service + "费");
        }
    };
    verification_count(in.physical_services, "physical_services", "实体服务", "人次");
    verification_count(in.information_person_months, "information_person_months", "信息化服务", "人数");

    // Faked cases: a subject of a tier served this month (in its list when the tier has one).
    if (in.faked.size() > kMaxCases) add("faked", "too_many", "弄虚作假记录最多 " + std::to_string(kMaxCases) + " 条");
    std::map<Id, std::size_t> faked_first;           // subject -> first case
    std::map<std::string, std::int64_t> faked_in_tier;
    for (std::size_t i = 0; i < in.faked.size() && i < kMaxCases; ++i) {
        const auto& f = in.faked[i];
        const std::string r = item("弄虚作假", i);
        if (f.subject_id <= 0) add(at("faked", i, "subject_id"), "required", r + "：缺少服务对象");
        const auto tr = tier_row.find(f.tier);
        if (tr == tier_row.end()) {
            add(at("faked", i, "tier"), "not_served", r + "：档次 \"" + f.tier + "\" 本月没有服务人数，无从扣除");
            continue;
        }
        const auto& tier = in.served[tr->second];
        if (const auto [it, fresh] = faked_first.emplace(f.subject_id, i); !fresh) {
            if (in.faked[it->second].tier != f.tier) {
                add(at("faked", i, "tier"), "inconsistent", r + "：服务对象 " + std::to_string(f.subject_id) + " 在第" +
                                                                std::to_string(it->second + 1) + "条中属于另一档次");
            }
            continue;
        }
        if (!tier.subject_ids.empty() &&
            std::find(tier.subject_ids.begin(), tier.subject_ids.end(), f.subject_id) == tier.subject_ids.end()) {
            add(at("faked", i, "subject_id"), "not_served", r + "：服务对象 " + std::to_string(f.subject_id) + " 不在" +
                                                                 row("上门服务人数", tr->second) + "的名单中");
        }
        if (++faked_in_tier[f.tier] > tier.count) {
            add(at("faked", i, "tier"), "too_many", r + "：档次 \"" + f.tier + "\" 的弄虚作假对象多于本月服务人数 " +
                                                        std::to_string(tier.count));
        }
    }

    if (in.deductions.size() > kMaxCases) add("deductions", "too_many", "扣减最多 " + std::to_string(kMaxCases) + " 条");
    for (std::size_t i = 0; i < in.deductions.size() && i < kMaxCases; ++i) {
        const auto& d = in.deductions[i];
        const std::string r = item("扣减", i);
        if (d.amount_fen <= 0) add(at("deductions", i, "amount_fen"), "not_positive", r + "：金额应大于 0");
        else if (d.amount_fen > kMaxDeductionFen) add(at("deductions", i, "amount_fen"), "too_large", r + "：金额不能超过 1 亿元");
        if (d.reason != DeductionReason::CarriedOver && d.subject_id <= 0) {
            add(at("deductions", i, "subject_id"), "required", r + "：" + label_zh(d.reason) + "须注明服务对象");
        }
        if (d.note.size() > 400) add(at("deductions", i, "note"), "too_long", r + "：说明不能超过 400 字节");
    }
    return e;
}

}  // namespace

StatementOutcome settle_month(const StatementInput& in, const StatementRules& rules, const Date& today) {
    StatementOutcome out;
    Checked ok;
    out.errors = validate(in, rules, today, ok);
    if (!out.errors.empty()) return out;
    const SettlementFees& fees = *ok.fees;

    SettlementStatement s;
    s.provider_id = in.provider_id;
    s.provider_name = in.provider_name;
    s.month = in.month;
    s.grade = ok.grade;
    s.payout_bp = in.payout_bp;
    s.fees_version = fees.version;
    s.faked_fee_step = fees.faked_fee_step;
    s.grade_rounding = fees.grade_rounding;
    s.objection_workdays = fees.objection_workdays;

    // ---- fee lines: the rule's tier order, then physical and information services ----
    for (const auto& tier : fees.tiers) {
        for (const auto& served : in.served) {
            if (served.tier != tier.code) continue;
            s.lines.push_back({LineKind::Fee, "home_visit." + tier.code, "上门服务 · " + tier.name_zh, served.count,
                               tier.fee_fen, served.count * tier.fee_fen, "按实际服务人数（人/月）",
                               LineSource{"served_tier", tier.code, served.subject_ids}});
        }
    }
    if (in.physical_services || in.information_person_months) s.verification_fees_version = rules.verification_fees->version;
    if (in.physical_services) {
        const Fen unit = rules.verification_fees->physical_service_fen;
        s.lines.push_back({LineKind::Fee, "physical", "实体服务", *in.physical_services, unit, *in.physical_services * unit,
                           "按人次", LineSource{"verification_physical", in.physical_ref, {}}});
    }
    if (in.information_person_months) {
        const Fen unit = rules.verification_fees->info_service_fen;
        s.lines.push_back({LineKind::Fee, "information", "信息化服务", *in.information_person_months, unit,
                           *in.information_person_months * unit, "按合计人数（人/月）",
                           LineSource{"verification_information", in.information_ref, {}}});
    }
    for (const auto& l : s.lines) s.fees_total_fen += l.amount_fen;

    // ---- faked subjects: each subject's fee for the month, once ----
    std::map<Id, std::size_t> first_case;
    std::set<Id> faked_people;
    for (std::size_t i = 0; i < in.faked.size(); ++i) {
        const auto& f = in.faked[i];
        const HomeVisitTier& tier = *fees.find_tier(f.tier);
        const auto [it, fresh] = first_case.emplace(f.subject_id, i);
        faked_people.insert(f.subject_id);
        const Fen amount = fresh ? tier.fee_fen : 0;
        s.lines.push_back({LineKind::Faked, "faked." + std::to_string(i + 1),
                           "弄虚作假扣除 · 服务对象 " + std::to_string(f.subject_id) + "（" + tier.name_zh + "）", 1, tier.fee_fen,
                           amount,
                           fresh ? "扣除该对象当月服务费（发现一起扣除一起）"
                                 : "同一对象本月服务费已在第" + std::to_string(it->second + 1) + "条扣除，不重复扣除",
                           LineSource{"faked_case", f.case_ref, {f.subject_id}}});
        s.faked_total_fen += amount;
    }

    // ---- deductions ----
    for (std::size_t i = 0; i < in.deductions.size(); ++i) {
        const auto& d = in.deductions[i];
        std::string label = label_zh(d.reason);
        if (d.subject_id > 0) label += " · 服务对象 " + std::to_string(d.subject_id);
        s.lines.push_back({LineKind::Deduction, "deduction." + std::to_string(i + 1), label, 1, d.amount_fen, d.amount_fen,
                           d.note, LineSource{"deduction", code(d.reason), d.subject_id > 0 ? std::vector<Id>{d.subject_id} : std::vector<Id>{}}});
        s.deductions_total_fen += d.amount_fen;
    }

    // ---- the order of operations ----
    const std::string pct = bp_text(in.payout_bp);
    const std::string grade_label = "按考核等级拨付 " + pct + "（" + label_zh(ok.grade) + "；" +
                                    (fees.grade_rounding == Rounding::HalfUp ? "四舍五入到分" : "截断到分") + "）";
    const std::string faked_label = "扣除弄虚作假对象当月服务费（" + std::to_string(in.faked.size()) + " 起，" +
                                    std::to_string(faked_people.size()) + " 人）";
    Fen x = s.fees_total_fen;
    s.steps.push_back({"fees", "服务费合计", 0, x});
    const auto grade_step = [&] {
        s.graded_fen = share_of(x, in.payout_bp, fees.grade_rounding);
        s.steps.push_back({"grade", grade_label, x, s.graded_fen});
        x = s.graded_fen;
    };
    const auto faked_step = [&] {
        s.steps.push_back({"faked", faked_label, x, x - s.faked_total_fen});
        x -= s.faked_total_fen;
    };
    if (fees.faked_fee_step == FakedFeeStep::AfterGrade) {
        grade_step();
        faked_step();
    } else {
        faked_step();   // never below 0: at most one fee per subject served in its tier (validated)
        grade_step();
    }
    s.steps.push_back({"deductions", "扣除死亡、退出等扣减（" + std::to_string(in.deductions.size()) + " 条）", x,
                       x - s.deductions_total_fen});
    x -= s.deductions_total_fen;
    s.payable_fen = x > 0 ? x : 0;
    s.receivable_fen = x < 0 ? -x : 0;
    s.steps.push_back({"payable",
                       s.receivable_fen ? "应付金额（扣减超出 " + yuan_text(s.receivable_fen) + "，转为应追回款）" : "应付金额", x,
                       s.payable_fen});
    if (s.receivable_fen) {
        s.lines.push_back({LineKind::Receivable, "receivable", "扣减超出应付金额：应由服务机构退回", 1, s.receivable_fen,
                           s.receivable_fen, "下期结算时作为“上期应追回款”扣减，或由服务机构退回",
                           LineSource{"receivable", in.month.code(), {}}});
    }
    out.statement = std::move(s);
    return out;
}

Date objection_deadline(const Date& signed_on, const SettlementFees& rule, const WorkCalendar& calendar) {
    return calendar.add_workdays(signed_on, rule.objection_workdays);
}

}  // namespace yiyang::settlement
