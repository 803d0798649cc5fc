/*
** result.h -- th_result and th_report internals, shared by result.c,
** text.c and testrun.c.
*/
#ifndef THRESHOLD_RESULT_H
#define THRESHOLD_RESULT_H

#include <stdatomic.h>

#include <jansson.h>

#include "internal.h"

/* Everything but the practitioner's text and the detail is filled when the
** result is made and never written again. Those two are made on first use
** and published with one compare-and-swap each, so any number of threads
** may read one result at once (two may both make one; one copy is kept,
** the other freed). */
struct th_result {
  char *json;          /* the document as one line, keys sorted (NULL: summary) */
  _Atomic(char *) text;  /* rendered on first use */
  _Atomic(struct thi_result_detail *) detail;  /* read from json on first use
                                                  (result_detail.c) */
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

/* result_detail.c: the parsed parts the accessors lend. */
THI_FUNC void thi_result_detail_free(struct thi_result_detail *d);

/* text.c: practitioner-facing renderings; malloc'ed, NULL on no memory. */
THI_FUNC char *thi_render_text(json_t *result);
THI_FUNC char *thi_render_report(json_t *report);

#endif
