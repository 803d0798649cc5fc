/*
** doc_md.c -- the rule-set document as Markdown (CommonMark with GitHub's
** tables). Text is escaped so that nothing in a rule file becomes markup:
** every character Markdown gives a meaning (\ ` * _ [ ] < > & | ~ # $) is
** backslash-escaped, so are - + = and a list number's . or ) where a block
** starts, and a table cell's line breaks become spaces. Code spans take a
** fence longer than any run of backticks inside them. Control characters
** are shown as U+FFFD.
*/
#include <stdio.h>
#include <string.h>

#include "doc.h"

static void put(doc_out *o, const char *s) {
  size_t n = strlen(s);
  if (n == 0)
    return;
  fputs(s, o->f);
  o->col0 = s[n - 1] == '\n';
}

static void newline(doc_out *o) {
  if (!o->col0)
    put(o, "\n");
}

static void blank_line(doc_out *o) {
  newline(o);
  put(o, "\n");
}

/* The n bytes at s, escaped. */
static void esc_n(doc_out *o, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  for (; p < end; p++) {
    unsigned char c = *p;
    if (c == '\n' || c == '\r' || c == '\t')
      c = ' ';
    if (o->bol && c == ' ')
      continue;                                   /* would indent a block */
    if (c < 0x20 || c == 0x7f) {
      fputs("\xEF\xBF\xBD", o->f);
      o->bol = o->digits = 0;
      o->col0 = 0;
      continue;
    }
    int bol = o->bol, digits = o->digits;
    o->bol = 0;
    o->digits = 0;
    if (strchr("\\`*_[]<>&|~#$", c) != NULL ||
        (bol && strchr("-+=", c) != NULL) ||
        (digits && (c == '.' || c == ')'))) {
      fputc('\\', o->f);
    } else if ((bol || digits) && c >= '0' && c <= '9') {
      o->digits = 1;                              /* "1." would start a list */
    }
    fputc(c, o->f);
    o->col0 = 0;
  }
}

static void esc(doc_out *o, const char *s) {
  if (s != NULL)
    esc_n(o, s, strlen(s));
}

/* Emphasis: spaces at either end go outside the markers (CommonMark ends
   no emphasis at a space). */
static void emph(doc_out *o, const char *mark, const char *s) {
  size_t n = strlen(s), a = 0, b = n;
  while (a < n && s[a] == ' ') a++;
  while (b > a && s[b - 1] == ' ') b--;
  if (a == b) {
    esc(o, s);
    return;
  }
  if (a > 0 && !o->bol)
    put(o, " ");
  put(o, mark);
  o->digits = 0;
  esc_n(o, s + a, b - a);
  put(o, mark);
  if (b < n)
    put(o, " ");
  o->bol = 0;
}

/* A code span's fence: n backticks, one more than the longest run inside
   however long that run is, so no run ends the span early. */
static void fence(doc_out *o, size_t n) {
  for (size_t i = 0; i < n; i++)
    fputc('`', o->f);
  o->col0 = 0;
}

static void code(doc_out *o, const char *s) {
  size_t run = 0, longest = 0;
  for (const char *p = s; *p; p++) {
    run = *p == '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  size_t n = strlen(s);
  int pad = n == 0 || s[0] == '`' || s[n - 1] == '`' || s[0] == ' ' || s[n - 1] == ' ';
  fence(o, longest + 1);
  if (pad) put(o, " ");
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    unsigned char c = *p;
    if (c == '\n' || c == '\r' || c == '\t') fputc(' ', o->f);
    else if (c < 0x20 || c == 0x7f) fputs("\xEF\xBF\xBD", o->f);
    else if (c == '|' && o->in_cell) fputs("\\|", o->f);   /* GitHub tables */
    else fputc(c, o->f);
  }
  if (pad) put(o, " ");
  fence(o, longest + 1);
  o->bol = o->digits = 0;
}

static void begin(doc_out *o, const char *title) { (void)title; o->col0 = 1; }
static void end(doc_out *o) { newline(o); }

static void heading(doc_out *o, int level, const char *id, const char *text) {
  (void)id;
  blank_line(o);
  for (int i = 0; i < level; i++) put(o, "#");
  put(o, " ");
  o->bol = 1;
  esc(o, text);
  o->bol = 0;
  put(o, "\n\n");
}

static void para_begin(doc_out *o) {
  if (o->depth == 0) newline(o);
  o->bol = 1;
}
static void para_end(doc_out *o) {
  o->bol = o->digits = 0;
  if (o->depth == 0) put(o, "\n\n");
}

static void span(doc_out *o, enum doc_span kind, const char *s) {
  if (s == NULL)
    return;
  if (kind == DOC_CODE) code(o, s);
  else if (kind == DOC_STRONG) emph(o, "**", s);
  else if (kind == DOC_EM) emph(o, "*", s);
  else esc(o, s);
}

static void link(doc_out *o, const char *id, const char *text) {
  (void)id;
  esc(o, text);
}

static void list_begin(doc_out *o) {
  if (o->depth == 0) newline(o);
  o->depth++;
}

static void item_begin(doc_out *o) {
  newline(o);
  for (int i = 1; i < o->depth; i++) put(o, "  ");
  put(o, "- ");
  o->bol = 1;
}

static void item_end(doc_out *o) { o->bol = o->digits = 0; }

static void list_end(doc_out *o) {
  o->depth--;
  if (o->depth == 0) blank_line(o);
}

static void table_begin(doc_out *o, int ncols, const char *const *heads) {
  blank_line(o);
  o->in_cell = 1;
  put(o, "|");
  for (int i = 0; i < ncols; i++) {
    put(o, " ");
    esc(o, heads[i]);
    put(o, " |");
  }
  put(o, "\n|");
  for (int i = 0; i < ncols; i++) put(o, " --- |");
  put(o, "\n");
  o->in_cell = 0;
}

static void row_begin(doc_out *o) { put(o, "|"); }
static void cell_begin(doc_out *o) { put(o, " "); o->in_cell = 1; o->bol = 0; }
static void cell_end(doc_out *o) { put(o, " |"); o->in_cell = 0; }
static void row_end(doc_out *o) { put(o, "\n"); }
static void table_end(doc_out *o) { put(o, "\n"); }

static void block_begin(doc_out *o, const char *kind, const char *id) {
  (void)kind; (void)id;
  newline(o);
}
static void block_end(doc_out *o) { newline(o); }

const struct doc_ops doc_md_ops = {
  begin, end, heading, para_begin, para_end, span, link, list_begin, item_begin, item_end,
  list_end, table_begin, row_begin, cell_begin, cell_end, row_end, table_end, block_begin,
  block_end,
};
