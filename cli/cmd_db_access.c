/*
** cmd_db_access.c -- `threshold db user add` (accounts for threshold
** serve) and `threshold db access` (who viewed which case, and whether the
** access log's chain holds).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "threshold.h"
#include "threshold_access.h"
#include "cli.h"

static const char user_usage[] =
  "usage: threshold db user add STORE NAME --role ROLE\n"
  "  ROLE: read_only, practitioner, approver or policy_lead.\n"
  "  The password is read from standard input (one line, 12 or more bytes;\n"
  "  not echoed on a terminal) and kept only as an argon2id hash.\n";

static const char access_usage[] =
  "usage: threshold db access STORE [CASE] [--format text|json]\n"
  "  every view of a case (or of CASE) with who and when; exit 1 if the\n"
  "  access log's hash chain does not hold.\n";

/* One line from stdin, without echo on a terminal; malloc'ed or NULL. */
static char *read_password(void) {
  struct termios old, quiet;
  int tty = isatty(0) && tcgetattr(0, &old) == 0;
  if (tty) {
    fputs("password: ", stderr);
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    tcsetattr(0, TCSAFLUSH, &quiet);
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t n = getline(&line, &cap, stdin);
  if (tty) {
    tcsetattr(0, TCSAFLUSH, &old);
    fputc('\n', stderr);
  }
  if (n < 0) {
    free(line);
    return NULL;
  }
  while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
    line[--n] = '\0';
  return line;
}

static void now_utc(char out[21]) {
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static th_store *open_store(const char *path, unsigned flags, const char *cmd) {
  th_store *s = NULL;
  if (th_store_open(&s, path, flags) != TH_OK) {
    cli_error("db %s: %s", cmd, th_store_errmsg(s));
    th_store_close(s);
    return NULL;
  }
  return s;
}

int cmd_db_user(int argc, char **argv) {
  const char *role = NULL, *pos[3];
  int npos = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fputs(user_usage, stdout);
      return EXIT_GOOD;
    } else if (!strcmp(argv[i], "--role") && i + 1 < argc) {
      role = argv[++i];
    } else if (npos < 3 && argv[i][0] != '-') {
      pos[npos++] = argv[i];
    } else {
      fputs(user_usage, stderr);
      return EXIT_USAGE;
    }
  }
  if (npos != 3 || strcmp(pos[0], "add") != 0 || role == NULL) {
    fputs(user_usage, stderr);
    return EXIT_USAGE;
  }
  int r = th_role_from_name(role);
  if (r == TH_ROLE_NONE) {
    cli_error("db user: unknown role '%s' (read_only, practitioner, approver, policy_lead)", role);
    return EXIT_USAGE;
  }
  char *password = read_password();
  if (password == NULL) {
    cli_error("db user: no password on standard input");
    return EXIT_USAGE;
  }
  th_store *s = open_store(pos[1], 0, "user");
  int rc = EXIT_USAGE;
  char at[21];
  now_utc(at);
  if (s && th_store_user_add(s, pos[2], r, password, at) != TH_OK)
    cli_error("db user: %s", th_store_errmsg(s));
  else if (s) {
    printf("user %s added as %s\n", pos[2], role);
    rc = EXIT_GOOD;
  }
  memset(password, 0, strlen(password));
  free(password);
  th_store_close(s);
  return rc;
}

int cmd_db_access(int argc, char **argv) {
  const char *pos[2] = {NULL, NULL}, *format = "text";
  int npos = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fputs(access_usage, stdout);
      return EXIT_GOOD;
    } else if (!strcmp(argv[i], "--format") && i + 1 < argc) {
      format = argv[++i];
    } else if (npos < 2 && argv[i][0] != '-') {
      pos[npos++] = argv[i];
    } else {
      fputs(access_usage, stderr);
      return EXIT_USAGE;
    }
  }
  if (npos < 1 || (strcmp(format, "text") && strcmp(format, "json"))) {
    fputs(access_usage, stderr);
    return EXIT_USAGE;
  }
  th_store *s = open_store(pos[0], TH_STORE_READONLY, "access");
  char *out = NULL;
  if (s == NULL || th_store_access_log(s, pos[1], &out) != TH_OK) {
    if (s)
      cli_error("db access: %s", th_store_errmsg(s));
    th_store_close(s);
    return EXIT_USAGE;
  }
  json_t *j = json_loads(out, 0, NULL);
  int ok = json_is_true(json_object_get(j, "ok"));
  if (!strcmp(format, "json")) {
    puts(out);
  } else {
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(j, "entries"), i, e) {
      const char *c = json_string_value(json_object_get(e, "case"));
      printf("%6lld  %s  %-16s %-10s %s\n", (long long)json_integer_value(json_object_get(e, "seq")),
             json_string_value(json_object_get(e, "at")),
             json_string_value(json_object_get(e, "who")),
             json_string_value(json_object_get(e, "what")), c ? c : "-");
    }
    json_array_foreach(json_object_get(j, "problems"), i, e)
      printf("problem: %s\n", json_string_value(e));
    printf("access log: %s\n", ok ? "the chain holds" : "the chain is broken");
  }
  json_decref(j);
  th_free(out);
  th_store_close(s);
  return ok ? EXIT_GOOD : EXIT_CASE_FAILED;
}
