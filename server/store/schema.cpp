// The database schema, as an append-only list of migrations. Never edit a released migration: add one.
#include "store/schema.hpp"

#include "store/audit.hpp"
#include "store/audit_indexes.hpp"
#include "store/elders.hpp"
#include "store/evidence_reuse.hpp"
#include "store/kpi_daily.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace yiyang::store {
namespace {

const std::vector<std::string>& migrations() {
    static const std::vector<std::string> list = {
        // 1: the foundation — reference data, elders, providers, users, sessions, orders, records, audit.
        R"SQL(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE rules (                       -- versioned rule sets (calendar, SLA, scorecard, fees, KPI targets)
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  version TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (kind, version)
);

CREATE TABLE towns (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  is_street INTEGER NOT NULL,
  lat_e6 INTEGER NOT NULL,
  lon_e6 INTEGER NOT NULL,
  communities TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE elders (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  id_number TEXT NOT NULL UNIQUE,
  birth_date TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('male','female')),
  phone TEXT NOT NULL DEFAULT '',
  town_id INTEGER NOT NULL REFERENCES towns(id),
  community TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  disability TEXT NOT NULL,
  subsidy_tier TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  death_date TEXT,
  health_notes TEXT NOT NULL DEFAULT '',
  enrolments TEXT NOT NULL DEFAULT '[]',
  lat_e6 INTEGER NOT NULL DEFAULT 0,
  lon_e6 INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX elders_town_status ON elders (town_id, status);
CREATE INDEX elders_status ON elders (status);
CREATE INDEX elders_name ON elders (name);
CREATE INDEX elders_phone ON elders (phone);

CREATE TABLE elder_categories (            -- one row per (elder, category); town copied for indexed filters
  category TEXT NOT NULL,
  town_id INTEGER NOT NULL,
  elder_id INTEGER NOT NULL REFERENCES elders(id) ON DELETE CASCADE,
  PRIMARY KEY (category, town_id, elder_id)
) WITHOUT ROWID;
CREATE INDEX elder_categories_elder ON elder_categories (elder_id);

CREATE TABLE providers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  licence_no TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  published_on_miniprogram INTEGER NOT NULL DEFAULT 0,
  radiates_to_points INTEGER NOT NULL DEFAULT 0,
  contact_phone TEXT NOT NULL DEFAULT '',
  staff_count INTEGER NOT NULL DEFAULT 0,
  rating_permille INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE provider_categories (
  provider_id INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
  category TEXT NOT NULL,
  PRIMARY KEY (provider_id, category)
) WITHOUT ROWID;
CREATE TABLE provider_towns (
  provider_id INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
  town_id INTEGER NOT NULL REFERENCES towns(id),
  PRIMARY KEY (provider_id, town_id)
) WITHOUT ROWID;
CREATE TABLE service_points (
  id INTEGER PRIMARY KEY,
  provider_id INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  town_id INTEGER NOT NULL REFERENCES towns(id),
  address TEXT NOT NULL DEFAULT '',
  lat_e6 INTEGER NOT NULL,
  lon_e6 INTEGER NOT NULL
);
CREATE INDEX service_points_provider ON service_points (provider_id);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  town_id INTEGER REFERENCES towns(id),
  provider_id INTEGER REFERENCES providers(id),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  failed_count INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  CHECK (role <> 'town' OR town_id IS NOT NULL),
  CHECK (role <> 'provider' OR provider_id IS NOT NULL)
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  ended_at INTEGER
) WITHOUT ROWID;

CREATE TABLE work_orders (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  type TEXT NOT NULL,
  categories TEXT NOT NULL DEFAULT '',     -- comma-separated service category codes
  elder_id INTEGER REFERENCES elders(id),
  town_id INTEGER NOT NULL REFERENCES towns(id),
  provider_id INTEGER REFERENCES providers(id),
  status TEXT NOT NULL,
  urgency TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  dispatched_at INTEGER,
  completed_at INTEGER,
  closed_at INTEGER,
  satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5)
);
CREATE INDEX work_orders_created ON work_orders (created_at);
CREATE INDEX work_orders_elder ON work_orders (elder_id);
CREATE INDEX work_orders_provider ON work_orders (provider_id, created_at);
CREATE INDEX work_orders_town ON work_orders (town_id, created_at);

CREATE TABLE service_records (             -- one visit or session = one 人次
  id INTEGER PRIMARY KEY,
  provider_id INTEGER NOT NULL REFERENCES providers(id),
  elder_id INTEGER NOT NULL REFERENCES elders(id),
  order_id INTEGER REFERENCES work_orders(id),
  category TEXT NOT NULL,
  caregiver TEXT NOT NULL DEFAULT '',
  started_at INTEGER NOT NULL,
  ended_at INTEGER NOT NULL,
  lat_e6 INTEGER NOT NULL DEFAULT 0,
  lon_e6 INTEGER NOT NULL DEFAULT 0,
  price_basis_fen INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX service_records_provider ON service_records (provider_id, started_at);
CREATE INDEX service_records_elder ON service_records (elder_id);

CREATE TABLE audit_events (                -- who, when, what, why: append-only
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_id INTEGER,
  actor TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER,
  action TEXT NOT NULL,
  changes TEXT NOT NULL DEFAULT '{}',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_entity ON audit_events (entity, entity_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;

-- Substring search over names and ID numbers (trigram: works for Chinese, needs >= 3 characters).
CREATE VIRTUAL TABLE elders_fts USING fts5 (name, id_number, phone, content='elders', content_rowid='id',
                                            tokenize='trigram');
CREATE TRIGGER elders_fts_ai AFTER INSERT ON elders BEGIN
  INSERT INTO elders_fts (rowid, name, id_number, phone) VALUES (new.id, new.name, new.id_number, new.phone);
END;
CREATE TRIGGER elders_fts_ad AFTER DELETE ON elders BEGIN
  INSERT INTO elders_fts (elders_fts, rowid, name, id_number, phone)
    VALUES ('delete', old.id, old.name, old.id_number, old.phone);
END;
CREATE TRIGGER elders_fts_au AFTER UPDATE OF name, id_number, phone ON elders BEGIN
  INSERT INTO elders_fts (elders_fts, rowid, name, id_number, phone)
    VALUES ('delete', old.id, old.name, old.id_number, old.phone);
  INSERT INTO elders_fts (rowid, name, id_number, phone) VALUES (new.id, new.name, new.id_number, new.phone);
END;
)SQL",
        // 2: the work-order lifecycle — pause clock, complaint judgement, optimistic concurrency, service
        //    evidence (decline / cancel reasons live in audit_events), and rule lookup by kind and date.
        R"SQL(
ALTER TABLE work_orders ADD COLUMN paused_since INTEGER;
ALTER TABLE work_orders ADD COLUMN complaint_valid INTEGER;
ALTER TABLE work_orders ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE INDEX work_orders_status ON work_orders (status, created_at);

CREATE TABLE order_evidence (              -- 服务凭证 given on completion (one row per complete action)
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES work_orders(id),
  caregiver TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER NOT NULL,
  place TEXT NOT NULL,
  photo_refs TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
);
CREATE INDEX order_evidence_order ON order_evidence (order_id, id);
CREATE INDEX rules_kind ON rules (kind, effective_from);
)SQL",
        // 3: category filters without a town walk (category, elder) in elder order.
        R"SQL(
CREATE INDEX elder_categories_cat_elder ON elder_categories (category, elder_id);
)SQL",
        // 4: call-detail records (CDR import) and their import batches.
        R"SQL(
CREATE TABLE call_imports (              -- one row per accepted CDR file (rejected files write nothing)
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id INTEGER REFERENCES users(id),
  username TEXT NOT NULL,
  file_name TEXT NOT NULL DEFAULT '',
  format TEXT NOT NULL,                    -- yiyang_csv | asterisk
  rows INTEGER NOT NULL,                   -- data rows in the file
  imported INTEGER NOT NULL,               -- new calls written
  duplicates INTEGER NOT NULL,             -- calls already present (same call key), skipped
  linked INTEGER NOT NULL                  -- new calls linked to a work order
);

CREATE TABLE calls (                       -- 话务记录 from the telephony system
  id INTEGER PRIMARY KEY,
  call_key TEXT NOT NULL UNIQUE,           -- Asterisk uniqueid / our call_id; else "caller@start"
  direction TEXT NOT NULL,                 -- inbound | outbound
  caller TEXT NOT NULL,
  callee TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  answered INTEGER NOT NULL,               -- 0 / 1 (disposition answered)
  answered_at INTEGER,
  ended_at INTEGER NOT NULL,
  disposition TEXT NOT NULL,               -- answered | no_answer | busy | abandoned | failed
  agent TEXT NOT NULL DEFAULT '',
  order_id INTEGER REFERENCES work_orders(id),
  import_id INTEGER NOT NULL REFERENCES call_imports(id)
);
CREATE INDEX calls_started ON calls (started_at);
CREATE INDEX calls_order ON calls (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX calls_import ON calls (import_id);
-- Indicators read a period's orders through this covering index alone (GET /api/v1/kpis, kpi_inputs.cpp).
CREATE INDEX work_orders_kpi ON work_orders (created_at, type, channel, status, satisfaction, complaint_valid,
                                             town_id, provider_id);
)SQL",
        // 5: knowledge base articles, their edit history and the FTS5 trigram index.
        R"SQL(
CREATE TABLE kb_articles (                -- 知识库文章: the current text; every version is in kb_article_versions
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',         -- JSON array of strings
  tags_text TEXT NOT NULL DEFAULT '',      -- the tags joined by spaces, for the search index
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id), -- NULL = seeded by the system
  updated_at INTEGER NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  archived INTEGER NOT NULL DEFAULT 0,
  seed_key TEXT UNIQUE                     -- assets/knowledge key or provider:ID; NULL for articles people wrote
);
CREATE INDEX kb_articles_kind ON kb_articles (kind, updated_at);
CREATE INDEX kb_articles_updated ON kb_articles (updated_at);

