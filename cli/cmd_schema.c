/*
** cmd_schema.c -- `threshold schema [SET] [--format json|json-schema|luals]
** [-o FILE]`: a rule set's case schema (th_engine_schema) as the library
** gives it, as a JSON Schema (2020-12) for the systems that produce case
** data, or as LuaLS annotations for a rule author's editor (schema_luals.c).
**
** The JSON Schema accepts what th_eval accepts, no more and no less where
** JSON Schema can say it: an unknown field is accepted (the engine warns and
** ignores it), null is accepted for any field of an object (read as not
** known) but not as a list entry, a date is a real calendar date written
** YYYY-MM-DD from 1900 on, assessed_on is required. What it cannot say:
** the rule set's own consistency checks (`check` declarations) across
** fields, which th_eval with TH_EVAL_VALIDATE applies.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "threshold.h"
#include "cli.h"

static const char schema_usage[] =
  "usage: threshold schema [--format json|json-schema|luals] [-o FILE] [SET]\n"
  "\n"
  "Writes the case schema of rule set SET (core when none is named): every\n"
  "field the set and what it extends declare, with its type, values and doc.\n"
  "\n"
  "  --format json         the schema as the library gives it (the default)\n"
  "  --format json-schema  a JSON Schema (2020-12) of a case, for the systems\n"
  "                        that produce case data: it accepts what `threshold\n"
  "                        eval` accepts (the set's cross-field checks aside)\n"
  "  --format luals        LuaLS annotations (---@meta) of the case and the rule\n"
  "                        language, so an editor completes field names, enum\n"
  "                        values and the DSL's functions (docs/authoring.md)\n"
  "  -o FILE               write to FILE instead of standard output\n"
  "  -h, --help            this text\n"
  "\n"
  "Exit status: 0 written; 2 a usage error, a rule set that did not load or a\n"
  "file that could not be written.\n";

/* Dates as the engine reads them: YYYY-MM-DD from 1900 on; "format": "date"
   adds the calendar (no 30 February). */
#define DATE_PATTERN "^(19|[2-9][0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"

static const char *jstr(const json_t *o, const char *k) {
  return json_string_value(json_object_get(o, k));
}

/* {"type": t} or {"type": [t, "null"]}. */
static json_t *typed(const char *t, int null_ok) {
  if (null_ok)
    return json_pack("{s:[s,s]}", "type", t, "null");
  return json_pack("{s:s}", "type", t);
}

/* The JSON Schema of one value of field f's (or its entries') type ty. */
static json_t *value_node(const json_t *f, const char *ty, int null_ok) {
  json_t *n;
  if (strcmp(ty, "enum") == 0) {
    json_t *vals = json_deep_copy(json_object_get(f, "values"));
    if (vals == NULL)
      vals = json_array();
    if (null_ok)
      json_array_append_new(vals, json_null());
    n = typed("string", null_ok);
    json_object_set_new(n, "enum", vals);
  } else if (strcmp(ty, "date") == 0) {
    n = typed("string", null_ok);
    json_object_set_new(n, "format", json_string("date"));
    json_object_set_new(n, "pattern", json_string(DATE_PATTERN));
  } else if (strcmp(ty, "integer") == 0 || strcmp(ty, "number") == 0) {
    n = typed(ty, null_ok);
    json_t *v;
    if ((v = json_object_get(f, "min")) != NULL)
      json_object_set(n, "minimum", v);
    if ((v = json_object_get(f, "max")) != NULL)
      json_object_set(n, "maximum", v);
  } else if (strcmp(ty, "object") == 0) {
    n = typed("object", null_ok);
    json_object_set_new(n, "properties", json_object());
    /* th_eval warns about an unknown field and ignores it: accepted */
    json_object_set_new(n, "additionalProperties", json_true());
  } else {               /* string, boolean */
    n = typed(ty, null_ok);
  }
  return n;
}

/* The description, built in a memory stream: a doc or default of any
   length is written whole. */
typedef struct {
  FILE *m;
  char *buf;
  size_t len;
  char last;                             /* the last character written */
} prose;

/* Append sentence text after a full stop. */
static void sentence(prose *p, const char *text) {
  if (*text == '\0')
    return;
  fputs(p->last == '\0' ? "" : p->last == '.' ? " " : ". ", p->m);
  fputs(text, p->m);
  p->last = text[strlen(text) - 1];
}

/* The description: the field's doc and what its grading says. 0, or -1
   when memory runs out. */
