/*
** threshold.h -- the public API of libthreshold.
**
** threshold evaluates a child's case data (JSON) against a rule set written
** in Lua (a local authority's threshold document and neglect strategy) and
** SUGGESTS a pathway -- universal, early help, child in need (s17) or child
** protection (s47) -- with reasons, citations, missing facts, flags and next
** steps. It never decides: the practitioner does.
**
** This header is the API reference. Conventions:
**  - Every fallible call returns an int status (enum th_status). Objects come
**    back through trailing **out parameters, set to NULL on failure.
**  - _new creates, _free destroys; _free(NULL) is a harmless no-op.
**  - A returned const char * is borrowed; each function says how long it
**    lives. Inputs are borrowed for the call only; nothing steals arguments.
**  - The library never prints, exits or aborts, and reads the clock only to
**    enforce an evaluation deadline.
**  - One engine per thread at a time. Different engines are independent
**    and may run in parallel threads. A call on an engine that another
**    thread is using (or a nested call) is refused with TH_MISUSE, every
**    time, and changes nothing, not even th_errmsg (th_engine_limit gives
**    -1): an atomic flag held for the whole call.
*/
#ifndef THRESHOLD_H
#define THRESHOLD_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define TH_API __attribute__((visibility("default")))
#else
#define TH_API
#endif

/* The only source of the version number; the Makefile reads it from here. */
#define TH_VERSION_MAJOR 0
#define TH_VERSION_MINOR 1
#define TH_VERSION_PATCH 0
#define TH_VERSION_STRING "0.1.0"
#define TH_VERSION_NUMBER \
  (TH_VERSION_MAJOR * 10000 + TH_VERSION_MINOR * 100 + TH_VERSION_PATCH)

/* Status codes. Append only; never renumber. */
enum th_status {
  TH_OK = 0,       /* success */
  TH_ERROR = 1,    /* unspecified failure; see th_errmsg */
  TH_NOMEM = 2,    /* out of memory (host) */
  TH_IO = 3,       /* a file could not be read */
  TH_JSON = 4,     /* case input is not well-formed JSON */
  TH_SYNTAX = 5,   /* a rule file does not parse */
  TH_RUNTIME = 6,  /* a rule file raised an error while loading */
  TH_LIMIT = 7,    /* a configured limit was hit */
  TH_DB = 8,       /* the case store failed */
  TH_MISUSE = 9,   /* API misuse: NULL handle, no rule set loaded, ... */
  TH_RULES = 10    /* the rule set is inconsistent (unknown level, ...) */
};

/* Pathways, ordered: a higher value is a more intensive response. */
enum th_pathway {
  TH_NO_PATHWAY = -1,       /* no suggestion could be made (invalid case) */
  TH_UNIVERSAL = 0,         /* needs met by universal services */
  TH_EARLY_HELP = 1,        /* additional needs: targeted early help */
  TH_CHILD_IN_NEED = 2,     /* Children Act 1989 s17 */
  TH_CHILD_PROTECTION = 3   /* Children Act 1989 s47: significant harm */
};

/* What a result says about its own completeness. */
enum th_result_status {
  TH_RESULT_COMPLETE = 0,   /* every rule was decided */
  TH_RESULT_INCOMPLETE = 1, /* a rule erred, hit a limit or lacked facts */
  TH_RESULT_INVALID = 2,    /* the case failed schema checks; no suggestion */
  TH_RESULT_VALID = 3       /* TH_EVAL_VALIDATE: the case passed the checks */
};

/* Limits, set with th_engine_limit. Defaults are in docs/limits.md. */
enum th_limit {
  TH_LIMIT_DEADLINE_MS = 0,   /* CPU time of the evaluating thread per
                                 evaluation (0: none) */
  TH_LIMIT_EVAL_MEMORY = 1,   /* bytes one evaluation may add to the state */
  TH_LIMIT_STATE_MEMORY = 2,  /* bytes the whole Lua state may hold */
  TH_LIMIT_CASE_BYTES = 3,    /* size of one JSON case */
  TH_LIMIT_CASE_DEPTH = 4,    /* nesting depth of one JSON case */
  TH_LIMIT_SOURCE_BYTES = 5,  /* size of one rule file */
  TH_LIMIT_LIST_ITEMS = 6,    /* entries in one list of a case */
  TH_LIMIT_STRING_BYTES = 7,  /* bytes in one string of a case */
  TH_LIMIT_NUMBER_ABS = 8,    /* largest magnitude of a number in a case */
  TH_LIMIT_LOAD_STEPS = 9     /* Lua VM instructions loading (or preparing) a
                                 rule set may run: counted, not timed */
};