CREATE TABLE kb_article_versions (        -- who changed what, when and why, with the text of each version
  article_id INTEGER NOT NULL REFERENCES kb_articles(id),
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  changed_at INTEGER NOT NULL,
  changed_by INTEGER REFERENCES users(id),
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (article_id, version)
) WITHOUT ROWID;

-- Substring search in Chinese (trigram: needs >= 3 characters; shorter words are scanned with instr()).
CREATE VIRTUAL TABLE kb_fts USING fts5 (title, body, tags_text, content='kb_articles', content_rowid='id',
                                        tokenize='trigram');
CREATE TRIGGER kb_fts_ai AFTER INSERT ON kb_articles BEGIN
  INSERT INTO kb_fts (rowid, title, body, tags_text) VALUES (new.id, new.title, new.body, new.tags_text);
END;
CREATE TRIGGER kb_fts_ad AFTER DELETE ON kb_articles BEGIN
  INSERT INTO kb_fts (kb_fts, rowid, title, body, tags_text) VALUES ('delete', old.id, old.title, old.body, old.tags_text);
END;
CREATE TRIGGER kb_fts_au AFTER UPDATE OF title, body, tags_text ON kb_articles BEGIN
  INSERT INTO kb_fts (kb_fts, rowid, title, body, tags_text) VALUES ('delete', old.id, old.title, old.body, old.tags_text);
  INSERT INTO kb_fts (rowid, title, body, tags_text) VALUES (new.id, new.title, new.body, new.tags_text);
END;
)SQL",
        // 6: emergency acknowledgement and the live feed.
        R"SQL(
ALTER TABLE work_orders ADD COLUMN acknowledged_at INTEGER;   -- emergencies: 确认接警 (lifecycle "acknowledge")
ALTER TABLE work_orders ADD COLUMN acknowledged_by INTEGER REFERENCES users(id);
-- The live feed's change number is the newest work-order audit event: MAX(id) and "since" walk this index.
CREATE INDEX audit_entity_seq ON audit_events (entity, id);
-- The open emergencies every seat's screen polls for.
CREATE INDEX work_orders_type_status ON work_orders (type, status);
CREATE INDEX IF NOT EXISTS elders_phone ON elders (phone);   -- caller lookup by phone (exists since 1)
)SQL",
        // 7: order list and creation speed.
        R"SQL(
-- Filtered pages walk an index whose equality columns come first and created_at last (the sort), so a page
-- reads only its own rows: town + status (also the open-orders scan of the overdue filter), type, channel
-- (type + channel walks one of them in created_at order: no sort of a whole type).
CREATE INDEX work_orders_town_status ON work_orders (town_id, status, created_at);
CREATE INDEX work_orders_type ON work_orders (type, created_at);
CREATE INDEX work_orders_channel ON work_orders (channel, created_at);
-- Exact totals for the list ("共 N 条") without counting millions of rows: orders per town, status, type,
-- channel and month of creation (yyyymm), kept by triggers in the same transaction as every change.
-- Bulk loads drop the triggers and call store::rebuild_order_counts() afterwards.
CREATE TABLE order_counts (
  town_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  type TEXT NOT NULL,
  channel TEXT NOT NULL,
  month INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (town_id, status, type, channel, month)
) WITHOUT ROWID;
INSERT INTO order_counts (town_id, status, type, channel, month, n)
  SELECT town_id, status, type, channel, CAST(strftime('%Y%m', created_at, 'unixepoch') AS INTEGER), COUNT(*)
  FROM work_orders GROUP BY 1, 2, 3, 4, 5;
CREATE TRIGGER order_counts_ai AFTER INSERT ON work_orders BEGIN
  INSERT INTO order_counts (town_id, status, type, channel, month, n)
    VALUES (new.town_id, new.status, new.type, new.channel,
            CAST(strftime('%Y%m', new.created_at, 'unixepoch') AS INTEGER), 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER order_counts_ad AFTER DELETE ON work_orders BEGIN
  UPDATE order_counts SET n = n - 1
    WHERE town_id = old.town_id AND status = old.status AND type = old.type AND channel = old.channel
      AND month = CAST(strftime('%Y%m', old.created_at, 'unixepoch') AS INTEGER);
END;
CREATE TRIGGER order_counts_au AFTER UPDATE OF town_id, status, type, channel, created_at ON work_orders
  WHEN old.town_id IS NOT new.town_id OR old.status IS NOT new.status OR old.type IS NOT new.type
    OR old.channel IS NOT new.channel OR old.created_at IS NOT new.created_at
BEGIN
  UPDATE order_counts SET n = n - 1
    WHERE town_id = old.town_id AND status = old.status AND type = old.type AND channel = old.channel
      AND month = CAST(strftime('%Y%m', old.created_at, 'unixepoch') AS INTEGER);
  INSERT INTO order_counts (town_id, status, type, channel, month, n)
    VALUES (new.town_id, new.status, new.type, new.channel,
            CAST(strftime('%Y%m', new.created_at, 'unixepoch') AS INTEGER), 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- The last sequence number of each day's order codes (day = yyyymmdd), see store::insert_order.
CREATE TABLE order_code_seq (day INTEGER PRIMARY KEY, last INTEGER NOT NULL);
-- Statistics for the new indexes on a database that already holds orders (a new one is analysed after load).
PRAGMA analysis_limit = 2000;
ANALYZE work_orders;
)SQL",
        // Incremental indicators (store/kpi_daily.hpp): per-day aggregates kept in the transaction of every write,
        // with a monthly roll-up (periods are whole months; a year sums 12 rows per bucket instead of 365). The
        // tables are filled by store::refresh_kpi_aggregates, which migrate() runs after this migration.
        R"SQL(
-- Order formulas: numerator / denominator counters (kpi.hpp order_kpi_formulas) per created day, town and
-- provider (0 = none). Bucket keys: day yyyymmdd, month yyyymm.
CREATE TABLE kpi_daily (
  day INTEGER NOT NULL, town_id INTEGER NOT NULL, provider_id INTEGER NOT NULL,
  response_rate_num INTEGER NOT NULL DEFAULT 0, response_rate_den INTEGER NOT NULL DEFAULT 0,
  satisfaction_num INTEGER NOT NULL DEFAULT 0, satisfaction_den INTEGER NOT NULL DEFAULT 0,
  valid_complaint_rate_num INTEGER NOT NULL DEFAULT 0, valid_complaint_rate_den INTEGER NOT NULL DEFAULT 0,
  demand_matching_rate_num INTEGER NOT NULL DEFAULT 0, demand_matching_rate_den INTEGER NOT NULL DEFAULT 0,
  portal_acceptance_rate_num INTEGER NOT NULL DEFAULT 0, portal_acceptance_rate_den INTEGER NOT NULL DEFAULT 0,
  referral_callback_rate_num INTEGER NOT NULL DEFAULT 0, referral_callback_rate_den INTEGER NOT NULL DEFAULT 0,
  emergency_answer_rate_num INTEGER NOT NULL DEFAULT 0, emergency_answer_rate_den INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, town_id, provider_id)
) WITHOUT ROWID;
CREATE TABLE kpi_monthly (
  month INTEGER NOT NULL, town_id INTEGER NOT NULL, provider_id INTEGER NOT NULL,
  response_rate_num INTEGER NOT NULL DEFAULT 0, response_rate_den INTEGER NOT NULL DEFAULT 0,
  satisfaction_num INTEGER NOT NULL DEFAULT 0, satisfaction_den INTEGER NOT NULL DEFAULT 0,
  valid_complaint_rate_num INTEGER NOT NULL DEFAULT 0, valid_complaint_rate_den INTEGER NOT NULL DEFAULT 0,
  demand_matching_rate_num INTEGER NOT NULL DEFAULT 0, demand_matching_rate_den INTEGER NOT NULL DEFAULT 0,
  portal_acceptance_rate_num INTEGER NOT NULL DEFAULT 0, portal_acceptance_rate_den INTEGER NOT NULL DEFAULT 0,
  referral_callback_rate_num INTEGER NOT NULL DEFAULT 0, referral_callback_rate_den INTEGER NOT NULL DEFAULT 0,
  emergency_answer_rate_num INTEGER NOT NULL DEFAULT 0, emergency_answer_rate_den INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (month, town_id, provider_id)
) WITHOUT ROWID;
-- SLA compliance per rule of SETTLED orders (kpi_aggregate.hpp sla_contribution): clocks met / decided.
CREATE TABLE kpi_sla_daily (
  day INTEGER NOT NULL, town_id INTEGER NOT NULL, provider_id INTEGER NOT NULL, rule TEXT NOT NULL,
  met INTEGER NOT NULL DEFAULT 0, decided INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, town_id, provider_id, rule)
) WITHOUT ROWID;
CREATE TABLE kpi_sla_monthly (
  month INTEGER NOT NULL, town_id INTEGER NOT NULL, provider_id INTEGER NOT NULL, rule TEXT NOT NULL,
  met INTEGER NOT NULL DEFAULT 0, decided INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (month, town_id, provider_id, rule)
) WITHOUT ROWID;
-- Orders whose SLA clocks are not in kpi_sla_* (not settled): evaluated from their records at query time.
CREATE TABLE kpi_pending (
  order_id INTEGER PRIMARY KEY, day INTEGER NOT NULL, town_id INTEGER NOT NULL, provider_id INTEGER NOT NULL,
  recheck_at INTEGER NOT NULL
);
CREATE INDEX kpi_pending_recheck ON kpi_pending (recheck_at);
CREATE INDEX kpi_pending_day ON kpi_pending (day);
-- Calls per started day (distinct agents do not add up across imports: a day's row is recomputed whole).
CREATE TABLE kpi_calls_daily (
  day INTEGER PRIMARY KEY, inbound INTEGER NOT NULL, connected INTEGER NOT NULL, calls INTEGER NOT NULL,
  staffing_calls INTEGER NOT NULL, agents INTEGER NOT NULL
);
-- built = '1' once filled; sla_rules = the SLA rules and calendars the SLA aggregates were computed with.
CREATE TABLE kpi_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)SQL",
        // 9: the audit log becomes a hash chain (store/audit.hpp): each row keeps the previous row's hash and its
        //    own. The rows written before are chained by chain_unhashed_audit_events() right after this SQL, in
        //    the same transaction (see migrate()).
        R"SQL(
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_events ADD COLUMN hash TEXT;
)SQL",
        // 10: evidence photos (store/evidence.hpp). The bytes are BLOBs in this database, not files under the data
        //     folder: a photo, its thumbnail, its row and its audit event are written in one transaction (all or
        //     nothing: no orphan file, no row without its file) and one backup of yiyang.db holds them all. Photos
        //     are bounded (8 MiB each, 20 per order); thumbnails are ~10 KB. Indexed by sha256 for the reuse check.
        R"SQL(
