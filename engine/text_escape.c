/*
** text_escape.c -- case data made safe to show on a terminal. An id, a
** key or a value in a case can hold any character; written raw, an escape
** sequence can move the cursor, recolour or clear the screen, and a
** newline or a bidirectional override can forge lines ("Universal services
** / complete") that hide the real result. Every control character (C0,
** DEL, C1) and bidirectional formatting character is written as a visible
** escape, and a backslash is doubled so the escapes are unambiguous.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "threshold.h"

/* The length of the UTF-8 sequence at p to escape as \u{...}, or 0. The
   input is valid UTF-8 (JSON strings are). */
static size_t escaped_sequence(const unsigned char *p, unsigned *cp) {
  if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {       /* C1 controls */
    *cp = p[1];
    return 2;
  }
  if (p[0] == 0xE2 && (p[1] == 0x80 || p[1] == 0x81) && p[2] != '\0') {
    unsigned c = 0x2000u | ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if ((c >= 0x200E && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) ||
        (c >= 0x2066 && c <= 0x2069)) {    /* marks, separators, embeddings, isolates */
      *cp = c;
      return 3;
    }
  }
  return 0;
}

char *th_text_escape(const char *s) {
  if (s == NULL)
    return NULL;
  size_t n = strlen(s), cap = n + 1;
  const unsigned char *p = (const unsigned char *)s;
  unsigned cp;
  for (size_t i = 0; i < n; i++) {     /* worst case, once: the exact size */
    size_t k = escaped_sequence(p + i, &cp);
    if (k > 0) {
      cap += 8 - k;                       /* \u{XXXX} */
      i += k - 1;
    } else if (p[i] < 0x20 || p[i] == 0x7F) {
      cap += 3;                           /* \xNN */
    } else if (p[i] == '\\') {
      cap += 1;
    }
  }
  char *out = malloc(cap), *o = out;
  if (out == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++) {
    size_t k = escaped_sequence(p + i, &cp);
    if (k > 0) {
      o += sprintf(o, "\\u{%04x}", cp);
      i += k - 1;
    } else if (p[i] < 0x20 || p[i] == 0x7F) {
      o += sprintf(o, "\\x%02x", p[i]);
    } else if (p[i] == '\\') {
      *o++ = '\\';
      *o++ = '\\';
    } else {
      *o++ = (char)p[i];
    }
  }
  *o = '\0';
  return out;
}
