"""The one exception type users see (a clear, one-line message about their input), and the helpers
that keep such a message short and safe to print whatever the input held."""
from __future__ import annotations

import re

__all__ = ["InputError", "excerpt", "printable"]

_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]|[\n\t]")


class InputError(ValueError):
    """Bad input (a missing file, empty text, binary data, a bad column or date).

    The message names the file or record and the problem on one line; the CLI prints it
    and exits with code 2.
    """


def printable(text: str) -> str:
    """`text` with control characters (terminal escape sequences, line breaks) and lone surrogates
    written as escapes, so that it prints as one harmless line."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def excerpt(value, limit: int = 60) -> str:
    """A value from untrusted input for an error message: its repr, cut to about `limit` characters."""
    text = value if isinstance(value, str) else f"<{type(value).__name__}>"
    text = repr(text[:limit] + "…" if len(text) > limit else text)
    return printable(text)
