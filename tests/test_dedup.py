"""Near-duplicates: exact clusters on articles written for these tests (copies with a new
headline, a new dateline and spelling variants), the estimator contract, bad input, and recall
against exact Jaccard on ant_news when ../shared is there."""

from __future__ import annotations

import json
import pickle
import time

import numpy as np
import pandas as pd
import pytest
from conftest import CORPORA
from sklearn import clone

import kalima
from kalima import MissingValueError, NearDuplicates, Normalizer, Tokenizer

HEADLINE = "افتتاح مستشفى جديد شمال المدينة بسعة مئتي سرير"
DATELINE = "الرياض - خاص:"
BODY = (
    "أعلنت وزارة الصحة يوم الأحد عن افتتاح مستشفى جديد في الأحياء الشمالية من المدينة، "
    "ويضم المستشفى مئتي سرير وقسماً للطوارئ يعمل على مدار الساعة، إضافة إلى عيادات "
    "متخصصة في أمراض القلب والسكري وطب الأطفال. وقال وزير الصحة في كلمة ألقاها خلال حفل "
    "الافتتاح إن المشروع استغرق ثلاث سنوات من العمل المتواصل، وإن تكلفته بلغت نحو مئة "
    "وخمسين مليون ريال، مشيراً إلى أن المستشفى سيخدم أكثر من نصف مليون نسمة من سكان "
    "المنطقة الذين كانوا يقطعون مسافات طويلة للوصول إلى أقرب مستشفى. وأضاف الوزير أن "
    "الوزارة تعمل على توظيف مئات الأطباء والممرضين من أبناء المنطقة، وأن المرحلة الثانية "
    "من المشروع ستشمل مركزاً لعلاج الأورام ومختبراً حديثاً للتحاليل الطبية. من جهتهم، "
    "عبّر عدد من سكان الحي عن ارتياحهم لافتتاح المستشفى، وقال أحدهم إن المرضى كانوا "
    "ينتظرون ساعات طويلة في أقسام الطوارئ المزدحمة في وسط المدينة، وإن المستشفى الجديد "
    "سيخفف هذا العبء كثيراً. وتأتي هذه الخطوة ضمن خطة الوزارة لبناء عشرين مستشفى في "
    "مختلف المناطق خلال السنوات الخمس المقبلة، بحسب ما أعلنته الوزارة في بيان رسمي."
)
ARTICLE = f"{HEADLINE}\n{DATELINE} {BODY}"
# The same story under another headline.
NEW_HEADLINE = f"وزير الصحة يدشن المستشفى الشمالي الجديد\n{DATELINE} {BODY}"
# Another outlet's copy: its own dateline, and spellings the "search" preset folds (hamza
# forms of alef, teh marbuta as heh, alef maksura as yeh, diacritics, tatweel).
VARIANT = "جدة - وكالات: " + (
    BODY.replace("أعلنت", "اعلنت")
    .replace("إضافة", "اضافه")
    .replace("إلى", "الي")
    .replace("الصحة", "الصحـــة")
    .replace("مستشفى", "مستشفي")
    .replace("قال", "قالَ")
    .replace("المدينة", "المدينه")
)
UNRELATED = (
    "فاز المنتخب الوطني لكرة القدم على نظيره بثلاثة أهداف مقابل هدف واحد في المباراة التي "
    "جرت مساء أمس على الملعب الدولي أمام أكثر من أربعين ألف متفرج، وسجل المهاجم الشاب "
    "هدفين في الشوط الثاني بعد أن تقدم الضيوف في الدقائق الأولى من اللقاء، وبهذا الفوز "
    "يتصدر المنتخب مجموعته في التصفيات المؤهلة لكأس العالم برصيد عشر نقاط."
)
DOCS = [ARTICLE, UNRELATED, NEW_HEADLINE, "", "، . !", VARIANT]


def shingles(doc: str, n: int = 5) -> set[tuple[str, ...]]:
    """Word n-grams of kalima's tokens under "search", in Python: the reference."""
    tokens = Tokenizer(normalize="search", lowercase=True).tokenize(doc)
    if 0 < len(tokens) < n:
        return {tuple(tokens)}
    return {tuple(tokens[k : k + n]) for k in range(len(tokens) - n + 1)}


def jaccard(a: str, b: str, n: int = 5) -> float:
    sa, sb = shingles(a, n), shingles(b, n)
    return len(sa & sb) / len(sa | sb)


def exact_pairs(docs: list[str], threshold: float, n: int = 5) -> set[tuple[int, int]]:
    sets = [shingles(d, n) for d in docs]
    return {
        (i, j)
        for i in range(len(docs))
        for j in range(i + 1, len(docs))
        if sets[i] and sets[j] and len(sets[i] & sets[j]) / len(sets[i] | sets[j]) >= threshold
    }