CREATE TABLE evidence_photos (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES work_orders(id),
  uploader_id INTEGER NOT NULL REFERENCES users(id),
  uploader TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  orientation INTEGER NOT NULL DEFAULT 1,
  bytes BLOB NOT NULL,
  thumb BLOB NOT NULL
);
CREATE INDEX evidence_photos_order ON evidence_photos (order_id, id);
CREATE INDEX evidence_photos_sha ON evidence_photos (sha256, order_id);
)SQL",
        // 11: imports of the verification lists (issue 10, store/imports.hpp): each import kept with its file (so it
        //     can be downloaded again) and counts; the subscriber ledger (信息化服务台账) keyed by ID number, which
        //     makes importing the same file twice a no-op. Dates are ISO text (YYYY-MM-DD).
        R"SQL(
CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  list TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  file_kind TEXT NOT NULL,
  encoding TEXT NOT NULL DEFAULT '',
  sheet TEXT NOT NULL DEFAULT '',
  user_id INTEGER NOT NULL REFERENCES users(id),
  username TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  added INTEGER NOT NULL DEFAULT 0,
  changed INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  file BLOB NOT NULL
);
CREATE INDEX import_batches_list ON import_batches (list, id);
CREATE TABLE info_subscribers (
  id_number TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  town TEXT NOT NULL,
  opened TEXT NOT NULL,
  removed TEXT,
  removal_reason TEXT NOT NULL DEFAULT '',
  import_id INTEGER NOT NULL REFERENCES import_batches(id)
);
)SQL",
        // 12: the elder list sorted by name (GET /api/v1/elders?sort=name) under a town or a status filter walks an
        //     index in (name, id) order instead of sorting the town's / status's elders (570 000 active elders in the
        //     city: 1.4 s cold). Without a filter elders_name already does (rowid is its tail).
        R"SQL(
CREATE INDEX elders_town_name ON elders (town_id, name);
CREATE INDEX elders_status_name ON elders (status, name);
)SQL",
        // 13: what a complaint is about (投诉对象, order_request.hpp check_complaint_link): the earlier order and the
        //     provider, both nullable (most orders are not complaints; a caller may know only the company).
        //     Partial indexes answer "complaints about order Y" (the earlier order's 相关投诉) and "about provider X".
        R"SQL(
ALTER TABLE work_orders ADD COLUMN about_order_id INTEGER REFERENCES work_orders(id);
ALTER TABLE work_orders ADD COLUMN about_provider_id INTEGER REFERENCES providers(id);
CREATE INDEX work_orders_about_order ON work_orders (about_order_id, created_at) WHERE about_order_id IS NOT NULL;
CREATE INDEX work_orders_about_provider ON work_orders (about_provider_id, created_at) WHERE about_provider_id IS NOT NULL;
)SQL",
        // 14: 2-character name searches (GET /api/v1/elders?q=嫦莲, orders of elders so named) look the pair up in
        //     name_bigrams instead of scanning 600 000 names with LIKE (elders.hpp name_bigrams_select: every
        //     distinct pair of adjacent characters, ASCII lower-cased; kept by triggers, filled here in key order).
        //     And the work queues' counts (GET /api/v1/queues) and pages read a small covering index of the orders
        //     that can be in a queue (orders.cpp kQueueStatusesSql: the same expression, or SQLite won't use it)
        //     instead of one table row per order for paused_since. The elder index gains created_at: the orders of
        //     elders so named, newest first, are sorted from the index and only the page's rows read (447 orders of
        //     the 莲妙s: 5.5 → 0.5 ms).
        std::string(R"SQL(
CREATE TABLE name_bigrams (
  bigram TEXT NOT NULL,
  elder_id INTEGER NOT NULL,
  PRIMARY KEY (bigram, elder_id)
) WITHOUT ROWID;
CREATE TRIGGER name_bigrams_ai AFTER INSERT ON elders BEGIN
  INSERT INTO name_bigrams (bigram, elder_id) )SQL") + name_bigrams_select("new.name", "new.id") + R"SQL(;
END;
CREATE TRIGGER name_bigrams_ad AFTER DELETE ON elders BEGIN
  DELETE FROM name_bigrams WHERE elder_id = old.id AND bigram IN (SELECT bigram FROM ()SQL" +
            name_bigrams_select("old.name", "old.id") + R"SQL());
END;
CREATE TRIGGER name_bigrams_au AFTER UPDATE OF id, name ON elders
WHEN old.name IS NOT new.name OR old.id IS NOT new.id BEGIN
  DELETE FROM name_bigrams WHERE elder_id = old.id AND bigram IN (SELECT bigram FROM ()SQL" +
            name_bigrams_select("old.name", "old.id") + R"SQL());
  INSERT INTO name_bigrams (bigram, elder_id) )SQL" + name_bigrams_select("new.name", "new.id") + R"SQL(;
END;
INSERT INTO name_bigrams (bigram, elder_id) SELECT bigram, elder_id FROM ()SQL" +
            name_bigrams_select("e.name", "e.id", "elders e INDEXED BY elders_name, ") + R"SQL() ORDER BY bigram, elder_id;
CREATE INDEX work_orders_queues ON work_orders (status, type, town_id)
  WHERE paused_since IS NULL AND status IN ('completed', 'escalated', 'received', 'reviewed');
DROP INDEX work_orders_elder;
CREATE INDEX work_orders_elder ON work_orders (elder_id, created_at);
)SQL",
        // 15: the other four verification lists (issue 10, store/list_imports.hpp), each keyed by its natural key so
        //     that importing the same file twice is a no-op: service records by 记录编号, cremations by ID number,
        //     phone checks and callbacks by subject (ID number, or the phone when the row has none) and date.
        //     first_import_id tells an added row from a changed one (the upsert's RETURNING); import_id = last change.
        R"SQL(
CREATE TABLE list_service_records (
  record_no TEXT PRIMARY KEY,
  id_number TEXT NOT NULL,
  name TEXT NOT NULL,
  day TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  item TEXT NOT NULL,
  caregiver TEXT NOT NULL,
  evidence TEXT NOT NULL DEFAULT '',
  first_import_id INTEGER NOT NULL REFERENCES import_batches(id),
  import_id INTEGER NOT NULL REFERENCES import_batches(id)
) WITHOUT ROWID;
CREATE TABLE list_cremations (
  id_number TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  died TEXT NOT NULL,
  cremated TEXT,
  first_import_id INTEGER NOT NULL REFERENCES import_batches(id),
  import_id INTEGER NOT NULL REFERENCES import_batches(id)
) WITHOUT ROWID;
CREATE TABLE list_phone_checks (
  subject TEXT NOT NULL,
  day TEXT NOT NULL,
  id_number TEXT NOT NULL,
  phone TEXT NOT NULL,
  outcome TEXT NOT NULL,
  eligible INTEGER,
  note TEXT NOT NULL DEFAULT '',
  first_import_id INTEGER NOT NULL REFERENCES import_batches(id),
  import_id INTEGER NOT NULL REFERENCES import_batches(id),
  PRIMARY KEY (subject, day)
) WITHOUT ROWID;
CREATE TABLE list_callbacks (
  subject TEXT NOT NULL,
  day TEXT NOT NULL,
  id_number TEXT NOT NULL,
  phone TEXT NOT NULL,
  outcome TEXT NOT NULL,
  overall TEXT,
  staff TEXT,
  package TEXT,
  knows_sos INTEGER,
  suspension_reason TEXT NOT NULL DEFAULT '',
  first_import_id INTEGER NOT NULL REFERENCES import_batches(id),
  import_id INTEGER NOT NULL REFERENCES import_batches(id),
  PRIMARY KEY (subject, day)
) WITHOUT ROWID;
CREATE INDEX import_batches_time ON import_batches (imported_at, id);
)SQL",
        // 16: enrolments (which programme an elder is in, from when to when) become a table of their own instead of
        //     the JSON column elders.enrolments, so that "subscribers of the information service at the start of a
        //     month" is a query (issue 10, 信息化服务数量). The JSON is moved over in order and the column dropped.
        //     The subscriber ledger stand-in of migration 11 (info_subscribers) is dropped: an imported subscriber is
        //     now an elder with an info_service enrolment (store/subscriber_import.cpp); its files stay in
        //     import_batches and re-importing them rebuilds the same rows. Dates are ISO text; to_date is the day the
        //     enrolment ended (拆机日期), NULL while open.
        R"SQL(
CREATE TABLE enrolments (
  id INTEGER PRIMARY KEY,
  elder_id INTEGER NOT NULL REFERENCES elders(id) ON DELETE CASCADE,
  programme TEXT NOT NULL,
  from_date TEXT NOT NULL,
  to_date TEXT,
  removal_reason TEXT NOT NULL DEFAULT '',
  import_id INTEGER REFERENCES import_batches(id)
);
CREATE INDEX enrolments_elder ON enrolments (elder_id, programme, from_date);
CREATE INDEX enrolments_programme_from ON enrolments (programme, from_date);
CREATE INDEX enrolments_programme_to ON enrolments (programme, to_date);
INSERT INTO enrolments (elder_id, programme, from_date, to_date)
  SELECT e.id, json_extract(j.value, '$.programme'), json_extract(j.value, '$.from'), json_extract(j.value, '$.to')
  FROM elders e, json_each(e.enrolments) j WHERE json_valid(e.enrolments) ORDER BY e.id, j.key;
ALTER TABLE elders DROP COLUMN enrolments;
DROP TABLE info_subscribers;
)SQL",
        // 17: physical-service flags (issue 10, 实体服务): which provider's file a service record came from (the provider
        //     answers its own flags; NULL for records imported before attribution), a supervisor's decisions on
        //     flagged records (the latest per record counts; earlier ones stay as history) and providers' answers.
        //     Keyed by record number, not by a foreign key: a record re-imported under the same number keeps them.
        R"SQL(
