/*
** threshold.h -- the public API of libthreshold.
**
** threshold evaluates a child's case data (JSON) against a rule set written
** in Lua (a local authority's threshold document and neglect strategy) and
** SUGGESTS a pathway -- universal, early help, child in need (s17) or child
** protection (s47) -- with reasons, citations, missing facts, flags and next
** steps. It never decides: the practitioner does.
**
** This header is the API reference: what it does not promise, the library
** does not promise. Conventions:
**  - Every fallible call returns an int status (enum th_status); each
**    function lists every status it can return. Objects come back through
**    trailing **out parameters, set to NULL first and left NULL on failure
**    (threshold_store.h's th_store_open is the one exception, and says so).
**  - _new creates, _free destroys; _free(NULL) is a harmless no-op.
**  - A returned const char * is borrowed; each function says how long it
**    lives. Inputs are borrowed for the call only; nothing steals arguments.
**  - NULL handles: a call that returns a status gives TH_MISUSE; an
**    accessor gives the value that means "none" (NULL, 0, -1,
**    TH_NO_PATHWAY or TH_RESULT_INVALID), as each says.
**  - Messages: a call on an engine that fails with a status other than
**    TH_OK sets th_errmsg (except the refusals below); a call that succeeds
**    leaves whatever message was there. An accessor never touches it.
**  - The library never prints, exits or aborts, and reads a clock only to
**    enforce an evaluation deadline.
**
** Threads and signals:
**  - One engine per thread at a time. Different engines are independent
**    and may run in parallel threads. Every call that reads or changes an
**    engine's Lua state or settings (th_engine_load, _load_sources, _test,
**    _limit, _set_default_date, _schema, _field_type, th_eval) takes an
**    atomic flag for the whole call: a call on an engine that another
**    thread is using, or a nested call, is refused with TH_MISUSE, every
**    time, and changes nothing, not even th_errmsg (th_engine_limit gives
**    -1). The accessors (th_errmsg, th_engine_ruleset_*, th_engine_source*)
**    take no flag: what they return lives until the next call that loads
**    or fails, so they are called by the thread that uses the engine.
**  - A result (th_result) and a report (th_report) belong to no engine:
**    they may be read from any number of threads at once, outlive the
**    engine that made them, and are freed once, by one thread, when no
**    other reads them.
**  - The deadline (TH_LIMIT_DEADLINE_MS) is kept by one watchdog thread per
**    engine, started by the engine's first evaluation with a deadline and
**    joined by th_engine_free; an idle engine's thread sleeps without
**    waking. When an evaluation runs past its deadline the watchdog sends
**    the evaluating thread the signal SIGRTMIN + 3 (TH_DEADLINE_SIGNAL when
**    the library was built with it defined otherwise). The library installs
**    a handler for that signal, process-wide, once, on the first deadline
**    of any engine, and never restores the one before: an embedding
**    program must leave that signal to the library and must not block it
**    in threads that call th_eval (a blocked signal means no deadline, not
**    a crash). The deadline counts CPU time of the evaluating thread, not
**    wall-clock time, so a loaded machine does not stop cases early. If no
**    thread can be started, evaluations run without a deadline.
**    docs/limits.md says more. With the deadline 0 there is no thread and
**    no signal.
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
  TH_RESULT_COMPLETE = 0,   /* nothing failed and no open question could raise it */
  TH_RESULT_INCOMPLETE = 1, /* a rule erred or hit a limit, a table had a gap,
                               or decide chose lower: the suggestion may be wrong */
  TH_RESULT_INVALID = 2,    /* the case failed schema checks; no suggestion */
  TH_RESULT_VALID = 3,      /* TH_EVAL_VALIDATE: the case passed the checks */
  TH_RESULT_OPEN = 4        /* nothing failed, but open questions (rules that
                               lacked facts) could raise the suggestion; never
                               present it as complete */
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
typedef struct th_result th_result;  /* one evaluation's outcome; read-only,
                                        safe to share between threads */
typedef struct th_report th_report;  /* the outcome of a rule set's tests */

/* Version of the library actually linked (compare with TH_VERSION_NUMBER). */
TH_API int th_version_number(void);
TH_API const char *th_version(void);  /* static string, e.g. "0.1.0" */

