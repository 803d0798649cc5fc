/*
** buf.c -- a growing text buffer, and escaping for HTML and URLs.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

static int grow(buf *b, size_t more) {
  if (b->oom)
    return 0;
  if (b->n + more + 1 <= b->cap)
    return 1;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->n + more + 1)
    cap *= 2;
  char *p = realloc(b->p, cap);
  if (p == NULL) {
    b->oom = 1;
    return 0;
  }
  b->p = p;
  b->cap = cap;
  return 1;
}

void buf_add(buf *b, const char *s, size_t n) {
  if (n == 0 || !grow(b, n))
    return;
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = '\0';
}

void buf_str(buf *b, const char *s) {
  if (s)
    buf_add(b, s, strlen(s));
}

void buf_printf(buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n <= 0 || !grow(b, (size_t)n))
    return;
  va_start(ap, fmt);
  vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->n += (size_t)n;
}

void buf_html(buf *b, const char *s) {
  if (s == NULL)
    return;
  const char *run = s;
  for (; *s; s++) {
    const char *rep = NULL;
    switch (*s) {
    case '&': rep = "&amp;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '"': rep = "&quot;"; break;
    case '\'': rep = "&#39;"; break;
    default: continue;
    }
    buf_add(b, run, (size_t)(s - run));
    buf_str(b, rep);
    run = s + 1;
  }
  buf_add(b, run, (size_t)(s - run));
}

void buf_url(buf *b, const char *s) {
  static const char digits[] = "0123456789ABCDEF";
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        c == '-' || c == '_' || c == '.' || c == '~') {
      buf_add(b, (const char *)&c, 1);
    } else {
      char e[3] = {'%', digits[c >> 4], digits[c & 15]};
      buf_add(b, e, 3);
    }
  }
}

void buf_free(buf *b) {
  free(b->p);
  b->p = NULL;
  b->n = b->cap = 0;
}
