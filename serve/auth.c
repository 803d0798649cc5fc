/*
** auth.c -- signing in and out, sessions in cookies, CSRF tokens, roles
** and the login rate limit.
**
** The session cookie is HttpOnly and SameSite=Strict, and Secure unless
** the server listens on loopback (a TLS reverse proxy in front passes
** --secure-cookies). Every form carries the session's CSRF token; the
** login form, before there is a session, carries a token that must match
** a cookie set with the form (double submit).
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "login_limit.h"
#include "serve.h"

#define SESSION_IDLE (30 * 60)        /* ASVS 3.3: idle timeout */
#define SESSION_MAX (12 * 60 * 60)    /* and an absolute one */

const char *role_label(int role) {
  switch (role) {
  case TH_ROLE_READ_ONLY: return "Read-only";
  case TH_ROLE_PRACTITIONER: return "Practitioner";
  case TH_ROLE_APPROVER: return "Approver";
  case TH_ROLE_POLICY_LEAD: return "Policy lead";
  default: return "None";
  }
}

int role_may(int role, enum perm what) {
  switch (what) {
  case PERM_VIEW: return role >= TH_ROLE_READ_ONLY;
  case PERM_DECIDE:
  case PERM_EDIT: return role == TH_ROLE_PRACTITIONER || role == TH_ROLE_APPROVER;
  case PERM_APPROVE: return role == TH_ROLE_APPROVER;
  case PERM_POLICY: return role == TH_ROLE_POLICY_LEAD;
  }
  return 0;
}

/* --- rate limit (login_limit.c): one table for the process ------------- */

static login_limit *limit;
static pthread_once_t limit_once = PTHREAD_ONCE_INIT;

static void make_limit(void) { limit = login_limit_new(); }

/* Without the table (no memory) every sign-in is refused: never unlimited. */
static int limited(const char *ip, const char *name, long long now) {
  pthread_once(&limit_once, make_limit);
  return limit == NULL || login_limit_refuses(limit, ip, name, now);
}

static void count_failure(const char *ip, const char *name, long long now, int failed) {
  if (limit != NULL)
    login_limit_count(limit, ip, name, now, failed);
}

/* --- tokens and cookies -------------------------------------------------- */

static int random_hex(char out[65]) {
  unsigned char b[32];
  if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b)
    return 0;
  for (int i = 0; i < 32; i++)
    snprintf(out + 2 * i, 3, "%02x", b[i]);
  return 1;
}

static char *cookie(const char *name, const char *value, long long max_age) {
  buf c = {0};
  buf_printf(&c, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s", name, value,
             max_age, serve_cfg.secure_cookies ? "; Secure" : "");
  return c.p;
}

static int same(const char *a, const char *b) {
  size_t n = strlen(a);
  if (n != strlen(b) || n == 0)
    return 0;
  unsigned char d = 0;
  for (size_t i = 0; i < n; i++)
    d |= (unsigned char)(a[i] ^ b[i]);
  return d == 0;
}

void session_load(req *r, const char *token) {
  if (token == NULL || strlen(token) != 64)
    return;
  char *name = NULL;
  int role;
  if (th_store_session_get(r->ctx->store, token, now_secs(), SESSION_IDLE, SESSION_MAX, &name,
                           &role, r->csrf) != TH_OK || name == NULL) {
    th_free(name);
    return;
  }
  r->user = strdup(name);
  th_free(name);
  r->role = role;
  snprintf(r->token, sizeof r->token, "%s", token);
}

int csrf_ok(req *r) {
  const char *t = req_form(r, "csrf");
  return t != NULL && r->csrf[0] != '\0' && same(t, r->csrf);
}

void csrf_field(req *r) {
  buf_printf(&r->body, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->csrf);
}

/* --- pages --------------------------------------------------------------- */

/* Only a local path: never an address elsewhere (no open redirect). */
static const char *safe_next(const char *next) {
  if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
      strchr(next, '\r') || strchr(next, '\n') || strncmp(next, "/login", 6) == 0)
    return "/cases";
  return next;
}

