/*
** fuzz_reader.c -- libFuzzer target: any bytes through the single-pass case
** reader and through jansson; they must agree (reader_diff.h says how),
** read plain and with the core rule set's case schema, and the schema may
** not change what the reader accepts; and what the benchmark's set reads
** flat must be what it reads into tables.
*/
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>

#include <lualib.h>

#include "../fuzz/reader_diff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The core rule set, warmed on the example cases so that the nodes of
** their tables are made and the reader can check cases like them. */
static th_engine *core_engine(void) {
  const char *rules = getenv("THRESHOLD_FUZZ_RULES");
  const char *examples = getenv("THRESHOLD_FUZZ_EXAMPLES");
  th_engine *e = reader_diff_engine(rules ? rules : "rules/core");
  DIR *d = opendir(examples ? examples : "examples/cases");
  if (e == NULL || d == NULL)
    abort();                      /* a harness problem, not a finding */
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    char path[1024], text[65536];
    snprintf(path, sizeof path, "%s/%s", examples ? examples : "examples/cases", de->d_name);
    FILE *f = strstr(de->d_name, ".json") ? fopen(path, "rb") : NULL;
    if (f == NULL)
      continue;
    size_t n = fread(text, 1, sizeof text, f);
    fclose(f);
    reader_diff_warm(e, text, n);
  }
  closedir(d);
  if (e->case_schema == NULL)
    abort();
  return e;
}

/* The benchmark's rule set, which reads cases flat, warmed on its samples. */
static th_engine *bench_engine(void) {
  const char *rules = getenv("THRESHOLD_FUZZ_BENCH_RULES");
  const char *samples = getenv("THRESHOLD_FUZZ_BENCH_SAMPLES");
  th_engine *e = reader_diff_engine_warmed(rules ? rules : "bench/rules",
                                           samples ? samples : "bench/samples-cases.jsonl");
  if (e == NULL || e->case_schema == NULL || e->case_schema->nslots == 0)
    abort();                      /* a harness problem, not a finding */
  return e;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static lua_State *L;
  static th_engine *e, *b;
  if (L == NULL && (L = luaL_newstate()) == NULL)
    abort();
  if (e == NULL) {
    e = core_engine();
    b = bench_engine();
  }
  char why[256];
  int plain, checked;
  if (reader_diff(L, NULL, (const char *)data, size, &plain, why, sizeof why) ||
      reader_diff(e->L, e->case_schema, (const char *)data, size, &checked, why, sizeof why)) {
    fprintf(stderr, "fuzz_reader: %s\n", why);
    abort();
  }
  if ((plain != 0) != (checked != 0)) {
    fprintf(stderr, "fuzz_reader: the schema changed what the reader accepts\n");
    abort();
  }
  int taken;
  if (reader_diff_flat(b, (const char *)data, size, &taken, why, sizeof why)) {
    fprintf(stderr, "fuzz_reader: %s\n", why);
    abort();
  }
  return 0;
}
