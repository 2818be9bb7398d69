# Stubs for the compiled extension; checked against it by `python -m mypy.stubtest kalima._kalima`.
from typing import Any, final

__all__ = [
    "Normalizer",
    "Segmenter",
    "Stemmer",
    "Tokenizer",
    "__version__",
    "preset_names",
    "preset_options",
    "stemmer_names",
    "tokenizer_modes",
]

__version__: str

@final
class Normalizer:
    def __new__(cls, preset: str, overrides: dict[str, Any]) -> Normalizer: ...
    def options(self) -> dict[str, Any]: ...
    def normalize(self, text: object, errors: str = "raise") -> str: ...
    def normalize_batch(
        self, texts: list[Any], n_jobs: int | None = None, errors: str = "raise"
    ) -> list[Any]: ...
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
        self, words: list[Any], n_jobs: int | None = None, errors: str = "raise"
    ) -> list[Any]: ...

@final
class Stemmer:
    def __new__(cls, method: str) -> Stemmer: ...
    @property
    def method(self) -> str: ...
    def stem(self, word: object, errors: str = "raise") -> str: ...
    def stem_batch(
        self, words: list[Any], n_jobs: int | None = None, errors: str = "raise"
    ) -> list[Any]: ...

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
        self, texts: list[Any], n_jobs: int | None = None, errors: str = "raise"
    ) -> list[Any]: ...

def tokenizer_modes() -> list[str]: ...
