/*
** store.c -- the case store: opening and creating it (owner-only, WAL,
** foreign keys, the schema of schema.c brought up to date), messages,
** hashing, and the append-only decision log whose entries chain by SHA-256.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "store.h"

int ths_err(th_store *s, int status, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  free(s->errmsg);
  s->errmsg = n >= 0 ? malloc((size_t)n + 1) : NULL;
  if (s->errmsg) {
    va_start(ap, fmt);
    vsnprintf(s->errmsg, (size_t)n + 1, fmt, ap);
    va_end(ap);
  }
  return status;
}

/* TH_DB with SQLite's message, said in words a user can act on. */
int ths_dberr(th_store *s, const char *what) {
  int rc = s->db ? sqlite3_extended_errcode(s->db) & 0xff : SQLITE_ERROR;
  const char *msg = s->db ? sqlite3_errmsg(s->db) : "no database";
  const char *hint = "";
  switch (rc) {
  case SQLITE_BUSY:
  case SQLITE_LOCKED: hint = " (another process is using the store; try again)"; break;
  case SQLITE_READONLY: hint = " (the store is read-only to this user)"; break;
  case SQLITE_FULL: hint = " (no space left for the store; nothing was written)"; break;
  case SQLITE_NOTADB: hint = " (the file is not a threshold case store)"; break;
  case SQLITE_CORRUPT: hint = " (the store is damaged; restore it from a backup)"; break;
  case SQLITE_CANTOPEN: hint = " (check the path and its permissions)"; break;
  }
  return ths_err(s, TH_DB, "%s: %s%s", what, msg, hint);
}

const char *ths_json_error(json_error_t *err) {
  char *near = strstr(err->text, " near '");
  if (near)
    *near = '\0';
  return err->text;
}

int ths_exec(th_store *s, const char *sql) {
  if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return ths_dberr(s, "store");
  return TH_OK;
}

int ths_blank(const char *t) {
  for (; t && *t; t++)
    if (*t != ' ' && *t != '\t' && *t != '\n' && *t != '\r' && *t != '\v' &&
        *t != '\f')
      return 0;
  return 1;
}

int ths_sha256_hex(const void *data, size_t len, char out[65]) {
  struct sha256_ctx ctx;
  uint8_t md[SHA256_DIGEST_SIZE];
  sha256_init(&ctx);
  sha256_update(&ctx, len, data);
  sha256_digest(&ctx, sizeof md, md);
  for (size_t i = 0; i < sizeof md; i++)
    snprintf(out + 2 * i, 3, "%02x", md[i]);
  return 1;
}

char *ths_canonical(const json_t *j) {
  return json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY |
                       JSON_REAL_PRECISION(17));
}

int ths_give(th_store *s, json_t *j, char **out) {
  *out = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))
           : NULL;   /* keys in the order the report builds them */
  json_decref(j);
  return *out ? TH_OK : ths_err(s, TH_NOMEM, "out of memory");
}

static const char *const stmt_sql[THS_STMT_COUNT] = {
  [THS_STMT_CASE_DOC] = "SELECT d.doc, d.hash FROM cases c JOIN case_docs d"
                        " ON d.hash = c.hash WHERE c.id = ?",
  [THS_STMT_CASE_VERSION] = "SELECT hash, version FROM cases WHERE id = ?",
  [THS_STMT_DOC_INSERT] = "INSERT OR IGNORE INTO case_docs(hash, doc) VALUES (?1, ?2)",
  [THS_STMT_VERSION_INSERT] = "INSERT INTO case_versions(case_id, version, hash,"
                              " imported_at) VALUES (?3, ?4, ?1, ?5)",
  [THS_STMT_CASE_UPSERT] = "INSERT INTO cases(id, hash, version, imported_at)"
                           " VALUES (?3, ?1, ?4, ?5) ON CONFLICT(id) DO UPDATE"
                           " SET hash = ?1, version = ?4, imported_at = ?5",
  [THS_STMT_EVALUATION] = "INSERT INTO evaluations(run_id, case_id, case_hash,"
                          " ruleset_hash, status, pathway, local_level, result,"
                          " log_seq) VALUES (?,?,?,?,?,?,?,?,?)",
  [THS_STMT_LOG_LAST] = "SELECT hash FROM log ORDER BY seq DESC LIMIT 1",
  [THS_STMT_LOG_APPEND] = "INSERT INTO log(kind, case_id, body, prev, hash)"
                          " VALUES (?,?,?,?,?)",
  [THS_STMT_IMPORT_ID] = "INSERT INTO temp.import_ids(id, record) VALUES (?, ?)"
                         " ON CONFLICT(id) DO UPDATE SET record = record"
                         " RETURNING record",
};

