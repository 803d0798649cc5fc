"""check.py ROOT OUTDIR SET... -- the documents threshold doc wrote for each
set (OUTDIR/SET.html, SET.md and SET.md.html, the Markdown as cmark-gfm
renders it): every rule, flag and decision table of the set is named; only
the page's own markup is present; nothing is fetched; tables keep their
columns. Writes OUTDIR/SET.names.json (the names) for browser.mjs."""
import html.parser
import json
import os
import re
import sys

root, out, sets = sys.argv[1], sys.argv[2], sys.argv[3:]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL doc-test: " + msg)


DECL = re.compile(r'^\s*(rule|flag|decision_table|disable)\s+"((?:[^"\\]|\\.)*)"', re.M)
EXTENDS = re.compile(r'\bextends\s*=\s*"([^"]+)"')


def lua_string(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)


def set_dir(name):
    if name == "hostile":
        return os.path.join(root, "tests", "doc", "hostile")
    return os.path.join(root, "rules", name)


def names_of(name):
    """The rule, flag and table names the set has: its chain's, less those it disables."""
    d = set_dir(name)
    manifest = open(os.path.join(d, "ruleset.lua")).read()
    m = EXTENDS.search(manifest)
    names = names_of(m.group(1)) if m else []
    for f in sorted(os.listdir(d)):
        if f.endswith(".lua") and f != "ruleset.lua":
            for kind, n in DECL.findall(open(os.path.join(d, f)).read()):
                n = lua_string(n)
                if kind == "disable":
                    names = [x for x in names if x != n]
                elif n not in names:
                    names.append(n)
    return names


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text, self.skip = set(), [], [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]
        if tag in ("style", "title", "script"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title", "script"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)

    def body_text(self):
        return re.sub(r"\s+", " ", "".join(self.text))


def parse(path):
    p = Page()
    p.feed(open(path, encoding="utf-8").read())
    return p


HTML_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "h4",
             "p", "ul", "li", "code", "strong", "em", "a", "table", "thead", "tbody", "tr", "th",
             "td", "div", "wbr"}
HTML_ATTRS = {("html", "lang"), ("meta", "charset"), ("meta", "name"), ("meta", "content"),
              ("meta", "http-equiv"), ("h1", "id"), ("h2", "id"), ("h3", "id"), ("h4", "id"),
              ("a", "href"), ("div", "class"), ("th", "scope")}
MD_TAGS = {"h1", "h2", "h3", "h4", "p", "ul", "li", "code", "strong", "em", "table", "thead",
           "tbody", "tr", "th", "td"}
MD_ATTRS = set()

HOSTILE_TEXT = ["Hostile <script>alert('title')</script> & | `doc` *set*",
                "Rule <script>alert('rule')</script> & | `one`",
                "Page 3 <a href='http://example.invalid'>link</a> & | `cite`",
                "# not a heading | *not emphasis* & <br> `code`",
                "1. not a list | <script>alert('action')</script>",
                "``double`` & `single`",
                "Source <img src=x onerror=alert(1)> | [link](http://example.invalid) & co",
                "Level <i>one</i> & `1` | *universal*",
                "- [x] `cp` ``|`` **s47**",
                "row | one <script>alert('row')</script>",
                "Flag reason | * _ [ ] # ! ~ $ \\ & <",
                "Override cite <script>alert('override')</script> | `o`",
                "disable reason `r` | <s>",
                "a choice with `backticks`, <em>tags</em> & | pipes",
                "<script>x</script>", "a|b", "c&d"]


def check_markup(what, page, tags, attrs):
    extra = page.tags - tags
    if extra:
        fail("%s: markup that is not the document's own: %s" % (what, sorted(extra)))
    for tag, k, v in page.attrs:
        if (tag, k) not in attrs:
            fail("%s: attribute %s on <%s>" % (what, k, tag))
        elif k == "href" and not (v or "").startswith("#"):
            fail("%s: a link out of the page: %r" % (what, v))


def md_tables(what, text):
    """Each table row has as many unescaped | as its header row."""
    want = None
    for n, line in enumerate(text.split("\n"), 1):
        if line.startswith("|"):
            pipes = len(re.findall(r"(?<!\\)\|", line))
            if want is None:
                want = pipes
            elif pipes != want:
                fail("%s:%d: a table row with %d cells, its header has %d" % (what, n, pipes - 1, want - 1))
        else:
            want = None


for s in sets:
    names = names_of(s)
    json.dump(names, open(os.path.join(out, s + ".names.json"), "w"))
    if len(names) < 3:
        fail("%s: only %d names found in its rule files" % (s, len(names)))
    h = parse(os.path.join(out, s + ".html"))
    check_markup(s + ".html", h, HTML_TAGS, HTML_ATTRS)
    src = open(os.path.join(out, s + ".html"), encoding="utf-8").read()
    if re.search(r"url\(|@import|https?:", src.split("</style>")[0]):
        fail("%s.html: its style fetches something" % s)
    md_raw = open(os.path.join(out, s + ".md"), encoding="utf-8").read()
    md_tables(s + ".md", md_raw)
    m = parse(os.path.join(out, s + ".md.html"))
    check_markup(s + ".md (as cmark-gfm renders it)", m, MD_TAGS, MD_ATTRS)
    for fmt, page in (("html", h), ("md", m)):
        text = page.body_text()
        missing = [n for n in names if re.sub(r"\s+", " ", n) not in text]
        if missing:
            fail("%s.%s: %d names missing, e.g. %r" % (s, fmt, len(missing), missing[:3]))
        if s == "hostile":
            for t in HOSTILE_TEXT:
                if re.sub(r"\s+", " ", t) not in text:
                    fail("%s.%s: the text %r is not shown as written" % (s, fmt, t))
    for fmt in ("html", "md"):
        if "\x01" in open(os.path.join(out, "%s.%s" % (s, fmt)), encoding="utf-8").read():
            fail("%s.%s: a control character written as it was" % (s, fmt))
    print("doc-test: %s: %d rules, flags and tables named in HTML and Markdown" % (s, len(names)))

sys.exit(1 if failures else 0)
