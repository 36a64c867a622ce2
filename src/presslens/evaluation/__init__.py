"""Scorers that measure presslens against public annotated data (nothing from it ships here).

The scorers live in the submodules: `quotes`, `sentiment`, `timex` (and `gold`, their shared readers).
"""

__all__: list[str] = []
