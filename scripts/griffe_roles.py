"""A Griffe extension for the API reference (mkdocs.yml loads it for mkdocstrings): the
docstrings' Sphinx roles (:class:`Normalizer`, :meth:`kalima.Normalizer.normalize_batch`,
:func:`kalima.explain`) become cross-references to the reference pages, so that a name that
documents nothing fails the strict build instead of showing as text.

The docstrings keep Sphinx's roles because they read well in ``help()`` and any tool knows
them; this turns each into Markdown's ``[`text`][identifier]`` with the identifier the
reference renders the object under.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|func|meth|attr|exc|data|mod):`(~?)([\w.]+)`")
# Objects the reference renders under their module, not under `kalima`: the functions whose
# module has their name, and the vectorizers (which `kalima` imports on first use).
_IN_MODULE = {
    "normalize": "kalima.normalize.normalize",
    "tokenize": "kalima.tokenize.tokenize",
    "stem": "kalima.stem.stem",
    "segment": "kalima.segment.segment",
    "stopwords": "kalima.stopwords.stopwords",
    "CountVectorizer": "kalima.vectorize.CountVectorizer",
    "TfidfVectorizer": "kalima.vectorize.TfidfVectorizer",
    "HashingVectorizer": "kalima.vectorize.HashingVectorizer",
}


def identifier(name: str, context: griffe.Object) -> str:
    """The reference's identifier of `name` as a docstring of `context` writes it: a bare name
    of a member of the class it is in (`tokenize_with_offsets`), or a public name of kalima
    with or without `kalima.` (`Normalizer.normalize_batch`, `kalima.explain`)."""
    owner = context if context.is_class else context.parent
    if "." not in name and owner is not None and owner.is_class and name in owner.members:
        return f"{_public(owner.path)}.{name}"
    parts = name.removeprefix("kalima.").split(".")
    head = _IN_MODULE.get(parts[0], f"kalima.{parts[0]}")
    return ".".join([head, *parts[1:]])


def _public(path: str) -> str:
    """`kalima.normalize.Normalizer` as the reference renders it, `kalima.Normalizer`."""
    module, _, name = path.rpartition(".")
    return (
        f"kalima.{name}"
        if module in _RENDERED_AT_TOP and name in _RENDERED_AT_TOP[module]
        else path
    )


# Classes the reference renders as `kalima.NAME` (aliases in the package), by module.
_RENDERED_AT_TOP = {
    "kalima.normalize": {"Normalizer", "Explanation", "Change"},
    "kalima.tokenize": {"Tokenizer"},
    "kalima.stem": {"Stemmer"},
    "kalima.segment": {"Segmenter"},
}


class SphinxRoles(griffe.Extension):
    """Rewrites the roles once the whole package is loaded, when every class has its members."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        _rewrite(pkg)


def _rewrite(obj: griffe.Object) -> None:
    if obj.docstring is not None and ":`" in obj.docstring.value:

        def link(match: re.Match) -> str:
            short, name = match.groups()
            text = name.rsplit(".", 1)[-1] if short else name
            return f"[`{text}`][{identifier(name, obj)}]"

        obj.docstring.value = _ROLE.sub(link, obj.docstring.value)
    for member in obj.members.values():
        if not member.is_alias:
            _rewrite(member)
