#!/usr/bin/env python3
"""Every JSON line the CLI writes validates against docs/result.schema.json.

    validate-results.py THRESHOLD GEN_CASELOAD

Runs `eval --format json` (with and without --explain) on every example
case, a JSON Lines stream with malformed lines, cases without a date, and
a generated caseload with the core set and every local set; validates each
output line. Also checks that the schema rejects what it must (a result
without a status, an unknown pathway), so the check cannot pass vacuously.
"""
import json
import os
import subprocess
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def main():
    cli, gen = sys.argv[1], sys.argv[2]
    with open(os.path.join(ROOT, "docs", "result.schema.json")) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    cases = os.path.join(ROOT, "examples", "cases")
    caseload = subprocess.run([gen, "300"], capture_output=True, check=True).stdout
    stream = b"".join(open(os.path.join(cases, f), "rb").read().replace(b"\n", b"") + b"\n"
                      for f in sorted(os.listdir(cases)) if not f.startswith("09"))
    stream += b'{"id": "broken",\n{"id":"dup","id":"x"}\n{"id":"nodate"}\n'
    runs = []
    for f in sorted(os.listdir(cases)):
        for extra in ([], ["--explain"]):
            runs.append(([cli, "eval", "-r", "core", "--format", "json"] + extra +
                         [os.path.join(cases, f)], None))
    sets = sorted(d for d in os.listdir(os.path.join(ROOT, "rules"))
                  if os.path.exists(os.path.join(ROOT, "rules", d, "ruleset.lua")))
    for s in sets:
        runs.append(([cli, "eval", "-r", s, "--explain", "--format", "json", "-"], caseload))
    runs.append(([cli, "eval", "-r", "core", "--stream", "-"], stream))
    lines = bad = 0
    for argv, data in runs:
        out = subprocess.run(argv, input=data, capture_output=True).stdout
        for n, line in enumerate(out.splitlines(), 1):
            lines += 1
            doc = json.loads(line)
            errors = list(validator.iter_errors(doc))
            if errors:      # name the branch that applies, not the oneOf
                branch = {k: v for k, v in schema.items() if k != "oneOf"}
                branch["$ref"] = "#/$defs/" + ("error_line" if "error" in doc else "result")
                errors = list(validator.evolve(schema=branch).iter_errors(doc)) or errors
            if errors:
                bad += 1
                if bad <= 5:
                    best = jsonschema.exceptions.best_match(errors)
                    print("FAIL %s line %d: %s at %s" % (" ".join(argv[1:]), n, best.message[:200],
                                                        "/".join(map(str, best.absolute_path))))
    good = json.loads(subprocess.run([cli, "eval", "-r", "core", "--format", "json",
                                      os.path.join(cases, "01_universal_toddler.json")],
                                     capture_output=True).stdout)
    found = json.loads(subprocess.run([cli, "eval", "-r", "core", "--format", "json",
                                       os.path.join(cases, "03_child_in_need_persistent_neglect.json")],
                                      capture_output=True).stdout)
    judged = next(f for f in found["findings"] if f["basis"] == "judgement")
    unbased = {k: v for k, v in judged.items() if k not in ("basis", "why")}
    unwhy = {k: v for k, v in judged.items() if k != "why"}
    for broken in ({k: v for k, v in good.items() if k != "status"},
                   dict(good, suggestion=dict(good["suggestion"], pathway="maybe")),
                   dict(found, findings=[unbased]), dict(found, findings=[unwhy]),
                   dict(found, findings=[dict(judged, basis="guess")])):
        if validator.is_valid(broken):
            bad += 1
            print("FAIL the schema accepts a broken result")
    print("result schema: %d lines from %d runs (%d rule sets), %d invalid" %
          (lines, len(runs), len(sets), bad))
    return 1 if bad or lines < 1000 else 0


if __name__ == "__main__":
    sys.exit(main())
