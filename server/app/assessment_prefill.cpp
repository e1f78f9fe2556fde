// The monthly assessment's prefill: the month's rows read once (for one provider or for all) and handed to the
// one definition in shared/src/assessment/prefill.cpp (assessment/prefill.hpp says what each count is).
#include "app/assessment_prefill.hpp"

#include <algorithm>

#include "store/audit_indexes.hpp"
#include "store/database.hpp"
#include "store/rules.hpp"
#include "store/verification_lists.hpp"
#include "store/verification_physical.hpp"
#include "yiyang/sla.hpp"
#include "yiyang/verification/physical_services.hpp"

namespace yiyang::app {

namespace {

namespace a = assessment;
namespace v = verification;

// The month's rows; `only` = one provider (none = all).
a::PrefillInput read_rows(SQLite::Database& db, const Period& month, std::optional<Id> only, std::vector<std::string>& notes) {
    a::PrefillInput in;
    in.month = month;
    const Date first = month.first_day(), last = month.last_day();
    const LocalSeconds from = start_of(first), to = start_of(month.next().first_day());
    Period look = month;
    for (int i = 0; i < a::kPrefillLookbackMonths; ++i) look = look.previous();
    const auto bind_only = [&](SQLite::Statement& st, int at) {
        if (only) st.bind(at, static_cast<std::int64_t>(*only));
    };
    const std::string and_provider = only ? " AND provider_id = ?" : "";

    std::vector<Id> elder_ids;   // every elder a row names (sorted and made unique before use: 600 000 visits)
    {
        // All providers: the month's rows by rowid range (the range from the (provider_id, started_at) index, which
        // holds the rowid; records are appended as they happen, so the range is the month's rows in table order —
        // where looking each row up from the index cost 1.3 s at city scale; any order is still correct, only slower).
        // One provider: its rows by the index.
        std::string sql = "SELECT provider_id, elder_id FROM service_records WHERE started_at >= ? AND started_at < ?";
        Id lo = 0, hi = -1;
        if (only) {
            sql += and_provider;
        } else {
            SQLite::Statement range(db, "SELECT MIN(rowid), MAX(rowid) FROM service_records WHERE started_at >= ? AND started_at < ?");
            range.bind(1, from);
            range.bind(2, to);
            if (range.executeStep() && !range.getColumn(0).isNull()) {
                lo = range.getColumn(0).getInt64();
                hi = range.getColumn(1).getInt64();
            }
            sql = "SELECT provider_id, elder_id FROM service_records WHERE +started_at >= ? AND +started_at < ? AND rowid BETWEEN ? AND ?";
        }
        SQLite::Statement st(db, sql);
        st.bind(1, from);
        st.bind(2, to);
        if (only) {
            bind_only(st, 3);
        } else {
            st.bind(3, static_cast<std::int64_t>(lo));
            st.bind(4, static_cast<std::int64_t>(hi));
        }
        while (st.executeStep()) in.visits.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getInt64()});
        elder_ids.reserve(in.visits.size());
        for (const auto& v : in.visits) elder_ids.push_back(v.elder_id);
        std::sort(elder_ids.begin(), elder_ids.end());
        elder_ids.erase(std::unique(elder_ids.begin(), elder_ids.end()), elder_ids.end());
    }
    // Enrolled subjects (home_visit / visiting open on a day of the month) and their latest end.
    std::map<Id, std::optional<Date>> enrolled;
    {
        SQLite::Statement st(db, "SELECT elder_id, MAX(COALESCE(to_date, '9999-12-31')) FROM enrolments WHERE programme IN "
                                 "('home_visit', 'visiting') AND from_date <= ? AND (to_date IS NULL OR to_date >= ?) GROUP BY elder_id");
        st.bind(1, format_date(last));
        st.bind(2, format_date(first));
        while (st.executeStep()) {
            const std::string until = st.getColumn(1).getString();
            enrolled[st.getColumn(0).getInt64()] = until == "9999-12-31" ? std::nullopt : parse_date(until);
        }
    }
    {
        // Enrolled elders without a visit read above: the latest record of each in the lookback months and the month
        // (by the elder index: a few records each, where grouping the months' records of the whole city by elder
        // cost 4 s). One in the month is another provider's visit (one provider's call): not this provider's subject.
        // The window's rowid range (as the month's above) bounds each elder's seek in the (elder_id) index, whose
        // entries hold the rowid: only the elder's rows of the window are fetched (a month with few visits left
        // 14 000 elders to look up, each reading all its records: 3 s at city scale).
        Id lo = 0, hi = -1;
        {
            SQLite::Statement range(db, "SELECT MIN(rowid), MAX(rowid) FROM service_records WHERE started_at >= ? AND started_at < ?");
            range.bind(1, start_of(look.first_day()));
            range.bind(2, to);
            if (range.executeStep() && !range.getColumn(0).isNull()) {
                lo = range.getColumn(0).getInt64();
                hi = range.getColumn(1).getInt64();
            }
        }
        SQLite::Statement st(db, "SELECT provider_id, started_at FROM service_records WHERE elder_id = ? AND rowid BETWEEN ? AND ? "
                                 "AND started_at >= ? AND started_at < ? ORDER BY started_at DESC LIMIT 1");
        for (const auto& [e, until] : enrolled) {
            if (std::binary_search(elder_ids.begin(), elder_ids.end(), e)) continue;   // visited by the provider(s) read
            st.reset();
            st.bind(1, static_cast<std::int64_t>(e));
            st.bind(2, static_cast<std::int64_t>(lo));
            st.bind(3, static_cast<std::int64_t>(hi));
            st.bind(4, start_of(look.first_day()));
            st.bind(5, to);
            if (!st.executeStep()) {   // nobody's: no record of anyone in the window
                in.unserved.push_back(e);
                continue;
            }
            const Id p = st.getColumn(0).getInt64();
            if (st.getColumn(1).getInt64() >= from || (only && p != *only)) continue;
            in.earlier.push_back({e, p});
        }
        for (const auto& r : in.earlier) elder_ids.push_back(r.elder_id);
        elder_ids.insert(elder_ids.end(), in.unserved.begin(), in.unserved.end());
    }