/* Static English text for any status code; never NULL. */
TH_API const char *th_errstr(int status);

/*
** Create an engine with the default limits and the rule language loaded
** (no rule set yet). flags must be 0. *out is freed with th_engine_free.
** Returns TH_OK, TH_NOMEM, TH_MISUSE (out NULL or flags not 0) or TH_ERROR
** (the rule language itself failed to load: a broken build).
*/
TH_API int th_engine_new(th_engine **out, unsigned flags);

/* Destroy an engine and everything it owns, and join its watchdog thread.
   Results and reports it made stay valid. NULL is a no-op. Not to be
   called while another thread uses e. */
TH_API void th_engine_free(th_engine *e);

/*
** The last error message of e, with its location where one is known
** ("core/neglect.lua:42: ..."); "" when no call has failed yet. Borrowed:
** valid until the next call on e. Never NULL: th_errmsg(NULL) returns the
** out-of-memory text (th_engine_new gives no engine to ask).
*/
TH_API const char *th_errmsg(const th_engine *e);

/*
** Query or set a limit (enum th_limit; the units are in its comments,
** the defaults in docs/limits.md). v < 0 only queries; 0 means "none" for
** TH_LIMIT_DEADLINE_MS and is a real (tiny) limit for every other. Returns
** the value in force after the call, or -1 if e is NULL, which is unknown,
** or another call holds e. TH_LIMIT_STATE_MEMORY applies at once; the
** deadline, TH_LIMIT_EVAL_MEMORY and the case limits from the next
** evaluation; TH_LIMIT_SOURCE_BYTES and TH_LIMIT_LOAD_STEPS from the next
** load (and the next preparation of the fast paths, at the second
** evaluation after a load).
*/
TH_API long long th_engine_limit(th_engine *e, int which, long long v);

/*
** Load a rule set: set is a folder holding ruleset.lua (+ the files it
** lists), or a name looked up in the folders of $THRESHOLD_RULES_PATH
** (separated by ':'), then in the rules folder compiled in at build time
** (pkg-config --variable=rulesdir threshold). The sets it extends load
** first, found beside it or else by name through the same path. Replaces
** any rule set loaded before; on failure the engine has no rule set loaded.
** Returns TH_OK, TH_IO (a file could not be read, or the set was not
** found), TH_SYNTAX, TH_RUNTIME, TH_RULES, TH_LIMIT (a file over
** TH_LIMIT_SOURCE_BYTES, or loading ran out of TH_LIMIT_LOAD_STEPS or
** memory), TH_NOMEM, TH_MISUSE (e or set NULL; e in use) or TH_ERROR (an
** internal fault); th_errmsg lists every problem with file:line.
*/
TH_API int th_engine_load(th_engine *e, const char *set);

/*
** Identity of the loaded rule set, borrowed, valid until the next load:
** its id, version, and the SHA-256 (hex) of every source file in load order.
** NULL when no rule set is loaded or e is NULL. Accessors: no thread flag
** (see the thread rules).
*/
TH_API const char *th_engine_ruleset_id(const th_engine *e);
TH_API const char *th_engine_ruleset_version(const th_engine *e);
TH_API const char *th_engine_ruleset_hash(const th_engine *e);

/*
** The date ("YYYY-MM-DD") to use as assessed_on for cases that lack one;
** the result then says so in its warnings. NULL clears it, and a case
** without assessed_on is invalid. The library never reads the clock itself.
** date is copied. Kept across loads. Returns TH_OK or TH_MISUSE (e NULL,
** not a valid calendar date from 1900 on, or e in use).
*/
TH_API int th_engine_set_default_date(th_engine *e, const char *date);

