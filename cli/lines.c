/*
** lines.c -- bounded line reader for JSON Lines input (see lines.h).
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lines.h"

#define CHUNK (1u << 16)

int lines_open(line_reader *r, int fd, size_t limit) {
  memset(r, 0, sizeof *r);
  r->fd = fd;
  r->limit = limit;
  r->cap = CHUNK;
  r->line_cap = 4096;
  r->buf = malloc(r->cap);
  r->line = malloc(r->line_cap);
  if (r->buf == NULL || r->line == NULL) {
    lines_close(r);
    return -1;
  }
  return 0;
}

void lines_close(line_reader *r) {
  free(r->buf);
  free(r->line);
  r->buf = r->line = NULL;
}

/* One read(2): whatever is there, up to a chunk. fread would wait for a
** whole chunk, and a co-process writing one line would get no reply. */
static int fill(line_reader *r) {
  if (r->eof)
    return 0;
  r->beg = 0;
  ssize_t got;
  do
    got = read(r->fd, r->buf, r->cap);
  while (got < 0 && errno == EINTR);
  if (got <= 0) {
    r->end = 0;
    r->eof = 1;
    r->error = got < 0;
    return 0;
  }
  r->end = (size_t)got;
  return 1;
}

int lines_unread(line_reader *r, const char *data, size_t n) {
  size_t rest = r->end - r->beg;
  if (n + rest > r->cap) {
    char *b = malloc(n + rest);
    if (b == NULL)
      return -1;
    memcpy(b + n, r->buf + r->beg, rest);
    free(r->buf);
    r->buf = b;
    r->cap = n + rest;
  } else
    memmove(r->buf + n, r->buf + r->beg, rest);
  memcpy(r->buf, data, n);
  r->beg = 0;
  r->end = n + rest;
  return 0;
}

/* Append n bytes to the current line unless it is already too long. */
static int append(line_reader *r, size_t *len, const char *p, size_t n,
                  int *too_long) {
  if (*too_long || *len + n > r->limit) {
    *too_long = 1;
    return 0;
  }
  if (*len + n + 1 > r->line_cap) {
    size_t cap = r->line_cap;
    while (*len + n + 1 > cap)
      cap *= 2;
    char *l = realloc(r->line, cap);
    if (l == NULL)
      return -1;
    r->line = l;
    r->line_cap = cap;
  }
  memcpy(r->line + *len, p, n);
  *len += n;
  return 0;
}

int lines_next(line_reader *r, const char **line, size_t *len, int *too_long) {
  size_t n = 0;
  int got = 0;
  *too_long = 0;
  for (;;) {
    if (r->beg == r->end && !fill(r))
      break;
    got = 1;
    char *start = r->buf + r->beg;
    char *nl = memchr(start, '\n', r->end - r->beg);
    size_t take = nl ? (size_t)(nl - start) : r->end - r->beg;
    if (append(r, &n, start, take, too_long) < 0)
      return -1;
    r->beg += take + (nl != NULL);
    if (nl)
      break;
  }
  if (r->error)
    return -1;
  if (!got)
    return 0;
  if (n > 0 && r->line[n - 1] == '\r')
    n--;                                  /* CRLF input */
  r->line[n] = '\0';
  r->lineno++;
  *line = r->line;
  *len = n;
  return 1;
}

size_t lines_raw(line_reader *r, const char **p) {
  if (r->beg == r->end && !fill(r))
    return 0;
  size_t n = r->end - r->beg;
  *p = r->buf + r->beg;
  r->beg = r->end;
  return n;
}