    // The verification's flags on the month's list records (the month alone: duplicates and overlaps are same-day),
    // and the records of the month whose evidence a record of an earlier month already used (below).
    std::map<std::string, v::SupervisorDecision> decisions;
    bool decisions_read = false;
    {
        // Only the records whose flags can be one of the three (store::physical_flag_candidates: every member of every
        // group that could be flagged) go to the shared physical_services — the same flags as over the whole month.
        const auto cremations = store::cremation_rows(db);
        const auto cand = store::physical_flag_candidates(db, first, last, cremations);
        std::map<std::string, Id> provider_of;
        for (std::size_t i = 0; i < cand.rows.size(); ++i)
            if (cand.provider[i] && (!only || cand.provider[i] == *only)) provider_of.emplace(cand.rows[i].record_no, cand.provider[i]);
        if (!provider_of.empty()) {
            const auto table = v::service_record_table(cand.rows);
            for (const auto& [no, d] : store::latest_physical_decisions(db))
                decisions.emplace(no, v::SupervisorDecision{d.payable, d.reason, d.username});
            decisions_read = true;
            const Period quarter{PeriodKind::Quarter, month.year, (month.index - 1) / 3 + 1};
            v::PhysicalServiceInput input;
            input.quarter = quarter;   // fees are not read here: unit fee 0
            const auto report = v::physical_services(input, table, cremations, {}, decisions);
            SQLite::Statement elder_of(db, "SELECT id FROM elders WHERE id_number = ?");
            for (const auto& [no, f] : report.flagged) {
                const auto p = provider_of.find(no);
                if (p == provider_of.end() || f.status == v::Payability::DecidedPayable) continue;
                std::string why;
                for (const auto& r : f.reasons) {
                    if (r.flag != v::ServiceFlag::AfterDeath && r.flag != v::ServiceFlag::Duplicate &&
                        r.flag != v::ServiceFlag::SharedEvidence)
                        continue;
                    why += (why.empty() ? "" : "；") + std::string(v::label_zh(r.flag)) + "：" + r.why_zh;
                }
                if (why.empty()) continue;
                elder_of.reset();
                elder_of.bind(1, f.id_number);
                const Id e = elder_of.executeStep() ? elder_of.getColumn(0).getInt64() : 0;
                in.not_real.push_back({no, p->second, e, f.day, why});
                if (e) elder_ids.push_back(e);
            }
        }
    }

