// The inputs of a verification quarter, its figures and their cache (app/quarter_inputs.hpp).
#include "app/quarter_inputs.hpp"

#include <algorithm>
#include <functional>
#include <future>
#include <iterator>
#include <string_view>
#include <unordered_set>

#include "store/verification_deaths.hpp"
#include "store/verification_lists.hpp"

namespace yiyang::app {

namespace v = verification;

namespace {

std::atomic<std::uint64_t> g_computations{0}, g_decidings{0}, g_physical{0};

v::PhysicalServiceInput physical_input(const Period& q, const QuarterRules& rules) {
    std::array<Fen, 3> physical_fee{};
    for (std::size_t i = 0; i < 3; ++i) physical_fee[i] = rules.fees[i].physical_service_fen;
    return {q, physical_fee[0], physical_fee};
}

// The ledger rows load_quarter_inputs reads for `scope` (from the death window's first day or the quarter's).
std::vector<store::EnrolmentRow> ledger_rows(SQLite::Database& db, const QuarterScope& scope, Date& death_from) {
    const Period& q = scope.quarter;
    death_from = scope.death_window_from.value_or(v::default_death_window(q).from);
    return store::enrolment_rows(db, std::min(q.first_day(), death_from), q.last_day(), scope.town);
}

// The physical figures of the records in `only`, out of the district's (flags and statuses stay the district's;
// each record keeps its month's fee).
v::PhysicalServiceReport scoped(const v::PhysicalServiceReport& all, const std::set<std::string>& only,
                                const v::ServiceRecordTable& records) {
    // Tallies and `only` are both sorted by text: one merge each, not a tree search per record (a town's report
    // intersects 6 000 000 record numbers several times).
    const auto keep = [&](const v::Tally& t) {
        std::vector<std::string> k;
        std::set_intersection(t.keys.begin(), t.keys.end(), only.begin(), only.end(), std::back_inserter(k));
        return v::make_tally(std::move(k));
    };
    v::PhysicalServiceReport out;
    std::map<std::string, Fen> unit;   // record number -> its month's fee
    for (const auto& m : all.months) {
        v::ServiceMonth sm{m.month, keep(m.records), m.unit_fee, 0, keep(m.payable), 0};
        sm.fee = sm.records.count() * sm.unit_fee;
        sm.payable_fee = sm.payable.count() * sm.unit_fee;
        for (const auto& no : sm.records.keys) unit[no] = sm.unit_fee;
        out.fee += sm.fee;
        out.payable_fee += sm.payable_fee;
        out.months.push_back(std::move(sm));
    }
    const auto priced = [&](const v::Tally& t) {
        Fen f = 0;
        for (const auto& no : t.keys)
            if (auto it = unit.find(no); it != unit.end()) f += it->second;
        return f;
    };
    out.records = keep(all.records);
    out.payable = keep(all.payable);
    out.not_payable = keep(all.not_payable);
    out.pending = keep(all.pending);
    out.decided_not_payable = keep(all.decided_not_payable);
    out.decided_payable = keep(all.decided_payable);
    out.not_payable_fee = priced(out.not_payable);
    out.pending_fee = priced(out.pending);
    out.decided_not_payable_fee = priced(out.decided_not_payable);
    out.decided_payable_fee = priced(out.decided_payable);
    for (const auto& [no, f] : all.flagged)
        if (only.count(no)) out.flagged.emplace(no, f);
    out.outside_quarter = all.outside_quarter;
    std::vector<std::string> served;
    const auto& kept = out.records.keys;
    if (records.sorted_by_number()) {   // as read (ORDER BY record_no): a merge
        auto k = kept.begin();
        for (std::size_t i = 0; i < records.size(); ++i) {
            const std::string_view no = records.record_no(i);
            while (k != kept.end() && *k < no) ++k;
            if (k != kept.end() && *k == no) served.push_back(v::id_key(records.id_number(i)));
        }
    } else {
        for (std::size_t i = 0; i < records.size(); ++i)
            if (std::binary_search(kept.begin(), kept.end(), records.record_no(i), std::less<>{}))
                served.push_back(v::id_key(records.id_number(i)));
    }
    out.subjects_served = v::make_tally(std::move(served));
    return out;
}

bool in_tally(const v::Tally& t, const std::string& key) { return std::binary_search(t.keys.begin(), t.keys.end(), key); }

}  // namespace

std::string QuarterRules::versions_key() const {
    std::string k;
    for (const auto& v : fee_versions) k += "verification_fees " + v + "|";
    k += "verification_report " + report.version + "|verification_eligibility " + eligibility.version +
         "|verification_sampling " + sampling_version;
    return k;
}

namespace {

// load_quarter_inputs into `in`, calling `flags_ready` once the inputs of the district's flags (records, cremations,
// ledger) are read and will not change: quarter_base flags them on another core while the rest is read.
void load_into(QuarterInputs& in, SQLite::Database& db, const QuarterScope& scope, const QuarterRules& rules,
               const QuarterBase* district, const std::function<void(const QuarterInputs&)>& flags_ready) {
    in.scope = scope;
    in.rules = rules;
    const Period& q = scope.quarter;
    const Date first = q.first_day(), last = q.last_day();
    in.death_to = scope.death_window_to.value_or(v::default_death_window(q).to);

    // One enrolment query: the ledger (from the death window on) and the quarter's information-service spans.
    // (The rows are moved into the ledger and the spans taken on the way, as store::subscriptions_of: no copy of
    // a city's 660 000 rows.)
    auto enrolments = ledger_rows(db, scope, in.death_from);
    in.subscribers.reserve(enrolments.size());
    in.info_rows.reserve(enrolments.size());
    for (auto& e : enrolments) {
        if (!e.ledger.removed || *e.ledger.removed >= first)
            in.info_rows.push_back({Subscription{e.elder_id, e.ledger.opened, e.ledger.removed}, e.ledger.removal_reason});
        in.subscribers.push_back(std::move(e.ledger));
    }

    // A town's bundle reads the district's records from the district's bundle: only its own records' numbers here.
    if (!district || !scope.town) in.records = store::service_record_table(db, first, last);
    if (scope.town && district) {
        // The town's records out of the district's table: those whose ID number is one of the town's elders' (the
        // same exact match as service_record_rows' join, without looking 6 000 000 records up in elders).
        const auto ids = store::town_id_numbers(db, *scope.town);
        const std::unordered_set<std::string_view> of_town(ids.begin(), ids.end());
        const auto& all = district->inputs.records;
        std::set<std::string> s;
        for (std::size_t i = 0; i < all.size(); ++i)
            if (of_town.count(all.id_number(i))) s.emplace_hint(s.end(), all.record_no(i));   // in order: hinted
        in.records_in_scope = std::move(s);
    } else if (scope.town) {
        auto numbers = store::service_record_numbers(db, first, last, scope.town);   // sorted: a hinted insert each
        std::set<std::string> s;
        for (auto& no : numbers) s.emplace_hint(s.end(), std::move(no));
        in.records_in_scope = std::move(s);
    }
    in.cremations = store::cremation_rows(db);
    if (flags_ready && !scope.town) flags_ready(in);
    in.categories = store::categories_of(db, in.subscribers);
    const auto checks = v::phone_check_window(q);
    in.phone_checks = store::phone_check_rows(db, checks.from, checks.to);

    // Calls: imported callbacks dated from the quarter's first day to the next quarter's last (calls are made after
    // the quarter closes), then those recorded on the current draw (after: on the same day the recorded one wins).
    in.callbacks = store::callback_rows(db, first, q.next().last_day());
    in.draw = store::current_draw(db, q.code());
    if (in.draw) {
        in.frame = store::frame_rows(db, in.draw->id);
        const int base = static_cast<int>(in.callbacks.size());
        for (auto& c : store::sample_calls(db, in.draw->id)) {
            c.call.row = base + c.call.row;
            in.callbacks.push_back(std::move(c.call));
        }
    }

    // A same-person confirmation holds for the pair of names it was given for: a list re-imported with another name
    // asks again.
    const auto confirmations = store::same_person_confirmations(db);
    if (confirmations.empty()) return;   // (the maps below cost half a second at city scale)
    std::map<std::string, const SubscriberRow*> by_sub;
    for (const auto& s : in.subscribers) {   // the latest opening of each person (as death_check)
        auto& slot = by_sub[v::id_key(s.id_number)];
        if (!slot || slot->opened < s.opened) slot = &s;
    }
    std::map<std::string, const CremationRow*> by_crem;
    for (const auto& c : in.cremations) by_crem.emplace(v::id_key(c.id_number), &c);
    for (const auto& [k, s] : confirmations) {
        const auto si = by_sub.find(k);
        const auto ci = by_crem.find(k);
        if (si != by_sub.end() && ci != by_crem.end() && v::name_key(si->second->name) == v::name_key(s.subscriber_name) &&
            v::name_key(ci->second->name) == v::name_key(s.cremation_name))
            in.confirmed_same_person.insert(k);
    }
}

}  // namespace

QuarterInputs load_quarter_inputs(AppContext&, SQLite::Database& db, const QuarterScope& scope, const QuarterRules& rules,
                                  const QuarterBase* district) {
    QuarterInputs in;
    load_into(in, db, scope, rules, district, nullptr);
    return in;
}

QuarterComputed compute_quarter(const QuarterInputs& in, const QuarterBase* district,
                                const std::function<verification::PhysicalServiceReport()>& district_flags) {
    ++g_computations;
    QuarterComputed c;
    const Period& q = in.scope.quarter;
    std::array<Fen, 3> info_fee{};
    for (std::size_t i = 0; i < 3; ++i) info_fee[i] = in.rules.fees[i].info_service_fen;

    // First what does not read the physical figures (meanwhile quarter_base's district flags are computed on the
    // other core) ...
    std::vector<Subscription> spans;
    spans.reserve(in.info_rows.size());
    for (const auto& s : in.info_rows) spans.push_back(s.span);
    c.info = info_service_quarter(spans, q, info_fee);

    c.news = v::new_subjects(q, in.rules.eligibility.rule, in.subscribers, in.categories, in.phone_checks);
    c.deaths = v::death_check({in.death_from, in.death_to, q, info_fee[0], {}}, in.subscribers, in.cremations,
                              in.confirmed_same_person);

    // ... then the physical figures and what reads them.
    if (district && in.records_in_scope) {   // a town's: cut out of the district's flags (computed once)
        c.physical_in_town = scoped(district->computed.physical_district, *in.records_in_scope, district->inputs.records);
    } else {
        c.physical_district = district_flags ? district_flags()
                                             : v::physical_flags(physical_input(q, in.rules), in.records, in.cremations, in.subscribers);
        if (in.records_in_scope) c.physical_in_town = scoped(c.physical_district, *in.records_in_scope, in.records);
    }
    c.has_data = c.physical().records.count() > 0 ||
                 std::any_of(in.subscribers.begin(), in.subscribers.end(), [&](const SubscriberRow& s) {
                     return v::billed_in_month(s, v::months_of(q)[0]) || q.contains(s.opened);
                 });

    // The sample: the current draw as frozen, a replaced subject out and its replacement in, of the town in scope.
    c.drawn = in.draw.has_value();
    if (in.draw) {
        const auto& d = *in.draw;
        c.draw.input = {d.draw_date, d.rate, d.seed, d.by_town};
        std::set<std::string> replaced;
        for (const auto& f : in.frame)
            if (!f.replaces.empty()) replaced.insert(v::id_key(f.replaces));
        std::vector<std::string> frame, sample;
        for (const auto& f : in.frame) {
            if (in.scope.town && f.town != in.scope.town_name) continue;
            frame.push_back(f.id_number);
            if (f.no > 0 && !replaced.count(v::id_key(f.id_number))) sample.push_back(f.id_number);
        }
        c.draw.frame = v::make_tally(std::move(frame));
        c.draw.sample = v::make_tally(std::move(sample));
        c.draw.size = c.draw.sample.count();
        c.draw.share = v::Rate{c.draw.sample, c.draw.frame};
    }
    c.callbacks = v::callback_figures(c.draw.sample, in.callbacks);

    // The physical-service survey: calls to subjects served in scope who are not in the callback sample.
    std::vector<CallbackRow> answers;
    for (const auto& call : in.callbacks) {
        const std::string key = v::id_key(call.id_number);
        if (!key.empty() && in_tally(c.physical().subjects_served, key) && !in_tally(c.draw.sample, key))
            answers.push_back(call);
    }
    c.survey = v::survey_figures(answers, c.physical().subjects_served);
    return c;
}

QuarterComputed decide_quarter(const QuarterComputed& base, const std::map<std::string, store::PhysicalDecision>& decisions) {
    ++g_decidings;
    QuarterComputed c = base;   // tallies share their keys: pointers and the flagged records are copied
    if (decisions.empty()) return c;
    std::map<std::string, v::SupervisorDecision> decided;
    for (const auto& [no, d] : decisions) decided.emplace(no, v::SupervisorDecision{d.payable, d.reason, d.username});
    v::apply_decisions(c.physical_district, decided);
    if (c.physical_in_town) v::apply_decisions(*c.physical_in_town, decided);
    return c;
}

namespace {

std::string cache_key(const char* kind, const QuarterScope& s, const QuarterRules& rules) {
    return std::string(kind) + " " + s.quarter.code() + " town " + (s.town ? std::to_string(*s.town) : "-") + " window " +
           (s.death_window_from ? format_date(*s.death_window_from) : "-") + ".." +
           (s.death_window_to ? format_date(*s.death_window_to) : "-") + " rules " + rules.versions_key();
}

QuarterScope district_of(const QuarterScope& scope) {
    QuarterScope whole = scope;
    whole.town.reset();
    whole.town_name.clear();
    return whole;
}

std::shared_ptr<const QuarterBase> quarter_base(AppContext& ctx, SQLite::Database& db, const QuarterScope& scope,
                                                const QuarterRules& rules) {
    const auto version = ctx.db.lists_version();   // read before the lists: a write meanwhile makes the entry stale
    const std::string key = cache_key("verification-quarter-base", scope, rules);
    if (auto hit = ctx.quarter_bases.find(key, version)) return std::static_pointer_cast<const QuarterBase>(hit);
    auto b = std::make_shared<QuarterBase>();
    if (scope.town) {   // the district's first (cached under its own key: the district's report and routes share it)
        b->district = quarter_base(ctx, db, district_of(scope), rules);
        // Stored again: the cache drops the entry stored longest ago, and every town reads the district's — with
        // more towns asked than the cache holds, it would be dropped and computed again (12 s at city scale).
        if (ctx.db.lists_version() == version)
            ctx.quarter_bases.put(cache_key("verification-quarter-base", district_of(scope), rules), version, b->district,
                                  kQuarterCacheSize);
    }
    // The district's flags (most of the time at city scale: 6 000 000 records) on another core, from the moment
    // their inputs are read, while the rest is read and computed here. (Declared after b: a throw below waits for
    // the flags before b's inputs go.)
    std::future<v::PhysicalServiceReport> flags;
    load_into(b->inputs, db, scope, rules, b->district.get(), [&flags](const QuarterInputs& in) {
        flags = std::async(std::launch::async, [&in] {
            return v::physical_flags(physical_input(in.scope.quarter, in.rules), in.records, in.cremations, in.subscribers);
        });
    });
    std::function<v::PhysicalServiceReport()> district_flags;
    if (flags.valid()) district_flags = [&flags] { return flags.get(); };
    b->computed = compute_quarter(b->inputs, b->district.get(), district_flags);
    std::shared_ptr<const QuarterBase> out = b;
    ctx.quarter_bases.put(key, version, out, kQuarterCacheSize);
    return out;
}

}  // namespace

std::shared_ptr<const QuarterBundle> quarter_bundle(AppContext& ctx, SQLite::Database& db, const QuarterScope& scope,
                                                    const QuarterRules& rules) {
    const auto version = ctx.db.data_version();   // read before the decisions: a write meanwhile makes the entry stale
    const std::string key = cache_key("verification-quarter", scope, rules);
    if (auto hit = ctx.objects.find(key, version)) return std::static_pointer_cast<const QuarterBundle>(hit);
    auto b = std::make_shared<QuarterBundle>(quarter_base(ctx, db, scope, rules));
    if (scope.town) {   // the district's decided bundle, kept as the base's (stored again: see quarter_base)
        b->district = quarter_bundle(ctx, db, district_of(scope), rules);
        if (ctx.db.data_version() == version)
            ctx.objects.put(cache_key("verification-quarter", district_of(scope), rules), version, b->district, kQuarterCacheSize);
    }
    b->decisions = store::latest_physical_decisions(db);
    b->computed = decide_quarter(b->base->computed, b->decisions);
    std::shared_ptr<const QuarterBundle> out = b;
    ctx.objects.put(key, version, out, kQuarterCacheSize);
    return out;
}

std::shared_ptr<const v::PhysicalServiceReport> quarter_physical(AppContext& ctx, SQLite::Database& db, const Period& quarter,
                                                                const QuarterRules& rules) {
    QuarterScope scope;
    scope.quarter = quarter;
    const auto version = ctx.db.data_version();   // read before anything: a write meanwhile makes the entry stale
    // The whole quarter's decided bundle, when a verification screen computed it: its district figures.
    if (auto hit = ctx.objects.find(cache_key("verification-quarter", scope, rules), version)) {
        auto b = std::static_pointer_cast<const QuarterBundle>(hit);
        return {b, &b->computed.physical_district};
    }
    const std::string key = cache_key("verification-physical", scope, rules);
    if (auto hit = ctx.objects.find(key, version)) return std::static_pointer_cast<const v::PhysicalServiceReport>(hit);

    // The flags before decisions: the quarter's base when cached, else the flags alone (cached by lists version).
    std::shared_ptr<const v::PhysicalServiceReport> flags;
    const auto lists = ctx.db.lists_version();
    if (auto base = ctx.quarter_bases.find(cache_key("verification-quarter-base", scope, rules), lists)) {
        auto b = std::static_pointer_cast<const QuarterBase>(base);
        flags = {b, &b->computed.physical_district};
    } else if (auto alone = ctx.quarter_bases.find(cache_key("verification-physical-base", scope, rules), lists)) {
        flags = std::static_pointer_cast<const v::PhysicalServiceReport>(alone);
    } else {
        ++g_physical;
        const auto records = store::service_record_table(db, quarter.first_day(), quarter.last_day());
        std::vector<CremationRow> cremations;
        std::vector<SubscriberRow> subscribers;
        if (!records.empty()) {   // (no record, no flag: neither list is read)
            cremations = store::cremation_rows(db);
            Date from{};
            auto rows = ledger_rows(db, scope, from);
            subscribers.reserve(rows.size());
            for (auto& e : rows) subscribers.push_back(std::move(e.ledger));
        }
        flags = std::make_shared<const v::PhysicalServiceReport>(
            v::physical_flags(physical_input(quarter, rules), records, cremations, subscribers));
        ctx.quarter_bases.put(cache_key("verification-physical-base", scope, rules), lists, flags, kQuarterCacheSize);
    }
    auto decided = std::make_shared<v::PhysicalServiceReport>(*flags);   // tallies share their keys (see decide_quarter)
    const auto decisions = store::latest_physical_decisions(db);
    std::map<std::string, v::SupervisorDecision> by_record;
    for (const auto& [no, d] : decisions) by_record.emplace(no, v::SupervisorDecision{d.payable, d.reason, d.username});
    v::apply_decisions(*decided, by_record);
    std::shared_ptr<const v::PhysicalServiceReport> out = decided;
    ctx.objects.put(key, version, out, kQuarterCacheSize);
    return out;
}

std::uint64_t quarter_physical_computations() { return g_physical.load(); }
std::uint64_t quarter_computations() { return g_computations.load(); }
std::uint64_t quarter_decidings() { return g_decidings.load(); }

}  // namespace yiyang::app
