"""pytest set-up: the package from this repository, the built library, and
the repository's rule sets on the search path (make python-test sets both)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
os.environ.setdefault("THRESHOLD_RULES_PATH", os.path.join(ROOT, "rules"))
os.environ.setdefault("THRESHOLD_LIBRARY", os.path.join(ROOT, "build", "libthreshold.so"))
os.environ.setdefault("THRESHOLD_STORE_LIBRARY",
                      os.path.join(ROOT, "build", "libthreshold_store.so"))
