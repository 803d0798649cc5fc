/*
** result.h -- th_result and th_report internals, shared by result.c,
** text.c and testrun.c.
*/
#ifndef THRESHOLD_RESULT_H
#define THRESHOLD_RESULT_H

#include <stdatomic.h>

#include <jansson.h>

#include "internal.h"

/* Everything but the practitioner's text is filled when the result is made
** and never written again. The text is rendered on first use and published
** with one compare-and-swap, so any number of threads may read one result
** at once (two may both render it; one copy is kept, the other freed). */
struct th_result {
  char *json;          /* the document as one line, keys sorted (NULL: summary) */
  _Atomic(char *) text;  /* rendered on first use */
  int pathway;         /* enum th_pathway */
  int status;          /* enum th_result_status */
  int nerrors;
  int rank;            /* suggestion.rank, or -1 */
  int nfindings;
  char **rules;        /* each finding's rule (NULL if none); one block, with
                          the names and the case id after the pointers */
  const char *case_id; /* in the rules block, or NULL */
  const char *local_level;  /* suggestion.local_level, in the block, or NULL */
  int summary;         /* TH_EVAL_SUMMARY: no document, no json, no text */
};

struct th_report {
  json_t *root;        /* {ruleset, passed, failed, tests: [...]} */
  char *json;
  char *text;
  int passed, failed, gaps;
};

/* text.c: practitioner-facing renderings; malloc'ed, NULL on no memory. */
THI_FUNC char *thi_render_text(json_t *result);
THI_FUNC char *thi_render_report(json_t *report);

#endif
