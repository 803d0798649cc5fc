/*
** pages_case.c -- the practitioner's pages: the case list with its
** filters, the case page (the suggestion, why, why not higher, open
** questions, flags, next steps, the GCP2 chart, the history) and recording
** a decision. Every view of a case goes into the store's access log first:
** a view that cannot be logged is not shown.
*/
#include <stdlib.h>
#include <string.h>

#include "serve.h"

static const char *const pathways[] = {"universal", "early_help", "child_in_need",
                                       "child_protection"};

static const char *str(json_t *o, const char *k) {
  return json_string_value(json_object_get(o, k));
}

/* A flag about drift: one raised by a rule set's drift file. */
static int is_drift(json_t *flag) {
  const char *src = str(flag, "source");
  const char *slash = src ? strrchr(src, '/') : NULL;
  return slash && strncmp(slash + 1, "drift", 5) == 0;
}

static void option(buf *b, const char *value, const char *label, const char *selected) {
  buf_str(b, "<option value=\"");
  buf_html(b, value);
  buf_str(b, selected && !strcmp(selected, value) ? "\" selected>" : "\">");
  buf_html(b, label);
  buf_str(b, "</option>");
}

static void case_link(buf *b, const char *id) {
  buf_str(b, "<a href=\"/cases/");
  buf_url(b, id);
  buf_str(b, "\">");
  buf_html(b, id);
  buf_str(b, "</a>");
}

void page_cases(req *r) {
  char *text = NULL;
  if (th_store_cases(r->ctx->store, &text) != TH_OK) {
    page_error(r, 503, "Unavailable", th_store_errmsg(r->ctx->store));
    return;
  }
  json_t *cases = json_loads(text, 0, NULL);
  th_free(text);
  const char *fp = req_query(r, "pathway"), *ff = req_query(r, "flag");
  int fdrift = req_query(r, "drift") != NULL, fopen = req_query(r, "open") != NULL;
  if (fp && *fp == '\0') fp = NULL;
  if (ff && *ff == '\0') ff = NULL;
  /* every flag raised, for the filter's choices */
  json_t *flag_names = json_object();
  size_t i, j;
  json_t *c, *f;
  json_array_foreach(cases, i, c) {
    json_array_foreach(json_object_get(json_object_get(c, "evaluation"), "flags"), j, f)
      if (str(f, "flag")) json_object_set_new(flag_names, str(f, "flag"), json_true());
  }
  page_begin(r, "Cases");
  buf *b = &r->body;
  buf_str(b, "<h1>Cases</h1><form method=\"get\" action=\"/cases\" class=\"filters\">"
             "<p><label for=\"f-pathway\">Pathway</label><select id=\"f-pathway\" name=\"pathway\">");
  option(b, "", "Any", fp ? fp : "");
  for (int k = 0; k < 4; k++)
    option(b, pathways[k], pathway_label(pathways[k]), fp);
  buf_str(b, "</select></p><p><label for=\"f-flag\">Flag</label>"
             "<select id=\"f-flag\" name=\"flag\">");
  option(b, "", "Any", ff ? ff : "");
  const char *name;
  json_t *v;
  json_object_foreach(flag_names, name, v)
    option(b, name, name, ff);
  buf_printf(b, "</select></p><p class=\"check\"><input type=\"checkbox\" id=\"f-drift\" "
             "name=\"drift\" value=\"1\"%s><label for=\"f-drift\">Drift</label></p>"
             "<p class=\"check\"><input type=\"checkbox\" id=\"f-open\" name=\"open\" "
             "value=\"1\"%s><label for=\"f-open\">Open questions</label></p>"
             "<p><button type=\"submit\">Filter</button></p></form>",
             fdrift ? " checked" : "", fopen ? " checked" : "");
  buf_str(b, "<table class=\"cases\"><caption>Cases and their latest suggestion</caption>"
             "<thead><tr><th scope=\"col\">Case</th><th scope=\"col\">Suggested pathway</th>"
             "<th scope=\"col\">Local level</th><th scope=\"col\">Status</th>"
             "<th scope=\"col\">Flags</th><th scope=\"col\">Open questions</th>"
             "<th scope=\"col\">Decision</th></tr></thead><tbody>");
  int shown = 0, matched = 0;
  json_array_foreach(cases, i, c) {
    json_t *ev = json_object_get(c, "evaluation");
    json_t *flags = json_object_get(ev, "flags");
    if (fp && (!str(ev, "pathway") || strcmp(str(ev, "pathway"), fp) != 0)) continue;
    int has_flag = ff == NULL, drift = 0;
    json_array_foreach(flags, j, f) {
      has_flag |= ff && str(f, "flag") && !strcmp(str(f, "flag"), ff);
      drift |= is_drift(f);
    }
    if (!has_flag || (fdrift && !drift)) continue;
    long long open = json_integer_value(json_object_get(ev, "undetermined"));
    if (fopen && open == 0) continue;
    if (++matched > 500) continue;
    shown++;
    buf_str(b, "<tr><th scope=\"row\">");
    case_link(b, str(c, "id"));
    buf_str(b, "</th><td>");
    buf_html(b, ev ? pathway_label(str(ev, "pathway")) : "Not evaluated");
    buf_str(b, "</td><td>");
    buf_html(b, str(ev, "local_level"));
    buf_str(b, "</td><td>");
    buf_html(b, str(ev, "status"));
    buf_printf(b, "</td><td>%zu</td><td>%lld</td><td>", json_array_size(flags), open);
    json_t *d = json_object_get(c, "decision");
    if (json_is_object(d)) {
      buf_str(b, json_is_true(json_object_get(d, "agree")) ? "Agreed" : "Override: ");
      if (!json_is_true(json_object_get(d, "agree")))
        buf_html(b, pathway_label(str(d, "level")));
    } else if (json_integer_value(json_object_get(c, "waiting_overrides")) > 0) {
      buf_str(b, "Override awaiting approval");
    }
    buf_str(b, "</td></tr>");
  }
  buf_printf(b, "</tbody></table><p class=\"count\">%d of %zu cases match%s.</p>", matched,
             json_array_size(cases), matched > shown ? "; the first 500 are shown" : "");
  page_end(r);
  json_decref(flag_names);
  json_decref(cases);
}

