/*
** utf8.c -- byte classes of UTF-8 and JSON text, shared by the reader of
** cases (case_reader.c, case_schema.c) and the writers of results
** (result_json.c). A leaf: it calls nothing of the engine and no Lua.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* 1 for a byte a JSON string holds as it is: printable ASCII but the
** quote and the backslash. */
const unsigned char thi_json_plain[256] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};   /* bytes 0x80 and up: 0 */

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
size_t thi_utf8_seq(const unsigned char *s, size_t n) {
  static const unsigned min[] = {0, 0, 0x80, 0x800, 0x10000};
  size_t len;
  unsigned cp;
  if (s[0] < 0x80)
    return 1;
  if ((s[0] & 0xE0) == 0xC0) { len = 2; cp = s[0] & 0x1Fu; }
  else if ((s[0] & 0xF0) == 0xE0) { len = 3; cp = s[0] & 0x0Fu; }
  else if ((s[0] & 0xF8) == 0xF0) { len = 4; cp = s[0] & 0x07u; }
  else return 0;
  if (len > n)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    cp = cp << 6 | (s[i] & 0x3Fu);
  }
  if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

/*
** Lua strings may hold any bytes; JSON text must be UTF-8. A copy of s with
** each byte that does not start a valid sequence replaced by U+FFFD, so a
** rule's odd string cannot break the output; malloc'ed, NULL on no memory.
*/
char *thi_utf8_repaired(const char *s, size_t n, size_t *len) {
  char *buf = malloc(n * 3 + 1);
  if (buf == NULL)
    return NULL;
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    size_t seq = thi_utf8_seq((const unsigned char *)s + i, n - i);
    if (seq > 0) {
      memcpy(buf + o, s + i, seq);
      o += seq;
      i += seq;
    } else {
      memcpy(buf + o, "\xEF\xBF\xBD", 3);
      o += 3;
      i++;
    }
  }
  *len = o;
  return buf;
}
