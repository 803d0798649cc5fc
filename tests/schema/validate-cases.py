#!/usr/bin/env python3
"""`threshold schema --format json-schema` agrees with what `threshold eval`
accepts.

    validate-cases.py THRESHOLD

For every shipped rule set: its JSON Schema is a valid 2020-12 schema; the
example cases and the set's own test cases (dumped by dump-test-cases.lua)
and a handful of broken cases get the same verdict from the schema as from
the engine (valid, or status "invalid"). The one allowed difference: a case
the engine refuses only through a `check` declaration (a rule across
fields, which JSON Schema does not express). Each valid case must validate;
each broken one must be refused by both, so the test cannot pass vacuously.
"""
import copy
import glob
import json
import os
import re
import subprocess
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# Broken on purpose, each refused by the engine and so by the schema.
BROKEN = [
    ("an enum value that is not one", {"household": {"home_conditions": "poor"}}),
    ("a string for a whole number", {"household": {"moves_12_months": "2"}}),
    ("a fraction for a whole number", {"household": {"moves_12_months": 1.5}}),
    ("a number over its maximum", {"school": {"attendance_pct": 101}}),
    ("a date that is not one", {"child": {"dob": "2020-02-30"}}),
    ("a date not written YYYY-MM-DD", {"child": {"dob": "1/2/2020"}}),
    ("a date before 1900", {"child": {"dob": "1899-12-31"}}),
    ("a list for an object", {"child": [1]}),
    ("an object for a list", {"concerns": {"subtype": "medical"}}),
    ("a null list entry", {"concerns": [None]}),
    ("a wrong value in a list entry", {"concerns": [{"subtype": "medical", "frequency": "always"}]}),
    ("a number for a boolean", {"child": {"disability": 1}}),
]
# Accepted by the engine (with a warning, or as not known): so by the schema.
ACCEPTED = [
    ("an unknown field", {"child": {"favourite_colour": "blue"}}),
    ("an unknown top-level field", {"referrer_note": "x"}),
    ("null for a field", {"child": {"dob": None}, "household": None}),
    ("a whole number written 2.0", {"household": {"moves_12_months": 2.0}}),
]
BASE = {"id": "S-1", "assessed_on": "2026-11-02", "child": {"dob": "2020-06-15"}}


def run(args, data=None):
    return subprocess.run(args, input=data, capture_output=True, check=False)


