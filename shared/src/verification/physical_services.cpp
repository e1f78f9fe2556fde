// Physical-service fees and flags (see verification/physical_services.hpp). Every rule that decides whether a
// record is paid is in this file.
#include "yiyang/verification/physical_services.hpp"

#include <algorithm>
#include <tuple>

namespace yiyang::verification {

const char* code(ServiceFlag f) {
    switch (f) {
        case ServiceFlag::AfterDeath: return "after_death";
        case ServiceFlag::Duplicate: return "duplicate";
        case ServiceFlag::CaregiverOverlap: return "caregiver_overlap";
        case ServiceFlag::SharedEvidence: return "shared_evidence";
        case ServiceFlag::RemovedSubscriber: return "removed_subscriber";
    }
    return "";
}

const char* label_zh(ServiceFlag f) {
    switch (f) {
        case ServiceFlag::AfterDeath: return "死亡后服务";
        case ServiceFlag::Duplicate: return "重复记录";
        case ServiceFlag::CaregiverOverlap: return "时间冲突";
        case ServiceFlag::SharedEvidence: return "佐证重复";
        case ServiceFlag::RemovedSubscriber: return "已拆机后服务";
    }
    return "";
}

bool blocks_payment(ServiceFlag f) { return f == ServiceFlag::AfterDeath || f == ServiceFlag::Duplicate; }

const char* code(Payability p) {
    switch (p) {
        case Payability::NotPayable: return "not_payable";
        case Payability::Pending: return "pending";
        case Payability::DecidedPayable: return "decided_payable";
        case Payability::DecidedNotPayable: return "decided_not_payable";
    }
    return "";
}

const char* label_zh(Payability p) {
    switch (p) {
        case Payability::NotPayable: return "不予结算";
        case Payability::Pending: return "待审核";
        case Payability::DecidedPayable: return "审核后结算";
        case Payability::DecidedNotPayable: return "审核后不予结算";
    }
    return "";
}

namespace {

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : "、") + s;
    return out;
}

std::string trimmed(const std::string& s) { return name_key(s); }   // evidence refs compared without blanks

}  // namespace

