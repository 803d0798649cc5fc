/*
** rules.c -- loading a rule set from its folder: the extends chain, the
** source files in load order, their SHA-256, and the rule set's tests.
**
** Sources are read once and kept in memory: they are what the hash covers,
** and they rebuild the Lua state after an evaluation tripped a limit without
** touching the file system again (the files may have changed since).
*/
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>
#include <nettle/sha2.h>

#include "internal.h"

#define MAX_EXTENDS 8     /* longest extends chain */

void thi_sources_clear(thi_sources *s) {
  for (size_t i = 0; i < s->n; i++) {
    free(s->v[i].name);
    free(s->v[i].text);
  }
  free(s->v);
  memset(s, 0, sizeof *s);
}

/* Append (name, text); takes ownership of text. */
int thi_sources_add(thi_sources *s, const char *name, char *text,
                       size_t len) {
  if (s->n == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 16;
    thi_source *v = realloc(s->v, cap * sizeof *v);
    if (v == NULL)
      return TH_NOMEM;
    s->v = v;
    s->cap = cap;
  }
  char *n = thi_strdup(name);
  if (n == NULL)
    return TH_NOMEM;
  s->v[s->n++] = (thi_source){n, text, len};
  return TH_OK;
}

/* Read a whole file, refusing files over the source limit. */
int thi_read_file(th_engine *e, const char *path, char **text,
                     size_t *len) {
  *text = NULL;
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return thi_seterr(e, TH_IO, "%s: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    fclose(f);
    return thi_seterr(e, TH_IO, "%s: not a regular file", path);
  }
  if ((long long)st.st_size > e->limits[TH_LIMIT_SOURCE_BYTES]) {
    fclose(f);
    return thi_seterr(e, TH_LIMIT, "%s: %lld bytes is over the rule-source "
                      "limit of %lld bytes", path, (long long)st.st_size,
                      e->limits[TH_LIMIT_SOURCE_BYTES]);
  }
  char *buf = malloc((size_t)st.st_size + 1);
  if (buf == NULL) {
    fclose(f);
    return TH_NOMEM;
  }
  size_t n = fread(buf, 1, (size_t)st.st_size, f);
  int bad = ferror(f);
  fclose(f);
  if (bad || n != (size_t)st.st_size) {
    free(buf);
    return thi_seterr(e, TH_IO, "%s: short read", path);
  }
  buf[n] = '\0';
  *text = buf;
  *len = n;
  return TH_OK;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.lua files of dir except ruleset.lua, sorted; NULL-terminated. */
int thi_list_lua(th_engine *e, const char *dir, char ***out) {
  *out = NULL;
  DIR *d = opendir(dir);
  if (d == NULL)
    return thi_seterr(e, TH_IO, "%s: %s", dir, strerror(errno));
  size_t n = 0, cap = 8;
  char **v = malloc(cap * sizeof *v);
  struct dirent *de;
  int st = v ? TH_OK : TH_NOMEM;
  while (st == TH_OK && (de = readdir(d)) != NULL) {
    size_t len = strlen(de->d_name);
    if (len < 5 || strcmp(de->d_name + len - 4, ".lua") != 0 ||
        strcmp(de->d_name, "ruleset.lua") == 0 || de->d_name[0] == '.')
      continue;
    if (n + 1 == cap) {
      char **w = realloc(v, (cap *= 2) * sizeof *v);
      if (w == NULL) { st = TH_NOMEM; break; }
      v = w;
    }
    if ((v[n] = thi_strdup(de->d_name)) == NULL)
      st = TH_NOMEM;
    else
      n++;
  }
  closedir(d);
  if (v)
    v[n] = NULL;
  if (st != TH_OK) {
    for (size_t i = 0; v && i < n; i++)
      free(v[i]);
    free(v);
    return st;
  }
  qsort(v, n, sizeof *v, cmp_str);
  *out = v;
  return TH_OK;
}

void thi_free_list(char **v) {
  for (size_t i = 0; v && v[i]; i++)
    free(v[i]);
  free(v);
}

/* "a/b/core/" -> base "core", parent "a/b". Returns malloc'ed copies. */
static int split_dir(const char *dir, char **parent, char **base) {
  size_t n = strlen(dir);
  while (n > 1 && dir[n - 1] == '/')
    n--;
  size_t i = n;
  while (i > 0 && dir[i - 1] != '/')
    i--;
  *base = thi_strndup(dir + i, n - i);
  *parent = i == 0 ? thi_strdup(".") : thi_strndup(dir, i > 1 ? i - 1 : 1);
  if (*base == NULL || *parent == NULL) {
    free(*base);
    free(*parent);
    *base = *parent = NULL;
    return TH_NOMEM;
  }
  return TH_OK;
}

/*
** Ask the prelude what a ruleset.lua declares: leaves on the stack a table
** {extends=?, files=?} or returns an error status with the message set.
** API.read_manifest returns the table, or nil, message, status.
*/
static int read_manifest(th_engine *e, const char *name, const char *text,
                         size_t len) {                  /* [-0, +1|0, -] */
  lua_State *L = e->L;
  thi_sandbox_pushapi(L, "read_manifest");
  lua_pushstring(L, name);
  lua_pushlstring(L, text, len);
  int rc = thi_pcall_limited(e, 2, 3, name);
  if (rc == TH_LIMIT)
    return rc;
  if (rc != LUA_OK) {
    int st = thi_seterr(e, TH_ERROR, "%s", lua_tostring(L, -1));
    lua_pop(L, 1);
    return st;
  }
  if (lua_isnil(L, -3)) {
    int st = thi_seterr(e, lua_isinteger(L, -1) ? (int)lua_tointeger(L, -1) : TH_RUNTIME,
                        "%s", lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2)
                                                             : "the manifest did not load");
    lua_pop(L, 3);
    return st;
  }
  lua_pop(L, 2);
  return TH_OK;
}

