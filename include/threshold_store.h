/*
** threshold_store.h -- the public API of libthreshold_store, the case store.
**
** A local authority's caseload in one SQLite file: cases as validated JSON
** documents with content hashes, every rule set used with its sources,
** evaluations, practitioner decisions, and an append-only decision log
** whose entries chain by SHA-256. The store is a client of threshold.h
** only, as lauxlib is of lua.h: anything it does, an application could do
** with the engine's public calls and SQLite.
**
** Conventions (beyond those of threshold.h, which this header includes):
**  - Every call returns an enum th_status. Reports and entries come back as
**    JSON text through a char ** parameter, malloc'ed, which the caller
**    frees with th_free; it is set to NULL on failure (and first, so it is
**    never left pointing at anything old).
**  - The store keeps its own message (th_store_errmsg); it never writes an
**    engine's. When an engine call fails inside a store call, the store's
**    message says so and quotes the engine's.
**  - Timestamps ("at") are supplied by the caller: the library does not
**    read the clock. "at" is ISO 8601 text, stored as given.
**  - A NULL store, engine or required argument gives TH_MISUSE. Each
**    call lists the statuses it returns.
**  - A store call that evaluates (import, eval, replay, diff) uses the
**    engine's public calls only, under the engine's own limits and thread
**    flag; it writes only its own message (the th_eval calls inside it may
**    leave one in th_errmsg, as any th_eval does). Progress and read
**    callbacks run on the caller's thread, inside the call: they must not
**    use the same store, and a call on the same engine is refused with
**    TH_MISUSE.
**  - Threads: one store handle is used by one thread at a time (it holds
**    one SQLite connection opened without SQLite's own mutex), and an
**    engine passed to a store call is in use by that call as by th_eval.
**    Different handles, on the same file or not, may be used from
**    different threads and processes at once; SQLite's locking keeps them
**    apart, and a writer waits up to 2 s for a lock before TH_DB.
*/
#ifndef THRESHOLD_STORE_H
#define THRESHOLD_STORE_H

#include "threshold.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct th_store th_store;

#define TH_STORE_CREATE 0x1u     /* create the file (owner-only) if absent */
#define TH_STORE_READONLY 0x2u   /* open for reading only */

/* Case input formats for th_store_import. */
enum th_format { TH_FORMAT_JSON = 0, TH_FORMAT_JSONL = 1, TH_FORMAT_CSV = 2 };

#define TH_STORE_CHANGED_ONLY 0x4u  /* th_store_eval: only cases changed
                                       since the last run with the rule set */
#define TH_IMPORT_STRICT 0x1u    /* any bad record: import nothing */

/* Progress of a long operation: done of total. Called on the caller's
   thread, from inside the call that was given it. */
typedef void th_progress_fn(void *ud, long long done, long long total);

/*
** Open or create a store at path. flags: TH_STORE_CREATE, TH_STORE_READONLY.
** Returns TH_OK; TH_DB when the file is absent (without TH_STORE_CREATE),
** not SQLite, SQLite but not a store, written by a newer threshold, locked,
** read-only, or cannot be created; TH_NOMEM; TH_MISUSE (out or path NULL,
** or creating read-only). Unlike the engine's constructors, on failure *out
** still holds a store for th_store_errmsg (NULL only when out is NULL or
** there was no memory for it): th_store_close it either way.
*/
TH_API int th_store_open(th_store **out, const char *path, unsigned flags);

/* Close a store and free it. NULL is a no-op. */
TH_API void th_store_close(th_store *s);

/*
** The store's last error message, naming the file, line or field where one
** is known. Borrowed: valid until the next call on s. "" when no call has
** failed yet; th_store_errmsg(NULL) returns the out-of-memory text.
*/
TH_API const char *th_store_errmsg(const th_store *s);

