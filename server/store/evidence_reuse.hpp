// Evidence reused across months, marked when a service-record list is imported (issue 11 "Speed"; migration 30).
// list_service_records.evidence_key is the evidence reference as the verification compares it — verification
// name_key (blanks removed), the one definition, computed here in C++; '' = no evidence. reuse_of is the record_no of
// the EARLIEST record (by day, then record_no) with the same key: NULL for that earliest record itself and for
// records without evidence. The marks are a function of the table's rows alone, so importing a later quarter before
// an earlier one gives the same marks as the other order. The assessment's prefill reads the month's marked records
// joined to their earliest (app/assessment_prefill.cpp).
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace yiyang::store {

// The stored key of an evidence reference: verification::name_key ('' = none).
std::string evidence_key(std::string_view evidence);

// The keys an import touched, their groups' marks recomputed at finish() (inside the import's transaction, after the
// deferred indexes are built again). Touched: the new key of every row added or changed, and the old key of a
// changed row (its group may lose its earliest). Past kMaxTrackedKeys keys (or after all()), finish() recomputes
// every group in one pass over the key index instead: the same marks, memory bounded.
class EvidenceReuseMarks {
public:
    static constexpr std::size_t kMaxTrackedKeys = 200000;
    explicit EvidenceReuseMarks(SQLite::Database& db);
    ~EvidenceReuseMarks();
    void added(const std::string& new_key);
    // Before the UPDATE of a stored row: reads its old key and mark.
    void changing(const std::string& record_no, const std::string& new_key);
    void all() { all_ = true; }
    void finish();
    std::int64_t marks_written = 0;   // rows whose reuse_of changed
private:
    void touch(const std::string& key);
    SQLite::Database& db_;
    std::unique_ptr<SQLite::Statement> old_;
    std::set<std::string> keys_;
    std::vector<std::string> cleared_;   // changed to no evidence while marked: mark removed
    bool all_ = false;
};

// The marks of the groups of `keys` recomputed from the table (one index probe per key); returns rows changed.
std::int64_t refresh_evidence_reuse(SQLite::Database& db, const std::set<std::string>& keys);
// Every group's marks recomputed in one ordered pass over the key index (and marks on rows without a key removed);
// returns rows changed.
std::int64_t refresh_all_evidence_reuse(SQLite::Database& db);
// Migration 30, after its SQL: every row's key filled in C++ (read and written in batches along record_no), the two
// indexes built, then refresh_all_evidence_reuse. Inside the migration's transaction.
void fill_evidence_reuse(SQLite::Database& db);

}  // namespace yiyang::store
