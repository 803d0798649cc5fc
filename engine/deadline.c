/*
** deadline.c -- a per-engine watchdog thread that stops an evaluation
** running past its deadline, at no cost to evaluations that finish in time.
**
** The deadline is CPU time of the evaluating thread, not wall-clock time:
** an evaluation that waits for a core on a busy machine is not stopped for
** time it did not use, so whether a case gets a suggestion does not depend
** on how loaded the host is. Rules cannot block (they have no I/O), so CPU
** time bounds a runaway rule as well as the wall clock would.
**
** Arming a Lua hook from another thread would race with the evaluating
** thread (lua_sethook walks the call-info list), so the watchdog only sends
** a signal to the evaluating thread; the handler, running on that thread,
** arms the hook as lua.c does for Ctrl-C. An evaluation costs one uncontended
** mutex pair and a clock read. The watchdog sleeps for the CPU time the
** running evaluation has left (it cannot use more CPU than wall time, so
** the watchdog never wakes late), reads the evaluator's CPU clock, and
** either signals or sleeps again for what is left. With no evaluation
** running it sleeps without a timeout: an idle engine's thread does not
** wake at all. Only an evaluation that begins while it sleeps so wakes it
** (a condition signal); in a steady stream of evaluations that is about
** once per deadline period.
**
** The signal is TH_DEADLINE_SIGNAL (SIGRTMIN + 3 unless defined otherwise);
** an embedding program must not block it in threads that call th_eval.
*/
#define _GNU_SOURCE    /* pthread_sigqueue */
#include <errno.h>
#include <string.h>
#include <time.h>

#include <signal.h>

#include "deadline.h"

#ifndef TH_DEADLINE_SIGNAL
#define TH_DEADLINE_SIGNAL (SIGRTMIN + 3)
#endif

/* The watchdog of the evaluation on this thread, for the signal handler. */
static _Thread_local thi_watchdog *tl_wd;
static _Thread_local unsigned long tl_gen;
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;

static long long clock_ns(clockid_t clock) {
  struct timespec ts;
  if (clock_gettime(clock, &ts) != 0)
    return 0;
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Runs on the evaluating thread. Ignores signals meant for an older run. */
static void on_deadline(int sig, siginfo_t *si, void *uc) {
  (void)sig; (void)uc;
  thi_watchdog *wd = tl_wd;
  if (wd == NULL)
    return;
  unsigned long gen = (unsigned long)si->si_value.sival_ptr;
  if (gen != atomic_load(&wd->eval_gen) || gen != tl_gen)
    return;
  int saved = errno;
  wd->fire(wd->ud);
  errno = saved;
}

static void install_handler(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_deadline;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&sa.sa_mask);
  sigaction(TH_DEADLINE_SIGNAL, &sa, NULL);
}

/* Wait on the condition until abs_ns (CLOCK_REALTIME nanoseconds). */
static void wait_until(thi_watchdog *wd, long long abs_ns) {
  struct timespec ts;
  ts.tv_sec = (time_t)(abs_ns / 1000000000LL);
  ts.tv_nsec = (long)(abs_ns % 1000000000LL);
  pthread_cond_timedwait(&wd->cv, &wd->mu, &ts);
}

static void *watchdog_main(void *arg) {
  thi_watchdog *wd = arg;
  unsigned long signalled = 0;
  pthread_mutex_lock(&wd->mu);
  while (!wd->stop) {
    long long limit = wd->limit_ns;
    if (!wd->active || limit <= 0 || signalled == wd->gen) {
      wd->asleep = 1;                  /* until an evaluation begins */
      pthread_cond_wait(&wd->cv, &wd->mu);
      wd->asleep = 0;
      continue;
    }
    /* The evaluator is inside th_eval while active is set under mu, so
       its clock is valid here. */
    long long now = clock_ns(wd->evaluator_cpu);
    if (now - wd->start_ns >= limit) {
      union sigval v;
      v.sival_ptr = (void *)wd->gen;
      signalled = wd->gen;
      pthread_sigqueue(wd->evaluator, TH_DEADLINE_SIGNAL, v);
      continue;
    }
    struct timespec rt;
    clock_gettime(CLOCK_REALTIME, &rt);   /* cond waits use the real clock */
    wait_until(wd, (long long)rt.tv_sec * 1000000000LL + rt.tv_nsec +
                   (wd->start_ns + limit - now));
  }
  pthread_mutex_unlock(&wd->mu);
  return NULL;
}

static int start_watchdog(thi_watchdog *wd) {
  pthread_once(&handler_once, install_handler);
  if (pthread_mutex_init(&wd->mu, NULL) != 0)
    return -1;
  if (pthread_cond_init(&wd->cv, NULL) != 0) {
    pthread_mutex_destroy(&wd->mu);
    return -1;
  }
  wd->stop = 0;
  wd->active = 0;
  wd->asleep = 0;
  if (pthread_create(&wd->thread, NULL, watchdog_main, wd) != 0) {
    pthread_cond_destroy(&wd->cv);
    pthread_mutex_destroy(&wd->mu);
    return -1;
  }
  pthread_setname_np(wd->thread, "th-watchdog");    /* for ps and tests */
  wd->started = 1;
  return 0;
}

void thi_deadline_begin(thi_watchdog *wd, long long limit_ms,
                        void (*fire)(void *), void *ud) {
  unsigned long gen = atomic_fetch_add(&wd->eval_gen, 1) + 1;
  wd->fire = fire;
  wd->ud = ud;
  tl_wd = wd;
  tl_gen = gen;
  if (limit_ms <= 0)
    return;
  if (!wd->started && start_watchdog(wd) != 0)
    return;    /* no thread to be had: evaluation runs without a deadline */
  pthread_t self = pthread_self();
  clockid_t cpu;
  if (pthread_getcpuclockid(self, &cpu) != 0)
    cpu = CLOCK_MONOTONIC;      /* no CPU clock to be had: wall time */
  long long start = clock_ns(cpu);
  pthread_mutex_lock(&wd->mu);
  wd->gen = gen;
  wd->evaluator = self;
  wd->evaluator_cpu = cpu;
  wd->start_ns = start;
  wd->limit_ns = limit_ms * 1000000LL;
  wd->active = 1;
  if (wd->asleep)
    pthread_cond_signal(&wd->cv);
  pthread_mutex_unlock(&wd->mu);
}

void thi_deadline_end(thi_watchdog *wd) {
  if (wd->started) {
    pthread_mutex_lock(&wd->mu);
    wd->active = 0;
    pthread_mutex_unlock(&wd->mu);
  }
  tl_wd = NULL;
}

void thi_deadline_shutdown(thi_watchdog *wd) {
  if (!wd->started)
    return;
  pthread_mutex_lock(&wd->mu);
  wd->stop = 1;
  pthread_cond_signal(&wd->cv);
  pthread_mutex_unlock(&wd->mu);
  pthread_join(wd->thread, NULL);
  pthread_cond_destroy(&wd->cv);
  pthread_mutex_destroy(&wd->mu);
  wd->started = 0;
}
