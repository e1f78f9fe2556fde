// Evidence reused across months: the keys and marks of list_service_records (store/evidence_reuse.hpp).
#include "store/evidence_reuse.hpp"

#include <map>
#include <optional>
#include <utility>

#include "yiyang/verification/common.hpp"

namespace yiyang::store {

namespace {

// The key index: a group's rows in order (day, then record_no), covering for the one-pass refresh.
constexpr const char* kKeyIndex =
    "CREATE INDEX list_service_records_evidence_key ON list_service_records (evidence_key, day, record_no) "
    "WHERE evidence_key <> ''";
// The marked rows by day: what the prefill reads of a month (its WHERE repeats this one's).
constexpr const char* kReusedIndex =
    "CREATE INDEX list_service_records_reused ON list_service_records (day) WHERE reuse_of IS NOT NULL";

using Mark = std::optional<std::string>;

std::int64_t write_marks(SQLite::Database& db, const std::vector<std::pair<std::string, Mark>>& marks) {
    if (marks.empty()) return 0;
    SQLite::Statement st(db, "UPDATE list_service_records SET reuse_of = ?2 WHERE record_no = ?1");
    for (const auto& [no, mark] : marks) {
        st.reset();
        st.bind(1, no);
        if (mark) st.bind(2, *mark);
        else st.bind(2);
        st.exec();
    }
    return static_cast<std::int64_t>(marks.size());
}

// One group's rows in order (first = its earliest): the marks that differ from what they should be.
void group_marks(const std::vector<std::pair<std::string, Mark>>& rows, std::vector<std::pair<std::string, Mark>>& out) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Mark want = i == 0 ? Mark{} : Mark{rows.front().first};
        if (rows[i].second != want) out.emplace_back(rows[i].first, want);
    }
}

}  // namespace

std::string evidence_key(std::string_view evidence) { return verification::name_key(evidence); }

std::int64_t refresh_evidence_reuse(SQLite::Database& db, const std::set<std::string>& keys) {
    SQLite::Statement st(db, "SELECT record_no, reuse_of FROM list_service_records INDEXED BY list_service_records_evidence_key "
                             "WHERE evidence_key = ?1 AND evidence_key <> '' ORDER BY evidence_key, day, record_no");
    std::vector<std::pair<std::string, Mark>> rows, changes;
    for (const auto& key : keys) {
        if (key.empty()) continue;
        rows.clear();
        st.reset();
        st.bind(1, key);
        while (st.executeStep())
            rows.emplace_back(st.getColumn(0).getString(), st.getColumn(1).isNull() ? Mark{} : Mark{st.getColumn(1).getString()});
        group_marks(rows, changes);
    }
    st.reset();
    return write_marks(db, changes);
}

std::int64_t refresh_all_evidence_reuse(SQLite::Database& db) {
    std::map<std::string, std::string> marked;   // record_no -> reuse_of as stored (marked rows are few)
    {
        SQLite::Statement st(db, "SELECT record_no, reuse_of FROM list_service_records INDEXED BY list_service_records_reused "
                                 "WHERE reuse_of IS NOT NULL");
        while (st.executeStep()) marked.emplace(st.getColumn(0).getString(), st.getColumn(1).getString());
    }
    std::vector<std::pair<std::string, Mark>> changes;
    {
        SQLite::Statement st(db, "SELECT evidence_key, record_no FROM list_service_records INDEXED BY list_service_records_evidence_key "
                                 "WHERE evidence_key <> '' ORDER BY evidence_key, day, record_no");
        std::string key, earliest;
        bool first = true;
        while (st.executeStep()) {
            const char* k = st.getColumn(0).getText();
            std::string no = st.getColumn(1).getString();
            Mark want;
            if (first || key != k) {
                key = k;
                earliest = no;
                first = false;
            } else {
                want = earliest;
            }
            const auto it = marked.find(no);
            const Mark have = it == marked.end() ? Mark{} : Mark{it->second};
            if (it != marked.end()) marked.erase(it);
            if (have != want) changes.emplace_back(std::move(no), std::move(want));
        }
    }
    for (auto& [no, mark] : marked) changes.emplace_back(no, Mark{});   // marked but without a key now
    return write_marks(db, changes);
}

void fill_evidence_reuse(SQLite::Database& db) {
    // In batches along the key (the table is WITHOUT ROWID, keyed by record_no): read a batch, then write its keys.
    constexpr int kBatch = 20000;
    SQLite::Statement first(db, "SELECT record_no, evidence FROM list_service_records ORDER BY record_no LIMIT ?2");
    SQLite::Statement next(db, "SELECT record_no, evidence FROM list_service_records WHERE record_no > ?1 ORDER BY record_no LIMIT ?2");
    SQLite::Statement write(db, "UPDATE list_service_records SET evidence_key = ?2 WHERE record_no = ?1");
    std::string after;
    std::vector<std::pair<std::string, std::string>> keys;
    for (bool start = true;; start = false) {
        SQLite::Statement& read = start ? first : next;
        keys.clear();
        int n = 0;
        read.reset();
        if (!start) read.bind(1, after);
        read.bind(2, kBatch);
        while (read.executeStep()) {
            ++n;
            after = read.getColumn(0).getString();
            std::string k = evidence_key(std::string_view(read.getColumn(1).getText(), static_cast<std::size_t>(read.getColumn(1).getBytes())));
            if (!k.empty()) keys.emplace_back(after, std::move(k));
        }
        read.reset();
        for (const auto& [no, k] : keys) {
            write.reset();
            write.bind(1, no);
            write.bind(2, k);
            write.exec();
        }
        if (n < kBatch) break;
    }
    db.exec(kKeyIndex);
    db.exec(kReusedIndex);
    refresh_all_evidence_reuse(db);
}

EvidenceReuseMarks::EvidenceReuseMarks(SQLite::Database& db) : db_(db) {}
EvidenceReuseMarks::~EvidenceReuseMarks() = default;

void EvidenceReuseMarks::touch(const std::string& key) {
    if (all_ || key.empty()) return;
    keys_.insert(key);
    if (keys_.size() > kMaxTrackedKeys) {
        all_ = true;
        keys_.clear();
        cleared_.clear();
    }
}

void EvidenceReuseMarks::added(const std::string& new_key) { touch(new_key); }

void EvidenceReuseMarks::changing(const std::string& record_no, const std::string& new_key) {
    if (all_) return;
    if (!old_) old_ = std::make_unique<SQLite::Statement>(db_, "SELECT evidence_key, reuse_of IS NOT NULL FROM list_service_records WHERE record_no = ?1");
    old_->reset();
    old_->bind(1, record_no);
    if (old_->executeStep()) {
        const std::string old_key = old_->getColumn(0).getString();
        const bool marked = old_->getColumn(1).getInt() != 0;
        old_->reset();
        touch(old_key);
        if (marked && new_key.empty() && !all_) cleared_.push_back(record_no);
    }
    old_->reset();
    touch(new_key);
}

void EvidenceReuseMarks::finish() {
    if (all_) {
        marks_written += refresh_all_evidence_reuse(db_);
    } else {
        std::vector<std::pair<std::string, Mark>> clear;
        for (const auto& no : cleared_) clear.emplace_back(no, Mark{});
        marks_written += write_marks(db_, clear) + refresh_evidence_reuse(db_, keys_);
    }
    keys_.clear();
    cleared_.clear();
    all_ = false;
}

}  // namespace yiyang::store
