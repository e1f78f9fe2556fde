# Files compiled alone, outside the unity batches (cmake/BuildSpeed.cmake, yiyang_unity). Paths relative to the
# source root. Found by scripts/unity-check.sh; a new collision shows there as a redefinition or an ambiguity.
set(YIYANG_UNITY_SKIP
  # must be the first thing their unit sees
  server/http/connection_guard.cpp   # #undefs _FORTIFY_SOURCE before its first include
  shared/src/import.cpp              # its quoted(std::string_view) loses to std::quoted once <iomanip> is visible
  # an internal name (anonymous namespace) also defined by another file of the same target
  client_wasm/app/settlement.cpp
  client_wasm/app/verification_report.cpp
  client_wasm/app/verification_work.cpp
  client_wasm/ui/calls.cpp
  client_wasm/ui/elder_list.cpp
  client_wasm/ui/elder_profile.cpp
  client_wasm/ui/exhibition.cpp
  client_wasm/ui/intake.cpp
  client_wasm/ui/knowledge.cpp
  client_wasm/ui/kpis.cpp
  client_wasm/ui/order_detail.cpp
  client_wasm/ui/orders.cpp
  client_wasm/ui/provider_supervision.cpp
  client_wasm/ui/rules.cpp
  client_wasm/ui/settlement.cpp
  client_wasm/ui/target_table.cpp
  client_wasm/ui/verification_work.cpp
  client_wasm/ui/watch.cpp
  server/app/report_pdf.cpp
  server/http/contract_routes.cpp
  server/http/evidence_routes.cpp
  server/http/import_list_routes.cpp
  server/http/import_routes.cpp
  server/http/inspection_routes.cpp
  server/http/order_routes.cpp
  server/http/provider_routes.cpp
  server/http/public_routes.cpp
  server/http/settlement_routes.cpp
  server/http/static_files.cpp
  server/http/visit_routes.cpp
  server/store/calls.cpp
  server/store/elders.cpp
  server/store/evidence.cpp
  server/store/kiosk_devices.cpp
  server/store/knowledge.cpp
  server/store/kpi_daily.cpp
  server/store/kpi_inputs.cpp
  server/store/operation_reports.cpp
  server/store/orders.cpp
  server/store/rules.cpp
  server/store/settlement.cpp
  server/store/verification_lists.cpp
  server/store/verification_sampling.cpp
  server/store/verification_signoff.cpp
  server/store/visits.cpp
  shared/src/coverage_map.cpp
  shared/src/demo_city.cpp
  shared/src/dispatch.cpp
  shared/src/knowledge.cpp
  shared/src/kpi.cpp
  shared/src/order_lifecycle.cpp
  shared/src/order_request.cpp
  shared/src/rule_registry.cpp
  shared/src/settlement/fees.cpp
  shared/src/sla.cpp
  shared/src/sla_kpi.cpp
  shared/src/validation.cpp
  shared/src/wire/assessment_months.cpp
  shared/src/wire/table.cpp
)
