/*
** cmd_new.c -- `threshold new AREA [--extends SET] [--dir DIR]`: a new rule
** set's folder with a manifest, levels (for a set that extends nothing), a
** first rule with its cite and reason, and first tests that pass under
** `threshold test --coverage` and are clean under `threshold check`.
** Nothing is overwritten: an existing folder or file is refused.
*/
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "threshold.h"
#include "cli.h"

static const char new_usage[] =
  "usage: threshold new AREA [--extends SET] [--dir DIR]\n"
  "\n"
  "Writes a new rule set in DIR/AREA (DIR is the current folder unless given):\n"
  "ruleset.lua, levels.lua (only for a set that extends nothing), AREA.lua with\n"
  "a first rule, and tests/AREA_test.lua with a test that it applies and a\n"
  "near miss. Replace the example with your document's first rule; then run\n"
  "`threshold test --coverage DIR/AREA` and `threshold check DIR/AREA`.\n"
  "\n"
  "  --extends SET  build on another rule set (usually core, England's baseline)\n"
  "  --dir DIR      the folder to make AREA in\n"
  "  -h, --help     this text\n"
  "\n"
  "AREA is lower-case letters, digits and _ (it becomes the set's id). Refuses\n"
  "to overwrite anything. Exit status: 0 written; 2 a usage error or a folder\n"
  "that exists or cannot be made.\n";

static int valid_name(const char *s) {
  if (s[0] == '\0' || strlen(s) > 64)
    return 0;
  for (const char *p = s; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
      return 0;
  return 1;
}

/* Write text to dir/name, which must not exist. */
static int write_new(const char *dir, const char *name, const char *text) {
  char path[PATH_MAX];
  if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
    cli_error("new: %s/%s: path too long", dir, name);
    return -1;
  }
  FILE *f = fopen(path, "wx");
  if (f == NULL) {
    cli_error("new: %s: %s", path, strerror(errno));
    return -1;
  }
  int ok = fputs(text, f) >= 0;
  ok = (fclose(f) == 0) && ok;
  if (!ok)
    cli_error("new: %s: could not write", path);
  return ok ? 0 : -1;
}

/* A malloc'ed copy of tmpl with every "@AREA@" replaced by area. */
static char *fill(const char *tmpl, const char *area) {
  size_t n = 0, al = strlen(area);
  for (const char *p = strstr(tmpl, "@AREA@"); p; p = strstr(p + 6, "@AREA@"))
    n++;
  char *out = malloc(strlen(tmpl) + n * al + 1), *w = out;
  if (out == NULL)
    return NULL;
  for (const char *p = tmpl;;) {
    const char *q = strstr(p, "@AREA@");
    size_t k = q ? (size_t)(q - p) : strlen(p);
    memcpy(w, p, k);
    w += k;
    if (q == NULL)
      break;
    memcpy(w, area, al);
    w += al;
    p = q + 6;
  }
  *w = '\0';
  return out;
}

static const char levels_lua[] =
  "-- The levels of your threshold document, from universal upwards, each\n"
  "-- mapped onto one of the four pathways. Rename them as your document does.\n"
  "levels {\n"
  "  { id = \"level_1\", pathway = \"universal\",        label = \"Level 1: Universal\" },\n"
  "  { id = \"level_2\", pathway = \"early_help\",       label = \"Level 2: Early help\" },\n"
  "  { id = \"level_3\", pathway = \"child_in_need\",    label = \"Level 3: Child in need\" },\n"
  "  { id = \"level_4\", pathway = \"child_protection\", label = \"Level 4: Child protection\" },\n"
  "}\n";

static const char rule_lua[] =
  "-- @AREA@'s rules. Replace the example below with the first rule your\n"
  "-- threshold document describes: its level, the section it comes from\n"
  "-- (cite), why it applies in a practitioner's words (reason), and when.\n"
  "\n"
  "-- A field of the case this set adds (an example; a set that extends core\n"
  "-- has core's fields: see rules/core/schema.lua).\n"
  "field \"example_concern\" { type = \"boolean\", default = false,\n"
  "  doc = \"an example: a concern the threshold document places at early help\" }\n"
  "\n"
  "rule \"Example concern needing early help\" {\n"
  "  level   = \"early_help\",\n"
  "  cite    = \"@AREA@ threshold document, section (give the section and quote its words)\",\n"
  "  basis   = \"quoted\",    -- the cited passage says it (or \"national\", or \"judgement\" with why = ...)\n"
  "  reason  = \"The example concern is recorded: the document places it at early help\",\n"
  "  when    = is(\"example_concern\", true),\n"
  "  actions = { \"Offer an early help assessment\" },\n"
  "}\n";