/* --- the case page ------------------------------------------------------- */

static void list_strings(buf *b, json_t *a, const char *cls) {
  size_t i;
  json_t *s;
  if (json_array_size(a) == 0)
    return;
  buf_printf(b, "<ul class=\"%s\">", cls);
  json_array_foreach(a, i, s) {
    buf_str(b, "<li>");
    buf_html(b, json_string_value(s));
    buf_str(b, "</li>");
  }
  buf_str(b, "</ul>");
}

static void dt(buf *b, const char *term, const char *value) {
  if (value == NULL)
    return;
  buf_printf(b, "<dt>%s</dt><dd>", term);
  buf_html(b, value);
  buf_str(b, "</dd>");
}

static void section_why(buf *b, json_t *res) {
  buf_str(b, "<section aria-labelledby=\"why\"><h2 id=\"why\">Why</h2>");
  json_t *findings = json_object_get(res, "findings");
  if (json_array_size(findings) == 0)
    buf_str(b, "<p>No rule applied: the needs found can be met by universal services.</p>");
  size_t i;
  json_t *f;
  json_array_foreach(findings, i, f) {
    buf_str(b, "<article class=\"finding\"><h3>");
    buf_html(b, str(f, "reason"));
    buf_str(b, "</h3><dl>");
    dt(b, "Level", pathway_label(str(f, "level")));
    dt(b, "Rule", str(f, "rule"));
    dt(b, "Cite", str(f, "cite"));
    dt(b, "Basis", str(f, "basis"));
    dt(b, "Judgement", str(f, "why"));
    dt(b, "Source", str(f, "source"));
    buf_str(b, "</dl></article>");
  }
  buf_str(b, "</section>");
}

