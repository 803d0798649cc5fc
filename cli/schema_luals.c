/*
** schema_luals.c -- `threshold schema --format luals`: LuaLS (sumneko Lua)
** annotations for a rule author's editor. Two parts: the case, one
** ---@class per object and per list's entry, generated from the rule set's
** schema (enumerations as unions of string literals, each field's doc);
** and the rule language the sandbox gives rule files (engine/prelude/
** sandbox.lua, cond.lua, dates.lua: the same names .luacheckrc lists),
** written once below. A function(c) is typed fun(c: threshold.case), and a
** data condition's path is a threshold.path, so both complete.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

static const char *const dsl[] = {
  "---A date written YYYY-MM-DD.\n---@alias threshold.date string\n",
  "---JSON null: a value recorded as not known.\n---@class threshold.null: userdata\n",
  "---A data condition (is, all, at_least, ...): the engine can explain it.\n",
  "---@class threshold.condition\n",
  "---A value expression: count, how_many, largest.\n---@class threshold.expr\n",
  "---@alias threshold.when threshold.condition|fun(c: threshold.case): boolean?\n",
  "---@alias threshold.basis \"quoted\"|\"national\"|\"judgement\"\n",
  "---@alias threshold.operand threshold.path|threshold.expr\n",
  "\n",
  "---@class threshold.ruleset_spec\n",
  "---@field id string the set's id (its folder's name)\n",
  "---@field title? string\n---@field version? string\n",
  "---@field extends? string the set it builds on, usually \"core\"\n",
  "---@field source? string the document the rules come from\n",
  "---@field sources? string[]\n",
  "---@field files? string[] the rule files, in load order\n",
  "---@field decide? fun(r: { highest: string, findings: table[] }): string the level the set decides\n",
  "---@field doc? string\n---@field area? string\n",
  "\n",
  "---@class threshold.level_spec\n",
  "---@field id string\n---@field label string the document's own words\n",
  "---@field pathway \"universal\"|\"early_help\"|\"child_in_need\"|\"child_protection\"\n",
  "---@field doc? string\n",
  "\n",
  "---@class threshold.field_spec\n",
  "---@field type \"string\"|\"enum\"|\"integer\"|\"number\"|\"boolean\"|\"date\"|\"object\"|\"array\"\n",
  "---@field doc? string\n---@field values? string[] an enum's values\n",
  "---@field default? any\n---@field min? number\n---@field max? number\n",
  "---@field unit? string\n---@field of? string a list's entry type\n",
  "---@field nullable? boolean\n---@field example? any\n",
  "---@field ordered? boolean an enum whose values run from least to most concern\n",
  "---@field worse? boolean|\"higher\"|\"lower\" the concerning value or direction\n",
  "---@field future? boolean a date that may fall after assessed_on\n",
  "\n",
  "---@class threshold.fact_spec\n",
  "---@field doc? string\n",
  "---@field value? threshold.expr|fun(c: threshold.case): any\n",
  "---@field when? threshold.when\n---@field type? string\n",
  "---@field values? string[]\n---@field unit? string\n",
  "\n",
  "---@class threshold.rule_spec\n",
  "---@field level string the local level it suggests\n",
  "---@field cite string the document and paragraph\n",
  "---@field reason string the plain-words reason\n",
  "---@field when threshold.when\n",
  "---@field actions? string[]\n---@field doc? string\n---@field tags? string[]\n",
  "---@field basis? threshold.basis\n---@field why? string why, for a judgement\n",
  "\n",
  "---@class threshold.flag_spec\n",
  "---@field cite string\n---@field reason string\n---@field when threshold.when\n",
  "---@field actions? string[]\n---@field doc? string\n---@field severity? string\n",
  "---@field tags? string[]\n---@field basis? threshold.basis\n---@field why? string\n",
  "\n",
  "---@class threshold.table_spec\n",
  "---@field inputs threshold.path[] the typed input columns\n",
  "---@field rows table[] { input values..., level } or with reason, cite, actions\n",
  "---@field cite string\n---@field reason string\n",
  "---@field hit? \"unique\"|\"first\"|\"priority\"|\"collect\"\n",
  "---@field actions? string[]\n---@field doc? string\n---@field tags? string[]\n",
  "---@field basis? threshold.basis\n---@field why? string\n",
  "\n",
  "---@class threshold.expect\n",
  "---@field level? string\n---@field fired? string[]\n---@field not_fired? string[]\n",
  "---@field flags? string[]\n---@field no_flags? string[]\n",
  "---@field status? \"complete\"|\"open\"|\"incomplete\"|\"invalid\"\n",
  "---@field missing? string[]\n---@field actions? string[]\n",
  "---@field could_be_higher? boolean\n---@field errors? integer\n",
  "---@field dated_after_assessment? string[]\n",
  "\n",
  "---@class threshold.test_spec\n",
  "---@field case threshold.case\n---@field expect threshold.expect\n",
  "---@field doc? string\n---@field cite? string\n",
  "\n",
  "---@class threshold.check_spec\n",
  "---@field when threshold.when\n---@field path string the field the message names\n",
  "---@field message string\n---@field doc? string\n",
  "\n",
  "---@class threshold.override_spec\n",
  "---@field cite string why the set changes it\n",
  "---@field level? string\n---@field reason? string\n---@field when? threshold.when\n",
  "---@field actions? string[]\n---@field basis? threshold.basis\n---@field why? string\n",
  "\n",
  "---@class threshold.disable_spec\n",
  "---@field cite string\n---@field reason? string\n",
  "\n",
  "---@param spec threshold.ruleset_spec\nfunction ruleset(spec) end\n",
  "---@param list threshold.level_spec[]\nfunction levels(list) end\n",
  "---@param dates threshold.date[]\nfunction bank_holidays(dates) end\n",
  "---@param path string\n---@return fun(spec: threshold.field_spec)\n",
  "function field(path) end\n",
  "---@param name string\n---@return fun(spec: threshold.fact_spec)\nfunction fact(name) end\n",
  "---@param name string\n---@return fun(spec: threshold.rule_spec)\nfunction rule(name) end\n",
  "---@param name string\n---@return fun(spec: threshold.flag_spec)\nfunction flag(name) end\n",
  "---@param name string\n---@return fun(spec: threshold.table_spec)\n",
  "function decision_table(name) end\n",
  "---@param name string\n---@return fun(spec: threshold.test_spec)\nfunction test(name) end\n",
  "---@param name string\n---@return fun(spec: threshold.override_spec)\n",
  "function override(name) end\n",
  "---@param name string\n---@return fun(spec: threshold.disable_spec)\n",
  "function disable(name) end\n",
  "---@param name string\n---@return fun(spec: threshold.check_spec)\nfunction check(name) end\n",
  "\n",
  "---The field (or fact) at path has this value.\n",
  "---@param path threshold.path\n---@param value any\n---@return threshold.condition\n",
  "function is(path, value) end\n",
  "---@param path threshold.path\n---@param value any\n---@return threshold.condition\n",
  "function is_not(path, value) end\n",
  "---@param path threshold.path\n---@param values any[]\n---@return threshold.condition\n",
  "function one_of(path, values) end\n",
  "---@param path threshold.operand\n---@param n number\n---@return threshold.condition\n",
  "function at_least(path, n) end\n",
  "---@param path threshold.operand\n---@param n number\n---@return threshold.condition\n",
  "function at_most(path, n) end\n",
  "---@param path threshold.operand\n---@param n number\n---@return threshold.condition\n",
  "function above(path, n) end\n",
  "---@param path threshold.operand\n---@param n number\n---@return threshold.condition\n",
  "function below(path, n) end\n",
  "---@param path threshold.operand\n---@param lo number\n---@param hi number\n",
  "---@return threshold.condition\nfunction between(path, lo, hi) end\n",
  "---@param path threshold.path\n---@return threshold.condition\nfunction present(path) end\n",
  "---The date at path is within n days before assessed_on.\n",
  "---@param path threshold.path\n---@param n number\n---@return threshold.condition\n",
  "function within_days(path, n) end\n",
  "---@param path threshold.path\n---@param n number\n---@return threshold.condition\n",
  "function at_least_days_ago(path, n) end\n",
  "---@param path threshold.path\n---@param n number\n---@return threshold.condition\n",
  "function at_least_months_ago(path, n) end\n",
  "---@param path threshold.path\n---@param n number\n---@return threshold.condition\n",
  "function at_least_working_days_ago(path, n) end\n",
  "---The date at path a is later than the date at path b.\n",
  "---@param a threshold.path\n---@param b threshold.path\n---@return threshold.condition\n",
  "function date_after(a, b) end\n",
  "---@param parts threshold.when[]\n---@return threshold.condition\nfunction all(parts) end\n",
  "---@param parts threshold.when[]\n---@return threshold.condition\nfunction any(parts) end\n",
  "---@param parts threshold.when[]\n---@return threshold.condition\nfunction none(parts) end\n",
  "---@param n integer\n---@param parts threshold.when[]\n---@return threshold.condition\n",
  "function at_least_n_of(n, parts) end\n",
  "---Another rule, flag or decision table fired for this case.\n",
  "---@param name string\n---@return threshold.condition\nfunction fired(name) end\n",
  "---The level the rules suggest (for flags only).\n",
  "---@param level string\n---@return threshold.condition\nfunction suggestion_is(level) end\n",
  "---How many entries of a list satisfy where (its paths are relative to one entry).\n",
  "---@param list threshold.path\n---@param where? threshold.when\n---@return threshold.expr\n",
  "function count(list, where) end\n",
  "---@param parts threshold.when[]\n---@return threshold.expr\nfunction how_many(parts) end\n",
  "---@param paths threshold.path[]\n---@return threshold.expr\nfunction largest(paths) end\n",
  "\n",
  "---@param date threshold.date\n---@param n integer\n---@return threshold.date\n",
  "function add_days(date, n) end\n",
  "---@param date threshold.date\n---@param n integer\n---@return threshold.date\n",
  "function add_working_days(date, n) end\n",
  "---@param from threshold.date\n---@param to threshold.date\n---@return integer\n",
  "function days_between(from, to) end\n",
  "---@param s any\n---@return boolean\nfunction is_date(s) end\n",
  "---@param date threshold.date\n---@return boolean\nfunction is_working_day(date) end\n",
  "---@param from threshold.date\n---@param to threshold.date\n---@return integer\n",
  "function months_between(from, to) end\n",
  "---@param from threshold.date\n---@param to threshold.date\n---@return integer\n",
  "function working_days_between(from, to) end\n",
  "---@param from threshold.date\n---@param to threshold.date\n---@return integer\n",
  "function years_between(from, to) end\n",
  "\n",
  "---A copy of base with changes laid over it (objects merge, lists are replaced).\n",
  "---@generic T\n---@param base T\n---@param changes table\n---@return T\n",
  "function with(base, changes) end\n",
  "---@type threshold.null\nnull = nil\n",
  "---Plain-text helpers (rules get no patterns).\n",
  "text = {}\n",
  "---@param s string\n---@param needle string\n---@return boolean\n",
  "function text.contains(s, needle) end\n",
  "---@param s string\n---@param prefix string\n---@return boolean\n",
  "function text.starts_with(s, prefix) end\n",
  "---@param s string\n---@param suffix string\n---@return boolean\n",
  "function text.ends_with(s, suffix) end\n",
  "---@param s string\n---@return string\nfunction text.lower(s) end\n",
  "---@param s string\n---@return string\nfunction text.upper(s) end\n",
  NULL
};

/* s as a Lua string literal, into buf. */
/* Text of any length, built in a memory stream: a long doc, path or
   enumeration is written whole, never cut at a buffer's end. NULL only
   when memory runs out. */