/* 64 hex digits: a token this server made. */
static int is_token(const char *t) {
  size_t n = t ? strlen(t) : 0;
  if (n != 64)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (!((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'a' && t[i] <= 'f')))
      return 0;
  return 1;
}

void page_login(req *r, const char *message) {
  /* The browser's sign-in token is kept while it lasts, so that a second
     sign-in page (another tab, a redirected favicon) does not spoil the
     first one's form. */
  const char *kept = req_cookie(r, "th_login");
  if (is_token(kept)) {
    snprintf(r->csrf, sizeof r->csrf, "%s", kept);
  } else if (!random_hex(r->csrf)) {
    page_error(r, 500, "Server error", "The server's random source failed.");
    return;
  }
  free(r->cookie[0]);
  r->cookie[0] = cookie("th_login", r->csrf, 3600);
  const char *next = safe_next(r->method[0] == 'P' ? req_form(r, "next") : req_query(r, "next"));
  page_begin(r, "Sign in");
  buf *b = &r->body;
  buf_str(b, "<h1>Sign in</h1>");
  if (message) {
    buf_str(b, "<p class=\"error\" role=\"alert\" id=\"login-error\">");
    buf_html(b, message);
    buf_str(b, "</p>");
  }
  buf_str(b, "<form method=\"post\" action=\"/login\" class=\"login\">");
  csrf_field(r);
  buf_str(b, "<input type=\"hidden\" name=\"next\" value=\"");
  buf_html(b, next);
  buf_str(b, "\"><p><label for=\"name\">Account name</label>"
             "<input id=\"name\" name=\"name\" autocomplete=\"username\" required autofocus></p>"
             "<p><label for=\"password\">Password</label>"
             "<input id=\"password\" name=\"password\" type=\"password\" "
             "autocomplete=\"current-password\" required></p>"
             "<p><button type=\"submit\">Sign in</button></p></form>");
  page_end(r);
}

void post_login(req *r, const char *ip) {
  const char *name = req_form(r, "name"), *password = req_form(r, "password");
  const char *posted = req_form(r, "csrf");
  const char *kept = req_cookie(r, "th_login");
  if (posted == NULL || kept == NULL || !same(posted, kept)) {
    page_error(r, 403, "The form has expired",
               "The sign-in form's security token is missing or does not match. "
               "Reload the sign-in page and try again.");
    return;
  }
  if (name == NULL || password == NULL || *name == '\0') {
    r->status = 400;
    page_login(r, "Give your account name and password.");
    return;
  }
  long long now = now_secs();
  if (limited(ip, name, now)) {
    r->status = 429;
    page_login(r, "Too many failed attempts. Wait 15 minutes and try again.");
    return;
  }
  int role = TH_ROLE_NONE;
  char at[21];
  now_iso(at);
  if (th_store_user_check(r->ctx->store, name, password, &role) != TH_OK) {
    page_error(r, 503, "Unavailable", "The case store cannot be read just now.");
    return;
  }
  count_failure(ip, name, now, role == TH_ROLE_NONE);
  if (role == TH_ROLE_NONE) {
    r->status = 401;
    page_login(r, "That account name and password do not match.");
    return;
  }
  char token[65], csrf[65];
  if (th_store_session_new(r->ctx->store, name, now, token, csrf) != TH_OK ||
      th_store_access(r->ctx->store, name, "login", NULL, at) != TH_OK) {
    page_error(r, 503, "Unavailable", "The session could not be started.");
    return;
  }
  free(r->cookie[0]);
  r->cookie[0] = cookie("th_session", token, SESSION_MAX);
  r->cookie[1] = cookie("th_login", "", 0);
  redirect(r, safe_next(req_form(r, "next")));
}

void post_logout(req *r) {
  char at[21];
  now_iso(at);
  th_store_session_end(r->ctx->store, r->token);
  th_store_access(r->ctx->store, r->user, "logout", NULL, at);
  r->cookie[0] = cookie("th_session", "", 0);
  redirect(r, "/login");
}
