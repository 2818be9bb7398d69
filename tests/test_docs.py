"""The README and the documentation pages say what the code does: their `>>>` examples and
command lines print what they show, the generated tables are what the code generates, and the
README's tables repeat the docs' (see scripts/mapping_tables.py)."""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mapping_tables import PAGE, render

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))


def section(text: str, heading: str) -> str:
    """The text under the Markdown heading `heading` (its own line), up to the next heading of
    the same or a higher level."""
    level = heading.split(" ", 1)[0]
    body = text.split(f"\n{heading}\n", 1)[1]
    return re.split(rf"\n#{{1,{len(level)}}} ", body, maxsplit=1)[0]


def first_table(text: str) -> list[str]:
    """The rows of the first table in `text`, its header and delimiter row first."""
    rows = ("| " + text.split("\n| ", 1)[1]).split("\n\n", 1)[0]
    return [row for row in rows.splitlines() if row.startswith("|")]


def test_mapping_tables_match_the_code():
    page = PAGE.read_text(encoding="utf-8")
    assert "<!-- mappings:camel -->" in page
    assert render(page) == page, (
        "the mapping tables of docs/normalization.md are stale: run python "
        "scripts/mapping_tables.py (or make tables)"
    )


def _sessions(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```python\n")[1:]]
    return [b for b in blocks if b.lstrip().startswith(">>>")]


@pytest.mark.parametrize(
    "path", [README, *PAGES], ids=lambda p: str(p.relative_to(ROOT)).replace(os.sep, "/")
)
def test_interactive_examples_print_what_they_show(path):
    # Every ```python block written as a `>>>` session is a doctest; the sessions of one page
    # share their names, as the cells of a notebook do.
    import kalima

    sessions = _sessions(path)
    if not sessions:
        pytest.skip("no >>> examples on this page")
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner()
    names: dict = {"kalima": kalima}
    for i, session in enumerate(sessions):
        test = parser.get_doctest(session, names, f"{path.name}[{i}]", str(path), 0)
        runner.run(test, clear_globs=False)
        names = test.globs
    assert runner.summarize(verbose=False).failed == 0


def test_the_readme_and_the_guide_have_examples():
    assert _sessions(README), "the README has no >>> examples"
    with_examples = [p.name for p in PAGES if _sessions(p)]
    assert {"normalization.md", "tokenizer.md", "vectorizers.md", "pandas.md"} <= set(with_examples)


def test_command_line_examples_print_what_they_show():
    # Every `$ command` of the command-line page's console block, run by the shell with the
    # kalima console script on PATH, prints the lines under it.
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    block = page.split("```console\n", 1)[1].split("```", 1)[0]
    examples = [e.split("\n", 1) for e in block.split("$ ")[1:]]
    assert len(examples) >= 5
    bin_dir = os.path.dirname(sys.executable)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ["PATH"]}
    for command, expected in examples:
        proc = subprocess.run(
            command, shell=True, capture_output=True, text=True, encoding="utf-8", env=env
        )
        assert (proc.returncode, proc.stderr, proc.stdout) == (0, "", expected), command


def test_readme_presets_are_the_guides():
    readme = first_table(section(README.read_text(encoding="utf-8"), "## Presets"))
    guide = first_table(section(PAGE.read_text(encoding="utf-8"), "## Presets"))
    assert readme == guide, "README.md and docs/normalization.md list the presets differently"


def test_readme_benchmark_rows_are_rows_of_the_full_table():
    readme = first_table(section(README.read_text(encoding="utf-8"), "## Benchmarks"))
    page = (DOCS / "benchmarks.md").read_text(encoding="utf-8")
    full = first_table(section(page, "## At a glance"))
    assert readme[:2] == full[:2]
    missing = [row for row in readme[2:] if row not in full]
    assert not missing, f"README benchmark rows not in docs/benchmarks.md: {missing}"


def test_readme_stays_an_entry_point():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 250, f"README.md has {len(lines)} lines; move details to docs/"


def test_relative_links_of_the_readme_resolve():
    # The docs site checks its own links (mkdocs build --strict); GitHub renders the README.
    readme = README.read_text(encoding="utf-8")
    targets = re.findall(r"\]\((?!https?:|#)([^)#]+)", readme)
    assert targets
    missing = [t for t in targets if not (ROOT / t).exists()]
    assert not missing, missing
