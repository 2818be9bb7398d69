"""The ``kalima`` command line: thin wrappers over the Python API.

Examples (a shell)::

    kalima demo
    echo "قالَ الرئيسُ" | kalima normalize --preset camel
    kalima tokenize posts.jsonl --field text --normalize search -o tokens.jsonl
    kalima vectorize news.csv --column body --kind tfidf --out features/
    kalima dedup news.jsonl --threshold 0.8 --pairs pairs.csv -o labels.txt
"""

from __future__ import annotations

import abc
import argparse
import contextlib
import csv
import json
import os
import pickle
import sys
import time
from collections.abc import Iterator
from typing import IO, Any, Callable

from . import __version__, _kalima
from .datasets import load_sample
from .normalize import PRESETS, Normalizer
from .stem import STEMMERS, Stemmer
from .tokenize import _DEFAULTS as _TOKENIZER_DEFAULTS
from .tokenize import TOKENIZER_MODES, Tokenizer

FORMATS = ("text", "jsonl", "csv", "parquet")
_SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".parquet": "parquet",
}
# The tokenizer's per-kind actions (urls, emails, …): every option whose default is "keep".
_KINDS = tuple(name for name, value in _TOKENIZER_DEFAULTS.items() if value == "keep")
_VECTORIZERS = {
    "tfidf": "TfidfVectorizer",
    "count": "CountVectorizer",
    "hashing": "HashingVectorizer",
}

EPILOG = """\
examples:
  echo "قالَ الرئيسُ: «إنّ الحكومـــة مسؤولة»" | kalima normalize --preset camel
  kalima normalize tweets.txt --preset search --no-tatweel --hamza carrier -o clean.txt
  kalima tokenize posts.jsonl --field text --normalize search --urls placeholder
  kalima stem words.csv --column word --method isri
  kalima vectorize news.parquet --column text --kind tfidf --ngram-range 1 2 --out features/
  kalima dedup news.jsonl --threshold 0.8 --pairs pairs.csv -o labels.txt
  kalima demo
"""


# The values of the normalizer options that are not on/off, for their flags' help (a test checks
# that the core takes each); docs/normalization.md says what every rule does.
OPTION_VALUES = {
    "diacritics": ("true", "false", "harakat"),
    "alef": ("true", "false", "common"),
    "hamza": ("none", "carrier", "bare"),
    "digits": ("none", "latin"),
    "punctuation": ("none", "latin"),
    "elongation": ("none", "collapse", "N"),
    "unicode_form": ("none", "NFC", "NFKC"),
}


class CliError(Exception):
    """A bad input or argument: one line on stderr and exit code 2."""


# --- Arguments --------------------------------------------------------------------------------


def _value(text: str) -> Any:
    """An option value as typed: true/false, none, an integer, or else the string itself."""
    words = {"true": True, "false": False, "none": None}
    if text.lower() in words:
        return words[text.lower()]
    return int(text) if text.isdigit() else text


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return int(text)


def _assignment(text: str) -> tuple[str, Any]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.replace("-", "_"), _value(value)


def _add_normalizer_flags(
    parser: argparse.ArgumentParser, flag: str, default: str | None, skip: tuple[str, ...] = ()
) -> None:
    """The preset flag and one flag per normalizer option, generated from the options the Rust
    core knows: ``--name/--no-name`` for a boolean, ``--name VALUE`` for the others, and
    ``--set name=value`` for any option and any value."""
    group = parser.add_argument_group(
        "normalizer",
        "A preset, then options on top of it; each flag below lists its values, and kalima's\n"
        "documentation (the Options table in docs/normalization.md) says what each rule does.\n"
        "Booleans: --tatweel / --no-tatweel. Others: --hamza carrier, --elongation 2.\n"
        "Any option, any value: --set diacritics=harakat (true, false, none and integers\n"
        "are parsed; anything else is a string).",
    )
    group.add_argument(
        flag, dest="preset", default=default, choices=PRESETS, help=f"preset (default: {default})"
    )
    for name, value in _kalima.preset_options("none").items():
        if name in skip:
            continue
        option = "--" + name.replace("_", "-")
        if isinstance(value, bool):
            action: Any = argparse.BooleanOptionalAction
            named = [v for v in OPTION_VALUES.get(name, ()) if v not in ("true", "false")]
            group.add_argument(
                option,
                dest=f"opt_{name}",
                action=action,
                default=argparse.SUPPRESS,
                help=f"also --set {name}={named[0]}" if named else None,
            )
        else:
            values = OPTION_VALUES.get(name)
            group.add_argument(
                option,
                dest=f"opt_{name}",
                type=_value,
                default=argparse.SUPPRESS,
                metavar="VALUE",
                help=None if values is None else _one_of(values),
            )
    group.add_argument(
        "--set",
        dest="opt_set",
        action="append",
        type=_assignment,
        default=[],
        metavar="NAME=VALUE",
        help="set any normalizer option (repeatable), e.g. --set diacritics=harakat",
    )


