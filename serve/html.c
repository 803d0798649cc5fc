/*
** html.c -- the page frame (header, navigation by role, footer), error
** pages, and labels shared by pages.
*/
#include <string.h>

#include "serve.h"

const char *pathway_label(const char *p) {
  if (p == NULL) return "No suggestion";
  if (!strcmp(p, "universal")) return "Universal services";
  if (!strcmp(p, "early_help")) return "Early help";
  if (!strcmp(p, "child_in_need")) return "Child in need (s17)";
  if (!strcmp(p, "child_protection")) return "Child protection (s47)";
  return p;
}

static void nav_link(buf *b, const char *href, const char *text) {
  buf_printf(b, "<li><a href=\"%s\">%s</a></li>", href, text);
}

void page_begin(req *r, const char *title) {
  buf *b = &r->body;
  buf_str(b, "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             "<title>");
  buf_html(b, title);
  buf_str(b, " - threshold</title><link rel=\"stylesheet\" href=\"/static/app.css\">"
             "<script src=\"/static/app.js\" defer></script></head><body>"
             "<a class=\"skip\" href=\"#main\">Skip to content</a>"
             "<header class=\"top\"><p class=\"brand\">threshold</p>");
  if (r->user) {
    buf_str(b, "<nav aria-label=\"Main\"><ul>");
    nav_link(b, "/cases", "Cases");
    if (role_may(r->role, PERM_EDIT))
      nav_link(b, "/cases/new", "New case");
    if (role_may(r->role, PERM_APPROVE))
      nav_link(b, "/approvals", "Approvals");
    if (role_may(r->role, PERM_POLICY)) {
      nav_link(b, "/report", "Caseload report");
      nav_link(b, "/diff", "Rule change preview");
    }
    buf_str(b, "</ul></nav><form method=\"post\" action=\"/logout\" class=\"who\"><span>");
    buf_html(b, r->user);
    buf_printf(b, " (%s)</span> ", role_label(r->role));
    csrf_field(r);
    buf_str(b, "<button type=\"submit\">Sign out</button></form>");
  }
  buf_str(b, "</header><main id=\"main\">");
}

void page_end(req *r) {
  buf_str(&r->body, "</main><footer><p>Suggestions support professional judgement; "
                    "they do not replace it.</p></footer></body></html>");
}

void page_error(req *r, int status, const char *title, const char *detail) {
  buf_free(&r->body);
  r->body.oom = 0;
  r->status = status;
  page_begin(r, title);
  buf_printf(&r->body, "<h1>%s</h1><p class=\"error-detail\">", title);
  buf_html(&r->body, detail);
  buf_printf(&r->body, "</p><p>Error %d. <a href=\"/cases\">Back to the cases</a></p>", status);
  page_end(r);
}
