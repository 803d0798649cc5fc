/*
** deadline.h -- the watchdog that stops an evaluation past its deadline
** (deadline.c). It knows neither Lua nor the engine: when the deadline
** passes it calls `fire` on the evaluating thread, from a signal handler,
** and the caller (sandbox.c) arms its limit hook there.
*/
#ifndef THRESHOLD_DEADLINE_H
#define THRESHOLD_DEADLINE_H

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#if defined(__GNUC__)
#define THI_DEADLINE_FUNC __attribute__((visibility("hidden"))) extern
#else
#define THI_DEADLINE_FUNC extern
#endif

typedef struct thi_watchdog {
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int started, stop;
  atomic_ulong eval_gen;    /* evaluations begun, read by the handler */
  void (*fire)(void *);     /* called on the evaluator's thread, in the */
  void *ud;                 /* signal handler: async-signal-safe only */
  pthread_t evaluator;      /* the thread inside th_eval */
  clockid_t evaluator_cpu;  /* that thread's CPU-time clock */
  unsigned long gen;        /* evaluation generation, guarded by mu */
  long long start_ns;       /* the evaluator's CPU time when it began */
  int active;               /* an evaluation is running */
  int asleep;               /* waiting with no timeout: begin must wake it */
  long long limit_ns;       /* the running evaluation's deadline, copied by
                               begin (the limits are the evaluator's own) */
} thi_watchdog;

/* An evaluation begins on this thread with limit_ms of CPU time (<= 0:
** none); if it runs past that, fire(ud) is called on this thread, once.
** The thread is started on the first evaluation with a deadline; if it
** cannot be, the evaluation runs without one. */
THI_DEADLINE_FUNC void thi_deadline_begin(thi_watchdog *wd, long long limit_ms,
                                          void (*fire)(void *), void *ud);
/* The evaluation ended: a signal still on its way is ignored. */
THI_DEADLINE_FUNC void thi_deadline_end(thi_watchdog *wd);
/* Stop and join the thread (if one was started). */
THI_DEADLINE_FUNC void thi_deadline_shutdown(thi_watchdog *wd);

#endif
