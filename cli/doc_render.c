/*
** doc_render.c -- the order and words of the rule-set document, the same
** for every format: the set and its sources, the levels in order with the
** rules that suggest each, decision tables, flags and timescales, facts,
** what the set inherits and changed, and the data dictionary.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "doc.h"

#define OPS (o->ops)

static const char *str(json_t *j, const char *key) {
  return json_string_value(json_object_get(j, key));
}

static void text(doc_out *o, const char *s) { if (s) OPS->span(o, DOC_TEXT, s); }
static void code(doc_out *o, const char *s) { if (s) OPS->span(o, DOC_CODE, s); }
static void strong(doc_out *o, const char *s) { if (s) OPS->span(o, DOC_STRONG, s); }

/* fmt holds one %lld and fixed words: 64 bytes always hold it. */
static void textf(doc_out *o, const char *fmt, long long n) {
  char buf[64];
  snprintf(buf, sizeof buf, fmt, n);
  text(o, buf);
}

/* A labelled paragraph: "Label: value", when value is there. */
static void field(doc_out *o, const char *label, const char *value) {
  if (value == NULL || value[0] == '\0')
    return;
  OPS->para_begin(o);
  strong(o, label);
  text(o, " ");
  text(o, value);
  OPS->para_end(o);
}

/* file:line as one code span, built in a memory stream: a file path of
   any length is written whole. Out of memory, the two parts are written as
   two spans, still whole. */
static void where_at(doc_out *o, const char *file, json_t *line) {
  long long n = (long long)json_integer_value(line);
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  if (m != NULL) {
    fprintf(m, "%s:%lld", file ? file : "?", n);
    if (fclose(m) == 0) {
      code(o, buf);
      free(buf);
      return;
    }
    free(buf);
  }
  code(o, file ? file : "?");
  textf(o, ":%lld", n);
}

/* Paths already glossed in the current block: a field's doc is given the
   first time the block names it. */
typedef struct { const char *seen[64]; int n; } glossed;

static int first_time(glossed *g, const char *path) {
  if (g == NULL || path == NULL)
    return 1;
  for (int i = 0; i < g->n; i++)
    if (strcmp(g->seen[i], path) == 0)
      return 0;
  if (g->n < 64)
    g->seen[g->n++] = path;
  return 1;
}

/* A line's words: ["t", text], ["c", code], ["g", gloss]. */
static void words(doc_out *o, json_t *w, glossed *g) {
  size_t i;
  json_t *x;
  const char *last_code = NULL;
  json_array_foreach(w, i, x) {
    const char *kind = json_string_value(json_array_get(x, 0));
    const char *s = json_string_value(json_array_get(x, 1));
    if (kind == NULL || s == NULL)
      continue;
    if (strcmp(kind, "c") == 0) {
      code(o, s);
      last_code = s;
    } else if (strcmp(kind, "g") == 0) {
      if (first_time(g, last_code)) {
        text(o, " (");
        OPS->span(o, DOC_EM, s);
        text(o, ")");
      }
    } else {
      text(o, s);
    }
  }
}

/* Condition lines {d, w} as nested lists. */
static void lines(doc_out *o, json_t *ls, glossed *g) {
  size_t n = json_array_size(ls);
  if (n == 0)
    return;
  int depth = -1;
  for (size_t i = 0; i < n; i++) {
    json_t *l = json_array_get(ls, i);
    int d = (int)json_integer_value(json_object_get(l, "d"));
    if (d > depth + 1)
      d = depth + 1;                     /* never skip a level */
    if (d > depth) {
      OPS->list_begin(o);
    } else {
      OPS->item_end(o);
      for (; depth > d; depth--) {
        OPS->list_end(o);
        OPS->item_end(o);
      }
    }
    depth = d;
    OPS->item_begin(o);
    words(o, json_object_get(l, "w"), g);
  }
  OPS->item_end(o);
  for (; depth > 0; depth--) {
    OPS->list_end(o);
    OPS->item_end(o);
  }
  OPS->list_end(o);
}

static void string_list(doc_out *o, json_t *a) {
  if (json_array_size(a) == 0)
    return;
  size_t i;
  json_t *x;
  OPS->list_begin(o);
  json_array_foreach(a, i, x) {
    OPS->item_begin(o);
    text(o, json_string_value(x));
    OPS->item_end(o);
  }
  OPS->list_end(o);
}

