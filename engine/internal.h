/*
** internal.h -- the engine's private structure and the functions its
** modules share. Nothing here is exported from the library.
*/
#ifndef THRESHOLD_INTERNAL_H
#define THRESHOLD_INTERNAL_H

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdatomic.h>

#include <lua.h>

#include "threshold.h"
#include "deadline.h"

#if defined(__GNUC__)
#define THI_FUNC __attribute__((visibility("hidden"))) extern
#else
#define THI_FUNC extern
#endif

/* A flag for the engine's own checks, which th_eval refuses: evaluate every
   condition with the interpreter instead of the compiled closures and the
   inlined chunk. Only thi_eval_flags (eval.c) takes it (tests/unit, fuzz). */
#define THI_EVAL_INTERPRET 0x80000000u

/* Why an evaluation was stopped from outside the rules. */
enum thi_trip { THI_TRIP_NONE = 0, THI_TRIP_TIME = 1, THI_TRIP_MEMORY = 2,
                THI_TRIP_STEPS = 3 };

/* One source file of a loaded rule set, kept for hashing and rebuilding. */
typedef struct thi_source {
  char *name;   /* "<set>/<file>.lua", the chunk name rules see */
  char *text;
  size_t len;
} thi_source;

typedef struct thi_sources {
  thi_source *v;
  size_t n, cap;
} thi_sources;

/* Small blocks freed by Lua, kept for reuse (blocks.c). */
#define THI_BLOCK_CLASSES 16                 /* 16, 32, ... 256 bytes */
#define THI_BLOCKS_HELD (1024 * 1024)        /* at most this many cached */
typedef struct thi_blocks {
  void *free[THI_BLOCK_CLASSES];             /* lists through each block */
  size_t held;
} thi_blocks;

/* The JSON text of tables results share, by address (json_cache.c). */
struct json_t;
typedef struct thi_json_cache {
  const void **keys;
  char **texts;
  size_t *lens;
  size_t cap, n;
} thi_json_cache;

typedef struct thi_case_schema thi_case_schema;   /* case_schema.c */

struct th_engine {
  lua_State *L;
  thi_blocks blocks;
  thi_json_cache shared;    /* emptied when a rule set loads or L closes */
  thi_json_cache strings;   /* long strings' JSON, each kept after its bytes; so too */
  char *errmsg;

  long long limits[10];     /* indexed by enum th_limit */

  /* Memory accounting for the allocator (sandbox.c). */
  size_t mem_used;
  size_t mem_cap;           /* the cap in force right now */

  /* Evaluation state seen by the allocator, hook and signal handler. */
  volatile sig_atomic_t in_eval;
  atomic_int trip;          /* enum thi_trip */
  atomic_int busy;          /* a public call is running on the engine */
  int poisoned;             /* the state must be rebuilt before reuse */
  long long steps_left;     /* VM instructions left to a load or preparation
                               (counted in THI_STEP_CHUNK; <0: not counting) */
  jmp_buf *panic_jmp;       /* where the Lua panic handler returns to */
  int pristine;             /* no rule set loaded or case evaluated in it yet
                               (reading manifests leaves nothing behind) */

  thi_watchdog wd;
  int evals;                /* th_eval calls since the state was built: the
                               second makes the fast paths (thi_rules_prepare) */
  thi_case_schema *case_schema;  /* made with the fast paths; goes with L */
  int opts_ref;             /* registry: the options table of opts_flags, made
                               once for many evaluations (0: none; goes with L,
                               and when the default date changes) */
  unsigned opts_flags;
  int evaluate_ref;         /* registry: API.evaluate and API.evaluate_flat, */
  int evaluate_flat_ref;    /* fetched once per state (go with L) */
  long cases_checked;       /* cases the reader found passing it (for tests) */
  long cases_flat;          /* of those, cases read and decided flat (for
                               tests: one read again into tables is not) */

