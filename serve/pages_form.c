/*
** pages_form.c -- entering and editing a case with a form made from the
** rule set's schema (th_engine_schema). Inputs are named by the data path
** the engine uses in its messages ("concerns[0].frequency"), so each
** message is shown beside its field. "Check" evaluates the case without
** storing it; "Save" stores a valid case as a new version and evaluates it.
** Fields the schema does not know are kept as they were.
*/
#include <stdlib.h>
#include <string.h>

#include "serve.h"

#define MAX_ENTRIES 200     /* list entries a form may carry */

static const char *str(json_t *o, const char *k) {
  return json_string_value(json_object_get(o, k));
}

/* The part of path after parent ("child.dob" under "child" is "dob"). */
static const char *child_key(const char *path, const char *parent) {
  size_t n = strlen(parent);
  if (n == 0)
    return strchr(path, '.') ? NULL : path;
  if (strncmp(path, parent, n) != 0 || path[n] != '.')
    return NULL;
  const char *k = path + n + 1;
  return strchr(k, '.') ? NULL : k;
}

static void label_of(buf *b, const char *key) {
  for (const char *p = key; *p; p++) {
    char c = *p == '_' ? ' ' : *p;
    if (p == key && c >= 'a' && c <= 'z')
      c = (char)(c - 'a' + 'A');
    buf_add(b, &c, 1);
  }
}

/* The input's id: the data path with [ ] . turned into - (a valid id). */
static void id_of(buf *b, const char *path) {
  buf_str(b, "f-");
  for (const char *p = path; *p; p++) {
    char c = (*p == '[' || *p == ']' || *p == '.') ? '-' : *p;
    buf_add(b, &c, 1);
  }
}

static void message_for(buf *b, json_t *msgs, const char *path) {
  json_t *m = json_object_get(msgs, path);
  if (m == NULL)
    return;
  buf_str(b, "<span class=\"field-error\" id=\"");
  id_of(b, path);
  buf_str(b, "-msg\">");
  buf_html(b, json_string_value(m));
  buf_str(b, "</span>");
}

static void scalar_text(buf *b, json_t *v) {
  if (json_is_string(v)) buf_html(b, json_string_value(v));
  else if (json_is_integer(v)) buf_printf(b, "%lld", (long long)json_integer_value(v));
  else if (json_is_real(v)) buf_printf(b, "%.15g", json_real_value(v));
}

typedef struct form_ctx {
  buf *b;
  json_t *schema;
  json_t *msgs;        /* data path -> message */
  int readonly_id;
} form_ctx;

static void render_children(form_ctx *fc, const char *spath, const char *dpath, json_t *obj);

static void render_input(form_ctx *fc, json_t *f, const char *dpath, json_t *v) {
  buf *b = fc->b;
  const char *type = str(f, "type"), *doc = str(f, "doc");
  const char *key = strrchr(dpath, '.') ? strrchr(dpath, '.') + 1 : dpath;
  int has_msg = json_object_get(fc->msgs, dpath) != NULL;
  buf_str(b, has_msg ? "<p class=\"field invalid\"><label for=\"" : "<p class=\"field\"><label for=\"");
  id_of(b, dpath);
  buf_str(b, "\">");
  label_of(b, key);
  buf_str(b, "</label>");
  /* aria-describedby: the engine's message and the field's doc */
  buf ids = {0};
  if (has_msg) { id_of(&ids, dpath); buf_str(&ids, "-msg "); }
  if (doc) { id_of(&ids, dpath); buf_str(&ids, "-doc"); }
  if (!strcmp(type, "enum") || !strcmp(type, "boolean")) {
    buf_str(b, "<select id=\"");
    id_of(b, dpath);
    buf_str(b, "\" name=\"");
    buf_html(b, dpath);
    buf_str(b, "\"");
    if (ids.p) { buf_str(b, " aria-describedby=\""); buf_str(b, ids.p); buf_str(b, "\""); }
    buf_str(b, "><option value=\"\">(not recorded)</option>");
    const char *cur = json_is_string(v) ? json_string_value(v)
                      : json_is_true(v) ? "true" : json_is_false(v) ? "false" : NULL;
    json_t *values = json_object_get(f, "values"), *opt;
    size_t i;
    int matched = 0;
    if (!strcmp(type, "boolean")) {
      buf_printf(b, "<option value=\"true\"%s>Yes</option><option value=\"false\"%s>No</option>",
                 cur && !strcmp(cur, "true") ? " selected" : "",
                 cur && !strcmp(cur, "false") ? " selected" : "");
      matched = cur == NULL || !strcmp(cur, "true") || !strcmp(cur, "false");
    }
    json_array_foreach(values, i, opt) {
      const char *o = json_string_value(opt);
      int sel = cur && o && !strcmp(cur, o);
      matched |= sel;
      buf_str(b, "<option value=\"");
      buf_html(b, o);
      buf_str(b, sel ? "\" selected>" : "\">");
      buf_html(b, o);
      buf_str(b, "</option>");
    }
    if (cur && !matched && strcmp(type, "boolean") != 0) {   /* keep a bad value to show it */
      buf_str(b, "<option selected value=\"");
      buf_html(b, cur);
      buf_str(b, "\">");
      buf_html(b, cur);
      buf_str(b, " (not a value of this field)</option>");
    } else if (!strcmp(type, "enum") && !matched) {
      matched = 1;
    }
    buf_str(b, "</select>");
  } else {
    int is_date = !strcmp(type, "date"), is_num = !strcmp(type, "number") || !strcmp(type, "integer");
    buf_str(b, "<input id=\"");
    id_of(b, dpath);
    buf_str(b, "\" name=\"");
    buf_html(b, dpath);
    buf_printf(b, "\" type=\"text\"%s%s", is_num ? " inputmode=\"decimal\"" : "",
               is_date ? " placeholder=\"YYYY-MM-DD\"" : "");
    if (fc->readonly_id && !strcmp(dpath, "id"))
      buf_str(b, " readonly");
    if (ids.p) { buf_str(b, " aria-describedby=\""); buf_str(b, ids.p); buf_str(b, "\""); }
    buf_str(b, " value=\"");
    scalar_text(b, v);
    buf_str(b, "\">");
  }
  buf_free(&ids);
  message_for(b, fc->msgs, dpath);
  if (doc) {
    buf_str(b, "<span class=\"help\" id=\"");
    id_of(b, dpath);
    buf_str(b, "-doc\">");
    buf_html(b, doc);
    buf_str(b, "</span>");
  }
  buf_str(b, "</p>");
}

