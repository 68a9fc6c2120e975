"""Shared helpers of the benchmark: paths, timed subprocesses, result bookkeeping."""

from __future__ import annotations

import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / "data" / "bench"
RESULTS = BENCH_DIR / "results.json"
VENV_BIN = ROOT / ".venv" / "bin"
GNU_TIME = Path("/usr/bin/time")

_MAX_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")


@dataclass
class Run:
    """One timed execution: wall seconds from the parent, peak RSS from GNU time."""

    seconds: float
    max_rss_kb: int | None
    returncode: int
    log: str
    extra: dict[str, Any] = field(default_factory=dict)


def ensure_gnu_time() -> None:
    """`/usr/bin/time -v` reports the peak resident memory from the OS (Debian `time`)."""
    if GNU_TIME.exists():
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "time"], check=True, env=env)


def timed(
    cmd: list[str],
    log: Path,
    *,
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
    timeout: float = 4 * 3600,
) -> Run:
    """Run `cmd` under `/usr/bin/time -v`, output to `log`; wall time measured around it."""
    log.parent.mkdir(parents=True, exist_ok=True)
    rss_file = log.with_suffix(".time")
    full = [str(GNU_TIME), "-v", "-o", str(rss_file), *cmd]
    say(f"$ {shlex.join(cmd)}  (log: {rel(log)})")
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with log.open("w") as out:
        try:
            proc = subprocess.run(
                full,
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**os.environ, **(env or {})},
                cwd=cwd,
                timeout=timeout,
                check=False,
            )
            code = proc.returncode
        except subprocess.TimeoutExpired:
            code = -9
            out.write(f"\n[bench] timed out after {timeout:.0f} s\n")
    seconds = time.perf_counter() - started
    match = _MAX_RSS.search(rss_file.read_text()) if rss_file.exists() else None
    run = Run(
        seconds=round(seconds, 3),
        max_rss_kb=int(match.group(1)) if match else None,
        returncode=code,
        log=rel(log),
        # 1-minute load average before and after: the machine may be shared
        extra={"load_before": round(load_before, 1), "load_after": round(os.getloadavg()[0], 1)},
    )
    status = "ok" if code == 0 else f"FAILED rc={code}"
    say(f"  {status}: {seconds:.1f} s, peak RSS {fmt_kb(run.max_rss_kb)}")
    return run


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def fmt_kb(kb: int | None) -> str:
    return "n/a" if kb is None else f"{kb / 1024 / 1024:.2f} GiB"


def load_results() -> dict[str, Any]:
    if RESULTS.exists():
        return json.loads(RESULTS.read_text())
    return {"meta": {}, "steps": {}}


# which code a step measured (working tree or exported revision); set by run.main
CODE: dict[str, str] = {"code": "", "command": ""}


def save_step(name: str, payload: dict[str, Any]) -> None:
    """Merge one step's results into results.json (steps measured by earlier runs are kept)."""
    results = load_results()
    results["steps"][name] = {
        **payload,
        "code": CODE["code"],
        "command": CODE["command"],
        "measured_at": time.strftime("%Y-%m-%d %H:%M:%S %z"),
    }
    _write_results(results)


def save_meta(meta: dict[str, Any]) -> None:
    results = load_results()
    results["meta"] = {**results.get("meta", {}), **meta}
    _write_results(results)


def _write_results(results: dict[str, Any]) -> None:
    # the first write of a clean clone: data/bench/ does not exist yet
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))


def runs_payload(runs: list[Run]) -> dict[str, Any]:
    ok = [r for r in runs if r.returncode == 0]
    secs = [r.seconds for r in ok]
    rss = [r.max_rss_kb for r in ok if r.max_rss_kb is not None]
    return {
        "runs": [asdict(r) for r in runs],
        "ok": len(ok),
        "failed": len(runs) - len(ok),
        "seconds_median": statistics.median(secs) if secs else None,
        "seconds_min": min(secs) if secs else None,
        "seconds_max": max(secs) if secs else None,
        "max_rss_kb": max(rss) if rss else None,
        "max_rss_kb_median": int(statistics.median(rss)) if rss else None,
    }


def python() -> str:
    """The project's interpreter (what `uv run python` resolves to)."""
    exe = VENV_BIN / "python"
    return str(exe) if exe.exists() else sys.executable