/* Flags for th_eval. */
#define TH_EVAL_EXPLAIN 0x1u  /* findings carry the facts they read */
#define TH_EVAL_VALIDATE 0x2u /* check the case against the schema only */
#define TH_EVAL_BRIEF 0x4u    /* leave out why_not (for callers that only
                                 read the suggestion and findings) */
#define TH_EVAL_SUMMARY 0x8u  /* the caller reads only th_result_status,
                                 _pathway, _rank, _case_id, _finding_* and
                                 _error_count: no JSON is written, and
                                 th_result_json and th_result_text give NULL */

typedef struct th_engine th_engine;  /* a Lua state + one loaded rule set */
typedef struct th_result th_result;  /* one evaluation's outcome; immutable */
typedef struct th_report th_report;  /* the outcome of a rule set's tests */

/* Version of the library actually linked (compare with TH_VERSION_NUMBER). */
TH_API int th_version_number(void);
TH_API const char *th_version(void);  /* static string, e.g. "0.1.0" */

/* Static English text for any status code; never NULL. */
TH_API const char *th_errstr(int status);

/*
** Create an engine with the default limits. flags must be 0.
** Returns TH_OK, TH_NOMEM, or TH_MISUSE (out NULL or flags not 0).
*/
TH_API int th_engine_new(th_engine **out, unsigned flags);

/* Destroy an engine and everything it owns. NULL is a no-op. */
TH_API void th_engine_free(th_engine *e);

/*
** The last error message of e, with its location where one is known
** ("core/neglect.lua:42: ..."). Borrowed: valid until the next call on e.
** th_errmsg(NULL) returns the out-of-memory text.
*/
TH_API const char *th_errmsg(const th_engine *e);

/*
** Query or set a limit. v < 0 only queries. Returns the value in force
** after the call, or -1 if which is unknown. Memory limits apply from the
** next evaluation; source limits from the next load.
*/
TH_API long long th_engine_limit(th_engine *e, int which, long long v);

/*
** Load a rule set: set is a folder holding ruleset.lua (+ the files it
** lists), or a name looked up in the folders of $THRESHOLD_RULES_PATH
** (separated by ':'), then in the rules folder compiled in at build time
** (pkg-config --variable=rulesdir threshold). The sets it extends load
** first, found beside it or else by name through the same path. Replaces
** any rule set loaded before; on failure the engine has no rule set loaded.
** Returns TH_OK, TH_IO, TH_SYNTAX, TH_RUNTIME, TH_RULES, TH_LIMIT, TH_NOMEM
** or TH_MISUSE; th_errmsg lists every problem with file:line.
*/
TH_API int th_engine_load(th_engine *e, const char *set);

/*
** Identity of the loaded rule set, borrowed, valid until the next load:
** its id, version, and the SHA-256 (hex) of every source file in load order.
** NULL when no rule set is loaded.
*/
TH_API const char *th_engine_ruleset_id(const th_engine *e);
TH_API const char *th_engine_ruleset_version(const th_engine *e);
TH_API const char *th_engine_ruleset_hash(const th_engine *e);

/*
** The date ("YYYY-MM-DD") to use as assessed_on for cases that lack one;
** the result then says so in its warnings. NULL clears it, and a case
** without assessed_on is invalid. The library never reads the clock itself.
** Returns TH_OK or TH_MISUSE (not a valid calendar date).
*/
TH_API int th_engine_set_default_date(th_engine *e, const char *date);

/*
** Evaluate one case: json[0..len) is one JSON object. On TH_OK, *out is a
** result the caller frees with th_result_free; the case may still have been
** invalid (th_result_status says so, and the result lists the errors).
** Malformed JSON returns TH_JSON with the line and column in th_errmsg.
** Returns TH_OK, TH_JSON, TH_LIMIT (case too large or deep), TH_NOMEM or
** TH_MISUSE (no rule set loaded). A rule that errs or hits a deadline or
** memory limit does not fail the call: the result is incomplete and names it.
*/
TH_API int th_eval(th_engine *e, const char *json, size_t len, unsigned flags,
                   th_result **out);

/* The result as one line of JSON (no newline), keys sorted: the same case
   and rule set give the same bytes. Borrowed: lives with r. NULL if r was
   evaluated with TH_EVAL_SUMMARY, or if there is no memory to print it
   (the text is made on the first call; a later call tries again). Not safe
   to call on one r from two threads at once. */
TH_API const char *th_result_json(const th_result *r);