static void render_field(form_ctx *fc, json_t *f, const char *dpath, json_t *v) {
  buf *b = fc->b;
  const char *type = str(f, "type"), *spath = str(f, "path");
  const char *key = strrchr(dpath, '.') ? strrchr(dpath, '.') + 1 : dpath;
  if (!strcmp(type, "object")) {
    buf_str(b, "<fieldset><legend>");
    label_of(b, key);
    buf_str(b, "</legend>");
    message_for(b, fc->msgs, dpath);
    render_children(fc, spath, dpath, json_is_object(v) ? v : NULL);
    buf_str(b, "</fieldset>");
  } else if (!strcmp(type, "array")) {
    buf_str(b, "<fieldset class=\"list\"><legend>");
    label_of(b, key);
    buf_str(b, "</legend>");
    message_for(b, fc->msgs, dpath);
    size_t n = json_is_array(v) ? json_array_size(v) : 0;
    buf epath = {0}, sp = {0};
    buf_printf(&sp, "%s[]", spath);
    int of_object = !str(f, "of") || !strcmp(str(f, "of"), "object");
    for (size_t i = 0; i <= n && i < MAX_ENTRIES; i++) {   /* and one blank entry */
      epath.n = 0;
      buf_printf(&epath, "%s[%zu]", dpath, i);
      json_t *e = i < n ? json_array_get(v, i) : NULL;
      buf_str(b, "<fieldset class=\"entry\"><legend>");
      label_of(b, key);
      buf_printf(b, i < n ? " %zu" : " %zu (new)", i + 1);
      buf_str(b, "</legend>");
      if (of_object) {
        render_children(fc, sp.p, epath.p, json_is_object(e) ? e : NULL);
      } else {
        json_t *ef = json_pack("{s:s, s:s, s:O*}", "path", sp.p, "type", str(f, "of"), "values",
                               json_object_get(f, "values"));
        render_input(fc, ef, epath.p, e);
        json_decref(ef);
      }
      buf_str(b, "</fieldset>");
    }
    buf_free(&epath);
    buf_free(&sp);
    buf_str(b, "</fieldset>");
  } else {
    render_input(fc, f, dpath, v);
  }
}

static void render_children(form_ctx *fc, const char *spath, const char *dpath, json_t *obj) {
  size_t i;
  json_t *f;
  json_array_foreach(fc->schema, i, f) {
    const char *key = child_key(str(f, "path"), spath);
    if (key == NULL)
      continue;
    buf d = {0};
    buf_printf(&d, "%s%s%s", dpath, *dpath ? "." : "", key);
    render_field(fc, f, d.p, obj ? json_object_get(obj, key) : NULL);
    buf_free(&d);
  }
}

/* --- the posted form back into a case ----------------------------------- */

static int has_prefix(req *r, const char *prefix) {
  size_t n = strlen(prefix);
  for (int i = 0; i < r->nform; i++)
    if (strncmp(r->form[i].key, prefix, n) == 0)
      return 1;
  return 0;
}

