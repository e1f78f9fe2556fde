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
    // The end of each of its home_visit enrolments — nullopt: open, or an end that cannot be read (neither makes the
    // subject removed); read only when asked for (with_enrolments).
    std::vector<std::optional<Date>> home_visit_ends;
};

// Above this many subjects the registry's tables are read whole, once, instead of row by row: a month's 400 drafts
// name ≈ 560 000 subjects at city scale (three point lookups each cost more than one pass over each table). Either
// way gives the same subjects (tests/server/test_settlement_gather.cpp compares the two).
constexpr std::size_t kScanAbove = 20000;

Subject subject_row(SQLite::Statement& st) {
    Subject s;
    s.name = st.getColumn(1).getString();
    s.id_number = st.getColumn(2).getString();
    s.disability = parse_DisabilityLevel(st.getColumn(3).getString()).value_or(DisabilityLevel::None);
    if (!st.getColumn(4).isNull()) s.died = parse_date(st.getColumn(4).getString());
    return s;
}

void add_cremation(Subject& s, const std::string& died) {
    const auto d = parse_date(died);
    if (d && (!s.died || *d < *s.died)) s.died = d;
}

void add_enrolment(Subject& s, SQLite::Statement& st, int to_column) {
    s.home_visit_ends.push_back(st.getColumn(to_column).isNull() ? std::nullopt
                                                                 : parse_date(st.getColumn(to_column).getString()));
}

// SQLite's upper(): ASCII letters only (the cremation list keeps IDs upper-case: a trailing x becomes X).
std::string upper_ascii(std::string s) {
    for (auto& c : s)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
}

// The subjects of `ids`: name, care-tier inputs of today's registry, the earliest known death date (the registry's or
// the cremation list's — upper-case ID, as the list stores it), and with `with_enrolments` their home_visit
// enrolments' ends. `ids` sorted, without repeats. `scan`: read each table whole (many ids) instead of a lookup per id.
std::map<Id, Subject> subjects_of(SQLite::Database& db, const std::vector<Id>& ids, bool with_enrolments, bool scan) {
    std::map<Id, Subject> out;
    if (ids.empty()) return out;
    if (scan) {
        SQLite::Statement elders(db, "SELECT id, name, id_number, disability, death_date FROM elders ORDER BY id");
        auto want = ids.begin();
        while (elders.executeStep()) {   // rowid order, as `ids`
            const Id id = elders.getColumn(0).getInt64();
            while (want != ids.end() && *want < id) ++want;
            if (want == ids.end()) break;
            if (*want == id) out.emplace_hint(out.end(), id, subject_row(elders));
        }
        SQLite::Statement cats(db, "SELECT elder_id, category FROM elder_categories");
        while (cats.executeStep())
            if (const auto it = out.find(cats.getColumn(0).getInt64()); it != out.end())
                if (auto c = parse_ElderCategory(cats.getColumn(1).getString())) it->second.categories.insert(*c);
        std::map<std::string, Subject*> by_id_number;
        for (auto& [id, s] : out) by_id_number.emplace(upper_ascii(s.id_number), &s);
        SQLite::Statement crem(db, "SELECT id_number, died FROM list_cremations");
        while (crem.executeStep())
            if (const auto it = by_id_number.find(crem.getColumn(0).getString()); it != by_id_number.end())
                add_cremation(*it->second, crem.getColumn(1).getString());
        if (with_enrolments) {
            SQLite::Statement en(db, "SELECT elder_id, to_date FROM enrolments WHERE programme = 'home_visit'");
            while (en.executeStep())
                if (const auto it = out.find(en.getColumn(0).getInt64()); it != out.end()) add_enrolment(it->second, en, 1);
        }
        return out;
    }
    SQLite::Statement elder(db, "SELECT id, name, id_number, disability, death_date FROM elders WHERE id = ?");
    SQLite::Statement cats(db, "SELECT category FROM elder_categories WHERE elder_id = ?");
    SQLite::Statement crem(db, "SELECT died FROM list_cremations WHERE id_number = ?");
    SQLite::Statement en(db, "SELECT to_date FROM enrolments WHERE elder_id = ? AND programme = 'home_visit'");
    for (Id id : ids) {
        elder.reset();
        elder.bind(1, static_cast<std::int64_t>(id));
        if (!elder.executeStep()) continue;
        Subject s = subject_row(elder);
        cats.reset();
        cats.bind(1, static_cast<std::int64_t>(id));
        while (cats.executeStep())
            if (auto c = parse_ElderCategory(cats.getColumn(0).getString())) s.categories.insert(*c);
        crem.reset();
        crem.bind(1, upper_ascii(s.id_number));
        while (crem.executeStep()) add_cremation(s, crem.getColumn(0).getString());
        if (with_enrolments) {
            en.reset();
            en.bind(1, static_cast<std::int64_t>(id));
            while (en.executeStep()) add_enrolment(s, en, 0);
        }
        out.emplace_hint(out.end(), id, std::move(s));
    }
    return out;
}

