-- The bench database of docs/BENCHMARKS.md "Evidence reuse marked at import" (branch reuse): 2024Q1's 6 000 000
-- list service records inserted by the sqlite3 shell into a copy of the city database (build/bench/city-*.db, schema
-- 28) in the pattern of scripts/bench/gen-lists.py (caregiver slots, a duplicate every 2 000, the same evidence twice
-- every 7 000 — every second time with a blank), each with its caregiver's provider (400) and the ID number of one of
-- the city's enrolled elders (so the prefill's counts are not all zero). 58 s + 39 s at nice 19, load 4:
--   cp build/bench/city-*.db build/bench/reuse-q.db (with its -wal); sqlite3 build/bench/reuse-q.db < scripts/bench/reuse-lists.sql
-- (2026-12-07: on a city database at schema 38, with the keys and marks filled below, ≈ 4 min at load 2.)
PRAGMA journal_mode=WAL;
BEGIN;
INSERT INTO import_batches (id, list, file_name, sha256, file_kind, encoding, sheet, user_id, username, imported_at, rows, file)
  VALUES (900001, 'service_records', 'bench-records.csv', 'x', 'csv', 'utf8', '', 1, 'admin', 0, 6000000, x'');
INSERT INTO list_service_records (record_no, id_number, name, day, start, "end", item, caregiver, evidence, first_import_id, import_id, provider_id)
SELECT printf('R%09d', i), printf('3503031930%08d', s), '王秀英',
       printf('2024-%02d-%02d', 1 + slot % 3, 1 + (slot / 3) % 28), (8 + (slot / 84) % 9) * 3600, (8 + (slot / 84) % 9) * 3600 + 1800,
       CASE i % 4 WHEN 0 THEN '助餐' WHEN 1 THEN '助洁' WHEN 2 THEN '助浴' ELSE '助医' END,
       '助老员' || cg,
       CASE WHEN i % 14000 = 6999 THEN printf('p%d .jpg', i - 1) WHEN i % 7000 = 6999 THEN printf('p%d.jpg', i - 1) ELSE printf('p%d.jpg', i) END,
       900001, 900001, 1 + cg % 400
FROM (SELECT value AS i,
             (CASE WHEN value % 2000 = 1999 OR value % 5000 = 4999 THEN value - 1 ELSE value END) % 756 AS slot,
             (CASE WHEN value % 2000 = 1999 OR value % 5000 = 4999 THEN value - 1 ELSE value END) / 756 AS cg,
             (CASE WHEN value % 2000 = 1999 THEN value - 1 ELSE value END) % 600000 AS s
      FROM generate_series(0, 5999999));
COMMIT;
BEGIN;
CREATE TEMP TABLE enrolled AS SELECT row_number() OVER (ORDER BY e.id) - 1 AS n, e.id_number FROM elders e WHERE e.id IN (SELECT elder_id FROM enrolments WHERE programme IN ('home_visit','visiting'));
CREATE UNIQUE INDEX temp.enrolled_n ON enrolled (n);
UPDATE list_service_records SET id_number = (SELECT id_number FROM enrolled WHERE n = CAST(substr(list_service_records.id_number, 11) AS INTEGER) % (SELECT count(*) FROM enrolled));
COMMIT;
-- (At schema ≥ 30) the evidence keys and reuse marks store/evidence_reuse.hpp keeps at import: the key is name_key
-- (blanks removed — the generated references hold ASCII spaces only), the mark the earliest record (day, record_no)
-- of the same key.
BEGIN;
UPDATE list_service_records SET evidence_key = replace(evidence, ' ', '') WHERE first_import_id = 900001;
UPDATE list_service_records SET reuse_of = f.first FROM (
  SELECT record_no AS no, first_value(record_no) OVER (PARTITION BY evidence_key ORDER BY day, record_no) AS first
  FROM list_service_records WHERE evidence_key <> '') AS f
WHERE f.no = list_service_records.record_no AND f.first <> f.no;
COMMIT;
-- A district cremation list at city scale (issue 10: 100 000 records): 99 700 people who are not the records'
-- subjects, and one in 50 of the enrolled elders the records name, dead on a day of March 2024 (their later March
-- records are after death).
BEGIN;
INSERT INTO import_batches (id, list, file_name, sha256, file_kind, encoding, sheet, user_id, username, imported_at, rows, file)
  VALUES (900002, 'cremations', 'bench-cremations.csv', 'y', 'csv', 'utf8', '', 1, 'admin', 0, 100000, x'');
INSERT INTO list_cremations (id_number, name, died, cremated, first_import_id, import_id)
SELECT printf('440000193%09d', value), '李桂兰', printf('2024-%02d-%02d', 1 + value % 3, 1 + value % 28), NULL, 900002, 900002
FROM generate_series(0, 99699);
INSERT OR IGNORE INTO list_cremations (id_number, name, died, cremated, first_import_id, import_id)
SELECT e.id_number, '王秀英', printf('2024-03-%02d', 1 + e.id % 28), NULL, 900002, 900002
FROM elders e WHERE e.id IN (SELECT elder_id FROM enrolments WHERE programme IN ('home_visit','visiting')) AND e.id % 50 = 0;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
ANALYZE;
