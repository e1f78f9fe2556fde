// The database schema, as an append-only list of migrations. Never edit a released migration: add one.
#include "store/schema.hpp"

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
SELECT 1;   -- placeholder: calls (being written)
)SQL",
        // 5: knowledge base articles, their edit history and the FTS5 trigram index.
        R"SQL(
SELECT 1;   -- placeholder: knowledge base (being written)
)SQL",
        // 6: emergency acknowledgement and the live feed.
        R"SQL(
SELECT 1;   -- placeholder: emergencies and live feed (being written)
)SQL",
        // 7: order list and creation speed.
        R"SQL(
SELECT 1;   -- placeholder: order indexes (being written)
)SQL",
    };
    return list;
}

}  // namespace

int latest_schema_version() { return static_cast<int>(migrations().size()); }

int migrate(SQLite::Database& db) {
    int version = db.execAndGet("PRAGMA user_version").getInt();
    const auto& list = migrations();
    if (version > static_cast<int>(list.size())) {
        throw std::runtime_error("database schema version " + std::to_string(version) +
                                 " is newer than this program (" + std::to_string(list.size()) + ")");
    }
    for (int v = version; v < static_cast<int>(list.size()); ++v) {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        db.exec(list[static_cast<std::size_t>(v)]);
        db.exec("PRAGMA user_version = " + std::to_string(v + 1));
        tx.commit();
    }
    return static_cast<int>(list.size());
}

}  // namespace yiyang::store
