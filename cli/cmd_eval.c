/*
** cmd_eval.c -- `threshold eval`: cases in, suggestions out.
**
** Input is one JSON case (which may span lines) or JSON Lines (one case per
** line). It is JSON Lines when the first non-blank line is a complete JSON
** text or is broken before its end; a first line that is merely unfinished
** means one multi-line case. JSON Lines are evaluated one at a time in
** bounded memory; each bad line gets an error object and the stream goes on.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "threshold.h"
#include "cli.h"
#include "lines.h"

static const char eval_usage[] =
  "usage: threshold eval [-r SET] [--explain] [--format text|json] FILE|-\n"
  "\n"
  "Evaluates one JSON case, or JSON Lines (one case per line, one result per\n"
  "line, in order), against a rule set (default: core).\n"
  "\n"
  "  -r, --rules SET    a rule set name (core, peterborough, ...) or folder\n"
  "  --explain          each finding lists the facts it read, with values\n"
  "  --format FORMAT    json (default for JSON Lines), text (default for one\n"
  "                     case), or spec: one {\"id\",\"level\",\"fired\"} line per\n"
  "                     case, the benchmark's format (level = rank + 1,\n"
  "                     fired = the rules that applied, sorted)\n"
  "  --bench            at the end, print to stderr the time spent in th_eval\n"
  "                     (parsing and evaluating each case), as shared/bench's\n"
  "                     BENCH line\n"
  "  -h, --help         this text\n"
  "\n"
  "A case without assessed_on is evaluated as of today's date, and the\n"
  "result says so. Exit status: 0 all good; 1 a case was malformed or\n"
  "invalid, or a rule failed on it; 2 usage or rule-set error.\n";

enum format { FMT_DEFAULT, FMT_JSON, FMT_TEXT, FMT_SPEC };

typedef struct eval_opts {
  const char *rules;
  const char *input;
  unsigned flags;
  enum format format;
  int bench;                /* --bench: time th_eval, report on stderr */
} eval_opts;

/* --bench: wall and CPU seconds spent inside th_eval, summed per case. The
** CPU clock is a system call (about 0.3 us here, a twentieth of a case),
** so it is read outside the wall clock's span, which holds th_eval alone. */
static struct { double wall, cpu; long long cases; } timing;

static double clock_s(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int timed_eval(th_engine *e, const char *json, size_t len, unsigned flags,
                      th_result **out, const eval_opts *o) {
  if (!o->bench)
    return th_eval(e, json, len, flags, out);
  double c = clock_s(CLOCK_PROCESS_CPUTIME_ID);
  double w = clock_s(CLOCK_MONOTONIC);
  int st = th_eval(e, json, len, flags, out);
  timing.wall += clock_s(CLOCK_MONOTONIC) - w;
  timing.cpu += clock_s(CLOCK_PROCESS_CPUTIME_ID) - c;
  timing.cases++;
  return st;
}

static int parse_args(int argc, char **argv, eval_opts *o) {
  static const struct option longs[] = {
    {"rules", required_argument, NULL, 'r'},
    {"explain", no_argument, NULL, 'e'},
    {"format", required_argument, NULL, 'f'},
    {"bench", no_argument, NULL, 'B'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}
  };
  memset(o, 0, sizeof *o);
  o->rules = "core";
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "r:h", longs, NULL)) != -1) {
    switch (c) {
    case 'r': o->rules = optarg; break;
    case 'e': o->flags |= TH_EVAL_EXPLAIN; break;
    case 'f':
      if (strcmp(optarg, "json") == 0) o->format = FMT_JSON;
      else if (strcmp(optarg, "text") == 0) o->format = FMT_TEXT;
      else if (strcmp(optarg, "spec") == 0) o->format = FMT_SPEC;
      else {
        cli_error("eval: --format must be json, text or spec, not '%s'", optarg);
        return EXIT_USAGE;
      }
      break;
    case 'B': o->bench = 1; break;
    case 'h': fputs(eval_usage, stdout); return -1;
    default: fputs(eval_usage, stderr); return EXIT_USAGE;
    }
  }
  if (o->format == FMT_SPEC)
    o->flags |= TH_EVAL_SUMMARY;          /* its line is made from the accessors */
  if (optind != argc - 1) {
    cli_error("eval: give one input FILE, or - for standard input");
    fputs(eval_usage, stderr);
    return EXIT_USAGE;
  }
  o->input = argv[optind];
  return EXIT_GOOD;
}

