"""The vectorizers: scikit-learn's matrices exactly with scikit-learn's settings, Arabic features
with kalima's, and the scikit-learn estimator contract."""

from __future__ import annotations

import os
import pickle

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn import clone, config_context
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction import text as sk
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

from kalima import CountVectorizer, HashingVectorizer, Normalizer, TfidfVectorizer
from kalima.datasets import load_sample

SAMPLE = [d["text"] for d in load_sample()]
LABELS = [d["label"] for d in load_sample()]
# scikit-learn's own analysis: no normalizer, scikit-learn's token pattern.
AS_SKLEARN = {"normalize": None, "token_mode": "sklearn"}

CONFIGS = [
    {},
    {"ngram_range": (1, 2), "min_df": 2},
    {"ngram_range": (1, 2), "max_df": 0.5, "max_features": 300},
    {"binary": True, "max_features": 100, "lowercase": False},
    {"stop_words": "english", "max_df": 3},
    {"analyzer": "char", "ngram_range": (2, 4), "min_df": 2},
    {"analyzer": "char_wb", "ngram_range": (2, 4)},
    {"analyzer": "char_wb", "ngram_range": (1, 3), "max_features": 500, "binary": True},
]
TFIDF = [{}, {"sublinear_tf": True}, {"norm": "l1", "smooth_idf": False}, {"use_idf": False}]


def assert_same_counts(ours, theirs, texts):
    X, Y = ours.fit_transform(texts), theirs.fit_transform(texts)
    assert ours.get_feature_names_out().tolist() == theirs.get_feature_names_out().tolist()
    assert X.dtype == Y.dtype and X.shape == Y.shape and X.has_canonical_format
    assert (X != Y).nnz == 0
    return X, Y


@pytest.mark.parametrize("config", CONFIGS, ids=str)
def test_count_vectorizer_equals_scikit_learn_on_the_sample(config):
    X, _ = assert_same_counts(
        CountVectorizer(**AS_SKLEARN, **config), sk.CountVectorizer(**config), SAMPLE
    )
    assert X.indices.dtype == np.int32 == X.indptr.dtype


@pytest.mark.parametrize("path", ["rust", "python"])
@pytest.mark.parametrize("tfidf", TFIDF, ids=str)
@pytest.mark.parametrize("config", CONFIGS[:2] + CONFIGS[5:7], ids=str)
def test_tfidf_vectorizer_equals_scikit_learn_on_the_sample(config, tfidf, path):
    # A preprocessor sends kalima down scikit-learn's own analysis code (the Python path).
    own = {"preprocessor": str.lower} if path == "python" else {}
    ours = TfidfVectorizer(**AS_SKLEARN, **config, **tfidf, **own)
    theirs = sk.TfidfVectorizer(**config, **tfidf, **own)
    X, Y = ours.fit_transform(SAMPLE), theirs.fit_transform(SAMPLE)
    assert ours.get_feature_names_out().tolist() == theirs.get_feature_names_out().tolist()
    assert np.abs(X - Y).max() <= 1e-12 and X.nnz == Y.nnz
    if ours.use_idf:
        np.testing.assert_allclose(ours.idf_, theirs.idf_, rtol=0, atol=1e-12)
    unseen = ["قال الوزير إن المحكمة الدستورية ستنظر في الطعن", ""]
    assert np.abs(ours.transform(unseen) - theirs.transform(unseen)).max() <= 1e-12


HASHING = [
    {},
    {"ngram_range": (1, 2), "n_features": 2**10},
    {"alternate_sign": False, "norm": None, "binary": True},
    {"analyzer": "char_wb", "ngram_range": (2, 4), "n_features": 2**12, "norm": "l1"},
]


@pytest.mark.parametrize("config", HASHING, ids=str)
def test_hashing_vectorizer_equals_scikit_learn_bit_for_bit(config):
    X = HashingVectorizer(**AS_SKLEARN, **config).transform(SAMPLE)
    Y = sk.HashingVectorizer(**config).transform(SAMPLE)
    assert X.shape == Y.shape and X.nnz == Y.nnz
    assert (X.indices == Y.indices).all() and (X.indptr == Y.indptr).all()
    assert (X.data == Y.data).all()