/* The text a memory stream wrote into *buf, once it is closed (the stream
   sets *buf only then); NULL, and nothing kept, when the stream failed. */
static char *closed(FILE *m, char **buf) {
  if (fclose(m) != 0) {
    free(*buf);
    return NULL;
  }
  return *buf;
}

static char *text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *text(const char *fmt, ...) {
  char *buf = NULL;
  size_t n = 0;
  FILE *m = open_memstream(&buf, &n);
  if (m == NULL)
    return NULL;
  va_list ap;
  va_start(ap, fmt);
  int bad = vfprintf(m, fmt, ap) < 0;
  va_end(ap);
  char *t = closed(m, &buf);
  if (bad) {
    free(t);
    return NULL;
  }
  return t;
}

/* s as a Lua string literal on one line. */
static void put_lit(FILE *m, const char *s) {
  fputc('"', m);
  for (; *s; s++) {
    if (*s == '"' || *s == '\\')
      fputc('\\', m);
    fputc((*s == '\n' || *s == '\r') ? ' ' : *s, m);
  }
  fputc('"', m);
}

static char *lit(const char *s) {
  char *buf = NULL;
  size_t n = 0;
  FILE *m = open_memstream(&buf, &n);
  if (m == NULL)
    return NULL;
  put_lit(m, s);
  return closed(m, &buf);
}