static void section_why_not(buf *b, json_t *res) {
  json_t *wn = json_object_get(res, "why_not");
  if (!json_is_object(wn))
    return;
  buf_str(b, "<section aria-labelledby=\"whynot\"><h2 id=\"whynot\">Why not ");
  buf_html(b, str(wn, "label") ? str(wn, "label") : pathway_label(str(wn, "pathway")));
  buf_str(b, "</h2>");
  size_t i, j;
  json_t *rule, *x;
  json_array_foreach(json_object_get(wn, "rules"), i, rule) {
    buf_str(b, "<article class=\"whynot\"><h3>");
    buf_html(b, str(rule, "rule"));
    buf_str(b, "</h3><ul>");
    json_array_foreach(json_object_get(rule, "failed"), j, x) {
      buf_str(b, "<li>Not met: ");
      buf_html(b, json_string_value(x));
      buf_str(b, "</li>");
    }
    json_array_foreach(json_object_get(rule, "unknown"), j, x) {
      buf_str(b, "<li>Not known: ");
      buf_html(b, json_is_string(x) ? json_string_value(x) : str(x, "path"));
      buf_str(b, "</li>");
    }
    buf_str(b, "</ul><p class=\"cite\">");
    buf_html(b, str(rule, "cite"));
    buf_str(b, "</p></article>");
  }
  buf_str(b, "</section>");
}

static void section_open(buf *b, json_t *res) {
  json_t *und = json_object_get(res, "undetermined");
  buf_str(b, "<section aria-labelledby=\"open\"><h2 id=\"open\">Questions that could change "
             "the suggestion</h2>");
  if (json_array_size(und) == 0)
    buf_str(b, "<p>None: every rule could be decided from what is recorded.</p>");
  size_t i, j;
  json_t *u, *m;
  json_array_foreach(und, i, u) {
    buf_str(b, "<article class=\"question\"><h3>");
    buf_html(b, str(u, "rule"));
    buf_str(b, "</h3><p>Would suggest ");
    buf_html(b, pathway_label(str(u, "level")));
    buf_str(b, " if it applies. Record:</p><ul>");
    json_array_foreach(json_object_get(u, "missing"), j, m) {
      buf_str(b, "<li><code>");
      buf_html(b, json_string_value(m));
      buf_str(b, "</code></li>");
    }
    buf_str(b, "</ul></article>");
  }
  buf_str(b, "</section>");
}

static void section_flags(buf *b, json_t *res) {
  json_t *flags = json_object_get(res, "flags");
  buf_str(b, "<section aria-labelledby=\"flags\"><h2 id=\"flags\">Flags and timescales</h2>");
  if (json_array_size(flags) == 0)
    buf_str(b, "<p>No flags.</p>");
  size_t i;
  json_t *f;
  json_array_foreach(flags, i, f) {
    buf_str(b, "<article class=\"flag\"><h3>");
    buf_html(b, str(f, "flag"));
    buf_str(b, "</h3><dl>");
    dt(b, "Why", str(f, "reason"));
    dt(b, "Due", str(f, "due"));
    dt(b, "Cite", str(f, "cite"));
    dt(b, "Basis", str(f, "basis"));
    dt(b, "Judgement", str(f, "why"));
    dt(b, "Source", str(f, "source"));
    buf_str(b, "</dl>");
    list_strings(b, json_object_get(f, "actions"), "actions");
    buf_str(b, "</article>");
  }
  buf_str(b, "</section>");
}