/*
** Evaluate one case: json[0..len) is one JSON object (json may be NULL
** only when len is 0). flags: any combination of the TH_EVAL_ flags.
** On TH_OK, *out is a result the caller frees with th_result_free; the
** case may still have been invalid (th_result_status says so, and the
** result lists the errors). A rule that errs or hits the deadline or the
** memory limit does not fail the call: the result is incomplete and names
** it.
** Returns TH_OK; TH_JSON (malformed JSON: line and column in th_errmsg);
** TH_LIMIT (the case over a case limit, or a result too large to write);
** TH_NOMEM; TH_MISUSE (e or out NULL, json NULL with len > 0, no rule set
** loaded, a flag this header does not define, or e in use); TH_ERROR (an
** internal fault; the engine rebuilds its state and stays usable). After
** an evaluation a limit stopped, the next call first rebuilds the state
** from the sources already loaded, and the second evaluation after a load
** prepares the fast paths; either can fail with TH_LIMIT, TH_NOMEM or
** TH_ERROR, the rule set stays loaded, and the next call tries again.
*/
TH_API int th_eval(th_engine *e, const char *json, size_t len, unsigned flags,
                   th_result **out);

/* The result as one line of JSON (no newline), keys sorted: the same case
   and rule set give the same bytes (docs/result.schema.json). Borrowed:
   lives with r; made with r. NULL if r is NULL or was evaluated with
   TH_EVAL_SUMMARY. */
TH_API const char *th_result_json(const th_result *r);

/* The result as text for a practitioner (lines ending in newlines).
   Borrowed: lives with r. Rendered on the first call, which may run in
   several threads at once (one copy is kept, as threshold.h's thread rules
   promise). NULL if r is NULL, was evaluated with TH_EVAL_SUMMARY, or
   there was no memory to render it (a later call tries again). */
TH_API const char *th_result_text(const th_result *r);

/* The suggested pathway (enum th_pathway); TH_NO_PATHWAY when there is no
   suggestion or r is NULL. The accessors below read what was filled when
   r was made: they never fail and never allocate. */
TH_API int th_result_pathway(const th_result *r);

/* The name results use for a pathway ("universal", "early_help",
   "child_in_need", "child_protection"): a static string; NULL for
   TH_NO_PATHWAY or any other value. */
TH_API const char *th_pathway_name(int pathway);

/* The rule set's own name for the suggested level (for example "level_3"),
   borrowed, living with r; NULL when there is no suggestion or r is NULL. */
TH_API const char *th_result_local_level(const th_result *r);

/* enum th_result_status; TH_RESULT_INVALID when r is NULL. */
TH_API int th_result_status(const th_result *r);

/* The case's id, borrowed (lives with r); NULL if the case had none. */
TH_API const char *th_result_case_id(const th_result *r);

/* The suggested level's rank among the rule set's levels, from 0
   (universal) up; -1 when there is no suggestion or r is NULL. */
TH_API int th_result_rank(const th_result *r);

/* The rules and tables that applied ("findings"), highest level first;
   names borrowed, living with r. A table that matched two rows appears
   twice. The count is 0 for a NULL r; the rule is NULL for an i out of
   0..count-1. */
TH_API int th_result_finding_count(const th_result *r);
TH_API const char *th_result_finding_rule(const th_result *r, int i);

/* Number of rule errors the result lists (rules that erred or hit a
   limit); 0 for a NULL r. */
TH_API int th_result_error_count(const th_result *r);

/*
** The rest of a result, for a C caller that would otherwise parse
** th_result_json. Strings are borrowed and live with r. The first call of
** any of these reads the document once (it allocates, and may run in
** several threads at once); with no memory, or for a TH_EVAL_SUMMARY
** result, counts are 0 and strings NULL (a later call tries again). An i
** (or j) out of range gives NULL.
**
** th_result_local_label: the suggested level's label as the rule set
** words it ("Child in need: complex needs..."); NULL with no suggestion.
** Flags (alerts: drift, statutory timescales, ...), highest first as the
** result lists them: their names and reasons. Actions: the next steps, in
** order. Open questions ("undetermined"), most useful first: the rule or
** flag that could not be decided, the level it would give (NULL for a
** flag), and the case fields it needs. Warnings: the field path and what
** is wrong with it.
*/
TH_API const char *th_result_local_label(const th_result *r);
TH_API int th_result_flag_count(const th_result *r);
TH_API const char *th_result_flag(const th_result *r, int i);
TH_API const char *th_result_flag_reason(const th_result *r, int i);
TH_API int th_result_action_count(const th_result *r);
TH_API const char *th_result_action(const th_result *r, int i);
TH_API int th_result_question_count(const th_result *r);
TH_API const char *th_result_question_rule(const th_result *r, int i);
TH_API const char *th_result_question_level(const th_result *r, int i);
TH_API int th_result_question_missing_count(const th_result *r, int i);
TH_API const char *th_result_question_missing(const th_result *r, int i, int j);
TH_API int th_result_warning_count(const th_result *r);
TH_API const char *th_result_warning_path(const th_result *r, int i);
TH_API const char *th_result_warning_message(const th_result *r, int i);

