"""Checks of a document's words: unhighlighted placeholders, "the client" in a pleading, a count
against a defendant it cannot reach, a notice that calls itself timely after its deadline."""

from __future__ import annotations

import re
from datetime import date

from casekit.docgen.lint.findings import ERROR, PLACEHOLDER, Finding
from casekit.docgen.lint.paragraphs import _Para
from casekit.domain.model import CLAIM_1983, CLAIM_52571K, CLAIM_FALSE_IMPRISONMENT

_CLIENT = re.compile(r"\bthe client\b", re.IGNORECASE)
_TIMELY = re.compile(r"\bwithin (?:the )?six months\b|\bis given within\b", re.IGNORECASE)
_ENDS_ON = re.compile(r"\bends on ([A-Z][a-z]+ \d{1,2}, \d{4})")
_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" (\d{1,2}), (\d{4})\b"
)
_AS_TO = re.compile(r"^\(as to (.*)\)$")
_STATE_NAMES = ("State of Connecticut",)
_MUNICIPAL_PREFIXES = ("City of ", "Town of ", "Borough of ", "the City of ", "the Town of ")


def _placeholders(paragraphs: list[_Para]) -> list[Finding]:
    out = []
    for p in paragraphs:
        text = "".join(t for t, _ in p.runs)
        if not PLACEHOLDER.search(text):
            continue
        marks: list[bool] = []
        for piece, lit in p.runs:
            marks += [lit] * len(piece)
        for match in PLACEHOLDER.finditer(text):
            if not all(marks[match.start() : match.end()]):
                shown = match.group(0)
                shown = shown if len(shown) <= 60 else shown[:57] + "…]]"
                out.append(
                    Finding(
                        ERROR,
                        "unhighlighted-placeholder",
                        f"placeholder not highlighted: {shown}",
                        p.where,
                    )
                )
    return out


def _client(paragraphs: list[_Para]) -> list[Finding]:
    return [
        Finding(
            ERROR,
            "client-in-pleading",
            'a pleading speaks of "the client": write about the plaintiff (or the claimant)',
            p.where,
        )
        for p in paragraphs
        if not p.notes and _CLIENT.search(p.text)
    ]


def _claim_titles() -> dict[str, str]:
    from casekit.domain.lawpack import default_pack

    claims = default_pack().claims
    return {
        key: claims[key].title
        for key in (CLAIM_1983, CLAIM_52571K, CLAIM_FALSE_IMPRISONMENT)
        if key in claims
    }


def _claim_labels() -> dict[str, str]:
    from casekit.domain.lawpack import default_pack

    return {key: claim.label for key, claim in default_pack().claims.items()}


def _unreachable(paragraphs: list[_Para]) -> list[Finding]:
    titles = _claim_titles()
    labels = _claim_labels()
    out = []
    heading = ""
    for p in paragraphs:
        if p.notes:
            continue
        if p.style == "Heading 1" and " COUNT" in p.text:
            heading = p.text
            continue
        match = _AS_TO.match(p.text.strip())
        if not match or not heading:
            continue
        against = match.group(1)
        names = [n.strip() for n in re.split(r",| and ", against) if n.strip()]
        state = [n for n in names if n.removeprefix("the ") in _STATE_NAMES]
        municipal = [n for n in names if n.startswith(_MUNICIPAL_PREFIXES)]
        claim = next((k for k, t in titles.items() if t and t in heading), "")
        problem = ""
        if against.strip().lower() == "all defendants":
            problem = "names no defendant (as to all defendants)"
        elif claim == CLAIM_1983 and state and len(state) == len(names):
            problem = f"a {labels[claim]} count against the State alone (not a 'person')"
        elif claim == CLAIM_52571K and (state or municipal):
            problem = f"a {labels[claim]} count against an entity (it runs against police officers)"
        elif claim == CLAIM_FALSE_IMPRISONMENT and state:
            problem = f"a {labels[claim]} count against the State (indemnification is municipal)"
        heading = ""
        if problem:
            out.append(Finding(ERROR, "unreachable-defendant", problem, p.where))
    return out


_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def _parse(text: str) -> date | None:
    found = _DATE.fullmatch(text.strip())
    if found is None:
        return None
    try:
        return date(int(found.group(3)), _MONTHS.index(found.group(1)) + 1, int(found.group(2)))
    except ValueError:
        return None


def _timely(paragraphs: list[_Para], today: date | None) -> list[Finding]:
    body = [p for p in paragraphs if p.where.startswith("body") and not p.notes]
    when = today
    if when is None:
        for p in body:
            found = _DATE.search(p.text)
            if found:
                when = _parse(found.group(0))
                break
    if when is None:
        return []
    out = []
    for p in body:
        if not _TIMELY.search(p.text):
            continue
        ends = _ENDS_ON.search(p.text)
        deadline = _parse(ends.group(1)) if ends else None
        if deadline is not None and deadline < when:
            out.append(
                Finding(
                    ERROR,
                    "timely-after-deadline",
                    f"the notice says it is timely, but the period ended on {deadline.isoformat()}",
                    p.where,
                )
            )
    return out