def test_shared_corpora(shared_corpus):
    _, texts = shared_corpus
    # Word features on the whole corpus; character features on its first 3,000 documents
    # (scikit-learn needs minutes for all of them; `make test-slow` sets KALIMA_SLOW=1 to run
    # them all).
    for config in [{}, {"ngram_range": (1, 2), "min_df": 2, "max_df": 0.9}]:
        assert_same_counts(
            CountVectorizer(**AS_SKLEARN, **config, n_jobs=2), sk.CountVectorizer(**config), texts
        )
    ours = TfidfVectorizer(**AS_SKLEARN, sublinear_tf=True, min_df=2, n_jobs=-1)
    theirs = sk.TfidfVectorizer(sublinear_tf=True, min_df=2)
    assert np.abs(ours.fit_transform(texts) - theirs.fit_transform(texts)).max() <= 1e-12
    head = texts if os.environ.get("KALIMA_SLOW") else texts[:3000]
    for config in [
        {"analyzer": "char_wb", "ngram_range": (2, 4)},
        {"analyzer": "char", "ngram_range": (2, 4), "max_features": 20_000},
    ]:
        assert_same_counts(
            CountVectorizer(**AS_SKLEARN, **config), sk.CountVectorizer(**config), head
        )
    X = HashingVectorizer(**AS_SKLEARN, n_jobs=2).transform(texts)
    Y = sk.HashingVectorizer().transform(texts)
    assert (X.indices == Y.indices).all() and (X.data == Y.data).all()


def test_arabic_defaults():
    docs = ["قالَ الرئيسُ: «إنّ الحكومـــة مسؤولة» عام ٢٠٢٥", "قال الرئيس إن الحكومة مسؤولة"]
    cv = CountVectorizer()
    X = cv.fit_transform(docs)
    # The search preset folds vowels, tatweel, alef forms and digits; both documents agree.
    assert cv.get_feature_names_out().tolist() == [
        "2025",
        "الحكومه",
        "الرءيس",
        "ان",
        "عام",
        "قال",
        "مسءوله",
    ]
    assert X.toarray().tolist() == [[1, 1, 1, 1, 1, 1, 1], [0, 1, 1, 1, 0, 1, 1]]
    # scikit-learn's defaults split vocalized words at every mark and drop the pieces.
    assert list(sk.CountVectorizer().fit(["كَتَبَ الوَلَدُ"]).vocabulary_) == ["الو"]
    assert CountVectorizer().fit(["كَتَبَ الوَلَدُ"]).get_feature_names_out().tolist() == [
        "الولد",
        "كتب",
    ]
    stems = CountVectorizer(stem="light10").fit(["المعلمون في المدرسة"])
    assert stems.get_feature_names_out().tolist() == ["في", "مدرس", "معلم"]
    social = CountVectorizer(urls="placeholder", mentions="drop", hashtags="split")
    social.fit(["شكراً @Mo_Salah11 #مصر_تفوز https://t.co/x"])
    assert social.get_feature_names_out().tolist() == ["<URL>", "تفوز", "شكرا", "مصر"]


def test_n_jobs_and_batches_do_not_change_the_matrix():
    texts = SAMPLE * 50
    one = CountVectorizer(ngram_range=(1, 2)).fit_transform(texts)
    many = CountVectorizer(ngram_range=(1, 2), n_jobs=-1).fit_transform(texts)
    generator = CountVectorizer(ngram_range=(1, 2), n_jobs=3).fit_transform(t for t in texts)
    assert (one != many).nnz == 0 and (one != generator).nnz == 0


def test_inputs_series_missing_values_and_dtypes():
    s = pd.Series([SAMPLE[0], None, SAMPLE[1], float("nan")], dtype=object)
    with pytest.raises(TypeError, match=r"raw_documents\[1\] is None; expected str"):
        CountVectorizer().fit(s)
    X = CountVectorizer(errors="empty").fit_transform(s)
    assert X.shape[0] == 4 and X[1].nnz == 0 and X[3].nnz == 0
    assert (X[[0, 2]] != CountVectorizer().fit_transform(s.dropna())).nnz == 0
    arrow = pd.Series(SAMPLE[:3], dtype="str")
    assert (
        CountVectorizer().fit_transform(arrow) != CountVectorizer().fit_transform(SAMPLE[:3])
    ).nnz == 0
    with pytest.raises(ValueError, match="Iterable over raw text documents expected"):
        CountVectorizer().fit("نص واحد")
    X32 = TfidfVectorizer(dtype=np.float32).fit_transform(SAMPLE)
    assert X32.dtype == np.float32
    assert CountVectorizer(dtype=np.int16).fit_transform(SAMPLE).dtype == np.int16
    with config_context(sparse_interface="sparray"):
        assert isinstance(CountVectorizer().fit_transform(SAMPLE), sp.csr_array)
    assert isinstance(CountVectorizer().fit_transform(SAMPLE), sp.csr_matrix)


