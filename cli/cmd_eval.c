/*
** cmd_eval.c -- `threshold eval`: cases in, suggestions out.
**
** Input is one JSON case (which may span lines) or JSON Lines (one case per
** line), as --input says or, by default, as the whole input shows (see
** eval_input). JSON Lines are evaluated one at a time in bounded memory;
** each bad line gets an error object and the stream goes on. From a pipe,
** or with --stream, each reply is written and flushed as its line arrives:
** the co-process protocol of docs/protocol.md.
*/
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "threshold.h"
#include "cli.h"
#include "lines.h"

static const char eval_usage[] =
  "usage: threshold eval [-r SET] [--explain] [--format text|json|spec|spec-full]\n"
  "                      [--input auto|json|jsonl] [--stream] FILE|-\n"
  "\n"
  "Evaluates one JSON case, or JSON Lines (one case per line, one result per\n"
  "line, in order), against a rule set (default: core).\n"
  "\n"
  "  -r, --rules SET    a rule set name (core, peterborough, ...) or folder\n"
  "  --input MODE       json: the input is one case; jsonl: every line is a\n"
  "                     case; auto (default): one case if the whole input is\n"
  "                     one JSON value, else JSON Lines if any line is one\n"
  "  --stream           JSON Lines, each reply written and flushed as its line\n"
  "                     arrives (the default for JSON Lines from a pipe); see\n"
  "                     docs/protocol.md\n"
  "  --explain          each finding lists the facts it read, with values\n"
  "  --format FORMAT    json (default for JSON Lines), text (default for one\n"
  "                     case), or spec: one {\"id\",\"level\",\"fired\"} line per\n"
  "                     case, the benchmark's format (level = rank + 1,\n"
  "                     fired = the rules that applied, sorted); spec-full:\n"
  "                     the same line, read from the full JSON result, which\n"
  "                     is built as for json (for benchmarking that path)\n"
  "  --bench            at the end, print to stderr the time spent in th_eval\n"
  "                     (parsing and evaluating each case), as shared/bench's\n"
  "                     BENCH line\n"
  "  -h, --help         this text\n"
  "\n"
  "A case without assessed_on is evaluated as of today's date, and the\n"
  "result says so. Exit status: 0 all good; 1 a case was malformed or\n"
  "invalid, or a rule failed on it; 2 usage or rule-set error.\n";

enum format { FMT_DEFAULT, FMT_JSON, FMT_TEXT, FMT_SPEC, FMT_SPEC_FULL };
enum input_mode { INPUT_AUTO, INPUT_JSON, INPUT_JSONL };

typedef struct eval_opts {
  const char *rules;
  const char *input;
  unsigned flags;
  enum format format;
  int input_mode;           /* enum input_mode */
  int flush;                /* each reply flushed as it is written */
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

/* With --format spec-full the span also holds th_result_json, so the full
** result's text is timed even if the library came to make it on demand. */
static int timed_eval(th_engine *e, const char *json, size_t len, unsigned flags,
                      th_result **out, const eval_opts *o) {
  if (!o->bench)
    return th_eval(e, json, len, flags, out);
  double c = clock_s(CLOCK_PROCESS_CPUTIME_ID);
  double w = clock_s(CLOCK_MONOTONIC);
  int st = th_eval(e, json, len, flags, out);
  if (st == TH_OK && o->format == FMT_SPEC_FULL)
    (void)th_result_json(*out);
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
    {"input", required_argument, NULL, 'i'},
    {"stream", no_argument, NULL, 's'},
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
      else if (strcmp(optarg, "spec-full") == 0) o->format = FMT_SPEC_FULL;
      else {
        cli_error("eval: --format must be json, text, spec or spec-full, not '%s'",
                  optarg);
        return EXIT_USAGE;
      }
      break;
    case 'B': o->bench = 1; break;
    case 'i':
      if (strcmp(optarg, "auto") == 0) o->input_mode = INPUT_AUTO;
      else if (strcmp(optarg, "json") == 0) o->input_mode = INPUT_JSON;
      else if (strcmp(optarg, "jsonl") == 0) o->input_mode = INPUT_JSONL;
      else {
        cli_error("eval: --input must be auto, json or jsonl, not '%s'", optarg);
        return EXIT_USAGE;
      }
      break;
    case 's': o->input_mode = INPUT_JSONL; o->flush = 1; break;
    case 'h': fputs(eval_usage, stdout); return -1;
    default: fputs(eval_usage, stderr); return EXIT_USAGE;
    }
  }
  if (o->flush && o->format == FMT_TEXT) {
    cli_error("eval: --stream answers a line with a line: --format json, spec "
              "or spec-full");
    return EXIT_USAGE;
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

/* The case id of a line that gave no result, when it is JSON enough to
** have one: the reply names the request it answers. */
static json_t *request_id(const char *line, size_t len) {
  json_t *j = line ? json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL) : NULL;
  json_t *id = json_is_object(j) ? json_object_get(j, "id") : NULL;
  id = json_is_string(id) ? json_incref(id) : NULL;
  json_decref(j);
  return id;
}

