// The entered indicators from approved activity records (activity_kpi.hpp says the formulas).
#include "yiyang/activity_kpi.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace yiyang::activity {

const std::vector<std::string>& activity_kpi_codes() {
    static const std::vector<std::string> codes = {
        "trainings", "system_consultation_response_rate", "smart_ageing_sessions", "exchange_events",
        "satisfaction_surveys", "subsidy_spot_checks", "promotional_items", "promotional_item_maintenance_rate",
        "posts_per_week", "display_sites", "campaigns", "exhibit_availability_rate", "feedback_response_rate",
        "portal_information_review_rate", "telephony_maintenance"};
    return codes;
}

bool is_activity_kpi(std::string_view c) {
    const auto& codes = activity_kpi_codes();
    return std::find(codes.begin(), codes.end(), c) != codes.end();
}

Date records_from(const Date& first) { return add_days(first, -6); }
Date records_to(const Date& last) { return add_days(last, 6); }

namespace {

std::string place_key(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\t') out += c;
    return out;
}

}  // namespace

ActivityFigure compute_activity_kpi(const KpiTarget& target, const ActivityKinds& kinds,
                                    const std::vector<KpiActivity>& records, const Date& first, const Date& last,
                                    const Date& today) {
    if (!is_activity_kpi(target.code)) throw std::invalid_argument("not an activity indicator: " + target.code);
    ActivityFigure out;
    const ActivityKind* kind = nullptr;
    for (const auto& k : kinds.kinds)
        if (k.feeds(target.code)) kind = &k;
    if (!kind) {
        out.result = make_kpi_result(target, Ratio{0, 0}, {}, {});
        return out;
    }
    std::vector<const KpiActivity*> approved;
    for (const auto& r : records)
        if (r.status == Status::Approved && r.kind == kind->code) approved.push_back(&r);

    if (target.unit == "per_week") {
        // Every week whose Thursday lies in [first, last] and whose Sunday is before today.
        std::map<IsoWeek, std::int64_t> weeks;
        std::map<IsoWeek, std::vector<Id>> ids;
        for (Date thursday = add_days(first, (4 - iso_weekday(first) + 7) % 7); thursday <= last;
             thursday = add_days(thursday, 7)) {
            if (!(add_days(thursday, 3) < today)) break;
            weeks[iso_week_of(thursday)] = 0;
        }
        for (const auto* r : approved) {
            auto it = weeks.find(iso_week_of(r->day));
            if (it == weeks.end()) continue;
            ++it->second;
            ids[it->first].push_back(r->id);
        }
        if (weeks.empty()) {
            out.result = make_kpi_result(target, Ratio{0, 0}, {}, {});
            return out;
        }
        std::int64_t minimum = -1;
        std::vector<Id> behind;
        for (const auto& [w, n] : weeks) {
            out.weeks.push_back({w, n});
            if (minimum < 0 || n < minimum) minimum = n;
            if (!kpi_met(Ratio{n, 1}, target.comparison, target.target)) out.weeks_below.push_back({w, n});
            for (Id id : ids[w]) behind.push_back(id);
        }
        out.result = make_kpi_result(target, Ratio{minimum, 1}, std::move(behind), {});
        if (!out.weeks_below.empty()) {
            out.note_zh = "未达标周：";
            for (std::size_t i = 0; i < out.weeks_below.size(); ++i) {
                const auto& w = out.weeks_below[i];
                out.note_zh += (i ? "、" : "") + format_iso_week(w.week) + "（" + format_date(iso_week_monday(w.week)) +
                               "起，" + std::to_string(w.records) + "条）";
            }
        }
        return out;
    }

    std::vector<const KpiActivity*> in_range;
    for (const auto* r : approved)
        if (!(r->day < first) && !(last < r->day)) in_range.push_back(r);
    std::vector<Id> ids;
    for (const auto* r : in_range) ids.push_back(r->id);
    switch (kind->measure) {
        case Measure::Records:
            out.result = make_kpi_result(target, Ratio{static_cast<std::int64_t>(in_range.size()), 1}, std::move(ids), {});
            break;
        case Measure::Quantity: {
            std::int64_t sum = 0;
            for (const auto* r : in_range) sum += r->quantity;
            out.result = make_kpi_result(target, Ratio{sum, 1}, std::move(ids), {});
            break;
        }
        case Measure::DistinctPlaces: {
            std::set<std::string> places;
            for (const auto* r : in_range) places.insert(place_key(r->place));
            out.result = make_kpi_result(target, Ratio{static_cast<std::int64_t>(places.size()), 1}, std::move(ids), {});
            break;
        }
        case Measure::Counts: {
            std::int64_t num = 0, den = 0;
            for (const auto* r : in_range) {
                num += r->numerator;
                den += r->denominator;
            }
            // A percent target reads the exact ratio; a count target (none today) would read the numerator.
            const Ratio value = target.is_percent() ? Ratio{num, den} : Ratio{num, 1};
            auto copy = ids;
            out.result = make_kpi_result(target, value, std::move(ids), std::move(copy));
            out.result.numerator_count = num;
            out.result.denominator_count = den;
            out.result.failure_count.reset();   // the shortfall is inside the records, not a list of records
            break;
        }
    }
    return out;
}

}  // namespace yiyang::activity
