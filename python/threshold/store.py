"""threshold.Store: the case store (SQLite) with its hash-chained log."""
import ctypes
import datetime
import json

from . import errors
from ._lib import store_lib, text, take_string

STORE_CREATE = 0x1
STORE_READONLY = 0x2
STORE_CHANGED_ONLY = 0x4
IMPORT_STRICT = 0x1
FORMATS = {"json": 0, "jsonl": 1, "csv": 2}


def _now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _b(s):
    return None if s is None else str(s).encode("utf-8")


class _Decision(ctypes.Structure):
    """struct th_decision of threshold_store.h."""
    _fields_ = [("level", ctypes.c_char_p), ("type", ctypes.c_char_p),
                ("reason", ctypes.c_char_p), ("by", ctypes.c_char_p),
                ("approver", ctypes.c_char_p)]


class Store:
    """A case store file. Store(path, create=True) makes it if absent;
    readonly=True opens it for reading. Every method that writes takes an
    `at` timestamp (default: now, UTC), because the library never reads
    the clock. Reports come back as dicts."""

    def __init__(self, path, create=False, readonly=False):
        self._s = None
        lib = self._lib = store_lib()
        flags = (STORE_CREATE if create else 0) | (STORE_READONLY if readonly else 0)
        handle = ctypes.c_void_p()
        st = lib.th_store_open(ctypes.byref(handle), _b(path), flags)
        self._s = handle if handle else None
        if st != errors.OK:
            message = text(self._lib.th_store_errmsg(self._s)) if self._s else "out of memory"
            self.close()
            errors.raise_for(st, message)

    def close(self):
        if getattr(self, "_s", None):
            self._lib.th_store_close(self._s)
            self._s = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        self.close()

    def _handle(self):
        if not self._s:
            raise errors.MisuseError(errors.MISUSE, "the store is closed")
        return self._s

    def _report(self, st, out):
        report = take_string(out.value)
        if st != errors.OK:
            errors.raise_for(st, text(self._lib.th_store_errmsg(self._s)))
        return json.loads(report) if report else None

    def import_cases(self, engine, data, format="jsonl", strict=False, at=None):
        """Import cases (bytes or str in format json, jsonl or csv), each
        checked against engine's schema; the import report."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        out = ctypes.c_void_p()
        st = self._lib.th_store_import(self._handle(), engine._handle(), data, len(data),
                                 FORMATS[format], IMPORT_STRICT if strict else 0,
                                 _b(at or _now()), ctypes.byref(out))
        return self._report(st, out)

    def evaluate(self, engine, changed_only=False, at=None):
        """Evaluate the stored cases with engine, logging each; the run summary."""
        out = ctypes.c_void_p()
        st = self._lib.th_store_eval(self._handle(), engine._handle(),
                               STORE_CHANGED_ONLY if changed_only else 0,
                               _b(at or _now()), None, None, ctypes.byref(out))
        return self._report(st, out)

    def decide(self, case_id, by, level=None, reason=None, type=None,
               approver=None, at=None):
        """Record a practitioner's decision on the latest evaluation of
        case_id: level None agrees; otherwise an override, with a reason,
        type "policy" or "discretionary", and for a discretionary one the
        approver (someone other than by)."""
        d = _Decision(_b(level), _b(type), _b(reason), _b(by), _b(approver))
        out = ctypes.c_void_p()
        st = self._lib.th_store_decide(self._handle(), _b(case_id), ctypes.byref(d),
                                       _b(at or _now()), ctypes.byref(out))
        return self._report(st, out)

    def verify(self, public_key=None, head=None):
        """Check the database, the log's hash chain and every row against
        its log entry; with public_key (hex) the checkpoints it signed, with
        head ("SEQ:HASH") a head kept elsewhere. report["ok"] says."""
        out = ctypes.c_void_p()
        return self._report(self._lib.th_store_verify_anchored(
            self._handle(), _b(public_key), _b(head), ctypes.byref(out)), out)

    def head(self):
        """The log's head {"seq", "hash", "head"}, to keep outside the store."""
        out = ctypes.c_void_p()
        return self._report(self._lib.th_store_head(self._handle(), ctypes.byref(out)), out)

    def report(self, ruleset_id=None):
        """The caseload report for a rule set (default: the latest run's)."""
        out = ctypes.c_void_p()
        return self._report(self._lib.th_store_report(self._handle(), _b(ruleset_id),
                                                ctypes.byref(out)), out)