sqlite3_stmt *ths_stmt(th_store *s, enum ths_stmt which) {
  sqlite3_stmt *st = s->stmt[which];
  if (st != NULL) {
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return st;
  }
  if (sqlite3_prepare_v3(s->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                         &st, NULL) != SQLITE_OK) {
    ths_dberr(s, "store");
    return NULL;
  }
  s->stmt[which] = st;
  return st;
}

static long long query_int(th_store *s, const char *sql, int *ok) {
  sqlite3_stmt *st = NULL;
  long long v = 0;
  *ok = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW;
  if (*ok)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

/*
** Create the file with owner-only permissions before SQLite opens it; an
** existing file is made owner-only (a store holds children's records).
** Never through a symbolic link: it could point anywhere, and a file
** reached through it would keep the link target's permissions.
*/
static int create_private(th_store *s, const char *path) {
  int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    return ths_err(s, TH_DB, errno == ELOOP
                   ? "%s: is a symbolic link; give the store's own path"
                   : "%s: %s", path, strerror(errno));
  struct stat st;
  int rc = TH_OK;
  if (fstat(fd, &st) != 0)
    rc = ths_err(s, TH_DB, "%s: %s", path, strerror(errno));
  else if (!S_ISREG(st.st_mode))
    rc = ths_err(s, TH_DB, "%s: not a regular file", path);
  else if ((st.st_mode & 077) != 0 && fchmod(fd, st.st_mode & 0700) != 0)
    rc = ths_err(s, TH_DB, "%s: others can read it and it cannot be made "
                 "owner-only: %s", path, strerror(errno));
  close(fd);
  return rc;
}

/* From schema version `from` to the current one, in one transaction, with
   foreign keys off (a step may rebuild a table others refer to; the pragma
   has no effect inside a transaction, so it is set before; the store turns
   them on once open). */
static int upgrade(th_store *s, long long from) {
  char pragma[96];
  snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d;"
           "PRAGMA user_version = %d;", THS_APP_ID, THS_SCHEMA);
  int st = ths_exec(s, "PRAGMA foreign_keys = OFF");
  if (st == TH_OK)
    st = ths_exec(s, "BEGIN IMMEDIATE");
  for (long long v = from; st == TH_OK && v < THS_SCHEMA; v++)
    st = ths_exec(s, ths_schema_steps[v]);
  if (st == TH_OK)
    st = ths_exec(s, pragma);
  if (st == TH_OK)
    return ths_exec(s, "COMMIT");
  sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  return st;
}

/* Bring a new store to the current schema, or check an existing one. */
static int migrate(th_store *s, const char *path, int create, int readonly) {
  int ok;
  long long app = query_int(s, "PRAGMA application_id", &ok);
  if (!ok)
    return ths_dberr(s, path);
  long long version = query_int(s, "PRAGMA user_version", &ok);
  long long tables = query_int(s, "SELECT count(*) FROM sqlite_schema", &ok);
  if (version > THS_SCHEMA)
    return ths_err(s, TH_DB, "%s: written by a newer threshold (store "
                         "schema %lld; this one reads up to %d)", path, version,
                         THS_SCHEMA);
  if (version == 0 && tables == 0) {
    if (!create)
      return ths_err(s, TH_DB, "%s: not a threshold case store yet "
                           "(create it with: threshold db init %s)", path, path);
    if (readonly)
      return ths_err(s, TH_MISUSE, "%s: cannot create read-only", path);
    if (ths_exec(s, "PRAGMA page_size = 16384") != TH_OK)
      return TH_DB;
    return upgrade(s, 0);
  }
  if (app != THS_APP_ID)
    return ths_err(s, TH_DB, "%s: an SQLite database, but not a "
                         "threshold case store", path);
  /* An older store is brought up to date when opened for writing; opened
     read-only, what it lacks is reported where it is needed. */
  return version < THS_SCHEMA && !readonly ? upgrade(s, version) : TH_OK;
}

