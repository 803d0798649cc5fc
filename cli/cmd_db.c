/*
** cmd_db.c -- `threshold db ...`: the case store from the command line.
** The logic is in the library (th_store_*); this file parses flags, reads
** input files and shows progress; db_render.c renders the reports.
*/
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "threshold_store.h"
#include "cli.h"

static const char db_usage[] =
  "usage: threshold db COMMAND STORE [OPTIONS]\n"
  "\n"
  "  init STORE                         create a case store (owner-only file)\n"
  "  import STORE FILE|- [-r SET] [--format json|jsonl|csv] [--strict]\n"
  "                                     add or update cases, checked against SET's schema\n"
  "  eval STORE -r SET [--changed]      evaluate every case (or those changed since\n"
  "                                     the last run with SET) and log each result\n"
  "  decide STORE CASE --by ID (--agree | --level LEVEL --reason TEXT\n"
  "         --type policy|discretionary [--approver ID])\n"
  "                                     record the practitioner's decision; a\n"
  "                                     discretionary override needs its approver\n"
  "  verify STORE [--key PUBKEY] [--head SEQ:HASH]\n"
  "                                     check the database, the log's hash chain, that\n"
  "                                     every row agrees with its log entry, and the\n"
  "                                     checkpoints of a key or a head kept elsewhere\n"
  "  keygen KEYFILE                     a signing key (KEYFILE) and its public key\n"
  "                                     (KEYFILE.pub), kept outside the store\n"
  "  checkpoint STORE --key KEYFILE     sign the log's head into the log\n"
  "  head STORE                         the log's head (SEQ:HASH), to keep elsewhere\n"
  "  replay STORE                       re-run logged evaluations with their stored rules\n"
  "  report STORE [-r SET] [--format text|json|csv]\n"
  "  diff STORE -r OLD -r NEW [--format text|json|csv] [--all]\n"
  "                                     how a rule change would move the caseload\n"
  "  user add STORE NAME --role ROLE    an account for threshold serve (password on stdin)\n"
  "  access STORE [CASE]                who viewed which case; the access log's chain\n"
  "\n"
  "CSV headers name case fields, with list positions from 1:\n"
  "  id,assessed_on,child.dob,concerns.1.subtype,concerns.1.frequency,...\n"
  "Exit status: 0 all good; 1 records rejected, the log failed verification or\n"
  "a replay differed; 2 usage or store error.\n";

typedef struct db_opts {
  const char *rules[2];
  int nrules;
  const char *format;
  const char *level, *reason, *by, *type, *approver, *key, *head;
  int strict, changed, agree, all;
} db_opts;

static int parse(int argc, char **argv, db_opts *o) {
  static const struct option longs[] = {
    {"rules", required_argument, NULL, 'r'}, {"format", required_argument, NULL, 'f'},
    {"strict", no_argument, NULL, 's'}, {"changed", no_argument, NULL, 'c'},
    {"agree", no_argument, NULL, 'a'}, {"level", required_argument, NULL, 'l'},
    {"reason", required_argument, NULL, 'e'}, {"by", required_argument, NULL, 'b'},
    {"all", no_argument, NULL, 'A'}, {"help", no_argument, NULL, 'h'},
    {"type", required_argument, NULL, 't'}, {"approver", required_argument, NULL, 'p'},
    {"key", required_argument, NULL, 'k'}, {"head", required_argument, NULL, 'H'},
    {NULL, 0, NULL, 0}};
  memset(o, 0, sizeof *o);
  optind = 1;
  int c;
  while ((c = getopt_long(argc, argv, "r:h", longs, NULL)) != -1) {
    switch (c) {
    case 'r':
      if (o->nrules == 2) { cli_error("db: at most two -r"); return EXIT_USAGE; }
      o->rules[o->nrules++] = optarg;
      break;
    case 'f': o->format = optarg; break;
    case 's': o->strict = 1; break;
    case 'c': o->changed = 1; break;
    case 'a': o->agree = 1; break;
    case 'l': o->level = optarg; break;
    case 'e': o->reason = optarg; break;
    case 'b': o->by = optarg; break;
    case 'A': o->all = 1; break;
    case 't': o->type = optarg; break;
    case 'p': o->approver = optarg; break;
    case 'k': o->key = optarg; break;
    case 'H': o->head = optarg; break;
    case 'h': fputs(db_usage, stdout); return -1;
    default: fputs(db_usage, stderr); return EXIT_USAGE;
    }
  }
  return EXIT_GOOD;
}