def _one_of(values: tuple[str, ...]) -> str:
    shown = [("a number N >= 1" if v == "N" else v) for v in values]
    return ", ".join(shown[:-1]) + " or " + shown[-1]


def _normalizer(args: argparse.Namespace) -> Normalizer | None:
    """The normalizer the flags describe; None when there is no preset and no option."""
    prefix = "opt_"
    overrides = {k[len(prefix) :]: v for k, v in vars(args).items() if k.startswith(prefix)}
    overrides.update(overrides.pop("set"))
    if args.preset is None and not overrides:
        return None
    return Normalizer(args.preset or "none", **overrides)


def _add_tokenizer_flags(parser: argparse.ArgumentParser, lowercase: bool) -> None:
    group = parser.add_argument_group("tokenizer")
    group.add_argument(
        "--mode", default="arabic", choices=TOKENIZER_MODES, help="(default: %(default)s)"
    )
    group.add_argument(
        "--lowercase",
        action=argparse.BooleanOptionalAction,
        default=lowercase,
        help="lower-case the text first",
    )
    group.add_argument(
        "--keep-punct", action="store_true", help="keep punctuation and symbols as tokens"
    )
    for kind in _KINDS:
        group.add_argument(
            f"--{kind}",
            default="keep",
            metavar="ACTION",
            help="keep, drop or placeholder" + (" or split" if kind == "hashtags" else ""),
        )


def _tokenizer_params(args: argparse.Namespace) -> dict[str, Any]:
    return {"keep_punct": args.keep_punct, **{kind: getattr(args, kind) for kind in _KINDS}}


def _tokenizer(args: argparse.Namespace) -> Tokenizer:
    return Tokenizer(
        args.mode, normalize=_normalizer(args), lowercase=args.lowercase, **_tokenizer_params(args)
    )


def _add_io_flags(parser: argparse.ArgumentParser, output: bool = True) -> None:
    parser.add_argument("input", nargs="?", default="-", help="input file (default: stdin)")
    group = parser.add_argument_group("input and output")
    group.add_argument(
        "--format",
        choices=FORMATS,
        help="input format (default: from the file name: .jsonl/.ndjson, .csv, .parquet; "
        "anything else, and stdin, is text with one document per line)",
    )
    group.add_argument("--field", default="text", help="JSONL field (default: %(default)s)")
    group.add_argument(
        "--column", default="text", help="CSV or Parquet column (default: %(default)s)"
    )
    group.add_argument(
        "--delimiter",
        help="CSV field delimiter, for reading and writing: one character, or tab (default: tab "
        "for .tsv, else ',')",
    )
    if output:
        group.add_argument(
            "-o",
            "--output",
            help="write here instead of stdout, in the input's format (a file name with "
            "another format's extension is refused)",
        )
    group.add_argument(
        "--batch-size",
        type=_positive,
        default=10_000,
        help="documents read and processed at a time (default: %(default)s)",
    )
    group.add_argument("--n-jobs", type=int, default=-1, help="threads (default: -1, every core)")
    group.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: on a terminal, once a run takes over a second)",
    )


# --- Reading and writing ----------------------------------------------------------------------


def _input_format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    return _SUFFIXES.get(os.path.splitext(args.input)[1].lower(), "text")


def _check_output_format(args: argparse.Namespace, fmt: str) -> None:
    """Output is written in the input's format: refuse a file name that says otherwise (it
    would get, say, JSONL under a .csv name), and binary Parquet on a terminal."""
    output = getattr(args, "output", None)
    if output is None:
        if fmt == "parquet" and sys.stdout.isatty():
            raise CliError(
                "refusing to write Parquet to a terminal: pass -o FILE.parquet, or redirect "
                "stdout to a file"
            )
        return
    named = _SUFFIXES.get(os.path.splitext(output)[1].lower())
    if named is not None and named != fmt:
        ours = {"jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet"}.get(fmt, ".txt")
        raise CliError(
            f"{output} names {named.upper()} output, but the input is {fmt.upper()} and is "
            f"written back as such: name the output {os.path.splitext(output)[0]}{ours}"
        )