static const char *basis_words(const char *b) {
  if (b == NULL) return NULL;
  if (strcmp(b, "quoted") == 0) return "quoted: the cited passage says it";
  if (strcmp(b, "national") == 0) return "national: statutory or national guidance";
  if (strcmp(b, "judgement") == 0) return "judgement: a local reading of the document";
  return b;
}

static void basis(doc_out *o, json_t *d) {
  const char *b = str(d, "basis");
  if (b == NULL)
    return;
  OPS->para_begin(o);
  strong(o, "Basis:");
  text(o, " ");
  text(o, basis_words(b));
  const char *why = str(d, "why");
  if (why) {
    text(o, ". Why: ");
    text(o, why);
  }
  OPS->para_end(o);
}

/* Whose a declaration is, under its name: the set's own, inherited
   unchanged, or inherited and changed here. */
static void origin(doc_out *o, json_t *d) {
  const char *st = str(d, "status");
  if (st == NULL || strcmp(st, "built in") == 0)
    return;
  OPS->para_begin(o);
  if (strcmp(st, "inherited") == 0) {
    text(o, "Inherited from ");
    code(o, str(d, "set"));
    text(o, ", unchanged.");
  } else if (strcmp(st, "changed") == 0) {
    text(o, "Inherited, and changed by this set: see ");
    OPS->link(o, "overrides", "Changed here");
    text(o, ".");
  } else {
    text(o, "This set's own (");
    code(o, str(d, "set"));
    text(o, ").");
  }
  OPS->para_end(o);
}

/* Where a declaration is written. */
static void provenance(doc_out *o, json_t *d) {
  OPS->para_begin(o);
  OPS->span(o, DOC_EM, "Declared at ");
  where_at(o, str(d, "file"), json_object_get(d, "line"));
  if (str(d, "origin")) {
    OPS->span(o, DOC_EM, "; the inherited one at ");
    code(o, str(d, "origin"));
  }
  OPS->para_end(o);
}

static void actions(doc_out *o, json_t *d, const char *label) {
  json_t *a = json_object_get(d, "actions");
  if (json_array_size(a) == 0)
    return;
  OPS->para_begin(o);
  strong(o, label);
  OPS->para_end(o);
  string_list(o, a);
}

static void anchor(char *buf, size_t n, const char *kind, size_t i) {
  snprintf(buf, n, "%s-%zu", kind, i + 1);
}

/* A rule or a flag. */
static void finding(doc_out *o, json_t *r, const char *kind, const char *id, int is_flag) {
  glossed g = {{0}, 0};
  OPS->block_begin(o, kind, id);
  OPS->heading(o, 4, id, str(r, "name"));
  origin(o, r);
  if (is_flag)
    field(o, "Severity:", str(r, "severity"));
  field(o, "In plain words:", str(r, "reason"));
  OPS->para_begin(o);
  strong(o, "Applies when:");
  OPS->para_end(o);
  lines(o, json_object_get(r, "when"), &g);
  field(o, "Cite:", str(r, "cite"));
  basis(o, r);
  field(o, "Note:", str(r, "doc"));
  actions(o, r, is_flag ? "Asks for:" : "Next steps:");
  provenance(o, r);
  OPS->block_end(o);
}

