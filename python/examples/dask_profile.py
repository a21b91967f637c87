"""Profile a corpus of articles with Dask and the whosays package.

    python dask_profile.py CORPUS [--scheduler ADDRESS] [--workers N] [--out ROWS.jsonl]

CORPUS is a folder (walked for .txt, .html and .htm files, like
``whosays profile``) or any fsspec URL the workers can read. Without
``--scheduler`` a local cluster of N worker processes is started; with
``--scheduler tcp://host:8786`` the same code runs on that cluster, whose
workers need the whosays wheel installed and CORPUS reachable (a shared
file system or an object store URL).

Each file becomes one row (the profile of ``whosays profile --format jsonl``
without its ``row`` key), and the rows are added up inside the cluster with
the core's own ``merge_profiles``, so the total equals the CLI's total row.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable

import dask.bag as db
import fsspec
from dask.distributed import Client, LocalCluster

import whosays

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def article_paths(root: str) -> list[str]:
    """Every article under ``root``, in the order ``whosays profile`` uses
    (by path, folder by folder)."""
    fs, path = fsspec.core.url_to_fs(root)
    if not fs.isdir(path):
        return [root]
    found = [p for p in fs.find(path) if p.lower().endswith(ARTICLE_SUFFIXES)]
    found.sort(key=lambda p: p.split("/"))
    return [fs.unstrip_protocol(p) if "://" in root else p for p in found]


def profile_file(path: str) -> dict:
    """One row: the file's profile, or its error (as ``whosays profile``
    reports a file it cannot read, and goes on)."""
    row: dict = {"path": path, "error": None}
    try:
        with fsspec.open(path, "rb") as f:
            data = f.read()
        if b"\0" in data:
            raise ValueError("binary file, not scanned")
        text = data.decode("utf-8")
    except (OSError, ValueError) as e:
        row["error"] = f"{path}: {e}"
        row["files"] = 0
        return row
    page = whosays.read_html(text) if path.lower().endswith((".html", ".htm")) else text
    row["files"] = 1
    row.update(whosays.profile(page))
    return row


def _counts(rows: Iterable[dict]) -> dict:
    return whosays.merge_profiles(r for r in rows if r["error"] is None)


def profile_corpus(paths: list[str], partitions: int) -> tuple[list[dict], dict]:
    """Rows in path order and their total, computed on the current Dask
    client's cluster."""
    if not paths:
        return [], {"files": 0, **whosays.merge_profiles([])}
    bag = db.from_sequence(paths, npartitions=max(1, min(partitions, len(paths)))).map(profile_file)
    # Each partition adds its rows up where they were made; only the
    # partial sums travel to be added together. One compute shares the
    # profiling between the rows and the sums.
    total = bag.reduction(_counts, whosays.merge_profiles)
    files = bag.pluck("files").sum()
    rows, total, files = db.compute(bag, total, files)
    return list(rows), {"files": files, **total}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--scheduler", help="a running scheduler's address; default: a local cluster")
    parser.add_argument("--workers", type=int, default=2, help="local worker processes (default 2)")
    parser.add_argument("--out", help="write one JSON row per file here")
    args = parser.parse_args(argv)

    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1)
        client = Client(cluster)
    try:
        paths = article_paths(args.corpus)
        rows, total = profile_corpus(paths, partitions=4 * sum(client.nthreads().values()))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    json.dump(total, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 1 if any(r["error"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