static int describe(json_t *n, const json_t *f) {
  prose p = {NULL, NULL, 0, '\0'};
  if ((p.m = open_memstream(&p.buf, &p.len)) == NULL)
    return -1;
  const char *doc = jstr(f, "doc");
  sentence(&p, doc ? doc : "");
  const json_t *w = json_object_get(f, "worse");
  if (json_is_true(json_object_get(f, "ordered")))
    sentence(&p, "The values run from least to most concern.");
  else if (json_is_boolean(w))
    sentence(&p, json_is_true(w) ? "The concerning value is true."
                                 : "The concerning value is false.");
  else if (json_is_string(w))
    sentence(&p, strcmp(json_string_value(w), "higher") == 0
                 ? "Higher is more concerning." : "Lower is more concerning.");
  json_t *dflt = json_object_get(f, "default");
  int ok = 1;
  if (dflt != NULL) {
    char *v = json_dumps(dflt, JSON_ENCODE_ANY);
    ok = v != NULL;
    if (ok) {
      fputs(p.last == '\0' ? "" : p.last == '.' ? " " : ". ", p.m);
      fprintf(p.m, "Absent: read as %s.", v);
      p.last = '.';
    }
    free(v);
    json_object_set(n, "default", dflt);
  } else if (json_is_true(json_object_get(f, "has_default"))) {
    sentence(&p, strcmp(jstr(f, "type"), "array") == 0
                 ? "Absent: read as an empty list." : "Absent: read as the rule set's default.");
  }
  ok = fclose(p.m) == 0 && ok;
  if (ok && p.len > 0)
    ok = json_object_set_new(n, "description", json_stringn(p.buf, p.len)) == 0;
  free(p.buf);
  return ok ? 0 : -1;
}

/* The object node that holds path's properties: the root, an object field,
   a list's entries ("x[]"), or an object the set declared only by its
   fields (made here, and its own parents with it). Borrowed. */
static json_t *container(json_t *nodes, const char *path) {
  json_t *n = json_object_get(nodes, path);
  if (n)
    return n;
  char *copy = strdup(path);
  char *dot = copy ? strrchr(copy, '.') : NULL;
  const char *key = dot ? dot + 1 : copy;
  if (dot)
    *dot = '\0';
  json_t *up = copy ? container(nodes, dot ? copy : "") : NULL;
  if (up) {
    n = value_node(NULL, "object", 1);
    json_object_set_new(json_object_get(up, "properties"), key, n);
    json_object_set(nodes, path, n);
  }
  free(copy);
  return n;
}

/* Add field f to the tree in nodes (path -> node, borrowed). */
static int add_field(json_t *nodes, const json_t *f) {
  const char *path = jstr(f, "path"), *ty = jstr(f, "type");
  if (path == NULL || ty == NULL)
    return -1;
  char *copy = strdup(path);
  if (copy == NULL)
    return -1;
  char *dot = strrchr(copy, '.');
  const char *key = dot ? dot + 1 : copy;
  if (dot)
    *dot = '\0';
  json_t *up = container(nodes, dot ? copy : "");
  int top = dot == NULL;
  int required = top && strcmp(key, "assessed_on") == 0;
  json_t *n = NULL;
  if (up && strcmp(ty, "array") == 0) {
    const char *of = jstr(f, "of");
    json_t *items = value_node(f, of ? of : "object", 0);
    n = typed("array", 1);
    json_object_set_new(n, "items", items);
    size_t len = strlen(path);
    char *entry = malloc(len + 3);         /* path[], however long path is */
    if (entry) {
      memcpy(entry, path, len);
      memcpy(entry + len, "[]", 3);
      json_object_set(nodes, entry, items);
    } else {
      json_decref(n);
      n = NULL;
    }
    free(entry);
  } else if (up) {
    n = value_node(f, ty, !required);
    if (strcmp(ty, "object") == 0)
      json_object_set(nodes, path, n);
  }
  if (n && describe(n, f) != 0) {
    json_decref(n);
    n = NULL;
  }
  if (n) {
    json_object_set_new(json_object_get(up, "properties"), key, n);
    if (required)
      json_array_append_new(json_object_get(json_object_get(nodes, ""), "required"),
                            json_string(key));
  }
  free(copy);
  return n ? 0 : -1;
}

