/*
** doc.h -- `threshold doc`: the rule-set document (th_engine_doc's JSON)
** walked once, in one order (doc_render.c), through a writer for each
** format (doc_html.c, doc_md.c). A writer escapes every string it is
** given; the walker never writes markup.
*/
#ifndef THRESHOLD_CLI_DOC_H
#define THRESHOLD_CLI_DOC_H

#include <stdio.h>

struct json_t;

/* What a run of text is. */
enum doc_span { DOC_TEXT, DOC_CODE, DOC_STRONG, DOC_EM };

typedef struct doc_out doc_out;

struct doc_ops {
  void (*begin)(doc_out *o, const char *title);
  void (*end)(doc_out *o);
  /* level 1..4; id: an anchor made of letters, digits and '-' */
  void (*heading)(doc_out *o, int level, const char *id, const char *text);
  void (*para_begin)(doc_out *o);
  void (*para_end)(doc_out *o);
  void (*span)(doc_out *o, enum doc_span kind, const char *s);
  /* a link to an anchor of the document (Markdown: the text alone) */
  void (*link)(doc_out *o, const char *id, const char *text);
  void (*list_begin)(doc_out *o);
  void (*item_begin)(doc_out *o);
  void (*item_end)(doc_out *o);
  void (*list_end)(doc_out *o);
  /* a table; a cell holds spans only */
  void (*table_begin)(doc_out *o, int ncols, const char *const *heads);
  void (*row_begin)(doc_out *o);
  void (*cell_begin)(doc_out *o);
  void (*cell_end)(doc_out *o);
  void (*row_end)(doc_out *o);
  void (*table_end)(doc_out *o);
  /* a rule, flag, table or fact kept together on a page; kind names its
     style: "rule", "flag", "table", "fact", "change", or a level's rank
     ("lv0".."lv9") for a rule */
  void (*block_begin)(doc_out *o, const char *kind, const char *id);
  void (*block_end)(doc_out *o);
};

struct doc_out {
  const struct doc_ops *ops;
  FILE *f;
  int depth;        /* list nesting */
  int in_cell;      /* inside a table cell */
  int bol;          /* at the start of a block's text (Markdown) */
  int digits;       /* digits just written at the start of a block (Markdown) */
  int col0;         /* the last byte written ended a line (Markdown) */
};

extern const struct doc_ops doc_html_ops;
extern const struct doc_ops doc_md_ops;

/* Write the document of root (th_engine_doc's JSON, parsed) through o. */
void doc_render(doc_out *o, struct json_t *root, const char *version);

#endif