/* GCP2 grades from every version of the case, one point per tool date. */
static void section_gcp2(buf *b, json_t *versions) {
  static const char *const areas[] = {"physical_care", "care_of_safety", "emotional_care",
                                      "developmental_care"};
  json_t *seen = json_object();   /* date -> grades */
  size_t i, j;
  json_t *v, *t;
  json_array_foreach(versions, i, v) {
    json_t *doc = json_loads(str(v, "doc") ? str(v, "doc") : "", 0, NULL);
    json_array_foreach(json_object_get(doc, "tools"), j, t) {
      const char *tool = str(t, "tool"), *on = str(t, "completed_on");
      if (tool && on && strncmp(tool, "gcp", 3) == 0 && json_is_object(json_object_get(t, "area_grades")))
        json_object_set(seen, on, json_object_get(t, "area_grades"));
    }
    json_decref(doc);
  }
  size_t n = json_object_size(seen);
  buf_str(b, "<section aria-labelledby=\"gcp2\"><h2 id=\"gcp2\">Graded Care Profile over "
             "time</h2>");
  if (n == 0) {
    buf_str(b, "<p>No Graded Care Profile is recorded.</p></section>");
    json_decref(seen);
    return;
  }
  const char **dates = calloc(n, sizeof *dates);
  int (*grades)[4] = calloc(n, sizeof *grades);
  size_t k = 0;
  const char *date;
  json_t *g;
  json_object_foreach(seen, date, g) {       /* keys sorted below */
    dates[k] = date;
    for (int a = 0; a < 4; a++)
      grades[k][a] = (int)json_integer_value(json_object_get(g, areas[a]));
    k++;
  }
  for (size_t x = 1; x < n; x++)      /* ISO dates sort as text */
    for (size_t y = x; y > 0 && strcmp(dates[y - 1], dates[y]) > 0; y--) {
      const char *td = dates[y]; dates[y] = dates[y - 1]; dates[y - 1] = td;
      int tg[4]; memcpy(tg, grades[y], sizeof tg);
      memcpy(grades[y], grades[y - 1], sizeof tg); memcpy(grades[y - 1], tg, sizeof tg);
    }
  svg_gcp2(b, dates, (const int (*)[4])grades, (int)n);
  free(dates);
  free(grades);
  json_decref(seen);
  buf_str(b, "</section>");
}

static void cell(buf *b, json_t *o, const char *k) {
  buf_str(b, "<td>");
  json_t *v = json_object_get(o, k);
  if (json_is_string(v)) buf_html(b, json_string_value(v));
  else if (json_is_integer(v)) buf_printf(b, "%lld", (long long)json_integer_value(v));
  buf_str(b, "</td>");
}

static void section_history(buf *b, json_t *c) {
  buf_str(b, "<section aria-labelledby=\"history\"><h2 id=\"history\">History</h2>"
             "<table><caption>Evaluations</caption><thead><tr><th scope=\"col\">When</th>"
             "<th scope=\"col\">Rule set</th><th scope=\"col\">Case version</th>"
             "<th scope=\"col\">Status</th><th scope=\"col\">Pathway</th>"
             "<th scope=\"col\">Local level</th></tr></thead><tbody>");
  size_t i;
  json_t *e;
  json_array_foreach(json_object_get(c, "evaluations"), i, e) {
    buf_str(b, "<tr>");
    cell(b, e, "at");
    buf_str(b, "<td>");
    buf_html(b, str(e, "ruleset"));
    buf_str(b, " ");
    buf_html(b, str(e, "ruleset_version"));
    buf_str(b, "</td>");
    cell(b, e, "case_version");
    cell(b, e, "status");
    buf_str(b, "<td>");
    buf_html(b, pathway_label(str(e, "pathway")));
    buf_str(b, "</td>");
    cell(b, e, "local_level");
    buf_str(b, "</tr>");
  }
  buf_str(b, "</tbody></table><table><caption>Decisions</caption><thead><tr>"
             "<th scope=\"col\">When</th><th scope=\"col\">By</th><th scope=\"col\">Decision</th>"
             "<th scope=\"col\">Reason</th></tr></thead><tbody>");
  json_array_foreach(json_object_get(c, "decisions"), i, e) {
    buf_str(b, "<tr>");
    cell(b, e, "at");
    cell(b, e, "by");
    buf_str(b, "<td>");
    buf_str(b, json_is_true(json_object_get(e, "agree")) ? "Agreed: " : "Override: ");
    buf_html(b, pathway_label(str(e, "level")));
    buf_str(b, "</td>");
    cell(b, e, "reason");
    buf_str(b, "</tr>");
  }
  buf_str(b, "</tbody></table><table><caption>Overrides</caption><thead><tr>"
             "<th scope=\"col\">When</th><th scope=\"col\">By</th><th scope=\"col\">Level</th>"
             "<th scope=\"col\">Type</th><th scope=\"col\">Reason</th><th scope=\"col\">State</th>"
             "<th scope=\"col\">Approver</th></tr></thead><tbody>");
  json_array_foreach(json_object_get(c, "overrides"), i, e) {
    buf_str(b, "<tr>");
    cell(b, e, "at");
    cell(b, e, "by");
    buf_str(b, "<td>");
    buf_html(b, pathway_label(str(e, "level")));
    buf_str(b, "</td>");
    cell(b, e, "type");
    cell(b, e, "reason");
    cell(b, e, "state");
    cell(b, e, "approver");
    buf_str(b, "</tr>");
  }
  buf_str(b, "</tbody></table></section>");
}

