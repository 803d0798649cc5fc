"""threshold.Store: import, evaluate, decide, verify and report, agreeing
with the command on the same store."""
import json
import os
import subprocess

import pytest

import threshold

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.path.join(ROOT, "build", "threshold")
GEN = os.path.join(ROOT, "build", "gen_caseload")


@pytest.fixture
def caseload():
    return subprocess.run([GEN, "200"], capture_output=True, check=True).stdout


def test_store_round_trip(tmp_path, caseload):
    path = str(tmp_path / "cases.db")
    with threshold.Store(path, create=True) as store, threshold.Engine("core") as e:
        imported = store.import_cases(e, caseload, format="jsonl", at="2026-11-02T09:00:00Z")
        assert imported["imported"] == 200 and imported["rejected"] == 0
        run = store.evaluate(e, at="2026-11-02T09:01:00Z")
        assert run["evaluated"] == 200
        assert store.evaluate(e, changed_only=True, at="2026-11-02T09:02:00Z")["evaluated"] == 0
        entry = store.decide("C0000001", by="SW-1", at="2026-11-02T10:00:00Z")
        assert entry is not None
        override = store.decide("C0000002", by="SW-1", level="child_protection",
                                reason="Disclosure at school today", type="discretionary",
                                approver="TM-1", at="2026-11-02T10:05:00Z")
        assert override["type"] == "discretionary" and override["approver"] == "TM-1"
        head = store.head()
        assert head["seq"] == 202
        assert store.verify()["ok"] is True
        assert store.verify(head=head["head"])["ok"] is True
        report = store.report()
    # the command reads the same store and reports the same caseload
    cli = subprocess.run([CLI, "db", "report", path, "--format", "json"],
                         capture_output=True, text=True, check=True)
    assert json.loads(cli.stdout) == report
    assert sum(p["cases"] for p in report["pathways"]) == 200


def test_bad_records_are_reported_not_raised(tmp_path):
    with threshold.Store(str(tmp_path / "s.db"), create=True) as store, \
            threshold.Engine("core") as e:
        got = store.import_cases(e, '{"id":"A","assessed_on":"2026-01-01"}\n{"id":\n',
                                 format="jsonl")
        assert got["imported"] == 1 and got["rejected"] == 1


def test_store_errors_raise_store_error(tmp_path):
    with pytest.raises(threshold.StoreError) as info:
        threshold.Store(str(tmp_path / "absent.db"))          # not created
    assert info.value.status == 8
    not_a_store = tmp_path / "random.db"
    not_a_store.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(threshold.StoreError):
        threshold.Store(str(not_a_store))


def test_a_discretionary_override_needs_another_approver(tmp_path, caseload):
    with threshold.Store(str(tmp_path / "s.db"), create=True) as store, \
            threshold.Engine("core") as e:
        store.import_cases(e, caseload, format="jsonl")
        store.evaluate(e)
        with pytest.raises(threshold.ThresholdError) as info:
            store.decide("C0000003", by="SW-1", level="universal", reason="x",
                         type="discretionary", approver="SW-1")
        assert "someone other than who decides" in str(info.value)


def test_decide_without_an_evaluation_raises(tmp_path):
    with threshold.Store(str(tmp_path / "s.db"), create=True) as store:
        with pytest.raises(threshold.ThresholdError) as info:
            store.decide("NOPE", by="SW-1")
        assert "has no evaluation" in str(info.value)
