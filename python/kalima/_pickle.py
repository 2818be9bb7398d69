"""Rebuilding kalima objects from pickles.

A pickle is a program: loading one runs whatever it names, so load pickles only from sources you
trust. What kalima adds is that the state of its own objects is checked: state that does not
make a valid object gives ``ValueError``.
"""

from __future__ import annotations

from typing import Any


def rebuild(cls: type, params: Any) -> Any:
    """``cls(**params)``, with malformed parameters reported as ``ValueError``."""
    name = getattr(cls, "__name__", repr(cls))
    if not isinstance(params, dict) or not all(isinstance(k, str) for k in params):
        raise ValueError(
            f"malformed pickled {name} state: expected a dict of parameters, "
            f"got {type(params).__name__}"
        )
    try:
        return cls(**params)
    except (TypeError, ValueError) as e:
        raise ValueError(f"malformed pickled {name} state: {e}") from e