/* The value of a scalar typed as the schema says; a text that is not of
   the type is kept as text, for the engine to say what is wrong. */
static json_t *typed(const char *type, const char *text) {
  char *end;
  if (!strcmp(type, "integer")) {
    long long v = strtoll(text, &end, 10);
    if (*text && *end == '\0') return json_integer(v);
  } else if (!strcmp(type, "number")) {
    double v = strtod(text, &end);
    if (*text && *end == '\0') return json_real(v);
  } else if (!strcmp(type, "boolean")) {
    if (!strcmp(text, "true")) return json_true();
    if (!strcmp(text, "false")) return json_false();
  }
  return json_string(text);
}

static void collect_children(req *r, json_t *schema, const char *spath, const char *dpath,
                             json_t *obj);

/* Set or remove key in obj from the form (f's field at dpath). */
static void collect_field(req *r, json_t *schema, json_t *f, const char *dpath, json_t *obj,
                          const char *key) {
  const char *type = str(f, "type"), *spath = str(f, "path");
  if (!strcmp(type, "object")) {
    json_t *sub = json_object_get(obj, key);
    sub = json_is_object(sub) ? json_incref(sub) : json_object();
    collect_children(r, schema, spath, dpath, sub);
    if (json_object_size(sub)) json_object_set(obj, key, sub);
    else json_object_del(obj, key);
    json_decref(sub);
  } else if (!strcmp(type, "array")) {
    buf ep = {0};
    buf_printf(&ep, "%s[", dpath);
    int in_form = ep.p && has_prefix(r, ep.p);
    buf_free(&ep);
    if (!in_form)
      return;          /* the list is not in the form: left as it was */
    json_t *old = json_object_get(obj, key), *list = json_array();
    buf sp = {0};
    buf_printf(&sp, "%s[]", spath);
    int of_object = !str(f, "of") || !strcmp(str(f, "of"), "object");
    for (size_t i = 0; i < MAX_ENTRIES; i++) {
      ep.n = 0;
      buf_printf(&ep, "%s[%zu]", dpath, i);
      if (!has_prefix(r, ep.p))
        break;
      if (of_object) {
        json_t *e = json_array_get(old, i);
        e = json_is_object(e) ? json_deep_copy(e) : json_object();
        collect_children(r, schema, sp.p, ep.p, e);
        if (json_object_size(e)) json_array_append(list, e);
        json_decref(e);
      } else {
        const char *t = req_form(r, ep.p);
        if (t && *t) json_array_append_new(list, typed(str(f, "of"), t));
      }
    }
    buf_free(&sp);
    buf_free(&ep);
    if (json_array_size(list)) json_object_set(obj, key, list);
    else json_object_del(obj, key);
    json_decref(list);
  } else {
    const char *t = req_form(r, dpath);
    if (t == NULL)
      return;          /* not in the form: left as it was */
    if (*t) json_object_set_new(obj, key, typed(type, t));
    else json_object_del(obj, key);   /* empty: not recorded */
  }
}

static void collect_children(req *r, json_t *schema, const char *spath, const char *dpath,
                             json_t *obj) {
  size_t i;
  json_t *f;
  json_array_foreach(schema, i, f) {
    const char *key = child_key(str(f, "path"), spath);
    if (key == NULL)
      continue;
    buf d = {0};
    buf_printf(&d, "%s%s%s", dpath, *dpath ? "." : "", key);
    collect_field(r, schema, f, d.p, obj, key);
    buf_free(&d);
  }
}

/* --- pages --------------------------------------------------------------- */

static json_t *stored_doc(req *r, const char *id) {
  char *text = NULL;
  if (th_store_case(r->ctx->store, id, &text) != TH_OK)
    return NULL;
  json_t *c = json_loads(text, 0, NULL);
  th_free(text);
  json_t *doc = json_loads(str(c, "doc") ? str(c, "doc") : "", 0, NULL);
  json_decref(c);
  return doc;
}

