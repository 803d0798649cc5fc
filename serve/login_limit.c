/*
** login_limit.c -- the login rate limit (login_limit.h).
**
** Each key, an account name or an address, is kept by the SHA-256 of its
** whole text, never by a slot it may share: when two keys shared a slot,
** failures under a second name that landed in an account's slot reset the
** account's count, and alternating the two names gave unlimited guesses.
** A key lives in one of PROBE slots from where its digest points; an entry
** whose window has passed is free again, so no key is ever deleted and
** nothing is moved. When all PROBE slots hold live entries of other keys
** (a flood of names or addresses), the key cannot be counted, and a
** sign-in under it is refused until one of them expires: the limit fails
** closed, never open.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "login_limit.h"

#define SLOTS 8192            /* a power of two */
#define PROBE 32

typedef struct entry {
  unsigned char id[SHA256_DIGEST_SIZE];
  int count;                  /* failures since `since`; 0: free */
  long long since;
} entry;

struct login_limit {
  pthread_mutex_t lock;
  entry slot[SLOTS];
};

login_limit *login_limit_new(void) {
  login_limit *l = calloc(1, sizeof *l);
  if (l != NULL && pthread_mutex_init(&l->lock, NULL) != 0) {
    free(l);
    return NULL;
  }
  return l;
}

void login_limit_free(login_limit *l) {
  if (l == NULL)
    return;
  pthread_mutex_destroy(&l->lock);
  free(l);
}

/* The digest of a key of one kind: the kind's letter, a NUL, the text. */
static void digest_of(char kind, const char *text, unsigned char out[SHA256_DIGEST_SIZE]) {
  struct sha256_ctx c;
  sha256_init(&c);
  const char head[2] = {kind, '\0'};
  sha256_update(&c, sizeof head, (const uint8_t *)head);
  sha256_update(&c, strlen(text), (const uint8_t *)text);
  sha256_digest(&c, SHA256_DIGEST_SIZE, out);
}

static int live(const entry *e, long long now) {
  return e->count > 0 && now - e->since <= LOGIN_FAIL_WINDOW;
}

/* The key's live entry, or NULL; *room: a free slot it could take, or
** NULL when every slot it may live in holds another key's live entry. */
static entry *entry_of(login_limit *l, char kind, const char *text, long long now,
                       entry **room, unsigned char id[SHA256_DIGEST_SIZE]) {
  digest_of(kind, text, id);
  size_t at = ((size_t)id[0] | (size_t)id[1] << 8 | (size_t)id[2] << 16) & (SLOTS - 1);
  *room = NULL;
  for (size_t i = 0; i < PROBE; i++) {
    entry *e = &l->slot[(at + i) & (SLOTS - 1)];
    if (!live(e, now)) {
      if (*room == NULL)
        *room = e;
    } else if (memcmp(e->id, id, SHA256_DIGEST_SIZE) == 0) {
      return e;
    }
  }
  return NULL;
}

/* A key's failures in the window; -1 when it has none and no room. */
static int failures(login_limit *l, char kind, const char *text, long long now) {
  unsigned char id[SHA256_DIGEST_SIZE];
  entry *room, *e = entry_of(l, kind, text, now, &room, id);
  return e != NULL ? e->count : room != NULL ? 0 : -1;
}

/* One more failure for a key, in a free slot if it has no entry; none is
** counted when there is no room, and then failures() refuses the key. */
static void fail_once(login_limit *l, char kind, const char *text, long long now) {
  unsigned char id[SHA256_DIGEST_SIZE];
  entry *room, *e = entry_of(l, kind, text, now, &room, id);
  if (e == NULL && room != NULL) {
    e = room;
    memcpy(e->id, id, sizeof e->id);
    e->count = 0;
    e->since = now;
  }
  if (e != NULL)
    e->count++;
}

int login_limit_refuses(login_limit *l, const char *address, const char *account,
                        long long now) {
  pthread_mutex_lock(&l->lock);
  int a = failures(l, 'a', address, now), u = failures(l, 'u', account, now);
  pthread_mutex_unlock(&l->lock);
  return a < 0 || u < 0 || a >= LOGIN_FAILS_PER_ADDRESS || u >= LOGIN_FAILS_PER_ACCOUNT;
}

void login_limit_count(login_limit *l, const char *address, const char *account,
                       long long now, int failed) {
  pthread_mutex_lock(&l->lock);
  if (failed) {
    fail_once(l, 'a', address, now);
    fail_once(l, 'u', account, now);
  } else {
    unsigned char id[SHA256_DIGEST_SIZE];
    entry *room, *u = entry_of(l, 'u', account, now, &room, id);
    if (u != NULL)
      u->count = 0;           /* free again */
  }
  pthread_mutex_unlock(&l->lock);
}
