"""./build.sh bench, the profile part: `whosays profile` over a corpus on one
core and on all of them, and the Python package through Dask on a local
cluster of one worker process per core, on the same files.

    python bench/profile.py --bin target/release/whosays --corpus DIR --out bench/results

Prints a table, writes OUT/profile.json and exits 1 when a budget is
missed: all cores at least 1.7x one core on 2 cores (scaled down to the
cores there are on smaller machines), and Dask's time at most 1.5x the
CLI's on all cores. Times are wall clock, the fastest of several runs. A
small corpus is listed several times over so each run lasts long enough to
measure; the Dask cluster is started (and warmed up) before the clock
starts, as a real cluster would be running already.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dask.distributed import Client, LocalCluster

import whosays

REPO = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("dask_profile", REPO / "python" / "examples" / "dask_profile.py")
dask_profile = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dask_profile)

MIN_BYTES = 8_000_000  # per run: enough that process start-up is noise
SCALING_ON_2 = 1.7
ENGINE_OVERHEAD = 1.5


def best(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        work()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    cores = os.cpu_count() or 1
    paths = dask_profile.article_paths(args.corpus)
    corpus_bytes = sum(os.path.getsize(p) for p in paths)
    if corpus_bytes == 0:
        print(f"bench/profile.py: no .txt or .html files in {args.corpus}", file=sys.stderr)
        return 1
    repeat = max(1, math.ceil(MIN_BYTES / corpus_bytes))
    total_bytes = corpus_bytes * repeat
    mb = total_bytes / 1e6

    def cli(*extra: str) -> list[dict]:
        out = subprocess.run(
            [args.bin, "profile", "--format", "jsonl", *extra, *([args.corpus] * repeat)],
            capture_output=True,
            text=True,
            check=False,
        )
        return [json.loads(line) for line in out.stdout.splitlines()]

    # One core and all cores in turns, so a busy moment of the machine
    # falls on both alike.
    one, every = math.inf, math.inf
    for _ in range(args.runs):
        one = min(one, best(1, lambda: cli("--jobs", "1")))
        every = min(every, best(1, lambda: cli()))
    expected = cli()[-1]

    texts = [Path(p).read_text(encoding="utf-8", errors="replace") for p in paths]

    def in_process():
        for _ in range(repeat):
            for p, t in zip(paths, texts):
                whosays.profile(whosays.read_html(t) if p.endswith((".html", ".htm")) else t)

    python_one = best(max(1, args.runs // 2), in_process)

    # The engine as the example runs it: totals summed in the cluster, rows
    # written by the workers (the CLI writes its rows too).
    all_paths = paths * repeat
    with tempfile.TemporaryDirectory() as rows_dir:
        with LocalCluster(n_workers=cores, threads_per_worker=1, dashboard_address=":0") as cluster, Client(cluster):
            dask_profile.profile_corpus(paths, partitions=4 * cores)  # workers import whosays
            totals = []
            dask = best(
                max(1, args.runs // 2),
                lambda: totals.append(dask_profile.profile_corpus(all_paths, 4 * cores, rows_dir=rows_dir)),
            )
    same = totals[-1] == {k: v for k, v in expected.items() if k not in ("row", "path", "error")}

    scaling_budget = 1 + (SCALING_ON_2 - 1) * (min(cores, 2) - 1)
    report = {
        "corpus": {"dir": args.corpus, "files": len(paths), "bytes": corpus_bytes, "listed": repeat},
        "cores": cores,
        "seconds": {"cli_1_core": one, "cli_all_cores": every, "python_in_process_1_thread": python_one, "dask": dask},
        "mb_per_s": {
            "cli_1_core": mb / one,
            "cli_all_cores": mb / every,
            "python_in_process_1_thread": mb / python_one,
            "dask": mb / dask,
        },
        "budgets": [
            {
                "name": f"whosays profile, all {cores} cores vs one (x)",
                "value": one / every,
                "limit": f">= {scaling_budget:.2f}",
                "pass": one / every >= scaling_budget,
            },
            {
                "name": "Dask through the Python package vs the CLI on all cores (time, x)",
                "value": dask / every,
                "limit": f"<= {ENGINE_OVERHEAD}",
                "pass": dask / every <= ENGINE_OVERHEAD,
            },
            {"name": "Dask totals equal the CLI's total row", "value": same, "limit": "equal", "pass": same},
        ],
    }
    Path(args.out).mkdir(parents=True, exist_ok=True)
    Path(args.out, "profile.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    print(f"\nProfile: {args.corpus}, {len(paths)} files, {corpus_bytes / 1e6:.2f} MB, listed {repeat}x = {mb:.2f} MB per run, {cores} cores\n")
    print("| engine                                   |  MB/s | × CLI on 1 core |")
    print("|:-----------------------------------------|------:|----------------:|")
    for name, key in [
        ("whosays profile --jobs 1", "cli_1_core"),
        (f"whosays profile (all {cores} cores)", "cli_all_cores"),
        ("Python package, in process, 1 thread", "python_in_process_1_thread"),
        (f"Python package through Dask ({cores} workers)", "dask"),
    ]:
        v = report["mb_per_s"][key]
        print(f"| {name:<40} | {v:5.2f} | {v / report['mb_per_s']['cli_1_core']:15.2f} |")
    print("\n| budget | measured | limit | holds |\n|:--|--:|:--|:--|")
    for b in report["budgets"]:
        value = b["value"] if isinstance(b["value"], bool) else f"{b['value']:.2f}"
        print(f"| {b['name']} | {value} | {b['limit']} | {'yes' if b['pass'] else 'NO'} |")
    return 0 if all(b["pass"] for b in report["budgets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
