// Wire format of the activity records (工作台账, issue 13): the list of a month, one record with its evidence
// files, and the kinds in force (for the form). Written by server/http/activity_routes, read by the dashboard.
// Flat: empty text or 0 stands for "none". No personal data beyond staff names (who entered, who approved).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct ActivityKindView {             // activities.hpp ActivityKind, as the form needs it
    std::string code, name_zh, measure;
    std::vector<std::string> kpis;
    std::string quantity_label, numerator_label, denominator_label;
    std::vector<std::string> channels;
};

struct ActivityFileView {
    std::int64_t id = 0;
    std::int64_t record_id = 0;
    std::string name;                 // the uploader's file name (shown only; the type is judged by content)
    std::string mime;                 // image/jpeg image/png image/webp application/pdf
    std::string sha256;
    std::int64_t size = 0;
    std::int64_t width = 0, height = 0;   // images
    std::string uploaded_by, uploaded_at;
    std::string thumb_url;            // images: /api/v1/activity-files/{id}/thumb; PDFs: ""
    std::string full_url;             // /api/v1/activity-files/{id}/full
};

struct ActivityView {
    std::int64_t id = 0;
    std::string kind, kind_name;
    std::string date, title, place;
    std::int64_t participants = 0;
    std::string participants_text;
    std::int64_t quantity = 0, numerator = 0, denominator = 0;
    std::string channel, note;
    std::string status, status_label;  // entered 待审核 | approved 已审核 | returned 已退回
    std::string entered_by, entered_at;
    std::string decided_by, decided_at;   // the supervisor who approved or returned it
    std::string reason;                   // a return's reason
    std::int64_t files = 0;
    std::vector<ActivityFileView> evidence;   // the detail only (GET /api/v1/activities/{id})
    std::vector<std::string> kpis;            // the indicators it feeds
};

// GET /api/v1/activities?month=&kind=&status=: the month's records (newest date first), the kinds in force, counts.
struct ActivityList {
    std::string month;                // 2026-12
    std::vector<ActivityView> items;
    std::vector<ActivityKindView> kinds;
    std::int64_t entered = 0, approved = 0, returned = 0;   // of the month (every kind)
    bool may_record = false, may_approve = false;
    std::int64_t max_file_bytes = 0, max_files = 0;
};

// One record behind an entered indicator (GET /api/v1/kpis/{code}/records, kind "activities").
struct KpiActivityRecord {
    std::int64_t id = 0;
    std::string date, kind, kind_name, title, place;
    std::int64_t quantity = 0, numerator = 0, denominator = 0;
    std::string approved_by, approved_at;
    std::int64_t files = 0;
    bool operator==(const KpiActivityRecord&) const = default;
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ActivityKindView, code, name_zh, measure, kpis, quantity_label,
                                                numerator_label, denominator_label, channels)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ActivityFileView, id, record_id, name, mime, sha256, size, width, height,
                                                uploaded_by, uploaded_at, thumb_url, full_url)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ActivityView, id, kind, kind_name, date, title, place, participants,
                                                participants_text, quantity, numerator, denominator, channel, note,
                                                status, status_label, entered_by, entered_at, decided_by, decided_at,
                                                reason, files, evidence, kpis)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ActivityList, month, items, kinds, entered, approved, returned,
                                                may_record, may_approve, max_file_bytes, max_files)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(KpiActivityRecord, id, date, kind, kind_name, title, place, quantity,
                                                numerator, denominator, approved_by, approved_at, files)

struct Table;
// The month's list as a table (one definition for the XLSX export and the screen's columns).
Table activities_table(const ActivityList& list);

}  // namespace yiyang::wire