/*
** The files a set loads, in order: its manifest's `files` list when it has
** one (the prelude has checked it is a list of names), else every *.lua
** file beside ruleset.lua, sorted by name.
*/
static int manifest_files(th_engine *e, int manifest, const char *dir,
                          char ***out) {              /* [-0, +0, m] */
  lua_State *L = e->L;
  if (lua_getfield(L, manifest, "files") != LUA_TTABLE) {
    lua_pop(L, 1);
    return thi_list_lua(e, dir, out);
  }
  size_t n = lua_rawlen(L, -1);
  char **v = calloc(n + 1, sizeof *v);
  for (size_t i = 0; v && i < n; i++) {
    if (lua_rawgeti(L, -1, (lua_Integer)i + 1) != LUA_TSTRING) {
      lua_pop(L, 2);
      thi_free_list(v);
      return thi_seterr(e, TH_RULES, "%s/ruleset.lua: files entry %zu is not a "
                        "file name", dir, i + 1);
    }
    v[i] = thi_strdup(lua_tostring(L, -1));
    lua_pop(L, 1);
    if (v[i] == NULL) {
      thi_free_list(v);
      v = NULL;
    }
  }
  lua_pop(L, 1);
  *out = v;
  return v ? TH_OK : TH_NOMEM;
}

/*
** The folder of the set a manifest extends: a sibling of the extending set
** (a local set kept beside its parent), else the set of that name in the
** search path (a local set extending the installed core). When neither has
** it, the sibling, whose loading then says what is missing. NULL: no memory.
*/
static char *extended_dir(const char *parent, const char *name) {
  char *dir = thi_path_join(parent, name), *found = NULL;
  if (dir == NULL || thi_is_ruleset_dir(dir) || !thi_is_ruleset_name(name) ||
      (found = thi_ruleset_find(name)) == NULL)
    return dir;
  free(dir);
  return found;
}

/* Note dir as the next set of the extends chain (for its tests). */
static int chain_add(th_engine *e, const char *dir) {
  size_t n = 0;
  while (e->chain_dirs && e->chain_dirs[n])
    n++;
  char **v = realloc(e->chain_dirs, (n + 2) * sizeof *v);
  if (v == NULL)
    return TH_NOMEM;
  e->chain_dirs = v;
  v[n + 1] = NULL;
  return (v[n] = thi_strdup(dir)) ? TH_OK : TH_NOMEM;
}

