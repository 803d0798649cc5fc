/*
** test_threads.c -- engines and threads.
**  - One engine used from two threads at once: every call either has the
**    engine to itself (and gives the single-threaded bytes) or is refused
**    with TH_MISUSE; never both inside.
**  - N engines in N threads give byte-identical results to one thread;
**    the cases per second with 1 and 2 threads are printed (not asserted).
**  - An idle engine's watchdog thread sleeps: it does not wake 20 times a
**    second.
**  - One result read from many threads at once (threshold.h: a result may
**    be shared): every thread gets the same JSON and the same text, and
**    ThreadSanitizer finds no race in the text rendered on first use.
** `make tsan` runs this under ThreadSanitizer.
*/
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "support.h"

static char core[1024];      /* set once by main, before any thread */

static const char *core_dir(void) {
  if (core[0] == '\0')
    skip();
  return core;
}

/* The caseload's lines (the first max of them). */
typedef struct caseload { char **line; size_t *len; int n; } caseload;

static caseload read_caseload(int max) {
  caseload c = {0};
  const char *path = getenv("THRESHOLD_CASELOAD");
  if (path == NULL)
    skip();
  FILE *f = fopen(path, "r");
  assert_non_null(f);
  c.line = calloc((size_t)max, sizeof *c.line);
  c.len = calloc((size_t)max, sizeof *c.len);
  char *buf = NULL;
  size_t cap = 0;
  ssize_t got;
  while (c.n < max && (got = getline(&buf, &cap, f)) > 0) {
    c.line[c.n] = strndup(buf, (size_t)got);
    c.len[c.n++] = (size_t)got;
  }
  free(buf);
  fclose(f);
  return c;
}

static void free_caseload(caseload *c) {
  for (int i = 0; i < c->n; i++)
    free(c->line[i]);
  free(c->line);
  free(c->len);
}

static th_engine *engine(void) {
  th_engine *e = load_set(core_dir());
  th_engine_set_default_date(e, "2026-11-02");
  return e;
}

/* FNV-1a over every result's bytes, in order. */
static unsigned long long digest(th_engine *e, const caseload *c, int from, int step) {
  unsigned long long h = 1469598103934665603ULL;
  for (int i = from; i < c->n; i += step) {
    th_result *r = NULL;
    if (th_eval(e, c->line[i], c->len[i], TH_EVAL_BRIEF, &r) != TH_OK)
      return 0;
    for (const unsigned char *p = (const unsigned char *)th_result_json(r); *p; p++)
      h = (h ^ *p) * 1099511628211ULL;
    th_result_free(r);
  }
  return h;
}

/* --- one engine, two threads --------------------------------------------- */
typedef struct shared {
  th_engine *e;
  const caseload *c;
  const char *const *want;      /* the single-threaded JSON of each case */
  atomic_int refused, done, wrong, running;
} shared;

static void *hammer(void *arg) {
  shared *s = arg;
  atomic_fetch_add(&s->running, 1);
  while (atomic_load(&s->running) < 2)
    ;                                       /* start together */
  for (int round = 0; round < 3; round++)
    for (int i = 0; i < s->c->n; i++) {
      th_result *r = NULL;
      int st = th_eval(s->e, s->c->line[i], s->c->len[i], TH_EVAL_BRIEF, &r);
      if (st == TH_MISUSE) {
        atomic_fetch_add(&s->refused, 1);
        assert_null(r);
        continue;
      }
      if (st != TH_OK || strcmp(th_result_json(r), s->want[i]) != 0)
        atomic_fetch_add(&s->wrong, 1);
      atomic_fetch_add(&s->done, 1);
      th_result_free(r);
    }
  return NULL;
}

