/*
** cli.h -- the `threshold` command's pieces. The command is thin: it parses
** flags, finds rule sets, and calls the public API in include/threshold.h.
*/
#ifndef THRESHOLD_CLI_H
#define THRESHOLD_CLI_H

#include <stdio.h>

/* Exit statuses of every command. */
enum { EXIT_GOOD = 0, EXIT_CASE_FAILED = 1, EXIT_USAGE = 2 };

int cmd_eval(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_db_user(int argc, char **argv);     /* cmd_db_access.c */
int cmd_db_access(int argc, char **argv);
int cmd_db_keygen(int argc, char **argv);   /* cmd_db_anchor.c */

/* The store's report and diff JSON as text (escaped for a terminal) or,
   with fmt "csv", RFC 4180 CSV (db_render.c). */
void db_render_report(const char *json, const char *fmt);
void db_render_diff(const char *json, const char *fmt, int all);

/* A key from the command line: hex as given, or the first line of the
   file that holds it (a signing key's file must be owner-only).
   malloc'ed, or NULL with the error said. */
char *db_read_key(const char *cmd, const char *arg, int secret);
int cmd_serve(int argc, char **argv);       /* serve/ */

/*
** The folder of rule set `name`: `name` itself when it is a folder holding
** ruleset.lua, else the first of $THRESHOLD_RULES and $THRESHOLD_RULES_PATH
** (colon-separated), the rules folder beside the binary's build folder, and
** the installed share/threshold/rules that has it. Returns a malloc'ed path or NULL.
*/
char *find_ruleset(const char *name);

/* The folder that holds the default rule sets (for `threshold test`). */
char *default_rules_dir(void);

/* Names of the rule sets in dir (folders holding ruleset.lua), sorted and
   malloc'ed, in *out; returns how many. */
int list_rule_sets(const char *dir, char ***out);

/* The sets command cmd runs on: the n named, or with none named every set
   of the default rules folder (*owned then holds the names; free them with
   free_rule_sets, a no-op for NULL). Returns how many; 0 with the error
   said. */
int sets_to_run(const char *cmd, int n, char **named, char ***sets, char ***owned);
void free_rule_sets(char **owned, int n);

int cmd_check(int argc, char **argv);       /* cmd_check.c */
int cmd_new(int argc, char **argv);         /* cmd_new.c */
int cmd_doc(int argc, char **argv);         /* cmd_doc.c */
int cmd_schema(int argc, char **argv);      /* cmd_schema.c */

/* LuaLS annotations of the case (fields: th_engine_schema's list, parsed)
   and of the rule language, to out (schema_luals.c). 0, or -1 when out
   could not be written. */
struct json_t;
int schema_luals(FILE *out, const struct json_t *fields, const char *set,
                 const char *version);

/* Print "threshold: " + message to stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 1, 2)))
#endif
  ;

#endif
