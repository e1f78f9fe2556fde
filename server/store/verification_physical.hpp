// Physical-service flags in SQLite (issue 10, 实体服务): which provider a service record was imported for, the
// supervisor's decisions on flagged records (the latest per record counts, every earlier one kept) and the
// providers' answers. SQL only; what is flagged and what is paid is shared/verification/physical_services.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

// Sets the provider of imported service records, one record number at a time, inside the import's transaction
// (a row unchanged by the import still gets the provider of the file it came in again).
class ServiceRecordProviders {
public:
    ServiceRecordProviders(SQLite::Database& db, Id provider_id);
    ~ServiceRecordProviders();
    void add(const std::string& record_no);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

struct ServiceRecordRef {
    std::string record_no;
    Date day{};
    std::optional<Id> provider_id;
};
std::optional<ServiceRecordRef> service_record_ref(SQLite::Database& db, const std::string& record_no);
// The providers of the quarter's records that have one: record number -> provider.
std::map<std::string, Id> service_record_providers(SQLite::Database& db, const Date& first, const Date& last);

struct PhysicalDecision {
    Id id = 0;
    std::string record_no;
    bool payable = false;
    std::string reason;
    Id user_id = 0;
    std::string username;
    LocalSeconds at = 0;
};
// The latest decision of every record that has one, by record number.
std::map<std::string, PhysicalDecision> latest_physical_decisions(SQLite::Database& db);
// Every decision on one record, newest first (the history: each kept, none changed).
std::vector<PhysicalDecision> physical_decision_history(SQLite::Database& db, const std::string& record_no);
// How many decisions each record has had (history), by record number.
std::map<std::string, int> physical_decision_counts(SQLite::Database& db);
Id insert_physical_decision(SQLite::Database& db, const PhysicalDecision& d);

struct PhysicalAnswer {
    Id id = 0;
    std::string record_no;
    Id provider_id = 0;
    std::string text;
    Id user_id = 0;
    std::string username;
    LocalSeconds at = 0;
};
// The answers to these records, oldest first, by record number.
std::map<std::string, std::vector<PhysicalAnswer>> physical_answers(SQLite::Database& db,
                                                                    const std::vector<std::string>& record_nos);
Id insert_physical_answer(SQLite::Database& db, const PhysicalAnswer& a);

}  // namespace yiyang::store
