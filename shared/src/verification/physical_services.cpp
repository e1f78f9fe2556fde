// Physical-service fees and flags (see verification/physical_services.hpp). Every rule that decides whether a
// record is paid is in this file.
#include "yiyang/verification/physical_services.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <iterator>
#include <optional>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "yiyang/text_codes.hpp"

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

std::string trimmed(std::string_view s) { return name_key(s); }   // evidence refs compared without blanks

// (key, index) pairs sorted by key, stably (equal keys keep their order): least significant digit first, 11 bits a
// pass, skipping the digits every key shares — at city scale (6 000 000 keys) a few passes over memory instead of
// std::sort's two dozen levels of compares.
void radix_sort(std::vector<std::pair<std::uint64_t, std::uint32_t>>& v) {
    if (v.size() < 2048) {
        std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        return;
    }
    std::uint64_t any = 0, every = ~std::uint64_t{0};
    for (const auto& x : v) {
        any |= x.first;
        every &= x.first;
    }
    const std::uint64_t varying = any ^ every;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> tmp(v.size());
    constexpr int kBits = 11;
    constexpr std::uint64_t kMask = (1u << kBits) - 1;
    for (int shift = 0; shift < 64; shift += kBits) {
        if (((varying >> shift) & kMask) == 0) continue;
        std::vector<std::size_t> at(kMask + 1);
        for (const auto& x : v) ++at[(x.first >> shift) & kMask];
        std::size_t sum = 0;
        for (auto& c : at) sum += std::exchange(c, sum);
        for (const auto& x : v) tmp[at[(x.first >> shift) & kMask]++] = x;
        v.swap(tmp);
    }
}

// The indexes 0..n-1 ordered by key(i) (K unsigned fields, most significant first), ties in index order: the fields
// less their minimum packed in one integer and radix-sorted when their widths fit in 64 bits (always at any real
// scale), else the tuples sorted.
template <std::size_t K, class KeyFn>
std::vector<std::uint32_t> ordered(std::size_t n, KeyFn key) {
    std::array<std::uint64_t, K> lo, hi{};
    lo.fill(~std::uint64_t{0});
    for (std::size_t i = 0; i < n; ++i) {
        const std::array<std::uint64_t, K> k = key(i);
        for (std::size_t f = 0; f < K; ++f) {
            lo[f] = std::min(lo[f], k[f]);
            hi[f] = std::max(hi[f], k[f]);
        }
    }
    std::array<int, K> width{};
    int total = 0;
    for (std::size_t f = 0; f < K && n > 0; ++f) {
        for (std::uint64_t span = hi[f] - lo[f]; span != 0; span >>= 1) ++width[f];
        total += width[f];
    }
    std::vector<std::uint32_t> out(n);
    if (total <= 64) {
        std::vector<std::pair<std::uint64_t, std::uint32_t>> v(n);
        for (std::size_t i = 0; i < n; ++i) {
            const std::array<std::uint64_t, K> k = key(i);
            std::uint64_t packed = 0;
            for (std::size_t f = 0; f < K; ++f)
                packed = width[f] >= 64 ? k[f] - lo[f] : (packed << width[f]) | (k[f] - lo[f]);
            v[i] = {packed, static_cast<std::uint32_t>(i)};
        }
        radix_sort(v);
        for (std::size_t i = 0; i < n; ++i) out[i] = v[i].second;
    } else {
        std::vector<std::pair<std::array<std::uint64_t, K>, std::uint32_t>> v(n);
        for (std::size_t i = 0; i < n; ++i) v[i] = {key(i), static_cast<std::uint32_t>(i)};
        std::sort(v.begin(), v.end());
        for (std::size_t i = 0; i < n; ++i) out[i] = v[i].second;
    }
    return out;
}

}  // namespace

