"""Read an untrusted YAML file (a user's sides profile) within fixed bounds.

`load(path, origin)` is `yaml.safe_load` (no `!!python/*` tags) with limits on the file's size,
the nesting depth and the size of the value once aliases are expanded, so an alias bomb ("billion
laughs") or a document nested 100,000 deep is a one-line `InputError`, not a MemoryError or a
RecursionError. Error messages name the file and the line, never the value itself.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import InputError

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "load"]

MAX_BYTES = 1024 * 1024  # a profile is a few KB of phrase lists
MAX_DEPTH = 50  # nesting levels of mappings and lists
MAX_NODES = 200_000  # values in the document with every alias expanded


class _Bounded(Exception):
    def __init__(self, problem: str, mark):
        super().__init__(problem)
        self.problem, self.mark = problem, mark


class _BoundedLoader(yaml.SafeLoader):
    """A safe loader that refuses deep nesting while composing the document."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Bounded(f"nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _expanded_size(node: yaml.Node) -> int:
    """How many values `node` stands for with every alias expanded (a shared node counts each time)."""
    sizes: dict[int, int] = {}
    stack = [(node, False)]
    while stack:
        current, children_done = stack.pop()
        if id(current) in sizes:
            continue
        if isinstance(current, yaml.ScalarNode):
            sizes[id(current)] = 1
            continue
        children = [item for pair in current.value for item in pair] if isinstance(current, yaml.MappingNode) \
            else list(current.value)
        if children_done:
            total = 1 + sum(sizes.get(id(child), 0) for child in children)
            sizes[id(current)] = total
            if total > MAX_NODES:
                raise _Bounded(f"expands to more than {MAX_NODES:,} values (aliases repeated too often)",
                               current.start_mark)
        else:
            stack.append((current, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(node)]


def load(path: Path, origin: str):
    """The YAML document in `path` as Python values; `InputError("<origin>: ...")` when it is not
    readable, not valid YAML, or over the bounds."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{origin}: {size:,} bytes, more than a profile may have ({MAX_BYTES:,})")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        loader = _BoundedLoader(data.decode("utf-8"))
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _expanded_size(node)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except _Bounded as error:
        raise InputError(f"{origin}: not a usable profile at line {error.mark.line + 1}: {error.problem}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = str(getattr(error, "problem", None) or "cannot be parsed")[:200]
        raise InputError(f"{origin}: not valid YAML{where}: {problem}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{origin}: cannot read the profile ({error.__class__.__name__})") from None
