# Stubs for the compiled extension; checked against it by `python -m mypy.stubtest kalima._kalima`.
from typing import Any, Callable, TypeAlias, final

import numpy as np
import numpy.typing as npt

__all__ = [
    "Analyzer",
    "ArrowStrings",
    "CountBuilder",
    "Counts",
    "DedupIndex",
    "Frequencies",
    "Normalizer",
    "Segmenter",
    "Stemmer",
    "Tokenizer",
    "Vocabulary",
    "__version__",
    "placeholders",
    "preset_names",
    "preset_options",
    "similar_pairs",
    "stemmer_names",
    "threads",
    "tokenizer_modes",
]

__version__: str

@final
class ArrowStrings:
    def __new__(
        cls,
        validity: npt.NDArray[np.uint8] | None,
        offsets: npt.NDArray[np.int32] | npt.NDArray[np.int64],
        data: npt.NDArray[np.uint8],
        offset: int,
        length: int,
        missing: str,
    ) -> ArrowStrings: ...
    def __len__(self) -> int: ...

# What the batch methods read: a list or tuple of documents, or an Arrow array's buffers.
_Documents: TypeAlias = list[Any] | tuple[Any, ...] | ArrowStrings
# What text batches give for an ArrowStrings: the buffers of a large_string array.
_ArrowOut: TypeAlias = tuple[
    npt.NDArray[np.uint8], npt.NDArray[np.int64], npt.NDArray[np.uint8] | None, int
]

@final
class Normalizer:
    def __new__(cls, preset: str, overrides: dict[str, Any]) -> Normalizer: ...
    def options(self) -> dict[str, Any]: ...
    def normalize(self, text: object, errors: str = "raise") -> str: ...
    def normalize_batch(
        self,
        texts: _Documents,
        n_jobs: int | None = None,
        errors: str = "raise",
        progress: Callable[[int], object] | None = None,
        first: int = 0,
    ) -> list[Any] | _ArrowOut: ...
    def explain(
        self, text: object, errors: str = "raise"
    ) -> tuple[str, list[tuple[int, int, int, int, list[str]]]]: ...

def preset_options(name: str) -> dict[str, Any]: ...
def preset_names() -> list[str]: ...
def stemmer_names() -> list[str]: ...

@final
class Segmenter:
    def __new__(cls, min_stem: int) -> Segmenter: ...
    @property
    def min_stem(self) -> int: ...
    def segment(self, word: object, errors: str = "raise") -> list[str]: ...
    def segment_batch(
        self,
        words: _Documents,
        n_jobs: int | None = None,
        errors: str = "raise",
        progress: Callable[[int], object] | None = None,
        first: int = 0,
    ) -> list[Any]: ...

@final
class Stemmer:
    def __new__(cls, method: str) -> Stemmer: ...
    @property
    def method(self) -> str: ...
    def stem(self, word: object, errors: str = "raise") -> str: ...
    def stem_batch(
        self,
        words: _Documents,
        n_jobs: int | None = None,
        errors: str = "raise",
        progress: Callable[[int], object] | None = None,
        first: int = 0,
    ) -> list[Any] | _ArrowOut: ...

@final
class Tokenizer:
    def __new__(
        cls,
        mode: str,
        normalizer: Normalizer | None,
        lowercase: bool,
        keep_punct: bool,
        urls: str,
        emails: str,
        mentions: str,
        hashtags: str,
        numbers: str,
        emoji: str,
    ) -> Tokenizer: ...
    def tokenize(self, text: object, errors: str = "raise") -> list[str]: ...
    def tokenize_with_offsets(
        self, text: object, errors: str = "raise"
    ) -> list[tuple[str, int, int]]: ...
    def tokenize_batch(
        self,
        texts: _Documents,
        n_jobs: int | None = None,
        errors: str = "raise",
        progress: Callable[[int], object] | None = None,
        first: int = 0,
    ) -> list[Any]: ...

def tokenizer_modes() -> list[str]: ...
def placeholders() -> list[str]: ...
def threads(n_jobs: int | None = None) -> int: ...

