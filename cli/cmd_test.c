/*
** cmd_test.c -- `threshold test [SET...]`: run rule sets' own tests.
** Without arguments, every rule set in the default rules folder.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "threshold.h"
#include "cli.h"

static const char test_usage[] =
  "usage: threshold test [--json] [--coverage] [SET...]\n"
  "\n"
  "Runs the tests in each rule set's tests folder (every rule set found when\n"
  "none is named) and ends with the line `N passed, N failed`.\n"
  "\n"
  "  --json       one JSON report per rule set instead of text\n"
  "  --coverage   fail when a rule, flag or table row of a set applies in no\n"
  "               test or has no near-miss test\n"
  "  -h, --help   this text\n"
  "\n"
  "Exit status: 0 all passed; 1 a test failed; 2 a rule set did not load.\n";

static int run_set(const char *name, int json, int *passed, int *failed,
                   int *gaps) {
  char *dir = find_ruleset(name);
  if (dir == NULL) {
    cli_error("test: no rule set '%s'", name);
    return EXIT_USAGE;
  }
  th_engine *e = NULL;
  th_report *rep = NULL;
  int st = th_engine_new(&e, 0);
  if (st == TH_OK)
    st = th_engine_load(e, dir);
  if (st == TH_OK)
    st = th_engine_test(e, &rep);
  int rc = EXIT_GOOD;
  if (st != TH_OK) {
    cli_error("test: %s:\n%s", dir, th_errmsg(e));
    rc = EXIT_USAGE;
  } else {
    if (json)
      puts(th_report_json(rep));
    else
      fputs(th_report_text(rep), stdout);
    *passed += th_report_passed(rep);
    *failed += th_report_failed(rep);
    *gaps += th_report_coverage_gaps(rep);
  }
  th_report_free(rep);
  th_engine_free(e);
  free(dir);
  return rc;
}

int cmd_test(int argc, char **argv) {
  int json = 0, strict = 0, first = 1;
  for (; first < argc && argv[first][0] == '-'; first++) {
    if (strcmp(argv[first], "--json") == 0) json = 1;
    else if (strcmp(argv[first], "--coverage") == 0) strict = 1;
    else if (strcmp(argv[first], "-h") == 0 || strcmp(argv[first], "--help") == 0) {
      fputs(test_usage, stdout);
      return EXIT_GOOD;
    } else {
      cli_error("test: unknown option %s", argv[first]);
      fputs(test_usage, stderr);
      return EXIT_USAGE;
    }
  }
  char **sets = argv + first;
  int nsets = argc - first;
  char **owned = NULL;
  if (nsets == 0) {
    char *dir = default_rules_dir();
    nsets = dir ? list_rule_sets(dir, &owned) : 0;
    sets = owned;
    free(dir);
    if (nsets == 0) {
      cli_error("test: no rule sets found");
      return EXIT_USAGE;
    }
  }
  int passed = 0, failed = 0, gaps = 0, rc = EXIT_GOOD;
  for (int i = 0; i < nsets; i++)
    if (run_set(sets[i], json, &passed, &failed, &gaps) != EXIT_GOOD)
      rc = EXIT_USAGE;
  for (int i = 0; owned && i < nsets; i++)
    free(owned[i]);
  free(owned);
  if (!json)
    printf("%d passed, %d failed\n", passed, failed);
  if (rc == EXIT_GOOD && (failed > 0 || (strict && gaps > 0))) {
    if (strict && gaps > 0)
      cli_error("test: %d coverage gap%s (see the coverage: lines)", gaps, gaps == 1 ? "" : "s");
    rc = EXIT_CASE_FAILED;
  }
  return rc;
}