def test_errors_with_scikit_learn_wording():
    with pytest.raises(NotFittedError):
        CountVectorizer().transform(SAMPLE)
    with pytest.raises(NotFittedError, match="The TF-IDF vectorizer is not fitted"):
        TfidfVectorizer().transform(SAMPLE)
    with pytest.raises(ValueError, match="empty vocabulary; perhaps the documents only contain"):
        CountVectorizer().fit(["!!", "؟؟"])
    with pytest.raises(ValueError, match="empty vocabulary"):
        CountVectorizer(stop_words=["كلمة"]).fit(["كلمة"])
    with pytest.raises(ValueError, match="After pruning, no terms remain"):
        CountVectorizer(min_df=2).fit(["واحد", "اثنان"])
    with pytest.raises(ValueError, match="max_df corresponds to < documents than min_df"):
        CountVectorizer(min_df=3, max_df=0.05).fit(SAMPLE)
    with pytest.raises(ValueError, match="The 'token_mode' parameter of CountVectorizer must be"):
        CountVectorizer(token_mode="words").fit(SAMPLE)
    with pytest.raises(ValueError, match="The 'max_df' parameter of TfidfVectorizer must be"):
        TfidfVectorizer(max_df=-1).fit(SAMPLE)
    with pytest.raises(ValueError, match="The 'hashtags' parameter of HashingVectorizer must be"):
        HashingVectorizer(hashtags="explode").fit(SAMPLE)


@pytest.mark.parametrize("path", [{}, {"preprocessor": str.lower}], ids=["rust", "python"])
def test_stemming_leaves_hashtags_mentions_and_numbers_whole(path):
    docs = ["نشرت @المدرسة عن #غزة و#المحكمة_الدستورية ١٢٫٥ في المدرسة"]
    cv = CountVectorizer(stem="light10", normalize="light", **path).fit(docs)
    assert cv.get_feature_names_out().tolist() == [
        "#المحكمة_الدستورية",
        "#غزة",
        "@المدرسة",
        "عن",
        "في",
        "مدرس",
        "نشرت",
        "و",
        "١٢٫٥",
    ]
    # And in the accessor, word by word.
    words = pd.Series(["#غزة", "@المدرسة", "المدرسة"])
    assert words.arabic.stem("light10").tolist() == ["#غزة", "@المدرسة", "مدرس"]


def test_vocabulary_is_a_dict():
    import json

    cv = CountVectorizer().fit(["قال الوزير", "قالت الحكومة"])
    assert type(cv.vocabulary_) is dict and cv.vocabulary_ is cv.vocabulary_
    assert json.loads(json.dumps(cv.vocabulary_, ensure_ascii=False)) == {
        "الحكومه": 0,
        "الوزير": 1,
        "قال": 2,
        "قالت": 3,
    }
    # The dict is not pickled: the compact vocabulary is, and the dict is rebuilt from it.
    untouched = CountVectorizer().fit(["قال الوزير", "قالت الحكومة"])
    assert pickle.dumps(cv) == pickle.dumps(untouched)
    assert pickle.loads(pickle.dumps(cv)).vocabulary_ == cv.vocabulary_
    # Assigning a mapping sets the vocabulary, as in scikit-learn.
    cv.vocabulary_ = {"قال": 1, "الوزير": 0}
    assert cv.transform(["قال الوزير قال"]).toarray().tolist() == [[1, 2]]


def test_fixed_vocabulary_and_inverse_transform():
    cv = CountVectorizer(vocabulary=["الحكومه", "قال"])
    X = cv.fit_transform(["قال الرئيس إن الحكومة مسؤولة", "قال"])
    assert X.toarray().tolist() == [[1, 1], [0, 1]]
    assert dict(cv.vocabulary_) == {"الحكومه": 0, "قال": 1}
    assert [t.tolist() for t in cv.inverse_transform(X)] == [["الحكومه", "قال"], ["قال"]]
    with pytest.raises(ValueError, match="Duplicate term in vocabulary"):
        CountVectorizer(vocabulary=["قال", "قال"]).fit(SAMPLE)