@final
class Analyzer:
    def __new__(
        cls,
        unit: str,
        ngram_range: tuple[int, int],
        tokenizer: Tokenizer,
        normalizer: Normalizer | None,
        lowercase: bool,
        stop_words: list[str],
        stem: str | None,
        segment: int | None,
    ) -> Analyzer: ...
    def analyze(self, doc: object) -> list[str]: ...
    def fit(
        self,
        builder: CountBuilder,
        docs: _Documents,
        n_jobs: int | None,
        errors: str,
        progress: Callable[[int], object] | None = None,
    ) -> None: ...
    def transform(
        self,
        builder: CountBuilder,
        vocabulary: Vocabulary,
        docs: _Documents,
        n_jobs: int | None,
        errors: str,
        progress: Callable[[int], object] | None = None,
    ) -> None: ...
    def frequencies(
        self,
        frequencies: Frequencies,
        docs: _Documents,
        n_jobs: int | None,
        errors: str,
        progress: Callable[[int], object] | None = None,
    ) -> None: ...
    def hash(
        self,
        docs: _Documents,
        n_features: int,
        alternate_sign: bool,
        dtype: str,
        n_jobs: int | None,
        errors: str,
        progress: Callable[[int], object] | None = None,
    ) -> tuple[npt.NDArray[Any], npt.NDArray[Any], npt.NDArray[Any]]: ...

@final
class CountBuilder:
    def __new__(cls) -> CountBuilder: ...
    def fit_terms(self) -> int: ...
    def finish_fit(self, min_docs: int, max_docs: int, n_jobs: int | None = None) -> Counts: ...
    def finish_transform(self, vocabulary: Vocabulary) -> Counts: ...

@final
class Counts:
    def document_frequencies(self) -> npt.NDArray[np.int64]: ...
    def term_frequencies(self) -> npt.NDArray[np.int64]: ...
    def binarize(self) -> None: ...
    def keep_columns(self, keep: npt.NDArray[np.bool_]) -> None: ...
    def vocabulary(self) -> Vocabulary: ...
    def take_csr(
        self, dtype: str
    ) -> tuple[npt.NDArray[Any], npt.NDArray[Any], npt.NDArray[Any]]: ...

@final
class Frequencies:
    def __new__(cls) -> Frequencies: ...
    def documents(self) -> int: ...
    @staticmethod
    def merge_into(target: Frequencies, other: Frequencies) -> None: ...
    @staticmethod
    def restore(state: tuple[list[str], list[int], list[int], int]) -> Frequencies: ...
    def sorted(self) -> tuple[list[str], npt.NDArray[np.int64], npt.NDArray[np.int64]]: ...

@final
class Vocabulary:
    def __new__(cls, terms: list[str]) -> Vocabulary: ...
    def __len__(self) -> int: ...
    def get(self, term: str) -> int | None: ...
    def terms(self) -> list[str]: ...

_Arrays3 = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]
_DedupState = tuple[
    npt.NDArray[np.uint64],
    npt.NDArray[np.uint64],
    npt.NDArray[np.uint32],
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.float64],
]

@final
class DedupIndex:
    def __new__(
        cls,
        analyzer: Analyzer,
        n: int,
        threshold: float,
        num_perm: int,
        seed: int,
        verify: bool,
    ) -> DedupIndex: ...
    @property
    def bands(self) -> int: ...
    @property
    def rows(self) -> int: ...
    def __len__(self) -> int: ...
    def add(
        self,
        docs: _Documents,
        first: int,
        n_jobs: int | None,
        errors: str,
        progress: Callable[[int], object] | None = None,
    ) -> None: ...
    def query(
        self,
        docs: _Documents,
        first: int,
        n_jobs: int | None,
        errors: str,
        progress: Callable[[int], object] | None = None,
    ) -> _Arrays3: ...
    def pairs(self) -> _Arrays3: ...
    def labels(self) -> npt.NDArray[np.int64]: ...
    def duplicated(self) -> npt.NDArray[np.bool_]: ...
    def state(self) -> _DedupState: ...
    @staticmethod
    def restore(
        analyzer: Analyzer,
        n: int,
        threshold: float,
        num_perm: int,
        seed: int,
        verify: bool,
        state: _DedupState,
    ) -> DedupIndex: ...

def similar_pairs(
    indptr: npt.NDArray[np.int64],
    indices: npt.NDArray[np.int64],
    data: npt.NDArray[np.float64],
    n_cols: int,
    threshold: float,
    top_k: int | None = None,
    n_jobs: int | None = None,
) -> _Arrays3: ...
