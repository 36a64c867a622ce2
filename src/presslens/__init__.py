"""presslens: who speaks in the news, what kind of source they are, in what tone, and when.

    >>> import presslens
    >>> result = presslens.analyze(presslens.load("seeds")[0])
    >>> result.quotes  # one row per quote, with speaker, cue, channel, source type and side

`analyze`, `load`, `from_text`, `Analysis` and `Article` are imported when first used, so that the
command line starts without pandas and NLTK (`presslens --help`).
"""
from .errors import InputError

__version__ = "0.1.0"
__all__ = ["Analysis", "Article", "InputError", "analyze", "from_text", "load", "__version__"]

_LAZY = {"Analysis": "model", "Article": "model", "analyze": "pipeline", "from_text": "loader", "load": "loader"}


def __getattr__(name: str):
    import importlib

    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    if not name.startswith("__"):  # a module of the package, as `import presslens` used to load them all
        try:
            return importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
