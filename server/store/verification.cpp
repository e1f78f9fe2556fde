// Information-service enrolments of a period (store/verification.hpp).
#include "store/verification.hpp"

#include "store/verification_lists.hpp"

namespace yiyang::store {

std::vector<SubscriptionWithReason> info_service_subscriptions(SQLite::Database& db, const Date& first,
                                                               const Date& last, std::optional<Id> town) {
    return subscriptions_of(enrolment_rows(db, first, last, town));
}

std::vector<SubscriptionWithReason> subscriptions_of(const std::vector<EnrolmentRow>& rows) {
    std::vector<SubscriptionWithReason> out;
    out.reserve(rows.size());
    for (const auto& e : rows) out.push_back({Subscription{e.elder_id, e.ledger.opened, e.ledger.removed}, e.ledger.removal_reason});
    return out;
}

}  // namespace yiyang::store
