/*
** fuzz_rules.c -- libFuzzer target: any bytes as a rule file in a set that
** extends nothing, loaded, then (if it loads) one case evaluated. Loading
** must succeed or fail with a message; evaluation must return a result.
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
static char dir[64], rules_path[96];

static const char manifest[] =
  "ruleset { id = 'fz', version = 'fuzz', files = { 'levels.lua', 'rules.lua' } }\n";
static const char levels[] =
  "levels {\n"
  "  { id = 'universal', pathway = 'universal', label = 'L1' },\n"
  "  { id = 'early_help', pathway = 'early_help', label = 'L2' },\n"
  "  { id = 'child_in_need', pathway = 'child_in_need', label = 'L3' },\n"
  "  { id = 'child_protection', pathway = 'child_protection', label = 'L4' },\n"
  "}\n"
  "field 'score' { type = 'integer' }\n"
  "field 'flag' { type = 'boolean' }\n"
  "field 'items' { type = 'array', of = 'object', default = {} }\n"
  "field 'items[].kind' { type = 'enum', values = { 'a', 'b' } }\n";
static const char the_case[] =
  "{\"id\":\"f\",\"assessed_on\":\"2026-01-01\",\"score\":3,\"flag\":true,"
  "\"items\":[{\"kind\":\"a\"}]}";

static void write_file(const char *name, const void *p, size_t n) {
  char path[128];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0)
    abort();
}

static void setup(void) {
  snprintf(dir, sizeof dir, "/tmp/threshold-fuzz-%ld/fz", (long)getpid());
  char parent[64];
  snprintf(parent, sizeof parent, "/tmp/threshold-fuzz-%ld", (long)getpid());
  mkdir(parent, 0700);
  mkdir(dir, 0700);
  write_file("ruleset.lua", manifest, sizeof manifest - 1);
  write_file("levels.lua", levels, sizeof levels - 1);
  snprintf(rules_path, sizeof rules_path, "%s/rules.lua", dir);
  if (th_engine_new(&engine, 0) != TH_OK)
    abort();
  th_engine_limit(engine, TH_LIMIT_DEADLINE_MS, 2000);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (engine == NULL)
    setup();
  write_file("rules.lua", data, size);
  int st = th_engine_load(engine, dir);
  if (st != TH_OK) {
    if (th_errmsg(engine)[0] == '\0' || th_engine_ruleset_id(engine) != NULL)
      abort();
    return 0;
  }
  th_result *r = NULL;
  if (th_eval(engine, the_case, sizeof the_case - 1, 0, &r) != TH_OK)
    abort();                      /* a loaded set always gives a result */
  th_result_free(r);
  return 0;
}