/*
** Import cases from data[0..len) in the given format (enum th_format), each
** checked against e's rule set schema as th_eval would check it, and
** needing a string id. Good records are stored (a re-imported id whose
** content changed becomes a new version; the old is kept); bad ones are
** reported with their record or line number, path and message, and not
** stored. With TH_IMPORT_STRICT any bad record aborts the import with
** nothing written. The import is one transaction.
** *report: JSON {"records", "imported", "updated", "unchanged", "rejected",
** "written", "errors": [{"record", "line"?, "path"?, "message"}...]}.
** Returns TH_OK (bad records are not an error status: see "rejected");
** TH_DB (the store failed; nothing was written); TH_NOMEM; TH_MISUSE
** (NULL argument, unknown format, or e has no rule set). data is borrowed
** for the call; data may be NULL when len is 0.
*/
TH_API int th_store_import(th_store *s, th_engine *e, const char *data,
                           size_t len, int format, unsigned flags,
                           const char *at, char **report);

/*
** The same, reading the input through read(ud, buf, cap), which puts up to
** cap bytes in buf and returns how many, 0 at the end, or -1 if it failed.
** JSON Lines and CSV are read as they come, in memory that does not grow
** with the input; a JSON document is read whole. The ids seen so far are
** kept in a temporary table of the store. Returns as th_store_import, and
** TH_IO when read fails (nothing is imported). read is called on the
** caller's thread, only from inside this call.
*/
typedef long th_read_fn(void *ud, char *buf, size_t cap);
TH_API int th_store_import_from(th_store *s, th_engine *e, th_read_fn *read,
                                void *ud, int format, unsigned flags,
                                const char *at, char **report);

/*
** Evaluate every stored case (or, with TH_STORE_CHANGED_ONLY, those not yet
** evaluated in their current version with e's rule set), recording each
** result and a log entry, in transactions of bounded size: an interruption
** loses nothing committed, and --changed carries on. The rule set is stored
** with its sources. progress (may be NULL) is called after each batch.
** *summary: JSON {"run", "ruleset", "ruleset_hash", "evaluated",
** "changed_only", "by_status"}. A case the engine cannot evaluate is
** recorded as an evaluation with status "error", not a failed call.
** Returns TH_OK, TH_DB (batches committed before it are kept), TH_NOMEM or
** TH_MISUSE (NULL argument, or e has no rule set).
*/
TH_API int th_store_eval(th_store *s, th_engine *e, unsigned flags,
                         const char *at, th_progress_fn *progress, void *ud,
                         char **summary);

/*
** Check the store: SQLite's integrity check; every link of the log's hash
** chain; that each entry's kind and case columns say what its hashed body
** says; that every evaluation and decision row (what reports read) agrees
** with the log entry it was recorded with, and that no row lacks its entry
** or entry its row; that every stored case document and rule set matches
** its hash. *report: JSON {"ok", "integrity", "entries", "checked":
** {"evaluations", "decisions", "documents", "rulesets"}, "problems":
** [{"entry" | "evaluation" | "decision" | "document" | "ruleset", "problem"}
** ...]}. Returns TH_OK even when problems are found (see "ok"); TH_DB if
** the store cannot be read; TH_NOMEM; TH_MISUSE (NULL argument).
**
** Whoever can write the file can also rebuild the whole chain so that this
** passes; th_store_verify_anchored checks what is kept outside the file.
*/
TH_API int th_store_verify(th_store *s, char **report);

/*
** th_store_verify, and the anchors kept outside the store: public_key (64
** hex digits, NULL for none): every checkpoint signed with this Ed25519 key
** must verify, and there must be at least one; the report adds
** "checkpoints", "signed_to" (the last entry a good checkpoint covers) and
** "unsigned_entries" (entries after it, which only the chain protects).
** head ("SEQ:HASH" as th_store_head gives it, NULL for none): the log must
** still hold that entry with that hash. Returns as th_store_verify, and
** TH_MISUSE for a malformed key or head.
*/
TH_API int th_store_verify_anchored(th_store *s, const char *public_key,
                                    const char *head, char **report);

