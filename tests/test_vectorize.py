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
    docs = ["نشرت @school_news عن #غزة و#المحكمة_الدستورية ١٢٫٥ في المدرسة"]
    cv = CountVectorizer(stem="light10", normalize="light", **path).fit(docs)
    assert cv.get_feature_names_out().tolist() == [
        "#المحكمة_الدستورية",
        "#غزة",
        "@school_news",
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
    # Your tokenizer's tokens are segmented too (the Python path).
    words = CountVectorizer(segment=True, tokenizer=str.split, token_pattern=None)
    words.fit(["وبالمدرسة كتابها، وبالمدرسة"])
    assert words.get_feature_names_out().tolist() == ["ال+", "ب+", "كتابها,", "مدرسه", "و+"]


def test_bad_documents_are_named_across_batches(monkeypatch):
    import kalima.vectorize

    monkeypatch.setattr(kalima.vectorize, "_BATCH", 10)
    docs = (d for d in [*SAMPLE[:12], 7, *SAMPLE[12:]])
    with pytest.raises(TypeError, match=r"raw_documents\[12\] is int; expected str"):
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


# Text written for kalima: news with clitics, diacritics and stop words, and a scraped tweet.
BOTH_PATHS_TEXT = [
    *SAMPLE,
    "وبالمدرسةِ الجديدة قال المعلمون إنهم سيكتبون كتابَهم عن التعليم، ولكنها لم تبدأ بعد.",
    "عاجل: #غزة_تنتصر شاهدوا التفاصيلhttps://t.co/Ab12Cd9 عبر@news_desk.24 وللمزيد www.example.com",
]


class PythonPath(CountVectorizer):
    """A vectorizer that takes scikit-learn's Python path with the very same options (a
    preprocessor, tokenizer or strip_accents would take it too, but with other options)."""

    def _is_native(self):
        return False


def _both_paths(**params):
    rust = CountVectorizer(**params).fit(BOTH_PATHS_TEXT)
    python = PythonPath(**params).fit(BOTH_PATHS_TEXT)
    return rust, python


@pytest.mark.filterwarnings("ignore:Your stop_words may be inconsistent")
@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 3)])
@pytest.mark.parametrize("stop_words", [None, "arabic", ["في", "و+", "عن", "ال+"]])
@pytest.mark.parametrize("segment", [False, True])
@pytest.mark.parametrize("stem", [None, "isri", "light10", "snowball"])
@pytest.mark.parametrize("token_mode", ["arabic", "sklearn"])
@pytest.mark.parametrize("normalize", [None, "search", "camel"])
def test_both_paths_give_the_same_features(
    normalize, token_mode, stem, segment, stop_words, ngram_range
):
    params = dict(
        normalize=normalize,
        token_mode=token_mode,
        stem=stem,
        segment=segment,
        stop_words=stop_words,
        ngram_range=ngram_range,
    )
    rust, python = _both_paths(**params)
    assert rust._is_native() and not python._is_native()
    features = rust.get_feature_names_out().tolist()
    assert python.get_feature_names_out().tolist() == features
    X, Y = rust.transform(BOTH_PATHS_TEXT), python.transform(BOTH_PATHS_TEXT)
    assert (X != Y).nnz == 0 and X.shape == (len(BOTH_PATHS_TEXT), len(features))


@pytest.mark.parametrize(
    "params",
    [
        {"stem": "light10", "stop_words": "arabic"},
        {"stem": "snowball", "ngram_range": (1, 2)},
        {"segment": True, "stem": "isri", "stop_words": ["و+", "ال+", "في"]},
    ],
)
def test_both_paths_agree_on_news_kalima_has_not_seen(params):
    from conftest import labelled_split

    news = labelled_split("ant_news")[2][:500]
    rust = CountVectorizer(**params).fit(news)
    python = PythonPath(**params).fit(news)
    assert python.get_feature_names_out().tolist() == rust.get_feature_names_out().tolist()
    assert (rust.transform(news) != python.transform(news)).nnz == 0


# What code written for scikit-learn's vectorizers meets in kalima's (scikit-learn mode).
SK_AND_KALIMA = [(sk.CountVectorizer, {}), (CountVectorizer, AS_SKLEARN)]


def _encodes(text, encoding="cp1256"):
    try:
        return bool(text.encode(encoding))
    except UnicodeEncodeError:  # Windows-1256 has no Arabic-Indic digits
        return False


CP1256_TEXT = [d for d in SAMPLE if _encodes(d)][:6]


@pytest.mark.parametrize("encoding", ["utf-8", "cp1256"])
def test_bytes_are_decoded_with_encoding(encoding):
    docs = [d.encode(encoding) for d in CP1256_TEXT]
    expected = sk.CountVectorizer(encoding=encoding).fit_transform(docs)
    for params in [AS_SKLEARN, {**AS_SKLEARN, "preprocessor": str.lower}]:
        cv = CountVectorizer(encoding=encoding, **params)
        assert (cv.fit_transform(docs) != expected).nnz == 0
        assert cv.get_feature_names_out().tolist() == sorted(cv.vocabulary_)
    # The default analysis decodes too: the same features as from the text itself.
    assert CountVectorizer(encoding=encoding).fit(docs).vocabulary_ == (
        CountVectorizer().fit(CP1256_TEXT).vocabulary_
    )


def test_decode_error_as_scikit_learn():
    docs = ["قال الرئيس".encode("cp1256"), b"news report"]  # not UTF-8, then ASCII
    for cls, params in SK_AND_KALIMA:
        with pytest.raises(UnicodeDecodeError):
            cls(**params).fit(docs)
        replaced = cls(decode_error="replace", token_pattern=r"(?u)\b\w+\b", **params).fit(docs)
        assert replaced.get_feature_names_out().tolist() == ["news", "report"]
        ignored = cls(decode_error="ignore", **params).fit(docs)
        assert ignored.get_feature_names_out().tolist() == ["news", "report"]


