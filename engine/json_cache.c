/*
** json_cache.c -- the JSON text of tables that results share.
**
** The prelude builds some parts of a result once per loaded rule set and
** shares them between results (a rule's finding, a flag's entry, the rule
** set's identity), marking them with a metatable of their own. Their JSON
** text is made once too: a map from the table's address to a copy of the
** text, which result_text.c appends wherever the table appears. The
** tables live as long as the rule set, so the map is emptied whenever a
** rule set is loaded or the state closed, before an address could be
** reused.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_ENTRIES 8192      /* past this, tables are converted each time */

static size_t slot_of(const thi_json_cache *c, const void *key) {
  uintptr_t h = (uintptr_t)key >> 4;
  h *= (uintptr_t)0x9E3779B97F4A7C15u;
  return (size_t)(h >> 7) & (c->cap - 1);
}

const char *thi_json_cache_get(const thi_json_cache *c, const void *key, size_t *len) {
  if (c->cap == 0)
    return NULL;
  for (size_t i = slot_of(c, key);; i = (i + 1) & (c->cap - 1)) {
    if (c->keys[i] == key) {
      *len = c->lens[i];
      return c->texts[i];
    }
    if (c->keys[i] == NULL)
      return NULL;
  }
}

static int grow(thi_json_cache *c) {
  size_t cap = c->cap ? c->cap * 2 : 64;
  thi_json_cache bigger = {calloc(cap, sizeof *bigger.keys), calloc(cap, sizeof *bigger.texts),
                           calloc(cap, sizeof *bigger.lens), cap, 0};
  if (bigger.keys == NULL || bigger.texts == NULL || bigger.lens == NULL) {
    free(bigger.keys);
    free(bigger.texts);
    free(bigger.lens);
    return 0;
  }
  for (size_t i = 0; i < c->cap; i++) {
    if (c->keys[i] == NULL)
      continue;
    size_t j = slot_of(&bigger, c->keys[i]);
    while (bigger.keys[j] != NULL)
      j = (j + 1) & (cap - 1);
    bigger.keys[j] = c->keys[i];
    bigger.texts[j] = c->texts[i];
    bigger.lens[j] = c->lens[i];
    bigger.n++;
  }
  free(c->keys);
  free(c->texts);
  free(c->lens);
  *c = bigger;
  return 1;
}

void thi_json_cache_put(thi_json_cache *c, const void *key, const char *text, size_t len) {
  if (c->n >= MAX_ENTRIES || ((c->n + 1) * 2 > c->cap && !grow(c)))
    return;                   /* not kept: the table is converted next time */
  size_t i = slot_of(c, key);
  while (c->keys[i] != NULL && c->keys[i] != key)
    i = (i + 1) & (c->cap - 1);
  if (c->keys[i] == key)
    return;
  char *copy = malloc(len ? len : 1);
  if (copy == NULL)
    return;
  memcpy(copy, text, len);
  c->keys[i] = key;
  c->texts[i] = copy;
  c->lens[i] = len;
  c->n++;
}

void thi_json_cache_clear(thi_json_cache *c) {
  for (size_t i = 0; i < c->cap; i++)
    free(c->texts[i]);
  free(c->keys);
  free(c->texts);
  free(c->lens);
  c->keys = NULL;
  c->texts = NULL;
  c->lens = NULL;
  c->cap = c->n = 0;
}