def test_copies_form_one_cluster():
    # The copies are near-duplicates by construction, the rest not.
    assert jaccard(ARTICLE, NEW_HEADLINE) >= 0.8
    assert jaccard(ARTICLE, VARIANT) >= 0.8
    assert jaccard(NEW_HEADLINE, VARIANT) >= 0.8
    assert jaccard(ARTICLE, UNRELATED) == 0.0
    nd = NearDuplicates().fit(DOCS)
    assert nd.labels_.tolist() == [0, -1, 0, -1, -1, 0]
    assert nd.duplicated_.tolist() == [False, False, True, False, False, True]
    assert nd.pairs_.dtype.names == ("i", "j", "jaccard")
    assert nd.pairs_.tolist() == [
        (0, 2, jaccard(ARTICLE, NEW_HEADLINE)),
        (0, 5, jaccard(ARTICLE, VARIANT)),
        (2, 5, jaccard(NEW_HEADLINE, VARIANT)),
    ]
    assert (nd.bands_, nd.rows_, nd.n_documents_) == (14, 9, 6)
    kept = np.asarray(DOCS, dtype=object)[~nd.duplicated_]
    assert kept.tolist() == [ARTICLE, UNRELATED, "", "، . !"]


def test_spelling_variants_need_the_normalizer():
    # Without normalizing, the variant shares too few shingles with the article.
    assert NearDuplicates(normalize=None).fit([ARTICLE, VARIANT]).labels_.tolist() == [-1, -1]
    assert NearDuplicates().fit([ARTICLE, VARIANT]).labels_.tolist() == [0, 0]


def test_two_clusters_numbered_by_first_document():
    other = UNRELATED.replace("عشر نقاط", "تسع نقاط")
    docs = [UNRELATED, ARTICLE, other, NEW_HEADLINE, "خبر قصير"]
    nd = NearDuplicates().fit(docs)
    assert nd.labels_.tolist() == [0, 1, 0, 1, -1]
    assert nd.duplicated_.tolist() == [False, False, True, True, False]
    assert [(i, j) for i, j, _ in nd.pairs_.tolist()] == [(0, 2), (1, 3)]


def test_char_shingles_and_short_documents():
    nd = NearDuplicates(shingle="char", n=4, threshold=0.6).fit(
        ["قال الرئيس", "قالَ الرئيس", "abc", "abc", "   "]
    )
    assert nd.labels_.tolist() == [0, 0, 1, 1, -1]
    # Fewer tokens than n: one shingle of them all, so equal short texts match.
    nd = NearDuplicates().fit(["خبر عاجل", "خبر عاجل", "خبر", "عاجل خبر"])
    assert nd.pairs_.tolist() == [(0, 1, 1.0)]


def test_verify_false_reports_the_estimate():
    nd = NearDuplicates(verify=False).fit(DOCS)
    assert [(i, j) for i, j, _ in nd.pairs_.tolist()] == [(0, 2), (0, 5), (2, 5)]
    exact = NearDuplicates().fit(DOCS).pairs_["jaccard"]
    assert np.all(np.abs(nd.pairs_["jaccard"] - exact) < 0.15)
    assert np.all(nd.pairs_["jaccard"] >= 0.8)


def test_same_result_for_any_n_jobs_and_seed_is_deterministic():
    docs = DOCS * 3 + [UNRELATED.replace("عشر نقاط", "تسع نقاط")]
    one = NearDuplicates(n_jobs=1).fit(docs)
    two = NearDuplicates(n_jobs=2).fit(docs)
    assert one.pairs_.tolist() == two.pairs_.tolist()
    assert one.labels_.tolist() == two.labels_.tolist()
    again = NearDuplicates(n_jobs=2).fit(docs)
    assert again.pairs_.tolist() == one.pairs_.tolist()
    assert {(i, j) for i, j, _ in one.pairs_.tolist()} == exact_pairs(docs, 0.8)


def test_containers():
    expected = NearDuplicates().fit(DOCS).pairs_.tolist()
    for docs in (tuple(DOCS), np.array(DOCS, dtype=object), pd.Series(DOCS), iter(DOCS)):
        assert NearDuplicates().fit(docs).pairs_.tolist() == expected
    pytest.importorskip("pyarrow")
    for docs in (pd.Series(DOCS, dtype="string[pyarrow]"), pd.Series(DOCS, dtype="str")):
        assert NearDuplicates().fit(docs).pairs_.tolist() == expected


