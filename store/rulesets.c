/*
** rulesets.c -- the rule sets kept in the store: each evaluation's rule set
** is saved with its sources under its hash, so replay and verify load the
** rules that were used, not the files as they are now.
*/
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* Store e's rule set with its sources, if this hash is new. */
int ths_save_ruleset(th_store *s, th_engine *e) {
  json_t *srcs = json_array();
  int n = th_engine_source_count(e);
  for (int i = 0; srcs && i < n; i++) {
    const char *name, *text;
    size_t len;
    th_engine_source(e, i, &name, &text, &len);
    json_array_append_new(srcs, json_pack("[s, s%]", name, text, len));
  }
  char *sources = srcs ? ths_canonical(srcs) : NULL;
  json_decref(srcs);
  if (sources == NULL)
    return ths_err(s, TH_NOMEM, "out of memory");
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO rulesets"
                              "(hash, id, version, sources) VALUES (?,?,?,?)",
                              -1, &st, NULL);
  if (rc == SQLITE_OK) {
    sqlite3_bind_text(st, 1, th_engine_ruleset_hash(e), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, th_engine_ruleset_id(e), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, th_engine_ruleset_version(e), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, sources, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
  }
  sqlite3_finalize(st);
  free(sources);
  return rc == SQLITE_DONE ? TH_OK : ths_dberr(s, "saving the rule set");
}


int ths_engine_for(th_store *s, const char *hash, th_engine **out) {
  sqlite3_stmt *st = NULL;
  *out = NULL;
  if (sqlite3_prepare_v2(s->db, "SELECT sources FROM rulesets WHERE hash = ?", -1,
                         &st, NULL) != SQLITE_OK)
    return ths_dberr(s, "replay");
  sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
  json_t *srcs = sqlite3_step(st) == SQLITE_ROW
      ? json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL) : NULL;
  sqlite3_finalize(st);
  if (srcs == NULL)
    return ths_err(s, TH_DB, "rule set %.12s is not in the store", hash);
  size_t n = json_array_size(srcs);
  const char **names = calloc(n + 1, sizeof *names), **texts = calloc(n + 1, sizeof *texts);
  size_t *lens = calloc(n + 1, sizeof *lens);
  for (size_t i = 0; names && texts && lens && i < n; i++) {
    json_t *x = json_array_get(srcs, i);
    names[i] = json_string_value(json_array_get(x, 0));
    texts[i] = json_string_value(json_array_get(x, 1));
    lens[i] = json_string_length(json_array_get(x, 1));
  }
  int rc = names && texts && lens ? th_engine_new(out, 0) : TH_NOMEM;
  if (rc == TH_OK)
    rc = th_engine_load_sources(*out, (int)n, names, texts, lens);
  if (rc != TH_OK)
    ths_err(s, rc, "rule set %.12s: %s", hash, th_errmsg(*out));
  free(names);
  free(texts);
  free(lens);
  json_decref(srcs);
  if (rc != TH_OK) {
    th_engine_free(*out);
    *out = NULL;
  }
  return rc;
}