def test_files_and_file_names_as_scikit_learn(tmp_path):
    paths = []
    for i, text in enumerate(CP1256_TEXT):
        paths.append(tmp_path / f"{i}.txt")
        paths[-1].write_bytes(text.encode("cp1256"))
    expected = sk.CountVectorizer(input="filename", encoding="cp1256").fit_transform(paths)
    for input, docs in [("filename", paths), ("filename", list(map(str, paths))), ("file", None)]:
        files = [p.open("rb") for p in paths] if docs is None else docs
        cv = CountVectorizer(input=input, encoding="cp1256", **AS_SKLEARN)
        assert cv._is_native()
        assert (cv.fit_transform(files) != expected).nnz == 0, input
        for f in files if docs is None else ():
            f.close()
    # Text given as files fails, as in scikit-learn (there an AttributeError for input="file").
    with pytest.raises(TypeError, match=r"input='file' reads file objects .*input='content'"):
        CountVectorizer(input="file").fit(CP1256_TEXT)
    assert CountVectorizer(input="content").fit(CP1256_TEXT).vocabulary_  # as the message says
    with pytest.raises(FileNotFoundError):
        CountVectorizer(input="filename").fit(CP1256_TEXT)
    analyzer = TfidfVectorizer(input="filename", encoding="cp1256").build_analyzer()
    assert analyzer(paths[0]) == TfidfVectorizer().build_analyzer()(CP1256_TEXT[0])


def test_upper_case_vocabulary_warns_as_scikit_learn():
    message = "Upper case characters found in vocabulary while 'lowercase' is True"
    for cls, params in SK_AND_KALIMA:
        with pytest.warns(UserWarning, match=message):
            X = cls(vocabulary=["Reuters", "الرئيس"], **params).fit_transform(["Reuters الرئيس"])
        assert X.toarray().tolist() == [[0, 1]]


def test_a_vocabulary_the_normalizer_would_rewrite_warns_with_the_fix():
    docs = ["قال أحمد إن الحكومة مستقيلة"]
    vocabulary = ["أحمد", "الحكومة", "قال"]
    with pytest.warns(UserWarning, match=r"2 word\(s\) of the vocabulary .*'أحمد' \(→ 'احمد'\)"):
        assert CountVectorizer(vocabulary=vocabulary).fit_transform(docs).sum() == 1
    import kalima  # the suggestion in the message, run as written

    fixed = [kalima.normalize(term, preset="search") for term in vocabulary]
    assert CountVectorizer(vocabulary=fixed).fit_transform(docs).toarray().tolist() == [[1, 1, 1]]


def test_stop_words_that_cannot_match_warn_as_scikit_learn():
    docs = ["don't stop me now قال الرئيس على الأقل"]
    stop = ["don't", "على الأقل", "قال"]
    message = "Your stop_words may be inconsistent with your preprocessing"
    for cls, params in SK_AND_KALIMA:
        with pytest.warns(UserWarning, match=message) as caught:
            cls(stop_words=stop, **params).fit(docs)
        assert "['don', 'الأقل', 'على']" in str(caught[0].message)
    # kalima compares the stop words normalized like the documents: إلى matches الي under
    # search, so only a stop word that still cannot match is named.
    with pytest.warns(UserWarning, match=r"cannot match a token: \['علي الاقل'\]"):
        CountVectorizer(stop_words=["إلى", "على الأقل"]).fit(docs)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for params in [{}, {"segment": True}, {"preprocessor": str.lower}]:
            CountVectorizer(stop_words="arabic", **params).fit(docs)
        CountVectorizer(stop_words=["إلى", "و+"], segment=True).fit(docs)
        CountVectorizer(stop_words=kalima_stopwords_with_dialects()).fit(docs)


def kalima_stopwords_with_dialects():
    from kalima import stopwords

    return stopwords("search", dialects=True)  # a frozenset, accepted as a list is


def test_a_missing_document_raises_what_scikit_learn_raises():
    import kalima

    docs = ["قال الرئيس", np.nan]
    with pytest.raises(ValueError, match=r"np\.nan is an invalid document"):
        sk.HashingVectorizer().transform(docs)
    for params in [AS_SKLEARN, {}, {"preprocessor": str.lower}]:
        for cls in (HashingVectorizer, CountVectorizer, TfidfVectorizer):
            fit = cls(**params).fit_transform
            with pytest.raises(ValueError, match=r"raw_documents\[1\] is nan; expected str") as e:
                fit(docs)
            assert isinstance(e.value, TypeError) and isinstance(e.value, kalima.MissingValueError)
            assert fit(docs[:1]).shape[0] == 1
            assert cls(errors="empty", **params).fit_transform(docs).shape[0] == 2
    with pytest.raises(TypeError, match=r"texts\[1\] is None"):
        kalima.normalize(["قال", None])


def test_lowercase_lowers_title_case_letters_as_scikit_learn():
    docs = ["ǅungla ϒpsilon BBC"]  # a title-case letter, an upper-case one without lower case
    expected = sk.CountVectorizer().fit(docs).get_feature_names_out().tolist()
    assert expected == ["bbc", "ǆungla", "ϒpsilon"]
    for params in [AS_SKLEARN, {**AS_SKLEARN, "strip_accents": lambda doc: doc}]:
        assert CountVectorizer(**params).fit(docs).get_feature_names_out().tolist() == expected