def test_query():
    nd = NearDuplicates().fit([ARTICLE, UNRELATED])
    found = nd.query([UNRELATED, "خبر اخر", VARIANT, NEW_HEADLINE])
    assert found.dtype.names == ("query", "fitted", "jaccard")
    assert found.tolist() == [
        (0, 1, 1.0),
        (2, 0, jaccard(ARTICLE, VARIANT)),
        (3, 0, jaccard(ARTICLE, NEW_HEADLINE)),
    ]
    assert nd.query([]).tolist() == []
    # query adds nothing.
    assert nd.n_documents_ == 2
    assert pd.DataFrame(found).columns.tolist() == ["query", "fitted", "jaccard"]


def test_partial_fit_equals_one_fit():
    whole = NearDuplicates().fit(DOCS)
    parts = NearDuplicates()
    for part in (DOCS[:2], DOCS[2:4], DOCS[4:]):
        parts.partial_fit(part)
    assert parts.pairs_.tolist() == whole.pairs_.tolist()
    assert parts.labels_.tolist() == whole.labels_.tolist()
    assert parts.n_documents_ == len(DOCS)
    parts.set_params(threshold=0.5)
    with pytest.raises(ValueError, match="partial_fit cannot change threshold"):
        parts.partial_fit([ARTICLE])
    # n_jobs and progress may change.
    parts.set_params(threshold=0.8, n_jobs=1)
    parts.partial_fit([ARTICLE])
    assert parts.labels_.tolist() == [0, -1, 0, -1, -1, 0, 0]


def test_pickle_round_trip_and_clone():
    nd = NearDuplicates(threshold=0.7, n=4).fit(DOCS)
    copy = pickle.loads(pickle.dumps(nd))
    assert copy.pairs_.tolist() == nd.pairs_.tolist()
    assert copy.labels_.tolist() == nd.labels_.tolist()
    assert copy.duplicated_.tolist() == nd.duplicated_.tolist()
    assert copy.query([VARIANT]).tolist() == nd.query([VARIANT]).tolist()
    copy.partial_fit([NEW_HEADLINE])
    assert copy.labels_.tolist()[-1] == 0
    assert copy.get_params() == nd.get_params()
    # Compact: the shingle hashes and signatures, no Python object per document.
    assert len(pickle.dumps(nd)) < 20_000
    fresh = clone(nd)
    assert fresh.get_params() == nd.get_params()
    assert not hasattr(fresh, "labels_")
    with pytest.raises(Exception, match="not fitted"):
        fresh.query(DOCS)
    nd = NearDuplicates(normalize=Normalizer("search", tatweel=False)).fit(DOCS)
    assert pickle.loads(pickle.dumps(nd)).pairs_.tolist() == nd.pairs_.tolist()


def test_corrupted_pickle_is_refused():
    nd = NearDuplicates().fit(DOCS)
    state = nd.__getstate__()
    shingles, offsets, signatures, i, j, s = state["_index_state"]
    bad = [
        (shingles[::-1].copy(), offsets, signatures, i, j, s),
        (shingles, offsets[:-1].copy(), signatures, i, j, s),
        (shingles, offsets, signatures[:-1].copy(), i, j, s),
        (shingles, offsets, signatures, i, j + 100, s),
        (shingles, offsets, signatures, i, j, s * 0.5),
        (shingles, offsets, signatures, i[:1].copy(), j, s),
        "nonsense",
    ]
    for index_state in bad:
        with pytest.raises(ValueError, match="corrupted NearDuplicates state"):
            NearDuplicates().__setstate__({**state, "_index_state": index_state})
    with pytest.raises(ValueError, match="corrupted NearDuplicates state: the index parameters"):
        NearDuplicates().__setstate__({**state, "_config": None})


@pytest.mark.parametrize(
    ("params", "error", "message"),
    [
        ({"threshold": 0}, ValueError, "The 'threshold' parameter of NearDuplicates must be"),
        ({"threshold": 1.5}, ValueError, "The 'threshold' parameter of NearDuplicates must be"),
        ({"threshold": float("nan")}, ValueError, "The 'threshold' parameter"),
        ({"threshold": "high"}, TypeError, "The 'threshold' parameter"),
        ({"n": 0}, ValueError, "The 'n' parameter of NearDuplicates must be an int in the range"),
        ({"n": 2.5}, TypeError, "The 'n' parameter"),
        (
            {"n": 2**70},
            ValueError,
            "The 'n' parameter of NearDuplicates must be an int in the range",
        ),
        ({"num_perm": 0}, ValueError, "The 'num_perm' parameter"),
        ({"num_perm": 64.0}, TypeError, "The 'num_perm' parameter"),
        ({"num_perm": 5000}, ValueError, "The 'num_perm' parameter"),
        ({"seed": -1}, ValueError, "The 'seed' parameter"),
        ({"shingle": "line"}, ValueError, "The 'shingle' parameter"),
        ({"normalize": 3}, TypeError, "The 'normalize' parameter"),
        ({"normalize": "nope"}, ValueError, "unknown preset 'nope'"),
        ({"errors": "keep"}, ValueError, "The 'errors' parameter"),
        ({"verify": "yes"}, TypeError, "The 'verify' parameter"),
        ({"token_mode": "x"}, ValueError, "The 'token_mode' parameter"),
    ],
)
def test_bad_parameters(params, error, message):
    with pytest.raises(error, match=message):
        NearDuplicates(**params).fit(DOCS)