// True when the subject's home_visit enrolments all ended before `first` (and there is at least one).
bool removed_before(const Subject& s, const Date& first, Date& ended) {
    std::optional<Date> last_end;
    for (const auto& to : s.home_visit_ends) {
        if (!to || !(*to < first)) return false;   // open (or unreadable), or not ended before the month
        if (!last_end || *last_end < *to) last_end = to;
    }
    if (!last_end) return false;
    ended = *last_end;
    return true;
}

// Every provider's projects of the month (contracted, or assessed that month) and the month's assessment rows.
struct MonthAssessments {
    std::map<Id, std::map<std::string, std::string>> projects;   // provider -> project code -> name
    struct Row {
        Id id = 0;
        std::string status;
        std::optional<Ratio> total;
        std::int64_t payout_bp = 0;
        std::string grade, prefill;
    };
    std::map<std::pair<Id, std::string>, Row> rows;              // (provider, project code) -> its month
};

MonthAssessments month_assessments(SQLite::Database& db, const Period& month) {
    MonthAssessments a;
    SQLite::Statement st(db, "SELECT p.provider_id, p.project_code, coalesce(c.name_zh, p.project_code) FROM provider_projects p "
                             "LEFT JOIN care_projects c ON c.code = p.project_code "
                             "UNION SELECT a.provider_id, a.project_code, coalesce(c.name_zh, a.project_code) FROM assessment_months a "
                             "LEFT JOIN care_projects c ON c.code = a.project_code WHERE a.month = ?");
    st.bind(1, month.code());
    while (st.executeStep())
        a.projects[st.getColumn(0).getInt64()].emplace(st.getColumn(1).getString(), st.getColumn(2).getString());
    SQLite::Statement rows(db, "SELECT provider_id, project_code, id, status, total_num, total_den, payout_bp, grade_code, prefill "
                               "FROM assessment_months WHERE month = ?");
    rows.bind(1, month.code());
    while (rows.executeStep()) {
        MonthAssessments::Row r;
        r.id = rows.getColumn(2).getInt64();
        r.status = rows.getColumn(3).getString();
        if (!rows.getColumn(4).isNull() && !rows.getColumn(5).isNull() && rows.getColumn(5).getInt64() > 0)
            r.total = Ratio{rows.getColumn(4).getInt64(), rows.getColumn(5).getInt64()};
        r.payout_bp = rows.getColumn(6).getInt64();
        r.grade = rows.getColumn(7).getString();
        r.prefill = rows.getColumn(8).getString();
        a.rows.emplace(std::make_pair(Id{rows.getColumn(0).getInt64()}, rows.getColumn(1).getString()), std::move(r));
    }
    return a;
}

