// physical_services against a brute-force reading of its rules on random records with many collisions (same
// caregiver under blanks, same person, same slot, shared evidence): the grouping by packed integer keys (issue 10
// city-scale speed) must flag exactly what comparing every pair flags — at 1 500 records and at 6 000 (past 2 048 the
// groups are found by a radix sort of packed keys).
#include <catch2/catch.hpp>

#include <random>

#include "verification_support.hpp"
#include "yiyang/verification/physical_services.hpp"

namespace test_verification_physical_random {

using namespace yiyang;
using namespace yiyang::verification;
using yiyang::test::person_id;

TEST_CASE("physical-service flags equal a pairwise check on random records", "[verification]") {
    const Period q1{PeriodKind::Quarter, 2024, 1};
    std::mt19937 rng(20241205);
    const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const std::vector<std::string> caregivers = {"李强", "李 强", "赵敏", "王芳", "王　芳", "陈刚"};
    const int n = GENERATE(1500, 6000);
    const int people = n / 60, photos = n * 4 / 15;
    INFO(n << " records");
    std::vector<ServiceRecordRow> rs;
    for (int i = 0; i < n; ++i) {
        ServiceRecordRow r;
        r.record_no = "N" + std::to_string(100000 + pick(900000)) + "-" + std::to_string(i);
        r.id_number = person_id(pick(people));
        if (pick(5) == 0 && r.id_number.back() == 'X') r.id_number.back() = 'x';
        r.name = "用户";
        r.day = Date{2024, 1 + pick(3), 1 + pick(3)};
        if (pick(50) == 0) r.day = Date{2023, 12, 31};   // outside the quarter
        r.start = (8 * 60 + 30 * pick(8)) * 60;
        r.end = r.start + (15 + 15 * pick(4)) * 60;
        r.caregiver = caregivers[static_cast<std::size_t>(pick(6))];
        r.evidence = pick(3) == 0 ? "" : "p" + std::to_string(pick(photos)) + (pick(4) == 0 ? " .jpg" : ".jpg");
        rs.push_back(r);
    }
    std::vector<CremationRow> crem = {{1, "用户", person_id(3), Date{2024, 2, 1}, std::nullopt}};
    std::vector<SubscriberRow> subs = {yiyang::test::subscriber(7, Date{2023, 1, 1}, Date{2024, 3, 1})};
    const auto r = physical_services({q1, 3000}, rs, crem, subs, {});

    // The rules, pair by pair.
    std::vector<const ServiceRecordRow*> in;
    for (const auto& x : rs) if (q1.contains(x.day)) in.push_back(&x);
    std::sort(in.begin(), in.end(), [](auto* a, auto* b) { return a->record_no < b->record_no; });
    std::vector<std::string> ids, cgs, evs;   // each record's keys, once (6 000 records: 36 000 000 pairs)
    for (const auto* x : in) {
        ids.push_back(id_key(x->id_number));
        cgs.push_back(name_key(x->caregiver));
        evs.push_back(name_key(x->evidence));
    }
    std::map<std::string, std::vector<std::pair<ServiceFlag, std::vector<std::string>>>> want;
    for (std::size_t i = 0; i < in.size(); ++i) {
        const auto& a = *in[i];
        const std::string& id = ids[i];
        const std::string& cg = cgs[i];
        auto& w = want[a.record_no];
        if (id == id_key(person_id(3)) && a.day > Date{2024, 2, 1}) w.push_back({ServiceFlag::AfterDeath, {}});
        std::vector<std::string> dup, overlap, evidence;
        for (std::size_t j = 0; j < in.size(); ++j) {
            if (j == i) continue;
            const auto& b = *in[j];
            const bool same_slot = b.day == a.day && b.start == a.start && cgs[j] == cg;
            if (same_slot && ids[j] == id && j < i && dup.empty()) dup.push_back(b.record_no);
            // [start, end) intersect, one caregiver, two subjects
            if (b.day == a.day && cgs[j] == cg && ids[j] != id && b.start < a.end && a.start < b.end)
                overlap.push_back(b.record_no);
            if (!a.evidence.empty() && evs[i] == evs[j]) evidence.push_back(b.record_no);
        }
        if (!dup.empty()) w.push_back({ServiceFlag::Duplicate, dup});
        if (!overlap.empty()) w.push_back({ServiceFlag::CaregiverOverlap, overlap});
        if (!evidence.empty()) w.push_back({ServiceFlag::SharedEvidence, evidence});
        if (id == id_key(person_id(7)) && a.day > Date{2024, 3, 1}) w.push_back({ServiceFlag::RemovedSubscriber, {}});
        std::stable_sort(w.begin(), w.end(), [](auto& x, auto& y) { return x.first < y.first; });
        if (w.empty()) want.erase(a.record_no);
    }
    std::map<std::string, std::vector<std::pair<ServiceFlag, std::vector<std::string>>>> got;
    for (const auto& [no, f] : r.flagged)
        for (const auto& reason : f.reasons) got[no].push_back({reason.flag, reason.other_records});
    CHECK(want.size() > 100);   // the data collides enough to test something
    CHECK(got == want);
    CHECK(r.records.count() == static_cast<std::int64_t>(in.size()));
    CHECK(r.payable.count() + r.not_payable.count() + r.pending.count() == static_cast<std::int64_t>(in.size()));
}

}  // namespace test_verification_physical_random