static void edit_form(req *r, const char *id, json_t *doc, json_t *result) {
  json_t *msgs = json_object();
  size_t i;
  json_t *e;
  json_array_foreach(json_object_get(result, "warnings"), i, e)
    if (str(e, "path")) json_object_set_new(msgs, str(e, "path"), json_string(str(e, "message")));
  json_array_foreach(json_object_get(result, "case_errors"), i, e)
    if (str(e, "path")) json_object_set_new(msgs, str(e, "path"), json_string(str(e, "message")));
  buf title = {0};
  buf_str(&title, id ? "Edit case " : "New case");
  buf_str(&title, id);
  page_begin(r, title.p);
  buf *b = &r->body;
  buf_str(b, "<h1>");
  buf_html(b, title.p);
  buf_free(&title);
  buf_str(b, "</h1>");
  if (result) {
    const char *status = str(result, "status");
    json_t *sg = json_object_get(result, "suggestion");
    buf_str(b, "<section class=\"check-result\" aria-labelledby=\"checked\" role=\"status\">"
               "<h2 id=\"checked\">Checked by the rules</h2><p>");
    if (!strcmp(status ? status : "", "invalid")) {
      buf_printf(b, "The case has %zu error%s: see the messages beside the fields.",
                 json_array_size(json_object_get(result, "case_errors")),
                 json_array_size(json_object_get(result, "case_errors")) == 1 ? "" : "s");
    } else {
      buf_str(b, "Suggested pathway: <strong class=\"pathway-inline\">");
      buf_html(b, pathway_label(str(sg, "pathway")));
      buf_str(b, "</strong> (");
      buf_html(b, status);
      buf_str(b, "). Nothing is stored until you save.");
    }
    buf_str(b, "</p></section>");
  }
  buf_str(b, "<form method=\"post\" class=\"case-form\" action=\"");
  if (id) {
    buf_str(b, "/cases/");
    buf_url(b, id);
    buf_str(b, "/edit");
  } else {
    buf_str(b, "/cases/new");
  }
  buf_str(b, "\" novalidate>");
  csrf_field(r);
  form_ctx fc = {b, r->ctx->schema, msgs, id != NULL};
  render_children(&fc, "", "", doc);
  buf_str(b, "<p class=\"actions\"><button type=\"submit\" name=\"action\" value=\"check\">"
             "Check</button> <button type=\"submit\" name=\"action\" value=\"save\">Save"
             "</button></p></form>");
  page_end(r);
  json_decref(msgs);
}

void page_edit(req *r, const char *id) {
  json_t *doc = id ? stored_doc(r, id) : json_object();
  if (doc == NULL) {
    page_error(r, 404, "No such case", "There is no case with that id in the store.");
    return;
  }
  edit_form(r, id, doc, NULL);
  json_decref(doc);
}

void post_edit(req *r, const char *id) {
  json_t *doc = id ? stored_doc(r, id) : json_object();
  if (doc == NULL) {
    page_error(r, 404, "No such case", "There is no case with that id in the store.");
    return;
  }
  collect_children(r, r->ctx->schema, "", "", doc);
  if (id)
    json_object_set_new(doc, "id", json_string(id));   /* an edit keeps its id */
  const char *action = req_form(r, "action");
  int save = action && !strcmp(action, "save");
  char *text = json_dumps(doc, JSON_COMPACT);
  th_result *res = NULL;
  json_t *rj = NULL;
  int rc = text ? th_eval(r->ctx->engine, text, strlen(text), save ? TH_EVAL_VALIDATE : TH_EVAL_BRIEF,
                          &res) : TH_NOMEM;
  if (rc == TH_OK)
    rj = json_loads(th_result_json(res), 0, NULL);
  int valid = rc == TH_OK && th_result_status(res) != TH_RESULT_INVALID;
  th_result_free(res);
  const char *new_id = str(doc, "id");
  if (save && valid && (new_id == NULL || *new_id == '\0')) {
    json_t *errs = json_object_get(rj, "case_errors");
    if (!json_is_array(errs)) json_object_set_new(rj, "case_errors", errs = json_array());
    json_array_append_new(errs, json_pack("{s:s, s:s}", "path", "id", "message",
                                          "a case needs an id to be stored"));
    json_object_set_new(rj, "status", json_string("invalid"));
    valid = 0;
  }
  if (!save || !valid || rc != TH_OK) {
    if (rc != TH_OK) {
      free(text);
      json_decref(doc);
      page_error(r, 400, "The case could not be checked", th_errmsg(r->ctx->engine));
      return;
    }
    if (save) r->status = 422;
    edit_form(r, id, doc, rj);
    json_decref(rj);
    json_decref(doc);
    free(text);
    return;
  }
  json_decref(rj);
  char at[21];
  now_iso(at);
  char *report = NULL, *summary = NULL;
  th_store *s = r->ctx->store;
  rc = th_store_import(s, r->ctx->engine, text, strlen(text), TH_FORMAT_JSON, TH_IMPORT_STRICT,
                       at, &report);
  free(text);
  th_free(report);
  if (rc == TH_OK)
    rc = th_store_eval(s, r->ctx->engine, TH_STORE_CHANGED_ONLY, at, NULL, NULL, &summary);
  th_free(summary);
  if (rc == TH_OK)
    rc = th_store_access(s, r->user, id ? "edit" : "create", new_id, at);
  if (rc != TH_OK) {
    json_decref(doc);
    page_error(r, 503, "Not saved", th_store_errmsg(s));
    return;
  }
  buf loc = {0};
  buf_str(&loc, "/cases/");
  buf_url(&loc, new_id);
  json_decref(doc);
  redirect(r, loc.p);
  buf_free(&loc);
}
