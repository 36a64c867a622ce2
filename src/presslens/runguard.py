"""What keeps a corpus run's folder trustworthy: a lock against a second run, a fingerprint of the
input that `--resume` checks, and a watch that ends worker processes whose parent has died.

`lock(folder)` holds `folder/.presslens/lock` (with the holder's pid) while a run writes there; a
second run into the same folder is refused while the holder lives, and a lock left by a dead run
is taken over. `fingerprint(source)` is the size and modification time of the input (every `.txt`,
`.parquet` and `metadata.csv` of a folder); `record_digest(record)` hashes one input record, so a
chunk's records can be compared with those an earlier run wrote. `watch_parent(pid)` starts a
thread that exits the process as soon as the process `pid` is gone.

Workers of a joined Dask cluster (`--scheduler`) are the cluster's, so nothing here ends them; what
ends with the run is its work there. When the run's process dies, its client's connection closes, the
scheduler cancels the run's tasks, and `check_wanted()` (called before every article and before
every file a chunk writes) abandons the chunk without writing anything more.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError
from .loader import UNREADABLE

__all__ = ["Abandoned", "check_wanted", "fingerprint", "lock", "new_digest", "record_digest", "watch_parent"]

LOCK_NAME = "lock"
_UNWANTED = frozenset({"cancelled", "released", "forgotten"})  # Dask task states of a task nobody waits for
WATCH_SECONDS = 0.5  # how often a worker checks that its parent is alive
_DIGESTED = ("id", "text", "title", "published", "outlet")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True


def _holder(path: Path) -> tuple[int, str] | None:
    try:
        pid, host = path.read_text(encoding="utf-8").split()[:2]
        return int(pid), host
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def lock(state_folder: Path, out: Path) -> Iterator[Path]:
    """Hold `state_folder/lock` for the block; `InputError` naming `out` while another live run holds it."""
    state_folder.mkdir(parents=True, exist_ok=True)
    path = state_folder / LOCK_NAME
    me = f"{os.getpid()} {socket.gethostname()}\n"
    for _ in range(2):
        try:
            descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = _holder(path)
            if holder and (holder[1] != socket.gethostname() or _alive(holder[0])):
                raise InputError(f"{out}: another presslens run (pid {holder[0]} on {holder[1]}) is writing here; "
                                 f"wait for it to finish or choose another --out (lock: {path})") from None
            path.unlink(missing_ok=True)  # left by a run that died: take it over
            continue
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(me)
        break
    else:
        raise InputError(f"{out}: cannot take the lock {path}")
    try:
        yield path
    finally:
        with contextlib.suppress(OSError):  # the folder may be gone; the lock is then gone too
            if path.read_text(encoding="utf-8") == me:
                path.unlink()


def fingerprint(source) -> dict | None:
    """Size and modification time of the input file or of the files a folder read uses; None for stdin."""
    if str(source) == "-":
        return None
    path = Path(source)
    files = [path] if not path.is_dir() else sorted(
        p for p in path.iterdir() if p.suffix in (".txt", ".parquet") or p.name == "metadata.csv")
    size = modified = 0
    for file in files:
        try:
            status = file.stat()
        except OSError:
            continue  # the loader reports it as a skipped record
        size += status.st_size
        modified = max(modified, status.st_mtime_ns)
    return {"files": len(files), "bytes": size, "modified_ns": modified}


def record_digest(record: dict, digest) -> None:
    """Add one raw input record (its id, text and metadata, or why it is unreadable) to `digest`."""
    for key in _DIGESTED:
        value = record.get(key)
        digest.update(f"{key}\x1f{type(value).__name__}\x1f".encode())
        digest.update((value if isinstance(value, str) else repr(value)).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1e")
    digest.update(str(record.get(UNREADABLE, "")).encode("utf-8", "surrogatepass"))


def new_digest():
    """The hash a chunk's records are added to."""
    return hashlib.blake2b(digest_size=16)


def watch_parent(pid: int) -> None:
    """Exit this process (at once, with code 1) as soon as process `pid` or this process's own parent
    has gone (a parent that died leaves its children to another process, which changes `getppid`)."""
    parent = os.getppid()

    def watch() -> None:
        while _alive(pid) and os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    if pid != os.getpid():
        threading.Thread(target=watch, name="presslens-watch-parent", daemon=True).start()


class Abandoned(Exception):
    """The Dask task running a chunk was cancelled (the run that submitted it has gone)."""


def check_wanted(*_) -> None:
    """Raise `Abandoned` when this code runs as a Dask task that the cluster no longer wants; a no-op
    anywhere else (this process, a local pool worker). Takes and ignores a progress count."""
    distributed = sys.modules.get("distributed")  # only a Dask worker has it loaded and a task running
    if distributed is None:
        return
    try:
        worker = distributed.get_worker()
    except ValueError:  # not inside a Dask task
        return
    key = getattr(distributed.worker.thread_state, "key", None)
    task = worker.state.tasks.get(key) if key is not None else None
    if task is None or task.state in _UNWANTED:
        raise Abandoned(f"Dask task {key} was cancelled: its run has gone")
