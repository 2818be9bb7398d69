"""Arabic text normalization: named presets plus flat, tunable options."""

from __future__ import annotations

import functools
import html
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, overload

from . import _kalima
from ._batch import map_batch, map_each
from ._immutable import Immutable
from ._pickle import rebuild
from ._types import Errors, NormalizerOptions, Preset, TextErrors, TextList

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["PRESETS", "Change", "Explanation", "Normalizer", "explain", "normalize"]

#: Names of the built-in presets.
PRESETS: tuple[str, ...] = tuple(_kalima.preset_names())


class Normalizer(Immutable):
    """An immutable, picklable Arabic normalizer.

    Parameters
    ----------
    preset : str, default="search"
        Starting set of options: ``"camel"`` (CAMeL Tools' ``dediac_ar`` + ``normalize_alef_ar``
        + ``normalize_alef_maksura_ar`` + ``normalize_teh_marbuta_ar``, exactly),
        ``"arclean"`` (CAMeL Tools' ``arclean`` map, exactly), ``"light"`` (invisible
        characters, white space, tatweel and presentation forms only), ``"search"`` (the
        aggressive default for retrieval and TF-IDF) or ``"none"``.
    **options
        Overrides of single options, e.g. ``alef_maksura=False`` or ``hamza="carrier"``; the
        normalization guide (docs/normalization.md) lists every option and its values.

    Examples
    --------
    >>> from kalima import Normalizer
    >>> norm = Normalizer("search")
    >>> norm("قالَ الرئيسُ: «إنّ الحكومـــة مسؤولة»")
    'قال الرءيس: "ان الحكومه مسءوله"'
    >>> Normalizer("camel").normalize_batch(["إِلى المدرسةِ", "مصطفى"])
    ['الي المدرسه', 'مصطفي']
    >>> Normalizer("search", hamza="carrier")
    Normalizer(preset='search', hamza='carrier')
    """

    __slots__ = ("_core", "_overrides", "_preset")
    _core: _kalima.Normalizer
    _overrides: dict[str, Any]
    _preset: str

    def __init__(self, preset: Preset = "search", **options: Unpack[NormalizerOptions]) -> None:
        if not isinstance(preset, str):
            raise TypeError(f"preset must be a str, not {type(preset).__name__}")
        overrides = dict(options)
        core = _kalima.Normalizer(preset, overrides)
        self._init(_preset=preset, _overrides=overrides, _core=core)

    @property
    def preset(self) -> str:
        """The preset this normalizer started from."""
        return self._preset

    @property
    def options(self) -> dict[str, Any]:
        """Every option with its resolved value (the preset's, or the override)."""
        return self._core.options()

    def normalize(self, text: str, *, errors: TextErrors = "raise") -> str:
        """Normalize one text.

        Returns the very same ``str`` object when no rule changes it. ``errors="replace"``
        turns lone surrogates into U+FFFD instead of raising ``ValueError``.

        Examples
        --------
        >>> Normalizer("camel").normalize("مدرسةٌ")
        'مدرسه'
        """
        return self._core.normalize(text, errors)

    __call__ = normalize

    @overload
    def normalize_batch(
        self,
        texts: TextList,
        n_jobs: int | None = None,
        *,
        errors: Literal["raise", "empty", "replace"] = "raise",
        progress: bool = False,
    ) -> list[str]: ...
    @overload
    def normalize_batch(
        self,
        texts: TextList,
        n_jobs: int | None = None,
        *,
        errors: Literal["keep"],
        progress: bool = False,
    ) -> list[Any]: ...
    @overload
    def normalize_batch(
        self,
        texts: Any,
        n_jobs: int | None = None,
        *,
        errors: Errors = "raise",
        progress: bool = False,
    ) -> Any: ...
    def normalize_batch(
        self,
        texts: Any,
        n_jobs: int | None = None,
        *,
        errors: Errors = "raise",
        progress: bool = False,
    ) -> Any:
        """Normalize many texts on ``n_jobs`` threads, GIL released. ``None`` (the default)
        uses every core, at most ``KALIMA_NUM_THREADS`` when that is set, and one thread inside
        a worker process (joblib, multiprocessing, Dask), whose siblings use the other cores;
        ``-1`` is every core, ``1`` one thread.

        ``texts`` is a list, tuple, numpy array, pandas Series or pyarrow string array; a Series
        comes back as a Series with the same index, name and dtype, a pyarrow array as a pyarrow
        array, anything else as a list. An Arrow-backed Series (pandas 3's ``str``,
        ``string[pyarrow]``, ``pd.ArrowDtype(pa.string())``) or a pyarrow array is read from
        its Arrow buffers, with no Python object per text; strs are read in place. Output
        never depends on ``n_jobs``.
        Missing values (None, NaN, ``pd.NA``) raise :class:`kalima.MissingValueError` (a
        ``TypeError`` and a ``ValueError``) naming their position unless
        ``errors="keep"`` (kept missing) or ``errors="empty"`` (become ``""``);
        ``errors="replace"`` turns lone surrogates into U+FFFD. ``progress=True`` shows a tqdm
        bar (needs ``tqdm``). Ctrl-C stops a long batch within a chunk (about a million
        characters) with ``KeyboardInterrupt``.

        Examples
        --------
        >>> Normalizer("search").normalize_batch(["جمييييل جداااا", None], errors="keep")
        ['جميل جدا', None]
        """
        return map_batch(
            texts,
            lambda docs, update, first: self._core.normalize_batch(
                docs, n_jobs, errors, update, first
            ),
            progress=progress,
            desc="normalize",
        )

    def explain(self, text: str, *, errors: TextErrors = "raise") -> Explanation:
        """Every change this normalizer makes to ``text``; see :func:`kalima.explain`."""
        normalized, raw = self._core.explain(text, errors)
        changes = [
            Change(
                rule="+".join(rules),
                start=a,
                end=b,
                norm_start=c,
                norm_end=d,
                original=text[a:b],
                replacement=normalized[c:d],
            )
            for a, b, c, d, rules in raw
        ]
        return Explanation(text, normalized, changes)

    def __repr__(self) -> str:
        args = [f"preset={self._preset!r}"] + [f"{k}={v!r}" for k, v in self._overrides.items()]
        return f"Normalizer({', '.join(args)})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Normalizer) and self.options == other.options

    def __hash__(self) -> int:
        return hash(tuple(self.options.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (rebuild, (Normalizer, {"preset": self._preset, **self._overrides}))


@overload
def normalize(
    text: str,
    preset: Preset = "search",
    n_jobs: int | None = None,
    **options: Unpack[NormalizerOptions],
) -> str: ...
@overload
def normalize(
    text: TextList,
    preset: Preset = "search",
    n_jobs: int | None = None,
    **options: Unpack[NormalizerOptions],
) -> list[str]: ...
@overload
def normalize(
    text: Any,
    preset: Preset = "search",
    n_jobs: int | None = None,
    **options: Unpack[NormalizerOptions],
) -> Any: ...
def normalize(
    text: Any,
    preset: Preset = "search",
    n_jobs: int | None = None,
    **options: Unpack[NormalizerOptions],
) -> Any:
    """Normalize one text (str in, str out) or a batch of texts (list, tuple, numpy array,
    pandas Series or pyarrow array in, the same kind out; see
    :meth:`Normalizer.normalize_batch`), with a preset and option overrides.

    Examples
    --------
    >>> from kalima import normalize
    >>> normalize("العـــربيّة  ٢٠٢٥")
    'العربيه 2025'
    >>> normalize("العـــربيّة", preset="camel")
    'العـــربيه'
    >>> normalize("مسؤول", hamza="carrier")
    'مسوول'
    >>> normalize(["قالَ", "إنّ"])
    ['قال', 'ان']
    """
    norm = Normalizer(preset, **options) if options else _preset_normalizer(preset)
    if isinstance(text, str):
        return norm.normalize(text)
    return norm.normalize_batch(text, n_jobs)


@functools.cache
def _preset_normalizer(preset: Preset) -> Normalizer:
    return Normalizer(preset)


class Change(NamedTuple):
    """One change: ``original`` at ``[start, end)`` of the input became ``replacement`` at
    ``[norm_start, norm_end)`` of the output, because of ``rule`` (option names joined by +).

    Examples
    --------
    >>> import kalima
    >>> kalima.explain("إنّ").changes[0]
    Change(rule='alef', start=0, end=1, norm_start=0, norm_end=1, original='إ', replacement='ا')
    """

    rule: str
    start: int
    end: int
    norm_start: int
    norm_end: int
    original: str
    replacement: str


class Explanation:
    """What a normalizer did to one text; renders as highlighted HTML in Jupyter.

    Examples
    --------
    >>> import kalima
    >>> e = kalima.explain("إنّ  جميييل")
    >>> e.normalized, len(e.changes)
    ('ان جميل', 5)
    >>> e
    original:   'إنّ  جميييل'
    normalized: 'ان جميل'
      [0:1] 'إ' -> 'ا'  (alef)
      [2:3] 'ّ' -> ''  (diacritics)
      [4:5] ' ' -> ''  (whitespace)
      [8:9] 'ي' -> ''  (elongation)
      [9:10] 'ي' -> ''  (elongation)
    """

    def __init__(self, original: str, normalized: str, changes: list[Change]) -> None:
        self.original = original
        self.normalized = normalized
        self.changes = changes

    def __repr__(self) -> str:
        lines = [f"original:   {self.original!r}", f"normalized: {self.normalized!r}"]
        shown = self.changes[:_SHOWN_CHANGES]
        for c in shown:
            lines.append(f"  [{c.start}:{c.end}] {c.original!r} -> {c.replacement!r}  ({c.rule})")
        if len(self.changes) > len(shown):
            lines.append(f"  … and {len(self.changes) - len(shown):,} more changes (in .changes)")
        elif not self.changes:
            lines.append("  no changes")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        # A screenful: the first _SHOWN_CHANGES changes, and the text only a little past the
        # last of them, so that a long text cannot freeze the notebook.
        shown = self.changes[:_SHOWN_CHANGES]
        more = len(self.changes) - len(shown)
        end, norm_end = len(self.original), len(self.normalized)
        if more:
            end, norm_end = shown[-1].end + _CONTEXT, shown[-1].norm_end + _CONTEXT
        removed, replaced = "background:#f8c4c4", "background:#fbe7a1"
        parts, at = [], 0
        for c in shown:
            parts.append(html.escape(self.original[at : c.start]))
            style = removed if c.replacement == "" else replaced
            visible = c.original if c.original.strip() else "·" * len(c.original)
            title = html.escape(f"{c.rule}: {c.original!r} → {c.replacement!r}")
            parts.append(f'<span style="{style}" title="{title}">{html.escape(visible)}</span>')
            at = c.end
        parts.append(html.escape(self.original[at:end]))
        cut = "…" if end < len(self.original) else ""
        norm_cut = "…" if norm_end < len(self.normalized) else ""
        text = (
            f"<div dir='rtl' style='font-size:1.2em'>{''.join(parts)}{cut}</div>"
            f"<div dir='rtl' style='font-size:1.2em'>"
            f"{html.escape(self.normalized[:norm_end])}{norm_cut}</div>"
        )
        if not self.changes:
            return text + "<p>no changes</p>"
        rows = "".join(
            f"<tr><td>{c.start}–{c.end}</td><td dir='rtl'>{html.escape(repr(c.original))}</td>"
            f"<td dir='rtl'>{html.escape(repr(c.replacement))}</td><td>{c.rule}</td></tr>"
            for c in shown
        )
        rest = f"<p>… and {more:,} more changes (all of them in <code>.changes</code>)</p>"
        return (
            f"{text}<table><tr><th>offsets</th><th>original</th><th>normalized</th><th>rule</th>"
            f"</tr>{rows}</table>{rest if more else ''}"
        )


# What an Explanation shows of a long list of changes: the first few, with the text up to a
# little past the last of them.
_SHOWN_CHANGES = 50
_CONTEXT = 200


@overload
def explain(
    text: str, preset: Preset = "search", **options: Unpack[NormalizerOptions]
) -> Explanation: ...
@overload
def explain(
    text: TextList, preset: Preset = "search", **options: Unpack[NormalizerOptions]
) -> list[Explanation]: ...
@overload
def explain(text: Any, preset: Preset = "search", **options: Unpack[NormalizerOptions]) -> Any: ...
def explain(text: Any, preset: Preset = "search", **options: Unpack[NormalizerOptions]) -> Any:
    """Every change normalization makes to ``text``, with character offsets and the rule. A
    batch of texts (list, tuple, numpy array or Series) gives a list of explanations (a Series
    with the same index for a Series); a missing text raises ``TypeError`` naming its
    position.

    Examples
    --------
    >>> from kalima import explain
    >>> e = explain("إنّ  جميييل")
    >>> e.normalized
    'ان جميل'
    >>> [(c.start, c.original, c.replacement, c.rule) for c in e.changes][:3]
    [(0, 'إ', 'ا', 'alef'), (2, 'ّ', '', 'diacritics'), (4, ' ', '', 'whitespace')]
    >>> [e.normalized for e in explain(["قالَ", "إنّ"])]
    ['قال', 'ان']
    """
    norm = Normalizer(preset, **options)
    if isinstance(text, str):
        return norm.explain(text)
    return map_each(text, norm.explain, "texts")