/* The class name of the object at schema path p ("" is the case). */
static char *class_name(const char *p) {
  char *buf = NULL;
  size_t n = 0;
  FILE *m = open_memstream(&buf, &n);
  if (m == NULL)
    return NULL;
  fputs(*p ? "threshold.case." : "threshold.case", m);
  for (; *p; p++) {
    if (p[0] == '[' && p[1] == ']') {
      fputs("_item", m);
      p++;
    } else {
      fputc(*p, m);
    }
  }
  return closed(m, &buf);
}

/* An enumeration's values as a union of string literals; as_list writes
   ("a"|"b")[]. */
static char *union_of(const json_t *values, int as_list) {
  char *buf = NULL;
  size_t n = 0, i;
  json_t *v;
  FILE *m = open_memstream(&buf, &n);
  if (m == NULL)
    return NULL;
  if (as_list)
    fputc('(', m);
  json_array_foreach(values, i, v) {
    if (i)
      fputc('|', m);
    put_lit(m, json_is_string(v) ? json_string_value(v) : "");
  }
  if (as_list)
    fputs(")[]", m);
  return closed(m, &buf);
}

static const char *lua_type(const char *ty) {
  if (strcmp(ty, "date") == 0) return "threshold.date";
  if (strcmp(ty, "integer") == 0 || strcmp(ty, "number") == 0 ||
      strcmp(ty, "boolean") == 0) return ty;
  return "string";
}

