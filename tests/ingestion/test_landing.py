"""Every file under the landing folder gets a load-log row, once: deliveries at any depth
and with any suffix, files in no source folder, lock files and the project's own folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
from ingestion_helpers import CORPUS, MANIFEST, SECRET, TODAY

from dagster_project.contract import SOURCES
from dagster_project.defs.ingestion.loading import load_source, log_unassigned


def _landing(root: Path) -> Path:
    landing = root / "landing"
    roster = landing / "roster" / "530102"
    roster.mkdir(parents=True)
    shutil.copy(CORPUS / MANIFEST["base"]["roster"], roster / "roster_530102_2026-10.csv")
    (landing / "roster" / "scan_2026-10.pdf").write_bytes(b"%PDF-1.4 scanned roster")
    (landing / "roster" / "~$roster_2026-10.xlsx").write_bytes(b"lock")
    (landing / "rosters").mkdir()
    (landing / "rosters" / "roster_2026-11.csv").write_text("统计月份\n2026-11\n")
    (landing / "payroll_2026-10.csv").write_text("发放月份\n2026-10\n")
    (landing / "_truth").mkdir()
    (landing / "_truth" / "manifest.json").write_text("{}")
    return landing


def _log(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        "select file, source, status, rows_loaded, admin_code, message from raw._load_log "
        "order by file"
    ).fetchall()


def test_every_landed_file_is_logged_once(make_warehouse, tmp_path: Path) -> None:
    con = make_warehouse("")  # org_units loaded (conftest)
    landing = _landing(tmp_path)
    load_source(con, SOURCES["roster"], landing, SECRET, TODAY)
    log_unassigned(con, landing)
    rows = {r[0]: r for r in _log(con) if not r[0].startswith("org_units/")}

    assert set(rows) == {
        "roster/530102/roster_530102_2026-10.csv",
        "roster/scan_2026-10.pdf",
        "roster/~$roster_2026-10.xlsx",
        "rosters/roster_2026-11.csv",
        "payroll_2026-10.csv",
        "_truth/manifest.json",
    }
    delivered = rows["roster/530102/roster_530102_2026-10.csv"]
    assert delivered[1:5] == ("roster", "loaded", 3, "530102")
    pdf = rows["roster/scan_2026-10.pdf"]
    assert pdf[2] == "rejected" and "不支持的文件格式 .pdf" in pdf[5] and ".xls" in pdf[5]
    assert rows["roster/~$roster_2026-10.xlsx"][2] == "skipped"
    assert "锁定文件" in rows["roster/~$roster_2026-10.xlsx"][5]
    for stray in ("rosters/roster_2026-11.csv", "payroll_2026-10.csv"):
        assert rows[stray][1:3] == ("unassigned", "rejected")
        assert "文件不在任何数据源文件夹中" in rows[stray][5] and "roster" in rows[stray][5]
    assert rows["_truth/manifest.json"][1:3] == ("unassigned", "skipped")

    # a second run over the same folder adds nothing
    count = len(_log(con))
    load_source(con, SOURCES["roster"], landing, SECRET, TODAY)
    log_unassigned(con, landing)
    assert len(_log(con)) == count