static void section_levels(doc_out *o, json_t *root) {
  OPS->heading(o, 2, "levels", "Levels and the rules that suggest each");
  const char *lf = str(root, "levels_file");
  OPS->para_begin(o);
  text(o, "The levels in order, lowest first. A case is suggested the highest level any rule "
          "or table row gives it; where none applies, the first level. Under each level, this "
          "set's own rules come first, then those it inherits. Levels declared at ");
  code(o, lf ? lf : "?");
  text(o, ".");
  OPS->para_end(o);
  if (str(root, "decide")) {
    OPS->para_begin(o);
    text(o, "This set also has its own decide function (");
    code(o, str(root, "decide"));
    text(o, "), which may choose the final level from the rules' findings.");
    OPS->para_end(o);
  }
  size_t i, nrule = 0;
  json_t *lv;
  json_array_foreach(json_object_get(root, "levels"), i, lv) {
    char id[32], kind[8];
    anchor(id, sizeof id, "level", i);
    snprintf(kind, sizeof kind, "lv%d", (int)(i < 9 ? i : 9));
    OPS->heading(o, 3, id, str(lv, "label"));
    OPS->para_begin(o);
    text(o, "Level ");
    code(o, str(lv, "id"));
    text(o, ", pathway ");
    code(o, str(lv, "pathway"));
    text(o, ".");
    OPS->para_end(o);
    field(o, "Note:", str(lv, "doc"));
    json_t *rules = json_object_get(lv, "rules"), *rows = json_object_get(lv, "rows");
    if (json_array_size(rules) == 0 && json_array_size(rows) == 0) {
      OPS->para_begin(o);
      text(o, i == 0 ? "No rule suggests this level: it is the suggestion where nothing else applies."
                     : "No rule or table row suggests this level.");
      OPS->para_end(o);
    }
    size_t j;
    json_t *r;
    json_array_foreach(rules, j, r) {
      char rid[32];
      anchor(rid, sizeof rid, "rule", nrule++);
      finding(o, r, kind, rid, 0);
    }
    if (json_array_size(rows) > 0) {
      OPS->para_begin(o);
      strong(o, "Decision-table rows that suggest this level:");
      OPS->para_end(o);
      OPS->list_begin(o);
      json_array_foreach(rows, j, r) {
        char tid[32], rowtext[32];
        anchor(tid, sizeof tid, "table", (size_t)json_integer_value(json_object_get(r, "index")) - 1);
        OPS->item_begin(o);
        OPS->link(o, tid, str(r, "table"));
        snprintf(rowtext, sizeof rowtext, ", row %lld", (long long)json_integer_value(json_object_get(r, "row")));
        text(o, json_is_true(json_object_get(r, "otherwise")) ? ", the otherwise row" : rowtext);
        if (str(r, "reason")) {
          text(o, ": ");
          text(o, str(r, "reason"));
        }
        OPS->item_end(o);
      }
      OPS->list_end(o);
    }
  }
}

static void section_tables(doc_out *o, json_t *root) {
  json_t *tables = json_object_get(root, "tables");
  OPS->heading(o, 2, "tables", "Decision tables");
  if (json_array_size(tables) == 0) {
    OPS->para_begin(o);
    text(o, "This set has no decision tables.");
    OPS->para_end(o);
    return;
  }
  size_t i;
  json_t *t;
  json_array_foreach(tables, i, t) {
    char id[32];
    anchor(id, sizeof id, "table", i);
    OPS->block_begin(o, "table", id);
    OPS->heading(o, 3, id, str(t, "name"));
    origin(o, t);
    field(o, "In plain words:", str(t, "reason"));
    field(o, "Cite:", str(t, "cite"));
    basis(o, t);
    field(o, "Rows:", str(t, "hit_words"));
    json_t *inputs = json_object_get(t, "inputs");
    size_t nin = json_array_size(inputs), k;
    json_t *in;
    OPS->para_begin(o);
    strong(o, "Inputs:");
    OPS->para_end(o);
    OPS->list_begin(o);
    json_array_foreach(inputs, k, in) {
      OPS->item_begin(o);
      code(o, str(in, "path"));
      if (str(in, "type")) {
        text(o, " (");
        text(o, str(in, "type"));
        text(o, ")");
      }
      if (str(in, "doc")) {
        text(o, ": ");
        text(o, str(in, "doc"));
      }
      OPS->item_end(o);
    }
    OPS->list_end(o);
    /* a column for every input, however many the table has */
    const char **heads = malloc((nin + 4) * sizeof *heads);
    if (heads == NULL) {
      OPS->para_begin(o);
      strong(o, "The table's rows could not be written: out of memory.");
      OPS->para_end(o);
      OPS->block_end(o);
      continue;
    }
    int nc = 0;
    heads[nc++] = "Row";
    for (k = 0; k < nin; k++)
      heads[nc++] = str(json_array_get(inputs, k), "path");
    size_t shown_in = k;
    heads[nc++] = "Suggests";
    heads[nc++] = "Reason";
    heads[nc++] = "Basis";
    OPS->table_begin(o, nc, heads);
    free(heads);
    size_t ri;
    json_t *row;
    json_array_foreach(json_object_get(t, "rows"), ri, row) {
      OPS->row_begin(o);
      OPS->cell_begin(o);
      textf(o, "%lld", json_integer_value(json_object_get(row, "n")));
      OPS->cell_end(o);
      int otherwise = json_is_true(json_object_get(row, "otherwise"));
      for (k = 0; k < shown_in; k++) {
        OPS->cell_begin(o);
        if (otherwise)
          OPS->span(o, DOC_EM, k == 0 ? "otherwise (no other row matches)" : "");
        else
          words(o, json_array_get(json_object_get(row, "cells"), k), NULL);
        OPS->cell_end(o);
      }
      OPS->cell_begin(o);
      if (str(row, "level_label"))
        text(o, str(row, "level_label"));
      else
        OPS->span(o, DOC_EM, "no level");
      OPS->cell_end(o);
      OPS->cell_begin(o);
      text(o, str(row, "reason"));
      json_t *acts = json_object_get(row, "actions");
      size_t a;
      json_t *act;
      json_array_foreach(acts, a, act) {
        if (a == 0) {
          text(o, " ");
          strong(o, "Next steps:");
          text(o, " ");
        } else {
          text(o, "; ");
        }
        text(o, json_string_value(act));
      }
      if (str(row, "cite")) {
        text(o, " ");
        strong(o, "Cite:");
        text(o, " ");
        text(o, str(row, "cite"));
      }
      OPS->cell_end(o);
      OPS->cell_begin(o);
      text(o, str(row, "basis"));
      if (str(row, "why")) {
        text(o, ": ");
        text(o, str(row, "why"));
      }
      OPS->cell_end(o);
      OPS->row_end(o);
    }
    OPS->table_end(o);
    actions(o, t, "Next steps:");
    provenance(o, t);
    OPS->block_end(o);
  }
}

