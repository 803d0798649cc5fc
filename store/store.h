/*
** store.h -- the case store's private pieces, shared by store.c (open,
** messages, hashing, the log), import.c, eval.c (batch evaluation,
** decisions, replay), verify.c (what db verify checks), anchor.c (signed
** checkpoints and the head, kept outside the file), rulesets.c (rule sets
** with their sources), report.c (reports, diff), access.c (accounts,
** sessions, the access log), read.c (reads for a viewer). The store uses
** the engine through threshold.h only.
*/
#ifndef THRESHOLD_STORE_PRIVATE_H
#define THRESHOLD_STORE_PRIVATE_H

#include <jansson.h>
#include <sqlite3.h>

#include "threshold_store.h"

#if defined(__GNUC__)
#define THS_FUNC __attribute__((visibility("hidden"))) extern
#else
#define THS_FUNC extern
#endif

#define THS_SCHEMA 4            /* PRAGMA user_version we write */
#define THS_APP_ID 0x54485231   /* PRAGMA application_id: "THR1" */
#define THS_BATCH 500           /* evaluations per transaction */

/* Statements run for every case, prepared once per store (store.c). */
enum ths_stmt {
  THS_STMT_CASE_DOC,         /* a case's current document and hash */
  THS_STMT_CASE_VERSION,     /* a case's current hash and version */
  THS_STMT_DOC_INSERT,       /* the three that store a case's version */
  THS_STMT_VERSION_INSERT,
  THS_STMT_CASE_UPSERT,
  THS_STMT_EVALUATION,       /* one evaluation's row */
  THS_STMT_LOG_LAST,         /* the log's last hash */
  THS_STMT_LOG_APPEND,       /* one log entry */
  THS_STMT_IMPORT_ID,        /* an id of this import: the record it first came at */
  THS_STMT_COUNT
};

struct th_store {
  sqlite3 *db;
  char *errmsg;
  char engine[48];       /* "threshold X.Y.Z": the engine actually linked */
  sqlite3_stmt *stmt[THS_STMT_COUNT];
};

/* Each schema version's SQL from the one before (schema.c): [0] makes
   version 1 (cases, rule sets, the decision log), [1] version 2
   (accounts, sessions, the access log, overrides), [2] version 3
   (decision types and approvers), [3] version 4 (rulesets with a rowid). */
THS_FUNC const char *const ths_schema_steps[THS_SCHEMA];

THS_FUNC int ths_err(th_store *s, int status, const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 3, 4)))
#endif
  ;
THS_FUNC int ths_dberr(th_store *s, const char *what);
THS_FUNC int ths_exec(th_store *s, const char *sql);

/* Is t NULL, empty or only white space? */
THS_FUNC int ths_blank(const char *t);

/* The statement `which`, prepared on first use, reset, no values bound;
   NULL with the message set if it cannot be prepared. The caller resets
   it when done with it (a stepped query holds its read until reset). */
THS_FUNC sqlite3_stmt *ths_stmt(th_store *s, enum ths_stmt which);

/* SHA-256 of data as 64 hex digits + NUL. Returns 0 on failure. */
THS_FUNC int ths_sha256_hex(const void *data, size_t len, char out[65]);

/* Canonical JSON text (compact, sorted keys) of j; malloc'ed. */
THS_FUNC char *ths_canonical(const json_t *j);

/* Hand a JSON document to the caller as malloc'ed text (steals j). */
THS_FUNC int ths_give(th_store *s, json_t *j, char **out);

/* jansson's message without the " near '...'" that quotes the input (a
   case holds personal data, and errors reach logs). Edits err. */
THS_FUNC const char *ths_json_error(json_error_t *err);

/* SHA-256 of prev "\n" body as 64 hex digits: a log entry's hash after
   the entry before it (store.c). Returns 0 with no memory; prev that is
   not 64 characters gives "" (no hash follows a broken link). */
THS_FUNC int ths_chain_hash(const char *prev, const char *body, size_t len,
                            char out[65]);

/* Store e's rule set with its sources, once per hash (rulesets.c). */
THS_FUNC int ths_save_ruleset(th_store *s, th_engine *e);

/* A new engine with the stored sources of rule set `hash` (rulesets.c).
   TH_OK, or the failure with the store's message set; *out NULL then. */
THS_FUNC int ths_engine_for(th_store *s, const char *hash, th_engine **out);

/* Is key 64 hex digits (an Ed25519 public key)? Does signature (hex) sign
   the log's entry seq with this hash under key? (anchor.c) */
THS_FUNC int ths_public_key_valid(const char *key);
THS_FUNC int ths_checkpoint_valid(const char *key, long long seq,
                                  const char *hash, const char *signature);

/* Append one entry to the log (inside the caller's transaction): the
   entry's hash chains to the previous entry's. *seq gets its number. */
THS_FUNC int ths_log(th_store *s, const char *kind, const char *case_id,
                           json_t *body, long long *seq);

#endif