void gather_assessment(const MonthAssessments& a, Id provider_id, const Period& month, GatheredStatement& g,
                       std::vector<wire::AssessmentPrefill>& prefills) {
    const auto projects = a.projects.find(provider_id);
    if (projects == a.projects.end() || projects->second.empty()) {
        g.assessment_problem_zh = month.label_zh() + "没有该机构的考核：签署月度考核后才能结算";
        return;
    }
    std::vector<const MonthAssessments::Row*> months;
    for (const auto& [code, name] : projects->second) {
        const auto it = a.rows.find({provider_id, code});
        if (it == a.rows.end() || it->second.status != "signed") {
            g.unsigned_projects.push_back(name);
            continue;
        }
        const auto& s = it->second;
        try {
            prefills.push_back(nlohmann::json::parse(s.prefill).get<wire::AssessmentPrefill>());
        } catch (const std::exception&) {
            g.notes_zh.push_back("考核第" + std::to_string(s.id) + "号的预填数据无法读取：其中的弄虚作假对象未计入");
        }
        months.push_back(&s);
        g.assessment_month_ids.push_back(s.id);
    }
    if (!g.unsigned_projects.empty()) {
        std::string names;
        for (const auto& n : g.unsigned_projects) names += (names.empty() ? "" : "、") + n;
        g.assessment_problem_zh = month.label_zh() + "的考核尚未签署：" + names + "。考核签署后才能结算";
        return;
    }
    std::size_t lowest = 0;
    const bool exact = std::all_of(months.begin(), months.end(), [](const auto* s) { return s->total.has_value(); });
    if (exact) {
        std::vector<Ratio> totals;
        for (const auto* m : months) totals.push_back(*m->total);
        lowest = assessment::lowest_project(totals);
    } else {
        for (std::size_t i = 1; i < months.size(); ++i)
            if (months[i]->payout_bp < months[lowest]->payout_bp) lowest = i;
    }
    g.input.payout_bp = months[lowest]->payout_bp;
    g.input.grade = months[lowest]->grade;
    if (months.size() > 1)
        g.notes_zh.push_back("该机构本月有 " + std::to_string(months.size()) + " 个服务项目的考核，按最低的项目（考核第" +
                             std::to_string(months[lowest]->id) + "号）结算");
}

bool scan_for(RegistryReads reads, std::size_t ids) {
    return reads == RegistryReads::Whole || (reads == RegistryReads::Auto && ids > kScanAbove);
}

}  // namespace

std::map<Id, StatementPerson> statement_people(SQLite::Database& db, const std::set<Id>& ids) {
    std::map<Id, StatementPerson> out;
    const std::vector<Id> sorted(ids.begin(), ids.end());
    for (const auto& [id, s] : subjects_of(db, sorted, false, scan_for(RegistryReads::Auto, sorted.size()))) {
        const auto t = care_tier(s.disability, s.categories);
        out[id] = {s.name, t ? code(*t) : ""};
    }
    return out;
}