ALTER TABLE list_service_records ADD COLUMN provider_id INTEGER REFERENCES providers(id);
CREATE INDEX list_service_records_provider ON list_service_records (provider_id, day);
CREATE TABLE physical_decisions (
  id INTEGER PRIMARY KEY,
  record_no TEXT NOT NULL,
  payable INTEGER NOT NULL,
  reason TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  username TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX physical_decisions_record ON physical_decisions (record_no, id);
CREATE TABLE physical_answers (
  id INTEGER PRIMARY KEY,
  record_no TEXT NOT NULL,
  provider_id INTEGER NOT NULL REFERENCES providers(id),
  text TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  username TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX physical_answers_record ON physical_answers (record_no, id);
)SQL",
        // 18: the death reconciliation's decisions (issue 10,
        //     store/verification_deaths.hpp) — each family-contact step (kept, the latest shown) and each ID match
        //     under another name that staff confirmed to be the same person (for that pair of names only).
        R"SQL(
CREATE TABLE verification_death_contacts (
  id INTEGER PRIMARY KEY,
  id_key TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('confirmed_dead', 'number_kept_self_paid')),
  day TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  user_id INTEGER REFERENCES users(id),
  username TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX verification_death_contacts_key ON verification_death_contacts (id_key, id);
CREATE TABLE verification_same_person (
  id_key TEXT PRIMARY KEY,
  subscriber_name TEXT NOT NULL,
  cremation_name TEXT NOT NULL,
  reason TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  username TEXT NOT NULL,
  confirmed_at INTEGER NOT NULL
) WITHOUT ROWID;
)SQL",
        // 19: callback sampling (回访抽样, issue 10). A draw keeps its whole frame as drawn — every subscriber active on
        //     the draw date with its town, SHA-256 key and place in its stratum's key order — so that no later ledger
        //     change alters the list; `no` is the subject's index in the call list (1..n drawn, then replacements in
        //     the order taken). One current draw per quarter (a later draw supersedes it, with a reason). Calls
        //     recorded on a draw have their own table, not list_callbacks: an imported row is one per subject and day
        //     and belongs to an import batch, while an agent may call the same person several times a day; the
        //     figures read both.
        R"SQL(
CREATE TABLE sample_draws (
  id INTEGER PRIMARY KEY,
  quarter TEXT NOT NULL,
  draw_date TEXT NOT NULL,
  seed TEXT NOT NULL,
  algorithm TEXT NOT NULL,
  rate_num INTEGER NOT NULL,
  rate_den INTEGER NOT NULL,
  rule_version TEXT NOT NULL DEFAULT '',
  by_town INTEGER NOT NULL,
  frame_size INTEGER NOT NULL,
  size INTEGER NOT NULL,
  drawn_by TEXT NOT NULL,
  drawn_by_id INTEGER,
  drawn_at INTEGER NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  current INTEGER NOT NULL DEFAULT 1,
  superseded_by INTEGER REFERENCES sample_draws(id)
);
CREATE UNIQUE INDEX sample_draws_current ON sample_draws (quarter) WHERE current = 1;
CREATE TABLE sample_frame (
  draw_id INTEGER NOT NULL REFERENCES sample_draws(id),
  id_number TEXT NOT NULL,
  town TEXT NOT NULL,
  stratum TEXT NOT NULL,
  ord INTEGER NOT NULL,
  key TEXT NOT NULL,
  sampled INTEGER NOT NULL,
  no INTEGER,
  replaces TEXT,
  PRIMARY KEY (draw_id, id_number)
) WITHOUT ROWID;
CREATE UNIQUE INDEX sample_frame_no ON sample_frame (draw_id, no) WHERE no IS NOT NULL;
CREATE TRIGGER sample_frame_frozen BEFORE UPDATE OF id_number, town, stratum, ord, key, sampled ON sample_frame
BEGIN SELECT RAISE(ABORT, 'a drawn sample frame is frozen'); END;
CREATE TABLE sample_calls (
  id INTEGER PRIMARY KEY,
  draw_id INTEGER NOT NULL REFERENCES sample_draws(id),
  id_number TEXT NOT NULL,
  day TEXT NOT NULL,
  outcome TEXT NOT NULL,
  overall TEXT,
  staff TEXT,
  package TEXT,
  knows_sos INTEGER,
  suspension_reason TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_by_id INTEGER,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX sample_calls_draw ON sample_calls (draw_id, id_number, id);
)SQL",
        // 20: sign-off and sealing of the quarterly report (签署与封存, issue 10, store/verification_signoff.hpp). A signed
        //     report keeps what it certified — the figures (canonical JSON) and the gzipped snapshot of the records
        //     behind them, the PDF and the XLSX — each with its SHA-256; those columns never change (trigger) and no
        //     report is deleted. status: signed | countersigned | returned | superseded. A quarter is sealed while it
        //     has a signed or countersigned report and no open correction (one open per quarter at most); the
        //     correction is closed by the supplement (补充报告第N号) signed after it.
        R"SQL(
CREATE TABLE signed_reports (
  id INTEGER PRIMARY KEY,
  quarter TEXT NOT NULL,
  supplement_no INTEGER NOT NULL,
  cites_id INTEGER REFERENCES signed_reports(id),
  title_zh TEXT NOT NULL,
  district_name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('signed', 'countersigned', 'returned', 'superseded')),
  signed_by TEXT NOT NULL,
  signed_role TEXT NOT NULL,
  signed_by_id INTEGER,
  signed_at INTEGER NOT NULL,
  sign_note TEXT NOT NULL DEFAULT '',
  countersigned_by TEXT NOT NULL DEFAULT '',
  countersigned_by_id INTEGER,
  countersigned_at INTEGER,
  countersign_note TEXT NOT NULL DEFAULT '',
  returned_reason TEXT NOT NULL DEFAULT '',
  returned_by TEXT NOT NULL DEFAULT '',
  returned_at INTEGER,
  reason TEXT NOT NULL DEFAULT '',
  figures TEXT NOT NULL,
  figures_sha256 TEXT NOT NULL,
  snapshot BLOB NOT NULL,
  snapshot_sha256 TEXT NOT NULL,
  snapshot_rows INTEGER NOT NULL,
  pdf BLOB NOT NULL,
  pdf_sha256 TEXT NOT NULL,
  xlsx BLOB NOT NULL,
  xlsx_sha256 TEXT NOT NULL,
  changes TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX signed_reports_quarter ON signed_reports (quarter, id);
CREATE UNIQUE INDEX signed_reports_head ON signed_reports (quarter) WHERE status IN ('signed', 'countersigned');
CREATE TRIGGER signed_reports_kept BEFORE UPDATE OF quarter, supplement_no, cites_id, title_zh, signed_by, signed_at,
  figures, figures_sha256, snapshot, snapshot_sha256, snapshot_rows, pdf, pdf_sha256, xlsx, xlsx_sha256, changes
  ON signed_reports