def schema_for(cli, rs):
    p = run([cli, "schema", "--format", "json-schema", rs])
    if p.returncode != 0:
        sys.exit("schema %s: exit %d: %s" % (rs, p.returncode, p.stderr.decode()))
    s = json.loads(p.stdout)
    jsonschema.Draft202012Validator.check_schema(s)
    return jsonschema.Draft202012Validator(
        s, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def types_of(node):
    t = node.get("type", [])
    return t if isinstance(t, list) else [t]


def fix_empty(v, node):
    """Lua has one empty table: [] becomes {} where the schema has an object."""
    if node is None:
        return v
    if v == [] and "object" in types_of(node) and "array" not in types_of(node):
        return {}
    if isinstance(v, dict):
        props = node.get("properties", {})
        return {k: fix_empty(x, props.get(k)) for k, x in v.items()}
    if isinstance(v, list):
        return [fix_empty(x, node.get("items")) for x in v]
    return v


def defaults_valid(node, path=""):
    """Every default the schema gives validates against its own field."""
    bad = []
    if "default" in node and not jsonschema.Draft202012Validator(
            node, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).is_valid(
            node["default"]):
        bad.append(path)
    for k, sub in node.get("properties", {}).items():
        bad += defaults_valid(sub, path + "." + k if path else k)
    if isinstance(node.get("items"), dict):
        bad += defaults_valid(node["items"], path + "[]")
    return bad


def check_messages():
    """The messages of the rule sets' `check` declarations."""
    out = set()
    for f in glob.glob(os.path.join(ROOT, "rules", "*", "*.lua")):
        text = open(f, encoding="utf-8").read()
        for m in re.finditer(r'^check\s+"[^"]*"\s*\{(.*?)^\}', text, re.S | re.M):
            out.update(re.findall(r'message\s*=\s*"([^"]*)"', m.group(1)))
    return out


def engine_verdicts(cli, rs, cases):
    data = b"".join(json.dumps(c).encode() + b"\n" for c in cases)
    p = run([cli, "eval", "-r", rs, "--format", "json", "-"], data)
    lines = p.stdout.splitlines()
    if len(lines) != len(cases):
        sys.exit("eval -r %s: %d results for %d cases: %s" % (rs, len(lines), len(cases),
                                                            p.stderr.decode()[:500]))
    return [json.loads(l) for l in lines]


def main():
    cli = sys.argv[1]
    checks = check_messages()
    sets = sorted(d for d in os.listdir(os.path.join(ROOT, "rules"))
                  if os.path.exists(os.path.join(ROOT, "rules", d, "ruleset.lua")))
    examples = []
    for f in sorted(glob.glob(os.path.join(ROOT, "examples", "cases", "*.json"))):
        try:
            examples.append((os.path.relpath(f, ROOT), json.load(open(f))))
        except ValueError:
            pass                                 # 09_malformed.json is not JSON
    passed = failed = 0
    counts = {"valid": 0, "refused": 0, "check": 0}
    for rs in sets:
        v = schema_for(cli, rs)
        root = v.schema
        bad = defaults_valid(root)
        ndefaults = json.dumps(root).count('"default":')
        if bad or ndefaults == 0:
            failed += 1
            print("FAIL %s: defaults that do not validate: %s (of %d)" % (rs, bad, ndefaults))
        files = sorted(glob.glob(os.path.join(ROOT, "rules", rs, "tests", "*.lua")))
        dumped = run(["lua5.4", os.path.join(HERE, "dump-test-cases.lua")] + files)
        if dumped.returncode != 0:
            sys.exit("dump-test-cases.lua: " + dumped.stderr.decode())
        cases = list(examples)
        for line in dumped.stdout.splitlines():
            t = json.loads(line)
            cases.append(("%s: test '%s'" % (os.path.relpath(t["file"], ROOT), t["test"]),
                          fix_empty(t["case"], root)))
        broken = [("broken: " + why, dict(copy.deepcopy(BASE), **c), False) for why, c in BROKEN]
        accepted = [("accepted: " + why, dict(copy.deepcopy(BASE), **c), True)
                    for why, c in ACCEPTED]
        no_date = [("broken: no assessed_on", {"id": "S-2"}, False)]
        all_cases = [(n, c, None) for n, c in cases] + broken + accepted + no_date
        results = engine_verdicts(cli, rs, [c for _, c, _ in all_cases]) if rs else []
        # eval fills a missing assessed_on with today (and warns); the
        # library does not: judge that case by the schema alone.
        for (name, case, want), res in zip(all_cases, results):
            errs = sorted(e.message for e in v.iter_errors(case))
            schema_ok = not errs
            engine_ok = res.get("status") != "invalid"
            if name == "broken: no assessed_on":
                engine_ok = False
            by_check = not engine_ok and all(e.get("message") in checks
                                             for e in res.get("case_errors", []))
            agree = schema_ok == engine_ok or (schema_ok and by_check)
            if want is not None and schema_ok != want:
                agree = False
            if agree:
                passed += 1
                counts["check" if by_check and schema_ok else
                       "valid" if schema_ok else "refused"] += 1
            else:
                failed += 1
                print("FAIL %s [%s]: schema %s%s, engine %s %s" % (
                    rs, name, "accepts" if schema_ok else "refuses",
                    (" (" + "; ".join(errs[:3]) + ")") if errs else "",
                    "accepts" if engine_ok else "refuses",
                    json.dumps(res.get("case_errors", []))[:300]))
    if counts["valid"] == 0 or counts["refused"] < len(BROKEN) * len(sets):
        failed += 1
        print("FAIL the check is vacuous: %s" % counts)
    print("json-schema: %d valid, %d refused by both, %d refused by a check declaration only"
          % (counts["valid"], counts["refused"], counts["check"]))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
