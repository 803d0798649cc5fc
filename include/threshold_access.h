/*
** threshold_access.h -- who may read a case store, and what they read.
**
** A store (th_store, see threshold_store.h) also keeps the accounts of the people
** who use it through `threshold serve`, their sessions, an access log that
** records every view of a case (hash-chained like the decision log), and
** overrides that wait for an approver. This header is for a host that shows
** cases to people: `threshold serve` uses nothing else.
**
** Conventions are threshold_store.h's: an int status; JSON text out-parameters
** the caller frees with th_free; times are supplied by the caller ("at" as
** ISO 8601 text, "now" as seconds since the epoch): the library does not
** read the clock. It does read the system's random source, for tokens and
** salts. Thread rules are threshold_store.h's: one handle, one thread at a
** time. A NULL handle gives TH_MISUSE.
*/
#ifndef THRESHOLD_ACCESS_H
#define THRESHOLD_ACCESS_H

#include "threshold_store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Roles. Each is one permission set, not a rank:
   read-only views cases; a practitioner also edits cases and records
   decisions; an approver also approves overrides; a policy lead views
   cases and the caseload pages (report, rule-change preview). */
enum th_role {
  TH_ROLE_NONE = -1,          /* not a role: unknown name, wrong password */
  TH_ROLE_READ_ONLY = 0,
  TH_ROLE_PRACTITIONER = 1,
  TH_ROLE_APPROVER = 2,
  TH_ROLE_POLICY_LEAD = 3
};

/* "read_only", "practitioner", "approver", "policy_lead"; NULL if unknown. */
TH_API const char *th_role_name(int role);
/* The role with that name, or TH_ROLE_NONE. */
TH_API int th_role_from_name(const char *name);

/*
** Add an account. The password is kept only as an argon2id hash (a random
** salt, OWASP's parameters: 19 MiB, 2 passes). A name is 1-64 bytes of
** letters, digits and "._-"; a password 12-1024 bytes. Returns TH_OK,
** TH_MISUSE (a NULL argument; bad name, role or password; the name is
** taken), TH_IO (no randomness for the salt), TH_NOMEM or TH_DB.
*/
TH_API int th_store_user_add(th_store *s, const char *name, int role,
                             const char *password, const char *at);

/*
** Check a password. *role gets the account's role, or TH_ROLE_NONE when the
** name is unknown or the password wrong (the same work is done either way,
** so the time taken does not tell which). Returns TH_OK, TH_MISUSE (a NULL
** argument) or TH_DB.
*/
TH_API int th_store_user_check(th_store *s, const char *name,
                               const char *password, int *role);

/*
** Start a session for name: token (64 hex digits, 256 random bits) is for
** the cookie and is stored only as its SHA-256; csrf (64 hex digits) is the
** session's form token. Returns TH_OK, TH_MISUSE (a NULL argument, or no
** such account), TH_IO (no randomness) or TH_DB.
*/
TH_API int th_store_session_new(th_store *s, const char *name, long long now,
                                char token[65], char csrf[65]);

/*
** The session of token, if it was used within idle seconds and started
** within max seconds of now (its last use becomes now). *name (freed with
** th_free), *role and csrf are set when it is live; otherwise *name is NULL
** and an expired session is deleted. Returns TH_OK (live or not),
** TH_MISUSE (a NULL argument), TH_NOMEM or TH_DB.
*/
TH_API int th_store_session_get(th_store *s, const char *token, long long now,
                                long long idle, long long max, char **name,
                                int *role, char csrf[65]);

/* End a session (log out). Unknown tokens are not an error. Returns TH_OK,
   TH_MISUSE (a NULL argument) or TH_DB. */
TH_API int th_store_session_end(th_store *s, const char *token);

/*
** Append to the access log: who (an account), what ("view", "decide",
** "approve", "login", "logout", ...), the case (NULL for none) and when.
** Each entry's hash is SHA-256 of the previous entry's hash, a newline and
** the entry's canonical JSON. Returns TH_OK, TH_MISUSE (s, who, what or at
** NULL), TH_NOMEM or TH_DB.
*/
TH_API int th_store_access(th_store *s, const char *who, const char *what,
                           const char *case_id, const char *at);

/*
** The access log (every entry, or those about case_id), oldest first, and
** whether its chain holds: JSON {"ok", "entries": [{"seq", "at", "who",
** "what", "case"}...], "problems": [...]}. Returns TH_OK (even when the
** chain is broken: see "ok"), TH_MISUSE (s or json NULL), TH_NOMEM or
** TH_DB.
*/
TH_API int th_store_access_log(th_store *s, const char *case_id, char **json);

/* ------------------------------------------------------------------------
** Reads for a viewer.
*/

/*
** Every case, with its latest evaluation and decision: JSON [{"id",
** "version", "imported_at", "evaluation": {"status", "pathway",
** "local_level", "ruleset", "flags": [...], "undetermined": n} | null,
** "decision": {...} | null}...], ordered by id. Returns TH_OK, TH_MISUSE
** (s or json NULL), TH_NOMEM or TH_DB.
*/
TH_API int th_store_cases(th_store *s, char **json);

/*
** One case: JSON {"id", "doc" (its current document, as text), "versions":
** [{"version", "imported_at", "doc"}...], "evaluations": [{"id", "at",
** "ruleset", "ruleset_version", "status", "pathway", "local_level"}...],
** "decisions": [{"at", "by", "agree", "level", "reason"}...], "overrides":
** [...]}, oldest first. Returns TH_OK, TH_MISUSE (a NULL argument, or no
** such case), TH_NOMEM or TH_DB.
*/
TH_API int th_store_case(th_store *s, const char *case_id, char **json);

/*
** An override: a practitioner's level, type and reason against the case's
** latest evaluation. A "policy" override (one the local policy directs) is
** recorded as a decision at once; a "discretionary" one waits for an
** approver and becomes a decision (th_store_decide, by its author) only
** when approved. *id gets its number. Returns TH_OK; TH_MISUSE (a NULL
** case, level or author; no reason; a type neither "policy" nor
** "discretionary"; a level the evaluation's rule set does not know; no
** evaluation of the case); TH_NOMEM; TH_DB.
*/
TH_API int th_store_override_propose(th_store *s, const char *case_id,
                                     const char *level, const char *type,
                                     const char *reason, const char *by,
                                     const char *at, long long *id);

/*
** Approve (approve 1) or refuse (0) a waiting override. An author cannot
** approve their own. Approval records the decision in the decision log.
** Returns TH_OK, TH_MISUSE (no such waiting override; own override) or
** TH_DB.
*/
TH_API int th_store_override_settle(th_store *s, long long id, int approve,
                                    const char *approver, const char *at);

/* The overrides waiting for an approver, and counts of every override by
   type and state: JSON {"waiting": [...], "by_type": {...}}. Returns TH_OK,
   TH_MISUSE (s or json NULL), TH_NOMEM or TH_DB. */
TH_API int th_store_overrides(th_store *s, char **json);

#ifdef __cplusplus
}
#endif

#endif /* THRESHOLD_ACCESS_H */
