import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "fixtures" / "corpus"


@pytest.fixture(scope="session")
def cli():
    """Run the native `whosays` (built by ./build.sh) and parse its JSON lines."""
    binary = Path(os.environ.get("WHOSAYS_BIN", REPO / "target" / "release" / "whosays"))
    assert binary.exists(), f"{binary} is missing: run ./build.sh first"

    def run(*args: str) -> list[dict]:
        out = subprocess.run([str(binary), *args], cwd=REPO, capture_output=True, text=True)
        assert out.returncode in (0, 1), out.stderr
        return [json.loads(line) for line in out.stdout.splitlines()]

    return run


def without(row: dict, *keys: str) -> dict:
    return {k: v for k, v in row.items() if k not in keys}
