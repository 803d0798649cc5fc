/*
** fuzz_manifest.c -- libFuzzer target: any bytes as the ruleset.lua of a
** set "fm" that sits beside a set "base" (four levels, a field, a rule)
** and holds levels.lua and rules.lua, which it may list in files or
** extend base to reach. The manifest is loaded; if it loads, one case is
** evaluated. Loading must succeed or fail with a message, never abort or
** leave a set half loaded; a loaded set always gives a result, and the
** result's ruleset version, when there is one, is a string.
** Seeds: tests/hostile/manifests with their ids made "fm" (make fuzz).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "threshold.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static th_engine *engine;
static char root[64], dir[96];

static const char base_manifest[] =
  "ruleset { id = 'base', version = 'fuzz' }\n"
  "levels {\n"
  "  { id = 'universal', pathway = 'universal', label = 'L1' },\n"
  "  { id = 'early_help', pathway = 'early_help', label = 'L2' },\n"
  "  { id = 'child_in_need', pathway = 'child_in_need', label = 'L3' },\n"
  "  { id = 'child_protection', pathway = 'child_protection', label = 'L4' },\n"
  "}\n"
  "field 'score' { type = 'integer' }\n"
  "field 'hostile' { type = 'boolean' }\n"
  "rule 'Score of 5 or more' { level = 'early_help', cite = 'c', reason = 'r',\n"
  "  when = at_least('score', 5) }\n";
static const char levels[] =
  "levels {\n"
  "  { id = 'universal', pathway = 'universal', label = 'L1' },\n"
  "  { id = 'child_protection', pathway = 'child_protection', label = 'L4' },\n"
  "}\n";
static const char rules[] = "-- declares nothing\n";
static const char the_case[] =
  "{\"id\":\"f\",\"assessed_on\":\"2026-01-01\",\"score\":7,\"hostile\":true}";

static void write_file(const char *d, const char *name, const void *p, size_t n) {
  char path[160];
  snprintf(path, sizeof path, "%s/%s", d, name);
  FILE *f = fopen(path, "wb");
  if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0)
    abort();
}

static void setup(void) {
  char base[96];
  snprintf(root, sizeof root, "/tmp/threshold-fuzzm-%ld", (long)getpid());
  snprintf(dir, sizeof dir, "%s/fm", root);
  snprintf(base, sizeof base, "%s/base", root);
  mkdir(root, 0700);
  mkdir(dir, 0700);
  mkdir(base, 0700);
  write_file(base, "ruleset.lua", base_manifest, sizeof base_manifest - 1);
  write_file(dir, "levels.lua", levels, sizeof levels - 1);
  write_file(dir, "rules.lua", rules, sizeof rules - 1);
  if (th_engine_new(&engine, 0) != TH_OK)
    abort();
  th_engine_limit(engine, TH_LIMIT_DEADLINE_MS, 2000);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (engine == NULL)
    setup();
  write_file(dir, "ruleset.lua", data, size);
  int st = th_engine_load(engine, dir);
  if (st != TH_OK) {
    if (th_errmsg(engine)[0] == '\0' || th_engine_ruleset_id(engine) != NULL)
      abort();
    return 0;
  }
  th_result *r = NULL;
  if (th_eval(engine, the_case, sizeof the_case - 1, 0, &r) != TH_OK)
    abort();                      /* a loaded set always gives a result */
  const char *json = th_result_json(r);
  const char *v = json ? strstr(json, "\"ruleset\":{") : NULL;
  const char *end = v ? strchr(v, '}') : NULL;
  const char *ver = v ? strstr(v, "\"version\":") : NULL;
  if (ver && ver < end && ver[10] != '"')
    abort();                      /* a version that is not a string */
  th_result_free(r);
  return 0;
}
