// The list routes' replies as functions of the request, so that an export (export_routes.cpp) lists exactly what
// the screen lists: the same query parameters, the same role scope and masking, the same wire rows — only all of
// them (up to kExportRowLimit) instead of one page.
#pragma once
#include <httplib.h>

#include <cstdint>
#include <string>

#include "app/context.hpp"
#include "http/common.hpp"
#include "yiyang/wire/calls.hpp"
#include "yiyang/wire/elders.hpp"
#include "yiyang/wire/knowledge.hpp"
#include "yiyang/wire/kpis.hpp"
#include "yiyang/wire/live.hpp"
#include "yiyang/wire/orders.hpp"
#include "yiyang/wire/visits.hpp"
#include "yiyang/wire/activities.hpp"
#include "yiyang/wire/inspections.hpp"

namespace yiyang::http {

constexpr std::int64_t kExportRowLimit = 100'000;   // rows one export may hold

// page / page_size from the query (1-based, 1..200, default 20); an export (`all`) takes page 1 of
// kExportRowLimit rows whatever the query says.
struct Paging {
    int page = 1;
    int page_size = 20;
    bool all = false;
};
Paging read_paging(const httplib::Request& req, bool export_all);
// Throws 400 too_many_rows when an export would hold more than kExportRowLimit rows.
void check_export_rows(const Paging& p, std::int64_t total);

wire::OrderPage list_orders(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user, bool export_all);
wire::ElderPage list_elders(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user, bool export_all);
wire::CallPage list_calls(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user, bool export_all);
wire::KbSearchReply list_knowledge(app::AppContext& ctx, const httplib::Request& req, bool export_all);
// Paged (items = one page, totals over all) when page or page_size is given and not export_all.
wire::WatchReply list_watch(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user,
                            bool export_all = false);
wire::KpisReply list_kpis(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user);
// The drill-down of indicator `code` (side numerator | denominator | failures).
wire::KpiRecordsReply list_kpi_records(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user,
                                       const std::string& code, bool export_all);
// The exhibition hall's board for ?from=&to= (default today and the next 13 days) and one open day with its
// registrations; contacts masked unless the role runs the hall (http/visit_routes.cpp).
wire::VisitBoard visit_board(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user);
wire::OpenDayDetail open_day_detail(app::AppContext& ctx, Id id, const AuthUser& user);
// issue 13: the activity records of ?month= (kind, status filters), as GET /api/v1/activities (http/activity_routes.cpp).
wire::ActivityList list_activities(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user);
// The monthly inspection-rate table for ?month=YYYY-MM (default this month) (issue 13; http/inspection_routes.cpp).
wire::InspectionRateReply inspection_rate(app::AppContext& ctx, const httplib::Request& req);

}  // namespace yiyang::http
