"""The two public word lists of the ``ensemble`` tone: labMT happiness scores and the Hu & Liu opinion lexicon.

- labMT 1.0 (Dodds et al. 2011): 10,222 frequent English words (10,192 without the Twitter hashtags), each with the mean of 50 happiness ratings
  on a 1..9 scale. Published under CC BY, so it ships in package data (``data/labmt_happiness.tsv``, with
  ``data/LICENSE-labMT.txt``).
- Hu & Liu (2004) opinion lexicon: 2,006 positive and 4,783 negative words. Its authors state no licence
  that allows redistribution, so presslens does not ship it: it is read from the installed ``labMTsimple``
  package (a PyPI dependency, like the VADER lexicon from ``vaderSentiment``).
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from . import datafiles
from .errors import InputError

__all__ = ["labmt", "hu_liu", "LABMT_FILE", "HU_LIU_PACKAGE"]

LABMT_FILE = "labmt_happiness.tsv"  # in presslens/data/
HU_LIU_PACKAGE = "labMTsimple"
HU_LIU_FILES = {1: "data/OL/positive-words-clean.txt", -1: "data/OL/negative-words-clean.txt"}


@lru_cache(maxsize=None)
def labmt() -> dict[str, float]:
    """Word -> labMT happiness (1 saddest .. 9 happiest, 5 neutral)."""
    scores: dict[str, float] = {}
    for number, line in datafiles.lines(LABMT_FILE)[1:]:  # the first line is the column header
        fields = line.split("\t")
        try:
            word, value = fields[0], float(fields[1])
        except (IndexError, ValueError):
            raise InputError(f"data/{LABMT_FILE}: line {number}: expected 'word<TAB>happiness'") from None
        if not 1 <= value <= 9 or not word or word != word.strip() or word in scores:
            raise InputError(f"data/{LABMT_FILE}: line {number}: need a new word and a happiness in [1, 9]")
        scores[word] = value
    return scores


@lru_cache(maxsize=None)
def hu_liu() -> dict[str, int]:
    """Word -> +1 (positive) or -1 (negative) from the Hu & Liu opinion lexicon."""
    spec = importlib.util.find_spec(HU_LIU_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"presslens needs the {HU_LIU_PACKAGE} package for the Hu & Liu opinion lexicon")
    folder = Path(next(iter(spec.submodule_search_locations)))
    polarity: dict[str, int] = {}
    for sign, name in HU_LIU_FILES.items():
        path = folder / name
        if not path.is_file():
            raise InputError(f"{path}: missing from the installed {HU_LIU_PACKAGE} package")
        for word in path.read_text(encoding="utf-8", errors="replace").split():
            polarity.setdefault(word.lower(), sign)
    return polarity
