/*
** rulesets.c -- where the command finds rule sets by name.
*/
#include <dirent.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#ifndef TH_RULESDIR
#define TH_RULESDIR "/usr/local/share/threshold/rules"
#endif

void cli_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("threshold: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

static int has_ruleset(const char *dir) {
  char path[PATH_MAX];
  struct stat st;
  if (snprintf(path, sizeof path, "%s/ruleset.lua", dir) >= (int)sizeof path)
    return 0;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_dir(const char *dir) {
  struct stat st;
  return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Candidate folders that hold rule sets, in search order. */
static int rules_dirs(char dirs[][PATH_MAX], int max) {
  int n = 0;
  const char *vars[] = {"THRESHOLD_RULES", "THRESHOLD_RULES_PATH"};
  for (size_t v = 0; v < sizeof vars / sizeof vars[0]; v++) {
    const char *env = getenv(vars[v]);
    while (env && *env && n < max) {
      const char *colon = strchr(env, ':');
      size_t len = colon ? (size_t)(colon - env) : strlen(env);
      if (len > 0 && len < PATH_MAX) {
        memcpy(dirs[n], env, len);
        dirs[n++][len] = '\0';
      }
      env = colon ? colon + 1 : NULL;
    }
  }
  char exe[PATH_MAX];
  ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (len > 0) {
    exe[len] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
      *slash = '\0';                          /* the binary's folder */
    const char *rel[] = {"../rules", "../../rules", "../share/threshold/rules"};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0] && n < max; i++)
      if (snprintf(dirs[n], PATH_MAX, "%s/%s", exe, rel[i]) < PATH_MAX &&
          is_dir(dirs[n]))
        n++;
  }
  if (n < max && snprintf(dirs[n], PATH_MAX, "%s", TH_RULESDIR) < PATH_MAX)
    n++;
  return n;
}

char *find_ruleset(const char *name) {
  if (strchr(name, '/') || has_ruleset(name))
    return has_ruleset(name) ? strdup(name) : NULL;
  char dirs[16][PATH_MAX];
  int n = rules_dirs(dirs, 16);
  for (int i = 0; i < n; i++) {
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", dirs[i], name) < PATH_MAX &&
        has_ruleset(path))
      return strdup(path);
  }
  return NULL;
}

char *default_rules_dir(void) {
  char dirs[16][PATH_MAX];
  int n = rules_dirs(dirs, 16);
  for (int i = 0; i < n; i++)
    if (is_dir(dirs[i]))
      return strdup(dirs[i]);
  return NULL;
}

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int list_rule_sets(const char *dir, char ***out) {
  DIR *d = opendir(dir);
  int n = 0;
  char **v = NULL;
  struct dirent *de;
  while (d && (de = readdir(d)) != NULL) {
    char path[PATH_MAX];
    struct stat st;
    if (de->d_name[0] == '.' ||
        snprintf(path, sizeof path, "%s/%s/ruleset.lua", dir, de->d_name) >=
            (int)sizeof path || stat(path, &st) != 0)
      continue;
    char **w = realloc(v, (size_t)(n + 1) * sizeof *v);
    if (w == NULL)
      break;
    v = w;
    v[n++] = strdup(de->d_name);
  }
  if (d)
    closedir(d);
  qsort(v, (size_t)n, sizeof *v, cmp);
  *out = v;
  return n;
}

int sets_to_run(const char *cmd, int n, char **named, char ***sets, char ***owned) {
  *owned = NULL;
  *sets = named;
  if (n > 0)
    return n;
  char *dir = default_rules_dir();
  n = dir ? list_rule_sets(dir, owned) : 0;
  free(dir);
  *sets = *owned;
  if (n == 0)
    cli_error("%s: no rule sets found", cmd);
  return n;
}

void free_rule_sets(char **owned, int n) {
  for (int i = 0; owned && i < n; i++)
    free(owned[i]);
  free(owned);
}