/*
** A new Ed25519 key pair for signing checkpoints, as hex: secret_key gets
** 128 digits and a NUL (keep it outside the store, readable by the signer
** only), public_key 64 and a NUL (give it to whoever verifies). Returns
** TH_OK; TH_MISUSE (NULL argument); TH_ERROR (no randomness to be had).
*/
TH_API int th_store_keypair(char secret_key[129], char public_key[65]);

/*
** Append a checkpoint to the log: a signature, with secret_key (hex, as
** th_store_keypair gives it), of the log's last entry, its number and hash.
** at: when, as recorded. *entry: the checkpoint's JSON {"kind", "seq",
** "hash", "key", "signature", "at", "entry"}. Returns TH_OK; TH_MISUSE
** (NULL argument, a malformed key, an empty log); TH_DB; TH_NOMEM.
*/
TH_API int th_store_checkpoint(th_store *s, const char *secret_key,
                               const char *at, char **entry);

/*
** The log's head, to keep outside the store (a printout, another system):
** JSON {"seq", "hash", "head": "SEQ:HASH"}. Returns TH_OK; TH_MISUSE (NULL
** argument, an empty log); TH_DB; TH_NOMEM.
*/
TH_API int th_store_head(th_store *s, char **head);

/*
** Re-evaluate every logged evaluation with its stored rule-set sources (not
** the files, which may have changed) and the stored case document, and
** report any result whose hash differs from the one logged. Engines are
** made and freed inside the call. *report: JSON {"replayed", "same",
** "different": [{"entry", "case", "ruleset"}...]}. Returns TH_OK (however
** many differ); TH_DB (the store, or a rule set missing from it); the
** status of th_engine_load_sources when a stored rule set no longer loads;
** TH_NOMEM; TH_MISUSE (NULL argument).
*/
TH_API int th_store_replay(th_store *s, th_progress_fn *progress, void *ud,
                           char **report);

/*
** A practitioner's decision. level NULL: agreeing with the suggestion
** (type, reason and approver NULL). Otherwise an override: level is a
** pathway or a local level of the evaluation's rule set; type is "policy"
** (the local policy directs it) or "discretionary" (the practitioner's
** judgement); reason is required; approver, who approved it, is required
** for a discretionary override and may be given for a policy one, and is
** never the person who decides. by and every string given must not be
** blank.
*/
typedef struct th_decision {
  const char *level;
  const char *type;
  const char *reason;
  const char *by;
  const char *approver;
} th_decision;

/*
** Record decision d on the latest evaluation of case_id, in the log and in
** the decisions the reports count. The evaluation must carry a suggestion
** (not an invalid case or a failed evaluation). at: when, as recorded.
** *entry: the log entry's JSON with its "seq". Returns TH_OK; TH_MISUSE
** (NULL argument, a decision d does not allow, an unknown level, no
** evaluation of the case or one without a suggestion); TH_DB; TH_NOMEM.
*/
TH_API int th_store_decide(th_store *s, const char *case_id, const th_decision *d,
                           const char *at, char **entry);

/*
** Caseload report over the latest evaluation of each case with the rule
** set whose id is ruleset_id (NULL: the rule set of the latest run): the
** pathway and local-level distribution, flags, blocking rules, missing
** information, override rates. *report: JSON, keys in that order. Returns
** TH_OK; TH_MISUSE (NULL argument, or no run with that rule set); TH_DB;
** TH_NOMEM.
*/
TH_API int th_store_report(th_store *s, const char *ruleset_id, char **report);

/*
** Evaluate every stored case with two engines, writing nothing: the pathway
** transition matrix and the cases that move, with the rules that now apply
** or no longer apply. *report: JSON {"old", "new", "cases", "moved_count",
** "matrix", "moved"}. Returns TH_OK; TH_MISUSE (NULL argument, or an
** engine without a rule set); TH_DB; TH_NOMEM.
*/
TH_API int th_store_diff(th_store *s, th_engine *old_rules, th_engine *new_rules,
                         th_progress_fn *progress, void *ud, char **report);

#ifdef __cplusplus
}
#endif

#endif /* THRESHOLD_STORE_H */
