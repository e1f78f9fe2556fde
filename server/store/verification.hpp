// The records behind the quarterly verification figures (issue 10), read from SQLite: the information-service
// enrolments of a quarter (the subscriber ledger as imported), for shared/info_service_fees to count.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <optional>
#include <vector>

#include "yiyang/info_service_fees.hpp"
#include "yiyang/period.hpp"

namespace yiyang::store {

// Every info_service enrolment that overlaps [first, last] (opened on or before `last`, not ended before `first`),
// of the elders of `town` when given; reasons as stored. Walks enrolments_programme_from.
struct SubscriptionWithReason {
    Subscription span;
    std::string reason;
};
// The same enrolment query as the ledger rows (store/verification_lists enrolment_rows).
std::vector<SubscriptionWithReason> info_service_subscriptions(SQLite::Database& db, const Date& first,
                                                               const Date& last, std::optional<Id> town);
struct EnrolmentRow;
std::vector<SubscriptionWithReason> subscriptions_of(const std::vector<EnrolmentRow>& rows);

}  // namespace yiyang::store
