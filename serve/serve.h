/*
** serve.h -- `threshold serve`: the pieces of the web application for
** practitioners and policy leads. It is a client of the public headers
** (threshold.h, threshold_access.h) and of libmicrohttpd.
*/
#ifndef THRESHOLD_SERVE_H
#define THRESHOLD_SERVE_H

#include <stddef.h>

#include <jansson.h>

#include "threshold.h"
#include "threshold_access.h"

/* A growing text buffer; on no memory it stops growing and says so. */
typedef struct buf {
  char *p;
  size_t n, cap;
  int oom;
} buf;

void buf_add(buf *b, const char *s, size_t n);
void buf_str(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 2, 3)))
#endif
  ;
/* s with & < > " ' escaped, for text and attribute values. NULL: nothing. */
void buf_html(buf *b, const char *s);
/* s percent-encoded for a URL path segment or query value. */
void buf_url(buf *b, const char *s);
void buf_free(buf *b);

/* Settings of one server, fixed at start. */
typedef struct serve_config {
  const char *store_path;
  char *rules_dir;           /* the rule set's folder */
  const char *rules_name;
  char *rules_root;          /* where other rule sets are found (diff) */
  int secure_cookies;        /* not on loopback */
  int threads;
} serve_config;

extern serve_config serve_cfg;

/* What a thread serves with: its own store and engine (each is one per
   thread at a time), opened on the thread's first request. */
typedef struct serve_ctx {
  th_store *store;
  th_engine *engine;
  json_t *schema;            /* th_engine_schema, parsed */
} serve_ctx;

/* One form value (application/x-www-form-urlencoded). */
typedef struct form_kv {
  char *key;
  buf val;
} form_kv;

/* One request as the pages see it, and the response they build. */
typedef struct req {
  void *conn;                /* struct MHD_Connection */
  const char *method, *path;
  serve_ctx *ctx;
  /* the signed-in user (NULL: none) */
  char *user;
  int role;
  char csrf[65];
  char token[65];
  /* the posted form */
  form_kv *form;
  int nform, capform;
  size_t form_bytes;
  int form_too_big;
  void *post;                /* struct MHD_PostProcessor */
  /* the response */
  int status;
  buf body;
  const char *content_type;
  char *location;            /* a redirect */
  char *cookie[2];           /* Set-Cookie values */
  const char *route;         /* the route's pattern, for the server's log */
  const char *allow;         /* for 405 */
} req;

/* Query-string value, or NULL. */
const char *req_query(req *r, const char *key);
/* A cookie's value, or NULL. */
const char *req_cookie(req *r, const char *name);
/* Posted value, or NULL. */
const char *req_form(req *r, const char *key);
/* The current time as ISO 8601 UTC, and in seconds. */
void now_iso(char out[21]);
long long now_secs(void);

/* Responses. */
void page_begin(req *r, const char *title);
void page_end(req *r);
void page_error(req *r, int status, const char *title, const char *detail);
void redirect(req *r, const char *location);
/* A hidden input with the session's CSRF token. */
void csrf_field(req *r);

/* Pages. */
void page_cases(req *r);
void page_case(req *r, const char *id);
void post_decide(req *r, const char *id);
void page_edit(req *r, const char *id);      /* id NULL: a new case */
void post_edit(req *r, const char *id);
void page_approvals(req *r);
void post_approval(req *r, const char *id);
void page_report(req *r);
void page_diff(req *r);

/* Login, sessions, roles (auth.c). */
void page_login(req *r, const char *message);
void post_login(req *r, const char *ip);
void post_logout(req *r);
/* Load the session from the request's cookie into r->user/role/csrf. */
void session_load(req *r, const char *cookie_header);
/* 1 when the posted csrf matches the session's (constant time). */
int csrf_ok(req *r);
/* Names shown for roles. */
const char *role_label(int role);
/* 1 when role may do `what`. */
enum perm { PERM_VIEW, PERM_DECIDE, PERM_EDIT, PERM_APPROVE, PERM_POLICY };
int role_may(int role, enum perm what);

/* Charts (svg.c). */
void svg_bars(buf *b, const char *title, const char *const *labels,
              const double *values, int n, const char *unit);
/* GCP2 area grades over time: dates[i] with grades[i][area] (0: none). */
void svg_gcp2(buf *b, const char *const *dates, const int (*grades)[4], int n);

/* Labels for pathways. */
const char *pathway_label(const char *pathway);

/* Static files (static.c). */
int static_file(const char *path, const char **type, const unsigned char **data,
                size_t *len);

#endif
