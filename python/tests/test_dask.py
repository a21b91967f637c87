"""The Dask example (python/examples/dask_profile.py) on a local cluster:
its rows and totals must equal `whosays profile` on the same files."""

import importlib.util
import json

import pytest
from dask.distributed import Client, LocalCluster

from conftest import CORPUS, REPO, without

spec = importlib.util.spec_from_file_location("dask_profile", REPO / "python" / "examples" / "dask_profile.py")
dask_profile = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dask_profile)


@pytest.fixture(scope="module")
def client():
    # Two worker processes, as on a small real cluster: rows are pickled
    # between processes and partial sums are added on the scheduler's side.
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster, Client(cluster) as c:
        yield c


def test_engine_totals_equal_the_cli(cli, client, tmp_path):
    # The fixture corpus, plus a binary file: an error row on both sides.
    corpus = tmp_path / "corpus"
    for src in CORPUS.rglob("*"):
        dest = corpus / src.relative_to(CORPUS)
        if src.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(src.read_bytes())
    (corpus / "world" / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    expected = cli("profile", "--format", "jsonl", str(corpus))
    paths = dask_profile.article_paths(str(corpus))
    assert paths == [r["path"] for r in expected[:-1]], "the same files in the same order"

    rows_dir = tmp_path / "rows"
    total = dask_profile.profile_corpus(paths, partitions=3, rows_dir=str(rows_dir))
    assert total == without(expected[-1], "row", "path", "error")
    rows = dask_profile.read_rows(str(rows_dir))
    assert total["files"] == 5 and total["attributions"] > 10
    for ours, theirs in zip(rows, expected[:-1], strict=True):
        if theirs["error"]:
            assert ours["error"] is not None and "binary file" in ours["error"]
        else:
            assert ours == without(theirs, "row"), ours["path"]


def test_the_example_runs_as_a_program(cli, capsys, tmp_path):
    status = dask_profile.main([str(CORPUS), "--workers", "1", "--rows", str(tmp_path / "rows")])
    assert status == 0
    total = json.loads(capsys.readouterr().out)
    expected = cli("profile", "--format", "jsonl", str(CORPUS))
    assert total == without(expected[-1], "row", "path", "error")
    assert len(dask_profile.read_rows(str(tmp_path / "rows"))) == len(expected) - 1
