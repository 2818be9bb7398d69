"""Refuses interpreters kalima does not support, before the Rust core is loaded."""

from __future__ import annotations

import sysconfig

# The Rust core reads str data in place on worker threads and shares fitted objects between
# threads; its thread-safety is tested with the GIL, which free-threaded builds (3.13t, 3.14t)
# run without.
if sysconfig.get_config_var("Py_GIL_DISABLED"):
    raise ImportError(
        "kalima does not support free-threaded CPython (this interpreter was built with "
        "--disable-gil); use a standard CPython 3.9 or later"
    )
