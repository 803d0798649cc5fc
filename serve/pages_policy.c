/*
** pages_policy.c -- overrides waiting for an approver, and the policy
** lead's pages: the caseload report with charts, and the rule-change
** preview (th_store_diff: the transition matrix and the cases that move).
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "serve.h"

static const char *str(json_t *o, const char *k) {
  return json_string_value(json_object_get(o, k));
}

static long long num(json_t *o, const char *k) {
  return json_integer_value(json_object_get(o, k));
}

static void text_cell(buf *b, const char *t) {
  buf_str(b, "<td>");
  buf_html(b, t);
  buf_str(b, "</td>");
}

void page_approvals(req *r) {
  char *text = NULL;
  if (th_store_overrides(r->ctx->store, &text) != TH_OK) {
    page_error(r, 503, "Unavailable", th_store_errmsg(r->ctx->store));
    return;
  }
  json_t *o = json_loads(text, 0, NULL);
  th_free(text);
  page_begin(r, "Approvals");
  buf *b = &r->body;
  buf_str(b, "<h1>Overrides waiting for approval</h1>");
  if (req_query(r, "done"))
    buf_str(b, "<p class=\"done\" role=\"status\">Done: the override is settled.</p>");
  json_t *waiting = json_object_get(o, "waiting");
  if (json_array_size(waiting) == 0)
    buf_str(b, "<p>No override is waiting.</p>");
  size_t i;
  json_t *w;
  json_array_foreach(waiting, i, w) {
    const char *cid = str(w, "case");
    buf_str(b, "<article class=\"approval\"><h2>Case <a href=\"/cases/");
    buf_url(b, cid);
    buf_str(b, "\">");
    buf_html(b, cid);
    buf_str(b, "</a></h2><dl><dt>Proposed pathway</dt><dd>");
    buf_html(b, pathway_label(str(w, "level")));
    buf_str(b, "</dd><dt>Type</dt><dd>");
    buf_html(b, str(w, "type"));
    buf_str(b, "</dd><dt>Reason</dt><dd>");
    buf_html(b, str(w, "reason"));
    buf_str(b, "</dd><dt>By</dt><dd>");
    buf_html(b, str(w, "by"));
    buf_str(b, "</dd><dt>When</dt><dd>");
    buf_html(b, str(w, "at"));
    buf_printf(b, "</dd></dl><form method=\"post\" action=\"/approvals/%lld\">", num(w, "id"));
    csrf_field(r);
    buf_str(b, "<button type=\"submit\" name=\"action\" value=\"approve\">Approve</button> "
               "<button type=\"submit\" name=\"action\" value=\"refuse\">Refuse</button>"
               "</form></article>");
  }
  page_end(r);
  json_decref(o);
}

void post_approval(req *r, const char *id_text) {
  char *end;
  long long id = strtoll(id_text, &end, 10);
  const char *action = req_form(r, "action");
  if (*id_text == '\0' || *end != '\0' || id <= 0 || action == NULL ||
      (strcmp(action, "approve") != 0 && strcmp(action, "refuse") != 0)) {
    page_error(r, 400, "Bad request", "Approve or refuse one override.");
    return;
  }
  char at[21];
  now_iso(at);
  th_store *s = r->ctx->store;
  char *text = NULL;
  const char *case_id = NULL;
  json_t *o = NULL, *w;
  size_t i;
  if (th_store_overrides(s, &text) == TH_OK && (o = json_loads(text, 0, NULL)) != NULL)
    json_array_foreach(json_object_get(o, "waiting"), i, w)
      if (num(w, "id") == id) case_id = str(w, "case");
  th_free(text);
  int rc = th_store_override_settle(s, id, !strcmp(action, "approve"), r->user, at);
  if (rc == TH_MISUSE) {
    page_error(r, 409, "Cannot settle this override", th_store_errmsg(s));
  } else if (rc != TH_OK || th_store_access(s, r->user, action, case_id, at) != TH_OK) {
    page_error(r, 503, "Unavailable", "The approval could not be recorded; try again.");
  } else {
    redirect(r, "/approvals?done=1");
  }
  json_decref(o);
}

/* --- the caseload report ------------------------------------------------ */

static void bars_from(buf *b, const char *title, json_t *rows, const char *label_key,
                      const char *value_key, const char *unit, int max_rows) {
  int n = (int)json_array_size(rows);
  if (n > max_rows) n = max_rows;
  if (n == 0) {
    buf_str(b, "<p>None yet.</p>");
    return;
  }
  const char **labels = calloc((size_t)n, sizeof *labels);
  double *values = calloc((size_t)n, sizeof *values);
  for (int i = 0; labels && values && i < n; i++) {
    json_t *row = json_array_get(rows, (size_t)i);
    labels[i] = str(row, label_key) ? str(row, label_key) : "";
    json_t *v = json_object_get(row, value_key);
    values[i] = json_is_number(v) ? json_number_value(v) : 0;
  }
  if (labels && values)
    svg_bars(b, title, labels, values, n, unit);
  free(labels);
  free(values);
}