/* The error object (or text) for an input line that gave no result. */
static void emit_error(long line, const char *code, const char *msg,
                       enum format fmt) {
  if (fmt == FMT_TEXT) {
    if (line > 0)
      printf("Line %ld: ", line);
    printf("the case could not be read: %s\n", msg);
    return;
  }
  json_t *err = json_pack("{s:i, s:{s:s, s:s}}", "line", (int)(line ? line : 1),
                          "error", "code", code, "message", msg);
  char *s = err ? json_dumps(err, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
  puts(s ? s : "{\"error\":{\"code\":\"nomem\"}}");
  free(s);
  json_decref(err);
}

/* A JSON string literal for s (names and ids), escaped; the runs between
** characters that need escaping are written whole. */
static void put_json_string(const char *s) {
  putchar('"');
  while (s && *s) {
    size_t run = 0;          /* up to a byte JSON escapes (strcspn was slower) */
    while (s[run] != '\0' && s[run] != '"' && s[run] != '\\' && (unsigned char)s[run] >= 0x20)
      run++;
    fwrite(s, 1, run, stdout);
    s += run;
    if (*s == '"' || *s == '\\')
      printf("\\%c", *s++);
    else if (*s)
      printf("\\u%04x", (unsigned char)*s++);
  }
  putchar('"');
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* {"id":...,"level":rank+1,"fired":[sorted, each once]} */
static void emit_spec(const th_result *r) {
  int n = th_result_finding_count(r);
  const char *stack[64];
  const char **names = n <= 64 ? stack : malloc((size_t)n * sizeof *names);
  if (names == NULL)
    n = 0;
  for (int i = 0; i < n; i++)
    names[i] = th_result_finding_rule(r, i);
  qsort(names, (size_t)n, sizeof *names, cmp_names);
  fputs("{\"id\":", stdout);
  put_json_string(th_result_case_id(r));
  printf(",\"level\":%d,\"fired\":[", th_result_rank(r) + 1);
  for (int i = 0, k = 0; i < n; i++) {
    if (i > 0 && strcmp(names[i], names[i - 1]) == 0)
      continue;
    if (k++) putchar(',');
    put_json_string(names[i]);
  }
  fputs("]}\n", stdout);
  if (names != stack)
    free(names);
}

/* Write one result or per-line error; returns 1 if the case "failed". */
static int emit(th_engine *e, int st, th_result *r, long line,
                enum format fmt) {
  if (st != TH_OK) {
    emit_error(line, st == TH_JSON ? "json" : st == TH_LIMIT ? "limit"
               : "input", th_errmsg(e), fmt);
    return 1;
  }
  if (fmt == FMT_TEXT)
    fputs(th_result_text(r), stdout);
  else if (fmt == FMT_SPEC)
    emit_spec(r);
  else if (th_result_json(r) != NULL)
    puts(th_result_json(r));
  else {
    emit_error(line, "memory", "out of memory printing the result", fmt);
    th_result_free(r);
    return 1;
  }
  int failed = th_result_status(r) == TH_RESULT_INVALID ||
               th_result_error_count(r) > 0;
  th_result_free(r);
  return failed;
}

/* A growing byte buffer for a multi-line case. */
typedef struct doc_buf {
  char *p;
  size_t n, cap;
} doc_buf;

static int doc_add(doc_buf *d, const char *s, size_t n) {
  if (d->n + n + 1 > d->cap) {
    size_t cap = d->cap ? d->cap : 4096;
    while (d->n + n + 1 > cap)
      cap *= 2;
    char *p = realloc(d->p, cap);
    if (p == NULL)
      return -1;
    d->p = p;
    d->cap = cap;
  }
  memcpy(d->p + d->n, s, n);
  d->n += n;
  return 0;
}

/*
** One case spread over lines: the lines read so far, what the reader has
** buffered, and the rest of the input, up to just past the size limit (so
** an oversized case is reported, not read whole).
*/
static int eval_document(th_engine *e, line_reader *lr, doc_buf *d,
                         const eval_opts *o) {
  long long limit = th_engine_limit(e, TH_LIMIT_CASE_BYTES, -1);
  int failed = doc_add(d, lr->buf + lr->beg, lr->end - lr->beg);
  lr->beg = lr->end;
  char chunk[1 << 14];
  size_t got;
  while (!failed && (long long)d->n <= limit &&
         (got = fread(chunk, 1, sizeof chunk, lr->f)) > 0)
    failed = doc_add(d, chunk, got);
  if (failed) {
    cli_error("eval: out of memory reading %s", o->input);
    return EXIT_USAGE;
  }
  th_result *r = NULL;
  int st = timed_eval(e, d->p, d->n, o->flags, &r, o);
  return emit(e, st, r, 0, o->format == FMT_DEFAULT ? FMT_TEXT : o->format)
             ? EXIT_CASE_FAILED : EXIT_GOOD;
}

/* Is this line a complete JSON value? */
static int complete(const char *s, size_t len) {
  json_t *j = json_loadb(s, len, 0, NULL);
  json_decref(j);
  return j != NULL;
}

static int is_blank(const char *s, size_t len) {
  return strspn(s, " \t") == len;
}

/* Evaluate one JSON Lines line (or report it too long). */
static int eval_line(th_engine *e, const char *line, size_t len, int toolong,
                     long lineno, const eval_opts *o) {
  enum format fmt = o->format == FMT_DEFAULT ? FMT_JSON : o->format;
  long long limit = th_engine_limit(e, TH_LIMIT_CASE_BYTES, -1);
  if (fmt == FMT_TEXT && lineno > 1)
    puts("----");
  if (toolong) {
    char msg[96];
    snprintf(msg, sizeof msg, "the line is longer than the case limit of "
             "%lld bytes", limit);
    emit_error(lineno, "limit", msg, fmt);
    return 1;
  }
  th_result *r = NULL;
  int st = timed_eval(e, line, len, o->flags, &r, o);
  return emit(e, st, r, lineno, fmt);
}

/*
** The first non-blank line is held until the next one settles the mode:
** at the end of input it was the only case (text by default); a complete
** JSON value next means JSON Lines (the first line is evaluated, or
** reported if broken, and the stream goes on); an unfinished first line
** followed by more of the same is one case spread over lines.
*/
static int eval_stream(th_engine *e, FILE *in, const eval_opts *o) {
  line_reader lr;
  long long limit = th_engine_limit(e, TH_LIMIT_CASE_BYTES, -1);
  if (lines_open(&lr, in, (size_t)limit) < 0)
    return EXIT_USAGE;
  int failed = 0, first = 1, head_complete = 0, toolong, k;
  doc_buf head = {0};
  long head_no = 0;
  const char *line;
  size_t len;
  while ((k = lines_next(&lr, &line, &len, &toolong)) > 0) {
    if (!toolong && is_blank(line, len))
      continue;
    if (first && !toolong) {
      first = 0;
      head_no = lr.lineno;
      head_complete = complete(line, len);
      if (doc_add(&head, line, len) < 0 || doc_add(&head, "\n", 1) < 0)
        break;
      continue;
    }
    first = 0;
    if (head.p) {
      if (!head_complete && !toolong && !complete(line, len)) {
        if (doc_add(&head, line, len) < 0 || doc_add(&head, "\n", 1) < 0)
          break;
        int rc = eval_document(e, &lr, &head, o);     /* one case */
        free(head.p);
        lines_close(&lr);
        return rc;
      }
      failed |= eval_line(e, head.p, head.n - 1, 0, head_no, o);
      free(head.p);
      head.p = NULL;
    }
    failed |= eval_line(e, line, len, toolong, lr.lineno, o);
  }
  int rc;
  if (head.p && k == 0)                 /* the input was a single case */
    rc = eval_document(e, &lr, &head, o);
  else if (first && k == 0) {           /* nothing but blank lines */
    emit_error(0, "input", "the input holds no case",
               o->format == FMT_TEXT ? FMT_TEXT : FMT_JSON);
    rc = EXIT_CASE_FAILED;
  } else
    rc = failed ? EXIT_CASE_FAILED : EXIT_GOOD;
  if (k < 0) {
    cli_error("eval: reading %s failed", o->input);
    rc = EXIT_USAGE;
  }
  free(head.p);
  lines_close(&lr);
  return rc;
}

static void today(char out[11]) {
  time_t t = time(NULL);
  struct tm tm;
  localtime_r(&t, &tm);
  strftime(out, 11, "%Y-%m-%d", &tm);
}

int cmd_eval(int argc, char **argv) {
  eval_opts o;
  int rc = parse_args(argc, argv, &o);
  if (rc != EXIT_GOOD)
    return rc < 0 ? EXIT_GOOD : rc;
  char *dir = find_ruleset(o.rules);
  if (dir == NULL) {
    cli_error("eval: no rule set '%s' (looked in $THRESHOLD_RULES, beside "
              "the binary and in the installed rules)", o.rules);
    return EXIT_USAGE;
  }
  FILE *in = strcmp(o.input, "-") == 0 ? stdin : fopen(o.input, "rb");
  if (in == NULL) {
    cli_error("eval: cannot open %s", o.input);
    free(dir);
    return EXIT_USAGE;
  }
  th_engine *e = NULL;
  int st = th_engine_new(&e, 0);
  if (st == TH_OK)
    st = th_engine_load(e, dir);
  if (st != TH_OK) {
    cli_error("eval: cannot load rule set %s:\n%s", dir, th_errmsg(e));
    rc = EXIT_USAGE;
  } else {
    char date[11];
    today(date);
    th_engine_set_default_date(e, date);
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    rc = eval_stream(e, in, &o);
    fflush(stdout);
    if (o.bench)
      fprintf(stderr, "BENCH impl=threshold cases=%lld eval_s=%.4f eval_cpu_s=%.4f "
              "includes=json_parse\n", timing.cases, timing.wall, timing.cpu);
  }
  th_engine_free(e);
  if (in != stdin)
    fclose(in);
  free(dir);
  return rc;
}