def _delimiter(args: argparse.Namespace) -> str:
    if args.delimiter in ("tab", "\\t"):
        return "\t"
    if args.delimiter is not None:
        if len(args.delimiter) != 1:
            raise CliError(f"--delimiter must be one character, not {args.delimiter!r}")
        return args.delimiter
    return "\t" if os.path.splitext(args.input)[1].lower() == ".tsv" else ","


def _name(args: argparse.Namespace) -> str:
    return "<stdin>" if args.input == "-" else args.input


@contextlib.contextmanager
def _open_input(args: argparse.Namespace) -> Iterator[IO[bytes]]:
    if args.input == "-":
        yield sys.stdin.buffer
        return
    try:
        f = open(args.input, "rb")
    except OSError as e:
        raise CliError(f"cannot read {args.input}: {e.strerror}") from e
    with f:
        yield f


def _lines(f: IO[bytes], name: str, bom: bool = False) -> Iterator[str]:
    """The lines of `f` as str (line ends kept), with the line number of any invalid UTF-8.
    `bom`: drop a byte-order mark at the start (structured formats, where it is no text)."""
    for number, raw in enumerate(f, 1):
        try:
            yield raw.decode("utf-8-sig" if bom and number == 1 else "utf-8")
        except UnicodeDecodeError as e:
            raise CliError(
                f"{name}: line {number} is not valid UTF-8 (0x{raw[e.start]:02x} "
                f"at byte {e.start + 1} of the line)"
            ) from None


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    """`items` in lists of `size`. When reading fails (a bad line), the items read before it
    still come out, then the error: output stops just before the bad line."""
    chunk: list[Any] = []
    try:
        for item in items:
            chunk.append(item)
            if len(chunk) >= size:
                yield chunk
                chunk = []
    except CliError:
        if chunk:
            yield chunk
        raise
    if chunk:
        yield chunk


class _Format(abc.ABC):
    """Reads its input in batches of `(records, texts)` and writes records back with their
    texts replaced by results: `start`, then `write` for each batch, then `finish`. Each
    format implements the three abstract methods."""

    total: int | None = None  # the number of documents, when known before reading

    @abc.abstractmethod
    def __init__(self, f: IO[bytes], args: argparse.Namespace) -> None:
        """Reads from `f` as `args` (field, column, batch size) say."""

    @abc.abstractmethod
    def batches(self) -> Iterator[tuple[Any, list[Any]]]:
        """`(records, texts)` for each batch of the input."""

    @abc.abstractmethod
    def write(self, out: IO[Any], records: Any, results: list[Any]) -> None:
        """The batch's records with their texts replaced by `results`."""

    def start(self, out: IO[Any], tokens: bool) -> None:  # noqa: B027 (a hook: most need none)
        """Before the first batch; `tokens`: the results are lists of tokens."""

    def finish(self) -> None:  # noqa: B027 (a hook: most need none)
        """After the last batch."""


class _Text(_Format):
    """One document per line; tokens are written space-separated."""

    def __init__(self, f: IO[bytes], args: argparse.Namespace) -> None:
        self.lines = _lines(f, _name(args))
        self.size = args.batch_size

    def batches(self) -> Iterator[tuple[Any, list[Any]]]:
        for chunk in _chunks(self.lines, self.size):
            docs = [line.rstrip("\r\n") for line in chunk]
            yield docs, docs

    def write(self, out: IO[str], records: Any, results: list[Any]) -> None:
        out.writelines((" ".join(r) if isinstance(r, list) else r) + "\n" for r in results)


