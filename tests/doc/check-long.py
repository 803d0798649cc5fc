#!/usr/bin/env python3
"""check-long.py THRESHOLD OUTDIR -- `threshold doc` writes every name whole,
however long. A generated set (in a temporary folder, extending core) whose
folder and rule file have names of the longest a file system allows (255
bytes), with a rule whose name,
cite and reason run to thousands of characters, a field path of over 1,000,
an enumeration value holding runs of 15 and 20 backticks, and a decision table of
14 inputs: the HTML, the Markdown (as cmark-gfm renders it) and the JSON each
hold all of it, every table column, and the value as one code span. No
buffer a line, a label or a fence was once built in may cut any of it."""
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

SEG = ["seg_" + c * 250 for c in "abcd"]
DEEP = ".".join(SEG)                                 # a field path of 1,019 characters
SET = "long_" + "f" * 250                            # 255 bytes, NAME_MAX
RULE_FILE = "rules_" + "r" * 245 + ".lua"              # 255 bytes too
NAME = "Rule " + " ".join("name%d" % i for i in range(160))   # about 1,000 characters
CITE = "Section " + " ".join("cite%d" % i for i in range(500))
REASON = "Because " + " ".join("reason%d" % i for i in range(300))
DOC = " ".join("doc%d" % i for i in range(700))
TICKS = "a" + "`" * 15 + "b" + "`" * 20 + "c"          # runs as long as a fixed fence, and longer
INPUTS = ["%s.b%02d" % (SEG[0], i) for i in range(1, 15)]


def lua(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def write_set(top):
    d = os.path.join(top, SET)
    os.makedirs(d)
    os.symlink(os.path.join(ROOT, "rules", "core"), os.path.join(top, "core"))
    schema = ['field %s { type = "object", doc = %s }' % (lua(".".join(SEG[:i + 1])), lua(DOC))
              for i in range(len(SEG))]
    schema.append('field %s { type = "enum", values = { "plain", %s }, doc = %s }'
                  % (lua(DEEP + ".choice"), lua(TICKS), lua(DOC)))
    schema += ['field %s { type = "boolean", default = false }' % lua(p) for p in INPUTS]
    with open(os.path.join(d, "schema.lua"), "w") as f:
        f.write("\n".join(schema) + "\n")
    rows = ", ".join("true" for _ in INPUTS)
    rules = [
        'rule %s {' % lua(NAME),
        '  level = "early_help", basis = "quoted", cite = %s, reason = %s,' % (lua(CITE), lua(REASON)),
        '  when = is(%s, %s),' % (lua(DEEP + ".choice"), lua(TICKS)),
        '}',
        'decision_table "Fourteen inputs" {',
        '  cite = "Table cite", reason = "Every input counts", basis = "quoted",',
        '  inputs = { %s },' % ", ".join(lua(p) for p in INPUTS),
        '  rows = {',
        '    { %s, "early_help", reason = "all of them" },' % rows,
        '    { "otherwise", "-", reason = "not all" },',
        '  },',
        '}',
    ]
    with open(os.path.join(d, RULE_FILE), "w") as f:
        f.write("\n".join(rules) + "\n")
    with open(os.path.join(d, "ruleset.lua"), "w") as f:
        f.write('ruleset { id = %s, version = "1", extends = "core", title = "Long names", '
                'files = { "schema.lua", %s } }\n' % (lua(SET), lua(RULE_FILE)))
    return d


class Page(html.parser.HTMLParser):
    """Body text, each code element's text, and each table's header cells."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.codes, self.heads = [], [], []
        self.skip = self.in_code = self.in_th = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "title", "script"):
            self.skip += 1
        elif tag == "code":
            self.in_code += 1
            self.codes.append("")
        elif tag == "table":
            self.heads.append(0)
        elif tag == "th":
            self.heads[-1] += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title", "script"):
            self.skip -= 1
        elif tag == "code":
            self.in_code -= 1

    def handle_data(self, data):
        if self.skip:
            return
        self.text.append(data)
        if self.in_code:
            self.codes[-1] += data

    def body(self):
        return re.sub(r"\s+", " ", "".join(self.text))


def main():
    cli, out = sys.argv[1], sys.argv[2]
    failures = []

    def check(ok, msg):
        if not ok:
            failures.append(msg)
            print("FAIL doc-test (long): " + msg)

    with tempfile.TemporaryDirectory() as top:
        d = write_set(top)
        env = dict(os.environ, THRESHOLD_RULES_PATH=top)
        docs = {}
        for fmt in ("html", "md", "json"):
            path = os.path.join(out, "long." + fmt)
            p = subprocess.run([cli, "doc", d, "--format", fmt, "-o", path], capture_output=True,
                               env=env)
            check(p.returncode == 0, "doc --format %s: %s" % (fmt, p.stderr.decode()))
            docs[fmt] = open(path, encoding="utf-8").read() if p.returncode == 0 else ""
    md_html = subprocess.run(["cmark-gfm", "-e", "table"], input=docs["md"].encode(),
                             capture_output=True, check=True).stdout.decode()
    where = SET + "/" + RULE_FILE + ":"
    whole = {"the rule's name": NAME, "its cite": CITE, "its reason": REASON,
             "the field path": DEEP, "the field's doc": DOC, "the rule file's place": where}
    for fmt, text in (("html", docs["html"]), ("md", md_html)):
        page = Page()
        page.feed(text)
        body = page.body()
        for what, s in whole.items():
            check(s in body, "%s: %s is not whole" % (fmt, what))
        check(TICKS in page.codes, "%s: the value with runs of backticks is not one code span" % fmt)
        check(len(INPUTS) + 4 in page.heads,
              "%s: no table has a column for each of the %d inputs (tables' columns: %s)"
              % (fmt, len(INPUTS), page.heads))
    text = json.dumps(json.loads(docs["json"])) if docs["json"] else ""
    whole["the rule file's place"] = '"file": %s' % json.dumps(SET + "/" + RULE_FILE)
    for what, s in whole.items():
        check((s if what == "the rule file's place" else json.dumps(s)[1:-1]) in text,
              "json: %s is not whole" % what)
    if not failures:
        print("doc-test: a set with names, cites, paths and files thousands of characters "
              "long, and a 14-input table, is written whole as HTML, Markdown and JSON")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
