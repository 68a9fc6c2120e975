"""Shared helpers of the benchmark: paths, timed subprocesses, result bookkeeping."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import signal
import statistics
import subprocess
import sys
import threading
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
    tree: bool = False,
) -> Run:
    """Run `cmd` under `/usr/bin/time -v`, output to `log`; wall time measured around it.

    `tree`: the command starts children that matter (Spark's JVM): it runs in a session of
    its own, the summed RSS of its whole process tree is sampled (`extra["tree_peak_rss_kb"]`)
    and a timeout kills the whole tree, not only GNU time."""
    log.parent.mkdir(parents=True, exist_ok=True)
    rss_file = log.with_suffix(".time")
    full = [str(GNU_TIME), "-v", "-o", str(rss_file), *cmd]
    say(f"$ {shlex.join(cmd)}  (log: {rel(log)})")
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    tree_peak: int | None = None
    with log.open("w") as out:
        if tree:
            rss_file.unlink(missing_ok=True)  # a killed GNU time writes none: no stale figure
            code, tree_peak = _run_tree(full, out, {**os.environ, **(env or {})}, cwd, timeout)
        else:
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
    if tree:
        run.extra["tree_peak_rss_kb"] = tree_peak
    status = "ok" if code == 0 else f"FAILED rc={code}"
    say(f"  {status}: {seconds:.1f} s, peak RSS {fmt_kb(run.max_rss_kb)}")
    return run


def _run_tree(
    full: list[str], out: Any, env: dict[str, str], cwd: Path, timeout: float
) -> tuple[int, int | None]:
    """`full` in a new session; (exit code, peak summed RSS of its tree in kB, sampled every
    0.5 s). On timeout the whole tree is killed and the code is -9."""
    proc = subprocess.Popen(
        full, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            done.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_tree(proc.pid)
        proc.wait()
        code = -9
        out.write(f"\n[bench] timed out after {timeout:.0f} s: process tree killed\n")
        out.flush()
    finally:
        done.set()
        sampler.join()
    return code, peak[0] or None


def _proc_children() -> dict[int, list[int]]:
    """parent pid -> child pids, from /proc/<pid>/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # the command name (field 2) is in parentheses and may hold spaces
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def process_tree(pid: int) -> list[int]:
    """`pid` and every descendant still listed in /proc."""
    children = _proc_children()
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo += children.get(p, [])
    return found


def tree_rss_kb(pid: int) -> int:
    """Summed resident memory of `pid` and its descendants, kB (/proc/<pid>/statm)."""
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    total = 0
    for p in process_tree(pid):
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * page_kb
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
    return total


def kill_tree(pid: int) -> None:
    """SIGKILL `pid`, every descendant (a child that left the group, as a JVM may, included)
    and, when `pid` leads a process group of its own (timed's `tree`), that group (a
    descendant already reparented). Never the caller's group."""
    pids = process_tree(pid)
    with contextlib.suppress(OSError):
        if os.getpgid(pid) == pid:
            os.killpg(pid, signal.SIGKILL)
    for p in pids:
        with contextlib.suppress(OSError):
            os.kill(p, signal.SIGKILL)


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
