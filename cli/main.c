/*
** main.c -- `threshold`: dispatch to a command.
*/
#include <stdio.h>
#include <string.h>

#include "threshold.h"
#include "cli.h"

static const char usage[] =
  "usage: threshold COMMAND [OPTIONS]\n"
  "\n"
  "Suggests a safeguarding pathway (universal, early help, child in need,\n"
  "child protection) for a child's case, from a local authority's threshold\n"
  "rules. It supports professional judgement; it does not replace it.\n"
  "\n"
  "commands:\n"
  "  eval   evaluate cases (one JSON case, or JSON Lines) against a rule set\n"
  "  test   run rule sets' own tests\n"
  "  check  check rule sets for what loads but cannot be meant (for CI)\n"
  "  new    write a new rule set's folder, with a first rule and tests\n"
  "  doc    a rule set as a document to read beside its threshold document\n"
  "  schema a rule set's case schema: JSON, JSON Schema, or LuaLS annotations\n"
  "  db     the case store: import, evaluate, decide, verify, replay, report, diff\n"
  "  serve  the case store in a browser, for practitioners and policy leads\n"
  "\n"
  "options:\n"
  "  --help       this text; `threshold COMMAND --help` for a command\n"
  "  --version    print the version\n"
  "\n"
  "exit status: 0 all good, 1 some case failed, 2 usage or rule-set error\n";

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs(usage, stderr);
    return EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
      strcmp(cmd, "help") == 0) {
    fputs(usage, stdout);
    return EXIT_GOOD;
  }
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
    printf("threshold %s\n", th_version());
    return EXIT_GOOD;
  }
  if (strcmp(cmd, "eval") == 0)
    return cmd_eval(argc - 1, argv + 1);
  if (strcmp(cmd, "test") == 0)
    return cmd_test(argc - 1, argv + 1);
  if (strcmp(cmd, "check") == 0)
    return cmd_check(argc - 1, argv + 1);
  if (strcmp(cmd, "new") == 0)
    return cmd_new(argc - 1, argv + 1);
  if (strcmp(cmd, "doc") == 0)
    return cmd_doc(argc - 1, argv + 1);
  if (strcmp(cmd, "schema") == 0)
    return cmd_schema(argc - 1, argv + 1);
  if (strcmp(cmd, "db") == 0)
    return cmd_db(argc - 1, argv + 1);
  if (strcmp(cmd, "serve") == 0)
    return cmd_serve(argc - 1, argv + 1);
  cli_error("unknown command '%s' (try --help)", cmd);
  return EXIT_USAGE;
}