BEGIN SELECT RAISE(ABORT, 'a signed report is kept as signed'); END;
CREATE TRIGGER signed_reports_no_delete BEFORE DELETE ON signed_reports
BEGIN SELECT RAISE(ABORT, 'signed reports are never deleted'); END;
CREATE TABLE signoff_corrections (
  id INTEGER PRIMARY KEY,
  quarter TEXT NOT NULL,
  report_id INTEGER NOT NULL REFERENCES signed_reports(id),
  reason TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  opened_by_id INTEGER,
  opened_at INTEGER NOT NULL,
  closed_by_report INTEGER REFERENCES signed_reports(id),
  closed_at INTEGER
);
CREATE UNIQUE INDEX signoff_corrections_open ON signoff_corrections (quarter) WHERE closed_by_report IS NULL;
)SQL",
        // 21: the monthly assessment (考核, issue 11). The bureau's departments (股室) that score, a department for
        //     the users who score for one (a supervisor with a department fills and signs only that department's
        //     sheet; the leader role fills the review and signs the whole), the projects a provider is contracted
        //     for (a provider in several is graded by its lowest project), one row per provider × project × month,
        //     and one sheet per department plus the leader's review (department_code '_leader'). `entries` is the
        //     sheet as entered (wire type in shared/include/yiyang/wire/, prefilled count, count, reason, note,
        //     evidence per item); `prefill` is the wire::AssessmentPrefill the month was opened with (the drill-down: the
//     settlement reads the service_not_real item's people as the faked subjects). Once the leader signs, the month's figures (wire::AssessmentMonth as signed),
        //     grade and payout are frozen: the settlement reads payout_bp and grade_code from here.
        R"SQL(
CREATE TABLE departments (
  code TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;
ALTER TABLE users ADD COLUMN department_code TEXT REFERENCES departments(code);
CREATE TABLE care_projects (
  code TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE provider_projects (
  provider_id INTEGER NOT NULL REFERENCES providers(id),
  project_code TEXT NOT NULL REFERENCES care_projects(code),
  PRIMARY KEY (provider_id, project_code)
) WITHOUT ROWID;
CREATE TABLE assessment_months (
  id INTEGER PRIMARY KEY,
  provider_id INTEGER NOT NULL REFERENCES providers(id),
  project_code TEXT NOT NULL REFERENCES care_projects(code),
  month TEXT NOT NULL,
  rule_version TEXT NOT NULL,
  prefill TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'signed')),
  created_by_id INTEGER,
  created_at INTEGER NOT NULL,
  figures TEXT,
  figures_sha256 TEXT,
  total_num INTEGER,
  total_den INTEGER,
  total_text TEXT,
  grade_code TEXT CHECK (grade_code IS NULL OR grade_code IN ('excellent', 'good', 'pass', 'fail')),
  payout_bp INTEGER,
  signed_by TEXT,
  signed_by_id INTEGER,
  signed_at INTEGER,
  UNIQUE (provider_id, project_code, month),
  CHECK (status = 'open' OR (figures IS NOT NULL AND grade_code IS NOT NULL AND payout_bp IS NOT NULL AND signed_at IS NOT NULL))
);
CREATE INDEX assessment_months_month ON assessment_months (month, provider_id);
CREATE TRIGGER assessment_months_kept BEFORE UPDATE ON assessment_months WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed assessment month is kept as signed'); END;
CREATE TRIGGER assessment_months_no_delete BEFORE DELETE ON assessment_months WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'signed assessment months are never deleted'); END;
CREATE TABLE assessment_sheets (
  month_id INTEGER NOT NULL REFERENCES assessment_months(id),
  department_code TEXT NOT NULL,
  entries TEXT NOT NULL,
  subjects_checked INTEGER NOT NULL DEFAULT 0,
  subjects_total INTEGER NOT NULL DEFAULT 0,
  updated_by_id INTEGER,
  updated_at INTEGER NOT NULL,
  signed_by TEXT,
  signed_by_id INTEGER,
  signed_at INTEGER,
  PRIMARY KEY (month_id, department_code)
) WITHOUT ROWID;
CREATE TRIGGER assessment_sheets_kept BEFORE UPDATE ON assessment_sheets WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed assessment sheet is kept as signed'); END;
)SQL",
        // 22: settlement statements signed and sealed (结算单, issue 11, store/settlement.hpp). One row per signature:
        //     supplement_no 0 is the month's statement of a provider, N the 补充结算单第N号 citing the one it corrects
        //     (which becomes superseded: status is the only column that ever changes, and only signed → superseded).
        //     What was signed — the figures (canonical JSON of wire::SettlementStatementView), the PDF and the XLSX —
        //     is kept with its SHA-256 and never changes (trigger); no statement is deleted. One signed statement per
        //     provider × month at a time (unique index). Objections (申诉): filed by the provider's user on its own
        //     signed statement within the rule's workdays; answered once (upheld | rejected) by a supervisor.
        R"SQL(
CREATE TABLE settlement_statements (
  id INTEGER PRIMARY KEY,
  provider_id INTEGER NOT NULL REFERENCES providers(id),
  month TEXT NOT NULL,
  supplement_no INTEGER NOT NULL CHECK (supplement_no >= 0),
  cites_id INTEGER REFERENCES settlement_statements(id),
  status TEXT NOT NULL CHECK (status IN ('signed', 'superseded')),
  reason TEXT NOT NULL DEFAULT '',
  figures TEXT NOT NULL,
  figures_sha256 TEXT NOT NULL,
  payable_fen INTEGER NOT NULL CHECK (payable_fen >= 0),
  receivable_fen INTEGER NOT NULL DEFAULT 0,
  pdf BLOB NOT NULL,
  pdf_sha256 TEXT NOT NULL,
  xlsx BLOB NOT NULL,
  xlsx_sha256 TEXT NOT NULL,
  signed_by TEXT NOT NULL,
  signed_role TEXT NOT NULL,
  signed_by_id INTEGER,
  signed_at INTEGER NOT NULL,
  UNIQUE (provider_id, month, supplement_no),
  CHECK ((supplement_no = 0) = (cites_id IS NULL))
);
CREATE INDEX settlement_statements_month ON settlement_statements (month, provider_id, id);
CREATE UNIQUE INDEX settlement_statements_head ON settlement_statements (provider_id, month) WHERE status = 'signed';
CREATE TRIGGER settlement_statements_kept BEFORE UPDATE OF id, provider_id, month, supplement_no, cites_id, reason,
  figures, figures_sha256, payable_fen, receivable_fen, pdf, pdf_sha256, xlsx, xlsx_sha256, signed_by, signed_role,
  signed_by_id, signed_at ON settlement_statements
BEGIN SELECT RAISE(ABORT, 'a signed settlement statement is kept as signed'); END;
CREATE TRIGGER settlement_statements_status BEFORE UPDATE OF status ON settlement_statements
  WHEN NOT (OLD.status = 'signed' AND NEW.status = 'superseded')
BEGIN SELECT RAISE(ABORT, 'a settlement statement is only ever superseded'); END;
CREATE TRIGGER settlement_statements_no_delete BEFORE DELETE ON settlement_statements
BEGIN SELECT RAISE(ABORT, 'settlement statements are never deleted'); END;
CREATE TABLE settlement_objections (
  id INTEGER PRIMARY KEY,
  statement_id INTEGER NOT NULL REFERENCES settlement_statements(id),
  filed_by TEXT NOT NULL,
  filed_by_id INTEGER,
  filed_at INTEGER NOT NULL,
  text TEXT NOT NULL,
  evidence TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL CHECK (status IN ('open', 'upheld', 'rejected')),
  answer TEXT NOT NULL DEFAULT '',
  answered_by TEXT NOT NULL DEFAULT '',
  answered_by_id INTEGER,
  answered_at INTEGER,
  CHECK ((status = 'open') = (answered_at IS NULL))
);
CREATE INDEX settlement_objections_statement ON settlement_objections (statement_id, id);
CREATE TRIGGER settlement_objections_kept BEFORE UPDATE ON settlement_objections
  WHEN OLD.status <> 'open' OR NEW.statement_id <> OLD.statement_id OR NEW.text <> OLD.text
    OR NEW.evidence <> OLD.evidence OR NEW.filed_at <> OLD.filed_at OR NEW.filed_by <> OLD.filed_by
BEGIN SELECT RAISE(ABORT, 'an objection is kept as filed and answered once'); END;
CREATE TRIGGER settlement_objections_no_delete BEFORE DELETE ON settlement_objections
BEGIN SELECT RAISE(ABORT, 'objections are never deleted'); END;
)SQL",
        // 23: the service contract per provider ×
        //     care project × contract year (合同: signed_on, the service period, the total in fen) and its payments
        //     (预付款 advance | 尾款 balance; who recorded it). The schedule is computed (settlement/contract_payments)
        //     from these and the year's final assessment, which is derived from the signed assessment months (not
        //     stored twice). Payments are never changed or deleted: a mistake is corrected by a note on a new one. The two
        //     care projects of care_tier.hpp (home_visit 居家养老上门服务, visiting 探视巡访服务) are inserted unless present.
        R"SQL(
