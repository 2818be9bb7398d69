"""Properties over arbitrary Unicode: idempotence, batch = one by one, n_jobs never matters,
and nothing but the documented exceptions."""

from __future__ import annotations

import unicodedata

from conftest import rebuild_from_changes
from hypothesis import given
from hypothesis import strategies as st

from kalima import PRESETS, CountVectorizer, Normalizer

# Arabic-heavy text with the characters the rules care about, mixed with anything at all.
ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
SPECIAL = st.sampled_from(
    [
        *" \u00a0\n\t\u200c\u200d\u200e\u200f\u061c\ufeff\u0640٫٬0123456789",
        *["\ufefb", "\ufef7", "\ufdfd", "\ufdfc", "👨", "😀", "e", "\u0301", "ﬁ", "A", "ي", "ا"],
    ]
)
ANY = st.characters(exclude_categories=("Cs",))
# Long runs of one character: letters (elongation), marks (combining storms), NUL, tatweel,
# bidi overrides, spaces.
RUN = st.tuples(
    st.one_of(ARABIC, SPECIAL, st.sampled_from(["\u064e", "\u0651", "\u0308", "\x00", "\u202e"])),
    st.integers(2, 300),
).map(lambda pair: pair[0] * pair[1])
TEXT = st.lists(st.one_of(ARABIC, SPECIAL, ANY, RUN), max_size=40).map("".join)
NORMALIZERS = [Normalizer(p) for p in PRESETS] + [
    Normalizer("search", elongation=2, hamza="carrier", keep_newlines=True),
    Normalizer("none", arclean=True, alef=True, alef_maksura=True, digits="latin"),
    Normalizer("light", unicode_form="NFC", diacritics="harakat"),
]


@given(TEXT)
def test_idempotent(text):
    for norm in NORMALIZERS:
        once = norm(text)
        assert norm(once) == once, (norm, text, once)


@given(st.lists(TEXT, max_size=12))
def test_batch_equals_one_by_one_for_every_n_jobs(texts):
    for norm in NORMALIZERS:
        expected = [norm(t) for t in texts]
        assert norm.normalize_batch(texts) == expected
        assert norm.normalize_batch(texts, n_jobs=2) == expected
        assert norm.normalize_batch(texts, n_jobs=-1) == expected


@given(TEXT)
def test_explain_agrees_with_normalize(text):
    for norm in NORMALIZERS:
        e = norm.explain(text)
        assert e.normalized == norm(text)
        for c in e.changes:
            assert text[c.start : c.end] == c.original


@given(TEXT)
def test_explain_changes_rebuild_the_output(text):
    for norm in NORMALIZERS:
        e = norm.explain(text)
        assert rebuild_from_changes(text, e.changes) == e.normalized, (norm, text)


# Characters assigned in this Python's Unicode version (the Rust tables may know newer ones).
ASSIGNED = st.characters(exclude_categories=("Cs", "Cn"))


@given(
    st.text(st.one_of(ASSIGNED, SPECIAL, st.sampled_from("\u0308\u0654\u0651\u202a")), max_size=40)
)
def test_unicode_forms_alone_match_unicodedata(text):
    # Each piece is normalized on its own; this checks that the pieces' boundaries are stable.
    for form in ("NFC", "NFKC"):
        expected = unicodedata.normalize(form, text)
        assert Normalizer("none", unicode_form=form)(text) == expected
        assert Normalizer("none", unicode_form=form).explain(text).normalized == expected


@given(st.text(st.characters(codec=None), max_size=30))
def test_any_python_string_gives_str_or_value_error(text):
    norm = Normalizer("search")
    has_surrogate = any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    try:
        out = norm(text)
    except ValueError:
        assert has_surrogate
    else:
        assert not has_surrogate and isinstance(out, str)
    assert isinstance(norm(text, errors="replace"), str)


@given(st.lists(TEXT, min_size=1, max_size=12))
def test_vectorizer_is_deterministic_across_n_jobs(texts):
    try:
        one = CountVectorizer(ngram_range=(1, 2), n_jobs=1).fit_transform(texts)
    except ValueError as e:  # no terms at all: scikit-learn's error
        assert str(e).startswith("empty vocabulary")
        return
    two = CountVectorizer(ngram_range=(1, 2), n_jobs=2).fit_transform(texts)
    assert (one != two).nnz == 0 and one.shape == two.shape