/* The result as text for a practitioner. Borrowed: lives with r. NULL if
   r was evaluated with TH_EVAL_SUMMARY. */
TH_API const char *th_result_text(const th_result *r);

/* The suggested pathway (enum th_pathway). */
TH_API int th_result_pathway(const th_result *r);

/* The name results use for a pathway ("universal", "early_help",
   "child_in_need", "child_protection"): a static string; NULL for
   TH_NO_PATHWAY or any other value. */
TH_API const char *th_pathway_name(int pathway);

/* The rule set's own name for the suggested level (for example "level_3"),
   borrowed, living with r; NULL when there is no suggestion or r is NULL. */
TH_API const char *th_result_local_level(const th_result *r);

/* enum th_result_status. */
TH_API int th_result_status(const th_result *r);

/* The case's id, borrowed (lives with r); NULL if the case had none. */
TH_API const char *th_result_case_id(const th_result *r);

/* The suggested level's rank among the rule set's levels, from 0
   (universal) up; -1 when there is no suggestion. */
TH_API int th_result_rank(const th_result *r);

/* The rules and tables that applied ("findings"), highest level first;
   names borrowed, living with r. A table that matched two rows appears
   twice. */
TH_API int th_result_finding_count(const th_result *r);
TH_API const char *th_result_finding_rule(const th_result *r, int i);

/* Number of rule errors the result lists (rules that erred or hit a limit). */
TH_API int th_result_error_count(const th_result *r);

TH_API void th_result_free(th_result *r);

/*
** Run the tests of the loaded rule set (the *.lua files in its tests folder; the sets it
** extends keep their own tests). On TH_OK *out holds the report.
** Returns TH_OK, TH_IO, TH_SYNTAX, TH_RUNTIME, TH_RULES, TH_NOMEM or
** TH_MISUSE. Failing tests are not an error status: see th_report_failed.
*/
TH_API int th_engine_test(th_engine *e, th_report **out);

TH_API int th_report_passed(const th_report *r);
TH_API int th_report_failed(const th_report *r);
/*
** Coverage gaps: the set's own rules, flags and table rows that apply in
** no test, or that no test names as a near miss (not_fired, no_flags).
*/
TH_API int th_report_coverage_gaps(const th_report *r);
TH_API const char *th_report_json(const th_report *r);  /* lives with r */
TH_API const char *th_report_text(const th_report *r);  /* lives with r */
TH_API void th_report_free(th_report *r);

/*
** Rule-set sources, for storing a rule set beside the decisions it made
** and loading it again later (th_engine_load_sources), even after the
** files changed. Borrowed; valid until the next load.
*/
TH_API int th_engine_source_count(const th_engine *e);
TH_API int th_engine_source(const th_engine *e, int i, const char **name,
                            const char **text, size_t *len);

/*
** Load a rule set from sources in load order (as th_engine_source gives
** them): n names "<set>/<file>.lua" and texts. Returns as th_engine_load.
*/
TH_API int th_engine_load_sources(th_engine *e, int n, const char *const *names,
                                  const char *const *texts, const size_t *lens);

/*
** The type the loaded rule set's schema declares at a data path such as
** "child.dob" or "concerns.1.subtype" (numbers are list positions, from 1):
** *type is a static string, one of "string", "enum", "integer", "number",
** "boolean", "date", "object", "array". Returns TH_OK; TH_MISUSE with *type
** NULL when the path names no field (th_errmsg: "'chlid.dob' is not a field
** of the case schema (did you mean 'child'?)") or an argument is NULL or no
** rule set is loaded; TH_LIMIT if the schema could not be read within the
** evaluation limits; TH_ERROR on an internal fault. Same thread rules as
** th_eval; not to be called from inside an evaluation.
*/
TH_API int th_engine_field_type(th_engine *e, const char *path, const char **type);

/*
** The case fields the loaded rule set's schema declares, in declaration
** order with parents first, as a JSON array the caller frees with th_free:
** [{"path": "concerns[].subtype", "type": "enum", "values": [...], "min",
** "max", "doc", "of" (an array's entry type), "nullable", "has_default",
** "ordered" (true: the values run from least to most concern), "worse" (a
** boolean's concerning value, or "higher" / "lower" for a number)}].
** List entries are written "x[]". Returns TH_OK, TH_NOMEM or TH_MISUSE
** (no rule set loaded).
*/
TH_API int th_engine_schema(th_engine *e, char **json);

/* Free memory the library returned as a char ** out-parameter. */
TH_API void th_free(void *p);

#ifdef __cplusplus
}
#endif

#endif /* THRESHOLD_H */
