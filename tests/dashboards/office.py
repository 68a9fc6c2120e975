"""Workbooks as an office prints them: LibreOffice converts to PDF, poppler reads and renders the
pages. `make test` installs both (make office-deps), so a missing one fails, never skips."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

TOOLS = ("soffice", "pdftotext", "pdftoppm")


def require_office() -> None:
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    assert not missing, f"{', '.join(missing)} missing: run `make office-deps` (make test does)"


def to_pdf(book: Path) -> Path:
    """`book` converted by LibreOffice Calc, the PDF beside it."""
    require_office()
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(book.parent), str(book)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = book.with_suffix(".pdf")
    assert pdf.exists(), f"LibreOffice wrote no PDF for {book.name}"
    return pdf


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
