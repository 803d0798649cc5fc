/*
** schema.c -- the store's schema, as the step from each version to the
** next (PRAGMA user_version); store.c applies the steps an older store
** lacks, in one transaction, when it is opened for writing.
*/
#include "store.h"

/* Schema version 1. Cases are content-addressed documents; every version
   of a case is kept. The log is append-only: triggers refuse updates and
   deletes, and the hash chain shows any change made around them. */
static const char schema_v1[] =
  "CREATE TABLE case_docs (hash TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE cases (id TEXT PRIMARY KEY,"
  "  hash TEXT NOT NULL REFERENCES case_docs(hash),"
  "  version INTEGER NOT NULL, imported_at TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE case_versions (case_id TEXT NOT NULL, version INTEGER NOT NULL,"
  "  hash TEXT NOT NULL REFERENCES case_docs(hash), imported_at TEXT NOT NULL,"
  "  PRIMARY KEY (case_id, version)) WITHOUT ROWID;"
  "CREATE TABLE rulesets (hash TEXT PRIMARY KEY, id TEXT NOT NULL,"
  "  version TEXT NOT NULL, sources TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE runs (id INTEGER PRIMARY KEY,"
  "  ruleset_hash TEXT NOT NULL REFERENCES rulesets(hash),"
  "  engine TEXT NOT NULL, started_at TEXT NOT NULL, changed_only INTEGER NOT NULL);"
  "CREATE TABLE log (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, case_id TEXT,"
  "  body TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL);"
  "CREATE TABLE evaluations (id INTEGER PRIMARY KEY,"
  "  run_id INTEGER NOT NULL REFERENCES runs(id), case_id TEXT NOT NULL,"
  "  case_hash TEXT NOT NULL REFERENCES case_docs(hash),"
  "  ruleset_hash TEXT NOT NULL REFERENCES rulesets(hash),"
  "  status TEXT NOT NULL, pathway TEXT, local_level TEXT, result TEXT NOT NULL,"
  "  log_seq INTEGER NOT NULL UNIQUE REFERENCES log(seq));"
  "CREATE INDEX evaluations_by_case ON evaluations(case_id, id);"
  "CREATE INDEX evaluations_by_rules ON evaluations(ruleset_hash, case_hash);"
  "CREATE TABLE decisions (id INTEGER PRIMARY KEY,"
  "  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),"
  "  case_id TEXT NOT NULL, agree INTEGER NOT NULL, level TEXT, reason TEXT,"
  "  decided_by TEXT NOT NULL, decided_at TEXT NOT NULL,"
  "  log_seq INTEGER NOT NULL UNIQUE REFERENCES log(seq));"
  "CREATE TRIGGER log_no_update BEFORE UPDATE ON log"
  "  BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;"
  "CREATE TRIGGER log_no_delete BEFORE DELETE ON log"
  "  BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;";

/* Schema version 2: the tables of `threshold serve`. */
static const char schema_v2[] =
  "CREATE TABLE users (name TEXT PRIMARY KEY,"
  "  role TEXT NOT NULL CHECK (role IN ('read_only', 'practitioner', 'approver',"
  "    'policy_lead')),"
  "  password TEXT NOT NULL CHECK (substr(password, 1, 10) = '$argon2id$'),"
  "  created_at TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY,"
  "  user TEXT NOT NULL REFERENCES users(name), csrf TEXT NOT NULL,"
  "  started INTEGER NOT NULL, seen INTEGER NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE access_log (seq INTEGER PRIMARY KEY, case_id TEXT,"
  "  body TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL);"
  "CREATE INDEX access_by_case ON access_log(case_id, seq);"
  "CREATE TRIGGER access_no_update BEFORE UPDATE ON access_log"
  "  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;"
  "CREATE TRIGGER access_no_delete BEFORE DELETE ON access_log"
  "  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;"
  "CREATE TABLE overrides (id INTEGER PRIMARY KEY, case_id TEXT NOT NULL,"
  "  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),"
  "  level TEXT NOT NULL, type TEXT NOT NULL CHECK (type IN ('policy', 'discretionary')),"
  "  reason TEXT NOT NULL, by TEXT NOT NULL, at TEXT NOT NULL,"
  "  state TEXT NOT NULL CHECK (state IN ('waiting', 'approved', 'refused', 'recorded')),"
  "  approver TEXT, settled_at TEXT);"
  "CREATE INDEX overrides_by_case ON overrides(case_id, id);";

/* Schema version 3: a decision's type (agree, or an override the local
   policy directs or one at a practitioner's discretion) and, for an
   override, who approved it. Earlier overrides were all discretionary,
   and had no approver. */
static const char schema_v3[] =
  "ALTER TABLE decisions ADD COLUMN type TEXT NOT NULL DEFAULT 'agree'"
  "  CHECK (type IN ('agree', 'policy', 'discretionary'));"
  "ALTER TABLE decisions ADD COLUMN approver TEXT;"
  "UPDATE decisions SET type = CASE WHEN agree THEN 'agree' ELSE 'discretionary' END;";

/* Schema version 4: rulesets as a rowid table, its key in an index of its
   own. Without rowid, the key shared a b-tree cell with the rule set's
   sources (some 100 KB), so every check of a reference to it (each
   evaluation recorded) read the whole cell to compare the key. The rows
   are the same; foreign keys are off while a step runs (upgrade). */
static const char schema_v4[] =
  "CREATE TABLE rulesets_v4 (hash TEXT PRIMARY KEY, id TEXT NOT NULL,"
  "  version TEXT NOT NULL, sources TEXT NOT NULL);"
  "INSERT INTO rulesets_v4 (hash, id, version, sources)"
  "  SELECT hash, id, version, sources FROM rulesets;"
  "DROP TABLE rulesets;"
  "ALTER TABLE rulesets_v4 RENAME TO rulesets;";

const char *const ths_schema_steps[THS_SCHEMA] = {schema_v1, schema_v2, schema_v3, schema_v4};