    // Evidence reused across months: the month's records marked at import (store/evidence_reuse.hpp) whose earliest
    // record is dated before the month (reused_evidence_candidates); the shared definition decides.
    in.reused = reused_evidence_candidates(db, month, only);
    if (!in.reused.empty() && !decisions_read)
        for (const auto& [no, d] : store::latest_physical_decisions(db))
            decisions.emplace(no, v::SupervisorDecision{d.payable, d.reason, d.username});
    for (auto& r : in.reused) {
        const auto dec = decisions.find(r.record_no);
        r.decided_valid = dec != decisions.end() && dec->second.payable;
        if (r.elder_id) elder_ids.push_back(r.elder_id);
    }

    const auto orders = [&](const std::string& sql, std::vector<a::PrefillOrder>& rows) {
        SQLite::Statement st(db, sql);
        st.bind(1, from);
        st.bind(2, to);
        bind_only(st, 3);
        while (st.executeStep()) {
            a::PrefillOrder o;
            o.code = st.getColumn(0).getString();
            o.provider_id = st.getColumn(1).getInt64();
            o.elder_id = st.getColumn(2).isNull() ? 0 : st.getColumn(2).getInt64();
            o.at = st.getColumn(3).getInt64();
            o.satisfaction = st.getColumn(4).isNull() ? 0 : st.getColumn(4).getInt();
            if (o.elder_id) elder_ids.push_back(o.elder_id);
            rows.push_back(std::move(o));
        }
    };
    orders("SELECT code, about_provider_id, elder_id, created_at, NULL FROM work_orders WHERE type = 'complaint' AND "
           "complaint_valid = 1 AND about_provider_id IS NOT NULL AND created_at >= ? AND created_at < ?" +
               (only ? std::string(" AND about_provider_id = ?") : ""),
           in.complaints);
    orders("SELECT code, provider_id, elder_id, closed_at, satisfaction FROM work_orders WHERE satisfaction IS NOT NULL AND "
           "provider_id IS NOT NULL AND closed_at >= ? AND closed_at < ?" + and_provider,
           in.surveys);

    // Callbacks in the month where the elder said the service did not take place (回访：老人称未接受服务, the
    // callback's service_received = false; order_lifecycle.hpp), against the order's provider.
    // The WHERE repeats the partial index audit_not_received's (migration 28) word for word: SQLite uses a partial
    // index only then (INDEXED BY: an error, not a slow read, if it ever stops
    // matching), and without it this read every work order's audit event of all time.
    orders("SELECT w.code, w.provider_id, w.elder_id, a.at, NULL FROM audit_events a INDEXED BY audit_not_received "
           "CROSS JOIN work_orders w ON w.id = a.entity_id "
           "WHERE " AUDIT_NOT_RECEIVED " AND a.at >= ? AND a.at < ? AND w.provider_id IS NOT NULL" +
               (only ? std::string(" AND w.provider_id = ?") : ""),
           in.not_received);