int th_store_open(th_store **out, const char *path, unsigned flags) {
  if (out == NULL)
    return TH_MISUSE;
  *out = NULL;
  if (path == NULL)
    return TH_MISUSE;
  th_store *s = calloc(1, sizeof *s);
  if (s == NULL)
    return TH_NOMEM;
  *out = s;
  snprintf(s->engine, sizeof s->engine, "threshold %s", th_version());
  int create = (flags & TH_STORE_CREATE) != 0;
  int readonly = (flags & TH_STORE_READONLY) != 0;
  int st = create ? create_private(s, path) : TH_OK;
  if (st != TH_OK)
    return st;
  if (!create && access(path, F_OK) != 0)
    return ths_err(s, TH_DB, "%s: no such case store (create it with: "
                         "threshold db init %s)", path, path);
  int oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  struct stat lst;
  if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
    return ths_err(s, TH_DB, "%s: is a symbolic link; give the store's own path", path);
  if (sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW,
                      NULL) != SQLITE_OK)
    return ths_dberr(s, path);
  sqlite3_busy_timeout(s->db, 2000);
  sqlite3_extended_result_codes(s->db, 1);
  st = migrate(s, path, create, readonly);
  if (st == TH_OK && !readonly)
    st = ths_exec(s, "PRAGMA journal_mode = WAL");
  if (st == TH_OK)
    st = ths_exec(s, "PRAGMA foreign_keys = ON");
  if (st == TH_OK)
    st = ths_exec(s, "PRAGMA cache_size = -16384");
  return st;
}

void th_store_close(th_store *s) {
  if (s == NULL)
    return;
  for (int i = 0; i < THS_STMT_COUNT; i++)
    sqlite3_finalize(s->stmt[i]);
  sqlite3_close_v2(s->db);   /* other statements are finalized where made */
  free(s->errmsg);
  free(s);
}

const char *th_store_errmsg(const th_store *s) {
  if (s == NULL)
    return "out of memory";
  return s->errmsg ? s->errmsg : "";
}

int ths_chain_hash(const char *prev, const char *body, size_t len,
                   char out[65]) {
  if (strlen(prev) != 64)
    return 1;                   /* no hash can follow a broken link */
  char *chained = malloc(len + 66);
  if (chained == NULL)
    return 0;
  memcpy(chained, prev, 64);
  chained[64] = '\n';
  memcpy(chained + 65, body, len);
  int ok = ths_sha256_hex(chained, len + 65, out);
  free(chained);
  return ok;
}

/*
** Append an entry: hash = SHA-256(previous entry's hash "\n" body), where
** body is the entry's canonical JSON. Called inside a transaction.
*/
int ths_log(th_store *s, const char *kind, const char *case_id,
                  json_t *body, long long *seq) {
  char prev[65] = "0000000000000000000000000000000000000000000000000000000000000000";
  sqlite3_stmt *st = ths_stmt(s, THS_STMT_LOG_LAST);
  if (st == NULL)
    return TH_DB;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 64)
    memcpy(prev, sqlite3_column_text(st, 0), 64);
  sqlite3_reset(st);
  char *text = ths_canonical(body);
  char hash[65] = "";
  if (text == NULL || !ths_chain_hash(prev, text, strlen(text), hash)) {
    free(text);
    return ths_err(s, TH_NOMEM, "out of memory");
  }
  if ((st = ths_stmt(s, THS_STMT_LOG_APPEND)) == NULL) {
    free(text);
    return TH_DB;
  }
  sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, case_id, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, prev, 64, SQLITE_STATIC);
  sqlite3_bind_text(st, 5, hash, 64, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  int done = rc == SQLITE_DONE ? TH_OK : ths_dberr(s, "appending to the log");
  sqlite3_reset(st);
  free(text);
  if (done == TH_OK)
    *seq = sqlite3_last_insert_rowid(s->db);
  return done;
}