/* Appends line (taken) to lines; false when either is missing. */
static int append(json_t *lines, char *line) {
  int ok = lines != NULL && line != NULL &&
           json_array_append_new(lines, json_string(line)) == 0;
  free(line);
  return ok;
}

/* classes: class path -> array of its ---@field lines; the class of path's
   parent made when missing (an object declared only through its fields).
   NULL when memory runs out. */
static json_t *class_lines(json_t *classes, const char *path) {
  json_t *c = json_object_get(classes, path);
  if (c)
    return c;
  c = json_array();
  if (c == NULL || json_object_set_new(classes, path, c) != 0)
    return NULL;
  const char *dot = strrchr(path, '.');
  size_t len = strlen(path);
  if (len > 0 && !(len >= 2 && strcmp(path + len - 2, "[]") == 0)) {
    /* an object field (not a list's entry): its parent has a field for it */
    char *parent = text("%.*s", dot ? (int)(dot - path) : 0, path);
    char *cls = class_name(path);
    int ok = parent && cls &&
             append(class_lines(classes, parent),
                    text("---@field %s? %s", dot ? dot + 1 : path, cls));
    free(parent);
    free(cls);
    if (!ok)
      return NULL;
  }
  return c;
}

/* The Lua type of field f (its list and null forms included). */
static char *field_type(json_t *classes, const json_t *f, const char *path) {
  const char *ty = json_string_value(json_object_get(f, "type"));
  const char *of = json_string_value(json_object_get(f, "of"));
  int list = strcmp(ty, "array") == 0;
  const char *et = list ? (of ? of : "object") : ty;
  char *base;
  if (strcmp(et, "object") == 0) {
    char *sub = text("%s%s", path, list ? "[]" : "");
    base = sub ? class_name(sub) : NULL;
    if (sub && class_lines(classes, sub) == NULL) {   /* declared, even if empty */
      free(base);
      base = NULL;
    }
    free(sub);
    if (base && list) {
      char *l = text("%s[]", base);
      free(base);
      base = l;
    }
  } else if (strcmp(et, "enum") == 0) {
    base = union_of(json_object_get(f, "values"), list);
  } else {
    base = text("%s%s", lua_type(et), list ? "[]" : "");
  }
  if (base && json_is_true(json_object_get(f, "nullable"))) {
    char *n = text("%s|threshold.null", base);
    free(base);
    base = n;
  }
  return base;
}

