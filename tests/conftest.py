"""Shared fixtures: the seed article and the public evaluation data (skipped when absent)."""
from pathlib import Path

import pytest

import presslens

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def seed() -> presslens.Article:
    """The AFP Khaldiyeh article with its metadata."""
    return presslens.load(ROOT / "seeds")[0]


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """`../shared/eval`, or skip the test when it is not there (a user's clone has none)."""
    if not SHARED_EVAL.is_dir():
        pytest.skip("../shared/eval is not present")
    return SHARED_EVAL
