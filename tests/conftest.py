"""Shared fixtures: the seed article and the public evaluation data (skipped when absent)."""
import importlib.util
import os
import signal
import subprocess
from pathlib import Path
from types import ModuleType

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


def stop_process_group(process: subprocess.Popen, timeout: float) -> None:
    """End a server started with `start_new_session=True`: SIGTERM to its group, SIGKILL after `timeout` s."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def benchmark_script(name: str) -> ModuleType:
    """A script of `benchmarks/` (not a package) loaded as a module, e.g. "run" or "adversarial"."""
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