def test_estimator_contract_pipeline_and_grid_search():
    tv = TfidfVectorizer(stem="light10", ngram_range=(1, 2))
    assert clone(tv).get_params() == tv.get_params()
    assert tv.set_params(stem="isri").stem == "isri"
    fitted = tv.fit(SAMPLE)
    restored = pickle.loads(pickle.dumps(fitted))
    assert (restored.transform(SAMPLE) != fitted.transform(SAMPLE)).nnz == 0
    term = fitted.get_feature_names_out()[7]
    assert restored.vocabulary_[term] == 7 and len(restored.vocabulary_) == len(fitted.vocabulary_)
    theirs = sk.TfidfVectorizer(ngram_range=(1, 2)).fit(SAMPLE)
    assert len(pickle.dumps(fitted)) < len(pickle.dumps(theirs))
    pipe = make_pipeline(TfidfVectorizer(), LinearSVC())
    search = GridSearchCV(
        pipe,
        {"tfidfvectorizer__normalize": ["search", None], "tfidfvectorizer__stem": [None, "isri"]},
        cv=2,
        n_jobs=2,
    )
    search.fit(SAMPLE, LABELS)
    assert search.best_estimator_.predict(SAMPLE[:3]).shape == (3,)


def test_normalizer_objects_and_the_python_path():
    norm = Normalizer("camel")
    fast = CountVectorizer(normalize=norm)
    assert fast.build_analyzer()("قالَ الرئيسُ إلى") == ["قال", "الرئيس", "الي"]
    # A custom token_pattern runs scikit-learn's Python analyzer with kalima's normalizer.
    slow = CountVectorizer(normalize=norm, token_mode="sklearn", token_pattern=r"(?u)\b\w+\b")
    assert slow.build_analyzer()("قالَ الرئيسُ إلى و") == ["قال", "الرئيس", "الي", "و"]
    X = slow.fit_transform(SAMPLE)
    assert X.shape == (len(SAMPLE), len(slow.vocabulary_))
    assert any(len(term) == 1 for term in slow.vocabulary_)  # the pattern keeps one letter


@pytest.mark.parametrize(
    "config", [{}, {"ngram_range": (1, 2), "min_df": 2, "max_features": 200, "binary": True}]
)
def test_partial_fit_equals_one_fit_on_everything(config):
    parts = [SAMPLE[:10], iter(SAMPLE[10:25]), SAMPLE[25:]]
    for cls in (CountVectorizer, TfidfVectorizer):
        whole = cls(**config).fit(SAMPLE)
        partial = cls(**config)
        for part in parts if cls is CountVectorizer else [SAMPLE[:10], SAMPLE[10:]]:
            partial.partial_fit(part)
        assert partial.get_feature_names_out().tolist() == whole.get_feature_names_out().tolist()
        X, Y = partial.transform(SAMPLE), whole.transform(SAMPLE)
        assert np.abs(X - Y).max() == 0
        if cls is TfidfVectorizer:
            assert (partial.idf_ == whole.idf_).all()


@pytest.mark.parametrize("tfidf", TFIDF, ids=str)
def test_partial_fit_learns_scikit_learns_idf(tfidf):
    ours = TfidfVectorizer(**AS_SKLEARN, **tfidf).partial_fit(SAMPLE[:20]).partial_fit(SAMPLE[20:])
    theirs = sk.TfidfVectorizer(**tfidf).fit(SAMPLE)
    if theirs.use_idf:
        np.testing.assert_allclose(ours.idf_, theirs.idf_, rtol=0, atol=1e-12)
    assert np.abs(ours.transform(SAMPLE) - theirs.transform(SAMPLE)).max() <= 1e-12


