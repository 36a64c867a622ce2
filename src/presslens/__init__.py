"""presslens: who speaks in the news, what kind of source they are, in what tone, and when.

    >>> import presslens
    >>> result = presslens.analyze(presslens.load("seeds")[0])
    >>> result.quotes  # one row per quote, with speaker, cue, channel, source type and side
"""
from .errors import InputError
from .loader import from_text, load
from .model import Analysis, Article
from .pipeline import analyze

__version__ = "0.1.0"
__all__ = ["Analysis", "Article", "InputError", "analyze", "from_text", "load", "__version__"]