static void now_utc(char out[21]) {
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Progress on a terminal: done/total, rate and time left. */
typedef struct progress { struct timespec t0; int tty; } progress;

static void show_progress(void *ud, long long done, long long total) {
  progress *p = ud;
  if (!p->tty || total <= 0)
    return;
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  double secs = (double)(t.tv_sec - p->t0.tv_sec) + (t.tv_nsec - p->t0.tv_nsec) / 1e9;
  double rate = secs > 0 ? (double)done / secs : 0;
  double eta = rate > 0 ? (double)(total - done) / rate : 0;
  int width = 30, fill = (int)(width * done / total);
  fprintf(stderr, "\r  [%.*s%*s] %lld/%lld cases  %.0f/s  %.0fs left ", fill,
          "##############################", width - fill, "", done, total, rate, eta);
  if (done == total)
    fputc('\n', stderr);
  fflush(stderr);
}

static th_engine *load(const char *name) {
  char *dir = find_ruleset(name);
  th_engine *e = NULL;
  if (dir == NULL) {
    cli_error("db: no rule set '%s'", name);
    return NULL;
  }
  if (th_engine_new(&e, 0) != TH_OK || th_engine_load(e, dir) != TH_OK) {
    cli_error("db: cannot load rule set %s:\n%s", dir, th_errmsg(e));
    th_engine_free(e);
    e = NULL;
  }
  free(dir);
  return e;
}

/* th_read_fn over a stdio stream. */
static long read_stream(void *ud, char *buf, size_t cap) {
  FILE *f = ud;
  size_t n = fread(buf, 1, cap, f);
  return n == 0 && ferror(f) ? -1 : (long)n;
}

static int format_of(const char *given, const char *path) {
  const char *f = given;
  if (f == NULL) {
    const char *dot = strrchr(path, '.');
    f = strcmp(path, "-") == 0 ? "jsonl" : dot ? dot + 1 : "json";
  }
  if (!strcmp(f, "csv")) return TH_FORMAT_CSV;
  if (!strcmp(f, "jsonl") || !strcmp(f, "ndjson")) return TH_FORMAT_JSONL;
  if (!strcmp(f, "json")) return TH_FORMAT_JSON;
  return -1;
}

static void print_json(const char *text) { puts(text); }

/* ---- commands ------------------------------------------------------------ */

static int fail_store(th_store *s, const char *what) {
  (void)what;
  cli_error("%s", th_store_errmsg(s));
  return EXIT_USAGE;
}

static int rc_for(const char *json, const char *bad_key) {
  json_t *r = json_loads(json, 0, NULL);
  json_t *v = json_object_get(r, bad_key);
  int bad = json_is_false(v) || (json_is_integer(v) && json_integer_value(v) > 0) ||
            (json_is_array(v) && json_array_size(v) > 0);
  json_decref(r);
  return bad ? EXIT_CASE_FAILED : EXIT_GOOD;
}

int cmd_db(int argc, char **argv) {
  if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    fputs(db_usage, argc < 2 ? stderr : stdout);
    return argc < 2 ? EXIT_USAGE : EXIT_GOOD;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "user"))
    return cmd_db_user(argc - 1, argv + 1);
  if (!strcmp(cmd, "access"))
    return cmd_db_access(argc - 1, argv + 1);
  if (!strcmp(cmd, "keygen"))
    return cmd_db_keygen(argc - 1, argv + 1);
  db_opts o;
  int rc = parse(argc - 1, argv + 1, &o);
  if (rc != EXIT_GOOD)
    return rc < 0 ? EXIT_GOOD : rc;
  int npos = argc - 1 - optind;
  char **pos = argv + 1 + optind;
  if (npos < 1) {
    cli_error("db %s: give the store file", cmd);
    return EXIT_USAGE;
  }
  const char *path = pos[0];
  char at[21];
  now_utc(at);
  th_store *s = NULL;
  unsigned flags = !strcmp(cmd, "init") ? TH_STORE_CREATE
                 : (!strcmp(cmd, "report") || !strcmp(cmd, "verify") ||
                    !strcmp(cmd, "head") ||
                    !strcmp(cmd, "replay") || !strcmp(cmd, "diff")) ? TH_STORE_READONLY : 0;
  if (th_store_open(&s, path, flags) != TH_OK) {
    rc = fail_store(s, cmd);
    th_store_close(s);
    return rc;
  }
  progress pr = {{0, 0}, isatty(2)};
  clock_gettime(CLOCK_MONOTONIC, &pr.t0);
  char *out = NULL;
  th_engine *e = NULL, *e2 = NULL;
  if (!strcmp(cmd, "init")) {
    printf("threshold case store ready: %s\n", path);
  } else if (!strcmp(cmd, "import")) {
    int fmt = npos == 2 ? format_of(o.format, pos[1]) : -1;
    FILE *in = fmt < 0 ? NULL : strcmp(pos[1], "-") == 0 ? stdin : fopen(pos[1], "rb");
    if (npos != 2 || fmt < 0) {
      cli_error(npos != 2 ? "db import: give the store and one input FILE (or -)"
                          : "db import: --format must be json, jsonl or csv");
      rc = EXIT_USAGE;
    } else if (in == NULL) {
      cli_error("db import: %s: %s", pos[1], strerror(errno));
      rc = EXIT_USAGE;
    } else if ((e = load(o.nrules ? o.rules[0] : "core")) == NULL) {
      rc = EXIT_USAGE;
    } else if (th_store_import_from(s, e, read_stream, in, fmt,
                                    o.strict ? TH_IMPORT_STRICT : 0, at, &out) != TH_OK) {
      rc = fail_store(s, cmd);
    } else {
      print_json(out);
      rc = rc_for(out, "rejected");
    }
    if (in != NULL && in != stdin)
      fclose(in);
  } else if (!strcmp(cmd, "eval")) {
    if (o.nrules != 1) {
      cli_error("db eval: give the rule set with -r SET");
      rc = EXIT_USAGE;
    } else if ((e = load(o.rules[0])) == NULL) {
      rc = EXIT_USAGE;
    } else if (th_store_eval(s, e, o.changed ? TH_STORE_CHANGED_ONLY : 0, at,
                             show_progress, &pr, &out) != TH_OK) {
      rc = fail_store(s, cmd);
    } else {
      print_json(out);
    }
  } else if (!strcmp(cmd, "decide")) {
    th_decision d = {o.level, o.type, o.reason, o.by, o.approver};
    if (npos != 2 || o.by == NULL || o.agree == (o.level != NULL)) {
      cli_error("db decide: give STORE CASE --by ID and either --agree or --level LEVEL "
                "--reason TEXT --type policy|discretionary [--approver ID]");
      rc = EXIT_USAGE;
    } else if (th_store_decide(s, pos[1], &d, at, &out) != TH_OK) {
      rc = fail_store(s, cmd);
    } else {
      print_json(out);
    }
  } else if (!strcmp(cmd, "verify")) {
    char *key = o.key ? db_read_key(cmd, o.key, 0) : NULL;
    if (o.key && key == NULL) rc = EXIT_USAGE;
    else if (th_store_verify_anchored(s, key, o.head, &out) != TH_OK) rc = fail_store(s, cmd);
    else { print_json(out); rc = rc_for(out, "ok"); }
    free(key);
  } else if (!strcmp(cmd, "checkpoint")) {
    char *key = o.key ? db_read_key(cmd, o.key, 1) : NULL;
    if (o.key == NULL) {
      cli_error("db checkpoint: give the signing key: --key KEYFILE (from db keygen)");
      rc = EXIT_USAGE;
    } else if (key == NULL) {
      rc = EXIT_USAGE;
    } else if (th_store_checkpoint(s, key, at, &out) != TH_OK) {
      rc = fail_store(s, cmd);
    } else {
      print_json(out);
    }
    if (key)
      memset(key, 0, strlen(key));
    free(key);
  } else if (!strcmp(cmd, "head")) {
    if (th_store_head(s, &out) != TH_OK) rc = fail_store(s, cmd);
    else print_json(out);
  } else if (!strcmp(cmd, "replay")) {
    if (th_store_replay(s, show_progress, &pr, &out) != TH_OK) rc = fail_store(s, cmd);
    else { print_json(out); rc = rc_for(out, "different"); }
  } else if (!strcmp(cmd, "report")) {
    if (th_store_report(s, o.nrules ? o.rules[0] : NULL, &out) != TH_OK) rc = fail_store(s, cmd);
    else if (o.format && !strcmp(o.format, "json")) print_json(out);
    else db_render_report(out, o.format);
  } else if (!strcmp(cmd, "diff")) {
    if (o.nrules != 2) {
      cli_error("db diff: give the old and the new rule set: -r OLD -r NEW");
      rc = EXIT_USAGE;
    } else if ((e = load(o.rules[0])) == NULL || (e2 = load(o.rules[1])) == NULL) {
      rc = EXIT_USAGE;
    } else if (th_store_diff(s, e, e2, show_progress, &pr, &out) != TH_OK) {
      rc = fail_store(s, cmd);
    } else if (o.format && !strcmp(o.format, "json")) {
      print_json(out);
    } else {
      db_render_diff(out, o.format, o.all);
    }
  } else {
    cli_error("db: unknown command '%s' (try threshold db --help)", cmd);
    rc = EXIT_USAGE;
  }
  th_free(out);
  th_engine_free(e);
  th_engine_free(e2);
  th_store_close(s);
  return rc;
}
