"""MkDocs hooks for the documentation site (mkdocs.yml names this file under ``hooks``).

- The notebooks live in ``notebooks/`` at the top of the repository, outside ``docs/``; they are
  added to the site's files as ``notebooks/*.ipynb``, where mkdocs-jupyter renders them
  (without running them).
- Pages link to them as ``../notebooks/…``, which works on GitHub; on the site those links
  point at the added files instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
# A link out of docs/ into the repository's notebooks/: one `../` fewer reaches the added files.
_NOTEBOOK_LINK = re.compile(r"\]\(\.\./((?:\.\./)*notebooks/[^)]+\.ipynb\))")


@event_priority(100)  # before mkdocs-jupyter looks for notebooks among the files
def on_files(files: Files, config) -> Files:
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        files.append(
            File(
                f"notebooks/{path.name}",
                src_dir=str(ROOT),
                dest_dir=config["site_dir"],
                use_directory_urls=config["use_directory_urls"],
            )
        )
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    return _NOTEBOOK_LINK.sub(r"](\1", markdown)
