"""threshold.Engine: a loaded rule set that evaluates cases."""
import ctypes
import datetime
import json

from . import errors
from ._lib import lib, text

EVAL_EXPLAIN = 0x1
EVAL_VALIDATE = 0x2
EVAL_BRIEF = 0x4

_TODAY = object()


def library_version():
    """The version of the libthreshold actually loaded, e.g. '0.1.0'."""
    return text(lib.th_version())


def _case_bytes(case):
    if isinstance(case, (bytes, bytearray)):
        return bytes(case)
    if isinstance(case, str):
        return case.encode("utf-8")
    return json.dumps(case, ensure_ascii=False, allow_nan=False).encode("utf-8")


class Engine:
    """A Lua state with one rule set loaded.

    Engine("core") finds a rule set by name ($THRESHOLD_RULES_PATH, then the
    installed rules); Engine("path/to/folder") loads that folder. Cases
    without assessed_on are evaluated as of default_date: today (the
    default, as the command does), a "YYYY-MM-DD" string, or None to make
    such cases invalid. One engine serves one thread at a time: a second
    thread's call raises MisuseError. Use it as a context manager, or call
    close(), to free it at once.
    """

    def __init__(self, ruleset="core", default_date=_TODAY):
        handle = ctypes.c_void_p()
        st = lib.th_engine_new(ctypes.byref(handle), 0)
        if st != errors.OK:
            errors.raise_for(st, text(lib.th_errstr(st)))
        self._e = handle
        st = lib.th_engine_load(self._e, str(ruleset).encode())
        if st != errors.OK:
            message = self._message()
            self.close()
            errors.raise_for(st, message)
        if default_date is _TODAY:
            default_date = datetime.date.today().isoformat()
        self.set_default_date(default_date)

    def _message(self):
        return text(lib.th_errmsg(self._e))

    def _handle(self):
        if not self._e:
            raise errors.MisuseError(errors.MISUSE, "the engine is closed")
        return self._e

    def close(self):
        """Free the engine (a second close is harmless)."""
        if getattr(self, "_e", None):
            lib.th_engine_free(self._e)
            self._e = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        self.close()

    @property
    def ruleset(self):
        """{"id", "version", "hash"} of the loaded rule set."""
        e = self._handle()
        return {"id": text(lib.th_engine_ruleset_id(e)),
                "version": text(lib.th_engine_ruleset_version(e)),
                "hash": text(lib.th_engine_ruleset_hash(e))}

    def set_default_date(self, date):
        st = lib.th_engine_set_default_date(self._handle(),
                                            None if date is None else date.encode())
        if st != errors.OK:
            errors.raise_for(st, "not a calendar date: %r" % (date,))

    def limit(self, which, value=-1):
        """Query (value < 0) or set a limit (enum th_limit); returns it."""
        return lib.th_engine_limit(self._handle(), which, value)

    def evaluate_json(self, case, explain=False, validate=False, brief=False):
        """Evaluate one case (dict, or JSON text/bytes); the result as JSON text."""
        data = _case_bytes(case)
        flags = (EVAL_EXPLAIN if explain else 0) | (EVAL_VALIDATE if validate else 0) \
            | (EVAL_BRIEF if brief else 0)
        out = ctypes.c_void_p()
        st = lib.th_eval(self._handle(), data, len(data), flags, ctypes.byref(out))
        if st != errors.OK:
            errors.raise_for(st, self._message())
        try:
            return text(lib.th_result_json(out))
        finally:
            lib.th_result_free(out)

    def evaluate(self, case, explain=False, validate=False, brief=False):
        """Evaluate one case; the result document as a dict.

        An invalid case is a result with status "invalid", not an exception;
        malformed JSON raises CaseJSONError, an oversized case LimitError.
        """
        return json.loads(self.evaluate_json(case, explain, validate, brief))

    def test(self):
        """Run the rule set's own tests: the report as a dict."""
        out = ctypes.c_void_p()
        st = lib.th_engine_test(self._handle(), ctypes.byref(out))
        if st != errors.OK:
            errors.raise_for(st, self._message())
        try:
            return json.loads(text(lib.th_report_json(out)))
        finally:
            lib.th_report_free(out)