static void section_flags(doc_out *o, json_t *root) {
  json_t *flags = json_object_get(root, "flags"), *ts = json_object_get(root, "timescales");
  OPS->heading(o, 2, "flags", "Flags and timescales");
  OPS->para_begin(o);
  text(o, "Flags never change the suggested level: they tell the practitioner something "
          "needs attention, such as a timescale that has passed.");
  OPS->para_end(o);
  if (json_array_size(ts) > 0) {
    OPS->heading(o, 3, "timescales", "Timescales");
    static const char *const heads[] = {"Flag", "Raised when", "Cite"};
    OPS->table_begin(o, 3, heads);
    size_t i;
    json_t *t;
    json_array_foreach(ts, i, t) {
      OPS->row_begin(o);
      OPS->cell_begin(o);
      text(o, str(t, "flag"));
      OPS->cell_end(o);
      OPS->cell_begin(o);
      code(o, str(t, "path"));
      if (str(t, "doc")) {
        text(o, " (");
        OPS->span(o, DOC_EM, str(t, "doc"));
        text(o, ")");
      }
      const char *op = str(t, "op");
      json_t *n = json_object_get(t, "n");
      char num[64];
      if (json_is_integer(n))
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(n));
      else
        snprintf(num, sizeof num, "%g", json_number_value(n));
      text(o, op && strcmp(op, "within_days") == 0 ? " is within " : " is at least ");
      text(o, num);
      text(o, " ");
      text(o, str(t, "unit"));
      text(o, " before the assessment date");
      OPS->cell_end(o);
      OPS->cell_begin(o);
      text(o, str(t, "cite"));
      OPS->cell_end(o);
      OPS->row_end(o);
    }
    OPS->table_end(o);
  }
  OPS->heading(o, 3, "flag-list", "Flags");
  if (json_array_size(flags) == 0) {
    OPS->para_begin(o);
    text(o, "This set raises no flags.");
    OPS->para_end(o);
  }
  size_t i;
  json_t *f;
  json_array_foreach(flags, i, f) {
    char id[32];
    anchor(id, sizeof id, "flag", i);
    finding(o, f, "flag", id, 1);
  }
}

