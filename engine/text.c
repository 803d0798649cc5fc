/*
** text.c -- results and test reports in words, for the people who read
** them: the suggested pathway and why, what could raise it, what was
** missing, flags, next steps, and the reminder that it is a suggestion.
** Rendered from the same JSON document the API returns, so the two never
** disagree, with every string in it escaped first (th_text_escape): case
** data written raw could forge lines that hide the real result.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result.h"
#include "threshold.h"

typedef struct strbuf {
  char *s;
  size_t n, cap;
  int failed;
} strbuf;

static void sb_printf(strbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 2, 3)))
#endif
  ;

static void sb_printf(strbuf *b, const char *fmt, ...) {
  if (b->failed)
    return;
  va_list ap;
  va_start(ap, fmt);
  int need = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (need < 0 || b->n + (size_t)need + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 1024;
    while (need >= 0 && b->n + (size_t)need + 1 > cap)
      cap *= 2;
    char *s = need < 0 ? NULL : realloc(b->s, cap);
    if (s == NULL) {
      b->failed = 1;
      return;
    }
    b->s = s;
    b->cap = cap;
  }
  va_start(ap, fmt);
  vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
  va_end(ap);
  b->n += (size_t)need;
}

static char *sb_finish(strbuf *b) {
  if (b->failed || b->s == NULL) {
    free(b->s);
    return NULL;
  }
  return b->s;
}

/* A deep copy of v with every string escaped for a terminal; NULL with no
   memory. (Not const: jansson iterates objects only through json_t *.) */
static json_t *escaped(json_t *v) {
  const char *k;
  json_t *x, *out;
  size_t i;
  switch (json_typeof(v)) {
  case JSON_STRING: {
    char *t = th_text_escape(json_string_value(v));
    out = t ? json_string(t) : NULL;
    free(t);
    return out;
  }
  case JSON_OBJECT:
    out = json_object();
    json_object_foreach(v, k, x) {
      if (out == NULL || json_object_set_new(out, k, escaped(x)) != 0) {
        json_decref(out);
        return NULL;
      }
    }
    return out;
  case JSON_ARRAY:
    out = json_array();
    json_array_foreach(v, i, x) {
      if (out == NULL || json_array_append_new(out, escaped(x)) != 0) {
        json_decref(out);
        return NULL;
      }
    }
    return out;
  default:
    return json_deep_copy(v);
  }
}

static const char *str(const json_t *o, const char *key) {
  const char *s = json_string_value(json_object_get(o, key));
  return s ? s : "";
}

static const char *pathway_words(const char *p) {
  if (strcmp(p, "universal") == 0) return "Universal services";
  if (strcmp(p, "early_help") == 0) return "Early help";
  if (strcmp(p, "child_in_need") == 0)
    return "Child in need (Children Act 1989 s17)";
  if (strcmp(p, "child_protection") == 0)
    return "Child protection (Children Act 1989 s47)";
  return p;
}

static void list_strings(strbuf *b, const json_t *arr, const char *sep) {
  size_t i;
  const json_t *v;
  json_array_foreach(arr, i, v) {
    sb_printf(b, "%s%s", i ? sep : "", json_string_value(v) ? json_string_value(v) : "");
  }
}

/* The basis of a finding or flag, briefly: quoted, national, or a
   judgement with its one line of why. */
static void render_basis(strbuf *b, const json_t *f) {
  const char *basis = str(f, "basis");
  if (!*basis)
    return;
  if (*str(f, "why"))
    sb_printf(b, "    basis: %s: %s\n", basis, str(f, "why"));
  else
    sb_printf(b, "    basis: %s\n", basis);
}

static void render_findings(strbuf *b, const json_t *r) {
  const json_t *fs = json_object_get(r, "findings"), *f;
  size_t i;
  if (json_array_size(fs) == 0) {
    sb_printf(b, "\nWhy: no rule for a higher level applies to what is recorded.\n");
    return;
  }
  sb_printf(b, "\nWhy:\n");
  json_array_foreach(fs, i, f) {
    sb_printf(b, "  - %s [%s]\n", str(f, "reason"), str(f, "level"));
    sb_printf(b, "    rule: %s", str(f, "rule"));
    if (json_is_integer(json_object_get(f, "row")))
      sb_printf(b, ", row %lld",
                (long long)json_integer_value(json_object_get(f, "row")));
    sb_printf(b, " (%s)\n    cite: %s\n", str(f, "source"), str(f, "cite"));
    render_basis(b, f);
    const json_t *ev = json_object_get(f, "evidence"), *x;
    size_t j;
    json_array_foreach(ev, j, x) {
      char *v = json_dumps(json_object_get(x, "value"), JSON_ENCODE_ANY |
                           JSON_COMPACT | JSON_REAL_PRECISION(15));
      sb_printf(b, "    read: %s = %s\n", str(x, "path"), v ? v : "?");
      free(v);
    }
  }
}