/* Add the files of the set in dir (after those of its parents). */
static int collect(th_engine *e, const char *dir, int depth) {
  char *parent = NULL, *base = NULL, *path = NULL, *text = NULL;
  char **files = NULL;
  size_t len = 0;
  lua_State *L = e->L;
  int top = lua_gettop(L);
  int st = split_dir(dir, &parent, &base);
  if (st == TH_OK && depth >= MAX_EXTENDS)
    st = thi_seterr(e, TH_RULES, "%s: extends chain longer than %d sets "
                    "(a cycle?)", dir, MAX_EXTENDS);
  if (st == TH_OK && (path = thi_path_join(dir, "ruleset.lua")) == NULL)
    st = TH_NOMEM;
  if (st == TH_OK)
    st = thi_read_file(e, path, &text, &len);
  /* the label names the file in messages and the document: allocated, so
     a long folder or file name is never cut */
  char *label = NULL;
  if (st == TH_OK && (label = thi_path_join(base ? base : "?", "ruleset.lua")) == NULL)
    st = TH_NOMEM;
  if (st == TH_OK)
    st = read_manifest(e, label, text, len);            /* manifest */
  if (st == TH_OK && lua_getfield(L, -1, "extends") == LUA_TSTRING) {
    const char *name = lua_tostring(L, -1);   /* a set name, never a path */
    if (!thi_is_ruleset_name(name)) {
      st = thi_seterr(e, TH_RULES, "%s: extends must be the name of a rule set, "
                      "not a path", label);
      goto done;
    }
    char *pdir = extended_dir(parent, name);
    st = pdir ? collect(e, pdir, depth + 1) : TH_NOMEM;
    free(pdir);
  }
  if (st == TH_OK) {
    st = thi_sources_add(&e->sources, label, text, len);
    text = st == TH_OK ? NULL : text;
  }
  if (st == TH_OK)                       /* after its parents: parents first */
    st = chain_add(e, dir);
  if (st == TH_OK)
    st = manifest_files(e, top + 1, dir, &files);
  for (size_t i = 0; st == TH_OK && files[i]; i++) {
    char *fpath = thi_path_join(dir, files[i]);
    char *ftext = NULL;
    size_t flen = 0;
    st = fpath ? thi_read_file(e, fpath, &ftext, &flen) : TH_NOMEM;
    free(fpath);
    char *flabel = st == TH_OK ? thi_path_join(base, files[i]) : NULL;
    if (st == TH_OK && flabel == NULL)
      st = TH_NOMEM;
    if (st == TH_OK)
      st = thi_sources_add(&e->sources, flabel, ftext, flen);
    if (st != TH_OK)
      free(ftext);                        /* not taken */
    free(flabel);
  }
done:
  free(label);
  lua_settop(L, top);
  thi_free_list(files);
  free(text);
  free(path);
  free(parent);
  free(base);
  return st;
}