static void section_facts(doc_out *o, json_t *root) {
  json_t *facts = json_object_get(root, "facts");
  OPS->heading(o, 2, "facts", "Facts the rules use");
  OPS->para_begin(o);
  text(o, "A fact is a value worked out from the case once, and named so rules can use it.");
  OPS->para_end(o);
  size_t i;
  json_t *f;
  json_array_foreach(facts, i, f) {
    char id[32];
    glossed g = {{0}, 0};
    anchor(id, sizeof id, "fact", i);
    OPS->block_begin(o, "fact", id);
    OPS->heading(o, 4, id, str(f, "name"));
    origin(o, f);
    field(o, "Meaning:", str(f, "doc"));
    if (str(f, "type")) {
      OPS->para_begin(o);
      strong(o, "Type:");
      text(o, " ");
      text(o, str(f, "type"));
      json_t *vs = json_object_get(f, "values");
      size_t k;
      json_t *v;
      json_array_foreach(vs, k, v) {
        text(o, k == 0 ? ", one of " : ", ");
        code(o, json_string_value(v));
      }
      OPS->para_end(o);
    }
    json_t *w = json_object_get(f, "when"), *val = json_object_get(f, "value");
    OPS->para_begin(o);
    strong(o, w ? "True when:" : "Worked out as:");
    OPS->para_end(o);
    lines(o, w ? w : val, &g);
    json_t *users = json_object_get(f, "used_by");
    OPS->para_begin(o);
    strong(o, "Used by:");
    size_t k2;
    json_t *u;
    json_array_foreach(users, k2, u) {
      text(o, k2 == 0 ? " " : "; ");
      text(o, json_string_value(u));
    }
    if (json_array_size(users) == 0)
      text(o, " nothing in this set reads it.");
    OPS->para_end(o);
    provenance(o, f);
    OPS->block_end(o);
  }
}

/* A declaration's key as its section says it. */
static const char *key_label(const char *k) {
  static const char *const labels[][2] = {
    {"level", "Suggests"}, {"reason", "In plain words"}, {"when", "Applies when"},
    {"actions", "Next steps"}, {"doc", "Note"}, {"severity", "Severity"}, {"rows", "Rows"},
    {"inputs", "Inputs"}, {"hit", "Rows (hit policy)"}, {"tags", "Tags"}, {"value", "Worked out as"}};
  for (size_t i = 0; k && i < sizeof labels / sizeof labels[0]; i++)
    if (strcmp(k, labels[i][0]) == 0)
      return labels[i][1];
  return k;
}

/* An override's changed key: its inherited and new value. */
static void changed_value(doc_out *o, json_t *v) {
  if (json_object_get(v, "lines")) {
    lines(o, json_object_get(v, "lines"), NULL);
  } else if (json_object_get(v, "list")) {
    json_t *l = json_object_get(v, "list");
    if (json_array_size(l) == 0)
      OPS->span(o, DOC_EM, "(none)");
    string_list(o, l);
  } else {
    text(o, str(v, "text"));
  }
}