static json_t *json_schema(const json_t *fields, const char *id, const char *version) {
  json_t *root = value_node(NULL, "object", 0);
  char *title = NULL;                    /* the set's id and version whole */
  size_t tlen = 0;
  FILE *m = open_memstream(&title, &tlen);
  if (m != NULL) {
    fprintf(m, "A child's case for the threshold rule set %s (%s)", id,
            version ? version : "no version");
    if (fclose(m) != 0) {
      free(title);
      title = NULL;
    }
  }
  json_t *out = title == NULL ? NULL : json_pack("{s:s, s:s, s:s}",
    "$schema", "https://json-schema.org/draft/2020-12/schema",
    "title", title,
    "description", "Case data as `threshold eval` reads it. An unknown field is accepted "
    "with a warning and ignored; null in an object means not known; dates are "
    "YYYY-MM-DD. The rule set's cross-field checks are not expressed here.");
  free(title);
  if (out == NULL || root == NULL) {
    json_decref(out);
    json_decref(root);
    return NULL;
  }
  json_object_update(out, root);
  json_decref(root);
  json_object_set_new(out, "required", json_array());
  json_t *nodes = json_object();
  json_object_set(nodes, "", out);
  size_t i;
  json_t *f;
  int ok = 1;
  json_array_foreach(fields, i, f)
    if (add_field(nodes, f) != 0)
      ok = 0;
  json_decref(nodes);
  if (!ok) {
    json_decref(out);
    return NULL;
  }
  return out;
}

/* Load set and write its schema in fmt to out. */
static int write_schema(const char *set, const char *fmt, FILE *out) {
  char *dir = find_ruleset(set);
  if (dir == NULL) {
    cli_error("schema: no rule set '%s'", set);
    return EXIT_USAGE;
  }
  th_engine *e = NULL;
  char *text = NULL;
  int st = th_engine_new(&e, 0);
  if (st == TH_OK)
    st = th_engine_load(e, dir);
  if (st == TH_OK)
    st = th_engine_schema(e, &text);
  if (st != TH_OK) {
    cli_error("schema: %s:\n%s", dir, e ? th_errmsg(e) : th_errstr(st));
    th_engine_free(e);
    free(dir);
    return EXIT_USAGE;
  }
  json_error_t jerr;
  json_t *fields = json_loads(text, 0, &jerr);
  int rc = EXIT_GOOD;
  if (!json_is_array(fields)) {
    cli_error("schema: internal error: the schema is not a list (%s)", jerr.text);
    rc = EXIT_USAGE;
  } else if (strcmp(fmt, "luals") == 0) {
    if (schema_luals(out, fields, th_engine_ruleset_id(e), th_engine_ruleset_version(e)) != 0) {
      cli_error("schema: could not write the luals annotations (out of memory or output)");
      rc = EXIT_USAGE;
    }
  } else {
    json_t *doc = strcmp(fmt, "json") == 0
      ? json_incref(fields)
      : json_schema(fields, th_engine_ruleset_id(e), th_engine_ruleset_version(e));
    if (doc == NULL || json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
        fputc('\n', out) == EOF) {
      cli_error("schema: could not write the %s", fmt);
      rc = EXIT_USAGE;
    }
    json_decref(doc);
  }
  json_decref(fields);
  th_free(text);
  th_engine_free(e);
  free(dir);
  return rc;
}

int cmd_schema(int argc, char **argv) {
  const char *fmt = "json", *file = NULL, *set = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--format") == 0 && i + 1 < argc) fmt = argv[++i];
    else if (strncmp(a, "--format=", 9) == 0) fmt = a + 9;
    else if (strcmp(a, "-o") == 0 && i + 1 < argc) file = argv[++i];
    else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(schema_usage, stdout);
      return EXIT_GOOD;
    } else if (a[0] == '-' && a[1] != '\0') {
      cli_error("schema: unknown option %s", a);
      fputs(schema_usage, stderr);
      return EXIT_USAGE;
    } else if (set == NULL) set = a;
    else {
      cli_error("schema: one rule set at a time ('%s' and '%s')", set, a);
      return EXIT_USAGE;
    }
  }
  if (strcmp(fmt, "json") != 0 && strcmp(fmt, "json-schema") != 0 &&
      strcmp(fmt, "luals") != 0) {
    cli_error("schema: --format must be json, json-schema or luals, not '%s'", fmt);
    return EXIT_USAGE;
  }
  FILE *out = stdout;
  if (file && (out = fopen(file, "w")) == NULL) {
    cli_error("schema: %s: cannot write", file);
    return EXIT_USAGE;
  }
  int rc = write_schema(set ? set : "core", fmt, out);
  if (out != stdout && fclose(out) != 0 && rc == EXIT_GOOD) {
    cli_error("schema: %s: could not write", file);
    rc = EXIT_USAGE;
  }
  if (file && rc != EXIT_GOOD)
    remove(file);
  return rc;
}
