/*
** doc_html.c -- the rule-set document as one self-contained HTML page:
** inline CSS laid out for print, no script, nothing fetched. Every string
** is escaped here (& < > " '), and control characters are shown as U+FFFD.
*/
#include <stdio.h>

#include "doc.h"

static const char css[] =
  "@page{size:A4;margin:16mm 15mm}"
  "body{font:11pt/1.45 Georgia,'DejaVu Serif','Times New Roman',serif;color:#111;"
  "max-width:54rem;margin:1.5rem auto;padding:0 1rem}"
  "h1{font-size:1.8em;margin:.2em 0 .4em;border-bottom:2px solid #333;padding-bottom:.2em}"
  "h2{font-size:1.4em;margin:2em 0 .5em;border-bottom:1px solid #888;padding-bottom:.1em}"
  "h3{font-size:1.18em;margin:1.5em 0 .4em}"
  "h4{font-size:1.02em;margin:0 0 .3em}"
  ".block h3{margin-top:.2em}"
  "h2,h3,h4{break-after:avoid;page-break-after:avoid}"
  "p{margin:.35em 0}"
  "ul{margin:.2em 0 .45em;padding-left:1.4em}"
  "li{margin:.1em 0}"
  "code{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:.84em;"
  "background:#f0f0f0;padding:0 .2em;border-radius:2px;overflow-wrap:break-word}"
  "em{color:#444}"
  "a{color:#1a4d8f}"
  ".block{border-left:5px solid #888;padding:.45em .9em .5em;margin:.8em 0 1.1em;"
  "background:#fafafa;break-inside:avoid;page-break-inside:avoid}"
  ".block.table{break-inside:auto;page-break-inside:auto}"
  ".lv0{border-color:#5b8a3c}.lv1{border-color:#2a6db0}.lv2{border-color:#d48a00}"
  ".lv3,.lv4,.lv5,.lv6,.lv7,.lv8,.lv9{border-color:#b8322a}"
  ".flag{border-color:#6f3d91}.fact{border-color:#9a9a9a}.change{border-color:#a0452e}"
  ".table{border-color:#34495e}"
  "table{border-collapse:collapse;width:100%;font-size:.88em;margin:.5em 0 .8em}"
  "th,td{border:1px solid #b5b5b5;padding:.25em .4em;vertical-align:top;text-align:left}"
  "th{background:#e9e9e9}thead{display:table-header-group}"
  "tr{break-inside:avoid;page-break-inside:avoid}"
  "@media print{body{margin:0;max-width:none;padding:0;font-size:10.5pt}"
  "h2{break-before:page;page-break-before:always}"
  "h2#contents{break-before:auto;page-break-before:auto}"
  "h3[id^=level-]:not(#level-1){break-before:page;page-break-before:always}"
  "a{color:inherit;text-decoration:none}"
  ".block{background:none}"
  "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

static void esc(doc_out *o, const char *s) {
  if (s == NULL)
    return;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
    case '&': fputs("&amp;", o->f); break;
    case '<': fputs("&lt;", o->f); break;
    case '>': fputs("&gt;", o->f); break;
    case '"': fputs("&quot;", o->f); break;
    case '\'': fputs("&#39;", o->f); break;
    default:
      if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
        fputs("&#xFFFD;", o->f);
      else
        fputc(*p, o->f);
    }
  }
}

static void begin(doc_out *o, const char *title) {
  fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">\n<title>", o->f);
  esc(o, title);
  fprintf(o->f, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n", css);
}

static void end(doc_out *o) { fputs("</main>\n</body>\n</html>\n", o->f); }

static void heading(doc_out *o, int level, const char *id, const char *text) {
  fprintf(o->f, "<h%d id=\"", level);
  esc(o, id);
  fputs("\">", o->f);
  esc(o, text);
  fprintf(o->f, "</h%d>\n", level);
}

static void para_begin(doc_out *o) { fputs("<p>", o->f); }
static void para_end(doc_out *o) { fputs("</p>\n", o->f); }

/* A path or value: a line may break after . _ / (<wbr>), not inside a
   word, so a narrow column splits "child.missing_episodes" where it reads. */
static void esc_code(doc_out *o, const char *s) {
  char one[2] = {0, 0};
  for (const char *p = s; *p; p++) {
    one[0] = *p;
    esc(o, one);
    if ((*p == '.' || *p == '_' || *p == '/') && p[1] != '\0')
      fputs("<wbr>", o->f);
  }
}

static void span(doc_out *o, enum doc_span kind, const char *s) {
  static const char *const tag[] = {NULL, "code", "strong", "em"};
  if (tag[kind])
    fprintf(o->f, "<%s>", tag[kind]);
  if (kind == DOC_CODE)
    esc_code(o, s ? s : "");
  else
    esc(o, s);
  if (tag[kind])
    fprintf(o->f, "</%s>", tag[kind]);
}

static void link(doc_out *o, const char *id, const char *text) {
  fputs("<a href=\"#", o->f);
  esc(o, id);
  fputs("\">", o->f);
  esc(o, text);
  fputs("</a>", o->f);
}

static void list_begin(doc_out *o) { fputs("<ul>\n", o->f); o->depth++; }
static void item_begin(doc_out *o) { fputs("<li>", o->f); }
static void item_end(doc_out *o) { fputs("</li>\n", o->f); }
static void list_end(doc_out *o) { fputs("</ul>\n", o->f); o->depth--; }

static void table_begin(doc_out *o, int ncols, const char *const *heads) {
  fputs("<table>\n<thead><tr>", o->f);
  for (int i = 0; i < ncols; i++) {
    fputs("<th scope=\"col\">", o->f);
    esc(o, heads[i]);
    fputs("</th>", o->f);
  }
  fputs("</tr></thead>\n<tbody>\n", o->f);
}

static void row_begin(doc_out *o) { fputs("<tr>", o->f); }
static void cell_begin(doc_out *o) { fputs("<td>", o->f); o->in_cell = 1; }
static void cell_end(doc_out *o) { fputs("</td>", o->f); o->in_cell = 0; }
static void row_end(doc_out *o) { fputs("</tr>\n", o->f); }
static void table_end(doc_out *o) { fputs("</tbody>\n</table>\n", o->f); }

static void block_begin(doc_out *o, const char *kind, const char *id) {
  (void)id;
  fputs("<div class=\"block ", o->f);
  esc(o, kind);
  fputs("\">\n", o->f);
}

static void block_end(doc_out *o) { fputs("</div>\n", o->f); }

const struct doc_ops doc_html_ops = {
  begin, end, heading, para_begin, para_end, span, link, list_begin, item_begin, item_end,
  list_end, table_begin, row_begin, cell_begin, cell_end, row_end, table_end, block_begin,
  block_end,
};