static void section_changes(doc_out *o, json_t *root) {
  json_t *rs = json_object_get(root, "ruleset"), *chain = json_object_get(root, "chain");
  json_t *ch = json_object_get(root, "changes"), *inh = json_object_get(root, "inherited");
  OPS->heading(o, 2, "changes", "What this set inherits and what it changes");
  if (json_array_size(chain) <= 1) {
    OPS->para_begin(o);
    text(o, "This set extends no other: every declaration in it is its own.");
    OPS->para_end(o);
    return;
  }
  OPS->para_begin(o);
  text(o, "Built on ");
  size_t i;
  json_t *m;
  json_array_foreach(chain, i, m) {
    if (i + 1 == json_array_size(chain))
      break;
    if (i > 0)
      text(o, ", then ");
    code(o, str(m, "id"));
    if (str(m, "title")) {
      text(o, " (");
      text(o, str(m, "title"));
      text(o, ")");
    }
  }
  text(o, ". ");
  code(o, str(rs, "id"));
  text(o, " takes, unchanged: ");
  static const char *const kinds[][3] = {{"rules", "rule", "rules"},
                                         {"tables", "decision table", "decision tables"},
                                         {"flags", "flag", "flags"}, {"facts", "fact", "facts"},
                                         {"fields", "case field", "case fields"}};
  for (size_t k = 0; k < 5; k++) {
    char buf[96];
    long long n = json_integer_value(json_object_get(inh, kinds[k][0]));
    snprintf(buf, sizeof buf, "%s%lld %s", k == 0 ? "" : (k == 4 ? " and " : ", "), n,
             kinds[k][n == 1 ? 1 : 2]);
    text(o, buf);
  }
  text(o, ". Each rule, table, flag and fact above says whose it is.");
  OPS->para_end(o);

  json_t *ov = json_object_get(ch, "overrides"), *dis = json_object_get(ch, "disables");
  OPS->heading(o, 3, "overrides", "Changed here (override)");
  if (json_array_size(ov) == 0) {
    OPS->para_begin(o);
    text(o, "Nothing inherited is changed.");
    OPS->para_end(o);
  }
  json_t *d;
  json_array_foreach(ov, i, d) {
    char id[32];
    anchor(id, sizeof id, "override", i);
    OPS->block_begin(o, "change", id);
    OPS->heading(o, 4, id, str(d, "name"));
    OPS->para_begin(o);
    text(o, "Changes the ");
    text(o, str(d, "target_kind") ? str(d, "target_kind") : "declaration");
    text(o, " inherited from ");
    code(o, str(d, "origin_set"));
    text(o, " (");
    code(o, str(d, "origin"));
    text(o, ").");
    OPS->para_end(o);
    field(o, "Cite for the change:", str(d, "cite"));
    basis(o, d);
    size_t k;
    json_t *key;
    OPS->list_begin(o);
    json_array_foreach(json_object_get(d, "keys"), k, key) {
      const char *name = str(key, "key");
      if (name && (strcmp(name, "cite") == 0 || strcmp(name, "basis") == 0 ||
                   strcmp(name, "why") == 0))
        continue;                       /* said below, as the change's own */
      OPS->item_begin(o);
      strong(o, key_label(name));
      OPS->list_begin(o);
      OPS->item_begin(o);
      text(o, "inherited: ");
      changed_value(o, json_object_get(key, "was"));
      OPS->item_end(o);
      OPS->item_begin(o);
      text(o, "here: ");
      changed_value(o, json_object_get(key, "now"));
      OPS->item_end(o);
      OPS->list_end(o);
      OPS->item_end(o);
    }
    OPS->list_end(o);
    OPS->para_begin(o);
    OPS->span(o, DOC_EM, "Declared at ");
    where_at(o, str(d, "file"), json_object_get(d, "line"));
    OPS->para_end(o);
    OPS->block_end(o);
  }
  OPS->heading(o, 3, "disables", "Removed here (disable)");
  if (json_array_size(dis) == 0) {
    OPS->para_begin(o);
    text(o, "Nothing inherited is removed.");
    OPS->para_end(o);
  }
  json_array_foreach(dis, i, d) {
    char id[32];
    anchor(id, sizeof id, "disable", i);
    OPS->block_begin(o, "change", id);
    OPS->heading(o, 4, id, str(d, "name"));
    OPS->para_begin(o);
    text(o, "Removes the ");
    text(o, str(d, "target_kind") ? str(d, "target_kind") : "declaration");
    text(o, " inherited from ");
    code(o, str(d, "origin_set"));
    text(o, " (");
    code(o, str(d, "origin"));
    text(o, ")");
    if (str(d, "was_level")) {
      text(o, ", which suggested ");
      code(o, str(d, "was_level"));
    }
    text(o, ": no case gets it here.");
    OPS->para_end(o);
    field(o, "Cite for the change:", str(d, "cite"));
    field(o, "Why:", str(d, "reason"));
    OPS->para_begin(o);
    OPS->span(o, DOC_EM, "Declared at ");
    where_at(o, str(d, "file"), json_object_get(d, "line"));
    OPS->para_end(o);
    OPS->block_end(o);
  }
}

static void number(char *buf, size_t n, json_t *v) {
  if (json_is_integer(v))
    snprintf(buf, n, "%lld", (long long)json_integer_value(v));
  else
    snprintf(buf, n, "%g", json_number_value(v));
}