void page_report(req *r) {
  char *text = NULL, *otext = NULL;
  th_store *s = r->ctx->store;
  if (th_store_report(s, NULL, &text) != TH_OK || th_store_overrides(s, &otext) != TH_OK) {
    th_free(text);
    page_error(r, 503, "No report yet", th_store_errmsg(s));
    return;
  }
  json_t *rep = json_loads(text, 0, NULL), *ov = json_loads(otext, 0, NULL);
  th_free(text);
  th_free(otext);
  page_begin(r, "Caseload report");
  buf *b = &r->body;
  buf_str(b, "<h1>Caseload report</h1><p>Rule set ");
  buf_html(b, str(rep, "ruleset"));
  buf_printf(b, ", %lld cases, latest evaluation of each.</p>", num(rep, "cases"));
  /* pathway mix: the report's rows are per pathway, level and status */
  static const char *const pw[] = {"universal", "early_help", "child_in_need", "child_protection"};
  json_t *mix = json_array();
  for (int k = 0; k < 4; k++) {
    long long n = 0;
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(rep, "pathways"), i, row)
      if (str(row, "pathway") && !strcmp(str(row, "pathway"), pw[k])) n += num(row, "cases");
    json_array_append_new(mix, json_pack("{s:s, s:I}", "label", pathway_label(pw[k]), "cases",
                                         (json_int_t)n));
  }
  buf_str(b, "<section aria-labelledby=\"mix\"><h2 id=\"mix\">Pathway mix</h2>");
  bars_from(b, "Cases by suggested pathway", mix, "label", "cases", "", 4);
  buf_str(b, "</section><section aria-labelledby=\"rflags\"><h2 id=\"rflags\">Flags</h2>");
  bars_from(b, "Cases by flag raised", json_object_get(rep, "flags"), "flag", "cases", "", 12);
  buf_str(b, "</section><section aria-labelledby=\"orates\"><h2 id=\"orates\">Override rates"
             "</h2><h3>By rule</h3>");
  bars_from(b, "Override rate by rule (per cent of decisions)",
            json_object_get(rep, "overrides_by_rule"), "rule", "override_pct", "%", 12);
  buf_str(b, "<h3>By suggested level</h3>");
  bars_from(b, "Override rate by suggested level (per cent of decisions)",
            json_object_get(rep, "overrides_by_level"), "suggested_level", "override_pct", "%", 8);
  buf_str(b, "<h3>By type</h3>");
  json_t *types = json_array();
  size_t i;
  json_t *row;
  json_array_foreach(json_object_get(ov, "by_type"), i, row) {
    buf l = {0};
    buf_printf(&l, "%s, %s", str(row, "type"), str(row, "state"));
    json_array_append_new(types, json_pack("{s:s, s:I}", "label", l.p ? l.p : "", "count",
                                           (json_int_t)num(row, "count")));
    buf_free(&l);
  }
  bars_from(b, "Overrides by type and state", types, "label", "count", "", 8);
  buf_str(b, "<table><caption>Override rates by rule</caption><thead><tr>"
             "<th scope=\"col\">Rule</th><th scope=\"col\">Decisions</th>"
             "<th scope=\"col\">Overrides</th><th scope=\"col\">Rate</th></tr></thead><tbody>");
  json_array_foreach(json_object_get(rep, "overrides_by_rule"), i, row) {
    buf_str(b, "<tr>");
    text_cell(b, str(row, "rule"));
    buf_printf(b, "<td>%lld</td><td>%lld</td><td>%.1f%%</td></tr>", num(row, "decisions"),
               num(row, "overrides"), json_number_value(json_object_get(row, "override_pct")));
  }
  buf_str(b, "</tbody></table></section>");
  page_end(r);
  json_decref(mix);
  json_decref(types);
  json_decref(rep);
  json_decref(ov);
}

/* --- the rule-change preview --------------------------------------------- */

