"""Workbooks as an office prints them: LibreOffice converts to PDF, poppler reads and renders the
pages. `make test` installs both (make office-deps), so a missing one fails, never skips."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

TOOLS = ("soffice", "pdftotext", "pdftoppm", "pdfinfo")


def require_office() -> None:
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    assert not missing, f"{', '.join(missing)} missing: run `make office-deps` (make test does)"


def to_pdf(*books: Path) -> list[Path]:
    """The workbooks converted by LibreOffice Calc (one run for all), each PDF beside its book."""
    require_office()
    for folder in {book.parent for book in books}:
        subprocess.run(
            [
                "soffice",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                *(str(b) for b in books if b.parent == folder),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    pdfs = [book.with_suffix(".pdf") for book in books]
    missing = [p.name for p in pdfs if not p.exists()]
    assert not missing, f"LibreOffice wrote no PDF for {missing}"
    return pdfs


def page_size(pdf: Path) -> tuple[float, float]:
    """Width and height of the first page, in points (A4 landscape: 841.9 x 595.3)."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    size = next(line for line in info.stdout.splitlines() if line.startswith("Page size:"))
    width, _, height = size.split(":", 1)[1].split()[:3]
    return float(width), float(height)


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page (pdftotext -layout; pages end with a form feed)."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def render(pdf: Path, prefix: Path, dpi: int = 70) -> list[Path]:
    """Each page as PNG (`prefix`-1.png, …), to look at."""
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(prefix)], check=True)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))
