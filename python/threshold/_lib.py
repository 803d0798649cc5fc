"""Loading libthreshold and declaring the C functions the package calls."""
import ctypes
import ctypes.util
import os

_c = ctypes.c_char_p
_p = ctypes.c_void_p
_i = ctypes.c_int
_u = ctypes.c_uint
_ll = ctypes.c_longlong
_sz = ctypes.c_size_t
_pp = ctypes.POINTER(ctypes.c_void_p)
_cp = ctypes.POINTER(ctypes.c_char_p)   # char ** out-parameters (freed with th_free)

# name: (restype, argtypes)
_FUNCTIONS = {
    "th_version": (_c, []),
    "th_errstr": (_c, [_i]),
    "th_engine_new": (_i, [_pp, _u]),
    "th_engine_free": (None, [_p]),
    "th_errmsg": (_c, [_p]),
    "th_engine_limit": (_ll, [_p, _i, _ll]),
    "th_engine_load": (_i, [_p, _c]),
    "th_engine_ruleset_id": (_c, [_p]),
    "th_engine_ruleset_version": (_c, [_p]),
    "th_engine_ruleset_hash": (_c, [_p]),
    "th_engine_set_default_date": (_i, [_p, _c]),
    "th_eval": (_i, [_p, _c, _sz, _u, _pp]),
    "th_result_json": (_c, [_p]),
    "th_result_free": (None, [_p]),
    "th_engine_test": (_i, [_p, _pp]),
    "th_report_json": (_c, [_p]),
    "th_report_free": (None, [_p]),
    "th_free": (None, [_p]),
    "th_store_open": (_i, [_pp, _c, _u]),
    "th_store_close": (None, [_p]),
    "th_store_errmsg": (_c, [_p]),
    "th_store_import": (_i, [_p, _p, _c, _sz, _i, _u, _c, _pp]),
    "th_store_eval": (_i, [_p, _p, _u, _c, _p, _p, _pp]),
    "th_store_verify": (_i, [_p, _pp]),
    "th_store_decide": (_i, [_p, _c, _p, _c, _pp]),
    "th_store_verify_anchored": (_i, [_p, _c, _c, _pp]),
    "th_store_head": (_i, [_p, _pp]),
    "th_store_report": (_i, [_p, _c, _pp]),
}


def _candidates(env, soname, name):
    path = os.environ.get(env)
    if path:
        return [path]
    names = [soname]
    found = ctypes.util.find_library(name)
    if found:
        names.append(found)
    return names


def _load(env, soname, name):
    errors = []
    for candidate in _candidates(env, soname, name):
        try:
            lib = ctypes.CDLL(candidate)
            break
        except OSError as exc:
            errors.append(str(exc))
    else:
        raise ImportError("threshold: cannot load lib%s (%s); install it "
                          "(make install) or set %s to its path"
                          % (name, "; ".join(errors), env))
    for fname, (restype, argtypes) in _FUNCTIONS.items():
        fn = getattr(lib, fname, None)
        if fn is None:
            continue            # the other library's function
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


lib = _load("THRESHOLD_LIBRARY", "libthreshold.so.0", "threshold")
_store_lib = None


def store_lib():
    """libthreshold_store, loaded when a Store is first opened (the engine
    alone needs no SQLite)."""
    global _store_lib
    if _store_lib is None:
        _store_lib = _load("THRESHOLD_STORE_LIBRARY", "libthreshold_store.so.0",
                           "threshold_store")
    return _store_lib


def text(ptr):
    """A borrowed C string as str (None stays None)."""
    return None if ptr is None else ptr.decode("utf-8")


def take_string(ptr):
    """A char * the library allocated: read it, then th_free it."""
    if not ptr:
        return None
    try:
        return ctypes.string_at(ptr).decode("utf-8")
    finally:
        lib.th_free(ptr)