static const char test_lua[] =
  "-- Tests for @AREA@: each a case with the level the document implies, and\n"
  "-- a comment saying where the document says so. Beside each rule, a near\n"
  "-- miss: a case that almost meets it and must not.\n"
  "\n"
  "local FAMILY = { id = \"T-@AREA@\", assessed_on = \"2026-01-05\", example_concern = false }\n"
  "\n"
  "-- The document's section: the example concern is early help.\n"
  "test \"Example concern: early help\" {\n"
  "  case   = with(FAMILY, { example_concern = true }),\n"
  "  expect = { level = \"early_help\", fired = { \"Example concern needing early help\" } },\n"
  "}\n"
  "\n"
  "-- Near miss: no concern recorded, so the rule does not apply.\n"
  "test \"No example concern: the rule does not apply\" {\n"
  "  case   = FAMILY,\n"
  "  expect = { level = \"universal\", not_fired = { \"Example concern needing early help\" } },\n"
  "}\n";

int cmd_new(int argc, char **argv) {
  const char *area = NULL, *extends = NULL, *dir = ".";
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(new_usage, stdout);
      return EXIT_GOOD;
    } else if (strcmp(a, "--extends") == 0 && i + 1 < argc) {
      extends = argv[++i];
    } else if (strcmp(a, "--dir") == 0 && i + 1 < argc) {
      dir = argv[++i];
    } else if (a[0] == '-' || area != NULL) {
      cli_error("new: unexpected argument %s", a);
      fputs(new_usage, stderr);
      return EXIT_USAGE;
    } else {
      area = a;
    }
  }
  if (area == NULL) {
    fputs(new_usage, stderr);
    return EXIT_USAGE;
  }
  if (!valid_name(area)) {
    cli_error("new: '%s': an area name is lower-case letters, digits and _", area);
    return EXIT_USAGE;
  }
  if (extends && !valid_name(extends)) {
    cli_error("new: --extends '%s': not a rule set name", extends);
    return EXIT_USAGE;
  }
  if (extends) {
    char *p = find_ruleset(extends);
    if (p == NULL) {
      cli_error("new: --extends %s: no rule set of that name", extends);
      return EXIT_USAGE;
    }
    free(p);
  }
  char set[PATH_MAX], tests[PATH_MAX];
  if (snprintf(set, sizeof set, "%s/%s", dir, area) >= (int)sizeof set ||
      snprintf(tests, sizeof tests, "%s/tests", set) >= (int)sizeof tests) {
    cli_error("new: %s/%s: path too long", dir, area);
    return EXIT_USAGE;
  }
  if (mkdir(set, 0777) != 0) {
    cli_error("new: %s: %s%s", set, strerror(errno),
              errno == EEXIST ? " (nothing was changed)" : "");
    return EXIT_USAGE;
  }
  if (mkdir(tests, 0777) != 0) {
    cli_error("new: %s: %s", tests, strerror(errno));
    return EXIT_USAGE;
  }
  char manifest[2048], rulefile[96], testfile[112];
  snprintf(rulefile, sizeof rulefile, "%s.lua", area);
  snprintf(testfile, sizeof testfile, "%s_test.lua", area);
  snprintf(manifest, sizeof manifest,
           "-- The rule set for %s: what its threshold document says, as rules.\n"
           "ruleset {\n"
           "  id      = \"%s\",              -- the folder's name\n"
           "  version = \"2026-01\",\n"
           "  title   = \"%s threshold document\",\n"
           "%s%s%s"
           "  sources = { \"%s threshold document (give its title, date and where it is published)\" },\n"
           "  files   = { %s\"%s\" },   -- the files to load, in order\n"
           "}\n",
           area, area, area, extends ? "  extends = \"" : "", extends ? extends : "",
           extends ? "\",               -- load it first, then change what differs\n" : "",
           area, extends ? "" : "\"levels.lua\", ", rulefile);
  char *rule = fill(rule_lua, area), *test = fill(test_lua, area);
  int bad = rule == NULL || test == NULL ||
            write_new(set, "ruleset.lua", manifest) != 0 ||
            (!extends && write_new(set, "levels.lua", levels_lua) != 0) ||
            write_new(set, rulefile, rule) != 0 ||
            write_new(tests, testfile, test) != 0;
  free(rule);
  free(test);
  if (bad)
    return EXIT_USAGE;
  printf("wrote %s: ruleset.lua%s, %s, tests/%s\n"
         "next: threshold test --coverage %s && threshold check %s\n",
         set, extends ? "" : ", levels.lua", rulefile, testfile, set, set);
  return EXIT_GOOD;
}
