// Rule rows: seeding from the asset files, loading into shared types, picking by effective date.
#include "store/rules.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace yiyang::store {
namespace {

using nlohmann::json;

const Date kEarliest{2000, 1, 1};   // effective_from for a file that names none (dispatch weights)

json read_json_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read rule file " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    auto j = json::parse(ss.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw std::runtime_error("rule file " + path + " is not a JSON object");
    return j;
}

template <class T>
const T& pick(const std::vector<T>& list, const Date& on, Date (*from)(const T&)) {
    const T* best = nullptr;
    for (const auto& x : list) {
        if (from(x) <= on && (!best || from(*best) <= from(x))) best = &x;
    }
    if (!best) {
        for (const auto& x : list) if (!best || from(x) < from(*best)) best = &x;
    }
    return *best;
}

Date cal_from(const WorkCalendar& c) { return c.effective_from; }
Date sla_from(const SlaRuleSet& s) { return s.effective_from; }
Date weights_from(const DatedWeights& w) { return w.effective_from; }
Date kpi_from(const KpiTargetSet& k) { return k.effective_from; }

}  // namespace

const WorkCalendar& RuleBook::calendar_on(const Date& on) const {
    static const WorkCalendar none;
    return calendars.empty() ? none : pick(calendars, on, &cal_from);
}

const SlaRuleSet& RuleBook::sla_on(const Date& on) const {
    static const SlaRuleSet none;
    return sla.empty() ? none : pick(sla, on, &sla_from);
}

const DispatchWeights& RuleBook::weights_on(const Date& on) const {
    static const DispatchWeights defaults;
    return dispatch.empty() ? defaults : pick(dispatch, on, &weights_from).weights;
}

// KPI targets are a rule kind like the others: the set in force on a date.
const KpiTargetSet& RuleBook::kpi_targets_on(const Date& on) const {
    static const KpiTargetSet none;
    return kpi_targets.empty() ? none : pick(kpi_targets, on, &kpi_from);
}

int seed_rules(SQLite::Database& db, const std::string& dir, LocalSeconds now) {
    struct File { const char* kind; const char* name; };
    const File files[] = {{"calendar", "calendar-cn.json"}, {"sla", "sla-rules.json"},
                          {"dispatch_weights", "dispatch-weights.json"},
                          {"kpi_targets", "kpi-targets.json"}};
    int inserted = 0;
    for (const auto& f : files) {
        const std::string path = dir + "/" + f.name;
        json body = read_json_file(path);
        std::string version;
        Date effective = kEarliest;
        try {
            const std::string kind = f.kind;
            if (kind == "calendar") {
                WorkCalendar c = body.get<WorkCalendar>();
                version = c.version;
                effective = c.effective_from;
            } else if (kind == "sla") {
                SlaRuleSet s = body.get<SlaRuleSet>();
                version = s.version;
                effective = s.effective_from;
            } else if (kind == "kpi_targets") {
                KpiTargetSet k = body.get<KpiTargetSet>();
                version = k.version;
                effective = k.effective_from;
            } else {
                DispatchWeights w = body.get<DispatchWeights>();
                version = w.version;
                if (body.contains("effective_from")) effective = *parse_date(body["effective_from"].get<std::string>());
            }
        } catch (const std::exception& e) {
            throw std::runtime_error("rule file " + path + ": " + e.what());
        }
        SQLite::Statement st(db, "INSERT OR IGNORE INTO rules (kind, version, effective_from, body, created_at) "
                                 "VALUES (?,?,?,?,?)");
        st.bind(1, f.kind);
        st.bind(2, version);
        st.bind(3, format_date(effective));
        st.bind(4, body.dump());
        st.bind(5, static_cast<std::int64_t>(now));
        inserted += st.exec();
    }
    return inserted;
}

RuleBook load_rules(SQLite::Database& db) {
    RuleBook book;
    SQLite::Statement st(db, "SELECT kind, version, effective_from, body FROM rules ORDER BY effective_from, id");
    while (st.executeStep()) {
        const std::string kind = st.getColumn(0).getString();
        const std::string version = st.getColumn(1).getString();
        const auto effective = parse_date(st.getColumn(2).getString()).value_or(kEarliest);
        try {
            const json body = json::parse(st.getColumn(3).getString());
            if (kind == "calendar") {
                book.calendars.push_back(body.get<WorkCalendar>());
            } else if (kind == "sla") {
                book.sla.push_back(body.get<SlaRuleSet>());
            } else if (kind == "dispatch_weights") {
                book.dispatch.push_back({effective, body.get<DispatchWeights>()});
            } else if (kind == "kpi_targets") {
                book.kpi_targets.push_back(body.get<KpiTargetSet>());
            }
        } catch (const std::exception& e) {
            throw std::runtime_error("rules row " + kind + " " + version + ": " + e.what());
        }
    }
    return book;
}

}  // namespace yiyang::store
