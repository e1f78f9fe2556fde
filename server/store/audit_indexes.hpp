// The WHERE clauses of the partial indexes over audit_events (migration 28), shared by the migration that creates
// them and the queries that must use them: SQLite uses a partial index only when the query's WHERE contains the
// index's terms as written, so they are spelled once. Never change one: a migration is kept as released (a change
// would need a new index in a new migration, and these names pointed at it).
//
// The JSON is read only when the text is valid JSON (an index's WHERE that raised "malformed JSON" would refuse the
// audit event's insert): every event is written as JSON today, this keeps it that way for any writer.
#pragma once

// Steps into and out of rectifying (整改): a valid complaint, an opened rectification, a callback that opened one,
// the close. The assessment's prefill reads the rectifications overlapping a month from these (app/assessment_prefill).
#define AUDIT_RECTIFICATION                                                                                           \
    "entity = 'work_order' AND action IN ('open_rectification', 'judge_complaint_valid', 'close_rectification', "     \
    "'callback') AND CASE WHEN json_valid(changes) THEN json_extract(changes, '$.to') = 'rectifying' OR "             \
    "json_extract(changes, '$.from') = 'rectifying' END"

// Callbacks where the elder said the service did not take place (回访：老人称未接受服务), by time.
#define AUDIT_NOT_RECEIVED                                                                                            \
    "entity = 'work_order' AND action = 'callback' AND CASE WHEN json_valid(changes) THEN "                           \
    "json_extract(changes, '$.details.service_received') = 0 END"