CREATE TABLE contracts (
  id INTEGER PRIMARY KEY,
  provider_id INTEGER NOT NULL REFERENCES providers(id),
  project_code TEXT NOT NULL REFERENCES care_projects(code),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  contract_no TEXT NOT NULL UNIQUE CHECK (length(contract_no) BETWEEN 1 AND 60),
  signed_on TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL CHECK (period_to >= period_from),
  total_fen INTEGER NOT NULL CHECK (total_fen > 0),
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_by_id INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (provider_id, project_code, year)
);
CREATE INDEX contracts_year ON contracts (year, provider_id);
CREATE TABLE contract_payments (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER NOT NULL REFERENCES contracts(id),
  kind TEXT NOT NULL CHECK (kind IN ('advance', 'balance')),
  paid_on TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  note TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_by_id INTEGER,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX contract_payments_contract ON contract_payments (contract_id, id);
CREATE TRIGGER contract_payments_kept BEFORE UPDATE ON contract_payments
BEGIN SELECT RAISE(ABORT, 'a recorded contract payment is kept'); END;
CREATE TRIGGER contract_payments_no_delete BEFORE DELETE ON contract_payments
BEGIN SELECT RAISE(ABORT, 'contract payments are never deleted'); END;
INSERT OR IGNORE INTO care_projects (code, name_zh) VALUES ('home_visit', '居家养老上门服务'), ('visiting', '探视巡访服务');
)SQL",
        // 24: the imported service records' evidence reference without blanks (the verification's comparison,
        //     verification/common.hpp name_key: ASCII blanks, U+3000, U+00A0 removed), indexed with the day, so that the
        //     assessment's prefill finds a record of the month whose evidence an earlier month's record already used
        //     (evidence reused across months, app/assessment_prefill) without reading every earlier record. The
        //     expression is written the same way in that query (SQLite uses an expression index only then).
        R"SQL(
CREATE INDEX list_service_records_evidence ON list_service_records (
  replace(replace(replace(replace(replace(replace(evidence, ' ', ''), char(9), ''), char(13), ''), char(10), ''), char(12288), ''), char(160), ''),
  day) WHERE evidence <> '';
)SQL",
        // 25 (issue 12, kiosk-devices): kiosk devices. Each has its own user row (role kiosk, no usable password:
        //     "!" is no Argon2id string), so a kiosk session is an ordinary session; revoking the device deactivates
        //     that user and ends its sessions. Only the BLAKE2b hash of the device token is kept
        //     (auth::token_hash, as sessions); a re-issue replaces it. Rows are never deleted (revoked stays listed).
        R"SQL(
CREATE TABLE kiosk_devices (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL UNIQUE REFERENCES users(id),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  place TEXT NOT NULL CHECK (length(place) BETWEEN 1 AND 180),
  orientation TEXT NOT NULL CHECK (orientation IN ('portrait', 'landscape')),
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  token_issued_at INTEGER NOT NULL,
  registered_by TEXT NOT NULL,
  registered_by_id INTEGER,
  registered_at INTEGER NOT NULL,
  last_seen_at INTEGER,
  revoked_at INTEGER,
  revoked_by TEXT NOT NULL DEFAULT '',
  revoked_by_id INTEGER,
  revoke_reason TEXT NOT NULL DEFAULT '',
  CHECK (revoked_at IS NULL OR length(revoke_reason) > 0)
);
CREATE TRIGGER kiosk_devices_no_delete BEFORE DELETE ON kiosk_devices
BEGIN SELECT RAISE(ABORT, 'kiosk devices are never deleted (revoke them)'); END;
)SQL",
        // 26: the public portal (公众端, issue 12, portal part). A request from /portal/ is a work order (channel
        //     public_portal) plus its receipt here: the acknowledgement code the requester keeps (random, not the
        //     order id), and keyed hashes (BLAKE2b with the key of public_portal_key, made here and never leaving the
        //     database) of the code with the phone's last four digits (the status page's second factor), of the whole
        //     mobile number and of the client address (the rate limits count these): no phone or address in clear.
        //     Receipts are never changed or deleted.
        R"SQL(
CREATE TABLE public_portal_key (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  key BLOB NOT NULL CHECK (length(key) = 32)
);
INSERT INTO public_portal_key (id, key) VALUES (1, randomblob(32));
CREATE TABLE public_requests (
  id INTEGER PRIMARY KEY,
  ack_code TEXT NOT NULL UNIQUE CHECK (length(ack_code) = 10),
  order_id INTEGER NOT NULL UNIQUE REFERENCES work_orders(id),
  kind TEXT NOT NULL CHECK (kind IN ('consultation', 'booking', 'suggestion')),
  tail_hash BLOB NOT NULL,
  phone_key BLOB NOT NULL,
  address_key BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX public_requests_phone ON public_requests (phone_key, created_at);
CREATE INDEX public_requests_address ON public_requests (address_key, created_at);
CREATE TRIGGER public_requests_kept BEFORE UPDATE ON public_requests
BEGIN SELECT RAISE(ABORT, 'a public request receipt is kept as issued'); END;
CREATE TRIGGER public_requests_no_delete BEFORE DELETE ON public_requests
BEGIN SELECT RAISE(ABORT, 'public request receipts are never deleted'); END;
CREATE TRIGGER public_portal_key_kept BEFORE UPDATE ON public_portal_key
BEGIN SELECT RAISE(ABORT, 'the public portal key is kept'); END;
)SQL",
        // 27: exhibition-hall visits (展厅参观预约) and open days (市民开放日), issue 12 (shared/visits.hpp). Slots of the
        //     hall with a capacity in visitors, shared by several groups; group bookings (contact = personal data, shown
        //     masked to roles without need) whose approval takes seats; open days with individual registrations that take
        //     seats at once. Codes are unique across both (a kiosk checks either in by its code). Seats are taken by
        //     conditional statements inside the writer's transaction (store/visits.cpp), never counted first and written
        //     after. Records are never deleted: a mistake is a cancellation, with its audit event.
        R"SQL(
CREATE TABLE visit_slots (
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL,
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),
  capacity INTEGER NOT NULL CHECK (capacity > 0),
  note TEXT NOT NULL DEFAULT '',
  closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (day, start_minute)
);
CREATE TABLE visit_bookings (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  slot_id INTEGER NOT NULL REFERENCES visit_slots(id),
  organisation TEXT NOT NULL,
  visitors INTEGER NOT NULL CHECK (visitors > 0),
  contact_name TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  purpose TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'declined', 'received', 'no_show', 'cancelled')),
  reason TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at INTEGER,
  checked_in_at INTEGER,
  checked_in_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX visit_bookings_slot ON visit_bookings (slot_id, status);
CREATE TABLE open_days (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  day TEXT NOT NULL,
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL CHECK (end_minute > start_minute),
  place TEXT NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity > 0),
  registration_opens TEXT NOT NULL,
  registration_closes TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX open_days_day ON open_days (day);
CREATE TABLE open_day_registrations (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  open_day_id INTEGER NOT NULL REFERENCES open_days(id),
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  people INTEGER NOT NULL CHECK (people > 0),
  status TEXT NOT NULL CHECK (status IN ('registered', 'received', 'cancelled')),
  created_at INTEGER NOT NULL,
  checked_in_at INTEGER,
  checked_in_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX open_day_registrations_day ON open_day_registrations (open_day_id, status);
CREATE TRIGGER visit_bookings_no_delete BEFORE DELETE ON visit_bookings
BEGIN SELECT RAISE(ABORT, 'visit bookings are never deleted'); END;
CREATE TRIGGER open_day_registrations_no_delete BEFORE DELETE ON open_day_registrations
BEGIN SELECT RAISE(ABORT, 'open-day registrations are never deleted'); END;
)SQL",
        // 28: the assessment's prefill of a month read every work order's audit event of all time twice (the
        //     callbacks where the elder said no service took place, and the steps into and out of rectification):
        //     3.8 s CPU at city scale. Two partial indexes hold only those events (their WHERE in
        //     store/audit_indexes.hpp, repeated by the queries), and one the surveyed orders by the day they closed
        //     (the prefill's satisfaction surveys; there was no index on closed_at).
        "CREATE INDEX audit_rectification ON audit_events (entity_id, id) WHERE " AUDIT_RECTIFICATION ";\n"
        "CREATE INDEX audit_not_received ON audit_events (at) WHERE " AUDIT_NOT_RECEIVED ";\n"
        "CREATE INDEX work_orders_surveyed ON work_orders (closed_at) WHERE satisfaction IS NOT NULL AND provider_id IS NOT NULL;\n",
        // 29: knowledge articles published to the public one by one (对公众公开). Until now every article of a public
        //     kind reached the portal and the kiosk's 政策 panel, the desk's working instructions among them (工单处理
        //     流程, 紧急求助处置流程, 坐席须知). Everything starts internal; the seeded articles that were written for
        //     the public (the keys that assets/knowledge/articles.json marks "published") are published, in their
        //     current version too. Any other is published by a supervisor's edit, with a reason.
        R"SQL(
ALTER TABLE kb_articles ADD COLUMN published INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kb_article_versions ADD COLUMN published INTEGER NOT NULL DEFAULT 0;
UPDATE kb_articles SET published = 1
 WHERE kind IN ('policy', 'service_item', 'subsidy_item', 'faq') AND seed_key IN (
  'hotline-88885252', 'channels', 'callback', 'complaint', 'home-visit-subsidy', 'no-smartphone', 'hall',
  'meals', 'bathing', 'cleaning', 'laundry', 'mobility', 'medical-escort', 'emergency-service', 'shopping',
  'companionship', 'rehabilitation', 'daily-care', 'day-care', 'respite', 'errands', 'health-monitoring');
UPDATE kb_article_versions SET published = 1
 WHERE (article_id, version) IN (SELECT id, version FROM kb_articles WHERE published = 1);