/* The error object (or text) for an input line that gave no result. */
static void emit_error(long line, const char *code, const char *msg,
                       const char *input, size_t len, enum format fmt,
                       int flush) {
  if (fmt == FMT_TEXT) {
    if (line > 0)
      printf("Line %ld: ", line);
    printf("the case could not be read: %s\n", msg);
  } else {
    json_t *err = json_pack("{s:i, s:{s:s, s:s}}", "line", (int)(line ? line : 1),
                            "error", "code", code, "message", msg);
    json_t *id = request_id(input, len);
    if (err && id)
      json_object_set(err, "case", id);
    json_decref(id);
    char *s = err ? json_dumps(err, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    puts(s ? s : "{\"error\":{\"code\":\"nomem\"}}");
    free(s);
    json_decref(err);
  }
  if (flush)
    fflush(stdout);
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

/* {"id":...,"level":rank+1,"fired":[sorted, each once]}; sorts names. */
static void put_spec_line(const char *id, int rank, const char **names, int n) {
  qsort(names, (size_t)n, sizeof *names, cmp_names);
  fputs("{\"id\":", stdout);
  put_json_string(id);
  printf(",\"level\":%d,\"fired\":[", rank + 1);
  for (int i = 0, k = 0; i < n; i++) {
    if (i > 0 && strcmp(names[i], names[i - 1]) == 0)
      continue;
    if (k++) putchar(',');
    put_json_string(names[i]);
  }
  fputs("]}\n", stdout);
}

/* --format spec: the line from the summary's accessors. */
static int emit_spec(const th_result *r) {
  int n = th_result_finding_count(r);
  const char *stack[64];
  const char **names = n <= 64 ? stack : malloc((size_t)n * sizeof *names);
  if (names == NULL)
    return -1;
  for (int i = 0; i < n; i++)
    names[i] = th_result_finding_rule(r, i);
  put_spec_line(th_result_case_id(r), th_result_rank(r), names, n);
  if (names != stack)
    free(names);
  return 0;
}

/* Past the JSON value at p (the engine's own text, so well-formed; what
** is not is caught by the parse of the spans kept): a string with its
** escapes, an object or array to its matching close, a scalar to the next
** delimiter. NULL if the text ends first. */
static const char *skip_value(const char *p) {
  int depth = 0;
  do {
    switch (*p) {
    case '\0':
      return NULL;
    case '"':
      for (p++;; p += 2) {                /* to the closing quote, over escapes */
        p += strcspn(p, "\"\\");
        if (*p != '\\')
          break;
        if (p[1] == '\0')
          return NULL;
      }
      if (*p++ == '\0')
        return NULL;
      break;
    case '{': case '[':
      depth++, p++;
      break;
    case '}': case ']':
      if (depth-- == 0)
        return NULL;
      p++;
      break;
    default:
      if (depth == 0)
        return p + strcspn(p, ",}] \t\r\n");
      p += strcspn(p, "\"{}[]");         /* inside: to what opens or closes */
    }
  } while (depth > 0);
  return p;
}

#define JSON_WS " \t\r\n"

/* The top-level members of the object at p named in keys: each one's value
** as a span of the text (at[i] NULL when absent). It stops once it has them
** all (a result's keys are sorted: why_not, last, is never walked). -1 if
** p is not an object. */
static int top_members(const char *p, const char *const *keys, int nkeys,
                       const char **at, size_t *len) {
  for (int i = 0; i < nkeys; i++)
    at[i] = NULL, len[i] = 0;
  p += strspn(p, JSON_WS);
  if (*p++ != '{')
    return -1;
  p += strspn(p, JSON_WS);
  if (*p == '}')
    return 0;
  for (;;) {
    if (*p != '"')
      return -1;
    const char *key = p + 1, *colon = skip_value(p);
    if (colon == NULL)
      return -1;
    size_t klen = (size_t)(colon - 1 - key);
    colon += strspn(colon, JSON_WS);
    if (*colon != ':')
      return -1;
    const char *v = colon + 1 + strspn(colon + 1, JSON_WS), *end = skip_value(v);
    if (end == NULL || end == v)
      return -1;
    int missing = 0;
    for (int i = 0; i < nkeys; i++) {
      if (at[i] == NULL && strlen(keys[i]) == klen && memcmp(keys[i], key, klen) == 0)
        at[i] = v, len[i] = (size_t)(end - v);
      missing |= at[i] == NULL;
    }
    if (!missing)
      return 0;
    p = end + strspn(end, JSON_WS);
    if (*p == '}')
      return 0;
    if (*p++ != ',')
      return -1;
    p += strspn(p, JSON_WS);
  }
}

/* A JSON string token's value, malloc'd; NULL if it is not a string (or
** there is no memory). Only a token with an escape is parsed. */
static char *string_value(const char *at, size_t len) {
  if (len < 2 || at[0] != '"' || at[len - 1] != '"')
    return NULL;
  if (memchr(at, '\\', len) == NULL)
    return strndup(at + 1, len - 2);
  json_t *j = json_loadb(at, len, JSON_DECODE_ANY, NULL);
  char *v = json_is_string(j) ? strdup(json_string_value(j)) : NULL;
  json_decref(j);
  return v;
}

static int is_null(const char *at, size_t len) {
  return len == 4 && memcmp(at, "null", 4) == 0;
}

/* The rank in the suggestion's span: -1 for a null suggestion (an invalid
** case), -2 if the span is not a suggestion with an integer rank. */
static int suggestion_rank(const char *at, size_t len) {
  static const char *const key[] = {"rank"};
  const char *r;
  size_t rlen;
  if (at == NULL || is_null(at, len))
    return -1;
  if (*at != '{' || top_members(at, key, 1, &r, &rlen) < 0 || r == NULL)
    return -2;
  char *end;
  long v = strtol(r, &end, 10);
  return end == r + rlen && v >= 0 && v < 1000 ? (int)v : -2;
}

/* Each finding's "rule" in the findings' span, malloc'd into names (at
** most cap); the count, or -1 if the span is not a list of findings. */
static int finding_rules(const char *p, char **names, int cap) {
  static const char *const key[] = {"rule"};
  int n = 0;
  if (*p++ != '[')
    return -1;
  p += strspn(p, JSON_WS);
  if (*p == ']')
    return 0;
  for (;;) {
    const char *r, *end = skip_value(p);
    size_t rlen;
    if (n == cap || *p != '{' || end == NULL || top_members(p, key, 1, &r, &rlen) < 0 ||
        r == NULL || (names[n] = string_value(r, rlen)) == NULL)
      return -1;
    n++;
    p = end + strspn(end, JSON_WS);
    if (*p == ']')
      return n;
    if (*p++ != ',')
      return -1;
    p += strspn(p, JSON_WS);
  }
}

/* --format spec-full: the same line, read from the full result's JSON text
** (case, suggestion.rank, findings[].rule), so what the benchmark checks
** against its oracle is the document a reader of --format json gets. Only
** those are read, the rest stepped over and why_not, last, never reached:
** parsing it all with jansson cost a third of an evaluation, this about a
** twentieth. -1 when the text is missing or not a result. */
static int emit_spec_full(const th_result *r) {
  static const char *const keys[] = {"case", "suggestion", "findings"};
  const char *at[3];
  size_t len[3];
  const char *text = th_result_json(r);
  if (text == NULL || top_members(text, keys, 3, at, len) < 0 || at[2] == NULL)
    return -1;
  char *id = at[0] && !is_null(at[0], len[0]) ? string_value(at[0], len[0]) : NULL;
  int rank = suggestion_rank(at[1], len[1]);
  int cap = 1;                    /* at most one finding per comma, plus one */
  for (const char *c = at[2], *end = at[2] + len[2];
       (c = memchr(c, ',', (size_t)(end - c))) != NULL; c++)
    cap++;
  char **names = calloc((size_t)cap, sizeof *names);
  const char **view = calloc((size_t)cap, sizeof *view);
  int n = names && view ? finding_rules(at[2], names, cap) : -1;
  int ok = n >= 0 && rank >= -1 && (id != NULL || at[0] == NULL || is_null(at[0], len[0]));
  for (int i = 0; ok && i < n; i++)
    view[i] = names[i];
  if (ok)
    put_spec_line(id, rank, view, n);
  for (int i = 0; names && i < cap; i++)
    free(names[i]);
  free(names);
  free(view);
  free(id);
  return ok ? 0 : -1;
}

/* Write one result or per-line error; returns 1 if the case "failed". */
static int emit(th_engine *e, int st, th_result *r, long line,
                enum format fmt, int flush) {
  if (st != TH_OK) {
    emit_error(line, st == TH_JSON ? "json" : st == TH_LIMIT ? "limit"
               : "input", th_errmsg(e), NULL, 0, fmt, flush);
    return 1;
  }
  if (fmt == FMT_SPEC || fmt == FMT_SPEC_FULL) {
    if ((fmt == FMT_SPEC ? emit_spec(r) : emit_spec_full(r)) < 0) {
      emit_error(line, "memory", fmt == FMT_SPEC ? "out of memory printing the result"
                 : "the result's JSON could not be read back (out of memory?)",
                 NULL, 0, fmt, flush);
      th_result_free(r);
      return 1;
    }
  } else {
    const char *out = fmt == FMT_TEXT ? th_result_text(r) : th_result_json(r);
    if (out == NULL) {
      emit_error(line, "memory", "out of memory printing the result", NULL, 0, fmt, flush);
      th_result_free(r);
      return 1;
    }
    if (fmt == FMT_TEXT)
      fputs(out, stdout);
    else
      puts(out);
  }
  int failed = th_result_status(r) == TH_RESULT_INVALID ||
               th_result_error_count(r) > 0;
  th_result_free(r);
  if (flush)
    fflush(stdout);
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

/* The rest of the input, up to just past the size limit (so an oversized
** case is reported, not read whole). Sets *eof when the input ended. */
static int gather(line_reader *lr, doc_buf *d, long long limit, int *eof) {
  const char *p;
  size_t n;
  *eof = 0;
  while ((long long)d->n <= limit) {
    if ((n = lines_raw(lr, &p)) == 0) {
      *eof = !lr->error;
      return lr->error ? -1 : 0;
    }
    if (doc_add(d, p, n) < 0)
      return -1;
  }
  return 0;
}

static int eval_document(th_engine *e, const doc_buf *d, const eval_opts *o) {
  enum format fmt = o->format == FMT_DEFAULT ? FMT_TEXT : o->format;
  long long limit = th_engine_limit(e, TH_LIMIT_CASE_BYTES, -1);
  if ((long long)d->n > limit) {          /* gather stopped reading past it */
    char msg[96];
    snprintf(msg, sizeof msg, "the case is longer than the case limit of "
             "%lld bytes", limit);
    emit_error(0, "limit", msg, NULL, 0, fmt, o->flush);
    return EXIT_CASE_FAILED;
  }
  th_result *r = NULL;
  int st = timed_eval(e, d->p ? d->p : "", d->n, o->flags, &r, o);
  return emit(e, st, r, 0, fmt, o->flush) ? EXIT_CASE_FAILED : EXIT_GOOD;
}

/* Is this a complete JSON value? */
static int complete(const char *s, size_t len) {
  json_t *j = json_loadb(s, len, JSON_DECODE_ANY, NULL);
  json_decref(j);
  return j != NULL;
}

static int is_blank(const char *s, size_t len) {
  return strspn(s, " \t\r\n") >= len;
}

/* Does some line of d, on its own, hold a complete JSON value? */
static int has_complete_line(const doc_buf *d) {
  for (size_t at = 0; at < d->n;) {
    const char *nl = memchr(d->p + at, '\n', d->n - at);
    size_t len = nl ? (size_t)(nl - (d->p + at)) : d->n - at;
    if (!is_blank(d->p + at, len) && complete(d->p + at, len))
      return 1;
    at += len + 1;
  }
  return 0;
}

/* Evaluate one JSON Lines line (or report it too long). */
static int eval_line(th_engine *e, const char *line, size_t len, int toolong,
                     long lineno, int nth, const eval_opts *o) {
  enum format fmt = o->format == FMT_DEFAULT ? FMT_JSON : o->format;
  long long limit = th_engine_limit(e, TH_LIMIT_CASE_BYTES, -1);
  if (fmt == FMT_TEXT && nth > 1)
    puts("----");
  if (toolong) {
    char msg[96];
    snprintf(msg, sizeof msg, "the line is longer than the case limit of "
             "%lld bytes", limit);
    emit_error(lineno, "limit", msg, NULL, 0, fmt, o->flush);
    return 1;
  }
  th_result *r = NULL;
  int st = timed_eval(e, line, len, o->flags, &r, o);
  if (st != TH_OK) {
    emit_error(lineno, st == TH_JSON ? "json" : st == TH_LIMIT ? "limit" : "input",
               th_errmsg(e), line, len, fmt, o->flush);
    return 1;
  }
  return emit(e, st, r, lineno, fmt, o->flush);
}

/* JSON Lines: every line on its own is one case, one reply per line. */
static int eval_lines(th_engine *e, line_reader *lr, const eval_opts *o) {
  int failed = 0, nth = 0, toolong, k;
  const char *line;
  size_t len;
  while ((k = lines_next(lr, &line, &len, &toolong)) > 0) {
    if (!toolong && is_blank(line, len))
      continue;
    failed |= eval_line(e, line, len, toolong, lr->lineno, ++nth, o);
  }
  if (k < 0) {
    cli_error("eval: reading %s failed", o->input);
    return EXIT_USAGE;
  }
  if (nth == 0) {
    emit_error(0, "input", "the input holds no case", NULL, 0,
               o->format == FMT_TEXT ? FMT_TEXT : FMT_JSON, o->flush);
    return EXIT_CASE_FAILED;
  }
  return failed ? EXIT_CASE_FAILED : EXIT_GOOD;
}

/*
** --input auto, from a pipe: the first non-blank line, when it is a whole
** JSON value, makes the input JSON Lines, answered line by line as they
** come. Returns 1 (JSON Lines; the line is put back), 0 (undecided; put
** back too) or -1.
*/
static int first_line_decides(line_reader *lr) {
  const char *line;
  size_t len;
  int toolong, k;
  while ((k = lines_next(lr, &line, &len, &toolong)) > 0 && !toolong &&
         is_blank(line, len))
    ;
  if (k <= 0)
    return k;
  if (toolong)
    return 1;               /* longer than a case: JSON Lines, reported */
  int lines = complete(line, len);
  lr->lineno--;
  if (lines_unread(lr, "\n", 1) < 0 || lines_unread(lr, line, len) < 0)
    return -1;
  return lines;
}

/*
** The input, in the mode --input names. auto decides from the whole input,
** never from its first record: one JSON value is one case; otherwise, if
** any line on its own is a JSON value, or the first line alone is longer
** than a case, every line is a case (JSON Lines: a record broken over two
** lines is two errors, and the records after it are all evaluated);
** otherwise it is one malformed or oversized case, reported as one. From a pipe, a first line that is a whole value settles it at
** once (it cannot be anything but JSON Lines), so a co-process gets each
** reply as soon as its line is written.
*/
static int eval_input(th_engine *e, int fd, eval_opts *o) {
  line_reader lr;
  long long limit = th_engine_limit(e, TH_LIMIT_CASE_BYTES, -1);
  if (lines_open(&lr, fd, (size_t)limit) < 0) {
    cli_error("eval: out of memory");
    return EXIT_USAGE;
  }
  struct stat st;
  int regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  int mode = o->input_mode, rc = EXIT_GOOD;
  if (mode == INPUT_AUTO && !regular && o->format != FMT_TEXT) {
    int k = first_line_decides(&lr);
    if (k < 0) {
      cli_error("eval: reading %s failed", o->input);
      lines_close(&lr);
      return EXIT_USAGE;
    }
    if (k > 0)
      mode = INPUT_JSONL;
  }
  if (mode == INPUT_JSONL && !regular)
    o->flush = 1;                /* a pipe or terminal: each reply at once */
  if (mode != INPUT_JSONL) {
    doc_buf d = {0};
    int eof = 0;
    if (gather(&lr, &d, limit, &eof) < 0) {
      cli_error("eval: reading %s failed", o->input);
      rc = EXIT_USAGE;
    } else if (mode == INPUT_AUTO && (d.n == 0 || is_blank(d.p, d.n)) && eof) {
      emit_error(0, "input", "the input holds no case", NULL, 0,
                 o->format == FMT_TEXT ? FMT_TEXT : FMT_JSON, o->flush);
      rc = EXIT_CASE_FAILED;
    } else if (mode == INPUT_JSON || (eof && complete(d.p, d.n)) ||
               (!has_complete_line(&d) && (eof || memchr(d.p, '\n', d.n)))) {
      rc = eval_document(e, &d, o);
    } else if (lines_unread(&lr, d.p, d.n) < 0) {
      cli_error("eval: out of memory");
      rc = EXIT_USAGE;
    } else
      mode = INPUT_JSONL;
    free(d.p);
  }
  if (mode == INPUT_JSONL)
    rc = eval_lines(e, &lr, o);
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
  int in = strcmp(o.input, "-") == 0 ? STDIN_FILENO : open(o.input, O_RDONLY);
  if (in < 0) {
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
    rc = eval_input(e, in, &o);
    fflush(stdout);
    if (o.bench)
      fprintf(stderr, "BENCH impl=threshold cases=%lld eval_s=%.4f eval_cpu_s=%.4f "
              "includes=json_parse result=%s\n", timing.cases, timing.wall, timing.cpu,
              o.format == FMT_SPEC ? "summary" : (o.flags & TH_EVAL_EXPLAIN)
              ? "full,explained" : "full");
  }
  th_engine_free(e);
  if (in != STDIN_FILENO)
    close(in);
  free(dir);
  return rc;
}