std::map<Id, GatheredStatement> gather_statement_inputs(AppContext& ctx, SQLite::Database& db,
                                                        const std::vector<Id>& provider_ids, const Period& month,
                                                        const SettlementFees& fees, const QuarterRules* quarter_rules,
                                                        RegistryReads reads) {
    std::map<Id, GatheredStatement> out;
    const Date first = month.first_day(), last = month.last_day();
    std::map<Id, std::string> names;
    {
        SQLite::Statement st(db, "SELECT id, name FROM providers");
        while (st.executeStep()) names.emplace(st.getColumn(0).getInt64(), st.getColumn(1).getString());
    }
    const MonthAssessments assessments = month_assessments(db, month);

    // Physical 人次: the quarter's verification (the district's flags and decisions), once for every provider.
    std::shared_ptr<const verification::PhysicalServiceReport> physical;
    const std::vector<std::string>* payable = nullptr;
    const Period q = quarter_of(first);
    if (quarter_rules) {
        physical = quarter_physical(ctx, db, q, *quarter_rules);
        payable = &physical->payable.keys.vec();
    }

    // Per provider: the grade and the prefills of the signed months (the faked subjects), the subjects served
    // (distinct, with a service record of the provider whose started_at is in the month), its imported records.
    struct Work {
        std::vector<wire::AssessmentPrefill> prefills;
        std::vector<Id> served_ids;   // sorted, no repeats
        std::set<Id> faked_ids;
        std::vector<settlement::ListRecordKey> records;
    };
    std::map<Id, Work> work;
    std::vector<Id> all_ids;
    SQLite::Statement served(db, "SELECT elder_id FROM service_records WHERE provider_id = ? AND started_at >= ? "
                                 "AND started_at < ?");   // repeats removed below
    SQLite::Statement lists(db, "SELECT record_no, day FROM list_service_records WHERE provider_id = ? AND day >= ? AND day <= ?");
    for (Id provider_id : provider_ids) {
        GatheredStatement& g = out[provider_id];
        g.input.provider_id = provider_id;
        g.input.month = month;
        const auto name = names.find(provider_id);
        if (name == names.end()) continue;
        g.provider_found = true;
        g.input.provider_name = name->second;
        Work& w = work[provider_id];
        gather_assessment(assessments, provider_id, month, g, w.prefills);
        served.reset();
        served.bind(1, static_cast<std::int64_t>(provider_id));
        served.bind(2, static_cast<std::int64_t>(start_of(first)));
        served.bind(3, static_cast<std::int64_t>(start_of(month.next().first_day())));
        while (served.executeStep()) w.served_ids.push_back(served.getColumn(0).getInt64());
        std::sort(w.served_ids.begin(), w.served_ids.end());
        w.served_ids.erase(std::unique(w.served_ids.begin(), w.served_ids.end()), w.served_ids.end());
        for (const auto& p : w.prefills)
            for (const auto& item : p.items)
                if (item.source == "service_not_real")
                    for (const auto& person : item.people) w.faked_ids.insert(person.elder_id);
        all_ids.insert(all_ids.end(), w.served_ids.begin(), w.served_ids.end());
        all_ids.insert(all_ids.end(), w.faked_ids.begin(), w.faked_ids.end());
        if (quarter_rules) {
            lists.reset();
            lists.bind(1, static_cast<std::int64_t>(provider_id));
            lists.bind(2, format_date(first));
            lists.bind(3, format_date(last));
            while (lists.executeStep())
                if (const auto d = parse_date(lists.getColumn(1).getString()))
                    w.records.push_back({lists.getColumn(0).getString(), *d});
        }
    }
    std::sort(all_ids.begin(), all_ids.end());
    all_ids.erase(std::unique(all_ids.begin(), all_ids.end()), all_ids.end());
    const auto subjects = subjects_of(db, all_ids, true, scan_for(reads, all_ids.size()));

    for (auto& [provider_id, w] : work) {
        GatheredStatement& g = out[provider_id];
        settlement::StatementInput& in = g.input;
        std::vector<settlement::ServedSubject> served_rows;
        for (Id id : w.served_ids)
            if (const auto it = subjects.find(id); it != subjects.end())
                served_rows.push_back({id, it->second.disability, it->second.categories});
        auto counted = settlement::count_served(month, served_rows, w.records, payable, fees);
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
        for (const auto& p : w.prefills)
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
                if (removed_before(sub, first, ended))
                    in.deductions.push_back({id, settlement::DeductionReason::Removal, t->fee_fen,
                                             format_date(ended) + " 退出上门服务，本月仍有服务记录"});
            }
        if (const auto prev = store::head_statement(db, provider_id, month.previous().code()); prev && prev->receivable_fen > 0)
            in.deductions.push_back({0, settlement::DeductionReason::CarriedOver, prev->receivable_fen,
                                     month.previous().label_zh() + "结算单（第" + std::to_string(prev->id) + "号）应追回"});

        // The people the lines name: the billed subjects (faked and deducted ones are among them).
        for (const auto& s : in.served)
            for (Id id : s.subject_ids) g.people[id] = {subjects.at(id).name, s.tier};
    }
    return out;
}

GatheredStatement gather_statement_input(AppContext& ctx, SQLite::Database& db, Id provider_id, const Period& month,
                                         const SettlementFees& fees, const QuarterRules* quarter_rules) {
    auto all = gather_statement_inputs(ctx, db, {provider_id}, month, fees, quarter_rules);
    return std::move(all.at(provider_id));
}

}  // namespace yiyang::app