/* The note after a field's type: its doc, its order, its default. */
static char *field_note(const json_t *f) {
  const char *doc = json_string_value(json_object_get(f, "doc"));
  int ordered = json_is_true(json_object_get(f, "ordered"));
  char *dflt = json_object_get(f, "default")
    ? json_dumps(json_object_get(f, "default"), JSON_ENCODE_ANY) : NULL;
  char *note = text("%s%s%s%s%s%s", doc ? doc : "", doc && ordered ? ". " : "",
                    ordered ? "Ordered from least to most concern." : "",
                    dflt && ordered ? " " : dflt && doc ? ". " : "",
                    dflt ? "Absent: " : "", dflt ? dflt : "");
  free(dflt);
  for (char *p = note; p && *p; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';
  return note;
}

static int add_field(json_t *classes, json_t *paths, const json_t *f) {
  const char *path = json_string_value(json_object_get(f, "path"));
  const char *ty = json_string_value(json_object_get(f, "type"));
  if (path == NULL || ty == NULL)
    return 0;
  const char *dot = strrchr(path, '.');
  const char *name = dot ? dot + 1 : path;
  char *parent = text("%.*s", dot ? (int)(dot - path) : 0, path);
  char *type = field_type(classes, f, path);
  char *note = field_note(f);
  char *line = type && note ? text("---@field %s? %s%s%s", name, type,
                                   *note ? " " : "", note) : NULL;
  json_t *lines = parent ? class_lines(classes, parent) : NULL;
  int ok = lines != NULL && line != NULL, placed = 0;
  if (ok && strcmp(ty, "object") == 0) {
    /* made by class_lines for a child first? then its line is there already */
    char *want = text("---@field %s? %s", name, type);
    size_t i;
    json_t *l;
    ok = want != NULL;
    json_array_foreach(lines, i, l)
      if (ok && strcmp(json_string_value(l), want) == 0) {
        ok = json_array_set_new(lines, i, json_string(line)) == 0;
        placed = 1;
        break;
      }
    free(want);
  }
  if (ok && !placed)
    ok = json_array_append_new(lines, json_string(line)) == 0;
  free(parent);
  free(type);
  free(note);
  free(line);
  if (!ok)
    return -1;
  /* A condition names a field by its dotted path, or, inside count(list,
     where), by its path within one entry. */
  const char *rel = strstr(path, "[].") ? strrchr(path, ']') + 2 : path;
  char *l2 = lit(rel);
  ok = l2 != NULL && (json_object_get(paths, l2) != NULL ||
                      json_object_set_new(paths, l2, json_true()) == 0);
  free(l2);
  return ok ? 0 : -1;
}

int schema_luals(FILE *out, const json_t *fields, const char *set, const char *version) {
  json_t *classes = json_object(), *paths = json_object();
  int bad = classes == NULL || paths == NULL || class_lines(classes, "") == NULL;
  size_t i;
  json_t *f;
  json_array_foreach(fields, i, f)
    if (!bad && add_field(classes, paths, f) != 0)
      bad = 1;
  if (bad) {
    json_decref(classes);
    json_decref(paths);
    return -1;
  }
  fprintf(out, "---@meta threshold\n"
               "-- LuaLS annotations for the rule set %s (%s): the case and the rule\n"
               "-- language. Generated by `threshold schema --format luals %s`; write it\n"
               "-- again when the schema changes. See docs/authoring.md (editor set-up).\n\n",
          set, version ? version : "no version", set);
  const char *key;
  json_t *lines;
  json_object_foreach(classes, key, lines) {
    char *cls = class_name(key);
    if (cls == NULL) {
      json_decref(classes);
      json_decref(paths);
      return -1;
    }
    fprintf(out, "---@class %s\n", cls);
    free(cls);
    size_t j;
    json_t *l;
    json_array_foreach(lines, j, l)
      fprintf(out, "%s\n", json_string_value(l));
    fputc('\n', out);
  }
  fputs("---A field path as data conditions write it (a fact's name is a path too).\n"
        "---@alias threshold.path\n", out);
  json_t *v;
  json_object_foreach(paths, key, v)
    fprintf(out, "---| %s\n", key);
  fputs("---| string\n\n", out);
  for (const char *const *d = dsl; *d; d++)
    fputs(*d, out);
  json_decref(classes);
  json_decref(paths);
  return ferror(out) ? -1 : 0;
}