    // Rectifications: opened (a lifecycle step to rectifying) at any time before the month's end — a rule in force
    // when one was opened may set a deadline of any length, so none is left out by a window — closed by the step out
    // of rectifying; the deadline is the SLA rule's that starts on rectification_opened.
    {
        // From the audit side (the lifecycle steps, then their orders by key): the orders created in the months before
        // were 700 000 at city scale, the steps that open or close a rectification are few.
        // Only the steps into and out of rectifying, by the partial index audit_rectification (migration 28, its
        // WHERE repeated word for word; INDEXED BY and CROSS JOIN because without statistics the planner
        // scanned every work order instead): they are few; the callbacks, complaints and cancellations of all time that
        // this read before (every work order's lifecycle event) were millions at city scale.
        SQLite::Statement st(db, "SELECT w.code, COALESCE(w.provider_id, w.about_provider_id), w.elder_id, a.at, "
                                 "json_extract(a.changes, '$.from'), json_extract(a.changes, '$.to'), w.id FROM audit_events a "
                                 "INDEXED BY audit_rectification CROSS JOIN work_orders w ON w.id = a.entity_id WHERE " AUDIT_RECTIFICATION " AND "
                                 "COALESCE(w.provider_id, w.about_provider_id) IS NOT NULL ORDER BY a.entity_id, a.id");
        std::optional<RuleBook> book;
        try {
            book = store::load_rules(db);
        } catch (const std::exception&) {
        }
        std::map<Id, a::PrefillOrder> open;
        const auto finish = [&](Id id, std::optional<LocalSeconds> closed) {
            auto it = open.find(id);
            if (it == open.end()) return;
            a::PrefillOrder o = std::move(it->second);
            open.erase(it);
            const LocalSeconds opened = o.at;
            if (!book) return;
            try {
                const SlaRuleSet& sla = book->sla_on(date_of(opened));
                for (const auto& rule : sla.rules) {
                    if (rule.starts_on != "rectification_opened") continue;
                    const auto clock = compute_clock(rule, book->calendar_on(date_of(opened)), opened, {}, closed, to);
                    if (clock.due_at < from || clock.due_at >= to || (closed && *closed <= clock.due_at)) break;
                    o.at = clock.due_at;
                    o.closed_at = closed;
                    if (o.elder_id) elder_ids.push_back(o.elder_id);
                    in.rectifications.push_back(std::move(o));
                    break;
                }
            } catch (const std::exception&) {
            }
        };
        while (st.executeStep()) {
            const Id provider = st.getColumn(1).getInt64();
            if (only && provider != *only) continue;
            const Id id = st.getColumn(6).getInt64();
            const LocalSeconds at = st.getColumn(3).getInt64();
            const std::string fr = st.getColumn(4).isNull() ? "" : st.getColumn(4).getString();
            const std::string t = st.getColumn(5).isNull() ? "" : st.getColumn(5).getString();
            if (t == "rectifying" && at < to) {
                a::PrefillOrder o;
                o.code = st.getColumn(0).getString();
                o.provider_id = provider;
                o.elder_id = st.getColumn(2).isNull() ? 0 : st.getColumn(2).getInt64();
                o.at = at;
                open[id] = std::move(o);
            } else if (fr == "rectifying") {
                finish(id, at);
            }
        }
        std::vector<Id> still;
        for (const auto& [id, o] : open) still.push_back(id);
        for (Id id : still) finish(id, std::nullopt);
        if (!book) notes.push_back("未能读取工单时限规则：未及时整改项未预填");
    }

    // The elders named above: tier inputs, death, enrolment.
    std::sort(elder_ids.begin(), elder_ids.end());
    elder_ids.erase(std::unique(elder_ids.begin(), elder_ids.end()), elder_ids.end());
    std::string list = "[";
    for (Id e : elder_ids) {
        if (list.size() > 1) list += ',';
        list += std::to_string(e);
    }
    list += ']';
    {
        SQLite::Statement st(db, "SELECT id, name, id_number, disability, death_date FROM elders WHERE id IN (SELECT value FROM json_each(?))");
        st.bind(1, list);
        while (st.executeStep()) {
            a::PrefillElder e;
            const Id id = st.getColumn(0).getInt64();
            e.name = st.getColumn(1).getString();
            e.id_number = st.getColumn(2).getString();
            e.disability = parse_DisabilityLevel(st.getColumn(3).getString()).value_or(DisabilityLevel::None);
            if (!st.getColumn(4).isNull()) e.died = parse_date(st.getColumn(4).getString());
            if (auto it = enrolled.find(id); it != enrolled.end()) {
                e.enrolled = true;
                e.enrolled_until = it->second;
            }
            in.elders.emplace(id, std::move(e));
        }
    }
    {
        SQLite::Statement st(db, "SELECT elder_id, category FROM elder_categories WHERE elder_id IN (SELECT value FROM json_each(?))");
        st.bind(1, list);
        while (st.executeStep()) {
            auto it = in.elders.find(st.getColumn(0).getInt64());
            if (it == in.elders.end()) continue;
            if (auto c = parse_ElderCategory(st.getColumn(1).getString())) it->second.categories.insert(*c);
        }
    }
    return in;
}

}  // namespace

