"""The kalima command line, run as a subprocess on small Arabic inputs."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import scipy.sparse as sp

import kalima
from kalima import _kalima
from kalima.cli import main

TEXT = "قالَ الرئيسُ: «إنّ الحكومـــة مسؤولة»\nمدرسة\n"
DOCS = [
    "قال الرئيس إن الحكومة مسؤولة",
    "قالَ الرئيسُ: «إنّ الحكومـــة مسؤولة»",
    "النمو بلغ ٣٪ والمعلمون في المدرسة",
]


def run(*args, stdin="", ok=True, env=None):
    """Run `python -m kalima.cli ARGS`; stdin and stdout as bytes when given bytes."""
    binary = isinstance(stdin, bytes)
    proc = subprocess.run(
        [sys.executable, "-m", "kalima.cli", *map(str, args)],
        input=stdin if binary else stdin.encode("utf-8"),
        capture_output=True,
        check=False,
        env=env,
    )
    if ok:
        assert (proc.returncode, proc.stderr) == (0, b""), proc.stderr.decode("utf-8")
    out = proc.stdout if binary else proc.stdout.decode("utf-8")
    return proc.returncode, out, proc.stderr.decode("utf-8")


def test_normalize_text_file_stdin_and_output(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text(TEXT, encoding="utf-8")
    expected = "قال الرئيس: «ان الحكومـــه مسؤوله»\nمدرسه\n"
    assert run("normalize", path, "--preset", "camel")[1] == expected
    assert run("normalize", "--preset", "camel", stdin=TEXT)[1] == expected
    latin = {**os.environ, "PYTHONIOENCODING": "latin-1"}  # stdout is UTF-8 whatever the locale
    assert run("normalize", "--preset", "camel", stdin=TEXT, env=latin)[1] == expected
    # Flags on top of the preset: a boolean, a valued option and --set.
    out = tmp_path / "out.txt"
    flags = ["--tatweel", "--hamza", "carrier", "--set", "alef_maksura=false"]
    assert run("normalize", path, "--preset", "camel", *flags, "-o", out)[1] == ""
    assert out.read_text(encoding="utf-8") == "قال الرييس: «ان الحكومه مسووله»\nمدرسه\n"
    # The default preset is "search"; --no-teh-marbuta turns one of its rules off.
    assert run("normalize", "--no-teh-marbuta", stdin=TEXT)[1] == (
        'قال الرءيس: "ان الحكومة مسءولة"\nمدرسة\n'
    )


def test_every_normalizer_option_has_a_flag(capsys):
    with pytest.raises(SystemExit):
        main(["normalize", "--help"])
    usage = capsys.readouterr().out
    for name, default in _kalima.preset_options("none").items():
        flag = "--" + name.replace("_", "-")
        expected = f"[{flag} | --no-{flag[2:]}]" if isinstance(default, bool) else f"[{flag} VALUE]"
        assert expected in usage


def test_tokenize_and_stem_each_format(tmp_path):
    text = tmp_path / "in.txt"
    text.write_text(TEXT, encoding="utf-8")
    assert run("tokenize", text)[1] == "قالَ الرئيسُ إنّ الحكومـــة مسؤولة\nمدرسة\n"
    assert run("tokenize", text, "--normalize", "search", "--keep-punct")[1] == (
        'قال الرءيس : " ان الحكومه مسءوله "\nمدرسه\n'
    )
    assert run("stem", text, "--method", "snowball", "--normalize", "light")[1] == (
        "قال رييس ان حكوم مسوول\nمدرس\n"
    )

    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(
        '{"id": 1, "body": "قالَ الرئيسُ"}\n{"id": 2, "body": null}\n\n'
        '{"id": 3, "body": "النمو 3.5% #الاقتصاد_المصري"}\n',
        encoding="utf-8",
    )
    flags = ["--field", "body", "--normalize", "search", "--hashtags", "split"]
    assert run("tokenize", jsonl, *flags)[1] == (
        '{"id": 1, "body": ["قال", "الرءيس"]}\n'
        '{"id": 2, "body": null}\n'
        '{"id": 3, "body": ["النمو", "3.5%", "الاقتصاد", "المصري"]}\n'
    )
    assert run("normalize", jsonl, "--field", "body", "--preset", "camel")[1] == (
        '{"id": 1, "body": "قال الرئيس"}\n'
        '{"id": 2, "body": null}\n'
        '{"id": 3, "body": "النمو 3.5% #الاقتصاد_المصري"}\n'
    )

    csv = tmp_path / "in.csv"
    csv.write_text('id,text\n1,"قالَ الرئيسُ, «مرحبا»"\n2,والمعلمون\n', encoding="utf-8")
    assert run("tokenize", csv)[1] == "id,text\n1,قالَ الرئيسُ مرحبا\n2,والمعلمون\n"
    assert run("stem", csv, "--method", "light10")[1] == "id,text\n1,قال رئيس مرحبا\n2,معلم\n"
    assert run("normalize", csv, "--preset", "camel")[1] == (
        'id,text\n1,"قال الرئيس, «مرحبا»"\n2,والمعلمون\n'
    )


def test_parquet_in_and_out(tmp_path):
    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": [1, 2, 3], "text": ["قالَ الرئيسُ", None, "مدرسة"]}), path)
    out = tmp_path / "tokens.parquet"
    run("tokenize", path, "--normalize", "camel", "--output", out)
    assert pq.read_table(out).to_pylist() == [
        {"id": 1, "text": ["قال", "الرئيس"]},
        {"id": 2, "text": None},
        {"id": 3, "text": ["مدرسه"]},
    ]
    # Parquet on stdin and stdout, with a progress bar that knows the row count.
    code, data, err = run(
        "normalize", "--format", "parquet", "--progress", stdin=path.read_bytes(), ok=False
    )
    assert code == 0 and "3/3" in err
    table = pq.read_table(pa.BufferReader(data))
    assert table.column("text").to_pylist() == ["قال الرءيس", None, "مدرسه"]
    assert table.schema == pq.read_schema(path)


def test_vectorize_writes_what_the_python_api_computes(tmp_path):
    docs = tmp_path / "docs.jsonl"
    # A null is an empty row, so that rows stay aligned with the input's records.
    records = [{"text": d} for d in DOCS] + [{"text": None}]
    docs.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    flags = ["--ngram-range", "1", "2", "--min-df", "2", "--stem", "isri"]
    code, out, err = run(
        "vectorize", docs, "--out", tmp_path / "tfidf", *flags, "--sublinear-tf", ok=False
    )
    written = [tmp_path / "tfidf" / f for f in ("matrix.npz", "vocabulary.txt", "vectorizer.pkl")]
    assert (code, out, err) == (0, "", f"4 documents × 9 columns: {', '.join(map(str, written))}\n")
    code, _, err = run(
        "vectorize",
        docs,
        "--out",
        tmp_path / "hash",
        "--kind",
        "hashing",
        "--n-features",
        "64",
        ok=False,
    )
    assert (code, err) == (
        0,
        f"4 documents × 64 columns: {tmp_path}/hash/matrix.npz, {tmp_path}/hash/vectorizer.pkl\n",
    )
    cases = [
        (
            "tfidf",
            kalima.TfidfVectorizer(ngram_range=(1, 2), min_df=2, stem="isri", sublinear_tf=True),
        ),
        ("hash", kalima.HashingVectorizer(n_features=64)),
    ]
    for name, vectorizer in cases:
        expected = vectorizer.fit_transform([*DOCS, ""])
        matrix = sp.load_npz(tmp_path / name / "matrix.npz")
        assert matrix.shape == expected.shape and (matrix != expected).nnz == 0
        with open(tmp_path / name / "vectorizer.pkl", "rb") as f:
            loaded = pickle.load(f)
        assert (loaded.transform([*DOCS, ""]) != expected).nnz == 0
    vocabulary = (tmp_path / "tfidf" / "vocabulary.txt").read_text(encoding="utf-8")
    assert vocabulary == "ان\nان حكم\nحكم\nحكم سءل\nرءس\nرءس ان\nسءل\nقال\nقال رءس\n"
    assert not (tmp_path / "hash" / "vocabulary.txt").exists()


def test_demo_finds_the_reworded_stories():
    out = run("demo")[1]
    assert "31 documents" in out and "before: " in out and "after: " in out
    assert "  [ 2] sports     " in out  # a line of top TF-IDF terms
    pairs = [line for line in out.splitlines() if " and [" in line]
    assert pairs == ["  [2] and [18]: 0.375", "  [0] and [20]: 0.308"]


def test_bad_input_exits_2_with_one_line(tmp_path):
    (tmp_path / "bad.txt").write_bytes("مدرسة\nقال ".encode() + b"\xff\n")
    (tmp_path / "a.csv").write_text("id,body\n1,x\n", encoding="utf-8")
    (tmp_path / "short.csv").write_text("id,text\n1\n", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n{"txt": "y"}\n', encoding="utf-8")
    (tmp_path / "list.jsonl").write_text('\n["x"]\n', encoding="utf-8")
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    (tmp_path / "num.jsonl").write_text('{"text": 3}\n', encoding="utf-8")
    (tmp_path / "lone.jsonl").write_text(
        '{"text": "ab"}\n{"text": "a\\udc80b"}\n', encoding="utf-8"
    )
    (tmp_path / "broken.jsonl").write_text('{"text": "x"\n', encoding="utf-8")
    pq.write_table(pa.table({"id": [1]}), tmp_path / "ints.parquet")
    cases = [
        (["normalize", "missing.txt"], "cannot read missing.txt: No such file or directory"),
        (
            ["normalize", "bad.txt"],
            "bad.txt: line 2 is not valid UTF-8 (0xff at byte 8 of the line)",
        ),
        (["tokenize", "a.csv"], "a.csv has no column 'text' (columns: id, body)"),
        (["tokenize", "short.csv"], "short.csv: line 2 has 1 fields where the header has 2"),
        (["stem", "a.jsonl"], "a.jsonl: line 2 has no field 'text'"),
        (["normalize", "num.jsonl"], "num.jsonl: line 1: field 'text' is int, not a string"),
        (["normalize", "list.jsonl"], "list.jsonl: line 2 is not a JSON object"),
        (["normalize", "empty.csv"], "empty.csv is empty: expected a header row"),
        (
            ["tokenize", "lone.jsonl"],
            "lone.jsonl: line 2: field 'text' holds a lone surrogate (U+DC80)",
        ),
        (
            ["normalize", "broken.jsonl"],
            "broken.jsonl: line 1 is not valid JSON (Expecting ',' delimiter)",
        ),
        (["normalize", "a.csv", "--format", "parquet"], "a.csv is not a readable Parquet file"),
        (["normalize", "ints.parquet"], "ints.parquet has no column 'text' (columns: id)"),
        (
            ["normalize", "ints.parquet", "--column", "id"],
            "ints.parquet: column 'id' holds int64, not strings",
        ),
        (
            ["normalize", "a.csv", "--hamza", "x", "--column", "body"],
            "hamza must be None or one of 'carrier', 'bare'; got 'x'",
        ),
        (
            ["vectorize", "a.csv", "--out", "v", "--kind", "hashing", "--min-df", "2"],
            "--min-df does not apply to --kind hashing",
        ),
    ]
    for args, message in cases:
        proc = subprocess.run(
            [sys.executable, "-m", "kalima.cli", *args],
            cwd=tmp_path,
            capture_output=True,
            check=False,
        )
        assert (proc.returncode, proc.stderr.decode()) == (2, f"kalima: error: {message}\n"), args


def test_debug_shows_the_traceback():
    code, _, err = run("normalize", "--set", "hamza=x", "--debug", stdin="x\n", ok=False)
    assert code == 1
    assert err.startswith("Traceback") and err.endswith(
        "ValueError: hamza must be None or one of 'carrier', 'bare'; got 'x'\n"
    )


def test_a_closed_pipe_ends_quietly(tmp_path):
    # `kalima tokenize big.txt | head -1`: the reader goes away; the command stops quietly.
    path = tmp_path / "big.txt"
    path.write_text("قال الرئيس\n" * 200_000, encoding="utf-8")
    for command in ("normalize", "tokenize", "stem"):
        proc = subprocess.Popen(
            [sys.executable, "-m", "kalima.cli", command, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout.readline().decode().startswith("قال ")
        proc.stdout.close()
        assert (proc.wait(), proc.stderr.read()) == (0, b"")
        proc.stderr.close()


def test_parquet_written_by_pandas_reads_back_in_pandas(tmp_path):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "in.parquet"
    frame = pd.DataFrame({"text": ["قالَ الرئيسُ", None, "مدرسة"]}, index=[10, 11, 12])
    frame.to_parquet(path)  # with pandas' metadata: the column is "unicode"
    for command, flags, expected in [
        ("tokenize", [], [["قال", "الرئيس"], None, ["مدرسه"]]),
        ("stem", ["--method", "light10"], [["قال", "رئيس"], None, ["مدرس"]]),
    ]:
        out = tmp_path / f"{command}.parquet"
        run(command, path, "--normalize", "camel", *flags, "-o", out)
        back = pd.read_parquet(out)
        assert back.index.tolist() == [10, 11, 12]
        got = [None if v is None else list(v) for v in back["text"]]
        assert got == expected, command
    out = tmp_path / "normalized.parquet"
    run("normalize", path, "--preset", "camel", "-o", out)
    back = pd.read_parquet(out)
    assert back["text"].tolist()[::2] == ["قال الرئيس", "مدرسه"] and back["text"].isna()[11]


def test_csv_delimiters(tmp_path):
    (tmp_path / "in.tsv").write_text("id\ttext\n1\tقالَ الرئيسُ\n", encoding="utf-8")
    code, out, _ = run("normalize", tmp_path / "in.tsv", "--preset", "camel")
    assert out == "id\ttext\n1\tقال الرئيس\n"
    (tmp_path / "semi.csv").write_text("id;text\n1;مدرسة\n", encoding="utf-8")
    code, _, err = run("normalize", tmp_path / "semi.csv", ok=False)
    assert code == 2 and err == (
        f"kalima: error: {tmp_path / 'semi.csv'} has no column 'text' (columns: id;text); "
        "for another delimiter, pass --delimiter (';', or tab)\n"
    )
    assert run("tokenize", tmp_path / "semi.csv", "--delimiter", ";")[1] == "id;text\n1;مدرسة\n"
    tab = tmp_path / "tab.csv"
    tab.write_text("text\tid\nمدرسة\t1\n", encoding="utf-8")
    assert run("normalize", tab, "--delimiter", "tab")[1] == "text\tid\nمدرسه\t1\n"


def test_output_named_for_another_format_is_refused(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "مدرسة"}\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    code, _, err = run("normalize", path, "-o", out, ok=False)
    assert code == 2 and not out.exists()
    assert err == (
        f"kalima: error: {out} names CSV output, but the input is JSONL and is written back as "
        f"such: name the output {tmp_path / 'out'}.jsonl\n"
    )
    # The suggested name works.
    run("normalize", path, "-o", tmp_path / "out.jsonl")
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == '{"text": "مدرسه"}\n'


def test_parquet_is_not_written_to_a_terminal(tmp_path):
    pty = pytest.importorskip("pty")
    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"text": ["مدرسة"]}), path)
    leader, follower = pty.openpty()
    proc = subprocess.run(
        [sys.executable, "-m", "kalima.cli", "normalize", str(path)],
        stdout=follower,
        stderr=subprocess.PIPE,
        check=False,
    )
    os.close(follower)
    os.close(leader)
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        "kalima: error: refusing to write Parquet to a terminal: pass -o FILE.parquet, or "
        "redirect stdout to a file\n"
    )


def test_lines_before_a_bad_line_are_written(tmp_path):
    (tmp_path / "bad.txt").write_bytes("مدرسة\nقال ".encode() + b"\xff\n" + "كتب\n".encode())
    out = tmp_path / "out.txt"
    code, _, err = run("normalize", tmp_path / "bad.txt", "-o", out, ok=False)
    assert code == 2 and "bad.txt: line 2 is not valid UTF-8" in err
    assert out.read_text(encoding="utf-8") == "مدرسه\n"
    # JSONL too, to stdout: the records before the bad one are written.
    (tmp_path / "bad.jsonl").write_text('{"text": "مدرسة"}\n{"text": 3}\n', encoding="utf-8")
    code, out_jsonl, err = run("tokenize", tmp_path / "bad.jsonl", ok=False)
    assert code == 2 and out_jsonl == '{"text": ["مدرسة"]}\n'
    assert (
        err
        == f"kalima: error: {tmp_path / 'bad.jsonl'}: line 2: field 'text' is int, not a string\n"
    )


def test_every_option_value_the_help_offers_is_accepted():
    # The help lists the values of each option that is not on/off (it points to no README);
    # each must be one the core takes, and every such option must be listed.
    from kalima.cli import OPTION_VALUES, _value

    options = _kalima.preset_options("none")
    assert set(OPTION_VALUES) >= {k for k, v in options.items() if not isinstance(v, bool)}
    for name, values in OPTION_VALUES.items():
        for value in values:
            kalima.Normalizer("none", **{name: _value("2" if value == "N" else value)})
    help_text = run("normalize", "--help")[1]
    assert "README" not in help_text and "none, carrier or bare" in help_text


def test_dedup_writes_labels_and_pairs_for_each_format(tmp_path):
    story = "خبر عاجل عن حالة الطقس في المدينة اليوم وغدا"
    texts = [story, "فوز الفريق بالمباراة", story.replace("الطقس", "الطقـــس"), None]
    expected = "0\n-1\n0\n-1\n"
    summary = "4 documents: 1 clusters of near-duplicates, 1 documents duplicating an earlier one"
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    csv_file = tmp_path / "in.csv"
    csv_file.write_text("text\n" + "".join(f'"{t or ""}"\n' for t in texts), encoding="utf-8")
    parquet = tmp_path / "in.parquet"
    pq.write_table(pa.table({"text": texts}), parquet)
    for path in (jsonl, csv_file, parquet):
        code, out, err = run("dedup", path, ok=False)
        assert (code, out) == (0, expected), err
        assert err.startswith(summary)
    text = tmp_path / "in.txt"
    text.write_text("\n".join(t or "" for t in texts) + "\n", encoding="utf-8")
    labels, pairs = tmp_path / "labels.txt", tmp_path / "pairs.csv"
    code, out, _ = run("dedup", text, "--threshold", "1", "-o", labels, "--pairs", pairs, ok=False)
    assert (code, out) == (0, "")
    assert labels.read_text(encoding="utf-8") == expected
    assert pairs.read_text(encoding="utf-8") == "i,j,jaccard\n0,2,1.0\n"
    code, _, err = run("dedup", text, "--threshold", "0", ok=False)
    assert code == 2
    assert err.startswith("kalima: error: The 'threshold' parameter of NearDuplicates")
