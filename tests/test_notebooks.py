"""The notebooks run top to bottom on the bundled sample and show what they say.

Each notebook is executed by nbclient on the kernel of this venv (ipykernel's built-in
``python3``), with ``KALIMA_NOTEBOOK_SMALL=1`` and matplotlib's non-GUI Agg backend. Committed
notebooks carry no outputs: ``python tests/test_notebooks.py --strip`` (``make notebooks-clean``)
removes those that ``make notebooks`` writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT = 60  # seconds; each cell takes well under 5 on the sample

# Appended to every executed copy: which environment ran the kernel, and what the figures show.
PROBE = """\
import sys
import matplotlib
import matplotlib.pyplot as plt
print(sys.prefix)
print(matplotlib.get_backend())
print([[ax.get_title() for ax in plt.figure(n).axes] for n in plt.get_fignums()])
"""


def strip(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as committed: no outputs, execution counts or run metadata."""
    nb.metadata = nbformat.from_dict(
        {"kernelspec": nb.metadata["kernelspec"], "language_info": {"name": "python"}}
    )
    for cell in nb.cells:
        cell.metadata = nbformat.from_dict({})
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def execute(path: Path) -> list[list[str]]:
    """Runs the notebook and the probe; the printed or returned text of every code cell."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()  # raises CellExecutionError on the first cell that fails
    outputs = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            for out in cell.outputs:
                assert out.output_type != "error", out
                # Nothing on stderr: no warnings, no tracebacks printed and swallowed.
                assert out.get("name") != "stderr", out.text
            outputs.append(
                [
                    out["text"] if "text" in out else out["data"]["text/plain"]
                    for out in cell.outputs
                ]
            )
    return outputs


@pytest.fixture(scope="module")
def executed(monkeypatch_module: pytest.MonkeyPatch) -> dict[str, list[list[str]]]:
    monkeypatch_module.setenv("KALIMA_NOTEBOOK_SMALL", "1")
    monkeypatch_module.setenv("MPLBACKEND", "Agg")
    return {path.stem: execute(path) for path in PATHS}


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def probe(outputs: list[list[str]]) -> tuple[str, str, str]:
    prefix, backend, titles = outputs[-1][0].splitlines()
    return prefix, backend, titles


def test_the_notebooks_are_there():
    assert [p.name for p in PATHS] == [
        "01_quickstart.ipynb",
        "02_classify_news.ipynb",
        "03_similar_stories.ipynb",
        "04_near_duplicates.ipynb",
    ]


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_committed_notebooks_carry_no_outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb == strip(nbformat.read(path, as_version=4)), (
        f"{path.name} has outputs: run `make notebooks-clean` before committing"
    )


def test_kernel_is_this_venv_and_matplotlib_is_headless(executed):
    for outputs in executed.values():
        prefix, backend, _ = probe(outputs)
        assert prefix == sys.prefix != sys.base_prefix  # a venv's kernel, and this venv's
        assert backend.lower() == "agg"


def test_quickstart(executed):
    outputs = executed["01_quickstart"]
    assert outputs[0][0].startswith("31 documents;")
    presets = outputs[1][0]
    assert 'search   قال الرءيس: "ان الحكومه مسءوله" عام 2025\n' in presets
    assert "camel    قال الرئيس: «ان الحكومـــه مسؤوله» عام ٢٠٢٥\n" in presets
    # explain: the text view of the Explanation (Jupyter shows its HTML)
    assert "normalized: 'الجو اليوم جميل جدا, والحكومه مسءوله 12.5%'" in outputs[3][0]
    assert outputs[5][0].splitlines()[-1] == (
        "['<USER>', 'شكرا', 'علي', 'المتابعه', 'رابط', 'البث', 'ودي', 'يوصل', 'للكل']"
    )
    assert outputs[7] == [
        "[('قال', 0, 4), ('الرءيس', 5, 12), ('المحكمه', 14, 21), ('الدستوريه', 22, 31)]"
    ]
    assert outputs[9][0].startswith("[['و+', 'ب+', 'ال+', 'مدرسة'],")
    assert outputs[10][0].startswith("433 stopwords")
    assert outputs[11][0].splitlines()[0].split() == ["قال", "7"]


def test_classify_news_uses_the_sample_when_small(executed):
    outputs = executed["02_classify_news"]
    assert outputs[0] == ["bundled sample: 20 training and 11 test documents, 6 classes\n"]
    table = outputs[1][0].splitlines()
    assert table[0].split() == ["features", "accuracy", "macro-F1"]
    assert [line.split("  ")[0] for line in table[2:]] == [
        "kalima (search, light10)",
        "scikit-learn",
    ]
    for line in table[2:]:
        accuracy, f1 = map(float, line.split()[-2:])
        assert 0 <= f1 <= 1 and 0 <= accuracy <= 1
    # One bar chart per class, titled with the class.
    _, _, titles = probe(outputs)
    labels = ["culture", "economy", "politics", "social", "sports", "technology"]
    assert titles == repr([labels])


def test_similar_stories_finds_exactly_the_reworded_pairs(executed):
    outputs = executed["03_similar_stories"]
    found = [text for cell in outputs for text in cell if "near-duplicate pairs:" in text]
    assert found, "no cell printed the pairs"
    assert found[0].splitlines()[-1] == "near-duplicate pairs: [(0, 20), (2, 18)]"
    _, _, titles = probe(outputs)
    assert titles == repr([["Cosine similarity of the sample's documents", ""]])


def test_near_duplicates_finds_the_refiled_copies(executed):
    outputs = executed["04_near_duplicates"]
    assert outputs[0] == [
        "bundled sample and five copies: 36 documents, 25 for training and 11 for testing\n"
    ]
    assert outputs[1][0].splitlines()[:2] == [
        "4 clusters of near-duplicates hold 8 documents;",
        "dropping all but the first of each leaves 32 of 36",
    ]
    # The copies of sample stories 0, 2, 6 and 8 (documents 31, 32, 34, 35); the copy of the
    # seven-word story 4 keeps too few of its shingles.
    pairs = [line.split()[1:3] for line in outputs[2][0].splitlines()[1:]]
    assert pairs == [["0", "31"], ["2", "32"], ["6", "34"], ["8", "35"]]
    assert outputs[3][0] == "1 of 4 clusters carry more than one label\n"
    assert outputs[3][1].splitlines()[1].split(maxsplit=1) == ["0", "[economy, politics]"]
    assert outputs[4] == ["4 of 11 test documents nearly duplicate a training document\n"]
    assert outputs[6] == ["75.0% of the 4 test-training pairs share their label\n"]


if __name__ == "__main__":
    if sys.argv[1:] != ["--strip"]:
        sys.exit("usage: python tests/test_notebooks.py --strip")
    for path in PATHS:
        nbformat.write(strip(nbformat.read(path, as_version=4)), path)
