#!/usr/bin/env python3
"""shadowed_rule makes no false claim: a property test through the CLI.

    shadow-soundness.py THRESHOLD

Writes a rule set of random data conditions over a few fields of its own
(numbers, an enumeration, a yes/no, a list of entries, all sometimes
absent so that conditions are also unknown), asks `threshold check` which
rules are shadowed, and evaluates random cases: wherever a shadowed rule
fires, the rule said to shadow it fires too (and its level is at least as
high). Fails too if the check claims nothing, so it cannot pass vacuously.
Fixed seed: the same set and cases every run.
"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile

LEVELS = ["early_help", "child_in_need", "child_protection"]
RANK = {"universal": 0, "early_help": 1, "child_in_need": 2, "child_protection": 3}
KINDS = ["a", "b", "c", "d"]


def lua(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return '"%s"' % v
    return repr(v)


def atom(r, entry=False):
    if entry:
        path, kind = r.choice([("k", "enum"), ("n", "int")])
    else:
        path, kind = r.choice([("sx.n", "int"), ("sx.m", "int"), ("sx.kind", "enum"),
                               ("sx.flag", "bool")])
    if kind == "int":
        op = r.choice(["at_least", "at_most", "above", "below", "between", "is", "is_not",
                       "one_of"])
        if op == "between":
            lo = r.randint(0, 8)
            return "between(%s, %d, %d)" % (lua(path), lo, lo + r.randint(0, 4))
        if op == "one_of":
            return "one_of(%s, { %s })" % (lua(path), ", ".join(
                str(x) for x in sorted(r.sample(range(0, 10), r.randint(1, 4)))))
        return "%s(%s, %d)" % (op, lua(path), r.randint(0, 10))
    if kind == "enum":
        op = r.choice(["is", "is_not", "one_of", "one_of", "present"])
        if op == "one_of":
            return "one_of(%s, { %s })" % (lua(path), ", ".join(
                lua(x) for x in sorted(r.sample(KINDS, r.randint(1, 3)))))
        if op == "present":
            return "present(%s)" % lua(path)
        return "%s(%s, %s)" % (op, lua(path), lua(r.choice(KINDS)))
    return "%s(%s, %s)" % (r.choice(["is", "is", "is_not"]), lua(path), lua(r.random() < 0.5))


def cond(r, depth, entry=False):
    if depth <= 0 or r.random() < 0.35:
        if not entry and r.random() < 0.15:
            where = cond(r, 1, entry=True)
            return "%s(count(\"sx_items\", %s), %d)" % (
                r.choice(["at_least", "at_most", "above"]), where, r.randint(0, 3))
        return atom(r, entry)
    op = r.choice(["all", "all", "any", "none", "at_least_n_of"])
    parts = [cond(r, depth - 1, entry) for _ in range(r.randint(1, 3))]
    if op == "at_least_n_of":
        return "at_least_n_of(%d, { %s })" % (r.randint(1, len(parts)), ", ".join(parts))
    return "%s { %s }" % (op, ", ".join(parts))


def derived(r, base):
    """A condition built to imply or nearly imply base: the cases that matter."""
    return "all { %s, %s }" % (base, cond(r, 1)) if r.random() < 0.6 else \
        "any { %s }" % base if r.random() < 0.5 else base


def case(r, i):
    c = {"id": "S%d" % i, "assessed_on": "2026-11-02"}
    sx = {}
    for k, gen in (("n", lambda: r.randint(0, 11)), ("m", lambda: r.randint(0, 11)),
                   ("kind", lambda: r.choice(KINDS)), ("flag", lambda: r.random() < 0.5)):
        if r.random() < 0.85:
            sx[k] = gen()
    if r.random() < 0.9:
        c["sx"] = sx
    if r.random() < 0.8:
        items = []
        for _ in range(r.randint(0, 4)):
            e = {}
            if r.random() < 0.85:
                e["k"] = r.choice(KINDS)
            if r.random() < 0.85:
                e["n"] = r.randint(0, 10)
            items.append(e)
        c["sx_items"] = items
    return c


def main():
    cli = sys.argv[1]
    r = random.Random(17)
    tmp = os.environ.get("SHADOW_DIR") or tempfile.mkdtemp()
    d = os.path.join(tmp, "shadows")
    os.mkdir(d)
    with open(os.path.join(d, "ruleset.lua"), "w") as f:
        f.write('ruleset { id = "shadows", version = "test", extends = "core", files = { "rules.lua" } }\n')
    rules, conds = [], []
    for i in range(70):
        c = derived(r, r.choice(conds)) if conds and r.random() < 0.5 else cond(r, 3)
        conds.append(c)
        rules.append(("R%d" % i, r.choice(LEVELS), c))
    with open(os.path.join(d, "rules.lua"), "w") as f:
        f.write('field "sx.n" { type = "integer", min = 0, max = 11 }\n'
                'field "sx.m" { type = "integer", min = 0, max = 11 }\n'
                'field "sx.kind" { type = "enum", values = { "a", "b", "c", "d" } }\n'
                'field "sx.flag" { type = "boolean" }\n'
                'field "sx_items" { type = "array", of = "object" }\n'
                'field "sx_items[].k" { type = "enum", values = { "a", "b", "c", "d" } }\n'
                'field "sx_items[].n" { type = "integer", min = 0, max = 10 }\n')
        for name, level, c in rules:
            f.write('rule "%s" { level = "%s", cite = "Generated", basis = "quoted", '
                    'reason = "Generated", when = %s }\n' % (name, level, c))
    env = dict(os.environ, THRESHOLD_RULES_PATH=os.environ.get("THRESHOLD_RULES_PATH", "rules"))
    p = subprocess.run([cli, "check", "--format", "json", d], capture_output=True, env=env)
    if p.returncode == 2:
        sys.exit("shadow-soundness: the generated set did not load: " + p.stderr.decode())
    report = json.loads(p.stdout)
    claims = []
    for f in report["findings"]:
        if f["kind"] == "shadowed_rule":
            m = re.match(r"rule '([^']+)' .*?whenever it applies, rule '([^']+)'", f["message"])
            claims.append((m.group(1), m.group(2)))
    cases = [case(r, i) for i in range(2000)]
    data = "".join(json.dumps(c) + "\n" for c in cases).encode()
    p = subprocess.run([cli, "eval", "-r", d, "--format", "json", "-"], input=data,
                       capture_output=True, env=env)
    results = [json.loads(l) for l in p.stdout.splitlines()]
    if len(results) != len(cases):
        sys.exit("shadow-soundness: %d results for %d cases" % (len(results), len(cases)))
    level = {n: lv for n, lv, _ in rules}
    passed = failed = 0
    fired_any = set()
    for res in results:
        fired = {f["rule"] for f in res.get("findings", [])}
        fired_any |= fired
        for a, b in claims:
            if a in fired:
                if b in fired:
                    passed += 1
                else:
                    failed += 1
                    if failed <= 5:
                        print("FAIL '%s' fired without '%s', which check says shadows it: case %s"
                              % (a, b, res.get("case")))
    for a, b in claims:
        if b in level and RANK[level[b]] < RANK[level[a]]:
            failed += 1
            print("FAIL '%s' is said to be shadowed by '%s' at a lower level" % (a, b))
    exercised = sum(1 for a, _ in claims if a in fired_any)
    if len(claims) < 5 or exercised < len(claims) // 2:
        failed += 1
        print("FAIL vacuous: %d claims, %d of them exercised" % (len(claims), exercised))
    print("shadow-soundness: %d claims over %d rules, %d exercised by %d cases" %
          (len(claims), len(rules), exercised, len(cases)))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
