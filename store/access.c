/*
** store_access.c -- the people who use a store: accounts (argon2id
** password hashes), sessions (tokens kept as their SHA-256), and the access
** log, an append-only record of every view of a case whose entries chain by
** SHA-256 like the decision log. Schema version 2 (schema.c) adds their
** tables.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <argon2.h>

#include "store.h"
#include "threshold_access.h"

static const char *const role_names[] = {"read_only", "practitioner", "approver",
                                         "policy_lead"};

const char *th_role_name(int role) {
  return role >= 0 && role <= TH_ROLE_POLICY_LEAD ? role_names[role] : NULL;
}

int th_role_from_name(const char *name) {
  for (int i = 0; name && i <= TH_ROLE_POLICY_LEAD; i++)
    if (strcmp(name, role_names[i]) == 0)
      return i;
  return TH_ROLE_NONE;
}

/* OWASP password storage cheat sheet: argon2id, m=19 MiB, t=2, p=1. */
#define PW_T_COST 2
#define PW_M_COST 19456
#define PW_PARALLEL 1
#define PW_SALT 16
#define PW_HASH 32
#define PW_MIN 12
#define PW_MAX 1024

static int valid_name(const char *n) {
  size_t len = n ? strlen(n) : 0;
  if (len == 0 || len > 64)
    return 0;
  for (size_t i = 0; i < len; i++)
    if (!((n[i] >= 'a' && n[i] <= 'z') || (n[i] >= 'A' && n[i] <= 'Z') ||
          (n[i] >= '0' && n[i] <= '9') || n[i] == '.' || n[i] == '_' || n[i] == '-'))
      return 0;
  return 1;
}

static int random_bytes(unsigned char *b, size_t n) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = getrandom(b + got, n - got, 0);
    if (r <= 0)
      return 0;
    got += (size_t)r;
  }
  return 1;
}

static void hex(const unsigned char *b, size_t n, char *out) {
  static const char digits[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++) {
    out[2 * i] = digits[b[i] >> 4];
    out[2 * i + 1] = digits[b[i] & 15];
  }
  out[2 * n] = '\0';
}

static int no_schema(th_store *s) {
  return ths_err(s, TH_DB, "this store has no accounts yet (open it once "
                       "for writing with this threshold to add them)");
}

/* Prepare sql, or TH_DB with the message; a missing table says why. */
static int prepare(th_store *s, const char *sql, sqlite3_stmt **st) {
  if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) == SQLITE_OK)
    return TH_OK;
  if (strstr(sqlite3_errmsg(s->db), "no such table"))
    return no_schema(s);
  return ths_dberr(s, "store");
}

int th_store_user_add(th_store *s, const char *name, int role,
                      const char *password, const char *at) {
  if (s == NULL)
    return TH_MISUSE;
  if (!valid_name(name))
    return ths_err(s, TH_MISUSE, "a name is 1 to 64 letters, digits, '.', '_' or '-'");
  if (th_role_name(role) == NULL)
    return ths_err(s, TH_MISUSE, "role must be read_only, practitioner, "
                         "approver or policy_lead");
  size_t plen = password ? strlen(password) : 0;
  if (plen < PW_MIN || plen > PW_MAX)
    return ths_err(s, TH_MISUSE, "a password is %d to %d bytes", PW_MIN, PW_MAX);
  if (at == NULL)
    return ths_err(s, TH_MISUSE, "no time given");
  unsigned char salt[PW_SALT];
  if (!random_bytes(salt, sizeof salt))
    return ths_err(s, TH_IO, "the system's random source failed");
  size_t elen = argon2_encodedlen(PW_T_COST, PW_M_COST, PW_PARALLEL, PW_SALT, PW_HASH,
                                  Argon2_id);
  char *encoded = malloc(elen);
  if (encoded == NULL)
    return ths_err(s, TH_NOMEM, "out of memory");
  int ar = argon2id_hash_encoded(PW_T_COST, PW_M_COST, PW_PARALLEL, password, plen,
                                 salt, sizeof salt, PW_HASH, encoded, elen);
  if (ar != ARGON2_OK) {
    free(encoded);
    return ths_err(s, TH_NOMEM, "hashing the password: %s",
                         argon2_error_message(ar));
  }
  sqlite3_stmt *st = NULL;
  int rc = prepare(s, "INSERT INTO users(name, role, password, created_at)"
                   " VALUES (?,?,?,?)", &st);
  if (rc == TH_OK) {
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, role_names[role], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, encoded, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, at, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    if (r == SQLITE_CONSTRAINT_PRIMARYKEY)
      rc = ths_err(s, TH_MISUSE, "'%s' already exists", name);
    else if (r != SQLITE_DONE)
      rc = ths_dberr(s, "adding a user");
  }
  sqlite3_finalize(st);
  free(encoded);
  return rc;
}