CREATE INDEX kb_articles_published ON kb_articles (updated_at) WHERE published = 1 AND archived = 0;
)SQL",
        // 30 (kEvidenceReuseSchemaVersion): evidence reused across months marked when a list is imported
        //     (store/evidence_reuse.hpp). evidence_key = the evidence reference as the verification compares it
        //     (verification name_key, computed in C++; '' = none); reuse_of = the record_no of the EARLIEST record
        //     (by day, then record_no) with the same key, NULL for that earliest record itself and for records without
        //     evidence. The prefill reads the month's marked records (the partial index on day) instead of joining
        //     the month's 2 000 000 records to every earlier one (migration 24's expression index, dropped here: it
        //     had no other reader). The existing rows' keys and marks are filled in C++ after this SQL, then the two
        //     indexes are built (schema.cpp migrate, store::fill_evidence_reuse).
        R"SQL(
DROP INDEX IF EXISTS list_service_records_evidence;
ALTER TABLE list_service_records ADD COLUMN evidence_key TEXT NOT NULL DEFAULT '';
ALTER TABLE list_service_records ADD COLUMN reuse_of TEXT;
)SQL",
        // 31: activity records (工作台账, issue 13; shared/activities.hpp): the evidence behind the target table's entered
        //     items. A record is entered by the desk and approved (or returned with a reason) by a supervisor; only
        //     approved records count (shared/activity_kpi.hpp). Evidence files (photos, sign-in sheets, PDFs) are typed
        //     by their bytes and kept with their SHA-256; images with a JPEG thumbnail. Neither is ever deleted: a
        //     mistake is returned and corrected, with its audit events.
        R"SQL(
CREATE TABLE activity_records (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  day TEXT NOT NULL,
  title TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  participants INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0),
  participants_text TEXT NOT NULL DEFAULT '',
  quantity INTEGER NOT NULL DEFAULT 0 CHECK (quantity >= 0),
  numerator INTEGER NOT NULL DEFAULT 0 CHECK (numerator >= 0),
  denominator INTEGER NOT NULL DEFAULT 0 CHECK (denominator >= numerator),
  channel TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('entered', 'approved', 'returned')),
  entered_by_id INTEGER NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at INTEGER NOT NULL,
  decided_by_id INTEGER,
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at INTEGER,
  reason TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);
CREATE INDEX activity_records_day ON activity_records (day, kind);
CREATE TABLE activity_files (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES activity_records(id),
  name TEXT NOT NULL DEFAULT '',
  uploader_id INTEGER NOT NULL,
  uploader TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size INTEGER NOT NULL CHECK (size > 0),
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  bytes BLOB NOT NULL,
  thumb BLOB
);
CREATE INDEX activity_files_record ON activity_files (record_id);
CREATE TRIGGER activity_records_no_delete BEFORE DELETE ON activity_records
BEGIN SELECT RAISE(ABORT, 'activity records are never deleted'); END;
CREATE TRIGGER activity_files_no_delete BEFORE DELETE ON activity_files
BEGIN SELECT RAISE(ABORT, 'activity evidence files are never deleted'); END;
CREATE TRIGGER activity_files_no_update BEFORE UPDATE ON activity_files
BEGIN SELECT RAISE(ABORT, 'activity evidence files are never changed'); END;
)SQL",
        // 32: provider supervision (issue 13, providers; store/provider_supervision.hpp, shared/provider_evaluation.hpp).
        //     Each provider's platform (民政通 mzt → a 差 leads to a warning; 智慧养老平台 smart_care → removal) and its
        //     licence expiry (关键信息). Evaluations: one per provider per day (评价轮次), the five scores as JSON with the
        //     prefill they replaced, the exact total (num/den) and grade, signed (who, when, SHA-256 of the content).
        //     Actions: the warning / removal that followed a 差 evaluation (one per evaluation), with the status before;
        //     the action itself sets providers.status (what the dispatch ranking honours). Key-information checks: one
        //     per provider per day, with what was missing. signed_by / decided_by / checked_by are user ids (0 = the demo
//     city's loader, which runs before any user exists; the *_name column says who).
        R"SQL(
ALTER TABLE providers ADD COLUMN platform TEXT NOT NULL DEFAULT 'smart_care';
ALTER TABLE providers ADD COLUMN licence_expires TEXT;
CREATE TABLE provider_evaluations (
  id INTEGER PRIMARY KEY,
  provider_id INTEGER NOT NULL REFERENCES providers(id),
  day TEXT NOT NULL,
  window_first TEXT NOT NULL,
  window_last TEXT NOT NULL,
  rule_version TEXT NOT NULL,
  scores TEXT NOT NULL,
  total_num INTEGER NOT NULL,
  total_den INTEGER NOT NULL CHECK (total_den > 0),
  grade TEXT NOT NULL CHECK (grade IN ('excellent', 'good', 'fair', 'poor')),
  note TEXT NOT NULL DEFAULT '',
  signed_by INTEGER NOT NULL,
  signed_by_name TEXT NOT NULL,
  signed_at INTEGER NOT NULL,
  content_sha256 TEXT NOT NULL,
  UNIQUE (provider_id, day)
);
CREATE INDEX provider_evaluations_day ON provider_evaluations (day);
CREATE TABLE provider_actions (
  id INTEGER PRIMARY KEY,
  provider_id INTEGER NOT NULL REFERENCES providers(id),
  evaluation_id INTEGER NOT NULL UNIQUE REFERENCES provider_evaluations(id),
  action TEXT NOT NULL CHECK (action IN ('warn', 'remove')),
  day TEXT NOT NULL,
  status_before TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_by INTEGER NOT NULL,
  decided_by_name TEXT NOT NULL,
  decided_at INTEGER NOT NULL
);
CREATE INDEX provider_actions_provider ON provider_actions (provider_id, day);
CREATE TABLE provider_key_checks (
  id INTEGER PRIMARY KEY,
  provider_id INTEGER NOT NULL REFERENCES providers(id),
  day TEXT NOT NULL,
  missing TEXT NOT NULL,
  complete INTEGER NOT NULL,
  checked_by INTEGER NOT NULL,
  checked_by_name TEXT NOT NULL,
  checked_at INTEGER NOT NULL,
  UNIQUE (provider_id, day)
);
CREATE INDEX provider_key_checks_day ON provider_key_checks (day);
)SQL",
        // 33: institution inspections (机构巡查, issue 13 part inspections; shared/inspections.hpp). `institutions` is
        //     the list of places inspected — one per service point (服务站 / 日间照料中心 are community centres,
        //     star-rated each quarter; the others 养老服务机构), kept in step with service_points by
        //     store::sync_institutions. An inspection keeps every checklist item's result as it was answered, with the
        //     rule version; a failed item opens a rectification with its deadline; each re-check is a row (passed
        //     closes it, failed sets a new deadline). Star ratings and caregiver reviews: one signed record per
        //     quarter and centre / caregiver. Nothing is deleted (triggers); every change is an audit event.
        R"SQL(
CREATE TABLE institutions (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('institution', 'centre')),
  town_id INTEGER NOT NULL REFERENCES towns(id),
  provider_id INTEGER REFERENCES providers(id),
  service_point_id INTEGER UNIQUE REFERENCES service_points(id),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX institutions_town ON institutions (town_id, name);