  /* The loaded rule set. */
  thi_sources sources;
  char *set_dir;
  char **chain_dirs;        /* the folders of the extends chain, parents first,
                               the set's own last; NULL-terminated (tests) */
  char *rs_id, *rs_version;
  char rs_hash[65];
  char default_date[11];
};

/* blocks.c: realloc and free as Lua's allocator needs them (osize is the
   size Lua gives for p; 0 when p is NULL). */
THI_FUNC void *thi_blocks_realloc(thi_blocks *b, void *p, size_t osize, size_t nsize);
THI_FUNC void thi_blocks_free(thi_blocks *b, void *p, size_t osize);
THI_FUNC void thi_blocks_drain(thi_blocks *b);

/* json_cache.c: get gives the kept text (not NUL-terminated) or NULL; put
   keeps a copy. */
THI_FUNC const char *thi_json_cache_get(const thi_json_cache *c, const void *key,
                                        size_t *len);
THI_FUNC void thi_json_cache_put(thi_json_cache *c, const void *key, const char *text,
                                 size_t len);
THI_FUNC void thi_json_cache_clear(thi_json_cache *c);

/* util.c: the guard over a whole public call on an engine. thi_enter
   gives TH_OK and holds the engine, or TH_MISUSE when a call is running
   (in another thread, or nested); thi_leave lets it go. */
THI_FUNC int thi_enter(th_engine *e);
THI_FUNC void thi_leave(th_engine *e);
THI_FUNC int thi_seterr(th_engine *e, int status, const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 3, 4)))
#endif
  ;
THI_FUNC char *thi_strdup(const char *s);
THI_FUNC char *thi_strndup(const char *s, size_t n);
THI_FUNC char *thi_path_join(const char *a, const char *b);

/* utf8.c: byte classes. thi_json_plain[b] is 1 for a byte a JSON string
   holds as it is (printable ASCII but the quote and the backslash);
   thi_utf8_seq gives the length of the valid UTF-8 sequence at s (n bytes
   left) or 0; thi_utf8_repaired a malloc'ed copy of s with each byte that
   starts no valid sequence replaced by U+FFFD (NULL on no memory). */
THI_FUNC const unsigned char thi_json_plain[256];
THI_FUNC size_t thi_utf8_seq(const unsigned char *s, size_t n);
THI_FUNC char *thi_utf8_repaired(const char *s, size_t n, size_t *len);

/* gate.c: the one gate from C into Lua, and the registry keys (their
   addresses) of the API table, the limit sentinel, the shared mark and the
   mark of an empty JSON object. thi_mark_empty_object marks the empty
   table on the top of the stack as an object ({} is not []). */
THI_FUNC const char thi_key_api, thi_key_limit, thi_key_shared, thi_key_empty;
THI_FUNC void thi_mark_empty_object(lua_State *L);              /* [-0,+0] */
THI_FUNC int thi_pcall(lua_State *L, int nargs, int nresults);
THI_FUNC void thi_push_msghandler(lua_State *L);                 /* [-0,+1] */
THI_FUNC int thi_sandbox_pushapi(lua_State *L, const char *fn);  /* [-0,+1] */
THI_FUNC int thi_is_limit_error(lua_State *L, int idx);          /* [-0,+0] */
THI_FUNC int thi_is_shared(lua_State *L, int idx);  /* a table results share */

/* The engine a state belongs to: its allocator's user data. */
static inline th_engine *thi_engine_of(lua_State *L) {
  void *ud;
  lua_getallocf(L, &ud);
  return ud;
}

/* prelude.c: a lua_CFunction that opens the libraries, the host functions
   and the rule language in a new state (sandbox.c runs it protected). */
THI_FUNC int thi_prelude_state(lua_State *L);                     /* [-0,+0,e] */

/* sandbox.c: the Lua state with the prelude loaded, and its limits. */
THI_FUNC int thi_sandbox_open(th_engine *e);
THI_FUNC int thi_sandbox_fresh(th_engine *e);
THI_FUNC void thi_sandbox_close(th_engine *e);
THI_FUNC int thi_pcall_limited(th_engine *e, int nargs, int nresults,
                               const char *what);
