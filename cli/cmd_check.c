/*
** cmd_check.c -- `threshold check [SET...]`: a rule author's check of rule
** sets (th_engine_check), for the editor and for CI.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "threshold.h"
#include "cli.h"

static const char check_usage[] =
  "usage: threshold check [--format text|json] [--strict] [SET...]\n"
  "\n"
  "Checks each rule set (every rule set found when none is named) for what\n"
  "loads but cannot be what its author meant, and runs its tests for their\n"
  "coverage. One line per finding, FILE:LINE: warning|note: KIND: message:\n"
  "\n"
  "  not_a_value, wrong_type, out_of_range  a comparison that can never hold\n"
  "  unknown_field        a function(c) reads a field the schema does not have\n"
  "  table_gap, table_overlap, masked_row   decision-table rows\n"
  "  lowers_inherited, removes_inherited, replaces_condition (notes)\n"
  "                       a local override or disable of an inherited rule\n"
  "  judgement (note)     a rule, flag, table or row whose basis is a judgement,\n"
  "                       with its why\n"
  "  missing_cite, missing_reason           blank or a placeholder\n"
  "  level_without_rule   a level no rule or table row suggests\n"
  "  shadowed_rule        a rule another at its level or above always accompanies,\n"
  "                       so it can never change the suggestion\n"
  "  not_monotone         a graded field made one step worse lowers the pathway\n"
  "                       (from the set's test cases; the worse case as JSON)\n"
  "  untested, untested_row, no_near_miss   coverage gaps of the set's tests\n"
  "\n"
  "  --format text|json   text (the default), or one JSON report per set\n"
  "  --strict             notes count as findings too\n"
  "  -h, --help           this text\n"
  "\n"
  "Exit status: 0 clean; 1 a warning (or, with --strict, a note); 2 a rule\n"
  "set did not load (its error names the file and line).\n";

/* Check one set; adds to *warnings and *notes. Returns an exit status. */
static int check_set(const char *name, int json, int *warnings, int *notes) {
  char *dir = find_ruleset(name);
  if (dir == NULL) {
    cli_error("check: no rule set '%s'", name);
    return EXIT_USAGE;
  }
  th_engine *e = NULL;
  char *out = NULL;
  int st = th_engine_new(&e, 0);
  if (st == TH_OK)
    st = th_engine_load(e, dir);
  if (st == TH_OK)
    st = th_engine_check(e, &out);
  int rc = EXIT_GOOD;
  if (st != TH_OK) {
    const char *msg = e ? th_errmsg(e) : th_errstr(st);
    cli_error("check: %s:\n%s", dir, msg);
    if (json) {
      json_t *j = json_pack("{s:s, s:s}", "ruleset", name, "load_error", msg);
      char *s = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
      if (s)
        puts(s);
      free(s);
      json_decref(j);
    }
    rc = EXIT_USAGE;
  } else if (json) {
    puts(out);
  }
  json_t *r = out ? json_loads(out, 0, NULL) : NULL;
  if (r) {
    int w = (int)json_integer_value(json_object_get(r, "warnings"));
    int n = (int)json_integer_value(json_object_get(r, "notes"));
    *warnings += w;
    *notes += n;
    if (!json) {
      size_t i;
      json_t *f;
      json_array_foreach(json_object_get(r, "findings"), i, f) {
        char *msg = th_text_escape(json_string_value(json_object_get(f, "message")));
        char *file = th_text_escape(json_string_value(json_object_get(f, "file")));
        printf("%s:%lld: %s: %s: %s\n", file ? file : "?",
               (long long)json_integer_value(json_object_get(f, "line")),
               json_string_value(json_object_get(f, "severity")),
               json_string_value(json_object_get(f, "kind")), msg ? msg : "?");
        th_free(msg);
        th_free(file);
      }
      printf("%s: %d warning%s, %d note%s%s\n", name, w, w == 1 ? "" : "s", n,
             n == 1 ? "" : "s",
             json_is_true(json_object_get(r, "tested")) ? "" : " (its tests were not run)");
    }
    json_decref(r);
  }
  th_free(out);
  th_engine_free(e);
  free(dir);
  return rc;
}

int cmd_check(int argc, char **argv) {
  int json = 0, strict = 0, first = 1;
  for (; first < argc && argv[first][0] == '-'; first++) {
    const char *a = argv[first];
    if (strcmp(a, "--format") == 0 && first + 1 < argc) {
      const char *f = argv[++first];
      if (strcmp(f, "json") == 0) json = 1;
      else if (strcmp(f, "text") == 0) json = 0;
      else {
        cli_error("check: --format must be text or json, not '%s'", f);
        return EXIT_USAGE;
      }
    } else if (strcmp(a, "--format=json") == 0) json = 1;
    else if (strcmp(a, "--format=text") == 0) json = 0;
    else if (strcmp(a, "--strict") == 0) strict = 1;
    else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(check_usage, stdout);
      return EXIT_GOOD;
    } else {
      cli_error("check: unknown option %s", a);
      fputs(check_usage, stderr);
      return EXIT_USAGE;
    }
  }
  char **sets, **owned;
  int nsets = sets_to_run("check", argc - first, argv + first, &sets, &owned);
  if (nsets == 0)
    return EXIT_USAGE;
  int warnings = 0, notes = 0, rc = EXIT_GOOD;
  for (int i = 0; i < nsets; i++)
    if (check_set(sets[i], json, &warnings, &notes) != EXIT_GOOD)
      rc = EXIT_USAGE;
  free_rule_sets(owned, nsets);
  if (rc == EXIT_GOOD && (warnings > 0 || (strict && notes > 0)))
    rc = EXIT_CASE_FAILED;
  return rc;
}