static void one_engine_two_threads_is_refused(void **state) {
  (void)state;
  caseload c = read_caseload(300);
  th_engine *e = engine();
  char **want = calloc((size_t)c.n, sizeof *want);
  for (int i = 0; i < c.n; i++) {
    th_result *r = NULL;
    assert_int_equal(th_eval(e, c.line[i], c.len[i], TH_EVAL_BRIEF, &r), TH_OK);
    want[i] = strdup(th_result_json(r));
    th_result_free(r);
  }
  shared s = {.e = e, .c = &c, .want = (const char *const *)want};
  pthread_t a, b;
  pthread_create(&a, NULL, hammer, &s);
  pthread_create(&b, NULL, hammer, &s);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("two threads on one engine: %d calls evaluated, %d refused, %d wrong\n",
         atomic_load(&s.done), atomic_load(&s.refused), atomic_load(&s.wrong));
  assert_int_equal(atomic_load(&s.wrong), 0);
  assert_true(atomic_load(&s.refused) > 0);
  assert_int_equal(atomic_load(&s.done) + atomic_load(&s.refused), 2 * 3 * c.n);
  /* and the engine is sound afterwards */
  th_result *r = NULL;
  assert_int_equal(th_eval(e, c.line[0], c.len[0], TH_EVAL_BRIEF, &r), TH_OK);
  assert_string_equal(th_result_json(r), want[0]);
  th_result_free(r);
  for (int i = 0; i < c.n; i++)
    free(want[i]);
  free(want);
  th_engine_free(e);
  free_caseload(&c);
}

/* --- N engines, N threads ------------------------------------------------ */
typedef struct job {
  const caseload *c;
  int from, step;
  unsigned long long h;
} job;

static void *own_engine(void *arg) {
  job *j = arg;
  th_engine *e = engine();
  j->h = digest(e, j->c, j->from, j->step);
  th_engine_free(e);
  return NULL;
}

static double clock_of(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double seconds(void) { return clock_of(CLOCK_MONOTONIC); }
static double cpu_seconds(void) { return clock_of(CLOCK_PROCESS_CPUTIME_ID); }

static void n_engines_agree_with_one(void **state) {
  (void)state;
  caseload c = read_caseload(2000);
  th_engine *e = engine();
  double t0 = seconds(), c0 = cpu_seconds();
  unsigned long long whole = digest(e, &c, 0, 1);
  double t1 = seconds(), c1 = cpu_seconds();
  th_engine_free(e);
  assert_true(whole != 0);
  enum { N = 4 };
  job same[N];
  pthread_t t[N];
  for (int k = 0; k < N; k++) {             /* every thread, every case */
    same[k] = (job){.c = &c, .from = 0, .step = 1};
    pthread_create(&t[k], NULL, own_engine, &same[k]);
  }
  for (int k = 0; k < N; k++) {
    pthread_join(t[k], NULL);
    assert_true(same[k].h == whole);
  }
  /* Two threads, each half the cases: the same bytes, split. */
  job half[2] = {{.c = &c, .from = 0, .step = 2}, {.c = &c, .from = 1, .step = 2}};
  e = engine();
  unsigned long long even = digest(e, &c, 0, 2), odd = digest(e, &c, 1, 2);
  th_engine_free(e);
  double t2 = seconds(), c2 = cpu_seconds();
  for (int k = 0; k < 2; k++)
    pthread_create(&t[k], NULL, own_engine, &half[k]);
  for (int k = 0; k < 2; k++)
    pthread_join(t[k], NULL);
  double t3 = seconds(), c3 = cpu_seconds();
  assert_true(half[0].h == even && half[1].h == odd);
  printf("thread scaling, %d cases (core, brief, engine loads included): "
         "1 thread %.0f cases/s wall (%.2f s CPU), 2 threads %.0f cases/s wall "
         "(%.2f s CPU): x%.2f\n", c.n, c.n / (t1 - t0), c1 - c0,
         c.n / (t3 - t2), c3 - c2, (t1 - t0) / (t3 - t2));
  free_caseload(&c);
}

/* --- the idle watchdog ------------------------------------------------- */
/* Voluntary context switches of the watchdog threads ("th-watchdog"). */
static long watchdog_wakeups(void) {
  DIR *d = opendir("/proc/self/task");
  if (d == NULL)
    skip();
  long total = 0;
  int found = 0;
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.')
      continue;
    char path[300], line[128] = "";
    snprintf(path, sizeof path, "/proc/self/task/%s/comm", de->d_name);
    FILE *f = fopen(path, "r");
    if (f == NULL || fgets(line, sizeof line, f) == NULL ||
        strncmp(line, "th-watchdog", 11) != 0) {
      if (f)
        fclose(f);
      continue;
    }
    fclose(f);
    found++;
    snprintf(path, sizeof path, "/proc/self/task/%s/status", de->d_name);
    f = fopen(path, "r");
    while (f && fgets(line, sizeof line, f))
      if (strncmp(line, "voluntary_ctxt_switches:", 24) == 0)
        total += atol(line + 24);
    if (f)
      fclose(f);
  }
  closedir(d);
  assert_int_equal(found, 1);
  return total;
}

