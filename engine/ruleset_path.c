/*
** ruleset_path.c -- finding a rule set by name. The search path is
** $THRESHOLD_RULES_PATH (folders separated by ':'), then the rules folder
** compiled in at build time (TH_RULESDIR, the installed share/threshold/
** rules). th_engine_load and `extends` both resolve names through it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

#ifndef TH_RULESDIR
#define TH_RULESDIR "/usr/local/share/threshold/rules"
#endif

int thi_is_ruleset_dir(const char *dir) {
  char *path = thi_path_join(dir, "ruleset.lua");
  struct stat st;
  int yes = path != NULL && stat(path, &st) == 0 && S_ISREG(st.st_mode);
  free(path);
  return yes;
}

int thi_is_ruleset_name(const char *s) {
  return s[0] != '\0' && strchr(s, '/') == NULL && strcmp(s, ".") != 0 &&
         strcmp(s, "..") != 0;
}

/* The folder `name` in `dir` (len bytes of it) if it holds a rule set. */
static char *in_folder(const char *dir, size_t len, const char *name) {
  if (len == 0)
    return NULL;
  char *base = thi_strndup(dir, len);
  char *path = base ? thi_path_join(base, name) : NULL;
  free(base);
  if (path && thi_is_ruleset_dir(path))
    return path;
  free(path);
  return NULL;
}

char *thi_ruleset_find(const char *name) {
  if (!thi_is_ruleset_name(name))
    return NULL;
  const char *env = getenv("THRESHOLD_RULES_PATH");
  while (env && *env) {
    const char *colon = strchr(env, ':');
    size_t len = colon ? (size_t)(colon - env) : strlen(env);
    char *found = in_folder(env, len, name);
    if (found)
      return found;
    env = colon ? colon + 1 : NULL;
  }
  return in_folder(TH_RULESDIR, strlen(TH_RULESDIR), name);
}

const char *thi_ruleset_default_dir(void) {
  return TH_RULESDIR;
}