int th_store_user_check(th_store *s, const char *name, const char *password,
                        int *role) {
  /* A hash of a random password: an unknown name costs the same work. */
  static const char decoy[] = "$argon2id$v=19$m=19456,t=2,p=1$"
                              "c29tZXNhbHRzb21lc2FsdA$"
                              "Xk1F4bnPmEHwL1Cg5oy4Q0uP3GvT4Kt3kZkq0U2f9oA";
  if (role)
    *role = TH_ROLE_NONE;
  if (s == NULL || role == NULL)
    return TH_MISUSE;
  if (name == NULL || password == NULL)
    return TH_OK;
  sqlite3_stmt *st = NULL;
  int rc = prepare(s, "SELECT password, role FROM users WHERE name = ?", &st);
  if (rc != TH_OK)
    return rc;
  sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
  int found = sqlite3_step(st) == SQLITE_ROW;
  const char *hash = found ? (const char *)sqlite3_column_text(st, 0) : decoy;
  size_t plen = strlen(password);
  int ok = plen <= PW_MAX && argon2id_verify(hash, password, plen) == ARGON2_OK;
  if (found && ok)
    *role = th_role_from_name((const char *)sqlite3_column_text(st, 1));
  sqlite3_finalize(st);
  return TH_OK;
}

int th_store_session_new(th_store *s, const char *name, long long now,
                         char token[65], char csrf[65]) {
  if (s == NULL || name == NULL || token == NULL || csrf == NULL)
    return s ? ths_err(s, TH_MISUSE, "session: no account") : TH_MISUSE;
  unsigned char raw[64];
  if (!random_bytes(raw, sizeof raw))
    return ths_err(s, TH_IO, "session: the system's random source failed");
  hex(raw, 32, token);
  hex(raw + 32, 32, csrf);
  char token_hash[65];
  ths_sha256_hex(token, 64, token_hash);
  sqlite3_stmt *st = NULL;
  int rc = prepare(s, "INSERT INTO sessions(token_hash, user, csrf, started, seen)"
                   " SELECT ?1, name, ?2, ?3, ?3 FROM users WHERE name = ?4", &st);
  if (rc == TH_OK) {
    sqlite3_bind_text(st, 1, token_hash, 64, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, csrf, 64, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_text(st, 4, name, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
      rc = ths_dberr(s, "starting a session");
    else if (sqlite3_changes(s->db) != 1)
      rc = ths_err(s, TH_MISUSE, "session: no account '%s'", name);
  }
  sqlite3_finalize(st);
  return rc;
}

static int session_delete(th_store *s, const char *token_hash) {
  sqlite3_stmt *st = NULL;
  int rc = prepare(s, "DELETE FROM sessions WHERE token_hash = ?", &st);
  if (rc == TH_OK) {
    sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
      rc = ths_dberr(s, "ending a session");
  }
  sqlite3_finalize(st);
  return rc;
}

int th_store_session_get(th_store *s, const char *token, long long now,
                         long long idle, long long max, char **name, int *role,
                         char csrf[65]) {
  if (name)
    *name = NULL;
  if (role)
    *role = TH_ROLE_NONE;
  if (s == NULL || token == NULL || name == NULL || role == NULL || csrf == NULL)
    return TH_MISUSE;
  if (strlen(token) != 64)
    return TH_OK;
  char token_hash[65];
  ths_sha256_hex(token, 64, token_hash);
  sqlite3_stmt *st = NULL;
  int rc = prepare(s, "SELECT s.user, u.role, s.csrf, s.started, s.seen FROM sessions s"
                   " JOIN users u ON u.name = s.user WHERE s.token_hash = ?", &st);
  if (rc != TH_OK)
    return rc;
  sqlite3_bind_text(st, 1, token_hash, 64, SQLITE_STATIC);
  int found = sqlite3_step(st) == SQLITE_ROW;
  int live = found && now - sqlite3_column_int64(st, 3) <= max &&
             now - sqlite3_column_int64(st, 4) <= idle;
  if (live) {
    *name = strdup((const char *)sqlite3_column_text(st, 0));
    *role = th_role_from_name((const char *)sqlite3_column_text(st, 1));
    snprintf(csrf, 65, "%s", (const char *)sqlite3_column_text(st, 2));
  }
  sqlite3_finalize(st);
  if (found && !live)
    return session_delete(s, token_hash);
  if (live && *name == NULL)
    return ths_err(s, TH_NOMEM, "out of memory");
  if (!live)
    return TH_OK;
  /* Touch at most once a minute: a page view is then a read. */
  if ((rc = prepare(s, "UPDATE sessions SET seen = ?1 WHERE token_hash = ?2"
                    " AND seen < ?1 - 60", &st)) == TH_OK) {
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_text(st, 2, token_hash, 64, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
      rc = ths_dberr(s, "keeping a session");
  }
  sqlite3_finalize(st);
  if (rc != TH_OK) {
    free(*name);
    *name = NULL;
    *role = TH_ROLE_NONE;
  }
  return rc;
}

int th_store_session_end(th_store *s, const char *token) {
  if (s == NULL || token == NULL)
    return TH_MISUSE;
  char token_hash[65];
  ths_sha256_hex(token, strlen(token), token_hash);
  return session_delete(s, token_hash);
}

static const char zero_hash[65] =
  "0000000000000000000000000000000000000000000000000000000000000000";

int th_store_access(th_store *s, const char *who, const char *what,
                    const char *case_id, const char *at) {
  if (s == NULL || who == NULL || what == NULL || at == NULL)
    return s ? ths_err(s, TH_MISUSE, "access log: who, what and when") : TH_MISUSE;
  json_t *body = json_pack("{s:s, s:s, s:s, s:s?}", "at", at, "who", who, "what", what,
                           "case", case_id);
  char *text = body ? ths_canonical(body) : NULL;
  json_decref(body);
  if (text == NULL)
    return ths_err(s, TH_NOMEM, "out of memory");
  sqlite3_stmt *st = NULL;
  int rc = ths_exec(s, "BEGIN IMMEDIATE");
  char prev[65], hash[65];
  memcpy(prev, zero_hash, sizeof prev);
  if (rc == TH_OK &&
      (rc = prepare(s, "SELECT hash FROM access_log ORDER BY seq DESC LIMIT 1", &st)) == TH_OK) {
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 64)
      memcpy(prev, sqlite3_column_text(st, 0), 64);
    sqlite3_finalize(st);
    st = NULL;
  }
  if (rc == TH_OK && !ths_chain_hash(prev, text, strlen(text), hash))
    rc = ths_err(s, TH_NOMEM, "out of memory");
  if (rc == TH_OK &&
      (rc = prepare(s, "INSERT INTO access_log(case_id, body, prev, hash) VALUES (?,?,?,?)",
                    &st)) == TH_OK) {
    sqlite3_bind_text(st, 1, case_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, prev, 64, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, hash, 64, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
      rc = ths_dberr(s, "appending to the access log");
  }
  sqlite3_finalize(st);
  free(text);
  rc = rc == TH_OK ? ths_exec(s, "COMMIT") : rc;
  if (rc != TH_OK)
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

int th_store_access_log(th_store *s, const char *case_id, char **json) {
  if (json)
    *json = NULL;
  if (s == NULL || json == NULL)
    return TH_MISUSE;
  sqlite3_stmt *st = NULL;
  /* The whole chain is walked to check it; entries are kept by case. */
  int rc = prepare(s, "SELECT seq, case_id, body, prev, hash FROM access_log ORDER BY seq", &st);
  if (rc != TH_OK)
    return rc;
  json_t *out = json_object(), *entries = json_array(), *problems = json_array();
  char prev[65];
  memcpy(prev, zero_hash, sizeof prev);
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    long long seq = sqlite3_column_int64(st, 0);
    const char *cid = (const char *)sqlite3_column_text(st, 1);
    const char *body = (const char *)sqlite3_column_text(st, 2);
    const char *p = (const char *)sqlite3_column_text(st, 3);
    const char *h = (const char *)sqlite3_column_text(st, 4);
    char want[65];
    json_t *b = json_loads(body, 0, NULL);
    const char *bc = json_string_value(json_object_get(b, "case"));
    if (strcmp(p, prev) != 0)
      json_array_append_new(problems, json_sprintf("entry %lld: does not follow the entry "
                                                   "before it (one was deleted or inserted)", seq));
    else if (!ths_chain_hash(prev, body, strlen(body), want) || strcmp(want, h) != 0)
      json_array_append_new(problems, json_sprintf("entry %lld: its hash does not match its "
                                                   "content (it was edited)", seq));
    else if (b == NULL || (cid == NULL) != (bc == NULL) || (cid && strcmp(cid, bc) != 0))
      json_array_append_new(problems, json_sprintf("entry %lld: its case column does not "
                                                   "match its content", seq));
    snprintf(prev, sizeof prev, "%s", h);
    if (b && (case_id == NULL || (cid && strcmp(cid, case_id) == 0))) {
      json_object_set_new(b, "seq", json_integer(seq));
      json_array_append(entries, b);
    }
    json_decref(b);
  }
  sqlite3_finalize(st);
  if (r != SQLITE_DONE) {
    json_decref(out);
    json_decref(entries);
    json_decref(problems);
    return ths_dberr(s, "reading the access log");
  }
  json_object_set_new(out, "ok", json_boolean(json_array_size(problems) == 0));
  json_object_set_new(out, "entries", entries);
  json_object_set_new(out, "problems", problems);
  return ths_give(s, out, json);
}