static void render_unknown(strbuf *b, const json_t *u) {
  const char *lv = str(u, "level");
  sb_printf(b, "  - %s%s%s%s: needs ", str(u, "rule"), *lv ? " [" : "", lv,
            *lv ? "]" : "");
  list_strings(b, json_object_get(u, "missing"), ", ");
  sb_printf(b, "\n");
  render_basis(b, u);
}

/* What was not known, most useful first: rules that could raise the
   suggestion, then flags that could not be checked, then the rest. */
static void render_unknowns(strbuf *b, const json_t *r) {
  const json_t *us = json_object_get(r, "undetermined"), *u;
  json_int_t rank = json_integer_value(json_object_get(json_object_get(r, "suggestion"), "rank"));
  static const char *const heads[] = {
    "\nCould raise the suggestion if known (record these first):\n",
    "\nFlags that could not be checked:\n",
    "\nAlso not known (would not change the suggestion):\n"};
  for (int group = 0; group < 3; group++) {
    int first = 1;
    size_t i;
    json_array_foreach(us, i, u) {
      const json_t *ur = json_object_get(u, "rank");
      int g = !json_is_integer(ur) ? 1 : json_integer_value(ur) > rank ? 0 : 2;
      if (g != group)
        continue;
      if (first)
        sb_printf(b, "%s", heads[group]);
      first = 0;
      render_unknown(b, u);
    }
  }
}

static void render_why_not(strbuf *b, const json_t *r) {
  const json_t *wn = json_object_get(r, "why_not");
  const json_t *rules = json_object_get(wn, "rules"), *x;
  size_t i;
  if (!json_is_object(wn) || json_array_size(rules) == 0)
    return;
  sb_printf(b, "\nWhy not %s:\n", str(wn, "label"));
  json_array_foreach(rules, i, x) {
    sb_printf(b, "  - %s (%s): %s\n", str(x, "rule"), str(x, "source"),
              str(x, "result") [0] == 'u' ? "not known" : "not met");
    render_basis(b, x);
    const json_t *fl = json_object_get(x, "failed"), *p;
    size_t j;
    json_array_foreach(fl, j, p)
      sb_printf(b, "      not met: %s\n", json_string_value(p) ? json_string_value(p) : "");
    const json_t *un = json_object_get(x, "unknown");
    json_array_foreach(un, j, p) {
      sb_printf(b, "      not known: %s (needs ", str(p, "part"));
      list_strings(b, json_object_get(p, "missing"), ", ");
      sb_printf(b, ")\n");
    }
  }
}

static void render_flags_actions(strbuf *b, const json_t *r) {
  const json_t *fs = json_object_get(r, "flags"), *f;
  size_t i;
  if (json_array_size(fs) > 0) {
    sb_printf(b, "\nFlags:\n");
    json_array_foreach(fs, i, f) {
      sb_printf(b, "  ! %s: %s\n    cite: %s (%s)\n", str(f, "flag"),
                str(f, "reason"), str(f, "cite"), str(f, "source"));
      render_basis(b, f);
    }
  }
  const json_t *as = json_object_get(r, "actions");
  if (json_array_size(as) > 0) {
    sb_printf(b, "\nNext steps:\n");
    json_array_foreach(as, i, f)
      sb_printf(b, "  %zu. %s\n", i + 1, json_string_value(f) ? json_string_value(f) : "");
  }
}

static void render_problems(strbuf *b, const json_t *r) {
  const json_t *es = json_object_get(r, "errors"), *e;
  size_t i;
  if (json_array_size(es) > 0) {
    sb_printf(b, "\nErrors (the rule set needs attention; the suggestion may "
                 "be too low):\n");
    json_array_foreach(es, i, e)
      sb_printf(b, "  x %s (%s): %s\n", str(e, "rule"), str(e, "source"),
                str(e, "message"));
  }
  const json_t *ws = json_object_get(r, "warnings");
  if (json_array_size(ws) > 0) {
    sb_printf(b, "\nWarnings:\n");
    json_array_foreach(ws, i, e)
      sb_printf(b, "  - %s: %s\n", str(e, "path"), str(e, "message"));
  }
}

