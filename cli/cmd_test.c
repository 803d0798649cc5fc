/*
** cmd_test.c -- `threshold test [SET...]`: run rule sets' own tests.
** Without arguments, every rule set in the default rules folder.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "threshold.h"
#include "cli.h"

static const char test_usage[] =
  "usage: threshold test [--format text|json|junit] [--run PATTERN] [--coverage] [SET...]\n"
  "\n"
  "Runs the tests in each rule set's tests folder (every rule set found when\n"
  "none is named) and ends with the line `N passed, N failed`. A set that\n"
  "extends another runs its tests too; those about a rule the set overrides\n"
  "or disables are listed as SKIP with the set's reason.\n"
  "\n"
  "  --format F   text (the default); json, one JSON report per rule set\n"
  "               (also --json); junit, one JUnit XML document for a CI\n"
  "               server: a testsuite per set, a testcase per test\n"
  "  --run PATTERN  only the tests whose name contains PATTERN (plain text,\n"
  "               case-sensitive); says how many ran\n"
  "  --coverage   fail when a rule, flag or table row of a set applies in no\n"
  "               test or has no near-miss test (not with --run)\n"
  "  -h, --help   this text\n"
  "\n"
  "Exit status: 0 all passed; 1 a test failed; 2 a rule set did not load.\n";

enum { FMT_TEXT, FMT_JSON, FMT_JUNIT };

/* s written as XML character data or an attribute value: markup and quotes
   escaped, characters XML 1.0 cannot hold (C0 controls other than tab and
   newline, DEL) written as visible \xNN. */
static void xml_put(FILE *f, const char *s) {
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    switch (c) {
    case '&': fputs("&amp;", f); break;
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '"': fputs("&quot;", f); break;
    case '\'': fputs("&apos;", f); break;
    case '\n': fputs("&#10;", f); break;
    case '\t': fputs("&#9;", f); break;
    default:
      if (c < 0x20 || c == 0x7f)
        fprintf(f, "\\x%02x", c);
      else
        fputc(c, f);
    }
  }
}

static void xml_put_n(FILE *f, const char *s, size_t n) {
  char *c = strndup(s, n);
  xml_put(f, c);
  free(c);
}

/* One set's report as a JUnit testsuite. */
static void junit_suite(FILE *f, const char *json) {
  json_t *r = json_loads(json, 0, NULL);
  if (r == NULL)
    return;
  const char *set = json_string_value(json_object_get(r, "ruleset"));
  json_t *tests = json_object_get(r, "tests");
  fputs("  <testsuite name=\"", f);
  xml_put(f, set);
  fprintf(f, "\" tests=\"%zu\" failures=\"%lld\" errors=\"0\" skipped=\"%lld\">\n",
          json_array_size(tests), (long long)json_integer_value(json_object_get(r, "failed")),
          (long long)json_integer_value(json_object_get(r, "skipped")));
  size_t i;
  json_t *t;
  json_array_foreach(tests, i, t) {
    fputs("    <testcase classname=\"", f);
    xml_put(f, set);
    fputs("\" name=\"", f);
    xml_put(f, json_string_value(json_object_get(t, "test")));
    const char *src = json_string_value(json_object_get(t, "source"));
    const char *colon = src ? strrchr(src, ':') : NULL;
    if (src && colon) {
      fputs("\" file=\"", f);
      xml_put_n(f, src, (size_t)(colon - src));
      fprintf(f, "\" line=\"%d", atoi(colon + 1));
    }
    const char *skip = json_string_value(json_object_get(t, "skipped"));
    if (skip) {                  /* an inherited test of a rule the set changed */
      fputs("\">\n      <skipped message=\"", f);
      xml_put(f, skip);
      fputs("\"/>\n    </testcase>\n", f);
      continue;
    }
    if (json_is_true(json_object_get(t, "passed"))) {
      fputs("\"/>\n", f);
      continue;
    }
    json_t *probs = json_object_get(t, "problems");
    fputs("\">\n      <failure message=\"", f);
    xml_put(f, json_string_value(json_array_get(probs, 0)));
    fputs("\" type=\"failed\">", f);
    size_t j;
    json_t *p;
    json_array_foreach(probs, j, p) {
      if (j)
        fputc('\n', f);
      xml_put(f, src);
      fputs(": ", f);
      xml_put(f, json_string_value(p));
    }
    fputs("</failure>\n    </testcase>\n", f);
  }
  json_t *gaps = json_object_get(r, "coverage_gaps");
  if (json_array_size(gaps) > 0) {
    fputs("    <system-out>", f);
    json_t *g;
    json_array_foreach(gaps, i, g) {
      fputs("coverage: ", f);
      xml_put(f, json_string_value(g));
      fputs("&#10;", f);
    }
    fputs("</system-out>\n", f);
  }
  fputs("  </testsuite>\n", f);
  json_decref(r);
}