/*
** Feed the collected sources to a fresh state and let the prelude check the
** whole set. Also the rebuild after a limit trip.
*/
int thi_rules_replay(th_engine *e) {
  int st = thi_sandbox_fresh(e);
  if (st != TH_OK)
    return st;
  e->pristine = 0;
  e->evals = 0;
  thi_json_cache_clear(&e->shared);        /* the old set's tables go */
  thi_json_cache_clear(&e->strings);
  lua_State *L = e->L;
  thi_sandbox_pushapi(L, "load_sources");
  lua_createtable(L, (int)e->sources.n, 0);
  for (size_t i = 0; i < e->sources.n; i++) {
    lua_createtable(L, 2, 0);
    lua_pushstring(L, e->sources.v[i].name);
    lua_rawseti(L, -2, 1);
    lua_pushlstring(L, e->sources.v[i].text, e->sources.v[i].len);
    lua_rawseti(L, -2, 2);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_pushstring(L, e->rs_hash);
  int rc = thi_pcall_limited(e, 2, 3, "loading the rule set");
  if (rc == TH_LIMIT)
    return rc;
  if (rc != LUA_OK) {
    st = thi_seterr(e, TH_ERROR, "%s", lua_tostring(L, -1));
    lua_pop(L, 1);
    return st;
  }
  /* ok: id, version, nil; failure: nil, status, message */
  if (lua_isnil(L, -3)) {
    st = thi_seterr(e, lua_isinteger(L, -2) ? (int)lua_tointeger(L, -2) : TH_RULES, "%s",
                    lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "the rule set did not load");
  } else {
    free(e->rs_id);
    free(e->rs_version);
    /* the prelude checked both; C still takes nothing but strings */
    e->rs_id = thi_strdup(lua_type(L, -3) == LUA_TSTRING ? lua_tostring(L, -3) : "");
    e->rs_version = thi_strdup(lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "");
    st = e->rs_id && e->rs_version ? TH_OK : TH_NOMEM;
  }
  lua_pop(L, 3);
  return st;
}

/*
** Make the loaded set's fast paths (the prelude's prepare), under the same
** limits as loading. th_eval does it before the second evaluation, so
** that evaluating one case never pays for them.
*/
int thi_rules_prepare(th_engine *e) {
  lua_State *L = e->L;
  thi_sandbox_pushapi(L, "prepare");
  int rc = thi_pcall_limited(e, 0, 0, "preparing the rule set");
  if (rc == TH_LIMIT || rc == LUA_OK)
    return rc;
  int st = thi_seterr(e, TH_ERROR, "internal error preparing the rule set: %s",
                      lua_tostring(L, -1));
  lua_pop(L, 1);
  return st;
}

/* SHA-256 over (name NUL length NUL bytes) of every source, in order. */
static int hash_sources(th_engine *e) {
  struct sha256_ctx ctx;
  uint8_t md[SHA256_DIGEST_SIZE];
  sha256_init(&ctx);
  for (size_t i = 0; i < e->sources.n; i++) {
    const thi_source *s = &e->sources.v[i];
    char len[32];
    int ln = snprintf(len, sizeof len, "%zu", s->len);
    sha256_update(&ctx, strlen(s->name) + 1, (const uint8_t *)s->name);
    sha256_update(&ctx, (size_t)ln + 1, (const uint8_t *)len);
    sha256_update(&ctx, s->len, (const uint8_t *)s->text);
  }
  sha256_digest(&ctx, sizeof md, md);
  for (size_t i = 0; i < sizeof md; i++)
    snprintf(e->rs_hash + 2 * i, 3, "%02x", md[i]);
  return TH_OK;
}

static void unload(th_engine *e) {
  thi_sources_clear(&e->sources);
  thi_free_list(e->chain_dirs);
  e->chain_dirs = NULL;
  free(e->set_dir);
  free(e->rs_id);
  free(e->rs_version);
  e->set_dir = e->rs_id = e->rs_version = NULL;
  e->rs_hash[0] = '\0';
}

int th_engine_source_count(const th_engine *e) {
  return e && e->rs_id ? (int)e->sources.n : 0;
}

int th_engine_source(const th_engine *e, int i, const char **name,
                     const char **text, size_t *len) {
  if (e == NULL || e->rs_id == NULL || i < 0 || (size_t)i >= e->sources.n)
    return TH_MISUSE;
  if (name)
    *name = e->sources.v[i].name;
  if (text)
    *text = e->sources.v[i].text;
  if (len)
    *len = e->sources.v[i].len;
  return TH_OK;
}

/* Sources held in memory, as stored beside the decisions they made. */
static int load_sources(th_engine *e, int n, const char *const *names,
                        const char *const *texts, const size_t *lens) {
  if (e == NULL || n <= 0 || names == NULL || texts == NULL || lens == NULL)
    return TH_MISUSE;
  unload(e);
  int st = TH_OK;
  for (int i = 0; st == TH_OK && i < n; i++) {
    char *t = thi_strndup(texts[i], lens[i]);
    st = t ? thi_sources_add(&e->sources, names[i], t, lens[i]) : TH_NOMEM;
    if (st != TH_OK)
      free(t);
  }
  if (st == TH_OK)
    st = hash_sources(e);
  if (st == TH_OK)
    st = thi_rules_replay(e);
  if (st != TH_OK) {
    unload(e);
    thi_sandbox_open(e);
  }
  return st;
}

/*
** A name or a folder: a folder holding ruleset.lua is that set; a bare name
** is looked up in the search path. NULL with the error set when neither.
*/
static int resolve_set(th_engine *e, const char *what, char **dir) {
  *dir = thi_is_ruleset_dir(what) ? thi_strdup(what) : thi_ruleset_find(what);
  if (*dir)
    return TH_OK;
  if (thi_is_ruleset_name(what))
    return thi_seterr(e, TH_IO, "no rule set '%s' in the rule set path "
                      "($THRESHOLD_RULES_PATH, then %s)", what,
                      thi_ruleset_default_dir());
  return thi_seterr(e, TH_IO, "%s: not a rule set folder (no ruleset.lua)", what);
}

static int load_set(th_engine *e, const char *set) {
  unload(e);
  int st = thi_sandbox_fresh(e);
  char *dir = NULL;
  if (st == TH_OK)
    st = resolve_set(e, set, &dir);
  if (st == TH_OK)
    st = collect(e, dir, 0);
  if (st == TH_OK)
    st = hash_sources(e);
  if (st == TH_OK)
    st = thi_rules_replay(e);
  if (st == TH_OK && (e->set_dir = thi_strdup(dir)) == NULL)
    st = TH_NOMEM;
  if (st != TH_OK) {
    if (st == TH_NOMEM)
      thi_seterr(e, st, "out of memory loading %s", set);
    unload(e);
    if (e->L == NULL)
      thi_sandbox_open(e);
  }
  free(dir);
  return st;
}

int th_engine_load_sources(th_engine *e, int n, const char *const *names,
                           const char *const *texts, const size_t *lens) {
  if (e == NULL)
    return TH_MISUSE;
  if (thi_enter(e) != TH_OK)
    return TH_MISUSE;        /* in use by another thread: see thi_enter */
  int st;
  THI_GUARDED(e, st, load_sources(e, n, names, texts, lens));
  if (st != TH_OK)
    unload(e);
  thi_leave(e);
  return st;
}

int th_engine_load(th_engine *e, const char *set) {
  if (e == NULL || set == NULL)
    return TH_MISUSE;
  if (thi_enter(e) != TH_OK)
    return TH_MISUSE;        /* in use by another thread: see thi_enter */
  int st;
  THI_GUARDED(e, st, load_set(e, set));
  if (st != TH_OK)
    unload(e);
  thi_leave(e);
  return st;
}
