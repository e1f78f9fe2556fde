// The monthly assessment's prefill from the records (assessment/prefill.hpp: the definitions and their reasons).
#include "yiyang/assessment/prefill.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <tuple>

#include "yiyang/care_tier.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/order_lifecycle.hpp"
#include "yiyang/verification/common.hpp"

namespace yiyang::assessment {

std::string project_of_elder(const PrefillElder& e) {
    const auto tier = care_tier(e.disability, e.categories);
    return tier ? project_of(*tier) : "";
}

namespace {

std::string tier_code(const PrefillElder& e) {
    const auto tier = care_tier(e.disability, e.categories);
    return tier ? code(*tier) : "";
}

std::string shown(LocalSeconds t) {   // 2024-03-08 23:59:59
    std::string s = format_timestamp(t);
    s[10] = ' ';
    return s;
}

wire::PrefillItem* item_of(wire::AssessmentPrefill& p, const std::string& source) {
    for (auto& i : p.items)
        if (i.source == source) return &i;
    return nullptr;
}

void add_person(wire::PrefillItem& item, wire::PrefillPerson person, std::int64_t count) {
    item.count += count;
    if (item.people.size() < wire::kMaxPrefillPeople) item.people.push_back(std::move(person));
    else item.people_truncated = true;
}

// The flagged records with the records of the month whose evidence an earlier month already used (one row per record).
std::vector<PrefillNotReal> with_reused_evidence(const PrefillInput& in) {
    const Date first = in.month.first_day(), last = in.month.last_day();
    std::map<std::string, const PrefillReusedEvidence*> earliest;   // record of the month -> its earliest earlier use
    for (const auto& r : in.reused) {
        if (r.decided_valid || r.day < first || last < r.day || !(r.earlier_day < first)) continue;
        const std::string key = verification::name_key(r.evidence);
        if (key.empty() || key != verification::name_key(r.earlier_evidence)) continue;
        auto [it, fresh] = earliest.emplace(r.record_no, &r);
        if (!fresh && std::tie(r.earlier_day, r.earlier_record_no) < std::tie(it->second->earlier_day, it->second->earlier_record_no))
            it->second = &r;
    }
    std::vector<PrefillNotReal> out = in.not_real;
    for (auto& n : out) {
        const auto it = earliest.find(n.record_no);
        if (it == earliest.end()) continue;
        n.why_zh += "；跨月佐证重复：佐证“" + it->second->evidence + "”已用于 " + format_date(it->second->earlier_day) +
                    " 的记录 " + it->second->earlier_record_no;
        earliest.erase(it);
    }
    for (const auto& [no, r] : earliest)
        out.push_back({no, r->provider_id, r->elder_id, r->day,
                       "跨月佐证重复：佐证“" + r->evidence + "”已用于 " + format_date(r->earlier_day) + " 的记录 " +
                           r->earlier_record_no});
    return out;
}

}  // namespace

void mask_prefill_names(wire::AssessmentPrefill& p) {
    for (auto& item : p.items)
        for (auto& person : item.people) person.name = mask_name(person.name);
    for (auto& person : p.unassigned.people) person.name = mask_name(person.name);
}

wire::PrefillUnassigned unassigned_subjects(const PrefillInput& in, const std::string& project) {
    wire::PrefillUnassigned u;
    const Date first = in.month.first_day();
    u.basis_zh = "已登记上门服务或探视巡访、本月及前 " + std::to_string(kPrefillLookbackMonths) +
                 " 个月无任何服务商服务记录的服务对象：登记不载明服务商，不计入任何服务商的服务对象，请股室安排";
    std::vector<Id> ids = in.unserved;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (Id id : ids) {
        const auto it = in.elders.find(id);
        if (it == in.elders.end()) continue;
        const PrefillElder& e = it->second;
        if (!e.enrolled || (e.died && *e.died < first) || (e.enrolled_until && *e.enrolled_until < first)) continue;
        if (project_of_elder(e) != project) continue;
        ++u.count;
        if (u.people.size() >= wire::kMaxPrefillPeople) {
            u.people_truncated = true;
            continue;
        }
        u.people.push_back({id, e.name, tier_code(e),
                            "本月及前 " + std::to_string(kPrefillLookbackMonths) + " 个月无服务记录", ""});
    }
    return u;
}

std::map<PrefillKey, wire::AssessmentPrefill> prefill_all(const PrefillInput& in, const ScorecardRule& rule,
                                                          const std::set<PrefillKey>& wanted) {
    const Date first = in.month.first_day(), last = in.month.last_day();
    const auto elder = [&](Id id) -> const PrefillElder* {
        auto it = in.elders.find(id);
        return it == in.elders.end() ? nullptr : &it->second;
    };
    // Dead or out of the programme before the month: not a subject of the month.
    const auto gone_before = [&](const PrefillElder& e) { return (e.died && *e.died < first) || (e.enrolled_until && *e.enrolled_until < first); };
    const auto gone_during = [&](const PrefillElder& e) { return (e.died && *e.died <= last) || (e.enrolled_until && *e.enrolled_until < last); };

    std::map<PrefillKey, wire::AssessmentPrefill> out;
    for (const auto& key : wanted) {
        auto& p = out[key];
        p.provider_id = key.first;
        p.project_code = key.second;
        p.month = in.month.code();
        p.rule_version = rule.version;
        for (const auto& part : rule.parts)
            for (const auto& item : part.items) {
                if (item.source == ItemSource::Manual) continue;
                p.items.push_back(wire::PrefillItem{item.code, code(item.source), 0, "", {}, false});
            }
    }
    const auto find = [&](Id provider, const std::string& project) -> wire::AssessmentPrefill* {
        if (project.empty()) return nullptr;
        auto it = out.find({provider, project});
        return it == out.end() ? nullptr : &it->second;
    };

    // Subjects: (provider, elder) -> visits of the month, as sorted runs (a city's month is 600 000 visits: a tree
    // of pairs cost seconds). Earlier providers join with 0 visits for the enrolled not visited by anyone.
    // (provider, elder) and 1 per visit, 0 for an earlier provider's pair (its elder was visited by nobody).
    std::vector<std::pair<std::pair<Id, Id>, int>> tagged;
    tagged.reserve(in.visits.size() + in.earlier.size());
    std::vector<Id> visited;
    visited.reserve(in.visits.size());
    for (const auto& v : in.visits) {
        tagged.push_back({{v.provider_id, v.elder_id}, 1});
        visited.push_back(v.elder_id);
    }
    std::sort(visited.begin(), visited.end());
    visited.erase(std::unique(visited.begin(), visited.end()), visited.end());
    for (const auto& e : in.earlier) {
        const PrefillElder* el = elder(e.elder_id);
        if (!el || !el->enrolled || std::binary_search(visited.begin(), visited.end(), e.elder_id)) continue;
        tagged.push_back({{e.provider_id, e.elder_id}, 0});
    }
    std::sort(tagged.begin(), tagged.end());
    std::vector<std::pair<std::pair<Id, Id>, std::int64_t>> runs;
    for (const auto& [pe, one] : tagged) {
        if (runs.empty() || runs.back().first != pe) runs.push_back({pe, 0});
        runs.back().second += one;
    }
    std::map<std::string, std::int64_t> frequency;
    for (const auto& f : rule.visit_frequency) frequency[f.tier] = f.visits_per_month;
    std::size_t visits_item = 0;   // the item's place: the same in every prefill (rule order)
    if (!out.empty())
        for (std::size_t i = 0; i < out.begin()->second.items.size(); ++i)
            if (out.begin()->second.items[i].source == "visits_below_frequency") visits_item = i + 1;
    Id last_provider = -1;
    std::array<wire::AssessmentPrefill*, 2> of_provider{};   // home_visit, visiting
    for (const auto& [pe, n] : runs) {
        if (pe.first != last_provider) {
            last_provider = pe.first;
            of_provider = {find(pe.first, "home_visit"), find(pe.first, "visiting")};
        }
        if (!of_provider[0] && !of_provider[1]) continue;
        const PrefillElder* el = elder(pe.second);
        if (!el || gone_before(*el)) continue;
        const auto tier = care_tier(el->disability, el->categories);
        if (!tier) continue;
        auto* p = of_provider[std::string_view(project_of(*tier)) == "visiting" ? 1 : 0];
        if (!p) continue;
        ++p->subjects_total;
        const auto f = frequency.find(code(*tier));
        if (f == frequency.end() || n >= f->second || gone_during(*el) || visits_item == 0) continue;
        auto& item = p->items[visits_item - 1];
        if (item.people.size() >= wire::kMaxPrefillPeople) {   // counted, not listed
            item.count += f->second - n;
            item.people_truncated = true;
            continue;
        }
        add_person(item,
                   {pe.second, el->name, code(*tier),
                    "本月服务 " + std::to_string(n) + " 次，应 " + std::to_string(f->second) + " 次，少 " +
                        std::to_string(f->second - n) + " 次",
                    ""},
                   f->second - n);
    }

    // Each order-like source: the project is the subject's.
    std::map<Id, std::int64_t> outside;   // provider -> orders about no subject of a project
    const auto per_order = [&](const std::vector<PrefillOrder>& rows, const std::string& source, auto&& detail) {
        for (const auto& o : rows) {
            const PrefillElder* el = elder(o.elder_id);
            const std::string project = el ? project_of_elder(*el) : "";
            if (project.empty()) {
                ++outside[o.provider_id];
                continue;
            }
            auto* p = find(o.provider_id, project);
            if (!p) continue;   // a pair not asked for
            if (source == "satisfaction") {
                ++p->answered;
                if (is_satisfied(o.satisfaction)) ++p->satisfied;
                continue;
            }
            if (auto* item = item_of(*p, source)) add_person(*item, {o.elder_id, el->name, tier_code(*el), detail(o), o.code}, 1);
        }
    };
    per_order(in.complaints, "rude_service", [](const PrefillOrder& o) { return format_date(date_of(o.at)) + " 有效投诉 " + o.code; });
    per_order(in.surveys, "satisfaction", [](const PrefillOrder&) { return std::string(); });
    per_order(in.not_received, "service_not_real",
              [](const PrefillOrder& o) { return format_date(date_of(o.at)) + " 回访：老人称未接受服务（" + o.code + "）"; });
    per_order(in.rectifications, "not_rectified_in_time", [](const PrefillOrder& o) {
        return "整改期限 " + shown(o.at) + "，" +
               (o.closed_at ? "于 " + shown(*o.closed_at) + " 才完成" : std::string("至今未完成")) + "（" + o.code + "）";
    });

    std::map<Id, std::int64_t> no_elder;   // provider -> flagged records of no known elder
    for (const auto& r : with_reused_evidence(in)) {
        const PrefillElder* el = elder(r.elder_id);
        if (!el) {
            ++no_elder[r.provider_id];
            continue;
        }
        auto* p = find(r.provider_id, project_of_elder(*el));
        if (!p) continue;
        if (auto* item = item_of(*p, "service_not_real"))
            add_person(*item, {r.elder_id, el->name, tier_code(*el), format_date(r.day) + " 服务记录 " + r.record_no + "：" + r.why_zh, r.record_no}, 1);
    }

    std::map<std::string, wire::PrefillUnassigned> unassigned;   // per project, computed once
    for (auto& [key, p] : out) {
        auto u = unassigned.find(key.second);
        if (u == unassigned.end()) u = unassigned.emplace(key.second, unassigned_subjects(in, key.second)).first;
        p.unassigned = u->second;
        for (auto& item : p.items) {
            if (item.source == "visits_below_frequency")
                item.basis_zh = "本月服务对象 " + std::to_string(p.subjects_total) + " 人，按分类应达走访次数（" + rule.version +
                                "），每少一次计 1 人次；本月死亡或退出者不计";
            else if (item.source == "service_not_real")
                item.basis_zh = "核查标记（死亡后服务、重复记录、佐证重复，含佐证已用于此前月份的记录）未经主管认定有效的服务记录，每条计 1 人次；加上本月回访中老人称未接受服务的工单，每次计 1 人次";
            else if (item.source == "rude_service")
                item.basis_zh = "本月受理并判定有效的投诉，每件计 1 人次";
            else if (item.source == "satisfaction")
                item.basis_zh = "本月办结工单回访满意度（附2 第7题），1–3 为满意：" + std::to_string(p.satisfied) + " / " +
                                std::to_string(p.answered);
            else if (item.source == "not_rectified_in_time")
                item.basis_zh = "整改期限在本月、未按期完成的整改，每次计 1 次";
            std::sort(item.people.begin(), item.people.end(), [](const wire::PrefillPerson& a, const wire::PrefillPerson& b) {
                return std::tie(a.elder_id, a.ref) < std::tie(b.elder_id, b.ref);
            });
        }
        if (p.answered == 0) p.notes_zh.push_back("本月无满意度回访答复：满意度项不扣分");
        if (const auto it = no_elder.find(key.first); it != no_elder.end())
            p.notes_zh.push_back("该服务商本月 " + std::to_string(it->second) + " 条核查标记记录的身份证号不在老人名册中，未计入任何项目");
        if (const auto it = outside.find(key.first); it != outside.end())
            p.notes_zh.push_back("该服务商本月 " + std::to_string(it->second) + " 件投诉、回访或整改的对象不属于任何照护项目，未计入");
    }
    return out;
}

}  // namespace yiyang::assessment
