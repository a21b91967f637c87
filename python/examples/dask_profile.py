"""Profile a corpus of articles with Dask and the whosays package.

    python dask_profile.py CORPUS [--scheduler ADDRESS] [--workers N] [--rows DIR]

CORPUS is a folder (walked for .txt, .html and .htm files, like
``whosays profile``) or any fsspec URL the workers can read. Without
``--scheduler`` a local cluster of N worker processes is started; with
``--scheduler tcp://host:8786`` the same code runs on that cluster, whose
workers need the whosays wheel installed and CORPUS reachable (a shared
file system or an object store URL).

Each file becomes one row (the profile of ``whosays profile --format jsonl``
without its ``row`` key), and the rows are added up inside the cluster with
the core's own ``merge_profiles``, so the total printed equals the CLI's
total row. With ``--rows DIR`` the workers also write the rows as JSON
lines into DIR/00000.jsonl, DIR/00001.jsonl… (in path order): rows never
travel through this process, which on a big corpus would be the bottleneck.
"""

from __future__ import annotations

import argparse
import json
import sys

import dask
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
        # fsspec for URLs; a local file directly, which costs a tenth.
        with fsspec.open(path, "rb") if "://" in path else open(path, "rb") as f:
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


def profile_part(index: int, paths: list[str], rows_dir: str | None) -> dict:
    """One partition, on a worker: its files profiled once, their rows
    written to ``rows_dir/INDEX.jsonl``, and their sum returned (with
    ``files``, how many were profiled)."""
    rows = [profile_file(p) for p in paths]
    if rows_dir is not None:
        with fsspec.open(f"{rows_dir}/{index:05d}.jsonl", "wt", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    ok = [r for r in rows if r["error"] is None]
    return {"files": len(ok), **whosays.merge_profiles(ok)}


def add_up(parts: list[dict]) -> dict:
    # merge_profiles reads the counts and leaves "files" aside.
    return {"files": sum(p["files"] for p in parts), **whosays.merge_profiles(parts)}


def profile_corpus(paths: list[str], partitions: int, rows_dir: str | None = None) -> dict:
    """The total over ``paths``, computed on the current Dask client's
    cluster; with ``rows_dir``, each file's row is written there too."""
    if rows_dir is not None:
        fs, path = fsspec.core.url_to_fs(rows_dir)
        fs.makedirs(path, exist_ok=True)
    if not paths:
        return add_up([])
    bag = db.from_sequence(paths, npartitions=max(1, min(partitions, len(paths))))
    # One task per partition profiles its files once, writes its rows and
    # returns their sum: rows never travel, and only the partial sums are
    # added up at the end.
    parts = [dask.delayed(profile_part)(i, part, rows_dir) for i, part in enumerate(bag.to_delayed())]
    return dask.compute(dask.delayed(add_up)(parts))[0]


def read_rows(rows_dir: str) -> list[dict]:
    """The rows ``profile_corpus`` wrote, in path order."""
    fs, path = fsspec.core.url_to_fs(rows_dir)
    rows = []
    for part in sorted(fs.glob(f"{path}/*.jsonl")):
        with fs.open(part, "rt", encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--scheduler", help="a running scheduler's address; default: a local cluster")
    parser.add_argument("--workers", type=int, default=2, help="local worker processes (default 2)")
    parser.add_argument("--rows", help="a folder (or URL) for one JSON row per file, written by the workers")
    args = parser.parse_args(argv)

    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1)
        client = Client(cluster)
    try:
        paths = article_paths(args.corpus)
        total = profile_corpus(paths, partitions=4 * sum(client.nthreads().values()), rows_dir=args.rows)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    json.dump(total, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    # As `whosays profile`: a file that could not be read fails the run.
    return 0 if total["files"] == len(paths) else 1


if __name__ == "__main__":
    sys.exit(main())