def test_threshold_one_is_exact_copies():
    nd = NearDuplicates(threshold=1.0).fit([ARTICLE, ARTICLE + " ", NEW_HEADLINE])
    assert nd.pairs_.tolist() == [(0, 1, 1.0)]


def test_bad_documents():
    with pytest.raises(TypeError, match="documents must be a batch of texts"):
        NearDuplicates().fit(ARTICLE)
    with pytest.raises(TypeError, match=r"documents\[1\] is int; expected str"):
        NearDuplicates().fit([ARTICLE, 3])
    with pytest.raises(TypeError, match="documents holds int64 values"):
        NearDuplicates().fit(np.arange(3))
    with pytest.raises(MissingValueError, match=r"documents\[2\] is None; .*errors='empty'"):
        NearDuplicates().fit([ARTICLE, ARTICLE, None])
    nd = NearDuplicates(errors="empty").fit([ARTICLE, None, np.nan, ARTICLE])
    assert nd.labels_.tolist() == [0, -1, -1, 0]
    with pytest.raises(MissingValueError, match=r"documents\[1\] is None"):
        NearDuplicates().fit([ARTICLE]).query([ARTICLE, None])
    with pytest.raises(ValueError, match=r"documents\[0\] has a lone surrogate"):
        NearDuplicates().fit(["\ud800 x"])
    assert NearDuplicates().fit([]).labels_.tolist() == []


def test_exported():
    assert kalima.NearDuplicates is NearDuplicates
    assert "NearDuplicates" in kalima.__all__


ANT_NEWS = CORPORA / "ant_news" / "docs.jsonl"


def test_recall_against_exact_jaccard_on_ant_news():
    if not ANT_NEWS.exists():
        pytest.skip(f"ant_news not found at {ANT_NEWS} (set KALIMA_SHARED)")
    with ANT_NEWS.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    # 3,000 consecutive documents: copies are often filed close together.
    sample = texts[:3000]
    start = time.perf_counter()
    nd = NearDuplicates(threshold=0.8).fit(sample)
    assert time.perf_counter() - start < 10
    found = {(i, j) for i, j, _ in nd.pairs_.tolist()}
    # Exact pairs by brute force over shingle sets (as hash sets, for speed).
    tokenizer = Tokenizer(normalize="search", lowercase=True)
    sets = []
    for tokens in tokenizer.tokenize_batch(sample):
        if 0 < len(tokens) < 5:
            sets.append(frozenset([hash(tuple(tokens))]))
        else:
            sets.append(frozenset(hash(tuple(tokens[k : k + 5])) for k in range(len(tokens) - 4)))
    exact = set()
    # Candidates by a shared shingle (an inverted index), then the exact Jaccard.
    postings: dict[int, list[int]] = {}
    for d, s in enumerate(sets):
        for h in s:
            postings.setdefault(h, []).append(d)
    for d, s in enumerate(sets):
        seen = {e for h in s for e in postings[h] if e > d}
        for e in seen:
            if len(s & sets[e]) / len(s | sets[e]) >= 0.8:
                exact.add((d, e))
    assert exact, "the sample holds near-duplicates"
    assert found <= exact  # verified: nothing below the threshold
    recall = len(found & exact) / len(exact)
    print(f"recall {recall:.4f} over {len(exact)} pairs")
    assert recall >= 0.97, f"recall {recall:.3f} over {len(exact)} pairs"


def test_pandas_accessor():
    s = pd.Series(DOCS, index=[f"d{k}" for k in range(len(DOCS))], name="text")
    s.iloc[3] = None
    labels = s.arabic.near_duplicates()
    assert labels.index.equals(s.index) and labels.name == "text"
    assert labels.tolist() == [0, -1, 0, -1, -1, 0]
    kept = s.arabic.drop_near_duplicates()
    assert kept.index.tolist() == ["d0", "d1", "d3", "d4"]
    assert s.arabic.near_duplicates(threshold=1.0).tolist() == [-1] * 6
    assert s.arabic.near_duplicates(n=3, num_perm=64).tolist() == [0, -1, 0, -1, -1, 0]
    with pytest.raises(MissingValueError, match=r"documents\[3\] is nan"):
        s.arabic.near_duplicates(errors="raise")
    with pytest.raises(ValueError, match="The 'threshold' parameter"):
        s.arabic.near_duplicates(threshold=2)
