"""The kalima command line."""

from __future__ import annotations

import io
import sys

from kalima.cli import main


def test_demo(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "preset 'search' on the bundled sample corpus" in out
    assert "31 documents" in out and "changes by rule:" in out
    assert "alef" in out and "before:" in out and "after:" in out


def test_demo_other_preset(capsys):
    assert main(["demo", "--preset", "camel"]) == 0
    assert "preset 'camel'" in capsys.readouterr().out


def test_normalize_lines(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("قالَ الرئيسُ\nمدرسة\n"))
    assert main(["normalize", "--preset", "camel"]) == 0
    assert capsys.readouterr().out == "قال الرئيس\nمدرسه\n"


class ClosedPipe(io.StringIO):
    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")


def test_demo_into_a_closed_pipe(monkeypatch):
    # `kalima demo | head`: the reader goes away; the command stops quietly.
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert main(["demo"]) == 0
