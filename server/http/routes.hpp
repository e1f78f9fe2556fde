// One registration function per route file; each file holds its endpoints whole.
#pragma once
#include "app/context.hpp"
#include "http/router.hpp"
#include "yiyang/kpi.hpp"
#include "yiyang/period.hpp"
#include "yiyang/wire/provider_supervision.hpp"   // issue 13, providers
#include "yiyang/wire/session.hpp"

namespace yiyang::http {

void register_system_routes(Router& r, app::AppContext& ctx);     // health, openapi.json
void register_session_routes(Router& r, app::AppContext& ctx);    // session, me, me/password
void register_reference_routes(Router& r, app::AppContext& ctx);  // towns, providers
void register_elder_routes(Router& r, app::AppContext& ctx);      // elders
void register_overview_routes(Router& r, app::AppContext& ctx);   // overview
void register_order_routes(Router& r, app::AppContext& ctx);      // orders, transitions, dispatch candidates
void register_call_routes(Router& r, app::AppContext& ctx);       // calls (CDR import, list)
void register_kpi_routes(Router& r, app::AppContext& ctx);        // kpis, kpis/{code}/records
void register_knowledge_routes(Router& r, app::AppContext& ctx);  // knowledge base search, articles, history
void register_live_routes(Router& r, app::AppContext& ctx);       // live feed, watch list, caller lookup, reveal
void register_rule_routes(Router& r, app::AppContext& ctx);       // rule kinds and versions, preview, publish
void register_glyph_routes(Router& r, app::AppContext& ctx);      // glyph pages (characters beyond the first font)
void register_export_routes(Router& r, app::AppContext& ctx);     // every list as XLSX and as an A4 print page
void register_evidence_routes(Router& r, app::AppContext& ctx);   // evidence photos: upload, list, thumb, full
void register_import_routes(Router& r, app::AppContext& ctx);     // verification lists: dry run, commit (issue 10)
void register_import_list_routes(Router& r, app::AppContext& ctx);  // imports/{list}, kept imports, templates
void register_verification_routes(Router& r, app::AppContext& ctx);   // quarterly verification figures (issue 10)
void register_verification_deaths_routes(Router& r, app::AppContext& ctx);   // deaths + new subjects (issue 10)
void register_verification_sampling_routes(Router& r, app::AppContext& ctx);   // callback draws, call list, outcomes
void register_verification_report_routes(Router& r, app::AppContext& ctx);   // the quarterly report: JSON, XLSX, PDF
void register_verification_signoff_routes(Router& r, app::AppContext& ctx);   // sign, countersign, seal, correct
void register_caller_routes(Router& r, app::AppContext& ctx);     // caller lookup by name (the short list)
void register_verification_physical_routes(Router& r, app::AppContext& ctx);   // physical-service flags (issue 10)
void register_settlement_routes(Router& r, app::AppContext& ctx);   // settlement statement preview (issue 11)
void register_assessment_routes(Router& r, app::AppContext& ctx);   // the monthly assessment what-if (issue 11)
void register_assessment_prefill_routes(Router& r, app::AppContext& ctx);   // the assessment prefill from the records (issue 11)
void register_assessment_month_routes(Router& r, app::AppContext& ctx);   // the stored months: open, fill, sign (issue 11)
void register_contract_routes(Router& r, app::AppContext& ctx);     // contracts, payments, the year (issue 11)
void register_public_figures_routes(Router& r, app::AppContext& ctx);   // the kiosk's public figures (issue 12)
void register_coverage_routes(Router& r, app::AppContext& ctx);     // map: the service map's coverage (issue 12)
void register_public_routes(Router& r, app::AppContext& ctx);       // the public portal 公众端, no sign-in (issue 12, portal part)
void register_kiosk_device_routes(Router& r, app::AppContext& ctx);   // kiosk devices, token sign-in (issue 12)

// The session reply of a signed-in user, and the Set-Cookie value of a session token (clear: expire it).
wire::SessionReply session_reply(app::AppContext& ctx, const AuthUser& u);
std::string session_set_cookie(const httplib::Request& req, const std::string& token, bool clear);
void register_demo_routes(Router& r, app::AppContext& ctx);         // one-tap visitor sign-in, demo reset (issue 12)
void register_visit_routes(Router& r, app::AppContext& ctx);        // exhibition-hall visits and open days (issue 12)
void register_target_table_routes(Router& r, app::AppContext& ctx);   // the target table 绩效目标表 + XLSX (issue 13)
void register_activity_routes(Router& r, app::AppContext& ctx);     // activity records 工作台账 and their evidence (issue 13)
// issue 13, providers: provider supervision (evaluations, 差 → warning / removal, key-information checks)
void register_provider_routes(Router& r, app::AppContext& ctx);
wire::ProviderSupervisionList provider_supervision_list(app::AppContext& ctx);
std::vector<wire::KpiProviderRecord> provider_kpi_rows(app::AppContext& ctx, const KpiTarget& target, const Period& period,
                                                       const std::vector<Id>& ids);
void register_inspection_routes(Router& r, app::AppContext& ctx);   // institution inspections, star rating, caregiver review (issue 13)
void register_report_routes(Router& r, app::AppContext& ctx);       // operation reports: month, year, survey (issue 13)

// The overview reply for the current month (cached until the next write); also used to warm the cache.
app::CachedPtr overview_reply(app::AppContext& ctx);
nlohmann::json compute_overview(app::AppContext& ctx);
// map: the service map's reply for a category (and town), cached by data version; 400 bad_query for a bad one.
app::CachedPtr coverage_reply(app::AppContext& ctx, const std::string& category, std::optional<Id> town);

// The OpenAPI 3.0 document for every route registered on `r`.
nlohmann::json openapi_document(const Router& r, const std::string& version);

}  // namespace yiyang::http
