"""The README's mapping tables are what the code does (see tests/mapping_tables.py)."""

from __future__ import annotations

from mapping_tables import README, render


def test_mapping_tables_match_the_code():
    readme = README.read_text(encoding="utf-8")
    assert "<!-- mappings:camel -->" in readme
    assert render(readme) == readme, (
        "README mapping tables are stale: run python tests/mapping_tables.py"
    )
