/*
** server.c -- `threshold serve STORE [-r SET] [--listen HOST:PORT]`: the
** HTTP server (libmicrohttpd, a pool of threads, each with its own store
** and engine), routing, security headers, error pages and the server's own
** log. The log names the route's pattern, never a case id or any case
** content.
*/
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "cli.h"
#include "serve.h"

serve_config serve_cfg;
static int quiet;

#define MAX_FORM_BYTES (256 * 1024)
#define MAX_FORM_FIELDS 4000

static const char serve_usage[] =
  "usage: threshold serve STORE [-r SET] [--listen HOST:PORT] [--threads N]\n"
  "                       [--secure-cookies] [--quiet]\n"
  "\n"
  "Serves the case store to practitioners and policy leads in a browser.\n"
  "  -r SET            the rule set cases are evaluated with (default core)\n"
  "  --listen H:P      address to listen on (default 127.0.0.1:8080)\n"
  "  --threads N       worker threads (default 4)\n"
  "  --secure-cookies  mark cookies Secure on loopback too (behind a TLS\n"
  "                    reverse proxy); they always are on other addresses\n"
  "  --quiet           no request log on standard error\n"
  "Accounts: threshold db user add STORE NAME --role ROLE\n";

/* --- per-thread contexts ------------------------------------------------- */

static pthread_mutex_t ctx_lock = PTHREAD_MUTEX_INITIALIZER;
static serve_ctx **all_ctx;
static int nctx;
static _Thread_local serve_ctx *thread_ctx;

static serve_ctx *ctx_get(void) {
  if (thread_ctx)
    return thread_ctx;
  serve_ctx *x = calloc(1, sizeof *x);
  if (x == NULL)
    return NULL;
  char *schema = NULL;
  if (th_store_open(&x->store, serve_cfg.store_path, 0) != TH_OK ||
      th_engine_new(&x->engine, 0) != TH_OK ||
      th_engine_load(x->engine, serve_cfg.rules_dir) != TH_OK ||
      th_engine_schema(x->engine, &schema) != TH_OK) {
    fprintf(stderr, "threshold serve: a worker could not open the store or rules\n");
    th_store_close(x->store);
    th_engine_free(x->engine);
    free(x);
    return NULL;
  }
  x->schema = json_loads(schema, 0, NULL);
  th_free(schema);
  pthread_mutex_lock(&ctx_lock);
  serve_ctx **v = realloc(all_ctx, (size_t)(nctx + 1) * sizeof *v);
  if (v) {
    all_ctx = v;
    all_ctx[nctx++] = x;
  }
  pthread_mutex_unlock(&ctx_lock);
  thread_ctx = x;
  return x;
}

static void ctx_free_all(void) {
  for (int i = 0; i < nctx; i++) {
    th_store_close(all_ctx[i]->store);
    th_engine_free(all_ctx[i]->engine);
    json_decref(all_ctx[i]->schema);
    free(all_ctx[i]);
  }
  free(all_ctx);
}

/* --- request helpers ----------------------------------------------------- */