/* Free a result and every string it lent. NULL is a no-op. */
TH_API void th_result_free(th_result *r);

/*
** Run the tests of the loaded rule set (the *.lua files in its tests
** folder; the sets it extends keep their own tests). On TH_OK *out holds
** the report, freed with th_report_free. Failing tests are not an error
** status: see th_report_failed. The engine's rule set stays loaded.
** Returns TH_OK, TH_IO, TH_SYNTAX, TH_RUNTIME, TH_RULES, TH_LIMIT (a test
** file over the load limits), TH_NOMEM, TH_MISUSE (e or out NULL, no rule
** set loaded, a set loaded from memory, which has no tests folder, or e in
** use) or TH_ERROR (an internal fault).
*/
TH_API int th_engine_test(th_engine *e, th_report **out);
/*
** As th_engine_test, running only the tests whose name contains `only`
** (plain text, case-sensitive; NULL runs every test, as th_engine_test).
** With a filter the report lists no coverage gaps (a subset of the tests
** says nothing of coverage) and its JSON has "not_run": the number of
** tests left out.
*/
TH_API int th_engine_test_only(th_engine *e, const char *only, th_report **out);

/* Tests that passed and that failed; 0 for a NULL r. */
TH_API int th_report_passed(const th_report *r);
TH_API int th_report_failed(const th_report *r);
/*
** Coverage gaps: the set's own rules, flags and table rows that apply in
** no test, or that no test names as a near miss (not_fired, no_flags);
** 0 for a NULL r.
*/
TH_API int th_report_coverage_gaps(const th_report *r);
/* The report as one line of JSON, and as text for a rule author; both made
   with r, borrowed, living with r; NULL for a NULL r. */
TH_API const char *th_report_json(const th_report *r);
TH_API const char *th_report_text(const th_report *r);
/* Free a report. NULL is a no-op. */
TH_API void th_report_free(th_report *r);

/*
** Check the loaded rule set for what loads but cannot be what its author
** meant (`threshold check`): a comparison with a value its field cannot
** hold, a field a function(c) reads that the schema lacks, decision-table
** gaps, overlaps and masked rows, inherited rules lowered or removed,
** judgement calls (with their why), placeholder citations and reasons,
** levels no rule suggests, rules another rule at the same or a higher
** level always accompanies (shadowed: proved over the data conditions),
** and, for a set loaded from a folder, its tests' coverage gaps (its
** tests are run, as th_engine_test runs them) and a graded field made one
** step worse lowering the pathway (monotonicity, over cases made from its
** and its parents' test cases, at most 2,000 evaluations). Only the set's own declarations are
** checked, not those it inherits. On TH_OK *json holds one line of JSON,
** freed with th_free: {"ruleset", "tested" (whether its tests ran),
** "warnings", "notes", "monotone_pairs" (the pairs of cases compared for
** monotonicity), "findings": [{"kind", "severity" ("warning" or
** "note": a note lists a documented local decision for a reviewer),
** "file" ("<set>/<file>.lua"), "line", "message"}]}, sorted by file and
** line. Findings are not an error status. Returns TH_OK, TH_NOMEM,
** TH_MISUSE (e or json NULL, no rule set loaded, or e in use), TH_LIMIT
** (over the load limits), what th_engine_test returns for the set's test
** files, or TH_ERROR (an internal fault). Takes e's thread flag.
*/
TH_API int th_engine_check(th_engine *e, char **json);

