"""How an article names a source: a named person or organisation, an unnamed individual or group, or anonymous.

    >>> naming.classify(name="", role="senior official", mention="A senior official")
    'unnamed_individual'
    >>> naming.anonymity_reason("an official, who spoke on condition of anonymity because he was not authorised to brief reporters, said")
    (True, 'he was not authorised to brief reporters')

The words come from `data/naming_words.csv`. The rules, in order: a quote with no speaker is
`unattributed`; a source the text calls "sources", "insiders" or "people familiar with ...", or
says it does not name ("on condition of anonymity"), is `anonymous`; a name or description with an
organisation word ("ministry", "state television", "UN") is a `named_organisation`; another name
(capitalised words) is a `named_person`, or a `named_organisation` when it is in the plural
("Velmoran Railways"); a description in the plural ("activists", "a group of
soldiers", "residents") is an `unnamed_group`, and in the singular ("a senior official") an
`unnamed_individual`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import datafiles

__all__ = ["NAMINGS", "NAMED", "anonymity_reason", "classify", "is_individual"]

NAMINGS = ("named_person", "named_organisation", "unnamed_individual", "unnamed_group", "anonymous",
           "unattributed")
NAMED = ("named_person", "named_organisation")
_INDIVIDUAL = ("named_person", "unnamed_individual")

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# where a description stops being about the speaker: "activists on the ground", "a source close to"
_BOUNDARY = re.compile(r"\s(?:on|in|at|from|of|with|for|who|which|that|close|familiar|near|inside|based)\b.*",
                       re.IGNORECASE | re.DOTALL)
_CLAUSE = r"(?:(?!\b(?:said|says|told|tells|added|adds|according)\b)[^,.;:!?\"“”…])+"  # up to punctuation or the cue
_REASON_AFTER = re.compile(
    rf"^\s*,?\s*(?:(?:because|as|since|citing|given)\s+(?P<clause>{_CLAUSE})"
    rf"|(?P<phrase>(?:for|out of|fearing)\s+(?:fear|security|safety|reprisals?|retribution|their|his|her){_CLAUSE}))",
    re.IGNORECASE)
_NOT_AUTHORISED = re.compile(
    r"\b(?:because|as|since|who)\s+(?P<clause>(?:he|she|they|it|was|were)\b[^,.;:!?\"“”]*?\bnot\s+"
    rf"(?:authori[sz]ed|allowed|permitted|cleared)\s+to\s+{_CLAUSE})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _words() -> dict[str, re.Pattern]:
    phrases: dict[str, list[str]] = {}
    for row in datafiles.rows("naming_words.csv"):
        phrases.setdefault(row["kind"], []).extend(p.strip() for p in row["phrase"].split("|"))

    def pattern(kind: str, plural: bool) -> re.Pattern:
        ordered = sorted(phrases.get(kind, []), key=lambda p: (-len(p), p))
        exact = [re.escape(p) for p in ordered if p.isupper()]
        folded = [re.escape(p).replace(r"\ ", r"\s+") for p in ordered if not p.isupper()]
        ending = r"(?:e?s)?" if plural else ""
        parts = ([f"(?:{'|'.join(exact)})"] if exact else []) + ([f"(?i:{'|'.join(folded)})"] if folded else [])
        return re.compile(rf"\b(?:{'|'.join(parts)}){ending}\b")

    return {"anonymous": pattern("anonymous", False), "anonymity": pattern("anonymity", False),
            "organisation": pattern("organisation", True), "collective": pattern("collective", False)}


def anonymity_reason(text: str) -> tuple[bool, str]:
    """(whether `text` says the speaker is not named, the reason it gives or "").

    The reason is the clause after the anonymity phrase ("... because he was not authorised to
    speak", "... for fear of reprisals"); a "who was not authorised to ..." clause is both an
    anonymity note and its reason.
    """
    text = text or ""
    found = _words()["anonymity"].search(text)
    reason = ""
    if found:
        after = _REASON_AFTER.match(text[found.end():])
        if after:
            reason = (after.group("clause") or after.group("phrase") or "").strip()
    clause = None if reason else _NOT_AUTHORISED.search(text)
    if clause:
        reason = clause.group("clause").strip()
    return bool(found or clause), " ".join(reason.split())


def _head(description: str) -> str:
    """The speaker part of a description: "activists on the ground" -> "activists"."""
    return _BOUNDARY.sub("", " ".join((description or "").split()))


def _is_group_of(description: str) -> bool:
    """"a group of soldiers", "a team of doctors"."""
    return bool(re.match(r"(?i)(?:an?\s+|the\s+)?(?:group|team|crowd|number|handful|delegation)\s+of\b",
                         description.strip()))


def _is_plural(head: str) -> bool:
    words = _WORD.findall(head)
    if not words:
        return False
    last = words[-1].lower()
    if _words()["collective"].fullmatch(last) or _is_group_of(head):
        return True
    return len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is"))


def _ends_in_organisation(head: str) -> bool:
    """"state television", "the ministry": the last word makes it an organisation ("army officer" does not)."""
    found = list(_words()["organisation"].finditer(head))
    return bool(found) and not head[found[-1].end():].strip()


def classify(*, name: str = "", role: str = "", mention: str = "", anonymous: bool = False,
             attributed: bool = True) -> str:
    """One of `NAMINGS` for a source with this resolved `name`, `role` and `mention` (how the text refers to it).

    `anonymous=True` when the text says the source is not named (see `anonymity_reason`);
    `attributed=False` for quotes with no speaker.
    """
    if not attributed:
        return "unattributed"
    name, role, mention = (" ".join((v or "").split()) for v in (name, role, mention))
    described = " ".join(p for p in (role, name) if p) or mention
    words = _words()
    if anonymous or words["anonymous"].search(described):
        return "anonymous"
    if _is_group_of(described):
        return "unnamed_group"
    if (name and words["organisation"].search(_head(name))) or _ends_in_organisation(_head(role or mention)):
        return "named_organisation"
    capitalised = [w for w in _WORD.findall(name) if w[:1].isupper()]
    if capitalised and not _is_plural(name):
        return "named_person"
    if len(capitalised) >= 2:
        return "named_organisation"  # "Velmoran Railways"
    if _is_plural(_head(role or mention or name)):
        return "unnamed_group"
    return "unnamed_individual" if (role or mention or name) else "unattributed"


def is_individual(naming: str) -> bool:
    """Whether a source of this naming is one person (the only kind that can have a gender)."""
    return naming in _INDIVIDUAL