const char *req_query(req *r, const char *key) {
  return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *req_cookie(req *r, const char *name) {
  return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *req_form(req *r, const char *key) {
  for (int i = 0; i < r->nform; i++)
    if (strcmp(r->form[i].key, key) == 0)
      return r->form[i].val.p ? r->form[i].val.p : "";
  return NULL;
}

void now_iso(char out[21]) {
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

long long now_secs(void) {
  return (long long)time(NULL);
}

void redirect(req *r, const char *location) {
  free(r->location);
  r->location = strdup(location);
  r->status = 303;
}

static enum MHD_Result post_iter(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *filename, const char *content_type,
                                 const char *transfer_encoding, const char *data,
                                 uint64_t off, size_t size) {
  (void)kind, (void)filename, (void)content_type, (void)transfer_encoding;
  req *r = cls;
  r->form_bytes += size + strlen(key);
  if (r->form_bytes > MAX_FORM_BYTES || r->nform >= MAX_FORM_FIELDS) {
    r->form_too_big = 1;
    return MHD_NO;
  }
  form_kv *kv = r->nform ? &r->form[r->nform - 1] : NULL;
  if (off == 0 || kv == NULL || strcmp(kv->key, key) != 0) {
    if (r->nform == r->capform) {
      int cap = r->capform ? r->capform * 2 : 32;
      form_kv *v = realloc(r->form, (size_t)cap * sizeof *v);
      if (v == NULL)
        return MHD_NO;
      r->form = v;
      r->capform = cap;
    }
    kv = &r->form[r->nform++];
    memset(kv, 0, sizeof *kv);
    kv->key = strdup(key);
    buf_str(&kv->val, "");
    if (kv->key == NULL)
      return MHD_NO;
  }
  buf_add(&kv->val, data, size);
  return MHD_YES;
}

static void req_free(req *r) {
  if (r == NULL)
    return;
  if (r->post)
    MHD_destroy_post_processor(r->post);
  for (int i = 0; i < r->nform; i++) {
    free(r->form[i].key);
    buf_free(&r->form[i].val);
  }
  free(r->form);
  free(r->user);
  buf_free(&r->body);
  free(r->location);
  free(r->cookie[0]);
  free(r->cookie[1]);
  free(r);
}

/* --- routing ------------------------------------------------------------- */

static int is(const req *r, const char *m) {
  return strcmp(r->method, m) == 0;
}

/* Whether path is /cases/ID or /cases/ID/...: 1 with *id a copy of the id
** of any length (the caller frees it) and *rest at what follows it; 0 if
** it names no case; -1 if the copy could not be made (out of memory). */
static int case_path(const char *path, char **id, const char **rest) {
  if (strncmp(path, "/cases/", 7) != 0)
    return 0;
  const char *p = path + 7, *slash = strchr(p, '/');
  size_t n = slash ? (size_t)(slash - p) : strlen(p);
  if (n == 0)
    return 0;
  *rest = slash ? slash : "";
  *id = strndup(p, n);
  return *id ? 1 : -1;
}

static int allowed(req *r, enum perm what) {
  if (role_may(r->role, what))
    return 1;
  page_error(r, 403, "Not allowed",
             "Your role does not allow this page or action. Ask an administrator "
             "if you need it.");
  return 0;
}

static void method_not_allowed(req *r, const char *allow) {
  r->allow = allow;
  page_error(r, 405, "Method not allowed", "This address does not accept that request.");
}

static void route(req *r, const char *ip) {
  const char *p = r->path;
  if (strcmp(p, "/favicon.ico") == 0) {
    r->route = "/favicon.ico";      /* none: said without asking to sign in */
    page_error(r, 404, "Not found", "There is no such file.");
    return;
  }
  if (strncmp(p, "/static/", 8) == 0) {
    r->route = "/static/*";
    return;   /* served by the handler */
  }
  if (strcmp(p, "/login") == 0) {
    r->route = "/login";
    if (is(r, "GET")) page_login(r, NULL);
    else if (is(r, "POST")) post_login(r, ip);
    else method_not_allowed(r, "GET, POST");
    return;
  }
  session_load(r, req_cookie(r, "th_session"));
  if (r->user == NULL) {
    r->route = "(no session)";
    buf next = {0};
    buf_str(&next, "/login?next=");
    buf_url(&next, p);
    redirect(r, next.p ? next.p : "/login");
    buf_free(&next);
    return;
  }
  if (!is(r, "GET") && !is(r, "POST")) {
    r->route = "(method)";
    method_not_allowed(r, "GET, POST");
    return;
  }
  if (is(r, "POST") && !csrf_ok(r)) {
    r->route = "(csrf)";
    page_error(r, 403, "The form has expired",
               "The form's security token is missing or does not match your session. "
               "Go back, reload the page and try again.");
    return;
  }
  char *id = NULL;
  const char *rest;
  int is_case;
  if (strcmp(p, "/") == 0) {
    r->route = "/";
    redirect(r, "/cases");
  } else if (strcmp(p, "/logout") == 0) {
    r->route = "/logout";
    if (is(r, "POST")) post_logout(r);
    else method_not_allowed(r, "POST");
  } else if (strcmp(p, "/cases") == 0) {
    r->route = "/cases";
    if (!is(r, "GET")) method_not_allowed(r, "GET");
    else if (allowed(r, PERM_VIEW)) page_cases(r);
  } else if (strcmp(p, "/cases/new") == 0) {
    r->route = "/cases/new";
    if (allowed(r, PERM_EDIT)) {
      if (is(r, "GET")) page_edit(r, NULL);
      else post_edit(r, NULL);
    }
  } else if ((is_case = case_path(p, &id, &rest)) != 0) {
    if (is_case < 0) {
      r->route = "/cases/:id";
      page_error(r, 503, "Unavailable", "The server is short of memory just now; try again.");
    } else if (*rest == '\0') {
      r->route = "/cases/:id";
      if (!is(r, "GET")) method_not_allowed(r, "GET");
      else if (allowed(r, PERM_VIEW)) page_case(r, id);
    } else if (strcmp(rest, "/edit") == 0) {
      r->route = "/cases/:id/edit";
      if (allowed(r, PERM_EDIT)) {
        if (is(r, "GET")) page_edit(r, id);
        else post_edit(r, id);
      }
    } else if (strcmp(rest, "/decide") == 0) {
      r->route = "/cases/:id/decide";
      if (!is(r, "POST")) method_not_allowed(r, "POST");
      else if (allowed(r, PERM_DECIDE)) post_decide(r, id);
    } else {
      r->route = "(not found)";
      page_error(r, 404, "Not found", "There is no such page.");
    }
  } else if (strcmp(p, "/approvals") == 0) {
    r->route = "/approvals";
    if (!is(r, "GET")) method_not_allowed(r, "GET");
    else if (allowed(r, PERM_APPROVE)) page_approvals(r);
  } else if (strncmp(p, "/approvals/", 11) == 0) {
    r->route = "/approvals/:id";
    if (!is(r, "POST")) method_not_allowed(r, "POST");
    else if (allowed(r, PERM_APPROVE)) post_approval(r, p + 11);
  } else if (strcmp(p, "/report") == 0) {
    r->route = "/report";
    if (!is(r, "GET")) method_not_allowed(r, "GET");
    else if (allowed(r, PERM_POLICY)) page_report(r);
  } else if (strcmp(p, "/diff") == 0) {
    r->route = "/diff";
    if (!is(r, "GET")) method_not_allowed(r, "GET");
    else if (allowed(r, PERM_POLICY)) page_diff(r);
  } else {
    r->route = "(not found)";
    page_error(r, 404, "Not found", "There is no such page.");
  }
  free(id);
}

/* --- responses ----------------------------------------------------------- */

/* Headers every response carries. Inline SVG is markup, not script or
   style, so the policy allows no inline code at all. */
static void security_headers(struct MHD_Response *resp, int cacheable) {
  MHD_add_response_header(resp, "Content-Security-Policy",
                          "default-src 'none'; script-src 'self'; style-src 'self'; "
                          "img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                          "base-uri 'none'");
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "X-Frame-Options", "DENY");
  MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
  MHD_add_response_header(resp, "Cache-Control", cacheable ? "private, max-age=3600"
                                                           : "no-store");
}

static enum MHD_Result respond(struct MHD_Connection *c, req *r) {
  struct MHD_Response *resp;
  const char *type = r->content_type ? r->content_type : "text/html; charset=utf-8";
  int cacheable = 0;
  const unsigned char *data;
  size_t len;
  const char *stype;
  if (r->status == 0 && strncmp(r->route ? r->route : "", "/static/", 8) == 0) {
    if (!is(r, "GET") && !is(r, "HEAD")) {
      method_not_allowed(r, "GET");
    } else if (static_file(r->path + 8, &stype, &data, &len)) {
      r->status = 200;
      type = stype;
      cacheable = 1;
    } else {
      page_error(r, 404, "Not found", "There is no such file.");
    }
  }
  if (r->status == 0)
    r->status = 200;
  if (r->body.oom) {
    buf_free(&r->body);
    r->status = 500;
  }
  if (cacheable) {
    resp = MHD_create_response_from_buffer(len, (void *)(uintptr_t)data, MHD_RESPMEM_PERSISTENT);
  } else {
    size_t n = r->body.n;
    char *body = r->body.p;
    r->body.p = NULL;
    r->body.n = r->body.cap = 0;
    resp = MHD_create_response_from_buffer(n, body ? body : strdup(""), MHD_RESPMEM_MUST_FREE);
  }
  if (resp == NULL)
    return MHD_NO;
  MHD_add_response_header(resp, "Content-Type", type);
  security_headers(resp, cacheable);
  if (r->location)
    MHD_add_response_header(resp, "Location", r->location);
  if (r->allow)
    MHD_add_response_header(resp, "Allow", r->allow);
  for (int i = 0; i < 2; i++)
    if (r->cookie[i])
      MHD_add_response_header(resp, "Set-Cookie", r->cookie[i]);
  if (r->status == 429)
    MHD_add_response_header(resp, "Retry-After", "900");
  enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
  MHD_destroy_response(resp);
  return ok;
}

static void client_ip(struct MHD_Connection *c, char *ip, size_t cap) {
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  snprintf(ip, cap, "?");
  if (ci == NULL || ci->client_addr == NULL)
    return;
  const struct sockaddr *sa = ci->client_addr;
  if (sa->sa_family == AF_INET)
    inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, ip, (socklen_t)cap);
  else if (sa->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, ip, (socklen_t)cap);
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url,
                               const char *method, const char *version,
                               const char *upload_data, size_t *upload_size, void **con_cls) {
  (void)cls, (void)version;
  req *r = *con_cls;
  if (r == NULL) {
    if ((r = calloc(1, sizeof *r)) == NULL)
      return MHD_NO;
    r->conn = c;
    r->method = method;
    r->path = url;
    r->role = TH_ROLE_NONE;
    *con_cls = r;
    if (strcmp(method, "POST") == 0) {
      r->post = MHD_create_post_processor(c, 16 * 1024, post_iter, r);
      /* NULL: not a form (wrong or no content type); said when routed */
    }
    return MHD_YES;
  }
  if (*upload_size > 0) {
    if (r->post && !r->form_too_big && MHD_post_process(r->post, upload_data, *upload_size) != MHD_YES)
      r->form_too_big = r->form_too_big || r->form_bytes > MAX_FORM_BYTES;
    r->form_bytes += r->post ? 0 : *upload_size;
    *upload_size = 0;
    return MHD_YES;
  }
  r->ctx = ctx_get();
  char ip[INET6_ADDRSTRLEN + 1];
  client_ip(c, ip, sizeof ip);
  if (r->ctx == NULL) {
    r->route = "(unavailable)";
    page_error(r, 503, "Unavailable", "The server cannot open its case store just now. "
               "Try again shortly.");
  } else if (strcmp(method, "POST") == 0 && r->post == NULL && r->form_bytes > 0) {
    r->route = "(not a form)";
    page_error(r, 415, "Not a form", "This address takes a form "
               "(application/x-www-form-urlencoded).");
  } else if (r->form_too_big || r->form_bytes > MAX_FORM_BYTES) {
    r->route = "(too large)";
    page_error(r, 413, "Too much data", "The form sent was too large.");
  } else {
    route(r, ip);
  }
  return respond(c, r);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe) {
  (void)cls, (void)c;
  req *r = *con_cls;
  if (r && !quiet) {
    char at[21];
    now_iso(at);
    /* The route's pattern and the status only: no ids, no content. */
    fprintf(stderr, "%s %s %s %d%s\n", at, r->method, r->route ? r->route : "-", r->status,
            toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
  }
  req_free(r);
  *con_cls = NULL;
}

static void mhd_log(void *cls, const char *fmt, va_list ap) {
  (void)cls;
  if (quiet)
    return;
  fputs("threshold serve: http: ", stderr);
  vfprintf(stderr, fmt, ap);
}

/* --- start --------------------------------------------------------------- */

static int parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len,
                        int *loopback) {
  char host[128];
  const char *colon = strrchr(s, ':');
  if (colon == NULL || (size_t)(colon - s) >= sizeof host)
    return 0;
  memcpy(host, s, (size_t)(colon - s));
  host[colon - s] = '\0';
  char *end;
  long port = strtol(colon + 1, &end, 10);
  if (*end || port <= 0 || port > 65535)
    return 0;
  memset(ss, 0, sizeof *ss);
  char *h = host;
  size_t hl = strlen(h);
  if (hl > 1 && h[0] == '[' && h[hl - 1] == ']') {
    h[hl - 1] = '\0';
    h++;
  }
  struct sockaddr_in *a4 = (struct sockaddr_in *)(void *)ss;
  struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)(void *)ss;
  if (inet_pton(AF_INET, h, &a4->sin_addr) == 1) {
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    *len = sizeof *a4;
    *loopback = (ntohl(a4->sin_addr.s_addr) >> 24) == 127;
    return AF_INET;
  }
  if (inet_pton(AF_INET6, h, &a6->sin6_addr) == 1) {
    a6->sin6_family = AF_INET6;
    a6->sin6_port = htons((uint16_t)port);
    *len = sizeof *a6;
    *loopback = IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr);
    return AF_INET6;
  }
  return 0;
}