static char *render_text(const json_t *r) {
  strbuf b = {0};
  const json_t *s = json_object_get(r, "suggestion");
  const json_t *rs = json_object_get(r, "ruleset");
  sb_printf(&b, "Case %s, assessed on %s; rule set %s %s (%.12s)\n",
            *str(r, "case") ? str(r, "case") : "(no id)",
            *str(r, "assessed_on") ? str(r, "assessed_on") : "(unknown)",
            str(rs, "id"), str(rs, "version"), str(rs, "hash"));
  if (strcmp(str(r, "status"), "invalid") == 0) {
    sb_printf(&b, "\nThe case could not be checked:\n");
    const json_t *es = json_object_get(r, "case_errors"), *e;
    size_t i;
    json_array_foreach(es, i, e)
      sb_printf(&b, "  x %s: %s\n", str(e, "path"), str(e, "message"));
  } else if (!json_is_object(s)) {
    sb_printf(&b, "\nNo suggestion: the evaluation did not finish.\n");
  } else {
    sb_printf(&b, "\nSuggested pathway: %s\n", pathway_words(str(s, "pathway")));
    sb_printf(&b, "Local level: %s\n", str(s, "label"));
    const char *st = str(r, "status");
    int higher = json_is_true(json_object_get(s, "could_be_higher"));
    sb_printf(&b, "Status: %s%s\n", st,
              !strcmp(st, "open") ? " -- not complete: open questions could raise this"
                                    " suggestion (record what could raise it)"
              : !strcmp(st, "incomplete")
                  ? (higher ? " -- a rule failed: the suggestion may be wrong and could be"
                              " higher (see the errors)"
                            : " -- a rule failed: the suggestion may be wrong (see the"
                              " errors)")
              : higher ? " -- the suggestion could be higher: see what is not known"
                       : "");
    render_findings(&b, r);
    render_unknowns(&b, r);
    render_why_not(&b, r);
    render_flags_actions(&b, r);
  }
  render_problems(&b, r);
  sb_printf(&b, "\n%s\n", str(r, "notice"));
  return sb_finish(&b);
}

static char *render_report(const json_t *rep) {
  strbuf b = {0};
  const json_t *ts = json_object_get(rep, "tests"), *t;
  size_t i;
  json_array_foreach(ts, i, t) {
    if (json_is_string(json_object_get(t, "skipped"))) {
      sb_printf(&b, "SKIP %s (%s)\n     %s\n", str(t, "test"), str(t, "source"),
                str(t, "skipped"));
      continue;
    }
    if (json_is_true(json_object_get(t, "passed")))
      continue;
    sb_printf(&b, "FAIL %s (%s)\n", str(t, "test"), str(t, "source"));
    const json_t *ps = json_object_get(t, "problems"), *p;
    size_t j;
    json_array_foreach(ps, j, p)
      sb_printf(&b, "     %s\n", json_string_value(p) ? json_string_value(p) : "");
    sb_printf(&b, "     expected level: %s; got: %s (%s)\n",
              *str(t, "expected_level") ? str(t, "expected_level") : "(any)",
              *str(t, "level") ? str(t, "level") : "none", str(t, "status"));
    sb_printf(&b, "     fired: ");
    list_strings(&b, json_object_get(t, "fired"), ", ");
    sb_printf(&b, "\n");
  }
  const json_t *gaps = json_object_get(rep, "coverage_gaps"), *g;
  json_array_foreach(gaps, i, g)
    sb_printf(&b, "coverage: %s\n", json_string_value(g) ? json_string_value(g) : "");
  sb_printf(&b, "%s: %lld passed, %lld failed",
            str(rep, "ruleset"),
            (long long)json_integer_value(json_object_get(rep, "passed")),
            (long long)json_integer_value(json_object_get(rep, "failed")));
  long long skipped = json_integer_value(json_object_get(rep, "skipped"));
  long long inherited = 0;             /* passed tests of a parent set */
  json_array_foreach(ts, i, t)
    inherited += json_is_string(json_object_get(t, "inherited")) &&
                 json_is_true(json_object_get(t, "passed"));
  if (inherited > 0)
    sb_printf(&b, " (%lld of them inherited)", inherited);
  if (skipped > 0)
    sb_printf(&b, ", %lld skipped: inherited tests of what the set overrides", skipped);
  sb_printf(&b, "\n");
  return sb_finish(&b);
}

char *thi_render_text(json_t *r) {
  json_t *safe = escaped(r);
  char *t = safe ? render_text(safe) : NULL;
  json_decref(safe);
  return t;
}

char *thi_render_report(json_t *rep) {
  json_t *safe = escaped(rep);
  char *t = safe ? render_report(safe) : NULL;
  json_decref(safe);
  return t;
}
