/*
** blocks.c -- a cache of small blocks in front of malloc for the Lua state.
**
** An evaluation allocates and frees thousands of small objects (tables,
** strings, closures), almost all of them under 256 bytes; malloc and free
** were a fifth of the time. Freed blocks go on a list per 16-byte size
** class and are handed out again, up to THI_BLOCKS_HELD bytes; past that,
** and for larger blocks, malloc decides. The engine's memory accounting is
** unchanged: it counts what Lua asked for. Under AddressSanitizer the cache
** is off, so every block is still checked.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#if defined(__SANITIZE_ADDRESS__)
#define THI_BLOCKS_ON 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define THI_BLOCKS_ON 0
#endif
#endif
#ifndef THI_BLOCKS_ON
#define THI_BLOCKS_ON 1
#endif

#define CLASS_BYTES 16
#define SMALL (CLASS_BYTES * THI_BLOCK_CLASSES)

static size_t class_of(size_t n) { return (n - 1) / CLASS_BYTES; }

static void *take(thi_blocks *b, size_t n) {
  size_t c = class_of(n);
  void *p = b->free[c];
  if (p != NULL) {
    memcpy(&b->free[c], p, sizeof p);   /* the next free block */
    b->held -= (c + 1) * CLASS_BYTES;
    return p;
  }
  return malloc((c + 1) * CLASS_BYTES);
}

static void give(thi_blocks *b, void *p, size_t n) {
  size_t size = (class_of(n) + 1) * CLASS_BYTES;
  if (b->held + size > THI_BLOCKS_HELD) {
    free(p);
    return;
  }
  memcpy(p, &b->free[class_of(n)], sizeof p);
  b->free[class_of(n)] = p;
  b->held += size;
}

void *thi_blocks_realloc(thi_blocks *b, void *p, size_t osize, size_t nsize) {
  if (!THI_BLOCKS_ON || ((p == NULL || osize > SMALL) && nsize > SMALL))
    return realloc(p, nsize);
  if (p == NULL)
    return take(b, nsize);
  if (osize <= SMALL && nsize <= SMALL && class_of(osize) == class_of(nsize))
    return p;                           /* it already has room */
  void *q = nsize <= SMALL ? take(b, nsize) : malloc(nsize);
  if (q == NULL)
    return NULL;
  memcpy(q, p, osize < nsize ? osize : nsize);
  thi_blocks_free(b, p, osize);
  return q;
}

void thi_blocks_free(thi_blocks *b, void *p, size_t osize) {
  if (p == NULL)
    return;
  if (THI_BLOCKS_ON && osize <= SMALL && osize > 0)
    give(b, p, osize);
  else
    free(p);
}

void thi_blocks_drain(thi_blocks *b) {
  for (size_t c = 0; c < THI_BLOCK_CLASSES; c++) {
    while (b->free[c] != NULL) {
      void *p = b->free[c];
      memcpy(&b->free[c], p, sizeof p);
      free(p);
    }
  }
  b->held = 0;
}
