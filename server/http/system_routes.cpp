// GET /api/v1/health and the OpenAPI document builder.
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/schema.hpp"
#include "yiyang/wire/system.hpp"

namespace yiyang::http {

void register_system_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/health", "Liveness and schema version", "system", anyone(), {}, "", "Health"},
          [&ctx](const httplib::Request&, httplib::Response& res) {
              reply_json(res, 200, json(wire::Health{"ok", store::schema_version(ctx.db.reader(store::Database::Admission::Direct)), ctx.config.version,
                                                     ctx.now(), ctx.config.demo}));
          });
}

namespace {

json schemas() {
    const json str = {{"type", "string"}};
    const json integer = {{"type", "integer"}};
    const json nullable_int = {{"type", "integer"}, {"nullable", true}};
    const json error = {{"type", "object"}, {"required", {"error"}},
        {"properties", {{"error", {{"type", "object"}, {"required", {"code", "message"}},
            {"properties", {{"code", str}, {"message", str},
                {"fields", {{"type", "array"}, {"items", {{"type", "object"},
                    {"properties", {{"field", str}, {"code", str}, {"message", str}}}}}}}}}}}}}};
    const json user = {{"type", "object"}, {"properties", {{"id", integer}, {"username", str}, {"display_name", str},
        {"role", {{"type", "string"}, {"enum", {"admin", "supervisor", "agent", "town", "provider", "kiosk", "leader"}}}},
        {"town_id", nullable_int}, {"provider_id", nullable_int}, {"active", {{"type", "boolean"}}}}}};
    const json geo = {{"type", "object"}, {"properties", {{"lat_e6", integer}, {"lon_e6", integer}}}};
    const json elder = {{"type", "object"}, {"properties", {
        {"id", integer}, {"name", str}, {"id_number", str}, {"birth_date", {{"type", "string"}, {"format", "date"}, {"description", "only for roles that see the full ID number"}}},
        {"age", {{"type", "integer"}, {"description", "whole years, instead of birth_date for roles that see the ID masked"}}},
        {"sex", str}, {"phone", str}, {"town_id", integer}, {"community", str}, {"address", str},
        {"categories", {{"type", "array"}, {"items", str}}}, {"disability", str}, {"subsidy_tier", str},
        {"status", str}, {"death_date", {{"type", "string"}, {"format", "date"}, {"nullable", true}}},
        {"health_notes", str}, {"enrolments", {{"type", "array"}, {"items", {{"type", "object"}}}}},
        {"home", geo}, {"version", integer}}}};
    const json town = {{"type", "object"}, {"properties", {{"id", integer}, {"code", str}, {"name", str},
        {"is_street", {{"type", "boolean"}}}, {"centre", geo}, {"communities", {{"type", "array"}, {"items", str}}}}}};
    const json provider = {{"type", "object"}, {"properties", {{"id", integer}, {"name", str}, {"status", str},
        {"categories", {{"type", "array"}, {"items", str}}}, {"towns_covered", {{"type", "array"}, {"items", integer}}},
        {"points", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}};
    const json ts = {{"type", "string"}, {"format", "date-time"}, {"nullable", true}};
    const json order = {{"type", "object"}, {"properties", {
        {"id", integer}, {"code", str}, {"channel", str}, {"type", str}, {"categories", {{"type", "array"}, {"items", str}}},
        {"elder_id", nullable_int}, {"town_id", integer}, {"provider_id", nullable_int}, {"status", str},
        {"urgency", str}, {"description", str}, {"created_at", ts}, {"dispatched_at", ts}, {"completed_at", ts},
        {"closed_at", ts}, {"satisfaction", nullable_int}, {"paused_since", ts},
        {"complaint_valid", {{"type", "boolean"}, {"nullable", true}}}, {"version", integer},
        {"about_order_id", nullable_int}, {"about_provider_id", nullable_int}, {"about_order_code", str},
        {"about_provider_name", str},
        {"overdue", {{"type", "boolean"}}}, {"clocks", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}};
    auto page_of = [&](const std::string& ref) {
        return json{{"type", "object"}, {"properties", {{"items", {{"type", "array"}, {"items", {{"$ref", ref}}}}},
            {"total", integer}, {"page", integer}, {"page_size", integer}, {"masked", {{"type", "boolean"}}}}}};
    };
    return {
        {"StatementInput", {{"type", "object"}, {"required", {"provider_id", "month", "payout_bp", "grade", "served"}},
            {"description", "a settlement statement's input (docs/API.md, shared wire/settlement.hpp)"}}},
        {"SettlementStatementView", {{"type", "object"},
            {"description", "a computed settlement statement (docs/API.md, shared wire/settlement.hpp)"}}},
        {"SettlementMonthList", {{"type", "object"}, {"required", {"month", "rows"}},
            {"description", "a month's providers: signed, draft or blocked (docs/API.md, shared wire/settlement_statements.hpp)"}}},
        {"StatementDraftView", {{"type", "object"}, {"required", {"statement", "people"}},
            {"description", "a provider's statement computed live, with the people behind its lines (wire/settlement_statements.hpp)"}}},
        {"SignedStatementView", {{"type", "object"}, {"required", {"id", "status", "statement"}},
            {"description", "a signed settlement statement or supplement with its seal and objections (wire/settlement_statements.hpp)"}}},
        {"SettlementObjectionView", {{"type", "object"}, {"required", {"id", "statement_id", "status"}},
            {"description", "an objection (申诉) to a signed statement, its files and its answer (wire/settlement_statements.hpp)"}}},
        {"SettlementObjectionFileView", {{"type", "object"}, {"required", {"id", "objection_id", "mime", "sha256", "full_url"}},
            {"description", "a file behind an objection: a photo, scan or PDF (wire/settlement_statements.hpp)"}}},
        {"SignStatementRequest", {{"type", "object"}, {"required", {"provider_id", "month"}},
            {"properties", {{"provider_id", integer}, {"month", str}}}}},
        {"SupplementRequest", {{"type", "object"}, {"required", {"reason"}}, {"properties", {{"reason", str}}}}},
        {"ObjectionRequest", {{"type", "object"}, {"required", {"text"}},
            {"properties", {{"text", str}, {"evidence", {{"type", "array"}, {"items", str}}}}}}},
        {"ObjectionAnswerRequest", {{"type", "object"}, {"required", {"decision", "text"}},
            {"properties", {{"decision", {{"type", "string"}, {"enum", {"upheld", "rejected"}}}}, {"text", str}}}}},
        {"Error", error}, {"User", user}, {"Elder", elder}, {"Town", town}, {"Provider", provider},
        {"Health", {{"type", "object"}, {"properties", {{"status", str}, {"schema_version", integer}, {"version", str},
            {"time", {{"type", "string"}, {"format", "date-time"}}}, {"demo", {{"type", "boolean"}}}}}}},
        {"SignIn", {{"type", "object"}, {"required", {"username", "password"}},
            {"properties", {{"username", str}, {"password", str}}}}},
        {"SessionReply", {{"type", "object"}, {"properties", {{"user", {{"$ref", "#/components/schemas/User"}}},
            {"must_change_password", {{"type", "boolean"}}}, {"idle_timeout_s", integer},
            {"session_lifetime_s", integer}, {"demo", {{"type", "boolean"}}}, {"demo_account", {{"type", "boolean"}}}}}}},
        {"DemoSignIn", {{"type", "object"}, {"required", {"role"}},
            {"properties", {{"role", {{"type", "string"}, {"enum", {"agent", "supervisor", "provider"}}}}}}}},
        {"DemoReset", {{"type", "object"}, {"properties", {{"reset_at", {{"type", "string"}, {"format", "date-time"}}}}}}},
        {"PasswordChange", {{"type", "object"}, {"required", {"old_password", "new_password"}},
            {"properties", {{"old_password", str}, {"new_password", str}}}}},
        {"ElderReply", {{"type", "object"}, {"properties", {{"elder", {{"$ref", "#/components/schemas/Elder"}}},
            {"town_name", str}}}}},
        {"ElderPage", page_of("#/components/schemas/Elder")},
        {"TownList", {{"type", "object"}, {"properties", {{"towns", {{"type", "array"},
            {"items", {{"$ref", "#/components/schemas/Town"}}}}}}}}},
        {"ProviderList", {{"type", "object"}, {"properties", {{"items", {{"type", "array"},
            {"items", {{"$ref", "#/components/schemas/Provider"}}}}}, {"total", integer}}}}},
        {"Order", order},
        {"OrderReply", {{"type", "object"}, {"properties", {{"order", {{"$ref", "#/components/schemas/Order"}}},
            {"legal_actions", {{"type", "array"}, {"items", str}}},
            {"complaints", {{"type", "array"}, {"items", {{"type", "object"}, {"properties", {{"id", integer},
                {"code", str}, {"status", str}, {"created_at", ts}, {"complaint_valid", {{"type", "boolean"}}}}}}}}}}}}},
        {"OrderPage", page_of("#/components/schemas/Order")},
        {"QueueCounts", {{"type", "object"}, {"properties", {{"scope", str}, {"scope_label", str},
            {"queues", {{"type", "array"}, {"items", {{"type", "object"}, {"properties", {{"queue", str},
                {"label", str}, {"count", integer}}}}}}}}}}},
        {"OrderCreate", {{"type", "object"}, {"required", {"channel", "type"}}, {"properties", {
            {"channel", str}, {"type", str}, {"categories", {{"type", "array"}, {"items", str}}},
            {"elder_id", nullable_int}, {"town_id", nullable_int}, {"urgency", str}, {"description", str},
            {"about_order_id", nullable_int}, {"about_order_code", str}, {"about_provider_id", nullable_int}}}}},
        {"ComplaintLink", {{"type", "object"}, {"required", {"reason"}}, {"properties", {
            {"about_order_id", nullable_int}, {"about_order_code", str}, {"about_provider_id", nullable_int},
            {"reason", str}, {"version", integer}}}}},
        {"Transition", {{"type", "object"}, {"required", {"action"}}, {"properties", {
            {"action", str}, {"reason", str}, {"provider_id", nullable_int}, {"town_id", nullable_int},
            {"satisfaction", {{"type", "integer"}, {"minimum", 1}, {"maximum", 5}}}, {"version", integer},
            {"evidence", {{"type", "object"}, {"properties", {{"caregiver", str}, {"from", str}, {"to", str},
                {"place", str}, {"photo_refs", {{"type", "array"}, {"items", str}}}}}}}}}}},
        {"Candidates", {{"type", "object"}, {"properties", {{"order_id", integer}, {"order_code", str},
            {"weights_version", str}, {"eligible", integer},
            {"candidates", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}},
        {"AuditEvent", {{"type", "object"}, {"properties", {{"id", integer}, {"at", ts}, {"actor_id", nullable_int},
            {"actor", str}, {"entity", str}, {"entity_id", nullable_int}, {"action", str},
            {"changes", {{"type", "object"}}}, {"reason", str}}}}},
        {"AuditList", {{"type", "object"}, {"properties", {{"events", {{"type", "array"},
            {"items", {{"$ref", "#/components/schemas/AuditEvent"}}}}}}}}},
        {"Call", {{"type", "object"}, {"properties", {{"id", integer}, {"call_key", str}, {"direction", str},
            {"caller", str}, {"callee", str}, {"started_at", ts}, {"answered", {{"type", "boolean"}}},
            {"answered_at", ts}, {"ended_at", ts}, {"duration_s", integer}, {"talk_s", integer},
            {"disposition", str}, {"agent", str}, {"order_id", nullable_int},
            {"order_code", {{"type", "string"}, {"nullable", true}}}, {"import_id", integer}}}}},
        {"CallPage", page_of("#/components/schemas/Call")},
        {"ImportPreview", {{"type", "object"}, {"description", "see shared/include/yiyang/wire/imports.hpp"},
            {"properties", {{"list", str}, {"list_name", str}, {"dry_run", {{"type", "boolean"}}},
            {"import_id", nullable_int}, {"file_name", str}, {"sha256", str}, {"file_kind", str}, {"encoding", str},
            {"sheet", str}, {"header_row", integer}, {"rows", integer}, {"added", integer}, {"changed", integer},
            {"unchanged", integer}, {"error_count", integer},
            {"errors", {{"type", "array"}, {"items", {{"type", "object"}, {"properties", {{"row", integer},
                {"column", str}, {"message", str}, {"text", str}}}}}}}}}}},
        {"ImportBatch", {{"type", "object"}, {"description", "see shared/include/yiyang/wire/import_batches.hpp"},
            {"properties", {{"id", integer}, {"list", str}, {"list_name", str}, {"file_name", str}, {"sha256", str},
            {"file_kind", str}, {"encoding", str}, {"sheet", str}, {"bytes", integer}, {"user_id", integer},
            {"username", str}, {"imported_at", ts}, {"rows", integer}, {"added", integer}, {"changed", integer},
            {"unchanged", integer}}}}},
        {"ImportBatchPage", page_of("#/components/schemas/ImportBatch")},
        {"InfoServiceReport", {{"type", "object"}, {"description", "see shared/include/yiyang/wire/verification.hpp"},
            {"properties", {{"quarter", str}, {"quarter_label", str}, {"town_id", nullable_int}, {"town_name", str},
            {"rule_versions", {{"type", "array"}, {"items", str}}},
            {"months", {{"type", "array"}, {"items", {{"type", "object"}, {"properties", {{"month", str},
                {"label", str}, {"at_start", integer}, {"added", integer}, {"removed", integer}, {"total", integer},
                {"unit_fee_fen", integer}, {"fee_fen", integer}}}}}}},
            {"at_start", integer}, {"added", integer}, {"removed", integer}, {"person_months", integer},
            {"fee_fen", integer}, {"drill_month", str}, {"drill_count", str}, {"people_total", integer},
            {"people", {{"type", "array"}, {"items", {{"type", "object"}, {"properties", {{"elder_id", integer},
                {"name", str}, {"id_number", str}, {"phone", str}, {"town_id", integer}, {"from", str},
                {"to", {{"type", "string"}, {"nullable", true}}}, {"reason", str}}}}}}},
            {"masked", {{"type", "boolean"}}}}}}},
        {"DeathsReport", {{"type", "object"}, {"description", "see shared/include/yiyang/wire/verification_deaths.hpp"}}},
        {"DeathContactRequest", {{"type", "object"}, {"properties", {{"outcome", str}, {"day", str}, {"note", str}}}}},
        {"DeathContact", {{"type", "object"}, {"properties", {{"outcome", str}, {"outcome_label", str}, {"day", str},
            {"note", str}, {"by", str}, {"at", str}}}}},
        {"SamePersonRequest", {{"type", "object"}, {"properties", {{"reason", str}}}}},
        {"DeathNameMismatch", {{"type", "object"}, {"properties", {{"id_number", str}, {"subscriber_name", str},
            {"cremation_name", str}, {"died", str}}}}},
        {"NewSubjectsReport", {{"type", "object"}, {"description", "see shared/include/yiyang/wire/verification_deaths.hpp"}}},
        {"SampleDrawRequest", {{"type", "object"}, {"required", {"quarter", "draw_date"}},
            {"properties", {{"quarter", str}, {"draw_date", str}, {"seed", str}, {"by_town", {{"type", "boolean"}}},
            {"rate_num", integer}, {"rate_den", integer}, {"reason", str}}}}},
        {"SampleCallRequest", {{"type", "object"}, {"required", {"outcome"}},
            {"properties", {{"no", integer}, {"id_number", str}, {"outcome", str}, {"overall", str}, {"staff", str},
            {"package", str}, {"knows_sos", str}, {"suspension_reason", str}}}}},
        {"SampleReplaceRequest", {{"type", "object"}, {"properties", {{"no", integer}, {"id_number", str}}}}},
        {"SampleList", {{"type", "object"}, {"description", "see shared/include/yiyang/wire/verification_sampling.hpp"}}},
        {"SampleDetail", {{"type", "object"}, {"description", "see shared/include/yiyang/wire/verification_sampling.hpp"}}},
        {"SampleCallReply", {{"type", "object"}, {"description", "see shared/include/yiyang/wire/verification_sampling.hpp"}}},
        {"SampleReplaceReply", {{"type", "object"}, {"description", "see shared/include/yiyang/wire/verification_sampling.hpp"}}},
        {"CallbackReport", {{"type", "object"}, {"description", "see shared/include/yiyang/wire/verification_sampling.hpp"}}},
        {"CallbackPeople", {{"type", "object"}, {"description", "see shared/include/yiyang/wire/verification_callback_people.hpp"}}},
        {"SignoffList", {{"type", "object"}, {"description", "see shared/include/yiyang/wire/verification_signoff.hpp"}}},
        {"SignedReport", {{"type", "object"}, {"description", "see shared/include/yiyang/wire/verification_signoff.hpp"}}},
        {"SignRequest", {{"type", "object"}, {"required", {"quarter"}},
            {"properties", {{"quarter", str}, {"recommendations_zh", str}, {"note", str}}}}},
        {"SignoffActionRequest", {{"type", "object"}, {"properties", {{"note", str}}}}},
        {"CallImport", {{"type", "object"}, {"properties", {{"import_id", integer}, {"format", str},
            {"encoding", str}, {"encoding_name", str}, {"rows", integer}, {"imported", integer},
            {"duplicates", integer}, {"linked", integer}}}}},
        {"Overview", {{"type", "object"}, {"description", "see shared/include/yiyang/overview.hpp"}}},
        {"CoverageReply", {{"type", "object"}, {"description", "see shared/include/yiyang/wire/coverage.hpp"}}},
        {"PublicFigures", {{"type", "object"}, {"description", "see shared/include/yiyang/wire/public_figures.hpp"}}},   // kiosk-ui
        {"EvidencePhoto", {{"type", "object"}, {"properties", {{"id", integer}, {"order_id", integer},
            {"uploaded_by", str}, {"uploaded_at", ts}, {"sha256", str}, {"mime", str}, {"size", integer},
            {"width", integer}, {"height", integer}, {"thumb_url", str}, {"full_url", str},
            {"also_on_orders", {{"type", "array"}, {"items", str}}}, {"reuse_note", str}}}}},
        {"EvidenceList", {{"type", "object"}, {"properties", {{"order_id", integer}, {"order_code", str},
            {"may_attach", {{"type", "boolean"}}},
            {"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/EvidencePhoto"}}}}}}}}},
        {"OpenApi", {{"type", "object"}}},
    };
}

}  // namespace

json openapi_document(const Router& r, const std::string& version) {
    json paths = json::object();
    for (const auto& d : r.docs()) {
        json op = {{"summary", d.summary}, {"tags", {d.tag}}, {"operationId", d.method + " " + d.path}};
        if (auto roles = d.roles_text(); !roles.empty()) op["description"] = "Roles: " + roles;
        if (d.access.gate == RouteAccess::Gate::Permission) {
            op["x-permission"] = code(d.access.permission);
            op["x-roles"] = json::array();
            for (Role role : roles_with(d.access.permission).roles()) op["x-roles"].push_back(code(role));
        }
        json params = json::array();
        for (const auto& p : d.parameters) params.push_back(p);
        if (d.path.find("{id}") != std::string::npos) {
            params.push_back({{"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "integer"}}}});
        }
        if (d.path.find("{id_number}") != std::string::npos) {
            params.push_back({{"name", "id_number"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
        }
        if (!params.empty()) op["parameters"] = params;
        if (!d.request_schema.empty()) {
            op["requestBody"] = {{"required", true}, {"content", {{"application/json",
                {{"schema", {{"$ref", "#/components/schemas/" + d.request_schema}}}}}}}};
        }
        json responses = json::object();
        json ok = {{"description", "success"}};
        if (!d.response_schema.empty()) {
            ok["content"] = {{"application/json", {{"schema", {{"$ref", "#/components/schemas/" + d.response_schema}}}}}};
        }
        responses[std::to_string(d.success_status)] = ok;
        const json err = {{"description", "error"}, {"content", {{"application/json",
            {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
        for (const char* code : {"400", "401", "403", "404", "409", "422"}) responses[code] = err;
        op["responses"] = responses;
        std::string method = d.method;
        for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        paths[d.path][method] = op;
    }
    return {{"openapi", "3.0.3"},
            {"info", {{"title", "Yiyang (颐养) API"}, {"version", version},
                      {"description", "Smart elderly-care dispatch platform. Session cookie yy_session; "
                                      "state-changing requests need the header X-Yiyang-Request: 1."}}},
            {"servers", {{{"url", "/"}}}},
            {"paths", paths},
            {"components", {{"schemas", schemas()},
                            {"securitySchemes", {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "yy_session"}}}}}}},
            {"security", {{{"session", json::array()}}}}};
}

}  // namespace yiyang::http
