/*
** db_render.c -- the store's JSON reports as a person reads them: text
** for a terminal, CSV for a spreadsheet. Both carry case data (ids, rule
** and field names from the rule set), so text escapes every value
** (th_text_escape) and CSV quotes per RFC 4180 and neutralises a cell a
** spreadsheet would run as a formula.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "threshold.h"
#include "cli.h"

/* Text on a terminal: s escaped. */
static void put_text(const char *s) {
  char *t = th_text_escape(s ? s : "");
  fputs(t ? t : "?", stdout);
  th_free(t);
}

/* A value as text: a string escaped, anything else as JSON. */
static void put_value(const json_t *v) {
  if (json_is_string(v)) {
    put_text(json_string_value(v));
  } else if (!json_is_null(v)) {
    char *t = json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(6));
    fputs(t ? t : "?", stdout);
    free(t);
  }
}

/*
** One CSV cell (RFC 4180): quoted when it holds a comma, a quote, CR or
** LF, quotes doubled. A string a spreadsheet would take for a formula
** (starting with = + - @, a tab or CR) gets a leading apostrophe, so it
** is shown and never run.
*/
static void csv_text(const char *s) {
  int formula = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
  int quote = formula || strpbrk(s, ",\"\r\n") != NULL;
  if (quote)
    putchar('"');
  if (formula)
    putchar('\'');
  for (; *s; s++) {
    if (*s == '"')
      putchar('"');
    putchar(*s);
  }
  if (quote)
    putchar('"');
}

static void csv_cell(const json_t *v) {
  if (json_is_string(v)) {
    csv_text(json_string_value(v));
  } else if (!json_is_null(v)) {
    char *t = json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(6));
    fputs(t ? t : "", stdout);
    free(t);
  }
}

/* A list of strings joined by "; " as one CSV cell. */
static void csv_joined(const json_t *list) {
  size_t n = 0, i;
  const json_t *x;
  json_array_foreach(list, i, x)
    n += strlen(json_string_value(x) ? json_string_value(x) : "") + 2;
  char *buf = malloc(n + 1), *p = buf;
  if (buf == NULL)
    return;
  *p = '\0';
  json_array_foreach(list, i, x) {
    const char *s = json_string_value(x) ? json_string_value(x) : "";
    p += sprintf(p, "%s%s", i ? "; " : "", s);
  }
  csv_text(buf);
  free(buf);
}

/* A list of flat objects as a table: text columns or CSV. */
static void table(const char *title, json_t *rows, int csv) {
  json_t *first = json_array_get(rows, 0);
  const char *k;
  json_t *v;
  size_t i;
  json_t *row;
  if (csv) {
    printf("section");
    json_object_foreach(first, k, v) {
      putchar(',');
      csv_text(k);
    }
    putchar('\n');
    json_array_foreach(rows, i, row) {
      csv_text(title);
      json_object_foreach(row, k, v) {
        putchar(',');
        csv_cell(v);
      }
      putchar('\n');
    }
    putchar('\n');
    return;
  }
  printf("\n%s\n", title);
  if (json_array_size(rows) == 0) {
    printf("  (none)\n");
    return;
  }
  json_array_foreach(rows, i, row) {
    printf(" ");
    json_object_foreach(row, k, v) {
      printf("  ");
      put_text(k);
      printf(": ");
      put_value(v);
    }
    putchar('\n');
  }
}

void db_render_report(const char *text, const char *fmt) {
  json_t *r = json_loads(text, JSON_PRESERVE_ORDER, NULL);
  int csv = fmt && !strcmp(fmt, "csv");
  static const char *const sections[] = {"pathways", "flags", "blocking_rules",
    "missing_information", "overrides_by_level", "overrides_by_type",
    "overrides_by_rule"};
  if (!csv) {
    printf("Caseload report: rule set ");
    put_value(json_object_get(r, "ruleset"));
    printf(", %lld cases\n", (long long)json_integer_value(json_object_get(r, "cases")));
  }
  for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
    table(sections[i], json_object_get(r, sections[i]), csv);
  json_decref(r);
}

void db_render_diff(const char *text, const char *fmt, int all) {
  json_t *r = json_loads(text, 0, NULL);
  static const char *const P[] = {"universal", "early_help", "child_in_need",
                                  "child_protection", "invalid", "error"};
  json_t *m = json_object_get(r, "matrix"), *moved = json_object_get(r, "moved"), *x;
  int csv = fmt && !strcmp(fmt, "csv");
  size_t i;
  if (csv) {
    printf("case,from,to,rules_added,rules_removed\n");
    json_array_foreach(moved, i, x) {
      csv_cell(json_object_get(x, "case")); putchar(',');
      csv_cell(json_object_get(x, "from")); putchar(',');
      csv_cell(json_object_get(x, "to")); putchar(',');
      csv_joined(json_object_get(x, "rules_added")); putchar(',');
      csv_joined(json_object_get(x, "rules_removed")); putchar('\n');
    }
    json_decref(r);
    return;
  }
  json_t *o = json_object_get(r, "old"), *n = json_object_get(r, "new");
  printf("Rule change: ");
  put_value(json_object_get(o, "id")); putchar(' ');
  put_value(json_object_get(o, "version")); printf(" -> ");
  put_value(json_object_get(n, "id")); putchar(' ');
  put_value(json_object_get(n, "version"));
  printf(", %lld cases, %lld move\n\n",
         (long long)json_integer_value(json_object_get(r, "cases")),
         (long long)json_integer_value(json_object_get(r, "moved_count")));
  printf("%-18s", "from \\ to");
  for (int c = 0; c < 6; c++) printf("%17s", P[c]);
  putchar('\n');
  for (int a = 0; a < 6; a++) {
    json_t *row = json_object_get(m, P[a]);
    if (row == NULL) continue;
    printf("%-18s", P[a]);
    for (int c = 0; c < 6; c++)
      printf("%17lld", (long long)json_integer_value(json_object_get(row, P[c])));
    putchar('\n');
  }
  size_t limit = all ? (size_t)-1 : 20;
  if (json_array_size(moved) > 0)
    printf("\nCases that move%s:\n", json_array_size(moved) > limit ? " (first 20; --all for every one)" : "");
  json_array_foreach(moved, i, x) {
    if (i >= limit) break;
    printf("  ");
    put_value(json_object_get(x, "case")); printf(": ");
    put_value(json_object_get(x, "from")); printf(" -> ");
    put_value(json_object_get(x, "to"));
    json_t *l, *nm;
    size_t j;
    l = json_object_get(x, "rules_added");
    json_array_foreach(l, j, nm) { printf("%s", j ? "; " : "  now applies: "); put_value(nm); }
    l = json_object_get(x, "rules_removed");
    json_array_foreach(l, j, nm) { printf("%s", j ? "; " : "  no longer applies: "); put_value(nm); }
    putchar('\n');
  }
  json_decref(r);
}