def test_pickles_carry_partial_fit_state_and_are_validated():
    partial = CountVectorizer().partial_fit(SAMPLE[:15])
    restored = pickle.loads(pickle.dumps(partial)).partial_fit(SAMPLE[15:])
    whole = CountVectorizer().fit(SAMPLE)
    assert restored.get_feature_names_out().tolist() == whole.get_feature_names_out().tolist()
    # A tampered pickle fails with ValueError, never a crash.
    from kalima import _kalima
    from kalima.vectorize import _VocabularyView

    with pytest.raises(ValueError, match="Duplicate term in vocabulary"):
        _VocabularyView._from_terms(["قال", "قال"])
    with pytest.raises(ValueError, match="expected a list of str"):
        _VocabularyView._from_terms([1, 2])
    with pytest.raises(ValueError, match="corrupted partial_fit state: terms and frequencies"):
        _kalima.Frequencies.restore((["قال"], [1, 1], [1], 3))
    with pytest.raises(ValueError, match="a frequency is out of range"):
        _kalima.Frequencies.restore((["قال"], [5], [5], 3))
    with pytest.raises(ValueError, match="corrupted partial_fit state"):
        _kalima.Frequencies.restore((["قال"], [1], [1]))


def test_default_tfidf_classifies_news_at_least_as_well_as_tuned_scikit_learn():
    from conftest import labelled_split
    from sklearn.metrics import accuracy_score, f1_score

    train, y_train, test, y_test = labelled_split("ant_news")

    def score(vectorizer):
        model = make_pipeline(vectorizer, LinearSVC()).fit(train, y_train)
        predicted = model.predict(test)
        return accuracy_score(y_test, predicted), f1_score(y_test, predicted, average="macro")

    ours = score(TfidfVectorizer(n_jobs=-1))
    reference = score(sk.TfidfVectorizer(sublinear_tf=True, min_df=2))
    assert ours[0] >= reference[0] and ours[1] >= reference[1], (ours, reference)


def test_segmented_features():
    cv = CountVectorizer(segment=True, stop_words=["و+"])
    cv.fit(["وبالمدرسة كتابها", "للمدرسة"])
    assert cv.get_feature_names_out().tolist() == ["+ها", "ال+", "ب+", "كتاب", "لل+", "مدرسه"]
    with pytest.raises(ValueError, match="The 'segment' parameter of CountVectorizer must be"):
        CountVectorizer(segment=0).fit(SAMPLE)
    with pytest.raises(ValueError, match="segment needs kalima's own analyzer"):
        CountVectorizer(segment=True, tokenizer=str.split).fit(SAMPLE)


def test_bad_documents_are_named_across_batches(monkeypatch):
    import kalima.vectorize

    monkeypatch.setattr(kalima.vectorize, "_BATCH", 10)
    docs = (d for d in [*SAMPLE[:12], b"bytes", *SAMPLE[12:]])
    with pytest.raises(TypeError, match=r"raw_documents\[12\] is bytes; expected str"):
        CountVectorizer().fit(docs)
    with pytest.raises(ValueError, match=r"raw_documents\[11\] has a lone surrogate U\+D800"):
        CountVectorizer().fit([*SAMPLE[:11], "كتب\ud800"])
    assert CountVectorizer(errors="replace").fit_transform(["كتب\ud800"]).shape == (1, 1)
    with pytest.raises(ValueError, match="The 'errors' parameter of CountVectorizer must be"):
        CountVectorizer(errors="keep").fit(SAMPLE)
    with pytest.raises(ValueError, match="errors='keep' cannot keep a missing document"):
        HashingVectorizer(errors="keep").transform(SAMPLE)


@pytest.mark.parametrize(
    "params",
    [{}, {"stem": "light10"}, {"stem": "isri", "preprocessor": str.lower}, AS_SKLEARN],
    ids=["rust", "rust-stem", "python-stem", "sklearn"],
)
def test_built_callables_pickle_and_run_in_worker_processes(params):
    from joblib import Parallel, delayed

    vectorizer = TfidfVectorizer(**params)
    docs = ["قالَ الرئيسُ للمدرسة #غزة", "والمعلمون في المدرسة"]
    for build in ("build_analyzer", "build_preprocessor", "build_tokenizer"):
        f = getattr(vectorizer, build)()
        assert pickle.loads(pickle.dumps(f))(docs[0]) == f(docs[0]), build
    analyzer = vectorizer.build_analyzer()
    in_workers = Parallel(n_jobs=2, backend="loky")(delayed(analyzer)(d) for d in docs)
    assert in_workers == [analyzer(d) for d in docs]
    if params == {"stem": "light10"}:
        assert analyzer(docs[0]) == ["قال", "رءيس", "مدرس", "#غزه"]