THI_FUNC void thi_sandbox_begin_eval(th_engine *e);
THI_FUNC void thi_sandbox_end_eval(th_engine *e);
THI_FUNC void thi_sandbox_arm_trip(th_engine *e, int why);
/* Run `body` (an int expression) so that a Lua error outside any pcall
** returns TH_ERROR from here, with the state rebuilt, instead of aborting
** the process (sandbox.c's panic handler jumps back). */
THI_FUNC void thi_guard_recover(th_engine *e);
#define THI_GUARDED(e, st, body)                                   \
  do {                                                             \
    jmp_buf thi_jb_;                                               \
    jmp_buf *thi_outer_ = (e)->panic_jmp;                          \
    (e)->panic_jmp = &thi_jb_;                                     \
    if (setjmp(thi_jb_) == 0) {                                    \
      (st) = (body);                                               \
    } else {                                                       \
      thi_guard_recover(e);                                        \
      (st) = TH_ERROR;                                             \
    }                                                              \
    (e)->panic_jmp = thi_outer_;                                   \
  } while (0)
/* sandbox_lib.c: tostring, string.format and string.find for rules */
THI_FUNC void thi_sandbox_lib_open(lua_State *L);

/* eval.c: th_eval, taking THI_EVAL_INTERPRET too (for tests). */
THI_FUNC int thi_eval_flags(th_engine *e, const char *json, size_t len, unsigned flags,
                            th_result **out);

/* testrun.c: the test files of the set's folder and of every set it
   extends, parents first, as "<set>/tests/<file>" */
THI_FUNC int thi_read_tests(th_engine *e, thi_sources *out);

/* rules.c */
THI_FUNC int thi_rules_replay(th_engine *e);
THI_FUNC int thi_rules_prepare(th_engine *e);
THI_FUNC void thi_sources_clear(thi_sources *s);
THI_FUNC int thi_sources_add(thi_sources *s, const char *name, char *text,
                             size_t len);
THI_FUNC int thi_read_file(th_engine *e, const char *path, char **text,
                           size_t *len);
THI_FUNC int thi_list_lua(th_engine *e, const char *dir, char ***out);
THI_FUNC void thi_free_list(char **v);

/* ruleset_path.c: a set's folder found by name through the search path
   (malloc'ed, or NULL); a folder that holds ruleset.lua; a bare set name. */
THI_FUNC char *thi_ruleset_find(const char *name);
THI_FUNC int thi_is_ruleset_dir(const char *dir);
THI_FUNC int thi_is_ruleset_name(const char *s);
THI_FUNC const char *thi_ruleset_default_dir(void);

/* The limits a case is read under (enum th_limit). */
typedef struct thi_case_limits {
  long long depth, items, string;
  double abs;
} thi_case_limits;

/* case_schema.c: the case schema in C, for the reader to check a case as it
   reads it. A field of type THI_F_OTHER passes nothing. */
enum thi_field_type {
  THI_F_OTHER, THI_F_STRING, THI_F_ENUM, THI_F_INTEGER, THI_F_NUMBER, THI_F_BOOLEAN,
  THI_F_DATE, THI_F_OBJECT, THI_F_ARRAY
};
typedef struct thi_shape thi_shape;
typedef struct thi_field {
  char *name;                 /* its key in the object (NULL: a list entry) */
  size_t len;
  int key;                    /* the name's place in the schema's key table */
  int slot;                   /* its place among the values read flat, or 0 */
  unsigned char type, nullable, has_min, has_max;
  unsigned char plain;        /* the name needs no escape in JSON */
  double min, max;
  char **values;              /* an enum's */
  size_t *lens;
  int nvalues;
  thi_shape *shape;           /* an object's fields */
  struct thi_field *entry;    /* a list's entries */
} thi_field;
struct thi_shape {
  thi_field *fields;
  int n;
  int nested;                 /* some field is an object or a list */
  int hint;                   /* keys the last such object held */
  int *follow;                /* follow[i + 1]: the field read after field i */
};
#define THI_FLAT_SLOTS 128    /* values read flat, at most (the chunk reads 120) */
struct thi_case_schema {
  thi_field root;
  int keys_ref;               /* registry: the field names as Lua strings */
  int root_node_ref;          /* registry: the node of a case */
  int nslots;                 /* the values a case read flat gives; 0: cases
                                 are not read flat */
  unsigned char need[THI_FLAT_SLOTS];  /* a case without the value at that
                                 slot is not read flat */
};
/* From the prelude's root field spec and the root node; NULL on no memory. */
THI_FUNC thi_case_schema *thi_case_schema_build(lua_State *L, int root_spec,
                                                int root_node);   /* [-0,+0,m] */