static void section_fields(doc_out *o, json_t *root) {
  size_t untraced = json_array_size(json_object_get(root, "untraced"));
  OPS->heading(o, 2, "fields", "Data dictionary: the case fields");
  OPS->para_begin(o);
  text(o, "What a case records. A path with [] is each entry of a list. A field a rule needs "
          "that the case does not record, and that has no default, is unknown: the result says "
          "what to record, and never treats it as no.");
  OPS->para_end(o);
  static const char *const heads[] = {"Field", "Type and values", "Meaning", "Declared in"};
  OPS->table_begin(o, 4, heads);
  size_t i;
  json_t *f;
  json_array_foreach(json_object_get(root, "fields"), i, f) {
    OPS->row_begin(o);
    OPS->cell_begin(o);
    code(o, str(f, "path"));
    OPS->cell_end(o);
    OPS->cell_begin(o);
    text(o, str(f, "type"));
    if (str(f, "of")) {
      text(o, " of ");
      text(o, str(f, "of"));
    }
    if (json_is_true(json_object_get(f, "nullable")))
      text(o, ", may be null");
    if (json_is_true(json_object_get(f, "future")))
      text(o, ", may be after the assessment date");
    json_t *vs = json_object_get(f, "values");
    size_t k;
    json_t *v;
    json_array_foreach(vs, k, v) {
      text(o, k == 0 ? ": " : ", ");
      code(o, json_string_value(v));
    }
    if (json_is_true(json_object_get(f, "ordered")))
      text(o, " (least to most concern)");
    json_t *mn = json_object_get(f, "min"), *mx = json_object_get(f, "max");
    if (mn || mx) {
      char a[64] = "", b[64] = "";
      if (mn) number(a, sizeof a, mn);
      if (mx) number(b, sizeof b, mx);
      text(o, mn && mx ? ", from " : mn ? ", at least " : ", at most ");
      text(o, mn ? a : b);
      if (mn && mx) {
        text(o, " to ");
        text(o, b);
      }
    }
    if (str(f, "unit")) {
      text(o, " ");
      text(o, str(f, "unit"));
    }
    if (str(f, "worse")) {
      text(o, "; of concern: ");
      code(o, str(f, "worse"));
    }
    OPS->cell_end(o);
    OPS->cell_begin(o);
    text(o, str(f, "doc"));
    json_t *users = json_object_get(f, "used_by");
    size_t nu = json_array_size(users);
    const char *type = str(f, "type");
    int container = (type && strcmp(type, "object") == 0) || str(f, "file") == NULL;
    if (!container) {
      text(o, str(f, "doc") ? ". " : "");
      if (nu == 0) {
        text(o, untraced ? "No condition names it" : "No rule, table, flag or fact reads it");
      } else if (nu <= 3) {
        text(o, "Read by ");
        for (size_t k3 = 0; k3 < nu; k3++) {
          if (k3 > 0)
            text(o, k3 + 1 == nu ? " and " : ", ");
          text(o, json_string_value(json_array_get(users, k3)));
        }
      } else {
        char buf[96];
        snprintf(buf, sizeof buf, "Read by %zu rules, tables, flags and facts", nu);
        text(o, buf);
      }
    }
    if (str(f, "default") || str(f, "default_text")) {
      text(o, str(f, "doc") ? "; if not recorded, read as " : "If not recorded, read as ");
      if (str(f, "default"))
        code(o, str(f, "default"));
      else
        text(o, str(f, "default_text"));
    }
    OPS->cell_end(o);
    OPS->cell_begin(o);
    if (str(f, "file")) {
      where_at(o, str(f, "file"), json_object_get(f, "line"));
    } else {
      text(o, "built in");
    }
    OPS->cell_end(o);
    OPS->row_end(o);
  }
  OPS->table_end(o);
  if (untraced > 0) {
    OPS->para_begin(o);
    text(o, "What each field is read by comes from the conditions, and from the code of a "
            "condition written in Lua where it names the field. The Lua code of ");
    size_t i2;
    json_t *u;
    json_array_foreach(json_object_get(root, "untraced"), i2, u) {
      if (i2 > 0)
        text(o, i2 + 1 == untraced ? " and " : ", ");
      text(o, json_string_value(u));
    }
    text(o, untraced == 1 ? " hands the whole case to a helper function, so a field it reads "
                            "there is not listed: \"no condition names it\" does not mean unread."
                          : " hands the whole case to helper functions, so a field they read there "
                            "is not listed: \"no condition names it\" does not mean unread.");
    OPS->para_end(o);
  }
  json_t *checks = json_object_get(root, "checks");
  if (json_array_size(checks) > 0) {
    OPS->heading(o, 3, "checks", "Case checks");
    OPS->para_begin(o);
    text(o, "A case that fails one of these is invalid: no suggestion is made for it.");
    OPS->para_end(o);
    json_t *c;
    json_array_foreach(checks, i, c) {
      OPS->para_begin(o);
      strong(o, str(c, "name"));
      text(o, ": ");
      text(o, str(c, "message"));
      text(o, " (");
      code(o, str(c, "path"));
      text(o, ")");
      OPS->para_end(o);
      lines(o, json_object_get(c, "when"), NULL);
    }
  }
}