std::vector<a::PrefillReusedEvidence> reused_evidence_candidates(SQLite::Database& db, const Period& month, std::optional<Id> only) {
    // Only the month's marked records (the partial index list_service_records_reused, its WHERE repeated), each
    // joined to its earliest record by key: the earliest of all the records with the same evidence key is the
    // earliest of those dated before the month whenever any is, so this is the row the join of every record of the
    // month to every earlier record kept (that join read all of the month's 2 000 000 rows: 13.8 s at city scale).
    std::vector<a::PrefillReusedEvidence> out;
    const Date first = month.first_day(), last = month.last_day();
    SQLite::Statement st(db, "SELECT m.record_no, m.provider_id, (SELECT id FROM elders WHERE id_number = m.id_number), m.day, "
                             "m.evidence, e.record_no, e.day, e.evidence FROM list_service_records m INDEXED BY "
                             "list_service_records_reused JOIN list_service_records e ON e.record_no = m.reuse_of "
                             "WHERE m.reuse_of IS NOT NULL AND m.day BETWEEN ?1 AND ?2 AND e.day < ?1 AND "
                             "m.provider_id IS NOT NULL" + std::string(only ? " AND m.provider_id = ?3" : "") +
                             " ORDER BY m.day, m.record_no");
    st.bind(1, format_date(first));
    st.bind(2, format_date(last));
    if (only) st.bind(3, static_cast<std::int64_t>(*only));
    while (st.executeStep()) {
        a::PrefillReusedEvidence r;
        r.record_no = st.getColumn(0).getString();
        r.provider_id = st.getColumn(1).getInt64();
        r.elder_id = st.getColumn(2).isNull() ? 0 : st.getColumn(2).getInt64();
        const auto d = parse_date(st.getColumn(3).getString());
        const auto ed = parse_date(st.getColumn(6).getString());
        if (!d || !ed) continue;
        r.day = *d;
        r.evidence = st.getColumn(4).getString();
        r.earlier_record_no = st.getColumn(5).getString();
        r.earlier_day = *ed;
        r.earlier_evidence = st.getColumn(7).getString();
        out.push_back(std::move(r));
    }
    return out;
}

std::map<std::pair<Id, std::string>, wire::AssessmentPrefill> assessment_prefill_all(SQLite::Database& db, const Period& month,
                                                                                   const assessment::ScorecardRule& rule) {
    std::set<a::PrefillKey> wanted;
    SQLite::Statement st(db, "SELECT provider_id, project_code FROM provider_projects");
    while (st.executeStep()) wanted.insert({st.getColumn(0).getInt64(), st.getColumn(1).getString()});
    if (wanted.empty()) {   // no project assigned yet (a database before the assessment's set-up): every provider in both
        SQLite::Statement all(db, "SELECT id FROM providers ORDER BY id");
        while (all.executeStep())
            for (const char* project : {"home_visit", "visiting"}) wanted.insert({all.getColumn(0).getInt64(), project});
    }
    std::vector<std::string> notes;
    auto out = a::prefill_all(read_rows(db, month, std::nullopt, notes), rule, wanted);
    for (auto& [k, p] : out) p.notes_zh.insert(p.notes_zh.end(), notes.begin(), notes.end());
    return out;
}

wire::AssessmentPrefill assessment_prefill(SQLite::Database& db, Id provider_id, const std::string& project_code,
                                           const Period& month, const assessment::ScorecardRule& rule) {
    std::vector<std::string> notes;
    auto out = a::prefill_all(read_rows(db, month, provider_id, notes), rule, {{provider_id, project_code}});
    auto p = std::move(out.begin()->second);
    p.notes_zh.insert(p.notes_zh.end(), notes.begin(), notes.end());
    return p;
}

}  // namespace yiyang::app
