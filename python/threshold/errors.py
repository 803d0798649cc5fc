"""Library status codes (enum th_status) as exceptions."""

OK, ERROR, NOMEM, IO, JSON, SYNTAX, RUNTIME, LIMIT, DB, MISUSE, RULES = range(11)


class ThresholdError(Exception):
    """A call into libthreshold failed; .status is the th_status code."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class CaseJSONError(ThresholdError, ValueError):
    """The case is not well-formed JSON (TH_JSON)."""


class LimitError(ThresholdError):
    """A configured limit was hit: case too large or too deep (TH_LIMIT)."""


class RuleSetError(ThresholdError):
    """The rule set could not be loaded: not found, does not parse, raised
    an error or is inconsistent (TH_IO, TH_SYNTAX, TH_RUNTIME, TH_RULES)."""


class MisuseError(ThresholdError):
    """API misuse (TH_MISUSE), for instance one engine used from two
    threads at once, or an engine used after close()."""


class StoreError(ThresholdError):
    """The case store failed (TH_DB)."""


_BY_STATUS = {JSON: CaseJSONError, LIMIT: LimitError, IO: RuleSetError,
              SYNTAX: RuleSetError, RUNTIME: RuleSetError, RULES: RuleSetError,
              MISUSE: MisuseError, DB: StoreError, NOMEM: MemoryError}


def raise_for(status, message):
    """Raise the exception for a non-OK status."""
    cls = _BY_STATUS.get(status, ThresholdError)
    if cls is MemoryError:
        raise MemoryError(message)
    raise cls(status, message)
