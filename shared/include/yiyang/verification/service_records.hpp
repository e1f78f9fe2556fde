// The service records a quarter's physical-service check reads (verification/physical_services), in columns: at
// city scale (6 000 000 records a quarter) a row of nine std::strings per record was gigabytes of small objects to
// build, page in and free one by one. Here only the columns the check needs — record number, ID number, day, start,
// end, caregiver, evidence (no name, no service item: the drill-down reads those for the rows it shows) — and each
// text column is one byte arena with the end offset of each cell: two allocations per column, freed at once.
//
// Usage: ServiceRecordTable t; t.push_back("R1", "110101…", Date{2024, 1, 5}, 8 * 3600, 9 * 3600, "李强", "p1.jpg");
//        t.record_no(0) == "R1"; t.size() == 1; physical_services(input, t, cremations, subscribers, decisions).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/import.hpp"

namespace yiyang::verification {

// One text column: the cells' bytes end to end, and where each cell ends.
class TextColumn {
public:
    std::size_t size() const { return ends_.size(); }
    std::string_view operator[](std::size_t i) const {
        const std::uint32_t from = i ? ends_[i - 1] : 0;
        return std::string_view(bytes_).substr(from, ends_[i] - from);
    }
    // Throws std::length_error past 4 GiB of text in one column (offsets are 32-bit: 4 bytes a cell).
    void push_back(std::string_view text);
    void reserve(std::size_t cells, std::size_t bytes) {
        ends_.reserve(cells);
        bytes_.reserve(bytes);
    }
    std::size_t bytes() const { return bytes_.size(); }

private:
    std::string bytes_;
    std::vector<std::uint32_t> ends_;
};

class ServiceRecordTable {
public:
    std::size_t size() const { return day_.size(); }
    bool empty() const { return day_.empty(); }
    std::string_view record_no(std::size_t i) const { return record_no_[i]; }
    std::string_view id_number(std::size_t i) const { return id_number_[i]; }
    const Date& day(std::size_t i) const { return day_[i]; }
    int start(std::size_t i) const { return start_[i]; }   // seconds since midnight
    int end(std::size_t i) const { return end_[i]; }
    std::string_view caregiver(std::size_t i) const { return caregiver_[i]; }
    std::string_view evidence(std::size_t i) const { return evidence_[i]; }

    void push_back(std::string_view record_no, std::string_view id_number, const Date& day, int start, int end,
                   std::string_view caregiver, std::string_view evidence);
    void push_back(const ServiceRecordRow& r) {
        push_back(r.record_no, r.id_number, r.day, r.start, r.end, r.caregiver, r.evidence);
    }
    // Room for `records` rows of about `text_bytes` of text each (all four text columns together).
    void reserve(std::size_t records, std::size_t text_bytes = 64);
    // The index of `record_no` (a binary search when the table is in record-number order, as the server reads it;
    // else a scan), or size() when absent.
    std::size_t find(std::string_view record_no) const;
    bool sorted_by_number() const { return sorted_; }   // pushed in record-number order

private:
    TextColumn record_no_, id_number_, caregiver_, evidence_;
    std::vector<Date> day_;
    std::vector<std::int32_t> start_, end_;
    bool sorted_ = true;
};

// The rows' columns (tests and small callers: the server reads the table straight from its database).
ServiceRecordTable service_record_table(const std::vector<ServiceRecordRow>& rows);

}  // namespace yiyang::verification
