/*
** fuzz_import.c -- libFuzzer target: any bytes imported into a case store
** as JSON Lines, CSV or one JSON document (the first byte chooses), with
** the core rule set's schema. The store must answer with a status and,
** when it imports, a JSON report; it must never crash, leak, hold more
** than the input's longest record, or leave a store that verify rejects.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "threshold_store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static th_engine *engine;
static th_store *store;
static unsigned long inputs;

static void setup(void) {
  char path[] = "/tmp/fuzz-import-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0)
    abort();
  close(fd);
  unlink(path);                   /* the store makes its own, owner-only */
  if (th_engine_new(&engine, 0) != TH_OK || th_engine_load(engine, "rules/core") != TH_OK ||
      th_store_open(&store, path, TH_STORE_CREATE) != TH_OK)
    abort();                      /* a harness problem, not a finding */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (engine == NULL)
    setup();
  if (size == 0)
    return 0;
  static const int formats[] = {TH_FORMAT_JSONL, TH_FORMAT_CSV, TH_FORMAT_JSON};
  int format = formats[data[0] % 3];
  char *report = NULL;
  int st = th_store_import(store, engine, (const char *)data + 1, size - 1, format,
                           (data[0] & 4) ? TH_IMPORT_STRICT : 0, "2026-11-02T09:00:00Z",
                           &report);
  if (st == TH_OK) {
    json_t *r = report ? json_loads(report, 0, NULL) : NULL;
    if (r == NULL || !json_is_integer(json_object_get(r, "records")))
      abort();
    json_decref(r);
  } else if (report != NULL || th_store_errmsg(store)[0] == '\0') {
    abort();                      /* a failure leaves no report, and says why */
  }
  th_free(report);
  if (++inputs % 256 == 0) {      /* the store stays one verify accepts */
    char *v = NULL;
    if (th_store_verify(store, &v) != TH_OK || strstr(v, "\"ok\":true") == NULL) {
      fprintf(stderr, "fuzz_import: verify: %s\n", v ? v : th_store_errmsg(store));
      abort();
    }
    th_free(v);
  }
  return 0;
}
