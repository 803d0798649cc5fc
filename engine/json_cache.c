/*
** json_cache.c -- the JSON form of tables that results share.
**
** The prelude builds some parts of a result once per loaded rule set and
** shares them between results (a rule's finding, a flag's entry, the rule
** set's identity), marking them with a metatable of their own. Their JSON
** is made once too: a map from the table's address to a jansson value,
** handed out by reference (jansson's counts are atomic, and nothing
** changes a result's document once made). The tables live as long as the
** rule set, so the map is emptied whenever a rule set is loaded or the
** state closed, before an address could be reused.
*/
#include <stdint.h>
#include <stdlib.h>

#include <jansson.h>

#include "internal.h"

#define MAX_ENTRIES 8192      /* past this, tables are converted each time */

static size_t slot_of(const thi_json_cache *c, const void *key) {
  uintptr_t h = (uintptr_t)key >> 4;
  h *= (uintptr_t)0x9E3779B97F4A7C15u;
  return (size_t)(h >> 7) & (c->cap - 1);
}

json_t *thi_json_cache_get(const thi_json_cache *c, const void *key) {
  if (c->cap == 0)
    return NULL;
  for (size_t i = slot_of(c, key);; i = (i + 1) & (c->cap - 1)) {
    if (c->keys[i] == key)
      return c->vals[i];
    if (c->keys[i] == NULL)
      return NULL;
  }
}

static int grow(thi_json_cache *c) {
  size_t cap = c->cap ? c->cap * 2 : 64;
  thi_json_cache bigger = {calloc(cap, sizeof *bigger.keys), calloc(cap, sizeof *bigger.vals),
                           cap, 0};
  if (bigger.keys == NULL || bigger.vals == NULL) {
    free(bigger.keys);
    free(bigger.vals);
    return 0;
  }
  for (size_t i = 0; i < c->cap; i++) {
    if (c->keys[i] == NULL)
      continue;
    size_t j = slot_of(&bigger, c->keys[i]);
    while (bigger.keys[j] != NULL)
      j = (j + 1) & (cap - 1);
    bigger.keys[j] = c->keys[i];
    bigger.vals[j] = c->vals[i];
    bigger.n++;
  }
  free(c->keys);
  free(c->vals);
  *c = bigger;
  return 1;
}

void thi_json_cache_put(thi_json_cache *c, const void *key, json_t *v) {
  if (c->n >= MAX_ENTRIES || ((c->n + 1) * 2 > c->cap && !grow(c)))
    return;                   /* not kept: the caller's value is unaffected */
  size_t i = slot_of(c, key);
  while (c->keys[i] != NULL && c->keys[i] != key)
    i = (i + 1) & (c->cap - 1);
  if (c->keys[i] == key)
    return;
  c->keys[i] = key;
  c->vals[i] = json_incref(v);
  c->n++;
}

void thi_json_cache_clear(thi_json_cache *c) {
  for (size_t i = 0; i < c->cap; i++)
    json_decref(c->vals[i]);
  free(c->keys);
  free(c->vals);
  c->keys = NULL;
  c->vals = NULL;
  c->cap = c->n = 0;
}
