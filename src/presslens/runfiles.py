"""What a corpus run leaves in its output folder: exactly the files it wrote.

A finished run lists every file it wrote in `.presslens/written.json`. The next run into the same
folder removes the files of that list before it writes anything (a resumed run keeps the part
files of the chunks it keeps), so no table, chart or CSV of an earlier run stays beside the new
ones; files the user put there are never touched. A run stopped by bad input (an `InputError`)
removes what it began: its state folder, part files and the "incomplete" note (it keeps
`errors.csv`, which its error message names), and the folder itself when the run created it and
nothing else is in it. A run that was interrupted or crashed keeps its state, so `--resume` can
finish it.
"""
from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterable
from pathlib import Path

__all__ = ["files_in", "forget_failed_run", "listed_as_written", "record_written", "remove_earlier"]

WRITTEN = "written.json"
KEEP_AFTER_FAILURE = ("errors.csv",)


def files_in(out: Path, state_folder: str) -> set[str]:
    """Every file under `out` (paths relative to it, with `/`), leaving out the state folder."""
    if not out.is_dir():
        return set()
    return {path.relative_to(out).as_posix() for path in out.rglob("*")
            if path.is_file() and path.relative_to(out).parts[0] != state_folder}


def listed_as_written(out: Path, state_folder: str) -> set[str]:
    """The files the last finished run into `out` wrote; empty when there is no list (no finished run
    here, or one of an older version: the caller then clears the names it knows)."""
    try:
        written = json.loads((out / state_folder / WRITTEN).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return {name for name in written if isinstance(name, str)} if isinstance(written, list) else set()


def remove_earlier(out: Path, state_folder: str, *, keep: Iterable[str] = ()) -> None:
    """Remove the files the last finished run into `out` listed as written (except `keep`), and the
    folders that leaves empty."""
    kept = set(keep)
    for name in sorted(listed_as_written(out, state_folder)):
        path = out / name
        if name not in kept and _inside(path, out):
            path.unlink(missing_ok=True)
            _remove_empty_parents(path.parent, out)
    (out / state_folder / WRITTEN).unlink(missing_ok=True)


def record_written(out: Path, state_folder: str, foreign: set[str]) -> list[str]:
    """List every file under `out` but `foreign` (the user's) as written by this run; returns the list."""
    written = sorted(files_in(out, state_folder) - foreign)
    listed = out / state_folder / WRITTEN
    from .output import atomic_open

    with atomic_open(listed, "w", encoding="utf-8") as handle:
        json.dump({"files": written}, handle, indent=1)
    return written


def forget_failed_run(out: Path, state_folder: str, foreign: set[str], *, created: bool) -> None:
    """Remove what a run stopped by bad input began in `out`: its state folder and every file it
    wrote but `errors.csv`; `out` itself too when the run `created` it and it is left empty."""
    for name in files_in(out, state_folder) - foreign:
        if name not in KEEP_AFTER_FAILURE:
            (out / name).unlink(missing_ok=True)
            _remove_empty_parents((out / name).parent, out)
    shutil.rmtree(out / state_folder, ignore_errors=True)
    if created:
        with contextlib.suppress(OSError):
            out.rmdir()  # only when empty


def _inside(path: Path, out: Path) -> bool:
    try:
        path.resolve().relative_to(out.resolve())
    except ValueError:
        return False
    return True


def _remove_empty_parents(folder: Path, out: Path) -> None:
    while folder != out and _inside(folder, out):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
