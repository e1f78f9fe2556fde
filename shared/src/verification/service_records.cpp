// Service records in columns (see verification/service_records.hpp).
#include "yiyang/verification/service_records.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace yiyang::verification {

void TextColumn::push_back(std::string_view text) {
    if (bytes_.size() + text.size() > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("实体服务记录的文字超过 4 GiB，无法在一次核查中读取");
    bytes_.append(text);
    ends_.push_back(static_cast<std::uint32_t>(bytes_.size()));
}

void ServiceRecordTable::push_back(std::string_view record_no, std::string_view id_number, const Date& day, int start,
                                   int end, std::string_view caregiver, std::string_view evidence) {
    if (sorted_ && !empty() && record_no < record_no_[size() - 1]) sorted_ = false;
    record_no_.push_back(record_no);
    id_number_.push_back(id_number);
    caregiver_.push_back(caregiver);
    evidence_.push_back(evidence);
    day_.push_back(day);
    start_.push_back(start);
    end_.push_back(end);
}

void ServiceRecordTable::reserve(std::size_t records, std::size_t text_bytes) {
    // (ID numbers: 18 characters; the rest shared out by the usual sizes of the three others.)
    record_no_.reserve(records, records * text_bytes / 4);
    id_number_.reserve(records, records * 18);
    caregiver_.reserve(records, records * text_bytes / 4);
    evidence_.reserve(records, records * text_bytes / 4);
    day_.reserve(records);
    start_.reserve(records);
    end_.reserve(records);
}

std::size_t ServiceRecordTable::find(std::string_view no) const {
    if (!sorted_) {
        for (std::size_t i = 0; i < size(); ++i)
            if (record_no(i) == no) return i;
        return size();
    }
    std::size_t lo = 0, hi = size();
    while (lo < hi) {   // the lower bound
        const std::size_t mid = lo + (hi - lo) / 2;
        if (record_no(mid) < no) lo = mid + 1;
        else hi = mid;
    }
    return lo < size() && record_no(lo) == no ? lo : size();
}

ServiceRecordTable service_record_table(const std::vector<ServiceRecordRow>& rows) {
    ServiceRecordTable t;
    t.reserve(rows.size());
    for (const auto& r : rows) t.push_back(r);
    return t;
}

}  // namespace yiyang::verification
