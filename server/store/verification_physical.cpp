// Physical-service flags in SQLite (store/verification_physical.hpp).
#include "store/verification_physical.hpp"

namespace yiyang::store {

struct ServiceRecordProviders::Impl {
    SQLite::Statement st;
    Id provider_id;
};

ServiceRecordProviders::ServiceRecordProviders(SQLite::Database& db, Id provider_id)
    : impl_(new Impl{SQLite::Statement(db, "UPDATE list_service_records SET provider_id = ?2 "
                                           "WHERE record_no = ?1 AND provider_id IS NOT ?2"),
                     provider_id}) {}
ServiceRecordProviders::~ServiceRecordProviders() = default;

void ServiceRecordProviders::add(const std::string& record_no) {
    auto& st = impl_->st;
    st.reset();
    st.bind(1, record_no);
    st.bind(2, static_cast<std::int64_t>(impl_->provider_id));
    st.exec();
}

std::optional<ServiceRecordRef> service_record_ref(SQLite::Database& db, const std::string& record_no) {
    SQLite::Statement st(db, "SELECT day, provider_id FROM list_service_records WHERE record_no = ?");
    st.bind(1, record_no);
    if (!st.executeStep()) return std::nullopt;
    const auto day = parse_date(st.getColumn(0).getString());
    if (!day) return std::nullopt;
    ServiceRecordRef r{record_no, *day, std::nullopt};
    if (!st.getColumn(1).isNull()) r.provider_id = st.getColumn(1).getInt64();
    return r;
}

std::map<std::string, Id> service_record_providers(SQLite::Database& db, const Date& first, const Date& last) {
    SQLite::Statement st(db, "SELECT record_no, provider_id FROM list_service_records "
                             "WHERE day >= ?1 AND day <= ?2 AND provider_id IS NOT NULL");
    st.bind(1, format_date(first));
    st.bind(2, format_date(last));
    std::map<std::string, Id> out;
    while (st.executeStep()) out.emplace(st.getColumn(0).getString(), st.getColumn(1).getInt64());
    return out;
}

std::map<std::string, PhysicalDecision> latest_physical_decisions(SQLite::Database& db) {
    // The latest = the highest id (decisions are appended in the order they were taken).
    SQLite::Statement st(db, "SELECT id, record_no, payable, reason, user_id, username, at FROM physical_decisions d "
                             "WHERE id = (SELECT MAX(id) FROM physical_decisions x WHERE x.record_no = d.record_no)");
    std::map<std::string, PhysicalDecision> out;
    while (st.executeStep()) {
        PhysicalDecision d{st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getInt() != 0,
                           st.getColumn(3).getString(), st.getColumn(4).getInt64(), st.getColumn(5).getString(),
                           st.getColumn(6).getInt64()};
        out.emplace(d.record_no, std::move(d));
    }
    return out;
}

std::vector<PhysicalDecision> physical_decision_history(SQLite::Database& db, const std::string& record_no) {
    SQLite::Statement st(db, "SELECT id, record_no, payable, reason, user_id, username, at FROM physical_decisions "
                             "WHERE record_no = ? ORDER BY id DESC");
    st.bind(1, record_no);
    std::vector<PhysicalDecision> out;
    while (st.executeStep())
        out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getInt() != 0,
                       st.getColumn(3).getString(), st.getColumn(4).getInt64(), st.getColumn(5).getString(),
                       st.getColumn(6).getInt64()});
    return out;
}

std::map<std::string, int> physical_decision_counts(SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT record_no, COUNT(*) FROM physical_decisions GROUP BY record_no");
    std::map<std::string, int> out;
    while (st.executeStep()) out.emplace(st.getColumn(0).getString(), st.getColumn(1).getInt());
    return out;
}

Id insert_physical_decision(SQLite::Database& db, const PhysicalDecision& d) {
    SQLite::Statement st(db, "INSERT INTO physical_decisions (record_no, payable, reason, user_id, username, at) "
                             "VALUES (?, ?, ?, ?, ?, ?)");
    st.bind(1, d.record_no);
    st.bind(2, d.payable ? 1 : 0);
    st.bind(3, d.reason);
    st.bind(4, static_cast<std::int64_t>(d.user_id));
    st.bind(5, d.username);
    st.bind(6, static_cast<std::int64_t>(d.at));
    st.exec();
    return db.getLastInsertRowid();
}

std::map<std::string, std::vector<PhysicalAnswer>> physical_answers(SQLite::Database& db,
                                                                    const std::vector<std::string>& record_nos) {
    std::map<std::string, std::vector<PhysicalAnswer>> out;
    SQLite::Statement st(db, "SELECT id, record_no, provider_id, text, user_id, username, at FROM physical_answers "
                             "WHERE record_no = ? ORDER BY id");
    for (const auto& no : record_nos) {
        st.reset();
        st.bind(1, no);
        while (st.executeStep()) {
            out[no].push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getInt64(),
                               st.getColumn(3).getString(), st.getColumn(4).getInt64(), st.getColumn(5).getString(),
                               st.getColumn(6).getInt64()});
        }
    }
    return out;
}

Id insert_physical_answer(SQLite::Database& db, const PhysicalAnswer& a) {
    SQLite::Statement st(db, "INSERT INTO physical_answers (record_no, provider_id, text, user_id, username, at) "
                             "VALUES (?, ?, ?, ?, ?, ?)");
    st.bind(1, a.record_no);
    st.bind(2, static_cast<std::int64_t>(a.provider_id));
    st.bind(3, a.text);
    st.bind(4, static_cast<std::int64_t>(a.user_id));
    st.bind(5, a.username);
    st.bind(6, static_cast<std::int64_t>(a.at));
    st.exec();
    return db.getLastInsertRowid();
}

}  // namespace yiyang::store