PhysicalServiceReport physical_services(const PhysicalServiceInput& in, const std::vector<ServiceRecordRow>& all_records,
                                        const std::vector<CremationRow>& cremations,
                                        const std::vector<SubscriberRow>& subscribers,
                                        const std::map<std::string, SupervisorDecision>& decisions) {
    PhysicalServiceReport out;

    // The quarter's records, in record-number order: "the original" of duplicates is the lowest record number
    // (text order), so the result does not depend on the order the files were imported in.
    std::vector<const ServiceRecordRow*> recs;
    std::vector<std::string> outside;
    for (const auto& r : all_records) {
        if (in.quarter.contains(r.day)) recs.push_back(&r);
        else outside.push_back(r.record_no);
    }
    out.outside_quarter = make_tally(std::move(outside));
    std::sort(recs.begin(), recs.end(), [](auto* a, auto* b) { return a->record_no < b->record_no; });

    std::map<std::string, Date> died;      // id key -> death date (the earliest, if listed twice)
    for (const auto& c : cremations) {
        const auto k = id_key(c.id_number);
        auto [it, fresh] = died.emplace(k, c.died);
        if (!fresh && c.died < it->second) it->second = c.died;
    }
    std::map<std::string, Date> removed;   // id key -> removal date
    for (const auto& s : subscribers)
        if (s.removed) removed[id_key(s.id_number)] = *s.removed;

    std::map<std::string, std::vector<FlagReason>> reasons;   // record no -> reasons
    auto add = [&](const ServiceRecordRow& r, FlagReason f) { reasons[r.record_no].push_back(std::move(f)); };

    // After death: a visit on the day of death itself may well have happened (before it), so only later days count.
    // After removal: likewise, the removal day itself is not flagged.
    for (const auto* r : recs) {
        const auto k = id_key(r->id_number);
        if (auto d = died.find(k); d != died.end() && r->day > d->second)
            add(*r, {ServiceFlag::AfterDeath, {},
                     "服务日期" + format_date(r->day) + "晚于死亡日期" + format_date(d->second) + "（火化名单）"});
        if (auto m = removed.find(k); m != removed.end() && r->day > m->second)
            add(*r, {ServiceFlag::RemovedSubscriber, {},
                     "服务日期" + format_date(r->day) + "晚于拆机日期" + format_date(m->second)});
    }

    // Exact duplicates: same subject, day, start and caregiver under another number. The first (lowest number) is
    // the original and stays payable unless flagged otherwise; every later one is a duplicate of it.
    std::map<std::tuple<std::string, Date, int, std::string>, std::vector<const ServiceRecordRow*>> same;
    for (const auto* r : recs) same[{id_key(r->id_number), r->day, r->start, name_key(r->caregiver)}].push_back(r);
    for (const auto& [key, group] : same) {
        for (std::size_t i = 1; i < group.size(); ++i)
            add(*group[i], {ServiceFlag::Duplicate, {group[0]->record_no},
                            "与记录" + group[0]->record_no + "重复（同一服务对象、同一天、同一开始时间、同一服务人员）"});
    }

    // One caregiver at two different subjects at overlapping times ([start, end) intervals intersect). Both sides
    // are flagged; the supervisor decides which (if any) is real. Exact duplicates are the same subject: not here.
    std::map<std::pair<std::string, Date>, std::vector<const ServiceRecordRow*>> by_caregiver;
    for (const auto* r : recs) by_caregiver[{name_key(r->caregiver), r->day}].push_back(r);
    for (auto& [key, group] : by_caregiver) {
        std::sort(group.begin(), group.end(), [](auto* a, auto* b) {
            return std::tie(a->start, a->record_no) < std::tie(b->start, b->record_no);
        });
        std::map<std::string, std::vector<std::string>> others;   // record no -> overlapping records
        for (std::size_t i = 0; i < group.size(); ++i) {
            for (std::size_t j = i + 1; j < group.size() && group[j]->start < group[i]->end; ++j) {
                if (id_key(group[i]->id_number) == id_key(group[j]->id_number)) continue;
                others[group[i]->record_no].push_back(group[j]->record_no);
                others[group[j]->record_no].push_back(group[i]->record_no);
            }
        }
        for (auto& [no, list] : others) {
            std::sort(list.begin(), list.end());
            const auto* r = *std::find_if(group.begin(), group.end(), [&](auto* g) { return g->record_no == no; });
            add(*r, {ServiceFlag::CaregiverOverlap, list,
                     "服务人员" + r->caregiver + "在" + format_date(r->day) + " " + format_time_of_day(r->start) + "-" +
                         format_time_of_day(r->end) + "同时在为其他服务对象服务（记录" + joined(list) + "）"});
        }
    }

    // The same evidence (photo, signature sheet) on different records.
    std::map<std::string, std::vector<const ServiceRecordRow*>> by_evidence;
    for (const auto* r : recs)
        if (auto e = trimmed(r->evidence); !e.empty()) by_evidence[e].push_back(r);
    for (const auto& [ev, group] : by_evidence) {
        if (group.size() < 2) continue;
        for (const auto* r : group) {
            std::vector<std::string> list;
            for (const auto* o : group)
                if (o != r) list.push_back(o->record_no);
            add(*r, {ServiceFlag::SharedEvidence, list, "佐证“" + r->evidence + "”也用于记录" + joined(list)});
        }
    }

    // Status and the figures.
    std::map<std::string, const ServiceRecordRow*> by_no;
    for (const auto* r : recs) by_no[r->record_no] = r;
    std::vector<std::string> payable, not_payable, pending, decided_not, served;
    std::map<Period, std::pair<std::vector<std::string>, std::vector<std::string>>> per_month;   // all, payable
    for (const auto* r : recs) {
        served.push_back(id_key(r->id_number));
        auto& month = per_month[month_of(r->day)];
        month.first.push_back(r->record_no);
        auto it = reasons.find(r->record_no);
        if (it == reasons.end()) {
            payable.push_back(r->record_no);
            month.second.push_back(r->record_no);
            continue;
        }
        FlaggedRecord f{r->record_no, r->id_number, r->caregiver, r->day, std::move(it->second), Payability::Pending, {}};
        std::stable_sort(f.reasons.begin(), f.reasons.end(), [](auto& a, auto& b) { return a.flag < b.flag; });
        const bool blocked = std::any_of(f.reasons.begin(), f.reasons.end(), [](auto& x) { return blocks_payment(x.flag); });
        if (blocked) {
            f.status = Payability::NotPayable;
            not_payable.push_back(r->record_no);
        } else if (auto d = decisions.find(r->record_no); d != decisions.end()) {
            f.decision = d->second;
            f.status = d->second.payable ? Payability::DecidedPayable : Payability::DecidedNotPayable;
            if (d->second.payable) {
                payable.push_back(r->record_no);
                month.second.push_back(r->record_no);
            } else {
                decided_not.push_back(r->record_no);
            }
        } else {
            pending.push_back(r->record_no);
        }
        out.flagged.emplace(r->record_no, std::move(f));
    }
    for (const auto& m : months_of(in.quarter)) {
        auto& lists = per_month[m];
        ServiceMonth sm{m, make_tally(lists.first), 0, make_tally(lists.second), 0};
        sm.fee = sm.records.count() * in.unit_fee;
        sm.payable_fee = sm.payable.count() * in.unit_fee;
        out.fee += sm.fee;
        out.payable_fee += sm.payable_fee;
        out.months.push_back(std::move(sm));
    }
    std::vector<std::string> all;
    for (const auto* r : recs) all.push_back(r->record_no);
    out.records = make_tally(std::move(all));
    out.payable = make_tally(std::move(payable));
    out.not_payable = make_tally(std::move(not_payable));
    out.pending = make_tally(std::move(pending));
    out.decided_not_payable = make_tally(std::move(decided_not));
    out.subjects_served = make_tally(std::move(served));
    return out;
}

}  // namespace yiyang::verification
