/*
** store.h -- the case store's private pieces, shared by store.c (open,
** schema, hashing), store_import.c, store_eval.c (batch evaluation and the
** decision log), store_report.c (reports, diff).
*/
#ifndef THRESHOLD_STORE_H
#define THRESHOLD_STORE_H

#include <jansson.h>
#include <sqlite3.h>

#include "internal.h"

#define THI_STORE_SCHEMA 1            /* PRAGMA user_version we write */
#define THI_STORE_APP_ID 0x54485231   /* PRAGMA application_id: "THR1" */
#define THI_STORE_BATCH 500           /* evaluations per transaction */

/* Statements run for every case, prepared once per store (store.c). */
enum thi_stmt {
  THI_STMT_CASE_DOC,         /* a case's current document and hash */
  THI_STMT_CASE_VERSION,     /* a case's current hash and version */
  THI_STMT_DOC_INSERT,       /* the three that store a case's version */
  THI_STMT_VERSION_INSERT,
  THI_STMT_CASE_UPSERT,
  THI_STMT_EVALUATION,       /* one evaluation's row */
  THI_STMT_LOG_LAST,         /* the log's last hash */
  THI_STMT_LOG_APPEND,       /* one log entry */
  THI_STMT_IMPORT_ID,        /* an id of this import: the record it first came at */
  THI_STMT_COUNT
};

struct th_store {
  sqlite3 *db;
  char *errmsg;
  sqlite3_stmt *stmt[THI_STMT_COUNT];
};

THI_FUNC int thi_store_err(th_store *s, int status, const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 3, 4)))
#endif
  ;
THI_FUNC int thi_store_dberr(th_store *s, const char *what);
THI_FUNC int thi_store_exec(th_store *s, const char *sql);

/* The statement `which`, prepared on first use, reset, no values bound;
   NULL with the message set if it cannot be prepared. The caller resets
   it when done with it (a stepped query holds its read until reset). */
THI_FUNC sqlite3_stmt *thi_store_stmt(th_store *s, enum thi_stmt which);

/* SHA-256 of data as 64 hex digits + NUL. Returns 0 on failure. */
THI_FUNC int thi_sha256_hex(const void *data, size_t len, char out[65]);

/* Canonical JSON text (compact, sorted keys) of j; malloc'ed. */
THI_FUNC char *thi_canonical(const json_t *j);

/* Hand a JSON document to the caller as malloc'ed text (steals j). */
THI_FUNC int thi_store_give(th_store *s, json_t *j, char **out);

/* Store e's rule set with its sources (once per hash). */
THI_FUNC int thi_store_save_ruleset(th_store *s, th_engine *e);

/* Append one entry to the log (inside the caller's transaction): the
   entry's hash chains to the previous entry's. *seq gets its number. */
THI_FUNC int thi_store_log(th_store *s, const char *kind, const char *case_id,
                           json_t *body, long long *seq);

#endif