// City scale (6 000 000 records a quarter) shapes this function: records are grouped by sorting vectors of packed
// integer keys (no map node per record, no string compared in a sort), keys are normalised once per distinct value,
// and reasons are kept only for the few flagged records.
PhysicalServiceReport physical_services(const PhysicalServiceInput& in, const std::vector<ServiceRecordRow>& records,
                                        const std::vector<CremationRow>& cremations,
                                        const std::vector<SubscriberRow>& subscribers,
                                        const std::map<std::string, SupervisorDecision>& decisions) {
    return physical_services(in, service_record_table(records), cremations, subscribers, decisions);
}

PhysicalServiceReport physical_services(const PhysicalServiceInput& in, const ServiceRecordTable& table,
                                        const std::vector<CremationRow>& cremations,
                                        const std::vector<SubscriberRow>& subscribers,
                                        const std::map<std::string, SupervisorDecision>& decisions) {
    PhysicalServiceReport out = physical_flags(in, table, cremations, subscribers);
    apply_decisions(out, decisions);
    return out;
}

PhysicalServiceReport physical_flags(const PhysicalServiceInput& in, const ServiceRecordTable& table,
                                     const std::vector<CremationRow>& cremations,
                                     const std::vector<SubscriberRow>& subscribers) {
    PhysicalServiceReport out;

    // The quarter's records (indexes into the table), in record-number order: "the original" of duplicates is the
    // lowest record number (text order), so the result does not depend on the order the files were imported in.
    std::vector<std::uint32_t> recs;
    recs.reserve(table.size());
    std::vector<std::string> outside;
    for (std::size_t j = 0; j < table.size(); ++j) {
        if (in.quarter.contains(table.day(j))) recs.push_back(static_cast<std::uint32_t>(j));
        else outside.emplace_back(table.record_no(j));
    }
    out.outside_quarter = make_tally(std::move(outside));
    // (The server reads them ORDER BY record number: then the indexes are in order already.)
    if (!table.sorted_by_number())
        std::sort(recs.begin(), recs.end(), [&](std::uint32_t a, std::uint32_t b) { return table.record_no(a) < table.record_no(b); });
    const std::size_t n = recs.size();
    // The i-th record of the quarter (record-number order).
    const auto no_of = [&](std::size_t i) { return table.record_no(recs[i]); };
    const auto day_of = [&](std::size_t i) -> const Date& { return table.day(recs[i]); };
    // Each distinct subject (ID key) and caregiver (name key) gets a small integer code, so that the sorts below
    // compare integers only; the raw text is normalised once per distinct value, not once per record.
    std::vector<std::uint32_t> id_code(n), cg_code(n);
    std::vector<std::string> id_of;   // code -> ID key
    {
        // ID numbers as imports store them (id_key(id) == id: most of them) packed in integers and radix-sorted, a
        // code per run: no hash look-up per record (at city scale 6 000 000 records of 600 000 people, a cache miss
        // each).
        std::vector<std::pair<std::uint64_t, std::uint32_t>> packed;
        packed.reserve(n);
        std::vector<std::uint32_t> others;   // records whose ID number is written otherwise
        for (std::size_t i = 0; i < n; ++i) {
            if (const auto p = packed_id_key(table.id_number(recs[i]))) packed.emplace_back(*p, static_cast<std::uint32_t>(i));
            else others.push_back(static_cast<std::uint32_t>(i));
        }
        radix_sort(packed);
        for (std::size_t g = 0; g < packed.size();) {
            std::size_t e = g + 1;
            while (e < packed.size() && packed[e].first == packed[g].first) ++e;
            const auto code = static_cast<std::uint32_t>(id_of.size());
            id_of.emplace_back(table.id_number(recs[packed[g].second]));   // its own key
            for (std::size_t k = g; k < e; ++k) id_code[packed[k].second] = code;
            g = e;
        }
        // The rest, and every caregiver: raw text -> raw code (a flat table: a slot read per record), raw code ->
        // normalised code (a hash table look-up per distinct raw text only).
        TextCodes raw_ids(std::min<std::size_t>(others.size(), 1u << 20)), raw_cgs;
        std::vector<std::uint32_t> id_norm, cg_norm;   // raw code -> code
        std::unordered_map<std::string, std::uint32_t> ids, cgs;
        if (!others.empty()) {   // the packed ones' keys first: an ID written otherwise is the same person
            ids.reserve(id_of.size() + others.size());
            for (std::size_t c = 0; c < id_of.size(); ++c) ids.emplace(id_of[c], static_cast<std::uint32_t>(c));
        }
        const auto code_of = [](TextCodes& raw, std::vector<std::uint32_t>& to_norm,
                                std::unordered_map<std::string, std::uint32_t>& norm, std::string_view text,
                                auto&& normalise, std::vector<std::string>* names) {
            const std::uint32_t rc = raw.code(text);
            if (rc < to_norm.size()) return to_norm[rc];
            std::string key = normalise(text);
            auto [it, fresh] = norm.emplace(key, static_cast<std::uint32_t>(names ? names->size() : norm.size()));
            if (fresh && names) names->push_back(std::move(key));
            to_norm.push_back(it->second);
            return it->second;
        };
        for (const std::uint32_t i : others)
            id_code[i] = code_of(raw_ids, id_norm, ids, table.id_number(recs[i]), [](std::string_view t) { return id_key(t); }, &id_of);
        for (std::size_t i = 0; i < n; ++i)
            cg_code[i] = code_of(raw_cgs, cg_norm, cgs, table.caregiver(recs[i]), [](std::string_view t) { return name_key(t); }, nullptr);
    }

    // (Hashed, not ordered: only looked up, once per subject — at city scale 600 000 lookups in a tree of strings.)
    std::unordered_map<std::string, Date> died;      // id key -> death date (the earliest, if listed twice)
    died.reserve(cremations.size());
    for (const auto& c : cremations) {
        auto [it, fresh] = died.emplace(id_key(c.id_number), c.died);
        if (!fresh && c.died < it->second) it->second = c.died;
    }
    std::unordered_map<std::string, Date> removed;   // id key -> removal date
    for (const auto& s : subscribers)
        if (s.removed) removed[id_key(s.id_number)] = *s.removed;
    std::vector<std::optional<Date>> died_of(id_of.size()), removed_of(id_of.size());   // per subject code
    for (std::size_t c = 0; c < id_of.size(); ++c) {
        if (auto d = died.find(id_of[c]); d != died.end()) died_of[c] = d->second;
        if (auto m = removed.find(id_of[c]); m != removed.end()) removed_of[c] = m->second;
    }

    std::map<std::size_t, std::vector<FlagReason>> reasons;   // record index -> reasons (flagged records only)

    // After death: a visit on the day of death itself may well have happened (before it), so only later days count.
    // After removal: likewise, the removal day itself is not flagged.
    for (std::size_t i = 0; i < n; ++i) {
        const Date& day = day_of(i);
        if (const auto& d = died_of[id_code[i]]; d && day > *d)
            reasons[i].push_back({ServiceFlag::AfterDeath, {},
                                  "服务日期" + format_date(day) + "晚于死亡日期" + format_date(*d) + "（火化名单）"});
        if (const auto& m = removed_of[id_code[i]]; m && day > *m)
            reasons[i].push_back({ServiceFlag::RemovedSubscriber, {},
                                  "服务日期" + format_date(day) + "晚于拆机日期" + format_date(*m)});
    }

    // Records grouped by sorting their keys as integers: the day (y·512 + m·32 + d), the start (seconds of the day)
    // and the codes; ties in record-number order.
    const auto day_bits = [&](std::size_t i) -> std::uint64_t {
        const Date& d = day_of(i);
        return static_cast<std::uint32_t>((d.year * 16 + d.month) * 32 + d.day);
    };
    const auto start_of = [&](std::size_t i) -> std::uint64_t { return static_cast<std::uint32_t>(table.start(recs[i])); };

    // Exact duplicates: same subject, day, start and caregiver under another number. The first (lowest number) is
    // the original and stays payable unless flagged otherwise; every later one is a duplicate of it.
    {
        const auto idx = ordered<4>(n, [&](std::size_t i) {
            return std::array<std::uint64_t, 4>{day_bits(i), start_of(i), id_code[i], cg_code[i]};
        });
        const auto same = [&](std::size_t a, std::size_t b) {
            return id_code[a] == id_code[b] && cg_code[a] == cg_code[b] && day_of(a) == day_of(b) &&
                   table.start(recs[a]) == table.start(recs[b]);
        };
        for (std::size_t g = 0; g < n;) {
            std::size_t e = g + 1;
            while (e < n && same(idx[e], idx[g])) ++e;
            for (std::size_t j = g + 1; j < e; ++j) {
                const std::string orig(no_of(idx[g]));
                reasons[idx[j]].push_back({ServiceFlag::Duplicate, {orig},
                                           "与记录" + orig + "重复（同一服务对象、同一天、同一开始时间、同一服务人员）"});
            }
            g = e;
        }
    }

    // One caregiver at two different subjects at overlapping times ([start, end) intervals intersect). Both sides
    // are flagged; the supervisor decides which (if any) is real. Exact duplicates are the same subject: not here.
    std::map<std::size_t, std::vector<std::string>> overlaps;   // record index -> overlapping records
    {
        const auto idx = ordered<3>(n, [&](std::size_t i) {
            return std::array<std::uint64_t, 3>{day_bits(i), cg_code[i], start_of(i)};
        });
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t a = idx[i];
            for (std::size_t j = i + 1; j < n; ++j) {
                const std::size_t b = idx[j];
                if (cg_code[b] != cg_code[a] || day_of(b) != day_of(a) || table.start(recs[b]) >= table.end(recs[a])) break;
                if (id_code[a] == id_code[b]) continue;
                overlaps[a].emplace_back(no_of(b));
                overlaps[b].emplace_back(no_of(a));
            }
        }
    }
    for (auto& [i, list] : overlaps) {
        std::sort(list.begin(), list.end());
        const std::size_t j = recs[i];
        std::string why = "服务人员" + std::string(table.caregiver(j)) + "在" + format_date(table.day(j)) + " " +
                          format_time_of_day(table.start(j)) + "-" + format_time_of_day(table.end(j)) +
                          "同时在为其他服务对象服务（记录" + joined(list) + "）";
        reasons[i].push_back({ServiceFlag::CaregiverOverlap, std::move(list), std::move(why)});
    }

    // The same evidence (photo, signature sheet) on different records: records sorted by the hash of the trimmed
    // reference (integers), and only records whose hashes meet compared as text (each group in record-number order).
    {
        std::vector<std::pair<std::uint64_t, std::uint32_t>> hashed;
        hashed.reserve(n);
        const auto has_blank = [](std::string_view s) {   // the bytes a blank (name_key) can start with
            return s.find_first_of(std::string_view(" \t\r\n\xE3\xC2", 6)) != std::string::npos;
        };
        for (std::size_t i = 0; i < n; ++i) {
            const std::string_view ev = table.evidence(recs[i]);
            if (ev.empty()) continue;
            if (!has_blank(ev)) {   // nothing to trim (most references): hashed as is, no copy
                hashed.emplace_back(std::hash<std::string_view>{}(ev), static_cast<std::uint32_t>(i));
                continue;
            }
            const auto e = trimmed(ev);
            if (!e.empty()) hashed.emplace_back(std::hash<std::string_view>{}(e), static_cast<std::uint32_t>(i));
        }
        radix_sort(hashed);   // (stable: each hash's records in record-number order)
        for (std::size_t g = 0; g < hashed.size();) {
            std::size_t e = g + 1;
            while (e < hashed.size() && hashed[e].first == hashed[g].first) ++e;
            if (e - g > 1) {
                std::vector<std::pair<std::string, std::uint32_t>> run;   // (text, index): a hash collision splits
                for (std::size_t k = g; k < e; ++k) run.emplace_back(trimmed(table.evidence(recs[hashed[k].second])), hashed[k].second);
                std::sort(run.begin(), run.end());
                for (std::size_t h = 0; h < run.size();) {
                    std::size_t t = h + 1;
                    while (t < run.size() && run[t].first == run[h].first) ++t;
                    for (std::size_t j = h; t - h > 1 && j < t; ++j) {
                        std::vector<std::string> list;
                        for (std::size_t k = h; k < t; ++k)
                            if (k != j) list.emplace_back(no_of(run[k].second));
                        std::string why = "佐证“" + std::string(table.evidence(recs[run[j].second])) + "”也用于记录" + joined(list);
                        reasons[run[j].second].push_back({ServiceFlag::SharedEvidence, std::move(list), std::move(why)});
                    }
                    h = t;
                }
            }
            g = e;
        }
    }

    // Status and the figures (records are in record-number order, so every list below is already sorted).
    const auto months = months_of(in.quarter);
    std::vector<std::vector<std::string>> month_all(months.size()), month_paid(months.size());
    auto month_index = [&](const Date& d) {
        for (std::size_t m = 0; m < months.size(); ++m)
            if (months[m].contains(d)) return m;
        return std::size_t{0};   // unreachable: recs are inside the quarter
    };
    // Each record's month, counted first: every list below is allocated once at its size (at city scale, lists of
    // 2 000 000 numbers grown by doubling cost a second of copies and fresh pages).
    std::vector<std::uint8_t> month_of(n);
    {
        std::vector<std::size_t> per_month(months.size());
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t m = month_index(day_of(i));
            month_of[i] = static_cast<std::uint8_t>(m);
            ++per_month[m];
        }
        for (std::size_t m = 0; m < months.size(); ++m) {
            month_all[m].reserve(per_month[m]);
            month_paid[m].reserve(per_month[m]);
        }
    }
    std::vector<std::string> all, payable, not_payable, pending, served;
    all.reserve(n);
    payable.reserve(n - std::min(n, reasons.size()));
    served.reserve(id_of.size());
    std::vector<bool> seen(id_of.size());
    auto next_reason = reasons.begin();
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t row = recs[i];
        const std::string no(table.record_no(row));
        if (!seen[id_code[i]]) {   // each subject once (the tally sorts them)
            seen[id_code[i]] = true;
            served.push_back(id_of[id_code[i]]);
        }
        const std::size_t m = month_of[i];
        month_all[m].push_back(no);
        // reasons is keyed by record index and i only grows: one step of an iterator, not a search per record.
        while (next_reason != reasons.end() && next_reason->first < i) ++next_reason;
        auto it = next_reason != reasons.end() && next_reason->first == i ? next_reason : reasons.end();
        all.push_back(no);
        if (it == reasons.end()) {
            month_paid[m].push_back(no);
            payable.push_back(no);
            continue;
        }
        FlaggedRecord f{no, std::string(table.id_number(row)), std::string(table.caregiver(row)), table.day(row),
                        std::move(it->second), Payability::Pending, {}};
        std::stable_sort(f.reasons.begin(), f.reasons.end(), [](auto& a, auto& b) { return a.flag < b.flag; });
        const bool blocked = std::any_of(f.reasons.begin(), f.reasons.end(), [](auto& x) { return blocks_payment(x.flag); });
        const Fen unit = in.fee_of_month(m);
        if (blocked) {
            f.status = Payability::NotPayable;
            not_payable.push_back(no);
            out.not_payable_fee += unit;
        } else {   // pending until a supervisor decides (apply_decisions)
            pending.push_back(no);
            out.pending_fee += unit;
        }
        out.flagged.emplace(no, std::move(f));
    }
    for (std::size_t m = 0; m < months.size(); ++m) {
        ServiceMonth sm{months[m], make_tally(std::move(month_all[m])), in.fee_of_month(m), 0,
                        make_tally(std::move(month_paid[m])), 0};
        sm.fee = sm.records.count() * sm.unit_fee;
        sm.payable_fee = sm.payable.count() * sm.unit_fee;
        out.fee += sm.fee;
        out.payable_fee += sm.payable_fee;
        out.months.push_back(std::move(sm));
    }
    out.records = make_tally(std::move(all));
    out.payable = make_tally(std::move(payable));
    out.not_payable = make_tally(std::move(not_payable));
    out.pending = make_tally(std::move(pending));
    out.subjects_served = make_tally(std::move(served));
    return out;
}

