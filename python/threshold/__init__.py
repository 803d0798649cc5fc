"""threshold: suggest a safeguarding pathway from a child's case data.

A binding of libthreshold (ctypes). The engine *suggests*; a practitioner
decides. See README.md in this folder and libthreshold(3).
"""
from .errors import (ThresholdError, CaseJSONError, LimitError, RuleSetError,
                     MisuseError, StoreError)
from .engine import Engine, library_version
from .store import Store

__all__ = ["Engine", "Store", "ThresholdError", "CaseJSONError", "LimitError",
           "RuleSetError", "MisuseError", "StoreError", "library_version"]
__version__ = "0.1.0"