class _Jsonl(_Format):
    """One JSON object per line; the field is replaced (tokens: a JSON list), the rest kept.
    A null stays null; blank lines are skipped."""

    def __init__(self, f: IO[bytes], args: argparse.Namespace) -> None:
        self.lines = _lines(f, _name(args), bom=True)
        self.name, self.field, self.size = _name(args), args.field, args.batch_size

    def _records(self) -> Iterator[dict[str, Any]]:
        for number, line in enumerate(self.lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise CliError(f"{self.name}: line {number} is not valid JSON ({e.msg})") from None
            if not isinstance(record, dict):
                raise CliError(f"{self.name}: line {number} is not a JSON object")
            if self.field not in record:
                raise CliError(f"{self.name}: line {number} has no field {self.field!r}")
            value = record[self.field]
            if value is not None and not isinstance(value, str):
                raise CliError(
                    f"{self.name}: line {number}: field {self.field!r} is "
                    f"{type(value).__name__}, not a string"
                )
            try:  # a \ud800 escape decodes to a lone surrogate, which is no text
                if value is not None:
                    value.encode("utf-8")
            except UnicodeEncodeError as e:
                raise CliError(
                    f"{self.name}: line {number}: field {self.field!r} holds a lone surrogate "
                    f"(U+{ord(e.object[e.start]):04X})"
                ) from None
            yield record

    def batches(self) -> Iterator[tuple[Any, list[Any]]]:
        for records in _chunks(self._records(), self.size):
            yield records, [r[self.field] for r in records]

    def write(self, out: IO[str], records: Any, results: list[Any]) -> None:
        for record, result in zip(records, results):
            record[self.field] = result
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


class _Csv(_Format):
    """A header row, then one document per row; the column is replaced (tokens:
    space-separated), the other columns kept."""

    def __init__(self, f: IO[bytes], args: argparse.Namespace) -> None:
        self.name, self.size, self.delimiter = _name(args), args.batch_size, _delimiter(args)
        self.reader = csv.reader(_lines(f, self.name, bom=True), delimiter=self.delimiter)
        try:
            self.header = next(self.reader)
        except StopIteration:
            raise CliError(f"{self.name} is empty: expected a header row") from None
        except csv.Error as e:
            raise CliError(f"{self.name}: line 1 is not valid CSV ({e})") from None
        if args.column not in self.header:
            hint = ""
            if len(self.header) == 1 and args.delimiter is None:
                hint = "; for another delimiter, pass --delimiter (';', or tab)"
            raise CliError(
                f"{self.name} has no column {args.column!r} "
                f"(columns: {', '.join(self.header)}){hint}"
            )
        self.index = self.header.index(args.column)

    def _rows(self) -> Iterator[list[str]]:
        try:
            for row in self.reader:
                if len(row) != len(self.header):
                    raise CliError(
                        f"{self.name}: line {self.reader.line_num} has {len(row)} fields "
                        f"where the header has {len(self.header)}"
                    )
                yield row
        except csv.Error as e:
            raise CliError(
                f"{self.name}: line {self.reader.line_num} is not valid CSV ({e})"
            ) from None

    def batches(self) -> Iterator[tuple[Any, list[Any]]]:
        for rows in _chunks(self._rows(), self.size):
            yield rows, [row[self.index] for row in rows]

    def start(self, out: IO[Any], tokens: bool) -> None:
        self.writer = csv.writer(out, lineterminator="\n", delimiter=self.delimiter)
        self.writer.writerow(self.header)

    def write(self, out: IO[str], records: Any, results: list[Any]) -> None:
        for row, result in zip(records, results):
            row[self.index] = " ".join(result) if isinstance(result, list) else result
        self.writer.writerows(records)


class _Parquet(_Format):
    """The column (strings) is replaced (tokens: a list<string> column), the other columns kept;
    nulls stay null. Read in row batches; stdin is read whole (Parquet's index is at its end)."""

    def __init__(self, f: IO[bytes], args: argparse.Namespace) -> None:
        import io

        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa, self.pq, self.size, self.column = pa, pq, args.batch_size, args.column
        name = _name(args)
        try:
            self.file = pq.ParquetFile(f if f.seekable() else io.BytesIO(f.read()))
        except (pa.ArrowException, OSError):
            raise CliError(f"{name} is not a readable Parquet file") from None
        self.schema = self.file.schema_arrow
        if self.column not in self.schema.names:
            raise CliError(
                f"{name} has no column {self.column!r} (columns: {', '.join(self.schema.names)})"
            )
        self.index = self.schema.get_field_index(self.column)
        self.total = self.file.metadata.num_rows
        kind = self.schema.field(self.index).type
        if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
            raise CliError(f"{name}: column {self.column!r} holds {kind}, not strings")

    def batches(self) -> Iterator[tuple[Any, list[Any]]]:
        for batch in self.file.iter_batches(batch_size=self.size):
            yield batch, batch.column(self.index).to_pylist()

    def start(self, out: IO[Any], tokens: bool) -> None:
        pa = self.pa
        self.type = pa.list_(pa.string()) if tokens else self.schema.field(self.index).type
        schema = self.schema.set(self.index, self.schema.field(self.index).with_type(self.type))
        if tokens:
            schema = _pandas_list_column(schema, self.column)
        self.writer = self.pq.ParquetWriter(out, schema)

    def write(self, out: IO[bytes], records: Any, results: list[Any]) -> None:
        column = self.pa.array(results, type=self.type)
        self.writer.write_batch(records.set_column(self.index, self.column, column))

    def finish(self) -> None:
        self.writer.close()


def _pandas_list_column(schema: Any, column: str) -> Any:
    """`schema` with its pandas metadata (written by `DataFrame.to_parquet`) saying that
    `column` now holds lists of strings, as pandas itself writes them: left saying "unicode",
    `pd.read_parquet` would fail to cast the lists to strings."""
    metadata = dict(schema.metadata or {})
    if b"pandas" not in metadata:
        return schema
    pandas = json.loads(metadata[b"pandas"])
    for entry in pandas.get("columns", []):
        if entry.get("field_name", entry.get("name")) == column:
            entry.update(pandas_type="list[unicode]", numpy_type="object", metadata=None)
    metadata[b"pandas"] = json.dumps(pandas).encode("utf-8")
    return schema.with_metadata(metadata)


_READERS: dict[str, type[_Format]] = {
    "text": _Text,
    "jsonl": _Jsonl,
    "csv": _Csv,
    "parquet": _Parquet,
}


@contextlib.contextmanager
def _open_output(args: argparse.Namespace, binary: bool) -> Iterator[IO[Any]]:
    if args.output is None:
        yield sys.stdout.buffer if binary else sys.stdout
        return
    try:
        f = (
            open(args.output, "wb")
            if binary
            else open(args.output, "w", encoding="utf-8", newline="")
        )
    except OSError as e:
        raise CliError(f"cannot write {args.output}: {e.strerror}") from e
    with f:
        yield f


def _progress(args: argparse.Namespace, total: int | None) -> Any:
    from tqdm import tqdm

    auto = args.progress is None
    return tqdm(
        total=total,
        unit=" docs",
        file=sys.stderr,
        disable=(not sys.stderr.isatty()) if auto else not args.progress,
        delay=1.0 if auto else 0.0,
    )


def _documents(args: argparse.Namespace, reader: _Format) -> Iterator[tuple[Any, list[Any]]]:
    """The reader's batches, counted on the progress bar."""
    with _progress(args, reader.total) as bar:
        for records, texts in reader.batches():
            yield records, texts
            bar.update(len(texts))


def _run(args: argparse.Namespace, process: Callable[[list[Any]], list[Any]], tokens: bool) -> int:
    """Read the input in batches, `process` each batch of texts, write the results back in the
    input's format."""
    fmt = _input_format(args)
    _check_output_format(args, fmt)
    with _open_input(args) as f:
        reader = _READERS[fmt](f, args)
        with _open_output(args, binary=fmt == "parquet") as out:
            reader.start(out, tokens)
            try:
                for records, texts in _documents(args, reader):
                    reader.write(out, records, process(texts))
            finally:  # after a bad line too: what was written before it stays readable
                reader.finish()
    return 0


# --- Commands ---------------------------------------------------------------------------------


def _normalize(args: argparse.Namespace) -> int:
    norm = _normalizer(args)
    assert norm is not None  # --preset has a default
    return _run(args, lambda docs: norm.normalize_batch(docs, args.n_jobs, errors="keep"), False)


def _tokenize(args: argparse.Namespace) -> int:
    tok = _tokenizer(args)
    return _run(args, lambda docs: tok.tokenize_batch(docs, args.n_jobs, errors="keep"), True)


def _stem(args: argparse.Namespace) -> int:
    tok, stemmer = _tokenizer(args), Stemmer(args.method)

    def process(docs: list[Any]) -> list[Any]:
        tokens = tok.tokenize_batch(docs, args.n_jobs, errors="keep")
        stems = iter(stemmer.stem_batch([t for ts in tokens if ts for t in ts], args.n_jobs))
        return [None if ts is None else [next(stems) for _ in ts] for ts in tokens]

    return _run(args, process, True)


def _vectorizer(args: argparse.Namespace) -> Any:
    import kalima

    cls = getattr(kalima, _VECTORIZERS[args.kind])
    accepted = cls().get_params()
    params = {
        "normalize": _normalizer(args),
        "token_mode": args.mode,
        "lowercase": args.lowercase,
        "n_jobs": args.n_jobs,
        "errors": "empty",  # a null (JSONL, Parquet) is an empty row: rows stay aligned
        **_tokenizer_params(args),
    }
    prefix = "vec_"
    for dest, value in vars(args).items():
        if not dest.startswith(prefix):
            continue
        name = dest[len(prefix) :]
        if name not in accepted:
            raise CliError(f"--{name.replace('_', '-')} does not apply to --kind {args.kind}")
        # nargs gives a list where scikit-learn wants the ngram_range tuple.
        params[name] = (
            None if value == "none" else tuple(value) if isinstance(value, list) else value
        )
    return cls(**params)


def _vectorize(args: argparse.Namespace) -> int:
    import scipy.sparse as sp

    vectorizer = _vectorizer(args)
    with _open_input(args) as f:
        reader = _READERS[_input_format(args)](f, args)
        texts = (text for _, batch in _documents(args, reader) for text in batch)
        if args.kind == "hashing":
            matrix = vectorizer.transform(texts)
        else:
            matrix = vectorizer.fit_transform(texts)
    terms = None if args.kind == "hashing" else vectorizer.get_feature_names_out().tolist()
    if terms and any("\n" in t or "\r" in t for t in terms):
        raise CliError("a term holds a line break, which vocabulary.txt cannot")
    try:
        os.makedirs(args.out, exist_ok=True)
    except OSError as e:
        raise CliError(f"cannot create {args.out}: {e.strerror}") from e
    sp.save_npz(os.path.join(args.out, "matrix.npz"), matrix)
    written = ["matrix.npz"]
    if terms is not None:
        with open(os.path.join(args.out, "vocabulary.txt"), "w", encoding="utf-8") as out:
            out.writelines(t + "\n" for t in terms)
        written.append("vocabulary.txt")
    with open(os.path.join(args.out, "vectorizer.pkl"), "wb") as out:
        pickle.dump(vectorizer, out, protocol=pickle.HIGHEST_PROTOCOL)
    written.append("vectorizer.pkl")
    rows, columns = matrix.shape
    print(
        f"{rows} documents × {columns} columns: "
        + ", ".join(os.path.join(args.out, w) for w in written),
        file=sys.stderr,
    )
    return 0


def _dedup(args: argparse.Namespace) -> int:
    from .dedup import NearDuplicates

    nd = NearDuplicates(
        threshold=args.threshold,
        shingle=args.shingle,
        n=args.n,
        normalize=_normalizer(args),
        lowercase=args.lowercase,
        token_mode=args.mode,
        **_tokenizer_params(args),
        num_perm=args.num_perm,
        seed=args.seed,
        n_jobs=args.n_jobs,
        errors="empty",  # a null (JSONL, Parquet) has no shingle: labels stay aligned
    )
    with _open_input(args) as f:
        reader = _READERS[_input_format(args)](f, args)
        # One batch at a time into the index: the documents themselves are not kept.
        for _, texts in _documents(args, reader):
            nd.partial_fit(texts)
    if not hasattr(nd, "labels_"):
        nd.fit([])
    with _open_output(args, binary=False) as out:
        out.writelines(f"{label}\n" for label in nd.labels_.tolist())
    if args.pairs is not None:
        try:
            with open(args.pairs, "w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(["i", "j", "jaccard"])
                writer.writerows(nd.pairs_.tolist())
        except OSError as e:
            raise CliError(f"cannot write {args.pairs}: {e.strerror}") from e
    clusters = int(nd.labels_.max()) + 1 if len(nd.labels_) else 0
    print(
        f"{nd.n_documents_} documents: {clusters} clusters of near-duplicates, "
        f"{int(nd.duplicated_.sum())} documents duplicating an earlier one, "
        f"{len(nd.pairs_)} pairs (LSH: {nd.bands_} bands of {nd.rows_} rows)",
        file=sys.stderr,
    )
    return 0


def _demo(args: argparse.Namespace) -> int:
    import numpy as np

    from .vectorize import TfidfVectorizer

    docs = load_sample()
    texts = [d["text"] for d in docs]
    norm = Normalizer(args.preset)
    start = time.perf_counter()
    out = norm.normalize_batch(texts)
    took = time.perf_counter() - start
    changed = sum(a is not b for a, b in zip(texts, out))
    print(f"kalima {__version__} — the bundled sample corpus, preset {args.preset!r}")
    print(f"{len(texts)} documents, {changed} changed by the normalizer in {took * 1e3:.2f} ms")

    i = max(range(len(texts)), key=lambda i: len(norm.explain(texts[i]).changes))
    print(f"\nnormalization, document {i} ({docs[i]['label']}):")
    print(f"  before: {texts[i][:120]}")
    print(f"  after:  {out[i][:120]}")

    tfidf = TfidfVectorizer(normalize=norm, stop_words="arabic")
    matrix = tfidf.fit_transform(texts)
    terms = tfidf.get_feature_names_out()
    print(f"\ntop TF-IDF terms per document ({matrix.shape[1]} terms, stop words removed):")
    for i in range(matrix.shape[0]):
        row = matrix.getrow(i)
        top = row.indices[np.argsort(-row.data, kind="stable")[:4]]
        print(f"  [{i:>2}] {docs[i]['label']:<10} {'، '.join(terms[top])}")

    # Rows are L2-normalized, so their dot products are the cosine similarities.
    similarity = np.triu((matrix @ matrix.T).toarray(), k=1)
    print("\nmost similar pairs of documents (cosine similarity of the TF-IDF rows):")
    for flat in np.argsort(-similarity, axis=None, kind="stable")[:2]:
        a, b = np.unravel_index(flat, similarity.shape)
        print(f"  [{a}] and [{b}]: {similarity[a, b]:.3f}")
        for j in (a, b):
            print(f"    [{j}] {texts[j][:90]}")
    return 0


# --- The parser -------------------------------------------------------------------------------


def _df(text: str) -> int | float:
    """min_df/max_df as scikit-learn reads them: an integer counts documents, a number with a
    decimal point is a proportion."""
    try:
        return float(text) if "." in text or "e" in text else int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a count or a proportion, got {text!r}"
        ) from None


def _add_vectorizer_flags(parser: argparse.ArgumentParser) -> None:
    """scikit-learn's main parameters as flags (dest ``vec_<name>``); an unset flag keeps the
    vectorizer's default, and `none` stands for None."""
    group = parser.add_argument_group(
        "vectorizer", "scikit-learn's parameters; unset ones keep their defaults"
    )

    def add(name: str, **kwargs: Any) -> None:
        if "choices" not in kwargs and "action" not in kwargs:
            kwargs.setdefault("metavar", name.upper())
        flag = "--" + name.replace("_", "-")
        group.add_argument(flag, dest=f"vec_{name}", default=argparse.SUPPRESS, **kwargs)

    switch = argparse.BooleanOptionalAction
    add("analyzer", choices=("word", "char", "char_wb"))
    add("ngram_range", nargs=2, type=int, metavar=("MIN", "MAX"))
    add("min_df", type=_df, help="a document count (2) or a proportion (0.01)")
    add("max_df", type=_df, help="a document count (500) or a proportion (0.9)")
    add("max_features", type=int)
    add("stop_words", choices=("arabic", "english", "none"))
    add("binary", action=switch)
    add("stem", choices=(*STEMMERS, "none"), help="stem every word token")
    add(
        "segment",
        type=int,
        metavar="MIN_STEM",
        help="split clitics off words, keeping stems of at least MIN_STEM letters (e.g. 3)",
    )
    add("norm", choices=("l1", "l2", "none"), help="row normalization (tfidf, hashing)")
    add("use_idf", action=switch, help="tfidf")
    add("smooth_idf", action=switch, help="tfidf")
    add("sublinear_tf", action=switch, help="tfidf")
    add("n_features", type=int, help="hashing")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kalima",
        description="Arabic text made ready for machine learning.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kalima {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, summary: str, example: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(
            name,
            help=summary,
            description=f"{summary[0].upper()}{summary[1:]}.",
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        cmd.add_argument("--debug", action="store_true", help="show the traceback of an error")
        return cmd

    norm = command(
        "normalize",
        "normalize every document",
        "echo 'قالَ الرئيسُ: «إنّ الحكومـــة مسؤولة»' | kalima normalize --preset camel",
    )
    _add_io_flags(norm)
    _add_normalizer_flags(norm, "--preset", "search")
    norm.set_defaults(run=_normalize)

    tok = command(
        "tokenize",
        "tokenize every document (text and CSV: tokens joined by spaces; JSONL: a list; "
        "Parquet: a list<string> column)",
        "echo 'النمو 3.5% 👍🏽 #الاقتصاد_المصري' | kalima tokenize --hashtags split",
    )
    _add_io_flags(tok)
    _add_tokenizer_flags(tok, lowercase=False)
    _add_normalizer_flags(tok, "--normalize", None, skip=("lowercase",))
    tok.set_defaults(run=_tokenize)

    stem = command(
        "stem",
        "tokenize every document and stem each token (written as tokenize writes tokens)",
        "echo 'والمعلمون في المدرسة' | kalima stem --method isri",
    )
    _add_io_flags(stem)
    stem.add_argument("--method", default="isri", choices=STEMMERS, help="(default: %(default)s)")
    _add_tokenizer_flags(stem, lowercase=False)
    _add_normalizer_flags(stem, "--normalize", None, skip=("lowercase",))
    stem.set_defaults(run=_stem)

    vec = command(
        "vectorize",
        "fit a vectorizer and write DIR/matrix.npz (scipy.sparse.load_npz), DIR/vocabulary.txt "
        "(one term per line, in column order; not for hashing) and DIR/vectorizer.pkl (a "
        "pickle: load it only if you trust it, pickles are code)",
        "kalima vectorize news.jsonl --kind tfidf --stop-words arabic --out features/",
    )
    _add_io_flags(vec, output=False)
    vec.add_argument("--out", required=True, metavar="DIR", help="directory to write into")
    vec.add_argument(
        "--kind", default="tfidf", choices=tuple(_VECTORIZERS), help="(default: %(default)s)"
    )
    _add_vectorizer_flags(vec)
    _add_tokenizer_flags(vec, lowercase=True)
    _add_normalizer_flags(vec, "--normalize", "search", skip=("lowercase",))
    vec.set_defaults(run=_vectorize)

    dedup = command(
        "dedup",
        "find near-duplicate documents (Jaccard of their shingles, by MinHash and LSH) and "
        "write one cluster label per document, one per line in input order (-1: no "
        "near-duplicate; a cluster's first document is the one to keep)",
        "kalima dedup news.jsonl --threshold 0.8 --pairs pairs.csv -o labels.txt",
    )
    _add_io_flags(dedup, output=False)
    dedup.add_argument("-o", "--output", help="write the labels here instead of stdout")
    dedup.add_argument(
        "--pairs", metavar="FILE", help="also write every pair as CSV: i, j, jaccard"
    )
    group = dedup.add_argument_group("near-duplicates")
    group.add_argument(
        "--threshold",
        type=float,
        default=0.8,
        help="the smallest Jaccard of a pair, in (0, 1] (default: %(default)s)",
    )
    group.add_argument(
        "--shingle", default="word", choices=("word", "char"), help="(default: %(default)s)"
    )
    group.add_argument(
        "--n", type=_positive, default=5, help="tokens (characters) per shingle (default: 5)"
    )
    group.add_argument(
        "--num-perm", type=_positive, default=128, help="MinHash functions (default: 128)"
    )
    group.add_argument("--seed", type=int, default=0, help="(default: %(default)s)")
    _add_tokenizer_flags(dedup, lowercase=True)
    _add_normalizer_flags(dedup, "--normalize", "search", skip=("lowercase",))
    dedup.set_defaults(run=_dedup)

    demo = command(
        "demo",
        "normalize the bundled sample corpus, show its top TF-IDF terms and most similar pairs",
        "kalima demo --preset camel",
    )
    demo.add_argument("--preset", default="search", choices=PRESETS)
    demo.set_defaults(run=_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kalima`` console script."""
    args = _parser().parse_args(argv)
    # Documents and messages are UTF-8 whatever the locale says.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    try:
        return int(args.run(args))
    except BrokenPipeError:
        # The reader went away (`kalima demo | head`): stop quietly, as Unix tools do, and keep
        # the interpreter's last flush of stdout from failing again.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except KeyboardInterrupt:
        return 130
    except (CliError, ValueError, TypeError, OSError) as e:
        # Bad input, a bad option value (the API's own message) or a file system error.
        if args.debug:
            raise
        print(f"kalima: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
