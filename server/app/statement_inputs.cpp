// The inputs of a provider's monthly statement from the data (app/statement_inputs.hpp says where each comes from).
#include "app/statement_inputs.hpp"

#include <algorithm>
#include <set>

#include "store/settlement.hpp"
#include "yiyang/care_tier.hpp"
#include "yiyang/assessment/scorecard.hpp"
#include "yiyang/settlement/served.hpp"
#include "yiyang/date.hpp"
#include "yiyang/wire/assessment_prefill.hpp"
#include "yiyang/wire/settlement.hpp"

namespace yiyang::app {

namespace {

struct Subject {
    std::string name, id_number;
    DisabilityLevel disability = DisabilityLevel::None;
    std::set<ElderCategory> categories;   // today's registry: the care tier's inputs
    std::optional<Date> died;
};

// The subjects of `ids`: name, care-tier inputs of today's registry, the earliest known death date (the registry's or
// the cremation list's).
std::map<Id, Subject> subjects_of(SQLite::Database& db, const std::set<Id>& ids) {
    std::map<Id, Subject> out;
    SQLite::Statement elder(db, "SELECT name, id_number, disability, death_date FROM elders WHERE id = ?");
    SQLite::Statement cats(db, "SELECT category FROM elder_categories WHERE elder_id = ?");
    SQLite::Statement crem(db, "SELECT died FROM list_cremations WHERE id_number = upper(?)");
    for (Id id : ids) {
        elder.reset();
        elder.bind(1, static_cast<std::int64_t>(id));
        if (!elder.executeStep()) continue;
        Subject s;
        s.name = elder.getColumn(0).getString();
        s.id_number = elder.getColumn(1).getString();
        s.disability = parse_DisabilityLevel(elder.getColumn(2).getString()).value_or(DisabilityLevel::None);
        if (!elder.getColumn(3).isNull()) s.died = parse_date(elder.getColumn(3).getString());
        cats.reset();
        cats.bind(1, static_cast<std::int64_t>(id));
        while (cats.executeStep())
            if (auto c = parse_ElderCategory(cats.getColumn(0).getString())) s.categories.insert(*c);
        crem.reset();
        crem.bind(1, s.id_number);
        if (crem.executeStep()) {
            const auto d = parse_date(crem.getColumn(0).getString());
            if (d && (!s.died || *d < *s.died)) s.died = d;
        }
        out.emplace(id, std::move(s));
    }
    return out;
}

// True when the subject's home_visit enrolments all ended before `first` (and there is at least one).
bool removed_before(SQLite::Database& db, Id elder, const Date& first, Date& ended) {
    SQLite::Statement st(db, "SELECT from_date, to_date FROM enrolments WHERE elder_id = ? AND programme = 'home_visit'");
    st.bind(1, static_cast<std::int64_t>(elder));
    bool any = false;
    std::optional<Date> last_end;
    while (st.executeStep()) {
        any = true;
        if (st.getColumn(1).isNull()) return false;   // open
        const auto to = parse_date(st.getColumn(1).getString());
        if (!to || !(*to < first)) return false;
        if (!last_end || *last_end < *to) last_end = to;
    }
    if (!any || !last_end) return false;
    ended = *last_end;
    return true;
}

void gather_assessment(SQLite::Database& db, Id provider_id, const Period& month, GatheredStatement& g,
                       std::vector<wire::AssessmentPrefill>& prefills) {
    std::map<std::string, std::string> projects;   // code -> name
    {
        SQLite::Statement st(db, "SELECT p.project_code, coalesce(c.name_zh, p.project_code) FROM provider_projects p "
                                 "LEFT JOIN care_projects c ON c.code = p.project_code WHERE p.provider_id = ? "
                                 "UNION SELECT a.project_code, coalesce(c.name_zh, a.project_code) FROM assessment_months a "
                                 "LEFT JOIN care_projects c ON c.code = a.project_code WHERE a.provider_id = ? AND a.month = ?");
        st.bind(1, static_cast<std::int64_t>(provider_id));
        st.bind(2, static_cast<std::int64_t>(provider_id));
        st.bind(3, month.code());
        while (st.executeStep()) projects.emplace(st.getColumn(0).getString(), st.getColumn(1).getString());
    }
    if (projects.empty()) {
        g.assessment_problem_zh = month.label_zh() + "没有该机构的考核：签署月度考核后才能结算";
        return;
    }
    struct Signed {
        Id id;
        std::optional<Ratio> total;
        std::int64_t payout_bp;
        std::string grade;
    };
    std::vector<Signed> months;
    SQLite::Statement st(db, "SELECT id, status, total_num, total_den, payout_bp, grade_code, prefill FROM assessment_months "
                             "WHERE provider_id = ? AND project_code = ? AND month = ?");
    for (const auto& [code, name] : projects) {
        st.reset();
        st.bind(1, static_cast<std::int64_t>(provider_id));
        st.bind(2, code);
        st.bind(3, month.code());
        if (!st.executeStep() || st.getColumn(1).getString() != "signed") {
            g.unsigned_projects.push_back(name);
            continue;
        }
        Signed s{st.getColumn(0).getInt64(), std::nullopt, st.getColumn(4).getInt64(), st.getColumn(5).getString()};
        if (!st.getColumn(2).isNull() && !st.getColumn(3).isNull() && st.getColumn(3).getInt64() > 0)
            s.total = Ratio{st.getColumn(2).getInt64(), st.getColumn(3).getInt64()};
        try {
            prefills.push_back(nlohmann::json::parse(st.getColumn(6).getString()).get<wire::AssessmentPrefill>());
        } catch (const std::exception&) {
            g.notes_zh.push_back("考核第" + std::to_string(s.id) + "号的预填数据无法读取：其中的弄虚作假对象未计入");
        }
        months.push_back(std::move(s));
        g.assessment_month_ids.push_back(months.back().id);
    }
    if (!g.unsigned_projects.empty()) {
        std::string names;
        for (const auto& n : g.unsigned_projects) names += (names.empty() ? "" : "、") + n;
        g.assessment_problem_zh = month.label_zh() + "的考核尚未签署：" + names + "。考核签署后才能结算";
        return;
    }
    std::size_t lowest = 0;
    const bool exact = std::all_of(months.begin(), months.end(), [](const Signed& s) { return s.total.has_value(); });
    if (exact) {
        std::vector<Ratio> totals;
        for (const auto& m : months) totals.push_back(*m.total);
        lowest = assessment::lowest_project(totals);
    } else {
        for (std::size_t i = 1; i < months.size(); ++i)
            if (months[i].payout_bp < months[lowest].payout_bp) lowest = i;
    }
    g.input.payout_bp = months[lowest].payout_bp;
    g.input.grade = months[lowest].grade;
    if (months.size() > 1)
        g.notes_zh.push_back("该机构本月有 " + std::to_string(months.size()) + " 个服务项目的考核，按最低的项目（考核第" +
                             std::to_string(months[lowest].id) + "号）结算");
}

}  // namespace

std::map<Id, StatementPerson> statement_people(SQLite::Database& db, const std::set<Id>& ids) {
    std::map<Id, StatementPerson> out;
    for (const auto& [id, s] : subjects_of(db, ids)) {
        const auto t = care_tier(s.disability, s.categories);
        out[id] = {s.name, t ? code(*t) : ""};
    }
    return out;
}

GatheredStatement gather_statement_input(AppContext& ctx, SQLite::Database& db, Id provider_id, const Period& month,
                                         const SettlementFees& fees, const QuarterRules* quarter_rules) {
    GatheredStatement g;
    settlement::StatementInput& in = g.input;
    in.provider_id = provider_id;
    in.month = month;
    {
        SQLite::Statement st(db, "SELECT name FROM providers WHERE id = ?");
        st.bind(1, static_cast<std::int64_t>(provider_id));
        if (!st.executeStep()) return g;
        g.provider_found = true;
        in.provider_name = st.getColumn(0).getString();
    }
    const Date first = month.first_day(), last = month.last_day();

    // The grade, and the prefills of the signed months (the faked subjects).
    std::vector<wire::AssessmentPrefill> prefills;
    gather_assessment(db, provider_id, month, g, prefills);

    // People served: distinct subjects with a service record of the provider in the month.
    std::set<Id> served_ids;
    {
        SQLite::Statement st(db, "SELECT DISTINCT elder_id FROM service_records WHERE provider_id = ? AND started_at >= ? "
                                 "AND started_at < ?");
        st.bind(1, static_cast<std::int64_t>(provider_id));
        st.bind(2, static_cast<std::int64_t>(start_of(first)));
        st.bind(3, static_cast<std::int64_t>(start_of(month.next().first_day())));
        while (st.executeStep()) served_ids.insert(st.getColumn(0).getInt64());
    }
    std::set<Id> faked_ids;
    for (const auto& p : prefills)
        for (const auto& item : p.items)
            if (item.source == "service_not_real")
                for (const auto& person : item.people) faked_ids.insert(person.elder_id);
    std::set<Id> all_ids = served_ids;
    all_ids.insert(faked_ids.begin(), faked_ids.end());
    const auto subjects = subjects_of(db, all_ids);
    std::vector<settlement::ServedSubject> served_rows;
    for (Id id : served_ids)
        if (const auto it = subjects.find(id); it != subjects.end())
            served_rows.push_back({id, it->second.disability, it->second.categories});

    // Physical 人次: the provider's imported records of the month, and the quarter's verification's payable keys.
    std::vector<settlement::ListRecordKey> records;
    std::shared_ptr<const QuarterBundle> bundle;
    const std::vector<std::string>* payable = nullptr;
    const Period q = quarter_of(first);
    if (quarter_rules) {
        QuarterScope scope;
        scope.quarter = q;
        bundle = quarter_bundle(ctx, db, scope, *quarter_rules);
        payable = &bundle->computed.physical().payable.keys.vec();
        SQLite::Statement st(db, "SELECT record_no, day FROM list_service_records WHERE provider_id = ? AND day >= ? AND day <= ?");
        st.bind(1, static_cast<std::int64_t>(provider_id));
        st.bind(2, format_date(first));
        st.bind(3, format_date(last));
        while (st.executeStep())
            if (const auto d = parse_date(st.getColumn(1).getString())) records.push_back({st.getColumn(0).getString(), *d});
    }
    auto counted = settlement::count_served(month, served_rows, records, payable, fees);
    in.served = std::move(counted.served);
    g.notes_zh.push_back("上门服务人数：本月有该机构服务记录的服务对象，每人计一次，按当前档案的分类归档次");
    if (counted.unbilled > 0)
        g.notes_zh.push_back(std::to_string(counted.unbilled) + " 名本月服务对象不属于按人头结算的上门服务档次（如探视巡访），未计费");
    const auto tier_of = [&](Id id) -> std::string {
        const auto it = counted.tier_of.find(id);
        return it == counted.tier_of.end() ? "" : it->second;
    };
    if (!quarter_rules) {
        g.notes_zh.push_back("实体服务人次：本季度缺少核查规则，未计入");
    } else if (counted.physical_records > 0) {
        in.physical_services = counted.physical_payable;
        in.physical_ref = q.code();
        g.notes_zh.push_back("实体服务人次：该机构本月导入的服务记录 " + std::to_string(counted.physical_records) + " 条，其中核查（" +
                             q.label_zh() + "）认定可结算 " + std::to_string(counted.physical_payable.value_or(0)) + " 条");
    }
    g.notes_zh.push_back("信息化服务：开通记录不属于某一服务机构，在季度核查报告中结算，不列入机构结算单");

    // Faked: one case per person of the service_not_real items, when billed this month.
    std::int64_t faked_unbilled = 0;
    std::set<std::pair<Id, std::string>> seen_cases;
    for (const auto& p : prefills)
        for (const auto& item : p.items) {
            if (item.source != "service_not_real") continue;
            for (const auto& person : item.people) {
                const std::string tier = tier_of(person.elder_id);
                if (tier.empty()) {
                    ++faked_unbilled;
                    continue;
                }
                const std::string ref = person.ref.empty() ? "考核 " + p.project_code + " " + p.month : person.ref;
                if (!seen_cases.emplace(person.elder_id, ref).second) continue;
                in.faked.push_back({person.elder_id, tier, ref});
            }
        }
    if (faked_unbilled > 0)
        g.notes_zh.push_back(std::to_string(faked_unbilled) + " 个弄虚作假对象本月未按人头计费，无费用可扣");

    // Deductions: billed after death, billed after removal; the previous month's receivable.
    for (const auto& s : in.served)
        for (Id id : s.subject_ids) {
            const auto& sub = subjects.at(id);
            const HomeVisitTier* t = fees.find_tier(s.tier);
            if (sub.died && *sub.died < first) {
                in.deductions.push_back({id, settlement::DeductionReason::Death, t->fee_fen,
                                         format_date(*sub.died) + " 死亡，本月仍有服务记录"});
                continue;
            }
            Date ended{};
            if (removed_before(db, id, first, ended))
                in.deductions.push_back({id, settlement::DeductionReason::Removal, t->fee_fen,
                                         format_date(ended) + " 退出上门服务，本月仍有服务记录"});
        }
    if (const auto prev = store::head_statement(db, provider_id, month.previous().code()); prev && prev->receivable_fen > 0)
        in.deductions.push_back({0, settlement::DeductionReason::CarriedOver, prev->receivable_fen,
                                 month.previous().label_zh() + "结算单（第" + std::to_string(prev->id) + "号）应追回"});

    // The people the lines name: the billed subjects (faked and deducted ones are among them).
    for (const auto& s : in.served)
        for (Id id : s.subject_ids) g.people[id] = {subjects.at(id).name, s.tier};
    return g;
}

}  // namespace yiyang::app
