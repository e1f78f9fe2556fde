// The seal guard of the write routes (http/verification_seal.hpp).
#include "http/verification_seal.hpp"

#include "app/signoff.hpp"
#include "http/common.hpp"
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
    for (const auto& s : app::sealed_quarters(db)) {
        std::vector<SubscriberRow> touching;
        for (const auto& r : rows)
            if (verification::touches_quarter(r, s.quarter)) touching.push_back(r);
        if (touching.empty()) continue;
        const auto counts = store::diff_subscribers(db, touching, towns);
        if (counts.added + counts.changed > 0) fail_sealed(app::sealed_message_zh(s));
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
    std::vector<Period> out;
    CremationRow row;
    row.died = died;
    const Period q = quarter_of(died);
    for (const Period& c : {q, q.next()})
        if (verification::touches_quarter(row, c)) out.push_back(c);
    return out;
}

}  // namespace yiyang::http
