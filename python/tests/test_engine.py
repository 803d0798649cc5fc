"""threshold.Engine: rule sets by name, results as dicts, statuses as
exceptions, the context manager, one engine per thread."""
import json
import os
import shutil
import subprocess
import sys
import threading

import pytest

import threshold

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CASES = os.path.join(ROOT, "examples", "cases")


def example(name):
    with open(os.path.join(CASES, name)) as f:
        return json.load(f)


def cli_json(path):
    out = subprocess.run([os.path.join(ROOT, "build", "threshold"), "eval", "-r", "core",
                          "--format", "json", path], capture_output=True, text=True)
    return json.loads(out.stdout)


def test_evaluate_returns_the_result_document():
    with threshold.Engine("core") as e:
        r = e.evaluate(example("03_child_in_need_persistent_neglect.json"))
    assert r["case"] == "EX-03"
    assert r["suggestion"]["pathway"] == "child_in_need"
    assert r["status"] in ("complete", "open", "incomplete")
    assert r["ruleset"]["id"] == "core"


def test_same_result_as_the_command():
    """The binding adds nothing and loses nothing: the CLI's JSON, as a dict."""
    with threshold.Engine("core") as e:
        for name in sorted(os.listdir(CASES)):
            if name.startswith("09_"):
                continue                            # malformed: an exception below
            with open(os.path.join(CASES, name)) as f:
                got = e.evaluate(f.read())
            assert got == cli_json(os.path.join(CASES, name)), name


def test_a_local_set_by_name_extends_core():
    with threshold.Engine("peterborough") as e:
        assert e.ruleset["id"] == "peterborough"
        assert len(e.ruleset["hash"]) == 64
        r = e.evaluate({"id": "P1", "assessed_on": "2026-01-01"})
    assert r["ruleset"]["id"] == "peterborough"


def test_a_folder_works_too():
    with threshold.Engine(os.path.join(ROOT, "rules", "core")) as e:
        assert e.ruleset["id"] == "core"


def test_unknown_set_raises_with_where_it_looked():
    with pytest.raises(threshold.RuleSetError) as info:
        threshold.Engine("no-such-set")
    assert info.value.status == 3
    assert "no rule set 'no-such-set'" in str(info.value)


def test_malformed_json_raises_with_line_and_column():
    with threshold.Engine("core") as e:
        with open(os.path.join(CASES, "09_malformed.json")) as f:
            with pytest.raises(threshold.CaseJSONError) as info:
                e.evaluate(f.read())
        assert "line 6, column 66" in str(info.value)
        # the engine goes on
        assert e.evaluate({"assessed_on": "2026-01-01"})["suggestion"]["pathway"] == "universal"


def test_oversized_case_raises_limit_error():
    with threshold.Engine("core") as e:
        e.limit(3, 1000)                             # TH_LIMIT_CASE_BYTES
        with pytest.raises(threshold.LimitError):
            e.evaluate({"assessed_on": "2026-01-01", "id": "x" * 2000})


def test_invalid_case_is_a_result_not_an_exception():
    with threshold.Engine("core") as e:
        r = e.evaluate({"id": 5, "assessed_on": "2026-01-01"})
    assert r["status"] == "invalid"
    assert r["case_errors"][0]["path"] == "id"


def test_default_date_today_or_none():
    with threshold.Engine("core") as e:
        r = e.evaluate({"id": "nodate"})
        assert r["status"] != "invalid"
        assert any("assessed_on" in json.dumps(w) for w in r["warnings"])
    with threshold.Engine("core", default_date=None) as e:
        assert e.evaluate({"id": "nodate"})["status"] == "invalid"
    with pytest.raises(threshold.MisuseError):
        threshold.Engine("core", default_date="2026-02-30")


def test_closed_engine_refuses():
    e = threshold.Engine("core")
    e.close()
    e.close()                                        # harmless
    with pytest.raises(threshold.MisuseError):
        e.evaluate({"assessed_on": "2026-01-01"})


def test_rule_set_tests_run():
    with threshold.Engine("core") as e:
        report = e.test()
    assert report["failed"] == 0 and report["passed"] > 0


def test_engines_in_threads_agree():
    """One engine per thread: the results are those of one thread."""
    cases = [{"id": "T%d" % i, "assessed_on": "2026-01-01",
              "school": {"attendance_pct": 70 + i % 30},
              "child": {"dob": "2015-01-01"}} for i in range(200)]
    with threshold.Engine("core") as e:
        want = [e.evaluate_json(c) for c in cases]
    got = {}

    def work(k):
        with threshold.Engine("core") as mine:
            got[k] = [mine.evaluate_json(c) for c in cases]
    threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(got[k] == want for k in range(3))


def test_the_package_installs_with_pip(tmp_path):
    """pip install ./python, offline, with setuptools from the system, from
    a copy of the folder as a clone has it (the build leaves files there)."""
    source = tmp_path / "python"
    shutil.copytree(os.path.join(ROOT, "python"), str(source),
                    ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__",
                                                  ".pytest_cache"))
    target = tmp_path / "site"
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index",
                          "--no-build-isolation", "--no-deps", "--target", str(target),
                          str(source)], capture_output=True, text=True)
    assert pip.returncode == 0, pip.stdout + pip.stderr
    code = ("import threshold, sys; sys.path.pop(0); "
            "e = threshold.Engine('core'); "
            "print(e.evaluate({'assessed_on': '2026-01-01'})['suggestion']['pathway'])")
    env = dict(os.environ, PYTHONPATH=str(target))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, cwd=str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "universal"
    assert (target / "threshold" / "engine.py").exists()
