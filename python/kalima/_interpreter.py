"""Refuses interpreters kalima does not support, before the Rust core is loaded."""

from __future__ import annotations

import sysconfig

# The wheel is built for CPython's stable ABI, which free-threaded builds (3.13t, 3.14t) cannot
# load; a source build there would run the Rust core's shared objects without the GIL that
# kalima's thread-safety tests rely on.
if sysconfig.get_config_var("Py_GIL_DISABLED"):
    raise ImportError(
        "kalima does not support free-threaded CPython (this interpreter was built with "
        "--disable-gil); use a standard CPython 3.9 or later"
    )
