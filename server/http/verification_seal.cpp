// The seal guard of the write routes (http/verification_seal.hpp).
#include "http/verification_seal.hpp"

#include "app/list_import.hpp"
#include "app/signoff.hpp"
#include "http/common.hpp"
#include "yiyang/verification/deaths.hpp"
#include "yiyang/verification/seal.hpp"

namespace yiyang::http {

void fail_sealed(const std::string& message_zh) { fail(409, "quarter_sealed", message_zh); }

void ensure_not_sealed(SQLite::Database& db, const std::vector<Period>& quarters) {
    try {
        app::ensure_not_sealed(db, quarters);
    } catch (const app::QuarterSealed& e) {
        fail_sealed(e.message_zh);
    }
}

void ensure_ledger_not_sealed(SQLite::Database& db, const std::vector<SubscriberRow>& rows, const store::TownIds& towns) {
    const auto sealed = app::sealed_quarters(db);
    if (sealed.empty()) return;
    store::SubscriberPlanner planner(db);
    try {
        for (const auto& r : rows) app::refuse_sealed_subscriber(planner, sealed, r, towns);
    } catch (const app::QuarterSealed& e) {
        fail_sealed(e.message_zh);
    }
}

std::vector<Period> quarters_of_day(const Date& day) {
    std::vector<Period> out;
    const Period q = quarter_of(day);
    for (const Period& c : {q.previous(), q})
        if (verification::day_touches_quarter(day, c)) out.push_back(c);
    return out;
}

std::vector<Period> quarters_of_death(const Date& died) {
    // A family contact settles a death of the deaths check: its own quarter's list for the next one, and the next
    // quarter's window (verification/deaths.hpp). (touches_quarter of a cremation row is wider: an import of a
    // death can also block later records — a contact cannot.)
    std::vector<Period> out;
    const Period q = quarter_of(died);
    out.push_back(q);
    const auto w = verification::default_death_window(q.next());
    if (!(died < w.from) && !(w.to < died)) out.push_back(q.next());
    return out;
}

}  // namespace yiyang::http
