"""Consistency of an assembled pack, and its version (what a stored result came from)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import fields
from datetime import date

from casekit.domain.lawpack.pack import LawPack
from casekit.domain.lawpack.parts import COUNT_DEFENDANTS, PACK_FILES, REACH_EFFECTS, PackVersion
from casekit.domain.vocabulary import CONFIDENCES
from casekit.errors import InvalidInput


def pack_version(
    pack_date: date, texts: Mapping[str, str], law_toml: str | None, rules_toml: str | None
) -> PackVersion:
    digest = hashlib.sha256()
    for name in PACK_FILES:
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(texts[name].encode("utf-8"))
        digest.update(b"\0")
    firm = [t for t in (law_toml, rules_toml) if t and t.strip()]
    for label, text in (("law.local.toml", law_toml), ("rules.local.toml", rules_toml)):
        if text and text.strip():
            digest.update(label.encode())
            digest.update(b"\0")
            digest.update(text.encode("utf-8"))
    return PackVersion(date=pack_date, digest=digest.hexdigest(), overridden=bool(firm))


def check_pack(pack: LawPack) -> None:
    """Every reference inside the pack names something the pack defines."""
    problems = [
        *_reach_problems(pack),
        *(
            f"actor {actor.kind}: unknown defendant kind {actor.defendant}"
            for actor in pack.actors.values()
            if actor.defendant not in pack.defendants
        ),
        *_claim_problems(pack),
        *_element_problems(pack),
        *(
            f"{where}: unknown confidence {word!r}"
            for where, word in _confidence_words(pack)
            if word not in CONFIDENCES
        ),
    ]
    if problems:
        raise InvalidInput("law pack: " + problems[0])


def _reach_problems(pack: LawPack) -> Iterator[str]:
    """The Reach table has one valid cell for every act and exception, and no other."""
    for act in pack.violations:
        for exc in pack.exceptions:
            if (act, exc) not in pack.reach:
                yield f"reach.csv has no cell for {act} / {exc}"
    for act, exc in pack.reach:
        if act not in pack.violations or exc not in pack.exceptions:
            yield f"reach.csv names an unknown act or exception: {act} / {exc}"
    for cell in pack.reach.values():
        if cell.effect not in REACH_EFFECTS or cell.confidence not in CONFIDENCES:
            yield f"reach.csv: {cell.act} / {cell.exception}: bad effect or confidence"


def _claim_problems(pack: LawPack) -> Iterator[str]:
    """Each claim names rules and defendant kinds the pack knows."""
    for claim in pack.claims.values():
        for rule_id in (claim.limitation, *claim.notices):
            if rule_id and rule_id not in pack.rules:
                yield f"claim {claim.id}: unknown rule {rule_id}"
        for kind in (*claim.against_kinds, *claim.not_against):
            if kind not in COUNT_DEFENDANTS:
                yield f"claim {claim.id}: unknown defendant kind {kind}"
        for kind in claim.requires_defendant:
            if kind not in pack.defendants:
                yield f"claim {claim.id}: unknown defendant kind {kind}"


def _element_problems(pack: LawPack) -> Iterator[str]:
    """Each element hint names a violation or exception (``NOT_`` negates one)."""
    known = {v.short for v in pack.violations.values()} | {
        e.short for e in pack.exceptions.values()
    }
    for code in pack.elements:
        if code.removeprefix("NOT_") not in known:
            yield f"elements.toml: unknown element {code}"


def _confidence_words(pack: LawPack) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for group in (
        pack.dates,
        pack.violations,
        pack.exceptions,
        pack.defendants,
        pack.actors,
        pack.claims,
        pack.settings,
        pack.felonies,
        pack.offenses_2025,
    ):
        for key, item in group.items():
            for f in fields(item):
                if f.name.endswith("confidence") and getattr(item, f.name):
                    out.append((f"{type(item).__name__} {key}", getattr(item, f.name)))
    return out
