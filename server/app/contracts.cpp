// The contract and the year (app/contracts.hpp).
#include "app/contracts.hpp"

#include "store/kpi_inputs.hpp"
#include "yiyang/assessment/scorecard_rule.hpp"

namespace yiyang::app {

wire::AssessmentYearView year_view(SQLite::Database& db, const RuleBook& rules, Id provider, std::int64_t year,
                                   const Date& today) {
    const Date year_end{static_cast<int>(year), 12, 31};
    const Date on = today < year_end ? today : year_end;
    const auto* rule = rules.in_force<assessment::ScorecardRule>(on);
    if (!rule) {
        throw RuleMissing(format_date(on) + "没有生效的考核评分表规则（assessment_scorecard），无法计算 " +
                          std::to_string(year) + " 年度考核");
    }
    const auto name = store::provider_name(db, provider);
    return wire::assessment_year_view(*rule, provider, name.value_or(""), year, store::year_inputs(db, provider, year));
}

settlement::ContractInput contract_input(const store::ContractRow& c,
                                         const std::vector<store::ContractPaymentRow>& payments,
                                         const wire::AssessmentYearView& year) {
    settlement::ContractInput in;
    in.contract_no = c.contract_no;
    in.contract_fen = c.total_fen;
    in.signed_on = *parse_date(c.signed_on);
    if (year.final_result && year.result && year.assessed_on) {
        in.annual_grade = year.result->grade_code;
        in.assessed_on = parse_date(*year.assessed_on);
    }
    for (const auto& p : payments) in.payments.push_back({*parse_date(p.paid_on), p.amount_fen, p.note});
    return in;
}

wire::ContractView contract_view(const store::ContractRow& c, const std::vector<store::ContractPaymentRow>& payments,
                                 const wire::AssessmentYearView& year, const RuleBook& rules, const Date& today) {
    wire::ContractView v;
    v.id = c.id;
    v.provider_id = c.provider_id;
    v.provider_name = c.provider_name;
    v.project_code = c.project_code;
    v.project_name_zh = c.project_name_zh;
    v.year = c.year;
    v.contract_no = c.contract_no;
    v.signed_on = c.signed_on;
    v.period_from = c.period_from;
    v.period_to = c.period_to;
    v.total_fen = c.total_fen;
    v.note = c.note;
    for (const auto& p : payments)
        v.payments.push_back({p.id, p.kind, p.kind == "advance" ? "预付款" : "尾款", p.paid_on, p.amount_fen,
                              p.recorded_by, p.note});
    auto outcome = settlement::contract_schedule(contract_input(c, payments, year), rules, today);
    if (!outcome.ok()) {
        // Stored rows were checked when written; a rule missing for the signing day is the one way here.
        throw RuleMissing("合同“" + c.contract_no + "”的付款计划无法计算：" + outcome.errors.front().message_zh);
    }
    v.schedule = wire::schedule_view(*outcome.schedule);
    v.year_note_zh = year.note_zh;
    return v;
}

}  // namespace yiyang::app