static void idle_watchdog_sleeps(void **state) {
  (void)state;
  th_engine *e = engine();
  const char *c = "{\"id\":\"w\",\"assessed_on\":\"2026-01-01\"}";
  th_result *r = NULL;
  assert_int_equal(th_eval(e, c, strlen(c), 0, &r), TH_OK);  /* starts it */
  th_result_free(r);
  struct timespec settle = {0, 100000000};
  nanosleep(&settle, NULL);
  long before = watchdog_wakeups();
  struct timespec idle = {1, 0};
  nanosleep(&idle, NULL);
  long woke = watchdog_wakeups() - before;
  printf("idle engine: the watchdog woke %ld times in 1 s\n", woke);
  assert_true(woke <= 2);
  th_engine_free(e);
}

/* Each thread reads the result's JSON, text and detail (the label, the
   first open question) and keeps what it was lent. */
typedef struct reader_arg {
  const th_result *r;
  const char *json, *text, *label, *question;
} reader_arg;

static void *read_result(void *p) {
  reader_arg *a = p;
  a->json = th_result_json(a->r);
  a->text = th_result_text(a->r);
  a->label = th_result_local_label(a->r);
  a->question = th_result_question_rule(a->r, 0);
  return NULL;
}

static void one_result_many_threads(void **state) {
  (void)state;
  th_engine *e = engine();
  caseload c = read_caseload(1);
  assert_int_equal(c.n, 1);
  enum { N = 8 };
  for (int round = 0; round < 20; round++) {
    th_result *r = NULL;
    assert_int_equal(th_eval(e, c.line[0], c.len[0], 0, &r), TH_OK);
    pthread_t t[N];
    reader_arg a[N];
    for (int i = 0; i < N; i++) {
      a[i] = (reader_arg){r, NULL, NULL, NULL, NULL};
      assert_int_equal(pthread_create(&t[i], NULL, read_result, &a[i]), 0);
    }
    for (int i = 0; i < N; i++)
      pthread_join(t[i], NULL);
    for (int i = 0; i < N; i++) {
      assert_non_null(a[i].text);
      assert_ptr_equal(a[i].json, th_result_json(r));
      assert_ptr_equal(a[i].text, a[0].text);      /* one copy kept */
      assert_non_null(a[i].label);
      assert_ptr_equal(a[i].label, a[0].label);    /* one detail kept */
      assert_ptr_equal(a[i].question, a[0].question);
    }
    th_result_free(r);
  }
  free_caseload(&c);
  th_engine_free(e);
}

int main(void) {
  const char *r = getenv("THRESHOLD_RULES");
  if (r)
    snprintf(core, sizeof core, "%s/core", r);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(one_engine_two_threads_is_refused),
    cmocka_unit_test(n_engines_agree_with_one),
    cmocka_unit_test(idle_watchdog_sleeps),
    cmocka_unit_test(one_result_many_threads),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