/*
** The loaded rule set as a document, for the policy lead who holds it
** beside the threshold document it encodes (`threshold doc`). On TH_OK
** *json holds one line of JSON, freed with th_free: {"format": 1,
** "ruleset" and "chain" (its manifest, and every set it is built from,
** parents first), "levels" (in order, each with its "rules" and the
** decision-table "rows" that suggest it), "tables", "flags",
** "timescales" (the date spans flags read), "facts", "fields" (the data
** dictionary: path, type, values, doc, ...; each field and fact with the
** names of what reads it, "used_by"), "untraced" (declarations whose Lua
** code hands the whole case to a helper, so what it reads there is not in
** "used_by"), "checks", "changes"
** ({"overrides", "disables"} of inherited declarations, each with its
** cite, and for an override each key's inherited and new value),
** "inherited" and "counts"}. A condition is a list of lines {"d": depth,
** "w": words}; a word is ["t", text], ["c", a path or value as the rules
** write it] or ["g", the doc of the field or fact before it]. Every
** declaration says where it is ("file", "line") and its "status": "local",
** "inherited" or "changed" (an inherited one overridden; "origin" says
** where it was). Strings are the rule files' own: the caller escapes them
** for whatever it renders. Returns TH_OK, TH_NOMEM, TH_MISUSE (e or json
** NULL, no rule set loaded, or e in use), TH_LIMIT (over the load limits)
** or TH_ERROR (an internal fault). Takes e's thread flag.
*/
TH_API int th_engine_doc(th_engine *e, char **json);

/*
** Rule-set sources, for storing a rule set beside the decisions it made
** and loading it again later (th_engine_load_sources), even after the
** files changed. th_engine_source_count gives 0 with no rule set (or a
** NULL e). th_engine_source gives the i-th (0..count-1) source's name
** ("<set>/<file>.lua") and text, NUL-terminated, with its length; any of
** name, text and len may be NULL to leave it out. Borrowed; valid until the
** next load. Returns TH_OK or TH_MISUSE (e NULL, no rule set, i out of
** range). Accessors: no thread flag (see the thread rules).
*/
TH_API int th_engine_source_count(const th_engine *e);
TH_API int th_engine_source(const th_engine *e, int i, const char **name,
                            const char **text, size_t *len);

/*
** Load a rule set from sources in load order (as th_engine_source gives
** them): n > 0 names "<set>/<file>.lua" with texts of lens[i] bytes, one
** of them a "<set>/ruleset.lua". Everything is copied. Returns as
** th_engine_load (TH_MISUSE also for n <= 0 or a NULL array; never
** TH_IO).
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
** evaluation limits; TH_ERROR on an internal fault. Takes e's thread flag,
** as th_eval does (TH_MISUSE when e is in use).
*/
TH_API int th_engine_field_type(th_engine *e, const char *path, const char **type);

/*
** The case fields the loaded rule set's schema declares, in declaration
** order with parents first, as a JSON array the caller frees with th_free:
** [{"path": "concerns[].subtype", "type": "enum", "values": [...], "min",
** "max", "doc", "of" (an array's entry type), "nullable", "has_default",
** "default" (the value read when the field is absent; left out for a
** list, whose default is the empty list),
** "ordered" (true: the values run from least to most concern), "worse" (a
** boolean's concerning value, or "higher" / "lower" for a number)}].
** List entries are written "x[]". Returns TH_OK, TH_NOMEM, TH_MISUSE (e
** or json NULL, no rule set loaded, or e in use), TH_LIMIT (the schema
** could not be read within the load limits) or TH_ERROR (an internal
** fault). Takes e's thread flag, as th_eval does.
*/
TH_API int th_engine_schema(th_engine *e, char **json);

/*
** s made safe to show on a terminal: every control character (C0, DEL,
** C1) and bidirectional formatting character written as a visible escape
** (\x1b, \u{202e}), a backslash doubled. Case data (ids, keys, values)
** written raw could move the cursor or forge lines that hide the real
** result; th_result_text and th_report_text already escape every value
** they show. s must be UTF-8. Returns a string the caller frees with
** th_free, or NULL (s NULL, or no memory).
*/
TH_API char *th_text_escape(const char *s);

/* Free memory the library returned as a char ** out-parameter (here and
   in threshold_store.h). NULL is a no-op. */
TH_API void th_free(void *p);

#ifdef __cplusplus
}
#endif

#endif /* THRESHOLD_H */
