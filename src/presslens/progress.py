"""A small progress bar for long runs: articles done, rate and time left, on one line of stderr.

It draws only where someone is watching: by default in a terminal or a Jupyter notebook (where the
line is plain text on stderr, redrawn in place with a carriage return; no widgets), never into a
log file or a pipe, so CI logs stay clean. Pass `enabled=False` (the CLI's `--quiet`) to hide it,
`enabled=True` to draw it anywhere.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress", "analysed_line", "format_duration", "format_line"]


def format_duration(seconds: float) -> str:
    """Seconds as `m:ss`, or `h:mm:ss` from one hour on."""
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def format_line(done: int, total: int | None, seconds: float, *, unit: str = "articles",
                skipped: int | None = None) -> str:
    """The progress line: count (of total), rate per second and, when the total is known, time left;
    with `skipped`, how many of the `done` were analysed and how many skipped (listed in errors.csv)."""
    rate = done / seconds if seconds > 0 else 0.0
    count = f"{done:,}/{total:,} {unit}" if total else f"{done:,} {unit}"
    parts = [f"presslens: {count}", f"{rate:,.1f}/s"]
    if skipped is not None:
        parts.insert(1, analysed_line(done - skipped, skipped))
    if total:
        percent = min(100, int(100 * done / total))
        parts.insert(1, f"{percent}%")
        if rate > 0 and done < total:
            parts.append(f"{format_duration((total - done) / rate)} left")
    parts.append(f"{format_duration(seconds)} elapsed")
    return " | ".join(parts)


def analysed_line(analysed: int, skipped: int, *, errors: str = "errors.csv") -> str:
    """ "N analysed, M skipped (see errors.csv)": the progress line's and the run's last line's count."""
    return f"{analysed:,} analysed, {skipped:,} skipped" + (f" (see {errors})" if skipped else "")


class Progress:
    """Count finished items and redraw one status line at most every `interval` seconds.

    Use as a context manager; `update(n)` after each batch. `enabled=None` draws only when
    `stream` is a terminal or a Jupyter kernel's stderr.
    """

    def __init__(self, *, total: int | None = None, enabled: bool | None = None, stream: TextIO | None = None,
                 unit: str = "articles", interval: float = 0.5, count_skipped: bool = False):
        self.stream = sys.stderr if stream is None else stream
        self.enabled = _is_watched(self.stream) if enabled is None else enabled
        self.total = total
        self.unit = unit
        self.interval = interval
        self.done = 0
        self.skipped: int | None = 0 if count_skipped else None  # of `done`, the records skipped
        self._started = time.monotonic()
        self._drawn_at = float("-inf")
        self._width = 0

    def update(self, count: int = 1) -> None:
        """Add `count` finished items; redraw if the last drawing is older than `interval`."""
        self.done += count
        now = time.monotonic()
        if self.enabled and now - self._drawn_at >= self.interval:
            self._draw(now)

    def skip(self, count: int) -> None:
        """Count `count` of the finished items as skipped (with `count_skipped=True`)."""
        if self.skipped is not None:
            self.skipped += count

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, now: float) -> None:
        line = format_line(self.done, self.total, now - self._started, unit=self.unit, skipped=self.skipped)
        padding = " " * max(0, self._width - len(line))
        self.stream.write(f"\r{line}{padding}")
        self.stream.flush()
        self._width = len(line)
        self._drawn_at = now

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _is_watched(stream: TextIO) -> bool:
    """Whether `stream` is a terminal or the output stream of a Jupyter (ipykernel) notebook."""
    if type(stream).__module__.startswith("ipykernel."):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