CREATE TABLE inspections (
  id INTEGER PRIMARY KEY,
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  day TEXT NOT NULL,
  inspector TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  rule_version TEXT NOT NULL,
  passed INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  recorded_by_id INTEGER NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX inspections_day ON inspections (day, institution_id);
CREATE TABLE inspection_items (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  seq INTEGER NOT NULL,
  code TEXT NOT NULL,
  group_name TEXT NOT NULL,
  text TEXT NOT NULL,
  passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (inspection_id, seq)
) WITHOUT ROWID;
CREATE TABLE rectifications (
  id INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  item_code TEXT NOT NULL,
  item_group TEXT NOT NULL,
  item_text TEXT NOT NULL,
  finding TEXT NOT NULL,
  found_on TEXT NOT NULL,
  deadline TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  closed_on TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rectifications_status ON rectifications (status, deadline);
CREATE INDEX rectifications_inspection ON rectifications (inspection_id);
CREATE TABLE rectification_rechecks (
  id INTEGER PRIMARY KEY,
  rectification_id INTEGER NOT NULL REFERENCES rectifications(id),
  day TEXT NOT NULL,
  passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
  note TEXT NOT NULL DEFAULT '',
  new_deadline TEXT NOT NULL DEFAULT '',
  by_id INTEGER NOT NULL,
  by_name TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX rectification_rechecks_of ON rectification_rechecks (rectification_id, id);
CREATE TABLE inspection_photos (
  id INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  uploader_id INTEGER NOT NULL,
  uploader TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  thumb BLOB NOT NULL
);
CREATE INDEX inspection_photos_of ON inspection_photos (inspection_id, id);
CREATE TABLE star_ratings (
  id INTEGER PRIMARY KEY,
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  quarter TEXT NOT NULL,
  scores TEXT NOT NULL,
  total INTEGER NOT NULL,
  stars INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  rule_version TEXT NOT NULL,
  signed_by_id INTEGER NOT NULL,
  signed_by TEXT NOT NULL,
  signed_at INTEGER NOT NULL,
  UNIQUE (institution_id, quarter)
);
CREATE TABLE caregiver_reviews (
  id INTEGER PRIMARY KEY,
  caregiver TEXT NOT NULL,
  provider_id INTEGER NOT NULL REFERENCES providers(id),
  quarter TEXT NOT NULL,
  scores TEXT NOT NULL,
  total INTEGER NOT NULL,
  grade TEXT NOT NULL CHECK (grade IN ('fail', 'pass', 'excellent')),
  note TEXT NOT NULL DEFAULT '',
  rule_version TEXT NOT NULL,
  signed_by_id INTEGER NOT NULL,
  signed_by TEXT NOT NULL,
  signed_at INTEGER NOT NULL,
  UNIQUE (caregiver, provider_id, quarter)
);
CREATE TRIGGER inspections_no_delete BEFORE DELETE ON inspections
BEGIN SELECT RAISE(ABORT, 'inspections are never deleted'); END;
CREATE TRIGGER rectifications_no_delete BEFORE DELETE ON rectifications
BEGIN SELECT RAISE(ABORT, 'rectifications are never deleted'); END;
)SQL",
        // 34 (issue 13, part reports): the operation reports (月度运营分析报告, 项目总结报告, 调查分析报告;
        //     shared/operation_report.hpp, store/operation_reports.hpp). A draft holds the supervisor's 问题与建议 of a
        //     (kind, period) until signed; a signature keeps the figures (canonical JSON), the PDF and the XLSX with
        //     their SHA-256, never changed or deleted (triggers). A second signature of the same (kind, period) is a
        //     supplement: supplement_no 1, 2 … citing the signature before (supersedes).
        R"SQL(
CREATE TABLE operation_report_drafts (
  kind TEXT NOT NULL CHECK (kind IN ('month','year','survey')),
  period TEXT NOT NULL,
  problems TEXT NOT NULL,
  saved_by INTEGER NOT NULL,
  saved_by_name TEXT NOT NULL,
  saved_at INTEGER NOT NULL,
  PRIMARY KEY (kind, period)
);
CREATE TABLE operation_reports_signed (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('month','year','survey')),
  period TEXT NOT NULL,
  covered_first TEXT NOT NULL,
  covered_last TEXT NOT NULL,
  title TEXT NOT NULL,
  supplement_no INTEGER NOT NULL CHECK (supplement_no >= 0),
  supersedes INTEGER REFERENCES operation_reports_signed(id),
  note TEXT NOT NULL DEFAULT '',
  signed_by INTEGER NOT NULL,
  signed_by_name TEXT NOT NULL,
  signed_at INTEGER NOT NULL,
  figures TEXT NOT NULL,
  figures_sha256 TEXT NOT NULL,
  pdf BLOB NOT NULL,
  pdf_sha256 TEXT NOT NULL,
  xlsx BLOB NOT NULL,
  xlsx_sha256 TEXT NOT NULL,
  UNIQUE (kind, period, supplement_no)
);
CREATE INDEX operation_reports_signed_covered ON operation_reports_signed (kind, covered_last);
CREATE TRIGGER operation_reports_signed_no_update BEFORE UPDATE ON operation_reports_signed
BEGIN SELECT RAISE(ABORT, 'signed reports are never changed'); END;
CREATE TRIGGER operation_reports_signed_no_delete BEFORE DELETE ON operation_reports_signed
BEGIN SELECT RAISE(ABORT, 'signed reports are never deleted'); END;
)SQL",
        // 35: the orders not cancelled per bucket (kpi.hpp order_kpi_formulas "kept_orders") join the order
        //     counters: the active-provider indicator read every order of 13 months per month asked (a year's
        //     report 25 s cold at city scale); now it sums kpi_monthly. The aggregates are rebuilt (kpi_state cleared: migrate() refreshes them after this migration).
        R"SQL(
ALTER TABLE kpi_daily ADD COLUMN kept_orders_num INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN kept_orders_den INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_monthly ADD COLUMN kept_orders_num INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_monthly ADD COLUMN kept_orders_den INTEGER NOT NULL DEFAULT 0;
DELETE FROM kpi_state;
)SQL",
        // 36: a warning can be lifted (解除预警, provider_actions.action 'lift', shared provider_evaluation.hpp
        //     lift_refusal): the CHECK of provider_actions widens, so the table is rebuilt with its rows.
        R"SQL(
CREATE TABLE provider_actions_36 (
  id INTEGER PRIMARY KEY,
  provider_id INTEGER NOT NULL REFERENCES providers(id),
  evaluation_id INTEGER NOT NULL UNIQUE REFERENCES provider_evaluations(id),
  action TEXT NOT NULL CHECK (action IN ('warn', 'remove', 'lift')),
  day TEXT NOT NULL,
  status_before TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_by INTEGER NOT NULL,
  decided_by_name TEXT NOT NULL,
  decided_at INTEGER NOT NULL
);
INSERT INTO provider_actions_36 (id, provider_id, evaluation_id, action, day, status_before, reason, decided_by,
                                 decided_by_name, decided_at)
  SELECT id, provider_id, evaluation_id, action, day, status_before, reason, decided_by, decided_by_name, decided_at
  FROM provider_actions;
DROP TABLE provider_actions;
ALTER TABLE provider_actions_36 RENAME TO provider_actions;
CREATE INDEX provider_actions_provider ON provider_actions (provider_id, day);
)SQL",
        // 37: the bureau leader's countersign (会签) or return (退回) of a signed operation report (issue 13,
        //     store/operation_reports.hpp). One decision per signed report, never changed: the signed row and its
        //     files stay as sealed; the report's status (已签署、待会签 / 已会签 / 已退回) is derived from this table.
        R"SQL(
CREATE TABLE operation_report_decisions (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL UNIQUE REFERENCES operation_reports_signed(id),
  decision TEXT NOT NULL CHECK (decision IN ('countersign', 'return')),
  note TEXT NOT NULL DEFAULT '',
  decided_by INTEGER NOT NULL,
  decided_by_name TEXT NOT NULL,
  decided_at INTEGER NOT NULL
);
CREATE TRIGGER operation_report_decisions_no_update BEFORE UPDATE ON operation_report_decisions
BEGIN SELECT RAISE(ABORT, 'report decisions are never changed'); END;
CREATE TRIGGER operation_report_decisions_no_delete BEFORE DELETE ON operation_report_decisions
BEGIN SELECT RAISE(ABORT, 'report decisions are never deleted'); END;
)SQL",
        // 38: the files behind a provider's objection (申诉佐证, issue 11; store/settlement.hpp): photos, scans or PDFs
        //     attached by the provider while the objection is open, judged by content like activity evidence
        //     (http/uploaded_files.hpp). Never changed, never deleted: what the supervisor decided on stays.
        R"SQL(
CREATE TABLE settlement_objection_files (
  id INTEGER PRIMARY KEY,
  objection_id INTEGER NOT NULL REFERENCES settlement_objections(id),
  name TEXT NOT NULL DEFAULT '',
  uploader_id INTEGER NOT NULL,
  uploader TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size INTEGER NOT NULL CHECK (size > 0),
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  bytes BLOB NOT NULL,
  thumb BLOB
);
CREATE INDEX settlement_objection_files_objection ON settlement_objection_files (objection_id, id);
CREATE TRIGGER settlement_objection_files_no_update BEFORE UPDATE ON settlement_objection_files
BEGIN SELECT RAISE(ABORT, 'objection files are never changed'); END;
CREATE TRIGGER settlement_objection_files_no_delete BEFORE DELETE ON settlement_objection_files
BEGIN SELECT RAISE(ABORT, 'objection files are never deleted'); END;
)SQL",
        // 39: list service records by their slot (day, start, subject, caregiver; the key record_no rides along in a
        //     WITHOUT ROWID table's index): the month's records whose flags can be other than none — a same-slot group
        //     (the superset of exact duplicates, compared by id_key and name_key within each (day, start) run), a
        //     cremated subject — are picked by one covering range scan, and only those go to the shared
        //     physical_services (the assessment's prefill, store::physical_flag_candidates).
        R"SQL(
CREATE INDEX list_service_records_slot ON list_service_records (day, start, id_number, caregiver);
)SQL",
    };
    return list;
}

}  // namespace

int latest_schema_version() { return static_cast<int>(migrations().size()); }

int migrate(SQLite::Database& db, int up_to) {
    int version = db.execAndGet("PRAGMA user_version").getInt();
    const auto& list = migrations();
    if (version > static_cast<int>(list.size())) {
        throw std::runtime_error("database schema version " + std::to_string(version) +
                                 " is newer than this program (" + std::to_string(list.size()) + ")");
    }
    const int target = up_to > 0 ? std::min(up_to, static_cast<int>(list.size())) : static_cast<int>(list.size());
    for (int v = version; v < target; ++v) {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        db.exec(list[static_cast<std::size_t>(v)]);
        if (v + 1 == kAuditChainSchemaVersion) {
            // SHA-256 is not SQL: the existing rows are chained here. The no-update trigger is lifted for it only.
            db.exec("DROP TRIGGER audit_no_update");
            chain_unhashed_audit_events(db);
            db.exec("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events "
                    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END");
        }
        if (v + 1 == kEvidenceReuseSchemaVersion) fill_evidence_reuse(db);   // name_key is C++, not SQL
        db.exec("PRAGMA user_version = " + std::to_string(v + 1));
        tx.commit();
    }
    // The indicator aggregates are filled (after their migration, or after the SLA rules changed) in C++:
    // each order's contribution is shared/kpi_aggregate's function, not SQL.
    if (target < static_cast<int>(list.size())) return target;   // an older schema, as a test wants it
    if (db.tableExists("kpi_state")) {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        refresh_kpi_aggregates(db);
        tx.commit();
    }
    return static_cast<int>(list.size());
}

int schema_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

}  // namespace yiyang::store
