/*
** cmd_doc.c -- `threshold doc SET [--format html|md|json] [-o FILE]`: a
** rule set as the document a policy lead holds beside the threshold
** document it encodes (th_engine_doc, rendered by doc_render.c).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "threshold.h"
#include "cli.h"
#include "doc.h"

static const char doc_usage[] =
  "usage: threshold doc SET [--format html|md|json] [-o FILE]\n"
  "\n"
  "Writes rule set SET as a document to read beside the threshold document\n"
  "it encodes: each level in order with the rules that suggest it, every\n"
  "condition in plain words (with the case fields' own descriptions), its\n"
  "cite, basis and next steps; decision tables as tables; flags and their\n"
  "timescales; the facts the rules use; what the set inherits and what it\n"
  "changes (overrides and disables, with their cites); and the data\n"
  "dictionary of the case fields.\n"
  "\n"
  "  --format html  one self-contained page, laid out for print (the default)\n"
  "  --format md    Markdown (GitHub tables)\n"
  "  --format json  the document as data (th_engine_doc)\n"
  "  -o FILE        write to FILE instead of standard output\n"
  "  -h, --help     this text\n"
  "\n"
  "Exit status: 0 written; 2 a usage error, a rule set that does not load, or\n"
  "a file that cannot be written.\n";

enum { FMT_HTML, FMT_MD, FMT_JSON };

static int parse_format(const char *f, int *fmt) {
  if (strcmp(f, "html") == 0) *fmt = FMT_HTML;
  else if (strcmp(f, "md") == 0 || strcmp(f, "markdown") == 0) *fmt = FMT_MD;
  else if (strcmp(f, "json") == 0) *fmt = FMT_JSON;
  else {
    cli_error("doc: --format must be html, md or json, not '%s'", f);
    return -1;
  }
  return 0;
}

/* Write the document to f. Returns 0, or -1 with the error said. */
static int write_doc(FILE *f, const char *json, int fmt) {
  if (fmt == FMT_JSON)
    return fprintf(f, "%s\n", json) < 0 ? -1 : 0;
  json_error_t err;
  json_t *root = json_loads(json, 0, &err);
  if (root == NULL) {
    cli_error("doc: internal error: the document is not JSON: %s", err.text);
    return -1;
  }
  doc_out o = {0};
  o.ops = fmt == FMT_HTML ? &doc_html_ops : &doc_md_ops;
  o.f = f;
  doc_render(&o, root, th_version());
  json_decref(root);
  return 0;
}

int cmd_doc(int argc, char **argv) {
  int fmt = FMT_HTML;
  const char *set = NULL, *outpath = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--format") == 0 && i + 1 < argc) {
      if (parse_format(argv[++i], &fmt) != 0)
        return EXIT_USAGE;
    } else if (strncmp(a, "--format=", 9) == 0) {
      if (parse_format(a + 9, &fmt) != 0)
        return EXIT_USAGE;
    } else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc) {
      outpath = argv[++i];
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(doc_usage, stdout);
      return EXIT_GOOD;
    } else if (a[0] == '-' && a[1] != '\0') {
      cli_error("doc: unknown option %s", a);
      fputs(doc_usage, stderr);
      return EXIT_USAGE;
    } else if (set == NULL) {
      set = a;
    } else {
      cli_error("doc: one rule set at a time ('%s' and '%s')", set, a);
      return EXIT_USAGE;
    }
  }
  if (set == NULL) {
    cli_error("doc: name a rule set");
    fputs(doc_usage, stderr);
    return EXIT_USAGE;
  }
  char *dir = find_ruleset(set);
  if (dir == NULL) {
    cli_error("doc: no rule set '%s'", set);
    return EXIT_USAGE;
  }
  th_engine *e = NULL;
  char *json = NULL;
  int st = th_engine_new(&e, 0);
  if (st == TH_OK)
    st = th_engine_load(e, dir);
  if (st == TH_OK)
    st = th_engine_doc(e, &json);
  int rc = EXIT_GOOD;
  if (st != TH_OK) {
    cli_error("doc: %s:\n%s", dir, e ? th_errmsg(e) : th_errstr(st));
    rc = EXIT_USAGE;
  } else {
    FILE *f = outpath ? fopen(outpath, "w") : stdout;
    if (f == NULL) {
      cli_error("doc: %s: %s", outpath, strerror(errno));
      rc = EXIT_USAGE;
    } else {
      int bad = write_doc(f, json, fmt) != 0;
      bad = (fflush(f) != 0 || ferror(f)) || bad;
      if (outpath && fclose(f) != 0)
        bad = 1;
      if (bad) {
        cli_error("doc: %s: could not write", outpath ? outpath : "standard output");
        rc = EXIT_USAGE;
      }
    }
  }
  th_free(json);
  th_engine_free(e);
  free(dir);
  return rc;
}