/* The rule sets beside the served one (folders holding ruleset.lua). */
static json_t *sibling_sets(void) {
  json_t *names = json_array();
  char *root = strdup(serve_cfg.rules_dir);
  char *slash = root ? strrchr(root, '/') : NULL;
  if (slash == NULL) {
    free(root);
    return names;
  }
  *slash = '\0';
  DIR *d = opendir(*root ? root : "/");
  struct dirent *de;
  while (d && (de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.')
      continue;
    buf p = {0};
    buf_printf(&p, "%s/%s/ruleset.lua", root, de->d_name);
    struct stat st;
    if (p.p && stat(p.p, &st) == 0)
      json_array_append_new(names, json_string(de->d_name));
    buf_free(&p);
  }
  if (d)
    closedir(d);
  free(root);
  return names;
}

void page_diff(req *r) {
  json_t *sets = sibling_sets();
  const char *with = req_query(r, "with");
  int known = 0;
  size_t i;
  json_t *n;
  json_array_foreach(sets, i, n)
    known |= with && !strcmp(json_string_value(n), with);
  if (with && *with && !known) {
    json_decref(sets);
    page_error(r, 400, "No such rule set", "Choose one of the rule sets offered.");
    return;
  }
  page_begin(r, "Rule change preview");
  buf *b = &r->body;
  buf_str(b, "<h1>Rule change preview</h1><p>What would change for the stored caseload if "
             "cases were evaluated with another rule set instead of ");
  buf_html(b, th_engine_ruleset_id(r->ctx->engine));
  buf_str(b, ". Nothing is written.</p><form method=\"get\" action=\"/diff\">"
             "<p><label for=\"with\">Compare with</label><select id=\"with\" name=\"with\">");
  json_array_foreach(sets, i, n) {
    buf_str(b, "<option");
    buf_str(b, with && !strcmp(json_string_value(n), with) ? " selected>" : ">");
    buf_html(b, json_string_value(n));
    buf_str(b, "</option>");
  }
  buf_str(b, "</select></p><p><button type=\"submit\">Preview</button></p></form>");
  json_decref(sets);
  if (with && *with) {
    buf dir = {0};
    char *root = strdup(serve_cfg.rules_dir), *slash = root ? strrchr(root, '/') : NULL;
    if (slash) *slash = '\0';
    buf_printf(&dir, "%s/%s", root ? root : "", with);
    free(root);
    th_engine *e2 = NULL;
    char *text = NULL;
    if (th_engine_new(&e2, 0) != TH_OK || th_engine_load(e2, dir.p) != TH_OK) {
      buf_str(b, "<p class=\"error\">That rule set does not load: ");
      buf_html(b, th_errmsg(e2));
      buf_str(b, "</p>");
    } else if (th_store_diff(r->ctx->store, r->ctx->engine, e2, NULL, NULL, &text) != TH_OK) {
      buf_str(b, "<p class=\"error\">");
      buf_html(b, th_store_errmsg(r->ctx->store));
      buf_str(b, "</p>");
    } else {
      json_t *d = json_loads(text, 0, NULL);
      static const char *const pw[] = {"universal", "early_help", "child_in_need",
                                       "child_protection"};
      buf_printf(b, "<p class=\"moved\">%lld of %lld cases would move.</p>", num(d, "moved_count"),
                 num(d, "cases"));
      buf_str(b, "<table class=\"matrix\"><caption>Transition matrix: rows now, columns with ");
      buf_html(b, with);
      buf_str(b, "</caption><thead><tr><th scope=\"col\">Now</th>");
      for (int k = 0; k < 4; k++)
        buf_printf(b, "<th scope=\"col\">%s</th>", pathway_label(pw[k]));
      buf_str(b, "</tr></thead><tbody>");
      json_t *m = json_object_get(d, "matrix");
      for (int k = 0; k < 4; k++) {
        buf_printf(b, "<tr><th scope=\"row\">%s</th>", pathway_label(pw[k]));
        for (int l = 0; l < 4; l++)
          buf_printf(b, "<td>%lld</td>", num(json_object_get(m, pw[k]), pw[l]));
        buf_str(b, "</tr>");
      }
      buf_str(b, "</tbody></table><table><caption>Cases that move</caption><thead><tr>"
                 "<th scope=\"col\">Case</th><th scope=\"col\">From</th><th scope=\"col\">To</th>"
                 "<th scope=\"col\">Rules that now apply</th><th scope=\"col\">Rules that no "
                 "longer apply</th></tr></thead><tbody>");
      json_t *mv;
      size_t j;
      json_array_foreach(json_object_get(d, "moved"), i, mv) {
        if (i >= 200) break;
        buf_str(b, "<tr><td><a href=\"/cases/");
        buf_url(b, str(mv, "case"));
        buf_str(b, "\">");
        buf_html(b, str(mv, "case"));
        buf_str(b, "</a></td>");
        text_cell(b, pathway_label(str(mv, "from")));
        text_cell(b, pathway_label(str(mv, "to")));
        for (int side = 0; side < 2; side++) {
          buf_str(b, "<td>");
          json_array_foreach(json_object_get(mv, side ? "rules_removed" : "rules_added"), j, n) {
            if (j) buf_str(b, "; ");
            buf_html(b, json_string_value(n));
          }
          buf_str(b, "</td>");
        }
        buf_str(b, "</tr>");
      }
      buf_str(b, "</tbody></table>");
      json_decref(d);
    }
    th_free(text);
    th_engine_free(e2);
    buf_free(&dir);
  }
  page_end(r);
}