static void decision_form(req *r, const char *id, json_t *c, const char *error) {
  buf *b = &r->body;
  buf_str(b, "<section aria-labelledby=\"decide\"><h2 id=\"decide\">Record my decision</h2>");
  if (json_array_size(json_object_get(c, "evaluations")) == 0) {
    buf_str(b, "<p>This case has not been evaluated into the store yet, so there is no "
               "suggestion to decide on.</p></section>");
    return;
  }
  if (error) {
    buf_str(b, "<p class=\"error\" role=\"alert\" id=\"decide-error\">");
    buf_html(b, error);
    buf_str(b, "</p>");
  }
  buf_str(b, "<form method=\"post\" class=\"decide\" action=\"/cases/");
  buf_url(b, id);
  buf_str(b, "/decide\">");
  csrf_field(r);
  buf_str(b, "<fieldset><legend>My decision</legend>"
             "<p class=\"check\"><input type=\"radio\" id=\"choice-agree\" name=\"choice\" "
             "value=\"agree\" checked><label for=\"choice-agree\">I agree with the "
             "suggestion</label></p>"
             "<p class=\"check\"><input type=\"radio\" id=\"choice-override\" name=\"choice\" "
             "value=\"override\"><label for=\"choice-override\">I override it</label></p>"
             "</fieldset><div class=\"override-fields\" id=\"override-fields\">"
             "<p><label for=\"level\">My pathway</label><select id=\"level\" name=\"level\">");
  for (int k = 0; k < 4; k++)
    option(b, pathways[k], pathway_label(pathways[k]), NULL);
  buf_str(b, "</select></p><p><label for=\"type\">Type of override</label>"
             "<select id=\"type\" name=\"type\" aria-describedby=\"type-help\">"
             "<option value=\"discretionary\">Discretionary (professional judgement)</option>"
             "<option value=\"policy\">Policy (local policy directs it)</option></select></p>"
             "<p class=\"help\" id=\"type-help\">A discretionary override waits for an "
             "approver before it is recorded.</p>"
             "<p><label for=\"reason\">Reason</label><textarea id=\"reason\" name=\"reason\" "
             "rows=\"4\"></textarea></p></div>"
             "<p><button type=\"submit\">Record my decision</button></p></form></section>");
}

