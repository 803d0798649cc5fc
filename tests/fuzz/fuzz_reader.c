/*
** fuzz_reader.c -- libFuzzer target: any bytes through the single-pass case
** reader and through jansson; they must agree (reader_diff.h says how).
*/
#include <stdint.h>
#include <stdlib.h>

#include <lualib.h>

#include "../fuzz/reader_diff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static lua_State *L;
  if (L == NULL && (L = luaL_newstate()) == NULL)
    abort();
  char why[256];
  int fast;
  if (reader_diff(L, (const char *)data, size, &fast, why, sizeof why)) {
    fprintf(stderr, "fuzz_reader: %s\n", why);
    abort();
  }
  return 0;
}