static int run_set(const char *name, int fmt, const char *only, int *passed,
                   int *failed, int *gaps, int *not_run) {
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
    st = th_engine_test_only(e, only, &rep);
  int rc = EXIT_GOOD;
  if (st != TH_OK) {
    cli_error("test: %s:\n%s", dir, th_errmsg(e));
    rc = EXIT_USAGE;
  } else {
    if (fmt == FMT_JSON)
      puts(th_report_json(rep));
    else if (fmt == FMT_JUNIT)
      junit_suite(stdout, th_report_json(rep));
    else
      fputs(th_report_text(rep), stdout);
    if (only) {
      json_t *r = json_loads(th_report_json(rep), 0, NULL);
      *not_run += (int)json_integer_value(json_object_get(r, "not_run"));
      json_decref(r);
    }
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
  int fmt = FMT_TEXT, strict = 0, first = 1;
  const char *only = NULL;
  for (; first < argc && argv[first][0] == '-'; first++) {
    const char *a = argv[first];
    if (strcmp(a, "--json") == 0) fmt = FMT_JSON;
    else if (strcmp(a, "--coverage") == 0) strict = 1;
    else if (strcmp(a, "--format") == 0 && first + 1 < argc) {
      const char *f = argv[++first];
      if (strcmp(f, "text") == 0) fmt = FMT_TEXT;
      else if (strcmp(f, "json") == 0) fmt = FMT_JSON;
      else if (strcmp(f, "junit") == 0) fmt = FMT_JUNIT;
      else {
        cli_error("test: --format must be text, json or junit, not '%s'", f);
        return EXIT_USAGE;
      }
    } else if (strcmp(a, "--run") == 0 && first + 1 < argc) {
      only = argv[++first];
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(test_usage, stdout);
      return EXIT_GOOD;
    } else {
      cli_error("test: unknown option %s", a);
      fputs(test_usage, stderr);
      return EXIT_USAGE;
    }
  }
  if (only && strict) {
    cli_error("test: --coverage needs every test: it cannot be used with --run");
    return EXIT_USAGE;
  }
  char **sets, **owned;
  int nsets = sets_to_run("test", argc - first, argv + first, &sets, &owned);
  if (nsets == 0)
    return EXIT_USAGE;
  if (fmt == FMT_JUNIT)
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"threshold test\">\n", stdout);
  int passed = 0, failed = 0, gaps = 0, not_run = 0, rc = EXIT_GOOD;
  for (int i = 0; i < nsets; i++)
    if (run_set(sets[i], fmt, only, &passed, &failed, &gaps, &not_run) != EXIT_GOOD)
      rc = EXIT_USAGE;
  free_rule_sets(owned, nsets);
  if (fmt == FMT_JUNIT)
    fputs("</testsuites>\n", stdout);
  if (fmt == FMT_TEXT) {
    if (only)
      printf("%d of %d tests ran (names containing \"%s\")\n", passed + failed,
             passed + failed + not_run, only);
    printf("%d passed, %d failed\n", passed, failed);
  } else if (only) {
    fprintf(stderr, "threshold: test: %d of %d tests ran (names containing \"%s\")\n",
            passed + failed, passed + failed + not_run, only);
  }
  if (rc == EXIT_GOOD && (failed > 0 || (strict && gaps > 0))) {
    if (strict && gaps > 0)
      cli_error("test: %d coverage gap%s (see the coverage: lines)", gaps, gaps == 1 ? "" : "s");
    rc = EXIT_CASE_FAILED;
  }
  if (rc == EXIT_GOOD && only && passed + failed == 0) {
    cli_error("test: no test name contains \"%s\"", only);
    rc = EXIT_CASE_FAILED;
  }
  return rc;
}