static void front(doc_out *o, json_t *root, const char *version) {
  json_t *rs = json_object_get(root, "ruleset"), *counts = json_object_get(root, "counts");
  OPS->para_begin(o);
  text(o, "Rule set ");
  code(o, str(rs, "id"));
  if (str(rs, "version")) {
    text(o, ", version ");
    text(o, str(rs, "version"));
  }
  if (str(rs, "extends")) {
    text(o, ", extends ");
    code(o, str(rs, "extends"));
  }
  char buf[160];
  long long nt = json_integer_value(json_object_get(counts, "tables"));
  snprintf(buf, sizeof buf, ": %lld rules, %lld decision table%s, %lld flags, %lld facts.",
           (long long)json_integer_value(json_object_get(counts, "rules")), nt, nt == 1 ? "" : "s",
           (long long)json_integer_value(json_object_get(counts, "flags")),
           (long long)json_integer_value(json_object_get(counts, "facts")));
  text(o, buf);
  OPS->para_end(o);
  OPS->para_begin(o);
  text(o, "The rules suggest a pathway to support professional judgement; they never decide. "
          "This document is written from the rule files by threshold doc: where it and the "
          "rule files differ, the rule files are what runs.");
  OPS->para_end(o);
  field(o, "About this set:", str(rs, "doc"));
  json_t *srcs = json_object_get(rs, "sources");
  if (json_array_size(srcs) > 0 || str(rs, "source")) {
    OPS->para_begin(o);
    strong(o, "Documents it encodes:");
    OPS->para_end(o);
    if (json_array_size(srcs) > 0)
      string_list(o, srcs);
    else
      field(o, "", str(rs, "source"));
  }
  OPS->para_begin(o);
  text(o, "Rule-set hash ");
  code(o, str(root, "hash"));
  text(o, "; written by threshold ");
  text(o, version);
  text(o, ".");
  OPS->para_end(o);
  OPS->heading(o, 2, "contents", "Contents");
  static const char *const toc[][2] = {
    {"levels", "Levels and the rules that suggest each"}, {"tables", "Decision tables"},
    {"flags", "Flags and timescales"}, {"facts", "Facts the rules use"},
    {"changes", "What this set inherits and what it changes"},
    {"fields", "Data dictionary: the case fields"}};
  OPS->list_begin(o);
  for (size_t i = 0; i < sizeof toc / sizeof toc[0]; i++) {
    OPS->item_begin(o);
    OPS->link(o, toc[i][0], toc[i][1]);
    if (i == 0) {
      size_t j;
      json_t *lv;
      OPS->list_begin(o);
      json_array_foreach(json_object_get(root, "levels"), j, lv) {
        char id[32];
        anchor(id, sizeof id, "level", j);
        OPS->item_begin(o);
        OPS->link(o, id, str(lv, "label"));
        size_t nr = json_array_size(json_object_get(lv, "rules"));
        size_t nw = json_array_size(json_object_get(lv, "rows"));
        char count[96];
        if (nw > 0)
          snprintf(count, sizeof count, ": %zu rule%s, %zu table row%s", nr, nr == 1 ? "" : "s", nw,
                   nw == 1 ? "" : "s");
        else
          snprintf(count, sizeof count, ": %zu rule%s", nr, nr == 1 ? "" : "s");
        text(o, count);
        OPS->item_end(o);
      }
      OPS->list_end(o);
    }
    OPS->item_end(o);
  }
  OPS->list_end(o);
}

void doc_render(doc_out *o, json_t *root, const char *version) {
  json_t *rs = json_object_get(root, "ruleset");
  const char *title = str(rs, "title") ? str(rs, "title") : str(rs, "id");
  OPS->begin(o, title ? title : "rule set");
  OPS->heading(o, 1, "top", title ? title : "rule set");
  front(o, root, version);
  section_levels(o, root);
  section_tables(o, root);
  section_flags(o, root);
  section_facts(o, root);
  section_changes(o, root);
  section_fields(o, root);
  OPS->end(o);
}