THI_FUNC void thi_case_schema_free(lua_State *L, thi_case_schema *s);
/* The fields at paths (a list of "a.b.c", at idx) get slots 1..n, the
   places of their values among those a case read flat gives, and a case
   is read flat only with a value at slot i where needed[i] (a list at
   idx needed) is true; 0 (and no flat reading) if one is not a field
   reached through objects only. [-0,+0,m] */
THI_FUNC int thi_case_schema_plan(lua_State *L, thi_case_schema *s, int paths, int needed);
THI_FUNC thi_field *thi_shape_guess(const thi_shape *s, int prev);
THI_FUNC thi_field *thi_shape_find(thi_shape *s, const char *k, size_t n, int prev);
THI_FUNC int thi_field_takes_string(const thi_field *f, const char *s, size_t n);
THI_FUNC int thi_field_takes_number(const thi_field *f, int is_integer, lua_Integer i,
                                    double x);

/* case.c: one JSON case onto the Lua stack, or a status and message. */
/* How a case was read: into tables, into tables the reader passed against
   the schema (giving them their nodes), or flat (flat allowed it): no
   table; nil pushed, then its values (case schema's nslots), by slot. */
enum { THI_READ_TABLES = 1, THI_READ_CHECKED = 2, THI_READ_FLAT = 3 };
THI_FUNC int thi_case_load(th_engine *e, const char *json, size_t len, int flat,
                           int *how);                 /* [-0,+(0|1|1+nslots)] */
/* case_reader.c: the single pass; 0 (nothing pushed) when it declines, 2
   when schema (if not NULL) passed the whole case, 1 else. */
THI_FUNC int thi_case_read(lua_State *L, const char *json, size_t len,
                           const thi_case_limits *lim,
                           thi_case_schema *schema);             /* [-0,+(0|1),m] */
/* Read flat (schema->nslots > 0): 1 when the case passed the schema whole,
   its planned values pushed (nil where it has none), no table made; 0
   (nothing pushed) when it must be read into tables. */
THI_FUNC int thi_case_read_flat(lua_State *L, const char *json, size_t len,
                                const thi_case_limits *lim,
                                thi_case_schema *schema);  /* [-0,+(0|nslots),m] */
struct json_error_t;
THI_FUNC const char *thi_json_error_text(struct json_error_t *err);

/* result_json.c: thi_lua_to_json gives a new reference to the JSON
   document of the Lua value at idx (the reference); thi_lua_to_text the
   JSON text of that value, as json_dumps prints that document (compact,
   keys sorted, reals to 15 digits): malloc'ed, NUL-terminated, NULL on no
   memory. */
THI_FUNC struct json_t *thi_lua_to_json(lua_State *L, int idx, int depth); /* [-0,+0,m] */
THI_FUNC char *thi_lua_to_text(th_engine *e, int idx, size_t *len);  /* [-0,+0,m] */
THI_FUNC int thi_is_sequence(lua_State *L, int idx);   /* keys 1..n, or none */

/* result.c */
THI_FUNC int thi_result_from_lua(th_engine *e, int idx, unsigned flags,
                                 th_result **out);
THI_FUNC int thi_result_tripped(th_engine *e, struct json_t *c,
                                const char *rule, const char *where, unsigned flags,
                                th_result **out);


#endif
