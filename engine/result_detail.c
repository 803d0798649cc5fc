/*
** result_detail.c -- what a C caller reads of a result without parsing
** JSON: the local level's label, the flags, the next steps, the open
** questions (rules and flags that could not be decided, with the fields
** they need) and the warnings. Read from the result's document the first
** time one is asked for, and published with one compare-and-swap, like
** the text: any number of threads may read one result at once.
*/
#include <stdint.h>
#include <stdlib.h>

#include <jansson.h>

#include "result.h"

struct thi_result_detail {
  json_t *doc;                 /* holds every string lent below */
  const char *label;
  json_t *flags, *actions, *questions, *warnings;   /* arrays in doc */
};

void thi_result_detail_free(struct thi_result_detail *d) {
  if (d == NULL)
    return;
  json_decref(d->doc);
  free(d);
}

/* An array member of doc, or an empty array doc holds (never NULL). */
static json_t *array_at(json_t *doc, const char *key) {
  json_t *a = json_object_get(doc, key);
  if (json_is_array(a))
    return a;
  a = json_array();
  if (a == NULL || json_object_set_new(doc, key, a) != 0)
    return NULL;
  return a;
}

/* The detail of r, made on first use; NULL for a summary or with no memory
   (a later call tries again). */
static const struct thi_result_detail *detail(const th_result *r) {
  if (r == NULL || r->summary || r->json == NULL)
    return NULL;
  th_result *m = (th_result *)(uintptr_t)r;   /* only the atomic field */
  struct thi_result_detail *d = atomic_load_explicit(&m->detail, memory_order_acquire);
  if (d != NULL)
    return d;
  struct thi_result_detail *mine = calloc(1, sizeof *mine);
  if (mine == NULL || (mine->doc = json_loads(r->json, 0, NULL)) == NULL) {
    free(mine);
    return NULL;
  }
  mine->label = json_string_value(json_object_get(json_object_get(mine->doc, "suggestion"),
                                                  "label"));
  mine->flags = array_at(mine->doc, "flags");
  mine->actions = array_at(mine->doc, "actions");
  mine->questions = array_at(mine->doc, "undetermined");
  mine->warnings = array_at(mine->doc, "warnings");
  if (!mine->flags || !mine->actions || !mine->questions || !mine->warnings) {
    thi_result_detail_free(mine);
    return NULL;
  }
  if (atomic_compare_exchange_strong_explicit(&m->detail, &d, mine, memory_order_acq_rel,
                                              memory_order_acquire))
    return mine;
  thi_result_detail_free(mine);                /* another thread's won */
  return d;
}

/* The count of list, and its member i's string at key (NULL out of range). */
static int count(json_t *list) {
  return list ? (int)json_array_size(list) : 0;
}

static const char *member(json_t *list, int i, const char *key) {
  if (list == NULL || i < 0 || (size_t)i >= json_array_size(list))
    return NULL;
  json_t *x = json_array_get(list, (size_t)i);
  return key ? json_string_value(json_object_get(x, key)) : json_string_value(x);
}

#define LIST(name) (detail(r) ? detail(r)->name : NULL)

const char *th_result_local_label(const th_result *r) {
  return detail(r) ? detail(r)->label : NULL;
}

int th_result_flag_count(const th_result *r) { return count(LIST(flags)); }
const char *th_result_flag(const th_result *r, int i) {
  return member(LIST(flags), i, "flag");
}
const char *th_result_flag_reason(const th_result *r, int i) {
  return member(LIST(flags), i, "reason");
}

int th_result_action_count(const th_result *r) { return count(LIST(actions)); }
const char *th_result_action(const th_result *r, int i) {
  return member(LIST(actions), i, NULL);
}

int th_result_question_count(const th_result *r) { return count(LIST(questions)); }
const char *th_result_question_rule(const th_result *r, int i) {
  return member(LIST(questions), i, "rule");
}
const char *th_result_question_level(const th_result *r, int i) {
  return member(LIST(questions), i, "level");
}
int th_result_question_missing_count(const th_result *r, int i) {
  json_t *q = LIST(questions);
  if (q == NULL || i < 0 || (size_t)i >= json_array_size(q))
    return 0;
  return count(json_object_get(json_array_get(q, (size_t)i), "missing"));
}
const char *th_result_question_missing(const th_result *r, int i, int j) {
  json_t *q = LIST(questions);
  if (q == NULL || i < 0 || (size_t)i >= json_array_size(q))
    return NULL;
  return member(json_object_get(json_array_get(q, (size_t)i), "missing"), j, NULL);
}

int th_result_warning_count(const th_result *r) { return count(LIST(warnings)); }
const char *th_result_warning_path(const th_result *r, int i) {
  return member(LIST(warnings), i, "path");
}
const char *th_result_warning_message(const th_result *r, int i) {
  return member(LIST(warnings), i, "message");
}