static void case_page(req *r, const char *id, const char *error) {
  char *text = NULL;
  th_store *s = r->ctx->store;
  int rc = th_store_case(s, id, &text);
  if (rc == TH_MISUSE) {
    page_error(r, 404, "No such case", "There is no case with that id in the store.");
    return;
  }
  char at[21];
  now_iso(at);
  if (rc != TH_OK || th_store_access(s, r->user, "view", id, at) != TH_OK) {
    th_free(text);
    page_error(r, 503, "Unavailable", "The case could not be read, or its view could not be "
               "recorded in the access log, so it is not shown.");
    return;
  }
  json_t *c = json_loads(text, 0, NULL);
  th_free(text);
  const char *doc = str(c, "doc");
  th_result *res = NULL;
  json_t *rj = NULL;
  if (doc && th_eval(r->ctx->engine, doc, strlen(doc), 0, &res) == TH_OK)
    rj = json_loads(th_result_json(res), 0, NULL);
  th_result_free(res);
  page_begin(r, id);
  buf *b = &r->body;
  buf_str(b, "<h1>Case ");
  buf_html(b, id);
  buf_str(b, "</h1>");
  if (req_query(r, "recorded"))
    buf_str(b, "<p class=\"done\" role=\"status\">Your decision is recorded.</p>");
  if (req_query(r, "waiting"))
    buf_str(b, "<p class=\"done\" role=\"status\">Your override waits for an approver.</p>");
  if (role_may(r->role, PERM_EDIT)) {
    buf_str(b, "<p><a href=\"/cases/");
    buf_url(b, id);
    buf_str(b, "/edit\">Edit this case</a></p>");
  }
  json_t *sg = json_object_get(rj, "suggestion");
  const char *status = str(rj, "status");
  buf_str(b, "<section class=\"suggestion\" aria-labelledby=\"suggested\">"
             "<h2 id=\"suggested\">Suggested pathway</h2>");
  if (json_is_object(sg)) {
    buf_str(b, "<p class=\"pathway\">");
    buf_html(b, pathway_label(str(sg, "pathway")));
    buf_str(b, "</p><p class=\"level\">Local level: <strong>");
    buf_html(b, str(sg, "local_level"));
    buf_str(b, "</strong> - ");
    buf_html(b, str(sg, "label"));
    buf_str(b, "</p>");
  } else {
    buf_str(b, "<p class=\"pathway\">No suggestion</p>");
  }
  buf_str(b, "<p class=\"status\">Status: ");
  buf_html(b, status ? status : "not evaluated");
  buf_str(b, "</p>");
  if (status && strcmp(status, "complete") != 0) {
    buf_str(b, "<p class=\"warning\">This result is not complete: ");
    buf_html(b, !strcmp(status, "invalid") ? "the case data has errors (edit the case)."
                : !strcmp(status, "open")
                    ? "open questions could raise this suggestion; answer them (see Questions "
                      "that could change the suggestion) before relying on it."
                : !strcmp(status, "incomplete")
                    ? "a rule, a limit or a table failed, so the suggestion may be wrong "
                      "and the rule set needs attention."
                    : "the result has a status this page does not know.");
    buf_str(b, "</p>");
  }
  buf_str(b, "<p class=\"notice\">");
  buf_html(b, str(rj, "notice"));
  buf_str(b, "</p></section>");
  section_why(b, rj);
  section_why_not(b, rj);
  section_open(b, rj);
  section_flags(b, rj);
  buf_str(b, "<section aria-labelledby=\"next\"><h2 id=\"next\">Next steps</h2>");
  if (json_array_size(json_object_get(rj, "actions")) == 0)
    buf_str(b, "<p>None set out by the rules.</p>");
  list_strings(b, json_object_get(rj, "actions"), "actions");
  buf_str(b, "</section>");
  section_gcp2(b, json_object_get(c, "versions"));
  if (role_may(r->role, PERM_DECIDE))
    decision_form(r, id, c, error);
  section_history(b, c);
  page_end(r);
  json_decref(rj);
  json_decref(c);
}

void page_case(req *r, const char *id) {
  case_page(r, id, NULL);
}

void post_decide(req *r, const char *id) {
  const char *choice = req_form(r, "choice");
  const char *level = req_form(r, "level"), *type = req_form(r, "type");
  const char *reason = req_form(r, "reason");
  th_store *s = r->ctx->store;
  char at[21];
  now_iso(at);
  char *entry = NULL;
  long long oid = 0;
  int rc;
  int override = choice && !strcmp(choice, "override");
  if (choice == NULL || (!override && strcmp(choice, "agree") != 0)) {
    r->status = 400;
    case_page(r, id, "Choose whether you agree or override.");
    return;
  }
  if (override)
    rc = th_store_override_propose(s, id, level, type, reason, r->user, at, &oid);
  else
    rc = th_store_decide(s, id, &(th_decision){.by = r->user}, at, &entry);
  th_free(entry);
  if (rc == TH_MISUSE) {
    /* the store's message says what is wrong: no reason, unknown level... */
    char *msg = strdup(th_store_errmsg(s));
    r->status = 400;
    case_page(r, id, msg ? msg : "The decision could not be recorded.");
    free(msg);
    return;
  }
  if (rc != TH_OK || th_store_access(s, r->user, override ? "override" : "agree", id, at) != TH_OK) {
    page_error(r, 503, "Unavailable", "The decision could not be recorded. Nothing was changed; "
               "try again.");
    return;
  }
  buf loc = {0};
  buf_str(&loc, "/cases/");
  buf_url(&loc, id);
  buf_str(&loc, override && type && !strcmp(type, "discretionary") ? "?waiting=1" : "?recorded=1");
  redirect(r, loc.p);
  buf_free(&loc);
}
