"""The README's mapping tables are what the code does (see tests/mapping_tables.py)."""

from __future__ import annotations

from mapping_tables import README, render


def test_mapping_tables_match_the_code():
    readme = README.read_text(encoding="utf-8")
    assert "<!-- mappings:camel -->" in readme
    assert render(readme) == readme, (
        "README mapping tables are stale: run python tests/mapping_tables.py"
    )


def test_quickstart_runs_and_says_what_it_prints():
    readme = README.read_text(encoding="utf-8")
    code = readme.split("## Quickstart", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    exec(code, namespace)
    assert len(namespace["df"]["clean"]) == len(namespace["df"])
    # The commented result under the first call is what it returns.
    call, result = code.split("kalima.normalize(", 1)[1].split("\n# ", 1)
    assert repr(eval("kalima.normalize(" + call, namespace)) == result.split("\n", 1)[0]


def test_interactive_examples_print_what_they_show():
    # Every ```python block written as a `>>>` session is a doctest.
    import doctest

    import kalima

    readme = README.read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in readme.split("```python")[1:]]
    sessions = [b for b in blocks if b.lstrip().startswith(">>>")]
    assert sessions, "the README has no >>> examples"
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner()
    for i, session in enumerate(sessions):
        test = parser.get_doctest(session, {"kalima": kalima}, f"README[{i}]", "README.md", 0)
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_command_line_examples_print_what_they_show():
    # Every `$ command` of the Command line section's console block, run by the shell with the
    # kalima console script on PATH, prints the lines under it.
    import os
    import subprocess
    import sys

    readme = README.read_text(encoding="utf-8")
    section = readme.split("## Command line", 1)[1].split("\n## ", 1)[0]
    block = section.split("```console\n", 1)[1].split("```", 1)[0]
    examples = [e.split("\n", 1) for e in block.split("$ ")[1:]]
    assert len(examples) >= 5
    bin_dir = os.path.dirname(sys.executable)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ["PATH"]}
    for command, expected in examples:
        proc = subprocess.run(
            command, shell=True, capture_output=True, text=True, encoding="utf-8", env=env
        )
        assert (proc.returncode, proc.stderr, proc.stdout) == (0, "", expected), command