namespace {

// `keys` (sorted) with `add` (sorted, none in keys) merged in: one pass, the only copy of the strings.
TallyKeys merged(const TallyKeys& keys, const std::vector<std::string>& add) {
    if (add.empty()) return keys;
    std::vector<std::string> out;
    out.reserve(keys.size() + add.size());
    std::merge(keys.begin(), keys.end(), add.begin(), add.end(), std::back_inserter(out));
    return TallyKeys(std::move(out));
}

// `keys` (sorted) without `drop` (sorted, all in keys).
TallyKeys without(const TallyKeys& keys, const std::vector<std::string>& drop) {
    if (drop.empty()) return keys;
    std::vector<std::string> out;
    out.reserve(keys.size() - std::min(keys.size(), drop.size()));
    std::set_difference(keys.begin(), keys.end(), drop.begin(), drop.end(), std::back_inserter(out));
    return TallyKeys(std::move(out));
}

}  // namespace

// The decisions over the flags: each decision on a pending record moves it to decided (not) payable; the tallies
// that do not change stay shared with the flags' report (a copy of `r` before is a copy of pointers).
void apply_decisions(PhysicalServiceReport& r, const std::map<std::string, SupervisorDecision>& decisions) {
    std::vector<std::string> decided, yes, no;   // sorted: the map is
    std::vector<std::vector<std::string>> month_yes(r.months.size());
    for (const auto& [record_no, d] : decisions) {
        auto it = r.flagged.find(record_no);
        if (it == r.flagged.end() || it->second.status != Payability::Pending) continue;   // unflagged, blocked
        FlaggedRecord& f = it->second;
        std::size_t m = 0;
        while (m < r.months.size() && !r.months[m].month.contains(f.day)) ++m;
        if (m == r.months.size()) continue;   // unreachable: a flagged record is inside the quarter
        const Fen unit = r.months[m].unit_fee;
        f.decision = d;
        f.status = d.payable ? Payability::DecidedPayable : Payability::DecidedNotPayable;
        decided.push_back(record_no);
        r.pending_fee -= unit;
        if (d.payable) {
            yes.push_back(record_no);
            month_yes[m].push_back(record_no);
            r.decided_payable_fee += unit;
            r.payable_fee += unit;
            r.months[m].payable_fee += unit;
        } else {
            no.push_back(record_no);
            r.decided_not_payable_fee += unit;
        }
    }
    if (decided.empty()) return;
    r.pending.keys = without(r.pending.keys, decided);
    r.payable.keys = merged(r.payable.keys, yes);
    r.decided_payable.keys = merged(r.decided_payable.keys, yes);
    r.decided_not_payable.keys = merged(r.decided_not_payable.keys, no);
    for (std::size_t m = 0; m < r.months.size(); ++m) r.months[m].payable.keys = merged(r.months[m].payable.keys, month_yes[m]);
}

}  // namespace yiyang::verification
