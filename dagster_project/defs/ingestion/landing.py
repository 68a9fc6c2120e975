"""Which files a landing folder holds: every file, at any depth, with any suffix.

Nothing delivered is passed over in silence: a file of an unsupported format is rejected
with the formats that are, an office lock file is logged as such, and a file in no source
folder is reported under the pseudo-source `unassigned`.
"""

from __future__ import annotations

from pathlib import Path

from dagster_project.contract import SOURCES, Source

UNASSIGNED = "unassigned"


def is_lock_file(path: Path) -> bool:
    """Office and WPS lock or temporary files (~$book.xlsx, .~lock.book.xlsx#, .DS_Store)."""
    return path.name.startswith(("~$", ".")) or path.name.endswith("#")


def _files_below(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def source_files(landing_dir: Path, source: Source) -> list[Path]:
    """Every file under `landing/<source>/`, sorted by path."""
    return _files_below(landing_dir / source.name)


def unassigned_files(landing_dir: Path) -> list[Path]:
    """Files directly in the landing folder or in a folder that names no source."""
    if not landing_dir.is_dir():
        return []
    out = [p for p in landing_dir.iterdir() if p.is_file()]
    for folder in landing_dir.iterdir():
        if folder.is_dir() and folder.name not in SOURCES:
            out.extend(_files_below(folder))
    return sorted(out)


def relative_name(landing_dir: Path, path: Path) -> str:
    """The file's name in the load log: its path below the landing folder."""
    return path.relative_to(landing_dir).as_posix()


def unassigned_message() -> str:
    folders = "、".join(SOURCES)
    return (
        f"文件不在任何数据源文件夹中：请放入 landing/<数据源>/ 下（{folders}）。 / "
        f"The file is in no source folder: put it under landing/<source>/ "
        f"({', '.join(SOURCES)})."
    )


def is_project_folder(landing_dir: Path, path: Path) -> bool:
    """A top folder named `_…` holds the project's own files, not deliveries (the demo
    generator's answer key `_truth/`): logged as skipped, never read as data."""
    return relative_name(landing_dir, path).startswith("_")


PROJECT_FOLDER_MESSAGE = (
    "项目自用文件夹（以 _ 开头，如演示数据的 _truth/），不是报送文件，已跳过。 / "
    "A project folder (named _…, such as the demo data's _truth/), not a delivery: skipped."
)

LOCK_FILE_MESSAGE = (
    "临时或锁定文件（如 ~$ 开头的 Office 锁文件），不是数据文件，已跳过。 / "
    "A temporary or lock file (such as an Office ~$ file), not data: skipped."
)