int cmd_serve(int argc, char **argv) {
  const char *store = NULL, *rules = "core", *listen = "127.0.0.1:8080";
  int threads = 4, force_secure = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      fputs(serve_usage, stdout);
      return EXIT_GOOD;
    } else if ((!strcmp(a, "-r") || !strcmp(a, "--rules")) && i + 1 < argc) {
      rules = argv[++i];
    } else if (!strcmp(a, "--listen") && i + 1 < argc) {
      listen = argv[++i];
    } else if (!strcmp(a, "--threads") && i + 1 < argc) {
      threads = atoi(argv[++i]);
    } else if (!strcmp(a, "--secure-cookies")) {
      force_secure = 1;
    } else if (!strcmp(a, "--quiet")) {
      quiet = 1;
    } else if (a[0] != '-' && store == NULL) {
      store = a;
    } else {
      fputs(serve_usage, stderr);
      return EXIT_USAGE;
    }
  }
  if (store == NULL || threads < 1 || threads > 64) {
    fputs(serve_usage, stderr);
    return EXIT_USAGE;
  }
  struct sockaddr_storage ss;
  socklen_t sslen;
  int loopback = 0;
  int family = parse_listen(listen, &ss, &sslen, &loopback);
  if (!family) {
    cli_error("serve: --listen wants HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080");
    return EXIT_USAGE;
  }
  serve_cfg.store_path = store;
  serve_cfg.rules_name = rules;
  serve_cfg.rules_dir = find_ruleset(rules);
  serve_cfg.secure_cookies = force_secure || !loopback;
  serve_cfg.threads = threads;
  if (serve_cfg.rules_dir == NULL) {
    cli_error("serve: no rule set '%s'", rules);
    return EXIT_USAGE;
  }
  /* Open once for writing on this thread: an older store gains the
     tables of accounts and the access log now, and problems show here. */
  th_store *s = NULL;
  th_engine *e = NULL;
  int rc = th_store_open(&s, store, 0);
  if (rc != TH_OK)
    cli_error("serve: %s", th_store_errmsg(s));
  th_store_close(s);
  if (rc == TH_OK && (th_engine_new(&e, 0) != TH_OK || th_engine_load(e, serve_cfg.rules_dir) != TH_OK)) {
    cli_error("serve: cannot load rule set %s:\n%s", serve_cfg.rules_dir, th_errmsg(e));
    rc = TH_RULES;
  }
  th_engine_free(e);
  if (rc != TH_OK) {
    free(serve_cfg.rules_dir);
    return EXIT_USAGE;
  }
  /* Signals are taken by sigwait below, in no worker thread. */
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  signal(SIGPIPE, SIG_IGN);
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
                   (family == AF_INET6 ? MHD_USE_IPv6 : 0) | MHD_USE_EPOLL;
  struct MHD_Daemon *d = MHD_start_daemon(
    flags, 0, NULL, NULL, handler, NULL,
    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
    MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
    MHD_OPTION_STRICT_FOR_CLIENT, (int)1,      /* HTTP/1.1 as RFC 9112 has it */
    MHD_OPTION_CONNECTION_LIMIT, (unsigned)512,
    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
    MHD_OPTION_END);
  if (d == NULL) {
    cli_error("serve: cannot listen on %s: %s", listen, strerror(errno));
    free(serve_cfg.rules_dir);
    return EXIT_USAGE;
  }
  fprintf(stderr, "threshold serve: %s on http://%s/ with rule set %s%s\n", store, listen,
          rules, serve_cfg.secure_cookies ? " (Secure cookies)" : "");
  int sig = 0;
  sigwait(&stop, &sig);
  fprintf(stderr, "threshold serve: stopping\n");
  MHD_stop_daemon(d);
  ctx_free_all();
  free(serve_cfg.rules_dir);
  return EXIT_GOOD;
}
