#!/usr/bin/env python3
"""The shape of `threshold schema --format luals` (Debian has no
lua-language-server to run `--check` with).

    check-luals.py THRESHOLD

For every shipped rule set: the annotation file compiles as Lua (luac5.4
-p) and starts with ---@meta; every field of the set's schema
(`schema --format json`) is a ---@field of the class of its parent, with
the right type (an enumeration as the union of exactly its values as
string literals, a list as T[], an object as its own class, a date as
threshold.date); every class a field names is declared; every path a data
condition may name is in the threshold.path alias; and every name the
sandbox gives rule files (.luacheckrc's list, which luacheck-test holds to
the sandbox) is annotated.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LUA_BASE = {"assert", "error", "ipairs", "next", "pairs", "pcall", "select", "tonumber",
            "tostring", "type"}
SCALAR = {"string": "string", "integer": "integer", "number": "number",
          "boolean": "boolean", "date": "threshold.date"}


def class_name(path):
    return "threshold.case" + ("." + path.replace("[]", "_item") if path else "")


def parse(text):
    classes, cur, aliases, alias = {}, None, {}, None
    for line in text.splitlines():
        m = re.match(r"---@class ([\w.]+)", line)
        if m:
            cur = classes.setdefault(m.group(1), {})
            alias = None
            continue
        m = re.match(r"---@field (\w+)\?? (\S+)", line)
        if m and cur is not None:
            cur[m.group(1)] = m.group(2)
            continue
        m = re.match(r"---@alias ([\w.]+)\s*$", line)
        if m:
            alias = aliases.setdefault(m.group(1), [])
            continue
        m = re.match(r"---\| (.*)$", line)
        if m and alias is not None:
            alias.append(m.group(1))
            continue
        if not line.startswith("---"):
            cur = alias = None
    return classes, aliases


def dsl_names():
    """The names .luacheckrc gives rule files, read by Lua itself."""
    code = ('stds, files = {}, {} dofile(".luacheckrc") '
            'local t = {} for k, v in pairs(stds.threshold_rules.read_globals) do '
            'if next(v.fields or {}) == nil or k == "text" then t[#t + 1] = k end end '
            'table.sort(t) print(table.concat(t, " "))')
    p = subprocess.run(["lua5.4", "-e", code], cwd=ROOT, capture_output=True, check=True)
    return p.stdout.decode().split()


def expected_type(f):
    ty = f["type"]
    et = f.get("of", "object") if ty == "array" else ty
    if et == "object":
        t = class_name(f["path"] + ("[]" if ty == "array" else ""))
    elif et == "enum":
        t = "|".join('"%s"' % v for v in f["values"])
    else:
        t = SCALAR[et]
    if ty == "array":
        t = ("(%s)[]" if et == "enum" else "%s[]") % t
    if f.get("nullable"):
        t += "|threshold.null"
    return t


LONG_DEFAULT = " ".join("default%d" % i for i in range(60))
LONG_VERSION = "v" + "1" * 300


def node_of(schema, path):
    """The JSON Schema node of field path (a list's entries through items)."""
    n = schema
    for part in path.split("."):
        entry = part.endswith("[]")
        n = n.get("properties", {}).get(part[:-2] if entry else part)
        if n is None:
            return None
        if entry:
            n = n.get("items", {})
    return n


def check_long_json_schema(cli, where, check):
    """schema --format json-schema of the long set: every long field is in
    its place with its doc, its default and the set's version whole."""
    p = subprocess.run([cli, "schema", "--format", "json-schema", where], capture_output=True)
    check(p.returncode == 0, "long: schema --format json-schema: %s" % p.stderr.decode())
    if p.returncode != 0:
        return
    schema = json.loads(p.stdout)
    check(LONG_VERSION in schema.get("title", ""), "long: the title's version is not whole")
    fields = json.loads(subprocess.run([cli, "schema", where], capture_output=True,
                                       check=True).stdout)
    for f in fields:
        if not f["path"].startswith("long_"):
            continue
        n = node_of(schema, f["path"])
        check(n is not None, "long: %s... is not in the JSON Schema" % f["path"][:40])
        if n is None:
            continue
        check(f.get("doc", "") in n.get("description", ""),
              "long: %s...'s description is not whole" % f["path"][:40])
        if "default" in f:
            check(json.dumps(f["default"]) in n.get("description", ""),
                  "long: %s...'s default is not whole in its description" % f["path"][:40])


def write_long_set(top):
    """In top/long: a set extending core with a path of over 1,000 characters, a doc of
    5,000 and an enumeration of 100 values of 60 characters each."""
    d = os.path.join(top, "long")
    os.mkdir(d)
    os.symlink(os.path.join(ROOT, "rules", "core"), os.path.join(top, "core"))
    seg = ["long_" + c * 250 for c in "abcd"]
    doc = " ".join("word%d" % i for i in range(700))
    values = ["value_%02d_" % i + "v" * 50 for i in range(100)]
    out = ['field "%s" { type = "object", doc = "%s" }' % (".".join(seg[:i + 1]), doc)
           for i in range(len(seg))]
    deep = ".".join(seg)
    out.append('field "%s.choice" { type = "enum", values = { %s }, doc = "%s" }'
               % (deep, ", ".join('"%s"' % v for v in values), doc))
    out.append('field "%s.choices" { type = "array", of = "enum", values = { %s } }'
               % (deep, ", ".join('"%s"' % v for v in values)))
    out.append('field "%s.when" { type = "date", nullable = true, doc = "%s" }' % (deep, doc))
    out.append('field "%s.items" { type = "array", of = "object", doc = "%s" }' % (deep, doc))
    out.append('field "%s.items[].name" { type = "string", doc = "%s" }' % (deep, doc))
    out.append('field "%s.note" { type = "string", default = "%s", doc = "%s" }'
               % (deep, LONG_DEFAULT, doc))
    with open(os.path.join(d, "schema.lua"), "w") as f:
        f.write("\n".join(out) + "\n")
    with open(os.path.join(d, "ruleset.lua"), "w") as f:
        f.write('ruleset { id = "long", version = "1", extends = "core", '
                'title = "Long names", version = "%s", files = { "schema.lua" } }\n'
                % LONG_VERSION)
    return d


def main():
    cli = sys.argv[1]
    failed = passed = 0

    def check(ok, msg):
        nonlocal failed, passed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL " + msg)

    for args, why in ((["--format", "yaml"], "an unknown format"),
                      (["no_such_set"], "a set that does not exist"),
                      (["-o", "/nonexistent/dir/x.lua", "core"], "a file it cannot write"),
                      (["core", "peterborough"], "two sets")):
        p = subprocess.run([cli, "schema"] + args, capture_output=True)
        check(p.returncode == 2 and p.stderr.startswith(b"threshold: schema: "),
              "schema %s (%s): exit %d, %s" % (" ".join(args), why, p.returncode, p.stderr))
    names = dsl_names()
    check(len(names) > 40, "too few names read from .luacheckrc: %s" % names)
    sets = sorted(d for d in os.listdir(os.path.join(ROOT, "rules"))
                  if os.path.exists(os.path.join(ROOT, "rules", d, "ruleset.lua")))
    nfields = 0

    def check_set(rs, where):
        """rs names the set in messages; where is what `schema` is given."""
        nonlocal nfields
        with tempfile.NamedTemporaryFile("w+", suffix=".lua") as tmp:
            p = subprocess.run([cli, "schema", "--format", "luals", "-o", tmp.name, where],
                               capture_output=True)
            check(p.returncode == 0, "%s: schema --format luals: %s" % (rs, p.stderr.decode()))
            if p.returncode != 0:
                return "", []
            text = open(tmp.name, encoding="utf-8").read()
            c = subprocess.run(["luac5.4", "-p", tmp.name], capture_output=True)
            check(c.returncode == 0, "%s: the annotations are not Lua: %s" % (rs, c.stderr.decode()))
        check(text.startswith("---@meta"), "%s: no ---@meta first" % rs)
        fields = json.loads(subprocess.run([cli, "schema", where], capture_output=True,
                                           check=True).stdout)
        classes, aliases = parse(text)
        paths = set(aliases.get("threshold.path", []))
        check('string' in paths, "%s: threshold.path does not end with | string" % rs)
        for f in fields:
            nfields += 1
            path = f["path"]
            parent, _, key = path.rpartition(".")
            cls = class_name(parent)
            got = classes.get(cls, {}).get(key)
            want = expected_type(f)
            check(got == want, "%s: %s: ---@field %s in %s is %s, wanted %s"
                  % (rs, path, key, cls, got, want))
            rel = path.rsplit("[].", 1)[-1]
            check('"%s"' % rel in paths, "%s: '%s' is not in threshold.path" % (rs, rel))
        for cls, fs in classes.items():
            for k, t in fs.items():
                for ref in re.findall(r"threshold\.case[\w.]*", t):
                    check(ref in classes, "%s: %s.%s names class %s, not declared"
                          % (rs, cls, k, ref))
        for n in names:
            if n in LUA_BASE:
                continue                      # LuaLS's own Lua 5.4 runtime has them
            declared = re.search(r"^(function %s\(|%s = )" % (n, n), text, re.M)
            check(declared is not None, "%s: the sandbox's '%s' is not annotated" % (rs, n))
        for n in ("contains", "starts_with", "ends_with", "lower", "upper"):
            check("function text.%s(" % n in text, "%s: text.%s is not annotated" % (rs, n))
        for kind, spec in (("rule", "rule_spec"), ("flag", "flag_spec"),
                           ("decision_table", "table_spec"), ("test", "test_spec")):
            check(re.search(r"---@return fun\(spec: threshold\.%s\)\nfunction %s\(" % (spec, kind),
                            text) is not None, "%s: %s's spec is not typed" % (rs, kind))
        check("fun(c: threshold.case)" in text, "%s: function(c) is not typed" % rs)
        return text, fields

    for rs in sets:
        check_set(rs, rs)
    # No field is cut short however long its path, doc or enumeration: a
    # generated set whose every one is longer than any buffer a line might
    # once have been built in.
    with tempfile.TemporaryDirectory() as d:
        text, fields = check_set("long", write_long_set(d))
        for f in fields:
            if f["path"].startswith("long_"):
                check(f.get("doc", "") in text, "long: %s's doc is not whole" % f["path"][:40])
        check_long_json_schema(cli, os.path.join(d, "long"), check)
    check(nfields > 100, "too few fields checked (%d)" % nfields)
    print("luals: %d fields over %d sets, %d DSL names" % (nfields, len(sets), len(names)))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
