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

/* A path longer than PATH_MAX is one the kernel refuses to stat anyway. */
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

static char *join(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  char *p = malloc(la + lb + 2);
  if (p) {
    memcpy(p, a, la);
    p[la] = '/';
    memcpy(p + la + 1, b, lb + 1);
  }
  return p;
}

/* Calls fn with each candidate folder that holds rule sets, in search
   order, until fn returns non-zero (which is returned). Every entry of
   $THRESHOLD_RULES and $THRESHOLD_RULES_PATH is tried, however many: none
   is dropped for a fixed table's size. -1 when memory runs out. */
static int each_rules_dir(int (*fn)(const char *dir, void *ud), void *ud) {
  const char *vars[] = {"THRESHOLD_RULES", "THRESHOLD_RULES_PATH"};
  int r = 0;
  for (size_t v = 0; r == 0 && v < sizeof vars / sizeof vars[0]; v++) {
    const char *env = getenv(vars[v]);
    while (r == 0 && env && *env) {
      const char *colon = strchr(env, ':');
      size_t len = colon ? (size_t)(colon - env) : strlen(env);
      if (len > 0) {
        char *dir = strndup(env, len);
        r = dir ? fn(dir, ud) : -1;
        free(dir);
      }
      env = colon ? colon + 1 : NULL;
    }
  }
  char exe[PATH_MAX];                     /* the kernel's own limit */
  ssize_t len = r == 0 ? readlink("/proc/self/exe", exe, sizeof exe - 1) : -1;
  if (len > 0) {
    exe[len] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
      *slash = '\0';                          /* the binary's folder */
    const char *rel[] = {"../rules", "../../rules", "../share/threshold/rules"};
    for (size_t i = 0; r == 0 && i < sizeof rel / sizeof rel[0]; i++) {
      char *dir = join(exe, rel[i]);
      r = dir == NULL ? -1 : is_dir(dir) ? fn(dir, ud) : 0;
      free(dir);
    }
  }
  if (r == 0)
    r = fn(TH_RULESDIR, ud);
  return r;
}

typedef struct { const char *name; char *found; } finding;

static int has_set(const char *dir, void *ud) {
  finding *f = ud;
  char *path = join(dir, f->name);
  if (path == NULL)
    return -1;
  if (has_ruleset(path)) {
    f->found = path;
    return 1;
  }
  free(path);
  return 0;
}

char *find_ruleset(const char *name) {
  if (strchr(name, '/') || has_ruleset(name))
    return has_ruleset(name) ? strdup(name) : NULL;
  finding f = {name, NULL};
  each_rules_dir(has_set, &f);
  return f.found;
}

static int first_dir(const char *dir, void *ud) {
  if (!is_dir(dir))
    return 0;
  *(char **)ud = strdup(dir);
  return *(char **)ud ? 1 : -1;
}

char *default_rules_dir(void) {
  char *dir = NULL;
  each_rules_dir(first_dir, &dir);
  return dir;
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
